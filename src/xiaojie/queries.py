"""Named questions about a plan: who owns what, what is overdue and for whom, what slips.

Every query takes the plan or its graph first (see :func:`xiaojie.graph.as_graph`: a plan's graph
is built once and kept), then a :class:`~xiaojie.tracking.Snapshot` where time matters. Queries
never read the clock and never change the graph. They return tuples of small frozen objects,
sorted: owners (units and unit groups) in the plan's own order (:meth:`Plan.unit_order
<xiaojie.model.Plan.unit_order>`, the order in which the plan first names them), tasks by number,
items in plan order, entries by due date.

Who answers for an item
    A task's owners are its responsibility list: the first listed **leads**, the others are
    **co-responsible**. An item (milestone, obligation, indicator) that lists its own owners
    follows the same rule: the owner listed first is its lead. An item that lists none answers
    through its task's owners, with their roles in the task ("inherited"). An item with neither
    owners nor a task has no owner and appears in no owner's answer.

Groups
    A unit group (领导小组成员单位, 有驻村帮扶任务的单位 …) is an owner of its own and is reported
    as such. Where the plan lists a group's members, the per-owner queries of a snapshot also
    report each member, flagged with the group it comes through (``via``); where membership is
    unknown (the bundled plan lists none) the group stays whole.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import weakref
from typing import TYPE_CHECKING, NamedTuple

import attrs
import networkx as nx

from xiaojie.dates import as_date
from xiaojie.errors import DateValueError, PlanValidationError, UnknownItemError
from xiaojie.graph import (
    EdgeKind,
    Graph,
    NodeKind,
    as_graph,
    build_graph,
    label_of,
    node_of,
    precedence_graph,
    unit_campaign_graph,
)
from xiaojie.model import (
    Indicator,
    Milestone,
    Obligation,
    Owner,
    OwnerRole,
    Phase,
    Plan,
    ResponsibleUnit,
    Role,
    Task,
    TrackingMode,
    UnitGroup,
)
from xiaojie.tracking import Entry, EntryKind, Snapshot, State, status


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


__all__ = [
    "Bridge",
    "Holding",
    "OwnedEntry",
    "OwnerEntries",
    "OwnerRole",
    "ResponsibilityMatrix",
    "SharedTasks",
    "Slack",
    "Slip",
    "Workload",
    "bridging_units",
    "co_responsibility",
    "indicator_owners",
    "indicators_of",
    "items_of",
    "responsibility_matrix",
    "slack",
    "slip_impact",
    "tasks_coowned_by",
    "tasks_led_by",
    "units_with_overdue_tasks",
    "upcoming_deadlines",
    "workload",
]

_Owned = Task | Milestone | Obligation | Indicator


# --- results ---------------------------------------------------------------------------------


class OwnedEntry(NamedTuple):
    """A snapshot entry as one owner sees it: the entry, the owner's role, the group it came by.

    Attributes
    ----------
    entry
        The entry of the snapshot (its state, due date, window, task …).
    role
        The owner's role for it.
    via
        The id of the group through which a member unit owns the entry, or ``None`` when the
        owner is named for it directly.
    """

    entry: Entry
    role: Role
    via: str | None = None

    @property
    def key(self) -> str:
        """The entry's key."""
        return self.entry.key

    @property
    def title(self) -> str:
        """What is to be done."""
        return self.entry.title

    @property
    def due(self) -> dt.date | None:
        """The entry's due date."""
        return self.entry.due

    @property
    def task(self) -> int | None:
        """The number of the entry's task, if any."""
        return self.entry.task

    @property
    def expanded(self) -> bool:
        """Whether the owner has the entry only as a member of a group (``via`` is set)."""
        return self.via is not None


@attrs.frozen(kw_only=True)
class OwnerEntries:
    """One owner (a unit or a group) and the entries it answers for, earliest due first.

    The entries, the owner's role in each and the group each came through are kept as three
    parallel tuples (the headline query builds many rows and tuples are cheap);
    :attr:`owned` pairs them up.

    Attributes
    ----------
    owner
        The unit or group.
    entries
        Its entries, in snapshot order: by due date, then key.
    roles
        The owner's role in each entry.
    via
        For each entry, the id of the group it came through, or ``None`` when the owner is
        named for it directly.
    """

    owner: Owner
    entries: tuple[Entry, ...]
    roles: tuple[Role, ...]
    via: tuple[str | None, ...]

    def __attrs_post_init__(self) -> None:
        if not len(self.entries) == len(self.roles) == len(self.via):
            lengths = f"{len(self.entries)}, {len(self.roles)}, {len(self.via)}"
            raise PlanValidationError("owner_entries", "as many roles and vias as entries", lengths)

    @property
    def owned(self) -> tuple[OwnedEntry, ...]:
        """The entries with the owner's role and the group each came through."""
        return tuple(map(OwnedEntry, self.entries, self.roles, self.via))

    @property
    def is_group(self) -> bool:
        """Whether the owner is a unit group reported as a whole."""
        return self.owner.is_group

    @property
    def expanded(self) -> bool:
        """Whether every entry reached the owner through a group it is a member of."""
        return all(group is not None for group in self.via)

    @property
    def keys(self) -> tuple[str, ...]:
        """The entries' keys."""
        return tuple(e.key for e in self.entries)

    @property
    def tasks(self) -> tuple[int, ...]:
        """The numbers of the tasks the entries belong to, ascending."""
        return tuple(sorted({e.task for e in self.entries if e.task is not None}))

    def __len__(self) -> int:
        return len(self.entries)

    def __str__(self) -> str:
        shown = "、".join(
            f"{e.key}({e.role.label}{', via ' + e.via if e.via else ''})" for e in self.owned
        )
        return f"{self.owner.name}: {shown}"


@attrs.frozen(kw_only=True)
class Holding:
    """Something an owner answers for: a task or an item, with the owner's role.

    Attributes
    ----------
    node
        The graph node (``task:4``, ``indicator:spending-progress`` …).
    obj
        The task, milestone, obligation or indicator.
    role
        The owner's role.
    inherited
        Whether the owner answers for an item through its task.
    via
        The id of the group through which the owner holds it, or ``None``.
    """

    node: str
    obj: _Owned
    role: Role
    inherited: bool = False
    via: str | None = None

    @property
    def kind(self) -> NodeKind:
        """What the held thing is."""
        return NodeKind(self.node.partition(":")[0])

    def __str__(self) -> str:
        return f"{label_of(self.obj)}({self.role.label})"


@attrs.frozen(kw_only=True)
class Workload:
    """How much one owner answers for.

    Attributes
    ----------
    owner
        The unit or group.
    lead
        The number of tasks it leads.
    co_responsible
        The number of tasks it shares without leading.
    by_campaign
        ``(campaign number, tasks)`` pairs, by campaign number.
    by_month
        ``("YYYY-MM", due dates)`` pairs, by month: the due dates of its milestones, of its
        indicators' dated targets and of the windows of its reported obligations.
    """

    owner: Owner
    lead: int
    co_responsible: int
    by_campaign: tuple[tuple[int, int], ...]
    by_month: tuple[tuple[str, int], ...]

    @property
    def tasks(self) -> int:
        """The number of tasks it leads or shares."""
        return self.lead + self.co_responsible


@attrs.frozen(kw_only=True)
class SharedTasks:
    """Two owners that share tasks: the pair and the tasks both are named for.

    Attributes
    ----------
    first, second
        The owners, ``first`` earlier in the plan's order.
    tasks
        The numbers of the tasks they share, ascending.
    """

    first: Owner
    second: Owner
    tasks: tuple[int, ...]

    @property
    def weight(self) -> int:
        """The number of shared tasks."""
        return len(self.tasks)


@attrs.frozen(kw_only=True)
class Bridge:
    """An owner that joins campaigns, with its betweenness in the owner–campaign graph.

    Attributes
    ----------
    owner
        The unit or group.
    score
        Its normalised betweenness centrality (see :func:`bridging_units`).
    campaigns
        The numbers of the campaigns it owns tasks in, ascending.
    """

    owner: Owner
    score: float
    campaigns: tuple[int, ...]


@attrs.frozen(kw_only=True)
class Slip:
    """Where something would fall if an item slipped: its planned and its new date.

    Attributes
    ----------
    node
        The graph node.
    obj
        The task, phase, milestone, obligation or indicator.
    due
        Its planned date (``None`` for a task with no dated item).
    new_date
        The date it can be done by after the slip.
    """

    node: str
    obj: object
    due: dt.date | None
    new_date: dt.date

    @property
    def delay(self) -> int:
        """Days after its planned date (0 when the slip is absorbed or it has no date)."""
        return 0 if self.due is None else max((self.new_date - self.due).days, 0)

    @property
    def late(self) -> bool:
        """Whether it would now be done after its planned date."""
        return self.delay > 0

    def __str__(self) -> str:
        due = "undated" if self.due is None else self.due.isoformat()
        return f"{self.node}: {due} → {self.new_date} (+{self.delay})"


@attrs.frozen(kw_only=True)
class Slack:
    """Days left until an entry's due date (negative once it is overdue).

    Attributes
    ----------
    entry
        The entry.
    days
        Its due date minus the snapshot's date, in calendar days.
    """

    entry: Entry
    days: int

    @property
    def key(self) -> str:
        """The entry's key."""
        return self.entry.key

    @property
    def due(self) -> dt.date | None:
        """The entry's due date."""
        return self.entry.due


_MARKS = {Role.LEAD: "lead", Role.CO_RESPONSIBLE: "co_responsible"}


@attrs.frozen(kw_only=True)
class ResponsibilityMatrix:
    """Tasks × owners with each owner's role in each task.

    Attributes
    ----------
    rows
        The tasks, by number.
    columns
        The owners named for at least one task, in the plan's order.
    cells
        ``cells[i][j]`` is the role of ``columns[j]`` in ``rows[i]``, or ``None``.
    """

    rows: tuple[Task, ...]
    columns: tuple[Owner, ...]
    cells: tuple[tuple[Role | None, ...], ...]

    def role(self, task: int, owner: str | Owner) -> Role | None:
        """Return the role of ``owner`` (an id, a name as listed, or the object) in ``task``.

        Raises
        ------
        UnknownItemError
            If the matrix has no such task or owner.
        """
        numbers = [t.number for t in self.rows]
        if task not in numbers:
            raise UnknownItemError("task", task, [str(n) for n in numbers])
        wanted = owner.id if isinstance(owner, ResponsibleUnit | UnitGroup) else owner
        for j, column in enumerate(self.columns):
            if wanted in (column.id, *column.names):
                return self.cells[numbers.index(task)][j]
        raise UnknownItemError("owner", wanted, [c.id for c in self.columns])

    def to_rows(
        self,
        *,
        lead: str = Role.LEAD.label,
        co_responsible: str = Role.CO_RESPONSIBLE.label,
        empty: str = "",
    ) -> tuple[tuple[str, ...], ...]:
        """Return the matrix as rows of strings: a header of owner names, then one row per task.

        Each row starts with the task (``4.精准开展监测帮扶``); a cell holds ``lead``,
        ``co_responsible`` or ``empty``. Ready for :mod:`csv`.
        """
        marks = {Role.LEAD: lead, Role.CO_RESPONSIBLE: co_responsible, None: empty}
        header = ("任务", *(c.name for c in self.columns))
        body = tuple(
            (label_of(task), *(marks[cell] for cell in row))
            for task, row in zip(self.rows, self.cells, strict=True)
        )
        return (header, *body)

    def lines(
        self, *, lead: str = "●", co_responsible: str = "○", empty: str = "·"
    ) -> tuple[str, ...]:
        """Return a compact text picture: one character per owner, then a numbered legend.

        Two header lines give each column's number (tens, then units); each task line holds the
        task number and one mark per column; the legend names the columns.
        """
        marks = {Role.LEAD: lead, Role.CO_RESPONSIBLE: co_responsible, None: empty}
        width = len(str(max((t.number for t in self.rows), default=0)))
        numbers = [str(j + 1).rjust(2) for j in range(len(self.columns))]
        pad = " " * (width + 1)
        picture = [
            pad + "".join(n[0] for n in numbers),
            pad + "".join(n[1] for n in numbers),
        ]
        picture.extend(
            f"{task.number:>{width}} " + "".join(marks[cell] for cell in row)
            for task, row in zip(self.rows, self.cells, strict=True)
        )
        picture.extend(f"{j + 1:>3} {c.name}" for j, c in enumerate(self.columns))
        return tuple(picture)


# --- the index kept per graph ----------------------------------------------------------------


class _Index:
    """What the queries look up again and again, computed at most once per graph.

    It never refers to the graph itself, so it lives exactly as long as the graph does.
    """

    def __init__(self, graph: Graph) -> None:
        plan: Plan = graph.graph["plan"]
        self.plan = plan
        self.rank: dict[str, int] = plan.unit_order()
        # Every owner of the plan in the plan's order, and each one's place in that list (owners
        # that only a snapshot names are added at the end as they come).
        self.owner_list: list[Owner] = [plan.units.by_id(owner_id) for owner_id in self.rank]
        self.slot: dict[str, int] = {o.id: k for k, o in enumerate(self.owner_list)}
        self.members: dict[str, tuple[ResponsibleUnit, ...]] = {}
        for group in plan.units.groups:
            known = plan.units.members_of(group)
            if known:
                self.members[group.id] = known
        self.groups_of: dict[str, list[UnitGroup]] = {}
        for group in plan.units.groups:
            for member in group.members or ():
                self.groups_of.setdefault(member, []).append(group)
        self._owners: dict[str, tuple[OwnerRole, ...]] = {}
        self._holdings: dict[str, list[Holding]] | None = None
        self._positions: dict[str, int] | None = None
        self.by_item: dict[str, tuple[tuple[int, Role, str | None], ...]] = {}

    def owner_key(self, owner: Owner) -> tuple[int, str]:
        """Sort key of an owner: its place in the plan's order."""
        return (self.rank.get(owner.id, len(self.rank)), owner.id)

    def owners(self, graph: Graph, node: str) -> tuple[OwnerRole, ...]:
        """Return who answers for ``node`` (a task or an item), lead first."""
        found = self._owners.get(node)
        if found is None:
            found = _owners_of(graph, node)
            self._owners[node] = found
        return found

    def entry_owners(self, graph: Graph, entry: Entry) -> tuple[tuple[int, Role, str | None], ...]:
        """Return (and keep, by item id) who answers for a snapshot entry, lead first.

        Each owner comes as its place in :attr:`owner_list`, its role and ``None``; then each
        listed member of a group owner that is not an owner itself, with the group's role and the
        group's id. The owners come from the graph; an entry whose item is not in it (a snapshot
        of an edited plan) falls back on the owners the entry lists.
        """
        node = _entry_node(entry)
        if node is not None and node in graph:
            owned = self.owners(graph, node)
        else:
            owned = _positional(entry.owners)
        found: dict[str, tuple[int, Role, str | None]] = {
            o.owner.id: (self.place(o.owner), o.role, None) for o in owned
        }
        for o in owned:
            for member in self.members.get(o.owner.id, ()):
                found.setdefault(member.id, (self.place(member), o.role, o.owner.id))
        result = tuple(found.values())
        self.by_item[entry.item_id] = result
        return result

    def place(self, owner: Owner) -> int:
        """Return the owner's place in :attr:`owner_list`, adding it at the end if it is new."""
        place = self.slot.get(owner.id)
        if place is None:
            place = self.slot[owner.id] = len(self.owner_list)
            self.owner_list.append(owner)
        return place

    def positions(self, graph: Graph) -> dict[str, int]:
        """Return each node's place in the graph's order (plan order)."""
        if self._positions is None:
            self._positions = {node: k for k, node in enumerate(graph)}
        return self._positions

    def holdings(self, graph: Graph) -> dict[str, list[Holding]]:
        """Return, for each owner id, what it answers for directly or through tasks."""
        if self._holdings is None:
            holdings: dict[str, list[Holding]] = {}
            for node, kind in graph.nodes(data="kind"):
                if kind in _HELD:
                    obj = graph.nodes[node]["obj"]
                    for owned in self.owners(graph, node):
                        holding = Holding(
                            node=node, obj=obj, role=owned.role, inherited=owned.inherited
                        )
                        holdings.setdefault(owned.owner.id, []).append(holding)
            self._holdings = holdings
        return self._holdings


_HELD = frozenset(
    k.value for k in (NodeKind.TASK, NodeKind.MILESTONE, NodeKind.OBLIGATION, NodeKind.INDICATOR)
)
_INDEXES: weakref.WeakKeyDictionary[Graph, _Index] = weakref.WeakKeyDictionary()


def _context(source: Plan | Graph) -> tuple[Graph, _Index]:
    graph = as_graph(source)
    index = _INDEXES.get(graph)
    if index is None:
        index = _Index(graph)
        _INDEXES[graph] = index
    return graph, index


def _positional(owners: Iterable[Owner], *, inherited: bool = False) -> tuple[OwnerRole, ...]:
    return tuple(
        OwnerRole(
            owner=owner,
            role=Role.LEAD if position == 0 else Role.CO_RESPONSIBLE,
            inherited=inherited,
        )
        for position, owner in enumerate(owners)
    )


def _owners_of(graph: Graph, node: str) -> tuple[OwnerRole, ...]:
    plan: Plan = graph.graph["plan"]
    obj: _Owned = graph.nodes[node]["obj"]
    return plan.owner_roles(obj)


_ENTRY_NODES = {
    EntryKind.MILESTONE: "milestone",
    EntryKind.OBLIGATION_WINDOW: "obligation",
    EntryKind.OBLIGATION: "obligation",
    EntryKind.TARGET: "indicator",
}


def _entry_node(entry: Entry) -> str | None:
    if entry.kind is EntryKind.TASK_DUTY:
        return f"task:{entry.item_id.removeprefix('task-')}"
    prefix = _ENTRY_NODES.get(entry.kind)
    return None if prefix is None else f"{prefix}:{entry.item_id}"


def _check_snapshot(plan: Plan, snapshot: Snapshot) -> None:
    if snapshot.plan_id != plan.id:
        raise PlanValidationError("snapshot.plan_id", repr(plan.id), repr(snapshot.plan_id))


def _rows(graph: Graph, index: _Index, entries: Iterable[Entry]) -> tuple[OwnerEntries, ...]:
    """Group entries by owner, expanding groups of known membership.

    ``entries`` must come in snapshot order (due date, then key); each owner's entries keep it.
    This is the inner loop of the headline query, written for speed: owners are looked up once
    per item and graph (:meth:`_Index.entry_owners`) as places in the plan's order of owners, so
    each (owner, entry) pair costs three appends to lists found by position, and the rows come
    out in the plan's order without sorting.
    """
    known = index.by_item
    owners = index.owner_list
    listed: list[list[Entry]] = [[] for _ in owners]
    roles: list[list[Role]] = [[] for _ in owners]
    via: list[list[str | None]] = [[] for _ in owners]
    for entry in entries:
        owned = known.get(entry.item_id)
        if owned is None:
            owned = index.entry_owners(graph, entry)
            grown = len(owners) - len(listed)  # owners that only this snapshot names
            for row in (listed, roles, via):
                row.extend([] for _ in range(grown))
        for place, role, group in owned:
            listed[place].append(entry)
            roles[place].append(role)
            via[place].append(group)
    return tuple(
        OwnerEntries(
            owner=owners[place],
            entries=tuple(listed[place]),
            roles=tuple(roles[place]),
            via=tuple(via[place]),
        )
        for place in range(len(listed))
        if listed[place]
    )


def _owner(index: _Index, unit: object) -> Owner:
    """Return the unit or group ``unit`` denotes: the object, any name, its id or node id."""
    units = index.plan.units
    if isinstance(unit, ResponsibleUnit | UnitGroup):
        if unit.id in index.rank and units.by_id(unit.id) == unit:
            return unit
        return units.resolve(unit.name)
    name = str(unit)
    found = units.find(name)
    if found is not None:
        return found
    bare = name.partition(":")[2] if name.startswith(("unit:", "group:")) else name
    if bare in index.rank:
        return units.by_id(bare)
    return units.resolve(name)


# --- snapshot queries ------------------------------------------------------------------------


def units_with_overdue_tasks(source: Plan | Graph, snapshot: Snapshot) -> tuple[OwnerEntries, ...]:
    """Return the owners of overdue entries and what each has overdue.

    The headline question of a reporting date: which units (and unit groups) own something that
    is overdue, what it is, in what role and for which task. An entry's owners are found once
    per graph and kept, so the cost of the query grows with the number of overdue entries, not
    with the size of the plan.

    Parameters
    ----------
    source
        The plan or its graph.
    snapshot
        The plan's status as of a date (:func:`xiaojie.tracking.status`).

    Returns
    -------
    tuple of OwnerEntries
        One per owner with at least one overdue entry, in the plan's order of owners. A group is
        reported as a group; where its members are known, each member is reported too, with
        the group in ``via`` (:attr:`OwnerEntries.expanded` when that is its only way in). The
        roles follow the module's rules (for an item, the owner listed first leads). Entries
        that name no owner (directly or through a task) are in no row.

    Raises
    ------
    PlanValidationError
        If the snapshot is of another plan.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> from xiaojie.tracking import status
    >>> plan = xj.load_plan()
    >>> rows = units_with_overdue_tasks(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> [row.owner.name for row in rows][:3]
    ['自治区医疗保障局', '自治区残疾人联合会', '自治区农业农村厅']
    >>> finance = next(row for row in rows if row.owner.id == "finance")
    >>> [(e.key, e.role.value, e.task, str(e.due)) for e in finance.owned]
    [('spending-progress#0', 'co_responsible', 21, '2025-07-31')]
    >>> print(next(row for row in rows if row.owner.id == "sasac"))
    自治区国有资产监督管理委员会: asset-revitalisation-rate#0(配合)

    Before the first deadline nobody has anything overdue:

    >>> units_with_overdue_tasks(plan, status(plan, as_of=dt.date(2025, 6, 18)))
    ()

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    _check_snapshot(index.plan, snapshot)
    return _rows(graph, index, _overdue(snapshot))


def _due_or_max(entry: Entry) -> dt.date:
    return entry.due or dt.date.max


def _overdue(snapshot: Snapshot) -> list[Entry]:
    """Return the snapshot's overdue entries, in snapshot order.

    Equal to :meth:`Snapshot.overdue <xiaojie.tracking.Snapshot.overdue>`, but it only looks at
    the entries due before the snapshot's date: an entry is overdue only after its due date
    (the status rules), and a snapshot keeps its entries sorted by due date, so a binary search
    finds where to stop.
    """
    entries = snapshot.entries
    end = bisect.bisect_left(entries, snapshot.as_of, key=_due_or_max)
    overdue = State.OVERDUE
    return [entry for entry in entries[:end] if entry.state is overdue]


def upcoming_deadlines(
    source: Plan | Graph,
    snapshot: Snapshot,
    *,
    start: dt.date,
    end: dt.date,
    unit: str | Owner | None = None,
) -> tuple[OwnerEntries, ...]:
    """Return, per owner, the entries not yet done whose due date falls in ``[start, end]``.

    Parameters
    ----------
    source
        The plan or its graph.
    snapshot
        The plan's status as of a date; its states say what is done.
    start, end
        The closed range of due dates, both included.
    unit
        Only this owner (any name the plan uses, its id, or the object); ``None`` for all.

    Returns
    -------
    tuple of OwnerEntries
        Grouped and sorted like :func:`units_with_overdue_tasks`; entries that are overdue
        within the range stay in (their state says so).

    Raises
    ------
    DateValueError
        If ``end`` is before ``start`` or either is not a date.
    UnknownUnitError
        If ``unit`` names no owner of the plan.
    PlanValidationError
        If the snapshot is of another plan.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> from xiaojie.tracking import status
    >>> plan = xj.load_plan()
    >>> snap = status(plan, as_of=dt.date(2025, 8, 1))
    >>> rows = upcoming_deadlines(plan, snap, start=dt.date(2025, 9, 1), end=dt.date(2025, 9, 30),
    ...                           unit="国资委")
    >>> [(e.key, str(e.due)) for row in rows for e in row.entries]
    [('asset-registration-handover', '2025-09-30')]
    >>> upcoming_deadlines(plan, snap, start=dt.date(2025, 9, 1), end=dt.date(2025, 8, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: upcoming_deadlines: end 2025-08-01 is before start 2025-09-01

    .. versionadded:: 0.1.0
    """
    first = as_date(start, field="start")
    last = as_date(end, field="end")
    if last < first:
        msg = f"upcoming_deadlines: end {last} is before start {first}"
        raise DateValueError(msg)
    graph, index = _context(source)
    _check_snapshot(index.plan, snapshot)
    wanted = None if unit is None else _owner(index, unit).id
    entries = (
        e
        for e in snapshot.entries
        if e.due is not None and first <= e.due <= last and not e.state.is_done
    )
    rows = _rows(graph, index, entries)
    if wanted is None:
        return rows
    return tuple(row for row in rows if row.owner.id == wanted)


def slack(source: Plan | Graph, when: Snapshot | dt.date) -> tuple[Slack, ...]:
    """Return the days left until every dated entry that is not done, fewest first.

    Parameters
    ----------
    source
        The plan or its graph.
    when
        A snapshot, or a date (then the status with no progress as of that date is used).

    Returns
    -------
    tuple of Slack
        Sorted by days left, then key. Overdue entries have negative slack; entries already
        done and undated ones are left out.

    Raises
    ------
    PlanValidationError
        If the snapshot is of another plan.
    DateValueError
        If ``when`` is a ``datetime`` or not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [(s.key, s.days) for s in slack(plan, dt.date(2025, 9, 5))[:2]]
    [('local-work-ledgers', -77), ('mobilisation-meetings', -77)]
    >>> [(s.key, s.days) for s in slack(plan, dt.date(2025, 12, 31))][-2:]
    [('poor-area-income-growth#1', 0), ('region-quarterly-briefing@2025-10-01', 0)]

    .. versionadded:: 0.1.0
    """
    _graph, index = _context(source)
    if isinstance(when, Snapshot):
        _check_snapshot(index.plan, when)
        snapshot = when
    else:
        snapshot = status(index.plan, as_of=as_date(when, field="when"))
    found = [
        Slack(entry=e, days=(e.due - snapshot.as_of).days)
        for e in snapshot.entries
        if e.due is not None and not e.state.is_done
    ]
    found.sort(key=lambda s: (s.days, s.key))
    return tuple(found)


# --- who owns what ---------------------------------------------------------------------------


def items_of(
    source: Plan | Graph, unit: str | Owner, *, via_groups: bool = False
) -> tuple[Holding, ...]:
    """Return every task and item ``unit`` answers for, with its role, in plan order.

    Parameters
    ----------
    source
        The plan or its graph.
    unit
        A unit or group: any name the plan writes it as (``医保局``), its id, or the object.
    via_groups
        Also include what the groups it is a listed member of answer for (``via`` says which).

    Returns
    -------
    tuple of Holding
        Tasks first (by number), then milestones, obligations and indicators in plan order.
        Items that list no owners are held through their task (``inherited``).

    Raises
    ------
    UnknownUnitError
        If ``unit`` names no unit or group of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [str(h) for h in items_of(plan, "国资委")]
    ['22.健全资产长效管理机制(配合)', '对符合条件的项目完成确权登记和资产移交(配合)', '对应报废报损项目进行核销处理(配合)', '年度盘活利用率(配合)']
    >>> items_of(plan, "国资")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownUnitError: unknown unit '国资'; closest known: 国资委

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    owner = _owner(index, unit)
    holdings = index.holdings(graph)
    found = list(holdings.get(owner.id, ()))  # in graph order, which is plan order
    if via_groups and isinstance(owner, ResponsibleUnit):
        held = {h.node for h in found}
        extra = [
            attrs.evolve(holding, via=group.id)
            for group in index.groups_of.get(owner.id, ())
            for holding in holdings.get(group.id, ())
            if holding.node not in held
        ]
        if extra:
            position = index.positions(graph)
            merged = {h.node: h for h in (*found, *extra)}  # direct first, then the first group
            found = sorted(merged.values(), key=lambda h: position[h.node])
    return tuple(found)


def tasks_led_by(
    source: Plan | Graph, unit: str | Owner, *, via_groups: bool = False
) -> tuple[Task, ...]:
    """Return the tasks ``unit`` leads (is listed first for), by number.

    Parameters
    ----------
    source
        The plan or its graph.
    unit
        A unit or group: any name the plan uses, its id, or the object.
    via_groups
        Also count tasks led by a group ``unit`` is a listed member of.

    Returns
    -------
    tuple of Task

    Raises
    ------
    UnknownUnitError
        If ``unit`` names no unit or group of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [t.number for t in tasks_led_by(plan, "农业农村厅")]
    [4, 5, 11, 13, 19, 20, 21, 23, 24, 25]
    >>> tasks_led_by(plan, "财政厅")
    ()

    .. versionadded:: 0.1.0
    """
    return _tasks(source, unit, Role.LEAD, via_groups=via_groups)


def tasks_coowned_by(
    source: Plan | Graph, unit: str | Owner, *, via_groups: bool = False
) -> tuple[Task, ...]:
    """Return the tasks ``unit`` shares without leading (is listed after the first), by number.

    Parameters
    ----------
    source
        The plan or its graph.
    unit
        A unit or group: any name the plan uses, its id, or the object.
    via_groups
        Also count tasks a group ``unit`` is a listed member of shares.

    Returns
    -------
    tuple of Task

    Raises
    ------
    UnknownUnitError
        If ``unit`` names no unit or group of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [t.number for t in tasks_coowned_by(plan, "财政厅")]
    [20, 21]
    >>> tasks_coowned_by(plan, "自治区党委农村工作领导小组成员单位")
    ()

    .. versionadded:: 0.1.0
    """
    return _tasks(source, unit, Role.CO_RESPONSIBLE, via_groups=via_groups)


def _tasks(
    source: Plan | Graph, unit: str | Owner, role: Role, *, via_groups: bool
) -> tuple[Task, ...]:
    held = items_of(source, unit, via_groups=via_groups)
    return tuple(h.obj for h in held if isinstance(h.obj, Task) and h.role is role)


def indicators_of(
    source: Plan | Graph, unit: str | Owner, *, via_groups: bool = False
) -> tuple[Indicator, ...]:
    """Return the indicators ``unit`` answers for (named for them, or through their task).

    Parameters
    ----------
    source
        The plan or its graph.
    unit
        A unit or group: any name the plan uses, its id, or the object.
    via_groups
        Also include indicators of groups ``unit`` is a listed member of.

    Returns
    -------
    tuple of Indicator
        In plan order.

    Raises
    ------
    UnknownUnitError
        If ``unit`` names no unit or group of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [i.id for i in indicators_of(plan, "财政厅")]
    ['spending-progress', 'budget-execution', 'performance-self-evaluation']
    >>> indicators_of(plan, "商务厅")
    (Indicator(id='industry-share', ...),)

    .. versionadded:: 0.1.0
    """
    held = items_of(source, unit, via_groups=via_groups)
    return tuple(h.obj for h in held if isinstance(h.obj, Indicator))


def indicator_owners(source: Plan | Graph, indicator_id: str) -> tuple[OwnerRole, ...]:
    """Return who answers for an indicator, lead first.

    Parameters
    ----------
    source
        The plan or its graph.
    indicator_id
        The indicator's id.

    Returns
    -------
    tuple of OwnerRole
        Its own owners, else its task's (``inherited``); empty for a plan-wide goal that names
        no one.

    Raises
    ------
    UnknownItemError
        If the plan has no indicator with that id.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [str(o) for o in indicator_owners(plan, "asset-revitalisation-rate")]
    ['自治区党委农村工作领导小组相关成员单位(牵头)', '自治区国有资产监督管理委员会(配合)']
    >>> indicator_owners(plan, "migrant-income-growth")
    ()
    >>> indicator_owners(plan, "spending-rate")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownItemError: unknown indicator 'spending-rate'; known: spending-progress

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    node = f"indicator:{indicator_id}"
    if node not in graph:
        known = [i.id for i in index.plan.indicators]
        close = [k for k in known if k.split("-")[0] == str(indicator_id).split("-")[0]]
        raise UnknownItemError("indicator", indicator_id, close or known)
    return index.owners(graph, node)


def workload(source: Plan | Graph, unit: str | Owner, *, via_groups: bool = False) -> Workload:
    """Return how much ``unit`` answers for: tasks by role and campaign, due dates by month.

    Parameters
    ----------
    source
        The plan or its graph.
    unit
        A unit or group: any name the plan uses, its id, or the object.
    via_groups
        Also count what groups ``unit`` is a listed member of answer for.

    Returns
    -------
    Workload

    Raises
    ------
    UnknownUnitError
        If ``unit`` names no unit or group of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> w = workload(plan, "财政厅")
    >>> w.lead, w.co_responsible, w.by_campaign, w.by_month
    (0, 2, ((7, 2),), (('2025-07', 1), ('2025-10', 1), ('2025-12', 1)))
    >>> workload(plan, "有驻村帮扶任务的单位").by_month
    (('2025-07', 1), ('2025-08', 1))

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    owner = _owner(index, unit)
    held = items_of(graph, owner, via_groups=via_groups)
    roles = {Role.LEAD: 0, Role.CO_RESPONSIBLE: 0}
    campaigns: dict[int, int] = {}
    months: dict[str, int] = {}
    for holding in held:
        obj = holding.obj
        if isinstance(obj, Task):
            roles[holding.role] += 1
            campaigns[obj.campaign] = campaigns.get(obj.campaign, 0) + 1
        for due in _due_dates(obj):
            month = f"{due.year:04d}-{due.month:02d}"
            months[month] = months.get(month, 0) + 1
    return Workload(
        owner=owner,
        lead=roles[Role.LEAD],
        co_responsible=roles[Role.CO_RESPONSIBLE],
        by_campaign=tuple(sorted(campaigns.items())),
        by_month=tuple(sorted(months.items())),
    )


def _due_dates(obj: object) -> list[dt.date]:
    if isinstance(obj, Milestone):
        return [obj.due]
    if isinstance(obj, Indicator):
        return [t.due.end for t in obj.targets if t.due is not None and t.due.end is not None]
    if isinstance(obj, Obligation) and obj.tracking is TrackingMode.REPORTED:
        return [obj.cadence.due_in(window) for window in obj.windows()]
    return []


# --- structure -------------------------------------------------------------------------------


def co_responsibility(source: Plan | Graph, *, min_shared: int = 1) -> tuple[SharedTasks, ...]:
    """Return the pairs of owners named together for tasks, most shared tasks first.

    Parameters
    ----------
    source
        The plan or its graph.
    min_shared
        Leave out pairs that share fewer tasks.

    Returns
    -------
    tuple of SharedTasks
        Sorted by the number of shared tasks (descending), then by the plan's order of the two
        owners.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> pairs = co_responsibility(plan)
    >>> top = pairs[0]
    >>> top.first.name, top.second.name, top.tasks
    ('自治区农业农村厅', '自治区民政厅', (4, 5, 8, 9, 13, 23, 25))
    >>> [p.second.name for p in pairs if p.first.id == "finance"]
    ['自治区民族事务委员会', '宁夏农垦集团有限公司']
    >>> co_responsibility(plan, min_shared=8)
    ()

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    shared: dict[tuple[str, str], list[int]] = {}
    owners: dict[str, Owner] = {}
    for node, kind in graph.nodes(data="kind"):
        if kind != NodeKind.TASK:
            continue
        task: Task = graph.nodes[node]["obj"]
        listed = sorted(task.units, key=index.owner_key)
        for owner in listed:
            owners[owner.id] = owner
        for first, second in itertools.combinations(listed, 2):
            shared.setdefault((first.id, second.id), []).append(task.number)
    pairs = [
        SharedTasks(first=owners[a], second=owners[b], tasks=tuple(sorted(numbers)))
        for (a, b), numbers in shared.items()
        if len(numbers) >= min_shared
    ]
    pairs.sort(key=lambda p: (-p.weight, index.owner_key(p.first), index.owner_key(p.second)))
    return tuple(pairs)


def bridging_units(source: Plan | Graph) -> tuple[Bridge, ...]:
    """Return the owners that join campaigns, the strongest bridges first.

    The measure is betweenness centrality on the bipartite owner–campaign graph
    (:func:`xiaojie.graph.unit_campaign_graph`: an owner is joined to each campaign it owns a
    task in), computed exactly and normalised by :func:`networkx.betweenness_centrality`. An owner
    scores high when many shortest paths between campaigns (and between owners of different
    campaigns) pass through it — when it is the coordinating link between campaigns that would
    otherwise share few owners. Owners of tasks in one campaign only join nothing and are left
    out.

    Parameters
    ----------
    source
        The plan or its graph.

    Returns
    -------
    tuple of Bridge
        Sorted by score (descending), then by the plan's order.

    Examples
    --------
    >>> import xiaojie as xj
    >>> bridges = bridging_units(xj.load_plan())
    >>> [(b.owner.name, round(b.score, 3), b.campaigns) for b in bridges[:3]]
    [('自治区农业农村厅', 0.401, (2, 3, 4, 6, 7, 8)), ('自治区医疗保障局', 0.048, (1, 2, 3, 5, 8)), ('自治区党委农村工作领导小组成员单位', 0.046, (1, 2, 5, 6))]
    >>> any(b.owner.id == "finance" for b in bridges)
    False

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    bipartite = unit_campaign_graph(graph)
    scores: dict[str, float] = nx.betweenness_centrality(bipartite, normalized=True)
    bridges = []
    for node, side in bipartite.nodes(data="bipartite"):
        if side != 0:
            continue
        campaigns = sorted(int(c.partition(":")[2]) for c in bipartite[node])
        if len(campaigns) >= 2:
            owner = graph.nodes[node]["obj"]
            bridges.append(Bridge(owner=owner, score=scores[node], campaigns=tuple(campaigns)))
    bridges.sort(key=lambda b: (-b.score, index.owner_key(b.owner)))
    return tuple(bridges)


def responsibility_matrix(source: Plan | Graph) -> ResponsibilityMatrix:
    """Return the tasks × owners matrix of roles.

    Parameters
    ----------
    source
        The plan or its graph.

    Returns
    -------
    ResponsibilityMatrix
        Rows are the tasks by number; columns the owners named for at least one task, in the
        plan's order.

    Examples
    --------
    >>> import xiaojie as xj
    >>> m = responsibility_matrix(xj.load_plan())
    >>> len(m.rows), len(m.columns)
    (25, 41)
    >>> m.role(21, "财政厅"), m.role(11, "财政厅")
    (<Role.CO_RESPONSIBLE: 'co_responsible'>, None)
    >>> m.to_rows()[22][:3]
    ('22.健全资产长效管理机制', '', '')
    >>> for line in m.lines()[:4]:
    ...     print(line)
                11111111112222222222333333333344
       12345678901234567890123456789012345678901
     1 ●○○······································
     2 ●········································

    .. versionadded:: 0.1.0
    """
    graph, index = _context(source)
    tasks: list[Task] = sorted(
        (graph.nodes[n]["obj"] for n, kind in graph.nodes(data="kind") if kind == NodeKind.TASK),
        key=lambda t: t.number,
    )
    named: dict[str, Owner] = {}
    for task in tasks:
        for owner in task.units:
            named.setdefault(owner.id, owner)
    columns = sorted(named.values(), key=index.owner_key)
    where = {owner.id: j for j, owner in enumerate(columns)}
    cells = []
    for task in tasks:
        row: list[Role | None] = [None] * len(columns)
        for duty in task.responsibilities:
            row[where[duty.owner.id]] = duty.role
        cells.append(tuple(row))
    return ResponsibilityMatrix(rows=tuple(tasks), columns=tuple(columns), cells=tuple(cells))


# --- what slips ------------------------------------------------------------------------------


def _planned(graph: Graph, node: str) -> dt.date | None:
    """Return the date ``node`` is planned to be done by, if it has one."""
    obj = graph.nodes[node]["obj"]
    if isinstance(obj, Milestone):
        return obj.due
    if isinstance(obj, Indicator):
        dues = _due_dates(obj)
        return max(dues) if dues else None
    if isinstance(obj, Obligation):
        return obj.active.end
    if isinstance(obj, Phase):
        return obj.when.end
    if isinstance(obj, Task):
        dues = [
            due
            for item, edge in graph.succ[node].items()
            if edge["kind"] == EdgeKind.CONTAINMENT
            and graph.nodes[item]["kind"] in {NodeKind.MILESTONE, NodeKind.INDICATOR}
            for due in [_planned(graph, item)]
            if due is not None
        ]
        return max(dues) if dues else None
    return None


def _length(graph: Graph, node: str) -> int:
    """Return the days a windowed milestone needs after its prerequisites (0 for deadlines)."""
    obj = graph.nodes[node]["obj"]
    if isinstance(obj, Milestone) and obj.when.days is not None:
        return obj.when.days
    return 0


def _containers(graph: Graph, node: str) -> list[str]:
    obj = graph.nodes[node]["obj"]
    found = []
    for attribute, kind in (("task", "task"), ("phase", "phase")):
        value = getattr(obj, attribute, None)
        if value is not None:
            found.append(f"{kind}:{value}")
    return found


def slip_impact(
    source: Plan | Graph,
    item_id: str | int,
    days: int,
    *,
    precedence: Sequence[tuple[str | int, str | int]] = (),
) -> tuple[Slip, ...]:
    """Return what moves, and what becomes late, if one item slips by ``days`` days.

    The slip follows precedence (prerequisite → dependent; :func:`xiaojie.graph.precedence_graph`).
    A dependent with a due date ``D`` cannot be done before its prerequisites: a deadline
    ("9月底前") no earlier than a prerequisite's new date, an event in a window ("9月中旬") no
    earlier than the length of its window after it. Slack the plan itself leaves is used up
    first: a dependent moves only by what the prerequisite's new date exceeds the later of
    ``D`` minus its window and the prerequisite's own planned date, so a slip of 0 days moves
    nothing. A task is done when its dated items are, so an item's slip reaches its task (and a
    milestone's its phase) when that takes part in a precedence. A node with no date passes the
    latest new date of its prerequisites on.

    Parameters
    ----------
    source
        The plan or its graph.
    item_id
        What slips: an item id, ``task-N`` or a task number, or a node id.
    days
        By how many calendar days, 0 or more.
    precedence
        Extra ``(prerequisite, dependent)`` pairs to assume (see
        :func:`xiaojie.graph.build_graph`).

    Returns
    -------
    tuple of Slip
        The slipped item first, then everything that depends on it, in dependency order; each
        with its planned date, its new date and whether it is now late.

    Raises
    ------
    UnknownItemError, UnknownUnitError
        If ``item_id`` or a precedence pair names nothing of the plan.
    DependencyCycleError
        If ``precedence`` closes a cycle.
    PlanValidationError
        If ``days`` is not a whole number of days, 0 or more, or the item has no date to slip.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [str(s) for s in slip_impact(plan, "self-check-acceptance", 5)]
    ['milestone:self-check-acceptance: 2025-09-10 → 2025-09-15 (+5)', 'milestone:third-party-evaluation: 2025-09-20 → 2025-09-25 (+5)', 'milestone:rectification-summary-report: 2025-09-30 → 2025-09-30 (+0)']
    >>> [s.late for s in slip_impact(plan, "self-check-acceptance", 15)]
    [True, True, True]
    >>> slip_impact(plan, "midterm-report", 30)[1:]
    ()
    >>> slip_impact(plan, "midterm-report", -1)
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: days: expected a whole number of days, 0 or more, found -1

    .. versionadded:: 0.1.0
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise PlanValidationError("days", "a whole number of days, 0 or more", repr(days))
    graph = as_graph(source)
    if precedence:
        graph = build_graph(graph.graph["plan"], precedence=[*graph.graph["declared"], *precedence])
    start = node_of(graph, item_id)
    kind = graph.nodes[start]["kind"]
    planned = _planned(graph, start)
    if kind not in _DATED or planned is None:
        raise PlanValidationError(str(item_id), "an item with a due date", "no date to slip")
    order = precedence_graph(graph)
    new: dict[str, dt.date] = {start: planned + dt.timedelta(days=days)}
    extra: dict[str, list[str]] = {}
    roots = [start] if start in order else []
    if start not in order:
        for container in _containers(graph, start):
            if container in order:
                extra.setdefault(container, []).append(start)
                roots.append(container)
    reached: set[str] = set(roots)
    for root in roots:
        reached |= nx.descendants(order, root)
    reached.discard(start)
    slips = [Slip(node=start, obj=graph.nodes[start]["obj"], due=planned, new_date=new[start])]
    for node in nx.lexicographical_topological_sort(order.subgraph(reached)):
        before = [p for p in (*order.pred[node], *extra.get(node, ())) if p in new]
        due = _planned(graph, node)
        if due is None:
            new[node] = max(new[p] for p in before)
        else:
            delays = [0]
            for p in before:
                allowed = due - dt.timedelta(days=_length(graph, node))
                own = _planned(graph, p)
                if own is not None:
                    allowed = max(allowed, own)
                delays.append((new[p] - allowed).days)
            new[node] = due + dt.timedelta(days=max(delays))
        slips.append(Slip(node=node, obj=graph.nodes[node]["obj"], due=due, new_date=new[node]))
    return tuple(slips)


_DATED = frozenset(
    k.value
    for k in (
        NodeKind.TASK,
        NodeKind.PHASE,
        NodeKind.MILESTONE,
        NodeKind.OBLIGATION,
        NodeKind.INDICATOR,
    )
)
