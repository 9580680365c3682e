"""Hypothesis builders of valid-by-construction plans and progress records.

Everything is drawn inside a short horizon around the 2025 plan year, so generated dates hit
29 February 2024, year ends and each other's due dates often. Dates are drawn in dependency order:
a due date first, then a start on or before it.
"""

import datetime as dt
import functools

from hypothesis import strategies as st

from xiaojie.dates import Cadence, Comparator, Frequency, Period
from xiaojie.model import (
    Campaign,
    CheckMode,
    GroupKind,
    Indicator,
    Milestone,
    Obligation,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    Tracking,
    UnitGroup,
    UnitRegistry,
)
from xiaojie.progress import Completion, Measurement, Occurrence, Progress


HORIZON_START = dt.date(2024, 1, 1)
HORIZON_END = dt.date(2026, 3, 31)
# Values around the bounds that targets use, so that "equal to the bound" is drawn often.
VALUES = (0, 1, 59, 60, 60.5, 80, 85, 95, 97, 99, 100)
NOTES = st.text(alphabet="进度完成已报送会议备注 ,;=\"'\n0123456789abc%", max_size=12)


@functools.cache
def dates(start=HORIZON_START, end=HORIZON_END):
    """Dates inside the horizon (or inside ``[start, end]``); one strategy object per range."""
    return st.dates(start, end)


@functools.cache
def _choices(values):
    return st.sampled_from(values)


@functools.cache
def _maybe(values):
    return st.none() | st.sampled_from(values) if values else st.none()


@functools.cache
def _indices(count, min_size):
    return st.lists(
        st.integers(0, count - 1), unique=True, min_size=min_size, max_size=min(3, count)
    )


@functools.cache
def _integers(low, high):
    return st.integers(low, high)


BOOLEANS = st.booleans()


@st.composite
def deadlines(draw, *, windows=True):
    """A deadline (open start) or, if ``windows``, a window: the due date first, then the start."""
    due = draw(dates())
    if windows and draw(BOOLEANS):
        length = draw(_integers(0, 40))
        start = max(HORIZON_START, due - dt.timedelta(days=length))
        return Period(start, due, text="窗口")
    return Period(None, due, text="前")


@st.composite
def registries(draw):
    """A registry of 1-4 units and, sometimes, one group of some of them."""
    count = draw(_integers(1, 4))
    units = [ResponsibleUnit(id=f"u{k}", name=f"自治区第{k}厅") for k in range(count)]
    groups = []
    if draw(BOOLEANS):
        members = [units[k].id for k in draw(_indices(count, 0))]
        groups.append(
            UnitGroup(
                id="g0",
                name="领导小组成员单位",
                kind=GroupKind.LEADING_GROUP_MEMBERS,
                members=members,
            )
        )
    return UnitRegistry(units, groups)


@st.composite
def owners(draw, registry, *, min_size=0):
    """Up to three distinct owners from ``registry``, in drawn order."""
    everyone = list(registry)
    return tuple(everyone[k] for k in draw(_indices(len(everyone), min_size)))


@st.composite
def tasks(draw, registry, number):
    """Task ``number`` of campaign 1, owned by 1-3 units, the first leading.

    The others are co-responsible, supporting or implementing; the task may name persons (责任人).
    """
    units = draw(owners(registry, min_size=1))
    others = (Role.CO_RESPONSIBLE, Role.IMPLEMENT, Role.SUPPORT)
    roles = [Role.LEAD] + [draw(_choices(others)) for _ in units[1:]]
    return Task(
        number=number,
        title=f"任务{number}",
        campaign=1,
        responsibilities=[Responsibility(o, r) for o, r in zip(units, roles, strict=True)],
        persons=draw(PERSONS),
    )


PERSONS = st.lists(
    st.sampled_from(("分管副县长", "县委副书记", "局长", "分管副主席", "乡镇党委书记")),
    max_size=2,
    unique=True,
)
"""Persons and offices a task may name (责任人, 分管领导), as plans write them."""


@st.composite
def milestones(draw, registry, task_numbers, ident):
    """A milestone with a deadline or a window, maybe in a task, maybe with its own owners."""
    return Milestone(
        id=ident,
        title=f"事项{ident}",
        when=draw(deadlines()),
        owners=draw(owners(registry)),
        task=draw(_maybe(tuple(task_numbers))),
    )


@st.composite
def cadences(draw):
    """A weekly, monthly or quarterly cadence with 1-2 occurrences, maybe a bound and due day."""
    frequency = draw(_choices((Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY)))
    min_count = draw(_integers(1, 2))
    max_count = draw(_maybe(tuple(range(min_count, 4))))
    due_day = None
    if frequency is not Frequency.WEEKLY and draw(BOOLEANS):
        due_day = draw(_integers(1, 31))
    return Cadence(frequency=frequency, min_count=min_count, max_count=max_count, due_day=due_day)


@st.composite
def obligations(draw, registry, task_numbers, ident):
    """A recurring obligation active for up to about four months of the horizon."""
    end = draw(dates())
    start = max(HORIZON_START, end - dt.timedelta(days=draw(_integers(0, 120))))
    return Obligation(
        id=ident,
        title=f"例行{ident}",
        cadence=draw(cadences()),
        owners=draw(owners(registry)),
        task=draw(_maybe(tuple(task_numbers))),
        active=Period(start, end),
        tracking=draw(_choices(tuple(Tracking))),
    )


@st.composite
def targets(draw, *, due=None, dated=True):
    """A target: absolute or relative, soft or hard, with the given due period or none."""
    relative = draw(BOOLEANS)
    return Target(
        value=None if relative else draw(_choices(VALUES)),
        comparator=draw(_choices(tuple(Comparator))),
        unit="%",
        due=due if dated else None,
        soft=draw(BOOLEANS),
        benchmark="全国平均水平" if relative else None,
    )


@st.composite
def indicators(draw, registry, task_numbers, ident):
    """An indicator with 1-2 targets; dated targets come in order of due date."""
    count = draw(_integers(1, 2))
    dues = sorted((draw(deadlines()) for _ in range(count)), key=lambda p: p.end)
    made = [draw(targets(due=d, dated=draw(BOOLEANS))) for d in dues]
    return Indicator(
        id=ident,
        name=f"指标{ident}",
        targets=made,
        task=draw(_maybe(tuple(task_numbers))),
        owners=draw(owners(registry)),
        check=draw(_choices(tuple(CheckMode))),
    )


@st.composite
def plans(draw, *, max_milestones=3, max_obligations=2, max_indicators=2, max_tasks=3):
    """A plan with tasks, milestones, obligations and indicators, valid by construction."""
    registry = draw(registries())
    numbers = list(range(1, draw(_integers(1, max_tasks)) + 1))
    made_tasks = [draw(tasks(registry, n)) for n in numbers]
    made_milestones = [
        draw(milestones(registry, numbers, f"m{k}"))
        for k in range(draw(_integers(0, max_milestones)))
    ]
    made_obligations = [
        draw(obligations(registry, numbers, f"o{k}"))
        for k in range(draw(_integers(0, max_obligations)))
    ]
    made_indicators = [
        draw(indicators(registry, numbers, f"i{k}"))
        for k in range(draw(_integers(0, max_indicators)))
    ]
    return Plan(
        id="generated",
        title="生成的方案",
        reference_date=dt.date(2025, 6, 18),
        campaigns=[Campaign(number=1, name="攻坚行动")],
        tasks=made_tasks,
        milestones=made_milestones,
        obligations=made_obligations,
        indicators=made_indicators,
        units=registry,
    )


def undated_tasks(plan):
    """The numbers of the plan's tasks that have no dated item (completed as ``task-N``)."""
    dated = {m.task for m in plan.milestones}
    dated |= {o.task for o in plan.obligations if o.tracking is Tracking.REPORTED}
    dated |= {i.task for i in plan.indicators if any(t.due is not None for t in i.targets)}
    return [t.number for t in plan.tasks if t.number not in dated]


@functools.cache
def _date_lists(max_size, *, unique=False):
    return st.lists(dates(), unique=unique, max_size=max_size)


@st.composite
def progress_for(draw, plan, *, max_records=8):
    """Records that fit ``plan``: completions, occurrences and measurements on horizon dates.

    Each indicator gets at most one measurement a day, so no target is measured twice on one
    day with different values.
    """
    records = []
    note = draw(NOTES)
    for milestone in plan.milestones:
        records.extend(Completion(milestone.id, day, note=note) for day in draw(_date_lists(2)))
    for number in undated_tasks(plan):
        records.extend(Completion(f"task-{number}", day) for day in draw(_date_lists(1)))
    for obligation in plan.obligations:
        assert obligation.active.start is not None
        assert obligation.active.end is not None
        # Dates around the active period, so that windows are both met and missed.
        around = dates(
            max(HORIZON_START, obligation.active.start - dt.timedelta(days=10)),
            min(HORIZON_END, obligation.active.end + dt.timedelta(days=10)),
        )
        days = draw(st.lists(around, max_size=max_records))
        records.extend(Occurrence(obligation.id, day) for day in days)
    for indicator in plan.indicators:
        for day in draw(_date_lists(4, unique=True)):
            number = draw(_maybe(tuple(range(len(indicator.targets)))))
            chosen = indicator.targets if number is None else (indicator.targets[number],)
            relative = any(t.value is None for t in chosen)
            benchmark = draw(_maybe(VALUES)) if relative else None
            item = indicator.id if number is None else f"{indicator.id}#{number}"
            records.append(Measurement(item, day, draw(_choices(VALUES)), benchmark))
    return Progress(records)


@st.composite
def records(draw, *, items=("m0", "o0", "i0", "i0#1", "task-3"), digits=None):
    """Any single record (not checked against a plan), for file round trips.

    ``digits`` rounds measured values to that many significant digits (spreadsheets keep 15-16).
    """

    def number():
        drawn = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
        if digits is not None:
            drawn = drawn.map(lambda v: float(f"{v:.{digits}g}"))
        return drawn

    item = draw(st.sampled_from(items))
    day = draw(dates())
    note = draw(NOTES)
    kind = draw(st.sampled_from(["completion", "measurement", "occurrence"]))
    if kind == "completion":
        return Completion(item, day, note=note)
    if kind == "occurrence":
        return Occurrence(item, day, note=note)
    value = draw(number() | st.sampled_from(VALUES))
    benchmark = draw(st.none() | number())
    return Measurement(item, day, value, benchmark, note=note)


def progress_lists(max_size=8, *, digits=None):
    """Collections of any records, for file round trips."""
    return st.lists(records(digits=digits), max_size=max_size).map(Progress)
