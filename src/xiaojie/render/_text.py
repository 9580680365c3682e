"""Plain text: documents for a terminal or a pipe, columns aligned by display width.

Chinese characters take two columns of a terminal; alignment counts them so. A column is at
most ``max_width`` columns wide; a longer cell pushes the rest of its line to the right rather
than being cut, so no words are lost.
"""

from __future__ import annotations

from xiaojie._width import display_width
from xiaojie.model._text import visible
from xiaojie.render._doc import Document, Figure, Heading, Paragraph, Table, plain


__all__ = ["cell_text", "display_width", "to_text"]


def _pad(value: str, width: int) -> str:
    return value + " " * max(width - display_width(value), 0)


def cell_text(value: str) -> str:
    r"""Return a table cell as one line of text: :func:`visible`, a line break shown as ⏎.

    A cell written with Alt+Enter (红星村⏎(原红星一队)) kept its break and split the table's row
    over two lines; a terminal's escape is dropped (it could hide the rest of the line).

    >>> cell_text("红星村\n(原红星一队)"), cell_text("新华村\x1b[8m")
    ('红星村⏎(原红星一队)', '新华村[8m')
    """
    if value.isprintable():
        return value
    return visible(value.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎"))


def _table(table: Table, max_width: int) -> list[str]:
    columns = [cell_text(c) for c in table.columns]
    rows = [[cell_text(c) for c in row] for row in table.plain_rows()]
    widths = [
        min(max([display_width(c) for c in column], default=0), max_width)
        for column in zip(columns, *rows, strict=True)
    ]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        padded = [_pad(c, w) for c, w in zip(cells[:-1], widths[:-1], strict=True)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths).rstrip()]
    for index, row in enumerate(rows):
        group = table.group_at(index)
        if group is not None:
            out.append(f"[{cell_text(plain(group))}]")
        out.append(line(row))
    return out


def to_text(document: Document, *, max_width: int = 36) -> str:
    """Return ``document`` as plain text with aligned columns.

    Parameters
    ----------
    document
        The document.
    max_width
        The widest a column is padded to, in terminal columns.

    Returns
    -------
    str
        The title, then each block; headings are marked ``== … ==``, group rows ``[…]``; a
        figure is left out (it has no plain-text form). What no document shows
        (:func:`xiaojie.model._text.visible`: control characters such as a terminal's escape,
        invisible formatting characters) is dropped.

    Examples
    --------
    >>> from xiaojie.render import Document, Heading, Table
    >>> doc = Document(slug="d", title="清单", blocks=[
    ...     Heading("牵头任务"),
    ...     Table(name="t", columns=["序号", "任务"], rows=[["7", "提高义务教育保障水平"]]),
    ... ])
    >>> print(to_text(doc))
    清单
    <BLANKLINE>
    == 牵头任务 ==
    序号  任务
    ----  --------------------
    7     提高义务教育保障水平
    """
    out = [visible(document.title)]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.extend(["", f"== {visible(plain(block.text))} =="])
        elif isinstance(block, Paragraph):
            out.append(visible(plain(block.text)))
        elif isinstance(block, Table):
            out.extend(_table(block, max_width))
        elif isinstance(block, Figure):
            continue
    return "\n".join(out) + "\n"
