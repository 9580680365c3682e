"""Indexes built once per plan or snapshot give what scanning the whole plan gives."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import xiaojie as xj
from model_strategies import plans
from xiaojie.errors import CalendarCoverageError
from xiaojie.render import plain, unit_sheet, unit_status
from xiaojie.render._items import owner_rows
from xiaojie.render._plan_docs import dated_items
from xiaojie.tracking import status


if TYPE_CHECKING:
    from xiaojie.model import Plan


def _scanned_status(plan: Plan, snapshot: xj.tracking.Snapshot, owner_id: str) -> list[str]:
    """Return one unit's overdue and due-soon keys the old way: every row of the whole snapshot."""
    held = []
    for name, entries in (("overdue", snapshot.overdue()), ("due_soon", snapshot.due_soon())):
        for found, items in owner_rows(plan, snapshot, name, entries):
            if found.id == owner_id:
                held.extend(o.entry.key for o in items)
    return held


@settings(max_examples=40, deadline=None)
@given(plan=plans(), day=st.dates(dt.date(2025, 1, 1), dt.date(2026, 6, 30)))
def test_unit_status_reads_the_same_as_a_scan(plan: Plan, day: dt.date) -> None:
    """Every unit's status page lists exactly the entries a scan of the whole snapshot gives."""
    try:
        snapshot = status(plan, as_of=day)
    except CalendarCoverageError:  # a working-day rule past the official calendar
        reject()
    for owner in plan.owners_in_order():
        page = unit_status(plan, snapshot, owner)
        tables = page.tables()
        listed = [plain(row[0]) for row in tables[0].rows] if tables else []
        expected = _scanned_status(plan, snapshot, owner.id)
        assert len(listed) == len(expected)
        assert listed == [snapshot.entry(key).title for key in expected]


def _check_unit_sheets(plan: Plan) -> None:
    """Each unit's 任务清单 lists its dated items, obligations and limits as a scan finds them."""
    for owner in plan.owners_in_order():
        sheet = unit_sheet(plan, owner)
        tables = {t.name: t for t in sheet.tables()}
        roles = {i.id for i in plan.items() if plan.role_of(i, owner) is not None}
        dated = [d.title for d in dated_items(plan) if d.item_id in roles]
        obligations = [o.title for o in plan.obligations if o.id in roles]
        tasks = {t.number for t in plan.tasks if t.role_of(owner) is not None}
        limits = [lim.title for lim in plan.limits if lim.task in tasks]
        for name, column, expected in (
            ("dated", 2, dated),
            ("recurring", 1, obligations),
            ("limits", 1, limits),
        ):
            listed = [plain(row[column]) for row in tables[name].rows] if name in tables else []
            assert listed == expected, name


@settings(max_examples=40, deadline=None)
@given(plan=plans())
def test_unit_sheet_lists_what_the_unit_answers_for(plan: Plan) -> None:
    """Each unit's 任务清单 of a generated plan lists what a scan of the plan finds, in order."""
    _check_unit_sheets(plan)


def test_bundled_unit_sheets_list_what_each_unit_answers_for() -> None:
    """Each unit's 任务清单 of the bundled plan (limits included) lists what a scan finds."""
    plan = xj.load_plan()
    assert plan.limits
    _check_unit_sheets(plan)


def test_plan_keeps_what_is_derived_and_a_new_plan_starts_afresh() -> None:
    """A plan computes its owners once; an evolved plan computes its own."""
    plan = xj.load_plan()
    assert plan.owners_in_order() is plan.owners_in_order()
    first = plan.owners_in_order()[0]
    fewer = attrs.evolve(plan, tasks=plan.tasks[1:])
    assert fewer.owners_in_order() is not plan.owners_in_order()
    assert [o.id for o in fewer.owners_in_order()] == [o.id for o in fewer._owners_in_order()]
    assert first in plan.owners_in_order()


def test_owners_of_an_equal_item_of_another_plan_are_its_own() -> None:
    """Owners kept by a plan are given only for its own objects, never for an edited copy."""
    plan = xj.load_plan()
    item = plan.item("asset-revitalisation-rate")
    kept = plan.owners_of(item)
    edited = attrs.evolve(item, owners=())
    assert plan.owners_of(item) is kept
    assert [o.id for o in plan.owners_of(edited)] == [
        r.owner.id for r in plan.task(item.task).responsibilities
    ]
