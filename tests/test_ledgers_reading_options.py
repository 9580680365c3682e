"""Reading options and odd CSV files: one clear LedgerError, the same on every engine."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    LedgerKind,
    check,
    check_columnar,
    read_households,
    rules_for,
    sniff_ledger,
)
from xiaojie.ledgers._read import open_at_end


if TYPE_CHECKING:
    from pathlib import Path


AS_OF = dt.date(2025, 11, 15)
HEADER = "户编号,户类型,行政村,风险线索发现时间,识别时间,备注"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "households.csv"
    path.write_text(f"{HEADER}\nH1,脱贫户,峡隆村,2024-01-01,2024-01-30,\n", encoding="utf-8")
    return path


def _both(path: Path, **options: object) -> list[LedgerError]:
    """The errors of reading ``path`` into objects and of checking it on DuckDB."""
    errors = []
    for attempt in (
        lambda: read_households(path, **options),  # type: ignore[arg-type]
        lambda: check_columnar(path, as_of=AS_OF, **options),  # type: ignore[arg-type]
    ):
        with pytest.raises(LedgerError) as info:
            attempt()
        errors.append(info.value)
    return errors


@pytest.mark.parametrize("header_row", [0, -1, "1", 1.0, True])
def test_a_header_row_that_is_no_row_number_is_refused(ledger: Path, header_row: object) -> None:
    for error in _both(ledger, header_row=header_row):
        assert f"header_row: expected a row number of 1 or more, found {header_row!r}" == str(error)


@pytest.mark.parametrize("encoding", ["bogus", "", 8, "rot13", "hex", "base64"])
def test_an_unknown_encoding_is_refused(ledger: Path, encoding: object) -> None:
    for error in _both(ledger, encoding=encoding):
        assert str(error).startswith("encoding: expected the name of an encoding")
        assert str(error).endswith(f"found {encoding!r}")


def test_a_numpy_whole_number_is_a_row_number(ledger: Path) -> None:
    np = pytest.importorskip("numpy")

    read = read_households(ledger, header_row=np.int64(1))
    columnar = check_columnar(ledger, as_of=AS_OF, header_row=np.int64(1))

    assert (1, 1) == (read.report.rows, columnar.report.rows)


def test_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    """Told utf-16, a file with no byte order mark gives a LedgerError naming the file."""
    path = tmp_path / "households.csv"
    path.write_bytes(f"{HEADER}\nH1,脱贫户,峡隆村,2024-01-01,2024-01-30,\n".encode("utf-16-le"))

    with pytest.raises(LedgerError, match=r"^households\.csv: expected text in utf-16"):
        read_households(path, encoding="utf-16")


def test_a_cell_longer_than_the_csv_modules_limit_is_read_by_both_engines(tmp_path: Path) -> None:
    """A remark of 140,000 characters (over the csv module's 131,072) is one more cell."""
    path = tmp_path / "households.csv"
    path.write_text(
        f"{HEADER}\nH1,脱贫户,峡隆村,2024-01-01,2024-01-30,{'x' * 140_000}\n", encoding="utf-8"
    )

    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF)

    assert LedgerKind.HOUSEHOLDS == sniff_ledger(path)  # what the command line asks first
    assert (1, 1) == (read.report.rows, read.report.good)
    assert (1, 1) == (columnar.report.rows, columnar.report.good)
    objects = check(read.rows, as_of=AS_OF, rules=rules_for("households"))
    assert objects.by_rule() == columnar.findings.by_rule()


def _households(tmp_path: Path, rows: int, stray: tuple[int, int] | None) -> Path:
    """A ledger of ``rows`` rows; ``stray`` = (row, column) of a cell opening a quote it never closes."""
    lines = [HEADER]
    for number in range(2, rows + 2):
        cells = [f"H{number}", "脱贫户", "峡隆村", "2024-01-01", "2024-01-30", "已走访"]
        if stray is not None and stray[0] == number:
            cells[stray[1]] = '"' + cells[stray[1]]
        lines.append(",".join(cells))
    path = tmp_path / "households.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("rows", [4, 40])  # within the header search, and past it (Arrow reads it)
@pytest.mark.parametrize("column", [0, 2, 5])
def test_a_quote_never_closed_is_refused_naming_its_row(tmp_path: Path, rows: int, column: int):
    """A stray quote swallows the rows after it: the file is refused at that row, on both engines."""
    row = rows  # the last row but one
    path = _households(tmp_path, rows, (row, column))

    for error in _both(path):
        assert str(error).startswith(
            f'households.csv: row {row} (line {row}): expected each quote (") to be closed, '
            "found one that runs to the end of the file"
        )


def test_a_quoted_cell_over_lines_at_the_end_is_read(tmp_path: Path) -> None:
    """A last cell quoted over two lines, its quote closed, is one cell as written."""
    path = tmp_path / "households.csv"
    path.write_text(
        f'{HEADER}\nH1,脱贫户,峡隆村,2024-01-01,2024-01-30,"两行\n备注"\n'
        f'H2,脱贫户,峡隆村,2024-01-01,2024-01-30,"又一个""引号""\n备注"\n',
        encoding="utf-8",
    )

    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF)

    assert (2, 2) == (read.report.rows, read.report.good)
    assert (2, 2) == (columnar.report.rows, columnar.report.good)


@pytest.mark.parametrize("twice", ["户编号", "户类型"])
def test_a_parquet_column_named_twice_is_refused_alike(tmp_path: Path, twice: str) -> None:
    """A Parquet file naming a field twice gets the objects reader's error on DuckDB too."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    names = ["户编号", "户类型", twice]
    path = tmp_path / "households.parquet"
    pq.write_table(pa.table([pa.array(["H1", "H2"])] * 3, names=names), path)

    errors = {str(error) for error in _both(path)}

    assert {
        f"households.parquet: expected one column for {twice}, found a second one {twice!r}"
    } == errors


def test_a_parquet_file_without_the_key_is_refused_alike(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "households.parquet"
    pq.write_table(pa.table({"户类型": ["脱贫户"]}), path)

    errors = {str(error) for error in _both(path)}

    assert {"households.parquet: expected a column for 户编号 (household_id), found none"} == errors
    with pytest.raises(
        LedgerError, match=r"expected a column for 户编号 \(household_id\), found none"
    ):
        sniff_ledger(path)


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "+08:00", "America/New_York"])
def test_times_with_a_zone_are_read_as_the_clock_there_showed_them(tmp_path: Path, zone: str):
    """2024-01-17 00:30 in Beijing is 2024-01-16 in UTC: both engines take the 17th (16 days)."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import zoneinfo

    here = dt.timezone(dt.timedelta(hours=8)) if zone.startswith("+") else zoneinfo.ZoneInfo(zone)
    kind = pa.timestamp("us", tz=zone)
    table = pa.table({
        "户编号": ["H1", "H2"],
        "户类型": ["脱贫户", "脱贫户"],
        "风险线索发现时间": pa.array(
            [dt.datetime(2024, 1, 1, 9, tzinfo=here), dt.datetime(2024, 1, 1, 23, 30, tzinfo=here)],
            kind,
        ),
        "识别时间": pa.array(
            [dt.datetime(2024, 1, 17, 0, 30, tzinfo=here), dt.datetime(2024, 1, 16, 23, tzinfo=here)],
            kind,
        ),
    })  # fmt: skip
    path = tmp_path / "households.parquet"
    pq.write_table(table, path)

    read = read_households(path)
    days = [(h.identified_on - h.clue_on).days for h in read.rows]
    assert [16, 15] == days  # the dates on the clock where the times were written
    rules = rules_for("households")
    objects = check(read.rows, as_of=AS_OF, rules=rules)
    for source in (path, table):
        columnar = check_columnar(source, as_of=AS_OF, rules=rules)
        assert objects.items == columnar.findings.to_findings().items
    assert 1 == objects.by_rule()["identification_time_limit"]


def _zoned_ledger(tmp_path: Path, zone: str) -> Path:
    """Two households whose times were written in ``zone``, a day apart from UTC's dates."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import zoneinfo

    here = dt.timezone(dt.timedelta(hours=8)) if zone.startswith("+") else zoneinfo.ZoneInfo(zone)
    kind = pa.timestamp("us", tz=zone)
    times = [
        (dt.datetime(2024, 1, 1, 9), dt.datetime(2024, 1, 17, 0, 30)),
        (dt.datetime(2024, 1, 1, 23, 30), dt.datetime(2024, 1, 16, 23)),
    ]
    table = pa.table({
        "户编号": ["H1", "H2"],
        "户类型": ["脱贫户", "脱贫户"],
        "风险线索发现时间": pa.array([a.replace(tzinfo=here) for a, _ in times], kind),
        "识别时间": pa.array([b.replace(tzinfo=here) for _, b in times], kind),
    })  # fmt: skip
    path = tmp_path / "households.parquet"
    pq.write_table(table, path)
    return path


# Py4J leaves its sockets to the garbage collector (PySpark's business).
@pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
@pytest.mark.parametrize("engine", ["spark", "ibis-duckdb"])
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "+08:00"])
def test_times_with_a_zone_are_read_alike_on_every_engine(
    tmp_path: Path, zone: str, engine: str, request: pytest.FixtureRequest
) -> None:
    """Spark (session zone UTC) and an Ibis DuckDB connection read the file's clock too."""
    path = _zoned_ledger(tmp_path, zone)
    rules = rules_for("households")
    objects = check(read_households(path).rows, as_of=AS_OF, rules=rules)
    assert 1 == objects.by_rule()["identification_time_limit"]
    if engine == "spark":
        options: dict[str, object] = {"spark": request.getfixturevalue("spark"), "engine": "spark"}
    else:
        ibis = pytest.importorskip("ibis")
        con = ibis.duckdb.connect()
        options = {"con": con}
    columnar = check_columnar(path, as_of=AS_OF, rules=rules, validate=True, **options)
    assert objects.items == columnar.findings.to_findings().items
    if engine == "ibis-duckdb":  # the check's views are gone from the caller's connection
        left = con.con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        assert [] == left


@given(st.text(alphabet='ab,"\n\r 县', max_size=40))
def test_open_at_end_is_what_the_csv_module_does(text: str) -> None:
    """A quote is open at the end when a line added after the text joins the last cell."""
    rows = list(csv.reader(io.StringIO(text + "\nZZZ", newline="")))
    assert open_at_end(text) == (rows[-1] != ["ZZZ"])


@pytest.mark.parametrize(
    ("rows", "stray", "other"),
    [
        (80, (40, '"否'), (0, '红星"村')),  # a literal quote elsewhere: the quotes are even
        (5, (3, '"红星村'), (3, '"张"伟')),  # a quote closed early in the same row
    ],
)
def test_a_quote_never_closed_beside_other_quotes_is_refused(
    tmp_path: Path, rows: int, stray: tuple[int, str], other: tuple[int, str]
) -> None:
    """Whatever other quotes the file holds, the row whose quote never closes is named."""
    lines = [HEADER]
    for i in range(rows):
        cells = [f"H{i}", "脱贫户", "峡隆村", "2024-01-01", "2024-01-30", "已走访"]
        for at, text in (other, stray):
            if i == at:
                cells[2 if "村" in text else 1] = text
        lines.append(",".join(cells))
    path = tmp_path / "households.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    for error in _both(path):
        assert str(error).startswith(f"households.csv: row {stray[0] + 2} (line {stray[0] + 2}): ")
