"""How a state is decided: :func:`status` and :func:`item_status` (see :mod:`xiaojie.tracking`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from xiaojie._gc import collector_paused
from xiaojie.dates import Cadence, Period, as_date, is_working_day
from xiaojie.errors import DateValueError
from xiaojie.model import (
    CheckMode,
    Indicator,
    Milestone,
    Obligation,
    Task,
    TrackingMode,
)
from xiaojie.progress import (
    Completion,
    Measurement,
    Occurrence,
    Progress,
)
from xiaojie.tracking._snapshot import (
    Entry,
    EntryKind,
    Result,
    Snapshot,
    State,
    _entry,
    _Rows,
    _sort_entries,
)


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.model import Item, Plan, Target
    from xiaojie.progress import Record


__all__ = ["item_status", "status"]


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _working_day(day: dt.date) -> bool:
    return is_working_day(day)


@attrs.frozen
class _Rules:
    """How dates turn into states for one evaluation."""

    as_of: dt.date
    due_soon_days: int
    is_working_day: Callable[[dt.date], bool] | None
    _schedules: dict[tuple[Cadence, Period], tuple[tuple[Period, dt.date], ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    unrecorded: dict[tuple[Cadence, Period], list[_Window]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    """The windows of obligations with no occurrence recorded, by cadence and active period."""

    def schedule(self, obligation: Obligation) -> tuple[tuple[Period, dt.date], ...]:
        """Return the obligation's windows, each with its due date.

        Kept for each cadence and active period during one evaluation: the obligations of a
        plan share a few cadences (monthly, quarterly …) over the plan's period.
        """
        key = (obligation.cadence, obligation.active)
        found = self._schedules.get(key)
        if found is None:
            cadence = obligation.cadence
            found = tuple((window, cadence.due_in(window)) for window in obligation.windows())
            self._schedules[key] = found
        return found

    def soon(self, due: dt.date) -> bool:
        """Whether ``due`` is ``as_of`` or at most ``due_soon_days`` (working) days after it.

        Working days are counted in ``(as_of, due]``, like
        :func:`xiaojie.dates.count_working_days`, but the count stops as soon as it exceeds the
        due-soon length, so a distant due date never needs calendar data for its year.
        """
        if self.as_of > due:
            return False
        if self.is_working_day is None:
            return (due - self.as_of).days <= self.due_soon_days
        count = 0
        day = self.as_of
        while day < due:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
                if count > self.due_soon_days:
                    return False
        return True

    def pending(self, start: dt.date | None, due: dt.date) -> State:
        """Return the state of something not done, due on ``due``, that may open on ``start``."""
        if self.as_of > due:
            return State.OVERDUE
        if self.soon(due):
            return State.DUE_SOON
        if start is not None and self.as_of >= start:
            return State.IN_WINDOW
        return State.UPCOMING


def _done(done_on: dt.date, start: dt.date | None, due: dt.date) -> tuple[State, str]:
    if done_on > due:
        return State.DONE_LATE, ""
    if start is not None and done_on < start:
        return State.DONE_ON_TIME, f"early: done on {done_on}, before the window opened on {start}"
    return State.DONE_ON_TIME, ""


# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------


def _milestone(plan: Plan, milestone: Milestone, records: Sequence[Record], rules: _Rules) -> Entry:
    done = (
        [r.on for r in records if isinstance(r, Completion) and r.item == milestone.id]
        if records
        else []
    )
    note = ""
    if done:
        state, note = _done(min(done), milestone.when.start, milestone.due)
    else:
        state = rules.pending(milestone.when.start, milestone.due)
    return _entry(
        key=milestone.id,
        item_id=milestone.id,
        kind=EntryKind.MILESTONE,
        title=milestone.title,
        state=state,
        due=milestone.due,
        window=milestone.when,
        owners=plan.owners_of(milestone),
        task=milestone.task,
        done_on=min(done) if done else None,
        note=note,
    )


def _obligation(
    plan: Plan, obligation: Obligation, records: Sequence[Record], rules: _Rules
) -> list[Entry]:
    owners = plan.owners_of(obligation)
    days = (
        sorted(
            (
                (r.on, r.window)
                for r in records
                if isinstance(r, Occurrence) and r.obligation == obligation.id
            ),
            key=lambda day: day[0],
        )
        if records
        else []
    )
    if obligation.tracking is TrackingMode.STANDARD:
        counted = f"; {len(days)} occurrence(s) recorded" if days else ""
        return [
            _entry(
                key=obligation.id,
                item_id=obligation.id,
                kind=EntryKind.OBLIGATION,
                title=obligation.title,
                state=State.ONGOING,
                window=obligation.active,
                owners=owners,
                task=obligation.task,
                note=f"a standard applied case by case ({obligation.cadence.describe()}){counted}",
            )
        ]
    return [
        _entry(
            key=f"{obligation.id}{suffix}",
            item_id=obligation.id,
            kind=EntryKind.OBLIGATION_WINDOW,
            title=obligation.title,
            state=state,
            due=due,
            window=window,
            owners=owners,
            task=obligation.task,
            done_on=done_on,
            note=note,
        )
        for suffix, window, due, state, done_on, note in _windows(obligation, days, rules)
    ]


_Window = tuple[str, Period, dt.date, State, dt.date | None, str]
"""A window's key suffix (``@<start>``), the window, its due date, state, day done and note."""


def _windows(obligation: Obligation, days: Sequence[_Day], rules: _Rules) -> list[_Window]:
    """Return the state of each window of an obligation tracked occurrence by occurrence.

    ``days`` are the days of its occurrences, sorted, each with the window it was reported for
    (``None`` for any). With none, the answer depends on the
    cadence and active period only: it is kept in ``rules`` for the obligations that share them.
    """
    if not days:
        key = (obligation.cadence, obligation.active)
        kept = rules.unrecorded.get(key)
        if kept is None:
            kept = rules.unrecorded[key] = _window_states(obligation, days, rules)
        return kept
    return _window_states(obligation, days, rules)


def _window_states(obligation: Obligation, days: Sequence[_Day], rules: _Rules) -> list[_Window]:
    cadence = obligation.cadence
    found: list[_Window] = []
    schedule = rules.schedule(obligation)
    counted = _counted(days, schedule, cadence.min_count) if days else None
    for number, (window, due) in enumerate(schedule):
        assert window.start is not None  # noqa: S101 - cadence windows have both bounds
        assert window.end is not None  # noqa: S101
        inside = counted[number] if counted is not None else []
        note = ""
        done_on = None
        if not inside and cadence.min_count > 0:  # nothing recorded in the window
            state = rules.pending(window.start, due)
        elif len(inside) >= cadence.min_count:
            done_on = inside[cadence.min_count - 1]
            state, _ = _done(done_on, None, due)
            if cadence.max_count is not None and len(inside) > cadence.max_count:
                note = (
                    f"{len(inside)} occurrences in the window, more than the "
                    f"{cadence.max_count} allowed ({cadence.describe()})"
                )
        else:
            state = rules.pending(window.start, due)
            if inside:
                note = f"{len(inside)} of {cadence.min_count} occurrences recorded"
        found.append((f"@{window.start.isoformat()}", window, due, state, done_on, note))
    return found


_Day = tuple[dt.date, "dt.date | None"]
"""An occurrence's day and the first day of the window it was reported for (``None``: any)."""


def _counted(
    days: Sequence[_Day], schedule: Sequence[tuple[Period, dt.date]], needed: int
) -> list[list[dt.date]]:
    """Return, for each window of ``schedule``, the occurrences of ``days`` that count for it.

    An occurrence reported for a window (``<id>@<window start>``, as a 调度 sheet's row is)
    counts for that window when its day lies in what the window takes, else for none. Any
    other: a window takes the days inside it and, when it is due after its end (次月5日前,
    结束后10日内, a due date moved past a holiday) or before its start (遇节假日提前), the days
    between it and its due date. A day two windows could take goes to the earlier one that
    still needs occurrences (a June report sent on 3 July, due then, is June's; July's own
    comes later), else to the window it lies in. Days no window takes count for none.
    """
    ranges = []
    by_start: dict[dt.date, int] = {}
    for number, (window, due) in enumerate(schedule):
        assert window.start is not None  # noqa: S101 - cadence windows have both bounds
        assert window.end is not None  # noqa: S101
        ranges.append((min(window.start, due), max(window.end, due), window.start, window.end))
        by_start[window.start] = number
    got: list[list[dt.date]] = [[] for _ in ranges]
    for day, pinned in days:
        if pinned is not None:
            number = by_start.get(pinned, -1)
            if number >= 0 and ranges[number][0] <= day <= ranges[number][1]:
                got[number].append(day)
    first = 0  # ranges end in order: those ending before a day take none of the later days
    for day, pinned in days:
        if pinned is not None:
            continue
        while first < len(ranges) and ranges[first][1] < day:
            first += 1
        open_ = []
        for number in range(first, len(ranges)):
            low, high = ranges[number][:2]
            if low > day:
                break
            if day <= high:
                open_.append(number)
        if not open_:
            continue
        wanting = [n for n in open_ if len(got[n]) < needed]
        inside = [n for n in open_ if ranges[n][2] <= day <= ranges[n][3]]
        got[(wanting or inside or open_)[0]].append(day)
    return [sorted(days_of) for days_of in got]


class _Verdict(NamedTuple):
    state: State
    result: Result | None
    measurement: Measurement | None = None
    done_on: dt.date | None = None
    note: str = ""


def _evaluate(target: Target, measurement: Measurement) -> bool | None:
    if target.value is None:
        if measurement.benchmark is None:
            return None
        return target.comparator.holds(measurement.value, measurement.benchmark)
    return target.comparator.holds(measurement.value, target.value)


def _no_benchmark(target: Target, measurement: Measurement) -> str:
    return (
        f"the measurement of {measurement.on} has no benchmark value for "
        f"{target.benchmark!r}; the target is relative to it"
    )


def _summary(
    target: Target, measurements: Sequence[Measurement]
) -> tuple[bool | None, Measurement]:
    """Judge measurements of an ALWAYS target: a violation wins, then an unknown, then met."""
    verdicts = [(_evaluate(target, m), m) for m in measurements]
    for verdict, measurement in verdicts:
        if verdict is False:
            return False, measurement
    for verdict, measurement in verdicts:
        if verdict is None:
            return None, measurement
    return True, measurements[-1]


_RESULTS = {True: Result.MET, False: Result.NOT_MET}


def _result(verdict: bool | None) -> Result | None:  # noqa: FBT001 - a verdict, not a switch
    return None if verdict is None else _RESULTS[verdict]


def _undated_target(target: Target, check: CheckMode, ms: Sequence[Measurement]) -> _Verdict:
    if not ms:
        return _Verdict(State.ONGOING, Result.NOT_REPORTED)
    if check is CheckMode.ALWAYS:
        verdict, deciding = _summary(target, ms)
    else:
        deciding = ms[-1]
        verdict = _evaluate(target, deciding)
    if verdict is None:
        return _Verdict(State.UNKNOWN, None, deciding, note=_no_benchmark(target, deciding))
    return _Verdict(State.ONGOING, _result(verdict), deciding, note=f"as measured on {deciding.on}")


def _dated_target(
    target: Target, check: CheckMode, ms: Sequence[Measurement], rules: _Rules
) -> _Verdict:
    assert target.due is not None  # noqa: S101 - the caller checks
    assert target.due.end is not None  # noqa: S101 - targets' due periods have an end
    start, due = target.due.start, target.due.end
    counted = [m for m in ms if start is None or m.on >= start]
    in_time = [m for m in counted if m.on <= due]
    late = [m for m in counted if m.on > due]
    if not in_time:
        return _unreported_target(target, late, rules, start, due)
    if check is CheckMode.ALWAYS:
        verdict, deciding = _summary(target, in_time)
    else:
        deciding = in_time[-1]
        verdict = _evaluate(target, deciding)
    if rules.as_of <= due:
        pending = rules.pending(start, due)
        if verdict is None:
            note = _no_benchmark(target, deciding)
            if check is CheckMode.ALWAYS:
                return _Verdict(pending, None, deciding, note=note)
            return _Verdict(State.UNKNOWN, None, deciding, note=note)
        if verdict and check is CheckMode.AT_DUE:
            return _Verdict(State.DONE_ON_TIME, Result.MET, deciding, deciding.on)
        return _Verdict(pending, _result(verdict), deciding)
    if verdict is None:
        return _Verdict(State.UNKNOWN, None, deciding, note=_no_benchmark(target, deciding))
    if verdict:
        return _Verdict(State.DONE_ON_TIME, Result.MET, deciding, in_time[-1].on)
    if target.soft:
        note = "soft (力争) target not met; reported on time, so not overdue"
        return _Verdict(State.DONE_ON_TIME, Result.NOT_MET, deciding, in_time[-1].on, note)
    if check is CheckMode.ALWAYS:
        # A violation before the due date is final: later values do not undo it.
        return _Verdict(State.OVERDUE, Result.NOT_MET, deciding)
    met_late = next((m for m in late if _evaluate(target, m) is True), None)
    if met_late is not None:
        return _Verdict(State.DONE_LATE, Result.MET, met_late, met_late.on)
    return _Verdict(State.OVERDUE, Result.NOT_MET, late[-1] if late else deciding)


def _unreported_target(
    target: Target,
    late: Sequence[Measurement],
    rules: _Rules,
    start: dt.date | None,
    due: dt.date,
) -> _Verdict:
    """Judge a dated target with no measurement that counts on or before its due date."""
    if rules.as_of <= due:
        return _Verdict(rules.pending(start, due), Result.NOT_REPORTED)
    if not late:
        return _Verdict(State.OVERDUE, Result.NOT_REPORTED)
    met_late = next((m for m in late if _evaluate(target, m) is True), None)
    evaluable = [m for m in late if _evaluate(target, m) is not None]
    if met_late is not None:
        state = State.DONE_LATE
        done_on = late[0].on if target.soft else met_late.on
        return _Verdict(state, Result.MET, met_late, done_on)
    if evaluable:
        if target.soft:
            return _Verdict(State.DONE_LATE, Result.NOT_MET, evaluable[-1], late[0].on)
        return _Verdict(State.OVERDUE, Result.NOT_MET, evaluable[-1])
    note = _no_benchmark(target, late[-1])
    if target.soft:
        return _Verdict(State.DONE_LATE, None, late[-1], late[0].on, note)
    return _Verdict(State.OVERDUE, None, late[-1], note=note)


def _indicator(
    plan: Plan, indicator: Indicator, records: Sequence[Record], rules: _Rules
) -> list[Entry]:
    owners = plan.owners_of(indicator)
    measurements = (
        [r for r in records if isinstance(r, Measurement) and r.indicator == indicator.id]
        if records
        else []
    )
    entries = []
    for number, target in enumerate(indicator.targets):
        ms = [m for m in measurements if m.target in {None, number}] if measurements else []
        if target.due is None:
            verdict = _undated_target(target, indicator.check, ms)
        else:
            verdict = _dated_target(target, indicator.check, ms, rules)
        note = verdict.note
        if target.soft and not note and verdict.result is not Result.MET:
            note = "soft (力争) target: reported, never failed"
        entries.append(
            _entry(
                key=f"{indicator.id}#{number}",
                item_id=indicator.id,
                kind=EntryKind.TARGET,
                title=f"{indicator.name}:{target.describe()}",
                state=verdict.state,
                due=target.due.end if target.due is not None else None,
                window=target.due,
                owners=owners,
                task=indicator.task,
                done_on=verdict.done_on,
                result=verdict.result,
                value=verdict.measurement.value if verdict.measurement is not None else None,
                soft=target.soft,
                note=note,
            )
        )
    return entries


def _task(plan: Plan, task: Task, records: Sequence[Record]) -> list[Entry]:
    if task.number in plan.tasks_with_dated_items():
        return []
    return [_task_duty(plan, task, records)]


def _task_duty(plan: Plan, task: Task, records: Sequence[Record]) -> Entry:
    """Return the entry of a task that has no dated item: its duty as a whole."""
    key = task.id
    done = [r.on for r in records if isinstance(r, Completion) and r.item == key] if records else []
    return _entry(
        key=key,
        item_id=key,
        kind=EntryKind.TASK_DUTY,
        title=task.title,
        state=State.DONE_ON_TIME if done else State.ONGOING,
        owners=plan.owners_of(task),
        task=task.number,
        done_on=min(done) if done else None,
    )


def _entries(
    plan: Plan, item: Item | Task, records: Sequence[Record], rules: _Rules
) -> list[Entry]:
    if isinstance(item, Milestone):
        return [_milestone(plan, item, records, rules)]
    if isinstance(item, Obligation):
        return _obligation(plan, item, records, rules)
    if isinstance(item, Indicator):
        return _indicator(plan, item, records, rules)
    return _task(plan, item, records)


def _rules(as_of: Any, due_soon_days: Any, *, working_days: bool) -> _Rules:  # noqa: ANN401
    day = as_date(as_of, field="as_of")
    if isinstance(due_soon_days, bool) or not isinstance(due_soon_days, int) or due_soon_days < 0:
        msg = f"due_soon_days: expected a non-negative integer, found {due_soon_days!r}"
        raise DateValueError(msg)
    return _Rules(day, due_soon_days, _working_day if working_days else None)


def _known(progress: Progress | None, as_of: dt.date) -> tuple[Record, ...]:
    if progress is None:
        return ()
    return tuple(r for r in progress if r.on <= as_of)


def item_status(
    plan: Plan,
    item: Item | Task,
    progress: Progress | None = None,
    *,
    as_of: dt.date,
    due_soon_days: int = 7,
    working_days: bool = False,
) -> tuple[Entry, ...]:
    """Return the entries of one item of ``plan`` as of a date, sorted like a snapshot's.

    :func:`status` is this function applied to every milestone, obligation, indicator and task
    of the plan. Records of other items are ignored (they are not checked against the plan).

    Parameters
    ----------
    plan
        The plan the item belongs to (for owners and for a task's dated items).
    item
        A milestone, obligation, indicator or task of ``plan``.
    progress
        What was done; ``None`` means nothing.
    as_of
        The date of the status (keyword only; never today's date by default).
    due_soon_days
        How many days before a due date an entry is due soon.
    working_days
        Count ``due_soon_days`` in working days of the official calendar.

    Returns
    -------
    tuple of Entry
        One entry for a milestone, standard obligation or task duty; one per window or target;
        none for a task that has dated items (its items carry its state).

    Raises
    ------
    DateValueError
        If ``as_of`` is not a date or ``due_soon_days`` is negative.
    CalendarCoverageError
        If ``working_days`` is asked for a year the official calendar does not cover.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.progress import Completion, Progress
    >>> plan = load_plan()
    >>> meeting = plan.item("resident-work-meeting")
    >>> [e.state for e in item_status(plan, meeting, as_of=dt.date(2025, 7, 31))]
    [<State.DUE_SOON: 'due_soon'>]
    >>> [e.state for e in item_status(plan, meeting, as_of=dt.date(2025, 8, 1))]
    [<State.OVERDUE: 'overdue'>]
    >>> done = Progress([Completion("resident-work-meeting", "2025-07-31")])
    >>> [e.state for e in item_status(plan, meeting, done, as_of=dt.date(2026, 1, 1))]
    [<State.DONE_ON_TIME: 'done_on_time'>]

    .. versionadded:: 0.1.0
    """
    rules = _rules(as_of, due_soon_days, working_days=working_days)
    records = _known(progress, rules.as_of)
    return _sort_entries(_entries(plan, item, records, rules))


def status(
    plan: Plan,
    progress: Progress | None = None,
    *,
    as_of: dt.date,
    due_soon_days: int = 7,
    working_days: bool = False,
) -> Snapshot:
    """Return the state of every entry of ``plan`` as of a date.

    A pure function of its arguments: it never reads the clock. Progress records dated after
    ``as_of`` are ignored. The rules are in this module's documentation and in
    ``docs/progress.md``.

    Parameters
    ----------
    plan
        The plan.
    progress
        What was done; ``None`` means nothing was done. It is checked against the plan first.
    as_of
        The date of the status (keyword only).
    due_soon_days
        How many days before a due date an entry is due soon (the due date included); 0 means
        only on the due date itself.
    working_days
        Count ``due_soon_days`` in working days of the official calendar (调休 included).

    Returns
    -------
    Snapshot
        Every state is decided here; each :class:`Entry` is made when first read (a report
        that counts and lists a few of hundreds of thousands of entries makes only those).

    Raises
    ------
    ProgressError
        If a record does not fit the plan (unknown item, wrong kind …); every problem is listed.
    DateValueError
        If ``as_of`` is not a date (a ``datetime`` is refused) or ``due_soon_days`` is negative.
    CalendarCoverageError
        If ``working_days`` is asked for a year the official calendar does not cover.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> status(plan, as_of=dt.date(2025, 6, 1)).overdue()
    ()
    >>> snap = status(plan, as_of=dt.date(2025, 8, 1))
    >>> snap.entry("resident-work-meeting").state
    <State.OVERDUE: 'overdue'>
    >>> snap.entry("asset-revitalisation-rate#0").result
    <Result.NOT_REPORTED: 'not_reported'>
    >>> status(plan, as_of=dt.datetime(2025, 8, 1, 9, 30))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: as_of: expected a date, found a datetime '2025-08-01T09:30:00'

    .. versionadded:: 0.1.0
    """
    rules = _rules(as_of, due_soon_days, working_days=working_days)
    if progress is not None:
        progress.validate(plan)
    records = _known(progress, rules.as_of)
    by_item: dict[str, list[Record]] = {}
    for record in records:
        key = record.item.partition("#")[0].partition("@")[0]
        by_item.setdefault(key, []).append(record)
    rows: list[tuple[Any, ...]] = []
    made: dict[int, Entry] = {}
    dated: set[int | None] = set()  # Plan.tasks_with_dated_items(), found on the way
    with collector_paused():  # hundreds of thousands of tuples, none in a cycle
        _milestone_rows(plan, by_item, rules, rows=rows, made=made, dated=dated)
        _obligation_rows(plan, by_item, rules, rows=rows, made=made, dated=dated)
        _indicator_rows(plan, by_item, rules, rows=rows, made=made, dated=dated)
        _task_rows(plan, by_item, rows=rows, made=made, dated=dated)
    return Snapshot._of_rows(  # noqa: SLF001 - the snapshot's maker
        _Rows(plan, rows, made),
        as_of=rules.as_of,
        plan_id=plan.id,
        tasks=tuple(t.number for t in plan.tasks),
        due_soon_days=due_soon_days,
        working_days=working_days,
        progress_records=len(records),
    )


# --------------------------------------------------------------------------------------------
# Rows: what status() makes, kind by kind (see _snapshot._Rows)
# --------------------------------------------------------------------------------------------
#
# An item with records of its own is judged by the functions above (_milestone, _obligation …),
# whose entry is kept with its row. An item with none is judged here in a few comparisons,
# by the same rules (a property test compares both ways on generated plans and dates).


def _keep(
    rows: list[tuple[Any, ...]], made: dict[int, Entry], entry: Entry, source: object
) -> None:
    """Add the row of an entry already made (``source``: the task or item of its owners)."""
    place = len(rows)
    made[place] = entry
    rows.append(
        (
            entry.key,
            entry.item_id,
            entry.kind,
            entry.title,
            entry.state,
            entry.due,
            entry.window,
            source,
            entry.task,
            entry.done_on,
            entry.result,
            entry.value,
            entry.soft,
            entry.note,
            place,
        )
    )


def _soon_until(rules: _Rules) -> dt.date | None:
    """Return the last due date that is due soon as of ``rules.as_of`` in calendar days.

    ``None`` when due soon is counted in working days (then :meth:`_Rules.pending` decides).
    """
    if rules.is_working_day is not None:
        return None
    try:
        return rules.as_of + dt.timedelta(days=rules.due_soon_days)
    except OverflowError:  # past the last day there is: every later due date is due soon
        return dt.date.max


def _milestone_rows(
    plan: Plan,
    by_item: dict[str, list[Record]],
    rules: _Rules,
    *,
    rows: list[tuple[Any, ...]],
    made: dict[int, Entry],
    dated: set[int | None],
) -> None:
    as_of, until, pending, add = rules.as_of, _soon_until(rules), rules.pending, rows.append
    kind = EntryKind.MILESTONE
    overdue, soon, open_, upcoming = State.OVERDUE, State.DUE_SOON, State.IN_WINDOW, State.UPCOMING
    dated.update(m.task for m in plan.milestones)  # every milestone is a dated item
    for milestone in plan.milestones:
        own = by_item.get(milestone.id)
        if own:
            _keep(rows, made, _milestone(plan, milestone, own, rules), milestone)
            continue
        due, when = milestone.due, milestone.when
        start = when.start
        if until is None:
            state = pending(start, due)
        elif as_of > due:
            state = overdue
        elif due <= until:
            state = soon
        elif start is not None and as_of >= start:
            state = open_
        else:
            state = upcoming
        add(
            (
                milestone.id,
                milestone.id,
                kind,
                milestone.title,
                state,
                due,
                when,
                milestone,
                milestone.task,
                None,
                None,
                None,
                False,
                "",
                len(rows),
            )
        )


def _obligation_rows(
    plan: Plan,
    by_item: dict[str, list[Record]],
    rules: _Rules,
    *,
    rows: list[tuple[Any, ...]],
    made: dict[int, Entry],
    dated: set[int | None],
) -> None:
    add = rows.append
    kind = EntryKind.OBLIGATION_WINDOW
    reported = TrackingMode.REPORTED
    for obligation in plan.obligations:
        if obligation.tracking is reported:  # tracked window by window: a dated item
            dated.add(obligation.task)
        own = by_item.get(obligation.id)
        if own or obligation.tracking is TrackingMode.STANDARD:
            for entry in _obligation(plan, obligation, own or (), rules):
                _keep(rows, made, entry, obligation)
            continue
        ident, title, task = obligation.id, obligation.title, obligation.task
        for suffix, window, due, state, done_on, note in _windows(obligation, (), rules):
            add(
                (
                    ident + suffix,
                    ident,
                    kind,
                    title,
                    state,
                    due,
                    window,
                    obligation,
                    task,
                    done_on,
                    None,
                    None,
                    False,
                    note,
                    len(rows),
                )
            )


_SOFT_NOTE = "soft (力争) target: reported, never failed"


def _indicator_rows(
    plan: Plan,
    by_item: dict[str, list[Record]],
    rules: _Rules,
    *,
    rows: list[tuple[Any, ...]],
    made: dict[int, Entry],
    dated: set[int | None],
) -> None:
    as_of, until, pending, add = rules.as_of, _soon_until(rules), rules.pending, rows.append
    kind, unreported = EntryKind.TARGET, Result.NOT_REPORTED
    overdue, soon, open_, upcoming = State.OVERDUE, State.DUE_SOON, State.IN_WINDOW, State.UPCOMING
    ongoing = State.ONGOING
    for indicator in plan.indicators:
        own = by_item.get(indicator.id)
        if own:
            if any(t.due is not None for t in indicator.targets):  # a dated target: dated
                dated.add(indicator.task)
            for entry in _indicator(plan, indicator, own, rules):
                _keep(rows, made, entry, indicator)
            continue
        ident, name, task = indicator.id, indicator.name, indicator.task
        for number, target in enumerate(indicator.targets):
            # _undated_target or _unreported_target, with no measurement
            span = target.due
            if span is None:
                due = None
                state = ongoing
            else:
                dated.add(task)  # a dated target: the indicator is a dated item
                due, start = span.end, span.start
                assert due is not None  # noqa: S101 - targets' due periods have an end
                if as_of > due:
                    state = overdue
                elif until is None:
                    state = pending(start, due)
                elif due <= until:
                    state = soon
                elif start is not None and as_of >= start:
                    state = open_
                else:
                    state = upcoming
            soft = target.soft
            add(
                (
                    f"{ident}#{number}",
                    ident,
                    kind,
                    f"{name}:{target.describe()}",
                    state,
                    due,
                    span,
                    indicator,
                    task,
                    None,
                    unreported,
                    None,
                    soft,
                    _SOFT_NOTE if soft else "",
                    len(rows),
                )
            )


def _task_rows(
    plan: Plan,
    by_item: dict[str, list[Record]],
    *,
    rows: list[tuple[Any, ...]],
    made: dict[int, Entry],
    dated: set[int | None],
) -> None:
    """Add the rows of the tasks with no dated item (``dated``: the tasks that have one)."""
    add = rows.append
    kind, ongoing = EntryKind.TASK_DUTY, State.ONGOING
    for task in plan.tasks:
        if task.number in dated:
            continue
        key = task.id
        own = by_item.get(key)
        if own:
            _keep(rows, made, _task_duty(plan, task, own), task)
            continue
        add(
            (
                key,
                key,
                kind,
                task.title,
                ongoing,
                None,
                None,
                task,
                task.number,
                None,
                None,
                None,
                False,
                "",
                len(rows),
            )
        )
