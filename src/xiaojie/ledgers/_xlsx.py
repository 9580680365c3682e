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

import datetime as dt
import functools
import logging
import re
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from xiaojie._extras import available
from xiaojie._files import column_number, xml_chunks
from xiaojie.ledgers._optional import pyarrow_module
from xiaojie.ledgers._schema import BLANKS, HeaderMap, Schema, cell_text, mapped_fields


if TYPE_CHECKING:
    from pathlib import Path


__all__ = ["arrow_texts", "dense_enough", "open_workbook"]

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


def _bounds(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int] | None:
    """Return ``(cells, most rows, most columns)`` the part can span, or ``None`` for a bad ref.

    ``None`` too for a part with an error cell, which calamine would read as an empty cell.

    The bounds come from the longest references (``10^digits - 1`` rows; 26 or 702 columns).

    Raises
    ------
    _Exact
        If a reference has three letters or seven digits (it may lie beyond the sheet's edge).
    """
    letters, digits, cells = 1, 1, 0
    for text in xml_chunks(archive, part):
        if _ERROR_CELL in text or _ERROR_CELL_QUOTED in text:
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
    return cells, 10**digits - 1, 26 if letters == 1 else 702


def _exact(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int] | None:
    """Return ``(cells, last row, last column)`` of the part, or ``None`` for a bad reference."""
    cells, rows, columns = 0, 0, 0
    for text in xml_chunks(archive, part):
        if _ERROR_CELL in text or _ERROR_CELL_QUOTED in text:
            return None  # as in _bounds
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
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if not _strings_fit(archive):
                return False
            parts = [
                n
                for n in archive.namelist()
                if n.startswith("xl/worksheets/") and n.endswith(".xml")
            ]
            for part in parts:
                try:
                    found = _bounds(archive, part)
                    if found is not None and _fits(*found):
                        continue
                    if found is None:
                        return False
                except _Exact:
                    pass
                exact = _exact(archive, part)
                if exact is None:
                    return False
                _, rows, columns = exact
                if rows > MAX_SHEET_ROW or columns > MAX_SHEET_COLUMN or not _fits(*exact):
                    return False
    except _SCAN_ERRORS:
        return True
    return True


# -- the first rows, from the XML ------------------------------------------------------------

_SHEET = re.compile(rb"<sheet\b([^>]*)/?>")
_NAME = re.compile(rb'\bname="([^"]*)"')
_RID = re.compile(rb'\br:id="([^"]*)"')
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
) -> tuple[Any, list[str], int] | None:
    """Read a ledger sheet into an Arrow table of texts with fastexcel, or ``None`` if unsure.

    Returns ``(table, header names, header row)`` as :func:`xiaojie.ledgers._arrow.text_table`
    does (the table has the wanted columns, by header name, and no row column yet: the caller
    numbers the rows from the header). ``None`` means: read the sheet cell by cell instead
    (fastexcel missing, or something in the file this path does not reproduce exactly).
    ``opened`` is the workbook :func:`open_workbook` started opening, if any.
    """
    opened = opened if opened is not None else open_workbook(path)
    if opened is None:
        return None
    try:
        return _arrow_texts(
            path, schema, headers, header_row=header_row, sheet=sheet, opened=opened
        )
    except _Unsure:
        return None
    except Exception:  # noqa: BLE001 - fastexcel raises its own types; the careful path decides
        return None


def _arrow_texts(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    opened: Future[Any],
) -> tuple[Any, list[str], int]:
    from xiaojie.ledgers._read import find_header  # noqa: PLC0415 - _read imports this module

    pa = pyarrow_module()
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        head = _head(archive, part, header_row or _HEAD_ROWS)
    texts = [[None if c is _NOT_TEXT else c for c in row] for row in head]
    if header_row is None:
        while texts and not texts[-1]:
            texts.pop()  # calamine's grid ends at the last filled row
        at = find_header(texts, schema, headers, path.name)
    else:
        at = header_row - 1
        if not 0 <= at < len(head):
            raise _Unsure
    if any(c is _NOT_TEXT for c in head[at]):
        raise _Unsure
    names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in head[at]]
    index, _, _ = mapped_fields(names, headers)
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
