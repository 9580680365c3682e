"""The one scan's SQL is compiled once per shape of check, and is the SQL of the bound table.

Compiling the scan's Ibis expression (its rewrites and sqlglot) cost each check of a small ledger
about as much as the scan itself. The expression is built on a table named but bound to no
connection, so equal checks (the same columns, rules, day and facts) give an equal expression,
whose SQL is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pytest


duckdb = pytest.importorskip("duckdb")
ibis = pytest.importorskip("ibis")
pa = pytest.importorskip("pyarrow")

from xiaojie.ledgers import _scan, check_columnar  # noqa: E402 - after the skip
from xiaojie.ledgers._scan import quiet  # noqa: E402


LEDGER = Path(__file__).parent.parent / "examples" / "county_ledger" / "households.csv"


def _records(as_of: dt.date) -> list[dict[str, str]]:
    result = check_columnar(LEDGER, as_of=as_of)
    return [*result.findings.records(), *({"issue": str(i)} for i in result.report.issues)]


def test_the_named_table_compiles_to_the_bound_table_s_sql() -> None:
    duck = duckdb.connect()
    duck.register("source", pa.table({"a": [1, 2, None], "b": ["x", "y", None]}))
    duck.execute("CREATE TEMP VIEW checked AS SELECT * FROM source")

    def shaped(table: ibis.Table) -> ibis.Table:
        kept = table.filter(table.a.notnull())
        return kept.mutate(f=((kept.a > 1) & (kept.b != "")).fill_null(False)).drop("b")

    _scan._COMPILED.clear()
    with quiet():  # (Ibis calls a DuckDB method DuckDB 2 deprecates)
        backend = ibis.duckdb.from_connection(duck)
        bound = backend.table("checked")
        named = ibis.table(bound.schema(), name="checked")
        sql = _scan.compiled(backend, shaped(named))
        bound_sql = str(backend.compile(shaped(bound)))

    assert sql == bound_sql
    assert duck.sql(sql).fetchall() == [(1, False), (2, True)]


def test_equal_checks_compile_once_and_find_the_same() -> None:
    _scan._COMPILED.clear()
    first = _records(dt.date(2025, 8, 1))
    assert len(_scan._COMPILED) == 1

    again = _records(dt.date(2025, 8, 1))
    assert len(_scan._COMPILED) == 1
    assert again == first

    other = _records(dt.date(2025, 9, 1))  # another day: another expression, its own SQL
    assert len(_scan._COMPILED) == 2
    _scan._COMPILED.clear()
    assert _records(dt.date(2025, 9, 1)) == other


def test_the_kept_sql_is_bounded() -> None:
    _scan._COMPILED.clear()
    for day in range(1, _scan._COMPILED_MOST + 5):
        _records(dt.date(2025, 1, 1) + dt.timedelta(days=day))
    assert len(_scan._COMPILED) == _scan._COMPILED_MOST


def test_a_user_rule_running_a_query_in_its_cases_gets_a_clear_error() -> None:
    import attrs

    from xiaojie.errors import LedgerError
    from xiaojie.ledgers import CLAUSES, Case, Household, LedgerKind, RowRule

    @attrs.frozen(kw_only=True)
    class Latest(RowRule):
        id: ClassVar[str] = "latest_clue"
        title: ClassVar[str] = "最近的风险线索"
        ledger: ClassVar[LedgerKind] = LedgerKind.HOUSEHOLDS
        row_type: ClassVar[type] = Household
        clause = CLAUSES[4]
        messages: ClassVar[dict[str, tuple[str, str]]] = {"latest": ("{day}", "-")}

        def examine(self, row: Household, ctx: dict[str, object]) -> list[object]:
            return []

        def cases(self, t: ibis.Table, ctx: dict[str, object]) -> list[Case]:
            latest = t.clue_on.max().execute()  # a query: no table to run it on
            return [Case("latest", t.clue_on == latest, t.clue_on)]

    with pytest.raises(LedgerError, match="rule 'latest_clue': cases\\(\\) expected"):
        check_columnar(LEDGER, as_of=dt.date(2025, 8, 1), rules=[Latest()])
