"""Tables for spreadsheets: CSV (UTF-8 with a byte-order mark) and XLSX.

Excel opens a CSV file as the local code page unless it starts with a UTF-8 byte-order mark;
with the mark, Chinese text shows correctly. Rows end in CRLF, as Excel writes them.

XLSX needs ``XlsxWriter`` (the ``docs`` extra). Both are written by the one tabular writer
(:mod:`xiaojie.io._tabular`): no cell is a formula, and the workbook carries no clock time (its
properties and archive time stamps are ``stamp``, default 1980-01-01), so the same table always
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from xiaojie._privacy import scrub
from xiaojie._width import display_width
from xiaojie.errors import RenderError
from xiaojie.io._tabular import csv_bytes, legal_text, table_workbook
from xiaojie.model._text import visible
from xiaojie.render._doc import Document, Table, plain


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


__all__ = ["SHEET_NAMES", "sheet_name", "to_csv", "to_xlsx"]


_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _only_table(source: Table | Document) -> Table:
    if isinstance(source, Table):
        return source
    tables = source.sheets()
    if len(tables) != 1:
        msg = f"document {source.slug!r}: expected exactly one table for CSV, found {len(tables)}"
        raise RenderError(msg)
    return tables[0][1]


def to_csv(source: Table | Document) -> bytes:
    r"""Return a table as CSV bytes: UTF-8 with a byte-order mark, CRLF line ends.

    Parameters
    ----------
    source
        A table, or a document with exactly one table. Group rows (the campaigns of a
        任务分工表, the units of a status table) become a first column, filled on every row.
        A document whose one table is empty and left out (an overdue report with nothing
        overdue) gives that table's header and the sentence said instead
        (:meth:`Document.sheets <xiaojie.render.Document.sheets>`).

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
    return csv_bytes(_flat_rows(table))


def _flat_rows(table: Table) -> list[Sequence[str]]:
    """Return the header and rows of ``table``, each row standing on its own for filtering.

    A table with group rows (units of a status table, campaigns of a 任务分工表) gets a first
    column named :attr:`Table.group_column` holding each row's group, instead of rows that
    span the table. What no document shows (:func:`xiaojie.model._text.visible`: control and
    invisible formatting characters) is dropped from every cell.
    """
    if not table.groups:
        rows: list[Sequence[str]] = [table.columns, *table.plain_rows()]
    else:
        rows = [(table.group_column or "分组", *table.columns)]
        current = ""
        for index, row in enumerate(table.plain_rows()):
            group = table.group_at(index)
            if group is not None:
                current = plain(group)
            rows.append((current, *row))
    return [[visible(cell) for cell in row] for row in rows]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell_value(value: str) -> str | int | dt.date:
    """Return whole numbers (序号) as numbers and ISO dates as dates, so Excel can sort them.

    A number written with leading zeros (``007``, a code) stays text: as a number it would show
    as ``7``.
    """
    if (
        value.isascii() and value.isdigit() and len(value) < 10 and value[0] != "0"
    ) or value == "0":
        return int(value)
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


SHEET_NAMES: dict[str, str] = {
    # the plan's documents
    "division": "任务分工表",
    "responsibilities": "各单位任务清单",
    "campaigns": "攻坚行动",
    "dated": "时间节点",
    "recurring": "常态化工作",
    "indicators": "指标",
    "limits": "时限要求",
    "led": "牵头任务",
    "co-owned": "配合任务",
    "via-group": "所在单位组承担的任务",
    "phases": "实施阶段",
    "deadlines": "时间节点总表",
    # the status report, the 通报 and progress by place
    "summary": "概况",
    "overdue": "逾期事项",
    "due_soon": "即将到期事项",
    "tasks": "任务进展",
    "unit_status": "各单位进展",
    "pace": "序时进度",
    "checks": "报送核对",
    "ranking": "排名",
    "entries": "各事项完成情况",
    # the ledger check and the comparison of versions
    "not_run": "未运行的规则",
    "issues": "文件问题",
    "by_rule": "按规则统计",
    "findings": "问题清单",
    "changes": "修改情况",
}
"""The Chinese sheet name of each table the library writes, by the table's name.

:func:`to_xlsx` names the sheet of a bare table (one not inside a document) with it; a table of
a document takes the document's title or the heading above it, which are Chinese already."""


_SHEET_PREFIXES = (
    ("place-rank-", "各地排名-"),
    ("places-", "各地进度-"),
    ("rank-", "排名-"),
    ("place-", "地区-"),
    ("campaign-", "攻坚行动-"),
)
"""Tables named after a thing (an indicator, a place, a campaign): the Chinese for the prefix."""


def sheet_name(table: Table, lang: str = "zh") -> str:
    """Return the sheet name a bare table gets: Chinese for the library's tables.

    A table that names its own sheet (:attr:`Table.sheet`: a part of a plan, with the plan's
    word for its parts) gets that name in Chinese.

    Examples
    --------
    >>> sheet_name(Table(name="responsibilities", columns=["单位"], rows=[]))
    '各单位任务清单'
    >>> sheet_name(Table(name="responsibilities", columns=["单位"], rows=[]), "en")
    'responsibilities'
    >>> sheet_name(Table(name="campaign-2", columns=["单位"], rows=[]))
    '攻坚行动-2'
    >>> sheet_name(Table(name="campaign-2", columns=["单位"], rows=[], sheet="工作方面-2"))
    '工作方面-2'
    >>> sheet_name(Table(name="我的表", columns=["单位"], rows=[]))
    '我的表'
    """
    if lang == "en":
        return table.name
    if table.sheet:
        return table.sheet
    if table.name in SHEET_NAMES:
        return SHEET_NAMES[table.name]
    for prefix, words in _SHEET_PREFIXES:
        if table.name.startswith(prefix):
            return words + table.name.removeprefix(prefix)
    return table.name


def _sheet_title(name: str, used: set[str]) -> str:
    # masked before it is cut to 31 characters (a cut number is no longer known as one); the
    # mask's stars are not allowed in a sheet name and become "_" like the others
    shown = str(legal_text(scrub(name))).translate(_SHEET_FORBIDDEN)
    base = shown.strip("'")[:31].rstrip("'") or "Sheet"
    title = base
    counter = 2
    while title.lower() in used:
        suffix = f"-{counter}"
        title = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(title.lower())
    return title


def _sheet_rows(table: Table) -> tuple[list[list[str | int | dt.date]], list[float]]:
    """Return a table's rows as spreadsheet values (the first one the header) and column widths.

    Whole numbers (序号) become numbers and ISO dates dates, so that a spreadsheet sorts them;
    each column is as wide as its widest cell plus two characters, at least 6 and at most 60.
    """
    flat = _flat_rows(table)
    widths = [display_width(c) for c in flat[0]]
    rows: list[list[str | int | dt.date]] = [list(flat[0])]
    for row in flat[1:]:
        rows.append([_cell_value(v) for v in row])
        widths = [max(w, display_width(v)) for w, v in zip(widths, row, strict=True)]
    return rows, [min(max(w + 2, 6), 60) for w in widths]


def to_xlsx(
    documents: Document | Table | Iterable[Document | Table],
    *,
    stamp: dt.date | None = None,
    lang: str = "zh",
) -> bytes:
    """Return an XLSX workbook with one sheet per table.

    Parameters
    ----------
    documents
        A document, a table, or several. Each table becomes a sheet named after its document,
        or, when a document has several tables, after the heading above the table; a bare
        table (or one with no heading above it) is named by :func:`sheet_name` (Chinese for
        the library's tables). Names lose the characters Excel forbids (brackets, colon,
        star, question mark, slash and backslash), are cut to Excel's 31 characters and made
        unique. A table a document says is empty in words (nothing overdue, a unit with no
        task) is a sheet in its place all the same, holding its header and the words
        (:meth:`Document.sheets <xiaojie.render.Document.sheets>`).
    stamp
        The date written as the workbook's created and modified time (default 1980-01-01);
        nothing reads the clock.
    lang
        ``"zh"`` (default) names bare tables in Chinese; ``"en"`` keeps their English names.
        A table inside a document follows the document's language.

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
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import responsibility_table
    >>> data = to_xlsx(responsibility_table(load_plan()))
    >>> openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    ['各单位任务清单']
    >>> to_xlsx([])
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: workbook: expected at least one table, found none
    """
    sources = [documents] if isinstance(documents, Document | Table) else list(documents)
    sheets: list[tuple[str, Table]] = []
    for source in sources:
        if isinstance(source, Table):
            sheets.append((sheet_name(source, lang), source))
            continue
        tables = source.sheets()
        if len(tables) == 1:
            sheets.append((source.title, tables[0][1]))
            continue
        sheets.extend((heading or sheet_name(t, source.lang), t) for heading, t in tables)
    if not sheets:
        msg = "workbook: expected at least one table, found none"
        raise RenderError(msg)
    used: set[str] = {"history"}  # a name Excel keeps for itself
    return table_workbook(
        [(_sheet_title(name, used), *_sheet_rows(table)) for name, table in sheets], stamp=stamp
    )
