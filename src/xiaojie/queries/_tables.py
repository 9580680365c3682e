"""The plan's own tables and query results as typed records (to pandas or Arrow in one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie._records import Records, records
from xiaojie.errors import UnknownItemError


if TYPE_CHECKING:
    from collections.abc import Iterable

    from xiaojie.model import Plan
    from xiaojie.queries._results import OwnerEntries


__all__ = ["PLAN_TABLES", "owner_entries_table", "plan_table"]

PLAN_TABLES = ("tasks", "responsibilities", "milestones")
"""The tables :func:`plan_table` gives."""


def plan_table(plan: Plan, name: str) -> Records:
    """Return one of the plan's tables as typed records.

    Parameters
    ----------
    plan
        The plan.
    name
        ``"tasks"`` (one row per task: number, campaign, title, lead, owners as a list),
        ``"responsibilities"`` (one row per task and unit: task, unit, unit id, role, place in
        the list) or ``"milestones"`` (one row per milestone: id, title, when, start and due as
        dates, task, owners as a list).

    Raises
    ------
    UnknownItemError
        If ``name`` is not one of :data:`PLAN_TABLES`.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> plan_table(plan, "tasks").to_records()[6]["owners"]
    ['自治区教育厅', '自治区公安厅', '自治区民政厅', '自治区残疾人联合会']
    >>> row = plan_table(plan, "milestones").to_records()[0]
    >>> row["id"], row["due"]
    ('mobilisation-meetings', datetime.date(2025, 6, 20))
    >>> len(plan_table(plan, "responsibilities"))
    119
    """
    if name == "tasks":
        return records(
            (
                ("number", "int"),
                ("campaign", "int"),
                ("title", "str"),
                ("lead", "str"),
                ("lead_id", "str"),
                ("owners", "list"),
                ("owner_ids", "list"),
            ),
            (
                (
                    t.number,
                    t.campaign,
                    t.title,
                    t.lead.name,
                    t.lead.id,
                    [o.name for o in t.units],
                    [o.id for o in t.units],
                )
                for t in plan.tasks
            ),
        )
    if name == "responsibilities":
        return records(
            (
                ("task", "int"),
                ("unit", "str"),
                ("unit_id", "str"),
                ("role", "str"),
                ("position", "int"),
                ("is_group", "bool"),
            ),
            (
                (t.number, r.owner.name, r.owner.id, r.role, place, r.owner.is_group)
                for t in plan.tasks
                for place, r in enumerate(t.responsibilities, start=1)
            ),
        )
    if name == "milestones":
        return records(
            (
                ("id", "str"),
                ("title", "str"),
                ("when", "str"),
                ("start", "date"),
                ("due", "date"),
                ("task", "int"),
                ("owners", "list"),
                ("owner_ids", "list"),
            ),
            (
                (
                    m.id,
                    m.title,
                    str(m.when),
                    m.when.start,
                    m.due,
                    m.task,
                    [o.name for o in plan.owners_of(m)],
                    [o.id for o in plan.owners_of(m)],
                )
                for m in plan.milestones
            ),
        )
    raise UnknownItemError("table", name, list(PLAN_TABLES))


def owner_entries_table(rows: Iterable[OwnerEntries]) -> Records:
    """Return the result of a per-owner query as typed records, one row per owner and entry.

    For :func:`units_with_overdue_tasks` and :func:`upcoming_deadlines`: the owner (name, id,
    whether a group), its role, the group it came through, then the entry's key (its one id),
    item, title, state and due date.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.queries import units_with_overdue_tasks
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> table = owner_entries_table(units_with_overdue_tasks(plan, status(plan, as_of=dt.date(2025, 8, 1))))
    >>> row = table.to_records()[0]
    >>> row["owner"], row["key"], row["due"]
    ('自治区医疗保障局', 'monthly-data-comparison@2025-06-18', datetime.date(2025, 6, 30))
    """
    return records(
        (
            ("owner", "str"),
            ("owner_id", "str"),
            ("is_group", "bool"),
            ("role", "str"),
            ("via", "str"),
            ("key", "str"),
            ("item_id", "str"),
            ("title", "str"),
            ("state", "str"),
            ("due", "date"),
            ("task", "int"),
        ),
        (
            (
                row.owner.name,
                row.owner.id,
                row.owner.is_group,
                owned.role,
                owned.via,
                owned.entry.key,
                owned.entry.item_id,
                owned.entry.title,
                owned.entry.state,
                owned.entry.due,
                owned.entry.task,
            )
            for row in rows
            for owned in row.owned
        ),
    )
