"""Tests that the Ibis validation (compiled for any engine) agrees with the DuckDB SQL one.

The validation written with Ibis (``ledgers._validate``) runs here on DuckDB through Ibis and
is held against the hand-written DuckDB statement (``ledgers._sql``, the DuckDB engine's own)
and the Python parser: cell by cell, and ledger by ledger (the located problems, the rows
counted, every finding). The Spark runs of the same validation are in ``test_ledgers_spark``.
"""

import datetime as dt
import functools

import duckdb
import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_strategies import (
    HEADERS,
    as_of_dates,
    asset_ledgers,
    faulty_ledgers,
    household_ledgers,
)
from test_ledgers_columnar import TEXT_SAMPLES
from test_ledgers_id_sql import id_numbers
from test_ledgers_io import DATA, write_csv
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    EliminationIncomeNotAboveLine,
    RevitalisationRate,
    assets_to_arrow,
    check,
    check_columnar,
    households_to_arrow,
    read_households,
    rules_for,
)
from xiaojie.ledgers._engine import quiet
from xiaojie.ledgers._privacy import id_number_problem
from xiaojie.ledgers._schema import FieldKind, parse_cell, schema_for
from xiaojie.ledgers._validate import SUSPECT, id_number_valid, typed_table


D = dt.date
HOUSEHOLD_RULES = [*rules_for("households"), EliminationIncomeNotAboveLine(monitoring_line=8700)]
ASSET_RULES = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]
IBIS = settings(
    max_examples=max(10, settings.default.max_examples // 6),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def same(a, b):
    """Two findings are equal, item by item and in every aggregate."""
    assert _items(a) == _items(b)
    assert a.by_rule() == b.by_rule()
    for level in ("county", "township", "village"):
        assert a.by_place(level) == b.by_place(level)
    assert a.by_unit() == b.by_unit()
    assert a.by_owner() == b.by_owner()


def _items(findings):
    return findings.to_findings().items if hasattr(findings, "to_findings") else findings.items


def located(report):
    return [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]


def same_check(sql, through_ibis):
    """Two checks read the same rows, locate the same problems and give the same findings."""
    assert located(sql.report) == located(through_ibis.report)
    assert (sql.report.rows, sql.report.good) == (
        through_ibis.report.rows,
        through_ibis.report.good,
    )
    assert sql.report.ignored_columns == through_ibis.report.ignored_columns
    same(sql.findings, through_ibis.findings)


def ibis_check(source, **kwargs):
    """Check with the Ibis validation, on DuckDB through Ibis."""
    return check_columnar(source, con=ibis.duckdb.connect(), validate=True, **kwargs)


def _cells(table, fields):
    """Return the typed values and suspect flags of one-field tables, through the Ibis validation."""
    con = ibis.duckdb.connect()
    values, suspects = {}, {}
    schema = schema_for("households")
    for field in fields:
        raw = table.select([field.name]).append_column(
            "__row", pa.array(range(1, table.num_rows + 1), pa.int64())
        )
        con.con.register("cells", raw)
        with quiet():
            typed = typed_table(
                con.table("cells"), schema, {field.name: field.name}, only=frozenset({field.name})
            )
            out = typed.order_by("__row").to_pyarrow()
        values[field.name] = out.column(field.name).to_pylist()
        suspects[field.name] = out.column(SUSPECT).to_pylist()
    return values, suspects


class TestCells:
    @settings(max_examples=max(10, settings.default.max_examples // 10), deadline=None)
    @given(st.lists(TEXT_SAMPLES, min_size=1, max_size=60))
    def test_text_cells(self, samples):
        """For every field kind the Ibis validation reads a text cell as Python does, or marks it."""
        names = ["household_id", "head_id_number", "phone", "kind", "risks", "clue_on"]
        names += ["fast_track", "income_per_capita", "size", "measure_1", "note"]
        fields = [f for f in schema_for("households").fields if f.name in names]
        table = pa.table({f.name: pa.array(samples, pa.string()) for f in fields})
        values, suspects = _cells(table, fields)

        for field in fields:
            for i, raw in enumerate(samples):
                value, issue, _ = parse_cell(field, raw)
                if issue is not None:
                    assert suspects[field.name][i], (field.name, raw)
                elif not suspects[field.name][i] and field.kind is not FieldKind.ENUM_LIST:
                    expected = value.value if hasattr(value, "value") else value
                    if field.kind is FieldKind.TEXT and expected is not None:
                        expected = raw  # not padded, so the cell as it is
                    assert expected == values[field.name][i], (field.name, raw)

    @settings(max_examples=max(10, settings.default.max_examples // 10), deadline=None)
    @given(
        st.lists(
            st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-5, 200).map(float),
            min_size=1,
            max_size=40,
        )
    )
    def test_floating_cells(self, samples):
        """Floating-point money and sizes (Parquet DOUBLE) are read as Python reads them, or marked."""
        fields = [schema_for("households").field(n) for n in ("income_per_capita", "size")]
        table = pa.table({f.name: pa.array(samples, pa.float64()) for f in fields})
        values, suspects = _cells(table, fields)

        for field in fields:
            for i, raw in enumerate(samples):
                value, issue, _ = parse_cell(field, raw)
                if issue is not None:
                    assert suspects[field.name][i]
                elif not suspects[field.name][i]:
                    assert value == values[field.name][i], (field.name, raw)

    @settings(max_examples=max(100, settings.default.max_examples * 3), deadline=None)
    @given(
        st.lists(
            id_numbers() | st.text(alphabet="0123456789Xx +-._", max_size=19),
            min_size=1,
            max_size=30,
        )
    )
    def test_id_numbers(self, numbers):
        """An identity number passes the Ibis GB 11643 check exactly when the Python check passes it.

        The expression is compiled once (on a named table) and run on each example's numbers:
        compiling it for every example made this the slowest test of the suite.
        """
        sql, duck = _id_check()
        duck.register("numbers", pa.table({"i": list(range(len(numbers))), "c": numbers}))
        result = [v for _, v in duck.sql(sql).fetchall()]

        assert [bool(v) for v in result] == [id_number_problem(n) is None for n in numbers]


@functools.cache
def _id_check() -> tuple[str, object]:
    """The SQL of the Ibis identity-number check over a table ``numbers`` (i, c), and a connection."""
    with quiet():
        table = ibis.table({"i": "int64", "c": "string"}, name="numbers")
        out = table.select("i", v=id_number_valid(table.c)).order_by("i")
        sql = ibis.to_sql(out, dialect="duckdb")
    return str(sql), duckdb.connect()


class TestLedgersAgree:
    @IBIS
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_faulty_csv_ledgers(self, tmp_path, generated, as_of):
        """A faulty CSV ledger: DuckDB SQL and the Ibis validation give the same report and findings."""
        _, rows, _ = generated
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        sql = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES)
        through_ibis = ibis_check(path, as_of=as_of, rules=HOUSEHOLD_RULES)

        same_check(sql, through_ibis)
        same(
            check(read_households(path).rows, as_of=as_of, rules=HOUSEHOLD_RULES),
            through_ibis.findings,
        )

    @IBIS
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_needed_columns_only(self, tmp_path, generated, as_of):
        """With validate="needed" both validations judge the same columns and keep the same rows."""
        _, rows, _ = generated
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        sql = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, validate="needed")
        through_ibis = check_columnar(
            path, as_of=as_of, rules=HOUSEHOLD_RULES, validate="needed", con=ibis.duckdb.connect()
        )

        same_check(sql, through_ibis)

    @IBIS
    @given(household_ledgers(max_size=10), as_of_dates)
    def test_typed_parquet(self, tmp_path, ledger, as_of):
        """A typed Parquet ledger (rows numbered by their place in the file) is checked alike."""
        path = tmp_path / "h.parquet"
        pq.write_table(households_to_arrow(ledger), path)

        same_check(
            check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES),
            ibis_check(path, as_of=as_of, rules=HOUSEHOLD_RULES),
        )

    @IBIS
    @given(asset_ledgers(max_size=10), as_of_dates)
    def test_assets(self, ledger, as_of):
        """Asset ledgers with the group rule: both validations agree with the object engine."""
        table = assets_to_arrow(ledger)
        sql = check_columnar(table, as_of=as_of, ledger="assets", rules=ASSET_RULES)
        through_ibis = ibis_check(table, as_of=as_of, ledger="assets", rules=ASSET_RULES)

        same_check(sql, through_ibis)
        same(check(ledger, as_of=as_of, rules=ASSET_RULES), through_ibis.findings)

    def test_padded_and_duplicate_keys(self, tmp_path):
        """Padded keys, inner blanks and repeated keys are reported at the same rows."""
        path = write_csv(
            tmp_path / "h.csv",
            [
                ["户编号", "户类型", "备注"],
                ["H1", "脱贫户", ""],
                [" H1\u3000", "脱贫户", " 说明"],
                ["H 1", "脱贫户", ""],
                ["H1", "贫困户", ""],
                ["\tH2", "脱贫户", ""],
                ["H2", "一般农户", ""],
                ["", "", ""],
            ],
        )
        through_ibis = ibis_check(path, as_of=D(2025, 8, 1))

        same_check(check_columnar(path, as_of=D(2025, 8, 1)), through_ibis)
        assert [(3, "duplicate"), (4, "bad_key"), (5, "unknown_value"), (5, "duplicate"),
                (7, "duplicate")] == [(i.row, i.kind.value) for i in through_ibis.report.issues]  # fmt: skip

    def test_fixtures(self):
        """The fixture household and asset ledgers are checked alike."""
        for name, ledger, rules in (
            ("households.csv", "households", HOUSEHOLD_RULES),
            ("assets.csv", "assets", ASSET_RULES),
        ):
            same_check(
                check_columnar(DATA / name, as_of=D(2025, 12, 1), ledger=ledger, rules=rules),
                ibis_check(DATA / name, as_of=D(2025, 12, 1), ledger=ledger, rules=rules),
            )

    def test_table_name_needs_row_numbers(self):
        """A table name on a backend that cannot number its rows is refused for validation."""
        con = ibis.duckdb.connect()
        con.con.register("ledger", households_to_arrow([]))

        with pytest.raises(LedgerError, match="expected a file or an Arrow table to validate"):
            check_columnar("ledger", as_of=D(2025, 8, 1), con=con, validate=True)
