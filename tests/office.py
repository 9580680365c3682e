"""LibreOffice for the tests that convert a file: found one way, run with one set of flags.

LibreOffice is installed by ``.ci/system-packages``. Without it such a test is skipped on a
developer's machine and fails under CI (``CI=true``), so a missing program is never a silent
pass there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest


if TYPE_CHECKING:
    from pathlib import Path


def soffice() -> str:
    """Return LibreOffice's program; skip the test without it (fail it under CI)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is required under CI")
        pytest.skip("LibreOffice is not installed")
    return found


def convert(source: Path, target: str, out: Path, profile: Path) -> Path:
    """Convert ``source`` to ``target`` (``pdf``, ``odt`` …) into ``out``; return the new file."""
    subprocess.run(  # noqa: S603 - a fixed LibreOffice command
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / f"{source.stem}.{target}"
