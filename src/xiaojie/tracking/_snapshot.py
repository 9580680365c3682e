"""What status is made of: states, results, entries and the snapshot that holds them."""

from __future__ import annotations

import collections
import datetime as dt
import enum
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from xiaojie._records import records
from xiaojie.dates import Period, as_date
from xiaojie.errors import UnknownItemError
from xiaojie.model import (
    Owner,
    Task,
)


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from xiaojie._records import Records


__all__ = ["Entry", "EntryKind", "Result", "Snapshot", "State"]


class State(enum.StrEnum):
    """The state of an entry as of a date.

    Examples
    --------
    >>> State.OVERDUE.severity > State.DUE_SOON.severity > State.DONE_ON_TIME.severity
    True
    >>> State.worst([State.DONE_ON_TIME, State.IN_WINDOW, State.UPCOMING])
    <State.IN_WINDOW: 'in_window'>
    >>> State.worst([])
    <State.ONGOING: 'ongoing'>
    >>> State.DONE_LATE.is_done, State.ONGOING.is_done
    (True, False)

    .. versionadded:: 0.1.0
    """

    UPCOMING = "upcoming"
    """Dated, not done, and not yet open or due soon."""
    IN_WINDOW = "in_window"
    """Inside its window and not yet due soon."""
    DUE_SOON = "due_soon"
    """Not done, and the due date is at most ``due_soon_days`` away (the due date included)."""
    OVERDUE = "overdue"
    """Not done, and the due date has passed."""
    DONE_ON_TIME = "done_on_time"
    """Done on or before the due date (or an undated duty completed)."""
    DONE_LATE = "done_late"
    """Done after the due date."""
    ONGOING = "ongoing"
    """An undated duty or measure: never due, never overdue."""
    UNKNOWN = "unknown"
    """Cannot be decided from the records (a relative target measured without its benchmark)."""

    @property
    def severity(self) -> int:
        """How bad the state is, for "worst wins" roll-ups: 0 (done on time) to 7 (overdue).

        The order, worst first: ``OVERDUE``, ``UNKNOWN``, ``DUE_SOON``, ``IN_WINDOW``,
        ``UPCOMING``, ``ONGOING``, ``DONE_LATE``, ``DONE_ON_TIME``.
        """
        return _SEVERITY[self]

    @property
    def is_done(self) -> bool:
        """Whether the state is ``DONE_ON_TIME`` or ``DONE_LATE``."""
        return self in {State.DONE_ON_TIME, State.DONE_LATE}

    @property
    def label(self) -> str:
        """A short Chinese label: 未到期, 进行中, 即将到期, 已逾期, 按时完成, 逾期完成, 持续推进, 待核实."""
        return _LABELS[self]

    @classmethod
    def worst(cls, states: Iterable[State]) -> State:
        """Return the most severe of ``states``; ``ONGOING`` when there are none."""
        return max(states, key=lambda s: s.severity, default=cls.ONGOING)


_SEVERITY = {
    State.DONE_ON_TIME: 0,
    State.DONE_LATE: 1,
    State.ONGOING: 2,
    State.UPCOMING: 3,
    State.IN_WINDOW: 4,
    State.DUE_SOON: 5,
    State.UNKNOWN: 6,
    State.OVERDUE: 7,
}

_SEVERITY_BY_ID = {id(state): severity for state, severity in _SEVERITY.items()}
""":data:`_SEVERITY` keyed by each member's identity (an enum member's hash is a Python call)."""
_STATE_OF = operator.attrgetter("state")

_LABELS = {
    State.UPCOMING: "未到期",
    State.IN_WINDOW: "进行中",
    State.DUE_SOON: "即将到期",
    State.OVERDUE: "已逾期",
    State.DONE_ON_TIME: "按时完成",
    State.DONE_LATE: "逾期完成",
    State.ONGOING: "持续推进",
    State.UNKNOWN: "待核实",
}


class Result(enum.StrEnum):
    """Whether an indicator target is met, from the measurements that count for it.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> status(load_plan(), as_of=dt.date(2025, 8, 1)).entry("spending-progress#0").result
    <Result.NOT_REPORTED: 'not_reported'>

    .. versionadded:: 0.1.0
    """

    MET = "met"
    NOT_MET = "not_met"
    NOT_REPORTED = "not_reported"


class EntryKind(enum.StrEnum):
    """What an entry tracks.

    .. versionadded:: 0.1.0
    """

    MILESTONE = "milestone"
    """A milestone: a deadline or an event in a window."""
    OBLIGATION_WINDOW = "obligation_window"
    """One cadence window of a recurring obligation tracked occurrence by occurrence."""
    OBLIGATION = "obligation"
    """A recurring obligation that is a standard of service: one ongoing entry."""
    TARGET = "target"
    """One target of an indicator."""
    TASK_DUTY = "task_duty"
    """A task with no dated item: its duty as a whole."""


def _owners(value: Iterable[Owner]) -> tuple[Owner, ...]:
    return value if type(value) is tuple else tuple(value)


def _kind(value: str) -> EntryKind:
    return value if type(value) is EntryKind else EntryKind(value)


def _state(value: str) -> State:
    return value if type(value) is State else State(value)


@attrs.frozen(kw_only=True)
class Entry:
    """One tracked thing of a plan and its state as of a date.

    Parameters
    ----------
    key
        Unique in the snapshot: a milestone's id, ``<obligation-id>@<window start>``,
        ``<indicator-id>#<target index>`` or ``task-N``.
    item_id
        The plan item it comes from (``task-N`` for a task duty).
    kind
        What it tracks.
    title
        What is to be done, in the plan's words.
    state
        Its state as of the snapshot's date.
    due
        The due date, or ``None`` for undated entries.
    window
        The period it concerns: a milestone's or target's period (its start is ``None`` for a
        pure deadline), an obligation's window, a standard's active period; ``None`` if undated.
    owners
        Who answers for it (:meth:`Plan.owners_of`).
    task
        The number of the task it belongs to, if any.
    done_on
        The day it was done (for a target: the day of the measurement that met it).
    result
        For targets: met, not met or not reported; ``None`` for other entries and for targets
        whose deciding measurement cannot be evaluated.
    value
        For targets: the value of the measurement the result comes from.
    soft
        Whether the target is a soft (力争) one.
    note
        Why the state is what it is, when that is not obvious (early, more occurrences than
        allowed, a missing benchmark …).

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> entry = status(load_plan(), as_of=dt.date(2025, 8, 1)).entry("onsite-promotion-meeting")
    >>> entry.kind, entry.state, entry.due, entry.window.start
    (<EntryKind.MILESTONE: 'milestone'>, <State.OVERDUE: 'overdue'>, datetime.date(2025, 7, 20), datetime.date(2025, 7, 11))
    >>> status(load_plan(), as_of=dt.date(2025, 8, 1)).entry("task-1").due is None
    True

    .. versionadded:: 0.1.0
    """

    key: str
    item_id: str
    kind: EntryKind = attrs.field(converter=_kind)
    title: str
    state: State = attrs.field(converter=_state)
    due: dt.date | None = None
    window: Period | None = None
    owners: tuple[Owner, ...] = attrs.field(default=(), converter=_owners)
    task: int | None = None
    done_on: dt.date | None = None
    result: Result | None = None
    value: float | None = None
    soft: bool = False
    note: str = ""

    @property
    def is_dated(self) -> bool:
        """Whether the entry has a due date."""
        return self.due is not None

    def __str__(self) -> str:
        due = f" (due {self.due})" if self.due is not None else ""
        return f"{self.key}: {self.state}{due}"


def _setters() -> tuple[Callable[[Entry, Any], None], ...]:
    return tuple(getattr(Entry, field.name).__set__ for field in attrs.fields(Entry))


(
    _set_key,
    _set_item_id,
    _set_kind,
    _set_title,
    _set_state,
    _set_due,
    _set_window,
    _set_owners,
    _set_task,
    _set_done_on,
    _set_result,
    _set_value,
    _set_soft,
    _set_note,
) = _setters()
_NEW = object.__new__


def _entry(
    *,
    key: str,
    item_id: str,
    kind: EntryKind,
    title: str,
    state: State,
    due: dt.date | None = None,
    window: Period | None = None,
    owners: tuple[Owner, ...] = (),
    task: int | None = None,
    done_on: dt.date | None = None,
    result: Result | None = None,
    value: float | None = None,
    soft: bool = False,
    note: str = "",
) -> Entry:
    """Return the :class:`Entry` of these fields, given as the types they hold (no conversion).

    For :func:`xiaojie.tracking.status`, which makes hundreds of thousands of entries: each
    field's slot is set directly, at half the cost of the frozen class's ``__init__``.
    """
    entry: Entry = _NEW(Entry)
    _set_key(entry, key)
    _set_item_id(entry, item_id)
    _set_kind(entry, kind)
    _set_title(entry, title)
    _set_state(entry, state)
    _set_due(entry, due)
    _set_window(entry, window)
    _set_owners(entry, owners)
    _set_task(entry, task)
    _set_done_on(entry, done_on)
    _set_result(entry, result)
    _set_value(entry, value)
    _set_soft(entry, soft)
    _set_note(entry, note)
    return entry


_BY_KEY = operator.attrgetter("key")
_BY_DUE = operator.attrgetter("due")


def _sort_entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    """Return the entries sorted by ``(due or date.max, key)``.

    Sorted by key, then (the sort is stable) by due date, each by an attribute: much quicker on
    hundreds of thousands of entries than one sort by a pair made for each.
    """
    dated: list[Entry] = []
    last: list[Entry] = []  # undated, or due on the last day there is: by key alone
    latest = dt.date.max
    for entry in value:
        due = entry.due
        (last if due is None or due == latest else dated).append(entry)
    dated.sort(key=_BY_KEY)
    dated.sort(key=_BY_DUE)
    last.sort(key=_BY_KEY)
    dated.extend(last)
    return tuple(dated)


_ROW_KEY = operator.itemgetter(0)
_ROW_DUE = operator.itemgetter(5)
_ROW_STATE = operator.itemgetter(4)
_ROW_TASK = operator.itemgetter(8)


class _Rows:
    """The entries of a snapshot made by :func:`~xiaojie.tracking.status`, as plain tuples.

    A row holds an entry's fields in :class:`Entry`'s order, except that where the entry holds
    its owners the row holds the plan's task or item they come from, and a last field gives
    the row's place. An :class:`Entry` is made for a row when it is first asked for (and kept):
    a plan of 100,000 tasks has hundreds of thousands of entries, of which a report reads
    a few columns and shows a few rows.
    """

    __slots__ = (
        "_by_list",
        "_by_state",
        "_by_task",
        "_made",
        "_owners_of",
        "_sorted",
        "plan",
        "rows",
    )

    def __init__(self, plan: Any, rows: list[tuple[Any, ...]], made: dict[int, Entry]) -> None:  # noqa: ANN401
        self.plan = plan
        self.rows = rows
        self._owners_of: Callable[[Any], tuple[Owner, ...]] = plan.owners_of
        self._made: list[Entry | None] = [None] * len(rows)
        for place, entry in made.items():
            self._made[place] = entry
        self._sorted: list[tuple[Any, ...]] | None = None
        self._by_state: dict[int, list[tuple[Any, ...]]] | None = None
        self._by_list: dict[int, tuple[tuple[Any, ...], tuple[Owner, ...]]] = {}
        self._by_task: dict[int, tuple[tuple[Any, ...], tuple[Owner, ...]]] = {}

    def owners(self, source: Any) -> tuple[Owner, ...]:  # noqa: ANN401 - a task or an item
        """Return :meth:`Plan.owners_of(source) <xiaojie.model.Plan.owners_of>`, once per list.

        The plan's rule: an item's owners are the owners it lists, else its task's; a task's
        come from its responsibilities. So items that list the same owners, and tasks (and the
        items that inherit from them) that hold the same list of responsibilities, share one
        answer (lists compared by identity: a plan file's repeated lists are one object).
        """
        if isinstance(source, Task):
            duties = source.responsibilities
        else:
            listed = source.owners
            if listed:
                kept = self._by_list.get(id(listed))
                if kept is None or kept[0] is not listed:
                    kept = self._by_list[id(listed)] = (listed, self._owners_of(source))
                return kept[1]
            if source.task is None:
                return ()
            duties = self.plan.task(source.task).responsibilities
        kept = self._by_task.get(id(duties))
        if kept is None or kept[0] is not duties:
            kept = self._by_task[id(duties)] = (duties, self._owners_of(source))
        return kept[1]

    def entry(self, row: tuple[Any, ...]) -> Entry:
        """Return the entry of ``row`` (made once)."""
        place: int = row[14]
        made: Entry | None = self._made[place]
        if made is None:
            made = _NEW(Entry)
            _set_key(made, row[0])
            _set_item_id(made, row[1])
            _set_kind(made, row[2])
            _set_title(made, row[3])
            _set_state(made, row[4])
            _set_due(made, row[5])
            _set_window(made, row[6])
            _set_owners(made, self.owners(row[7]))
            _set_task(made, row[8])
            _set_done_on(made, row[9])
            _set_result(made, row[10])
            _set_value(made, row[11])
            _set_soft(made, row[12])
            _set_note(made, row[13])
            self._made[place] = made
        return made

    def entries(self, rows: Iterable[tuple[Any, ...]]) -> tuple[Entry, ...]:
        """Return the entries of ``rows``, in their order."""
        return tuple(map(self.entry, rows))

    def in_state(self, state: State) -> list[tuple[Any, ...]]:
        """Return the rows in ``state``, in the order they were made (all sorted out at once)."""
        if self._by_state is None:
            by_state: dict[int, list[tuple[Any, ...]]] = {id(s): [] for s in State}
            for row in self.rows:
                by_state[id(row[4])].append(row)
            self._by_state = by_state
        return self._by_state[id(state)]

    def ordered(self) -> list[tuple[Any, ...]]:
        """Return every row in snapshot order (sorted once)."""
        if self._sorted is None:
            self._sorted = _sort_rows(self.rows)
        return self._sorted

    def select(self, rows: list[tuple[Any, ...]]) -> tuple[Entry, ...]:
        """Return the entries of some rows (in the order they were made) in snapshot order."""
        return self.entries(_sort_rows(rows))


def _sort_rows(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Return rows sorted as :func:`_sort_entries` sorts entries."""
    dated: list[tuple[Any, ...]] = []
    last: list[tuple[Any, ...]] = []
    latest = dt.date.max
    for row in rows:
        due = row[5]
        (last if due is None or due == latest else dated).append(row)
    dated.sort(key=_ROW_KEY)
    dated.sort(key=_ROW_DUE)
    last.sort(key=_ROW_KEY)
    dated.extend(last)
    return dated


_FIELD_PLACES = {name: place for place, name in enumerate(attrs.fields_dict(Entry))}


class EntryView(Sequence[Entry]):
    """Some entries of a snapshot, in snapshot order, each made when read (for reports).

    A report of a large plan counts and sorts hundreds of thousands of entries but shows a
    few: it reads fields of all of them (:meth:`column`) and makes only those it shows. Made
    from rows of :func:`~xiaojie.tracking.status`, or from entries already made.
    """

    __slots__ = ("_entries", "_picked", "_rows")

    def __init__(
        self,
        entries: tuple[Entry, ...] = (),
        rows: _Rows | None = None,
        picked: list[tuple[Any, ...]] | None = None,
    ) -> None:
        self._entries = entries
        self._rows = rows
        self._picked: list[tuple[Any, ...]] = picked or []

    def __len__(self) -> int:
        return len(self._picked) if self._rows is not None else len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...

    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        rows = self._rows
        if rows is None:
            return self._entries[index]
        if isinstance(index, slice):
            return rows.entries(self._picked[index])
        return rows.entry(self._picked[index])

    def __iter__(self) -> Iterator[Entry]:
        rows = self._rows
        return iter(self._entries) if rows is None else map(rows.entry, self._picked)

    def column(self, name: str) -> list[Any]:
        """Return one field of every entry, in order (not ``owners``: made with the entry)."""
        if self._rows is None:
            return [getattr(e, name) for e in self._entries]
        if name == "owners":
            return [e.owners for e in self]
        return list(map(operator.itemgetter(_FIELD_PLACES[name]), self._picked))


def _tasks(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(value))


_ENTRY_COLUMNS = (
    ("as_of", "date"),
    ("key", "str"),
    ("item_id", "str"),
    ("kind", "str"),
    ("title", "str"),
    ("state", "str"),
    ("due", "date"),
    ("window_start", "date"),
    ("window_end", "date"),
    ("owners", "list"),
    ("owner_ids", "list"),
    ("task", "int"),
    ("done_on", "date"),
    ("result", "str"),
    ("value", "float"),
    ("soft", "bool"),
    ("note", "str"),
)


_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class Snapshot:
    """The state of every entry of a plan as of one date.

    Parameters
    ----------
    as_of
        The date the states are for.
    plan_id
        The plan's id.
    entries
        The entries, sorted by ``(due or date.max, key)``.
    tasks
        The numbers of every task of the plan (when empty, the tasks the entries name).
    due_soon_days
        The due-soon length used.
    working_days
        Whether the due-soon length was counted in working days.
    progress_records
        How many progress records (dated on or before ``as_of``) the states were computed
        from; 0 means none were given, so every item counts as not done (not compared by ``==``).

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> snap = status(load_plan(), as_of=dt.date(2025, 7, 28))
    >>> [e.key for e in snap.due_soon() if e.kind is EntryKind.MILESTONE]
    ['campaign-training-course', 'resident-work-meeting']
    >>> snap.task_state(18), snap.task_state(11)
    (<State.DUE_SOON: 'due_soon'>, <State.ONGOING: 'ongoing'>)
    >>> snap.entry("no-such-entry")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownItemError: unknown entry 'no-such-entry'; known: ...

    .. versionadded:: 0.1.0
    """

    as_of: dt.date = attrs.field(converter=as_date)
    plan_id: str
    entries: tuple[Entry, ...] = attrs.field(converter=_sort_entries)
    tasks: tuple[int, ...] = attrs.field(default=(), converter=_tasks)
    due_soon_days: int = 7
    working_days: bool = False
    progress_records: int = attrs.field(default=0, eq=False)
    _derived: dict[str, Any] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )
    _rows: _Rows | None = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:  # noqa: ANN401
            # A snapshot made by status() holds rows and makes its entries when first read.
            if name == "entries":
                rows = object.__getattribute__(self, "_rows")
                if rows is not None:
                    entries = rows.entries(rows.ordered())
                    object.__setattr__(self, "entries", entries)
                    return entries
            msg = f"{type(self).__name__!r} object has no attribute {name!r}"
            raise AttributeError(msg)

    @classmethod
    def _of_rows(
        cls,
        rows: _Rows,
        *,
        as_of: dt.date,
        plan_id: str,
        tasks: tuple[int, ...],
        due_soon_days: int,
        working_days: bool,
        progress_records: int,
    ) -> Snapshot:
        """Return the snapshot of ``rows`` (see :class:`_Rows`); its entries are made when read."""
        snapshot: Snapshot = _NEW(cls)
        setter = object.__setattr__
        setter(snapshot, "as_of", as_of)
        setter(snapshot, "plan_id", plan_id)
        setter(snapshot, "tasks", _tasks(tasks))
        setter(snapshot, "due_soon_days", due_soon_days)
        setter(snapshot, "working_days", working_days)
        setter(snapshot, "progress_records", progress_records)
        setter(snapshot, "_derived", {})
        setter(snapshot, "_rows", rows)
        return snapshot

    def derived(self, name: str, make: Callable[[Snapshot], _T]) -> _T:
        """Return ``make(self)``, computed once for this snapshot and kept with it under ``name``.

        A snapshot is frozen, so an index built from it (the entries of each unit, for the
        pages of a document set) stays true while it lives. ``name`` must name one computation;
        treat the value as read-only, as every caller of the same name shares it.

        Examples
        --------
        >>> import datetime as dt
        >>> from xiaojie import load_plan
        >>> from xiaojie.tracking import status
        >>> snap = status(load_plan(), as_of=dt.date(2025, 8, 1))
        >>> snap.derived("late", lambda s: len(s.overdue())) == len(snap.overdue())
        True
        """
        try:
            return self._derived[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[name] = make(self)
            return value

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        rows = self._rows
        return len(rows.rows) if rows is not None else len(self.entries)

    def with_state(self, *states: State) -> tuple[Entry, ...]:
        """Return the entries in any of ``states``, in snapshot order."""
        wanted = frozenset(states)
        name = "with_state:" + ",".join(sorted(wanted))
        rows = self._rows
        if rows is not None and all(type(state) is State for state in wanted):
            if len(wanted) == 1:
                view = self._in_state(next(iter(wanted)))
                return self.derived(name, lambda _: view[:])
            ids = frozenset(map(id, wanted))  # members by identity (no hash of each state)
            return self.derived(
                name, lambda _: rows.select([r for r in rows.rows if id(r[4]) in ids])
            )
        if len(wanted) == 1 and type(only := next(iter(wanted))) is State:
            # a member is itself: no hash of each entry's state (an enum's is a Python call)
            return self.derived(
                name, lambda snap: tuple(e for e in snap.entries if e.state is only)
            )
        return self.derived(name, lambda snap: tuple(e for e in snap.entries if e.state in wanted))

    def _state_rows(self, state: State) -> tuple[Any, list[tuple[Any, ...]], EntryView] | None:
        """Return the plan, rows and entries in ``state`` (in snapshot order), if made by status().

        For the queries that group a snapshot's entries: the row of an entry holds the plan's
        task or item it comes from. ``None`` for a snapshot made of entries.
        """
        rows = self._rows
        if rows is None:
            return None

        def make(_: Snapshot) -> tuple[Any, list[tuple[Any, ...]], EntryView]:
            picked = _sort_rows(rows.in_state(state))
            return rows.plan, picked, EntryView(rows=rows, picked=picked)

        return self.derived(f"rows_in_state:{state}", make)

    def _in_state(self, state: State) -> EntryView:
        """Return :meth:`with_state` of one state as a :class:`EntryView` (entries made when read)."""
        found = self._state_rows(state)
        if found is not None:
            return found[2]
        return self.derived(f"view_in_state:{state}", lambda s: EntryView(s.with_state(state)))

    def _of_kind(self, kind: EntryKind, *, ordered: bool = True) -> EntryView:
        """Return :meth:`of_kind` as a :class:`EntryView` (entries made when read).

        With ``ordered=False``, entries of a status made by :func:`status` come in the order
        they were made (for a caller that sorts them by unique keys of its own).
        """
        rows = self._rows
        if rows is None or type(kind) is not EntryKind:
            return EntryView(self.of_kind(kind))
        picked = [r for r in rows.rows if r[2] is kind]
        return EntryView(rows=rows, picked=_sort_rows(picked) if ordered else picked)

    def _open_between(self, first: dt.date, last: dt.date) -> tuple[Entry, ...]:
        """Return the entries not done whose due date is in ``[first, last]``, in snapshot order."""
        rows = self._rows
        if rows is None:
            return tuple(
                e
                for e in self.entries
                if e.due is not None and first <= e.due <= last and not e.state.is_done
            )
        done = {id(State.DONE_ON_TIME), id(State.DONE_LATE)}
        return rows.select(
            [
                r
                for r in rows.rows
                if (due := r[5]) is not None and first <= due <= last and id(r[4]) not in done
            ]
        )

    def overdue(self) -> tuple[Entry, ...]:
        """Return the overdue entries, earliest due first."""
        return self.with_state(State.OVERDUE)

    def due_soon(self) -> tuple[Entry, ...]:
        """Return the entries due soon, earliest due first."""
        return self.with_state(State.DUE_SOON)

    def not_met(self) -> tuple[Entry, ...]:
        """Return the hard targets whose result is ``NOT_MET`` (soft 力争 targets are left out)."""
        rows = self._rows
        if rows is not None:
            met = Result.NOT_MET
            return rows.select([r for r in rows.rows if r[10] is met and not r[12]])
        return tuple(e for e in self.entries if e.result is Result.NOT_MET and not e.soft)

    def of_kind(self, kind: EntryKind) -> tuple[Entry, ...]:
        """Return the entries of one kind, in snapshot order.

        Examples
        --------
        >>> import datetime as dt
        >>> from xiaojie import load_plan
        >>> from xiaojie.tracking import status
        >>> snap = status(load_plan(), as_of=dt.date(2025, 8, 1))
        >>> [e.key for e in snap.of_kind(EntryKind.TARGET)][:2]
        ['asset-revitalisation-rate#0', 'spending-progress#0']

        .. versionadded:: 0.2.0
        """
        rows = self._rows
        if rows is not None and type(kind) is EntryKind:
            return rows.select([r for r in rows.rows if r[2] is kind])
        return tuple(e for e in self.entries if e.kind == kind)

    def entry(self, key: str) -> Entry:
        """Return the entry with this key.

        Raises
        ------
        UnknownItemError
            If no entry has that key.
        """
        rows = self._rows
        if rows is not None:
            found = [r for r in rows.rows if r[0] == key]
            if len(found) == 1:
                return rows.entry(found[0])
            if not found:
                raise UnknownItemError("entry", key, [r[0] for r in rows.ordered()])
        for entry in self.entries:
            if entry.key == key:
                return entry
        raise UnknownItemError("entry", key, [e.key for e in self.entries])

    def entries_of(self, item_id: str) -> tuple[Entry, ...]:
        """Return the entries of one plan item (all windows of an obligation, all targets …)."""
        rows = self._rows
        if rows is not None:
            return rows.select([r for r in rows.rows if r[1] == item_id])
        return tuple(e for e in self.entries if e.item_id == item_id)

    def _task_numbers(self) -> tuple[int, ...]:
        if self.tasks:
            return self.tasks
        return tuple(sorted({e.task for e in self.entries if e.task is not None}))

    def task_state(self, number: int) -> State:
        """Return a task's state: the worst state of its entries (``ONGOING`` if it has none).

        Raises
        ------
        UnknownItemError
            If the plan has no such task.
        """
        known = self._task_numbers()
        if number not in known:
            raise UnknownItemError("task", number, [str(n) for n in known])
        rows = self._rows
        if rows is not None:
            return State.worst(r[4] for r in rows.rows if r[8] == number)
        return State.worst(e.state for e in self.entries if e.task == number)

    def task_states(self) -> dict[int, State]:
        """Return the state of every task of the plan, by task number."""
        # the worst state of each task's entries, by severity (State.worst without a list each)
        worst: dict[int, State | None] = dict.fromkeys(self._task_numbers())
        severity = _SEVERITY_BY_ID  # by identity: no hash of each entry's state
        rows = self._rows
        if rows is not None:
            return self._worst_of_rows(rows.rows, worst)
        for entry in self.entries:
            task = entry.task
            if task is not None and task in worst:
                found = worst[task]
                if found is None or severity[id(entry.state)] > severity[id(found)]:
                    worst[task] = entry.state
        return {n: State.ONGOING if state is None else state for n, state in worst.items()}

    def _task_states_of(self, numbers: Iterable[int]) -> dict[int, State]:
        """Return :meth:`task_states` of some tasks only (those a report shows)."""
        rows = self._rows
        known = frozenset(self._task_numbers())
        wanted: dict[int, State | None] = dict.fromkeys(n for n in numbers if n in known)
        if rows is None or len(wanted) * 4 > len(known):
            states = self.task_states()
            return {n: states[n] for n in wanted}
        return self._worst_of_rows([r for r in rows.rows if r[8] in wanted], wanted)

    @staticmethod
    def _worst_of_rows(
        rows: list[tuple[Any, ...]], worst: dict[int, State | None]
    ) -> dict[int, State]:
        """Return :meth:`task_states` from rows (every state of a row is a :class:`State`)."""
        ranks = map(_SEVERITY_BY_ID.__getitem__, map(id, map(_ROW_STATE, rows)))
        found: dict[int | None, int] = {}
        get = found.get
        for task, rank in zip(map(_ROW_TASK, rows), ranks, strict=True):
            if rank > get(task, -1):
                found[task] = rank  # noqa: PERF403 - the worst so far, not every pair
        by_rank = sorted(State, key=_SEVERITY.__getitem__)
        return {n: State.ONGOING if (r := found.get(n)) is None else by_rank[r] for n in worst}

    def for_owner(self, owner_id: str) -> tuple[Entry, ...]:
        """Return the entries that the unit or group ``owner_id`` answers for directly.

        Membership of groups is not expanded: an entry owned by a leading group's member units
        is listed under that group's id.
        """
        return tuple(e for e in self.entries if any(o.id == owner_id for o in e.owners))

    def records(self) -> Records:
        """Return the entries as typed :class:`~xiaojie._records.Records`, one row per entry.

        Columns: ``as_of``, ``key`` (the entry's one id), ``item_id``, ``kind``, ``title``,
        ``state``, ``due``, ``window_start``, ``window_end`` (dates), ``owners`` and
        ``owner_ids`` (lists), ``task`` (whole number), ``done_on`` (date), ``result``,
        ``value`` (number), ``soft`` (yes/no), ``note``. Missing values are ``None``.

        Examples
        --------
        >>> import datetime as dt
        >>> from xiaojie import load_plan
        >>> from xiaojie.tracking import status
        >>> row = status(load_plan(), as_of=dt.date(2025, 8, 1)).to_records()[0]
        >>> row["key"], row["due"], row["owners"][:1], row["task"]
        ('local-work-ledgers', datetime.date(2025, 6, 20), ['各市、县(区)和有关部门'], None)
        """
        return records(
            _ENTRY_COLUMNS,
            (
                (
                    self.as_of,
                    e.key,
                    e.item_id,
                    e.kind,
                    e.title,
                    e.state,
                    e.due,
                    e.window.start if e.window is not None else None,
                    e.window.end if e.window is not None else None,
                    [o.name for o in e.owners],
                    [o.id for o in e.owners],
                    e.task,
                    e.done_on,
                    e.result,
                    float(e.value) if e.value is not None else None,
                    e.soft,
                    e.note or None,
                )
                for e in self.entries
            ),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per entry, typed (see :meth:`records` for the columns)."""
        return self.records().to_records()

    def to_pandas(self) -> Any:  # noqa: ANN401 - a pandas.DataFrame (optional extra)
        """Return the entries as a :class:`pandas.DataFrame` (needs the ``frames`` extra).

        Dates are ``datetime64`` columns, ``task`` is ``Int64``, ``value`` is ``Float64``,
        text is ``string``, ``soft`` is ``boolean`` and ``owners`` holds lists.

        Raises
        ------
        MissingExtraError
            If pandas or pyarrow is not installed (``pip install 'xiaojie[frames]'``).
        """
        return self.records().to_pandas()

    def to_arrow(self) -> Any:  # noqa: ANN401 - a pyarrow.Table (optional extra)
        """Return the entries as a :class:`pyarrow.Table` (needs the ``frames`` extra)."""
        return self.records().to_arrow()

    def counts(self) -> dict[State, int]:
        """Return how many entries are in each state (every state listed, zeros included)."""
        rows = self._rows
        if rows is not None:  # every state of a row is a member
            return {state: len(rows.in_state(state)) for state in State}
        found = collections.Counter(map(id, map(_STATE_OF, self.entries)))  # members by identity
        counts = {state: found.pop(id(state), 0) for state in State}
        if found:  # states that are not members (an entry made around the converter)
            for entry in self.entries:
                if type(entry.state) is not State:
                    counts[entry.state] = counts.get(entry.state, 0) + 1
        return counts
