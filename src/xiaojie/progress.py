"""Progress records: what happened, and when, to the items of a plan.

A plan says what is to be done; progress says what was done. Progress is kept apart from the
plan so that one plan serves many counties and many reporting dates.

There are three kinds of record:

* :class:`Completion` — a milestone (or an undated task, ``task-N``) was completed on a date
  (完成);
* :class:`Measurement` — an indicator was measured at a value on a date (测量), with the value of
  its benchmark for targets relative to one ("高于全国平均水平");
* :class:`Occurrence` — a recurring obligation took place on a date (开展): one meeting, one
  monthly data comparison.

A :class:`Progress` is an immutable, ordered collection of records. It compares by value: two
collections holding the same records are equal whatever order they were given in.

Progress files are CSV, XLSX or JSON with Chinese or English headers (see ``docs/progress.md``);
their formats live in :mod:`xiaojie.io` (``read_progress`` and ``write_progress``, also found
here). Reading reports **every** bad row at once, each with its file and line; writing is
atomic (a temporary file in the same folder, then a rename).

Examples
--------
>>> import datetime as dt
>>> p = Progress([
...     Measurement("spending-progress", dt.date(2025, 7, 31), 62.5),
...     Completion("resident-work-meeting", "2025-07-28"),
... ])
>>> [r.item for r in p]
['resident-work-meeting', 'spending-progress']
>>> p == Progress(reversed(list(p)))
True
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import mask_quoted, mask_remark
from xiaojie.dates import as_date
from xiaojie.errors import ProgressError
from xiaojie.model import Indicator, Milestone, Obligation


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from xiaojie.io._progressfile import read_progress, write_progress
    from xiaojie.model import Plan


__all__ = [
    "SCHEMA_ID",
    "Completion",
    "Measurement",
    "Occurrence",
    "Progress",
    "Record",
    "RecordKind",
    "read_progress",
    "write_progress",
]

SCHEMA_ID = "xiaojie-progress/1"
"""The value of the ``schema`` key that identifies a JSON progress file."""

_REF_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*(?:#[0-9]+|@[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
_TASK_RE = re.compile(r"^task-([0-9]+)$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RecordKind(enum.StrEnum):
    """The kind of a progress record, with its Chinese word for files (完成, 测量, 开展).

    Examples
    --------
    >>> RecordKind.from_word("测量")
    <RecordKind.MEASUREMENT: 'measurement'>
    >>> RecordKind.from_word(" Completion ")
    <RecordKind.COMPLETION: 'completion'>
    >>> RecordKind.OCCURRENCE.label
    '开展'

    .. versionadded:: 0.1.0
    """

    COMPLETION = "completion"
    MEASUREMENT = "measurement"
    OCCURRENCE = "occurrence"

    @property
    def label(self) -> str:
        """The Chinese word used in progress files: 完成, 测量 or 开展."""
        return {
            RecordKind.COMPLETION: "完成",
            RecordKind.MEASUREMENT: "测量",
            RecordKind.OCCURRENCE: "开展",
        }[self]

    @classmethod
    def from_word(cls, word: str) -> RecordKind:
        """Return the kind a file writes as ``word`` (Chinese or English, any case).

        Raises
        ------
        ProgressError
            If ``word`` names no kind.
        """
        key = unicodedata.normalize("NFKC", word).strip().lower()
        for kind in cls:
            if key in {kind.value, kind.label}:
                return kind
        known = "、".join(f"{k.label}/{k.value}" for k in cls)
        msg = f"kind: expected one of {known}, found {word!r}"
        raise ProgressError(msg)


def _check_ref(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _REF_RE.match(value):
        msg = (
            f"{attribute.name}: expected an item id of the plan (lower-case letters, digits, "
            f"'_', '-', '.', optionally '#N' for one target or '@YYYY-MM-DD' for one window), "
            f"found {value!r}"
        )
        raise ProgressError(msg)
    _, at, day = value.partition("@")
    if at:
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            msg = f"{attribute.name}: '@{day}' expected the first day of a window, a real date"
            raise ProgressError(msg) from None


def _to_date(value: Any) -> dt.date:  # noqa: ANN401 - converter, checks its input
    return as_date(value, field="on")


def _to_note(value: Any) -> str:  # noqa: ANN401 - converter, checks its input
    if not isinstance(value, str):
        msg = f"note: expected a string, found {type(value).__name__} {mask_quoted(repr(value))}"
        raise ProgressError(msg)
    if _CONTROL_RE.search(value):
        raise ProgressError(f"note: {_control_message(value)}")
    return mask_remark(value.strip())


def _control_message(note: str) -> str:
    r"""Say that ``note`` holds control characters: which, and the note masked (as a space each).

    >>> _control_message("户主马秀兰\x07已签字")
    "expected text without control characters, found U+0007 in '户主马** 已签字'"
    """
    codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in _CONTROL_RE.findall(note)}))
    shown = mask_quoted(_CONTROL_RE.sub(" ", note))
    return f"expected text without control characters, found {codes} in {shown!r}"


def _to_number(value: Any, field: str) -> float:  # noqa: ANN401 - converter, checks its input
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"{field}: expected a number, found {type(value).__name__} {value!r}"
        raise ProgressError(msg)
    number = float(value)
    if not math.isfinite(number):
        msg = f"{field}: expected a finite number, found {value!r}"
        raise ProgressError(msg)
    return number


def _to_value(value: Any) -> float:  # noqa: ANN401 - converter
    return _to_number(value, "value")


def _to_benchmark(value: Any) -> float | None:  # noqa: ANN401 - converter
    return None if value is None else _to_number(value, "benchmark")


@attrs.frozen
class Completion:
    """A milestone, or an undated task (``task-N``), completed on a date (完成).

    Parameters
    ----------
    item
        The milestone's id, or ``task-N`` for a task that has no dated item.
    on
        The day it was completed (a ``date`` or ``YYYY-MM-DD``; ``datetime`` is refused).
    note
        A remark (备注); surrounding whitespace is dropped, and what it tells of a person is
        masked when the record is made: numbers, illness words, and names that a word beside
        them gives away (户主马秀兰患尿毒症 becomes 户主马**患***), so that no status, notice or
        collected workbook repeats them.
    where
        Where the record was read from (``file line 3``); not part of equality.

    Raises
    ------
    ProgressError
        If ``item`` is not an item id or ``note`` is not text.
    DateValueError
        If ``on`` is not a real date.

    Examples
    --------
    >>> Completion("resident-work-meeting", "2025-07-28")
    Completion(item='resident-work-meeting', on=datetime.date(2025, 7, 28), note='')
    >>> Completion("resident-work-meeting", "2025-02-30")
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: on: expected a real calendar date YYYY-MM-DD, found '2025-02-30'

    .. versionadded:: 0.1.0
    """

    item: str = attrs.field(validator=_check_ref)
    on: dt.date = attrs.field(converter=_to_date)
    note: str = attrs.field(default="", converter=_to_note, kw_only=True)
    where: str = attrs.field(default="", eq=False, repr=False, kw_only=True)

    @property
    def kind(self) -> RecordKind:
        """Always :attr:`RecordKind.COMPLETION`."""
        return RecordKind.COMPLETION


@attrs.frozen
class Measurement:
    """An indicator measured at a value on a date (测量).

    Parameters
    ----------
    item
        The indicator's id (the measurement applies to each of its targets), or
        ``<indicator-id>#N`` for its target number ``N`` only (counted from 0) — needed when
        two targets are relative to different benchmarks.
    on
        The day the value refers to.
    value
        The measured value, in the target's unit (``62.5`` for 62.5%).
    benchmark
        For a target relative to a benchmark ("高于全国平均水平"), the benchmark's value on that
        day; ``None`` otherwise.
    note
        A remark (备注), masked as a :class:`Completion`'s.
    where
        Where the record was read from; not part of equality.

    Raises
    ------
    ProgressError
        If the value or the benchmark is not a finite number.

    Examples
    --------
    >>> Measurement("spending-progress", "2025-07-31", 62).value
    62.0
    >>> Measurement("elimination-rate", "2025-12-31", 98.2, benchmark=97.5).benchmark
    97.5
    >>> Measurement("spending-progress", "2025-07-31", "62%")
    Traceback (most recent call last):
    ...
    xiaojie.errors.ProgressError: value: expected a number, found str '62%'

    .. versionadded:: 0.1.0
    """

    item: str = attrs.field(validator=_check_ref)
    on: dt.date = attrs.field(converter=_to_date)
    value: float = attrs.field(converter=_to_value)
    benchmark: float | None = attrs.field(default=None, converter=_to_benchmark)
    note: str = attrs.field(default="", converter=_to_note, kw_only=True)
    where: str = attrs.field(default="", eq=False, repr=False, kw_only=True)

    @property
    def kind(self) -> RecordKind:
        """Always :attr:`RecordKind.MEASUREMENT`."""
        return RecordKind.MEASUREMENT

    @property
    def indicator(self) -> str:
        """The indicator's id, without a ``#N`` target suffix."""
        return self.item.partition("#")[0]

    @property
    def target(self) -> int | None:
        """The target number the measurement is restricted to, or ``None`` for all targets."""
        _, sep, number = self.item.partition("#")
        return int(number) if sep else None


@attrs.frozen
class Occurrence:
    """One occurrence of a recurring obligation on a date (开展): a meeting held, a report made.

    Parameters
    ----------
    item
        The obligation's id; ``<obligation-id>@<first day of a window>`` for an occurrence
        reported for that window (a 调度 sheet's row), which then counts for it and no other.
    on
        The day it took place.
    note
        A remark (备注), masked as a :class:`Completion`'s.
    where
        Where the record was read from; not part of equality.

    Examples
    --------
    >>> Occurrence("group-monthly-meeting", "2025-07-09").on
    datetime.date(2025, 7, 9)
    >>> pinned = Occurrence("monthly-data-comparison@2025-07-01", "2025-08-03")
    >>> pinned.obligation, pinned.window
    ('monthly-data-comparison', datetime.date(2025, 7, 1))
    >>> Occurrence("Group Meeting", "2025-07-09")
    Traceback (most recent call last):
    ...
    xiaojie.errors.ProgressError: item: expected an item id of the plan (...), found 'Group Meeting'

    .. versionadded:: 0.1.0
    """

    item: str = attrs.field(validator=_check_ref)
    on: dt.date = attrs.field(converter=_to_date)
    note: str = attrs.field(default="", converter=_to_note, kw_only=True)
    where: str = attrs.field(default="", eq=False, repr=False, kw_only=True)

    @property
    def kind(self) -> RecordKind:
        """Always :attr:`RecordKind.OCCURRENCE`."""
        return RecordKind.OCCURRENCE

    @property
    def obligation(self) -> str:
        """The obligation's id (the item without ``@<window>``)."""
        return self.item.partition("@")[0]

    @property
    def window(self) -> dt.date | None:
        """The first day of the window it was reported for, or ``None``."""
        _, at, day = self.item.partition("@")
        return dt.date.fromisoformat(day) if at else None


Record = Completion | Measurement | Occurrence
"""Any progress record."""

_KIND_ORDER = {RecordKind.COMPLETION: 0, RecordKind.MEASUREMENT: 1, RecordKind.OCCURRENCE: 2}


def _sort_key(record: Record) -> tuple[Any, ...]:
    if isinstance(record, Measurement):
        bench = (0, 0.0) if record.benchmark is None else (1, record.benchmark)
        rest: tuple[Any, ...] = (record.value, bench, record.note)
    else:
        rest = (record.note,)
    return (record.on, record.item, _KIND_ORDER[record.kind], rest)


def _records(value: Iterable[Any]) -> tuple[Record, ...]:
    if isinstance(value, str | bytes):
        msg = f"records: expected an iterable of records, found {type(value).__name__}"
        raise ProgressError(msg)
    items = tuple(value)
    for position, record in enumerate(items):
        if not isinstance(record, Completion | Measurement | Occurrence):
            msg = (
                f"records[{position}]: expected a Completion, Measurement or Occurrence, "
                f"found {type(record).__name__} {record!r}"
            )
            raise ProgressError(msg)
    return tuple(sorted(items, key=_sort_key))


class _PlanIndex:
    """What record checks need to know about a plan, computed once."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.items: dict[str, Milestone | Obligation | Indicator] = {i.id: i for i in plan.items()}
        self.tasks = {t.number for t in plan.tasks}
        self.ids = [*self.items, *(t.id for t in plan.tasks)]
        self._dated: dict[int, tuple[str, ...]] = {}

    def dated(self, number: int) -> tuple[str, ...]:
        if number not in self._dated:
            self._dated[number] = self.plan.dated_items_of_task(number)
        return self._dated[number]


def _wrong_kind(record: Record, what: str, wanted: str) -> str:
    return f"{record.item!r} is {what}: record {wanted}, not a {record.kind.label}"


def _record_problem(index: _PlanIndex, record: Record) -> str | None:
    found = index.items.get(record.item.partition("#")[0].partition("@")[0])
    task_match = _TASK_RE.match(record.item)
    if task_match is not None and found is None:
        number = int(task_match.group(1))
        if number not in index.tasks:
            known = ", ".join(str(n) for n in sorted(index.tasks))
            return f"unknown task {record.item!r}; the plan's tasks are {known}"
        if not isinstance(record, Completion):
            return _wrong_kind(record, "a task", "its completion (完成)")
        dated = index.dated(number)
        if dated:
            return (
                f"task {number} is tracked by its dated items ({', '.join(dated)}): "
                "record their progress instead of completing the task"
            )
        return None
    if found is None:
        close = difflib.get_close_matches(record.item, index.ids, n=3, cutoff=0.6)
        hint = f"; closest: {', '.join(close)}" if close else ""
        return f"unknown item {record.item!r}{hint}"
    if "#" in record.item and not isinstance(found, Indicator):
        return f"{record.item!r}: '#N' selects a target and only indicators have targets"
    if "@" in record.item:
        if not isinstance(found, Obligation):
            return (
                f"{record.item!r}: '@YYYY-MM-DD' selects a window and only obligations have windows"
            )
        starts = [w.start for w in found.windows()]
        if isinstance(record, Occurrence) and record.window not in starts:
            shown = ", ".join(str(d) for d in starts[:3]) + (" …" if len(starts) > 3 else "")
            return (
                f"{record.item!r}: no window of {found.id!r} starts on {record.window}; "
                f"its windows start on {shown}"
            )
    if isinstance(found, Milestone):
        if not isinstance(record, Completion):
            return _wrong_kind(record, "a milestone", "its completion (完成)")
    elif isinstance(found, Obligation):
        if not isinstance(record, Occurrence):
            return _wrong_kind(record, "a recurring obligation", "occurrences (开展)")
    elif not isinstance(record, Measurement):
        return _wrong_kind(record, "an indicator", "measurements (测量)")
    else:
        targets = found.targets
        if record.target is not None and record.target >= len(targets):
            return (
                f"{record.item!r}: indicator {found.id!r} has {len(targets)} target(s), "
                "numbered from 0"
            )
        chosen = targets if record.target is None else (targets[record.target],)
        if record.benchmark is not None and all(t.value is not None for t in chosen):
            return (
                f"{record.item!r}: a benchmark value is given but no target is relative "
                "to a benchmark"
            )
    return None


def _conflicts(plan: Plan, records: Sequence[Record]) -> list[tuple[Record, str]]:
    """Find days on which one target has two measurements with different values."""
    counts = {i.id: len(i.targets) for i in plan.indicators}
    seen: dict[tuple[str, int, dt.date], Measurement] = {}
    found: list[tuple[Record, str]] = []
    for record in records:
        if not isinstance(record, Measurement) or record.indicator not in counts:
            continue
        numbers = range(counts[record.indicator]) if record.target is None else (record.target,)
        for number in numbers:
            key = (record.indicator, number, record.on)
            other = seen.get(key)
            if other is None:
                seen[key] = record
            elif (other.value, other.benchmark) != (record.value, record.benchmark):
                found.append(
                    (
                        record,
                        (
                            f"{record.item!r} on {record.on}: two different measurements of "
                            f"target {record.indicator}#{number} on one day "
                            f"({_number_text(other.value)} and {_number_text(record.value)})"
                        ),
                    )
                )
                break
    return found


@attrs.frozen
class Progress:
    """An immutable collection of progress records, kept in order of date.

    Parameters
    ----------
    records
        Any iterable of :class:`Completion`, :class:`Measurement` and :class:`Occurrence`.
        They are sorted by date, item and kind, so equality does not depend on the order given.

    Raises
    ------
    ProgressError
        If something other than a record is given.

    Examples
    --------
    >>> import datetime as dt
    >>> p = Progress([Occurrence("group-monthly-meeting", "2025-07-09")])
    >>> len(p), bool(Progress())
    (1, False)
    >>> p.add(Completion("midterm-report", "2025-08-29")).of("midterm-report")
    (Completion(item='midterm-report', on=datetime.date(2025, 8, 29), note=''),)
    >>> Progress(["midterm-report"])
    Traceback (most recent call last):
    ...
    xiaojie.errors.ProgressError: records[0]: expected a Completion, Measurement or Occurrence, found str 'midterm-report'

    .. versionadded:: 0.1.0
    """

    records: tuple[Record, ...] = attrs.field(default=(), converter=_records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __add__(self, other: Progress) -> Progress:
        if not isinstance(other, Progress):
            return NotImplemented
        return Progress((*self.records, *other.records))

    def add(self, *records: Record) -> Progress:
        """Return a new collection with ``records`` added."""
        return Progress((*self.records, *records))

    def of(self, item: str) -> tuple[Record, ...]:
        """Return the records whose item is exactly ``item``, in order of date."""
        return tuple(r for r in self.records if r.item == item)

    def until(self, as_of: dt.date) -> Progress:
        """Return the records dated on or before ``as_of`` (what was known on that day).

        Examples
        --------
        >>> p = Progress([Completion("midterm-report", "2025-08-29")])
        >>> len(p.until(dt.date(2025, 8, 29))), len(p.until(dt.date(2025, 8, 28)))
        (1, 0)
        """
        day = as_date(as_of, field="as_of")
        return Progress(r for r in self.records if r.on <= day)

    def problems(self, plan: Plan) -> tuple[str, ...]:
        """Return every problem of the records against ``plan``, one message each.

        A record is a problem when its item is not in the plan (the message suggests the closest
        ids), when its kind does not fit the item (a measurement of a milestone), when ``#N``
        names a target the indicator does not have, when a benchmark is given for a target that
        is not relative, when it completes a task that is tracked by dated items, or when one
        target has two different measurements on one day. Messages start with the record's
        location when it was read from a file.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> Progress([Completion("resident-work-meting", "2025-07-28")]).problems(load_plan())
        ("unknown item 'resident-work-meting'; closest: resident-work-meeting, resident-cadre-training",)
        >>> Progress().problems(load_plan())
        ()
        """
        return tuple(_located(record, problem) for record, problem in _record_problems(plan, self))

    def validate(self, plan: Plan) -> Progress:
        """Return ``self`` if every record fits ``plan``; raise listing every problem otherwise.

        Raises
        ------
        ProgressError
            Listing each problem found by :meth:`problems`, one per line.

        Examples
        --------
        >>> from xiaojie import load_plan
        >>> good = Progress([Completion("midterm-report", "2025-08-29")])
        >>> good.validate(load_plan()) is good
        True
        >>> Progress([Measurement("midterm-report", "2025-08-29", 1)]).validate(load_plan())
        Traceback (most recent call last):
        ...
        xiaojie.errors.ProgressError: progress: 1 problem(s)
          'midterm-report' is a milestone: record its completion (完成), not a 测量
        """
        problems = self.problems(plan)
        if problems:
            raise ProgressError(_report("progress", problems))
        return self


def _record_problems(plan: Plan, records: Iterable[Record]) -> list[tuple[Record, str]]:
    index = _PlanIndex(plan)
    ordered = list(records)
    found: list[tuple[Record, str]] = []
    for record in ordered:
        problem = _record_problem(index, record)
        if problem is not None:
            found.append((record, problem))
    found.extend(_conflicts(plan, ordered))
    return found


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _located(record: Record, problem: str) -> str:
    return f"{record.where}: {problem}" if record.where else problem


def _report(source: str, problems: Sequence[str]) -> str:
    lines = [f"{source}: {len(problems)} problem(s)"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the functions below
    """Give :func:`read_progress` and :func:`write_progress`, which live in :mod:`xiaojie.io`.

    The file formats build on the records of this module, so they are found here on first use.
    """
    if name in {"read_progress", "write_progress"}:
        from xiaojie.io import _progressfile  # noqa: PLC0415 - io builds on this module

        return getattr(_progressfile, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
