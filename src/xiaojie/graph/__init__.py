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
      co-responsible, or implementing where a task says so) and ``position`` (0 for the first listed). Only owners the plan names for
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

from xiaojie.graph._build import EdgeData, EdgeKind, Graph, NodeKind, build_graph, node_id
from xiaojie.graph._export import label_of, to_dot, to_graphml, to_node_link_json
from xiaojie.graph._views import (
    as_graph,
    neighbourhood,
    node_of,
    plan_of,
    precedence_graph,
    unit_campaign_graph,
)


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
