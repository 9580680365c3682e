"""The plan: its header, its parts, the unit registry, and how the parts fit together.

A :class:`Plan` knows nothing of today's date, files, the graph or the screen. It answers the
questions every other part of xiaojie asks of it, each in one place: who answers for a task or
an item and in what role (:meth:`Plan.owner_roles`), which items a task has, in what order the
plan names its units.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xiaojie.dates import as_date
from xiaojie.errors import PlanFileError, PlanValidationError, UnknownItemError
from xiaojie.model._items import (
    _ITEM_ID,
    Campaign,
    Indicator,
    Item,
    Lineage,
    Milestone,
    Obligation,
    OwnerRole,
    Phase,
    Role,
    Task,
    TimeLimit,
    TrackingMode,
    _optional_date,
    _tuple,
    listed_roles,
)
from xiaojie.model._text import title_text
from xiaojie.model._units import Owner, UnitRegistry


if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


__all__ = ["Plan"]

_T = TypeVar("_T")


def _task_roles(responsibilities: tuple[Any, ...]) -> tuple[OwnerRole, ...]:
    return tuple(OwnerRole(r.owner, r.role) for r in responsibilities)


def _inherited_roles(responsibilities: tuple[Any, ...]) -> tuple[OwnerRole, ...]:
    return tuple(OwnerRole(r.owner, r.role, inherited=True) for r in responsibilities)


def _task_owners(responsibilities: tuple[Any, ...]) -> tuple[Owner, ...]:
    return tuple(r.owner for r in responsibilities)


def _listed_roles(owners: tuple[Any, ...]) -> tuple[OwnerRole, ...]:
    return listed_roles(owners)


def _listed_owners(owners: tuple[Any, ...]) -> tuple[Owner, ...]:
    first: dict[str, Owner] = {}
    for owner in owners:
        first.setdefault(owner.id, owner)
    return tuple(first.values())


def _new_dict(_: object) -> dict[Any, Any]:
    return {}


def _collect_problems(plan: Plan) -> list[PlanValidationError]:
    problems: list[PlanValidationError] = []
    good: set[int] = set()  # the owners and lists of owners found in the registry (by identity)
    seen: dict[int, int] = {}
    for position, campaign in enumerate(plan.campaigns):
        if campaign.number in seen:
            problems.append(
                PlanValidationError(
                    f"campaigns[{position}].number",
                    "a unique campaign number",
                    f"{campaign.number} again",
                )
            )
        seen[campaign.number] = position
    numbers: dict[int, int] = {}
    for position, task in enumerate(plan.tasks):
        if task.number in numbers:
            problems.append(
                PlanValidationError(
                    f"tasks[{position}].number",
                    "a unique task number",
                    f"{task.number}, already used by tasks[{numbers[task.number]}]",
                )
            )
        numbers.setdefault(task.number, position)
        if task.campaign not in seen:
            problems.append(
                PlanValidationError(
                    f"tasks[{position}].campaign",
                    f"one of the campaign numbers {sorted(seen)}",
                    str(task.campaign),
                )
            )
        listed = task.responsibilities
        if id(listed) not in good:  # a plan file's tasks share the tuples of the same units
            found = _check_owners(
                plan.units, ("tasks", position, "units"), [r.owner for r in listed], good
            )
            problems.extend(found)
            if not found:
                good.add(id(listed))
    ids: dict[str, tuple[str, int]] = {}
    phase_ids = {p.id for p in plan.phases}
    groups: list[tuple[str, tuple[Any, ...]]] = [
        ("phases", plan.phases),
        ("milestones", plan.milestones),
        ("obligations", plan.obligations),
        ("indicators", plan.indicators),
        ("limits", plan.limits),
    ]
    # whether a kind of item has a task, owners, a phase (asked once, not raised for each item)
    has: dict[type, tuple[bool, bool, bool]] = {}
    for name, items in groups:
        for position, item in enumerate(items):
            kind = type(item)
            if kind not in has:
                has[kind] = (hasattr(item, "task"), hasattr(item, "owners"), hasattr(item, "phase"))
            has_task, has_owners, has_phase = has[kind]
            if item.id in ids:
                first, where = ids[item.id]
                problems.append(
                    PlanValidationError(
                        f"{name}[{position}].id",
                        "an id unique in the plan",
                        f"{item.id!r}, also {first}[{where}]",
                    )
                )
            ids.setdefault(item.id, (name, position))
            task_number = item.task if has_task else None
            if task_number is not None and task_number not in numbers:
                problems.append(
                    PlanValidationError(
                        f"{name}[{position}].task",
                        "the number of a task in the plan",
                        str(task_number),
                    )
                )
            owners = item.owners if has_owners else ()
            if owners and id(owners) not in good:
                found = _check_owners(plan.units, (name, position, "owners"), owners, good)
                problems.extend(found)
                if not found:
                    good.add(id(owners))
            phase = item.phase if has_phase else None
            if phase is not None and phase not in phase_ids:
                problems.append(
                    PlanValidationError(
                        f"{name}[{position}].phase", f"one of {sorted(phase_ids)}", repr(phase)
                    )
                )
    for position, milestone in enumerate(plan.milestones):
        for k, before in enumerate(milestone.after):
            if before not in ids and not before.startswith("task-"):
                problems.append(
                    PlanValidationError(
                        f"milestones[{position}].after[{k}]",
                        "the id of an item in the plan",
                        repr(before),
                    )
                )
            number = before.removeprefix("task-")
            if before.startswith("task-") and number.isdigit() and int(number) not in numbers:
                problems.append(
                    PlanValidationError(
                        f"milestones[{position}].after[{k}]",
                        "the id of a task in the plan",
                        repr(before),
                    )
                )
    problems.extend(_lineage_problems(plan, ids, numbers))
    return problems


def _lineage_problems(
    plan: Plan, ids: dict[str, tuple[str, int]], numbers: dict[int, int]
) -> list[PlanValidationError]:
    if plan.lineage is None:
        return []
    known = set(ids) | {p.id for p in plan.phases} | {f"task-{n}" for n in numbers}
    problems = []
    seen: set[str] = set()
    for k, (local, _parent) in enumerate(plan.lineage.links):
        if local not in known:
            problems.append(
                PlanValidationError(
                    f"lineage.links[{k}]", "the id of a task or item of the plan", repr(local)
                )
            )
        if local in seen:
            problems.append(
                PlanValidationError(f"lineage.links[{k}]", "one link per item", repr(local))
            )
        seen.add(local)
    return problems


def _check_owners(
    registry: UnitRegistry,
    where: tuple[str, int, str],
    owners: tuple[Owner, ...] | list[Owner],
    good: set[int],
) -> list[PlanValidationError]:
    """Return a problem for each of ``owners`` the registry does not hold (at ``list[k].field``).

    ``good`` holds the ``id`` of each owner already found, which is not looked up again (a plan
    names the same unit objects over and over; they all live as long as the plan).
    """
    problems = []
    for k, owner in enumerate(owners):
        if id(owner) in good:
            continue
        known = registry.find(owner.name)
        if known is None or (known is not owner and known != owner):
            name, position, field = where
            problems.append(
                PlanValidationError(
                    f"{name}[{position}].{field}[{k}]",
                    "a unit of the plan's registry",
                    repr(owner.name),
                )
            )
        else:
            good.add(id(owner))
    return problems


@attrs.frozen(kw_only=True)
class Plan:
    """A whole action plan: its header, campaigns, tasks, units and dated items.

    Parameters
    ----------
    id
        A short stable id for the plan (``ningxia-2025``).
    title
        The document's title (标题).
    issuer
        The body that wrote the plan (自治区党委、政府 level for the bundled plan).
    publisher
        The body that published this copy (发布机构).
    index_number
        The archive index number (索引号).
    document_number
        The document number (文号), often empty.
    published
        The publication date (发文时间).
    reference_date
        The date that gives phrases without a year their year; usually ``published``.
    source
        Where the text comes from (a file name or an address).
    units
        The registry of units and groups the plan names.
    lineage
        For a plan re-written from a parent plan (a county's plan under the region's), the
        parent and the link of each local item to its parent item; ``None`` otherwise.

    Raises
    ------
    PlanFileError
        If the parts do not fit together; every problem is listed with its path.
    """

    id: str = attrs.field(validator=_ITEM_ID)
    title: str = attrs.field(converter=title_text, validator=attrs.validators.min_len(1))
    issuer: str = ""
    publisher: str = ""
    index_number: str = ""
    document_number: str = ""
    published: dt.date | None = attrs.field(default=None, converter=_optional_date)
    reference_date: dt.date = attrs.field(converter=as_date)
    source: str = ""
    campaigns: tuple[Campaign, ...] = attrs.field(default=(), converter=_tuple)
    tasks: tuple[Task, ...] = attrs.field(default=(), converter=_tuple)
    phases: tuple[Phase, ...] = attrs.field(default=(), converter=_tuple)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_tuple)
    obligations: tuple[Obligation, ...] = attrs.field(default=(), converter=_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_tuple)
    limits: tuple[TimeLimit, ...] = attrs.field(default=(), converter=_tuple)
    units: UnitRegistry
    lineage: Lineage | None = None
    _tasks_by_number: dict[int, Task] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _items_by_id: dict[str, Item] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _items_by_task: dict[int, tuple[Item, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _derived: dict[str, Any] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems = _collect_problems(self)
        if problems:
            raise PlanFileError(f"plan {self.id!r}", problems)
        items: tuple[Item, ...] = (*self.milestones, *self.obligations, *self.indicators)
        by_task: dict[int, list[Item]] = {}
        for item in items:
            if item.task is not None:
                by_task.setdefault(item.task, []).append(item)
        object.__setattr__(self, "_tasks_by_number", {t.number: t for t in self.tasks})
        object.__setattr__(self, "_items_by_id", {i.id: i for i in items})
        object.__setattr__(self, "_items_by_task", {k: tuple(v) for k, v in by_task.items()})

    def derived(self, name: str, make: Callable[[Plan], _T]) -> _T:
        """Return ``make(self)``, computed once for this plan and kept with it under ``name``.

        A plan is frozen, so what is computed from it stays true while it lives: an index that
        many pages of a document set ask for (who owns what, the dated items) is built once.
        ``name`` must name one computation: the same name always with the same ``make``.
        Treat the value as read-only; every caller of the same name shares it.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> plan = load_plan()
        >>> first = plan.derived("task-count", lambda p: len(p.tasks))
        >>> first, plan.derived("task-count", lambda p: -1)
        (25, 25)
        """
        try:
            return self._derived[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[name] = make(self)
            return value

    def task(self, number: int) -> Task:
        """Return the task with this number.

        Raises
        ------
        UnknownItemError
            If the plan has no such task.
        """
        task = self._tasks_by_number.get(number)
        if task is None:
            raise UnknownItemError("task", number, [str(t.number) for t in self.tasks])
        return task

    def campaign(self, number: int) -> Campaign:
        """Return the campaign with this number.

        Raises
        ------
        UnknownItemError
            If the plan has no such campaign.
        """
        by_number = self.derived(
            "campaigns", lambda p: {c.number: c for c in reversed(p.campaigns)}
        )
        campaign = by_number.get(number)
        if campaign is None:
            raise UnknownItemError("campaign", number, [str(c.number) for c in self.campaigns])
        return campaign

    def tasks_of(self, campaign: Campaign | int) -> tuple[Task, ...]:
        """Return the tasks of a campaign, in plan order."""
        number = campaign if isinstance(campaign, int) else campaign.number

        def make(plan: Plan) -> dict[int, tuple[Task, ...]]:
            index: dict[int, list[Task]] = {}
            for task in plan.tasks:
                index.setdefault(task.campaign, []).append(task)
            return {n: tuple(tasks) for n, tasks in index.items()}

        return self.derived("tasks_of", make).get(number, ())

    def phase(self, phase_id: str) -> Phase:
        """Return the phase with this id.

        Raises
        ------
        UnknownItemError
            If the plan has no such phase.
        """
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise UnknownItemError("phase", phase_id, [p.id for p in self.phases])

    def items(self) -> Iterator[Item]:
        """Yield every milestone, obligation and indicator, in that order."""
        yield from self.milestones
        yield from self.obligations
        yield from self.indicators

    def item(self, item_id: str) -> Item:
        """Return the milestone, obligation or indicator with this id.

        Raises
        ------
        UnknownItemError
            If the plan has no such item.
        """
        item = self._items_by_id.get(item_id)
        if item is None:
            raise UnknownItemError("item", item_id, [i.id for i in self.items()])
        return item

    def items_of_task(self, number: int) -> tuple[Item, ...]:
        """Return the milestones, obligations and indicators that belong to task ``number``.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> [i.id for i in load_plan().items_of_task(18)]
        ['resident-work-meeting', 'resident-cadre-training']
        >>> load_plan().items_of_task(99)
        ()
        """
        return self._items_by_task.get(number, ())

    def dated_items_of_task(self, number: int) -> tuple[str, ...]:
        """Return the ids of the dated items that belong to task ``number``, in plan order.

        A dated item is a milestone, an obligation tracked occurrence by occurrence, or an
        indicator with at least one dated target. A task without any is an undated duty: it is
        tracked as a whole and completed with a ``task-N`` completion.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> load_plan().dated_items_of_task(18)
        ('resident-work-meeting', 'resident-cadre-training')
        >>> load_plan().dated_items_of_task(11)
        ()
        """
        items = self.items_of_task(number)
        found: list[str] = [m.id for m in items if isinstance(m, Milestone)]
        found.extend(
            o.id for o in items if isinstance(o, Obligation) and o.tracking is TrackingMode.REPORTED
        )
        found.extend(
            i.id
            for i in items
            if isinstance(i, Indicator) and any(t.due is not None for t in i.targets)
        )
        return tuple(found)

    def limit(self, limit_id: str) -> TimeLimit:
        """Return the time limit with this id.

        Raises
        ------
        UnknownItemError
            If the plan has no such limit.
        """
        for limit in self.limits:
            if limit.id == limit_id:
                return limit
        raise UnknownItemError("limit", limit_id, [x.id for x in self.limits])

    def owner_roles(self, item: Item | Task) -> tuple[OwnerRole, ...]:
        """Return who answers for ``item`` and in what role, lead first, in the plan's order.

        This is the one rule of ownership every other part of xiaojie asks:

        - a task's owners are its responsibility list, the first listed leading;
        - an item (milestone, obligation, indicator) that lists owners follows the same rule:
          the owner listed first leads, the others are co-responsible; an owner listed twice
          counts once, in its first place;
        - an item that lists none answers through its task's owners, with their roles in the
          task (``inherited``);
        - an item with neither owners nor a task has no owner.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> plan = load_plan()
        >>> [str(o) for o in plan.owner_roles(plan.item("asset-revitalisation-rate"))]
        ['自治区党委农村工作领导小组相关成员单位(牵头)', '自治区国有资产监督管理委员会(配合)']
        >>> plan.owner_roles(plan.item("spending-progress"))[0].inherited
        True
        """
        # an item of another plan: asked, not kept; this plan's own: made once per list of owners
        return self._owner_roles(item, shared=self._holds(item))

    def _holds(self, item: Item | Task) -> bool:
        """Return whether ``item`` is this plan's own object (not an equal one of another plan)."""
        if isinstance(item, Task):
            return self._tasks_by_number.get(item.number) is item
        return self._items_by_id.get(item.id) is item

    def _owner_roles(self, item: Item | Task, *, shared: bool = False) -> tuple[OwnerRole, ...]:
        """Return who answers for ``item`` in what role (see :meth:`owner_roles`).

        With ``shared`` (only for this plan's own objects), the roles made from one list of
        owners are made once and shared by every task or item that holds that same list (a
        plan file's repeated unit lists are read into one object).
        """
        source: tuple[Any, ...]
        make: Callable[[tuple[Any, ...]], tuple[OwnerRole, ...]]
        if isinstance(item, Task):
            source, make = item.responsibilities, _task_roles
        elif item.owners:
            source, make = item.owners, _listed_roles
        elif item.task is not None:
            source, make = self.task(item.task).responsibilities, _inherited_roles
        else:
            return ()
        if not shared:
            return make(source)
        return self._from_source(f"owner_roles:{make.__name__}", source, make)

    def _from_source(
        self, name: str, source: tuple[Any, ...], make: Callable[[tuple[Any, ...]], _T]
    ) -> _T:
        """Return ``make(source)``, made once per ``source`` object of this plan (see ``name``)."""
        kept: dict[int, tuple[tuple[Any, ...], _T]] = self.derived(name, _new_dict)
        found = kept.get(id(source))
        if found is None or found[0] is not source:
            found = kept[id(source)] = (source, make(source))
        return found[1]

    def owners_of(self, item: Item | Task) -> tuple[Owner, ...]:
        """Return who answers for ``item``, lead first (see :meth:`owner_roles`)."""
        # this plan's own tasks and items: one tuple per list of owners, shared by all that hold
        # it (as :meth:`_from_source` keeps them, here without its calls: asked for every item)
        source: tuple[Any, ...]
        make: Callable[[tuple[Any, ...]], tuple[Owner, ...]]
        if isinstance(item, Task):
            if self._tasks_by_number.get(item.number) is not item:
                return tuple(o.owner for o in self._owner_roles(item))  # another plan's
            name, source, make = "owners_of:task", item.responsibilities, _task_owners
        elif self._items_by_id.get(item.id) is not item:
            return tuple(o.owner for o in self._owner_roles(item))  # another plan's
        elif item.owners:
            name, source, make = "owners_of:listed", item.owners, _listed_owners
        elif item.task is not None:  # the task's own tuple, shared
            name, source, make = (
                "owners_of:task",
                self.task(item.task).responsibilities,
                _task_owners,
            )
        else:
            return ()
        kept: dict[int, tuple[tuple[Any, ...], tuple[Owner, ...]]] | None = self._derived.get(name)
        if kept is None:
            kept = self.derived(name, _new_dict)
        found = kept.get(id(source))
        if found is None or found[0] is not source:
            found = kept[id(source)] = (source, make(source))
        return found[1]

    def tasks_with_dated_items(self) -> frozenset[int]:
        """Return the numbers of the tasks that have a dated item (see :meth:`dated_items_of_task`).

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> plan = load_plan()
        >>> 18 in plan.tasks_with_dated_items(), 11 in plan.tasks_with_dated_items()
        (True, False)
        """
        return self.derived("tasks_with_dated_items", Plan._tasks_with_dated_items)

    def _tasks_with_dated_items(self) -> frozenset[int]:
        numbers = {m.task for m in self.milestones}
        numbers.update(o.task for o in self.obligations if o.tracking is TrackingMode.REPORTED)
        for indicator in self.indicators:
            if indicator.task is not None and indicator.task not in numbers:
                for target in indicator.targets:
                    if target.due is not None:
                        numbers.add(indicator.task)
                        break
        return frozenset(n for n in numbers if n is not None)

    def role_of(self, item: Item | Task, owner: Owner) -> Role | None:
        """Return ``owner``'s role for ``item`` (see :meth:`owner_roles`), ``None`` if none."""
        return next((o.role for o in self.owner_roles(item) if o.owner.id == owner.id), None)

    @property
    def date(self) -> dt.date:
        """The plan's own date: its 发文时间, or ``reference_date`` when that is not known.

        Documents show it beside the title; nothing done under the plan can be dated before it.

        >>> from xiaojie import load_plan
        >>> load_plan().date.isoformat()
        '2025-06-18'
        """
        return self.published or self.reference_date

    def period(self) -> tuple[dt.date, dt.date]:
        """Return the first and last day the plan speaks of (its period).

        The first day is the earliest of the reference date, the publication date, the starts
        of phases, milestone windows and obligations, and every end counted for the last day (a
        milestone due before all of them, 2020年底前 in a plan of 2021, opens the period); the
        last is the latest end of a phase, milestone, obligation or indicator target (the
        reference date if none has one).

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> [d.isoformat() for d in load_plan().period()]
        ['2025-06-11', '2025-12-31']
        """
        starts = [self.reference_date]
        ends = [self.reference_date]
        if self.published is not None:
            starts.append(self.published)
        periods = [p.when for p in self.phases]
        periods.extend(m.when for m in self.milestones)
        periods.extend(o.active for o in self.obligations)
        for period in periods:
            if period.start is not None:
                starts.append(period.start)
            if period.end is not None:
                ends.append(period.end)
        for indicator in self.indicators:
            for target in indicator.targets:
                due = target.due
                if due is not None and due.end is not None:
                    ends.append(due.end)
        return min(*starts, *ends), max(ends)

    def owners_in_order(self) -> tuple[Owner, ...]:
        """Return every unit and group that answers for something, in the plan's own order.

        This is the one way to list a plan's owners in order: by first appearance in the plan
        (:meth:`unit_order` gives the positions), not by the alphabet; units the registry
        knows but no task or item names are left out.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> [o.name for o in load_plan().owners_in_order()[:3]]
        ['自治区党委农村工作领导小组成员单位', '自治区医疗保障局', '自治区残疾人联合会']
        """
        return self.derived("owners_in_order", Plan._owners_in_order)

    def _owners_in_order(self) -> tuple[Owner, ...]:
        answering = {r.owner.id for t in self.tasks for r in self.owner_roles(t)}
        answering.update(r.owner.id for i in self.items() for r in self.owner_roles(i))
        order = self.unit_order()
        owners = sorted((o for o in self.units if o.id in answering), key=lambda o: order[o.id])
        return tuple(owners)

    def unit_order(self) -> dict[str, int]:
        """Return each owner id's position in the plan's own order (first appearance).

        For the owners themselves, in that order, ask :meth:`owners_in_order`.
        """
        return dict(self.derived("unit_order", Plan._unit_order))

    def _unit_order(self) -> dict[str, int]:
        order: dict[str, int] = {}
        seen: set[int] = set()  # the lists of owners already walked (a file's repeat, by identity)
        for task in self.tasks:
            listed = task.responsibilities
            if id(listed) not in seen:
                seen.add(id(listed))
                for responsibility in listed:
                    order.setdefault(responsibility.owner.id, len(order))
        for item in self.items():
            owners = item.owners
            if owners and id(owners) not in seen:
                seen.add(id(owners))
                for owner in owners:
                    order.setdefault(owner.id, len(order))
        for owner in self.units:
            order.setdefault(owner.id, len(order))
        return order
