"""What slips when something slips: the precedence of the plan's dated items."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import networkx as nx

from xiaojie.errors import PlanValidationError
from xiaojie.graph import (
    EdgeKind,
    Graph,
    NodeKind,
    as_graph,
    build_graph,
    node_of,
    precedence_graph,
)
from xiaojie.model import (
    Indicator,
    Milestone,
    Obligation,
    Phase,
    Plan,
    Task,
)
from xiaojie.queries._ownership import _due_dates
from xiaojie.queries._results import Slip


if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = ["slip_impact"]


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
