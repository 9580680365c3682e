"""How wide text is on a screen or in a spreadsheet column: wide CJK characters count two.

One rule for every aligned column, cut label and sheet width in xiaojie: a character whose East
Asian Width is Wide or Fullwidth (汉字, fullwidth punctuation and letters) takes two columns,
any other character one.
"""

from __future__ import annotations

import unicodedata


__all__ = ["char_width", "display_width"]


def char_width(ch: str) -> int:
    """Return how many columns the single character ``ch`` takes: 2 if wide, else 1.

    Examples
    --------
    >>> char_width("a"), char_width("教"), char_width("，"), char_width("…")
    (1, 2, 2, 1)
    """
    return 2 if unicodedata.east_asian_width(ch) in _WIDE else 1


_WIDE = frozenset({"W", "F"})


def display_width(value: str) -> int:
    """Return how many terminal columns ``value`` takes (wide CJK characters count two).

    Examples
    --------
    >>> display_width("abc"), display_width("教育厅"), display_width("")
    (3, 6, 0)
    >>> display_width("ｱｲｳ")  # halfwidth katakana are narrow
    3
    """
    if value.isascii():
        return len(value)
    return sum(map(_WIDTHS.__getitem__, value))


class _Widths(dict[str, int]):
    """The width of each character met so far (computed once per character)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = char_width(ch)
        return width


_WIDTHS = _Widths()
