"""``validate="needed"`` with a user rule that reads few columns: the cross-checks of columns it
left out are left out too (a rule reading only the income failed with DuckDB's Binder Error:
the category's test named a column the needed selection had removed)."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path
from typing import ClassVar

import attrs
import pytest


pytest.importorskip("duckdb")
ibis = pytest.importorskip("ibis")

from xiaojie.ledgers import (  # noqa: E402 - after the skip
    CLAUSES,
    Case,
    Evidence,
    Household,
    LedgerKind,
    RowRule,
    check,
    check_columnar,
    read_households,
)


LEDGER = Path(__file__).parent.parent / "examples" / "county_ledger" / "households.csv"
AS_OF = dt.date(2025, 8, 1)


@attrs.frozen(kw_only=True)
class IncomeBelow(RowRule):
    id: ClassVar[str] = "income_below"
    title: ClassVar[str] = "人均纯收入低于阈值"
    ledger: ClassVar[LedgerKind] = LedgerKind.HOUSEHOLDS
    row_type: ClassVar[type] = Household
    clause = CLAUSES[4]
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "low": ("人均纯收入{amount}元", "高于{rule.threshold}元")
    }
    threshold: int = 9000

    def examine(self, row: Household, ctx: dict[str, object]) -> list[Evidence]:
        income = row.income_per_capita
        if income is not None and income < decimal.Decimal(self.threshold):
            return [Evidence("low", None, None, income)]
        return []

    def cases(self, t: ibis.Table, ctx: dict[str, object]) -> list[Case]:
        line = ibis.literal(self.threshold, type="decimal(18, 2)")
        return [Case("low", t.income_per_capita < line, None, None, t.income_per_capita)]


def _records(validate: object, **options: object) -> list[dict[str, str]]:
    result = check_columnar(
        LEDGER, as_of=AS_OF, rules=[IncomeBelow()], validate=validate, **options
    )
    return sorted(result.findings.records(), key=lambda r: sorted(r.items()))


def test_a_rule_of_one_column_runs_with_the_needed_columns() -> None:
    needed = _records("needed")

    assert needed
    assert needed == _records(True)
    assert needed == _records("needed", con=ibis.duckdb.connect())  # the Ibis validation
    objects = check(read_households(LEDGER).rows, as_of=AS_OF, rules=[IncomeBelow()])
    assert needed == sorted(objects.records(), key=lambda r: sorted(r.items()))
