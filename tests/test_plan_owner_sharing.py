"""Who answers for a task or item (one shared tuple per list of owners), which tasks have dated items."""

from __future__ import annotations

import attrs
from hypothesis import given

from strategies import plans
from xiaojie.model import Plan, Task


@given(plan=plans(max_milestones=6, max_obligations=4, max_indicators=4, max_tasks=5))
def test_owners_follow_the_roles_and_are_shared(plan: Plan) -> None:
    """``owners_of`` is the owners of ``owner_roles``, one object per list, a task's for its items."""
    for obj in (*plan.tasks, *plan.items()):
        owners = plan.owners_of(obj)
        assert owners == tuple(o.owner for o in plan.owner_roles(obj))
        assert plan.owners_of(obj) is owners
        assert plan.owner_roles(obj) is plan.owner_roles(obj)
        listed = obj.responsibilities if isinstance(obj, Task) else obj.owners
        if not listed and not isinstance(obj, Task):
            if obj.task is None:
                assert owners == ()
            else:  # inherited: the task's own tuple
                assert owners is plan.owners_of(plan.task(obj.task))
    for first in plan.tasks:
        for second in plan.tasks:
            if first.responsibilities is second.responsibilities:
                assert plan.owners_of(first) is plan.owners_of(second)


@given(plan=plans(max_milestones=6, max_obligations=4, max_indicators=4, max_tasks=5))
def test_items_of_another_plan_get_the_same_answer(plan: Plan) -> None:
    """An equal task or item that is not the plan's own object is answered alike, not kept."""
    for obj in (*plan.tasks, *plan.items()):
        copy = attrs.evolve(obj)
        assert copy is not obj
        assert plan.owners_of(copy) == plan.owners_of(obj)
        assert plan.owner_roles(copy) == plan.owner_roles(obj)
        assert plan.owners_of(copy) is not plan.owners_of(obj) or not plan.owners_of(obj)


@given(plan=plans(max_milestones=6, max_obligations=4, max_indicators=6, max_tasks=5))
def test_tasks_with_dated_items_as_each_task_says(plan: Plan) -> None:
    """The tasks with dated items are those whose own list of dated items is not empty."""
    dated = {t.number for t in plan.tasks if plan.dated_items_of_task(t.number)}
    assert plan.tasks_with_dated_items() == dated
