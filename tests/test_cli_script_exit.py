"""The ``xiaojie`` script ends a printing command at once, with the output and code of ``main``."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import installed
from xiaojie.cli import _main, main


if TYPE_CHECKING:
    from collections.abc import Callable


def _script() -> list[str] | None:
    found = installed.script()
    return [str(found)] if found else None


RUNNERS: dict[str, Callable[[], list[str] | None]] = {
    "script": _script,
    "module": lambda: [sys.executable, "-m", "xiaojie"],
}

CASES = [
    ["status", "--as-of", "2025-08-01"],
    ["status", "--as-of", "2025-08-01", "--json"],
    ["overdue", "--as-of", "2025-08-01", "--lang", "en"],
    ["show", "--json"],
    ["unit", "自治区财政厅"],
    ["status", "--plan", "no-such-plan.toml"],
    ["status", "--as-of", "2025-02-30"],
    ["check-ledger", "tests/data/ledgers/households.csv", "--as-of", "2025-11-15"],
    ["check-ledger", "tests/data/ledgers/households.csv", "--as-of", "2025-11-15", "--json"],
]


def _in_process(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("runner", sorted(RUNNERS))
@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_script_prints_what_main_prints(runner: str, argv: list[str]) -> None:
    """Run as a script (which may end the process early), a command gives main's code, stdout, stderr."""
    prefix = RUNNERS[runner]()
    if prefix is None:
        pytest.skip("the xiaojie script is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    done = subprocess.run(  # noqa: S603 - our own command
        [*prefix, *argv], capture_output=True, text=True, env=env, check=False, timeout=300
    )
    assert (done.returncode, done.stdout, done.stderr) == _in_process(argv)


def test_script_output_through_a_closed_pipe() -> None:
    """A reader that stops early (``| head -1``) gets its line and the script ends without a traceback."""
    command = f"{sys.executable} -m xiaojie status --as-of 2025-08-01 --all | head -1"
    done = subprocess.run(  # noqa: S602 - a fixed command line of our own
        command, shell=True, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.stdout == "进展情况报告\n"
    assert "Traceback" not in done.stderr


def test_main_in_process_keeps_nothing() -> None:
    """Called in-process, main keeps no object past its return (only the script does)."""
    assert _in_process(["status", "--as-of", "2025-08-01"])[0] == 0
    assert _main._KEPT is None
