"""The one path between a plan file's mapping and a :class:`~xiaojie.model.Plan`, both ways.

Reading and writing are done by `cattrs <https://catt.rs>`_ from the model's own attrs classes:
each field is read by the hook for its type, so a field added to a model class (a new optional
link on an item, say) is read and written with no code here. What is written here is only what
the file format says differently from the classes:

- owners are written by name and resolved in the plan's unit registry;
- a task's ``responsibilities`` are the file's ``units`` list (the first listed leads); its
  ``implementing`` list names which of them carry the task out (落实) and its ``supporting``
  list which of them a role word names as supporting the lead (配合, 协办, 参与);
- a period is a table ``{text, start, end}`` or a phrase of the plan ("7月底前") read in the
  plan's reference year;
- scalars are strict: ``"1"`` is not a number, ``1`` is not a string, ``true`` is not an integer;
- a string holds whole characters: a lone surrogate (half of a UTF-16 pair, which a JSON file
  can write as ``"\ud800"``) is refused (:func:`_text`);
- a name or title (:data:`_ONE_LINE`) is one line without control characters
  (:func:`_one_line`), as parsing a plan gives it; other text is kept as written.

Every problem is collected, not just the first: cattrs gathers them in a tree of exception
groups (``ClassValidationError`` for the fields of a table, ``IterableValidationError`` for the
rows of a list), and :func:`_problems` walks that tree into one
:class:`~xiaojie.errors.PlanValidationError` per problem with its path, what was expected
(:data:`_EXPECTED`, else a description of the field's type) and what was found.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import itertools
import re
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from xiaojie._hints import did_you_mean
from xiaojie.dates import Cadence, Period, Span, parse_when
from xiaojie.errors import PlanFileError, PlanValidationError, XiaojieError
from xiaojie.io._limits import LONG_INTEGER_BITS
from xiaojie.model import (
    Campaign,
    Indicator,
    Lineage,
    Milestone,
    Obligation,
    Owner,
    Phase,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    TimeLimit,
    UnitGroup,
    UnitRegistry,
)
from xiaojie.model._text import DROPPED, one_line


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping


__all__ = ["SCHEMA_ID", "plan_from_mapping", "plan_to_mapping"]

SCHEMA_ID = "xiaojie-plan/1"
"""The value of the ``schema`` key that identifies this file format."""

_MISSING_FOUND = "nothing (the field is missing)"

_ID = "an id of lower-case letters, digits, _ or -"
_EXPECTED: dict[tuple[type, str], str] = {
    (Plan, "id"): "an id such as ningxia-2025",
    (Plan, "title"): "the document's title",
    (ResponsibleUnit, "id"): _ID,
    (ResponsibleUnit, "name"): "the unit's canonical name",
    (UnitGroup, "id"): _ID,
    (UnitGroup, "name"): "the group's name as written",
    (UnitGroup, "parent"): "the id of another group",
    (Campaign, "number"): "a positive integer",
    (Campaign, "name"): "the campaign's name",
    (Task, "number"): "a positive integer",
    (Task, "campaign"): "a campaign number",
    (Task, "title"): "the task's title",
    (Phase, "number"): "a positive integer",
    (Phase, "name"): "the phase's name",
    (Milestone, "title"): "what is to be done",
    (Milestone, "phase"): "a phase id",
    (Obligation, "title"): "what recurs",
    (Indicator, "name"): "the indicator's name",
    (Indicator, "targets"): "a list of target tables",
    (TimeLimit, "title"): "what the limit is about",
    (Target, "unit"): "a unit such as % or 万人",
    (Target, "benchmark"): "a benchmark name",
    (Cadence, "min_count"): "a positive integer",
    (Cadence, "max_count"): "a positive integer",
    (Cadence, "due_day"): "a day of the month 1-31",
    (Cadence, "due_month"): "a month of the window, counted from 1",
    (Cadence, "weekday"): "a day of the week 1-7 (1 is Monday)",
    (Cadence, "due_after_days"): "a number of days 1-366",
    (Cadence, "due_after_working_days"): "a number of working days 1-250",
    (Cadence, "start_month"): "a month 1-12",
    (Cadence, "start_day"): "a day of the month 1-31",
    (Cadence, "on_holiday"): "postpone (遇节假日顺延) or advance (遇节假日提前)",
    (Span, "amount"): "a positive integer",
    (Lineage, "parent"): "the id of the parent plan",
    (Lineage, "place"): "the code of the place (a string)",
    (Lineage, "links"): "a table of local id = parent id strings",
}
"""What a field holds, in the words of an error message, where its type alone says too little."""

_EXPECTED_BY_NAME: dict[str, str] = {
    "id": "an id",
    "task": "a task number",
    "cadence": "a cadence table {frequency, min_count, max_count, due_day, due_month, …, text}",
    "span": "a span table {amount, unit, comparator, text}",
}
"""What a field of this name holds in any class (ids, task numbers …)."""

_NON_EMPTY: dict[type, str] = {Target: "at least one target"}
"""Rows of which a list must hold at least one."""

_RENAMED: dict[type, dict[str, str]] = {Task: {"responsibilities": "units"}}
"""Fields the file names differently from the class."""

_COLLECTIONS: tuple[tuple[str, type], ...] = (
    ("campaigns", Campaign),
    ("tasks", Task),
    ("phases", Phase),
    ("milestones", Milestone),
    ("obligations", Obligation),
    ("indicators", Indicator),
    ("limits", TimeLimit),
)

_SECTIONS: tuple[tuple[str, type], ...] = (("lineage", Lineage),)
"""Optional top-level tables of the file, each one field of the plan (``[lineage]``)."""
"""The plan's lists of tables, in file order: (the key, the class of a row)."""


# --- problems ----------------------------------------------------------------------------------


class _Problem(Exception):  # noqa: N818 - an internal signal, never raised to callers
    """A problem found by a hook; ``expected`` ``None`` means "what the field holds"."""

    def __init__(self, found: str, expected: str | None = None, sub: str = "") -> None:
        super().__init__(found)
        self.found = found
        self.expected = expected
        self.sub = sub


class _Unresolvable(Exception):  # noqa: N818 - an internal signal
    """A value that cannot be read because something it depends on was already reported."""


def _show(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def _join(path: str, sub: str) -> str:
    if not sub:
        return path
    if not path:
        return sub
    return f"{path}{sub}" if sub.startswith("[") else f"{path}.{sub}"


def _describe(kind: Any) -> str:  # noqa: ANN401 - a type annotation
    """Describe what a field of type ``kind`` holds, for an error message."""
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    origin = typing.get_origin(kind)
    if origin in {typing.Union, types.UnionType} and len(args) == 1:
        return _describe(args[0])
    if kind is Owner or origin in {typing.Union, types.UnionType}:
        return "a unit or group of the plan"
    if origin is tuple:
        inner = args[0] if args else str
        tables = _is_table(inner) and inner is not Responsibility  # responsibilities are names
        return "a list of tables" if tables else "a list of strings"
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return "one of " + ", ".join(str(m.value) for m in kind)
    return _SCALARS.get(kind, "a table" if attrs.has(kind) else "a valid value")


_SCALARS: dict[Any, str] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    dt.date: "a date YYYY-MM-DD",
    Period: "a period table {text, start, end}",
}


def _expected(cls: type | None, name: str, kind: Any) -> str:  # noqa: ANN401
    if cls is not None and (cls, name) in _EXPECTED:
        return _EXPECTED[cls, name]
    return _EXPECTED_BY_NAME.get(name) or _describe(kind)


def _problems(
    exc: BaseException, path: str, owner: tuple[type | None, str, Any] = (None, "", None)
) -> Iterator[PlanValidationError]:
    """Yield every problem in the exception tree ``exc`` raised while reading at ``path``.

    ``owner`` is the class, field name and field type being read, when known: it says what
    the field should have held.
    """
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = _RENAMED.get(exc.cl, {}).get(note.name, note.name)
            yield from _problems(sub, _join(path, name), (exc.cl, note.name, note.type))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from _problems(sub, f"{path}[{index_note.index}]", (None, "", index_note.type))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, _Problem):
        expected = exc.expected if exc.expected is not None else _expected(*owner)
        yield PlanValidationError(_join(path, exc.sub), expected, exc.found)
    elif isinstance(exc, _Unresolvable):
        return
    elif isinstance(exc, PlanFileError):
        for problem in exc.problems:
            yield problem.at(path) if not problem.path else problem
    elif isinstance(exc, PlanValidationError):
        yield exc.at(path)  # a model class names the field ("tasks[0]" + "title")
    elif isinstance(exc, KeyError):
        yield PlanValidationError(path, _expected(*owner), _MISSING_FOUND)
    elif isinstance(exc, ExceptionGroup):
        for sub in exc.exceptions:
            yield from _problems(sub, path, owner)
    else:
        yield PlanValidationError(path, "a valid value", str(exc))


# --- text ------------------------------------------------------------------------------------

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TEXT_EXPECTED = "text of whole Unicode characters"


def _excerpt(text: str, at: int) -> str:
    """Return a few characters of ``text`` around index ``at``, quoted (escapes shown)."""
    start, end = max(0, at - 20), at + 21
    inner = repr(text[start:end])
    return f"{'…' if start else ''}{inner}{'…' if end < len(text) else ''}"


def _text(value: str) -> str:
    r"""Return a plan file's string, refusing a lone surrogate (no file or document holds one).

    Raises :class:`_Problem` naming the surrogate and where it is.

    Examples
    --------
    >>> _text("开发公益\x07岗位"), _text("第一行\n第二行")
    ('开发公益\x07岗位', '第一行\n第二行')
    >>> _text("农业\ud800厅")
    Traceback (most recent call last):
    ...
    xiaojie.io._mapping._Problem: the lone surrogate U+D800 (half a character) at character 3 of '农业\ud800厅'
    """
    if value.isprintable():
        return value
    half = _SURROGATE.search(value)
    if half is None:
        return value
    code = ord(half.group())
    found = f"the lone surrogate U+{code:04X} (half a character) at character {half.start() + 1}"
    raise _Problem(f"{found} of {_excerpt(value, half.start())}", _TEXT_EXPECTED)


def _one_line(value: str) -> str:
    r"""Return :func:`_text` of ``value`` as a name or title: :func:`~xiaojie.model._text.one_line`.

    The characters no document shows (Word's cell mark U+0007 in pasted text, zero-width and
    bidirectional formatting characters) are dropped, as parsing a plan drops them, and each line
    break is folded with the spaces around it: to nothing between two wide (CJK) characters, a
    title's two lines joined as one, and at either end; to one space elsewhere.

    Examples
    --------
    >>> _one_line("开发公益\x07岗位")
    '开发公益岗位'
    >>> _one_line("某县巩固拓展脱贫攻坚成果\n  攻坚行动方案\n")
    '某县巩固拓展脱贫攻坚成果攻坚行动方案'
    >>> _one_line("Action\r\nPlan"), _one_line("方案\n(2025)")
    ('Action Plan', '方案 (2025)')
    """
    return one_line(_text(value))


_ONE_LINE: dict[type, tuple[str, ...]] = {
    Plan: ("title",),
    ResponsibleUnit: ("name",),
    UnitGroup: ("name",),
    Campaign: ("name",),
    Task: ("title",),
    Phase: ("name",),
    Milestone: ("title",),
    Obligation: ("title",),
    Indicator: ("name",),
    TimeLimit: ("title",),
}
"""Names and titles: text on one line (:func:`_one_line`), as headings and calendars show it;
never empty."""

_SHORT_NAMES: dict[type, tuple[str, ...]] = {Campaign: ("short_name",)}
"""Short names: on one line, and may be empty."""

_ONE_LINE_LISTS: dict[type, tuple[str, ...]] = {
    ResponsibleUnit: ("aliases",),
    UnitGroup: ("aliases",),
}
"""Lists of names, each on one line."""


def _safe_key(key: object) -> str:
    """Return a key as a problem's path names it: as written, or quoted when it is not all text."""
    text = str(key)
    return text if text.isprintable() else repr(text)


# --- reading -----------------------------------------------------------------------------------

_REGISTRY: contextvars.ContextVar[UnitRegistry | None] = contextvars.ContextVar(
    "registry", default=None
)
_REFERENCE: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "reference", default=None
)
_MEMO: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("memo", default=None)
"""Values already read while one plan is read: a period table or phrase, a list of unit names.

Plans repeat them (年底前, the same units on many tasks); the model's values are frozen, so one
read object serves every place that writes the same thing. Only values read without a
problem are kept; a value that cannot be a key (a list inside) is read each time."""
_UNCHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar("unchecked", default=False)
"""Whether the data being read was not checked by :func:`xiaojie.io._limits.plain` (see
:func:`plan_from_unchecked`): its integers too long for the interpreter are then refused."""


def _strict(kind: type, *, also: tuple[type, ...] = ()) -> Callable[[Any, Any], Any]:
    """Return a hook that accepts only values of ``kind`` (``bool`` only when ``kind`` is)."""
    accepted = (kind, *also)
    plain = kind is not int  # a value of exactly this type passes at once (integers are measured)

    def hook(value: Any, _type: Any) -> Any:  # noqa: ANN401
        exact = type(value) is kind  # (not narrowing ``value``: an integer's length is read)
        if exact and (plain or value.bit_length() < LONG_INTEGER_BITS):
            return value
        if isinstance(value, bool) and bool not in accepted:
            raise _Problem(_show(value))
        if not isinstance(value, accepted):
            raise _Problem(_show(value))
        if type(value) is int and value.bit_length() >= LONG_INTEGER_BITS and _UNCHECKED.get():
            raise _Problem("a very long integer")
        return value

    return hook


def _read_date(value: Any, _type: Any = None) -> dt.date:  # noqa: ANN401
    if isinstance(value, dt.datetime):
        raise _Problem(_show(value), "a date YYYY-MM-DD without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Problem(repr(value), "a real calendar date YYYY-MM-DD") from None
    raise _Problem(_show(value), "a date YYYY-MM-DD")


def _read_phrase(phrase: str) -> Period:
    reference = _REFERENCE.get()
    if reference is None:
        raise _Problem(repr(phrase), "a period table (no reference date to read a phrase with)")
    try:
        value = parse_when(phrase, reference=reference)
    except XiaojieError as err:
        raise _Problem(str(err), "a time phrase that names one period") from None
    if not isinstance(value, Period):
        found = f"a {type(value).__name__} {phrase!r}"
        raise _Problem(found, "a time phrase that names one period")
    return value


_PERIOD_KEYS = ("text", "start", "end")
_PERIOD_KEY_SET = frozenset(_PERIOD_KEYS)


_READ_ONCE = True
"""Whether :data:`_MEMO` is used (switched off by a test that compares with reading each anew)."""


def _memoized(kind: str, read: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    """Return a hook that reads a value with ``read`` once per plan (see :data:`_MEMO`)."""

    def hook(value: Any, _type: Any = None) -> Any:  # noqa: ANN401
        memo = _MEMO.get()
        if memo is None or not _READ_ONCE:
            return read(value)
        kind_of = type(value)
        if kind_of is list:  # a list of names, the usual value: the key made in one step
            key = (kind, list, *value)
        elif kind_of is dict:
            key = (kind, dict, *value.items())
        else:
            key = (kind, kind_of, value)
        try:
            found = memo.get(key)  # hashed once when found
        except (TypeError, RecursionError):  # a value that cannot be a key (a list inside)
            return read(value)
        if found is None:
            found = memo[key] = read(value)
        return found

    return hook


def _read_period_once(value: Any) -> Period:  # noqa: ANN401
    """Read a period table ``{text, start, end}`` or a phrase of the plan."""
    if isinstance(value, str):
        return _read_phrase(_text(value))
    if not isinstance(value, dict):
        raise _Problem(_show(value), "a period table {text, start, end}")
    bounds: dict[str, dt.date | None] = {}
    problems: list[_Problem] = (
        []
        if _PERIOD_KEY_SET.issuperset(value)
        else _unknown_keys(value, _PERIOD_KEYS, "a period table")
    )
    for key in ("start", "end"):
        bounds[key] = None
        if key in value:
            try:
                bounds[key] = _read_date(value[key])
            except _Problem as problem:
                problem.sub = key
                problems.append(problem)
    text = value.get("text", "")
    if not isinstance(text, str):
        problems.append(_Problem(_show(text), "a string", "text"))
    else:
        try:
            text = _text(text)
        except _Problem as problem:
            problem.sub = "text"
            problems.append(problem)
    if problems:
        raise ExceptionGroup("period", problems)
    start, end = bounds["start"], bounds["end"]
    if start is None and end is None:
        raise _Problem("neither", "a start, an end or both")
    if start is not None and end is not None and end < start:
        raise _Problem(str(end), f"a date on or after the start {start}", "end")
    return Period(start, end, text=text)


_read_period = _memoized("period", _read_period_once)


def _strings(value: Any) -> list[str]:  # noqa: ANN401
    """Read a list of non-empty strings, reporting each bad element at its index."""
    if not isinstance(value, list | tuple):
        raise _Problem(_show(value), "a list of strings")
    return _texts(value, _text)


def _texts(value: list[Any] | tuple[Any, ...], read: Callable[[str], str]) -> list[str]:
    """Read each element of a list as a non-empty string with ``read``, each problem at its index."""
    problems = []
    texts = []
    for k, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.append(_Problem(_show(item), "a non-empty string", f"[{k}]"))
            continue
        try:
            text = read(item)
        except _Problem as problem:
            problem.sub = f"[{k}]"
            problems.append(problem)
            continue
        if text.strip():
            texts.append(text)
        else:  # a name of control characters
            problems.append(_Problem(_show(item), "a non-empty string", f"[{k}]"))
    if problems:
        raise ExceptionGroup("strings", problems)
    return texts


def _owners(value: Any) -> list[tuple[Owner, str]]:  # noqa: ANN401
    """Resolve a list of names in the plan's registry: (owner, the name as written)."""
    names = _strings(value)
    registry = _REGISTRY.get()
    if registry is None:
        raise _Unresolvable
    found: list[tuple[Owner, str]] = []
    problems = []
    for k, name in enumerate(names):
        owner = registry.find(name)
        if owner is None:
            suggestions = registry.suggest(name)
            hint = f" (closest: {'、'.join(suggestions)})" if suggestions else ""
            problems.append(_Problem(repr(name), f"a unit or group of the plan{hint}", f"[{k}]"))
        else:
            found.append((owner, name))
    if problems:
        raise ExceptionGroup("owners", problems)
    return found


def _read_owners_once(value: Any) -> tuple[Owner, ...]:  # noqa: ANN401
    return tuple(owner for owner, _ in _owners(value))


def _read_responsibilities_once(value: Any) -> tuple[Responsibility, ...]:  # noqa: ANN401
    if isinstance(value, list) and not value:
        raise _Problem("an empty list", "at least one responsible unit")
    return tuple(
        Responsibility(owner, Role.LEAD if k == 0 else Role.CO_RESPONSIBLE, written)
        for k, (owner, written) in enumerate(_owners(value))
    )


_read_owners = _memoized("owners", _read_owners_once)
_read_responsibilities = _memoized("responsibilities", _read_responsibilities_once)


def _read_str_tuple(value: Any, _type: Any) -> tuple[str, ...]:  # noqa: ANN401
    if type(value) is list:  # a plan file's list of strings: each one looked at once
        for item in value:
            if type(item) is not str or not item.strip() or not item.isprintable():
                break
        else:
            return tuple(value)
    return tuple(_strings(value))


def _read_one_line_tuple(value: Any, _type: Any) -> tuple[str, ...]:  # noqa: ANN401
    """Read a list of names (``aliases``), each on one line (:func:`_one_line`)."""
    if not isinstance(value, list | tuple):
        raise _Problem(_show(value), "a list of strings")
    return tuple(_texts(value, _one_line))


def _read_pairs(value: Any, _type: Any) -> tuple[tuple[str, str], ...]:  # noqa: ANN401
    """Read a table of string keys to string values (``links``) as ordered pairs."""
    if not isinstance(value, dict):
        raise _Problem(_show(value), "a table of strings")
    problems = []
    pairs = []
    for key, item in value.items():
        where = _safe_key(key)
        if not isinstance(item, str) or not item:
            problems.append(_Problem(_show(item), "a non-empty string", where))
            continue
        try:
            pairs.append((_text(str(key)), _text(item)))
        except _Problem as problem:
            problem.sub = where
            problems.append(problem)
    if problems:
        raise ExceptionGroup("pairs", problems)
    return tuple(pairs)


_MEMBERS: dict[type[enum.Enum], dict[str, enum.Enum]] = {}
"""Each enum's members by value, as the file writes them (found once per enum)."""


def _read_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:  # noqa: ANN401
    members = _MEMBERS.get(kind)
    if members is None:
        members = _MEMBERS[kind] = {str(m.value): m for m in kind}
    if type(value) is str and value in members:
        return members[value]
    expected = f"one of {', '.join(members)}"
    if not isinstance(value, str):
        raise _Problem(_show(value), expected)
    if value not in members:
        raise _Problem(repr(value), expected)
    return kind(value)


def _read_table_list(row_type: type) -> Callable[[Any, Any], tuple[Any, ...]]:
    def hook(value: Any, _type: Any) -> tuple[Any, ...]:  # noqa: ANN401
        if not isinstance(value, list | tuple):
            raise _Problem(_show(value), "a list of tables")
        if not value and row_type in _NON_EMPTY:
            raise _Problem("an empty list", _NON_EMPTY[row_type])
        if _QUICK:
            row = _CONVERTER.get_structure_hook(row_type)
            try:
                return tuple([row(item, row_type) for item in value])
            except Exception:  # noqa: BLE001, S110 - read again below, where the problem is placed
                pass
        return tuple(_CONVERTER.structure(list(value), list[row_type]))  # type: ignore[valid-type]

    return hook


_STRICT_STR = _strict(str)


def _read_str(value: Any, _type: Any = None) -> str:  # noqa: ANN401
    """Read a string (:func:`_text`)."""
    if type(value) is str and value.isprintable():
        return value
    return _text(_STRICT_STR(value, str))


def _read_one_line(value: Any, _type: Any = None) -> str:  # noqa: ANN401
    """Read a name or title (:func:`_one_line`); an empty one is refused."""
    if type(value) is str and value.isprintable() and value:
        return value
    text = _one_line(_STRICT_STR(value, str))
    if not text:
        raise _Problem(f"{value!r}, empty once {DROPPED}" if value else "an empty string")
    return text


def _read_optional_line(value: Any, _type: Any = None) -> str:  # noqa: ANN401
    """Read a short name (:func:`_one_line`), which may be empty."""
    if type(value) is str and value.isprintable():
        return value
    return _one_line(_STRICT_STR(value, str))


def _read_non_empty(value: Any, _type: Any) -> str:  # noqa: ANN401
    text = _read_str(value)
    if not text:
        raise _Problem("nothing")
    return text


_NON_EMPTY_TEXT: dict[type, tuple[str, ...]] = {Lineage: ("parent",)}
"""Text fields that must not be empty, reported at the field rather than by the class."""


def _field_hooks(cls: type) -> dict[str, Callable[[Any, Any], Any]]:
    """Return the hooks of the fields of ``cls`` read otherwise than by their type's hook.

    The fields of :data:`_NON_EMPTY_TEXT`, read so that an empty one is reported at its path,
    and names and titles (:data:`_ONE_LINE`, :data:`_ONE_LINE_LISTS`), read on one line.
    """
    hooks: dict[str, Callable[[Any, Any], Any]] = dict.fromkeys(
        _NON_EMPTY_TEXT.get(cls, ()), _read_non_empty
    )
    hooks.update(dict.fromkeys(_ONE_LINE.get(cls, ()), _read_one_line))
    hooks.update(dict.fromkeys(_SHORT_NAMES.get(cls, ()), _read_optional_line))
    hooks.update(dict.fromkeys(_ONE_LINE_LISTS.get(cls, ()), _read_one_line_tuple))
    return hooks


def _renames(cls: type) -> dict[str, Any]:
    """Return cattrs overrides for the fields the file names differently from ``cls``.

    Also the fields read by a hook of their own (:func:`_field_hooks`).
    """
    renamed = _RENAMED.get(cls, {})
    hooks = _field_hooks(cls)
    return {
        field: override(rename=renamed.get(field), struct_hook=hooks.get(field))
        for field in {*renamed, *hooks}
    }


def _keys_of(cls: type) -> tuple[str, ...]:
    """Return the keys a table of ``cls`` may hold, as the file names them."""
    renamed = _RENAMED.get(cls, {})
    keys = [renamed.get(f.name, f.name) for f in attrs.fields(cls) if f.init]
    if cls is Task:
        keys.extend((_IMPLEMENTING, _SUPPORTING))
    return tuple(keys)


def _unknown_keys(
    keys: Iterable[object], allowed: tuple[str, ...], what: str, label: str = ""
) -> list[_Problem]:
    """One problem per key not in ``allowed``, naming the expected keys and the closest one.

    A misspelt key (``implementers``) would otherwise be dropped without a word.
    """
    problems = []
    for key in keys:
        if key in allowed:
            continue
        hint = did_you_mean(key, allowed)
        where = f" in {label}" if label else ""
        problems.append(
            _Problem(
                f"the unknown key {key!r}{where}",
                f"a key of {what}, one of {', '.join(allowed)}{hint}",
                _safe_key(key),
            )
        )
    return problems


def _label(cls: type, value: Mapping[str, Any]) -> str:
    """How an error names the table it is about: ``task 4``, ``milestone 'mobilise'``."""
    name = cls.__name__.lower()
    number, ident = value.get("number"), value.get("id")
    if isinstance(number, int) and not isinstance(number, bool):
        return f"{name} {number}"
    if isinstance(ident, str) and ident:
        return f"{name} {ident!r}"
    return ""


_QUICK = True
_ABSENT = object()
"""Whether tables and lists of tables are read the quick way first (see :func:`_quick_reader`)."""


def _quick_reader(cls: type) -> Callable[[dict[str, Any]], Any]:
    """Return a function that reads a table of ``cls`` with the hooks of the detailed reader.

    The same hook for each field and the same class, without the detailed reader's bookkeeping
    of where each problem is (a string field already a string is taken as it is, as its hook
    would). It raises at the first problem; the caller then reads the table the detailed way,
    which finds and places every problem, so the plans and errors are those of that reader.
    """
    hints = typing.get_type_hints(cls)
    renamed = _RENAMED.get(cls, {})
    own_hooks = _field_hooks(cls)
    env: dict[str, Any] = {
        "cls": cls,
        "absent": _ABSENT,
        "limit": 1 << (LONG_INTEGER_BITS - 1),  # |v| under it: fewer than LONG_INTEGER_BITS bits
        "registry": _REGISTRY.get,
    }
    lines = ["def quick(o):"]
    arguments = []
    fields = [f for f in attrs.fields(cls) if f.init]
    # a field left out is given its default (which the class converts and checks as it would)
    plain_defaults = not any(isinstance(f.default, attrs.Factory) for f in fields)  # type: ignore[arg-type]
    for k, field in enumerate(fields):
        key = renamed.get(field.name, field.name)
        kind = hints[field.name]
        hook = own_hooks.get(field.name) or _CONVERTER.get_structure_hook(kind)
        env[f"h{k}"], env[f"t{k}"], env[f"d{k}"] = hook, kind, field.default
        value = f"h{k}(v, t{k})"
        if hook is _read_non_empty:
            pass
        elif hook in {_read_one_line, _read_optional_line} or kind in {str, str | None}:
            value = f"v if type(v) is str and v.isprintable() else {value}"
        elif hook is _read_one_line_tuple:
            value = f"() if type(v) is list and not v else {value}"
        elif kind in {int, int | None}:  # as the hook takes a usual integer
            value = f"v if type(v) is int and -limit < v < limit else {value}"
        elif hook is _read_str_tuple:  # an empty list, as the hook reads it
            value = f"() if type(v) is list and not v else {value}"
        elif hook is _read_owners:  # no owners: nothing to find (once the units are known)
            value = f"() if type(v) is list and not v and registry() is not None else {value}"
        elif hook is _read_enum:  # a member's value, as the hook finds it
            env[f"e{k}"] = {str(m.value): m for m in kind}
            value = f"e{k}[v] if type(v) is str and v in e{k} else {value}"
        if field.default is attrs.NOTHING:
            lines.extend((f"    v = o[{key!r}]", f"    a{k} = {value}"))
            arguments.append(f"{field.alias}=a{k}")
        elif plain_defaults:
            lines.extend(
                (f"    v = o.get({key!r}, absent)", f"    a{k} = d{k} if v is absent else {value}")
            )
            arguments.append(f"{field.alias}=a{k}")
        else:
            lines.extend(
                (
                    f"    if {key!r} in o:",
                    f"        v = o[{key!r}]",
                    f"        res[{field.alias!r}] = {value}",
                )
            )
    if plain_defaults:
        lines.append(f"    return cls({', '.join(arguments)})")
    else:
        lines.insert(1, "    res = {}")
        lines.append(f"    return cls({''.join(a + ', ' for a in arguments)}**res)")
    exec("\n".join(lines), env)  # noqa: S102 - our own code, made from the class's fields
    made: Callable[[dict[str, Any]], Any] = env["quick"]
    return made


def _read_table(cls: type) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, _CONVERTER, **_renames(cls))
    allowed = _keys_of(cls)
    known_keys = frozenset(allowed)
    what = f"a {cls.__name__.lower()} table"

    def read(value: dict[str, Any]) -> Any:  # noqa: ANN401
        if cls is Task and (_IMPLEMENTING in value or _SUPPORTING in value):
            rest = {k: v for k, v in value.items() if k not in {_IMPLEMENTING, _SUPPORTING}}
            return _role_lists(generated(rest, cls), value)
        return generated(value, cls)

    quick: list[Callable[[dict[str, Any]], Any]] = []  # made on first use

    def hook(value: Any, _type: Any) -> Any:  # noqa: ANN401
        if not isinstance(value, dict):
            raise _Problem(_show(value))
        if known_keys.issuperset(value):
            if _QUICK and not (cls is Task and (_IMPLEMENTING in value or _SUPPORTING in value)):
                if not quick:
                    quick.append(_quick_reader(cls))
                try:
                    return quick[0](value)
                except Exception:  # noqa: BLE001, S110 - read again below, where the problem is placed
                    pass
            return read(value)
        unknown = _unknown_keys(value, allowed, what, _label(cls, value))
        known = {k: v for k, v in value.items() if k in allowed}
        try:
            read(known)
        except Exception as exc:  # noqa: BLE001 - reported beside the unknown keys
            raise ExceptionGroup(cls.__name__, [*unknown, exc]) from None
        raise ExceptionGroup(cls.__name__, unknown)

    if cls in _VALUE_TABLES:
        return _shared_values(cls.__name__, hook)
    return hook


_VALUE_TABLES = frozenset({Cadence, Span, Target})
"""Tables read into values that plans repeat word for word (a cadence, a time span, a target)."""


def _typed(value: dict[Any, Any]) -> tuple[Any, ...]:
    """Return a key for a table that tells its values' types apart (``1``, ``1.0``, ``True``).

    A value is ``(key, type, value)``, a table inside ``(key, its key)``; a key with a list
    inside cannot be hashed (``TypeError``).
    """
    return tuple(
        [
            (key, _typed(item)) if type(item) is dict else (key, type(item), item)
            for key, item in value.items()
        ]
    )


def _shared_values(kind: str, read: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Return a hook that reads each distinct table with ``read`` once per plan (see :data:`_MEMO`)."""

    def hook(value: Any, _type: Any) -> Any:  # noqa: ANN401
        memo = _MEMO.get()
        if memo is None or not _READ_ONCE or type(value) is not dict:
            return read(value, _type)
        try:
            key = (kind, *_typed(value))
            found = memo.get(key)
        except (TypeError, RecursionError):  # a list inside, or nested too deep
            return read(value, _type)
        if found is None:
            found = memo[key] = read(value, _type)
        return found

    return hook


_IMPLEMENTING = "implementing"
"""The key of a task's table that names which of its ``units`` carry it out (落实)."""


_SUPPORTING = "supporting"
"""The key of a task's table that names which of its ``units`` support the lead (配合)."""


def _role_lists(task: Task, value: Mapping[str, Any]) -> Task:
    """Give the units of ``task`` named in its ``implementing`` / ``supporting`` lists that role.

    Each name must be one of the task's units after the lead, and in one list only.
    """
    roles: dict[str, Role] = {}
    for key, role in ((_IMPLEMENTING, Role.IMPLEMENT), (_SUPPORTING, Role.SUPPORT)):
        if key not in value:
            continue
        try:
            named = _owners(value[key])
        except _Problem as problem:
            problem.sub = _join(key, problem.sub)
            raise
        except ExceptionGroup as group:
            for inner in group.exceptions:
                if isinstance(inner, _Problem):
                    inner.sub = _join(key, inner.sub)
            raise
        others = {r.owner.id for r in task.responsibilities[1:]} - set(roles)
        expected = (
            "one of the task's units after the lead"
            if role is Role.IMPLEMENT
            else "one of the task's units after the lead, not also implementing"
        )
        problems = [
            _Problem(repr(written), expected, f"{key}[{k}]")
            for k, (owner, written) in enumerate(named)
            if owner.id not in others
        ]
        if problems:
            raise ExceptionGroup(key, problems)
        roles.update((owner.id, role) for owner, _ in named)
    return attrs.evolve(
        task,
        responsibilities=tuple(
            attrs.evolve(r, role=roles[r.owner.id]) if r.owner.id in roles else r
            for r in task.responsibilities
        ),
    )


def _is_table_tuple(kind: Any) -> bool:  # noqa: ANN401
    args = typing.get_args(kind)
    return (
        typing.get_origin(kind) is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and attrs.has(args[0])
        and args[0] is not Responsibility
    )


def _is_enum(kind: Any) -> bool:  # noqa: ANN401
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _is(kind: Any) -> Callable[[Any], bool]:  # noqa: ANN401
    return lambda other: other is kind or other == kind


def _is_table(kind: Any) -> bool:  # noqa: ANN401
    return isinstance(kind, type) and attrs.has(kind) and kind is not Period


def _build_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=True)
    # Classes go by single dispatch (an enum before ``str``: StrEnum members are strings) …
    classes: list[tuple[type, Callable[[Any, Any], Any]]] = [
        (str, _read_str),
        (int, _strict(int)),
        (float, _strict(float, also=(int,))),
        (bool, _strict(bool)),
        (dt.date, _read_date),
        (Period, _read_period),
        (enum.Enum, _read_enum),
        (enum.StrEnum, _read_enum),
    ]
    for kind, hook in classes:
        converter.register_structure_hook(kind, hook)
    # … and the file's own shapes by the exact type of the field.
    shapes: list[tuple[Any, Callable[[Any, Any], Any]]] = [
        (tuple[str, ...], _read_str_tuple),
        (tuple[Owner, ...], _read_owners),
        (tuple[Responsibility, ...], _read_responsibilities),
        (tuple[tuple[str, str], ...], _read_pairs),
    ]
    for shape, hook in shapes:
        converter.register_structure_hook_func(_is(shape), hook)
    converter.register_structure_hook_factory(
        _is_table_tuple, lambda kind: _read_table_list(typing.get_args(kind)[0])
    )
    converter.register_structure_hook_factory(_is_table, _read_table)
    converter.register_structure_hook_factory(_is_optional, _read_optional)
    return converter


def _is_optional(kind: Any) -> bool:  # noqa: ANN401 - a type
    args = typing.get_args(kind)
    union = typing.get_origin(kind) in {typing.Union, types.UnionType}
    return union and len(args) == 2 and type(None) in args


def _read_optional(kind: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401 - a type
    """Return the hook of ``X | None``: ``None``, or what the hook of ``X`` makes of the value.

    As cattrs' own, with the hook of ``X`` found once rather than on every value.
    """
    args = typing.get_args(kind)
    other = args[0] if args[1] is type(None) else args[1]
    inner: Callable[[Any, Any], Any] | None = None

    def hook(value: Any, _type: Any) -> Any:  # noqa: ANN401
        nonlocal inner
        if value is None:
            return None
        if inner is None:
            inner = _CONVERTER.get_structure_hook(other)
        return inner(value, other)

    return hook


_CONVERTER = _build_converter()


def _read(kind: Any, value: Any, path: str, problems: list[PlanValidationError]) -> Any:  # noqa: ANN401
    """Structure ``value`` as ``kind``; on failure add its problems (at ``path``), return None."""
    try:
        return _CONVERTER.structure(value, kind)
    except Exception as exc:  # noqa: BLE001 - every problem is reported with its path
        problems.extend(_problems(exc, path, (None, "", kind)))
        return None


_NOT_HEADER = frozenset(key for key, _ in (*_COLLECTIONS, *_SECTIONS))
_HEADER_KEYS = tuple(
    f.name for f in attrs.fields(Plan) if f.init and f.name != "units" and f.name not in _NOT_HEADER
)
"""The keys of the file's ``plan`` table."""
_TOP_KEYS = ("schema", "plan", "units", "groups", *(key for key, _ in (*_COLLECTIONS, *_SECTIONS)))
"""The keys of a plan file's top level."""


def _read_header(
    head: Mapping[str, Any], problems: list[PlanValidationError]
) -> dict[str, Any] | None:
    """Read the plan's own fields (all but its lists and units) from the ``plan`` table."""
    values: dict[str, Any] = {}
    complete = True
    problems.extend(
        PlanValidationError(f"plan.{problem.sub}", problem.expected or "", problem.found)
        for problem in _unknown_keys(head, _HEADER_KEYS, "the plan table")
    )
    hints = typing.get_type_hints(Plan)
    for field in attrs.fields(Plan):
        if not field.init or field.name == "units" or field.name in _NOT_HEADER:
            continue
        kind = hints[field.name]
        where = f"plan.{field.name}"
        if field.name not in head:
            if field.default is attrs.NOTHING:
                problems.append(
                    PlanValidationError(where, _expected(Plan, field.name, kind), _MISSING_FOUND)
                )
                complete = False
            continue
        try:
            if field.name in _ONE_LINE[Plan]:
                values[field.name] = _read_one_line(head[field.name])
            else:
                values[field.name] = _CONVERTER.structure(head[field.name], kind)
        except Exception as exc:  # noqa: BLE001 - reported with its path
            problems.extend(_problems(exc, where, (Plan, field.name, kind)))
            complete = False
    return values if complete else None


def _read_registry(
    data: Mapping[str, Any], problems: list[PlanValidationError]
) -> UnitRegistry | None:
    units = _read(tuple[ResponsibleUnit, ...], data.get("units", []), "units", problems)
    groups = _read(tuple[UnitGroup, ...], data.get("groups", []), "groups", problems)
    if units is None or groups is None:
        return None
    if not units and not groups:
        problems.append(PlanValidationError("units", "at least one unit", "none"))
        return None
    try:
        return UnitRegistry(units, groups)
    except Exception as exc:  # noqa: BLE001 - reported with its path
        problems.extend(_problems(exc, "units"))
        return None


def plan_from_mapping(data: Mapping[str, Any], *, source: str = "plan") -> Plan:
    """Build a :class:`~xiaojie.model.Plan` from a parsed plan file, checking everything.

    Parameters
    ----------
    data
        The mapping a TOML or JSON plan file parses to.
    source
        How to name the input in the error (usually the file's path).

    Returns
    -------
    Plan

    Raises
    ------
    PlanFileError
        Listing every problem found, each with its path, what was expected and what was found.

    Examples
    --------
    >>> plan_from_mapping({"schema": "xiaojie-plan/1", "plan": {"id": "p"}}, source="demo")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanFileError: demo: 3 problem(s)
      plan.title: expected the document's title, found nothing (the field is missing)
      plan.reference_date: expected a date YYYY-MM-DD, found nothing (the field is missing)
      units: expected at least one unit, found none
    """
    problems: list[PlanValidationError] = []
    header, registry = _read_head(data, problems)
    registry_token = _REGISTRY.set(registry)
    reference_token = _REFERENCE.set(header.get("reference_date") if header else None)
    memo_token = _MEMO.set({})
    try:
        lists = {
            key: _read(tuple[row, ...], data.get(key, []), key, problems)  # type: ignore[valid-type]
            for key, row in _COLLECTIONS
        }
        sections = {
            key: _read(kind, data[key], key, problems) for key, kind in _SECTIONS if key in data
        }
    finally:
        _REGISTRY.reset(registry_token)
        _REFERENCE.reset(reference_token)
        _MEMO.reset(memo_token)
    if problems or header is None or registry is None:
        raise PlanFileError(source, problems)
    return _make_plan(header, lists, sections, registry, source)


def _read_head(
    data: Mapping[str, Any], problems: list[PlanValidationError]
) -> tuple[dict[str, Any] | None, UnitRegistry | None]:
    """Read a plan file's schema, its ``plan`` table and its units; note its unknown keys."""
    schema = data.get("schema", SCHEMA_ID)
    if schema != SCHEMA_ID:
        problems.append(PlanValidationError("schema", repr(SCHEMA_ID), repr(schema)))
    head = data.get("plan")
    if not isinstance(head, dict):
        found = _MISSING_FOUND if head is None else _show(head)
        problems.append(PlanValidationError("plan", "a table with the plan's header", found))
        head = {}
    problems.extend(
        PlanValidationError(problem.sub, problem.expected or "", problem.found)
        for problem in _unknown_keys(data, _TOP_KEYS, "a plan file")
    )
    return _read_header(head, problems), _read_registry(data, problems)


def _make_plan(
    header: dict[str, Any],
    lists: dict[str, Any],
    sections: dict[str, Any],
    registry: UnitRegistry,
    source: str,
) -> Plan:
    """Make the plan of its read parts; the plan's own checks across tables fail as a located error."""
    try:
        return Plan(**header, **lists, **sections, units=registry)
    except Exception as exc:  # noqa: BLE001 - reported with its path
        raise PlanFileError(source, list(_problems(exc, ""))) from None


_LATER_KEYS = frozenset(key for key, _ in (*_COLLECTIONS, *_SECTIONS))
"""The top-level keys a plan file's pieces after the first may hold (see :func:`plan_from_pieces`)."""

PIECE_ARRAYS = frozenset(key for key, _ in _COLLECTIONS)
"""The arrays of tables a plan file may be cut at into pieces (its lists of items)."""


def _read_rows(
    data: Mapping[str, Any],
    read: dict[str, list[tuple[Any, ...]]],
    problems: list[PlanValidationError],
) -> None:
    """Read the rows of a piece's lists, adding each list's to ``read`` (see :func:`plan_from_pieces`)."""
    for key, row in _COLLECTIONS:
        rows = data.get(key)
        if rows is not None:
            built = _read(tuple[row, ...], rows, key, problems)  # type: ignore[valid-type]
            if problems:
                raise _PiecesDoubtful
            if built:
                read[key].append(built)


class _PiecesDoubtful(Exception):  # noqa: N818 - a signal to build from the whole data, never raised to callers
    """A plan cannot be built from these pieces as it would be from the whole data: build it so."""


def plan_from_pieces(pieces: Iterable[dict[str, Any]], *, source: str = "plan") -> Plan:
    """Build a plan from the data of a plan file's pieces, each piece's rows built as it comes.

    ``pieces`` gives the data of the file's pieces in file order (as
    :func:`xiaojie.io._pieces.read_toml_pieces` does): the first holds the plan's header and
    units, those after it only rows of the plan's lists (:data:`PIECE_ARRAYS`, each continued
    from the piece before or begun) and its sections. Each piece's rows are built into the
    plan's objects before the next piece is asked for, so that a piece's data can be dropped
    once built; the checks across tables are made once, on the whole plan.

    The plan is the one :func:`plan_from_unchecked` builds from the pieces' data put together.
    Anything else raises :class:`_PiecesDoubtful` (build from the whole data, whose errors
    decide): a problem of any kind, or a piece after the first with another key (a header or
    units after the lists would have been needed before them). Errors of the pieces' reader
    propagate.
    """
    problems: list[PlanValidationError] = []
    read: dict[str, list[tuple[Any, ...]]] = {key: [] for key, _ in _COLLECTIONS}
    raw_sections: dict[str, Any] = {}
    tokens: list[tuple[contextvars.ContextVar[Any], contextvars.Token[Any]]] = []
    head: tuple[dict[str, Any], UnitRegistry] | None = None
    try:
        tokens.append((_UNCHECKED, _UNCHECKED.set(True)))
        for data in pieces:
            if head is None:
                header, registry = _read_head(data, problems)
                if problems or header is None or registry is None:
                    raise _PiecesDoubtful
                head = header, registry
                tokens.append((_REGISTRY, _REGISTRY.set(registry)))
                tokens.append((_REFERENCE, _REFERENCE.set(header.get("reference_date"))))
                tokens.append((_MEMO, _MEMO.set({})))
            elif not _LATER_KEYS.issuperset(data):
                raise _PiecesDoubtful
            _read_rows(data, read, problems)
            raw_sections.update((key, data[key]) for key, _ in _SECTIONS if key in data)
            del data  # not held while the next piece is read
        if head is None:
            raise _PiecesDoubtful
        sections = {
            key: _read(kind, raw_sections[key], key, problems)
            for key, kind in _SECTIONS
            if key in raw_sections
        }
        if problems:
            raise _PiecesDoubtful
    finally:
        for variable, token in reversed(tokens):
            variable.reset(token)
    lists = {
        key: parts[0] if len(parts) == 1 else tuple(itertools.chain.from_iterable(parts))
        for key, parts in read.items()
    }
    del read
    try:
        return _make_plan(head[0], lists, sections, head[1], source)
    except PlanFileError:
        raise _PiecesDoubtful from None


def plan_from_unchecked(data: Mapping[str, Any], *, source: str = "plan") -> Plan:
    """Build a plan like :func:`plan_from_mapping` from data not checked by ``plain``.

    Every key and value of a plan's data is checked on the way in, so data that builds a plan
    nests no deeper than the format does; integers too long for the interpreter (which a
    compiled reader may make) are refused here. Any failure is the caller's cue to check the
    data and decide the reference way.
    """
    token = _UNCHECKED.set(True)
    try:
        return plan_from_mapping(data, source=source)
    finally:
        _UNCHECKED.reset(token)


# --- writing -----------------------------------------------------------------------------------


def _write_period(period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if period.text:
        out["text"] = period.text
    if period.start is not None:
        out["start"] = period.start
    if period.end is not None:
        out["end"] = period.end
    return out


def _write_table(cls: type) -> Callable[[Any], dict[str, Any]]:
    generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, _WRITER, _cattrs_omit_if_default=True, **_renames(cls)
    )

    def hook(value: Any) -> dict[str, Any]:  # noqa: ANN401
        out = {k: v for k, v in generated(value).items() if v is not None}
        if cls is Task and (value.implementing or value.supporting):
            out = _with_role_lists(out, value)
        return out

    return hook


def _with_role_lists(row: dict[str, Any], task: Task) -> dict[str, Any]:
    """Return a task's row with its ``implementing`` and ``supporting`` lists after ``units``.

    Each list is written only when not empty, so files of plans without them do not change.
    """
    out: dict[str, Any] = {}
    for key, item in row.items():
        out[key] = item
        if key == "units":
            if task.implementing:
                out[_IMPLEMENTING] = [o.name for o in task.implementing]
            if task.supporting:
                out[_SUPPORTING] = [o.name for o in task.supporting]
    return out


def _build_writer() -> cattrs.Converter:
    writer = cattrs.Converter()
    writer.register_unstructure_hook_func(_is(dt.date), lambda value: value)
    writer.register_unstructure_hook_func(_is_enum, lambda member: member.value)
    writer.register_unstructure_hook_func(_is(Period), _write_period)
    writer.register_unstructure_hook_func(
        _is(tuple[Owner, ...]), lambda owners: [o.name for o in owners]
    )
    writer.register_unstructure_hook_func(
        _is(tuple[Responsibility, ...]), lambda listed: [r.owner.name for r in listed]
    )
    writer.register_unstructure_hook_func(_is(tuple[str, ...]), list)
    writer.register_unstructure_hook_func(_is(tuple[tuple[str, str], ...]), dict)
    writer.register_unstructure_hook_factory(_is_table, _write_table)
    return writer


_WRITER = _build_writer()

# Generate every hook now, once, rather than on the first plan read or written.
for _row in (ResponsibleUnit, UnitGroup, *(row for _, row in _COLLECTIONS)):
    _CONVERTER.get_structure_hook(tuple[_row, ...])  # type: ignore[valid-type]
    _WRITER.get_unstructure_hook(_row)


def value_to_mapping(value: Any) -> Any:  # noqa: ANN401 - any model value
    """Return one model value (a period, cadence, target, span, unit or group) as plan files write it.

    For writers of a plan-file mapping piece by piece (the plan parser); fields at their
    default value are left out, as in :func:`plan_to_mapping`.

    Examples
    --------
    >>> from xiaojie.dates import parse_when
    >>> cadence = parse_when("每季度结束后10日内", reference=dt.date(2025, 6, 18))
    >>> value_to_mapping(cadence) == {
    ...     "frequency": "quarterly", "due_after_days": 10, "text": "每季度结束后10日内"
    ... }
    True
    """
    return _WRITER.unstructure(value, type(value))


def plan_to_mapping(plan: Plan) -> dict[str, Any]:
    """Return the plan as the mapping a plan file holds (inverse of :func:`plan_from_mapping`).

    Owners are written by their canonical names, so the file stays readable and loads back
    to an equal plan. Fields at their default value are left out.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> data = plan_to_mapping(load_plan())
    >>> data["tasks"][3]["units"][:2]
    ['自治区农业农村厅', '自治区教育厅']
    """
    header = {
        field.name: getattr(plan, field.name)
        for field in attrs.fields(Plan)
        if field.init and field.name != "units" and field.name not in _NOT_HEADER
    }
    out: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "plan": {k: v for k, v in header.items() if v is not None},
        "units": [_WRITER.unstructure(u, ResponsibleUnit) for u in plan.units.units],
        "groups": [_WRITER.unstructure(g, UnitGroup) for g in plan.units.groups],
    }
    for key, row in _COLLECTIONS:
        out[key] = [_WRITER.unstructure(item, row) for item in getattr(plan, key)]
    for key, kind in _SECTIONS:
        if (value := getattr(plan, key)) is not None:
            out[key] = _WRITER.unstructure(value, kind)
    return out
