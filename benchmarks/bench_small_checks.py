"""Time many checks of small ledgers in one process, as a supervision system checking each village's
ledger does: the fixed cost of a check, not its scan.

One command: ``python benchmarks/bench_small_checks.py [checks] [repeats]`` checks the example
county ledger (``examples/county_ledger/households.csv``, 40 rows) ``checks`` times on the
DuckDB engine, the first check apart (it loads the libraries and compiles), and prints the
median wall and CPU time of a later check in each of ``repeats`` rounds, then the same with a new day for every
check (nothing compiled before can be used). Run it with ``PYTHONPATH`` set to another
checkout's ``src`` to compare, in the same sitting.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from xiaojie.ledgers import check_columnar


LEDGER = Path(__file__).parent.parent / "examples" / "county_ledger" / "households.csv"
DAY = dt.date(2025, 8, 1)


def _round(checks: int, *, new_day: bool) -> tuple[float, float]:
    """Median wall and CPU seconds of a check over ``checks`` checks."""
    wall, cpu = [], []
    for k in range(checks):
        day = DAY + dt.timedelta(days=k + 1) if new_day else DAY
        start, used = time.perf_counter(), time.process_time()
        check_columnar(LEDGER, as_of=day)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    checks = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    start = time.perf_counter()
    check_columnar(LEDGER, as_of=DAY)
    print(f"first check: {time.perf_counter() - start:.3f} s")
    for new_day in (False, True):
        medians = [_round(checks, new_day=new_day) for _ in range(repeats)]
        label = "a new day each check" if new_day else "the same day"
        shown = ", ".join(f"{w * 1000:.0f} / {c * 1000:.0f}" for w, c in medians)
        print(f"{label}: median of {checks} checks, {repeats} rounds, wall / CPU: {shown} ms")


if __name__ == "__main__":
    main()
