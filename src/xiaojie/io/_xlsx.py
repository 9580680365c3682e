"""Reading the rows of an XLSX sheet at the cost of what the file holds.

openpyxl's usual readers make every row and column between the first cell and the last one
the sheet claims: a single cell on row 10¹² (or a reference such as ``ZZZZZZZ2``) makes them
walk or allocate billions of empty cells, and one odd cell ends the whole sheet with a foreign
exception. :func:`sheet_rows` streams the rows the sheet's XML actually holds, in order, each
as a list as long as its last filled cell; a cell that cannot be read, or that lies beyond the
last row (1,048,576) or column (XFD) a sheet can have, becomes a :class:`BadCell` in its place
with its reference, and the rows around it are read as usual. A file that is not a workbook at
all raises :class:`~xiaojie.errors.SheetError` naming the file.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._extras import require
from xiaojie.errors import SheetError


if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


__all__ = ["MAX_COLUMN", "MAX_ROW", "BadCell", "sheet_rows"]

MAX_ROW = 1_048_576
"""The last row a worksheet can have."""
MAX_COLUMN = 16_384
"""The last column a worksheet can have (XFD)."""


@attrs.frozen
class BadCell:
    """A cell that could not be read: its reference (as written in the file) and why."""

    ref: str
    problem: str


def _parser_class() -> Any:  # noqa: ANN401 - openpyxl is untyped
    reader = require("openpyxl.worksheet._reader", "reading XLSX")

    class Parser(reader.WorkSheetParser):  # type: ignore[misc, name-defined]
        """openpyxl's sheet parser, one bad cell or row at a time instead of the whole sheet."""

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


@contextlib.contextmanager
def sheet_rows(
    path: Path, raw: bytes, *, title: str | None = None
) -> Iterator[tuple[str, Iterator[tuple[int, list[object]]]]]:
    """Open the workbook in ``raw`` and give the chosen sheet's title and its rows.

    The sheet is ``title`` if the workbook has it, else the first sheet. Rows come as
    ``(row number, cells)``; rows the file does not hold are not made up (a row beyond
    1,048,576 comes once, numbered 1,048,577, with :class:`BadCell` values). If the sheet's XML
    breaks off, the rows before the break are given and then one row numbered 0 with a
    :class:`BadCell` saying what broke.

    Raises
    ------
    SheetError
        If ``raw`` is not an XLSX workbook openpyxl can open, or the workbook has no sheet.
    MissingExtraError
        If openpyxl is not installed.
    """
    openpyxl = require("openpyxl", f"{path}: reading XLSX")
    parser_class = _parser_class()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a broken file
            first = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
            msg = f"{path}: expected an XLSX workbook, found a file that cannot be opened ({type(err).__name__}: {first})"
            raise SheetError(msg) from None
        try:
            if not book.sheetnames:
                msg = f"{path}: expected a workbook with a sheet, found none"
                raise SheetError(msg)
            sheet = book[title] if title in book.sheetnames else book.worksheets[0]

            def rows() -> Iterator[tuple[int, list[object]]]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        source = sheet._get_source()  # noqa: SLF001 - the sheet's XML stream
                        parser = parser_class(
                            source,
                            sheet._shared_strings,  # noqa: SLF001
                            data_only=True,
                            epoch=book.epoch,
                            date_formats=book._date_formats,  # noqa: SLF001
                            timedelta_formats=book._timedelta_formats,  # noqa: SLF001
                        )
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

            yield str(sheet.title), rows()
        finally:
            book.close()
