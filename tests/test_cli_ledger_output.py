"""check-ledger prints and writes the same bytes whichever engine checked the file.

The object engine builds a :class:`~xiaojie.ledgers.Finding` per finding and takes its record;
a table engine makes the records straight from its result table (texts once per distinct
piece of evidence, each distinct value masked once). The text, the ``--json`` output and every
``--out`` file must not tell them apart, on ledgers with faults and with ID numbers, phones
and names in the wrong columns: DuckDB's and (in local mode, on the test session's one
SparkSession) Spark's output equal the object engine's byte for byte.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_leaks import ledger_rows
from xiaojie._privacy import names_scope
from xiaojie.cli import main
from xiaojie.io import load_plan
from xiaojie.ledgers import check_columnar
from xiaojie.render import plan_unit_name


pytest.importorskip("duckdb")
# Py4J (the Spark runs) leaves its sockets to the garbage collector; that is PySpark's business.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)

SLOW = settings(
    max_examples=max(5, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
OUT = ("csv", "json", "xlsx")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "county_ledger"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """Write ``rows`` (the header first) as a UTF-8 CSV ledger."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def outputs(capsys, folder: Path, files: list[Path], engine: str, as_of: dt.date) -> dict:
    """What check-ledger prints (text, --json) and writes (--out in each format) with ``engine``."""
    base = ["check-ledger", *map(str, files), "--as-of", as_of.isoformat(), "--engine", engine]
    seen: dict[str, object] = {}
    for mode in ("text", "json"):
        argv = [*base, "--json"] if mode == "json" else base
        for fmt in OUT:
            out = folder / f"{engine}-{mode}.{fmt}"
            code = main([*argv, "--out", str(out)])
            printed, err = capsys.readouterr()
            seen[f"{mode} code"] = code
            seen[mode] = printed.replace(f'"engine": "{engine}"', '"engine": "?"')
            seen[f"{mode} stderr"] = err.replace(str(out), "OUT")
            seen[f"{mode}.{fmt}"] = out.read_bytes() if out.exists() else None
    return seen


def assert_same_bytes(
    capsys, folder: Path, files: list[Path], as_of: dt.date, engine: str = "duckdb"
) -> dict:
    """``engine`` prints and writes the very bytes the object engine does; return the latter's."""
    objects = outputs(capsys, folder, files, "objects", as_of)
    other = outputs(capsys, folder, files, engine, as_of)
    assert objects.keys() == other.keys()
    for key, value in objects.items():
        assert value == other[key], key
    return objects


@pytest.fixture(params=["duckdb", "spark"])
def engine(request) -> str:
    """Each table engine in turn; Spark on the test session's one local SparkSession."""
    if request.param == "spark":
        request.getfixturevalue("spark")
    return request.param


def test_hostile_ledger_gives_the_same_bytes(capsys, tmp_path, engine):
    """IDs as keys, and IDs, phones and names in wrong columns: the engines print and write alike."""
    path = write_csv(tmp_path / "households.csv", ledger_rows())
    seen = assert_same_bytes(capsys, tmp_path, [path], dt.date(2025, 8, 1), engine)

    assert '"findings": [\n' in str(seen["json"])  # findings were made, so the test can fail
    assert "6403" in str(seen["json"])  # the keys are shown masked, not left out
    assert seen["json.csv"]


def test_several_files_give_the_same_bytes(capsys, tmp_path, engine):
    """Two ledgers in one run: the findings of both in one --out file, the same on each engine."""
    first = write_csv(tmp_path / "a.csv", ledger_rows())
    rows = ledger_rows()
    second = write_csv(tmp_path / "b.csv", [rows[0], *rows[:0:-1]])
    seen = assert_same_bytes(capsys, tmp_path, [first, second], dt.date(2025, 8, 1), engine)

    assert '"files": [' in str(seen["json"])


@SLOW
@given(faulty_ledgers(max_size=8), as_of_dates)
def test_faulty_ledgers_give_the_same_bytes(capsys, tmp_path, generated, as_of):
    """A ledger with broken cells and personal data prints and writes alike on both engines."""
    _, rows, _ = generated
    path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
    assert_same_bytes(capsys, tmp_path, [path], as_of)


@settings(SLOW, max_examples=3)
@given(faulty_ledgers(max_size=8), as_of_dates)
def test_faulty_ledgers_give_the_same_bytes_on_spark(capsys, tmp_path, spark, generated, as_of):
    """A ledger with broken cells and personal data prints and writes alike on Spark (validated)."""
    _, rows, _ = generated
    path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
    assert_same_bytes(capsys, tmp_path, [path], as_of, "spark")


def test_spark_reads_parquet_and_xlsx_as_csv(capsys, tmp_path, spark):
    """The same ledger as CSV, XLSX and Parquet prints the same findings on Spark as on DuckDB."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from openpyxl import Workbook

    rows = ledger_rows()
    csv_path = write_csv(tmp_path / "h.csv", rows)
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "h.xlsx")
    columns = list(zip(*rows[1:], strict=True))
    pq.write_table(
        pa.table({name: list(column) for name, column in zip(rows[0], columns, strict=True)}),
        tmp_path / "h.parquet",
    )
    as_of = dt.date(2025, 8, 1)
    for path in (csv_path, tmp_path / "h.xlsx", tmp_path / "h.parquet"):
        duck = outputs(capsys, tmp_path, [path], "duckdb", as_of)
        on_spark = outputs(capsys, tmp_path, [path], "spark", as_of)
        assert duck == on_spark, path.name
        assert '"findings": [\n' in str(duck["json"]), path.name


@SLOW
@given(faulty_ledgers(max_size=10), as_of_dates)
def test_records_without_finding_objects(tmp_path, generated, as_of):
    """A table engine's records equal those of its Finding objects, in the same order."""
    _, rows, _ = generated
    path = write_csv(tmp_path / "r.csv", [HEADERS, *rows])
    plan = load_plan()
    with names_scope():
        findings = check_columnar(path, as_of=as_of).findings
        objects = findings.to_findings()
        expected = [f.record() for f in objects.items]
        keyed = findings.sorted_records(lambda unit: plan_unit_name(plan, unit))

        assert expected == findings.records()
        assert [(f.rule, f.subject, f.reason, f.found) for f in objects.items] == [
            key for key, _ in keyed
        ]
        assert [
            {**r, "units": "、".join(plan_unit_name(plan, u) for u in f.units)}
            for f, r in zip(objects.items, expected, strict=True)
        ] == [record for _, record in keyed]


def test_example_ledger_gives_the_same_bytes(capsys, tmp_path, engine):
    """The county example (findings of several rules, units the plan spells otherwise) prints alike."""
    path = EXAMPLE / "households.csv"
    with names_scope():
        records = check_columnar(path, as_of=dt.date(2025, 11, 15)).findings.records()
    seen = assert_same_bytes(capsys, tmp_path, [path], dt.date(2025, 11, 15), engine)

    assert len({r["rule"] for r in records}) >= 3
    assert "自治区医疗保障局" in str(seen["json"])  # a rule's 自治区医保局, as the plan names it
