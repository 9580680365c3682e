"""Time the key's scan of the DuckDB ledger check alone (``_scan.key_and_cells``).

One command: ``python benchmarks/bench_key_scan.py [full|key] [repeats]`` on the cached
10^7-row Parquet ledger of ``bench_ledgers.py`` (generate it there first). ``full`` reads the
key, identity and phone columns as the validated check does; ``key`` the key and its blank
test, as ``validate="needed"`` does. Prints wall and CPU seconds of each run and the peak
resident memory; run it with ``PYTHONPATH`` set to another checkout to compare.
"""

from __future__ import annotations

import inspect
import statistics
import sys
import time
from pathlib import Path

import duckdb

from xiaojie.ledgers import _scan
from xiaojie.ledgers._bytes import blank_suspects, id_number_suspects, phone_suspects


LEDGER = Path(__file__).parent / "results" / "cache" / "households_10000000.parquet"


def _text(column: str) -> object:
    """The column's cells as the check passes them (plain SQL for an older checkout)."""
    sql = f"nullif(\"{column}\", '')"
    text = getattr(_scan, "Text", None)
    return sql if text is None else text(sql, column)


KEY = _text("户编号")
CELLS = {
    "full": [
        (KEY, blank_suspects),
        (_text("联系电话"), phone_suspects),
        (_text("证件号码"), id_number_suspects),
    ],
    "key": [(KEY, blank_suspects)],
}


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "full"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET memory_limit = '1GB'")
    con.execute(
        "CREATE TEMP VIEW src AS SELECT * EXCLUDE (file_row_number), "  # noqa: S608 - own file
        f"file_row_number + 1 AS __row FROM read_parquet('{LEDGER}', file_row_number = true)"
    )
    total = con.execute("SELECT count(*) FROM src").fetchall()[0][0]
    # the file behind the view, for the Arrow reading (an older checkout has no such argument)
    takes = "parquet" in inspect.signature(_scan.key_and_cells).parameters
    where = {"parquet": str(LEDGER)} if takes else {}
    walls, cpus = [], []
    for _ in range(repeats + 1):  # the first run warms up (imports, file cache)
        started, started_cpu = time.perf_counter(), time.process_time()
        twice, failed = _scan.key_and_cells(con, "src", KEY, total, CELLS[mode], **where)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    peak = next(
        line.split()[1]
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(
        f"{mode}: wall {statistics.median(walls[1:]):.2f} s, CPU {statistics.median(cpus[1:]):.2f} s "
        f"(runs {', '.join(f'{w:.2f}' for w in walls[1:])}); {len(twice)} repeated hashes, "
        f"{len(failed)} failing cells; peak {int(peak) / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
