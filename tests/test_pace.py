"""序时进度: the expected value on a date by linear interpolation between staged targets."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.errors import ProgressError
from xiaojie.pace import expected_value, indicator_pace, paced_indicators, stages_of
from xiaojie.progress import Measurement, Progress


DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def staged(draw):
    """Between one and five stages on distinct dates with non-decreasing values."""
    dates = sorted(draw(st.sets(DAYS, min_size=1, max_size=5)))
    values = sorted(
        draw(
            st.lists(
                st.floats(min_value=0, max_value=100, allow_nan=False),
                min_size=len(dates),
                max_size=len(dates),
            )
        )
    )
    return list(zip(dates, values, strict=True))


@given(staged())
def test_equals_each_stage_on_its_date(stages):
    """On each stage's date the expected value is exactly that stage's target."""
    for day, value in stages:
        assert expected_value(stages, day) == value


@given(staged(), DAYS, DAYS)
def test_monotone_between_stages(stages, a, b):
    """For non-decreasing stages, a later day never expects less than an earlier one."""
    early, late = sorted((a, b))
    first = stages[0][0]
    if early < first:
        return
    low = expected_value(stages, early)
    high = expected_value(stages, late)
    assert low is not None
    assert high is not None
    assert low <= high + 1e-9


@given(staged(), DAYS)
def test_between_neighbouring_stages(stages, day):
    """Inside one segment the value lies between the two stage targets it joins."""
    for (start, low), (end, high) in itertools.pairwise(stages):
        if start <= day <= end:
            value = expected_value(stages, day)
            assert value is not None
            assert min(low, high) - 1e-9 <= value <= max(low, high) + 1e-9


@given(staged(), DAYS)
def test_order_of_stages_does_not_matter(stages, day):
    """The stages may be given in any order."""
    assert expected_value(list(reversed(stages)), day) == expected_value(stages, day)


@given(staged(), DAYS)
def test_before_first_stage(stages, day):
    """Before the first stage there is no expectation without an origin, and one from it with."""
    first_day, first_value = stages[0]
    if day >= first_day:
        return
    assert expected_value(stages, day) is None
    origin = (day - dt.timedelta(days=10), 0.0)
    value = expected_value(stages, day, origin=origin)
    assert value is not None
    assert 0.0 <= value <= first_value + 1e-9


@given(staged(), st.integers(min_value=1, max_value=3000))
def test_after_last_stage_stays(stages, days):
    """After the last stage the expected value stays at the last target."""
    last_day, last_value = stages[-1]
    assert expected_value(stages, last_day + dt.timedelta(days=days)) == last_value


def test_two_stages_on_one_date_refused():
    """Two targets on one date are a located error, not a guess."""
    day = dt.date(2025, 7, 31)
    with pytest.raises(ProgressError, match="one target per date, found two on 2025-07-31"):
        expected_value([(day, 60.0), (day, 70.0)], day)


def test_origin_after_first_stage_refused():
    """An origin on or after the first stage is refused with both dates named."""
    with pytest.raises(ProgressError, match="origin: expected a date before the first stage"):
        expected_value(
            [(dt.date(2025, 7, 31), 60.0)], dt.date(2025, 8, 1), origin=(dt.date(2025, 8, 1), 0.0)
        )


def test_spending_progress_of_bundled_plan():
    """Spending progress (60% by 7-31, 85% by 10-31) is the bundled plan's staged indicator."""
    plan = xj.load_plan()
    assert [i.id for i in paced_indicators(plan)] == ["spending-progress"]
    assert stages_of(plan.item("spending-progress")) == (
        (dt.date(2025, 7, 31), 60.0),
        (dt.date(2025, 10, 31), 85.0),
    )
    progress = Progress(
        [
            Measurement("spending-progress", "2025-07-31", 58.0),
            Measurement("spending-progress", "2025-09-15", 80.0),
        ]
    )
    pace = indicator_pace(plan, "spending-progress", progress, as_of=dt.date(2025, 9, 15))
    assert pace.expected == 72.5
    assert pace.actual == 80.0
    assert not pace.behind
    early = indicator_pace(plan, "spending-progress", progress, as_of=dt.date(2025, 8, 1))
    assert early.actual == 58.0
    assert early.behind
    assert {o.id for o in early.owners} >= {"finance", "agriculture"}
