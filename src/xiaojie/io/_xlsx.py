"""Reading the rows of an XLSX sheet at the cost of what the file holds.

openpyxl's usual readers make every row and column between the first cell and the last one
the sheet claims: a single cell on row 10¹² (or a reference such as ``ZZZZZZZ2``) makes them
walk or allocate billions of empty cells, and one odd cell ends the whole sheet with a foreign
exception. :func:`sheet_rows` streams the rows the sheet's XML actually holds, in order, each
as a list as long as its last filled cell; a cell that cannot be read, or that lies beyond the
last row (1,048,576) or column (XFD) a sheet can have, becomes a :class:`BadCell` in its place
with its reference, and the rows around it are read as usual. A file that is not a workbook at
all, or a workbook of chart sheets only, raises :class:`~xiaojie.errors.SheetError` naming the
file. :func:`workbook_sheets` opens a workbook once to read several of its sheets.

A number is given as the file stores it: 85% typed into a cell is stored as 0.85 with a percent
number format. ``sheet_rows(..., percent=True)`` gives such a number as the percent the cell
shows (85.0), as the same sheet saved as CSV would ("85%"); the formats are looked up once per
workbook (styles.xml's ``cellXfs`` and ``numFmts``) and each cell by its style index ``s``. Such
a number comes as a :class:`Percent`, a float that remembers the number stored and the format,
so that a reader can tell a percent from a count typed in a cell formatted as one.
"""

from __future__ import annotations

import contextlib
import decimal
import io
import re
import warnings
from typing import TYPE_CHECKING, Any, Self

import attrs

from xiaojie._extras import require
from xiaojie.errors import SheetError


if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


__all__ = [
    "MAX_COLUMN",
    "MAX_ROW",
    "BadCell",
    "Percent",
    "Sheets",
    "as_shown",
    "percent_factor",
    "sheet_rows",
    "workbook_sheets",
]

MAX_ROW = 1_048_576
"""The last row a worksheet can have."""
MAX_COLUMN = 16_384
"""The last column a worksheet can have (XFD)."""


@attrs.frozen
class BadCell:
    """A cell that could not be read: its reference (as written in the file) and why."""

    ref: str
    problem: str


class Percent(float):
    """A number read from a cell with a percent number format, as the percent the cell shows.

    It is the float shown (85.0 for 85%); ``stored`` is the number the file holds (0.85) and
    ``code`` the cell's number format (``0%``). A reader that knows the number is a count, not
    a percentage, can so refuse it instead of taking 85 for 0.85.

    >>> shown = Percent(85.0, stored=0.85, code="0%")
    >>> shown == 85, shown.stored, shown.code, float(shown) + 1
    (True, 0.85, '0%', 86.0)
    """

    __slots__ = ("code", "stored")

    stored: float
    code: str

    def __new__(cls, shown: float, *, stored: float = 0.0, code: str = "") -> Self:
        self = super().__new__(cls, shown)
        self.stored = float(stored)
        self.code = code
        return self


_PERCENT_FORMATS = {9: "0%", 10: "0.00%"}
"""The built-in number formats that show a number as a percent."""
_FACTORS = (1, 100, 10_000, 1_000_000, 100_000_000)
"""What a format code with no, one, two … ``%`` multiplies a number by."""
_CUSTOM_FORMATS = 164
"""The first id of a number format a workbook defines itself (openpyxl numbers them on)."""
_LITERAL_RE = re.compile(r'"[^"]*"|\\.|[_*].|\[[^\]]*\]', re.DOTALL)
"""What a format code shows as it is: quoted text, an escaped character, a padding (``_%``), a fill
(``*%``) or a bracketed colour or condition; a ``%`` in these does not scale the number."""


def percent_factor(code: str | None, value: float) -> int:
    """Return what a number format code multiplies ``value`` by to show it: 100 per ``%``.

    The code's first section is for positive numbers, the second (if any) for negative ones and
    the third for zero; literal text in the code does not count.

    >>> percent_factor("0%", 0.85), percent_factor("0.0%;[Red]-0.0%", -0.5)
    (100, 100)
    >>> percent_factor('0"%"', 85), percent_factor("General", 0.85), percent_factor(None, 1)
    (1, 1, 1)
    """
    if not code or "%" not in code:
        return 1
    sections = code.split(";")
    section = sections[0]
    if value < 0 and len(sections) > 1:
        section = sections[1]
    elif value == 0 and len(sections) > 2:  # the third section is for zero
        section = sections[2]
    # each % scales by 100 again; a code of many is nonsense, so no more than four count
    return _FACTORS[min(_LITERAL_RE.sub("", section).count("%"), len(_FACTORS) - 1)]


def _percent_styles(book: Any) -> dict[int, str]:  # noqa: ANN401 - an openpyxl workbook
    """Return the number format code of every cell style of ``book`` that shows a percent."""
    custom = list(getattr(book, "_number_formats", ()))
    found: dict[int, str] = {}
    for index, style in enumerate(getattr(book, "_cell_styles", ())):
        number = getattr(style, "numFmtId", 0) or 0
        code = _PERCENT_FORMATS.get(number)
        if code is None and number >= _CUSTOM_FORMATS and number - _CUSTOM_FORMATS < len(custom):
            code = str(custom[number - _CUSTOM_FORMATS])
        if code is not None and "%" in code:
            found[index] = code
    return found


def as_shown(value: float, code: str) -> float:
    """Return ``value`` as a cell with number format ``code`` shows it (0.85 in ``0%``: 85.0).

    The product is decimal, so 0.07 shows as 7.0 and not as 7.000000000000001.

    >>> as_shown(0.85, "0%"), as_shown(0.07, "0.00%"), as_shown(1, "0%"), as_shown(3, "0.00")
    (85.0, 7.0, 100.0, 3)
    """
    factor = percent_factor(code, value)
    if factor == 1:
        return value
    try:
        return float(decimal.Decimal(repr(value)) * factor)
    except (decimal.InvalidOperation, OverflowError):
        return value * factor


def _parser_class() -> Any:  # noqa: ANN401 - openpyxl is untyped
    reader = require("openpyxl.worksheet._reader", "reading XLSX")

    class Parser(reader.WorkSheetParser):  # type: ignore[misc, name-defined]
        """openpyxl's sheet parser, one bad cell or row at a time instead of the whole sheet."""

        percent_styles: dict[int, str] = {}  # noqa: RUF012 - set per sheet by sheet_rows

        def parse_cell(self, element: Any) -> dict[str, Any]:  # noqa: ANN401
            try:
                cell: dict[str, Any] = super().parse_cell(element)
            except Exception as err:  # noqa: BLE001 - openpyxl raises many types for odd cells
                self.col_counter += 1
                ref = str(element.get("r") or f"row {self.row_counter} cell {self.col_counter}")
                bad = BadCell(ref[:40], f"{type(err).__name__}: {str(err)[:120]}")
                return {"row": self.row_counter, "column": self.col_counter, "value": bad}
            if cell["row"] > MAX_ROW or cell["column"] > MAX_COLUMN:
                ref = str(element.get("r"))[:40]
                where = "row" if cell["row"] > MAX_ROW else "column"
                limit = f"{MAX_ROW:,}" if where == "row" else "XFD"
                cell["value"] = BadCell(ref, f"a {where} beyond the last a sheet has ({limit})")
                cell["row"] = min(cell["row"], MAX_ROW + 1)
                cell["column"] = min(cell["column"], self.col_counter, MAX_COLUMN)
            elif self.percent_styles and cell.get("data_type") == "n":
                code = self.percent_styles.get(cell.get("style_id") or 0)
                value = cell["value"]
                if code is not None and isinstance(value, int | float):
                    shown = as_shown(value, code)
                    if shown is not value:
                        cell["value"] = Percent(shown, stored=value, code=code)
            return cell

        def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:  # noqa: ANN401
            try:
                number, cells = super().parse_row(row)
            except Exception as err:  # noqa: BLE001 - a row attribute openpyxl cannot read
                self.row_counter += 1
                self.col_counter = 0
                ref = str(row.get("r"))[:40]
                bad = BadCell(f"row {ref}", f"{type(err).__name__}: {str(err)[:120]}")
                return self.row_counter, [{"row": self.row_counter, "column": 1, "value": bad}]
            return number, cells

    return Parser


class Sheets:
    """The worksheets of an open workbook (chart sheets left out), each read as :func:`sheet_rows`.

    ``titles`` are in the workbook's order; ``rows(title)`` gives a sheet's rows. Made by
    :func:`workbook_sheets`, and valid inside its ``with`` block only.
    """

    def __init__(self, book: Any, *, percent: bool) -> None:  # noqa: ANN401 - an openpyxl workbook
        self._book = book
        self._sheets = {str(s.title): s for s in book.worksheets}
        self._parser_class = _parser_class()
        self._percent = _percent_styles(book) if percent else {}

    @property
    def titles(self) -> tuple[str, ...]:
        """The titles of the worksheets, in the workbook's order."""
        return tuple(self._sheets)

    def rows(self, title: str) -> Iterator[tuple[int, list[object]]]:
        """Give the rows of worksheet ``title`` as :func:`sheet_rows` does."""
        sheet, book = self._sheets[title], self._book
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                source = sheet._get_source()  # noqa: SLF001 - the sheet's XML stream
                parser = self._parser_class(
                    source,
                    sheet._shared_strings,  # noqa: SLF001
                    data_only=True,
                    epoch=book.epoch,
                    date_formats=book._date_formats,  # noqa: SLF001
                    timedelta_formats=book._timedelta_formats,  # noqa: SLF001
                )
                parser.percent_styles = self._percent
            except Exception as err:  # noqa: BLE001 - a missing or broken sheet part
                yield 0, [BadCell("sheet", f"{type(err).__name__}: {str(err)[:120]}")]
                return
            with source:
                try:
                    for number, cells in parser.parse():
                        width = max((c["column"] for c in cells), default=0)
                        values: list[object] = [None] * width
                        for cell in cells:
                            values[cell["column"] - 1] = cell["value"]
                        yield number, values
                except Exception as err:  # noqa: BLE001 - the XML breaks off
                    problem = f"{type(err).__name__}: {str(err)[:120]}"
                    yield 0, [BadCell("sheet XML", problem)]


@contextlib.contextmanager
def workbook_sheets(path: Path, raw: bytes, *, percent: bool = False) -> Iterator[Sheets]:
    """Open the workbook in ``raw`` once and give its worksheets (see :class:`Sheets`).

    ``percent`` is as for :func:`sheet_rows`.

    Raises
    ------
    SheetError
        If ``raw`` is not an XLSX workbook openpyxl can open, or the workbook has no worksheet
        (none at all, or only chart sheets).
    MissingExtraError
        If openpyxl is not installed.
    """
    openpyxl = require("openpyxl", f"{path}: reading XLSX")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a broken file
            first = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
            msg = f"{path}: expected an XLSX workbook, found a file that cannot be opened ({type(err).__name__}: {first})"
            raise SheetError(msg) from None
    try:
        if not book.worksheets:
            others = "、".join(repr(str(name)) for name in book.sheetnames[:5])
            found = f"only chart sheets ({others})" if others else "none"
            msg = f"{path}: expected a workbook with a worksheet, found {found}"
            raise SheetError(msg)
        yield Sheets(book, percent=percent)
    finally:
        book.close()


@contextlib.contextmanager
def sheet_rows(
    path: Path, raw: bytes, *, title: str | None = None, percent: bool = False
) -> Iterator[tuple[str, Iterator[tuple[int, list[object]]]]]:
    """Open the workbook in ``raw`` and give the chosen sheet's title and its rows.

    The sheet is ``title`` if the workbook has a worksheet of that title, else the first
    worksheet. Rows come as ``(row number, cells)``; rows the file does not hold are not made
    up (a row beyond 1,048,576 comes once, numbered 1,048,577, with :class:`BadCell` values). If
    the sheet's XML breaks off, the rows before the break are given and then one row numbered
    0 with a :class:`BadCell` saying what broke.

    With ``percent=True`` a number in a cell with a percent number format (built-in ``0%`` and
    ``0.00%``, or the workbook's own such as ``0.0%``) comes as the percent the cell shows: 85%
    typed in Excel, stored as 0.85, comes as 85.0 (a :class:`Percent`, which keeps 0.85 and the
    format). Otherwise numbers come as stored.

    Raises
    ------
    SheetError
        If ``raw`` is not an XLSX workbook openpyxl can open, or the workbook has no worksheet
        (none at all, or only chart sheets).
    MissingExtraError
        If openpyxl is not installed.
    """
    with workbook_sheets(path, raw, percent=percent) as sheets:
        chosen = title if title in sheets.titles else sheets.titles[0]
        yield chosen, sheets.rows(chosen)
