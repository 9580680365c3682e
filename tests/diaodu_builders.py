"""Returned 调度表 built in memory: one row of a sent sheet, filled in, judged as collect judges it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.io._collect import Collected, _Checker
from xiaojie.io._sheets import ReturnedRow, ReturnedSheet


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.io import ProgressSheet
    from xiaojie.model import Plan


def returned_row(
    sent: ProgressSheet,
    key: str,
    *,
    state: str = "已完成",
    done_on: dt.date | None = None,
    value: float | None = None,
    note: str = "",
) -> ReturnedRow:
    """Return the row of ``key`` on the sheet ``sent``, as its unit filled it in.

    The row's line and title are those of the sheet as sent.
    """
    return ReturnedRow(
        line=sent.row_of(key),
        key=key,
        title=next(r.title for r in sent.rows if r.key == key),
        state=state,
        done_on=done_on,
        value=value,
        benchmark=None,
        note=note,
    )


def returned_sheet(
    plan: Plan, sent: ProgressSheet, *rows: ReturnedRow, as_of: dt.date
) -> ReturnedSheet:
    """Return the sheet ``sent`` as its unit sent it back, holding ``rows``."""
    return ReturnedSheet(
        source="s.xlsx",
        unit_id=sent.unit.id,
        unit_name=sent.unit.name,
        as_of=as_of,
        plan_id=plan.id,
        rows=rows,
    )


def judged(
    plan: Plan, sent: tuple[ProgressSheet, ...], unit: str, row: ReturnedRow, *, as_of: dt.date
) -> Collected:
    """Return the verdict on one returned ``row`` of ``unit``'s sheet, judged against ``sent``."""
    sheet = next(s for s in sent if s.unit.id == unit)
    returned = returned_sheet(plan, sheet, row, as_of=as_of)
    return _Checker(plan, as_of, {s.unit.id: s for s in sent}).row(returned, row)
