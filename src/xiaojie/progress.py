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

Progress files are CSV, XLSX or JSON with Chinese or English headers (see ``docs/progress.md``).
:func:`read_progress` reports **every** bad row at once, each with its file and line;
:func:`write_progress` writes atomically (a temporary file in the same folder, then a rename).

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

import csv
import datetime as dt
import difflib
import enum
import io
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from xiaojie._extras import require
from xiaojie._files import atomic_write
from xiaojie.dates import as_date
from xiaojie.errors import ProgressError
from xiaojie.model import Indicator, Milestone, Obligation, Tracking


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Sequence

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

_REF_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*(?:#[0-9]+)?$")
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
            f"'_', '-', '.', optionally '#N' for one target), found {value!r}"
        )
        raise ProgressError(msg)


def _to_date(value: Any) -> dt.date:  # noqa: ANN401 - converter, checks its input
    return as_date(value, field="on")


def _to_note(value: Any) -> str:  # noqa: ANN401 - converter, checks its input
    if not isinstance(value, str):
        msg = f"note: expected a string, found {type(value).__name__} {value!r}"
        raise ProgressError(msg)
    if _CONTROL_RE.search(value):
        msg = f"note: expected text without control characters, found {value!r}"
        raise ProgressError(msg)
    return value.strip()


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
        A remark (备注); surrounding whitespace is dropped.
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
        A remark (备注).
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
        The obligation's id.
    on
        The day it took place.
    note
        A remark (备注).
    where
        Where the record was read from; not part of equality.

    Examples
    --------
    >>> Occurrence("group-monthly-meeting", "2025-07-09").on
    datetime.date(2025, 7, 9)
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


def _dated_items_of_task(plan: Plan, number: int) -> tuple[str, ...]:
    """Return the ids of the dated items that belong to task ``number``, in plan order.

    A dated item is a milestone, an obligation tracked occurrence by occurrence, or an indicator
    with at least one dated target. A task without any is an undated duty: it is tracked as a
    whole and completed with a ``task-N`` :class:`Completion`.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> _dated_items_of_task(load_plan(), 18)
    ('resident-work-meeting', 'resident-cadre-training')
    >>> _dated_items_of_task(load_plan(), 11)
    ()
    """
    items = plan.items_of_task(number)
    found: list[str] = [m.id for m in items if isinstance(m, Milestone)]
    found.extend(
        o.id for o in items if isinstance(o, Obligation) and o.tracking is Tracking.REPORTED
    )
    found.extend(
        i.id
        for i in items
        if isinstance(i, Indicator) and any(t.due is not None for t in i.targets)
    )
    return tuple(found)


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
            self._dated[number] = _dated_items_of_task(self.plan, number)
        return self._dated[number]


def _wrong_kind(record: Record, what: str, wanted: str) -> str:
    return f"{record.item!r} is {what}: record {wanted}, not a {record.kind.label}"


def _record_problem(index: _PlanIndex, record: Record) -> str | None:
    found = index.items.get(record.item.partition("#")[0])
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


def _located(record: Record, problem: str) -> str:
    return f"{record.where}: {problem}" if record.where else problem


def _report(source: str, problems: Sequence[str]) -> str:
    lines = [f"{source}: {len(problems)} problem(s)"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

_Field = Literal["item", "kind", "date", "value", "benchmark", "note"]

_HEADERS: dict[_Field, tuple[str, ...]] = {
    "item": ("事项", "item"),
    "kind": ("类型", "kind"),
    "date": ("完成日期", "日期", "date"),
    "value": ("数值", "value"),
    "benchmark": ("基准值", "benchmark"),
    "note": ("备注", "note"),
}
_REQUIRED: tuple[_Field, ...] = ("item", "kind", "date")
_ZH_HEADER = ("事项", "类型", "日期", "数值", "基准值", "备注")
_EN_HEADER = ("item", "kind", "date", "value", "benchmark", "note")
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _header_field(name: object) -> _Field | None:
    if not isinstance(name, str):
        return None
    key = unicodedata.normalize("NFKC", name).strip().lower()
    for field, names in _HEADERS.items():
        if key in names:
            return field
    return None


def _header_choices(field: _Field) -> str:
    return "/".join(_HEADERS[field])


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_date(value: object) -> tuple[dt.date | None, str | None]:
    """Read a date cell: ISO, ``2025/7/31``, ``2025.7.31``, ``2025年7月31日`` or a spreadsheet date."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return None, f"expected a date without a time of day, found {value.isoformat()!r}"
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        return None, f"expected a date YYYY-MM-DD, found {type(value).__name__} {value!r}"
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DATE_RE.match(text)
    if match is None:
        return None, f"expected a date YYYY-MM-DD, found {value!r}"
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, f"expected a real calendar date, found {value!r}"


def _parse_number(value: object) -> tuple[float | None, str | None]:
    if isinstance(value, bool):
        return None, f"expected a number, found {value!r}"
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("%").replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None, f"expected a number, found {value!r}"
    else:
        return None, f"expected a number, found {type(value).__name__} {value!r}"
    if not math.isfinite(number):
        return None, f"expected a finite number, found {value!r}"
    return number, None


class _Rows:
    """Turns located rows of cells into records, collecting every problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.records: list[Record] = []
        self.columns: dict[_Field, tuple[int, str]] = {}
        self.order: dict[str, int] = {}
        self._positions: list[int] = []

    def _note_positions(self) -> None:
        """Give every problem added since the last call the position of the current row."""
        position = len(self.order)
        self._positions.extend([position] * (len(self.problems) - len(self._positions)))

    def start(self, where: str) -> None:
        """Begin the row at ``where``: problems added from now on belong to it."""
        if where not in self.order:
            self._note_positions()
            self.order[where] = len(self.order) + 1

    def sorted_problems(self, extra: Sequence[tuple[str, str]] = ()) -> list[str]:
        """Return every problem in file order; ``extra`` pairs a record's ``where`` and a problem."""
        self._note_positions()
        pairs = list(zip(self._positions, self.problems, strict=True))
        pairs.extend((self.order.get(where, len(self.order)), message) for where, message in extra)
        return [message for _, message in sorted(pairs, key=lambda pair: pair[0])]

    def header(self, where: str, cells: Sequence[object]) -> bool:
        """Map the header cells to fields; return whether the rows can be read."""
        for position, cell in enumerate(cells):
            if _blank(cell):
                continue
            field = _header_field(cell)
            if field is None:
                known = ", ".join(_header_choices(f) for f in _HEADERS)
                self.problems.append(f"{where}: unknown column {cell!r}; the columns are {known}")
            elif field in self.columns:
                first = self.columns[field][1]
                self.problems.append(
                    f"{where}: column {cell!r} repeats column {first!r} ({_header_choices(field)})"
                )
            else:
                self.columns[field] = (position, str(cell).strip())
        missing = [f for f in _REQUIRED if f not in self.columns]
        self.problems.extend(f"{where}: missing column {_header_choices(f)}" for f in missing)
        return not missing

    def _cell(self, cells: Sequence[object], field: _Field) -> object:
        column = self.columns.get(field)
        if column is None or column[0] >= len(cells):
            return None
        return cells[column[0]]

    def _name(self, field: _Field) -> str:
        column = self.columns.get(field)
        return column[1] if column is not None else _header_choices(field)

    def row(self, where: str, cells: Sequence[object], *, extra: int = 0) -> None:
        """Read one data row; ``extra`` counts cells beyond the header's columns."""
        self.start(where)
        if all(_blank(c) for c in cells):
            return
        before = len(self.problems)

        def bad(field: _Field, message: str) -> None:
            self.problems.append(f"{where}, {self._name(field)}: {message}")

        if extra:
            self.problems.append(f"{where}: {extra} cell(s) beyond the header's columns")
        item_cell = self._cell(cells, "item")
        item = "" if _blank(item_cell) else _cell_text(item_cell)
        if not item:
            bad("item", "expected an item id, found nothing")
        elif not _REF_RE.match(item):
            bad("item", f"expected an item id of the plan, found {item!r}")
        kind_cell = self._cell(cells, "kind")
        kind: RecordKind | None = None
        if _blank(kind_cell):
            bad(
                "kind",
                "expected 完成/completion, 测量/measurement or 开展/occurrence, found nothing",
            )
        else:
            try:
                kind = RecordKind.from_word(_cell_text(kind_cell))
            except ProgressError:
                bad(
                    "kind",
                    "expected 完成/completion, 测量/measurement or 开展/occurrence, "
                    f"found {kind_cell!r}",
                )
        date_cell = self._cell(cells, "date")
        on: dt.date | None = None
        if _blank(date_cell):
            bad("date", "expected a date YYYY-MM-DD, found nothing")
        else:
            on, message = _parse_date(date_cell)
            if message is not None:
                bad("date", message)
        value_cell = self._cell(cells, "value")
        bench_cell = self._cell(cells, "benchmark")
        value: float | None = None
        benchmark: float | None = None
        if kind is RecordKind.MEASUREMENT:
            if _blank(value_cell):
                bad("value", "expected a number for a measurement, found nothing")
            else:
                value, message = _parse_number(value_cell)
                if message is not None:
                    bad("value", message)
            if not _blank(bench_cell):
                benchmark, message = _parse_number(bench_cell)
                if message is not None:
                    bad("benchmark", message)
        elif kind is not None:
            if not _blank(value_cell):
                bad("value", f"expected nothing for a {kind.label}, found {value_cell!r}")
            if not _blank(bench_cell):
                bad("benchmark", f"expected nothing for a {kind.label}, found {bench_cell!r}")
        note_cell = self._cell(cells, "note")
        note = (
            ""
            if _blank(note_cell)
            else note_cell
            if isinstance(note_cell, str)
            else _cell_text(note_cell)
        )
        if _CONTROL_RE.search(note):
            bad("note", f"expected text without control characters, found {note!r}")
        if len(self.problems) > before or kind is None or on is None:
            return
        record: Record
        if kind is RecordKind.MEASUREMENT:
            assert value is not None  # noqa: S101 - a missing value was reported above
            record = Measurement(item, on, value, benchmark, note=note, where=where)
        elif kind is RecordKind.COMPLETION:
            record = Completion(item, on, note=note, where=where)
        else:
            record = Occurrence(item, on, note=note, where=where)
        self.records.append(record)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets saved by Chinese editions of Excel write GBK; GB18030 is its superset.
        return raw.decode("gb18030")


def _read_csv(path: Path, raw: bytes, rows: _Rows) -> None:
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        rows.problems.append(f"{path}: expected UTF-8 or GB18030 text, found undecodable bytes")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header_seen = False
    width = 0
    line = 1
    try:
        for cells in reader:
            where = f"{path} line {line}"
            line = reader.line_num + 1
            if not header_seen:
                if all(_blank(c) for c in cells):
                    continue
                header_seen = True
                if not rows.header(where, cells):
                    return
                width = 1 + max(p for p, _ in rows.columns.values())
                continue
            extra = sum(1 for c in cells[width:] if not _blank(c))
            rows.row(where, cells, extra=extra)
    except csv.Error as err:
        rows.problems.append(f"{path} line {reader.line_num}: malformed CSV ({err})")
    if not header_seen:
        rows.problems.append(f"{path}: expected a header row, found an empty file")


def _read_xlsx(path: Path, raw: bytes, rows: _Rows) -> None:
    openpyxl = require("openpyxl", f"{path}: reading XLSX progress files")
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a broken file
        rows.problems.append(
            f"{path}: expected an XLSX workbook, found {type(err).__name__}: {err}"
        )
        return
    try:
        sheet = book.worksheets[0]
        header_seen = False
        width = 0
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            where = f"{path} sheet {sheet.title!r} row {number}"
            if not header_seen:
                if all(_blank(c) for c in cells):
                    continue
                header_seen = True
                if not rows.header(where, cells):
                    return
                width = 1 + max(p for p, _ in rows.columns.values())
                continue
            extra = sum(1 for c in cells[width:] if not _blank(c))
            rows.row(where, cells, extra=extra)
        if not header_seen:
            rows.problems.append(f"{path}: expected a header row, found an empty sheet")
    finally:
        book.close()


_WS = re.compile(r"\s*")


def _json_element_lines(text: str) -> list[int]:
    """Return the line on which each record of a (valid) JSON progress file starts."""
    decoder = json.JSONDecoder()
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(index: int) -> int:
        low, high = 0, len(newlines)
        while low < high:
            mid = (low + high) // 2
            if newlines[mid] < index:
                low = mid + 1
            else:
                high = mid
        return low + 1

    def skip(index: int) -> int:
        match = _WS.match(text, index)
        return match.end() if match else index

    def elements(index: int) -> list[int]:
        lines: list[int] = []
        index = skip(index + 1)
        while text[index] != "]":
            lines.append(line_of(index))
            _, index = decoder.raw_decode(text, index)
            index = skip(index)
            if text[index] == ",":
                index = skip(index + 1)
        return lines

    index = skip(0)
    if text[index] == "[":
        return elements(index)
    found: list[int] = []
    index = skip(index + 1)
    while text[index] != "}":
        key, index = decoder.raw_decode(text, index)
        index = skip(skip(index) + 1)
        if key == "records" and text[index] == "[":
            found = elements(index)
        _, index = decoder.raw_decode(text, index)
        index = skip(index)
        if text[index] == ",":
            index = skip(index + 1)
    return found


def _read_json(path: Path, raw: bytes, rows: _Rows) -> None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        rows.problems.append(
            f"{path}: expected UTF-8 text, found an undecodable byte at {err.start}"
        )
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        rows.problems.append(
            f"{path} line {err.lineno}, column {err.colno}: invalid JSON ({err.msg})"
        )
        return
    if isinstance(data, dict):
        schema = data.get("schema", SCHEMA_ID)
        if schema != SCHEMA_ID:
            rows.problems.append(f"{path}: schema expected {SCHEMA_ID!r}, found {schema!r}")
        unknown = sorted(set(data) - {"schema", "records"})
        if unknown:
            rows.problems.append(f"{path}: unknown key(s) {', '.join(map(repr, unknown))}")
        records = data.get("records")
        if not isinstance(records, list):
            rows.problems.append(f"{path}: expected a list under 'records', found {records!r}")
            return
    elif isinstance(data, list):
        records = data
    else:
        rows.problems.append(
            f"{path}: expected a list of records or an object with 'records', "
            f"found {type(data).__name__}"
        )
        return
    lines = _json_element_lines(text)
    for position, entry in enumerate(records):
        line = lines[position] if position < len(lines) else 0
        where = f"{path} line {line} (records[{position}])"
        rows.start(where)
        if not isinstance(entry, dict):
            rows.problems.append(f"{where}: expected an object, found {type(entry).__name__}")
            continue
        rows.columns = {}
        mapped: dict[_Field, object] = {}
        for key, value in entry.items():
            field = _header_field(key)
            if field is None:
                known = ", ".join(_header_choices(f) for f in _HEADERS)
                rows.problems.append(f"{where}: unknown key {key!r}; the keys are {known}")
            elif field in mapped:
                rows.problems.append(f"{where}: key {key!r} repeats {rows.columns[field][1]!r}")
            else:
                rows.columns[field] = (len(mapped), key)
                mapped[field] = value
        missing = [f for f in _REQUIRED if f not in mapped]
        if missing:
            rows.problems.extend(f"{where}: missing key {_header_choices(f)}" for f in missing)
            continue
        cells: list[object] = [mapped[f] for f in rows.columns]
        rows.row(where, cells)


def read_progress(path: str | os.PathLike[str], *, plan: Plan | None = None) -> Progress:
    r"""Read a progress file: CSV, XLSX or JSON with Chinese or English headers.

    The columns are 事项/item, 类型/kind (完成/测量/开展 or completion/measurement/occurrence),
    完成日期/日期/date, 数值/value, 基准值/benchmark and 备注/note, in any order; see
    ``docs/progress.md``. Blank rows are skipped; every other row becomes a record or a problem.

    Parameters
    ----------
    path
        The file; its suffix (``.csv``, ``.xlsx``, ``.json``) says the format.
    plan
        If given, the records are also checked against it (unknown items with suggestions,
        kinds that do not fit …) and those problems are reported with the others.

    Returns
    -------
    Progress
        The records, each remembering its file and line in ``where``.

    Raises
    ------
    ProgressError
        Listing every problem with its file and line (or sheet and row), one per line.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from xiaojie import load_plan
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "p.csv"
    ...     _ = path.write_text(
    ...         "事项,类型,日期,数值\n"
    ...         "spending-progress,测量,2025-07-31,62%\n"
    ...         "resident-work-meeting,完成,2025/7/28,\n",
    ...         encoding="utf-8",
    ...     )
    ...     [(r.item, str(r.on)) for r in read_progress(path, plan=load_plan())]
    [('resident-work-meeting', '2025-07-28'), ('spending-progress', '2025-07-31')]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "bad.csv"
    ...     _ = path.write_text(
    ...         "item,kind,date,value\nmidterm-report,completion,2025-02-30,\n"
    ...         "spending-progress,measurement,2025-07-31,sixty\n",
    ...         encoding="utf-8",
    ...     )
    ...     read_progress(path)
    Traceback (most recent call last):
    ...
    xiaojie.errors.ProgressError: .../bad.csv: 2 problem(s)
      .../bad.csv line 2, date: expected a real calendar date, found '2025-02-30'
      .../bad.csv line 3, value: expected a number, found 'sixty'

    .. versionadded:: 0.1.0
    """
    file = Path(path)
    rows = _Rows(str(file))
    suffix = file.suffix.lower()
    readers = {".csv": _read_csv, ".xlsx": _read_xlsx, ".json": _read_json}
    reader = readers.get(suffix)
    if reader is None:
        msg = f"{file}: expected a .csv, .xlsx or .json progress file, found {_suffix(suffix)}"
        raise ProgressError(msg)
    try:
        raw = file.read_bytes()
    except OSError as err:
        msg = (
            f"{file}: expected a readable progress file, found {type(err).__name__}: {err.strerror}"
        )
        raise ProgressError(msg) from None
    reader(file, raw, rows)
    progress = Progress(rows.records)
    extra: list[tuple[str, str]] = []
    if plan is not None:
        extra = [
            (record.where, _located(record, problem))
            for record, problem in _record_problems(plan, rows.records)
        ]
    problems = rows.sorted_problems(extra)
    if problems:
        raise ProgressError(_report(str(file), problems))
    return progress


def _suffix(suffix: str) -> str:
    return repr(suffix) if suffix else "no suffix"


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _row(record: Record, *, language: Literal["zh", "en"]) -> list[Any]:
    kind = record.kind.label if language == "zh" else record.kind.value
    value = record.value if isinstance(record, Measurement) else None
    bench = record.benchmark if isinstance(record, Measurement) else None
    return [record.item, kind, record.on, value, bench, record.note]


def write_progress(
    progress: Progress,
    path: str | os.PathLike[str],
    *,
    language: Literal["zh", "en"] = "zh",
) -> Path:
    """Write ``progress`` to a CSV, XLSX or JSON file, atomically.

    CSV is written as UTF-8 with a byte-order mark (so that Excel shows the Chinese correctly);
    XLSX as one sheet named 进度; JSON as ``{"schema": "xiaojie-progress/1", "records": [...]}``
    with one record per line and English keys.

    Parameters
    ----------
    progress
        The records to write.
    path
        Where to write; the suffix (``.csv``, ``.xlsx``, ``.json``) says the format and the
        folder is created if needed. A failed write leaves any existing file untouched.
    language
        For CSV and XLSX: ``"zh"`` for Chinese headers and kinds (事项, 类型, 完成 …), ``"en"``
        for English ones.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ProgressError
        If the suffix is not one of the three formats, or XLSX is asked without openpyxl.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = Progress([Measurement("spending-progress", "2025-07-31", 62.5, note="全区")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_progress(p, pathlib.Path(folder) / "p.csv")
    ...     print(path.read_text(encoding="utf-8-sig"), end="")
    ...     read_progress(path) == p
    事项,类型,日期,数值,基准值,备注
    spending-progress,测量,2025-07-31,62.5,,全区
    True
    >>> write_progress(Progress(), "progress.txt")
    Traceback (most recent call last):
    ...
    xiaojie.errors.ProgressError: progress.txt: expected a .csv, .xlsx or .json progress file, found '.txt'

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(_ZH_HEADER if language == "zh" else _EN_HEADER)
        for record in progress:
            item, kind, on, value, bench, note = _row(record, language=language)
            writer.writerow(
                [item, kind, on.isoformat(), _number_text(value), _number_text(bench), note]
            )
        atomic_write(target, buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        openpyxl = require("openpyxl", f"{target}: writing XLSX progress files")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "进度"
        sheet.append(list(_ZH_HEADER if language == "zh" else _EN_HEADER))
        for record in progress:
            row = _row(record, language=language)
            row[5] = row[5] or None
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                # Text that starts with "=" is a formula to Excel; keep notes as text.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        blob = io.BytesIO()
        book.save(blob)
        atomic_write(target, blob.getvalue())
    elif suffix == ".json":
        lines = []
        for record in progress:
            entry: dict[str, Any] = {
                "item": record.item,
                "kind": record.kind.value,
                "date": record.on.isoformat(),
            }
            if isinstance(record, Measurement):
                entry["value"] = record.value
                if record.benchmark is not None:
                    entry["benchmark"] = record.benchmark
            if record.note:
                entry["note"] = record.note
            lines.append("    " + json.dumps(entry, ensure_ascii=False))
        body = ",\n".join(lines)
        text = f'{{\n  "schema": "{SCHEMA_ID}",\n  "records": [\n{body}\n  ]\n}}\n'
        if not lines:
            text = f'{{\n  "schema": "{SCHEMA_ID}",\n  "records": []\n}}\n'
        atomic_write(target, text.encode("utf-8"))
    else:
        msg = f"{target}: expected a .csv, .xlsx or .json progress file, found {_suffix(suffix)}"
        raise ProgressError(msg)
    return target
