"""Query results as typed records: one call from any query's answer to pandas or Arrow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie._records import (
    Records,
    records,
    register_rows_table,
    register_table,
)
from xiaojie._records import (
    as_table as _as_table,
)
from xiaojie.graph import label_of
from xiaojie.model import Indicator, OwnerRole, Task
from xiaojie.queries._results import (
    Bridge,
    Holding,
    OwnerEntries,
    ResponsibilityMatrix,
    SharedTasks,
    Slack,
    Slip,
    Workload,
)
from xiaojie.queries._tables import owner_entries_table
from xiaojie.tracking import Entry


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.model import Owner


__all__ = ["RESULT_TYPES", "as_table"]

_Columns = tuple[tuple[str, str], ...]

_OWNER: _Columns = (("owner", "str"), ("owner_id", "str"), ("is_group", "bool"))


def _owner(owner: Owner) -> tuple[str, str, bool]:
    return owner.name, owner.id, owner.is_group


_ENTRY: _Columns = (
    ("key", "str"),
    ("item_id", "str"),
    ("kind", "str"),
    ("title", "str"),
    ("state", "str"),
    ("due", "date"),
    ("window_start", "date"),
    ("window_end", "date"),
    ("task", "int"),
    ("owners", "list"),
    ("owner_ids", "list"),
)


def _entry(e: Entry) -> tuple[Any, ...]:
    window = e.window
    return (
        e.key,
        e.item_id,
        e.kind,
        e.title,
        e.state,
        e.due,
        None if window is None else window.start,
        None if window is None else window.end,
        e.task,
        [o.name for o in e.owners],
        [o.id for o in e.owners],
    )


def _workload(w: Workload) -> tuple[Any, ...]:
    return (
        *_owner(w.owner),
        w.lead,
        w.co_responsible,
        w.tasks,
        [c for c, _ in w.by_campaign],
        [n for _, n in w.by_campaign],
        [m for m, _ in w.by_month],
        [n for _, n in w.by_month],
    )


def _slip(s: Slip) -> tuple[Any, ...]:
    kind, _, item = s.node.partition(":")
    return (s.node, kind, item, label_of(s.obj), s.due, s.new_date, s.delay, s.late)


def _holding(h: Holding) -> tuple[Any, ...]:
    item = h.node.partition(":")[2]
    task = h.obj.number if isinstance(h.obj, Task) else h.obj.task
    return (h.node, h.kind, item, label_of(h.obj), h.role, h.inherited, h.via, task)


def _task(t: Task) -> tuple[Any, ...]:
    return (
        t.number,
        t.campaign,
        t.title,
        t.lead.name,
        t.lead.id,
        [o.name for o in t.units],
        [o.id for o in t.units],
    )


def _indicator(i: Indicator) -> tuple[Any, ...]:
    return (
        i.id,
        i.name,
        len(i.targets),
        i.check,
        i.task,
        [o.name for o in i.owners],
        [o.id for o in i.owners],
    )


_SHAPES: dict[type, tuple[_Columns, Callable[[Any], tuple[Any, ...]]]] = {
    Workload: (
        (
            *_OWNER,
            ("lead", "int"),
            ("co_responsible", "int"),
            ("tasks", "int"),
            ("campaigns", "ints"),
            ("campaign_tasks", "ints"),
            ("months", "list"),
            ("month_dates", "ints"),
        ),
        _workload,
    ),
    Slack: (
        (*_ENTRY, ("days", "int")),
        lambda s: (*_entry(s.entry), s.days),
    ),
    Entry: (_ENTRY, _entry),
    Slip: (
        (
            ("node", "str"),
            ("kind", "str"),
            ("item", "str"),
            ("title", "str"),
            ("due", "date"),
            ("new_date", "date"),
            ("delay", "int"),
            ("late", "bool"),
        ),
        _slip,
    ),
    SharedTasks: (
        (
            ("first", "str"),
            ("first_id", "str"),
            ("second", "str"),
            ("second_id", "str"),
            ("tasks", "ints"),
            ("weight", "int"),
        ),
        lambda s: (s.first.name, s.first.id, s.second.name, s.second.id, list(s.tasks), s.weight),
    ),
    Bridge: (
        (*_OWNER, ("score", "float"), ("campaigns", "ints")),
        lambda b: (*_owner(b.owner), float(b.score), list(b.campaigns)),
    ),
    Holding: (
        (
            ("node", "str"),
            ("kind", "str"),
            ("item", "str"),
            ("title", "str"),
            ("role", "str"),
            ("inherited", "bool"),
            ("via", "str"),
            ("task", "int"),
        ),
        _holding,
    ),
    OwnerRole: (
        (*_OWNER, ("role", "str"), ("inherited", "bool")),
        lambda o: (*_owner(o.owner), o.role, o.inherited),
    ),
    Task: (
        (
            ("number", "int"),
            ("campaign", "int"),
            ("title", "str"),
            ("lead", "str"),
            ("lead_id", "str"),
            ("owners", "list"),
            ("owner_ids", "list"),
        ),
        _task,
    ),
    Indicator: (
        (
            ("id", "str"),
            ("name", "str"),
            ("targets", "int"),
            ("check", "str"),
            ("task", "int"),
            ("listed_owners", "list"),
            ("listed_owner_ids", "list"),
        ),
        _indicator,
    ),
}


def _matrix(matrix: ResponsibilityMatrix) -> Records:
    return records(
        (
            ("task", "int"),
            ("title", "str"),
            *_OWNER,
            ("role", "str"),
        ),
        (
            (task.number, task.title, *_owner(owner), role)
            for task, row in zip(matrix.rows, matrix.cells, strict=True)
            for owner, role in zip(matrix.columns, row, strict=True)
            if role is not None
        ),
    )


def as_table(result: object) -> Records:
    """Return the answer of a query as typed records (then ``.to_pandas()``, ``.to_arrow()``).

    Parameters
    ----------
    result
        What a query returned: one result or a sequence of them, of one of
        :data:`RESULT_TYPES`. :func:`workload` (one or several :class:`Workload`: the owner,
        tasks led, shared and in all, then parallel lists of campaigns and their task counts
        and of months and their due dates), :func:`slack` (the entry's columns and ``days``
        left), :func:`due_between` (entries), :func:`slip_impact` (node, kind, item, title,
        planned and new date, delay in days, late), :func:`co_responsibility` (the two owners
        and the task numbers), :func:`bridging_units` (owner, score, campaigns),
        :func:`items_of` (holdings with role, inherited, via, task), :func:`indicator_owners`
        (owner, role, inherited), :func:`tasks_led_by` / :func:`tasks_coowned_by` (tasks),
        :func:`indicators_of` (indicators, with the owners they list themselves), :func:`units_with_overdue_tasks` and
        :func:`upcoming_deadlines` (as :func:`owner_entries_table`) or
        :func:`responsibility_matrix` (one row per task and owner named for it, with the role).
        Also, from the modules above the queries: :meth:`xiaojie.rollup.RollUp.across` and
        :meth:`~xiaojie.rollup.RollUp.ranking` (places as lists of names; place, code, value,
        date), a :class:`xiaojie.compare.Comparison` or its findings,
        :func:`xiaojie.versions.diff` (kind, label, ref, old, new) and
        :func:`xiaojie.pace.indicator_pace` results (expected, actual, gap, behind).

    Returns
    -------
    Records
        Dates as dates, whole numbers as whole numbers, owners and task numbers as lists. An
        empty answer gives records with no columns and no rows.

    Raises
    ------
    PlanValidationError
        If ``result`` is not a query result (or mixes kinds of results).

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> from xiaojie import queries
    >>> plan = xj.load_plan()
    >>> loads = as_table([queries.workload(plan, u) for u in plan.owners_in_order()])
    >>> row = next(r for r in loads.to_records() if r["owner_id"] == "finance")
    >>> row["lead"], row["co_responsible"], row["campaigns"], row["months"], row["month_dates"]
    (0, 2, [7], ['2025-07', '2025-10', '2025-12'], [1, 1, 1])
    >>> first = as_table(queries.slack(plan, dt.date(2025, 9, 5))).to_records()[0]
    >>> first["key"], first["due"], first["days"]
    ('local-work-ledgers', datetime.date(2025, 6, 20), -77)
    >>> as_table(queries.responsibility_matrix(plan)).to_records()[0]["role"]
    'lead'
    >>> len(as_table(()))
    0
    >>> as_table([1, 2])
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: result: expected a query result (workload, slack, entries …), found int

    .. versionadded:: 0.2.0
    """
    return _as_table(result)


for _kind, (_columns, _row) in _SHAPES.items():
    register_table(_kind, _columns, _row)
register_table(ResponsibilityMatrix, whole=_matrix)
register_rows_table(OwnerEntries, owner_entries_table)

RESULT_TYPES: tuple[type, ...] = (*_SHAPES, OwnerEntries, ResponsibilityMatrix)
"""The query results of this module :func:`as_table` turns into records (the roll-up, the
comparison of plans, the changes between versions and 序时进度 add theirs when imported)."""
