"""The plan's own tables and query results as typed records (to pandas or Arrow in one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie._records import Records, records
from xiaojie.errors import UnknownItemError
from xiaojie.model import TrackingMode
from xiaojie.queries._index import _check_snapshot


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xiaojie.model import Plan
    from xiaojie.queries._results import OwnerEntries
    from xiaojie.tracking import Entry, Snapshot


__all__ = ["PLAN_TABLES", "owner_entries_table", "plan_table"]

PLAN_TABLES = ("tasks", "responsibilities", "milestones", "obligations", "indicators")
"""The tables :func:`plan_table` gives."""

_DATED = frozenset({"milestones", "obligations", "indicators"})
"""The tables whose rows are dated things, which a snapshot gives a state."""

_STATE_COLUMNS = (
    ("state", "str"),
    ("done_on", "date"),
    ("result", "str"),
    ("value", "float"),
    ("note", "str"),
)
"""What a snapshot adds to each row of a dated table: its state as of the snapshot's date."""


def plan_table(plan: Plan, name: str, *, snapshot: Snapshot | None = None) -> Records:
    """Return one of the plan's tables as typed records.

    Parameters
    ----------
    plan
        The plan.
    name
        ``"tasks"`` (one row per task: number, campaign, title, lead, owners as a list),
        ``"responsibilities"`` (one row per task and unit: task, unit, unit id, role, place in
        the list), ``"milestones"`` (one row per milestone: key, id, title, when, start and due
        as dates, task, owners as a list), ``"obligations"`` (one row per window of a recurring
        duty: key, id, title, cadence, how it is tracked, the window's start and end, its due
        date, the duty's active period, task, owners; a duty that is a standard of service has
        one row for its whole active period and no due date) or ``"indicators"`` (one row per
        target: key, id, name, the stage and the number of stages, comparator, target value,
        unit, due date, whether soft (力争) or approximate (左右), the benchmark, when it is
        checked, section, task, owners).
    snapshot
        A status of the plan (:func:`xiaojie.tracking.status`). Rows of the dated tables
        (milestones, obligations, indicators) then also give their ``state``, ``done_on``,
        ``result``, the ``value`` reported (indicators) and the ``note`` as of its date; the
        ``key`` of each row is the key of its entry in the snapshot.

    Raises
    ------
    UnknownItemError
        If ``name`` is not one of :data:`PLAN_TABLES`.
    PlanValidationError
        If ``snapshot`` is a status of another plan.

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

    Recurring duties by window, and indicators by target with the value reported as of a date:

    >>> windows = plan_table(plan, "obligations").to_records()
    >>> [(w["key"], w["due"]) for w in windows[:2]]
    [('monthly-data-comparison@2025-06-18', datetime.date(2025, 6, 30)), ('monthly-data-comparison@2025-07-01', datetime.date(2025, 7, 31))]
    >>> import datetime as dt
    >>> from xiaojie.progress import Measurement, Progress
    >>> from xiaojie.tracking import status
    >>> snap = status(plan, Progress([Measurement("spending-progress", "2025-07-31", 58)]),
    ...               as_of=dt.date(2025, 8, 1))
    >>> rows = plan_table(plan, "indicators", snapshot=snap).to_records()
    >>> row = next(r for r in rows if r["key"] == "spending-progress#0")
    >>> row["name"], row["stage"], row["stages"], row["target"], row["unit"], row["due"]
    ('资金支出进度', 1, 2, 60.0, '%', datetime.date(2025, 7, 31))
    >>> row["value"], row["result"], row["state"]
    (58.0, 'not_met', 'overdue')
    """
    if snapshot is not None:
        _check_snapshot(plan, snapshot)
    if name in _DATED:
        columns, rows = _dated_table(plan, name)
        if snapshot is None:
            return records(columns, rows)
        return records((*columns, *_STATE_COLUMNS), _with_states(rows, snapshot))
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
    raise UnknownItemError("table", name, list(PLAN_TABLES))


_Columns = tuple[tuple[str, str], ...]
_Row = tuple[Any, ...]


def _owners(plan: Plan, item: Any) -> tuple[list[str], list[str]]:  # noqa: ANN401 - an item
    owners = plan.owners_of(item)
    return [o.name for o in owners], [o.id for o in owners]


def _dated_table(plan: Plan, name: str) -> tuple[_Columns, list[_Row]]:
    """Return the columns and rows of a dated table; the key of each row comes first."""
    if name == "milestones":
        columns: _Columns = (
            ("key", "str"),
            ("id", "str"),
            ("title", "str"),
            ("when", "str"),
            ("start", "date"),
            ("due", "date"),
            ("task", "int"),
            ("owners", "list"),
            ("owner_ids", "list"),
        )
        return columns, [
            (m.id, m.id, m.title, str(m.when), m.when.start, m.due, m.task, *_owners(plan, m))
            for m in plan.milestones
        ]
    if name == "obligations":
        columns = (
            ("key", "str"),
            ("id", "str"),
            ("title", "str"),
            ("cadence", "str"),
            ("tracking", "str"),
            ("window_start", "date"),
            ("window_end", "date"),
            ("due", "date"),
            ("active_start", "date"),
            ("active_end", "date"),
            ("task", "int"),
            ("owners", "list"),
            ("owner_ids", "list"),
        )
        rows: list[_Row] = []
        for o in plan.obligations:
            names, ids = _owners(plan, o)
            head = (o.id, o.title, o.cadence.describe(), o.tracking)
            tail = (o.active.start, o.active.end, o.task, names, ids)
            if o.tracking is TrackingMode.STANDARD:
                rows.append((o.id, *head, o.active.start, o.active.end, None, *tail))
                continue
            for w in o.windows():
                key = f"{o.id}@{w.start.isoformat() if w.start else ''}"
                rows.append((key, *head, w.start, w.end, o.cadence.due_in(w), *tail))
        return columns, rows
    columns = (
        ("key", "str"),
        ("id", "str"),
        ("name", "str"),
        ("stage", "int"),
        ("stages", "int"),
        ("comparator", "str"),
        ("target", "float"),
        ("unit", "str"),
        ("due", "date"),
        ("soft", "bool"),
        ("approximate", "bool"),
        ("benchmark", "str"),
        ("check", "str"),
        ("section", "str"),
        ("task", "int"),
        ("owners", "list"),
        ("owner_ids", "list"),
        ("requirement", "str"),
    )
    rows = []
    for i in plan.indicators:
        names, ids = _owners(plan, i)
        for number, t in enumerate(i.targets):
            rows.append(
                (
                    f"{i.id}#{number}",
                    i.id,
                    i.name,
                    number + 1,
                    len(i.targets),
                    t.comparator.value,
                    None if t.value is None else float(t.value),
                    t.unit,
                    None if t.due is None else t.due.end,
                    t.soft,
                    t.approximate,
                    t.benchmark,
                    i.check,
                    i.section or None,
                    i.task,
                    names,
                    ids,
                    t.describe(),
                )
            )
    return columns, rows


def _with_states(rows: Sequence[_Row], snapshot: Snapshot) -> list[_Row]:
    """Return each row with its entry's state, done date, result, value and note."""
    entries: dict[str, Entry] = {e.key: e for e in snapshot.entries}
    out: list[_Row] = []
    for row in rows:
        e = entries.get(row[0])
        if e is None:
            out.append((*row, None, None, None, None, None))
            continue
        value = None if e.value is None else float(e.value)
        out.append((*row, e.state, e.done_on, e.result, value, e.note or None))
    return out


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
