"""Building the graph of a plan: node ids, edge data, precedence, and the builder itself."""

from __future__ import annotations

import difflib
import enum
import operator
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

import networkx as nx

from xiaojie._gc import collector_paused
from xiaojie.errors import (
    DependencyCycleError,
    PlanValidationError,
    UnknownItemError,
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
    from collections.abc import Iterable

    from xiaojie.model import Owner


__all__ = ["EdgeData", "EdgeKind", "Graph", "NodeKind", "build_graph", "node_id"]


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
    with collector_paused():
        return _build(plan, list(precedence))


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
            edge = duty[position]
            if responsibility.role in {Role.IMPLEMENT, Role.SUPPORT}:
                edge = EdgeData(
                    kind=_RESPONSIBILITY, role=responsibility.role.value, position=position
                )
            into[owner] = succ[owner][node] = edge
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
