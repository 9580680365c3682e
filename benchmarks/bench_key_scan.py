"""Time the key's scan of the DuckDB ledger check alone (``_scan.key_and_cells``).

One command: ``python benchmarks/bench_key_scan.py [full|key] [repeats]`` on the cached
10^7-row Parquet ledger of ``bench_ledgers.py`` (generate it there first). ``full`` reads the
key, identity and phone columns as the validated check does; ``key`` the key and its blank
test, as ``validate="needed"`` does. Prints wall and CPU seconds of each run and the peak
resident memory; run it with ``PYTHONPATH`` set to another checkout to compare.

``python benchmarks/bench_key_scan.py cells [repeats]`` times the cell tests alone on 2*10^6
generated cells of several shapes (ASCII keys, keys of Chinese characters, mobile and landline
numbers): the median time of a call and its peak of Python-allocated memory (tracemalloc).
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


def cells(repeats: int) -> None:
    """Time the blank and phone tests on 2*10^6 cells of each shape."""
    import tracemalloc

    import pyarrow as pa

    n = 2_000_000
    shapes = [
        ("keys H000…", blank_suspects, [f"H{i:015d}" for i in range(n)]),
        ("keys 同心县兴隆乡…", blank_suspects, [f"同心县兴隆乡{i:07d}" for i in range(n)]),
        ("mobiles 139…", phone_suspects, [f"139{i:08d}" for i in range(n)]),
        ("landlines 0951-…", phone_suspects, [f"0951-{i:07d}" for i in range(n)]),
    ]
    for label, test, values in shapes:
        column = pa.array(values)
        test(column)  # warm up
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            test(column)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        test(column)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{label}: {statistics.median(times) * 1000:.0f} ms, peak {peak / 2**20:.0f} MiB")


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "full"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if mode == "cells":
        cells(max(repeats, 1))
        return
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
