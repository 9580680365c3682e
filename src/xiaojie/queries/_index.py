"""What the queries look up again and again, kept once per graph."""

from __future__ import annotations

import itertools
import operator
import weakref
from itertools import repeat
from typing import TYPE_CHECKING, Any

from xiaojie.errors import PlanValidationError
from xiaojie.model import (
    Indicator,
    Milestone,
    Obligation,
    Owner,
    OwnerRole,
    Plan,
    ResponsibleUnit,
    Role,
    Task,
    UnitGroup,
    listed_roles,
)
from xiaojie.queries._results import Holding, OwnerEntries, _Owned
from xiaojie.tracking import Entry, EntryKind, Snapshot


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xiaojie.graph import Graph


# --- the index kept per graph ----------------------------------------------------------------

_Answer = tuple[tuple[int, Role, str | None], ...]
"""Who answers for an entry: owners' places in the plan's order, roles and groups (``via``)."""


class _Index:
    """What the queries look up again and again, computed at most once per graph.

    It never refers to the graph itself, so it lives exactly as long as the graph does.
    """

    def __init__(self, plan: Plan) -> None:
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
        self._by_list: dict[int, tuple[tuple[object, ...], _Answer]] = {}
        self._by_duties: dict[int, tuple[tuple[object, ...], _Answer]] = {}
        self._expanded: dict[
            int, tuple[tuple[OwnerRole, ...], tuple[tuple[int, Role, str | None], ...]]
        ] = {}

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

    def entry_owners(
        self, graph: Graph | None, entry: Entry
    ) -> tuple[tuple[int, Role, str | None], ...]:
        """Return (and keep, by item id) who answers for a snapshot entry, lead first.

        Each owner comes as its place in :attr:`owner_list`, its role and ``None``; then each
        listed member of a group owner that is not an owner itself, with the group's role and the
        group's id. The owners come from the graph (or, without one, from the plan's own item of
        the same kind and id: the object the graph's node holds); an entry whose item is not in
        it (a snapshot of an edited plan) falls back on the owners the entry lists.
        """
        owned: tuple[OwnerRole, ...]
        node = _entry_node(entry)
        if graph is None:
            item = _entry_item(self.plan, entry)
            owned = listed_roles(entry.owners) if item is None else self.plan.owner_roles(item)
        elif node is not None and node in graph:
            owned = self.owners(graph, node)
        else:
            owned = listed_roles(entry.owners)
        kept = self._expanded.get(id(owned))
        if kept is None or kept[0] is not owned:  # each list of roles expanded once
            kept = self._expanded[id(owned)] = (owned, self._expand(owned))
        result = kept[1]
        self.by_item[entry.item_id] = result
        return result

    def source_owners(self, source: _Owned) -> tuple[tuple[int, Role, str | None], ...]:
        """Return :meth:`entry_owners` for the entries of one of the plan's own tasks or items.

        Kept by what the owners come from (the plan's rule, :meth:`Plan.owner_roles`): the
        owners an item lists, else the responsibilities of its task (or of the task itself),
        each list by identity (a plan file's repeated lists are one object). The roles'
        ``inherited`` flag plays no part in the places, roles and groups.
        """
        if isinstance(source, Task):
            duties = source.responsibilities
        else:
            listed = source.owners
            if listed:
                kept = self._by_list.get(id(listed))
                if kept is None or kept[0] is not listed:
                    kept = (listed, self._expand(self.plan.owner_roles(source)))
                    self._by_list[id(listed)] = kept
                return kept[1]
            if source.task is None:
                return ()
            duties = self.plan.task(source.task).responsibilities
        kept = self._by_duties.get(id(duties))
        if kept is None or kept[0] is not duties:
            kept = (duties, self._expand(self.plan.owner_roles(source)))
            self._by_duties[id(duties)] = kept
        return kept[1]

    def _expand(self, owned: tuple[OwnerRole, ...]) -> tuple[tuple[int, Role, str | None], ...]:
        """Return owners as places, roles and ``None``, then the members of groups (see above)."""
        found: dict[str, tuple[int, Role, str | None]] = {
            o.owner.id: (self.place(o.owner), o.role, None) for o in owned
        }
        for o in owned:
            for member in self.members.get(o.owner.id, ()):
                found.setdefault(member.id, (self.place(member), o.role, o.owner.id))
        return tuple(found.values())

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


_HELD = frozenset(("task", "milestone", "obligation", "indicator"))
"""The kinds of graph node an owner holds (:class:`~xiaojie.graph.NodeKind` values)."""
_INDEXES: weakref.WeakKeyDictionary[Graph, _Index] = weakref.WeakKeyDictionary()


def _context(source: Plan | Graph) -> tuple[Graph, _Index]:
    from xiaojie.graph import as_graph  # noqa: PLC0415 - the graph (and networkx) when asked

    graph = as_graph(source)
    index = _INDEXES.get(graph)
    if index is None:
        index = _Index(graph.graph["plan"])
        _INDEXES[graph] = index
    return graph, index


def _snapshot_context(source: Plan | Graph) -> tuple[Graph | None, _Index]:
    """Return what the snapshot queries need: a plan's index needs no graph, a graph's its own.

    The owners of a snapshot's entries come from the plan (:meth:`Plan.owner_roles`), so a
    plan asked about a snapshot is not made into a graph (hundreds of thousands of nodes for a
    large plan); its index is kept with the plan (:meth:`Plan.derived`).
    """
    if isinstance(source, Plan):
        return None, source.derived("queries.snapshot_index", _Index)
    return _context(source)


_ITEM_KINDS: dict[EntryKind, type] = {
    EntryKind.MILESTONE: Milestone,
    EntryKind.OBLIGATION_WINDOW: Obligation,
    EntryKind.OBLIGATION: Obligation,
    EntryKind.TARGET: Indicator,
}


def _entry_item(plan: Plan, entry: Entry) -> _Owned | None:
    """Return the plan's task or item an entry is of (the object of its graph node), if any."""
    if entry.kind is EntryKind.TASK_DUTY:
        number = entry.item_id.removeprefix("task-")
        if not number.isdecimal() or str(int(number)) != number:
            return None
        if int(number) not in plan.derived("queries.task_numbers", _task_numbers):
            return None
        return plan.task(int(number))
    kind = _ITEM_KINDS.get(entry.kind)
    if kind is None or entry.item_id not in plan.derived("queries.item_ids", _item_ids):
        return None
    item = plan.item(entry.item_id)
    return item if isinstance(item, kind) else None


def _task_numbers(plan: Plan) -> frozenset[int]:
    return frozenset(t.number for t in plan.tasks)


def _item_ids(plan: Plan) -> frozenset[str]:
    return frozenset(i.id for i in plan.items())


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


def _rows(graph: Graph | None, index: _Index, entries: Iterable[Entry]) -> tuple[OwnerEntries, ...]:
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


_SOURCE = operator.itemgetter(7)  # a snapshot row's task or item (tracking._snapshot._Rows)


_Grouped = tuple[int, list[int], list[Role], list[str | None]]
"""An owner's place in :attr:`_Index.owner_list`, and its entries' places, roles and groups."""


def _groups_of_sources(
    index: _Index, rows: list[tuple[Any, ...]]
) -> tuple[list[_Grouped], list[int]]:
    """Return what :func:`_rows` groups, for snapshot rows (of ``index.plan``) in snapshot order.

    Entries whose owners come from the same source share one answer (:meth:`_Index.source_owners`);
    each group of them is added to each of its owners at once, and an owner that gets entries
    from several groups has them put back in snapshot order. Owners in the plan's order; then
    the places of the entries no one answers for.
    """
    answers = list(map(index.source_owners, map(_SOURCE, rows)))
    ids = list(map(id, answers))
    # places grouped by answer (a stable sort keeps each group's places in snapshot order)
    by_answer = sorted(range(len(ids)), key=ids.__getitem__)
    groups = [
        (answers[first], [first, *rest])
        for _, (first, *rest) in itertools.groupby(by_answer, key=ids.__getitem__)
    ]
    size = len(index.owner_list)
    places: list[list[int]] = [[] for _ in range(size)]
    roles: list[list[Role]] = [[] for _ in range(size)]
    via: list[list[str | None]] = [[] for _ in range(size)]
    parts = [0] * size
    for owned, found in groups:
        count = len(found)
        for slot, role, through in owned:
            places[slot].extend(found)
            roles[slot].extend(repeat(role, count))
            via[slot].extend(repeat(through, count))
            parts[slot] += 1
    unowned = next((found for owned, found in groups if not owned), [])
    grouped: list[_Grouped] = []
    for slot in range(size):
        where = places[slot]
        if not where:
            continue
        if parts[slot] > 1:  # from several groups: back in snapshot order
            order = sorted(range(len(where)), key=where.__getitem__)
            grouped.append(
                (
                    slot,
                    list(map(where.__getitem__, order)),
                    list(map(roles[slot].__getitem__, order)),
                    list(map(via[slot].__getitem__, order)),
                )
            )
        else:
            grouped.append((slot, where, roles[slot], via[slot]))
    return grouped, unowned


def _rows_of_sources(
    index: _Index, rows: list[tuple[Any, ...]], entries: Sequence[Entry]
) -> tuple[OwnerEntries, ...]:
    """Return :func:`_rows` of ``entries``, made from their snapshot rows (see above)."""
    return tuple(
        OwnerEntries(
            owner=index.owner_list[slot],
            entries=tuple(map(entries.__getitem__, where)),
            roles=tuple(roles),
            via=tuple(via),
        )
        for slot, where, roles, via in _groups_of_sources(index, rows)[0]
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
