r"""The text a name or title may hold, and the characters no document shows.

One rule, whichever way a plan comes in (parsed from text, loaded from a plan file, built in
Python) and whichever format it goes out as:

- **no document shows** C0 and C1 control characters (tab and line ends aside), the soft
  hyphen, zero-width and bidirectional formatting characters (U+200B–U+200F, U+202A–U+202E,
  U+2060–U+2064, U+2066–U+2069, U+061C, U+180E, U+FEFF) and the noncharacters U+FFFE and
  U+FFFF (:func:`visible`): the characters the plan parser drops from every line. Word's cell
  mark U+0007 pasted into a title is not shown as ``\x07`` in one format, ``_x0007_`` in
  another and nothing in a third; a right-to-left override cannot turn a unit's name around;
- **a name or title** (a unit's name and aliases, a task's title …) is, in addition, on one
  line without spaces at its ends (:func:`one_line`), as the plan-file loader reads it: each
  line break is folded with the spaces around it, to nothing between two wide (CJK)
  characters and to one space elsewhere. The model classes convert their names and titles so
  (:func:`title_text`, :func:`name_text`, :func:`alias_texts`): a plan built in Python is the
  plan its saved file loads as, and every format shows the same words. A name with nothing
  left is refused, naming the field; two units whose names differ only by such characters are
  one name, which the unit registry refuses to give to two units.

A lone surrogate is not a character: it is left for the plan-file writer to refuse, naming the
field, and for each document writer to make writable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from xiaojie.errors import PlanValidationError


if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "DROPPED",
    "INVISIBLE",
    "alias_texts",
    "name_text",
    "one_line",
    "short_name_text",
    "title_text",
    "visible",
]

INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""The characters no document shows: C0 and C1 controls but tab and line ends, the soft hyphen,
zero-width and bidirectional formatting characters, U+FEFF, U+FFFE and U+FFFF."""
_LINE_BREAK = re.compile(r"\s*[\n\r\u2028\u2029]\s*")
DROPPED = "control characters, invisible formatting characters and line breaks are dropped"


def visible(text: str) -> str:
    r"""Return ``text`` without the characters no document shows (:data:`INVISIBLE`).

    Examples
    --------
    >>> visible("开发公益\x07岗位\u202e"), visible("第一段\n第二段\t!")
    ('开发公益岗位', '第一段\n第二段\t!')
    """
    if text.isprintable():
        return text
    return INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    r"""Return a name or title as every document shows it: :func:`visible`, on one line, stripped.

    Examples
    --------
    >>> one_line("开发公益\x07岗位"), one_line("  农业局\u200b ")
    ('开发公益岗位', '农业局')
    >>> one_line("某县巩固拓展脱贫攻坚成果\n  攻坚行动方案\n")
    '某县巩固拓展脱贫攻坚成果攻坚行动方案'
    >>> one_line("Action\r\nPlan"), one_line("方案\n(2025)"), one_line("开发\t公益")
    ('Action Plan', '方案 (2025)', '开发\t公益')
    """
    if text.isprintable():
        return text.strip()
    text = INVISIBLE.sub("", text)
    if _LINE_BREAK.search(text):

        def joint(match: re.Match[str]) -> str:
            start, end = match.span()
            if start == 0 or end == len(text):
                return ""
            return "" if _wide(text[start - 1]) and _wide(text[end]) else " "

        text = _LINE_BREAK.sub(joint, text)
    return text.strip()


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in {"W", "F"}


def _empty(path: str, value: str) -> PlanValidationError:
    found = f"{value!r}, empty once {DROPPED}" if value else "an empty string"
    return PlanValidationError(path, "text with visible characters", found)


def _checked(value: str, field: str) -> str:
    """Return :func:`one_line` of a required name; an empty one is refused."""
    if type(value) is not str:
        return value  # left for the field's validator to name
    text = one_line(value)
    if not text:
        raise _empty(field, value)
    return text


def title_text(value: str) -> str:
    r"""Convert a ``title`` field: :func:`one_line`; an empty title is refused.

    Raises
    ------
    PlanValidationError
        If the title is empty, or nothing once its invisible characters and line breaks are
        dropped.

    Examples
    --------
    >>> title_text("开发公益\x07岗位\n")
    '开发公益岗位'
    >>> from xiaojie.model import Campaign
    >>> Campaign(number=1, name="\x07 \u202e")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: name: expected text with visible characters, found '\x07 \u202e', empty once control characters, invisible formatting characters and line breaks are dropped
    """
    return _checked(value, "title")


def name_text(value: str) -> str:
    """Convert a ``name`` field as :func:`title_text` converts a title."""
    return _checked(value, "name")


def short_name_text(value: str) -> str:
    """Convert a short name, which may be empty: :func:`one_line`."""
    return one_line(value) if type(value) is str else value


def alias_texts(value: Iterable[str]) -> tuple[str, ...]:
    r"""Convert an ``aliases`` field: a tuple, each name :func:`one_line`.

    Raises
    ------
    PlanValidationError
        If an alias is nothing once its invisible characters and line breaks are dropped.

    Examples
    --------
    >>> from xiaojie.model import ResponsibleUnit
    >>> ResponsibleUnit(id="a", name="农业局", aliases=["农业\n局\x07"]).aliases
    ('农业局',)
    >>> ResponsibleUnit(id="a", name="农业局", aliases=["农业局", " \x07"])
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: aliases[1]: expected text with visible characters, found ' \x07', empty once control characters, invisible formatting characters and line breaks are dropped
    """
    names = []
    for k, item in enumerate(value):
        text = one_line(item) if type(item) is str else item
        if not text:
            raise _empty(f"aliases[{k}]", item)
        names.append(text)
    return tuple(names)
