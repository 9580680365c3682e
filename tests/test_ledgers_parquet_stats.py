"""Parquet statistics short-cut the validation: the same findings and report with them or not.

A date column whose statistics put every date in the years a date may have needs no year test a
row, a whole-number column in its field's range no range test, a filled text column whose least
value is not empty no ``nullif``. Out-of-range dates (0001-01-01, 9999-12-31 …), row groups
without statistics and empty cells must keep the tests.
"""

import datetime as dt
import decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.ledgers import check_columnar
from xiaojie.ledgers._sql import Facts, parquet_facts


pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

AS_OF = dt.date(2025, 8, 1)
D = decimal.Decimal
EDGES = [
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.date(1899, 12, 31),
    dt.date(1900, 1, 1),
    dt.date(2100, 12, 31),
    dt.date(2101, 1, 1),
]
DAYS = st.one_of(
    st.none(),
    st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
    st.sampled_from(EDGES),
)
KEYS = st.sampled_from(["H1", "H2", "H3", "H4", "H5", "H6", "", " H7"])
KINDS = st.sampled_from(["脱贫户", "一般农户", "一般农户", ""])


@st.composite
def ledgers(draw: st.DrawFn) -> tuple["pa.Table", bool, int]:
    """A households ledger with edge dates, sizes and blanks; statistics or not; row group size."""
    size = draw(st.integers(1, 8))

    def column(cells: st.SearchStrategy[object]) -> list[object]:
        return draw(st.lists(cells, min_size=size, max_size=size))

    table = pa.table(
        {
            "户编号": pa.array(column(KEYS)),
            "县(市、区)": pa.array(["原州区"] * size),
            "乡(镇)": pa.array(column(st.sampled_from(["三营镇", "官厅镇"]))),
            "行政村": pa.array(column(st.sampled_from(["V1村", "V2村", ""]))),
            "户类型": pa.array(column(KINDS)),
            "监测对象类别": pa.array(column(st.sampled_from(["脱贫不稳定户", "边缘易致贫户"]))),
            "风险线索发现时间": pa.array(column(DAYS), pa.date32()),
            "识别时间": pa.array(column(DAYS), pa.date32()),
            "绿色通道": pa.array(column(st.sampled_from([True, False, None]))),
            "帮扶措施1": pa.array(column(st.sampled_from(["产业帮扶", None]))),
            "帮扶措施1开始时间": pa.array(column(DAYS), pa.date32()),
            "风险消除时间": pa.array(column(DAYS), pa.date32()),
            "人均纯收入": pa.array(
                column(st.sampled_from([D("6000.00"), D("9999.99"), None])), pa.decimal128(18, 2)
            ),
            "家庭人口数": pa.array(
                column(st.sampled_from([1, 5, 99, 0, 100, -3, None])), pa.int32()
            ),
        }
    )
    return table, draw(st.booleans()), draw(st.sampled_from([1, 2, 64]))


def outcome(path: Path, engine: str, validate: object = True) -> tuple[object, ...]:
    """The findings and the report of one engine, in a comparable form."""
    result = check_columnar(path, as_of=AS_OF, engine=engine, validate=validate)
    findings = result.findings.to_findings()
    report = result.report
    issues = [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]
    tally = sorted(result.findings.tally().items())
    return findings.items, findings.by_rule(), issues, report.rows, report.good, tally


@settings(
    max_examples=max(40, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(drawn=ledgers())
def test_statistics_change_nothing(tmp_path: Path, drawn: tuple["pa.Table", bool, int]) -> None:
    """With statistics or without, DuckDB finds what the objects find, and "needed" alike."""
    table, statistics, group = drawn
    path = tmp_path / "with.parquet"
    bare = tmp_path / "without.parquet"
    pq.write_table(table, path, write_statistics=statistics, row_group_size=group)
    pq.write_table(table, bare, write_statistics=False, row_group_size=group)

    assert outcome(path, "duckdb") == outcome(path, "objects")
    assert outcome(path, "duckdb", "needed") == outcome(bare, "duckdb", "needed")


def facts_of(tmp_path: Path, table: "pa.Table", **options: object) -> dict[str, Facts]:
    """The facts :func:`parquet_facts` reads from ``table`` written as Parquet."""
    path = tmp_path / "facts.parquet"
    pq.write_table(table, path, **options)
    con = duckdb.connect()
    described = con.sql(f"SELECT * FROM read_parquet('{path}') LIMIT 0")  # noqa: S608 - own file
    types = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    return parquet_facts(con, str(path), types)


def test_statistics_bound_dates(tmp_path: Path) -> None:
    """Dates in range are proven so; 0001-01-01 and 9999-12-31 are bounds outside the range.

    A row group holding only NULLs has no bounds, so its column proves none.
    """
    days = [dt.date(2024, 1, 2), None, dt.date(2025, 3, 4)]
    table = pa.table(
        {
            "in": pa.array(days, pa.date32()),
            "early": pa.array([dt.date(1, 1, 1), None, dt.date(2024, 1, 1)], pa.date32()),
            "late": pa.array([dt.date(2024, 1, 1), None, dt.date(9999, 12, 31)], pa.date32()),
            "nulls": pa.array([dt.date(2024, 1, 1), None, None], pa.date32()),
        }
    )
    facts = facts_of(tmp_path, table, row_group_size=2)
    first, last = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

    assert facts["in"] == Facts(dt.date(2024, 1, 2), dt.date(2025, 3, 4), filled=False)
    assert facts["in"].within(first, last)
    assert facts["early"].low == dt.date(1, 1, 1)
    assert not facts["early"].within(first, last)
    assert facts["late"].high == dt.date(9999, 12, 31)
    assert not facts["late"].within(first, last)
    assert facts["nulls"].low is None
    assert not facts["nulls"].within(first, last)


def test_no_statistics_prove_nothing(tmp_path: Path) -> None:
    """A file written without statistics, or with them for one column only, proves no bound."""
    table = pa.table(
        {
            "day": pa.array([dt.date(2024, 1, 2)] * 3, pa.date32()),
            "word": pa.array(["a", "b", "c"]),
        }
    )
    bare = facts_of(tmp_path, table, write_statistics=False)
    some = facts_of(tmp_path, table, write_statistics=["word"])

    assert all(f.low is None and f.high is None and not f.filled for f in bare.values())
    assert not some["day"].within(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    assert some["word"].no_empty_text()


def test_empty_text_is_no_proof(tmp_path: Path) -> None:
    """A text column holding an empty cell, or a NULL, is neither free of empties nor filled."""
    facts = facts_of(
        tmp_path, pa.table({"a": ["x", "", "y"], "b": ["x", None, "y"], "c": ["x", "y", "z"]})
    )

    assert not facts["a"].no_empty_text()
    assert facts["a"].filled
    assert not facts["b"].filled
    assert facts["c"].no_empty_text()
    assert facts["c"].filled


def typed_view(tmp_path: Path, table: "pa.Table", **options: object) -> str:
    """The SQL of the ``typed`` view a validated check of ``table`` as Parquet creates."""
    path = tmp_path / "ledger.parquet"
    pq.write_table(table, path, **options)
    con = duckdb.connect()
    check_columnar(path, as_of=AS_OF, connection=con)
    return str(con.sql("SELECT sql FROM duckdb_views() WHERE view_name = 'typed'").fetchall())


def test_short_cut_taken_only_when_proven(tmp_path: Path) -> None:
    """The year test of a date column is left out when the statistics prove it, kept otherwise."""
    good = pa.table(
        {
            "户编号": ["H1", "H2"],
            "户类型": ["脱贫户", "一般农户"],
            "风险线索发现时间": pa.array([dt.date(2025, 6, 1)] * 2, pa.date32()),
            "家庭人口数": pa.array([3, 4], pa.int32()),
        }
    )
    odd = good.set_column(
        2, "风险线索发现时间", pa.array([dt.date(9999, 12, 31), dt.date(2025, 6, 1)], pa.date32())
    )

    proven = typed_view(tmp_path, good)
    assert "BETWEEN" not in proven
    assert "nullif" not in proven
    assert "BETWEEN" in typed_view(tmp_path, good, write_statistics=False)
    assert "BETWEEN" in typed_view(tmp_path, odd)


def test_empty_file_proves_nothing(tmp_path: Path) -> None:
    """A Parquet file without rows proves no bound and is checked as before."""
    table = pa.table({"户编号": pa.array([], pa.string()), "户类型": pa.array([], pa.string())})
    path = tmp_path / "empty.parquet"
    pq.write_table(table, path)

    facts = facts_of(tmp_path, table)
    assert all(f.low is None and f.high is None for f in facts.values())
    assert outcome(path, "duckdb") == outcome(path, "objects")


@pytest.mark.parametrize("folder", ["户编号=H1", "识别时间=0001-01-01"])
def test_a_file_in_a_folder_named_like_a_partition_is_read_as_written(
    tmp_path: Path, folder: str
) -> None:
    """A file under ``户编号=H1/`` is checked on its own cells, as the object engine reads it."""
    table = pa.table(
        {
            "户编号": ["H1", "H2", "H3"],
            "县(市、区)": ["原州区"] * 3,
            "乡(镇)": ["三营镇"] * 3,
            "行政村": ["V1村"] * 3,
            "户类型": ["一般农户"] * 3,
            "风险线索发现时间": pa.array([dt.date(2025, 6, 1)] * 3, pa.date32()),
            "识别时间": pa.array([dt.date(2025, 6, 10)] * 3, pa.date32()),
        }
    )
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / "户.parquet"
    pq.write_table(table, path)
    duck = check_columnar(path, as_of=AS_OF)
    objects = check_columnar(path, as_of=AS_OF, engine="objects")
    assert duck.report.issues == objects.report.issues == ()
    assert duck.report.good == objects.report.good == 3


def test_statistics_whose_least_is_above_their_greatest_prove_nothing(tmp_path: Path) -> None:
    """A row group whose minimum is above its maximum (a broken footer) gives no bound."""
    con = duckdb.connect()
    path = tmp_path / "户.parquet"
    pq.write_table(pa.table({"d": pa.array([dt.date(2025, 1, 1)], pa.date32())}), path)
    facts = parquet_facts(con, str(path), {"d": "DATE"})
    assert facts["d"].within(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    swapped = [("d", 0, "2025-12-31", "2025-01-01", 0)]

    class Swapped:
        def execute(self, *_: object) -> object:
            return self

        def fetchall(self) -> list[tuple[object, ...]]:
            return swapped

    assert not parquet_facts(Swapped(), str(path), {"d": "DATE"})["d"].within(
        dt.date(1900, 1, 1), dt.date(2100, 12, 31)
    )
