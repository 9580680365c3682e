"""Queries that lose no item: deadlines with no named owner, items due between two dates, owners in order."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import HORIZON_END, HORIZON_START, plans
from xiaojie import queries
from xiaojie.errors import DateValueError
from xiaojie.render import owners_in_order
from xiaojie.tracking import status


PLAN = xj.load_plan()
DAYS = st.dates(HORIZON_START - dt.timedelta(days=30), HORIZON_END + dt.timedelta(days=60))


def test_september_keeps_items_with_no_owner():
    """All 10 items due in September 2025 are in upcoming_deadlines, the 2 with no owner last."""
    snap = status(PLAN, as_of=dt.date(2025, 8, 1))
    rows = queries.upcoming_deadlines(
        PLAN, snap, start=dt.date(2025, 9, 1), end=dt.date(2025, 9, 30)
    )

    assert 10 == len({e.key for row in rows for e in row.entries})
    assert queries.NO_OWNER is rows[-1].owner
    assert ("third-party-evaluation", "rectification-summary-report") == tuple(
        e.key for e in rows[-1].entries
    )


@settings(max_examples=40, deadline=None)
@given(plans(), DAYS, DAYS, DAYS)
def test_upcoming_deadlines_loses_no_entry(plan, as_of, a, b):
    """Every entry not done and due in the range is in some row of upcoming_deadlines."""
    start, end = min(a, b), max(a, b)
    snap = status(plan, as_of=as_of)
    rows = queries.upcoming_deadlines(plan, snap, start=start, end=end)

    expected = {
        e.key for e in snap if e.due is not None and start <= e.due <= end and not e.state.is_done
    }
    assert expected == {e.key for row in rows for e in row.entries}
    assert all(row.owner is not queries.NO_OWNER for row in rows[:-1])


@settings(max_examples=40, deadline=None)
@given(plans(), DAYS, DAYS, DAYS)
def test_due_between_is_the_plan_question(plan, as_of, a, b):
    """due_between gives the same entries, in the same order, as any snapshot's entries due in the range."""
    start, end = min(a, b), max(a, b)
    found = queries.due_between(plan, start, end)
    snap = status(plan, as_of=as_of)

    assert [e.key for e in snap if e.due is not None and start <= e.due <= end] == [
        e.key for e in found
    ]
    assert all(start <= e.due <= end for e in found)


def test_due_between_refuses_a_backward_range():
    """An end before the start is an error naming both dates."""
    with pytest.raises(DateValueError, match="end 2025-08-01 is before start 2025-09-01"):
        queries.due_between(PLAN, dt.date(2025, 9, 1), dt.date(2025, 8, 1))


@settings(max_examples=40, deadline=None)
@given(plans())
def test_owners_in_order_is_one_order(plan):
    """Plan.owners_in_order follows unit_order and lists exactly the owners that answer for something."""
    owners = plan.owners_in_order()
    order = plan.unit_order()
    answering = {o.id for t in plan.tasks for o in plan.owners_of(t)}
    answering |= {o.id for i in plan.items() for o in plan.owners_of(i)}

    assert answering == {o.id for o in owners}
    assert [order[o.id] for o in owners] == sorted(order[o.id] for o in owners)
    assert owners == owners_in_order(plan)
