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
- **No clock in the bytes**: a workbook's created and modified properties and the time stamps
  inside the archive are one fixed date (``stamp``, default 1980-01-01), so the same table
  always gives the same bytes.

XLSX needs ``openpyxl`` (the ``xlsx`` or ``docs`` extra).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from xiaojie._extras import require
from xiaojie._privacy import scrub_cell


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


__all__ = [
    "BOM",
    "append_row",
    "csv_bytes",
    "csv_cell",
    "csv_text",
    "new_workbook",
    "workbook_bytes",
]

BOM = "\ufeff"
"""The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")
_FIXED = dt.date(1980, 1, 1)


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
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
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


def append_row(sheet: Any, values: Sequence[object]) -> None:  # noqa: ANN401 - openpyxl is untyped
    """Append one row to ``sheet``; a text a spreadsheet would run stays text, unchanged.

    Works on ordinary and on write-only sheets. Personal data is masked (see the module).
    """
    values = [scrub_cell(v) for v in values]
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
    for cell, bad in zip(sheet[sheet.max_row], risky, strict=False):
        if bad:
            cell.data_type = "s"


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed time stamp."""

    stamp: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


def workbook_bytes(book: Any, *, stamp: dt.date | None = None) -> bytes:  # noqa: ANN401 - openpyxl is untyped
    """Return the workbook's XLSX bytes, every time stamp in them ``stamp`` (default 1980-01-01).

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
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    # a zip entry's time stamp can only say 1980-01-01 … 2107-12-31
    inside = min(max(when.date(), _FIXED), dt.date(2107, 12, 31))
    archive.stamp = (inside.year, inside.month, inside.day, 0, 0, 0)
    writer.ExcelWriter(book, archive).save()
    return buffer.getvalue()
