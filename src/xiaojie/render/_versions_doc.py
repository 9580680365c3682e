"""The changes between two versions of a plan as a document (:func:`xiaojie.versions.diff`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.render._doc import Document, Paragraph, Table
from xiaojie.render._labels import check_lang
from xiaojie.versions import diff


if TYPE_CHECKING:
    from xiaojie.model import Plan


__all__ = ["diff_document"]


def diff_document(old: Plan, new: Plan, *, lang: str = "zh") -> Document:
    """Return the changes as a document (render it with ``to_markdown`` or ``to_html``).

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import to_markdown
    >>> print(to_markdown(diff_document(load_plan(), load_plan())).splitlines()[0])
    # 方案版本对比
    """
    language = check_lang(lang)
    en = language == "en"
    changes = diff(old, new)
    head = (
        f"{old.id} → {new.id}: {len(changes)} change(s)"
        if en
        else f"{old.id} → {new.id}:共{len(changes)}处变动"
    )
    columns = ("change", "ref", "old", "new") if en else ("变动", "对象", "原内容", "新内容")
    table = Table(
        name="changes",
        columns=columns,
        rows=[(str(c.kind) if en else c.kind.label, c.ref, c.old, c.new) for c in changes],
    )
    return Document(
        slug="diff",
        title="Plan versions" if en else "方案版本对比",
        lang=language,
        blocks=(Paragraph(head), table),
    )
