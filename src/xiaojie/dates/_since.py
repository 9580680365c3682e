"""Periods that start on the plan's own date: "即日起至2025年12月底", "自印发之日起至12月31日".

即日 (this day) and 印发之日 (the day of issue) are the document's date, which is the reference
date every phrase is read against. "即日起至X" is the period from the reference date to the end
of X; a period that would end before it is impossible and reported.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xiaojie.dates._values import Period


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.dates._found import When


__all__ = ["SINCE_START", "from_reference", "since_before"]


_DOCUMENT = r"本?(?:实施方案|工作方案|行动方案|方案|通知|意见|办法|计划|细则|文件|规定)"
_DAY = rf"(?:即日|今日|(?:{_DOCUMENT})?(?:印发|发布|下发|公布|施行|实施|出台)之日)"
_SINCE = rf"(?:自从|自|从)?{_DAY}起?"
# The words before "至…" at the start of a phrase.
SINCE_START = re.compile(rf"{_SINCE}(?=[至到])")
# The same words standing just before a phrase found in running text ("至2025年12月底").
_BEFORE = re.compile(rf"{_SINCE}$")
# Words the plan's own day may follow directly: "各地即日起至…".
_OWN_DAY = ("自", "从", "即日", "今日", "本")


def since_before(text: str, end: int, lookback: int) -> int | None:
    """Return where the words naming the plan's day start just before ``end``, or ``None``.

    "印发之日" and the like name the plan's day only after 自 or 从, 本 or the document's
    name, or where a word starts: "自项目实施之日起" is the day a project starts.
    """
    match = _BEFORE.search(text, max(0, end - lookback), end)
    if match is None:
        return None
    start = match.start()
    before = text[start - 1] if start > 0 else ""
    if match.group().startswith(_OWN_DAY) or not ("\u3400" <= before <= "\u9fff"):
        return start
    return None


def from_reference(value: When, reference: dt.date) -> Period | str | None:
    """Return the period from ``reference`` to the end ``value`` gives, or why there is none.

    ``value`` is what "至X" reads as: a deadline (a period with an open start). Anything else
    gives ``None`` (the words are not read); a deadline before ``reference`` gives the reason
    it is impossible.
    """
    if not isinstance(value, Period) or value.start is not None or value.end is None:
        return None
    if value.end < reference:
        return (
            f"the period from the plan's date {reference.isoformat()} ends on "
            f"{value.end.isoformat()}, before it starts"
        )
    return Period(reference, value.end)
