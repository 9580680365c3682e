"""Writing the graph out: GraphML, node-link JSON and Graphviz DOT, with a readable label per node."""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Any

import networkx as nx

from xiaojie._files import atomic_write
from xiaojie._privacy import scrub
from xiaojie.graph._build import EdgeKind, Graph, NodeKind
from xiaojie.graph._views import as_graph
from xiaojie.model import (
    Campaign,
    Indicator,
    Milestone,
    Obligation,
    Phase,
    Plan,
    ResponsibleUnit,
    Task,
    TimeLimit,
    UnitGroup,
)


if TYPE_CHECKING:
    import os


__all__ = ["label_of", "to_dot", "to_graphml", "to_node_link_json"]


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


def _masked(attributes: dict[str, Any]) -> dict[str, Any]:
    """Return attributes with personal data masked in their texts (:func:`scrub`)."""
    return {k: scrub(v) if isinstance(v, str) else v for k, v in attributes.items()}


def _flatten(source: Plan | Graph) -> nx.DiGraph:
    """Return a copy of the graph whose attributes are all strings, numbers or booleans.

    Every text attribute passes the personal-data filter (:func:`xiaojie._privacy.scrub`), as
    the documents do: a plan's title or a unit's name holding a mobile number shows
    ``138****5678``. Node ids are the plan's ids, written as they are.
    """
    graph = as_graph(source)
    plan: Plan = graph.graph["plan"]
    flat = nx.DiGraph(plan_id=plan.id, title=scrub(plan.title))
    flat.add_nodes_from(
        (node, _masked(_node_attributes(data))) for node, data in graph.nodes(data=True)
    )
    flat.add_edges_from(
        (u, v, _masked({name: _scalar(value) for name, value in data.items() if value is not None}))
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
    >>> from xiaojie.graph import neighbourhood
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
    >>> from xiaojie.graph import neighbourhood
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
    >>> from xiaojie.graph import neighbourhood
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
