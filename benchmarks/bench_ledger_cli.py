"""Benchmark the command line on a large CSV household ledger: ``xiaojie check-ledger file.csv``.

    python benchmarks/bench_ledger_cli.py                       # 10^6 rows, 3 runs each
    python benchmarks/bench_ledger_cli.py --rows 1e5 --repeats 5 --objects

Target (issue #11): the command on a 10^6-row CSV ledger in under 5 s with peak memory under
1 GB, the columnar engine chosen by itself (no ``--engine``) and the CSV read by the engine.

Cases (each run is a fresh process; medians of ``--repeats`` runs after one warm-up run)
-----------------------------------------------------------------------------------------------
hand      the baseline: a fresh Python process that imports DuckDB, reads the CSV with DuckDB's
          own reader and runs the hand-written query of the household rules
          (``bench_ledgers.hand_sql``); it validates and masks nothing
json      ``xiaojie check-ledger FILE --as-of 2025-11-15 --json`` (output to /dev/null)
text      the same without ``--json``: the ledger report as aligned text
out       ``--out findings.csv`` (the findings written, the report on the screen)
objects   with ``--objects``: the same command with ``--engine objects`` (one run)
before    with ``--before DIR``: the json case with ``PYTHONPATH=DIR`` (the ``src`` folder of an
          earlier checkout, e.g. ``git archive 0710313 src | tar -x -C /tmp/before``); ``--before``
          may be given more than once (cases ``before``, ``before2`` …)
before-text  the same for the text case
same      with ``--before DIR``: whether the json and text cases print the same bytes as the
          earlier checkout (one more run of each; the run fails when they differ)

For each: wall time, CPU time (user + system, all threads) and the process's peak resident
memory (``ru_maxrss`` of that child alone, from ``os.wait4``). The CSV is generated from the
Parquet ledger of ``bench_ledgers.py`` (synthetic: valid GB 11643 check characters, flags as
是/否) and cached under ``benchmarks/results/cache``; results go to
``benchmarks/results/bench_ledger_cli.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path


HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_ledgers import AS_OF, CACHE, RESULTS, ensure_ledger, hand_sql  # noqa: E402


def ensure_csv(n: int) -> Path:
    """Return the cached CSV ledger of ``n`` households (written from the Parquet one)."""
    import duckdb

    path = CACHE / f"households_{n}.csv"
    if path.exists():
        return path
    parquet = ensure_ledger(n)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    described = con.sql(f"SELECT * FROM read_parquet('{parquet}') LIMIT 0")  # noqa: S608
    columns = [
        f"CASE WHEN \"{c}\" THEN '是' ELSE '否' END AS \"{c}\"" if str(t) == "BOOLEAN" else f'"{c}"'
        for c, t in zip(described.columns, described.types, strict=True)
    ]
    tmp = path.with_suffix(".tmp.csv")
    con.execute(
        f"COPY (SELECT {', '.join(columns)} FROM read_parquet('{parquet}')) "  # noqa: S608
        f"TO '{tmp}' (HEADER, DELIMITER ',')"
    )
    tmp.replace(path)
    return path


def hand_script(path: Path) -> str:
    """The baseline's program: DuckDB reads the CSV and runs the hand-written rules."""
    query = hand_sql(path).replace(f"read_parquet('{path}')", f"read_csv('{path}')")
    return (
        "import duckdb\n"
        "con = duckdb.connect()\n"
        "con.execute('SET enable_progress_bar = false')\n"
        f"print(con.sql({query!r}).to_arrow_table().num_rows)\n"
    )


def command(case: str, path: Path, folder: Path) -> list[str]:
    """The argument vector of one case."""
    if case == "hand":
        return [sys.executable, "-c", hand_script(path)]
    argv = [sys.executable, "-m", "xiaojie", "check-ledger", str(path), "--as-of", str(AS_OF)]
    if case == "json":
        return [*argv, "--json"]
    if case == "out":
        return [*argv, "--out", str(folder / "findings.csv")]
    if case == "objects":
        return [*argv, "--engine", "objects", "--json"]
    return argv


def run_once(argv: list[str], src: str | None = None, out: Path | None = None) -> dict[str, float]:
    """Run ``argv`` in a fresh process; return its wall time, CPU time and peak memory.

    Its output goes to ``out`` when given (else nowhere).
    """
    env = dict(os.environ, PYTHONPATH=src) if src else None
    started = time.perf_counter()
    with (out or Path(os.devnull)).open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, env=env)  # noqa: S603
        assert process.stderr is not None
        err = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in {0, 1}:  # 1: findings were reported
        raise SystemExit(f"{argv[:4]} failed with {code}: {err.decode()[-2000:]}")
    process.returncode = code
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
    }


def measure(argv: list[str], repeats: int, src: str | None = None) -> dict[str, object]:
    """Medians of ``repeats`` runs after one warm-up run (file cache, compiled modules)."""
    run_once(argv, src)
    runs = [run_once(argv, src) for _ in range(repeats)]
    return {
        "wall_median": statistics.median(r["wall"] for r in runs),
        "cpu_median": statistics.median(r["cpu"] for r in runs),
        "peak_mib_max": max(r["peak_mib"] for r in runs),
        "runs": runs,
    }


def same_output(path: Path, folder: Path, before: str) -> dict[str, bool]:
    """Whether the json and text cases print the same bytes now as with the ``before`` sources."""
    same = {}
    for case in ("json", "text"):
        now, then = folder / f"{case}-now.out", folder / f"{case}-before.out"
        run_once(command(case, path, folder), out=now)
        run_once(command(case, path, folder), before, out=then)
        same[case] = now.read_bytes() == then.read_bytes()
        now.unlink()
        then.unlink()
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1e6", help="households in the ledger (default 1e6)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--objects", action="store_true", help="also time --engine objects")
    parser.add_argument(
        "--before", action="append", default=[], help="also time with this src folder first"
    )
    args = parser.parse_args()
    n = int(float(args.rows))
    path = ensure_csv(n)
    folder = RESULTS / "cli"
    folder.mkdir(parents=True, exist_ok=True)
    cases = ["hand", "json", "text", "out"]
    results: dict[str, object] = {
        "rows": n,
        "file_mib": path.stat().st_size / 2**20,
        "python": platform.python_version(),
        "load_before": os.getloadavg(),
        "cases": {},
    }
    for case in cases:
        print(f"  {case} …", flush=True)
        results["cases"][case] = measure(command(case, path, folder), args.repeats)  # type: ignore[index]
    results["same"] = {}
    for k, folder_before in enumerate(args.before, start=1):
        before = str(Path(folder_before).resolve())
        name = "before" if k == 1 else f"before{k}"
        print(f"  {name} ({folder_before}) …", flush=True)
        results["cases"][name] = measure(  # type: ignore[index]
            command("json", path, folder), args.repeats, before
        )
        results["cases"][f"{name}-text"] = measure(  # type: ignore[index]
            command("text", path, folder), args.repeats, before
        )
        results["same"][folder_before] = same_output(path, folder, before)  # type: ignore[index]
    if args.objects:
        print("  objects …", flush=True)
        results["cases"]["objects"] = measure(command("objects", path, folder), 1)  # type: ignore[index]
    results["load_after"] = os.getloadavg()
    (RESULTS / "bench_ledger_cli.json").write_text(json.dumps(results, indent=2))
    base = results["cases"]["hand"]  # type: ignore[index]
    print(f"{n:,} rows, {results['file_mib']:.0f} MiB CSV; load {results['load_before'][0]:.1f}")
    print(f"{'case':12} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'wall/hand':>9}")
    for case, r in results["cases"].items():  # type: ignore[attr-defined]
        ratio = r["wall_median"] / base["wall_median"]
        print(
            f"{case:12} {r['wall_median']:8.2f} {r['cpu_median']:8.2f} "
            f"{r['peak_mib_max']:9.0f} {ratio:9.1f}"
        )
    print(f"load after {results['load_after'][0]:.1f}")
    for folder_before, same in results["same"].items():  # type: ignore[attr-defined]
        print(f"same output as {folder_before}: {same}")
        if not all(same.values()):
            raise SystemExit("the output differs from the earlier checkout's")


if __name__ == "__main__":
    main()
