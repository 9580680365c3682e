"""Benchmark an XLSX household ledger read and checked, against python-calamine's bare read.

    python benchmarks/bench_xlsx.py                    # 50,000 rows, medians of 5 rounds
    python benchmarks/bench_xlsx.py --rows 20000 --repeats 3

Cases (each round runs every case once, in this order, so a change in the machine's load
touches all of them; medians over the rounds, after one warm-up round)
-------------------------------------------------------------------------------------------
calamine     ``CalamineWorkbook.from_path(...).get_sheet_by_index(0).to_python()``: the bare
             read, every cell a Python object (the baseline)
duckdb       ``check_columnar(path)``: read, validate every cell, apply every household rule,
             count findings by village (what ``xiaojie check-ledger`` runs; target: at most
             1.5x the baseline)
careful      the same with the fast read turned off: python-calamine cell by cell, the path
             taken when a sheet holds something the fast read does not reproduce exactly
objects      ``read_households`` + ``check`` (the object engine)
scan         the density scan alone (``dense_enough``), part of every case but the baseline
read         the columnar engine's read alone (scan, fastexcel, texts), no check

The workbook is the one ``bench_ledgers.py`` writes (a title row, shared strings, date-styled
serial numbers; cached under ``benchmarks/results/cache``). Results go to
``benchmarks/results/bench_xlsx.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).parent))

import bench_ledgers


RESULTS = Path(__file__).parent / "results"


def run_scan(path: Path) -> int:
    from xiaojie.ledgers._xlsx import dense_enough

    return int(dense_enough(path))


def run_read(path: Path) -> int:
    from xiaojie.ledgers._arrow import text_table
    from xiaojie.ledgers._read import _headers
    from xiaojie.ledgers._schema import schema_for

    schema = schema_for("households")
    table, _, _ = text_table(
        path, schema, _headers(schema.ledger, None), header_row=None, sheet=None, encoding=None
    )
    return int(table.num_rows)


def run_careful(path: Path) -> int:
    from xiaojie.ledgers import _arrow

    saved = _arrow.arrow_texts
    _arrow.arrow_texts = lambda *_, **__: None
    try:
        return bench_ledgers.run_xlsx_columnar(path)
    finally:
        _arrow.arrow_texts = saved


CASES = {
    "calamine": bench_ledgers.run_calamine,
    "duckdb": bench_ledgers.run_xlsx_columnar,
    "careful": run_careful,
    "objects": bench_ledgers.run_xlsx,
    "scan": run_scan,
    "read": run_read,
}


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the XLSX ledger read and check.")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    cases = [c for c in args.cases.split(",") if c]
    if "calamine" not in cases:
        cases.insert(0, "calamine")
    path = bench_ledgers.ensure_xlsx(args.rows)
    print(f"XLSX benchmark: {args.rows:,} rows, {args.repeats} rounds, {os.cpu_count()} cpus")
    values = {case: CASES[case](path) for case in cases}  # warm-up: imports, file cache
    wall: dict[str, list[float]] = {case: [] for case in cases}
    cpu: dict[str, list[float]] = {case: [] for case in cases}
    for _ in range(args.repeats):
        for case in cases:
            started, started_cpu = time.perf_counter(), time.process_time()
            CASES[case](path)
            wall[case].append(time.perf_counter() - started)
            cpu[case].append(time.process_time() - started_cpu)
    base = statistics.median(wall["calamine"])
    base_cpu = statistics.median(cpu["calamine"])
    rows = {}
    for case in cases:
        paired = [w / b for w, b in zip(wall[case], wall["calamine"], strict=True)]
        rows[case] = {
            "median_s": statistics.median(wall[case]),
            "cpu_median_s": statistics.median(cpu[case]),
            "ratio": statistics.median(wall[case]) / base,
            "cpu_ratio": statistics.median(cpu[case]) / base_cpu,
            "paired_ratio_median": statistics.median(paired),
            "runs": wall[case],
            "value": values[case],
        }
    print("\n| case | median s | ratio to calamine | median of paired ratios | CPU s | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for case, row in rows.items():
        print(
            f"| {case} | {row['median_s']:.2f} | {row['ratio']:.2f} | "
            f"{row['paired_ratio_median']:.2f} | {row['cpu_median_s']:.2f} | {row['cpu_ratio']:.2f} |"
        )
    load = os.getloadavg()
    result = {
        "rows": args.rows,
        "repeats": args.repeats,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average_at_end": load,
        "cases": rows,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_xlsx.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; wrote {out}")


if __name__ == "__main__":
    main()
