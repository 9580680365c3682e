"""The report model every document is built as, before it becomes Markdown, HTML or a table.

A :class:`Document` is a title and a sequence of blocks: headings, paragraphs, tables and
figures. Text is a tuple of parts, each a plain string or a :class:`Ref` to something a page can
link to (a unit, a task, a campaign). Builders make documents from a plan; renderers turn a
document into a format. Nothing here reads the clock or a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from xiaojie.errors import RenderError


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


__all__ = [
    "Block",
    "Cell",
    "Document",
    "Figure",
    "Heading",
    "Paragraph",
    "Ref",
    "Table",
    "Text",
    "plain",
    "text",
]

RefKind = Literal["unit", "task", "campaign", "page"]


@attrs.frozen
class Ref:
    """A reference a page can link to: ``Ref("自治区教育厅", "unit", "education")``.

    Parameters
    ----------
    label
        The words shown.
    kind
        What is referred to: a unit (or unit group), a task, a campaign or a page.
    id
        The id of the thing (a unit id, a task number, a campaign number, a page slug).
    """

    label: str
    kind: RefKind
    id: str


Text = tuple[str | Ref, ...]
"""Rich text: plain strings and references, shown one after another."""

Cell = str | Ref | Text
"""What a table cell or a paragraph may be given as: plain words, one reference, or text."""


def text(*parts: str | Ref | Iterable[str | Ref]) -> Text:
    """Return the parts as one :data:`Text`, flattening nested sequences and dropping empties.

    Examples
    --------
    >>> text("牵头: ", [Ref("自治区教育厅", "unit", "education")], "")
    ('牵头: ', Ref(label='自治区教育厅', kind='unit', id='education'))
    """
    result: list[str | Ref] = []
    for part in parts:
        if isinstance(part, str | Ref):
            if part != "":
                result.append(part)
        else:
            result.extend(p for p in part if p != "")
    return tuple(result)


def plain(value: Text | str) -> str:
    """Return the words of ``value`` without links.

    Examples
    --------
    >>> plain(("由", Ref("自治区教育厅", "unit", "education"), "牵头"))
    '由自治区教育厅牵头'
    >>> plain("")
    ''
    """
    if isinstance(value, str):
        return value
    return "".join(p if isinstance(p, str) else p.label for p in value)


def _text(value: Cell) -> Text:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, Ref):
        return (value,)
    return text(value)


def _rows(value: Iterable[Sequence[Cell]]) -> tuple[tuple[Text, ...], ...]:
    return tuple(tuple(_text(cell) for cell in row) for row in value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _groups(value: Iterable[tuple[int, Cell]]) -> tuple[tuple[int, Text], ...]:
    return tuple((int(index), _text(words)) for index, words in value)


def _block_tuple(value: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(value)


@attrs.frozen
class Heading:
    """A section heading; ``level`` 2 is a section, 3 a subsection (1 is the title).

    ``anchor``, when given, is an id a link can point at (``task-4``).
    """

    text: Text = attrs.field(converter=_text)
    level: int = 2
    anchor: str = ""


@attrs.frozen
class Paragraph:
    """A paragraph of text; a ``notice`` is one the reader must not miss (drawn as a box).

    ``instead_of`` is the table the paragraph stands for when that table has no row (无逾期事项
    instead of an empty 逾期事项 table): pages show the sentence, and a spreadsheet of the
    document (:meth:`Document.sheets`) gets, in the table's place, its header with the sentence
    as its one row, so that a workbook has the same sheets whether the table is empty or not,
    and an empty report is still a workbook or a CSV file.
    """

    text: Text = attrs.field(converter=_text)
    notice: bool = attrs.field(default=False, kw_only=True, repr=False)
    instead_of: Table | None = attrs.field(default=None, kw_only=True, repr=False, eq=False)


def _first_groups(table: Table) -> dict[int, Text]:
    """Return the first group header before each row index (what :meth:`Table.group_at` gives)."""
    starts: dict[int, Text] = {}
    for index, text in table.groups:
        starts.setdefault(index, text)
    return starts


@attrs.frozen(kw_only=True)
class Table:
    """A table: column labels and rows of cells (each cell is :data:`Text`).

    Parameters
    ----------
    name
        A short name for the table, used for spreadsheet sheets and file names.
    columns
        The column labels.
    rows
        The rows; each has one cell per column.
    groups
        Group header rows, as ``(index, text)``: the text is shown as a row spanning the table
        just before row ``index`` (a 任务分工表 shows each campaign this way).
    group_column
        What the groups are (责任单位, 攻坚行动 …): in CSV and XLSX, where a row must stand on
        its own for filtering, the group is a first column of this name on every row.
    sheet
        The Chinese name of the table's sheet when it is written on its own, where its name
        does not give it: a part of a plan takes the plan's word for its parts (攻坚行动-2,
        工作方面-2). Empty: the name's (:func:`xiaojie.render._tables.sheet_name`).

    Raises
    ------
    RenderError
        If a row has not one cell per column, or a group points outside the rows.
    """

    name: str
    columns: tuple[str, ...] = attrs.field(converter=_strings)
    rows: tuple[tuple[Text, ...], ...] = attrs.field(converter=_rows)
    groups: tuple[tuple[int, Text], ...] = attrs.field(default=(), converter=_groups)
    group_column: str = attrs.field(default="", repr=False)
    sheet: str = attrs.field(default="", repr=False)
    _group_starts: dict[int, Text] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_first_groups, takes_self=True)
    )

    @rows.validator
    def _check_rows(self, _attribute: object, value: tuple[tuple[Text, ...], ...]) -> None:
        for number, row in enumerate(value):
            if len(row) != len(self.columns):
                msg = (
                    f"table {self.name!r}: row {number} expected {len(self.columns)} cells, "
                    f"found {len(row)}"
                )
                raise RenderError(msg)

    @groups.validator
    def _check_groups(self, _attribute: object, value: tuple[tuple[int, Text], ...]) -> None:
        for index, _label in value:
            if not 0 <= index <= len(self.rows):
                msg = f"table {self.name!r}: group at row {index} is outside 0..{len(self.rows)}"
                raise RenderError(msg)

    def group_at(self, index: int) -> Text | None:
        """Return the group header shown before row ``index``, if any."""
        return self._group_starts.get(index)

    def plain_rows(self) -> list[list[str]]:
        """Return the rows as plain strings (links dropped)."""
        return [[plain(cell) for cell in row] for row in self.rows]


@attrs.frozen(kw_only=True)
class Figure:
    """A picture: an SVG drawing plus the same content as a Mermaid diagram for Markdown."""

    caption: str
    svg: str
    mermaid: str


Block = Heading | Paragraph | Table | Figure
"""One part of a document."""


@attrs.frozen(kw_only=True)
class Document:
    """A document: what a page, a Markdown file or a workbook is rendered from.

    Parameters
    ----------
    slug
        A stable file name without extension (``division``, ``unit-education``).
    title
        The title.
    lang
        The language of the labels (``"zh"`` or ``"en"``).
    blocks
        The content, in order.
    """

    slug: str
    title: str
    lang: str = "zh"
    blocks: tuple[Block, ...] = attrs.field(converter=_block_tuple, default=())

    def tables(self) -> tuple[Table, ...]:
        """Return the document's tables, in order."""
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def sheets(self) -> tuple[tuple[str, Table], ...]:
        """Return the tables a spreadsheet of the document holds, each with the heading above it.

        These are the document's tables and, in document order among them, for each paragraph
        that stands for an empty table (``Paragraph.instead_of``: nothing overdue, a unit with
        no task, a plan that dates nothing), that table's header with the paragraph's words as
        its one row (in the first column). A document that says an empty table in words so
        has the same sheets, with the same headers, as when the table has rows: a status
        report has its 逾期事项 sheet on a day nothing is overdue.

        Examples
        --------
        >>> empty = Table(name="overdue", columns=["事项", "时限"], rows=[])
        >>> doc = Document(slug="overdue", title="逾期事项", blocks=[
        ...     Heading("逾期事项"), Paragraph("无逾期事项。", instead_of=empty)])
        >>> [(h, t.name, t.plain_rows()) for h, t in doc.sheets()]
        [('逾期事项', 'overdue', [['无逾期事项。', '']])]
        >>> summary = Table(name="summary", columns=["状态", "数量"], rows=[["已逾期", "0"]])
        >>> doc = Document(slug="status", title="进展", blocks=[Heading("概况"), summary,
        ...     Heading("逾期事项"), Paragraph("无逾期事项。", instead_of=empty)])
        >>> [(h, t.name) for h, t in doc.sheets()]
        [('概况', 'summary'), ('逾期事项', 'overdue')]
        """
        found: list[tuple[str, Table]] = []
        heading = ""
        for block in self.blocks:
            if isinstance(block, Heading):
                heading = plain(block.text)
            elif isinstance(block, Table):
                found.append((heading, block))
            elif isinstance(block, Paragraph) and block.instead_of is not None:
                found.append((heading, _stand_in(block.instead_of, block.text)))
        return tuple(found)


def _stand_in(table: Table, words: Text) -> Table:
    """Return ``table``'s header with ``words`` as its one row, in its first column.

    A table whose rows are grouped (:attr:`Table.group_column`) keeps its group column in a
    spreadsheet; with no group to name, the words take that column.
    """
    columns = ((table.group_column,) if table.group_column else ()) + table.columns
    blanks: tuple[Text, ...] = ((),) * (len(columns) - 1)
    return Table(name=table.name, columns=columns, rows=[(words, *blanks)])
