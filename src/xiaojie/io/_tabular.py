"""The one tabular writer: CSV and XLSX bytes for documents, progress files and ledger results.

Three promises hold for every spreadsheet xiaojie writes:

- **Excel reads the Chinese**: CSV is UTF-8 with a byte-order mark and CRLF line ends.
- **No cell is a formula**: a text cell that a spreadsheet would run (it starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return and is not a plain number) is written as text:
  in CSV with a leading apostrophe (:func:`csv_cell`, undone by :func:`csv_text` when xiaojie
  reads its own files), in XLSX as a string cell with its text unchanged.
- **No personal data**: every cell passes the last filter for personal data
  (:func:`xiaojie._privacy.scrub_cell`), so an identity number, a mobile or a known name is
  written masked whatever column it is in (a number that is one is written as masked text).
  The one exception is a :class:`Figure`, a measured value of a progress file (数值, 基准值),
  written as it is so that the file reads back as written: masking 13800000000 (元) made a
  file that no longer read. Collecting sheets refuses a 数值 shaped like an identity number or
  a mobile, so none comes in that way.
- **No clock in the bytes**: a workbook's created and modified properties are one given date
  (``stamp``, default 1980-01-01) and every entry inside the archive is dated 1980-01-01
  (:func:`workbook_bytes`; :func:`stable_zip` does the same for other archives, DOCX), so the
  same table always gives the same bytes.

XLSX needs ``openpyxl`` (the ``xlsx`` or ``docs`` extra); the documents' tables
(:func:`table_workbook`) are written by ``XlsxWriter`` (the ``docs`` extra), which writes a
small workbook several times faster, in memory and without a temporary file per sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaojie._extras import require
from xiaojie._privacy import scrub, scrub_cell, scrub_texts


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Sequence


__all__ = [
    "BOM",
    "CUT_MARK",
    "Figure",
    "append_row",
    "csv_bytes",
    "csv_cell",
    "csv_text",
    "fitted",
    "new_workbook",
    "stable_zip",
    "table_workbook",
    "text_cell",
    "workbook_bytes",
]

BOM = "\ufeff"
"""The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")
_FIXED = dt.date(1980, 1, 1)


class Figure:
    """A measured number (a progress value), written as it is, not masked as personal data.

    In CSV its text is written (``Figure("13800000000")``), in XLSX its number.

    Examples
    --------
    >>> csv_cell(Figure("13800000000")), csv_cell(13800000000), csv_cell(Figure(None))
    ('13800000000', '138****0000', '')
    """

    __slots__ = ("value",)

    def __init__(self, value: float | str | None) -> None:
        self.value = value


def _runs(text: str) -> bool:
    """Return whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(_TRIGGERS) and _NUMBER.match(text) is None


def csv_cell(value: object) -> str:
    """Return the CSV text of one cell: dates in ISO form, formulas made harmless.

    A text that starts with an apostrophe is written with one more, so that :func:`csv_text`
    gives back exactly the text that was written.

    Examples
    --------
    >>> csv_cell("=SUM(A1:A9)"), csv_cell("-5"), csv_cell("教育厅"), csv_cell(None)
    ("'=SUM(A1:A9)", '-5', '教育厅', '')
    >>> csv_cell("'quoted")
    "''quoted"
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Figure):
        text = "" if value.value is None else str(value.value)
        return "'" + text if _runs(text) else text
    text = str(scrub_cell(value))
    if _runs(text) or text.startswith("'"):
        return "'" + text
    return text


def csv_text(cell: str) -> str:
    """Return the text a CSV cell written by :func:`csv_cell` stands for.

    Examples
    --------
    >>> csv_text("'=SUM(A1:A9)"), csv_text("''quoted"), csv_text("plain"), csv_text("'tis")
    ('=SUM(A1:A9)', "'quoted", 'plain', "'tis")
    """
    rest = cell[1:]
    return rest if cell.startswith("'") and (_runs(rest) or rest.startswith("'")) else cell


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    r"""Return rows (the first one the header) as CSV bytes: UTF-8 with a BOM, CRLF line ends.

    Examples
    --------
    >>> csv_bytes([["单位", "备注"], ["教育厅", "=1+1"]]).decode("utf-8-sig")
    "单位,备注\r\n教育厅,'=1+1\r\n"
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    texts: dict[str, str] = {}  # each distinct text masked and made harmless once

    def cell(value: object) -> str:
        if type(value) is not str:
            return csv_cell(value)
        found = texts.get(value)
        if found is None:
            found = texts[value] = csv_cell(value)
        return found

    for row in rows:
        writer.writerow([cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def new_workbook(*, stamp: dt.date | None = None, write_only: bool = False) -> Any:  # noqa: ANN401 - openpyxl is untyped
    """Return an empty openpyxl workbook whose properties carry ``stamp``, not the clock.

    Raises
    ------
    MissingExtraError
        If openpyxl is not installed.
    """
    openpyxl = require("openpyxl", "writing XLSX")
    book = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    when = dt.datetime.combine(stamp or _FIXED, dt.time())
    book.properties.created = when
    book.properties.modified = when
    book.properties.creator = "xiaojie"
    return book


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters a worksheet's XML cannot hold: C0 controls, lone surrogates, U+FFFE and U+FFFF."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def legal_text(value: object) -> object:
    r"""Return ``value`` with each control character a worksheet cannot hold shown as its symbol.

    A ledger cell may hold a NUL or another control character; a worksheet refuses them, so
    each is written as the character that pictures it (U+2400 …), never dropped silently; a
    lone surrogate, U+FFFE or U+FFFF is written as U+FFFD.

    Examples
    --------
    >>> legal_text("峡\x01隆村"), legal_text("a\tb"), legal_text("峡\uffff村"), legal_text(5)
    ('峡␁隆村', 'a\tb', '峡�村', 5)

    A text longer than a cell holds is cut, with a mark saying so (:func:`fitted`).
    """
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub(_picture, value)
        return fitted(value)
    return value


_CELL_LIMIT = 32767
"""The most characters a spreadsheet cell holds (Excel's limit, in UTF-16 code units)."""
CUT_MARK = "…（超出单元格字数上限，以下从略）"
"""What ends a text cut to fit a cell."""


def fitted(text: str) -> str:
    """Return ``text`` as a spreadsheet cell holds it: a longer text is cut, ending :data:`CUT_MARK`.

    The limit is Excel's 32,767 UTF-16 code units (a character beyond the Basic Multilingual
    Plane counts two); a cut never splits such a character, and a cut text is never taken for
    the whole.

    Examples
    --------
    >>> fitted("教育厅")
    '教育厅'
    >>> cut = fitted("措" * 40_000)
    >>> len(cut), cut.endswith(CUT_MARK)
    (32767, True)
    """
    if len(text) <= _CELL_LIMIT // 2:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * _CELL_LIMIT:
        return text
    room = 2 * (_CELL_LIMIT - len(CUT_MARK))
    return units[:room].decode("utf-16-le", "ignore") + CUT_MARK


def text_cell(cell: Any, value: str) -> None:  # noqa: ANN401 - openpyxl is untyped
    """Put ``value`` in an openpyxl cell as text, even where a spreadsheet would run it.

    Examples
    --------
    >>> sheet = new_workbook().create_sheet("s")
    >>> text_cell(sheet["A1"], "=1+1")
    >>> sheet["A1"].value, sheet["A1"].data_type
    ('=1+1', 's')
    """
    value = str(legal_text(scrub(value)))
    cell.value = value
    if _runs(value):
        cell.data_type = "s"


def append_row(sheet: Any, values: Sequence[object]) -> None:  # noqa: ANN401 - openpyxl is untyped
    """Append one row to ``sheet``; a text a spreadsheet would run stays text, unchanged.

    Works on ordinary and on write-only sheets. Personal data is masked (see the module).
    """
    values = [v.value if isinstance(v, Figure) else legal_text(scrub_cell(v)) for v in values]
    risky = [isinstance(v, str) and _runs(v) for v in values]
    if not any(risky):
        sheet.append(list(values))
        return
    cell_type = require("openpyxl.cell", "writing XLSX")
    if type(sheet).__name__ == "WriteOnlyWorksheet":
        cells: list[object] = []
        for value, bad in zip(values, risky, strict=True):
            if bad:
                cell = cell_type.WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        return
    sheet.append(list(values))
    line = sheet._current_row  # noqa: SLF001 - the row just appended (max_row scans every cell)
    for column, bad in enumerate(risky, start=1):
        if bad:
            sheet.cell(row=line, column=column).data_type = "s"


_ZIP_STAMP = (1980, 1, 1, 0, 0, 0)


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    """Return the archive entry ``name`` with the fixed time stamp and fixed permissions."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_STAMP)
    info.compress_type = compression
    info.external_attr = 0o600 << 16
    return info


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed time stamp, however they are added.

    openpyxl adds text parts with ``writestr`` and each worksheet with ``write`` from a
    temporary file (whose modification time is the clock); both are dated 1980-01-01 here.
    """

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = _entry(zinfo_or_arcname.filename, zinfo_or_arcname.compress_type)
        else:
            info = _entry(zinfo_or_arcname, self.compression)
        super().writestr(info, data, compress_type, compresslevel)

    def write(  # type: ignore[override]
        self,
        filename: str | os.PathLike[str],
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,  # noqa: ARG002 - the archive's level serves
    ) -> None:
        info = _entry(arcname or Path(filename).name, compress_type or self.compression)
        info.file_size = Path(filename).stat().st_size
        with Path(filename).open("rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 16)


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip archive (XLSX, DOCX) with one fixed time stamp on every entry.

    For archives written by other libraries (python-docx); openpyxl workbooks go through
    :func:`workbook_bytes`, which writes them so in the first place. Entries keep their order
    and content.

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     archive.writestr("a.txt", "甲")
    >>> with zipfile.ZipFile(io.BytesIO(stable_zip(buffer.getvalue()))) as fixed:
    ...     [i.date_time for i in fixed.infolist()]
    [(1980, 1, 1, 0, 0, 0)]
    """
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return buffer.getvalue()


def workbook_bytes(book: Any, *, stamp: dt.date | None = None) -> bytes:  # noqa: ANN401 - openpyxl is untyped
    """Return the workbook's XLSX bytes, which do not depend on the clock.

    The workbook's created and modified properties are ``stamp`` (default 1980-01-01); every
    entry of the archive is dated 1980-01-01. Every XLSX xiaojie writes comes from here.

    Examples
    --------
    >>> book = new_workbook()
    >>> sheet = book.create_sheet("进度")
    >>> append_row(sheet, ["事项", "备注"])
    >>> append_row(sheet, ["m1", "=HYPERLINK(1)"])
    >>> data = workbook_bytes(book)
    >>> data == workbook_bytes(book)
    True
    >>> import io, openpyxl
    >>> cell = openpyxl.load_workbook(io.BytesIO(data)).active["B2"]
    >>> cell.value, cell.data_type
    ('=HYPERLINK(1)', 's')
    """
    writer = require("openpyxl.writer.excel", "writing XLSX")
    when = dt.datetime.combine(stamp or _FIXED, dt.time())
    book.properties.created = when
    book.properties.modified = when
    book.properties.creator = "xiaojie"
    book.properties.lastPrinted = None
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    writer.ExcelWriter(book, archive).save()
    return buffer.getvalue()


_FIRST_SERIAL = dt.date(1900, 3, 1)
"""The first date whose spreadsheet serial number means the same in every spreadsheet program."""


def table_workbook(
    sheets: Sequence[tuple[str, Sequence[Sequence[str | int | dt.date]], Sequence[float]]],
    *,
    stamp: dt.date | None = None,
) -> bytes:
    """Return the XLSX bytes of plain tables: a bold header row, frozen, with a filter.

    Each sheet is ``(title, rows, widths)``: a valid, unique sheet title, the rows (the first
    one the header) of texts, whole numbers and dates, and each column's width in characters.
    Texts pass the last filter for personal data (each distinct text once) and are always
    written as text, never as a formula; dates are numbers shown ``yyyy-mm-dd`` (a date before
    1900-03-01, which spreadsheets count differently, is written as its ISO text); a text
    longer than a cell holds (32,767 characters) is cut to it. The workbook's created and
    modified time is ``stamp`` (default 1980-01-01) and every entry of the archive is dated
    1980-01-01, so the same tables always give the same bytes.

    Raises
    ------
    MissingExtraError
        If XlsxWriter is not installed.

    Examples
    --------
    >>> import io, openpyxl
    >>> data = table_workbook([("分工", [["单位", "序号"], ["=1+1", 3]], [8, 6])])
    >>> sheet = openpyxl.load_workbook(io.BytesIO(data))["分工"]
    >>> sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value, sheet.freeze_panes
    ('=1+1', 's', 3, 'A2')
    >>> data == table_workbook([("分工", [["单位", "序号"], ["=1+1", 3]], [8, 6])])
    True
    """
    xlsxwriter = require("xlsxwriter", "writing XLSX")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,  # no temporary files; every archive entry dated 1980-01-01
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    when = dt.datetime.combine(stamp or _FIXED, dt.time())
    book.set_properties({"created": when, "author": "xiaojie"})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    body = book.add_format({"text_wrap": True, "valign": "top"})
    dated = book.add_format({"text_wrap": True, "valign": "top", "num_format": "yyyy-mm-dd"})
    for title, rows, widths in sheets:
        sheet = book.add_worksheet(title)
        for line, row in enumerate(rows):
            style = head if line == 0 else body
            texts = scrub_texts([v for v in row if isinstance(v, str)])
            place = 0
            for column, value in enumerate(row):
                if isinstance(value, str):
                    text = fitted(texts[place])
                    place += 1
                    if text:
                        sheet.write_string(line, column, text, style)
                    else:
                        sheet.write_blank(line, column, None, style)
                elif isinstance(value, dt.date):
                    if value >= _FIRST_SERIAL:
                        sheet.write_datetime(line, column, value, dated)
                    else:
                        sheet.write_string(line, column, value.isoformat(), style)
                elif isinstance(masked := scrub_cell(value), str):
                    sheet.write_string(line, column, masked, style)  # a number that is an ID
                else:
                    sheet.write_number(line, column, value, style)
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        sheet.freeze_panes(1, 0)
        if len(rows) > 1:
            sheet.autofilter(0, 0, len(rows) - 1, max(len(r) for r in rows) - 1)
    book.close()
    return buffer.getvalue()
