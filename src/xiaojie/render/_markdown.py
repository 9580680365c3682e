"""Markdown: documents as GitHub-flavoured Markdown (pipe tables, Mermaid blocks)."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from xiaojie._privacy import current_names, scrub
from xiaojie.model._text import visible
from xiaojie.render._doc import Document, Figure, Heading, Paragraph, Ref, Table, Text


if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["to_markdown"]


_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(value: str) -> str:
    r"""Return text that Markdown shows as written: no HTML, links, emphasis or table breaks.

    What no document shows (:func:`xiaojie.model._text.visible`: control and invisible
    formatting characters) is dropped and personal data masked first
    (:func:`xiaojie._privacy.scrub`); line breaks become spaces; ``& < >`` become
    entities; the characters Markdown acts on (``\ ` * _ [ ] | # ~ !``) get a backslash.

    Examples
    --------
    >>> _escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> _escape("[x](javascript:go) a|b *c*")
    '\\[x\\](javascript:go) a\\|b \\*c\\*'
    """
    return _escaped(value, current_names().version)


@functools.lru_cache(maxsize=1 << 16)
def _escaped(value: str, version: int) -> str:
    """:func:`_escape` of ``value`` with the names registry whose contents have ``version``.

    Unit names, titles and phrases repeat on thousands of pages of a large plan's document set:
    each distinct text is masked and escaped once per registry version.
    """
    del version  # part of the key only: the registry in force has it
    text = scrub(visible(value)).replace("\r", " ").replace("\n", " ").strip()
    text = _SPECIAL.sub(r"\\\1", text)
    return "".join(_ENTITIES.get(c, c) for c in text) if any(c in "&<>" for c in text) else text


def _inline(value: Text, link: Callable[[Ref], str | None] | None) -> str:
    out: list[str] = []
    for part in value:
        if isinstance(part, str):
            out.append(_escape(part))
            continue
        target = link(part) if link is not None else None
        label = _escape(part.label)
        if target:
            out.append(f"[{label}]({target})")
        else:
            out.append(label)
    return "".join(out)


def _table(table: Table, link: Callable[[Ref], str | None] | None) -> list[str]:
    lines = [
        "| " + " | ".join(_escape(c) for c in table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    for index, row in enumerate(table.rows):
        group = table.group_at(index)
        if group is not None:
            blanks = " |" * (len(table.columns) - 1)
            lines.append(f"| **{_inline(group, link)}** |{blanks}")
        lines.append("| " + " | ".join(_inline(cell, link) for cell in row) + " |")
    return lines


def to_markdown(document: Document, *, link: Callable[[Ref], str | None] | None = None) -> str:
    r"""Return ``document`` as Markdown.

    Parameters
    ----------
    document
        The document.
    link
        Turns a reference (a unit, a task …) into a link target, or ``None`` for plain text.
        Without it, references are plain text.

    Returns
    -------
    str
        Markdown ending in one newline. Tables are pipe tables (``|`` in cells escaped); group
        rows are bold; a figure is a fenced ``mermaid`` block.

    Examples
    --------
    >>> from xiaojie.render import Document, Paragraph, Table
    >>> doc = Document(slug="d", title="示例", blocks=[
    ...     Paragraph("一段话"),
    ...     Table(name="t", columns=["甲", "乙"], rows=[["1", "a|b"]]),
    ... ])
    >>> print(to_markdown(doc))
    # 示例
    <BLANKLINE>
    一段话
    <BLANKLINE>
    | 甲 | 乙 |
    |---|---|
    | 1 | a\|b |
    <BLANKLINE>
    >>> to_markdown(Document(slug="e", title="空"))
    '# 空\n'
    """
    lines = [f"# {_escape(document.title)}"]
    for block in document.blocks:
        lines.append("")
        if isinstance(block, Heading):
            lines.append(f"{'#' * max(2, block.level)} {_inline(block.text, link)}")
        elif isinstance(block, Paragraph):
            lines.append(("> " if block.notice else "") + _inline(block.text, link))
        elif isinstance(block, Table):
            lines.extend(_table(block, link))
        elif isinstance(block, Figure):
            body = scrub(block.mermaid.rstrip())
            fence = "`" * max(3, 1 + max((len(r) for r in re.findall("`+", body)), default=0))
            lines.append(f"{fence}mermaid\n{body}\n{fence}")
    return "\n".join(lines) + "\n"
