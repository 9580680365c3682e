"""status() keeps each cadence's windows once per evaluation: its entries equal item by item ones."""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.model import Obligation, TrackingMode
from xiaojie.progress import Occurrence, Progress
from xiaojie.tracking import item_status, status


PLAN = xj.load_plan()
REPORTED = [
    o for o in PLAN.obligations if isinstance(o, Obligation) and o.tracking is TrackingMode.REPORTED
]
as_of_dates = st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 1, 31))


def _progress(days):
    """Occurrences of the reported obligations on the given days (one obligation each, in turn)."""
    return Progress([Occurrence(REPORTED[k % len(REPORTED)].id, day) for k, day in enumerate(days)])


@given(
    as_of=as_of_dates,
    days=st.lists(st.dates(dt.date(2025, 6, 1), dt.date(2025, 12, 31)), max_size=8),
    soon=st.integers(min_value=0, max_value=20),
)
def test_status_equals_each_item_evaluated_alone(as_of, days, soon):
    """Every entry of status() is the entry item_status() gives for its item on its own."""
    progress = _progress(days)
    snapshot = status(PLAN, progress, as_of=as_of, due_soon_days=soon)
    alone = [
        entry
        for item in (*PLAN.items(), *PLAN.tasks)
        for entry in item_status(PLAN, item, progress, as_of=as_of, due_soon_days=soon)
    ]
    assert sorted(snapshot.entries, key=lambda e: e.key) == sorted(alone, key=lambda e: e.key)


def test_obligations_that_share_a_cadence_keep_their_own_records():
    """Two obligations with one cadence and period share windows, not occurrences."""
    first = REPORTED[0]
    twin = attrs.evolve(first, id=f"{first.id}-twin")
    plan = attrs.evolve(PLAN, obligations=(*PLAN.obligations, twin))
    day = first.windows()[0].start
    snapshot = status(plan, Progress([Occurrence(first.id, day)]), as_of=dt.date(2025, 12, 31))
    mine = snapshot.entries_of(first.id)
    theirs = snapshot.entries_of(twin.id)
    assert [e.window for e in mine] == [e.window for e in theirs]
    assert [e.due for e in mine] == [e.due for e in theirs]
    assert mine[0].done_on == day
    assert theirs[0].done_on is None
