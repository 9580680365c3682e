"""The quicker ways of status and its report give what the plain ways give."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie import queries
from xiaojie.render._items import owner_rows
from xiaojie.tracking import Entry, EntryKind, State, status
from xiaojie.tracking._snapshot import _sort_entries


_DUES = st.none() | st.sampled_from([dt.date.max, dt.date.min]) | st.dates()


@st.composite
def _entries(draw: st.DrawFn) -> list[Entry]:
    keys = draw(st.lists(st.text(max_size=4), max_size=30, unique=True))
    return [
        Entry(
            key=key,
            item_id=key,
            kind=EntryKind.MILESTONE,
            title="t",
            state=draw(st.sampled_from(State)),
            due=draw(_DUES),
        )
        for key in keys
    ]


@given(entries=_entries())
def test_entries_sorted_by_due_then_key(entries: list[Entry]) -> None:
    """Entries sort by (due or the last day, key), as one sort by that pair does."""
    expected = tuple(sorted(entries, key=lambda e: (e.due or dt.date.max, e.key)))
    assert _sort_entries(entries) == expected
    assert [e.key for e in _sort_entries(entries)] == [e.key for e in expected]


@given(entries=_entries(), states=st.sets(st.sampled_from(State)))
def test_entries_in_states_as_a_scan_finds_them(entries: list[Entry], states: set[State]) -> None:
    """with_state, asked twice, gives the entries in those states in snapshot order."""
    snap = xj.tracking.Snapshot(as_of=dt.date(2025, 8, 1), plan_id="p", entries=entries)
    expected = tuple(e for e in snap.entries if e.state in states)
    assert snap.with_state(*states) == expected
    assert snap.with_state(*sorted(states, reverse=True)) == expected


@given(as_of=st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 2, 1)))
def test_owner_rows_pair_the_query_rows(as_of: dt.date) -> None:
    """The rows of the status tables hold the query's entries, roles and groups, in its order."""
    plan = xj.load_plan()
    snap = status(plan, as_of=as_of)
    for name, entries, rows in (
        ("overdue", snap.overdue(), queries.units_with_overdue_tasks(plan, snap)),
    ):
        held = owner_rows(plan, snap, name, entries)
        expected = [(row.owner, row.owned) for row in rows if row.owner is not queries.NO_OWNER]
        assert [(owner, tuple(items)) for owner, items in held] == expected
        for (_, items), (_, owned) in zip(held, expected, strict=True):
            assert len(items) == len(owned)
            assert items[:2] == owned[:2]
            assert items[-1] == owned[-1]
            assert list(items.keys()) == [o.entry.key for o in owned]  # type: ignore[attr-defined]
