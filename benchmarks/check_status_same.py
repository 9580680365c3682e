"""Check: ``xiaojie status`` prints the same bytes as another copy of xiaojie (its ``src``).

Run from the repository root::

    python benchmarks/check_status_same.py --baseline-src /tmp/old/src [--big PLAN.toml]

Runs ``status`` (text, ``--json``, ``--all``, ``--lang en``, ``--unit``) and ``overdue`` on the
bundled plan, and ``status`` (text and ``--json``) on ``--big`` when given (a large plan file,
e.g. the one ``bench_scale.py`` writes), with this checkout's ``xiaojie`` script and with the
baseline's command line in a fresh process each; prints each case and exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path


_CLI = "import sys; from xiaojie.cli import main; sys.exit(main(sys.argv[1:]))"
AS_OF = ["--as-of", "2025-08-01"]


def cases(big: str | None) -> list[list[str]]:
    """Return the command lines compared."""
    found = [
        ["status", *AS_OF],
        ["status", *AS_OF, "--json"],
        ["status", *AS_OF, "--all"],
        ["status", *AS_OF, "--lang", "en"],
        ["status", *AS_OF, "--unit", "自治区财政厅"],
        ["status", *AS_OF, "--unit", "自治区财政厅", "--json"],
        ["status", "--as-of", "2025-12-31", "--all"],
        ["overdue", *AS_OF],
        ["overdue", *AS_OF, "--json"],
    ]
    if big is not None:
        found += [
            ["status", "--plan", big, *AS_OF],
            ["status", "--plan", big, *AS_OF, "--json"],
            ["status", "--plan", big, *AS_OF, "--unit", "单位7"],
        ]
    return found


def output(command: list[str], env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Return the exit code, stdout and stderr of ``command``."""
    done = subprocess.run(command, capture_output=True, env=env, check=False)  # noqa: S603
    return done.returncode, done.stdout, done.stderr


def main() -> int:
    """Compare every case; return 1 if any differs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline-src", required=True, metavar="DIR")
    parser.add_argument("--big", metavar="PLAN", help="a large plan file to compare on too")
    args = parser.parse_args()
    script = [str(Path(sys.executable).with_name("xiaojie"))]
    old = [sys.executable, "-c", _CLI]
    env = {**os.environ, "PYTHONPATH": args.baseline_src}
    failed = 0
    for case in cases(args.big):
        now, before = output([*script, *case]), output([*old, *case], env)
        same = now == before
        failed += not same
        digest = hashlib.sha256(now[1]).hexdigest()[:12]
        print(
            f"{'same' if same else 'DIFFERENT':9s} {len(now[1]):>10,d} B {digest} {' '.join(case)}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
