"""The installed ``xiaojie`` command, for tests that run it as a user would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def script() -> str | None:
    """The ``xiaojie`` script beside this Python (the test environment's), else on PATH."""
    found = shutil.which("xiaojie", path=str(Path(sys.executable).parent))
    return found or shutil.which("xiaojie")
