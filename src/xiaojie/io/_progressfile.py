"""Progress files: CSV, XLSX and JSON with Chinese or English headers (see ``docs/progress.md``).

The records and what they mean live in :mod:`xiaojie.progress`; this module reads and writes
them as files. :func:`read_progress` reports **every** bad row at once, each with its file and
line; :func:`write_progress` writes atomically through the one tabular writer
(:mod:`xiaojie.io._tabular`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from xiaojie._extras import require
from xiaojie._files import atomic_write
from xiaojie._privacy import mask_quoted, scrub
from xiaojie.errors import ProgressError, SheetError, UnknownItemError
from xiaojie.io._limits import parse_text
from xiaojie.io._tabular import (
    Figure,
    append_row,
    csv_bytes,
    csv_text,
    new_workbook,
    workbook_bytes,
)
from xiaojie.io._xlsx import BadCell, Percent, sheet_rows
from xiaojie.model import Indicator
from xiaojie.progress import (
    _CONTROL_RE,
    _REF_RE,
    SCHEMA_ID,
    Completion,
    Measurement,
    Occurrence,
    Progress,
    Record,
    RecordKind,
    _control_message,
    _located,
    _number_text,
    _record_problems,
    _report,
)


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Sequence

    from xiaojie.model import Plan


__all__ = ["read_progress", "write_progress"]


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
_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    # the midnight a spreadsheet adds when it saves a date cell as text: 2025/7/31 0:00, or
    # with its 12-hour clock 2025/7/31 12:00:00 AM, 2025/7/31 上午 12:00:00
    r"(?:[ T]+(?:"
    r"0{1,2}:00(?::00(?:\.0+)?)?(?:\s*(?:[Aa][Mm]|上午))?"
    r"|12:00(?::00(?:\.0+)?)?\s*(?:[Aa][Mm]|上午)"
    r"|(?:[Aa][Mm]|上午)\s*(?:12|0{1,2}):00(?::00(?:\.0+)?)?"
    r"))?$"
)
_YEARLESS_RE = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_NUMBER_RE = re.compile(
    r"^[+-]?(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?$"
)
"""A number as written in a cell: digits, thousands separated by commas (1,234.5), a point."""
_ZERO_COMMA_RE = re.compile(r"^[+-]?0+,")
"""A comma after a leading zero (0,123 or 00,000): a decimal comma, or thousands? Not told."""


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


_FIRST_YEAR, _LAST_YEAR = 1900, 2100
"""The years a progress record's date may have at most: 0001-01-01 or 9999-12-31 is a typo.

Wider than a ledger's (from 1980): with a plan, a record is also held to the plan's years (from
1 January of the year before its first)."""


def _parse_date(value: object) -> tuple[dt.date | None, str | None]:
    """Read a date cell: ISO, ``2025/7/31``, ``2025.7.31``, ``2025年7月31日`` or a spreadsheet date."""
    day, problem = _read_date(value)
    if day is not None and not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        return (
            None,
            f"expected a date between {_FIRST_YEAR} and {_LAST_YEAR}, found {day.isoformat()!r}",
        )
    return day, problem


def _read_date(value: object) -> tuple[dt.date | None, str | None]:
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
        if _YEARLESS_RE.match(text):
            return None, f"expected a date with its year (YYYY-MM-DD), found {value!r}"
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
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("%").strip()
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return None, f"expected a number, found {value!r}"
        if _ZERO_COMMA_RE.match(text):
            return None, (
                f"expected a number (such as 1,234.5), found {value!r}: a comma after a "
                "leading zero may be a decimal comma or a thousands separator; write the "
                "number without it"
            )
        if math.isfinite(number) and not _NUMBER_RE.match(text):
            # float() also takes 5_8 and commas anywhere (58,5 as 585)
            return None, f"expected a number (such as 1,234.5), found {value!r}"
    else:
        return None, f"expected a number, found {type(value).__name__} {value!r}"
    if not math.isfinite(number):
        return None, f"expected a finite number, found {value!r}"
    return number, None


def _percent_shown(cell: object) -> str | None:
    """Say how ``cell`` shows a percent, or return ``None`` when it does not show one.

    A number in a cell with a percent number format (a :class:`~xiaojie.io._xlsx.Percent`), or
    text ending in ``%`` (``50%``, ``５０％``).

    >>> _percent_shown(Percent(50.0, stored=0.5, code="0%")), _percent_shown("５０％")
    ("50% (the number 0.5 with the number format '0%')", "'５０％'")
    >>> _percent_shown(50.0), _percent_shown("50"), _percent_shown(None)
    (None, None, None)
    """
    if isinstance(cell, Percent):
        return (
            f"{_number_text(cell)}% (the number {_number_text(cell.stored)} with the number "
            f"format {cell.code!r})"
        )
    if isinstance(cell, str) and unicodedata.normalize("NFKC", cell).strip().endswith("%"):
        return repr(cell)
    return None


def _unit_not_percent(plan: Plan, ref: str) -> str | None:
    """Return the unit of the target(s) ``ref`` measures when they are not percentages.

    ``ref`` is an indicator's id (all its targets) or ``<indicator>#N`` (its target ``N``).
    ``None`` when ``ref`` names no indicator's target, a target in ``%``, or only targets that
    name no unit (nothing says the number is not a percent).
    """
    item_id, _, number = ref.partition("#")
    try:
        item = plan.item(item_id)
    except UnknownItemError:
        return None
    if not isinstance(item, Indicator):
        return None
    targets = item.targets
    if number:
        if not number.isdigit() or int(number) >= len(targets):
            return None
        targets = (targets[int(number)],)
    units = [t.unit for t in targets if t.unit]
    if not units or "%" in units:
        return None
    return units[0]


def percent_misfit(cell: object, number: float | None, plan: Plan, ref: str) -> str | None:
    """Say why ``cell``, read as ``number``, is no value of the target ``ref``, if it is not.

    A percent (a percent-formatted number, or text ending in ``%``) given for a target counted
    in another unit (户, 人, 分 …) is refused rather than read: 50% in a count cell is 0.5 as
    stored and 50 as shown, and neither is sure to be the count. Zero is zero either way.

    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> percent_misfit("50%", 50.0, plan, "zero-employment-households#0")
    "expected a number of 户 (the unit of the target 'zero-employment-households#0'), found '50%', a percent: type the number itself, without %"
    >>> percent_misfit("50%", 50.0, plan, "spending-progress#0") is None
    True
    """
    if not number or _percent_shown(cell) is None:
        return None
    unit = _unit_not_percent(plan, ref)
    if unit is None:
        return None
    return (
        f"expected a number of {unit} (the unit of the target {ref!r}), found "
        f"{_percent_shown(cell)}, a percent: type the number itself, without %"
    )


class _Rows:
    """Turns located rows of cells into records, collecting every problem."""

    def __init__(self, source: str, *, plan: Plan | None = None) -> None:
        self.source = source
        self.plan = plan
        self.first_day: dt.date | None = None
        self.plan_date: dt.date | None = None
        if plan is not None:
            # the year before the plan's first: a baseline (2024年底) is a record too
            self.first_day = dt.date(plan.period()[0].year - 1, 1, 1)
            self.plan_date = plan.date
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

    def feed(self, located: Iterable[tuple[str, Sequence[object]]]) -> bool:
        """Read a header row, then data rows, from ``(where, cells)`` pairs.

        Blank rows before the header are skipped. Return whether a header row was found (when
        it lacks a required column, no data row is read).
        """
        width = 0
        header_seen = False
        for where, cells in located:
            if header_seen:
                extra = sum(1 for c in cells[width:] if not _blank(c))
                self.row(where, cells, extra=extra)
            elif not all(_blank(c) for c in cells):
                header_seen = True
                if not self.header(where, cells):
                    return True
                width = 1 + max(p for p, _ in self.columns.values())
        return header_seen

    def _cell(self, cells: Sequence[object], field: _Field) -> object:
        column = self.columns.get(field)
        if column is None or column[0] >= len(cells):
            return None
        return cells[column[0]]

    def _name(self, field: _Field) -> str:
        column = self.columns.get(field)
        return column[1] if column is not None else _header_choices(field)

    def _before_plan(self, on: dt.date) -> str:
        """Say that ``on`` is before the year before the plan's: a typo of the year (2015 for 2025)."""
        assert self.first_day is not None  # noqa: S101 - only asked when a plan is given
        dated = (
            "" if self.plan_date is None else f" (the plan is dated {self.plan_date.isoformat()})"
        )
        return (
            f"expected a day on or after {self.first_day.isoformat()}, the start of the year "
            f"before the plan's first{dated}, found {on.isoformat()}"
        )

    def row(self, where: str, cells: Sequence[object], *, extra: int = 0) -> None:
        """Read one data row; ``extra`` counts cells beyond the header's columns."""
        self.start(where)
        if all(_blank(c) for c in cells):
            return
        before = len(self.problems)

        def bad(field: _Field, message: str) -> None:
            # a cell quoted in the message may hold prose about a person
            self.problems.append(f"{where}, {self._name(field)}: {mask_quoted(message)}")

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
            elif on is not None and self.first_day is not None and on < self.first_day:
                bad("date", self._before_plan(on))
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
            if self.plan is not None and item:
                checked: tuple[tuple[_Field, object, float | None], ...] = (
                    ("value", value_cell, value),
                    ("benchmark", bench_cell, benchmark),
                )
                for field, cell, number in checked:
                    misfit = percent_misfit(cell, number, self.plan, item)
                    if misfit is not None:
                        bad(field, misfit)
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
            bad("note", _control_message(note))
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

    def located() -> Iterator[tuple[str, list[str]]]:
        line = 1
        for cells in reader:
            yield f"{path} line {line}", [csv_text(cell) for cell in cells]
            line = reader.line_num + 1

    header_seen = True
    try:
        header_seen = rows.feed(located())
    except csv.Error as err:
        rows.problems.append(f"{path} line {reader.line_num}: malformed CSV ({err})")
    if not header_seen:
        rows.problems.append(f"{path}: expected a header row, found an empty file")


def _read_xlsx(path: Path, raw: bytes, rows: _Rows) -> None:
    require("openpyxl", f"{path}: reading XLSX progress files")
    try:
        with sheet_rows(path, raw, percent=True) as (title, found):

            def located() -> Iterator[tuple[str, Sequence[object]]]:
                for number, cells in found:
                    # a row numbered 0 (r="0", a damaged file) is named so, not left unlocated
                    where = (
                        f"{path} sheet {title!r} row {number}"
                        if number is not None
                        else f"{path} sheet {title!r}"
                    )
                    bad = [c for c in cells if isinstance(c, BadCell)]
                    if not bad:
                        yield where, cells
                        continue
                    rows.start(where)
                    rows.problems.extend(
                        f"{where}, cell {c.ref}: expected a readable cell, found {c.problem}"
                        for c in bad
                    )

            if not rows.feed(located()):
                rows.problems.append(f"{path}: expected a header row, found an empty sheet")
    except SheetError as err:
        rows.problems.append(str(err))


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
        data, limit = parse_text(text, "json")
    except json.JSONDecodeError as err:
        rows.problems.append(
            f"{path} line {err.lineno}, column {err.colno}: invalid JSON ({err.msg})"
        )
        return
    if limit is not None:
        where = f" {limit.where}" if limit.where else ""
        rows.problems.append(f"{path}{where}: expected {limit.expected}, found {limit.found}")
        return
    if isinstance(data, dict):
        schema = data.get("schema", SCHEMA_ID)
        if schema != SCHEMA_ID:
            rows.problems.append(f"{path}: schema expected {SCHEMA_ID!r}, found {schema!r}")
        unknown = sorted(set(data) - {"schema", "records"})
        if unknown:
            rows.problems.append(
                f"{path}: expected only the keys 'schema' and 'records' at the top, "
                f"found unknown key(s) {', '.join(map(repr, unknown))}"
            )
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
        kinds that do not fit …) and those problems are reported with the others; a percent
        (``50%``, or 0.5 in a cell formatted ``0%``) given for a target counted in another
        unit (户, 人 …) is one of them (:func:`percent_misfit`).

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
    rows = _Rows(str(file), plan=plan)
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
        rows: list[Sequence[object]] = [_ZH_HEADER if language == "zh" else _EN_HEADER]
        for record in progress:
            item, kind, on, value, bench, note = _row(record, language=language)
            figures = [Figure(_number_text(value)), Figure(_number_text(bench))]
            rows.append([item, kind, on, *figures, note])
        atomic_write(target, csv_bytes(rows))
    elif suffix == ".xlsx":
        require("openpyxl", f"{target}: writing XLSX progress files")
        book = new_workbook()
        sheet = book.create_sheet("进度")
        append_row(sheet, _ZH_HEADER if language == "zh" else _EN_HEADER)
        for record in progress:
            row = _row(record, language=language)
            row[3], row[4] = Figure(row[3]), Figure(row[4])
            row[5] = row[5] or None
            append_row(sheet, row)
        atomic_write(target, workbook_bytes(book))
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
                entry["note"] = scrub(record.note)  # the figures are written as they are
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
