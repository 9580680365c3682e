"""Ownership has one rule (:meth:`Plan.owner_roles`); queries, documents and the CLI agree with it."""

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.cli._shared import unit_json
from xiaojie.graph import build_graph, node_id
from xiaojie.model import Milestone, OwnerRole, Plan, Role, Task
from xiaojie.queries import indicator_owners, items_of
from xiaojie.render import plain, responsibility_table, to_ics


@st.composite
def plans_with_repeated_owners(draw):
    """A generated plan in which some items may list one owner twice (the model allows it)."""
    plan = draw(plans())
    milestones = []
    for milestone in plan.milestones:
        edited = milestone
        if milestone.owners and draw(st.booleans()):
            again = draw(st.sampled_from(milestone.owners))
            edited = attrs.evolve(milestone, owners=(*milestone.owners, again))
        milestones.append(edited)
    return attrs.evolve(plan, milestones=milestones)


def expected_holdings(plan: Plan, owner_id: str) -> list[tuple[str, Role, bool]]:
    """What the model says ``owner_id`` holds: (id, role, inherited) in plan order, tasks first."""
    return [
        (getattr(obj, "id", ""), o.role, o.inherited)
        for obj in (*plan.tasks, *plan.items())
        for o in plan.owner_roles(obj)
        if o.owner.id == owner_id
    ]


def _role_word(role: Role) -> str:
    return {
        Role.LEAD: "牵头",
        Role.CO_RESPONSIBLE: "配合",
        Role.IMPLEMENT: "落实",
        Role.SUPPORT: "配合",
    }[role]


class TestOneRule:
    def test_repeated_owner_counts_once_as_lead(self):
        """An owner listed twice on a milestone is one owner, the lead, for the model and the queries."""
        plan = xj.load_plan()
        milestone = plan.milestones[0]
        unit = plan.units.resolve("财政厅")
        edited = attrs.evolve(
            plan,
            milestones=(
                attrs.evolve(milestone, owners=(unit, unit)),
                *plan.milestones[1:],
            ),
        )
        first = edited.milestones[0]
        assert (OwnerRole(unit, Role.LEAD),) == edited.owner_roles(first)
        assert (unit,) == edited.owners_of(first)
        held = [h for h in items_of(edited, unit) if h.obj == first]
        assert [(Role.LEAD, False)] == [(h.role, h.inherited) for h in held]

    def test_item_without_owners_inherits_task_roles(self):
        """An item with no owners of its own answers through its task, with the task's roles."""
        plan = xj.load_plan()
        spending = plan.item("spending-progress")
        assert isinstance(spending, xj.model.Indicator)
        roles = plan.owner_roles(spending)
        assert all(o.inherited for o in roles)
        assert [(r.owner, r.role) for r in plan.task(21).responsibilities] == [
            (o.owner, o.role) for o in roles
        ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_repeated_owners())
def test_every_consumer_agrees_with_the_model(plan):
    """Queries, the responsibility table, calendars and the CLI's data give the model's owners and roles."""
    table = responsibility_table(plan)
    table_rows = {(plain(r[0]), plain(r[1]), plain(r[3])) for r in table.rows}
    for owner in plan.units:
        expected = expected_holdings(plan, owner.id)
        got = [(getattr(h.obj, "id", ""), h.role, h.inherited) for h in items_of(plan, owner)]
        assert expected == got
        # the CLI's data for ``xiaojie unit NAME --json``
        data = unit_json(plan, owner)
        assert [t.number for t in plan.tasks if plan.role_of(t, owner)] == [
            t["number"] for t in data["tasks"]
        ]
        assert [o.id for o in plan.obligations if plan.role_of(o, owner)] == [
            r["id"] for r in data["recurring"]
        ]
        assert [i.id for i in plan.indicators if plan.role_of(i, owner)] == [
            i["id"] for i in data["indicators"]
        ]
        # the responsibility table: one row per task and per dated item the owner holds
        for obj in (*plan.tasks, *plan.milestones):
            role = plan.role_of(obj, owner)
            title = str(obj) if isinstance(obj, Task) else obj.title
            row = (owner.name, _role_word(role) if role else "", title)
            assert (role is not None) == (row in table_rows), row
        # the owner's calendar holds exactly the milestones the owner answers for
        feed = to_ics(plan, unit=owner).decode()
        summaries = [
            line for line in feed.splitlines() if line.startswith("SUMMARY:") and "(" in line
        ]
        owned = [m for m in plan.milestones if plan.role_of(m, owner) is not None]
        for milestone in plan.milestones:
            listed = any(s.startswith(f"SUMMARY:{milestone.title}(") for s in summaries)
            assert listed == (milestone in owned), milestone.id
    for indicator in plan.indicators:
        assert plan.owner_roles(indicator) == indicator_owners(plan, indicator.id)
    # the graph's responsibility edges: the owners an item lists itself, with their roles
    graph = build_graph(plan)
    for obj in (*plan.tasks, *plan.items()):
        node = node_id(obj)
        edges = {
            (owner, data["role"])
            for owner, data in graph.pred[node].items()
            if data["kind"] == "responsibility"
        }
        listed = {
            (node_id(o.owner), o.role.value) for o in plan.owner_roles(obj) if not o.inherited
        }
        assert listed == edges, node
    for milestone in plan.milestones:
        assert isinstance(milestone, Milestone)
        ids = [o.id for o in plan.owners_of(milestone)]
        assert len(ids) == len(set(ids))
