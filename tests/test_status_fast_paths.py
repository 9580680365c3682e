"""The quicker ways of status and its report give what the plain ways give."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie import queries
from xiaojie.render._items import owner_rows
from xiaojie.tracking import Entry, EntryKind, Result, State, status
from xiaojie.tracking._snapshot import _entry, _sort_entries


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


_FIELD_VALUES = {
    "key": st.text(max_size=6),
    "item_id": st.text(max_size=6),
    "kind": st.sampled_from(EntryKind),
    "title": st.text(max_size=6),
    "state": st.sampled_from(State),
    "due": st.none() | st.dates(),
    "window": st.none()
    | st.builds(lambda a, b: xj.dates.Period(min(a, b), max(a, b)), st.dates(), st.dates()),
    "owners": st.sampled_from([(), tuple(xj.load_plan().units.units[:2])]),
    "task": st.none() | st.integers(1, 99),
    "done_on": st.none() | st.dates(),
    "result": st.none() | st.sampled_from(Result),
    "value": st.none() | st.floats(allow_nan=False),
    "soft": st.booleans(),
    "note": st.text(max_size=6),
}


def test_quick_entry_knows_every_field() -> None:
    """The quick maker of entries sets exactly the fields an entry has (a new field fails here)."""
    assert [f.name for f in attrs.fields(Entry)] == list(_FIELD_VALUES)


@given(fields=st.fixed_dictionaries(_FIELD_VALUES))
def test_quick_entry_is_the_entry(fields: dict[str, Any]) -> None:
    """An entry made by setting its slots equals, hashes and prints as the one made by Entry()."""
    quick, plain = _entry(**fields), Entry(**fields)
    assert quick == plain
    assert hash(quick) == hash(plain)
    assert repr(quick) == repr(plain)
    assert [getattr(quick, name) for name in fields] == list(fields.values())
