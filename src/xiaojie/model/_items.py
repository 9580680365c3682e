"""The parts of a plan: campaigns, tasks and their owners, phases, milestones, obligations, indicators.

All classes are frozen attrs classes: immutable, hashable, compared by value, validated on
construction. Change one with :func:`attrs.evolve`. How the parts fit together is checked by
:class:`~xiaojie.model.Plan`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from xiaojie.dates import Cadence, Comparator, Period, Span, as_date
from xiaojie.errors import PlanValidationError
from xiaojie.model._text import name_text, short_name_text, title_text
from xiaojie.model._units import Owner


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable


__all__ = [
    "Campaign",
    "CheckMode",
    "Indicator",
    "Item",
    "Lineage",
    "Milestone",
    "Obligation",
    "OwnerRole",
    "Phase",
    "Responsibility",
    "Role",
    "Target",
    "Task",
    "TimeLimit",
    "Tracking",
    "TrackingMode",
    "listed_roles",
]

_ITEM_ID = attrs.validators.matches_re(r"^[a-z0-9][a-z0-9_.-]*$")


if TYPE_CHECKING:

    def _tuple(value: Any) -> tuple[Any, ...]:  # noqa: ANN401 - converter
        """Return ``tuple(value)``: a tuple given is kept as it is."""

else:
    _tuple = tuple  # the converter of tuple fields: the built-in, called without a Python frame


def _positive(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is int and value > 0:  # the usual case, looked at once
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PlanValidationError(attribute.name, "a positive integer", repr(value))


def _optional_date(value: Any) -> dt.date | None:  # noqa: ANN401 - converter
    return None if value is None else as_date(value)


class Role(enum.StrEnum):
    """A unit's role in a task: the first listed unit leads, the others share, support or implement.

    ``CO_RESPONSIBLE`` is a unit named as responsible after the lead (a 责任单位 or 负责 list, a
    会同 list, or simply listed after the lead); ``SUPPORT`` one that a role word names as
    supporting the lead (配合, 协办, 参与, 协助); ``IMPLEMENT`` the bodies a plan says carry the
    task out (落实), usually the governments of a lower level:
    ``A、B牵头;C、D配合;各州(市)党委和政府落实``.
    """

    LEAD = "lead"
    CO_RESPONSIBLE = "co_responsible"
    """Responsible with the lead (责任单位, a 负责 or 会同 list, listed after the lead)."""
    IMPLEMENT = "implement"
    """Carrying the task out (落实)."""
    SUPPORT = "support"
    """Supporting the lead, as a role word says (配合, 协办, 参与, 协助)."""

    @property
    def label(self) -> str:
        """The Chinese word: 牵头, 配合 or 落实."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.LEAD: "牵头",
    Role.CO_RESPONSIBLE: "配合",
    Role.IMPLEMENT: "落实",
    Role.SUPPORT: "配合",
}


class OwnerRole(NamedTuple):
    """An owner of something, with its role.

    Attributes
    ----------
    owner
        The unit or group.
    role
        Lead (listed first) or co-responsible.
    inherited
        Whether the owner answers through the item's task (the item lists no owners).
    """

    owner: Owner
    role: Role
    inherited: bool = False

    def __str__(self) -> str:
        return f"{self.owner.name}({self.role.label})"


def listed_roles(owners: Iterable[Owner]) -> tuple[OwnerRole, ...]:
    """Return the roles of owners listed in order: the first leads; one listed twice counts once.

    Examples
    --------
    >>> from xiaojie.model import ResponsibleUnit
    >>> a, b = ResponsibleUnit(id="a", name="甲厅"), ResponsibleUnit(id="b", name="乙厅")
    >>> [str(o) for o in listed_roles([a, b, a])]
    ['甲厅(牵头)', '乙厅(配合)']
    """
    seen: dict[str, Owner] = {}
    for owner in owners:
        seen.setdefault(owner.id, owner)
    return tuple(
        OwnerRole(owner, Role.LEAD if position == 0 else Role.CO_RESPONSIBLE)
        for position, owner in enumerate(seen.values())
    )


def _role(value: Any) -> Role:  # noqa: ANN401 - converter
    return value if type(value) is Role else Role(value)


@attrs.frozen
class Responsibility:
    """One owner of a task with its role and the name as the plan wrote it."""

    owner: Owner
    role: Role = attrs.field(converter=_role)
    as_written: str = attrs.field(default="", eq=False)


@attrs.frozen(kw_only=True)
class Campaign:
    """One of a plan's themed action lines (攻坚行动).

    Examples
    --------
    >>> Campaign(number=2, name="实施防返贫致贫监测帮扶攻坚行动", short_name="防返贫致贫监测帮扶").number
    2
    """

    number: int = attrs.field(validator=_positive)
    name: str = attrs.field(converter=name_text, validator=attrs.validators.min_len(1))
    short_name: str = attrs.field(default="", converter=short_name_text)

    @property
    def id(self) -> str:
        """A stable id, ``campaign-N``."""
        return f"campaign-{self.number}"

    def __str__(self) -> str:
        return self.name


_CHECKED_LISTS: dict[int, tuple[Responsibility, ...]] = {}
"""Lists of responsibilities that passed a task's checks, by identity (each kept, so its id is
not reused): a plan file's tasks share one list per repeated set of units, checked once."""
_CHECKED_MAX = 1024
"""How many such lists are kept at most (all are forgotten when there are more)."""


@attrs.frozen(kw_only=True)
class Task:
    """A numbered key task (重点任务) with its ordered responsibilities.

    Parameters
    ----------
    number
        The task's number in the plan (numbering runs across campaigns).
    title
        The task's heading sentence, e.g. ``精准开展监测帮扶``.
    text
        The task's full text as the plan writes it, without the responsibility list.
    campaign
        The number of the campaign it belongs to.
    responsibilities
        The owners in document order; the first is the lead, the others co-responsible,
        supporting (:attr:`Role.SUPPORT`) or implementing (:attr:`Role.IMPLEMENT`).
    units_text
        The responsibility list exactly as written (for quoting).
    persons
        The persons and offices the plan names as answering for the task (责任人, 分管领导,
        责任领导), as written (``分管副县长``, ``县政府办主任``); text, never units.

    Raises
    ------
    PlanValidationError
        If there is no owner, an owner is listed twice, or the first owner is not the lead.
    """

    number: int = attrs.field(validator=_positive)
    title: str = attrs.field(converter=title_text, validator=attrs.validators.min_len(1))
    text: str = ""
    campaign: int = attrs.field(validator=_positive)
    responsibilities: tuple[Responsibility, ...] = attrs.field(converter=_tuple)
    units_text: str = attrs.field(default="", eq=False)
    persons: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    @responsibilities.validator
    def _check_responsibilities(
        self,
        _attribute: attrs.Attribute[tuple[Responsibility, ...]],
        value: tuple[Responsibility, ...],
    ) -> None:
        if _CHECKED_LISTS.get(id(value)) is value:  # this very list passed the checks below
            return
        where = f"task {self.number}"
        if not value:
            raise PlanValidationError(f"{where}.units", "at least one responsible unit", "none")
        ids = [r.owner.id for r in value]
        for position, owner_id in enumerate(ids):
            if owner_id in ids[:position]:
                raise PlanValidationError(
                    f"{where}.units[{position}]", "each unit listed once", f"{owner_id!r} again"
                )
        roles = [r.role for r in value]
        if roles[0] is not Role.LEAD or Role.LEAD in roles[1:]:
            raise PlanValidationError(
                f"{where}.units", "the first unit as the only lead", ", ".join(roles)
            )
        if len(_CHECKED_LISTS) >= _CHECKED_MAX:
            _CHECKED_LISTS.clear()
        _CHECKED_LISTS[id(value)] = value

    @property
    def id(self) -> str:
        """A stable id, ``task-N``."""
        return f"task-{self.number}"

    @property
    def units(self) -> tuple[Owner, ...]:
        """Every owner of the task, lead first, in document order."""
        return tuple(r.owner for r in self.responsibilities)

    @property
    def lead(self) -> Owner:
        """The lead owner (the first listed)."""
        return self.responsibilities[0].owner

    @property
    def co_responsible(self) -> tuple[Owner, ...]:
        """The owners after the lead."""
        return tuple(r.owner for r in self.responsibilities[1:])

    @persons.validator
    def _check_persons(
        self, _attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        for position, person in enumerate(value):
            if not isinstance(person, str) or not person.strip():
                raise PlanValidationError(
                    f"task {self.number}.persons[{position}]",
                    "a person or office as written (分管副县长)",
                    repr(person),
                )

    @property
    def supporting(self) -> tuple[Owner, ...]:
        """The owners a role word names as supporting the lead (配合, 协办, 参与), in order."""
        return tuple(r.owner for r in self.responsibilities if r.role is Role.SUPPORT)

    @property
    def implementing(self) -> tuple[Owner, ...]:
        """The owners that carry the task out (落实), in document order."""
        return tuple(r.owner for r in self.responsibilities if r.role is Role.IMPLEMENT)

    def role_of(self, owner: Owner) -> Role | None:
        """Return ``owner``'s role in this task, or ``None`` if it is not an owner."""
        return next((r.role for r in self.responsibilities if r.owner.id == owner.id), None)

    def __str__(self) -> str:
        return f"{self.number}.{self.title}"


@attrs.frozen(kw_only=True)
class Phase:
    """A dated implementation stage (推进实施): 动员部署, 集中攻坚, 巩固提升."""

    id: str = attrs.field(validator=_ITEM_ID)
    number: int = attrs.field(validator=_positive)
    name: str = attrs.field(converter=name_text, validator=attrs.validators.min_len(1))
    when: Period = attrs.field()
    text: str = attrs.field(default="", eq=False)

    @when.validator
    def _check_when(self, _attribute: attrs.Attribute[Period], value: Period) -> None:
        if value.start is None or value.end is None:
            raise PlanValidationError(
                f"phases.{self.id}.when", "a period with a start and an end", str(value)
            )

    def __str__(self) -> str:
        return self.name


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated thing to be done: a deadline ("9月10日前") or an event in a window ("7月中旬").

    Parameters
    ----------
    id
        A stable id, unique among the plan's items.
    title
        What is to be done.
    when
        The period: an open start means "by ``when.end``"; a window means "inside it".
    owners
        Who is responsible (may be empty when the plan names nobody).
    task
        The task it belongs to, if any.
    phase
        The id of the phase it belongs to, if any.
    after
        Ids of items that must be done first (precedence).
    text
        The sentence of the plan it comes from.
    """

    id: str = attrs.field(validator=_ITEM_ID)
    title: str = attrs.field(converter=title_text, validator=attrs.validators.min_len(1))
    when: Period = attrs.field()
    owners: tuple[Owner, ...] = attrs.field(default=(), converter=_tuple)
    task: int | None = None
    phase: str | None = None
    after: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    text: str = attrs.field(default="", eq=False)

    @when.validator
    def _check_when(self, _attribute: attrs.Attribute[Period], value: Period) -> None:
        if value.end is None:
            raise PlanValidationError(
                f"milestones.{self.id}.when", "a period with an end (a due date)", str(value)
            )

    @property
    def due(self) -> dt.date:
        """The due date (the last day of ``when``)."""
        assert self.when.end is not None  # noqa: S101 - checked on construction
        return self.when.end

    def __str__(self) -> str:
        return self.title


class TrackingMode(enum.StrEnum):
    """How a recurring obligation is followed (named apart from the module :mod:`xiaojie.tracking`)."""

    REPORTED = "reported"
    """Each occurrence is recorded; a window without one becomes overdue."""
    STANDARD = "standard"
    """A service standard applied case by case (送教上门); ongoing, never overdue as a whole."""


def _tracking_mode(value: Any) -> TrackingMode:  # noqa: ANN401 - converter
    return value if type(value) is TrackingMode else TrackingMode(value)


Tracking = TrackingMode
"""Deprecated alias of :class:`TrackingMode` (the old name, which the module
:mod:`xiaojie.tracking` shares); it will be removed in a later version."""


@attrs.frozen(kw_only=True)
class Obligation:
    """A recurring duty with a cadence: a monthly data comparison, a quarterly report ….

    Parameters
    ----------
    active
        The period in which the duty runs (both bounds); the cadence's windows are clipped to it.
    tracking
        Whether occurrences are recorded one by one (:attr:`TrackingMode.REPORTED`) or the cadence
        is a standard of service (:attr:`TrackingMode.STANDARD`).
    """

    id: str = attrs.field(validator=_ITEM_ID)
    title: str = attrs.field(converter=title_text, validator=attrs.validators.min_len(1))
    cadence: Cadence
    owners: tuple[Owner, ...] = attrs.field(default=(), converter=_tuple)
    task: int | None = None
    active: Period = attrs.field()
    tracking: TrackingMode = attrs.field(default=TrackingMode.REPORTED, converter=_tracking_mode)
    text: str = attrs.field(default="", eq=False)

    @active.validator
    def _check_active(self, _attribute: attrs.Attribute[Period], value: Period) -> None:
        if value.start is None or value.end is None:
            raise PlanValidationError(
                f"obligations.{self.id}.active", "a period with a start and an end", str(value)
            )

    def windows(self) -> tuple[Period, ...]:
        """Return the obligation's windows inside its active period, in order."""
        assert self.active.start is not None  # noqa: S101 - checked on construction
        assert self.active.end is not None  # noqa: S101
        return self.cadence.windows(self.active.start, self.active.end)

    def __str__(self) -> str:
        return self.title


class CheckMode(enum.StrEnum):
    """When an indicator's target must hold."""

    AT_DUE = "at_due"
    """By the target's due date (a value reported on or before it counts)."""
    ALWAYS = "always"
    """At every check ("稳定在…以上", "动态清零")."""


def _check_mode(value: Any) -> CheckMode:  # noqa: ANN401 - converter
    return value if type(value) is CheckMode else CheckMode(value)


def _comparator(value: Any) -> Comparator:  # noqa: ANN401 - converter
    return value if type(value) is Comparator else Comparator(value)


@attrs.frozen(kw_only=True)
class Target:
    """One target of an indicator: a value, a comparator, a unit and (maybe) a due date.

    Parameters
    ----------
    value
        The bound, or ``None`` for a target relative to a benchmark ("高于全国平均水平").
    comparator
        How a measured value compares with the bound (以上 is ``>=``, 高于 is ``>``).
    unit
        The unit of ``value``: ``"%"``, ``"万人"``, ``"分"``, ``"户"`` ….
    due
        When the target must be reached; ``None`` for an undated target.
    soft
        A 力争 target: reported, never failed.
    approximate
        A 左右 target.
    benchmark
        What the target is relative to, when it is ("全国平均水平").
    text
        The phrase of the plan.

    Examples
    --------
    >>> t = Target(value=60, comparator=Comparator.MORE_THAN, unit="%")
    >>> t.met_by(60), t.met_by(60.5)
    (False, True)
    >>> Target(value=None, comparator=Comparator.MORE_THAN, unit="%")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: target.value: expected a number or a benchmark, found neither
    """

    value: float | None = None
    comparator: Comparator = attrs.field(converter=_comparator)
    unit: str = ""
    due: Period | None = None
    soft: bool = False
    approximate: bool = False
    benchmark: str | None = None
    text: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if self.value is None and not self.benchmark:
            raise PlanValidationError("target.value", "a number or a benchmark", "neither")
        if self.value is not None and (
            isinstance(self.value, bool) or not isinstance(self.value, int | float)
        ):
            raise PlanValidationError("target.value", "a number", repr(self.value))
        if self.due is not None and self.due.end is None:
            raise PlanValidationError("target.due", "a period with an end", str(self.due))

    def met_by(self, measured: float, benchmark: float | None = None) -> bool:
        """Return whether ``measured`` meets the target (``benchmark`` for relative targets).

        Raises
        ------
        PlanValidationError
            If the target is relative and no benchmark value is given.
        """
        bound = self.value
        if bound is None:
            if benchmark is None:
                raise PlanValidationError("benchmark", f"a value for {self.benchmark!r}", "none")
            bound = benchmark
        return self.comparator.holds(measured, bound)

    def describe(self) -> str:
        """Return the target in the plan's words when known, else a canonical form."""
        if self.text:
            return self.text
        bound = self.benchmark if self.value is None else f"{self.value:g}{self.unit}"
        return f"{self.comparator.value} {bound}"


@attrs.frozen(kw_only=True)
class Indicator:
    """A measured quantity with one or more targets (staged targets are ordered by due date).

    Parameters
    ----------
    id
        A stable id.
    name
        The indicator as the plan names it: ``资金支出进度``.
    targets
        Its targets; several for staged targets (60% by end-July, 85% by end-October).
    task
        The task that states it, if any.
    owners
        Who answers for it; empty means the plan as a whole.
    check
        Whether the targets are checked at their due dates or at every check.
    exclusions
        What is left out of the measure ("项目质保金除外").
    section
        Where in the plan it is stated (``主要目标`` or ``重点任务``).
    text
        The plan's sentence.
    """

    id: str = attrs.field(validator=_ITEM_ID)
    name: str = attrs.field(converter=name_text, validator=attrs.validators.min_len(1))
    targets: tuple[Target, ...] = attrs.field(converter=_tuple)
    task: int | None = None
    owners: tuple[Owner, ...] = attrs.field(default=(), converter=_tuple)
    check: CheckMode = attrs.field(default=CheckMode.AT_DUE, converter=_check_mode)
    exclusions: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    section: str = ""
    text: str = attrs.field(default="", eq=False)

    @targets.validator
    def _check_targets(
        self, _attribute: attrs.Attribute[tuple[Target, ...]], value: tuple[Target, ...]
    ) -> None:
        if not value:
            raise PlanValidationError(
                f"indicators.{self.id}.targets", "at least one target", "none"
            )
        dues = [t.due.end for t in value if t.due is not None and t.due.end is not None]
        if dues != sorted(dues):
            raise PlanValidationError(
                f"indicators.{self.id}.targets",
                "staged targets in order of due date",
                ", ".join(str(d) for d in dues),
            )

    @property
    def staged(self) -> bool:
        """Whether the indicator has more than one target."""
        return len(self.targets) > 1

    def __str__(self) -> str:
        return self.name


@attrs.frozen(kw_only=True)
class TimeLimit:
    """A limit on the time between two events, as the plan sets it: "不超过15天", "1年以上"."""

    id: str = attrs.field(validator=_ITEM_ID)
    title: str = attrs.field(converter=title_text, validator=attrs.validators.min_len(1))
    span: Span
    task: int | None = None
    text: str = attrs.field(default="", eq=False)

    def __str__(self) -> str:
        return self.title


Item = Milestone | Obligation | Indicator
"""Anything with an id that can be owned, dated and tracked."""


def _links(value: Any) -> tuple[tuple[str, str], ...]:  # noqa: ANN401 - converter
    pairs = value.items() if isinstance(value, dict) else value
    return tuple((str(local), str(parent)) for local, parent in pairs)


@attrs.frozen(kw_only=True)
class Lineage:
    """Where a local plan comes from: its parent plan and, for each local item, the parent's item.

    A plan drawn up one level down (a county's plan under the region's) keeps a link from each
    of its tasks (``task-N``), phases, milestones, obligations and indicators to the one it
    re-writes in the parent plan.

    Parameters
    ----------
    parent
        The id of the parent plan.
    place
        The code of the place the local plan is for (``640324``); empty if not known.
    links
        Pairs ``(local id, parent id)``; a mapping is accepted.

    Examples
    --------
    >>> lin = Lineage(parent="ningxia-2025", place="640324", links={"task-1": "task-1"})
    >>> lin.parent_of("task-1"), lin.parent_of("task-9")
    ('task-1', None)
    """

    parent: str = attrs.field(validator=attrs.validators.min_len(1))
    place: str = ""
    links: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_links)

    def parent_of(self, local_id: str) -> str | None:
        """Return the parent plan's id for the local ``local_id``, or ``None`` if unlinked."""
        return next((parent for local, parent in self.links if local == local_id), None)

    def as_dict(self) -> dict[str, str]:
        """Return the links as a mapping from local id to parent id."""
        return dict(self.links)

    def without(self, *local_ids: str) -> Lineage:
        """Return the lineage without the links of ``local_ids`` (for items taken out)."""
        return attrs.evolve(self, links=[pair for pair in self.links if pair[0] not in local_ids])
