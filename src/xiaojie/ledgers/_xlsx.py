"""Ledger workbooks: a cheap scan of what a sheet claims, and a sheet read into Arrow texts.

Two jobs, both for XLSX ledgers:

* :func:`dense_enough` says whether a Rust reader (python-calamine, fastexcel) may open the
  workbook. Both make the whole rectangle from the first cell to the last one, so a single
  cell on row 10¹² or in column XFD would allocate billions of cells and end the process; such
  sheets are streamed instead (:func:`xiaojie.io._xlsx.sheet_rows`). The scan reads each
  sheet's XML once, in chunks, and lets the regular-expression engine look only for the
  references that are *larger* than the largest seen so far (or not plain), so a well-formed
  sheet costs a few passes of C code, not a Python step per cell.
* :func:`arrow_texts` reads the ledger's sheet with fastexcel straight into typed Arrow
  columns (no Python object per cell) and turns each wanted column into the texts
  :func:`xiaojie.ledgers._schema.cell_text` gives cell by cell, so the columnar engine sees
  what the object reader sees. The header is found from the first rows' XML; whenever the
  file holds anything this path cannot reproduce exactly (a column mixing kinds of values, a
  time of day, a date serial before 1900-01-01 or after 9999-12-31, a text fastexcel would
  drop, a header that is not plain text …) it returns ``None`` and the caller reads the sheet
  with python-calamine cell by cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import re
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain, islice
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._extras import available
from xiaojie._files import column_number, xml_chunks
from xiaojie.errors import LedgerError
from xiaojie.ledgers._optional import pyarrow_module
from xiaojie.ledgers._schema import (
    BLANKS,
    HeaderMap,
    LedgerKind,
    Schema,
    cell_text,
    joined_header,
    lower_header_names_more,
    mapped_fields,
    schema_for,
)


if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
    from pathlib import Path


__all__ = [
    "PLAIN",
    "SheetShape",
    "Uncomputed",
    "arrow_texts",
    "dense_enough",
    "fill_merged",
    "open_workbook",
    "rows_texts",
    "shaped_rows",
    "sheet_shape",
]

MAX_SHEET_ROW = 1_048_576
MAX_SHEET_COLUMN = 16_384
_SCAN_CHUNK = 1 << 20
_HEAD_ROWS = 10
_HEAD_BYTES = 1 << 20

# -- the scan ------------------------------------------------------------------------------

_REF = re.compile(rb'<c [^>]*?r="([^"]*)"')
_GOOD_REF = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})")
_SCAN_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


class _Exact(Exception):  # noqa: N818 - internal signal, never escapes
    """The cheap bounds do not decide: count the part exactly."""


@functools.cache
def _beyond(letters: int, digits: int) -> re.Pattern[bytes]:
    """Return a pattern: a reference that is not a plain one of at most ``letters`` letters and ``digits`` digits.

    ``<row r="…">`` is left out when ``r`` is the row's first attribute, as writers put it;
    other such matches are sorted out by the caller.
    """
    return re.compile(rb' r="(?<!<row r=")(?![A-Z]{1,%d}[1-9][0-9]{0,%d}")' % (letters, digits - 1))


_ERROR_CELL = b' t="e"'
_ERROR_CELL_QUOTED = b" t='e'"
"""A cell holding a formula's error (``#DIV/0!``, ``#REF!``): only ``<c>`` has a ``t`` of ``e``."""
_MERGE_CELL = b"<mergeCell"
_MERGE_REF = re.compile(rb'<mergeCell\b[^>]*?\bref="([^"]*)"')
_RANGE = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})(?::([A-Z]{1,3})([1-9][0-9]{0,6}))?")
_FORMULA_END = b"</f>"
_CLOSED_FORMULA = re.compile(rb"</f>(?!<v>[^<])")
_SHARED_FORMULA = re.compile(rb"<f [^>]*/>(?!<v>[^<])")
"""The end of a formula not followed at once by a value: a formula with no computed value, or
one written with spaces between the elements (looked at more closely)."""
_EMPTY_VALUE = re.compile(rb"\s*(?:</c>|<v\s*/>|<v>\s*</v>)")
_TAIL_LIMIT = 16 << 20


@attrs.frozen
class SheetShape:
    """What a worksheet holds besides its cells' values, for the readers to honour.

    Attributes
    ----------
    merged
        The merged ranges, each ``(first row, first column, last row, last column)``, 1-based.
    uncomputed
        The ``(row, column)`` of each formula written without its computed value (a workbook
        saved by a program that does not compute formulas); ``(0, 0)`` for a cell whose
        position the file does not give.
    known
        Whether the sheet's part could be told; if not, ``merged`` is empty and
        ``uncomputed`` says whether any sheet of the workbook has such a formula.
    """

    merged: tuple[tuple[int, int, int, int], ...] = ()
    uncomputed: tuple[tuple[int, int], ...] = ()
    known: bool = True

    @property
    def plain(self) -> bool:
        """Whether the sheet is known to have no merged range and no uncomputed formula."""
        return self.known and not self.merged and not self.uncomputed


PLAIN = SheetShape()


@attrs.frozen
class Uncomputed:
    """A cell the ledger reads holding a formula saved with no computed value.

    Its row is set aside with an issue naming the sheet and the cell (see
    :func:`xiaojie.ledgers._read.undecoded_row`); the cell reads as empty.
    """

    sheet: str
    cell: str


Formulas = dict[int, dict[int, Uncomputed]]
"""The uncomputed formulas below a header, by row number and 0-based column."""


@attrs.define
class _PartScan:
    """One pass over a worksheet part: the cheap bounds of its references and its shape."""

    bounds: tuple[int, int, int] | None = None
    exact: bool = False
    merged: list[tuple[int, int, int, int]] = attrs.Factory(list)
    uncomputed: list[tuple[int, int]] = attrs.Factory(list)

    @property
    def shape(self) -> SheetShape:
        if not self.merged and not self.uncomputed:
            return PLAIN
        return SheetShape(tuple(self.merged), tuple(self.uncomputed))


def _cell_chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """Yield a part's XML in chunks of about a megabyte, each cut after a cell's ``</c>``.

    A cell is never cut in two, so a formula and what follows it are in one chunk; past the
    last cell (the merged ranges) a chunk is cut after an element's ``>``.
    """
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            text = tail + chunk
            cut = text.rfind(b"</c>")
            if cut >= 0:
                end = cut + 4
            elif len(text) < _TAIL_LIMIT:
                tail = text
                continue
            else:
                end = text.rfind(b">") + 1 or len(text)
            yield text[:end]
            tail = text[end:]
    if tail:
        yield tail


def _scan_part(archive: zipfile.ZipFile, part: str) -> _PartScan:
    """Return the cheap bounds and the shape of a worksheet part, in one pass over its XML.

    ``bounds`` is ``(cells, most rows, most columns)`` the part can span, from its longest
    references (``10^digits - 1`` rows; 26 or 702 columns), or ``None`` for a reference that
    is not plain and for an error cell (calamine reads one as an empty cell). ``exact`` says
    that a reference has three letters or seven digits (it may lie beyond the sheet's edge):
    the part must be counted exactly.
    """
    scan = _PartScan()
    letters, digits, cells = 1, 1, 0
    deciding = True
    formulas = False
    for text in _cell_chunks(archive, part):
        if deciding:
            try:
                found = _chunk_bounds(text, letters, digits, cells)
            except _Exact:
                scan.exact = True
                found = None
            if found is None:
                deciding = False
            else:
                letters, digits, cells = found
        # a formula (a shared one's first cell included) ends in </f>; a byte search for "f"
        # (memchr) first, as most chunks of a sheet without formulas have none at all
        formulas = formulas or (b"f" in text and _FORMULA_END in text)
        if formulas:
            scan.uncomputed.extend(_uncomputed(text))
        if not text.endswith(b"</c>") and _MERGE_CELL in text:  # they follow the last cell
            scan.merged.extend(_merged(text))
    if deciding:
        scan.bounds = (cells, 10**digits - 1, 26 if letters == 1 else 702)
    return scan


def _chunk_bounds(
    text: bytes, letters: int, digits: int, cells: int
) -> tuple[int, int, int] | None:
    """Return ``(letters, digits, cells)`` widened by one chunk, ``None`` as in :func:`_scan_part`.

    Raises
    ------
    _Exact
        If a reference has three letters or seven digits.
    """
    if _error_cell(text):
        return None  # calamine reads an error cell (#DIV/0!, #REF!) as an empty one
    if not _fits(cells, 10**digits - 1, 26 if letters == 1 else 702):
        # counted only while the bound so far needs more cells (an undercount only sends
        # the part to the exact count); cells written without attributes are not counted
        cells += text.count(b"<c ")
    pattern = _beyond(letters, digits)
    at = 0
    while match := pattern.search(text, at):
        at = match.end()
        end = text.find(b'"', at, at + 64)
        ref = text[at:end] if end >= 0 else text[at : at + 64]
        if ref.isdigit() and text[text.rfind(b"<", 0, match.start()) :].startswith(b"<row"):
            continue  # a row's own number, its r not written first
        plain = _GOOD_REF.fullmatch(ref)
        if plain is None:
            return None
        if len(plain.group(1)) >= 3 or len(plain.group(2)) >= 7:
            raise _Exact
        letters = max(letters, len(plain.group(1)))
        digits = max(digits, len(plain.group(2)))
        pattern = _beyond(letters, digits)
    return letters, digits, cells


def _error_cell(text: bytes) -> bool:
    """Return whether ``text`` has an error cell (single quotes looked for only if any)."""
    return _ERROR_CELL in text or (b"'" in text and _ERROR_CELL_QUOTED in text)


def _uncomputed(text: bytes) -> list[tuple[int, int]]:
    """Return the ``(row, column)`` of each formula in ``text`` written with no computed value.

    A formula's cell with no ``<v>``, or an empty one, has none, unless the cell is a text
    (``t="str"``): an empty text is what a formula such as ``=IF(A2="","",A2)`` computes.
    """
    found: list[tuple[int, int]] = []
    for pattern in (_CLOSED_FORMULA, _SHARED_FORMULA):
        for match in pattern.finditer(text):
            after = _EMPTY_VALUE.match(text, match.end())
            if after is None:
                continue  # a value after spaces or another element
            start = max(text.rfind(b"<c ", 0, match.start()), text.rfind(b"<c>", 0, match.start()))
            tag = text[start : text.find(b">", start) + 1] if start >= 0 else b""
            typed = _CELL_TYPE.search(tag)
            if typed is not None and typed.group(1) == b"str" and b"</c>" not in after.group(0):
                continue  # an empty text, computed
            ref = _CELL_REF.search(tag)
            found.append((int(ref.group(2)), column_number(ref.group(1))) if ref else (0, 0))
    return found


def _merged(text: bytes) -> list[tuple[int, int, int, int]]:
    """Return the merged ranges ``<mergeCell ref="…">`` in ``text`` names (plain ones only)."""
    found = []
    for match in _MERGE_REF.finditer(text):
        ref = _RANGE.fullmatch(match.group(1))
        if ref is None or ref.group(3) is None:
            continue  # not a range this reader can place, or a single cell: nothing to fill
        rows = sorted((int(ref.group(2)), int(ref.group(4))))
        columns = sorted((column_number(ref.group(1)), column_number(ref.group(3))))
        first_row, last_row = min(rows[0], MAX_SHEET_ROW), min(rows[1], MAX_SHEET_ROW)
        first, last = min(columns[0], MAX_SHEET_COLUMN), min(columns[1], MAX_SHEET_COLUMN)
        if (first_row, first) != (last_row, last):
            found.append((first_row, first, last_row, last))
    return found


def _exact(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int] | None:
    """Return ``(cells, last row, last column)`` of the part, or ``None`` for a bad reference."""
    cells, rows, columns = 0, 0, 0
    for text in xml_chunks(archive, part):
        if _error_cell(text):
            return None  # as in _scan_part
        for ref in _REF.findall(text):
            match = _GOOD_REF.fullmatch(ref)
            if match is None:
                return None
            cells += 1
            rows = max(rows, int(match.group(2)))
            columns = max(columns, column_number(match.group(1)))
    return cells, rows, columns


def _fits(cells: int, rows: int, columns: int) -> bool:
    return rows * columns <= 8 * cells + 1_000_000


_UNIQUE = re.compile(rb'<sst\b[^>]*?\suniqueCount="([^"]*)"')
_FEW_STRINGS = 100_000


def _strings_fit(archive: zipfile.ZipFile) -> bool:
    """Return whether the shared strings hold as many items as they claim (or claim few).

    calamine reserves room for the claimed number before reading any: ``uniqueCount`` of 10¹²
    ends the process.
    """
    for part in archive.namelist():
        if not part.lower().endswith("sharedstrings.xml"):
            continue
        with archive.open(part) as stream:
            first = stream.read(4096)
        claim = _UNIQUE.search(first)
        if claim is None:
            continue
        if not claim.group(1).isdigit() or len(claim.group(1)) > 12:
            return False
        if int(claim.group(1)) <= _FEW_STRINGS:
            continue
        items = sum(text.count(b"<si") for text in xml_chunks(archive, part))
        if int(claim.group(1)) > items + _FEW_STRINGS:
            return False
    return True


def dense_enough(path: Path) -> bool:
    """Return whether python-calamine may read the workbook (plain references, a dense rectangle).

    The cells' references must be plain and the rectangle they span not far larger than the
    cells themselves (at most eight times their number and a million more), and the shared
    strings must not claim far more items than they hold. A sheet with an error cell
    (``#DIV/0!``, ``#REF!``) gives ``False`` as well: calamine reads it as an empty cell, the
    streamed reader as the error's text, which the row's check then reports. A file that is not
    a readable zip gives ``True``: calamine says so with its own located error.

    The same pass finds each sheet's merged ranges and formulas with no computed value, kept
    for the reads that follow (see :func:`sheet_shape`).
    """
    survey = _Survey()
    try:
        with zipfile.ZipFile(path) as archive:
            if not _strings_fit(archive):
                return False
            for part in _worksheet_parts(archive):
                scan = _scan_part(archive, part)
                survey.parts[part] = scan.shape
                if scan.bounds is not None and _fits(*scan.bounds):
                    continue
                if scan.bounds is None and not scan.exact:
                    return False
                exact = _exact(archive, part)
                if exact is None:
                    return False
                _, rows, columns = exact
                if rows > MAX_SHEET_ROW or columns > MAX_SHEET_COLUMN or not _fits(*exact):
                    return False
            survey.complete = True
    except _SCAN_ERRORS:
        return True
    finally:
        _remember(path, survey)
    return True


def _worksheet_parts(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]


# -- the shapes of the sheets: merged ranges, formulas never computed --------------------------


@attrs.define
class _Survey:
    """The shapes of a workbook's worksheet parts found so far (``complete``: of every part)."""

    parts: dict[str, SheetShape] = attrs.Factory(dict)
    complete: bool = False


_SURVEYS: dict[tuple[str, int, int, int], _Survey] = {}
_SURVEYS_KEPT = 16


def _file_key(path: Path) -> tuple[str, int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns


def _remember(path: Path, survey: _Survey) -> None:
    """Keep the survey of the file as it is now (its path, inode, size and modification time)."""
    key = _file_key(path)
    if key is None:
        return
    if len(_SURVEYS) >= _SURVEYS_KEPT:
        _SURVEYS.clear()
    _SURVEYS[key] = survey


def sheet_shape(path: Path, sheet: str | int | None, *, streamed: bool = False) -> SheetShape:
    """Return the shape of a workbook's sheet: its merged ranges and uncomputed formulas.

    ``sheet`` is a name or a 0-based position (the first sheet by default); ``streamed``
    chooses the sheet as the streamed reader does (a name not in the workbook, or a position,
    means the first sheet). The pass :func:`dense_enough` made over the file is used when the
    file has not changed since; a part it did not reach is read now. A sheet whose part cannot
    be told (an odd ``workbook.xml``) is not ``known``; a file that is not a readable workbook
    is :data:`PLAIN`, for the reader to report.
    """
    key = _file_key(path)
    survey = _SURVEYS.get(key) if key is not None else None
    if survey is None:
        survey = _Survey()
    elif survey.complete and all(shape.plain for shape in survey.parts.values()):
        return PLAIN
    try:
        with zipfile.ZipFile(path) as archive:
            part = _part_of(archive, sheet, streamed=streamed)
            if part is None:
                for other in _worksheet_parts(archive):
                    if other not in survey.parts:
                        survey.parts[other] = _scan_part(archive, other).shape
                if all(shape.plain for shape in survey.parts.values()):
                    return PLAIN
                anywhere = any(shape.uncomputed for shape in survey.parts.values())
                return SheetShape((), ((0, 0),) if anywhere else (), known=False)
            if part not in survey.parts:
                survey.parts[part] = _scan_part(archive, part).shape
            return survey.parts[part]
    except _SCAN_ERRORS:
        return PLAIN
    finally:
        if key is not None:
            _remember(path, survey)


def _part_of(archive: zipfile.ZipFile, sheet: str | int | None, *, streamed: bool) -> str | None:
    """Return the worksheet part of ``sheet``, or ``None`` if the workbook does not say plainly."""
    try:
        if streamed:
            return _sheet_part(archive, sheet if isinstance(sheet, str) else None)
        return _sheet_part(archive, sheet)
    except _Unsure:
        return None


# -- the first rows, from the XML ------------------------------------------------------------

_SHEET = re.compile(rb"<sheet\b([^>]*)/?>")
_NAME = re.compile(rb'\bname="([^"]*)"')
_RID = re.compile(rb'\br:id="([^"]*)"')
_STATE = re.compile(rb'\bstate="([^"]*)"')
_RELATION = re.compile(rb"<Relationship\b([^>]*)/?>")
_ID = re.compile(rb'\bId="([^"]*)"')
_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>((?:(?!<c\b).)*?)</c>)", re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_TEXT = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>|<t(?:\s[^>]*)?/>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)
_ENTITIES = {b"&lt;": "<", b"&gt;": ">", b"&amp;": "&", b"&quot;": '"', b"&apos;": "'"}
_ENTITY = re.compile(rb"&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]{2,4});")
_ENTITY_SPLIT = re.compile(rb"(&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]{2,4});)")
_ODD = (b"_x", b"<!", b"\r")
_NOT_TEXT = object()
"""A head cell that is not a text (a number, date, flag or error)."""


class _Unsure(Exception):  # noqa: N818 - internal signal, never escapes
    """The fast path cannot reproduce the file exactly: read it cell by cell."""


def _xml_text(raw: bytes) -> str:
    """Return the text of XML character data; :class:`_Unsure` for anything but plain entities."""
    if any(odd in raw for odd in _ODD):
        raise _Unsure
    entities = _ENTITY.findall(raw)
    if raw.count(b"&") != len(entities):
        raise _Unsure  # a bare ampersand or an entity calamine may read otherwise
    if not entities:
        return raw.decode()
    return "".join(
        _entity(part) if part.startswith(b"&") else part.decode()
        for part in _ENTITY_SPLIT.split(raw)
    )


def _entity(name: bytes) -> str:
    """Return an entity's character."""
    if name.startswith(b"&#"):
        code = int(name[3:-1], 16) if name.startswith(b"&#x") else int(name[2:-1])
        if (
            code in {0x9, 0xA, 0xD}
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        ):
            return chr(code)
        raise _Unsure
    if name not in _ENTITIES:
        raise _Unsure
    return _ENTITIES[name]


def _rich_text(raw: bytes) -> str:
    """Return the text of a ``<si>`` or ``<is>`` element: its ``<t>`` runs, phonetic runs left out."""
    raw = _PHONETIC.sub(b"", raw)
    return "".join(_xml_text(m.group(1) or b"") for m in _TEXT.finditer(raw))


def _small_part(archive: zipfile.ZipFile, part: str) -> bytes:
    """Return a part that should be small (the workbook, its relations), or :class:`_Unsure`."""
    try:
        with archive.open(part) as stream:
            data = stream.read(_HEAD_BYTES + 1)
    except KeyError:
        raise _Unsure from None
    if len(data) > _HEAD_BYTES:
        raise _Unsure
    return data


def _sheet_part(archive: zipfile.ZipFile, sheet: str | int | None) -> str:
    """Return the worksheet part of ``sheet`` (a name or a 0-based position; the first by default)."""
    book = _small_part(archive, "xl/workbook.xml")
    rels = _small_part(archive, "xl/_rels/workbook.xml.rels")
    if any(odd in book for odd in (b"<!",)) or b"<!" in rels:
        raise _Unsure
    sheets = [(_NAME.search(m.group(1)), _RID.search(m.group(1))) for m in _SHEET.finditer(book)]
    if not sheets or any(n is None or r is None for n, r in sheets):
        raise _Unsure
    names = [_xml_text(n.group(1)) for n, _ in sheets if n is not None]
    if sheet is None or isinstance(sheet, int):
        position = sheet or 0
    elif sheet in names:
        position = names.index(sheet)
    else:
        raise _Unsure
    if not 0 <= position < len(sheets):
        raise _Unsure
    wanted = sheets[position][1]
    targets: dict[bytes, str] = {}
    for m in _RELATION.finditer(rels):
        ident, given = _ID.search(m.group(1)), _TARGET.search(m.group(1))
        if ident is not None and given is not None:
            targets[ident.group(1)] = given.group(1).decode()
    target = targets.get(wanted.group(1)) if wanted is not None else None
    if target is None:
        raise _Unsure
    part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    if part not in archive.namelist():
        raise _Unsure
    return part


_TYPE = re.compile(rb'\bType="([^"]*)"')


def _sheet_kinds(archive: zipfile.ZipFile) -> list[tuple[str, bool, bool]]:
    """Return each sheet's name, in order, whether it has cells and whether it is shown.

    A chart sheet has no cells; a hidden or very hidden sheet is not shown.
    """
    book = _small_part(archive, "xl/workbook.xml")
    rels = _small_part(archive, "xl/_rels/workbook.xml.rels")
    if b"<!" in book or b"<!" in rels:
        raise _Unsure
    kinds: dict[bytes, bool] = {}
    for m in _RELATION.finditer(rels):
        ident, kind = _ID.search(m.group(1)), _TYPE.search(m.group(1))
        if ident is not None and kind is not None:
            kinds[ident.group(1)] = kind.group(1).endswith(b"/worksheet")
    found = []
    for m in _SHEET.finditer(book):
        name, rid = _NAME.search(m.group(1)), _RID.search(m.group(1))
        if name is None or rid is None or rid.group(1) not in kinds:
            raise _Unsure
        state = _STATE.search(m.group(1))
        shown = state is None or state.group(1) not in {b"hidden", b"veryHidden"}
        found.append((_xml_text(name.group(1)), kinds[rid.group(1)], shown))
    return found


def shown_worksheets(path: Path, *, every: bool = False) -> list[str]:
    """Return the names of a workbook's shown worksheets, in order (none when unsure).

    With ``every``, the names of all its sheets, hidden ones and chart sheets too (the sheets
    a number counts).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            kinds = _sheet_kinds(archive)
    except (_Unsure, *_SCAN_ERRORS):
        return []
    return [name for name, cells, shown in kinds if every or (cells and shown)]


def worksheet_choice(path: Path, sheet: str | int | None) -> str | int | None:
    """Return the sheet to read for ``sheet``: by default the first shown sheet of cells.

    A workbook whose first sheet is a chart (a chart sheet has no cells) or hidden (an old
    copy of the ledger kept out of sight) is read from its first shown worksheet, or its first
    worksheet when every one is hidden; ``sheet`` is returned as it is otherwise, and when the
    workbook does not say plainly which sheets are charts (the readers then report what they
    find).

    Raises
    ------
    LedgerError
        If ``sheet`` names a chart sheet, is a negative number, or the workbook has no
        worksheet.
    """
    if isinstance(sheet, int) and sheet < 0:
        msg = f"{path.name}: sheet {sheet}: expected a sheet's number from 0 (the first sheet)"
        raise LedgerError(msg)
    try:
        with zipfile.ZipFile(path) as archive:
            kinds = _sheet_kinds(archive)
    except (_Unsure, *_SCAN_ERRORS):
        return sheet
    if not kinds:
        return sheet
    names = "、".join(name for name, _, _ in kinds)
    if sheet is None:
        if kinds[0][1] and kinds[0][2]:
            return sheet
        cells = [(name, shown) for name, is_cells, shown in kinds if is_cells]
        if not cells:
            msg = f"{path.name}: expected a worksheet, found only chart sheets ({names})"
            raise LedgerError(msg)
        return next((name for name, shown in cells if shown), cells[0][0])
    chosen = next((k for k in kinds if k[0] == sheet), None) if isinstance(sheet, str) else None
    if isinstance(sheet, int) and 0 <= sheet < len(kinds):
        chosen = kinds[sheet]
    if chosen is not None and not chosen[1]:
        msg = (
            f"{path.name}: sheet {chosen[0]!r}: expected a sheet of cells, found a chart sheet "
            f"(the workbook's sheets: {names})"
        )
        raise LedgerError(msg)
    return sheet


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """Return the shared strings numbered in ``wanted``, read only as far as the largest of them."""
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    try:
        stream = archive.open("xl/sharedStrings.xml")
    except KeyError:
        raise _Unsure from None
    index = 0
    with stream:
        tail = b""
        while index <= last and (chunk := stream.read(_SCAN_CHUNK)):
            text = tail + chunk
            if b"<!" in text:
                raise _Unsure
            cut = text.rfind(b"</si>")
            if cut < 0:
                tail = text
                if len(tail) > _HEAD_BYTES:
                    raise _Unsure
                continue
            cut += len(b"</si>")
            text, tail = text[:cut], text[cut:]
            for item in re.finditer(rb"<si>(.*?)</si>|<si/>", text, re.DOTALL):
                if index in wanted:
                    found[index] = _rich_text(item.group(1) or b"")
                index += 1
                if index > last:
                    break
    if set(found) != wanted:
        raise _Unsure
    return found


def _head(archive: zipfile.ZipFile, part: str, rows: int) -> list[list[object]]:
    """Return the first ``rows`` rows of the sheet: texts as calamine gives them, others marked.

    Cells that are not texts are :data:`_NOT_TEXT`; empty ones ``None``.
    """
    with archive.open(part) as stream:
        xml = stream.read(_HEAD_BYTES)
    start = xml.find(b"<sheetData")
    if start < 0:
        raise _Unsure
    cells: list[tuple[int, int, bytes, bytes]] = []
    for m in _CELL.finditer(xml, start):
        ref = _CELL_REF.search(m.group(1))
        if ref is None:
            raise _Unsure
        row = int(ref.group(2))
        if row > rows:
            break
        typed = _CELL_TYPE.search(m.group(1))
        kind = typed.group(1) if typed else b"n"
        cells.append((row, column_number(ref.group(1)), kind, m.group(2) or b""))
    else:
        if b"</sheetData>" not in xml:
            raise _Unsure  # the first rows run past what was read
    shared = {
        int(v.group(1))
        for _, _, kind, body in cells
        if kind == b"s" and (v := _VALUE.search(body)) is not None and v.group(1).isdigit()
    }
    strings = _shared_strings(archive, shared)
    grid: list[list[object]] = [[] for _ in range(rows)]
    for row, column, kind, body in cells:
        value: object
        if kind == b"s":
            v = _VALUE.search(body)
            if v is None or not v.group(1).isdigit():
                raise _Unsure
            value = strings[int(v.group(1))]
        elif kind == b"inlineStr":
            value = _rich_text(body)
        elif kind == b"str":
            v = _VALUE.search(body)
            value = _xml_text(v.group(1)) if v is not None else ""
        elif _VALUE.search(body) is None and b"<is>" not in body:
            value = ""
        else:
            value = _NOT_TEXT
        line = grid[row - 1]
        line.extend([None] * (column - len(line)))
        line[column - 1] = None if value == "" else value
    return grid


# -- the body, through fastexcel -------------------------------------------------------------


def _quiet_fastexcel() -> None:
    """Keep fastexcel's warnings (a column of blanks) out of the log: the report says more."""
    logging.getLogger("fastexcel").setLevel(logging.ERROR)


def open_workbook(path: Path) -> Future[Any] | None:
    """Start opening the workbook with fastexcel in a thread (``None`` if it is not installed).

    Opening reads the workbook's parts and shared strings, never a sheet's cells, so once the
    shared strings are known to hold what they claim it may run while :func:`dense_enough`
    scans the sheets (fastexcel lets go of the interpreter lock).
    """
    if not available("fastexcel"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            if not _strings_fit(archive):
                return None  # opening would reserve room for every claimed string
    except _SCAN_ERRORS:
        return None
    _quiet_fastexcel()
    fastexcel = __import__("fastexcel")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xiaojie-xlsx")
    try:
        return pool.submit(fastexcel.read_excel, str(path))
    finally:
        pool.shutdown(wait=False)


def arrow_texts(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    opened: Future[Any] | None = None,
    uncomputed: Formulas | None = None,
) -> tuple[Any, list[str], int] | None:
    """Read a ledger sheet into an Arrow table of texts with fastexcel, or ``None`` if unsure.

    Returns ``(table, header names, header row)`` as :func:`xiaojie.ledgers._arrow.text_table`
    does (the table has the wanted columns, by header name, and no row column yet: the caller
    numbers the rows from the header). ``None`` means: read the sheet cell by cell instead
    (fastexcel missing, or something in the file this path does not reproduce exactly).
    ``opened`` is the workbook :func:`open_workbook` started opening, if any. ``uncomputed``
    gets the cells below the header, in the columns the ledger reads, holding a formula with
    no computed value (read as empty); without it such a cell refuses the sheet.

    A sheet with a merged range below the header in a column the ledger reads is read row by
    row from :func:`xiaojie.ledgers._read.workbook_rows`, which fills the range as the object
    reader does (also when this path is unsure of the sheet, so that the careful reader, which
    does not fill ranges, never sees one).

    Raises
    ------
    LedgerError
        If a cell of the header holds a formula with no computed value, or one whose place the
        file does not give; without ``uncomputed``, any such cell the ledger reads.
    """
    shape = sheet_shape(path, sheet)
    opened = opened if opened is not None else open_workbook(path)
    try:
        return _arrow_texts(
            path, schema, headers, header_row=header_row, sheet=sheet, opened=opened,
            shape=shape, uncomputed=uncomputed,
        )  # fmt: skip
    except _Refused as refused:
        raise LedgerError(str(refused)) from None
    except _ReadRows:
        return rows_texts(
            path, schema, headers, header_row=header_row, sheet=sheet, uncomputed=uncomputed
        )
    except _Unsure:
        return None
    except Exception:  # noqa: BLE001 - fastexcel raises its own types; the careful path decides
        return None


class _Refused(Exception):  # noqa: N818 - internal signal, turned into a LedgerError
    """A cell the ledger reads holds a formula with no computed value."""


class _ReadRows(Exception):  # noqa: N818 - internal signal, never escapes
    """The sheet has merged ranges to fill (or its shape cannot be placed): read it by rows."""


def _xml_header(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
) -> tuple[list[list[object]], int, list[str], dict[str, int]]:
    """Return the sheet's first rows, the header's index among them, its names and fields."""
    from xiaojie.ledgers._read import find_header  # noqa: PLC0415 - _read imports this module

    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        head = _head(archive, part, header_row or _HEAD_ROWS)
    texts = [[None if c is _NOT_TEXT else c for c in row] for row in head]
    if header_row is None:
        while texts and not texts[-1]:
            texts.pop()  # calamine's grid ends at the last filled row
    joined = joined_header(texts, schema, headers)
    if header_row is None:
        at = find_header(joined, schema, headers, path.name)
    else:
        at = header_row - 1
        if not 0 <= at < len(head):
            raise _Unsure
    joined_from = at if joined[at] is texts[at] else 0  # a joined header takes rows above
    if any(c is _NOT_TEXT for row in head[joined_from : at + 1] for c in row):
        raise _Unsure
    names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in joined[at]]
    index, _, _ = mapped_fields(names, headers)
    return head, at, names, index


def _check_shape(  # noqa: PLR0917 - the sheet's facts
    shape: SheetShape,
    source: str,
    header: int,
    names: Sequence[str],
    wanted: set[int],
    uncomputed: Formulas | None,
    title: Callable[[], str],
) -> None:
    """Place the uncomputed formulas the ledger reads; ask for a row read if a range needs filling.

    ``header`` is the header's row (1-based); ``wanted`` the 0-based columns the ledger reads;
    ``uncomputed`` gets the formulas below the header (see :func:`placed_uncomputed`), which
    refuse the sheet without it, as one in the header always does.
    """
    try:
        found = placed_uncomputed(shape, source, header, names, wanted, title=title)
    except LedgerError as err:
        raise _Refused(str(err)) from None
    if found and uncomputed is None:
        row, cells = min(found.items())
        raise _Refused(uncomputed_message(source, [(row, min(cells) + 1)], names))
    if uncomputed is not None:
        uncomputed.update(found)
    for first_row, first, last_row, last in shape.merged:
        if first_row > header and any(first - 1 <= column <= last - 1 for column in wanted):
            raise _ReadRows
        if first == last and first_row <= header < last_row + 1 and first_row < last_row:
            raise _ReadRows  # a header over two rows: its names are read filled, row by row


def _arrow_texts(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    opened: Future[Any] | None,
    shape: SheetShape,
    uncomputed: Formulas | None = None,
) -> tuple[Any, list[str], int]:
    pa = pyarrow_module()
    if shape.plain:
        if opened is None:
            raise _Unsure
        head, at, names, index = _xml_header(
            path, schema, headers, header_row=header_row, sheet=sheet
        )
    else:
        try:
            head, at, names, index = _xml_header(
                path, schema, headers, header_row=header_row, sheet=sheet
            )
        except Exception:  # noqa: BLE001 - whatever stops this path, the rows are read
            raise _ReadRows from None
        _check_shape(
            shape, path.name, at + 1, names, set(index.values()), uncomputed,
            title=lambda: sheet_title(path, sheet),
        )  # fmt: skip
        if opened is None:
            raise _Unsure  # nothing to fill where the ledger reads: the careful path may read
    wanted = set(index.values())
    if not wanted:
        raise _Unsure
    header = head[at]
    seen: list[tuple[int, str]] = []

    def pick(info: Any) -> bool:  # noqa: ANN401 - fastexcel's column
        seen.append((info.absolute_index, info.name))
        return info.absolute_index in wanted

    # Only the wanted columns are typed, each from every row below the header, and a column
    # mixing kinds of values is refused (then the careful path reads the sheet).
    loaded = opened.result().load_sheet(
        sheet or 0,
        header_row=at,
        schema_sample_rows=None,
        dtype_coercion="strict",
        use_columns=pick,
    )
    for position, name in seen:  # fastexcel's header row is the one found above
        raw = header[position] if position < len(header) else None
        if isinstance(raw, str) and raw != name:
            raise _Unsure
    by_position = {info.absolute_index: info.name for info in loaded.selected_columns}
    if set(by_position) != wanted:
        raise _Unsure
    batch, errors = loaded.to_arrow_with_errors()
    if errors is not None and any("got 'Error(" not in e.detail for e in errors.errors):
        raise _Unsure  # a text fastexcel would drop from a typed column
    arrays = {names[i]: _texts(batch.column(by_position[i])) for i in sorted(wanted)}
    return pa.table(arrays), names, at + 1


def rows_texts(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    uncomputed: Formulas | None = None,
) -> tuple[Any, list[str], int]:
    """Read a sheet row by row (:func:`xiaojie.ledgers._read.workbook_rows`) into Arrow texts.

    As :func:`arrow_texts` returns them: the wanted columns, the header's names, its row;
    ``uncomputed`` as there.
    """
    from xiaojie.ledgers._arrow import _blank_as_null  # noqa: PLC0415 - _arrow imports this module
    from xiaojie.ledgers._read import find_header, workbook_rows  # noqa: PLC0415

    pa = pyarrow_module()
    rows = workbook_rows(
        path, sheet, schema=schema, headers=headers, header_row=header_row, uncomputed=uncomputed
    )
    try:
        head = [list(row) for _, row in zip(range(header_row or _HEAD_ROWS), rows, strict=False)]
        joined = joined_header(head, schema, headers)
        at = (
            find_header(joined, schema, headers, path.name)
            if header_row is None
            else header_row - 1
        )
        if not 0 <= at < len(head):
            msg = f"{path.name}: expected a header row 1-{len(head)}, found {header_row}"
            raise LedgerError(msg)
        names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in joined[at]]
        wanted = list(mapped_fields(names, headers)[0].values())
        data: dict[int, list[object]] = {i: [] for i in wanted}
        for row in chain(head[at + 1 :], rows):
            width = len(row)
            for i in wanted:
                data[i].append(row[i] if i < width else None)
    finally:
        rows.close()
    arrays = {names[i]: _blank_as_null(_column_texts(data[i])) for i in wanted}
    return pa.table(arrays), names, at + 1


def _column_texts(values: Sequence[object]) -> Any:  # noqa: ANN401 - a pyarrow array
    """Return the texts :func:`cell_text` gives for a column of cells, by one Arrow cast if may."""
    pa = pyarrow_module()
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds <= {str}:
        return pa.array(values, pa.string())
    if kinds == {dt.date}:  # days (not datetimes): ISO dates, as cell_text writes them
        return pa.array(values, pa.date32()).cast(pa.string())
    return pa.array([cell_text(value) for value in values], pa.string())


# -- merged ranges and uncomputed formulas, row by row ---------------------------------------


def read_uncomputed(
    shape: SheetShape, header: int, wanted: Collection[int]
) -> list[tuple[int, int]]:
    """Return the uncomputed formulas below row ``header`` in the 0-based columns ``wanted``.

    A cell whose place the file does not give counts wherever it is.
    """
    return sorted(
        (row, column)
        for row, column in shape.uncomputed
        if row == 0 or (row > header and column - 1 in wanted)
    )


def placed_uncomputed(
    shape: SheetShape,
    source: str,
    header: int,
    names: Sequence[str] | None,
    wanted: Collection[int],
    *,
    title: Callable[[], str],
) -> Formulas:
    """Return the uncomputed formulas below row ``header`` in the 0-based columns ``wanted``.

    Each is given by row and 0-based column, with the sheet's name (``title()``, asked only
    when there is one) and its cell reference.

    Raises
    ------
    LedgerError
        If a cell of the header row holds such a formula (the column cannot be named), or one
        whose place the file does not give (its row cannot be told).
    """
    unplaced = [cell for cell in shape.uncomputed if cell[0] == 0]
    if unplaced:
        raise LedgerError(uncomputed_message(source, sorted(shape.uncomputed), names))
    in_header = sorted(column for row, column in shape.uncomputed if row == header)
    if in_header:
        column = in_header[0]
        more = f"; {len(in_header) - 1} more of its cells hold one" if len(in_header) > 1 else ""
        msg = (
            f"{source}: header row {header}, cell {_letters(column)}{header}: "
            f"expected a column name, found a formula with no computed value{more}: the "
            "columns cannot be named (open and save the workbook in Excel or LibreOffice to "
            "compute it)"
        )
        raise LedgerError(msg)
    found: Formulas = {}
    sheet = ""
    for row, column in read_uncomputed(shape, header, wanted):
        sheet = sheet or title()
        found.setdefault(row, {})[column - 1] = Uncomputed(sheet, f"{_letters(column)}{row}")
    return found


def sheet_title(path: Path, sheet: str | int | None, *, streamed: bool = False) -> str:
    """Return the name of the sheet ``sheet`` (a name or a 0-based position; the first by default).

    ``streamed`` chooses it as the streamed reader does (a name not in the workbook, or a
    position, means the first sheet); a workbook whose sheets cannot be told gives ``""``.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            book = _small_part(archive, "xl/workbook.xml")
    except (_Unsure, *_SCAN_ERRORS):
        return ""
    names = []
    for match in _SHEET.finditer(book):
        name = _NAME.search(match.group(1))
        try:
            names.append(_xml_text(name.group(1)) if name is not None else "")
        except _Unsure:
            names.append("")
    if isinstance(sheet, str):
        return sheet if sheet in names or not streamed else (names[0] if names else "")
    position = 0 if streamed or sheet is None else sheet
    return names[position] if 0 <= position < len(names) else ""


def _letters(column: int) -> str:
    """Return a column's letters (1 is ``A``)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def uncomputed_message(
    source: str, cells: Sequence[tuple[int, int]], names: Sequence[str] | None
) -> str:
    """Return the message refusing a sheet whose ``cells`` hold formulas never computed.

    ``names`` are the header's names (``None`` when the header is not known).
    """
    refs = [f"{_letters(column)}{row}" for row, column in cells if row]
    row, column = cells[0]
    if row == 0:
        lead = f"{source}: a cell whose place the file does not give"
    else:
        name = names[column - 1] if names and column <= len(names) else ""
        lead = f"{source}: row {row}, column {name or _letters(column)} (cell {refs[0]})"
        refs = refs[1:]
    more = ""
    if len(cells) > 1:
        shown = ", ".join(refs[:3]) + (" …" if len(refs) > 3 else "")
        others = len(cells) - 1
        more = f"; {others} more {'cell holds' if others == 1 else 'cells hold'} one"
        more += f" ({shown})" if shown else ""
    return (
        f"{lead}: expected a value, found a formula with no computed value{more} (open and "
        "save the workbook in Excel or LibreOffice to compute it)"
    )


def _header_of(
    head: Sequence[Sequence[object]],
    source: str,
    ledger: tuple[Schema, HeaderMap, int | None] | None,
) -> tuple[int, list[str], set[int]] | None:
    """Return the header's row (1-based), names and the 0-based columns the ledger reads.

    With ``ledger`` the header is found as the readers find it (a header row not found raises
    their error); without, it is the row naming the most columns of any ledger in its default
    names, or ``None``.
    """
    from xiaojie.ledgers._read import find_header  # noqa: PLC0415 - _read imports this module

    if ledger is not None:
        schema, headers, header_row = ledger
        head = joined_header(head, schema, headers)
        at = find_header(head, schema, headers, source) if header_row is None else header_row - 1
        if not 0 <= at < len(head):
            return None  # the reader says which rows it expected
        names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in head[at]]
        return at + 1, names, set(mapped_fields(names, headers)[0].values())
    best: tuple[int, list[str], set[int]] | None = None
    for kind in LedgerKind:
        guessed = HeaderMap.default(kind)
        rows = joined_header(head, schema_for(kind), guessed)
        try:
            at = find_header(rows, schema_for(kind), guessed, source)
        except LedgerError:
            continue
        names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in rows[at]]
        wanted = set(mapped_fields(names, guessed)[0].values())
        if best is None or len(wanted) > len(best[2]):
            best = (at + 1, names, wanted)
    return best


def shaped_rows(
    rows: Iterator[tuple[object, ...]],
    shape: SheetShape,
    source: str,
    *,
    ledger: tuple[Schema, HeaderMap, int | None] | None,
    merged: Sequence[tuple[int, int, int, int]] = (),
    uncomputed: Formulas | None = None,
    title: str = "",
) -> Iterator[tuple[object, ...]]:
    """Yield a sheet's rows (row 1 first) as a reader of the sheet sees them.

    A merged range below the header reads as its first cell's value in each of its cells (see
    :func:`fill_merged`); ranges in and above the header (a title, a two-row header) are left
    as they are. ``merged`` are the ranges when the sheet's part cannot be told (``shape`` not
    ``known``). The header is found with ``ledger`` (schema, header map, header row), or
    guessed from the ledgers' default names without.

    A cell below the header, in a column the ledger reads, holding a formula with no computed
    value reads as empty; ``uncomputed`` gets it with the sheet's name ``title`` before the
    first row is yielded (see :func:`placed_uncomputed`).

    Raises
    ------
    LedgerError
        If a cell of the header holds a formula with no computed value, or one whose place the
        file does not give (any such cell when no header is found or guessed); without
        ``uncomputed``, any such cell the ledger reads.
    """
    ranges = shape.merged if shape.known else tuple(merged)
    if not ranges and not shape.uncomputed:
        yield from rows
        return
    head = list(islice(rows, (ledger[2] if ledger else None) or _HEAD_ROWS))
    try:
        found, filled = _two_row_header(head, ranges, source, ledger)
    except LedgerError as err:
        raise _with_head_formulas(err, shape, len(head)) from None
    if found is None:  # with ``ledger``: a header row beyond the sheet, which the reader refuses
        if shape.uncomputed and ledger is None:
            raise LedgerError(uncomputed_message(source, sorted(shape.uncomputed), None))
        yield from head
        yield from rows
        return
    header, names, wanted = found
    if filled:
        head = merged_down_in(head, ranges, through=header)
    placed = placed_uncomputed(shape, source, header, names, wanted, title=lambda: title)
    if placed and uncomputed is None:
        row, cells = min(placed.items())
        raise LedgerError(uncomputed_message(source, [(row, min(cells) + 1)], names))
    if uncomputed is not None:
        uncomputed.update(placed)
    yield from fill_merged(chain(head, rows), ranges, below=header, source=source)


def _two_row_header(
    head: Sequence[Sequence[object]],
    ranges: Sequence[tuple[int, int, int, int]],
    source: str,
    ledger: tuple[Schema, HeaderMap, int | None] | None,
) -> tuple[tuple[int, list[str], set[int]] | None, bool]:
    """Return the header found (see :func:`_header_of`) and whether it is read filled.

    With the ranges merged down filled in (see :func:`merged_down_in`), a two-row header's
    lower row names every column; it is taken when :func:`lower_header_names_more` says so
    against the header read as written, else the header is read as written, as before.
    """
    plain = error = filled = None
    try:
        plain = _header_of(head, source, ledger)
    except LedgerError as err:
        error = err
    if ledger is not None and any(a == d and b < c for b, a, c, d in ranges):
        with contextlib.suppress(LedgerError):
            filled = _header_of(merged_down_in(head, ranges, through=None), source, ledger)
    if filled is not None and ledger is not None:
        if plain is None:
            index, _, twice = mapped_fields(filled[1], ledger[1])
            if not twice and index:
                return filled, True
        elif lower_header_names_more(plain[1], filled[1], ledger[0], ledger[1]):
            return filled, True
    if error is not None:
        raise error
    return plain, False


def merged_down_in(
    head: Sequence[Sequence[object]],
    ranges: Sequence[tuple[int, int, int, int]],
    *,
    through: int | None,
) -> list[tuple[object, ...]]:
    """Return the first rows with each range merged down one column filled from its first cell.

    A two-row header merges each single column's name over both rows (户编号 over rows 2-3)
    and a group's name across its columns on the upper row (帮扶措施 over P2:Q2), whose own
    names stand on the lower one: filled, the lower row names every column, and is the header.
    Rows up to ``through`` (1-based; every row given when ``None``, to find the header) are
    filled; rows below the header are :func:`fill_merged`'s.
    """
    rows = [list(row) for row in head]
    last = len(rows) if through is None else min(through, len(rows))
    for first_row, first, last_row, last_column in ranges:
        if first != last_column or not first_row < last_row or first_row > last:
            continue
        top = rows[first_row - 1]
        value = top[first - 1] if first <= len(top) else None
        if value is None or value == "":
            continue
        for number in range(first_row + 1, min(last_row, last) + 1):
            row = rows[number - 1]
            row.extend([None] * (first - len(row)))
            if row[first - 1] is None or row[first - 1] == "":
                row[first - 1] = value
    return [tuple(row) for row in rows]


def _with_head_formulas(err: LedgerError, shape: SheetShape, rows: int) -> LedgerError:
    """Return ``err`` (no header found) saying which of the first rows hold uncomputed formulas."""
    cells = sorted((row, column) for row, column in shape.uncomputed if 0 < row <= rows)
    if not cells:
        return err
    row, column = cells[0]
    msg = (
        f"{err}; cell {_letters(column)}{row} holds a formula with no computed value (open and "
        "save the workbook in Excel or LibreOffice to compute it)"
    )
    return LedgerError(msg)


def fill_merged(
    rows: Iterable[tuple[object, ...]],
    merged: Sequence[tuple[int, int, int, int]],
    *,
    below: int,
    source: str,
) -> Iterator[tuple[object, ...]]:
    """Yield ``rows`` (row 1 first) with each range starting below row ``below`` filled down.

    The cells of such a range's first column read as the range's first cell, as the sheet shows
    it, in each row that holds a value of its own (a row left empty under a merged village stays
    empty); the range's other columns stay empty, as a value merged across columns belongs to
    its first column's field only. Columns past the widest row so far hold no header and are
    left out.

    Raises
    ------
    LedgerError
        If the ranges would fill far more cells than the sheet holds (eight times as many and
        a million more), as only a hostile file asks.
    """
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for first_row, first, last_row, _last in merged:
        # down its first column only: a value merged across columns is one cell's value, not
        # the next field's (a date over 线索 and 识别 is no identification; 合计 over a row no 户类型)
        if below < first_row < last_row:
            starts.setdefault(first_row, []).append((first, last_row, first))
    rows = iter(rows)
    if not starts:
        yield from rows
        return
    final = max(starts)
    active: list[tuple[int, int, int, object]] = []
    width = cells = filled = 0
    for number, row in enumerate(rows, start=1):
        width = max(width, len(row))
        cells += len(row)
        for first, last_row, last in starts.get(number, ()):
            value = row[first - 1] if first <= len(row) else None
            if value is not None:
                active.append((first, last_row, last, value))
        if active and any(cell is not None for cell in row):
            shown, count = _filled(row, active, width)
            filled += count
            if filled > 8 * cells + 1_000_000:
                msg = (
                    f"{source}: row {number}: expected merged ranges within the cells the "
                    f"sheet holds, found ranges filling more than {filled:,} cells"
                )
                raise LedgerError(msg)
            yield shown
        else:
            yield row
        active = [span for span in active if span[1] > number]
        if not active and number >= final:
            yield from rows
            return


def _filled(
    row: tuple[object, ...], active: Sequence[tuple[int, int, int, object]], width: int
) -> tuple[tuple[object, ...], int]:
    """Return ``row`` with the ranges ``active`` on it filled, up to column ``width``; the cells filled."""
    shown = list(row)
    count = 0
    for first, _, last, value in active:
        end = min(last, width)
        if end < first:
            continue
        shown.extend([None] * (end - len(shown)))
        shown[first - 1 : end] = [value] * (end - first + 1)
        count += end - first + 1
    return tuple(shown), count


_FIRST_DAY = dt.date(1900, 1, 1)  # serial 1; the serials below it are not days to calamine
_LAST_DAY = dt.date(9999, 12, 31)  # the last day Python (and calamine) can hold


def _texts(column: Any) -> Any:  # noqa: ANN401 - pyarrow arrays
    """Return the texts ``cell_text`` gives for a typed fastexcel column."""
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415

    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.if_else(pc.equal(column, ""), None, column.cast(pa.string()))
    if pa.types.is_null(kind):
        return pa.nulls(len(column), pa.string())
    if pa.types.is_boolean(kind):
        return pc.if_else(column, "是", "否")
    if pa.types.is_integer(kind):
        return column.cast(pa.string())
    if pa.types.is_floating(kind):
        if pc.any(pc.invert(pc.is_finite(column))).as_py():
            raise _Unsure  # a text such as "nan" read as a number
        from xiaojie.ledgers._arrow import number_texts  # noqa: PLC0415

        return number_texts(column)
    if pa.types.is_timestamp(kind):
        days = column.cast(pa.timestamp("ms")).cast(pa.date32())
        midnight = pc.equal(days.cast(pa.timestamp("ms")), column.cast(pa.timestamp("ms")))
        if pc.any(pc.invert(midnight)).as_py():
            raise _Unsure  # a time of day: calamine and fastexcel may round it differently
        outside = pc.or_(pc.less(days, _FIRST_DAY), pc.greater(days, _LAST_DAY))
        if pc.any(outside).as_py():
            # Serial 0 or below is a time of day to calamine ("00:00:00"), a day in 1899 to
            # fastexcel; a serial past 9999-12-31 is a number to calamine: read cell by cell.
            raise _Unsure
        return days.cast(pa.string())
    raise _Unsure  # dates written as text (t="d"), durations
