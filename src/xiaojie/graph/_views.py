"""Finding a plan's graph and looking into it: the graph of a plan, its nodes, neighbourhoods and derived graphs."""

from __future__ import annotations

import threading
from collections import OrderedDict

import networkx as nx

from xiaojie.errors import (
    PlanValidationError,
    UnknownItemError,
    UnknownUnitError,
)
from xiaojie.graph._build import (
    Graph,
    NodeKind,
    _owner_node,
    _Precedence,
    build_graph,
    node_id,
)
from xiaojie.model import (
    Plan,
)


__all__ = [
    "as_graph",
    "neighbourhood",
    "node_of",
    "plan_of",
    "precedence_graph",
    "unit_campaign_graph",
]


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
