"""Questions of a reporting date: who has what overdue, what is due next, how much slack is left."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from xiaojie.dates import as_date
from xiaojie.errors import DateValueError
from xiaojie.model import Role, UnitGroup
from xiaojie.queries._index import (
    _check_snapshot,
    _context,
    _groups_of_sources,
    _owner,
    _rows,
    _rows_of_sources,
    _snapshot_context,
)
from xiaojie.queries._results import OwnerEntries, Slack
from xiaojie.tracking import Entry, Snapshot, State, status


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.graph import (
        Graph,
    )
    from xiaojie.model import (
        Owner,
        Plan,
    )


__all__ = ["NO_OWNER", "due_between", "slack", "units_with_overdue_tasks", "upcoming_deadlines"]


NO_OWNER = UnitGroup(id="no_owner", name="未明确责任单位", aliases=("No unit named",))
"""The owner of the row :func:`upcoming_deadlines` gives the entries the plan names no owner for."""

# --- snapshot queries ------------------------------------------------------------------------


def units_with_overdue_tasks(source: Plan | Graph, snapshot: Snapshot) -> tuple[OwnerEntries, ...]:
    """Return the owners of overdue entries and what each has overdue.

    The headline question of a reporting date: which units (and unit groups) own something that
    is overdue, what it is, in what role and for which task. An entry's owners are found once
    per graph and kept, so the cost of the query grows with the number of overdue entries, not
    with the size of the plan.

    Parameters
    ----------
    source
        The plan or its graph.
    snapshot
        The plan's status as of a date (:func:`xiaojie.tracking.status`).

    Returns
    -------
    tuple of OwnerEntries
        One per owner with at least one overdue entry, in the plan's order of owners. A group is
        reported as a group; where its members are known, each member is reported too, with
        the group in ``via`` (:attr:`OwnerEntries.expanded` when that is its only way in). The
        roles follow the module's rules (for an item, the owner listed first leads). Entries
        that name no owner (directly or through a task) are in no row.

    Raises
    ------
    PlanValidationError
        If the snapshot is of another plan.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> from xiaojie.tracking import status
    >>> plan = xj.load_plan()
    >>> rows = units_with_overdue_tasks(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> [row.owner.name for row in rows][:3]
    ['自治区医疗保障局', '自治区残疾人联合会', '自治区农业农村厅']
    >>> finance = next(row for row in rows if row.owner.id == "finance")
    >>> [(e.key, e.role.value, e.task, str(e.due)) for e in finance.owned]
    [('spending-progress#0', 'co_responsible', 21, '2025-07-31')]
    >>> print(next(row for row in rows if row.owner.id == "sasac"))
    自治区国有资产监督管理委员会: asset-revitalisation-rate#0(配合)

    Before the first deadline nobody has anything overdue:

    >>> units_with_overdue_tasks(plan, status(plan, as_of=dt.date(2025, 6, 18)))
    ()

    .. versionadded:: 0.1.0
    """
    graph, index = _snapshot_context(source)
    _check_snapshot(index.plan, snapshot)
    found = snapshot._state_rows(State.OVERDUE)  # noqa: SLF001 - the rows status() made
    if graph is None and found is not None and found[0] is index.plan:
        return _rows_of_sources(index, found[1], found[2])
    return _rows(graph, index, _overdue(snapshot))


_OverdueGroups = tuple[
    "Sequence[Entry]", list[tuple["Owner", list[int], list[Role], list[str | None]]], list[int]
]


def _overdue_groups(plan: Plan, snapshot: Snapshot) -> _OverdueGroups | None:
    """Return :func:`units_with_overdue_tasks` as places in the overdue entries, if it can.

    The overdue entries (entries made when read); for each owner in order, its entries' places
    among them, roles and groups; and the places of the entries no one answers for: for a
    report that shows a few entries of each owner. Kept with the snapshot. ``None`` unless the
    snapshot was made by :func:`~xiaojie.tracking.status` from ``plan``.
    """
    _, index = _snapshot_context(plan)
    _check_snapshot(index.plan, snapshot)

    def make(snap: Snapshot) -> tuple[Plan, _OverdueGroups | None]:
        found = snap._state_rows(State.OVERDUE)  # noqa: SLF001 - the rows status() made
        if found is None or found[0] is not index.plan:
            return plan, None
        grouped, unowned = _groups_of_sources(index, found[1])
        owners = index.owner_list
        by_owner = [(owners[slot], where, roles, via) for slot, where, roles, via in grouped]
        return plan, (found[2], by_owner, unowned)

    of_plan, kept = snapshot.derived("queries.overdue_groups", make)
    return kept if of_plan is plan else make(snapshot)[1]


def _due_or_max(entry: Entry) -> dt.date:
    return entry.due or dt.date.max


def _overdue(snapshot: Snapshot) -> list[Entry]:
    """Return the snapshot's overdue entries, in snapshot order.

    Equal to :meth:`Snapshot.overdue <xiaojie.tracking.Snapshot.overdue>`, but it only looks at
    the entries due before the snapshot's date: an entry is overdue only after its due date
    (the status rules), and a snapshot keeps its entries sorted by due date, so a binary search
    finds where to stop.
    """
    entries = snapshot.entries
    end = bisect.bisect_left(entries, snapshot.as_of, key=_due_or_max)
    overdue = State.OVERDUE
    return [entry for entry in entries[:end] if entry.state is overdue]


def upcoming_deadlines(
    source: Plan | Graph,
    snapshot: Snapshot,
    *,
    start: dt.date,
    end: dt.date,
    unit: str | Owner | None = None,
) -> tuple[OwnerEntries, ...]:
    """Return, per owner, the entries not yet done whose due date falls in ``[start, end]``.

    Parameters
    ----------
    source
        The plan or its graph.
    snapshot
        The plan's status as of a date; its states say what is done.
    start, end
        The closed range of due dates, both included.
    unit
        Only this owner (any name the plan uses, its id, or the object); ``None`` for all.

    Returns
    -------
    tuple of OwnerEntries
        Grouped and sorted like :func:`units_with_overdue_tasks`; entries that are overdue
        within the range stay in (their state says so). Without ``unit``, entries the plan
        names no owner for are not lost: they come last, in a row whose owner is
        :data:`NO_OWNER` (未明确责任单位), each with the role ``LEAD`` (no one else is named).

    Raises
    ------
    DateValueError
        If ``end`` is before ``start`` or either is not a date.
    UnknownUnitError
        If ``unit`` names no owner of the plan.
    PlanValidationError
        If the snapshot is of another plan.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> from xiaojie.tracking import status
    >>> plan = xj.load_plan()
    >>> snap = status(plan, as_of=dt.date(2025, 8, 1))
    >>> rows = upcoming_deadlines(plan, snap, start=dt.date(2025, 9, 1), end=dt.date(2025, 9, 30),
    ...                           unit="国资委")
    >>> [(e.key, str(e.due)) for row in rows for e in row.entries]
    [('asset-registration-handover', '2025-09-30')]
    >>> september = upcoming_deadlines(plan, snap, start=dt.date(2025, 9, 1),
    ...                                end=dt.date(2025, 9, 30))
    >>> september[-1].owner is NO_OWNER, [e.key for e in september[-1].entries]
    (True, ['third-party-evaluation', 'rectification-summary-report'])
    >>> upcoming_deadlines(plan, snap, start=dt.date(2025, 9, 1), end=dt.date(2025, 8, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: upcoming_deadlines: end 2025-08-01 is before start 2025-09-01

    .. versionadded:: 0.1.0
    """
    first = as_date(start, field="start")
    last = as_date(end, field="end")
    if last < first:
        msg = f"upcoming_deadlines: end {last} is before start {first}"
        raise DateValueError(msg)
    graph, index = _snapshot_context(source)
    _check_snapshot(index.plan, snapshot)
    wanted = None if unit is None else _owner(index, unit).id
    chosen = snapshot._open_between(first, last)  # noqa: SLF001 - of the snapshot's rows
    rows = _rows(graph, index, chosen)
    if wanted is not None:
        return tuple(row for row in rows if row.owner.id == wanted)
    covered = {e.key for row in rows for e in row.entries}
    orphans = tuple(e for e in chosen if e.key not in covered)
    if not orphans:
        return rows
    return (
        *rows,
        OwnerEntries(
            owner=NO_OWNER,
            entries=orphans,
            roles=(Role.LEAD,) * len(orphans),
            via=(None,) * len(orphans),
        ),
    )


def due_between(source: Plan | Graph, start: dt.date, end: dt.date) -> tuple[Entry, ...]:
    """Return every dated entry of the plan whose due date falls in ``[start, end]``.

    A question of the plan alone (no progress, no reporting date): milestones, each window of a
    recurring obligation, staged indicator targets and task duties, earliest due first, each
    with its owners (none when the plan names none; they are kept). The entries' states are
    those of a status as of ``start`` with nothing done; ask a snapshot for real states.

    Raises
    ------
    DateValueError
        If ``end`` is before ``start`` or either is not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> found = due_between(xj.load_plan(), dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    >>> len(found), [e.key for e in found if not e.owners]
    (10, ['third-party-evaluation', 'rectification-summary-report'])
    """
    first = as_date(start, field="start")
    last = as_date(end, field="end")
    if last < first:
        msg = f"due_between: end {last} is before start {first}"
        raise DateValueError(msg)
    _, index = _context(source)
    return tuple(
        e for e in status(index.plan, as_of=first) if e.due is not None and first <= e.due <= last
    )


def slack(source: Plan | Graph, when: Snapshot | dt.date) -> tuple[Slack, ...]:
    """Return the days left until every dated entry that is not done, fewest first.

    Parameters
    ----------
    source
        The plan or its graph.
    when
        A snapshot, or a date (then the status with no progress as of that date is used).

    Returns
    -------
    tuple of Slack
        Sorted by days left, then key. Overdue entries have negative slack; entries already
        done and undated ones are left out.

    Raises
    ------
    PlanValidationError
        If the snapshot is of another plan.
    DateValueError
        If ``when`` is a ``datetime`` or not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> import xiaojie as xj
    >>> plan = xj.load_plan()
    >>> [(s.key, s.days) for s in slack(plan, dt.date(2025, 9, 5))[:2]]
    [('local-work-ledgers', -77), ('mobilisation-meetings', -77)]
    >>> [(s.key, s.days) for s in slack(plan, dt.date(2025, 12, 31))][-2:]
    [('poor-area-income-growth#1', 0), ('region-quarterly-briefing@2025-10-01', 0)]

    .. versionadded:: 0.1.0
    """
    _graph, index = _context(source)
    if isinstance(when, Snapshot):
        _check_snapshot(index.plan, when)
        snapshot = when
    else:
        snapshot = status(index.plan, as_of=as_date(when, field="when"))
    found = [
        Slack(entry=e, days=(e.due - snapshot.as_of).days)
        for e in snapshot.entries
        if e.due is not None and not e.state.is_done
    ]
    found.sort(key=lambda s: (s.days, s.key))
    return tuple(found)
