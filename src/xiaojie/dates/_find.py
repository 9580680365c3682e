"""Finding every time phrase in running text: :func:`find_when`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.dates._found import Found
from xiaojie.dates._grammar import (
    _CN_CHARS,
    _CN_LEAD,
    _DEADLINE_PREFIXES,
    _FROM_PREFIXES,
    _NORMALISE,
    _SPAN_PREFIXES,
    _ImpossibleError,
    _is_cjk,
)
from xiaojie.dates._parse import _registry, _with_text
from xiaojie.dates._read_recur import _Scanner
from xiaojie.dates._values import as_date
from xiaojie.errors import TimePhraseError


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.dates._named import NamedPeriods


__all__ = ["find_when"]


# Every character a phrase can start with, apart from named periods (a quick filter).
_FIRST_CHARS = frozenset(
    "0123456789"
    "今本明去次翌上下年全第每半"
    + "".join(_CN_CHARS)
    + "".join(w[0] for w in _DEADLINE_PREFIXES + _FROM_PREFIXES)
    + "".join(w[0] for w, _ in _SPAN_PREFIXES)
)


def _may_start(s: str, pos: int, named: NamedPeriods) -> tuple[bool, bool]:
    """Return (a phrase may start at ``pos``, only a period may start there)."""
    if named.match(s, pos) is not None:
        return True, False
    ch = s[pos]
    if ch not in _FIRST_CHARS:
        return False, False
    prev = s[pos - 1] if pos else ""
    if ch.isascii() and ch.isdigit():
        if prev == "第" or (prev and prev.isascii() and (prev.isalnum() or prev in "/-:_%+#")):
            return False, False
        if prev == ".":
            j = pos - 1
            while j > 0 and s[j - 1].isascii() and s[j - 1].isdigit():
                j -= 1
            if j == pos - 1:
                return True, False
            line_start = j == 0 or s[:j].rstrip(" \t\u3000").endswith("\n") or not s[:j].strip()
            return line_start, True
        return True, False
    if ch in _CN_CHARS and prev and _is_cjk(prev) and prev not in _CN_LEAD:
        return False, False
    return True, False


def find_when(
    text: str, *, reference: dt.date, named: NamedPeriods | None = None
) -> tuple[Found, ...]:
    """Find every time phrase in running text.

    Each phrase is read at its longest ("6月中旬—9月底" is one range, not two windows) and the
    search goes on after it. Numbers that are not times are skipped (see the module notes).

    Parameters
    ----------
    text
        Running text, e.g. a whole plan.
    reference
        The plan's date; phrases without a year take its year.
    named
        The registry of named periods; the default registry when omitted.

    Returns
    -------
    tuple of Found
        The phrases, sorted by offset, not overlapping. A found :class:`~xiaojie.dates.Period`
        and :class:`PeriodSeries` also carry the offset in ``.offset``.

    Raises
    ------
    TimePhraseError
        If a phrase has the shape of a date but names an impossible one ("2月30日"); the message
        gives its offset.
    DateValueError
        If ``reference`` is not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> text = "7月底前召开推进会，8月底前完成培训；落实“每周1—2次”送教上门，综合评分95分以上。"
    >>> [(f.text, f.offset) for f in find_when(text, reference=dt.date(2025, 6, 18))]
    [('7月底前', 0), ('8月底前', 10), ('每周1—2次', 22)]
    >>> find_when("索引号 640324017/2026-00009，第六轮", reference=dt.date(2025, 6, 18))
    ()

    .. versionadded:: 0.1.0
    """
    reference = as_date(reference, field="reference")
    registry = _registry(named)
    if not isinstance(text, str):
        raise TimePhraseError(repr(text), f"expected a str, found {type(text).__name__}")
    s = text.translate(_NORMALISE)
    scanner = _Scanner(s, reference, registry)
    found: list[Found] = []
    pos = 0
    while pos < len(s):
        allowed, periods_only = _may_start(s, pos, registry)
        if not allowed:
            pos += 1
            continue
        try:
            match = scanner.phrase(pos, to_end=False, periods_only=periods_only)
        except _ImpossibleError as err:
            phrase = text[err.start : max(err.end, err.start + 1)]
            raise TimePhraseError(phrase, f"{err.reason} (at offset {err.start})") from None
        if match is None or match.weak or match.end == pos:
            pos += 1
            continue
        phrase = text[pos : match.end]
        found.append(Found(phrase, pos, _with_text(match.value, phrase, pos)))
        pos = match.end
    return tuple(found)
