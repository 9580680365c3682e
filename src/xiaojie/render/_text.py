"""Plain text: documents for a terminal or a pipe, columns aligned by display width.

Chinese characters take two columns of a terminal; alignment counts them so. A column is at
most ``max_width`` columns wide; a longer cell pushes the rest of its line to the right rather
than being cut, so no words are lost.
"""

from __future__ import annotations

import unicodedata

from xiaojie.render._doc import Document, Figure, Heading, Paragraph, Table, plain


__all__ = ["display_width", "to_text"]


def display_width(value: str) -> int:
    """Return how many terminal columns ``value`` takes (wide CJK characters count two).

    Examples
    --------
    >>> display_width("abc"), display_width("教育厅"), display_width("")
    (3, 6, 0)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in value)


def _pad(value: str, width: int) -> str:
    return value + " " * max(width - display_width(value), 0)


def _table(table: Table, max_width: int) -> list[str]:
    rows = table.plain_rows()
    widths = [
        min(max([display_width(c) for c in column], default=0), max_width)
        for column in zip(table.columns, *rows, strict=True)
    ]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        padded = [_pad(c, w) for c, w in zip(cells[:-1], widths[:-1], strict=True)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    out = [line(table.columns), "  ".join("-" * w for w in widths).rstrip()]
    for index, row in enumerate(rows):
        group = table.group_at(index)
        if group is not None:
            out.append(f"[{plain(group)}]")
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
        figure is left out (it has no plain-text form).

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
    out = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.extend(["", f"== {plain(block.text)} =="])
        elif isinstance(block, Paragraph):
            out.append(plain(block.text))
        elif isinstance(block, Table):
            out.extend(_table(block, max_width))
        elif isinstance(block, Figure):
            continue
    return "\n".join(out) + "\n"
