"""Named questions about a plan: who owns what, what is overdue and for whom, what slips.

Every query takes the plan or its graph first (see :func:`xiaojie.graph.as_graph`: a plan's graph
is built once and kept), then a :class:`~xiaojie.tracking.Snapshot` where time matters. Queries
never read the clock and never change the graph. They return tuples of small frozen objects,
sorted: owners (units and unit groups) in the plan's own order (:meth:`Plan.unit_order
<xiaojie.model.Plan.unit_order>`, the order in which the plan first names them), tasks by number,
items in plan order, entries by due date.

Who answers for an item
    A task's owners are its responsibility list: the first listed **leads**, the others are
    **co-responsible**. An item (milestone, obligation, indicator) that lists its own owners
    follows the same rule: the owner listed first is its lead. An item that lists none answers
    through its task's owners, with their roles in the task ("inherited"). An item with neither
    owners nor a task has no owner and appears in no owner's answer.

Groups
    A unit group (领导小组成员单位, 有驻村帮扶任务的单位 …) is an owner of its own and is reported
    as such. Where the plan lists a group's members, the per-owner queries of a snapshot also
    report each member, flagged with the group it comes through (``via``); where membership is
    unknown (the bundled plan lists none) the group stays whole.
"""

from typing import TYPE_CHECKING

from xiaojie._extras import load_lazily
from xiaojie.model import OwnerRole


if TYPE_CHECKING:
    from xiaojie.queries._frames import RESULT_TYPES, as_table
    from xiaojie.queries._index import _entry_node as _entry_node
    from xiaojie.queries._ownership import (
        bridging_units,
        co_responsibility,
        indicator_owners,
        indicators_of,
        items_of,
        responsibility_matrix,
        tasks_coowned_by,
        tasks_led_by,
        workload,
    )
    from xiaojie.queries._results import (
        Bridge,
        Holding,
        OwnedEntry,
        OwnerEntries,
        ResponsibilityMatrix,
        SharedTasks,
        Slack,
        Slip,
        Workload,
    )
    from xiaojie.queries._slips import slip_impact
    from xiaojie.queries._snapshot import (
        NO_OWNER,
        due_between,
        slack,
        units_with_overdue_tasks,
        upcoming_deadlines,
    )
    from xiaojie.queries._snapshot import _overdue as _overdue
    from xiaojie.queries._snapshot import _overdue_groups as _overdue_groups
    from xiaojie.queries._tables import PLAN_TABLES, owner_entries_table, plan_table


# Each query loads on first use (PEP 562): the snapshot queries of a status report need neither
# the plan's graph nor networkx, which the structural queries are built on.
_FROM = {
    "xiaojie.queries._frames": ("RESULT_TYPES", "as_table"),
    "xiaojie.queries._index": ("_entry_node",),
    "xiaojie.queries._ownership": (
        "bridging_units",
        "co_responsibility",
        "indicator_owners",
        "indicators_of",
        "items_of",
        "responsibility_matrix",
        "tasks_coowned_by",
        "tasks_led_by",
        "workload",
    ),
    "xiaojie.queries._results": (
        "Bridge",
        "Holding",
        "OwnedEntry",
        "OwnerEntries",
        "ResponsibilityMatrix",
        "SharedTasks",
        "Slack",
        "Slip",
        "Workload",
    ),
    "xiaojie.queries._slips": ("slip_impact",),
    "xiaojie.queries._snapshot": (
        "NO_OWNER",
        "_overdue",
        "_overdue_groups",
        "due_between",
        "slack",
        "units_with_overdue_tasks",
        "upcoming_deadlines",
    ),
    "xiaojie.queries._tables": ("PLAN_TABLES", "owner_entries_table", "plan_table"),
}
_WHERE = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str) -> object:
    return load_lazily(__name__, _WHERE, name, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "NO_OWNER",
    "PLAN_TABLES",
    "RESULT_TYPES",
    "Bridge",
    "Holding",
    "OwnedEntry",
    "OwnerEntries",
    "OwnerRole",
    "ResponsibilityMatrix",
    "SharedTasks",
    "Slack",
    "Slip",
    "Workload",
    "as_table",
    "bridging_units",
    "co_responsibility",
    "due_between",
    "indicator_owners",
    "indicators_of",
    "items_of",
    "owner_entries_table",
    "plan_table",
    "responsibility_matrix",
    "slack",
    "slip_impact",
    "tasks_coowned_by",
    "tasks_led_by",
    "units_with_overdue_tasks",
    "upcoming_deadlines",
    "workload",
]
