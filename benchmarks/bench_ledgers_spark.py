"""Benchmark the ledger rules on Spark (local mode) beside DuckDB, on the same Parquet ledger.

    python benchmarks/bench_ledgers_spark.py                   # 1e7 households, 3 repeats
    python benchmarks/bench_ledgers_spark.py --size 1e6 --master 'local[2]'
    python benchmarks/bench_ledgers_spark.py --size 1e6 --validated-only --repeats 1
    python benchmarks/bench_ledgers_spark.py --size 1e6 --validated-only --scan-settings

Cases (medians of ``--repeats`` runs after one warm-up, in the same run)
-----------------------------------------------------------------------
session      starting the SparkSession (JVM start included), measured once, apart from the rest
spark        ``check_columnar(path, engine="spark", validate=False)`` on the running session:
             the rules compiled to Spark SQL, counted by village
duckdb       the same check on DuckDB (``validate=False``), for comparison
hand         the hand-written DuckDB query of ``bench_ledgers.py``

With ``--validate`` two more cases read the generated ledger itself (Chinese headers, text
cells as written) and validate every row before the rules:

spark-validated   ``check_columnar(path, engine="spark", validate=True)``: the validation's
                  Ibis expressions compiled to Spark SQL, suspect rows judged in Python
duckdb-validated  the same on DuckDB (its own SQL validation, the default check)

With ``--scan-settings`` the validated Spark check also runs without the settings the library
gives its scan (filters left in place, no whole-stage code generation), the two taken in turn
in each round on the one session: ``spark-plain`` against ``spark-tuned``.

The Parquet ledger is the one ``bench_ledgers.py`` generates (Chinese headers); Spark reads a
typed copy with the canonical columns, written once by DuckDB and cached beside it. Results go
to ``benchmarks/results/bench_ledgers_spark.json``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).parent))

import bench_ledgers as base


def canonical(n: int) -> Path:
    """A copy of the generated ledger with the canonical typed columns (what a warehouse holds)."""
    import duckdb

    source = base.ensure_ledger(n)
    path = base.CACHE / f"households_{n}_canonical.parquet"
    if not path.exists():
        columns = {
            "户编号": "household_id",
            "县(市、区)": "county",
            "乡(镇)": "township",
            "行政村": "village",
            "户类型": "kind",
            "监测对象类别": "monitoring_category",
            "风险线索发现时间": "clue_on",
            "识别时间": "identified_on",
            "绿色通道": "fast_track",
            "帮扶措施1": "measure_1",
            "帮扶措施1开始时间": "measure_1_start",
            "风险消除时间": "eliminated_on",
            "风险消除方式": "elimination_mode",
            "人均纯收入": "income_per_capita",
            "家庭人口数": "size",
            "整户无劳动能力": "no_labour",
        }
        select = ", ".join(f'"{old}" AS {new}' for old, new in columns.items())
        duckdb.connect().execute(
            f"COPY (SELECT {select} FROM read_parquet('{source}')) TO '{path}' (FORMAT parquet)"  # noqa: S608 - own cache
        )
    return path


def run_engine(path: Path, engine: str, spark: object = None, *, validate: bool = False) -> int:
    from xiaojie.ledgers import check_columnar

    result = check_columnar(
        path,
        as_of=base.AS_OF,
        rules=base.household_rules(),
        engine=engine,
        spark=spark,
        validate=validate,
    )
    result.findings.by_place("village")
    return len(result.findings)


def compare_scan_settings(raw: Path, spark: object, repeats: int) -> dict[str, dict]:
    """The validated Spark check with and without its scan settings, in turn on one session.

    ``spark-plain`` runs the scan as Spark plans it by itself (filters pushed below the
    validation, whole-stage code generation attempted); ``spark-tuned`` as the library runs it.
    Each round times both, so a change in the machine's load touches both alike.
    """
    import contextlib
    import statistics

    from xiaojie.ledgers import _validate

    tuned = _validate._scan_settings  # noqa: SLF001 - the setting compared
    cases = {"spark-plain": lambda _: contextlib.nullcontext(), "spark-tuned": tuned}
    runs: dict[str, list[float]] = {name: [] for name in cases}
    values = {}
    try:
        for round_ in range(repeats + 1):  # the first round warms up
            for name, settings in cases.items():
                _validate._scan_settings = settings  # noqa: SLF001
                started = time.perf_counter()
                values[name] = run_engine(raw, "spark", spark, validate=True)
                if round_:
                    runs[name].append(time.perf_counter() - started)
                    print(f"  round {round_} {name}: {runs[name][-1]:.1f} s", flush=True)
    finally:
        _validate._scan_settings = tuned  # noqa: SLF001
    assert values["spark-plain"] == values["spark-tuned"], values
    return {
        name: {"median": statistics.median(times), "runs": times, "value": values[name]}
        for name, times in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the ledger rules on Spark.")
    parser.add_argument("--size", default="1e7")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--validate", action="store_true", help="also the validated checks")
    parser.add_argument(
        "--scan-settings",
        action="store_true",
        help="also the validated Spark check without its scan settings, rounds taken in turn",
    )
    parser.add_argument(
        "--validated-only",
        action="store_true",
        help="only the session start and the validated checks (implies --validate)",
    )
    args = parser.parse_args()
    n = int(float(args.size))
    path = canonical(n)

    started = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("xiaojie-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - started
    print(f"Spark session ({args.master}) started in {session:.1f} s", flush=True)

    skipped = {"median": None, "runs": [], "value": None}
    spark_run, duck_run, hand = skipped, skipped, skipped
    if not args.validated_only:
        spark_run = base.timed(run_engine, path, "spark", spark, repeats=args.repeats)
        print(f"  {n:,} rows: spark {spark_run['median']:.2f} s", flush=True)
        duck_run = base.timed(run_engine, path, "duckdb", repeats=args.repeats)
        print(f"  {n:,} rows: duckdb {duck_run['median']:.2f} s", flush=True)
        hand = base.timed(base.run_hand, base.ensure_ledger(n), repeats=args.repeats)
        print(f"  {n:,} rows: hand DuckDB SQL {hand['median']:.2f} s", flush=True)
        assert spark_run["value"] == duck_run["value"], (spark_run["value"], duck_run["value"])
    validated: dict[str, dict[str, object]] = {}
    if args.validate or args.validated_only:
        raw = base.ensure_ledger(n)
        for engine in ("spark", "duckdb"):
            validated[engine] = base.timed(
                functools.partial(run_engine, validate=True), raw, engine,
                spark if engine == "spark" else None, repeats=args.repeats,
            )  # fmt: skip
            print(
                f"  {n:,} rows: {engine} validated {validated[engine]['median']:.2f} s", flush=True
            )
        assert validated["spark"]["value"] == validated["duckdb"]["value"]
    if args.scan_settings:
        validated.update(compare_scan_settings(base.ensure_ledger(n), spark, args.repeats))
        plain, tuned = validated["spark-plain"]["median"], validated["spark-tuned"]["median"]
        print(f"  {n:,} rows: without the scan settings / with them {plain / tuned:.2f}x")
    spark.stop()

    results = {
        "rows": n,
        "master": args.master,
        "cpus": os.cpu_count(),
        "repeats": args.repeats,
        "session_start_s": session,
        "spark_s": spark_run["median"],
        "duckdb_s": duck_run["median"],
        "hand_duckdb_s": hand["median"],
        "findings": spark_run["value"],
        "runs": {"spark": spark_run["runs"], "duckdb": duck_run["runs"], "hand": hand["runs"]},
        **{f"{engine}_validated_s": run["median"] for engine, run in validated.items()},
        **{f"{engine}_validated_runs": run["runs"] for engine, run in validated.items()},
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    if not args.validated_only:
        print(
            f"\n| rows | Spark session start (s) | Spark check (s) | DuckDB check (s) | hand DuckDB (s) |"
            f"\n|---:|---:|---:|---:|---:|\n| {n:,} | {session:.1f} | {spark_run['median']:.2f} "
            f"| {duck_run['median']:.2f} | {hand['median']:.2f} |"
        )
    base.RESULTS.mkdir(parents=True, exist_ok=True)
    out = base.RESULTS / "bench_ledgers_spark.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
