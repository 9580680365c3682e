"""Odd but possible Parquet ledgers: the object and DuckDB engines type the columns alike.

Flags may come as booleans, 0/1 integers or words (是/否, true/false); any other number, a
struct, bytes or a decimal is no flag. Keys may be text or integers; a decimal, a time, a date
or bytes is no key, and such a key is never reported as a duplicate on top of its type.
"""

import datetime as dt
import decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.ledgers import IssueKind, check_columnar, read_households
from xiaojie.ledgers._cells import parse_cell
from xiaojie.ledgers._schema import schema_for


pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("duckdb")

AS_OF = dt.date(2025, 8, 1)
D = decimal.Decimal

#: Flag columns: an Arrow type and the cells it may hold.
FLAG_COLUMNS = {
    "int64": (pa.int64(), st.sampled_from([0, 1, 2, -1, None])),
    "int8": (pa.int8(), st.sampled_from([0, 1, None])),
    "bool": (pa.bool_(), st.sampled_from([True, False, None])),
    "words": (
        pa.string(),
        st.sampled_from(["是", "否", "true", "FALSE", "1", "0", " 是 ", "也许", ""]),
    ),
    "struct": (pa.struct([("a", pa.int64())]), st.sampled_from([{"a": 1}, {"a": 0}, None])),
    "binary": (pa.binary(), st.sampled_from([b"1", b"0", b"\xff", None])),
    "float": (pa.float64(), st.sampled_from([1.0, 0.0, 0.5, None])),
    "decimal": (pa.decimal128(5, 0), st.sampled_from([D(1), D(0), None])),
}
#: Key columns: an Arrow type and the cells it may hold (few, so keys repeat).
KEY_COLUMNS = {
    "text": (pa.string(), st.sampled_from(["H1", "H2", " H1 ", "H 3", ""])),
    "int64": (pa.int64(), st.sampled_from([7, 8, 9])),
    "decimal": (pa.decimal128(5, 1), st.sampled_from([D("1.5"), D("2.0")])),
    "time": (pa.time64("us"), st.sampled_from([dt.time(1, 0), dt.time(2, 30)])),
    "date": (pa.date32(), st.sampled_from([dt.date(2020, 1, 1), dt.date(2021, 1, 1)])),
    "binary": (pa.binary(), st.sampled_from([b"H1", b"H2", b"\xff"])),
    "float": (pa.float64(), st.sampled_from([1.0, 2.5])),
}


@st.composite
def odd_ledgers(draw: st.DrawFn) -> "pa.Table":
    """A households ledger whose key and 绿色通道 columns have an odd Arrow type."""
    size = draw(st.integers(1, 6))
    key_type, key_cells = KEY_COLUMNS[draw(st.sampled_from(sorted(KEY_COLUMNS)))]
    flag_type, flag_cells = FLAG_COLUMNS[draw(st.sampled_from(sorted(FLAG_COLUMNS)))]
    clue = dt.date(2025, 6, 1)
    waits = draw(st.lists(st.integers(0, 40), min_size=size, max_size=size))
    return pa.table(
        {
            "户编号": pa.array(draw(st.lists(key_cells, min_size=size, max_size=size)), key_type),
            "户类型": pa.array(["脱贫户"] * size),
            "监测对象类别": pa.array(["脱贫不稳定户"] * size),
            "风险线索发现时间": pa.array([clue] * size),
            "识别时间": pa.array([clue + dt.timedelta(days=w) for w in waits]),
            "绿色通道": pa.array(
                draw(st.lists(flag_cells, min_size=size, max_size=size)), flag_type
            ),
        }
    )


def outcome(path: Path, engine: str) -> tuple[object, ...]:
    """The findings and the report of one engine, in a comparable form."""
    result = check_columnar(path, as_of=AS_OF, engine=engine)
    findings = result.findings.to_findings()
    report = result.report
    issues = [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]
    return findings.items, findings.by_rule(), issues, report.rows, report.good


@settings(
    max_examples=max(20, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(table=odd_ledgers())
def test_engines_type_odd_columns_alike(tmp_path: Path, table: "pa.Table") -> None:
    """Objects and DuckDB give the same findings and the same located issues on odd Parquet."""
    path = tmp_path / "odd.parquet"
    pq.write_table(table, path)

    objects = outcome(path, "objects")
    duck = outcome(path, "duckdb")

    assert objects == duck
    issues = duck[2]
    assert len(issues) == len(set(issues)), "an issue reported twice"


@pytest.mark.parametrize(
    ("column", "flags"),
    [
        (pa.array([0, 1], pa.int64()), [False, True]),
        (pa.array([0, 1], pa.int8()), [False, True]),
        (pa.array([False, True]), [False, True]),
        (pa.array(["否", "是"]), [False, True]),
        (pa.array(["false", "true"]), [False, True]),
    ],
)
def test_unambiguous_flags_are_read(tmp_path: Path, column: "pa.Array", flags: list[bool]) -> None:
    """0/1 integers, booleans, 是/否 and true/false are read as the flags they mean."""
    path = tmp_path / "flags.parquet"
    pq.write_table(
        pa.table({"户编号": ["H1", "H2"], "户类型": ["脱贫户", "脱贫户"], "绿色通道": column}), path
    )

    read = read_households(path)

    assert [h.fast_track for h in read.rows] == flags
    assert read.report.issues == ()


def test_other_numbers_are_no_flags() -> None:
    """An integer other than 0 or 1 in a flag column is a bad flag, a float a bad type."""
    field = schema_for("households").field("fast_track")

    assert parse_cell(field, 2)[1:] == (IssueKind.BAD_FLAG, "是 or 否 (1 or 0)")
    assert parse_cell(field, 1.0)[1] is IssueKind.BAD_TYPE
    assert parse_cell(field, 1) == (True, None, "")
