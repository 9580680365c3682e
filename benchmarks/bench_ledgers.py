"""Benchmark the ledger rules: a validated check of 10^6-10^8 households, and an XLSX county ledger.

    python benchmarks/bench_ledgers.py                          # sizes 1e6,1e7
    python benchmarks/bench_ledgers.py --sizes 1e6,1e7,1e8 --repeats 3

Cases (medians of ``--repeats`` rounds after one warm-up each, all in the same run; a round
runs every case once in turn, so all cases meet the same load; the same process, the same
file, DuckDB's default threads; ratios are printed against the hand query of the same run)
-----------------------------------------------------------------------------
hand         one hand-written DuckDB query of the household rules over the Parquet file (the
             baseline; it validates nothing)
checked      ``check_columnar(path)``: read the Parquet file, validate every column of every
             row (GB 11643 check characters, phones, names, vocabularies, dates,
             contradictions, duplicate keys), apply every household rule, count findings by
             village (target at 10^7: at most 2x the hand query's time, 1.5x its memory)
needed       the same with ``validate="needed"``: only the columns the rules read
trusted      the same with ``validate=False`` (rules only)
handkeys     reference (``--in-process`` opt-in): the hand query, then the keys used twice by a
             hand-written ``GROUP BY ... HAVING count(*) > 1`` (what any check of duplicate keys adds)
handvalid    reference (opt-in): ``handkeys`` plus the key, identity (GB 11643 check character,
             birth date) and phone cells tested by hand-written SQL
memory       each of hand / checked / needed once more in a fresh process (imports included):
             its wall and CPU time and peak resident memory (target at 10^8: under 4 GB)
xlsx         read and check a 50,000-row XLSX county ledger (objects, and DuckDB as the command
             line does), next to python-calamine's bare read of the sheet (target: at most 1.5x)

Ledgers are generated in DuckDB (synthetic: valid GB 11643 check characters, ``100`` phones)
and cached under ``benchmarks/results/cache``; results go to
``benchmarks/results/bench_ledgers.json``. Spark is measured by ``bench_ledgers_spark.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape


HERE = Path(__file__).parent
RESULTS = HERE / "results"
CACHE = RESULTS / "cache"
AS_OF = dt.date(2025, 11, 15)
LINE = "8700"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


# -- generation ----------------------------------------------------------------------------


def _pick(words: list[str], h: str) -> str:
    quoted = ", ".join(f"'{w}'" for w in words)
    return f"[{quoted}][1 + CAST(({h}) % {len(words)} AS INTEGER)]"


def generation_sql(n: int, path: Path) -> str:
    """DuckDB SQL writing ``n`` synthetic households with Chinese ledger headers to Parquet."""
    first17 = "f17"
    total = " + ".join(
        f"CAST(substr({first17}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(WEIGHTS)
    )
    towns = [
        "豫海镇",
        "河西镇",
        "丁塘镇",
        "韦州镇",
        "下马关镇",
        "预旺镇",
        "王团镇",
        "田老庄乡",
        "马高庄乡",
        "张家塬乡",
        "兴隆乡",
    ]
    counties = [
        "同心县",
        "红寺堡区",
        "盐池县",
        "西吉县",
        "海原县",
        "原州区",
        "隆德县",
        "泾源县",
        "彭阳县",
    ]
    return f"""
    COPY (
      WITH r AS (
        SELECT i, hash(i) AS a, hash(i + 7777777777) AS b, hash(i * 3 + 11) AS c, hash(i * 5 + 13) AS d
        FROM range({n}) t(i)
      ), g AS (
        SELECT *,
          a % 100 < 20 AS monitored,
          DATE '2023-09-01' + CAST(b % 800 AS INTEGER) AS clue,
          CAST(CASE WHEN c % 10 = 0 THEN 16 + c % 25 ELSE c % 16 END AS INTEGER) AS wait,
          d % 100 < 55 AS eliminated,
          CAST(150 + d % 400 AS INTEGER) AS kept,
          '640324' || strftime(DATE '1940-01-01' + CAST(c % 21900 AS INTEGER), '%Y%m%d')
            || lpad(CAST(d % 1000 AS VARCHAR), 3, '0') AS f17
        FROM r
      )
      SELECT
        printf('64%02d%02d%010d', CAST(a % 9 AS INTEGER), CAST(b % 11 AS INTEGER), i) AS "户编号",
        {_pick(list("马杨李王丁田海张金苏白冯"), "a >> 8")} || {_pick(list("建秀玉志海文桂学淑永红国春德晓自"), "b >> 8")}
          || {_pick(list("国兰梅强燕军花成珍福忠明文"), "c >> 8")} AS "户主姓名",
        f17 || substr('10X98765432', (({total}) % 11) + 1, 1) AS "证件号码",
        '100' || lpad(CAST(d % 100000000 AS VARCHAR), 8, '0') AS "联系电话",
        {_pick(counties, "a >> 16")} AS "县(市、区)",
        {_pick(towns, "b >> 16")} AS "乡(镇)",
        'V' || lpad(CAST(c % 40 AS VARCHAR), 2, '0') || '村' AS "行政村",
        CASE WHEN a % 10 < 7 THEN '脱贫户' ELSE '一般农户' END AS "户类型",
        CASE WHEN NOT monitored THEN NULL WHEN a % 10 < 7 THEN '脱贫不稳定户' ELSE '边缘易致贫户' END AS "监测对象类别",
        CASE WHEN monitored THEN {_pick(["因病", "因残", "因学", "因自然灾害", "缺劳动力"], "d >> 8")} END AS "致贫返贫风险1",
        CASE WHEN monitored THEN clue END AS "风险线索发现时间",
        CASE WHEN monitored AND clue + wait <= DATE '2025-11-14' THEN clue + wait END AS "识别时间",
        monitored AND b % 20 = 0 AS "绿色通道",
        CASE WHEN monitored AND c % 20 <> 0 THEN '产业帮扶' END AS "帮扶措施1",
        CASE WHEN monitored AND c % 20 <> 0 THEN clue + wait + CAST(d % 20 AS INTEGER) END AS "帮扶措施1开始时间",
        CASE WHEN monitored AND eliminated AND clue + wait + kept <= DATE '2025-11-14' THEN clue + wait + kept END AS "风险消除时间",
        CASE WHEN monitored AND eliminated AND clue + wait + kept <= DATE '2025-11-14' THEN '帮扶后消除' END AS "风险消除方式",
        CAST((6000 + d % 1000000 / 100.0) AS DECIMAL(18,2)) AS "人均纯收入",
        CAST(1 + c % 8 AS INTEGER) AS "家庭人口数",
        a % 100 = 99 AS "整户无劳动能力"
      FROM g
    ) TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)
    """  # noqa: S608 - generated from constants


def ensure_ledger(n: int) -> Path:
    """Return the cached Parquet ledger of ``n`` households, generating it if needed."""
    import duckdb

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"households_{n}.parquet"
    if not path.exists():
        started = time.perf_counter()
        tmp = path.with_suffix(".tmp.parquet")
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        con.execute(generation_sql(n, tmp))
        tmp.replace(path)
        print(
            f"  generated {n:,} households in {time.perf_counter() - started:.1f} s -> {path}",
            flush=True,
        )
    return path


# -- the hand-written query ----------------------------------------------------------------


def hand_sql(path: Path) -> str:
    """The household rules written by hand, as one query over the Parquet file."""
    return f"""
    SELECT "户编号" AS subject, "县(市、区)" AS county, "乡(镇)" AS township, "行政村" AS village,
      NOT "绿色通道" AND "识别时间" <= DATE '{AS_OF}' AND "识别时间" - "风险线索发现时间" > 15 AS late,
      NOT "绿色通道" AND "风险线索发现时间" <= DATE '{AS_OF}' - 16
        AND ("识别时间" IS NULL OR "识别时间" > DATE '{AS_OF}') AS pending,
      "绿色通道" AND "帮扶措施1开始时间" <= DATE '{AS_OF}'
        AND "帮扶措施1开始时间" - "风险线索发现时间" > 15 AS late_measure,
      "绿色通道" AND "风险线索发现时间" <= DATE '{AS_OF}' - 16
        AND ("帮扶措施1开始时间" IS NULL OR "帮扶措施1开始时间" > DATE '{AS_OF}') AS pending_measure,
      "识别时间" <= DATE '2024-11-15'
        AND ("风险消除时间" IS NULL OR "风险消除时间" > DATE '{AS_OF}') AS unresolved,
      "风险消除时间" <= DATE '{AS_OF}' AND "风险消除时间" < "识别时间" + INTERVAL 6 MONTH AS too_early,
      "风险消除时间" <= DATE '{AS_OF}'
        AND NOT coalesce("帮扶措施1开始时间" <= "风险消除时间", false) AS no_measure,
      "风险消除时间" <= DATE '{AS_OF}' AND "人均纯收入" <= {LINE} AS income,
      "风险消除时间" <= DATE '{AS_OF}' AND "整户无劳动能力" AS no_labour,
      "识别时间" - "风险线索发现时间" AS days
    FROM read_parquet('{path}')
    WHERE late OR pending OR late_measure OR pending_measure OR unresolved OR too_early
      OR no_measure OR income OR no_labour
    """  # noqa: S608 - the benchmark's own file


# -- cases ---------------------------------------------------------------------------------


def household_rules():
    from xiaojie.ledgers import EliminationIncomeNotAboveLine, rules_for

    rules = [r for r in rules_for("households") if not isinstance(r, EliminationIncomeNotAboveLine)]
    return [*rules, EliminationIncomeNotAboveLine(monitoring_line=LINE)]


def run_check(path: Path, *, validate: object = True) -> int:
    from xiaojie.ledgers import check_columnar

    result = check_columnar(path, as_of=AS_OF, rules=household_rules(), validate=validate)
    result.findings.by_place("village")
    return len(result.findings) + len(result.report.issues)


def run_needed(path: Path) -> int:
    return run_check(path, validate="needed")


def run_trusted(path: Path) -> int:
    return run_check(path, validate=False)


def run_hand(path: Path) -> int:
    import duckdb

    return duckdb.connect().sql(hand_sql(path)).to_arrow_table().num_rows


def repeated_keys_sql(path: Path) -> str:
    """The keys used more than once, written by hand (the least a validated check adds)."""
    return f"""
    SELECT "户编号" FROM read_parquet('{path}') WHERE "户编号" IS NOT NULL
    GROUP BY 1 HAVING count(*) > 1
    """  # noqa: S608 - the benchmark's own file


def bad_cells_sql(path: Path) -> str:
    """The rows whose key, identity number or phone fails, written by hand in SQL."""
    digits = " + ".join(
        f'CAST(substr("证件号码", {i + 1}, 1) AS INTEGER) * {w}' for i, w in enumerate(WEIGHTS)
    )
    return f"""
    SELECT "户编号", "证件号码", "联系电话" FROM read_parquet('{path}')
    WHERE "户编号" IS NULL OR trim("户编号") = ''
      OR NOT coalesce(
        regexp_full_match("证件号码", '[0-9]{{17}}[0-9X]')
        AND try_strptime(substr("证件号码", 7, 8), '%Y%m%d') IS NOT NULL
        AND substr('10X98765432', (({digits}) % 11) + 1, 1) = substr("证件号码", 18, 1), false)
      OR NOT coalesce(regexp_full_match("联系电话", '[0-9][0-9-]{{4,19}}'), true)
    """  # noqa: S608 - the benchmark's own file


def run_hand_keys(path: Path) -> int:
    """The hand query, then the repeated keys by hand: no cell is validated."""
    import duckdb

    con = duckdb.connect()
    rows = con.sql(hand_sql(path)).to_arrow_table().num_rows
    return rows + len(con.sql(repeated_keys_sql(path)).fetchall())


def run_hand_valid(path: Path) -> int:
    """The hand query, the repeated keys and the key, identity and phone cells tested by hand."""
    import duckdb

    con = duckdb.connect()
    rows = con.sql(hand_sql(path)).to_arrow_table().num_rows
    rows += len(con.sql(repeated_keys_sql(path)).fetchall())
    return rows + len(con.sql(bad_cells_sql(path)).fetchall())


CASES = {
    "hand": run_hand,
    "checked": run_check,
    "needed": run_needed,
    "trusted": run_trusted,
    "handkeys": run_hand_keys,
    "handvalid": run_hand_valid,
}


def timed(function, *args, repeats: int) -> dict:
    """Median of ``repeats`` runs after one untimed warm-up run (imports, file cache)."""
    times, cpu = [], []
    value = function(*args)
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        value = function(*args)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "cpu_median": statistics.median(cpu),
        "runs": times,
        "value": value,
    }


def interleaved(names: list[str], path: Path, *, repeats: int) -> dict[str, dict]:
    """Medians of ``repeats`` rounds, each round running every case once in turn.

    Each case is warmed up once first (imports, file cache); taking the cases in turn within
    a round puts them under the same load when the machine's load changes during the run.
    """
    for name in names:
        CASES[name](path)
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(repeats):
        for name in names:
            started, started_cpu = time.perf_counter(), time.process_time()
            CASES[name](path)
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    return {
        name: {
            "median": statistics.median(times[name]),
            "cpu_median": statistics.median(cpu[name]),
            "runs": times[name],
        }
        for name in names
    }


def memory_of(case: str, path: Path) -> dict:
    """Run one case in a fresh process; return its own peak resident memory and time."""
    out = subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--child", case, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def child(case: str, path: Path) -> None:
    """Run one case from a cold start (imports included); print its time and peak memory."""
    started, started_cpu = time.perf_counter(), time.process_time()
    CASES[case](path)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    print(json.dumps({"peak_rss_mib": peak_rss_mib(), "seconds": elapsed, "cpu_seconds": cpu}))


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    parent across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- XLSX ----------------------------------------------------------------------------------


def _column(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(65 + rest) + name
    return name


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    """A minimal XLSX as spreadsheet programs save it: dimension, shared strings, date serials."""
    strings: dict[str, int] = {}
    epoch = dt.date(1899, 12, 30)
    width = max(len(row) for row in rows)
    sheet = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{_column(c)}{r}"
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            elif isinstance(value, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="监测对象" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        )
        items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><dimension ref="A1:{_column(width - 1)}{len(rows)}"/>'
            f"<sheetData>{''.join(sheet)}</sheetData></worksheet>",
        )


def ensure_xlsx(rows: int) -> Path:
    """A county ledger of ``rows`` households as XLSX (from the generated Parquet data)."""
    import duckdb

    path = CACHE / f"county_{rows}.xlsx"
    if path.exists():
        return path
    source = ensure_ledger(100_000)
    table = (
        duckdb.connect()
        .sql(f"SELECT * FROM read_parquet('{source}') LIMIT {rows}")  # noqa: S608 - own cache
        .to_arrow_table()
    )
    header = list(table.column_names)
    body = [[_cell(v) for v in row.values()] for row in table.to_pylist()]
    write_xlsx(path, [["同心县防止返贫致贫监测对象台账"], header, *body])
    return path


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return None
    if isinstance(value, dt.date | str | int):
        return value
    return float(value)


def run_xlsx(path: Path) -> int:
    from xiaojie.ledgers import check, read_households

    read = read_households(path)
    found = check(read.rows, as_of=AS_OF, rules=household_rules())
    found.by_place("village")
    return len(found)


def run_xlsx_columnar(path: Path) -> int:
    from xiaojie.ledgers import check_columnar

    result = check_columnar(path, as_of=AS_OF, rules=household_rules())
    result.findings.by_place("village")
    return len(result.findings) + len(result.report.issues)


def run_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    workbook.close()
    return len(rows)


# -- main ----------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part]


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the ledger rules.")
    parser.add_argument("--sizes", default="1e6,1e7")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--in-process", default="hand,checked,needed,trusted")
    parser.add_argument(
        "--fresh", default="hand,checked,needed", help="cases run once in a fresh process"
    )
    parser.add_argument("--output", help="result file name under benchmarks/results/")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return

    import duckdb

    sizes = parse_sizes(args.sizes)
    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "duckdb": duckdb.__version__,
        },
        "as_of": AS_OF.isoformat(),
        "repeats": args.repeats,
        "cases": [],
    }
    print(f"ledger benchmark: sizes {sizes}, {args.repeats} repeats, {os.cpu_count()} cpus")
    for n in sizes:
        path = ensure_ledger(n)
        row: dict = {
            "rows": n,
            "seconds": {},
            "cpu_seconds": {},
            "runs": {},
            "peak_rss_mib": {},
            "fresh_process_seconds": {},
        }
        names = list(filter(None, args.in_process.split(",")))
        for case, measured in interleaved(names, path, repeats=args.repeats).items():
            row["seconds"][case] = measured["median"]
            row["cpu_seconds"][case] = measured["cpu_median"]
            row["runs"][case] = measured["runs"]
            print(
                f"  {n:>11,} rows: {case} {measured['median']:.2f} s "
                f"(CPU {measured['cpu_median']:.2f} s)",
                flush=True,
            )
        for case in filter(None, args.fresh.split(",")):
            fresh = memory_of(case, path)
            row["peak_rss_mib"][case] = fresh["peak_rss_mib"]
            row["fresh_process_seconds"][case] = fresh["seconds"]
            row.setdefault("fresh_process_cpu_seconds", {})[case] = fresh["cpu_seconds"]
            print(
                f"  {n:>11,} rows: {case} in a fresh process {fresh['seconds']:.2f} s "
                f"(CPU {fresh['cpu_seconds']:.2f} s), "
                f"peak {fresh['peak_rss_mib']:.0f} MiB",
                flush=True,
            )
        results["cases"].append(row)
    if not args.skip_xlsx:
        path = ensure_xlsx(args.xlsx_rows)
        bare = timed(run_calamine, path, repeats=args.repeats)
        both = timed(run_xlsx, path, repeats=args.repeats)
        duck = timed(run_xlsx_columnar, path, repeats=args.repeats)
        results["xlsx"] = {
            "rows": args.xlsx_rows,
            "calamine_s": bare["median"],
            "read_and_check_s": both["median"],
            "ratio": both["median"] / bare["median"],
            "columnar_s": duck["median"],
            "columnar_ratio": duck["median"] / bare["median"],
            "runs": {
                "calamine": bare["runs"],
                "read_and_check": both["runs"],
                "columnar": duck["runs"],
            },
        }
        print(
            f"  XLSX {args.xlsx_rows:,} rows: calamine {bare['median']:.2f} s, "
            f"objects {both['median']:.2f} s, DuckDB {duck['median']:.2f} s"
        )

    print_table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / (args.output or "bench_ledgers.json")
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")


def print_table(results: dict) -> None:
    print(
        "\n| rows | hand SQL (s) | checked (s) | checked / hand | needed (s) | needed / hand "
        "| trusted (s) | peak MiB hand / checked / needed | checked growth |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|")
    previous = None
    for row in results["cases"]:
        t, m = row["seconds"], row["peak_rss_mib"]
        hand = t.get("hand", float("nan"))
        growth = ""
        if previous is not None and "checked" in t and "checked" in previous["seconds"]:
            growth = (
                f"x{t['checked'] / previous['seconds']['checked']:.1f} time, "
                f"x{m['checked'] / previous['peak_rss_mib']['checked']:.1f} memory "
                f"for x{row['rows'] / previous['rows']:.0f} rows"
            )
        print(
            f"| {row['rows']:,} | {hand:.2f} | {t.get('checked', float('nan')):.2f} "
            f"| {t.get('checked', float('nan')) / hand:.2f} | {t.get('needed', float('nan')):.2f} "
            f"| {t.get('needed', float('nan')) / hand:.2f} | {t.get('trusted', float('nan')):.2f} "
            f"| {m.get('hand', 0):.0f} / {m.get('checked', 0):.0f} / {m.get('needed', 0):.0f} | {growth} |"
        )
        previous = row
    print(
        "\nRatios to the hand query of the same run (targets at 10^7: checked <= 2x time, "
        "<= 1.5x peak memory)"
    )
    print(
        "| rows | case | in process, wall | in process, CPU | fresh process, wall | peak memory |"
    )
    print("|---:|---|---:|---:|---:|---:|")
    for row in results["cases"]:
        t, c, m = row["seconds"], row["cpu_seconds"], row["peak_rss_mib"]
        f = row["fresh_process_seconds"]
        for case in ("checked", "needed", "trusted", "handkeys", "handvalid"):
            cells = [
                _ratio(t, case), _ratio(c, case), _ratio(f, case), _ratio(m, case),
            ]  # fmt: skip
            if any(cells):
                print(f"| {row['rows']:,} | {case} | {' | '.join(cells)} |")
    if "xlsx" in results:
        x = results["xlsx"]
        print(
            f"\nXLSX county ledger, {x['rows']:,} rows: python-calamine bare read "
            f"{x['calamine_s']:.2f} s; read and check with objects {x['read_and_check_s']:.2f} s "
            f"(x{x['ratio']:.2f}), with DuckDB {x['columnar_s']:.2f} s (x{x['columnar_ratio']:.2f})"
        )


def _ratio(figures: dict, case: str) -> str:
    if case not in figures or not figures.get("hand"):
        return ""
    return f"{figures[case]:.2f} / {figures['hand']:.2f} = x{figures[case] / figures['hand']:.2f}"


if __name__ == "__main__":
    main()
