"""Input readers: each turns one file format into a :class:`Source`, lines and tables in order.

=========  ==========================================================  ==================
suffix     reader                                                      library (extra)
=========  ==========================================================  ==================
.txt       UTF-8, else GB18030                                         —
.docx      paragraphs and tables in document order                     python-docx
.xlsx      every sheet is a table                                      openpyxl
.csv       one table (UTF-8, else GB18030)                             —
.html      the page's main text, navigation dropped                    trafilatura
.pdf       the text of each page                                       pypdf
.ofd       the text of each page in reading order (GB/T 33190)         lxml
=========  ==========================================================  ==================

A reader is one function in :data:`READERS`, keyed by suffix. Text in traditional script is
converted to simplified with OpenCC (:func:`to_simplified`). The libraries are in the optional
extra ``xiaojie[parse]``; a missing one raises :class:`PlanParseError` naming the extra.
"""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import json
import logging
import re
import threading
import zipfile
import zlib
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._files import column_number, csv_cells_up_to, xml_chunks
from xiaojie.errors import PlanParseError, SheetError
from xiaojie.io._xlsx import MAX_COLUMN, MAX_ROW, BadCell, sheet_rows
from xiaojie.parsing._clauses import LABEL_RE
from xiaojie.parsing._numbering import Numbering
from xiaojie.parsing._ofd import read_ofd
from xiaojie.parsing._owners import owner_like
from xiaojie.parsing._structure import _DATED_LINE, _KEY_RE, _chinese_date, _heading
from xiaojie.parsing._tables import Table, header_roles, table_lines
from xiaojie.parsing._text import PAGE_NUMBER, normalize_line


if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path


__all__ = [
    "READERS",
    "Source",
    "decode",
    "drop_page_furniture",
    "looks_traditional",
    "strip_pinyin_glosses",
    "to_simplified",
    "unwrap",
]


@attrs.define
class Source:
    """One input as blocks in document order: a block is a line of text or a table."""

    blocks: list[str | Table] = attrs.Factory(list)

    def text(self, columns: Mapping[str, str] | None = None) -> str:
        """Return the text the parser reads: lines as they are, 分工表 rows as item lines.

        ``columns`` adds header words to :data:`~xiaojie.parsing._tables.COLUMNS`.
        """
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, str):
                out.append(block)
                continue
            lines = table_lines(block, columns)
            if lines is None:
                out.extend(" | ".join(cell for cell in row) for row in block)
            else:
                out.extend(lines)
        return "\n".join(out)


def _need(module: str, source: str) -> Any:  # noqa: ANN401 - an optional module
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = (
            f"reading this file needs the Python package {module!r}, found it missing; "
            "install the extra: pip install 'xiaojie[parse]'"
        )
        raise PlanParseError(msg, line=1, column=1, source=source) from None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an Office 97-2003 file (.doc, .xls, .wps) and of a password-protected
.docx or .xlsx (an encrypted package): formats no reader here reads."""


def _refuse_legacy_office(raw: bytes, expected: str, source: str) -> None:
    """Raise the error that names an Office 97-2003 file and what to save it as."""
    if raw.startswith(_OLE):
        msg = (
            f"expected {expected}, found an Office 97-2003 file (.doc, .xls, .wps) or a "
            "password-protected one: save it unprotected as .docx or .xlsx (or as text) and "
            "parse that"
        )
        raise PlanParseError(msg, line=1, column=1, source=source)


def _refuse_other_packages(raw: bytes, source: str) -> None:
    """Raise the error that names a file format read here only by its own reader.

    A ZIP package given as text (an OFD 版式文档, an OpenDocument .odt, a .docx renamed) and an
    RTF document would otherwise be decoded into noise, or refused at an undecodable byte.
    """
    found = None
    if raw.startswith(b"PK\x03\x04"):
        head = raw[:4096]
        if b"OFD.xml" in head:
            found = "an OFD document (a ZIP package with OFD.xml)"
        elif b"mimetypeapplication/vnd.oasis.opendocument" in head:
            found = "an OpenDocument file (.odt, .ods)"
        elif b"word/" in head or b"[Content_Types].xml" in head:
            found = "an Office Open XML package (a .docx or .xlsx with another suffix)"
        else:
            found = "a ZIP archive"
    elif raw.lstrip()[:5] == b"{\\rtf":
        found = "an RTF document"
    if found is not None:
        msg = (
            f"expected UTF-8 or GB18030 text, found {found}: save it as .docx, .pdf or text "
            "(or give a .docx or .xlsx its own suffix) and parse that"
        )
        raise PlanParseError(msg, line=1, column=1, source=source)


def decode(raw: bytes, source: str) -> str:
    """Return ``raw`` decoded as UTF-8 (with or without BOM), else GB18030.

    Raises
    ------
    PlanParseError
        At the line and column of the first byte neither encoding reads; at 1:1 for a Word or
        Excel 97-2003 file.
    """
    _refuse_legacy_office(raw, "UTF-8 or GB18030 text", source)
    _refuse_other_packages(raw, source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first = err
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    before = raw[: first.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    msg = f"expected UTF-8 or GB18030 text, found an undecodable byte 0x{raw[first.start]:02x}"
    raise PlanParseError(msg, line=line, column=column, source=source)


def read_text(path: Path, raw: bytes) -> Source:
    """Read a text file: one block per line."""
    blocks: list[str | Table] = [decode(raw, str(path))]
    return Source(blocks)


def read_docx(path: Path, raw: bytes) -> Source:
    """Read a Word document: paragraphs and tables in the order the body holds them.

    A paragraph's text is what Word shows of it: the number of an automatically numbered
    clause first (:mod:`._numbering`) and a space after it (Word's tab or space, ``w:suff``),
    then its runs, inserted text (``w:ins``) and content controls (``w:sdt``) included, deleted
    text (``w:del``) left out. A line break inside a paragraph (``w:br``) inside running text
    joins its two pieces into one clause (:func:`_break_kept` says which breaks stay). A table is read by its grid: a vertically
    merged cell gives its text to every row it covers, a row shifted right (``w:gridBefore``)
    keeps its columns, and a table nested in a cell is read into that cell's text, one row a
    line; a table of one cell (a frame around the text) is read as the text it holds.
    """
    docx = _need("docx", str(path))
    try:
        document = docx.Document(io.BytesIO(raw))
        numbering_part = _numbering_part(document)
    except Exception as err:  # noqa: BLE001 - python-docx raises many kinds for a broken file
        _refuse_legacy_office(raw, "a Word .docx document", str(path))
        msg = f"expected a Word .docx document, found an unreadable file ({type(err).__name__})"
        raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
    styles = document.styles.element if _has_styles(document) else None
    reading = _DocxReading(path, Numbering(numbering_part, styles))
    reading.blocks(document.element.body)
    return Source(reading.out)


def _numbering_part(document: Any) -> Any:  # noqa: ANN401 - a python-docx document
    """Return the ``w:numbering`` element of a document, or ``None`` when it has none.

    python-docx's ``numbering_part`` makes an empty part when there is none; the relationship
    is looked up first so that nothing is made.
    """
    part = document.part
    if not any(rel.reltype.endswith("/numbering") for rel in part.rels.values()):
        return None
    return part.numbering_part.element


def _has_styles(document: Any) -> bool:  # noqa: ANN401 - a python-docx document
    return any(rel.reltype.endswith("/styles") for rel in document.part.rels.values())


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INLINE = frozenset(
    f"{_WORD}{tag}"
    for tag in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
"""Elements of a paragraph whose runs Word shows (deleted and moved-away text are not)."""
_BREAKS = frozenset((f"{_WORD}br", f"{_WORD}cr"))
_NEW_CLAUSE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[.、．](?!\d)|[\u2460-\u2473]"
    r"|第[一二三四五六七八九十百\d]+[章节条部])"
)
"""The number a new clause starts with: a line break before it stays one."""
_ATTACHMENT_LINE = re.compile(r"^附件(?:\d{1,2}|[一二三四五六七八九十]{1,3})?(?::|$)")
"""An attachment's heading (``附件``, ``附件2``, ``附件:有关说明``), in normalised text."""
_OPEN_END = "、,:;(《“‘-"
"""The last character of a piece that a clause goes on from (normalised): a list, a colon."""
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,30}$")
"""A unit's name as a cell lists it: Chinese characters only, no sentence in it."""
_LOOK = 64
"""How much of the line before a break is looked at (its start and its end), so that a
paragraph of many breaks is read in linear time."""


def _break_kept(before: str, after: str) -> bool:
    """Whether a line break (``w:br``) between two pieces of a paragraph stays a line break.

    A break stays before a line that stands on its own: a new item's number, a date alone (the
    signature's date, ``2025年3月5日`` or ``二〇二五年三月五日``), an attachment's heading, a
    header key (``发文时间:``) or a responsibility label (``牵头单位:``). Unless the first piece
    stops on a list's comma or a colon, it also stays before a unit's name alone (``县财政局``,
    one of a cell's units) and after a date alone, an attachment's heading, a header key's line
    or a label's line, and between two digits (``2025`` / ``3月`` are two numbers, not 20253).
    Any other break is inside running text and is joined.

    Examples
    --------
    >>> _break_kept("某县人民政府", "2025年3月5日"), _break_kept("6月", "底前完成")
    (True, False)
    >>> _break_kept("牵头单位：县民政局", "县财政局"), _break_kept("配合单位：县民政局、", "县财政局")
    (True, False)
    """
    head = normalize_line(after).text
    if not head:
        return True
    if _NEW_CLAUSE.match(after) or _alone(head) or _KEY_RE.match(head) or _labelled(head):
        return True
    last = before[before.rfind("\n") + 1 :]
    tail = normalize_line(last[-_LOOK:]).text
    if not tail or tail[-1] in _OPEN_END:
        return False
    if tail[-1].isascii() and tail[-1].isdigit() and head[0].isascii() and head[0].isdigit():
        return True
    start = normalize_line(last[:_LOOK]).text
    return (
        _units_alone(head)
        or (len(last) <= _LOOK and _alone(start))
        or bool(_KEY_RE.match(start))
        or _labelled(start)
    )


def _alone(text: str) -> bool:
    """Whether a normalised line is a date alone or an attachment's heading."""
    return bool(
        _DATED_LINE.match(text) or _chinese_date(text) is not None or _ATTACHMENT_LINE.match(text)
    )


def _labelled(text: str) -> bool:
    """Whether a normalised line starts with a responsibility label (``(牵头单位:``)."""
    return LABEL_RE.match(text.lstrip("(")) is not None


def _units_alone(text: str) -> bool:
    """Whether a normalised line names units and nothing else (``县财政局、县人社局``)."""
    if len(text) > _LOOK:
        return False
    names = re.split(r"[、,;]", text.rstrip("。;,)"))
    return all(_NAME.match(name) and owner_like(name) for name in names)


class _DocxReading:
    """The blocks of one Word document, read in document order (numbers count in that order)."""

    def __init__(self, path: Path, numbering: Numbering) -> None:
        self.path = path
        self.numbering = numbering
        self.out: list[str | Table] = []
        self.tables = 0

    def blocks(self, container: Any) -> None:  # noqa: ANN401 - an lxml element
        """Read the paragraphs and tables of the body, a content control or a frame."""
        for element in container.iterchildren():
            tag = element.tag
            if tag == f"{_WORD}p":
                self.out.append(self.paragraph(element))
            elif tag == f"{_WORD}tbl":
                self.tables += 1
                _check_spans(element, self.path, self.tables)
                frame = _frame(element)
                if frame is not None:
                    self.blocks(frame)
                else:
                    self.out.append(self.table(element))
            elif tag == f"{_WORD}sdt":
                self.blocks(_content(element))
            elif tag == f"{_WORD}customXml":
                self.blocks(element)

    def paragraph(self, element: Any) -> str:  # noqa: ANN401 - an lxml element
        """Return a paragraph's text as Word shows it, its list number first."""
        number, suffix = self.numbering.label(element)
        pieces: list[str] = []
        _runs(element, pieces)
        lines = "".join(pieces).split("\n")
        text = lines[0]
        for line in lines[1:]:
            if _break_kept(text, line):
                text += "\n" + line
            else:
                text = _joined(text, line)
        if not text or text[0].isspace():
            return number + text
        return number + suffix + text

    def table(self, element: Any) -> list[list[str]]:  # noqa: ANN401 - an lxml element
        """Return a table's rows laid on its grid, merged cells repeated."""
        rows: list[list[str]] = []
        above: list[str] = []
        for tr in _children(element, "tr"):
            row = [""] * _grid_span(tr.find(f"{_WORD}trPr"), "gridBefore", 0)
            for tc in _children(tr, "tc"):
                props = tc.find(f"{_WORD}tcPr")
                merge = None if props is None else props.find(f"{_WORD}vMerge")
                continued = merge is not None and merge.get(f"{_WORD}val", "continue") == "continue"
                under = len(row) < len(above)
                text = above[len(row)] if continued and under else self.cell(tc)
                row.extend([text] * _grid_span(props, "gridSpan", 1))
            rows.append(row)
            above = row
        return rows

    def cell(self, element: Any) -> str:  # noqa: ANN401 - an lxml element
        """Return a cell's text: its paragraphs, and a nested table's rows, one a line."""
        lines: list[str] = []
        for child in _children(element, "p", "tbl"):
            if child.tag == f"{_WORD}p":
                lines.append(self.paragraph(child))
            else:
                lines.extend(" | ".join(row) for row in self.table(child))
        return "\n".join(lines)


def _joined(before: str, after: str) -> str:
    """Join two pieces of one clause, with a space only between two Latin letters or digits."""
    latin = before and after and before[-1].isascii() and before[-1].isalnum()
    if latin and after[0].isascii() and after[0].isalnum():
        return f"{before} {after}"
    return before + after


def _content(sdt: Any) -> Any:  # noqa: ANN401 - an lxml element
    """Return a content control's content (``w:sdtContent``), or the control when it has none."""
    content = sdt.find(f"{_WORD}sdtContent")
    return sdt if content is None else content


def _children(parent: Any, *tags: str) -> Iterator[Any]:  # noqa: ANN401 - an lxml element
    """Yield ``parent``'s children with these tags, through content controls and custom XML."""
    wanted = {f"{_WORD}{tag}" for tag in tags}
    for child in parent.iterchildren():
        if child.tag in wanted:
            yield child
        elif child.tag == f"{_WORD}sdt":
            yield from _children(_content(child), *tags)
        elif child.tag == f"{_WORD}customXml":
            yield from _children(child, *tags)


def _runs(parent: Any, pieces: list[str]) -> None:  # noqa: ANN401 - an lxml element
    """Append the text of the runs under ``parent`` that Word shows."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_WORD}r":
            for part in child.iterchildren():
                if part.tag == f"{_WORD}t":
                    pieces.append(part.text or "")
                elif part.tag in _BREAKS:
                    pieces.append("\n")
                elif part.tag in (f"{_WORD}tab", f"{_WORD}ptab"):
                    pieces.append("\t")
                elif part.tag == f"{_WORD}noBreakHyphen":
                    pieces.append("-")
        elif tag == f"{_WORD}sdt":
            _runs(_content(child), pieces)
        elif tag in _INLINE:
            _runs(child, pieces)


def _grid_span(props: Any, name: str, default: int) -> int:  # noqa: ANN401 - an lxml element
    """Return a row's or cell's count of grid columns (checked by :func:`_check_spans`)."""
    found = None if props is None else props.find(f"{_WORD}{name}")
    value = None if found is None else found.get(f"{_WORD}val")
    if value is None or not str(value).isdigit():
        return default
    return max(int(value), default)


def _frame(table: Any) -> Any:  # noqa: ANN401 - an lxml element
    """Return the one cell of a table of one row and one column (a frame), else ``None``."""
    rows = list(_children(table, "tr"))
    if len(rows) != 1:
        return None
    cells = list(_children(rows[0], "tc"))
    if len(cells) != 1 or _grid_span(cells[0].find(f"{_WORD}tcPr"), "gridSpan", 1) != 1:
        return None
    return cells[0]


_MAX_SPAN = 63
"""The most columns a Word table has (and so the most a cell or a row's gap may span)."""


def _check_spans(table: Any, path: Path, number: int) -> None:  # noqa: ANN401 - an lxml element
    """Refuse a table whose cells claim to span more columns than Word has.

    python-docx lays out every column a cell spans: ``<w:gridSpan w:val="30000000"/>`` makes it
    walk thirty million columns for every row it reads.
    """
    for element in table.iter(f"{_WORD}gridSpan", f"{_WORD}gridBefore", f"{_WORD}gridAfter"):
        value = str(element.get(f"{_WORD}val", ""))
        if not value.isascii() or not value.isdigit() or int(value) > _MAX_SPAN:
            name = element.tag.rsplit("}", 1)[-1]
            line = getattr(element, "sourceline", None) or 1
            msg = f"table {number}: expected a cell spanning at most {_MAX_SPAN} columns, found w:{name} {value[:20]!r}"
            raise PlanParseError(msg, line=line, column=1, source=str(path))


_MERGES_UP_TO = 4_000_000
"""Workbooks up to this size (bytes) are read whole, so that their merged cells are known."""


def read_xlsx(path: Path, raw: bytes) -> Source:
    """Read a workbook: every sheet is one table.

    A merged cell gives its text to every cell it covers (a 牵头单位 merged over two rows leads
    both), as Word tables read; workbooks over 4 MB are streamed without that.
    """
    openpyxl = _need("openpyxl", str(path))
    whole = len(raw) <= _MERGES_UP_TO and _merges_fit(raw)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=not whole, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        _refuse_legacy_office(raw, "an .xlsx workbook", str(path))
        msg = f"expected an .xlsx workbook, found an unreadable file ({type(err).__name__})"
        raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
    blocks: list[str | Table] = []
    for sheet in book.worksheets:
        if whole:
            rows = _sheet_grid(sheet, path)
            _fill_merged(rows, sheet.merged_cells.ranges)
        else:
            rows = _streamed(path, raw, sheet.title)
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        head, rows = _lines_above_header(rows)
        blocks.extend(head)
        blocks.append(rows)
    book.close()
    return Source(blocks)


_ABOVE_HEADER = 10
"""The most rows of title and keys (标题, 发文时间, 文号) a sheet may have above its 分工表 header."""


def _lines_above_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Split off the rows of a sheet above its table: its title and keys, as lines of text.

    The first row when it holds one cell (the title), and every row of one or two cells above the
    header of a 分工表 (``发文时间：2025年3月1日``, or ``发文时间`` | ``2025年3月1日``, read as
    ``发文时间：2025年3月1日``).

    Examples
    --------
    >>> rows = [["某县任务分工表", ""], ["发文时间", "2025年3月1日"], ["序号", "具体措施", "牵头单位"]]
    >>> _lines_above_header(rows)[0]
    ['某县任务分工表', '发文时间：2025年3月1日']
    """
    header = next(
        (i for i, row in enumerate(rows[: _ABOVE_HEADER + 1]) if header_roles(row) is not None),
        None,
    )
    lines: list[str] = []
    for index, row in enumerate(rows):
        cells = [cell.strip() for cell in row if cell.strip()]
        if index == 0 and len(cells) == 1:
            lines.append(cells[0])
        elif header is not None and index < header and len(cells) <= 2:
            first = cells[0]
            if (
                len(cells) == 2
                and _KEY_RE.match(first.rstrip(":：") + ":")
                and ":" not in cells[1].replace("：", ":")
            ):
                lines.append(f"{first.rstrip(':：')}：{cells[1]}")  # 发文时间 | 2025年3月1日
            else:
                lines.extend(cells)  # 附件1 | 某县分工表: a line each
        else:
            return lines, rows[index:]
    return lines, []


_MERGE_REF = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*([\"'])"
    rb"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})\1"
)
_MERGE_TAG = re.compile(rb"<(?:\w+:)?mergeCell\b")
"""Every merged range's element, however written (a prefix, a tab, single quotes)."""
_MERGED_CELLS = 1_000_000
"""The most cells the merged ranges of a workbook read whole may cover (openpyxl makes each)."""


def _merges_fit(raw: bytes) -> bool:
    """Return whether the merged ranges of every sheet cover few enough cells to read them whole.

    openpyxl makes an object for every cell of a merged range when it reads a workbook whole: a
    range ``A1:XFD1048576`` is seventeen billion of them. A workbook whose ranges cover more, or
    whose ranges are written otherwise than plainly, is streamed (without merges). The sheets'
    XML is read in chunks, each cut before a ``<``.
    """
    covered = 0
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for name in archive.namelist():
                if not name.endswith(".xml"):  # a sheet may lie outside xl/worksheets/
                    continue
                for text in xml_chunks(archive, name):
                    found = _MERGE_REF.findall(text)
                    if len(_MERGE_TAG.findall(text)) > len(found):
                        return False  # a range written otherwise (odd references)
                    for _, first, top, last, bottom in found:
                        rows = abs(int(bottom) - int(top)) + 1
                        covered += rows * (abs(column_number(last) - column_number(first)) + 1)
                    if covered > _MERGED_CELLS:
                        return False
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
        return True  # not a readable zip: openpyxl's own error names the file
    return True


def _beyond(where: str, path: Path, row: int, column: int) -> PlanParseError:
    msg = f"{where}: expected a cell within rows 1-{MAX_ROW:,} and columns A-XFD, found one outside"
    line, column = min(max(row, 1), MAX_ROW + 1), min(max(column, 1), MAX_COLUMN + 1)
    return PlanParseError(msg, line=line, column=column, source=str(path))


_SHEET_CELLS = 5_000_000
"""The most cells a sheet read whole may lay out (each row up to its last cell)."""
_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"}
)
"""A formula's errors as a streamed sheet gives them (as text)."""


def _sheet_grid(sheet: Any, path: Path) -> list[list[str]]:  # noqa: ANN401 - an openpyxl worksheet
    """Return a sheet's rows from the cells it holds (not the rectangle its dimension claims).

    openpyxl's ``iter_rows`` walks every row and column up to the last cell: one cell at
    ``XFD1048576`` makes that seventeen billion cells, one at row 10¹² an error.
    """
    cells = sheet._cells  # noqa: SLF001 - the cells the file holds, by (row, column)
    for (row, column), cell in cells.items():
        if not (1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN):
            raise _beyond(f"sheet {sheet.title!r} cell {cell.coordinate}", path, row, column)
    widths: dict[int, int] = {}
    for row, column in cells:
        widths[row] = max(widths.get(row, 0), column)
    laid = sum(widths.values())
    if laid > _SHEET_CELLS:
        msg = (
            f"sheet {sheet.title!r}: expected a table of at most {_SHEET_CELLS:,} cells laid out "
            f"in rows, found {laid:,} (cells far to the right on many rows)"
        )
        raise PlanParseError(msg, line=1, column=1, source=str(path))
    rows: list[list[str]] = [[] for _ in range(max((r for r, _ in cells), default=0))]
    for (row, column), cell in sorted(cells.items()):
        line = rows[row - 1]
        line.extend([""] * (column - 1 - len(line)))
        line.append(_cell_text(cell, sheet.title, path))
    return rows


def _streamed(path: Path, raw: bytes, title: str) -> list[list[str]]:
    """Return a sheet's rows as streamed (for a large workbook): rows the file holds, in order."""
    rows: list[list[str]] = []
    try:
        with sheet_rows(path, raw, title=title) as (_, found):
            for number, values in found:
                bad = next((v for v in values if isinstance(v, BadCell)), None)
                if bad is not None:
                    msg = f"sheet {title!r} cell {bad.ref}: expected a readable cell within rows 1-{MAX_ROW:,} and columns A-XFD, found {bad.problem}"
                    line = min(number, MAX_ROW + 1) or 1
                    raise PlanParseError(msg, line=line, column=1, source=str(path))
                error = next((k for k, v in enumerate(values) if v in _ERRORS), -1)
                if error >= 0:
                    msg = f"sheet {title!r} row {number} column {error + 1}: expected a value, found the spreadsheet error {values[error]} (a broken formula)"
                    raise PlanParseError(msg, line=number, column=error + 1, source=str(path))
                rows.extend([] for _ in range(number - 1 - len(rows)))
                rows.append(["" if v is None else str(v) for v in values])
    except SheetError as err:
        raise PlanParseError(str(err), line=1, column=1, source=str(path)) from None
    return rows


def _cell_text(cell: Any, sheet: str, path: Path) -> str:  # noqa: ANN401 - an openpyxl cell
    """Return a cell's text; a formula's error (``#REF!``, ``#N/A``) is a located error, not text."""
    if getattr(cell, "data_type", None) == "e":
        where = f"sheet {sheet!r} cell {getattr(cell, 'coordinate', '?')}"
        msg = f"{where}: expected a value, found the spreadsheet error {cell.value} (a broken formula)"
        raise PlanParseError(msg, line=cell.row, column=cell.column, source=str(path))
    return "" if cell.value is None else str(cell.value)


def _fill_merged(rows: list[list[str]], ranges: Any) -> None:  # noqa: ANN401 - openpyxl's ranges
    """Give each merged range's text (its top-left cell's) to every cell of the range."""
    for merged in ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        text = rows[top][left]
        for r in range(top, min(merged.max_row, len(rows))):
            for c in range(left, min(merged.max_col, len(rows[r]))):
                rows[r][c] = text


_CSV_FIELD_LIMIT = 131_072
"""The longest cell of a CSV 分工表 (the csv module's default limit, 128 K characters)."""
_CSV_READ_LIMIT = 1 << 24
"""The longest cell read before it is judged (the cells of a file in memory)."""


def read_csv(path: Path, raw: bytes) -> Source:
    """Read a CSV file: one table."""
    text = decode(raw, str(path))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    # newline="": a row may end in \r\n, \n or a bare \r (old Mac exports), as files opened so
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    try:
        with csv_cells_up_to(_CSV_READ_LIMIT):  # the cells judged below, not by the module
            for row in reader:
                long = next((k for k, cell in enumerate(row) if len(cell) > _CSV_FIELD_LIMIT), -1)
                if long >= 0:
                    raise PlanParseError(
                        f"expected a CSV 分工表 cell of at most {_CSV_FIELD_LIMIT:,} characters, "
                        f"found one of {len(row[long]):,}",
                        line=reader.line_num,
                        column=long + 1,
                        source=str(path),
                    )
                if any(c.strip() for c in row):
                    rows.append(row)
    except csv.Error as err:  # a cell over the read limit, a NUL the dialect cannot take …
        line = reader.line_num or 1
        raise PlanParseError(
            f"expected a CSV 分工表, found {err}", line=line, column=1, source=str(path)
        ) from None
    head, rows = _lines_above_header(rows)
    return Source([*head, rows])


def read_html(path: Path, raw: bytes) -> Source:
    """Read a saved web page: its main text, navigation and footer dropped.

    A 分工表 ``<table>`` (innermost, with a header the default column words recognise) is taken
    out before the text is extracted and kept as a table at its place, so its rows stay rows.
    """
    trafilatura = _need("trafilatura", str(path))
    page = _embedded_body(decode(raw, str(path)))
    page, tables = _take_tables(page, str(path))
    text = trafilatura.extract(page, include_tables=True, favor_recall=True, include_comments=False)
    if not text:
        msg = "expected a web page with a main text, found none"
        raise PlanParseError(msg, line=1, column=1, source=str(path))
    title = re.search(r"<title[^>]*>([^<]+)</title>", page, re.IGNORECASE)
    blocks: list[str | Table] = []
    for piece in re.split(f"({_MARK}\\d+{_MARK})", text):
        held = re.fullmatch(f"{_MARK}(\\d+){_MARK}", piece)
        if held is not None:
            blocks.append(tables[int(held.group(1))])
        elif piece.strip():
            blocks.append(piece)
    if title is not None and title.group(1).strip() not in text:
        blocks.insert(0, title.group(1).strip())
    return Source(blocks)


_MARK = "XJTABLEMARK"


def _take_tables(page: str, source: str) -> tuple[str, list[Table]]:
    """Replace each innermost 分工表 table of a page by a marker; return the page and the tables."""
    if "<table" not in page.lower():
        return page, []
    html = _need("lxml.html", source)
    try:
        tree = html.fromstring(page)
    except Exception:  # noqa: BLE001 - lxml raises several kinds for pages it cannot read
        return page, []
    tables: list[Table] = []
    changed = False
    for element in list(tree.iter("table")):
        grid = _grid(element)
        if grid is None:  # absurd spans: the table stays text, its cells one place each
            for cell in element.iter("td", "th"):
                cell.attrib.pop("rowspan", None)
                cell.attrib.pop("colspan", None)
            changed = True
            continue
        if any(True for _ in element.iterdescendants("table")):
            continue
        rows = [row for row in grid if any(row)]
        if not any(header_roles(row) is not None for row in rows[:5]):
            continue
        marker = html.fromstring(f"<p>{_MARK}{len(tables)}{_MARK}</p>")
        tables.append(rows)
        parent = element.getparent()
        if parent is not None:
            marker.tail = element.tail
            parent.replace(element, marker)
    if not tables and not changed:
        return page, []
    return str(html.tostring(tree, encoding="unicode")), tables


_GRID_CELLS = 200_000
"""The most cells a page's table may fill (spans and padding included) to be read as a table."""


def _grid(table: Any) -> list[list[str]] | None:  # noqa: ANN401 - an lxml element
    """Return a ``<table>``'s rows of cell texts, a cell spanning rows or columns filling each.

    ``None`` when the table would fill more than ``_GRID_CELLS`` cells (absurd spans such as
    ``rowspan="100000000"`` on every cell): reading must cost what the page holds, so such a
    table is left to the page's text.
    """
    grid: dict[tuple[int, int], str] = {}
    width = 0
    rows = list(table.iter("tr"))
    budget = _GRID_CELLS
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = "".join(cell.text_content().split())
            down = min(_span(cell.get("rowspan")), len(rows) - r)
            across = _span(cell.get("colspan"))
            budget -= down * across
            if budget < 0:
                return None
            for dr in range(down):
                for dc in range(across):
                    grid.setdefault((r + dr, c + dc), text)
            c += across
            width = max(width, c)
    if len(rows) * width > _GRID_CELLS:
        return None
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _span(value: str | None) -> int:
    """Return a rowspan/colspan attribute as a count (1 when missing or broken, ≤ 500).

    Examples
    --------
    >>> [_span(v) for v in (None, "2", " 3 ", "0", "-1", "abc", "²", "1" * 5000, "100000000")]
    [1, 2, 3, 1, 1, 1, 1, 500, 500]
    """
    digits = re.fullmatch(r"\s*0*([1-9]\d*)\s*", value or "", re.ASCII)
    return min(int(digits.group(1)[:4]), 500) if digits is not None else 1


_CONTENT = re.compile(r'"content"\s*:\s*"')


_OPEN_CODE = re.compile(r"<(script|style)\b", re.IGNORECASE)
_CLOSE_CODE = {kind: re.compile(rf"</{kind}\s*>", re.IGNORECASE) for kind in ("script", "style")}


def _visible(html: str) -> int:
    """Return how many non-space characters of text a piece of HTML shows (scripts left out).

    One pass over the markup, whatever it holds: a ``<`` that never closes is text, a script
    that never closes is only its tag.

    Examples
    --------
    >>> _visible("<p>一 二</p><script>var a = 1;</script><STYLE>p {}</style >三")
    3
    >>> _visible("a<b")
    3
    """
    shown = 0
    position = 0
    unclosed: set[str] = set()  # kinds of code with no closing tag after this point
    while True:
        lt = html.find("<", position)
        if lt < 0:
            return shown + _solid(html[position:])
        shown += _solid(html[position:lt])
        code = _OPEN_CODE.match(html, lt)
        if code is not None and (kind := code.group(1).lower()) not in unclosed:
            close = _CLOSE_CODE[kind].search(html, code.end())
            if close is not None:
                position = close.end()
                continue
            unclosed.add(kind)
        gt = html.find(">", lt)
        if gt < 0:
            return shown + _solid(html[lt:])
        position = gt + 1


def _solid(text: str) -> int:
    """Return how many non-space characters ``text`` holds."""
    return len(text) - sum(1 for ch in text if ch.isspace())


def _embedded_body(page: str) -> str:
    """Return the page, or the body its script holds when the page draws it from data.

    Some publishing platforms (the gkmlpt pages of Guangdong's governments) send the document
    as a JSON string (``"content": "<p>…"``) that a script writes into the page; a saved copy's
    markup holds no text then. The longest such string that is HTML becomes the page's body when
    it shows more text than the page's own markup.
    """
    best = ""
    for match in _CONTENT.finditer(page):
        try:
            value, _ = json.JSONDecoder().raw_decode(page, match.end() - 1)
        except ValueError:
            continue
        if (
            isinstance(value, str)
            and len(value) > len(best)
            and re.search(r"<(?:p|table|div)\b", value)
        ):
            best = value
    if len(best) < 500 or _visible(best) <= _visible(page):
        return page
    title = re.search(r"<title[^>]*>[^<]*</title>", page, re.IGNORECASE)
    head = title.group(0) if title is not None else ""
    return f"<html><head>{head}</head><body>{best}</body></html>"


class _QuietPdf:
    """pypdf's logger raised to errors while any thread reads a PDF here, then put back.

    pypdf logs what it mends in a damaged file (EOF marker not found …) through loggers under
    ``pypdf``; a command line would print them beside its one error line. The level is set
    when the first reader starts and put back when the last one ends, under a lock, so two
    overlapping reads cannot leave it raised.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._level = logging.NOTSET

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        logger = logging.getLogger("pypdf")
        with self._lock:
            if not self._readers:
                self._level = logger.level
                logger.setLevel(logging.ERROR)
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if not self._readers:
                    logger.setLevel(self._level)


_pypdf_quiet = _QuietPdf()


def read_pdf(path: Path, raw: bytes) -> Source:
    """Read a PDF with a text layer: the text of each page (scans have none).

    Each page's printed number and running header or footer are dropped
    (:func:`drop_page_furniture`) and the lines the pages wrapped are joined (:func:`unwrap`).
    """
    pypdf = _need("pypdf", str(path))
    try:
        with _pypdf_quiet():
            reader = pypdf.PdfReader(io.BytesIO(raw))
            pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        msg = f"expected a PDF with a text layer, found an unreadable file ({type(err).__name__})"
        raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
    kept = drop_page_furniture([page.splitlines() for page in pages])
    blocks: list[str | Table] = [unwrap("\n".join(line for page in kept for line in page))]
    return Source(blocks)


_EDGE = 3
"""How many lines at a page's top and at its bottom may be its furniture (header, footer)."""
_DASHES = "-—–~·•"
_PAGE_FORMS = re.compile(
    rf"^(?:(?P<dash>[{_DASHES}]{{1,3}})?(?P<bare>\d{{1,4}})(?(dash)[{_DASHES}]{{1,3}})"
    r"|第?(?P<of>\d{1,4})页?/共?(?P<total>\d{1,4})页?"
    r"|(?i:page|p\.)\s*(?P<page>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
"""A page's number as a footer or header prints it (normalised): ``——3——``, ``·3·``, ``3/12``,
``第3页/共12页``, ``Page 3 of 12``, or a number alone; ``— 3 —`` and ``第3页`` are
:data:`PAGE_NUMBER`."""
_RUNNING_LONGEST = 60
"""The longest line read as a running header or footer."""
_DIGIT_RUN = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"\d{1,4}")


def _printed_page(text: str) -> bool:
    """Whether a normalised line is written as only a page's number is (``-3-``, ``3/12``).

    A number alone is not (see :func:`drop_page_furniture`).

    Examples
    --------
    >>> [_printed_page(t) for t in ("-3-", "——3——", "·3·", "3/12", "第3页共12页", "Page 3 of 12")]
    [True, True, True, True, True, True]
    >>> [_printed_page(t) for t in ("12", "12/3", "3月", "-3", "3-", "1.5", "")]
    [False, False, False, False, False, False, False]
    """
    if PAGE_NUMBER.match(text):
        return True
    match = _PAGE_FORMS.match(text)
    if match is None or (match.group("bare") is not None and not match.group("dash")):
        return False
    if match.group("of") is not None:
        return 1 <= int(match.group("of")) <= int(match.group("total"))
    return True


def _bare_number(text: str) -> int | None:
    """Return the number a normalised line holds alone (``12``), else ``None``."""
    return int(text) if _BARE_NUMBER.fullmatch(text) else None


def _never_furniture(text: str, raw: str) -> bool:
    """Whether a line (normalised, and as given) is plan text wherever it stands.

    A numbered clause, a line with a responsibility label and a 分工表's header row are never
    a page's header or footer, however often they stand at a page's edge.
    """
    return (
        _heading(text) is not None
        or _NEW_CLAUSE.match(text) is not None
        or LABEL_RE.search(text) is not None
        or header_roles(raw.split()) is not None
    )


def _running(lines: dict[int, str], pages: int) -> bool:
    """Whether one line at the same edge of pages (page index → its text there) runs on them.

    It stands on at least three pages and on more than half of them, and its text is the same
    on each but for one number that counts the pages (``方案 第3页``, ``方案 第4页``): a line of
    other numbers (``2025年6月底前``, ``2025年9月底前``, a table's last cells) is not a page's.

    Examples
    --------
    >>> _running({0: "方案", 1: "方案", 2: "方案"}, 4), _running({0: "方案", 2: "方案"}, 2)
    (True, False)
    >>> _running({0: "方案1/9", 1: "方案2/9", 2: "方案3/9"}, 3)
    True
    >>> _running({0: "2025年6月底前", 1: "2025年9月底前", 2: "2025年12月底前"}, 3)
    False
    """
    if len(lines) < 3 or 2 * len(lines) <= pages:
        return False
    runs = [[int(digits) for digits in _DIGIT_RUN.findall(text)] for text in lines.values()]
    for position, values in enumerate(zip(*runs, strict=True)):
        if len(set(values)) == 1:
            continue
        counted = {value - number for value, number in zip(values, lines, strict=True)}
        others = [run[:position] + run[position + 1 :] for run in runs]
        return len(counted) == 1 and all(other == others[0] for other in others)
    return True


def _edges(page: list[str]) -> tuple[list[int], list[int]]:
    """Return the indexes of a page's first and last :data:`_EDGE` lines that are not blank."""
    filled = [index for index, line in enumerate(page) if line.strip()]
    return filled[:_EDGE], filled[::-1][:_EDGE]


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    r"""Return the lines of each page without its printed page number and running header/footer.

    A PDF's or OFD's text gives each page's header and footer with its body, and they would be
    joined into the clause the page break cuts. Only lines at a page's top or bottom (up to
    :data:`_EDGE` of them, peeled from the edge inwards, each under the one dropped before it)
    are dropped:

    - a page's number in a form that is only one (``— 3 —``, ``-3-``, ``第3页 共12页``,
      ``3/12``, ``Page 3``);
    - a number alone that counts the pages: the page's position plus an offset that the numbers
      at the edges of at least two pages, and of more than half of them, share (a number alone
      inside a page, or one that does not count the pages, such as a table's last cell, stays);
    - a running header or footer: a line of at most :data:`_RUNNING_LONGEST` characters that
      stands at the same edge on at least three pages and on more than half of them, the same
      on each but for a number counting the pages (:func:`_running`), and is not a numbered
      clause, a responsibility label's line or a 分工表 header row (:func:`_never_furniture`).

    Examples
    --------
    >>> pages = [["某县人民政府文件", f"{n}.第{n}项任务,年底前完成。", str(n)] for n in (1, 2, 3)]
    >>> drop_page_furniture(pages)
    [['1.第1项任务,年底前完成。'], ['2.第2项任务,年底前完成。'], ['3.第3项任务,年底前完成。']]
    >>> drop_page_furniture([["表1", "3", "合计", "5"], ["续表", "7"]])
    [['表1', '3', '合计', '5'], ['续表', '7']]
    """
    texts = [[normalize_line(line).text for line in page] for page in pages]
    offsets: dict[int, int] = {}
    seen: tuple[dict[str, dict[int, str]], dict[str, dict[int, str]]] = ({}, {})
    for number, (page, text) in enumerate(zip(pages, texts, strict=True)):
        edges = _edges(page)
        numbered = {
            found - number
            for index in edges[0] + edges[1]
            if (found := _bare_number(text[index])) is not None
        }
        for offset in numbered:
            offsets[offset] = offsets.get(offset, 0) + 1
        for where, indexes in zip(seen, edges, strict=True):
            for index in indexes:
                if len(text[index]) <= _RUNNING_LONGEST:
                    key = _DIGIT_RUN.sub("#", text[index])
                    where.setdefault(key, {}).setdefault(number, text[index])
    counting = {
        offset for offset, pages_ in offsets.items() if pages_ >= 2 and 2 * pages_ > len(pages)
    }
    running = [
        {key for key, lines in where.items() if _running(lines, len(pages))} for where in seen
    ]

    def furniture(text: str, raw: str, number: int, edge: int) -> bool:
        if _printed_page(text):
            return True
        found = _bare_number(text)
        if found is not None:
            return found - number in counting
        return (
            len(text) <= _RUNNING_LONGEST
            and _DIGIT_RUN.sub("#", text) in running[edge]
            and not _never_furniture(text, raw)
        )

    out: list[list[str]] = []
    for number, (page, text) in enumerate(zip(pages, texts, strict=True)):
        dropped: set[int] = set()
        for edge, indexes in enumerate(_edges(page)):
            for index in indexes:
                if not furniture(text[index], page[index], number, edge):
                    break
                dropped.add(index)
        out.append([line for index, line in enumerate(page) if index not in dropped])
    return out


_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|（|\d{1,3}[.、．]|序号)"
)
_SPACED_NUMBER = re.compile(r"(?<=\d) (?=[年月日号个万亿%])|(?<=[\u4e00-\u9fff]) (?=\d+ ?[年月日])")


_SENTENCE_END = frozenset("。;:!?)」；：！？）")
"""What ends a line that is not wrapped: a sentence's end, in ASCII or full-width form."""


def unwrap(text: str) -> str:
    r"""Join the lines a PDF page wrapped at its width, and the spaces it put around numbers.

    A line as long as the page's longest lines that does not end a sentence continues on the
    next line, unless that line starts a heading. A page's number on a line of its own
    (``— 3 —``) is dropped: the clause it cut goes on after it.

    Examples
    --------
    >>> print(unwrap("1.完善机制,6 月底前出台意见。(牵头单位:省农业农村厅;配合单位:省财政\n厅)\n2.稳就业。"))
    1.完善机制,6月底前出台意见。(牵头单位:省农业农村厅;配合单位:省财政厅)
    2.稳就业。
    """
    lines = [
        _SPACED_NUMBER.sub("", line.rstrip())
        for line in text.splitlines()
        if not PAGE_NUMBER.match(line)  # a page's footer, which would be joined into a clause
    ]
    longest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line and not _HEAD.match(line.strip()):
            out[-1] += line.strip()
        else:
            out.append(line)
        last = out[-1]
        joining = bool(last) and len(last) >= 0.8 * longest and last[-1] not in _SENTENCE_END
    return "\n".join(out)


READERS: dict[str, Callable[[Path, bytes], Source]] = {
    ".txt": read_text,
    ".text": read_text,
    ".docx": read_docx,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".ofd": read_ofd,
}
"""Suffix → reader; any other suffix is read as text."""

_TRADITIONAL = frozenset("國頭單責關發與為實務會這們號過進時體於條產業農與區縣鄉鎮財開")


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional script (many characters only it uses).

    Examples
    --------
    >>> looks_traditional("牽頭單位:國務院辦公廳"), looks_traditional("牵头单位:国务院办公厅")
    (True, False)
    """
    sample = text[:20000]
    hits = sum(1 for ch in sample if ch in _TRADITIONAL)
    return hits >= 3 and hits * 200 >= len(sample.strip()) // 10


def to_simplified(text: str, source: str) -> str:
    """Return ``text`` converted from traditional to simplified script with OpenCC."""
    opencc = _need("opencc", source)
    converter = opencc.OpenCC("t2s")
    return str(converter.convert(text))


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = re.compile(
    f"(?<=[\u3400-\u9fff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]"
)
"""A pinyin reading in brackets right after a character (``城鄉(xiāng)``): one syllable, marked
with a tone, so that list markers such as ``(a)`` and words such as ``(app)`` stay."""


def strip_pinyin_glosses(text: str) -> str:
    """Return ``text`` without the pinyin readings some pages put after characters.

    Mirror sites gloss characters inside words and names (``省住房城鄉(xiāng)建設(shè)廳``); the
    glosses are dropped so that names read as written. Only a bracket right after a Chinese
    character that holds one tone-marked syllable and nothing else is a gloss.

    Examples
    --------
    >>> strip_pinyin_glosses("省住房城鄉(xiāng)建設(shè)廳")
    '省住房城鄉建設廳'
    >>> strip_pinyin_glosses("措施(a)和方案(app)和城(chéng)")
    '措施(a)和方案(app)和城'
    """
    if "(" not in text and "（" not in text:
        return text
    return _PINYIN_GLOSS.sub("", text)


printed_page = _printed_page
"""Whether a normalised line is only a printed page's number (for :mod:`._input`)."""
