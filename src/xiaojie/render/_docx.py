"""Word documents (DOCX) in the layout offices circulate: 公文 fonts, numbered headings, grid tables.

:func:`to_docx` renders any :class:`~xiaojie.render.Document` with ``python-docx`` (the
``word`` extra). The layout follows the usual rules for official documents (GB/T 9704):

* A4 paper, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (landscape on request,
  for wide tables such as the 任务分工表);
* the title centred in 方正小标宋简体 (二号, 22 pt); level-2 headings (一、) in 黑体 and level-3
  headings ((一)) in 楷体, 三号 (16 pt); body text in 仿宋 三号 with a two-character first-line
  indent; tables in 仿宋 小四 (12 pt) with a bold 黑体 header row that is repeated at the top of
  every page and rows that do not break across pages; page numbers ``— 1 —`` in the footer;
* an optional running header (a unit's name on every page of its 任务清单).

Figures (SVG) are left out: Word cannot show SVG without a raster copy. The bytes do not depend
on the clock: the document properties and the time stamps inside the archive are fixed.

Characters XML cannot hold (control characters such as Word's cell mark U+0007, lone surrogates,
U+FFFE, U+FFFF) and what no document shows (bidirectional and invisible formatting characters,
:func:`xiaojie.model._text.visible`) are dropped, as parsing a plan drops them, before personal
data is masked. The
title kept in the file's properties (which Word limits to 255 characters) is shortened with
``…``; the title on the page is whole.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from xiaojie._extras import require
from xiaojie._privacy import scrub
from xiaojie.io._tabular import stable_zip
from xiaojie.model._text import visible
from xiaojie.render._doc import Document, Heading, Paragraph, Table, plain
from xiaojie.render._text import display_width


if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = ["BODY_FONT", "HEADING_FONT", "TITLE_FONT", "to_docx"]

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
_WESTERN = "Times New Roman"
_FIXED = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_PROPERTY_LENGTH = 255
"""The most characters a core property (the title) may hold."""
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: C0 controls but tab and line ends, surrogates, U+FFFE, U+FFFF."""
_JOINED = frozenset("\u200c\u200d\ufe0e\ufe0f")
"""Characters that belong with the one before them (joiners, variation selectors)."""


def _docx() -> Any:  # noqa: ANN401 - python-docx is untyped
    return require("docx", "writing DOCX")


def _writable(words: str) -> str:
    r"""Return ``words`` without what XML cannot hold or no document shows, personal data masked.

    Dropped first, so that a control character inside a telephone number does not hide it.

    Examples
    --------
    >>> _writable("开发公益\x07岗位"), _writable("a\tb\nc"), _writable("峡\ud800村\x00")
    ('开发公益岗位', 'a\tb\nc', '峡村')
    """
    return scrub(_NOT_XML.sub("", visible(words)))


def _add_run(paragraph: Any, words: str) -> Any:  # noqa: ANN401 - python-docx is untyped
    """Add a run of ``words`` to ``paragraph`` (the only way text enters the document)."""
    return paragraph.add_run(_writable(words) if words else words)


def _font(run: Any, name: str, size: float, *, bold: bool = False) -> None:  # noqa: ANN401
    from docx.oxml.ns import qn  # noqa: PLC0415 - optional extra
    from docx.shared import Pt  # noqa: PLC0415

    run.font.name = _WESTERN
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # noqa: SLF001 - no public API
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    container: Any,  # noqa: ANN401
    words: str,
    *,
    font: str,
    size: float,
    bold: bool = False,
    centre: bool = False,
    indent: bool = False,
) -> Any:  # noqa: ANN401
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28) if size >= 16 else None
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(_add_run(paragraph, words), font, size, bold=bold)
    return paragraph


def _page_number(section: Any) -> None:  # noqa: ANN401
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(_add_run(footer, "— "), _WESTERN, 14)
    run = _add_run(footer, "")
    _font(run, _WESTERN, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)  # noqa: SLF001 - fields have no public API
    _font(_add_run(footer, " —"), _WESTERN, 14)


def _row_flags(row: Any, *, header: bool) -> None:  # noqa: ANN401
    from docx.oxml import OxmlElement  # noqa: PLC0415

    properties = row._tr.get_or_add_trPr()  # noqa: SLF001 - no public API for these flags
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _cell(cell: Any, words: str, *, font: str, bold: bool = False) -> None:  # noqa: ANN401
    from docx.shared import Pt  # noqa: PLC0415

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    _font(_add_run(paragraph, words), font, 12, bold=bold)


def _shares(table: Table) -> list[float]:
    """Return each column's share of the width: its longest text (at most 24), its header, padding."""
    rows = table.plain_rows()
    sizes = []
    for index, name in enumerate(table.columns):
        longest = max((display_width(r[index]) for r in rows), default=0)
        sizes.append(max(min(longest, 24), display_width(name), 6) + 3)
    total = sum(sizes)
    return [size / total for size in sizes]


def _table(doc: Any, table: Table, usable: int) -> None:  # noqa: ANN401
    from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: PLC0415

    width = len(table.columns)
    grid = doc.add_table(rows=1, cols=width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [int(usable * share) for share in _shares(table)]
    for column, size in zip(grid.columns, widths, strict=True):
        column.width = size
    header = grid.rows[0]
    _row_flags(header, header=True)
    for cell, name in zip(header.cells, table.columns, strict=True):
        _cell(cell, name, font=HEADING_FONT, bold=True)
    for index, row in enumerate(table.plain_rows()):
        group = table.group_at(index)
        if group is not None:
            line = grid.add_row()
            _row_flags(line, header=False)
            merged = line.cells[0].merge(line.cells[-1]) if width > 1 else line.cells[0]
            _cell(merged, plain(group), font=HEADING_FONT, bold=True)
        line = grid.add_row()
        _row_flags(line, header=False)
        for cell, words in zip(line.cells, row, strict=True):
            _cell(cell, words, font=BODY_FONT)
    for line in grid.rows:
        for cell, size in zip(line.cells, widths, strict=False):
            cell.width = size


def _property_text(words: str) -> str:
    """Return ``words`` as a core property holds them: writable, at most 255 characters.

    A longer text keeps its first characters and ends in ``…``; a combining mark or joiner is
    never parted from the character before it.

    Examples
    --------
    >>> short = _property_text("农" * 300)
    >>> len(short), short[-2:]
    (255, '农…')
    >>> _property_text("通报")
    '通报'
    """
    text = _writable(words)
    if len(text) <= _PROPERTY_LENGTH:
        return text
    cut = _PROPERTY_LENGTH - 1
    while cut > 0 and (unicodedata.category(text[cut]).startswith("M") or text[cut] in _JOINED):
        cut -= 1
    return text[:cut] + "…"


def to_docx(
    document: Document,
    *,
    landscape: bool = False,
    running_header: str = "",
    preface: Sequence[str] = (),
) -> bytes:
    """Return ``document`` as DOCX bytes, laid out as an official document.

    Parameters
    ----------
    document
        The document; its title becomes the centred title, its headings the numbered headings
        as written, its tables grid tables whose header row repeats on every page.
    landscape
        Lay the pages out landscape (wide tables: 任务分工表, 任务清单).
    running_header
        Text shown at the top of every page (a unit's name).
    preface
        Lines shown above the title (a document number, 发文字号).

    Returns
    -------
    bytes

    Raises
    ------
    MissingExtraError
        If python-docx is not installed (the ``word`` extra).

    Notes
    -----
    Characters XML cannot hold (control characters such as U+0007, lone surrogates) are
    dropped. The title in the file's properties is cut to 255 characters, ending in ``…``.

    Examples
    --------
    >>> import io, docx
    >>> from xiaojie.render import Document, Heading, Paragraph, Table
    >>> doc = Document(slug="t", title="通报", blocks=[
    ...     Heading("一、总体情况"), Paragraph("各项工作有序推进。"),
    ...     Table(name="t", columns=["单位", "逾期"], rows=[["财政厅", "1"]]),
    ... ])
    >>> data = to_docx(doc)
    >>> data == to_docx(doc)
    True
    >>> [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text][:3]
    ['通报', '一、总体情况', '各项工作有序推进。']
    """
    docx = _docx()
    from docx.enum.section import WD_ORIENT  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    if running_header:
        header = section.header.paragraphs[0]
        _font(_add_run(header, running_header), HEADING_FONT, 12)
    _page_number(section)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # pragma: no cover - the default template has no paragraph
        body._element.getparent().remove(body._element)  # noqa: SLF001
    for line in preface:
        _paragraph(doc, line, font=BODY_FONT, size=16, centre=True)
    _paragraph(doc, document.title, font=TITLE_FONT, size=22, centre=True)
    _paragraph(doc, "", font=BODY_FONT, size=16)
    for block in document.blocks:
        if isinstance(block, Heading):
            font = HEADING_FONT if block.level <= 2 else SUBHEADING_FONT
            _paragraph(doc, plain(block.text), font=font, size=16, indent=True)
        elif isinstance(block, Paragraph):
            _paragraph(doc, plain(block.text), font=BODY_FONT, size=16, indent=True)
        elif isinstance(block, Table):
            _table(doc, block, section.page_width - section.left_margin - section.right_margin)
            _paragraph(doc, "", font=BODY_FONT, size=12)
    core = doc.core_properties
    core.author = "xiaojie"
    core.last_modified_by = "xiaojie"
    core.title = _property_text(document.title)  # the document's properties are read too
    core.created = _FIXED
    core.modified = _FIXED
    core.last_printed = _FIXED
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())
