"""A status made of rows (entries made when read) answers as the snapshot of its entries does."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import xiaojie as xj
from strategies import HORIZON_END, HORIZON_START, dates, plans, progress_for
from xiaojie import queries
from xiaojie.errors import CalendarCoverageError, UnknownItemError
from xiaojie.progress import Progress
from xiaojie.render import overdue_report, status_report, to_text
from xiaojie.tracking import EntryKind, Snapshot, State, item_status, status


if TYPE_CHECKING:
    from xiaojie.model import Plan


_PLANS = plans(max_milestones=5, max_obligations=3, max_indicators=3, max_tasks=6)
_WITH_PROGRESS = _PLANS.flatmap(
    lambda plan: st.one_of(st.none(), progress_for(plan)).map(lambda p: (plan, p))
)
_AS_OF = dates(HORIZON_START - dt.timedelta(days=30), HORIZON_END + dt.timedelta(days=60))


def _eager(plan: Plan, progress: Progress | None, **options: Any) -> Snapshot:
    """Return the snapshot of the plan's entries made item by item (no rows)."""
    entries = []
    for item in itertools.chain(plan.items(), plan.tasks):
        own = None
        if progress is not None:
            own = Progress(r for r in progress if r.item.partition("#")[0] == item.id)
        entries.extend(item_status(plan, item, own, **options))
    known = () if progress is None else progress.until(options["as_of"])
    return Snapshot(
        as_of=options["as_of"],
        plan_id=plan.id,
        entries=entries,
        tasks=[t.number for t in plan.tasks],
        due_soon_days=options.get("due_soon_days", 7),
        working_days=options.get("working_days", False),
        progress_records=len(tuple(known)),
    )


def _options(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "as_of": draw(_AS_OF),
        "due_soon_days": draw(st.integers(0, 40) | st.just(7)),
        "working_days": draw(st.booleans()),
    }


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Plan, Progress | None, dict[str, Any]]:
    plan, progress = draw(_WITH_PROGRESS)
    return plan, progress, _options(draw)


def _both(case: tuple[Plan, Progress | None, dict[str, Any]]) -> tuple[Any, Snapshot]:
    plan, progress, options = case
    try:
        eager = _eager(plan, progress, **options)
        status(plan, progress, **options)
    except CalendarCoverageError:
        assume(False)  # working days asked for a year the calendar does not cover
        raise
    return (lambda: status(plan, progress, **options)), eager


@given(case=_cases())
def test_rows_give_the_entries_made_item_by_item(case: Any) -> None:
    """The entries of status() equal those of every item's own status, sorted, for any date."""
    fresh, eager = _both(case)
    snap = fresh()
    assert len(snap) == len(eager)
    assert snap.entries == eager.entries
    assert snap == eager
    assert hash(snap) == hash(eager)
    assert repr(snap) == repr(eager)
    assert snap.progress_records == eager.progress_records


@given(case=_cases(), states=st.sets(st.sampled_from(State)))
def test_questions_answered_from_rows_equal_the_entries_answers(
    case: Any,
    states: set[State],
) -> None:
    """Each question asked first of a fresh status() gives what the snapshot of entries gives."""
    fresh, eager = _both(case)
    assert fresh().overdue() == eager.overdue()
    assert fresh().due_soon() == eager.due_soon()
    assert fresh().with_state(*states) == eager.with_state(*states)
    assert fresh().not_met() == eager.not_met()
    assert fresh().counts() == eager.counts()
    assert fresh().task_states() == eager.task_states()
    for number in eager.tasks:
        expected = {number: eager.task_states()[number]}
        assert fresh()._task_states_of([number, -1]) == expected
    for kind in EntryKind:
        assert fresh().of_kind(kind) == eager.of_kind(kind)
    snap = fresh()
    for entry in eager.entries:
        assert snap.entry(entry.key) == entry
        assert snap.entries_of(entry.item_id) == eager.entries_of(entry.item_id)
        if entry.task is not None:
            assert fresh().task_state(entry.task) == eager.task_state(entry.task)
    with pytest.raises(UnknownItemError, match="unknown entry 'no-such-key'") as found:
        fresh().entry("no-such-key")
    with pytest.raises(UnknownItemError, match="unknown entry 'no-such-key'") as expected:
        eager.entry("no-such-key")
    assert str(found.value) == str(expected.value)
    assert list(fresh()) == list(eager)
    assert fresh().records().to_json() == eager.records().to_json()


@given(case=_cases(), days=st.tuples(_AS_OF, _AS_OF))
def test_queries_of_rows_equal_the_queries_of_entries(case: Any, days: Any) -> None:
    """The owner queries and the reports give the same answers for rows as for entries."""
    fresh, eager = _both(case)
    plan = case[0]
    first, last = sorted(days)
    assert queries.units_with_overdue_tasks(plan, fresh()) == queries.units_with_overdue_tasks(
        plan, eager
    )
    assert queries.upcoming_deadlines(
        plan, fresh(), start=first, end=last
    ) == queries.upcoming_deadlines(plan, eager, start=first, end=last)
    for limit in (None, 1):
        made = to_text(status_report(plan, fresh(), limit=limit, figures=False))
        assert made == to_text(status_report(plan, eager, limit=limit, figures=False))
    assert to_text(overdue_report(plan, fresh())) == to_text(overdue_report(plan, eager))


def test_rows_of_the_bundled_plan_over_the_year() -> None:
    """On the bundled plan, every week of the plan's year, rows and entries agree."""
    plan = xj.load_plan()
    day = dt.date(2025, 6, 1)
    while day <= dt.date(2026, 1, 15):
        snap, eager = status(plan, as_of=day), _eager(plan, None, as_of=day)
        assert snap.overdue() == eager.overdue()
        assert snap.task_states() == eager.task_states()
        assert queries.units_with_overdue_tasks(plan, snap) == queries.units_with_overdue_tasks(
            plan, eager
        )
        assert snap == eager
        day += dt.timedelta(days=7)


def test_entries_are_made_once() -> None:
    """An entry read twice from a status is the same object, and the whole list reuses it."""
    plan = xj.load_plan()
    snap = status(plan, as_of=dt.date(2025, 8, 1))
    first = snap.overdue()[0]
    assert snap.entry(first.key) is first
    assert any(e is first for e in snap.entries)
    assert snap.entries is snap.entries


def test_indicator_table_of_results_given_as_values() -> None:
    """A hand-made snapshot whose targets' results are plain values reports as with members."""
    plan = xj.load_plan()
    snap = status(plan, as_of=dt.date(2025, 8, 1))
    plain = [attrs.evolve(e, result=str(e.result)) if e.result else e for e in snap.entries]
    other = Snapshot(as_of=snap.as_of, plan_id=plan.id, entries=plain, tasks=snap.tasks)
    assert any(type(e.result) is str for e in other)
    expected = to_text(status_report(plan, snap, figures=False))
    assert to_text(status_report(plan, other, figures=False)) == expected
