"""Reading ledger files (CSV, XLSX, Parquet) into typed objects, with a complete error report.

Every bad row is reported with its file, row and column; the good rows are kept. In strict mode
the reader raises one :class:`LedgerFileError` that lists every problem instead.

Row numbers are the numbers a spreadsheet shows: in CSV and XLSX files the header is on row
``header_row`` (found automatically among the first ten rows, so title rows above the header
are fine) and data follow it; in Parquet files, which have no header row, the first record is
row 1. CSV rows are counted as records, so a quoted cell spanning two lines is one row.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import logging
import numbers
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from xiaojie._files import csv_cells_up_to
from xiaojie._privacy import remember_places, scrub, scrubbed_repr
from xiaojie.errors import LedgerError, LedgerFileError
from xiaojie.ledgers._schema import (
    BLANKS,
    Field,
    FieldKind,
    HeaderMap,
    IssueKind,
    LedgerKind,
    Schema,
    cell_text,
    describe_issue,
    joined_header,
    mapped_fields,
    schema_for,
)
from xiaojie.ledgers._xlsx import (
    Formulas,
    Uncomputed,
    dense_enough,
    shaped_rows,
    sheet_shape,
    sheet_title,
    worksheet_choice,
)


if TYPE_CHECKING:
    import os
    from collections.abc import Generator, Iterable, Iterator, Sequence

    from xiaojie.ledgers._model import Asset, FundRecord, Household, Problem
    from xiaojie.ledgers._schema import ParsedRow


__all__ = [
    "LedgerFileError",
    "LedgerRead",
    "LedgerReport",
    "RowIssue",
    "read_assets",
    "read_funds",
    "read_households",
    "read_ledger",
    "read_problems",
]

logger = logging.getLogger("xiaojie.ledgers")

T = TypeVar("T")
_HEADER_SEARCH_ROWS = 10
_CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})


@attrs.frozen
class RowIssue:
    """One problem in one row of a ledger file.

    Attributes
    ----------
    source
        The file name (without its directory).
    row
        The row number as a spreadsheet shows it (see the module notes).
    column
        The column header as written in the file.
    field
        The field the column holds.
    kind
        What kind of problem it is.
    message
        A readable message; personal data in it are masked.
    """

    source: str
    row: int
    column: str
    field: str
    kind: IssueKind
    message: str

    def __str__(self) -> str:
        return scrub(f"{self.source}: row {self.row}, column {self.column}: {self.message}")

    def __repr__(self) -> str:
        fields = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in attrs.fields(RowIssue))
        return scrub(f"RowIssue({fields})")


def row_issues(
    label: str,
    row: int,
    columns: Mapping[str, str],
    names: Mapping[str, Field],
    found: Iterable[tuple[str, IssueKind, str, str]],
) -> list[RowIssue]:
    """Return the :class:`RowIssue` of each ``(field, kind, expected, found)`` a row's parse gave.

    ``columns`` maps a field to its header in the file (the field's label when absent).
    """
    return [
        RowIssue(
            label,
            row,
            columns.get(name, names[name].label),
            name,
            kind,
            describe_issue(names[name], kind, expected, text),
        )
        for name, kind, expected, text in found
    ]


@attrs.frozen
class LedgerReport:
    """What reading a ledger file found: how many rows, which were bad and why.

    Attributes
    ----------
    source
        The file name.
    ledger
        Which ledger was read.
    rows
        Data rows read (blank rows are skipped and not counted).
    good
        Rows that became objects.
    issues
        Every problem, by row then column order.
    ignored_columns
        Headers that name no field (their contents are never read or shown).
    header_row
        The row the header was found on (0 for Parquet).
    """

    source: str = attrs.field(repr=scrubbed_repr)  # a file may be named after a person
    ledger: LedgerKind
    rows: int
    good: int
    issues: tuple[RowIssue, ...] = ()
    ignored_columns: tuple[str, ...] = attrs.field(default=(), repr=scrubbed_repr)
    header_row: int = 1

    @property
    def ok(self) -> bool:
        """Whether no row had a problem."""
        return not self.issues

    @property
    def bad_rows(self) -> tuple[int, ...]:
        """The numbers of the rows that had a problem, ascending."""
        return tuple(sorted({issue.row for issue in self.issues}))

    def summary(self) -> str:
        """Return one line: rows read, good rows, bad rows and problems (personal data masked)."""
        return scrub(
            f"{self.source}: {self.rows} rows read, {self.good} good, "
            f"{len(self.bad_rows)} bad, {len(self.issues)} problems"
        )

    def __str__(self) -> str:
        lines = [self.summary()]
        lines.extend(f"  {issue}" for issue in self.issues)
        return "\n".join(lines)

    def raise_for_issues(self) -> None:
        """Raise :class:`LedgerFileError` listing every problem, if there is any.

        Raises
        ------
        LedgerFileError
            If the report has issues.
        """
        if self.issues:
            raise LedgerFileError(self)


@attrs.frozen
class LedgerRead(Generic[T]):
    """The good rows of a ledger file, as objects, and the report of the bad ones."""

    rows: tuple[T, ...]
    report: LedgerReport

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# -- bytes an encoding cannot read ------------------------------------------------------------
#
# A CSV file is decoded strictly first: a clean file costs nothing more. When a byte sequence
# does not decode (a character cut in two by a copy between systems, a stray 0xFF), the file
# is read again with each such byte kept as the lone surrogate U+DC00 + byte, which no valid
# decoding gives. Each cell holding one is read with U+FFFD in its place, one per byte, and
# the row is set aside with an issue naming the bytes (see :func:`undecoded_row`); a header
# holding one refuses the file (its columns cannot be named). An XLSX cell holding a formula
# saved with no computed value (:class:`~xiaojie.ledgers._xlsx.Uncomputed`) is read as empty
# and sets its row aside the same way.

UNDECODED = "xiaojie-undecoded"
"""The codecs error handler that keeps each byte a decoder refuses as U+DC00 + byte."""

_MARKS = re.compile("[\udc00-\udcff]+")
_AS_REPLACEMENT = {0xDC00 + b: "\ufffd" for b in range(256)}
_BYTE_RUNS_SHOWN = 4
_RUN_BYTES_SHOWN = 8

Runs = tuple[bytes, ...]
"""The runs of bytes an encoding could not read in one cell, in order."""

Held = Runs | Uncomputed
"""What a cell held instead of a value: bytes its encoding cannot read, or a formula never computed."""


def _keep_undecoded(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(chr(0xDC00 + b) for b in bad), err.end


def lenient_errors() -> str:
    """Return the name of the error handler :data:`UNDECODED` (registered on first use)."""
    try:
        codecs.lookup_error(UNDECODED)
    except LookupError:
        codecs.register_error(UNDECODED, _keep_undecoded)
    return UNDECODED


def encoding_name(encoding: str) -> str:
    """Return an encoding's name as messages give it (``UTF-8``, ``GB18030`` …).

    >>> encoding_name("utf-8-sig"), encoding_name("gb18030"), encoding_name("cp936")
    ('UTF-8', 'GB18030', 'GBK')
    """
    name = codecs.lookup(encoding).name
    return "UTF-8" if name == "utf-8-sig" else name.upper()


def show_bytes(runs: Runs) -> str:
    r"""Return the runs of bytes as hexadecimal numbers (a few runs, a few bytes each).

    >>> show_bytes((b"\xff",)), show_bytes((b"\xe5\xb7", b"\x81"))
    ('0xFF', '0xE5 0xB7, 0x81')
    >>> show_bytes((bytes(range(0x80, 0x8A)),))  # a binary file named .csv: a few bytes
    '0x80 0x81 0x82 0x83 0x84 0x85 0x86 0x87 …'
    >>> show_bytes((b"\x80",) * 5)
    '0x80, 0x80, 0x80, 0x80, …'
    """
    shown = [
        " ".join(f"0x{b:02X}" for b in run[:_RUN_BYTES_SHOWN])
        + (" …" if len(run) > _RUN_BYTES_SHOWN else "")
        for run in runs[:_BYTE_RUNS_SHOWN]
    ]
    return ", ".join(shown) + (", …" if len(runs) > _BYTE_RUNS_SHOWN else "")


def undecoded_rows(
    rows: Iterable[Sequence[Any]], found: dict[int, dict[int, Runs]]
) -> Iterator[Sequence[Any]]:
    """Yield CSV rows with each byte kept by :data:`UNDECODED` as U+FFFD.

    ``found`` gets, for each row holding such bytes (numbered from 1, as records), the runs
    of bytes of each of its cells holding some (by column position), before the row is
    yielded.
    """
    for number, row in enumerate(rows, start=1):
        if _MARKS.search("".join(row)) is None:
            yield row
            continue
        bad: dict[int, Runs] = {}
        cells = list(row)
        for i, cell in enumerate(cells):
            runs = _MARKS.findall(cell)
            if runs:
                bad[i] = tuple(bytes(ord(c) - 0xDC00 for c in run) for run in runs)
                cells[i] = cell.translate(_AS_REPLACEMENT)
        found[number] = bad
        yield cells


_STRAY_BYTES = 3
"""The longest run of undecodable bytes of a cell shown in hexadecimal (a character cut short
or a stray byte); a longer run may be a name in another encoding (冯忠 in GBK: 4 bytes)."""


def undecoded_issue(field: Field, text: str, runs: Held, *, at: Where) -> RowIssue:
    """Return the issue of a cell (``text`` as read) holding the bytes ``runs``.

    The bytes are shown in hexadecimal when they are a few stray ones (at most three in a
    run) of a field of no personal data; else only their number is, since they may spell a
    name written in another encoding. The cell as read (each byte as U+FFFD) is shown
    masked, and not at all for a field of personal data, nor when the cell without the bytes
    holds what masking hides (a phone cut by a bad byte, 138\ufffd12345678, no longer looks
    like one). A formula never computed is named by its sheet and cell (never its text).
    """
    column = at.columns.get(field.name, field.label)
    if isinstance(runs, Uncomputed):
        message = (
            f"{field.label}: expected a value, found a formula with no computed value (cell "
            f"{runs.cell} of sheet {scrub(runs.sheet)!r}; open and save the workbook in Excel "
            "or LibreOffice to compute it)"
        )
        return RowIssue(at.source, at.row, column, field.name, IssueKind.BAD_TYPE, message)
    name = encoding_name(at.encoding)
    if field.personal or any(len(run) > _STRAY_BYTES for run in runs):
        # 冯忠 in GBK in a UTF-8 file: its bytes are the name, so only their number is given
        count = sum(len(run) for run in runs)
        bytes_shown = f"{count} byte{'s' * (count != 1)}, not shown: they may spell personal data"
    else:
        bytes_shown = show_bytes(runs)
    message = (
        f"{field.label}: expected text in {name}, found bytes that are not {name} ({bytes_shown})"
    )
    shown = text.strip(BLANKS)
    joined = shown.replace("\ufffd", "")
    if not field.personal and scrub(joined) == joined:
        message += f" in {field.mask(shown)!r}"
    return RowIssue(at.source, at.row, column, field.name, IssueKind.BAD_TYPE, message)


@attrs.frozen
class Where:
    """A row of a file, its columns' headers by field and the file's encoding."""

    source: str
    row: int
    columns: dict[str, str]
    encoding: str


def undecoded_row(
    schema: Schema,
    cells: Sequence[tuple[Field, object]],
    bad: Mapping[str, Held],
    *,
    at: Where,
) -> tuple[ParsedRow, list[RowIssue]] | None:
    """Parse a row whose cells of the fields ``bad`` held bytes its encoding cannot read.

    Returns the parsed row (its key is still the row's) and its issues: one per such cell (in
    column order), then the others the parser finds, none of them in those cells. A row whose
    cells are all empty (only formulas never computed, as a template's below its last row)
    is a blank row: ``None``.
    """
    parsed = schema.parse_items(cells)
    if parsed is None:
        return None  # bytes are read as U+FFFD: only a row of formulas is blank
    found = [
        undecoded_issue(field, str(text), bad[field.name], at=at)
        for field, text in cells
        if field.name in bad
    ]
    found.extend(
        issue
        for issue in row_issues(at.source, at.row, at.columns, schema.names, parsed.issues)
        if issue.field not in bad
    )
    return parsed, found


@attrs.frozen
class UndecodedRow:
    """A row set aside for bytes its encoding cannot read: the fields holding them, its issues."""

    fields: frozenset[str]
    issues: tuple[RowIssue, ...]


def set_aside(
    aside: Mapping[int, UndecodedRow],
    issues: dict[int, list[RowIssue]],
    judged: Iterable[dict[int, Any]],
    only: frozenset[str] | None = None,
) -> set[int]:
    """Give a columnar engine's rows read with undecodable bytes the issues the reader gives.

    Each row of ``aside`` leaves the rows judged good (each dictionary of ``judged``); its
    issues become those :func:`undecoded_row` gave (of the fields in ``only``, when given),
    then the repeated key the engine found. Returns the rows' numbers.
    """
    for number, row in aside.items():
        for good in judged:
            good.pop(number, None)
        repeated = [i for i in issues.get(number, ()) if i.kind is IssueKind.DUPLICATE]
        shown = [i for i in row.issues if only is None or i.field in only]
        issues[number] = [*shown, *repeated]
    return set(aside)


def needed_aside(
    aside: Mapping[int, UndecodedRow], only: frozenset[str]
) -> dict[int, UndecodedRow]:
    """Return the rows of ``aside`` whose undecodable bytes are in the fields ``only``."""
    return {number: row for number, row in aside.items() if row.fields & only}


def undecoded_header(
    source: str,
    head: Sequence[Sequence[object]],
    at: int,
    found: Mapping[int, Mapping[int, Runs]],
    encoding: str,
) -> None:
    """Refuse a header row (``head[at]``) holding bytes ``encoding`` cannot read.

    Raises
    ------
    UnreadableTextError
        Naming the row, the first such column, its bytes and the header as read.
    """
    bad = found.get(at + 1)
    if not bad:
        return
    column = min(bad)
    name = encoding_name(encoding)
    text = str(cell_text(head[at][column])).strip(BLANKS)
    msg = (
        f"{source}: header row {at + 1}, column {column + 1}: expected text in {name}, found "
        f"bytes that are not {name} ({show_bytes(bad[column])}) in {scrub(text)!r}: "
        "the columns cannot be named"
    )
    raise UnreadableTextError(msg)


def undecoded_note(
    err: LedgerError, head_rows: int, found: Mapping[int, Mapping[int, Runs]], encoding: str
) -> LedgerError:
    """Return ``err`` (no header found) saying which of the first rows held undecodable bytes."""
    rows = sorted(n for n in found if n <= head_rows)
    if not rows:
        return err
    column = min(found[rows[0]])
    name = encoding_name(encoding)
    runs = found[rows[0]][column]
    count = sum(len(run) for run in runs)
    # the row may be one of the ledger's (its header unread): its bytes may spell a name
    shown = (
        show_bytes(runs)
        if all(len(run) <= _STRAY_BYTES for run in runs) and rows[0] == 1
        else f"{count} byte{'s' * (count != 1)}, not shown: they may spell personal data"
    )
    msg = f"{err}; row {rows[0]}, column {column + 1} holds bytes that are not {name} ({shown})"
    return LedgerError(msg)


# -- the shared row loop -----------------------------------------------------------------------


@attrs.define
class _Collector:
    """Turns raw rows into objects and issues (one collector per file)."""

    schema: Schema
    source: str
    columns: dict[str, str]
    issues: list[RowIssue] = attrs.Factory(list)
    objects: list[Any] = attrs.Factory(list)
    seen: dict[str, int] = attrs.Factory(dict)
    rows: int = 0

    def add(self, row: int, cells: Sequence[tuple[Field, object]]) -> None:
        parsed = self.schema.parse_items(cells)
        if parsed is None:
            return
        self.keep(
            row,
            parsed,
            row_issues(self.source, row, self.columns, self.schema.names, parsed.issues),
        )

    def keep(self, row: int, parsed: ParsedRow, found: list[RowIssue]) -> None:
        """Count a parsed row: its issues and a repeated key's, or its object."""
        self.rows += 1
        names = self.schema.names
        if parsed.key is not None:
            first = self.seen.setdefault(parsed.key, row)
            if first != row:
                key_field = names[self.schema.key[0]]
                found.append(
                    RowIssue(
                        self.source,
                        row,
                        self.columns.get(key_field.name, key_field.label),
                        key_field.name,
                        IssueKind.DUPLICATE,
                        f"{key_field.label}: expected a value not used before, "
                        f"found a duplicate of row {first}",
                    )
                )
        if found:
            self.issues.extend(found)
        else:
            self.objects.append(parsed.value)

    def finish(
        self, ledger: LedgerKind, ignored: Sequence[str], header_row: int
    ) -> LedgerRead[Any]:
        report = LedgerReport(
            source=self.source,
            ledger=ledger,
            rows=self.rows,
            good=len(self.objects),
            issues=tuple(self.issues),
            ignored_columns=tuple(ignored),
            header_row=header_row,
        )
        logger.info("%s", report.summary())
        places = {place for row in self.objects if (place := getattr(row, "place", None))}
        remember_places(v for p in places for v in (p.county, p.township, p.village))
        return LedgerRead(tuple(self.objects), report)


@attrs.define
class _UndecodedCollector(_Collector):
    """A collector for rows some of whose cells held bytes the encoding cannot read.

    ``undecoded`` holds those cells' bytes by row and column position (see
    :func:`undecoded_rows`), ``index`` each field's column position.
    """

    undecoded: Mapping[int, Mapping[int, Held]] = attrs.Factory(dict)
    index: dict[str, int] = attrs.Factory(dict)
    encoding: str = "utf-8"

    def add(self, row: int, cells: Sequence[tuple[Field, object]]) -> None:
        found = self.undecoded.get(row)
        bad = {name: found[i] for name, i in self.index.items() if i in found} if found else {}
        if not bad:  # none, or only in columns no field reads
            super().add(row, cells)
            return
        parsed = undecoded_row(
            self.schema, cells, bad, at=Where(self.source, row, self.columns, self.encoding)
        )
        if parsed is not None:  # a row of formulas alone is blank
            self.keep(row, *parsed)


def _headers(ledger: LedgerKind, headers: HeaderMap | Mapping[str, str] | None) -> HeaderMap:
    if headers is None:
        return HeaderMap.default(ledger)
    if isinstance(headers, HeaderMap):
        if headers.ledger is not ledger:
            msg = f"header map: expected one for {ledger}, found one for {headers.ledger}"
            raise LedgerError(msg)
        return headers
    return HeaderMap.default(ledger).extend(headers)


def _check_columns(
    schema: Schema, source: str, index: Mapping[str, int], duplicated: Sequence[tuple[str, str]]
) -> None:
    problems = [
        f"expected a column for {field.label} ({field.name}), found none"
        for field in schema.fields
        if field.required and field.name not in index
    ]
    problems.extend(
        f"expected one column for {schema.field(name).label}, found a second one {header!r}"
        for header, name in duplicated
    )
    if problems:
        msg = f"{source}: " + "; ".join(problems)
        raise LedgerError(msg)


_MIDNIGHT = dt.time()


def _cell(field: Field, value: object) -> object:
    """Return a spreadsheet cell as the parser reads it: its text (see :func:`cell_text`).

    A date cell in a date column is passed on as a date, which the parser reads exactly as it
    would read the date's text.
    """
    if type(value) is str or value is None:
        return value
    if (
        field.kind is FieldKind.DATE
        and isinstance(value, dt.datetime)
        and value.time() == _MIDNIGHT
    ):
        return value.date()
    return cell_text(value)


def find_header(
    rows: Sequence[Sequence[object]],
    schema: Schema,
    headers: HeaderMap,
    source: str,
    *,
    names_only: bool = False,
) -> int:
    """Return the 0-based index, among ``rows``, of the header row.

    The header is the row naming the most fields among those that name the key field.

    Raises
    ------
    LedgerError
        If no row names the key field.
    """
    best, best_count = -1, 0
    key = schema.key[0]
    for i, row in enumerate(rows):
        index, _, _ = mapped_fields(row, headers)
        if key in index and len(index) > best_count:
            best, best_count = i, len(index)
    if best < 0:
        label = schema.field(key).label
        msg = (
            f"{source}: expected a header row naming {label} ({key}) within the first "
            f"{len(rows)} rows, found none"
        )
        if names_only:  # ``rows`` is a Parquet file's column names
            msg = f"{source}: expected a column for {label} ({key}), found none"
        raise LedgerError(msg)
    return best


def _collect_table(
    schema: Schema,
    source: str,
    rows: Iterator[Sequence[object]],
    headers: HeaderMap,
    header_row: int | None,
    *,
    undecoded: dict[int, dict[int, Runs]] | None = None,
    encoding: str = "utf-8",
    formulas: Formulas | None = None,
) -> LedgerRead[Any]:
    """Collect the rows of a table; ``undecoded``: its cells' undecodable bytes, when read so.

    ``formulas``: its cells holding formulas never computed (an XLSX sheet's), filled as
    ``rows`` are read.
    """
    head: list[Sequence[object]] = []
    for row in rows:
        head.append(row)
        if len(head) >= (header_row or _HEADER_SEARCH_ROWS):
            break
    head = joined_header(head, schema, headers)
    if header_row is None:
        try:
            at = find_header(head, schema, headers, source)
        except LedgerError as err:
            if not undecoded:
                raise
            raise undecoded_note(err, len(head), undecoded, encoding) from None
    else:
        if header_row < 1 or header_row > len(head):
            msg = f"{source}: expected a header row 1-{len(head)}, found {header_row}"
            raise LedgerError(msg)
        at = header_row - 1
    if undecoded:
        undecoded_header(source, head, at, undecoded, encoding)
    index, ignored, duplicated = mapped_fields(head[at], headers)
    _check_columns(schema, source, index, duplicated)
    columns = {name: str(cell_text(head[at][i])).strip(BLANKS) for name, i in index.items()}
    held: Mapping[int, Mapping[int, Held]] | None = undecoded if formulas is None else formulas
    collector = (
        _Collector(schema, source, columns)
        if held is None
        else _UndecodedCollector(
            schema, source, columns, undecoded=held, index=index, encoding=encoding
        )
    )
    items = [(schema.names[name], i) for name, i in index.items()]

    def cells(row: Sequence[object]) -> list[tuple[Field, object]]:
        width = len(row)
        return [
            (field, (value if type(value) is str or value is None else _cell(field, value)))
            for field, i in items
            for value in ((row[i] if i < width else None),)
        ]

    number = at + 1
    for row in head[at + 1 :]:
        number += 1
        collector.add(number, cells(row))
    for row in rows:
        number += 1
        collector.add(number, cells(row))
    return collector.finish(schema.ledger, ignored, at + 1)


# -- CSV ------------------------------------------------------------------------------------


def _detect_encoding(path: Path) -> str:
    """Return the encoding of a CSV file from its first megabyte: UTF-16, UTF-8 or GB18030.

    A sample neither UTF-8 nor GB18030 reads whole is read as the one that reads more of it
    (a UTF-8 file with a stray byte is still UTF-8, a GB18030 one with a character cut in two
    still GB18030).
    """
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    if len(sample) == 1 << 20:
        cut = sample.rfind(b"\n")
        sample = sample[: cut + 1] if cut > 0 else sample
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return (
        "utf-8-sig" if _unreadable(sample, "utf-8") <= _unreadable(sample, "gb18030") else "gb18030"
    )


def _unreadable(data: bytes, encoding: str) -> int:
    """Return how many sequences of bytes of ``data`` ``encoding`` cannot read."""
    replaced = data.decode(encoding, "replace").count("\ufffd")
    return replaced - data.count("\ufffd".encode(encoding))


BYTE_ORDER_MARK = "\ufeff"
"""The byte order mark a file may begin with, and a file joined after it holds at a row's start."""

FIELD_LIMIT = 1 << 24
"""The longest CSV cell read (16 M characters; the csv module's default is 128 K)."""


def _csv_rows(handle: IO[str], delimiter: str) -> Iterator[Sequence[object]]:
    """Yield the rows of a CSV file; refuse it if a quote opened in its last row never closes.

    The csv module reads an unclosed quote to the end of the file as one cell: every row after
    it would be lost without a word (a stray ``"`` in row 5 of 80 leaves 4 rows). A byte order
    mark at a row's start (files joined end to end) is no part of its first cell: ``H1`` after
    one is still ``H1``, and a repeated key is found.
    """
    with csv_cells_up_to(FIELD_LIMIT):  # the process's limit, put back after the last reader
        reader = csv.reader(handle, delimiter=delimiter)
        rows = 0
        start = line = 1
        last: Sequence[str] = ()
        for row in reader:
            rows += 1
            line, start = start, reader.line_num + 1
            last = row
            if row and row[0].startswith(BYTE_ORDER_MARK):
                row[0] = row[0].lstrip(BYTE_ORDER_MARK)
            yield row
    if reader.line_num > line and any("\n" in cell or "\r" in cell for cell in last):
        _refuse_open_quote(handle, delimiter, rows, line)


class UnreadableTextError(LedgerError):
    """A CSV file that cannot be read as rows whatever ledger it holds (an unclosed quote)."""


def _refuse_open_quote(handle: IO[str], delimiter: str, row: int, line: int) -> None:
    """Raise the error naming the row whose quote runs to the end of the file, if one does."""
    handle.seek(0)
    for _ in range(line - 1):
        handle.readline()
    if not open_at_end(handle.read(), delimiter):
        return
    name = Path(getattr(handle, "name", "<csv>")).name
    msg = (
        f'{name}: row {row} (line {line}): expected each quote (") to be closed, found one '
        "that runs to the end of the file: the lines after it would be read as one cell"
    )
    raise UnreadableTextError(msg)


def open_at_end(text: str, delimiter: str = ",") -> bool:
    r"""Whether the csv module, reading ``text`` from a record's start, ends inside a quote.

    Read as the csv module reads without ``strict``: a quote opens a quoted cell only at a
    cell's start; inside it ``""`` is a quote and a lone ``"`` closes it; what follows the
    closing quote up to the next delimiter is kept as written (``"同心"县`` is 同心县), and a
    quote inside an unquoted cell is a character.

    Examples
    --------
    >>> open_at_end('a,"b\nc,d\n'), open_at_end('a,"b\nc",d\n'), open_at_end('a,"同心"县,"b')
    (True, False, True)
    >>> open_at_end('a,b"c,"d""e\n'), open_at_end('a,b"c\n')
    (True, False)
    """
    # the next quote at a cell's start (after a delimiter or a line end): a quote inside an
    # unquoted cell, or after a closing quote, is a character
    opener = re.compile(f'[\n\r{re.escape(delimiter)}]"')
    at, end = 0, len(text)
    if not text.startswith('"'):
        found = opener.search(text)
        if found is None:
            return False
        at = found.end() - 1
    while True:  # a quoted cell starts at ``at``
        at += 1
        while True:  # its closing quote: the last of a run of odd length
            quote = text.find('"', at)
            if quote < 0:
                return True
            at = quote
            while at < end and text[at] == '"':
                at += 1
            if (at - quote) % 2:
                break
        found = opener.search(text, at)
        if found is None:
            return False
        at = found.end() - 1


def check_reading_options(header_row: object, encoding: object) -> None:
    """Refuse a ``header_row`` that is no row number or an ``encoding`` Python does not know.

    Raises
    ------
    LedgerError
        Naming the argument, what was expected and what was given.
    """
    whole = isinstance(header_row, numbers.Integral) and not isinstance(header_row, bool)
    if header_row is not None and (not whole or header_row < 1):  # type: ignore[operator]
        msg = f"header_row: expected a row number of 1 or more, found {header_row!r}"
        raise LedgerError(msg)
    if encoding is not None:
        try:
            b"a".decode(encoding, "replace")  # type: ignore[arg-type] # bytes to text: not rot13
        except (LookupError, TypeError):
            msg = (
                "encoding: expected the name of an encoding (utf-8, gb18030, utf-16 …), "
                f"found {encoding!r}"
            )
            raise LedgerError(msg) from None


def text_delimiter(path: Path, encoding: str) -> str:
    """Return the character parting a text ledger's cells: a tab or a comma.

    A ``.tsv`` is parted by tabs, a ``.csv`` by commas; a ``.txt`` by tabs when its first line
    holds more tabs than commas (the "Unicode 文本" or "文本文件(制表符分隔)" a spreadsheet
    program saves), else by commas. Such a file was split at commas and refused as no ledger.
    """
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return "\t"
    if suffix != ".txt":
        return ","
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            sample = handle.read(1 << 16)
    except (OSError, LookupError):
        return ","
    first = next((line for line in sample.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","


def _read_csv(
    path: Path, schema: Schema, headers: HeaderMap, header_row: int | None, encoding: str | None
) -> LedgerRead[Any]:
    encoding = encoding or _detect_encoding(path)
    delimiter = text_delimiter(path, encoding)
    try:
        try:
            with path.open(encoding=encoding, newline="") as handle:
                rows = _csv_rows(handle, delimiter)
                return _collect_table(schema, path.name, rows, headers, header_row)
        except UnicodeDecodeError:
            # read again: each cell holding a byte the encoding cannot read (a character cut
            # in two, a stray 0xFF) sets its row aside, and the other rows are read
            found: dict[int, dict[int, Runs]] = {}
            with path.open(encoding=encoding, errors=lenient_errors(), newline="") as handle:
                rows = undecoded_rows(_csv_rows(handle, delimiter), found)
                return _collect_table(
                    schema, path.name, rows, headers, header_row, undecoded=found, encoding=encoding
                )
    except UnicodeError as err:  # utf-16 without a byte order mark
        raise unreadable_text(path, encoding, err) from None


def unreadable_text(path: Path, encoding: str, err: UnicodeError) -> UnreadableTextError:
    """Return the error of a file that cannot be decoded at all (UTF-16 without its mark)."""
    msg = f"{path.name}: expected text in {encoding}, found bytes it cannot be read as ({err})"
    return UnreadableTextError(msg)


# -- XLSX -----------------------------------------------------------------------------------


def _calamine() -> Any:  # noqa: ANN401 - python-calamine is untyped
    try:
        import python_calamine  # noqa: PLC0415 - optional extra
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        msg = "reading .xlsx ledgers needs python-calamine: pip install 'xiaojie[xlsx]'"
        raise LedgerError(msg) from err
    return python_calamine


def cell_value(value: object) -> object:
    """Return a calamine cell as the ledger parser takes it (empty cells as ``None``)."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def open_sheet(path: Path, sheet: str | int | None = None) -> tuple[Any, Any]:
    """Open an XLSX workbook with python-calamine; return ``(workbook, sheet)``.

    Raises
    ------
    LedgerError
        If the file is not a readable workbook or has no such sheet.
    """
    calamine = _calamine()
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, OSError) as err:
        msg = f"{path.name}: expected a readable .xlsx workbook, found {type(err).__name__}"
        raise LedgerError(msg) from None
    try:
        if sheet is None or isinstance(sheet, int):
            return workbook, workbook.get_sheet_by_index(sheet or 0)
        return workbook, workbook.get_sheet_by_name(sheet)
    except (calamine.WorksheetNotFound, IndexError, OverflowError, calamine.CalamineError):
        names = "、".join(workbook.sheet_names)
        workbook.close()
        msg = f"{path.name}: expected a sheet {sheet!r} ({names}), found none"
        raise LedgerError(msg) from None


def _dense_enough(path: Path) -> bool:
    """Return whether python-calamine may read the workbook (see :func:`._xlsx.dense_enough`)."""
    return dense_enough(path)


def _streamed_rows(path: Path, sheet: str | int | None) -> Generator[tuple[object, ...]]:
    """Yield a sheet's rows as they are in the file (for sheets calamine should not open).

    Rows the file does not hold are yielded as empty rows up to the last real row a sheet can
    have; a cell beyond it, or one that cannot be read, is given as the text of its problem
    (``#无法读取: …``), so the row is reported and the others are read.
    """
    from xiaojie.errors import SheetError  # noqa: PLC0415
    from xiaojie.io._xlsx import MAX_ROW, BadCell, sheet_rows  # noqa: PLC0415

    title = sheet if isinstance(sheet, str) else None
    try:
        with sheet_rows(path, path.read_bytes(), title=title) as (_, found):
            last = 0
            for given, cells in found:
                # out of order or beyond the last row a sheet has: read as the next row
                number = last + 1 if given > MAX_ROW or given <= last else given
                for _ in range(last + 1, number):
                    yield ()
                last = number
                yield tuple(
                    f"#无法读取: {c.ref} {c.problem}" if isinstance(c, BadCell) else c
                    for c in cells
                )
    except SheetError as err:
        raise LedgerError(f"{path.name}: {err}".replace(f"{path}: ", "")) from None
    except OSError as err:
        msg = f"{path.name}: expected a readable .xlsx workbook, found {type(err).__name__}"
        raise LedgerError(msg) from None


def workbook_rows(
    path: Path,
    sheet: str | int | None = None,
    *,
    schema: Schema | None = None,
    headers: HeaderMap | None = None,
    header_row: int | None = None,
    uncomputed: Formulas | None = None,
) -> Generator[tuple[object, ...]]:
    """Yield the cell values of each row of a sheet of an XLSX workbook, row 1 first.

    The workbook is read by python-calamine (a maintained reader written in Rust). Dates come
    as ``date`` (or ``datetime`` with a time), whole numbers as ``int``, other numbers as
    ``float``, flags as ``bool``, texts as ``str`` and empty cells as ``None``; rows keep
    the numbers the spreadsheet shows (leading empty rows are yielded as empty tuples) and are
    not padded at their ends.

    A merged range below the header (a village merged over its households) reads as its first
    cell's value in each of its cells, in the rows holding a value of their own; ranges in and
    above the header are left as they are (see :func:`xiaojie.ledgers._xlsx.shaped_rows`).
    The header is the one ``schema``, ``headers`` and ``header_row`` find; without them, the
    row naming the most columns of a ledger in their default names.

    A cell below the header, in a column the ledger reads, holding a formula with no computed
    value (a workbook saved by a program that does not compute formulas) reads as empty;
    ``uncomputed`` gets it, by row and 0-based column, before the first row is yielded.

    Raises
    ------
    LedgerError
        If the file is not a readable workbook or has no such sheet, or if a cell of the
        header holds a formula with no computed value (or one whose place the file does not
        give); without ``uncomputed``, if any cell the ledger reads holds one.
    """
    ledger = (schema, headers, header_row) if schema is not None and headers is not None else None
    if not _dense_enough(path):
        streamed = _streamed_rows(path, sheet)
        try:
            shape = sheet_shape(path, sheet, streamed=True)
            title = "" if shape.plain else sheet_title(path, sheet, streamed=True)
            yield from shaped_rows(
                streamed, shape, path.name, ledger=ledger, uncomputed=uncomputed, title=title
            )
        finally:
            streamed.close()
        return
    workbook, worksheet = open_sheet(path, sheet)
    try:
        shape = sheet_shape(path, sheet)
        merged = () if shape.known else _calamine_merged(worksheet)
        rows = _calamine_rows(worksheet)
        yield from shaped_rows(
            rows, shape, path.name, ledger=ledger, merged=merged, uncomputed=uncomputed,
            title=worksheet.name,
        )  # fmt: skip
    finally:
        workbook.close()


def _calamine_rows(worksheet: Any) -> Iterator[tuple[object, ...]]:  # noqa: ANN401 - calamine's
    """Yield a calamine sheet's rows, row 1 first (see :func:`workbook_rows`).

    ``to_python(skip_empty_area=False)`` starts at A1 in every version; ``iter_rows()`` starts
    at the first column holding a value and, depending on the version, at row 1 or at the first
    row holding one, so counting the empty rows above the ledger from ``start`` put every row
    of a sheet below empty rows that many rows too low in python-calamine 0.9 (row numbers
    off, merged cells filled into other households).
    """
    for raw in worksheet.to_python(skip_empty_area=False):
        row = [cell_value(value) for value in raw]
        while row and row[-1] is None:
            row.pop()
        yield tuple(row)


def _calamine_merged(worksheet: Any) -> tuple[tuple[int, int, int, int], ...]:  # noqa: ANN401
    """Return the merged ranges calamine found in a sheet, 1-based as in :class:`xiaojie.ledgers._xlsx.SheetShape`."""
    return tuple(
        (top + 1, left + 1, bottom + 1, right + 1)
        for (top, left), (bottom, right) in worksheet.merged_cell_ranges or ()
    )


def _read_xlsx(
    path: Path, schema: Schema, headers: HeaderMap, header_row: int | None, sheet: str | int | None
) -> LedgerRead[Any]:
    formulas: Formulas = {}  # cells holding formulas never computed: their rows set aside
    sheet = worksheet_choice(path, sheet)
    rows = workbook_rows(
        path, sheet, schema=schema, headers=headers, header_row=header_row, uncomputed=formulas
    )
    try:  # a generator: closing it closes the workbook
        return _collect_table(schema, path.name, rows, headers, header_row, formulas=formulas)
    finally:
        rows.close()


# -- Parquet --------------------------------------------------------------------------------


def _read_parquet(path: Path, schema: Schema, headers: HeaderMap) -> LedgerRead[Any]:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        msg = "reading .parquet ledgers needs pyarrow: pip install 'xiaojie[columnar]'"
        raise LedgerError(msg) from err
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError, ValueError) as err:
        msg = f"{path.name}: expected a readable Parquet file, found {type(err).__name__}: {str(err)[:160]}"
        raise LedgerError(msg) from None
    check_zones(path.name, parquet.schema_arrow)
    names = list(parquet.schema_arrow.names)
    index, ignored, duplicated = mapped_fields(names, headers)
    _check_columns(schema, path.name, index, duplicated)
    columns = {name: names[i] for name, i in index.items()}
    collector = _Collector(schema, path.name, columns)
    wanted = [names[i] for i in index.values()]
    fields = [schema.names[name] for name in index]
    number = 0
    for batch in parquet.iter_batches(batch_size=65_536, columns=wanted):
        data = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for values in zip(*data, strict=True):
            number += 1
            collector.add(number, list(zip(fields, values, strict=True)))
    return collector.finish(schema.ledger, ignored, 0)


def check_zones(source: str, schema: Any) -> None:  # noqa: ANN401 - a pyarrow schema
    """Refuse a Parquet file a column of times of which names a zone no reader knows.

    A time with a zone is read as the clock there showed it; a zone such as ``+08`` (an
    offset without its minutes) or a misspelt name cannot be read so by any engine.

    Raises
    ------
    LedgerError
        Naming the file, the column and the zone.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional extra, present with a Parquet file read

    for field in schema:
        if not (pa.types.is_timestamp(field.type) and field.type.tz):
            continue
        try:
            pa.scalar(0, type=field.type).as_py()
        except (pa.ArrowException, KeyError, ValueError):  # pytz's and zoneinfo's are KeyErrors
            msg = (
                f"{source}: column {field.name!r}: expected times in a time zone such as "
                f"Asia/Shanghai or +08:00, found the zone {field.type.tz!r}"
            )
            raise LedgerError(msg) from None


# -- public readers -------------------------------------------------------------------------


def read_ledger(
    path: str | os.PathLike[str],
    ledger: LedgerKind | str,
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Any]:
    r"""Read a ledger file into typed objects and a report of every bad row.

    Parameters
    ----------
    path
        A ``.csv`` (or ``.tsv``), ``.xlsx`` or ``.parquet`` file.
    ledger
        ``households``, ``assets``, ``funds`` or ``problems``.
    headers
        A :class:`HeaderMap`, or extra ``{header: field}`` pairs added to the default one.
    header_row
        The 1-based row of the header in CSV and XLSX files (found automatically by default).
    sheet
        The XLSX sheet, by name or 0-based position (the first worksheet by default: a
        chart sheet before it is passed over). A cell the ledger reads holding a formula
        saved with no computed value sets its row aside with an issue naming the sheet and
        the cell; one in the header row refuses the file.
    encoding
        The CSV encoding (UTF-8, with or without BOM, or GB18030 is detected by default).
        A cell holding bytes the encoding cannot read (a character cut in two, a stray 0xFF)
        sets its row aside with an issue showing the bytes in hexadecimal; a header row
        holding some refuses the file.
    strict
        Raise :class:`LedgerFileError` listing every problem instead of returning a report.

    Returns
    -------
    LedgerRead
        ``.rows`` (the good rows as objects) and ``.report``.

    Raises
    ------
    LedgerError
        If the file cannot be read at all: unknown format, no header row, a required column
        missing, a column named twice.
    LedgerFileError
        In strict mode, if any row has a problem.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "户.csv").write_text(
    ...     "户编号,户类型,风险线索发现时间,识别时间\n"
    ...     "H1,一般农户,2025-06-01,2025-06-16\n"
    ...     "H2,一般农户,2025-06-01,2025-02-30\n", encoding="utf-8")
    >>> read = read_ledger(folder / "户.csv", "households")
    >>> [h.id for h in read.rows], read.report.bad_rows
    (['H1'], (3,))
    >>> print(read.report.issues[0])
    户.csv: row 3, column 识别时间: 识别时间: expected a real calendar date, found '2025-02-30'
    """
    path = Path(path)
    schema = schema_for(ledger)
    header_map = _headers(schema.ledger, headers)
    check_reading_options(header_row, encoding)
    suffix = path.suffix.lower()
    if not path.is_file():
        msg = f"ledger file: expected an existing file, found {str(path)!r}"
        raise LedgerError(msg)
    if suffix in _CSV_SUFFIXES:
        result = _read_csv(path, schema, header_map, header_row, encoding)
    elif suffix in _XLSX_SUFFIXES:
        result = _read_xlsx(path, schema, header_map, header_row, sheet)
    elif suffix in _PARQUET_SUFFIXES:
        result = _read_parquet(path, schema, header_map)
    else:
        msg = (
            f"{path.name}: expected a .csv, .xlsx or .parquet file, found {suffix or 'no suffix'!r}"
        )
        raise LedgerError(msg)
    if strict:
        result.report.raise_for_issues()
    return result


def read_households(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Household]:
    r"""Read a household monitoring ledger; see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "households.csv"
    >>> _ = path.write_text("household_id,kind,clue_on\nH1,ordinary,2025-06-01\n")
    >>> read_households(path).rows[0].kind
    <HouseholdKind.ORDINARY: '一般农户'>
    """
    return read_ledger(
        path,
        LedgerKind.HOUSEHOLDS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_assets(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Asset]:
    r"""Read a project-asset ledger (资产管理台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "assets.csv"
    >>> _ = path.write_text("资产编号,资产类别,资产原值,形成年度,资产状态\nA1,经营性,1000,2021,闲置\n")
    >>> read_assets(path).rows[0].state
    <AssetState.IDLE: '闲置'>
    """
    return read_ledger(
        path,
        LedgerKind.ASSETS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_funds(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[FundRecord]:
    r"""Read a fund-spending ledger (资金支出台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "funds.csv"
    >>> _ = path.write_text("县,统计截止时间,下达资金,累计支出\n同心县,2025-07-31,100,59\n")
    >>> read_funds(path).rows[0].progress
    Decimal('0.59')
    """
    return read_ledger(
        path,
        LedgerKind.FUNDS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_problems(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Problem]:
    r"""Read a rectification ledger (问题整改台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "problems.csv"
    >>> _ = path.write_text(
    ...     "问题编号,问题来源,问题表现,整改措施,整改责任单位,整改时限,整改状态,销号时间\n"
    ...     "P1,审计监督,台账不全,补全台账,某局,2025-09-10,已销号,2025-09-01\n")
    >>> read_problems(path).report.issues[0].message
    '验收时间: expected an acceptance date for a 已销号 problem, found none'
    """
    return read_ledger(
        path,
        LedgerKind.PROBLEMS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )
