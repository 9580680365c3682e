"""The responsibility graph of a plan: one frozen networkx graph, built once, read by queries.

:func:`build_graph` turns a :class:`~xiaojie.model.Plan` into a frozen :class:`networkx.DiGraph`
whose nodes are stable string ids and whose edges say who answers for what, what contains what and
what must come first. This module is the only place where graphs are made: besides that graph, it
derives the owner–campaign graph (:func:`unit_campaign_graph`) and the flat copies that the exports
write; the queries read these and change nothing.

Nodes
    ``plan:<id>``, ``campaign:<n>``, ``task:<n>``, ``phase:<id>``, ``milestone:<id>``,
    ``obligation:<id>``, ``indicator:<id>``, ``limit:<id>``, ``unit:<id>`` and ``group:<id>``.
    Each node has two attributes: ``kind`` (a :class:`NodeKind` value) and ``obj`` (the typed
    object: the :class:`~xiaojie.model.Task`, :class:`~xiaojie.model.ResponsibleUnit` …). The
    exports add ``label`` (:func:`label_of`) and ``ref`` (the plan's own id: ``task-4``,
    ``finance``, ``self-check-acceptance``).

Edges
    Every edge has a ``kind`` attribute (an :class:`EdgeKind` value). Kinds and roles are stored
    as plain strings, which compare equal to the enum members
    (``data["kind"] == EdgeKind.PRECEDENCE``). Edge attributes are read-only (:class:`EdgeData`).

    * ``containment``: plan → campaign, phase and every item without a task or phase;
      campaign → task; task → milestone, obligation, indicator and time limit; phase → milestone.
    * ``responsibility``: **owner → what it owns** (unit or group → task or item), with ``role``
      (a :class:`~xiaojie.model.Role` value: the first listed owner is the lead, the others are
      co-responsible) and ``position`` (0 for the first listed). Only owners the plan names for
      the thing itself are edges; an item that names no owner answers through its task's owners,
      which the containment edge task → item reaches.
    * ``membership``: unit → group, where the group's membership is known; subset group → the
      group it is part of (相关成员单位 → 成员单位).
    * ``measurement``: indicator → the task it measures, or indicator → plan for a plan-wide goal.
    * ``precedence``: **prerequisite → dependent**, from :attr:`~xiaojie.model.Milestone.after` and
      from the ``precedence`` pairs given to :func:`build_graph`; ``origin`` says which
      (``"plan"`` or ``"declared"``).

Precedence must stay acyclic while the other kinds need not (a task contains an indicator that
measures it), so precedence is also kept as a graph of its own, :func:`precedence_graph`, which
the builder checks before anything is frozen. A task is done when its items are, so that graph also
holds the implied edge item → task (and milestone → phase) wherever both ends take part in a
precedence (``origin="containment"``): declaring a task a prerequisite of one of its own items is a
cycle.

Exports (:func:`to_graphml`, :func:`to_node_link_json`, :func:`to_dot`) flatten the typed objects
to strings and numbers, so the files open in any graph tool and read back with networkx.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import gc
import json
import operator
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

import networkx as nx

from xiaojie._files import atomic_write
from xiaojie.errors import (
    DependencyCycleError,
    PlanValidationError,
    UnknownItemError,
    UnknownUnitError,
)
from xiaojie.model import (
    Campaign,
    Indicator,
    Milestone,
    Obligation,
    Phase,
    Plan,
    ResponsibleUnit,
    Role,
    Task,
    TimeLimit,
    UnitGroup,
)


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    from xiaojie.model import Owner


__all__ = [
    "EdgeData",
    "EdgeKind",
    "Graph",
    "NodeKind",
    "as_graph",
    "build_graph",
    "label_of",
    "neighbourhood",
    "node_id",
    "node_of",
    "plan_of",
    "precedence_graph",
    "to_dot",
    "to_graphml",
    "to_node_link_json",
    "unit_campaign_graph",
]

Graph: TypeAlias = nx.DiGraph
"""The type :func:`build_graph` returns (networkx ships no type information)."""


class NodeKind(enum.StrEnum):
    """What a node of the graph stands for; the prefix of its id."""

    PLAN = "plan"
    CAMPAIGN = "campaign"
    TASK = "task"
    PHASE = "phase"
    MILESTONE = "milestone"
    OBLIGATION = "obligation"
    INDICATOR = "indicator"
    LIMIT = "limit"
    UNIT = "unit"
    GROUP = "group"


class EdgeKind(enum.StrEnum):
    """What an edge of the graph says."""

    CONTAINMENT = "containment"
    RESPONSIBILITY = "responsibility"
    MEMBERSHIP = "membership"
    MEASUREMENT = "measurement"
    PRECEDENCE = "precedence"


# Nodes whose plan id is unique among the plan's items (phases, milestones, obligations,
# indicators), so that a bare id names them.
_ITEM_KINDS = frozenset(
    kind.value
    for kind in (NodeKind.PHASE, NodeKind.MILESTONE, NodeKind.OBLIGATION, NodeKind.INDICATOR)
)
# Nodes that precedence may join: things that get done.
_PRECEDENCE_KINDS = frozenset(
    kind.value
    for kind in (
        NodeKind.TASK,
        NodeKind.PHASE,
        NodeKind.MILESTONE,
        NodeKind.OBLIGATION,
        NodeKind.INDICATOR,
    )
)

_Obj: TypeAlias = (
    Plan
    | Campaign
    | Task
    | Phase
    | Milestone
    | Obligation
    | Indicator
    | TimeLimit
    | ResponsibleUnit
    | UnitGroup
)


def _owner_node(owner: Owner) -> str:
    return f"group:{owner.id}" if owner.is_group else f"unit:{owner.id}"


def node_id(obj: _Obj) -> str:
    """Return the graph's node id for a plan object.

    Parameters
    ----------
    obj
        A plan, campaign, task, phase, milestone, obligation, indicator, time limit, unit or
        unit group.

    Returns
    -------
    str
        ``"<kind>:<id>"``; tasks and campaigns use their number.

    Raises
    ------
    PlanValidationError
        If ``obj`` is not a plan object.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> node_id(plan.task(4)), node_id(plan.campaign(7)), node_id(plan.units.resolve("财政厅"))
    ('task:4', 'campaign:7', 'unit:finance')
    >>> node_id(plan.units.resolve("领导小组成员单位"))
    'group:rural_work_group_members'
    >>> node_id("task-4")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: node: expected a plan object, found str
    """
    match obj:
        case Task() | Campaign():
            return f"{type(obj).__name__.lower()}:{obj.number}"
        case ResponsibleUnit() | UnitGroup():
            return _owner_node(obj)
        case Plan() | Phase() | Milestone() | Obligation() | Indicator():
            return f"{type(obj).__name__.lower()}:{obj.id}"
        case TimeLimit():
            return f"limit:{obj.id}"
        case _:
            raise PlanValidationError("node", "a plan object", type(obj).__name__)


def build_graph(plan: Plan, *, precedence: Iterable[tuple[str | int, str | int]] = ()) -> Graph:
    """Build the frozen responsibility graph of ``plan``.

    Parameters
    ----------
    plan
        The plan.
    precedence
        Extra ``(prerequisite, dependent)`` pairs to add to the plan's own
        (:attr:`~xiaojie.model.Milestone.after`). Each side is an item id
        (``"self-check-acceptance"``), a task id (``"task-18"``) or number (``18``), a phase id,
        or a node id (``"milestone:midterm-report"``).

    Returns
    -------
    networkx.DiGraph
        A frozen graph (see the module documentation for its nodes and edges). ``G.graph`` holds
        ``plan`` (the plan), ``plan_id`` and ``declared`` (the ``precedence`` pairs as node
        ids); :func:`precedence_graph` gives its precedence edges as a graph of their own.

    Raises
    ------
    UnknownItemError
        If a precedence pair names something the plan does not have (all such names are listed),
        or something that cannot come before or after anything (a unit, a campaign).
    DependencyCycleError
        If the precedence edges form a cycle; ``.cycle`` lists the whole cycle, in order.

    Examples
    --------
    >>> import xiaojie as xj
    >>> G = build_graph(xj.load_plan())
    >>> G.nodes["task:21"]["kind"], G.nodes["task:21"]["obj"].title
    ('task', '健全项目实施推进机制')
    >>> G.edges["unit:finance", "task:21"]
    {'kind': 'responsibility', 'role': 'co_responsible', 'position': 1}
    >>> list(G.successors("milestone:self-check-acceptance"))
    ['milestone:third-party-evaluation']
    >>> nx.is_frozen(G)
    True

    A declared precedence that closes a loop is refused with the whole loop:

    >>> build_graph(xj.load_plan(), precedence=[("rectification-summary-report", "task-18"),
    ...                                         ("task-18", "self-check-acceptance")])
    Traceback (most recent call last):
    ...
    xiaojie.errors.DependencyCycleError: precedence cycle: milestone:self-check-acceptance → milestone:third-party-evaluation → milestone:rectification-summary-report → task:18 → milestone:self-check-acceptance

    So is a task declared a prerequisite of its own milestone (the task is done when its items are):

    >>> build_graph(xj.load_plan(), precedence=[(18, "resident-work-meeting")])
    Traceback (most recent call last):
    ...
    xiaojie.errors.DependencyCycleError: precedence cycle: task:18 → milestone:resident-work-meeting → task:18
    >>> build_graph(xj.load_plan(), precedence=[("task-99", "mid-term-report")])
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownItemError: unknown precedence items ('task-99', 'mid-term-report'); known: task-9, task-19, midterm-report

    .. versionadded:: 0.1.0
    """
    with _collector_paused():
        return _build(plan, list(precedence))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of the block.

    Building the graph of a large plan allocates millions of small dicts, and every few hundred
    allocations the collector would walk the young objects again; pausing it made building the
    graph of a 100,000-task plan several times faster. Nothing built here is garbage, so nothing
    is lost by waiting; the collector is switched back on (if it was on) even when building fails.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class EdgeData(dict[str, Any]):
    """The attributes of an edge: a dict that refuses changes, shared by equal edges.

    The graph is frozen, and so are its edges' attributes: changing one raises
    :class:`networkx.NetworkXError`, as changing the frozen graph's structure does. Edges with
    the same attributes share one instance, which keeps the graph of a large plan small and quick
    to build. ``dict(data)``, ``data.copy()``, :func:`copy.deepcopy` and pickling give an
    ordinary dict, so networkx functions that copy a graph (``G.copy()``,
    ``G.to_undirected()``) work and give changeable attributes.

    Examples
    --------
    >>> data = EdgeData(kind="containment")
    >>> data["kind"], data == {"kind": "containment"}
    ('containment', True)
    >>> data["note"] = "x"
    Traceback (most recent call last):
    ...
    networkx.exception.NetworkXError: edge attributes of a frozen graph cannot be changed
    """

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        msg = "edge attributes of a frozen graph cannot be changed"
        raise nx.NetworkXError(msg)

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, _memo: dict[int, object]) -> dict[str, Any]:
        return dict(self)

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        return (dict, (dict(self),))


_CONTAINMENT = EdgeKind.CONTAINMENT.value
_RESPONSIBILITY = EdgeKind.RESPONSIBILITY.value
_PRECEDENCE = EdgeKind.PRECEDENCE.value
_CONTAINS = EdgeData(kind=_CONTAINMENT)
_MEMBER = EdgeData(kind=EdgeKind.MEMBERSHIP.value)
_MEASURES = EdgeData(kind=EdgeKind.MEASUREMENT.value)
_PRECEDES = {
    origin: EdgeData(kind=_PRECEDENCE, origin=origin)
    for origin in ("plan", "declared", "containment")
}


def _duties(count: int) -> list[EdgeData]:
    """Return the attributes of responsibility edges for positions 0 to ``count`` - 1."""
    return [
        EdgeData(
            kind=_RESPONSIBILITY,
            role=(Role.LEAD if position == 0 else Role.CO_RESPONSIBLE).value,
            position=position,
        )
        for position in range(count)
    ]


def _build(plan: Plan, precedence: list[tuple[str | int, str | int]]) -> Graph:
    built = _Adjacency()
    succ, pred, nodes, refs = built.succ, built.pred, built.nodes, built.refs
    longest = max(
        max(map(len, map(operator.attrgetter("responsibilities"), plan.tasks)), default=0),
        max(map(len, map(operator.attrgetter("owners"), plan.items())), default=0),
    )
    duty = _duties(longest)
    root = built.node(f"plan:{plan.id}", NodeKind.PLAN, plan)
    owners: dict[str, str] = {}
    for unit in plan.units.units:
        owners[unit.id] = built.node(f"unit:{unit.id}", NodeKind.UNIT, unit)
    for group in plan.units.groups:
        owners[group.id] = built.node(f"group:{group.id}", NodeKind.GROUP, group)
    for group in plan.units.groups:
        node = owners[group.id]
        for member in group.members or ():
            built.edge(owners[member], node, _MEMBER)
        if group.parent is not None:
            built.edge(node, owners[group.parent], _MEMBER)
    campaigns: dict[int, str] = {}
    for campaign in plan.campaigns:
        node = built.node(f"campaign:{campaign.number}", NodeKind.CAMPAIGN, campaign)
        built.edge(root, node, _CONTAINS)
        campaigns[campaign.number] = node
    for phase in plan.phases:
        node = built.node(f"phase:{phase.id}", NodeKind.PHASE, phase)
        built.edge(root, node, _CONTAINS)

    # Tasks and milestones are the bulk of a large plan: their loops write the dicts directly.
    # A task lists each owner once, first the lead (the model checks both on construction).
    kind = NodeKind.TASK.value
    for task in plan.tasks:
        node = f"task:{task.number}"
        nodes[node] = {"kind": kind, "obj": task}
        into: dict[str, EdgeData] = {}
        succ[node] = {}
        pred[node] = into
        parent = campaigns[task.campaign]
        into[parent] = succ[parent][node] = _CONTAINS
        for position, responsibility in enumerate(task.responsibilities):
            owner = owners[responsibility.owner.id]
            into[owner] = succ[owner][node] = duty[position]
    kind = NodeKind.MILESTONE.value
    follows = _PRECEDES["plan"]
    forward: list[tuple[str, str]] = []  # an earlier milestone before a later one: no cycle
    after: list[tuple[str, str]] = []  # any other pair of the plan's, resolved and checked below
    for milestone in plan.milestones:
        node = f"milestone:{milestone.id}"
        nodes[node] = {"kind": kind, "obj": milestone}
        into = {}
        succ[node] = {}
        pred[node] = into
        if milestone.task is not None:
            parent = f"task:{milestone.task}"
            into[parent] = succ[parent][node] = _CONTAINS
        if milestone.phase is not None:
            parent = f"phase:{milestone.phase}"
            into[parent] = succ[parent][node] = _CONTAINS
        if milestone.task is None and milestone.phase is None:
            into[root] = succ[root][node] = _CONTAINS
        for position, listed in enumerate(milestone.owners):
            owner = owners[listed.id]
            if owner not in into:  # an owner listed twice keeps its first role
                into[owner] = succ[owner][node] = duty[position]
        for before in milestone.after:
            prerequisite = refs.get(before)
            if prerequisite is None or not prerequisite.startswith("milestone:"):
                after.append((before, milestone.id))
            elif prerequisite not in into:  # a prerequisite listed twice is one edge
                succ[prerequisite][node] = into[prerequisite] = follows
                forward.append((prerequisite, node))
        refs[milestone.id] = node

    for obligation in plan.obligations:
        node = built.node(f"obligation:{obligation.id}", NodeKind.OBLIGATION, obligation)
        parent = root if obligation.task is None else f"task:{obligation.task}"
        built.edge(parent, node, _CONTAINS)
        built.owned(owners, obligation.owners, node, duty)
    for indicator in plan.indicators:
        node = built.node(f"indicator:{indicator.id}", NodeKind.INDICATOR, indicator)
        parent = root if indicator.task is None else f"task:{indicator.task}"
        built.edge(parent, node, _CONTAINS)
        built.edge(node, parent, _MEASURES)
        built.owned(owners, indicator.owners, node, duty)
    for limit in plan.limits:
        node = built.node(f"limit:{limit.id}", NodeKind.LIMIT, limit)
        parent = root if limit.task is None else f"task:{limit.task}"
        built.edge(parent, node, _CONTAINS)

    order = _precedence(built, plan.id, forward, after, precedence)
    graph = nx.DiGraph(plan=plan, plan_id=plan.id, declared=order.declared, _precedence=order)
    built.install(graph)
    order.nodes = graph._node  # noqa: SLF001 - the node data the precedence graph shares
    return nx.freeze(graph)


class _Adjacency:
    """The nodes and edges of a graph being built, kept the way networkx keeps them.

    networkx stores a directed graph in three dicts: node → attributes, node → successor → edge
    attributes, and node → predecessor → the same edge attributes. Filling them directly and
    installing them into an empty graph gives the graph that ``add_nodes_from`` and
    ``add_edges_from`` would (a test compares the two) without those methods' checks on every
    edge, which are most of the time it takes to build the graph of a large plan.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.succ: dict[str, dict[str, EdgeData]] = {}
        self.pred: dict[str, dict[str, EdgeData]] = {}
        self.refs: dict[str, str] = {}

    def node(self, node: str, kind: NodeKind, obj: object) -> str:
        """Add a node; remember its item id if it is an item with one."""
        self.nodes[node] = {"kind": kind.value, "obj": obj}
        self.succ[node] = {}
        self.pred[node] = {}
        if kind in _ITEM_KINDS:
            self.refs[node.partition(":")[2]] = node
        return node

    def edge(self, u: str, v: str, attrs: EdgeData) -> None:
        """Add the edge ``u → v`` unless there is one already (the first stays)."""
        out = self.succ[u]
        if v not in out:
            out[v] = attrs
            self.pred[v][u] = attrs

    def link(self, u: str, v: str, attrs: EdgeData) -> bool:
        """Add the edge ``u → v`` and its ends if they are new; return whether the edge is."""
        out = self.succ.get(u)
        if out is None:
            out = self.succ[u] = {}
            self.pred[u] = {}
        if v in out:
            return False
        into = self.pred.get(v)
        if into is None:
            into = self.pred[v] = {}
            self.succ[v] = {}
        out[v] = into[u] = attrs
        return True

    def owned(
        self, owners: dict[str, str], listed: tuple[Owner, ...], node: str, duty: list[EdgeData]
    ) -> None:
        """Add responsibility edges from owners listed for an item: the first leads."""
        for position, owner in enumerate(listed):
            self.edge(owners[owner.id], node, duty[position])

    def acyclic(self) -> bool:
        """Return whether the edges form no cycle (Kahn's algorithm)."""
        waiting = {node: len(before) for node, before in self.pred.items()}
        ready = [node for node, count in waiting.items() if count == 0]
        done = 0
        while ready:
            node = ready.pop()
            done += 1
            for following in self.succ[node]:
                waiting[following] -= 1
                if waiting[following] == 0:
                    ready.append(following)
        return done == len(waiting)

    def install(self, graph: nx.DiGraph) -> None:
        """Put the nodes and edges into ``graph``, which must be new and empty."""
        graph._node.update(self.nodes)  # noqa: SLF001 - see the class documentation
        graph._succ.update(self.succ)  # noqa: SLF001
        graph._pred.update(self.pred)  # noqa: SLF001


def _resolve_refs(
    built: _Adjacency, wanted: Iterable[object]
) -> tuple[dict[object, str], list[object]]:
    """Map each wanted reference to a node id; return the map and the unknown references."""
    found: dict[object, str] = {}
    unknown: list[object] = []
    for ref in wanted:
        if ref in found or ref in unknown:
            continue
        node: str | None = None
        if isinstance(ref, int) and not isinstance(ref, bool):
            node = f"task:{ref}" if f"task:{ref}" in built.nodes else None
        elif isinstance(ref, str):
            node = built.refs.get(ref)
            if node is None and ref.startswith("task-"):
                node = f"task:{ref.removeprefix('task-')}"
            if node is None or node not in built.nodes:
                node = ref
            data = built.nodes.get(node)
            if data is None or data["kind"] not in _PRECEDENCE_KINDS:
                node = None
        if node is None:
            unknown.append(ref)
        else:
            found[ref] = node
    return found, unknown


class _Precedence:
    """The precedence edges of a graph, made a graph of their own when first asked for.

    The builder proves the edges acyclic without that graph when it can: the plan's own pairs
    between milestones that name an earlier milestone follow the plan's order, so they cannot
    form a cycle. Only other pairs (declared ones, pairs naming a task or a later item, and the
    edges item → task they imply) need the check, which builds the graph at once.
    """

    def __init__(
        self,
        plan_id: str,
        declared: tuple[tuple[str, str], ...],
        forward: list[tuple[str, str]],
        other: list[tuple[str, str, EdgeData]],
    ) -> None:
        self.plan_id = plan_id
        self.declared = declared
        self.nodes: dict[str, dict[str, Any]] = {}
        self._forward: list[tuple[str, str]] | None = forward
        self._other = other
        self._graph: nx.DiGraph | None = None

    def __deepcopy__(self, _memo: dict[int, object]) -> _Precedence:
        return self  # nothing in it changes once built; copies of the graph share it

    def graph(self) -> nx.DiGraph:
        """Return the frozen precedence graph, building it the first time.

        Two threads asking at once may both build it; they build equal graphs.
        """
        if self._graph is None:
            self._graph = nx.freeze(self._build())
            self._forward = None
        return self._graph

    def _build(self) -> nx.DiGraph:
        order = _Adjacency()
        follows = _PRECEDES["plan"]
        for u, v in self._forward or ():
            order.link(u, v, follows)
        for u, v, data in self._other:
            order.link(u, v, data)
        for node in order.succ:
            order.nodes[node] = self.nodes[node]
        graph = nx.DiGraph(plan_id=self.plan_id, declared=self.declared)
        order.install(graph)
        graph.graph["acyclic"] = order.acyclic()
        return graph

    def check(self, nodes: dict[str, dict[str, Any]]) -> None:
        """Build the graph now and raise if it has a cycle.

        Raises
        ------
        DependencyCycleError
            With the whole cycle.
        """
        self.nodes = nodes
        graph = self._build()
        if not graph.graph.pop("acyclic"):
            raise DependencyCycleError([u for u, _ in nx.find_cycle(graph)])
        self._graph = nx.freeze(graph)
        self._forward = None


def _precedence(
    built: _Adjacency,
    plan_id: str,
    forward: list[tuple[str, str]],
    after: list[tuple[str, str]],
    declared_pairs: list[tuple[str | int, str | int]],
) -> _Precedence:
    """Resolve the precedence pairs not yet in ``built``, add them, and check all of them.

    ``forward`` are the plan's pairs already added (an earlier milestone before a later one),
    ``after`` the plan's other pairs, ``declared_pairs`` the caller's.

    Raises
    ------
    UnknownItemError
        For references to nothing that can take part in a precedence.
    DependencyCycleError
        If the edges, with those implied by containment, form a cycle.
    """
    succ, pred = built.succ, built.pred
    found, unknown = _resolve_refs(
        built, [ref for pair in (*after, *declared_pairs) for ref in pair]
    )
    if unknown:
        raise _unknown_items(unknown, built)
    declared = tuple((found[before], found[then]) for before, then in declared_pairs)
    other = [(found[before], found[then], _PRECEDES["plan"]) for before, then in after]
    other.extend((u, v, _PRECEDES["declared"]) for u, v in declared)
    for u, v, data in other:
        if v not in succ[u]:  # an edge of another kind stays (an indicator measures its task)
            succ[u][v] = pred[v][u] = data
    containers = [n for u, v, _ in other for n in (u, v) if n.startswith(("task:", "phase:"))]
    if containers:
        taking_part = {n for pair in forward for n in pair} | {
            n for u, v, _ in other for n in (u, v)
        }
        other.extend(
            (item, container, _PRECEDES["containment"])
            for container in dict.fromkeys(containers)
            for item, data in succ[container].items()
            if data is _CONTAINS and item in taking_part
        )
    order = _Precedence(plan_id, declared, forward, other)
    if other:
        order.check(built.nodes)
    return order


def _unknown_items(unknown: list[object], built: _Adjacency) -> UnknownItemError:
    """Return the error for references that name nothing, suggesting close ids for each."""
    known: list[str] = []
    if len(built.nodes) <= 20_000:  # suggestions cost time in proportion to the plan's size
        tasks = [f"task-{node[5:]}" for node in built.nodes if node.startswith("task:")]
        candidates = [*tasks, *built.refs]
        for ref in unknown[:4]:
            close = difflib.get_close_matches(str(ref), candidates, n=2, cutoff=0.6)
            known.extend(name for name in close if name not in known)
    if len(unknown) == 1:
        return UnknownItemError("precedence item", unknown[0], known)
    return UnknownItemError("precedence items", tuple(unknown), known)


class _RecentGraphs:
    """The graphs of the last few plans, keyed by the plan's identity.

    Plans are immutable, so a plan's graph never changes. Entries hold their plan, so an id is
    never reused while its entry lives; the oldest entry goes when the cache is full.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._graphs: OrderedDict[int, tuple[Plan, Graph]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, plan: Plan) -> Graph:
        key = id(plan)
        with self._lock:
            entry = self._graphs.get(key)
            if entry is not None and entry[0] is plan:
                self._graphs.move_to_end(key)
                return entry[1]
        graph = build_graph(plan)
        with self._lock:
            self._graphs[key] = (plan, graph)
            self._graphs.move_to_end(key)
            while len(self._graphs) > self._size:
                self._graphs.popitem(last=False)
        return graph


_RECENT = _RecentGraphs(size=4)


def as_graph(source: Plan | Graph) -> Graph:
    """Return the graph of ``source``: a plan's (built once) or the graph itself.

    Queries accept a plan or its graph. The graphs of the four plans used most recently are kept,
    so repeated queries on one plan build its graph once; to control memory or to add declared
    precedence, build the graph with :func:`build_graph` and pass it instead.

    Parameters
    ----------
    source
        A plan, or a graph made by :func:`build_graph` (or a view of one).

    Returns
    -------
    networkx.DiGraph

    Raises
    ------
    PlanValidationError
        If ``source`` is neither.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> as_graph(plan) is as_graph(plan)
    True
    >>> as_graph("ningxia-2025")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: source: expected a Plan or a graph from build_graph, found str
    """
    if isinstance(source, Plan):
        return _RECENT.get(source)
    if isinstance(source, nx.Graph) and isinstance(source.graph.get("plan"), Plan):
        return source
    raise PlanValidationError("source", "a Plan or a graph from build_graph", type(source).__name__)


def plan_of(source: Plan | Graph) -> Plan:
    """Return the plan of ``source`` (a plan is its own plan).

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> plan_of(build_graph(plan)) is plan, plan_of(plan) is plan
    (True, True)
    """
    if isinstance(source, Plan):
        return source
    plan: Plan = as_graph(source).graph["plan"]
    return plan


def precedence_graph(source: Plan | Graph) -> nx.DiGraph:
    """Return the precedence edges of ``source`` as a frozen acyclic graph.

    Edges point prerequisite → dependent; nodes are those that take part in a precedence, each
    with its ``kind``.

    Examples
    --------
    >>> import xiaojie as xj
    >>> P = precedence_graph(xj.load_plan())
    >>> list(nx.lexicographical_topological_sort(P))
    ['milestone:self-check-acceptance', 'milestone:third-party-evaluation', 'milestone:rectification-summary-report']
    >>> nx.is_directed_acyclic_graph(P), nx.is_frozen(P)
    (True, True)

    A task taking part brings in its items that take part, before it:

    >>> P = precedence_graph(build_graph(xj.load_plan(), precedence=[
    ...     ("task-18", "follow-up-review"), ("onsite-promotion-meeting", "resident-cadre-training")]))
    >>> P.edges["milestone:resident-cadre-training", "task:18"]
    {'kind': 'precedence', 'origin': 'containment'}
    """
    order: _Precedence = as_graph(source).graph["_precedence"]
    return order.graph()


def node_of(source: Plan | Graph, ref: object) -> str:
    """Return the node id that ``ref`` denotes in the graph of ``source``.

    Parameters
    ----------
    source
        A plan or its graph.
    ref
        A node id (``"task:4"``), a plan object, a task number (``4``) or id (``"task-4"``), an
        item, phase or limit id, a campaign id (``"campaign-7"``), or a unit or group as the plan
        writes it (any alias: ``"医保局"``) or by its id (``"finance"``).

    Returns
    -------
    str

    Raises
    ------
    UnknownUnitError
        If ``ref`` is a string that names nothing in the plan (the error suggests unit names).
    UnknownItemError
        If ``ref`` is a number that is not a task of the plan.

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> node_of(plan, "医保局"), node_of(plan, 21), node_of(plan, "spending-progress")
    ('unit:healthcare_security', 'task:21', 'indicator:spending-progress')
    >>> node_of(plan, "农业厅")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownUnitError: unknown unit '农业厅'; closest known: 农业农村厅、自治区农业农村厅、宁夏回族自治区农业农村厅
    """
    graph = as_graph(source)
    plan: Plan = graph.graph["plan"]
    if isinstance(ref, int) and not isinstance(ref, bool):
        node = f"task:{ref}"
        if node not in graph:
            raise UnknownItemError("task", ref, [str(t.number) for t in plan.tasks])
        return node
    if isinstance(ref, str):
        if ref in graph:
            return ref
        found = plan.units.find(ref)
        if found is not None:
            return _owner_node(found)
        for prefix in ("task", "campaign", "milestone", "obligation", "indicator", "phase"):
            node = f"{prefix}:{ref.removeprefix(f'{prefix}-')}"
            if node in graph:
                return node
        if f"limit:{ref}" in graph:
            return f"limit:{ref}"
        try:
            return _owner_node(plan.units.by_id(ref))
        except UnknownUnitError:
            return _owner_node(plan.units.resolve(ref))
    return node_id(ref)  # type: ignore[arg-type]


def neighbourhood(source: Plan | Graph, unit: object, radius: int = 1) -> Graph:
    """Return the part of the graph within ``radius`` steps of ``unit``, edges in any direction.

    Parameters
    ----------
    source
        A plan or its graph.
    unit
        A unit or group (any name the plan uses, or the object), or any node (see
        :func:`node_of`).
    radius
        The number of steps, 0 or more.

    Returns
    -------
    networkx.DiGraph
        A frozen subgraph view of the whole graph; it shares the graph's attributes, so it can
        be exported with :func:`to_graphml`, :func:`to_node_link_json` or :func:`to_dot`.

    Raises
    ------
    UnknownUnitError
        If ``unit`` names nothing in the plan.
    PlanValidationError
        If ``radius`` is negative or not a whole number.

    Examples
    --------
    >>> import xiaojie as xj
    >>> near = neighbourhood(xj.load_plan(), "国资委")
    >>> sorted(near)
    ['milestone:asset-registration-handover', 'milestone:asset-write-off', 'task:22', 'unit:sasac']
    >>> sorted(neighbourhood(xj.load_plan(), "国资委", radius=0))
    ['unit:sasac']
    """
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
        raise PlanValidationError("radius", "a whole number of steps, 0 or more", repr(radius))
    graph = as_graph(source)
    centre = node_of(graph, unit)
    seen = {centre}
    frontier = [centre]
    for _ in range(radius):
        following: list[str] = []
        for node in frontier:
            for other in (*graph.succ[node], *graph.pred[node]):
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return graph.subgraph(seen)


def unit_campaign_graph(source: Plan | Graph) -> nx.Graph:
    """Return the frozen bipartite graph of owners and the campaigns they own tasks in.

    A node ``unit:<id>`` or ``group:<id>`` is joined to ``campaign:<n>`` when it owns (leads or
    shares) a task of that campaign; ``tasks`` on the edge counts those tasks. Nodes carry
    ``bipartite`` (0 for owners, 1 for campaigns) and ``kind``. Given a part of the graph, only
    its tasks and owners count.

    Examples
    --------
    >>> import xiaojie as xj
    >>> B = unit_campaign_graph(xj.load_plan())
    >>> sorted(B["unit:finance"])
    ['campaign:7']
    >>> B.edges["unit:agriculture", "campaign:8"]["tasks"]
    3
    """
    graph = as_graph(source)
    plan: Plan = graph.graph["plan"]
    counts: dict[tuple[str, str], int] = {}
    for task in plan.tasks:
        if f"task:{task.number}" not in graph:
            continue
        campaign = f"campaign:{task.campaign}"
        for owner in task.units:
            key = (_owner_node(owner), campaign)
            if key[0] in graph:
                counts[key] = counts.get(key, 0) + 1
    bipartite = nx.Graph()
    for (owner_node, campaign), tasks in counts.items():
        bipartite.add_node(owner_node, bipartite=0, kind=graph.nodes[owner_node]["kind"])
        bipartite.add_node(campaign, bipartite=1, kind=NodeKind.CAMPAIGN.value)
        bipartite.add_edge(owner_node, campaign, tasks=tasks)
    return nx.freeze(bipartite)


# --- exports ---------------------------------------------------------------------------------


def _scalar(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def label_of(obj: object) -> str:
    """Return how a plan object is shown: a task as ``4.精准开展监测帮扶``, a unit by its name ….

    Examples
    --------
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> label_of(plan.task(4)), label_of(plan.units.resolve("医保局")), label_of(plan)
    ('4.精准开展监测帮扶', '自治区医疗保障局', '巩固拓展脱贫攻坚成果同乡村振兴有效衔接高质量完成过渡期收官任务攻坚行动方案')
    """
    if isinstance(obj, Plan):
        return obj.title
    return str(obj)


def _ref_of(obj: object) -> str:
    """Return the plan's own id for an object (``task-4``, ``finance``, ``midterm-report``)."""
    return str(getattr(obj, "id", ""))


def _node_attributes(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    obj = data.get("obj")
    out: dict[str, object] = {
        "kind": data.get("kind"),
        "label": label_of(obj),
        "ref": _ref_of(obj),
    }
    match obj:
        case Task():
            out.update(number=obj.number, campaign=obj.campaign, units=obj.units_text)
        case Campaign():
            out.update(number=obj.number, short_name=obj.short_name)
        case Milestone():
            out.update(due=obj.due.isoformat(), when=str(obj.when), task=obj.task)
        case Obligation():
            out.update(cadence=obj.cadence.describe(), task=obj.task, tracking=obj.tracking)
        case Indicator():
            dues = [t.due.end.isoformat() for t in obj.targets if t.due and t.due.end]
            targets = "；".join(t.describe() for t in obj.targets)
            out.update(task=obj.task, targets=targets, due=dues[-1] if dues else None)
        case Phase():
            out.update(when=str(obj.when))
        case ResponsibleUnit():
            out.update(unit_kind=obj.kind)
        case UnitGroup():
            out.update(group_kind=obj.kind, members_known=obj.membership_known)
        case TimeLimit():
            out.update(task=obj.task, span=obj.span.describe())
    flat = {key: _scalar(value) for key, value in out.items()}
    return {key: value for key, value in flat.items() if value is not None}


def _flatten(source: Plan | Graph) -> nx.DiGraph:
    """Return a copy of the graph whose attributes are all strings, numbers or booleans."""
    graph = as_graph(source)
    plan: Plan = graph.graph["plan"]
    flat = nx.DiGraph(plan_id=plan.id, title=plan.title)
    flat.add_nodes_from((node, _node_attributes(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from(
        (u, v, {name: _scalar(value) for name, value in data.items() if value is not None})
        for u, v, data in graph.edges(data=True)
    )
    return flat


def _write(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then rename."""
    atomic_write(path, text.encode("utf-8"))


def to_graphml(source: Plan | Graph, path: str | os.PathLike[str] | None = None) -> str:
    """Return the graph as GraphML (and write it to ``path`` if one is given).

    Objects are flattened to their ids, names and dates; every attribute is a string, number or
    boolean, so :func:`networkx.read_graphml` reads the document back.

    Parameters
    ----------
    source
        A plan, its graph or a part of it (:func:`neighbourhood`).
    path
        Where to write the document (UTF-8, atomically), or ``None``.

    Returns
    -------
    str
        The GraphML document.

    Raises
    ------
    OSError
        If ``path`` cannot be written; no half-written file is left behind.

    Examples
    --------
    >>> import io, xiaojie as xj
    >>> text = to_graphml(neighbourhood(xj.load_plan(), "国资委"))
    >>> back = nx.read_graphml(io.StringIO(text))
    >>> back.nodes["unit:sasac"]["label"], back.edges["unit:sasac", "task:22"]["role"]
    ('自治区国有资产监督管理委员会', 'co_responsible')
    >>> to_graphml(neighbourhood(xj.load_plan(), "国资委", radius=0)).count("<edge ")
    0
    """
    text = "\n".join(nx.generate_graphml(_flatten(source))) + "\n"
    if path is not None:
        _write(path, text)
    return text


def to_node_link_json(source: Plan | Graph, path: str | os.PathLike[str] | None = None) -> str:
    """Return the graph as node-link JSON (and write it to ``path`` if one is given).

    The layout is networkx's (``graph``, ``nodes``, and ``edges`` with ``source`` and
    ``target``); :func:`networkx.node_link_graph` reads it back. Chinese text is written as is
    (UTF-8), not as escapes. Like :func:`to_graphml`, it takes a plan, a graph or a part of one,
    and raises :class:`OSError` if ``path`` cannot be written.

    Examples
    --------
    >>> import json, xiaojie as xj
    >>> data = json.loads(to_node_link_json(xj.load_plan()))
    >>> data["graph"]["plan_id"], data["multigraph"], data["directed"]
    ('ningxia-2025', False, True)
    >>> back = nx.node_link_graph(data)
    >>> back.nodes["task:18"]["units"]
    '自治区党委组织部、农办、农业农村厅,有驻村帮扶任务的单位'
    >>> json.loads(to_node_link_json(neighbourhood(xj.load_plan(), "商务厅", radius=0)))["edges"]
    []
    """
    data = nx.node_link_data(_flatten(source))
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if path is not None:
        _write(path, text)
    return text


def _dot_quote(value: object) -> str:
    text = str(_scalar(value))
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


_DOT_SHAPES = {
    NodeKind.PLAN: "doubleoctagon",
    NodeKind.CAMPAIGN: "folder",
    NodeKind.TASK: "box",
    NodeKind.PHASE: "cds",
    NodeKind.MILESTONE: "diamond",
    NodeKind.OBLIGATION: "hexagon",
    NodeKind.INDICATOR: "note",
    NodeKind.LIMIT: "octagon",
    NodeKind.UNIT: "ellipse",
    NodeKind.GROUP: "tripleoctagon",
}
_DOT_STYLES = {
    EdgeKind.CONTAINMENT: "solid",
    EdgeKind.RESPONSIBILITY: "bold",
    EdgeKind.MEMBERSHIP: "dotted",
    EdgeKind.MEASUREMENT: "dashed",
    EdgeKind.PRECEDENCE: "bold",
}


def _dot_attributes(attrs: dict[str, object]) -> str:
    return ", ".join(f"{name}={_dot_quote(value)}" for name, value in attrs.items())


def to_dot(source: Plan | Graph, path: str | os.PathLike[str] | None = None) -> str:
    r"""Return the graph in Graphviz DOT (and write it to ``path`` if one is given).

    Written directly (no pygraphviz or pydot needed). Every id and value is a double-quoted
    string with backslashes and double quotes escaped, so Chinese labels and punctuation
    survive; nodes get a shape by kind, edges a style by kind (precedence in red). Like
    :func:`to_graphml`, it takes a plan, a graph or a part of one, and raises :class:`OSError`
    if ``path`` cannot be written.

    Examples
    --------
    >>> import xiaojie as xj
    >>> lines = to_dot(neighbourhood(xj.load_plan(), "国资委")).splitlines()
    >>> lines[0]
    'digraph "ningxia-2025" {'
    >>> print(next(line for line in lines if line.startswith('  "unit:sasac" ->')))
      "unit:sasac" -> "task:22" [kind="responsibility", role="co_responsible", position="1", style="bold"];

    Every id and value is quoted, with quotes and backslashes escaped:

    >>> print(_dot_quote('他说"好"'), _dot_quote("a\\b"))
    "他说\"好\"" "a\\b"
    """
    flat = _flatten(source)
    lines = [
        f"digraph {_dot_quote(flat.graph['plan_id'])} {{",
        f'  graph [charset="UTF-8", rankdir="LR", label={_dot_quote(flat.graph["title"])}];',
        '  node [fontname="sans-serif"];',
    ]
    for node, data in flat.nodes(data=True):
        shape = _DOT_SHAPES[NodeKind(data["kind"])]
        lines.append(f"  {_dot_quote(node)} [{_dot_attributes({**data, 'shape': shape})}];")
    for u, v, data in flat.edges(data=True):
        kind = EdgeKind(data["kind"])
        extra: dict[str, object] = {"style": _DOT_STYLES[kind]}
        if kind is EdgeKind.PRECEDENCE:
            extra["color"] = "red"
        attrs = _dot_attributes({**data, **extra})
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [{attrs}];")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if path is not None:
        _write(path, text)
    return text
