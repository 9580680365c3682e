"""Hypothesis builders of valid-by-construction plans (for file round trips and model checks)."""

import datetime as dt

from hypothesis import strategies as st

from xiaojie.dates import Cadence, Comparator, Frequency, HolidayShift, Period, Span, SpanUnit
from xiaojie.model import (
    Campaign,
    CheckMode,
    GroupKind,
    Indicator,
    Milestone,
    Obligation,
    Phase,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    TimeLimit,
    Tracking,
    UnitGroup,
    UnitKind,
    UnitRegistry,
)


HORIZON_START = dt.date(2024, 1, 1)
HORIZON_END = dt.date(2026, 12, 31)

CHINESE = st.text(
    alphabet="农业厅局委办部会社财政水利民教育卫生健康残联人社", min_size=1, max_size=8
)
PERSON = st.sampled_from(("分管副县长", "县委副书记", "局长", "分管副主席")) | CHINESE
"""A person or office a task names (责任人, 分管领导): a title, or any short Chinese text."""
PHRASE = st.text(alphabet="0123456789月日底前中旬上下年每次至少以上", max_size=8)


@st.composite
def periods(draw, *, open_start=True, open_end=False):
    """A period inside the horizon; ``end`` is drawn first, then ``start <= end``."""
    end = draw(st.dates(HORIZON_START, HORIZON_END))
    start = (
        draw(st.none() | st.dates(HORIZON_START, end))
        if open_start
        else draw(st.dates(HORIZON_START, end))
    )
    if open_end and start is not None and draw(st.booleans()):
        return Period(start, None, text=draw(PHRASE))
    return Period(start, end, text=draw(PHRASE))


@st.composite
def registries(draw):
    """A registry of 1-6 units with distinct names and 0-2 groups over them."""
    count = draw(st.integers(1, 6))
    names = draw(st.lists(CHINESE, min_size=count, max_size=count, unique=True))
    units = [
        ResponsibleUnit(
            id=f"u{k}",
            name=f"自治区{name}{k}号",
            aliases=(f"{name}{k}号",) if draw(st.booleans()) else (),
            kind=draw(st.sampled_from(UnitKind)),
        )
        for k, name in enumerate(names)
    ]
    groups = []
    for k in range(draw(st.integers(0, 2))):
        members = draw(st.none() | st.lists(st.sampled_from([u.id for u in units]), unique=True))
        groups.append(
            UnitGroup(
                id=f"g{k}",
                name=f"第{k}组成员单位",
                kind=draw(
                    st.sampled_from([GroupKind.LEADING_GROUP_MEMBERS, GroupKind.DESCRIPTIVE])
                ),
                members=members,
            )
        )
    return UnitRegistry(units, groups)


@st.composite
def plans(draw):
    """A small, valid plan exercising every kind of item."""
    registry = draw(registries())
    owners = list(registry)
    campaigns = [
        Campaign(number=n, name=f"实施第{n}项攻坚行动", short_name=f"第{n}项")
        for n in range(1, draw(st.integers(1, 3)) + 1)
    ]
    tasks = []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        chosen = draw(
            st.lists(st.sampled_from(owners), min_size=1, max_size=3, unique_by=lambda o: o.id)
        )
        tasks.append(
            Task(
                number=number,
                title=draw(CHINESE),
                text=draw(st.text(max_size=30)),
                campaign=draw(st.sampled_from(campaigns)).number,
                responsibilities=[
                    Responsibility(
                        o,
                        Role.LEAD
                        if k == 0
                        else draw(
                            st.sampled_from((Role.CO_RESPONSIBLE, Role.IMPLEMENT, Role.SUPPORT))
                        ),
                        o.name,
                    )
                    for k, o in enumerate(chosen)
                ],
                units_text="、".join(o.name for o in chosen),
                persons=draw(st.lists(PERSON, max_size=2, unique=True)),
            )
        )
    phases = [
        Phase(id=f"phase-{k}", number=k, name=draw(CHINESE), when=draw(periods(open_start=False)))
        for k in range(1, draw(st.integers(0, 2)) + 1)
    ]
    milestones = [
        Milestone(
            id=f"m-{k}",
            title=draw(CHINESE),
            when=draw(periods()),
            owners=draw(st.lists(st.sampled_from(owners), max_size=2, unique_by=lambda o: o.id)),
            task=draw(st.none() | st.sampled_from([t.number for t in tasks])),
            phase=draw(st.none() | st.sampled_from([p.id for p in phases])) if phases else None,
            after=[f"m-{j}" for j in range(k) if draw(st.booleans())],
            text=draw(st.text(max_size=20)),
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    obligations = [
        Obligation(
            id=f"o-{k}",
            title=draw(CHINESE),
            cadence=draw(cadences()),
            owners=draw(st.lists(st.sampled_from(owners), max_size=2, unique_by=lambda o: o.id)),
            active=draw(periods(open_start=False)),
            tracking=draw(st.sampled_from(Tracking)),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    indicators = [
        Indicator(
            id=f"i-{k}",
            name=draw(CHINESE),
            targets=sorted(
                draw(st.lists(targets(), min_size=1, max_size=3)),
                key=lambda t: t.due.end if t.due and t.due.end else dt.date.min,
            ),
            task=draw(st.none() | st.sampled_from([t.number for t in tasks])),
            check=draw(st.sampled_from(CheckMode)),
            exclusions=draw(st.lists(CHINESE, max_size=1)),
            section=draw(st.sampled_from(["主要目标", "重点任务", ""])),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    limits = [
        TimeLimit(
            id=f"l-{k}",
            title=draw(CHINESE),
            span=Span(
                amount=draw(st.integers(1, 400)),
                unit=draw(st.sampled_from(SpanUnit)),
                comparator=draw(st.sampled_from(Comparator)),
                text=draw(PHRASE),
            ),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    return Plan(
        id="generated",
        title=draw(CHINESE),
        issuer=draw(st.text(max_size=10)),
        publisher=draw(st.text(max_size=10)),
        index_number=draw(st.text(alphabet="0123456789/-", max_size=12)),
        published=draw(st.none() | st.dates(HORIZON_START, HORIZON_END)),
        reference_date=draw(st.dates(HORIZON_START, HORIZON_END)),
        campaigns=campaigns,
        tasks=tasks,
        phases=phases,
        milestones=milestones,
        obligations=obligations,
        indicators=indicators,
        limits=limits,
        units=registry,
    )


@st.composite
def cadences(draw, *, holidays=False):
    """A valid cadence: counts, and maybe one due rule (a due day, month, weekday, offset …)."""
    frequency = draw(st.sampled_from(Frequency))
    low = draw(st.integers(1, 3))
    high = draw(st.none() | st.integers(low, 5))
    weekly = frequency is Frequency.WEEKLY
    rules = ["none"] if weekly else ["none", "due_day", "next_month", "after_days"]
    rules += ["after_working_days"]
    rules += ["weekday"] if weekly else []
    rules += ["due_month"] if frequency.months >= 2 else []
    rules += ["season"] if frequency is Frequency.YEARLY else []
    rule = draw(st.sampled_from(rules))
    day = st.none() | st.integers(1, 28)
    fields: dict[str, object] = {}
    if rule == "due_day":
        fields = {"due_day": draw(st.integers(1, 31))}
    elif rule == "next_month":
        fields = {"due_next_month": True, "due_day": draw(day)}
    elif rule == "after_days":
        fields = {"due_after_days": draw(st.integers(1, 366))}
    elif rule == "after_working_days":
        fields = {"due_after_working_days": draw(st.integers(1, 250))}
    elif rule == "weekday":
        fields = {"weekday": draw(st.integers(1, 7))}
    elif rule == "due_month":
        fields = {"due_month": draw(st.integers(1, frequency.months)), "due_day": draw(day)}
    elif rule == "season":
        first = draw(st.integers(1, 12))
        fields = {
            "start_month": first,
            "start_day": draw(day),
            "due_month": draw(st.integers(first, 12)),
        }
    if holidays:
        fields["on_holiday"] = draw(st.none() | st.sampled_from(HolidayShift))
    return Cadence(frequency=frequency, min_count=low, max_count=high, text=draw(PHRASE), **fields)


@st.composite
def targets(draw):
    """A target with a value or a benchmark and maybe a dated due period."""
    relative = draw(st.booleans())
    return Target(
        value=None if relative else draw(st.integers(0, 100) | st.floats(0, 100, allow_nan=False)),
        comparator=draw(st.sampled_from(Comparator)),
        unit=draw(st.sampled_from(["%", "万人", "分", ""])),
        due=draw(st.none() | periods()),
        soft=draw(st.booleans()),
        approximate=draw(st.booleans()),
        benchmark="全国平均水平" if relative else draw(st.none() | st.just("全区平均水平")),
        text=draw(PHRASE),
    )
