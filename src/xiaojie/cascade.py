"""Cascade a plan one level down (层层分解): the region's plan re-written for a city or county.

:func:`cascade` returns the local plan — an ordinary :class:`~xiaojie.model.Plan` whose tasks
and items each keep a link to their parent item (:class:`~xiaojie.model.Lineage`) — with its
units mapped through the counterpart table (对口表), its deadlines brought forward by a lead
time so that the local units report before the parent's due date, its cadences and targets
inherited (local target values can be set), and a report of every unit it could not map.
Nothing here reads the clock or writes a file.

Examples
--------
>>> from xiaojie import load_plan
>>> result = cascade(load_plan(), to="同心县")
>>> result.plan.task(4).lead.name
'同心县农业农村局'
>>> result.plan.lineage.parent_of("task-4")
'task-4'
>>> result.plan.item("midterm-report").when.end, load_plan().item("midterm-report").when.end
(datetime.date(2025, 8, 25), datetime.date(2025, 8, 31))
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xiaojie.dates import Comparator, Period, add_working_days
from xiaojie.errors import PlaceError, PlanValidationError
from xiaojie.model import (
    Indicator,
    Lineage,
    Owner,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    UnitGroup,
    UnitKind,
    UnitRegistry,
)
from xiaojie.places import CounterpartTable, Fallback, Level, Place, Places, load_counterparts
from xiaojie.places import load_places as _load_places


if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


__all__ = [
    "DEFAULT_LEAD_TIMES",
    "CascadeResult",
    "LeadTime",
    "Unmapped",
    "cascade",
    "weaker",
]


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PlanValidationError(f"lead_time.{attribute.name}", "a whole number >= 0", repr(value))


@attrs.frozen
class LeadTime:
    """How much earlier a local due date is than the parent's: calendar or working days.

    Examples
    --------
    >>> import datetime as dt
    >>> LeadTime(5).before(dt.date(2025, 9, 30))
    datetime.date(2025, 9, 25)
    >>> LeadTime(1, working=True).before(dt.date(2025, 10, 9))   # over the October holiday
    datetime.date(2025, 9, 30)
    """

    days: int = attrs.field(default=0, validator=_non_negative)
    working: bool = attrs.field(default=False, kw_only=True)

    def before(self, day: dt.date) -> dt.date:
        """Return the local due date for the parent's due date ``day`` (never later)."""
        if self.days == 0:
            return day
        if not self.working:
            return day - dt.timedelta(days=self.days)
        return add_working_days(day, -self.days, approximate=True).value

    def __str__(self) -> str:
        unit = "working days" if self.working else "days"
        return f"{self.days} {unit}"


DEFAULT_LEAD_TIMES: Mapping[str, LeadTime] = {
    "milestone": LeadTime(5, working=True),
    "obligation": LeadTime(0),
    "indicator": LeadTime(0),
    "phase": LeadTime(0),
}
"""Default lead times by item kind: a local unit reports a milestone 5 working days early."""


@attrs.frozen
class Unmapped:
    """A parent unit with no counterpart at the place, and what became of it."""

    unit: str
    """The parent unit's name."""
    unit_id: str
    refs: tuple[str, ...]
    """The tasks (``task-N``) and items where it appeared."""
    action: str
    """``dropped``, or ``lead replaced by <name>``."""


@attrs.frozen
class CascadeResult:
    """The local plan, the unit mapping and the report of units that could not be mapped."""

    plan: Plan
    place: Place
    units: tuple[tuple[str, str], ...]
    """Pairs ``(parent owner id, local owner id)`` for every mapped owner."""
    unmapped: tuple[Unmapped, ...]
    approximate_years: tuple[int, ...] = ()
    """Years outside the official working-day calendar (counted Monday-Friday)."""

    def local_of(self, parent_owner_id: str) -> str | None:
        """Return the local owner id of a parent owner, or ``None`` if it was not mapped."""
        return dict(self.units).get(parent_owner_id)

    def report(self) -> str:
        """Return the report as text: one line per unmapped unit."""
        lines = [f"{self.plan.id}: cascaded to {self.place.name} ({self.place.code})"]
        lines.extend(
            f"  unmapped: {u.unit} ({u.unit_id}) in {', '.join(u.refs)}: {u.action}"
            for u in self.unmapped
        )
        if self.approximate_years:
            years = ", ".join(str(y) for y in self.approximate_years)
            lines.append(f"  working days in {years} counted Monday-Friday (no official calendar)")
        return "\n".join(lines)


def weaker(local: Target, parent: Target) -> bool:
    """Return whether ``local`` asks for less than ``parent`` (a lower floor, a higher ceiling).

    Examples
    --------
    >>> from xiaojie.dates import Comparator
    >>> weaker(Target(value=50, comparator=">="), Target(value=60, comparator=">="))
    True
    >>> weaker(Target(value=65, comparator=">="), Target(value=60, comparator=">="))
    False
    """
    if local.value is None or parent.value is None:
        return local.benchmark != parent.benchmark or local.comparator != parent.comparator
    up = {Comparator.AT_LEAST, Comparator.MORE_THAN}
    down = {Comparator.AT_MOST, Comparator.LESS_THAN}
    if parent.comparator in up:
        if local.comparator not in up:
            return True
        if local.value != parent.value:
            return local.value < parent.value
        return local.comparator is Comparator.AT_LEAST and parent.comparator is Comparator.MORE_THAN
    if parent.comparator in down:
        if local.comparator not in down:
            return True
        if local.value != parent.value:
            return local.value > parent.value
        return local.comparator is Comparator.AT_MOST and parent.comparator is Comparator.LESS_THAN
    return local.comparator is not Comparator.EQUAL or local.value != parent.value


def _lead_times(lead_time: LeadTime | Mapping[str, LeadTime] | None) -> dict[str, LeadTime]:
    if lead_time is None:
        return dict(DEFAULT_LEAD_TIMES)
    if isinstance(lead_time, LeadTime):
        return dict.fromkeys(DEFAULT_LEAD_TIMES, lead_time)
    unknown = sorted(set(lead_time) - set(DEFAULT_LEAD_TIMES))
    if unknown:
        raise PlanValidationError(
            "lead_time", f"keys among {', '.join(DEFAULT_LEAD_TIMES)}", ", ".join(unknown)
        )
    return {**DEFAULT_LEAD_TIMES, **lead_time}


def _date_text(period: Period) -> str:
    end = period.end
    assert end is not None  # noqa: S101 - callers pass periods with an end
    if period.start is None:
        return f"{end.month}月{end.day}日前"
    return f"{period.start.month}月{period.start.day}日至{end.month}月{end.day}日"


class _Shifter:
    def __init__(self, leads: dict[str, LeadTime]) -> None:
        self.leads = leads
        self.assumed: set[int] = set()

    def day(self, kind: str, day: dt.date) -> dt.date:
        lead = self.leads[kind]
        if lead.working and lead.days:
            answer = add_working_days(day, -lead.days, approximate=True)
            self.assumed.update(answer.assumed_years)
            return answer.value
        return lead.before(day)

    def period(self, kind: str, period: Period) -> Period:
        if period.end is None:
            return period
        end = self.day(kind, period.end)
        if end == period.end:
            return period
        start = None if period.start is None else min(period.start, end)
        moved = Period(start, end)
        return Period(start, end, text=_date_text(moved))


class _Units:
    """The local registry being built, keyed by local name."""

    def __init__(self, parent: Plan, place: Place, places: Places, table: CounterpartTable) -> None:
        self.parent = parent
        self.place = place
        self.places = places
        self.table = table
        self.by_name: dict[str, Owner] = {}
        self.mapping: dict[str, str | None] = {}
        self.seen_in: dict[str, list[str]] = {}
        self.replaced: dict[str, str] = {}

    def _new_id(self, wanted: str) -> str:
        used = {o.id for o in self.by_name.values()}
        candidate, k = wanted, 2
        while candidate in used:
            candidate, k = f"{wanted}-{k}", k + 1
        return candidate

    def _make(self, owner: Owner, name: str, wanted_id: str) -> Owner:
        known = self.by_name.get(name)
        if known is not None:
            return known
        made: Owner
        if isinstance(owner, UnitGroup):
            made = UnitGroup(id=self._new_id(wanted_id), name=name, kind=owner.kind)
        else:
            made = ResponsibleUnit(id=self._new_id(wanted_id), name=name, kind=owner.kind)
        self.by_name[name] = made
        return made

    def local(self, owner: Owner, ref: str) -> Owner | None:
        self.seen_in.setdefault(owner.id, []).append(ref)
        if owner.id in self.mapping:
            local_id = self.mapping[owner.id]
            return None if local_id is None else self._by_id(local_id)
        mapped = self.table.map(owner, self.place, self.places)
        if mapped.name is None:
            self.mapping[owner.id] = None
            return None
        wanted = owner.id if mapped.rule in {"table", "rename"} else mapped.rule
        made = self._make(owner, mapped.name, wanted)
        self.mapping[owner.id] = made.id
        return made

    def stand_in(self, owner: Owner) -> Owner:
        name = self.table.fallback_name(Fallback.GOVERNMENT, self.place, self.places)
        self.replaced[owner.id] = name
        stand = ResponsibleUnit(id="government", name=name, kind=UnitKind.LEADERSHIP)
        return self._make(stand, name, "government")

    def _by_id(self, local_id: str) -> Owner:
        return next(o for o in self.by_name.values() if o.id == local_id)

    def registry(self) -> UnitRegistry:
        owners = list(self.by_name.values())
        units = [o for o in owners if isinstance(o, ResponsibleUnit)]
        groups = []
        for group in (o for o in owners if isinstance(o, UnitGroup)):
            parent_group = next(
                (g for g in self.parent.units.groups if self.mapping.get(g.id) == group.id), None
            )
            members = None
            parent_link = None
            if parent_group is not None:
                if parent_group.members is not None:
                    local = [self.mapping.get(m) for m in parent_group.members]
                    if all(m is not None for m in local):
                        members = tuple(dict.fromkeys(m for m in local if m is not None))
                        if any(isinstance(self._by_id(m), UnitGroup) for m in members):
                            members = None
                if parent_group.parent is not None:
                    parent_link = self.mapping.get(parent_group.parent)
            groups.append(attrs.evolve(group, members=members, parent=parent_link))
        return UnitRegistry(tuple(units), tuple(groups))  # type: ignore[arg-type]


def _owners(units: _Units, owners: Iterable[Owner], ref: str) -> tuple[Owner, ...]:
    made: dict[str, Owner] = {}
    for owner in owners:
        local = units.local(owner, ref)
        if local is not None:
            made.setdefault(local.id, local)
    return tuple(made.values())


def _task(units: _Units, task: Task) -> Task:
    ref = task.id
    lead = units.local(task.lead, ref)
    if lead is None:
        lead = units.stand_in(task.lead)
    rest = [o for o in _owners(units, task.co_responsible, ref) if o.id != lead.id]
    resp = [Responsibility(lead, Role.LEAD, lead.name)] + [
        Responsibility(o, Role.CO_RESPONSIBLE, o.name) for o in rest
    ]
    # The parent's persons (分管副主席 …) are not the place's: they are not carried over.
    return attrs.evolve(
        task,
        responsibilities=resp,
        units_text="、".join(r.owner.name for r in resp),
        persons=(),
    )


def _local_targets(
    indicator: Indicator, values: float | Sequence[float] | None, shifter: _Shifter
) -> tuple[Target, ...]:
    new_values: list[float | None]
    if values is None:
        new_values = [t.value for t in indicator.targets]
    elif isinstance(values, int | float):
        new_values = [float(values)] * len(indicator.targets)
    else:
        new_values = [float(v) for v in values]
        if len(new_values) != len(indicator.targets):
            raise PlanValidationError(
                f"targets.{indicator.id}",
                f"{len(indicator.targets)} value(s), one per target",
                str(len(new_values)),
            )
    made = []
    for k, (target, value) in enumerate(zip(indicator.targets, new_values, strict=True)):
        due = None if target.due is None else shifter.period("indicator", target.due)
        local = attrs.evolve(target, due=due)
        if value != target.value:
            local = attrs.evolve(local, value=value, text=f"{value:g}{target.unit}")
            if weaker(local, target):
                raise PlanValidationError(
                    f"targets.{indicator.id}[{k}]",
                    f"a value at least as strict as the parent's {target.describe()}",
                    f"{value:g}",
                )
        made.append(local)
    return tuple(made)


def cascade(
    plan: Plan,
    to: str | Place,
    *,
    counterparts: CounterpartTable | None = None,
    places: Places | None = None,
    lead_time: LeadTime | Mapping[str, LeadTime] | None = None,
    targets: Mapping[str, float | Sequence[float]] | None = None,
    plan_id: str | None = None,
) -> CascadeResult:
    """Re-write ``plan`` for the place ``to`` one or more levels down.

    Parameters
    ----------
    plan
        The parent plan.
    to
        The place: a code (``640324``), a name (``同心县``) or a :class:`~xiaojie.places.Place`.
    counterparts
        The counterpart table (default: the bundled table of the Ningxia plan).
    places
        The known places (default: the bundled places of Ningxia).
    lead_time
        One :class:`LeadTime` for every kind of item, or one per kind (``milestone``,
        ``obligation``, ``indicator``, ``phase``); kinds not given take
        :data:`DEFAULT_LEAD_TIMES`.
    targets
        Local target values by indicator id: one value for every target of the indicator or
        one per target. They must be at least as strict as the parent's.
    plan_id
        The local plan's id (default: ``<parent id>-<place code>``).

    Returns
    -------
    CascadeResult

    Raises
    ------
    PlaceError
        If the place is unknown, is a province, or is not below the place of a plan that was
        itself cascaded.
    PlanValidationError
        If a lead time or a local target is invalid (a target weaker than the parent's).

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> r = cascade(load_plan(), to="640324", lead_time=LeadTime(0))
    >>> [u.unit for u in r.unmapped]
    ['宁夏贺兰山东麓葡萄酒产业园区管理委员会', '中国人民银行宁夏回族自治区分行', '宁夏农垦集团有限公司', '各地级市党委和政府']
    >>> cascade(load_plan(), to="同心县", targets={"spending-progress": [50, 85]})
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: targets.spending-progress[0]: expected a value at least as strict as the parent's 60%, found 50
    """
    known = places if places is not None else _load_places()
    place = known.find(to)
    if place.level is Level.PROVINCE:
        msg = f"to: expected a place below the province level, found {place.name} ({place.level.label})"
        raise PlaceError(msg)
    above = None
    if plan.lineage is not None and plan.lineage.place:
        above = known.get(plan.lineage.place)
        if above is not None and above not in known.ancestors(place):
            msg = (
                f"to: expected a place below {above.name}, the place of plan {plan.id!r}, "
                f"found {place.name}"
            )
            raise PlaceError(msg)
    table = counterparts if counterparts is not None else load_counterparts()
    # a city's plan names its units 吴忠市X局: renaming replaces that prefix too
    table = table.below(above)
    # a province's plan names its units 省X厅 or 甘肃省X厅, whatever province the table was for
    top = (place, *known.ancestors(place))[-1] if above is None else None
    if top is not None:
        added = [n for n in (top.name, top.prefix) if n and n not in table.prefixes]
        table = attrs.evolve(table, prefixes=(*table.prefixes, *added))
    shifter = _Shifter(_lead_times(lead_time))
    wanted_targets = dict(targets or {})
    unknown = sorted(set(wanted_targets) - {i.id for i in plan.indicators})
    if unknown:
        raise PlanValidationError("targets", "ids of the plan's indicators", ", ".join(unknown))
    units = _Units(plan, place, known, table)
    tasks = [_task(units, t) for t in plan.tasks]
    phases = [attrs.evolve(ph, when=shifter.period("phase", ph.when)) for ph in plan.phases]
    milestones = [
        attrs.evolve(
            m, owners=_owners(units, m.owners, m.id), when=shifter.period("milestone", m.when)
        )
        for m in plan.milestones
    ]
    obligations = [
        attrs.evolve(
            o, owners=_owners(units, o.owners, o.id), active=shifter.period("obligation", o.active)
        )
        for o in plan.obligations
    ]
    indicators = [
        attrs.evolve(
            i,
            owners=_owners(units, i.owners, i.id),
            targets=_local_targets(i, wanted_targets.get(i.id), shifter),
        )
        for i in plan.indicators
    ]
    links = [(t.id, t.id) for t in plan.tasks]
    links += [(x.id, x.id) for x in (*plan.phases, *plan.items())]
    registry = units.registry()

    def bind(owners: tuple[Owner, ...]) -> tuple[Owner, ...]:
        return tuple(registry.by_id(o.id) for o in owners)

    tasks = [
        attrs.evolve(
            t,
            responsibilities=[
                attrs.evolve(r, owner=registry.by_id(r.owner.id)) for r in t.responsibilities
            ],
        )
        for t in tasks
    ]
    milestones = [attrs.evolve(m, owners=bind(m.owners)) for m in milestones]
    obligations = [attrs.evolve(o, owners=bind(o.owners)) for o in obligations]
    indicators = [attrs.evolve(i, owners=bind(i.owners)) for i in indicators]
    title = plan.title
    # the parent's place leaves the title: 吴忠市…方案 becomes 同心县…方案, not 同心县吴忠市…方案
    names = ("宁夏回族自治区", "自治区", "全区", *(() if above is None else above.names))
    for prefix in sorted(names, key=len, reverse=True):
        if title.startswith(prefix):
            title = title.removeprefix(prefix)
            break
    local = Plan(
        id=plan_id or f"{plan.id}-{place.code}",
        title=f"{place.name}{title}",
        issuer=f"{table.fallback_name(Fallback.PARTY, place, known)}、"
        f"{table.fallback_name(Fallback.GOVERNMENT, place, known)}",
        reference_date=plan.reference_date,
        source=f"cascade of {plan.id} to {place.name} ({place.code})",
        campaigns=plan.campaigns,
        tasks=tasks,
        phases=phases,
        milestones=milestones,
        obligations=obligations,
        indicators=indicators,
        limits=plan.limits,
        units=registry,
        lineage=Lineage(parent=plan.id, place=place.code, links=links),
    )
    unmapped = []
    for owner in plan.units:
        if owner.id in units.mapping and units.mapping[owner.id] is None:
            refs = tuple(dict.fromkeys(units.seen_in.get(owner.id, ())))
            action = (
                f"lead replaced by {units.replaced[owner.id]}"
                if owner.id in units.replaced
                else "dropped"
            )
            unmapped.append(Unmapped(owner.name, owner.id, refs, action))
    pairs = tuple((k, v) for k, v in units.mapping.items() if v is not None)
    return CascadeResult(
        plan=local,
        place=place,
        units=pairs,
        unmapped=tuple(unmapped),
        approximate_years=tuple(sorted(shifter.assumed)),
    )
