"""Tests of the responsibility graph: its nodes and edges, precedence checks and exports."""

import copy
import datetime as dt
import gc
import io
import itertools
import json
import pickle
import re

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import xiaojie as xj
from xiaojie.dates import Period
from xiaojie.errors import (
    DependencyCycleError,
    PlanValidationError,
    UnknownItemError,
    UnknownUnitError,
)
from xiaojie.graph import (
    EdgeData,
    EdgeKind,
    NodeKind,
    as_graph,
    build_graph,
    label_of,
    neighbourhood,
    node_id,
    node_of,
    plan_of,
    precedence_graph,
    to_dot,
    to_graphml,
    to_node_link_json,
    unit_campaign_graph,
)
from xiaojie.io import plan_from_mapping, plan_to_mapping
from xiaojie.model import (
    Campaign,
    Milestone,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Task,
    UnitGroup,
    UnitRegistry,
)


PLAN = xj.load_plan()
GRAPH = build_graph(PLAN)


def plan_with_members(members: dict[str, list[str]]) -> Plan:
    """Return the bundled plan with the members of some groups listed."""
    data = plan_to_mapping(PLAN)
    for group in data["groups"]:
        if group["id"] in members:
            group["members"] = members[group["id"]]
    return plan_from_mapping(data, source="test")


def tiny_plan(title: str = "小计划") -> Plan:
    """Return a plan of two tasks, three units and two milestones."""
    a = ResponsibleUnit(id="a", name="甲厅")
    b = ResponsibleUnit(id="b", name="乙局")
    c = ResponsibleUnit(id="c", name='丙"委\\会')
    group = UnitGroup(id="g", name="成员单位", members=("a", "b"))
    tasks = [
        Task(
            number=1,
            title="第一项",
            campaign=1,
            responsibilities=[
                Responsibility(group, Role.LEAD),
                Responsibility(c, "co_responsible"),
            ],
        ),
        Task(
            number=2,
            title="第二项",
            campaign=1,
            responsibilities=[Responsibility(b, Role.LEAD), Responsibility(a, "co_responsible")],
        ),
    ]
    milestones = [
        Milestone(id="m1", title="节点一", when=Period(None, dt.date(2025, 7, 31)), task=1),
        Milestone(
            id="m2",
            title="节点二",
            when=Period(dt.date(2025, 8, 11), dt.date(2025, 8, 20)),
            task=2,
            owners=(a, a, b),
            after=("m1",),
        ),
    ]
    return Plan(
        id="tiny",
        title=title,
        reference_date=dt.date(2025, 6, 1),
        campaigns=[Campaign(number=1, name="唯一行动")],
        tasks=tasks,
        milestones=milestones,
        units=UnitRegistry((a, b, c), (group,)),
    )


def reference_graph(plan: Plan) -> nx.DiGraph:
    """Build the expected graph with networkx's public methods only, from the plan directly."""
    graph = nx.DiGraph()

    def node(n, kind, obj):
        graph.add_node(n, kind=kind, obj=obj)

    def owner(o):
        return f"group:{o.id}" if o.is_group else f"unit:{o.id}"

    def listed(owners, n):
        seen = set()
        for position, o in enumerate(owners):
            if o.id not in seen:
                seen.add(o.id)
                role = "lead" if position == 0 else "co_responsible"
                graph.add_edge(owner(o), n, kind="responsibility", role=role, position=position)

    root = f"plan:{plan.id}"
    node(root, "plan", plan)
    for u in plan.units.units:
        node(f"unit:{u.id}", "unit", u)
    for g in plan.units.groups:
        node(f"group:{g.id}", "group", g)
    for g in plan.units.groups:
        for m in g.members or ():
            graph.add_edge(f"unit:{m}", f"group:{g.id}", kind="membership")
        if g.parent:
            graph.add_edge(f"group:{g.id}", f"group:{g.parent}", kind="membership")
    for c in plan.campaigns:
        node(f"campaign:{c.number}", "campaign", c)
        graph.add_edge(root, f"campaign:{c.number}", kind="containment")
    for p in plan.phases:
        node(f"phase:{p.id}", "phase", p)
        graph.add_edge(root, f"phase:{p.id}", kind="containment")
    for t in plan.tasks:
        node(f"task:{t.number}", "task", t)
        graph.add_edge(f"campaign:{t.campaign}", f"task:{t.number}", kind="containment")
        listed(t.units, f"task:{t.number}")
    for m in plan.milestones:
        n = f"milestone:{m.id}"
        node(n, "milestone", m)
        if m.task:
            graph.add_edge(f"task:{m.task}", n, kind="containment")
        if m.phase:
            graph.add_edge(f"phase:{m.phase}", n, kind="containment")
        if not m.task and not m.phase:
            graph.add_edge(root, n, kind="containment")
        listed(m.owners, n)
    for o in plan.obligations:
        n = f"obligation:{o.id}"
        node(n, "obligation", o)
        graph.add_edge(f"task:{o.task}" if o.task else root, n, kind="containment")
        listed(o.owners, n)
    for i in plan.indicators:
        n = f"indicator:{i.id}"
        node(n, "indicator", i)
        parent = f"task:{i.task}" if i.task else root
        graph.add_edge(parent, n, kind="containment")
        graph.add_edge(n, parent, kind="measurement")
        listed(i.owners, n)
    for limit in plan.limits:
        n = f"limit:{limit.id}"
        node(n, "limit", limit)
        graph.add_edge(f"task:{limit.task}" if limit.task else root, n, kind="containment")
    for m in plan.milestones:
        for before in m.after:
            source = f"task:{before[5:]}" if before.startswith("task-") else f"milestone:{before}"
            graph.add_edge(source, f"milestone:{m.id}", kind="precedence", origin="plan")
    return graph


def edge_table(graph):
    """Return every edge with its attributes as plain, comparable data."""
    return sorted((u, v, sorted(dict(d).items())) for u, v, d in graph.edges(data=True))


class TestBuildGraph:
    def test_node_ids_and_objects(self):
        """Every kind of plan object is a node with a stable id, its kind and the object itself."""
        expected = {
            "plan:ningxia-2025": ("plan", PLAN),
            "campaign:7": ("campaign", PLAN.campaign(7)),
            "task:4": ("task", PLAN.task(4)),
            "phase:concentrated": ("phase", PLAN.phase("concentrated")),
            "milestone:self-check-acceptance": ("milestone", PLAN.item("self-check-acceptance")),
            "obligation:monthly-data-comparison": (
                "obligation",
                PLAN.item("monthly-data-comparison"),
            ),
            "indicator:spending-progress": ("indicator", PLAN.item("spending-progress")),
            "limit:identification-limit": ("limit", PLAN.limit("identification-limit")),
            "unit:finance": ("unit", PLAN.units.by_id("finance")),
            "group:rural_work_group_members": (
                "group",
                PLAN.units.by_id("rural_work_group_members"),
            ),
        }

        actual = {n: (GRAPH.nodes[n]["kind"], GRAPH.nodes[n]["obj"]) for n in expected}

        assert expected == actual

    def test_node_count(self):
        """The graph has one node per plan object and nothing else."""
        expected = (
            1
            + len(PLAN.campaigns)
            + len(PLAN.tasks)
            + len(PLAN.phases)
            + len(PLAN.milestones)
            + len(PLAN.obligations)
            + len(PLAN.indicators)
            + len(PLAN.limits)
            + len(PLAN.units)
        )

        assert expected == GRAPH.number_of_nodes()

    def test_node_id_of_each_object(self):
        """node_id gives the id under which the graph stores the object."""
        for node, obj in GRAPH.nodes(data="obj"):
            assert node == node_id(obj)

    def test_node_id_rejects_other_values(self):
        """node_id refuses what is not a plan object."""
        with pytest.raises(PlanValidationError, match="expected a plan object, found int"):
            node_id(4)

    def test_same_graph_as_public_networkx_methods(self):
        """The graph equals one built edge by edge with networkx's public methods."""
        for plan in (
            PLAN,
            tiny_plan(),
            plan_with_members({"rural_work_group_members": ["finance"]}),
        ):
            graph = build_graph(plan)
            expected = reference_graph(plan)

            assert dict(expected.nodes(data=True)) == dict(graph.nodes(data=True))
            assert edge_table(expected) == edge_table(graph)
            assert {n: dict(p) for n, p in expected.pred.items()} == {
                n: dict(p) for n, p in graph.pred.items()
            }

    def test_adjacency_is_consistent(self):
        """Each edge is seen the same from both ends, and copying keeps the graph whole."""
        copied = nx.DiGraph(GRAPH)

        assert nx.utils.graphs_equal(copied, GRAPH)
        assert {n: dict(p) for n, p in copied.pred.items()} == {
            n: dict(p) for n, p in GRAPH.pred.items()
        }
        assert all(GRAPH.succ[u][v] is GRAPH.pred[v][u] for u, v in GRAPH.edges)

    def test_frozen(self):
        """The graph cannot be changed after it is built."""
        with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
            GRAPH.add_edge("unit:finance", "task:1")

    def test_edge_attributes_are_read_only(self):
        """Edge attributes refuse changes, and copies of them are ordinary dicts."""
        data = GRAPH.edges["unit:finance", "task:21"]

        with pytest.raises(nx.NetworkXError, match="cannot be changed"):
            data["role"] = "lead"
        with pytest.raises(nx.NetworkXError, match="cannot be changed"):
            data.update(role="lead")
        assert type(copy.copy(data)) is dict
        assert type(copy.deepcopy(data)) is dict
        assert type(pickle.loads(pickle.dumps(data))) is dict  # noqa: S301 - our own bytes
        assert dict(data) == {"kind": "responsibility", "role": "co_responsible", "position": 1}

    def test_copies_can_be_changed(self):
        """networkx's copies of the graph have ordinary, changeable attributes."""
        undirected = GRAPH.to_undirected()
        undirected.edges["unit:finance", "task:21"]["note"] = "checked"

        assert undirected.edges["unit:finance", "task:21"]["note"] == "checked"
        assert "note" not in GRAPH.edges["unit:finance", "task:21"]

    def test_responsibility_points_from_owner_to_task(self):
        """Each task's owners point at it in document order, the first as the lead."""
        for task in PLAN.tasks:
            edges = {
                u: d
                for u, d in GRAPH.pred[f"task:{task.number}"].items()
                if d["kind"] == EdgeKind.RESPONSIBILITY
            }
            expected = [(node_id(r.owner), r.role.value) for r in task.responsibilities]

            actual = sorted(edges.items(), key=lambda pair: pair[1]["position"])

            assert expected == [(u, d["role"]) for u, d in actual]

    def test_item_owners_listed_twice_keep_their_first_role(self):
        """An owner listed twice for an item has one edge, with the role of its first listing."""
        graph = build_graph(tiny_plan())

        assert dict(graph.edges["unit:a", "milestone:m2"]) == {
            "kind": "responsibility",
            "role": "lead",
            "position": 0,
        }
        assert graph.edges["unit:b", "milestone:m2"]["position"] == 2

    def test_containment(self):
        """Campaigns contain tasks, tasks their items, and the plan what has no task or phase."""
        assert GRAPH.edges["campaign:7", "task:21"]["kind"] == "containment"
        assert GRAPH.edges["task:21", "indicator:spending-progress"]["kind"] == "containment"
        assert GRAPH.edges["task:18", "milestone:resident-work-meeting"]["kind"] == "containment"
        assert (
            GRAPH.edges["phase:concentrated", "milestone:midterm-report"]["kind"] == "containment"
        )
        assert GRAPH.edges["plan:ningxia-2025", "milestone:campaign-training-course"]["kind"] == (
            "containment"
        )
        assert GRAPH.edges["task:5", "obligation:monthly-data-comparison"]["kind"] == "containment"

    def test_measurement(self):
        """An indicator measures its task, or the plan when it has none."""
        assert GRAPH.edges["indicator:spending-progress", "task:21"]["kind"] == "measurement"
        assert GRAPH.edges["indicator:migrant-income-growth", "plan:ningxia-2025"]["kind"] == (
            "measurement"
        )

    def test_membership(self):
        """A subset group points at its parent; listed members point at their group."""
        graph = build_graph(plan_with_members({"rural_work_group_members": ["finance", "sasac"]}))

        def members(g):
            return {
                u
                for u, _, d in g.in_edges("group:rural_work_group_members", data=True)
                if d["kind"] == "membership"
            }

        subset = ("group:rural_work_group_relevant_members", "group:rural_work_group_members")

        assert GRAPH.edges[subset]["kind"] == "membership"
        assert members(GRAPH) == {"group:rural_work_group_relevant_members"}
        assert members(graph) == {
            "unit:finance",
            "unit:sasac",
            "group:rural_work_group_relevant_members",
        }

    def test_graph_attributes(self):
        """The graph carries its plan, the plan's id and its precedence graph."""
        assert GRAPH.graph["plan"] is PLAN
        assert GRAPH.graph["plan_id"] == "ningxia-2025"
        assert precedence_graph(GRAPH) is precedence_graph(GRAPH)
        assert GRAPH.graph["declared"] == ()

    def test_collector_state_is_restored(self):
        """Building leaves the garbage collector as it found it, even when building fails."""
        assert gc.isenabled()
        build_graph(PLAN)
        assert gc.isenabled()
        with pytest.raises(DependencyCycleError):
            build_graph(PLAN, precedence=[("midterm-report", "midterm-report")])
        assert gc.isenabled()
        gc.disable()
        try:
            build_graph(PLAN)
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestPrecedence:
    def test_plan_precedence(self):
        """Milestone.after becomes precedence edges, prerequisite → dependent."""
        data = GRAPH.edges["milestone:self-check-acceptance", "milestone:third-party-evaluation"]

        assert dict(data) == {"kind": "precedence", "origin": "plan"}
        assert list(nx.topological_sort(precedence_graph(PLAN))) == [
            "milestone:self-check-acceptance",
            "milestone:third-party-evaluation",
            "milestone:rectification-summary-report",
        ]

    @pytest.mark.parametrize("ref", ["task-18", 18, "task:18"])
    def test_declared_precedence_by_any_id(self, ref):
        """A declared pair may name a task by id, number or node id."""
        graph = build_graph(PLAN, precedence=[(ref, "midterm-report")])

        assert dict(graph.edges["task:18", "milestone:midterm-report"]) == {
            "kind": "precedence",
            "origin": "declared",
        }
        assert graph.graph["declared"] == (("task:18", "milestone:midterm-report"),)

    def test_implied_containment_edges(self):
        """When a task and one of its items both take part, the item comes before the task."""
        graph = build_graph(
            PLAN,
            precedence=[
                ("task-18", "midterm-report"),
                ("onsite-promotion-meeting", "resident-cadre-training"),
            ],
        )
        order = precedence_graph(graph)

        assert dict(order.edges["milestone:resident-cadre-training", "task:18"]) == {
            "kind": "precedence",
            "origin": "containment",
        }
        assert not graph.has_edge("milestone:resident-cadre-training", "task:18")
        assert order.nodes["task:18"]["kind"] == NodeKind.TASK

    def test_unknown_ids_are_all_named(self):
        """Every unknown id of the declared pairs is named in one error."""
        with pytest.raises(
            UnknownItemError, match=r"unknown precedence items \('task-99', 'no-such-milestone'\)"
        ):
            build_graph(
                PLAN, precedence=[("task-99", "midterm-report"), ("task-4", "no-such-milestone")]
            )

    def test_unknown_id_suggests_close_ones(self):
        """An unknown id comes with the closest known ids."""
        with pytest.raises(
            UnknownItemError,
            match=r"unknown precedence item 'midterm-reprot'; known: midterm-report",
        ):
            build_graph(PLAN, precedence=[("midterm-reprot", "task-4")])

    @pytest.mark.parametrize(
        "ref", ["finance", "unit:finance", "campaign:7", "limit:identification-limit", 99, True]
    )
    def test_only_things_to_do_take_part(self, ref):
        """Units, campaigns, limits and unknown numbers cannot come before anything."""
        with pytest.raises(UnknownItemError, match="unknown precedence item"):
            build_graph(PLAN, precedence=[(ref, "midterm-report")])

    def test_cycle_is_reported_whole(self):
        """A cycle is refused with every node on it, in order."""
        with pytest.raises(DependencyCycleError) as caught:
            build_graph(
                PLAN,
                precedence=[
                    ("rectification-summary-report", "midterm-report"),
                    ("midterm-report", "self-check-acceptance"),
                ],
            )

        assert caught.value.cycle == (
            "milestone:self-check-acceptance",
            "milestone:third-party-evaluation",
            "milestone:rectification-summary-report",
            "milestone:midterm-report",
        )
        assert "milestone:midterm-report → milestone:self-check-acceptance" in str(caught.value)

    def test_self_precedence_is_a_cycle(self):
        """An item declared to come before itself is a cycle of one."""
        with pytest.raises(DependencyCycleError, match="precedence cycle: task:4 → task:4"):
            build_graph(PLAN, precedence=[(4, "task-4")])

    def test_task_before_its_own_item_is_a_cycle(self):
        """A task cannot come before one of its items: it is done when they are."""
        with pytest.raises(DependencyCycleError) as caught:
            build_graph(PLAN, precedence=[("task-22", "asset-write-off")])

        assert set(caught.value.cycle) == {"task:22", "milestone:asset-write-off"}

    def test_plan_precedence_on_tasks_and_later_milestones(self):
        """Milestone.after may name a task or a milestone further on in the plan."""
        plan = tiny_plan()
        first, second = plan.milestones
        plan = attrs.evolve(
            plan,
            milestones=[
                attrs.evolve(first, after=("m2",)),
                attrs.evolve(second, after=("task-1",)),
            ],
        )

        with pytest.raises(DependencyCycleError) as caught:
            build_graph(plan)
        assert set(caught.value.cycle) == {"task:1", "milestone:m1", "milestone:m2"}

        plan = attrs.evolve(plan, milestones=[first, attrs.evolve(second, after=("task-1",))])
        order = precedence_graph(build_graph(plan, precedence=[("m1", "m2")]))

        assert dict(order.edges["task:1", "milestone:m2"]) == {
            "kind": "precedence",
            "origin": "plan",
        }
        assert dict(order.edges["milestone:m1", "task:1"]) == {
            "kind": "precedence",
            "origin": "containment",
        }

    def test_prerequisite_listed_twice(self):
        """A prerequisite listed twice gives one precedence edge."""
        plan = tiny_plan()
        first, second = plan.milestones
        plan = attrs.evolve(plan, milestones=[first, attrs.evolve(second, after=("m1", "m1"))])
        graph = build_graph(plan)

        assert list(precedence_graph(graph).edges) == [("milestone:m1", "milestone:m2")]
        assert list(graph.in_edges("milestone:m2")) == [
            ("task:2", "milestone:m2"),
            ("unit:a", "milestone:m2"),
            ("unit:b", "milestone:m2"),
            ("milestone:m1", "milestone:m2"),
        ]

    def test_milestone_after_itself(self):
        """A milestone listed after itself is a cycle of one."""
        plan = tiny_plan()
        first, second = plan.milestones
        plan = attrs.evolve(plan, milestones=[attrs.evolve(first, after=("m1",)), second])

        with pytest.raises(
            DependencyCycleError, match="precedence cycle: milestone:m1 → milestone:m1"
        ):
            build_graph(plan)

    def test_checked_and_unchecked_precedence_agree(self):
        """The precedence graph is the same whether or not building had to check it for cycles."""
        unchecked = precedence_graph(build_graph(PLAN))
        declared = [("self-check-acceptance", "third-party-evaluation")]
        checked = precedence_graph(build_graph(PLAN, precedence=declared))

        assert edge_table(unchecked) == edge_table(checked)
        assert dict(unchecked.nodes(data="kind")) == dict(checked.nodes(data="kind"))

    def test_pickled_graph_keeps_its_precedence(self):
        """A graph read back from a pickle still gives its precedence graph."""
        graph = build_graph(PLAN, precedence=[("midterm-report", "follow-up-review")])
        back = pickle.loads(pickle.dumps(graph))  # noqa: S301 - our own bytes

        assert edge_table(precedence_graph(back)) == edge_table(precedence_graph(graph))
        assert edge_table(back) == edge_table(graph)

    def test_cycle_error_is_a_value_error(self):
        """Callers that do not know xiaojie can catch the cycle as a ValueError."""
        with pytest.raises(ValueError, match="precedence cycle"):
            build_graph(PLAN, precedence=[("third-party-evaluation", "self-check-acceptance")])


def _containers(plan, node):
    kind, _, key = node.partition(":")
    if kind not in {"milestone", "obligation", "indicator"}:
        return []
    item = plan.item(key)
    found = []
    if getattr(item, "task", None) is not None:
        found.append(f"task:{item.task}")
    if getattr(item, "phase", None) is not None:
        found.append(f"phase:{item.phase}")
    return found


def _has_cycle(edges):
    """Return whether the directed edges contain a cycle (depth-first search, no networkx)."""
    following = {}
    for u, v in edges:
        following.setdefault(u, set()).add(v)
    state = {}

    def visit(node):
        state[node] = "open"
        for nxt in following.get(node, ()):
            if state.get(nxt) == "open" or (nxt not in state and visit(nxt)):
                return True
        state[node] = "closed"
        return False

    return any(node not in state and visit(node) for node in list(following))


def _relation(plan, declared):
    """Return the precedence relation the builder must check: plan, declared and implied edges."""
    explicit = set(declared)
    for m in plan.milestones:
        for before in m.after:
            explicit.add((f"milestone:{before}", f"milestone:{m.id}"))
    taking_part = {n for pair in explicit for n in pair}
    implied = {(n, c) for n in taking_part for c in _containers(plan, n) if c in taking_part}
    return explicit | implied


NODES = sorted(
    n
    for n, kind in GRAPH.nodes(data="kind")
    if kind in {"task", "phase", "milestone", "obligation", "indicator"}
)


class PrecedenceMachine(RuleBasedStateMachine):
    """Declare precedence pairs one by one; the precedence graph must stay a DAG."""

    def __init__(self):
        super().__init__()
        self.declared = []
        self.graph = GRAPH

    @rule(before=st.sampled_from(NODES), after=st.sampled_from(NODES))
    def declare(self, before, after):
        """A new pair is accepted exactly when it closes no cycle; a refusal shows a real one."""
        wanted = [*self.declared, (before, after)]
        relation = _relation(PLAN, wanted)
        try:
            graph = build_graph(PLAN, precedence=wanted)
        except DependencyCycleError as err:
            cycle = err.cycle
            ring = list(zip(cycle, (*cycle[1:], cycle[0]), strict=True))

            assert _has_cycle(relation)
            assert all(pair in relation for pair in ring)
            assert len(set(cycle)) == len(cycle)
        else:
            assert not _has_cycle(relation)
            self.declared = wanted
            self.graph = graph

    @precondition(lambda self: self.declared)
    @rule()
    def rebuild(self):
        """Building again from the same declarations gives the same precedence graph."""
        again = build_graph(PLAN, precedence=self.declared)

        assert edge_table(precedence_graph(again)) == edge_table(precedence_graph(self.graph))

    @invariant()
    def acyclic(self):
        """The precedence graph is always a DAG and holds every accepted pair."""
        order = precedence_graph(self.graph)

        assert nx.is_directed_acyclic_graph(order)
        assert all(order.has_edge(u, v) for u, v in self.declared)


TestPrecedenceMachine = PrecedenceMachine.TestCase
TestPrecedenceMachine.settings = settings(stateful_step_count=12)


class TestAsGraph:
    def test_plan_graph_is_built_once(self):
        """Asking twice for a plan's graph gives the same graph."""
        assert as_graph(PLAN) is as_graph(PLAN)

    def test_graph_is_its_own_graph(self):
        """A graph from build_graph is accepted as it is."""
        assert as_graph(GRAPH) is GRAPH
        assert plan_of(GRAPH) is PLAN
        assert plan_of(PLAN) is PLAN

    def test_equal_plans_keep_their_own_graphs(self):
        """Two equal plan objects get graphs of their own (plans are told apart by identity)."""
        first, second = tiny_plan(), tiny_plan()

        assert first == second
        assert as_graph(first) is not as_graph(second)
        assert as_graph(first).graph["plan"] is first

    def test_other_values_are_refused(self):
        """Anything but a plan or one of its graphs is refused."""
        with pytest.raises(
            PlanValidationError, match="a Plan or a graph from build_graph, found DiGraph"
        ):
            as_graph(nx.DiGraph())


class TestNodeOf:
    @pytest.mark.parametrize(
        ("ref", "expected"),
        [
            ("医保局", "unit:healthcare_security"),
            ("宁夏回族自治区医疗保障局", "unit:healthcare_security"),
            ("healthcare_security", "unit:healthcare_security"),
            ("领导小组成员单位", "group:rural_work_group_members"),
            (21, "task:21"),
            ("task-21", "task:21"),
            ("campaign-7", "campaign:7"),
            ("concentrated", "phase:concentrated"),
            ("midterm-report", "milestone:midterm-report"),
            ("identification-limit", "limit:identification-limit"),
            ("indicator:spending-progress", "indicator:spending-progress"),
        ],
    )
    def test_references(self, ref, expected):
        """Units by any name or id, tasks by number or id, items by id, nodes by node id."""
        assert expected == node_of(PLAN, ref)

    def test_objects(self):
        """A plan object gives its node."""
        assert node_of(PLAN, PLAN.task(3)) == "task:3"

    def test_unknown_task_number(self):
        """A task number the plan does not have is an unknown task."""
        with pytest.raises(UnknownItemError, match="unknown task 26"):
            node_of(PLAN, 26)

    def test_unknown_name(self):
        """A name that is nothing of the plan is reported as an unknown unit, with suggestions."""
        with pytest.raises(UnknownUnitError, match="unknown unit '财政局'; closest known: 财政厅"):
            node_of(PLAN, "财政局")


class TestNeighbourhood:
    def test_radius_one(self):
        """Radius 1 holds the unit and what it owns, its groups and nothing further."""
        near = neighbourhood(PLAN, "财政厅")

        assert sorted(near) == ["task:20", "task:21", "unit:finance"]
        assert nx.is_frozen(near)
        assert near.graph["plan"] is PLAN

    def test_radius_two_reaches_co_owners_and_items(self):
        """Radius 2 adds the other owners of its tasks and the tasks' items and campaign."""
        near = neighbourhood(GRAPH, "unit:finance", radius=2)

        assert {"unit:agriculture", "campaign:7", "indicator:spending-progress"} <= set(near)
        assert "task:4" not in near

    def test_negative_radius(self):
        """A negative radius is refused."""
        with pytest.raises(
            PlanValidationError,
            match="radius: expected a whole number of steps, 0 or more, found -1",
        ):
            neighbourhood(PLAN, "财政厅", radius=-1)


class TestUnitCampaignGraph:
    def test_owners_join_the_campaigns_of_their_tasks(self):
        """Each owner is joined to exactly the campaigns its tasks are in."""
        bipartite = unit_campaign_graph(PLAN)

        for owner in PLAN.units:
            expected = {f"campaign:{t.campaign}" for t in PLAN.tasks if owner in t.units}
            node = node_id(owner)
            actual = set(bipartite[node]) if node in bipartite else set()

            assert expected == actual
        assert nx.is_bipartite(bipartite)

    def test_part_of_the_graph(self):
        """Only the tasks of a part of the graph count."""
        bipartite = unit_campaign_graph(neighbourhood(PLAN, "财政厅"))

        assert list(bipartite.edges(data=True)) == [("unit:finance", "campaign:7", {"tasks": 2})]


class TestExports:
    def test_graphml_reads_back(self, tmp_path):
        """The GraphML file reads back with networkx: same nodes, edges and attributes."""
        path = tmp_path / "plan.graphml"
        text = to_graphml(PLAN, path)

        back = nx.read_graphml(path)

        assert path.read_text(encoding="utf-8") == text
        assert set(back) == set(GRAPH)
        assert set(back.edges) == set(GRAPH.edges)
        assert back.nodes["task:18"]["label"] == "18.强化驻村帮扶成效"
        assert back.nodes["milestone:resident-work-meeting"]["due"] == "2025-07-31"
        assert dict(back.edges["unit:finance", "task:21"]) == dict(
            GRAPH.edges["unit:finance", "task:21"]
        )
        assert back.graph["plan_id"] == "ningxia-2025"

    def test_node_link_json_reads_back(self, tmp_path):
        """The node-link JSON reads back with networkx, with Chinese written as is."""
        path = tmp_path / "plan.json"
        text = to_node_link_json(PLAN, path)

        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")))

        assert "自治区财政厅" in text
        assert set(back) == set(GRAPH)
        assert edge_table(back) == edge_table(GRAPH)
        assert back.nodes["unit:finance"] == {
            "kind": "unit",
            "label": "自治区财政厅",
            "ref": "finance",
            "unit_kind": "government_department",
        }

    def test_every_attribute_is_a_plain_value(self):
        """Exports hold only strings, numbers and booleans."""
        data = json.loads(to_node_link_json(PLAN))
        values = [v for n in data["nodes"] for v in n.values()] + [
            v for e in data["edges"] for v in e.values()
        ]

        assert all(isinstance(v, str | int | float | bool) for v in values)

    def test_exports_of_a_neighbourhood(self):
        """A part of the graph exports only its nodes and the edges among them."""
        near = neighbourhood(PLAN, "国资委")
        back = nx.read_graphml(io.StringIO(to_graphml(near)))

        assert set(back) == set(near)
        assert set(back.edges) == set(near.edges)
        assert set(near.edges) < set(GRAPH.edges)

    def test_dot_quotes_every_id_and_value(self):
        """DOT output quotes ids and values, escaping quotes and backslashes."""
        text = to_dot(tiny_plan(title='计划"一"\\二'))

        assert text.startswith('digraph "tiny" {\n')
        assert 'label="计划\\"一\\"\\\\二"' in text
        assert '"unit:c" [kind="unit", label="丙\\"委\\\\会"' in text
        assert text.rstrip().endswith("}")

    def test_dot_has_every_node_and_edge(self, tmp_path):
        """Every node and edge of the graph is a statement of the DOT file, read back by pattern."""
        path = tmp_path / "plan.dot"
        to_dot(PLAN, path)
        text = path.read_text(encoding="utf-8")
        quoted = r'"((?:[^"\\]|\\.)*)"'

        nodes = set(re.findall(rf"^  {quoted} \[", text, flags=re.MULTILINE))
        edges = set(re.findall(rf"^  {quoted} -> {quoted} \[", text, flags=re.MULTILINE))

        assert nodes == set(GRAPH)
        assert edges == set(GRAPH.edges)
        assert text.count("{") == text.count("}") == 1

    def test_a_failed_write_leaves_nothing(self, tmp_path):
        """Writing over a folder fails with OSError and leaves no temporary file behind."""
        folder = tmp_path / "taken"
        folder.mkdir()

        with pytest.raises(OSError, match="taken"):
            to_graphml(PLAN, folder)
        assert [p.name for p in tmp_path.iterdir()] == ["taken"]

    def test_label_of(self):
        """Labels are the names and titles people read."""
        assert label_of(PLAN.task(21)) == "21.健全项目实施推进机制"
        assert label_of(PLAN.campaign(7)) == "实施资金项目管理增效攻坚行动"


class TestEdgeData:
    def test_equal_to_a_dict(self):
        """Edge data compares equal to the dict with the same items."""
        assert EdgeData(kind="precedence", origin="plan") == {
            "kind": "precedence",
            "origin": "plan",
        }

    @pytest.mark.parametrize(
        "change",
        [
            lambda d: d.__setitem__("x", 1),
            lambda d: d.__delitem__("kind"),
            lambda d: d.pop("kind"),
            lambda d: d.popitem(),
            lambda d: d.clear(),
            lambda d: d.setdefault("x", 1),
            lambda d: d.update(x=1),
            lambda d: d.__ior__({"x": 1}),
        ],
    )
    def test_refuses_every_change(self, change):
        """No method changes edge data."""
        data = EdgeData(kind="containment")

        with pytest.raises(nx.NetworkXError, match="cannot be changed"):
            change(data)
        assert data == {"kind": "containment"}


@settings(max_examples=settings.default.max_examples // 2)
@given(st.lists(st.sampled_from(NODES), min_size=2, max_size=6, unique=True))
def test_chain_of_declarations_is_accepted_unless_it_closes_a_cycle(chain):
    """A chain of declared pairs builds exactly when the relation it adds to stays acyclic."""
    pairs = list(itertools.pairwise(chain))
    relation = _relation(PLAN, pairs)

    try:
        graph = build_graph(PLAN, precedence=pairs)
    except DependencyCycleError:
        assert _has_cycle(relation)
    else:
        assert not _has_cycle(relation)
        assert nx.is_directed_acyclic_graph(precedence_graph(graph))
