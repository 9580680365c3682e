"""Parquet statistics of a decimal amount: 资产原值 (at least 0) is trusted when they prove it.

DuckDB shows a decimal's statistics in the column's scale (``-1.50``, ``12``, ``12.250000``);
a column whose least value is at least the field's least amount (and whose greatest fits an
amount) needs no test a row. A negative value, a row group without statistics, or a float
column (whose statistics leave NaN out) keeps the test: the findings and the report are the
same either way, and the same as the objects engine's.
"""

import datetime as dt
import decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from test_ledgers_parquet_stats import ledgers as households
from test_ledgers_parquet_stats import outcome as household_outcome
from xiaojie.ledgers import check_columnar
from xiaojie.ledgers._schema import LedgerKind, schema_for
from xiaojie.ledgers._sql import Facts, _total, parquet_facts


pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

AS_OF = dt.date(2025, 12, 1)
D = decimal.Decimal
VALUE = schema_for(LedgerKind.ASSETS).names["value"]
#: Precisions and scales of the 资产原值 column: the usual DECIMAL(18,2), whole yuan, more
#: places than an amount has, and more digits than DECIMAL(18,2) holds.
SHAPES = [(18, 2), (10, 0), (9, 3), (12, 4), (38, 2), (38, 6), (5, 2)]
AMOUNTS = [
    D("0"),
    D("0.01"),
    D("1200000"),
    D("800000.5"),
    D("1.005"),
    D("12.3456"),
    D("9999999999999999.99"),
    D("99999999999999999"),
    D("-0.01"),
    D("-5"),
    D("-0.0001"),
]


def fits(amount: decimal.Decimal, precision: int, scale: int) -> bool:
    """Whether ``amount`` is a value of DECIMAL(precision, scale) as it is written."""
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent <= scale and amount.adjusted() + 1 + scale <= precision


def amounts(shape: tuple[int, int]) -> st.SearchStrategy[decimal.Decimal | None]:
    """An amount of the column's shape, or an empty cell."""
    step = D(1).scaleb(-shape[1])
    fitting = [a.quantize(step) for a in AMOUNTS if fits(a, *shape)]
    return st.one_of(st.none(), st.sampled_from(fitting))


def ledger(values: list[object], column: "pa.Array") -> "pa.Table":
    """An asset ledger of ``len(values)`` rows whose 资产原值 is ``column``."""
    size = len(values)
    return pa.table(
        {
            "资产编号": [f"ZC-{i:04d}" for i in range(size)],
            "项目名称": ["冷库"] * size,
            "县(市、区)": ["同心县"] * size,
            "乡(镇)": ["豫海镇"] * size,
            "行政村": [["红星村", "新华村"][i % 2] for i in range(size)],
            "资产类别": ["经营性"] * size,
            "资产原值": column,
            "形成年度": pa.array([2021 + i % 3 for i in range(size)], pa.int32()),
            "资产状态": [["闲置", "已盘活", "在用"][i % 3] for i in range(size)],
            "管护责任单位": ["合作社"] * size,
            "确权登记时间": pa.array([dt.date(2025, 3, 1)] * size, pa.date32()),
            "资产移交时间": pa.array([dt.date(2025, 3, 15)] * size, pa.date32()),
        }
    )


def amount_ledger(*values: decimal.Decimal) -> "pa.Table":
    """An asset ledger whose 资产原值 are ``values`` as DECIMAL(18,2)."""
    return ledger(list(values), pa.array(values, pa.decimal128(18, 2)))


@st.composite
def decimal_ledgers(draw: st.DrawFn) -> tuple["pa.Table", bool, int]:
    """An asset ledger whose 资产原值 is a decimal of some shape; statistics or not; group size."""
    shape = draw(st.sampled_from(SHAPES))
    values = draw(st.lists(amounts(shape), min_size=1, max_size=8))
    table = ledger(values, pa.array(values, pa.decimal128(*shape)))
    return table, draw(st.booleans()), draw(st.sampled_from([1, 2, 64]))


def outcome(path: Path, engine: str, validate: object = True) -> tuple[object, ...]:
    """The findings and the report of one engine, in a comparable form."""
    result = check_columnar(path, ledger="assets", as_of=AS_OF, engine=engine, validate=validate)
    findings = result.findings.to_findings()
    report = result.report
    issues = [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]
    tally = sorted(result.findings.tally().items())
    return findings.items, findings.by_rule(), issues, report.rows, report.good, tally


def agree(path: Path, bare: Path) -> None:
    """DuckDB finds what the objects engine finds, and with statistics what it finds without."""
    assert outcome(path, "objects") == outcome(path, "duckdb")
    assert outcome(bare, "duckdb", "needed") == outcome(path, "duckdb", "needed")


@settings(
    max_examples=30,  # each example is four checks of a file: about a second
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(drawn=decimal_ledgers())
@example(drawn=(amount_ledger(D(0), D("12.50")), True, 1))
@example(drawn=(amount_ledger(D(3), D("-0.01")), True, 1))
def test_decimal_statistics_change_nothing(
    tmp_path: Path, drawn: tuple["pa.Table", bool, int]
) -> None:
    """With decimal statistics or without, DuckDB finds what the objects find, "needed" alike."""
    table, statistics, group = drawn
    path, bare = tmp_path / "with.parquet", tmp_path / "without.parquet"
    pq.write_table(table, path, write_statistics=statistics, row_group_size=group)
    pq.write_table(table, bare, write_statistics=False, row_group_size=group)

    agree(path, bare)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    drawn=households(), shape=st.sampled_from([(38, 2), (20, 0), (24, 6), (18, 2)]), data=st.data()
)
def test_an_income_of_any_decimal_shape(
    tmp_path: Path,
    drawn: tuple["pa.Table", bool, int],
    shape: tuple[int, int],
    data: st.DataObject,
) -> None:
    """人均纯收入 (no least amount) of a wide decimal is trusted only below 10**16 yuan."""
    table, statistics, group = drawn
    values = data.draw(st.lists(amounts(shape), min_size=len(table), max_size=len(table)))
    index = table.column_names.index("人均纯收入")
    table = table.set_column(index, "人均纯收入", pa.array(values, pa.decimal128(*shape)))
    path, bare = tmp_path / "with.parquet", tmp_path / "without.parquet"
    pq.write_table(table, path, write_statistics=statistics, row_group_size=group)
    pq.write_table(table, bare, write_statistics=False, row_group_size=group)

    assert household_outcome(path, "objects") == household_outcome(path, "duckdb")
    assert household_outcome(bare, "duckdb", "needed") == household_outcome(
        path, "duckdb", "needed"
    )


@pytest.mark.parametrize("shape", [(20, 0), (38, 2), (38, 6)])
@pytest.mark.parametrize(
    ("incomes", "proven"),
    [([D("99999999999999999"), D(5)], False), ([D(-5), D(5)], True)],
    ids=["beyond-an-amount", "negative"],
)
def test_an_income_is_trusted_within_an_amount(
    tmp_path: Path, shape: tuple[int, int], incomes: list[decimal.Decimal], proven: bool
) -> None:
    """A wide 人均纯收入 (no least amount) is trusted when every value is an amount, alone."""
    table = pa.table(
        {
            "户编号": ["H1", "H2"],
            "户类型": ["脱贫户", "一般农户"],
            "风险线索发现时间": pa.array([dt.date(2025, 6, 1)] * 2, pa.date32()),
            "人均纯收入": pa.array(incomes, pa.decimal128(*shape)),
        }
    )
    path, bare = tmp_path / "with.parquet", tmp_path / "without.parquet"
    pq.write_table(table, path)
    pq.write_table(table, bare, write_statistics=False)
    con = duckdb.connect()
    check_columnar(path, as_of=AS_OF, connection=con)
    sql = con.sql("SELECT sql FROM duckdb_views() WHERE view_name = 'typed'").fetchall()[0][0]

    assert household_outcome(path, "objects") == household_outcome(path, "duckdb")
    assert household_outcome(bare, "duckdb") == household_outcome(path, "duckdb")
    assert proven == ("c_income_per_capita" not in str(sql).partition(" AS __bad")[0])


@pytest.mark.parametrize(
    "values",
    [
        [1.5, float("nan"), 0.0],
        [1.5, float("nan"), -0.0, None],
        [float("nan")],
        [1200000.0, 3.25],
        [float("inf"), 2.0],
    ],
    ids=["nan", "nan-negative-zero", "only-nan", "plain", "infinity"],
)
def test_a_double_column_keeps_the_test(tmp_path: Path, values: list[float | None]) -> None:
    """A double 资产原值 (statistics without its NaN) gives the objects engine's findings."""
    table = ledger(values, pa.array(values, pa.float64()))
    path, bare = tmp_path / "with.parquet", tmp_path / "without.parquet"
    pq.write_table(table, path)
    pq.write_table(table, bare, write_statistics=False)

    agree(path, bare)


def facts_of(tmp_path: Path, table: "pa.Table", **options: object) -> dict[str, Facts]:
    """The facts :func:`parquet_facts` reads from ``table`` written as Parquet."""
    path = tmp_path / "facts.parquet"
    pq.write_table(table, path, **options)
    con = duckdb.connect()
    described = con.sql(f"SELECT * FROM read_parquet('{path}') LIMIT 0")  # noqa: S608 - own file
    types = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    return parquet_facts(con, str(path), types)


def trusted(tmp_path: Path, column: "pa.Array", **options: object) -> bool:
    """Whether 资产原值 written as ``column`` needs no test a row."""
    facts = facts_of(tmp_path, pa.table({"v": column}), **options)
    duck_type = f"DECIMAL({column.type.precision},{column.type.scale})"
    return _total(VALUE, "decimal", duck_type, facts["v"])


class TestDecimalFacts:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("as_integer", [False, True], ids=["bytes", "integer"])
    def test_bounds_in_every_scale(
        self, tmp_path: Path, shape: tuple[int, int], as_integer: bool
    ) -> None:
        """A decimal column's statistics are its least and greatest values, in any scale."""
        precision, scale = shape
        small, large = D("0.5") if scale else D(0), D(500)
        column = pa.array([large, None, small], pa.decimal128(precision, scale))
        facts = facts_of(
            tmp_path, pa.table({"v": column}), row_group_size=2, store_decimal_as_integer=as_integer
        )

        assert Facts(small, large, filled=False) == facts["v"]

    @pytest.mark.parametrize("shape", SHAPES)
    def test_a_column_at_least_zero_is_trusted(
        self, tmp_path: Path, shape: tuple[int, int]
    ) -> None:
        """资产原值 whose every row group's least value is 0 or more is trusted, NULLs or not."""
        column = pa.array([D(0), D(7), None, D(120)], pa.decimal128(*shape))

        assert trusted(tmp_path, column, row_group_size=2)

    @pytest.mark.parametrize("shape", SHAPES)
    def test_a_negative_value_is_not_trusted(self, tmp_path: Path, shape: tuple[int, int]) -> None:
        """One value below 0 in any row group keeps the test of every row."""
        least = D(-1).scaleb(-shape[1])
        column = pa.array([D(7), D(120), least, D(3)], pa.decimal128(*shape))

        assert not trusted(tmp_path, column, row_group_size=2)

    def test_amounts_beyond_decimal_18_2_are_not_trusted(self, tmp_path: Path) -> None:
        """A DECIMAL(38,2) value of 10**16 yuan or more is no amount: the test is kept."""
        column = pa.array([D(1), D(10) ** 16], pa.decimal128(38, 2))

        assert not trusted(tmp_path, column)
        assert trusted(tmp_path, pa.array([D(1), D("9999999999999999.99")], pa.decimal128(38, 2)))

    def test_a_row_group_without_bounds_is_not_trusted(self, tmp_path: Path) -> None:
        """A row group of NULLs only, or a file without statistics, proves no least value."""
        column = pa.array([D(1), D(2), None, None], pa.decimal128(18, 2))

        assert not trusted(tmp_path, column, row_group_size=2)
        assert not trusted(tmp_path, pa.array([D(1)], pa.decimal128(9, 3)), write_statistics=False)

    def test_a_row_group_missing_its_statistics_is_not_trusted(self) -> None:
        """Statistics that one row group lacks (its footer written without them) prove nothing."""
        rows = [("v", 0, "0.00", "5.00", 0), ("v", 1, None, None, 0)]

        class Footer:
            def execute(self, *_: object) -> "Footer":
                return self

            def fetchall(self) -> list[tuple[object, ...]]:
                return rows

        facts = parquet_facts(Footer(), "ledger.parquet", {"v": "DECIMAL(18,2)"})
        assert Facts(None, None, filled=True) == facts["v"]
        assert not _total(VALUE, "decimal", "DECIMAL(18,2)", facts["v"])
        rows[1] = ("v", 1, "1.50", "2.00", 0)
        facts = parquet_facts(Footer(), "ledger.parquet", {"v": "DECIMAL(18,2)"})
        assert Facts(D(0), D(5), filled=True) == facts["v"]
        assert _total(VALUE, "decimal", "DECIMAL(18,2)", facts["v"])

    def test_a_float_column_has_no_bounds(self, tmp_path: Path) -> None:
        """A double's statistics leave NaN out: they give no bound, and it is not trusted."""
        facts = facts_of(tmp_path, pa.table({"v": pa.array([1.5, float("nan"), 0.0])}))

        assert Facts(None, None, filled=True) == facts["v"]
        assert not _total(VALUE, "float", "DOUBLE", facts["v"])


def typed_view(tmp_path: Path, table: "pa.Table", **options: object) -> str:
    """The ``__bad`` test of the ``typed`` view a validated check of ``table`` creates."""
    path = tmp_path / "ledger.parquet"
    pq.write_table(table, path, **options)
    con = duckdb.connect()
    check_columnar(path, ledger="assets", as_of=AS_OF, connection=con)
    sql = con.sql("SELECT sql FROM duckdb_views() WHERE view_name = 'typed'").fetchall()[0][0]
    return str(sql).partition(" AS __bad")[0]


def test_short_cut_taken_only_when_proven(tmp_path: Path) -> None:
    """The 资产原值 test a row is left out when the statistics prove it, kept otherwise."""
    good = [D(1200000), D(0), D("800000.50")]
    wide = ledger(good, pa.array(good, pa.decimal128(38, 4)))

    assert "c_value" not in typed_view(tmp_path, amount_ledger(*good))
    assert "c_value" not in typed_view(tmp_path, wide)
    assert "c_value" in typed_view(tmp_path, amount_ledger(*good), write_statistics=False)
    assert "c_value" in typed_view(tmp_path, amount_ledger(D(1200000), D("-0.01")))
