"""Headless Chromium for the page tests: found one way, run with one set of flags.

Debian's ``chromium`` is installed by ``.ci/system-packages``. Without it a page test is
skipped on a developer's machine and fails under CI (``CI=true``), so a missing browser is
never a silent pass there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest


if TYPE_CHECKING:
    from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def find() -> str | None:
    """The path of the first Chromium on PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require() -> str:
    """The browser's path; skip the test without one, or fail it under CI."""
    found = find()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("headless Chromium is required under CI; .ci/system-packages installs it")
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    return found


def run(browser: str, profile: Path, *args: str, url: str) -> tuple[str, str]:
    """Run headless Chromium once on ``url`` with a fresh profile; return (stdout, stderr)."""
    command = [browser, *FLAGS, f"--user-data-dir={profile}", *args, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603 - a fixed browser command
    return done.stdout, done.stderr


def dump_dom(browser: str, page: Path, profile: Path, *args: str) -> tuple[str, str]:
    """The DOM of a local page after its scripts ran, and Chromium's log."""
    return run(browser, profile, *args, "--dump-dom", url=page.as_uri())


def console_errors(stderr: str) -> list[str]:
    """The page's console errors as Chromium logs them ("Uncaught …", "CONSOLE … error")."""
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line and re.search(r"Uncaught|Error|error", line)
    ]
