"""Who owns what, and how the plan's owners work together."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from xiaojie.errors import UnknownItemError
from xiaojie.graph import (
    Graph,
    NodeKind,
    unit_campaign_graph,
)
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
    TrackingMode,
)
from xiaojie.queries._index import _context, _owner
from xiaojie.queries._results import (
    Bridge,
    Holding,
    ResponsibilityMatrix,
    SharedTasks,
    Workload,
)


if TYPE_CHECKING:
    import datetime as dt


__all__ = [
    "bridging_units",
    "co_responsibility",
    "indicator_owners",
    "indicators_of",
    "items_of",
    "responsibility_matrix",
    "tasks_coowned_by",
    "tasks_led_by",
    "workload",
]


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
    return _tasks(source, unit, Role.CO_RESPONSIBLE, Role.SUPPORT, via_groups=via_groups)


def _tasks(
    source: Plan | Graph, unit: str | Owner, *roles: Role, via_groups: bool
) -> tuple[Task, ...]:
    held = items_of(source, unit, via_groups=via_groups)
    return tuple(h.obj for h in held if isinstance(h.obj, Task) and h.role in roles)


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
            # Supporting and implementing units count with the co-responsible (not the lead).
            roles[Role.LEAD if holding.role is Role.LEAD else Role.CO_RESPONSIBLE] += 1
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
