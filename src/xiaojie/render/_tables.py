"""Tables for spreadsheets: CSV (UTF-8 with a byte-order mark) and XLSX.

Excel opens a CSV file as the local code page unless it starts with a UTF-8 byte-order mark;
with the mark, Chinese text shows correctly. Rows end in CRLF, as Excel writes them.

XLSX needs ``openpyxl`` (the ``docs`` extra). Both are written by the one tabular writer
(:mod:`xiaojie.io._tabular`): no cell is a formula, and the workbook carries no clock time (its
properties and archive time stamps are ``stamp``, default 1980-01-01), so the same table always
gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie._extras import require
from xiaojie._width import display_width
from xiaojie.errors import RenderError
from xiaojie.io._tabular import append_row, csv_bytes, new_workbook, workbook_bytes
from xiaojie.render._doc import Document, Heading, Table, plain


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence


__all__ = ["to_csv", "to_xlsx"]


_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _only_table(source: Table | Document) -> Table:
    if isinstance(source, Table):
        return source
    tables = source.tables()
    if len(tables) != 1:
        msg = f"document {source.slug!r}: expected exactly one table for CSV, found {len(tables)}"
        raise RenderError(msg)
    return tables[0]


def to_csv(source: Table | Document) -> bytes:
    r"""Return a table as CSV bytes: UTF-8 with a byte-order mark, CRLF line ends.

    Parameters
    ----------
    source
        A table, or a document with exactly one table. Group rows (the campaigns of a
        任务分工表) become rows with the group's text in the first cell.

    Returns
    -------
    bytes

    Raises
    ------
    RenderError
        If a document has no table or more than one.

    Examples
    --------
    >>> from xiaojie.render import Table
    >>> data = to_csv(Table(name="t", columns=["单位", "时限"], rows=[["教育厅", "7月底前"]]))
    >>> data[:3] == b"\xef\xbb\xbf", data.decode("utf-8-sig")
    (True, '单位,时限\r\n教育厅,7月底前\r\n')
    >>> from xiaojie.render import Document
    >>> to_csv(Document(slug="empty", title="空"))
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: document 'empty': expected exactly one table for CSV, found 0
    """
    table = _only_table(source)
    rows: list[Sequence[object]] = [table.columns]
    blanks = [""] * (len(table.columns) - 1)
    for index, row in enumerate(table.plain_rows()):
        group = table.group_at(index)
        if group is not None:
            rows.append([plain(group), *blanks])
        rows.append(row)
    return csv_bytes(rows)


def _cell_value(value: str) -> str | int:
    """Return whole numbers (序号) as numbers, so Excel does not flag them as text."""
    if value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return value


def _sheet_title(name: str, used: set[str]) -> str:
    base = name.translate(_SHEET_FORBIDDEN).strip("'")[:31] or "Sheet"
    title = base
    counter = 2
    while title.lower() in used:
        suffix = f"-{counter}"
        title = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(title.lower())
    return title


def _fill_sheet(sheet: Any, table: Table) -> None:  # noqa: ANN401 - openpyxl is untyped
    styles = require("openpyxl.styles", "writing XLSX")
    Alignment, Font, PatternFill = styles.Alignment, styles.Font, styles.PatternFill  # noqa: N806

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    group_fill = PatternFill("solid", fgColor="EEF2F7")
    append_row(sheet, table.columns)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = wrap
    widths = [display_width(c) for c in table.columns]
    for index, row in enumerate(table.plain_rows()):
        group = table.group_at(index)
        if group is not None:
            append_row(sheet, [plain(group)] + [None] * (len(table.columns) - 1))
            line = sheet._current_row  # noqa: SLF001 - max_row scans every cell (quadratic)
            if len(table.columns) > 1:
                sheet.merge_cells(
                    start_row=line, start_column=1, end_row=line, end_column=len(table.columns)
                )
            first = sheet.cell(row=line, column=1)
            first.font = bold
            first.fill = group_fill
        append_row(sheet, [_cell_value(v) for v in row])
        line = sheet._current_row  # noqa: SLF001 - as above
        for column in range(1, len(table.columns) + 1):
            sheet.cell(row=line, column=column).alignment = wrap
        widths = [max(w, display_width(v)) for w, v in zip(widths, row, strict=True)]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for number, width in enumerate(widths):
        if number < len(letters):
            sheet.column_dimensions[letters[number]].width = min(max(width + 2, 6), 60)
    sheet.freeze_panes = "A2"


def to_xlsx(
    documents: Document | Table | Iterable[Document | Table], *, stamp: dt.date | None = None
) -> bytes:
    """Return an XLSX workbook with one sheet per table.

    Parameters
    ----------
    documents
        A document, a table, or several. Each table becomes a sheet named after its document,
        or, when a document has several tables, after the heading above the table (its name
        when there is none); names are cut to Excel's 31 characters and made unique.
    stamp
        The date written as the workbook's created and modified time (default 1980-01-01);
        nothing reads the clock.

    Returns
    -------
    bytes

    Raises
    ------
    RenderError
        If there is no table at all.

    Examples
    --------
    >>> import io, openpyxl
    >>> from xiaojie.render import Table
    >>> data = to_xlsx(Table(name="分工", columns=["单位"], rows=[["教育厅"]]))
    >>> openpyxl.load_workbook(io.BytesIO(data)).active["A2"].value
    '教育厅'
    >>> to_xlsx([])
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: workbook: expected at least one table, found none
    """
    sources = [documents] if isinstance(documents, Document | Table) else list(documents)
    sheets: list[tuple[str, Table]] = []
    for source in sources:
        if isinstance(source, Table):
            sheets.append((source.name, source))
            continue
        tables = source.tables()
        if len(tables) == 1:
            sheets.append((source.title, tables[0]))
            continue
        heading = ""
        for block in source.blocks:
            if isinstance(block, Heading):
                heading = plain(block.text)
            elif isinstance(block, Table):
                sheets.append((heading or block.name, block))
    if not sheets:
        msg = "workbook: expected at least one table, found none"
        raise RenderError(msg)
    book = new_workbook(stamp=stamp)
    used: set[str] = set()
    for name, table in sheets:
        _fill_sheet(book.create_sheet(_sheet_title(name, used)), table)
    return workbook_bytes(book, stamp=stamp)
