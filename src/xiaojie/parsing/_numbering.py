"""Word's automatic numbering: the numbers a .docx shows before its list paragraphs.

A clause numbered by Word (``（一）``, ``1.``) holds no number in its text: the paragraph names a
list (``w:numPr``, its own or its style's) and ``word/numbering.xml`` says how the list counts
(``w:abstractNum/w:lvl``: ``w:start``, ``w:numFmt``, ``w:lvlText`` such as ``（%1）``). The
number is computed here as Word shows it, so that the clause reads as if typed:

- counters run per abstract definition and level, in document order, so two lists (``w:num``)
  over one definition continue each other; a list's ``w:lvlOverride/w:startOverride`` restarts
  its level where the list is first used;
- a level restarts when a higher level is used (``w:lvlRestart`` 0 never, ``n`` after level
  ``n`` only);
- ``%n`` in ``w:lvlText`` is level ``n``'s counter in that level's format (decimal for a legal
  level, ``w:isLgl``); a level ``n`` that is a bullet (or of format ``none``) shows nothing;
- the number is followed by what ``w:suff`` says: a tab (the default) or a space is given as one
  space, ``nothing`` as nothing (:meth:`Numbering.label`).

A definition that is missing or broken (a list pointing nowhere, a level out of range, a start
that is not a number from 0 to 32767, a level text longer than 64 characters) gives no number:
the paragraph's text is kept as it is. A bullet level gives no number either. A number longer
than 256 characters is not shown, and once a document's numbers add up to a million characters
no more are shown, so that a small file cannot make a huge text.

Formats: decimal, the Chinese, Japanese and enclosed formats plans use, Roman numerals, letters,
and the English ``ordinal`` (1st), ``cardinalText`` (One) and ``ordinalText`` (First) up to
999999. Every other format (``hex``, ``chicago``, the Korean, Hindi, Thai … formats) is shown in
decimal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs


if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


__all__ = ["Numbering", "format_number"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
"""Word's list levels, ``w:ilvl`` 0 to 8."""
_MAX_START = 32767
"""The largest start value Word accepts for a list level."""
_STYLE_DEPTH = 32
"""How many ``w:basedOn`` links are followed (a cycle ends there too)."""
_MAX_LEVEL_TEXT = 64
"""The longest ``w:lvlText`` read; a longer one is broken (Word's own are a few characters)."""
_MAX_LABEL = 256
"""The longest number shown; a longer one (letters past 26 repeat) is not shown."""
_MAX_TOTAL = 1_000_000
"""How many characters of numbers one document shows at most."""
_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
"""What follows a number, by ``w:suff``: a tab is given as a space, because a tab in the text
the parser reads separates the cells of a table typed as text."""

_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _grouped(value: int, digits: str, units: str, *, zeros: bool, one: str) -> str:
    """Return ``value`` (1 to 9999) in grouped Chinese numerals (二十, 一百〇一).

    ``units`` are the characters for ten, hundred and thousand; ``zeros`` keeps an inner zero;
    ``one`` says where a leading one before a unit is dropped: ``"ten"`` (十一), ``"all"`` (百),
    ``"none"`` (壹拾).
    """
    out: list[str] = []
    pending = False
    for place, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // place % 10
        if digit == 0:
            pending = pending or bool(out)
            continue
        if pending and zeros:
            out.append(digits[0])
        pending = False
        drop = (
            bool(unit)
            and digit == 1
            and (one == "all" or (one == "ten" and unit == units[0] and not out))
        )
        out.append(unit if drop else digits[digit] + unit)
    return "".join(out)


def _chinese(value: int, digits: str, units: str, wan: str, *, zeros: bool, one: str) -> str:
    """Return ``value`` in grouped Chinese numerals, with 万 above 9999."""
    if value < 10000:
        return _grouped(value, digits, units, zeros=zeros, one=one)
    high, low = divmod(value, 10000)
    text = _chinese(high, digits, units, wan, zeros=zeros, one="ten" if one == "ten" else one) + wan
    if low == 0:
        return text
    gap = digits[0] if zeros and low < 1000 else ""
    return (
        text + gap + _grouped(low, digits, units, zeros=zeros, one="none" if one == "ten" else one)
    )


def _digitwise(value: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(value))


def _letters(value: int, first: str) -> str:
    return chr(ord(first) + (value - 1) % 26) * min((value - 1) // 26 + 1, 64)


def _roman(value: int) -> str:
    if value >= 4000:
        return str(value)
    out = []
    for amount, symbol in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


def _enclosed(value: int, first: int) -> str:
    """One glyph of a run of twenty (①, ⑴, ⒈); past twenty Word shows the plain number."""
    return chr(first + value - 1) if 1 <= value <= 20 else str(value)


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def _words(value: int) -> str:
    """Return ``value`` (1 to 999999) in English words, as Word writes them (one hundred one)."""
    if value >= 1000:
        high, low = divmod(value, 1000)
        return _words(high) + " thousand" + (f" {_words(low)}" if low else "")
    if value >= 100:
        high, low = divmod(value, 100)
        return _ONES[high] + " hundred" + (f" {_words(low)}" if low else "")
    if value >= 20:
        high, low = divmod(value, 10)
        return _TENS[high] + (f"-{_ONES[low]}" if low else "")
    return _ONES[value]


def _ordinal_words(value: int) -> str:
    """Return ``value`` as an English ordinal in words (twenty-first)."""
    words = _words(value)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


def _ordinal(value: int) -> str:
    """Return ``value`` with its English ordinal suffix (1st, 12th, 22nd)."""
    suffix = (
        "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    )
    return f"{value}{suffix}"


def _english(words: Callable[[int], str]) -> Callable[[int], str]:
    """Return a format writing numbers in English words, capitalised; decimal past 999999."""
    return lambda n: words(n).capitalize() if n < 1_000_000 else str(n)


def format_number(value: int, fmt: str) -> str:
    """Return ``value`` as Word shows it in the list format ``fmt`` (``w:numFmt``).

    Unknown formats are decimal; a format that has no zero shows 1 for it.

    Examples
    --------
    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 99, 100)]
    ['一', '十', '十一', '二十', '九十九', '一〇〇']
    >>> format_number(101, "chineseCountingThousand"), format_number(110, "japaneseCounting")
    ('一百〇一', '百十')
    >>> format_number(3, "decimalEnclosedCircleChinese"), format_number(12, "decimalFullWidth")
    ('③', '１２')
    >>> format_number(2, "ideographTraditional"), format_number(11, "ideographTraditional")
    ('乙', '11')
    >>> [format_number(n, "ordinal") for n in (1, 2, 3, 11, 22)]
    ['1st', '2nd', '3rd', '11th', '22nd']
    >>> format_number(21, "cardinalText"), format_number(101, "cardinalText")
    ('Twenty-one', 'One hundred one')
    >>> format_number(12, "ordinalText"), format_number(40, "ordinalText")
    ('Twelfth', 'Fortieth')
    >>> format_number(7, "hex")
    '7'
    """
    if fmt in ("decimal", "decimalHalfWidth") or fmt not in _FORMATS:
        return str(value)
    if value < 1 and fmt != "decimalZero":
        value = 1
    return _FORMATS[fmt](value)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488),
    "chineseCounting": lambda n: (
        _grouped(n, _DIGITS, "十百千", zeros=True, one="ten") if n < 100 else _digitwise(n)
    ),
    "taiwaneseCounting": lambda n: (
        _grouped(n, _DIGITS, "十百千", zeros=True, one="ten") if n < 100 else _digitwise(n)
    ),
    "chineseCountingThousand": lambda n: _chinese(
        n, _DIGITS, "十百千", "万", zeros=True, one="ten"
    ),
    "taiwaneseCountingThousand": lambda n: _chinese(
        n, _DIGITS, "十百千", "萬", zeros=True, one="ten"
    ),
    "japaneseCounting": lambda n: _chinese(n, _DIGITS, "十百千", "万", zeros=False, one="all"),
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL, "拾佰仟", "万", zeros=True, one="none"),
    "ideographDigital": _digitwise,
    "taiwaneseDigital": _digitwise,
    "japaneseDigitalTenThousand": _digitwise,
    "ideographTraditional": lambda n: _STEMS[n - 1] if n <= len(_STEMS) else str(n),
    "ideographZodiac": lambda n: _BRANCHES[n - 1] if n <= len(_BRANCHES) else str(n),
    "ideographEnclosedCircle": lambda n: chr(0x3220 + n - 1) if n <= 10 else str(n),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "ordinal": _ordinal,
    "cardinalText": _english(_words),
    "ordinalText": _english(_ordinal_words),
    "none": lambda _: "",
}
"""Every format other than decimal that plans use, by its ``w:numFmt`` value."""


@attrs.frozen
class _Level:
    """One level of a list definition (``w:lvl``)."""

    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    style: str | None
    suffix: str


def _value(element: Any, child: str) -> str | None:  # noqa: ANN401 - an lxml element
    """Return ``child``'s ``w:val`` (``None`` when there is no such child or value)."""
    found = element.find(f"{_W}{child}")
    if found is None:
        return None
    value = found.get(f"{_W}val")
    return None if value is None else str(value).strip()


def _integer(text: str | None, low: int, high: int) -> int | None:
    """Return ``text`` as an integer from ``low`` to ``high``, else ``None``.

    Examples
    --------
    >>> _integer("3", 0, 9), _integer("-1", -5, 9), _integer("--0", -5, 9), _integer("１", 0, 9)
    (3, -1, None, None)
    """
    if text is None:
        return None
    digits = text.removeprefix("-")
    if not digits.isascii() or not digits.isdigit() or len(text) > 8:
        return None  # not a whole number ("--0", "x", "一"), or an absurd one
    value = int(text)
    return value if low <= value <= high else None


def _level(element: Any) -> _Level | None:  # noqa: ANN401 - an lxml element
    """Return a ``w:lvl`` read, or ``None`` when its start or text is broken."""
    start_text = _value(element, "start")
    start = 0 if start_text is None else _integer(start_text, 0, _MAX_START)
    text = _value(element, "lvlText")
    if start is None or text is None or len(text) > _MAX_LEVEL_TEXT:
        return None
    restart = _integer(_value(element, "lvlRestart"), 0, _LEVELS)
    legal = element.find(f"{_W}isLgl") is not None and _value(element, "isLgl") not in (
        "0",
        "false",
        "off",
    )
    return _Level(
        start,
        _value(element, "numFmt") or "decimal",
        text,
        restart,
        legal,
        _value(element, "pStyle"),
        _SUFFIXES.get(_value(element, "suff") or "tab", " "),
    )


def _levels(element: Any) -> dict[int, _Level | None]:  # noqa: ANN401 - an lxml element
    """Return the levels under ``element`` by ``w:ilvl`` (``None`` for a broken one)."""
    levels: dict[int, _Level | None] = {}
    for lvl in element.iterfind(f"{_W}lvl"):
        ilvl = _integer(lvl.get(f"{_W}ilvl"), 0, _LEVELS - 1)
        if ilvl is not None and ilvl not in levels:
            levels[ilvl] = _level(lvl)
    return levels


@attrs.frozen
class _List:
    """One list (``w:num``): its definition and what it overrides."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, _Level | None]


@attrs.define
class _Counters:
    """The running counters of one abstract definition, one per level (``None``: not begun)."""

    values: list[int | None] = attrs.Factory(lambda: [None] * _LEVELS)


class Numbering:
    """The numbers Word shows before a document's list paragraphs, computed in document order.

    Parameters
    ----------
    numbering
        The ``w:numbering`` element of ``word/numbering.xml``, or ``None`` when there is none.
    styles
        The ``w:styles`` element of ``word/styles.xml``, or ``None``.

    Examples
    --------
    >>> from lxml import etree
    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> numbering = etree.fromstring(
    ...     f'<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
    ...     '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/>'
    ...     '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    ...     "</w:numbering>"
    ... )
    >>> item = etree.fromstring(
    ...     f'<w:p {w}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
    ... )
    >>> counting = Numbering(numbering, None)
    >>> counting.label(item), counting.label(item)
    (('（一）', ' '), ('（二）', ' '))
    """

    def __init__(self, numbering: Any, styles: Any) -> None:  # noqa: ANN401 - lxml elements
        self._abstracts: dict[str, dict[int, _Level | None]] = {}
        self._links: dict[str, str] = {}
        self._lists: dict[str, _List] = {}
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self._default_style: str | None = None
        self._counters: dict[str, _Counters] = {}
        self._begun: set[tuple[str, int]] = set()
        self._shown = 0
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_numbering(self, numbering: Any) -> None:  # noqa: ANN401 - an lxml element
        for abstract in numbering.iterfind(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId")
            if key is None or key in self._abstracts:
                continue
            self._abstracts[key] = _levels(abstract)
            link = _value(abstract, "numStyleLink")
            if link is not None:
                self._links[key] = link
        for num in numbering.iterfind(f"{_W}num"):
            key, abstract_id = num.get(f"{_W}numId"), _value(num, "abstractNumId")
            if key is None or abstract_id is None or key in self._lists:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, _Level | None] = {}
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = _integer(override.get(f"{_W}ilvl"), 0, _LEVELS - 1)
                if ilvl is None:
                    continue
                start = _integer(_value(override, "startOverride"), 0, _MAX_START)
                if start is not None:
                    starts[ilvl] = start
                levels.update((i, lvl) for i, lvl in _levels(override).items() if i == ilvl)
            self._lists[key] = _List(abstract_id, starts, levels)

    def _read_styles(self, styles: Any) -> None:  # noqa: ANN401 - an lxml element
        for style in styles.iterfind(f"{_W}style"):
            if style.get(f"{_W}type") not in (None, "paragraph", "numbering"):
                continue
            key = style.get(f"{_W}styleId")
            if key is None:
                continue
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            num_id = None if num_pr is None else _value(num_pr, "numId")
            ilvl = None if num_pr is None else _value(num_pr, "ilvl")
            self._styles.setdefault(str(key), (num_id, ilvl, _value(style, "basedOn")))
            if style.get(f"{_W}default") in ("1", "true", "on") and self._default_style is None:
                self._default_style = str(key)

    def _from_style(self, style: str | None) -> tuple[str | None, str | None]:
        """Return the list and level a paragraph style (or one it is based on) gives."""
        num_id: str | None = None
        ilvl: str | None = None
        seen: set[str] = set()
        while style is not None and style not in seen and len(seen) < _STYLE_DEPTH:
            seen.add(style)
            own_num, own_ilvl, style = self._styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else own_num
            ilvl = ilvl if ilvl is not None else own_ilvl
        return num_id, ilvl

    def _abstract(self, key: str) -> tuple[str, dict[int, _Level | None]] | None:
        """Return an abstract definition, through a numbering style's link (``w:numStyleLink``)."""
        for _ in range(_STYLE_DEPTH):
            link = self._links.get(key)
            if link is None:
                break
            num_id, _ilvl = self._from_style(link)
            target = None if num_id is None else self._lists.get(num_id)
            if target is None or target.abstract == key:
                break
            key = target.abstract
        levels = self._abstracts.get(key)
        return None if levels is None else (key, levels)

    def label(self, paragraph: Any) -> tuple[str, str]:  # noqa: ANN401 - an lxml element
        """Return the number Word shows before ``paragraph`` (``w:p``) and what follows it.

        What follows is the level's ``w:suff`` (a tab, the default, given as a space; a space;
        nothing); a paragraph without a number gives ``("", "")``. Call it for every paragraph,
        in document order: each numbered one moves the counters.
        """
        found = self._label(paragraph)
        if found is None:
            return "", ""
        number, suffix = found
        if not number or len(number) > _MAX_LABEL or self._shown + len(number) > _MAX_TOTAL:
            return "", ""
        self._shown += len(number)
        return number, suffix

    def _label(self, paragraph: Any) -> tuple[str, str] | None:  # noqa: ANN401 - an lxml element
        """Return the number of ``paragraph`` and its suffix, or ``None`` when it has none."""
        props = paragraph.find(f"{_W}pPr")
        num_pr = None if props is None else props.find(f"{_W}numPr")
        style = None if props is None else _value(props, "pStyle")
        style = style or self._default_style
        num_id = None if num_pr is None else _value(num_pr, "numId")
        ilvl_text = None if num_pr is None else _value(num_pr, "ilvl")
        styled_num, styled_ilvl = self._from_style(style)
        from_style = num_id is None
        num_id = styled_num if num_id is None else num_id
        ilvl_text = styled_ilvl if ilvl_text is None else ilvl_text
        if num_id is None or num_id == "0":
            return None
        found = self._lists.get(num_id)
        abstract = None if found is None else self._abstract(found.abstract)
        if found is None or abstract is None:
            return None
        levels = abstract[1]
        if ilvl_text is None and from_style:
            ilvl_text = next(
                (str(i) for i, lvl in levels.items() if lvl and lvl.style == style), "0"
            )
        ilvl = _integer(ilvl_text or "0", 0, _LEVELS - 1)
        if ilvl is None:
            return None
        level = found.levels.get(ilvl, levels.get(ilvl))
        if level is None:
            return None
        return self._advance(abstract, num_id, found, ilvl, level)

    def _advance(
        self,
        abstract: tuple[str, dict[int, _Level | None]],
        num_id: str,
        found: _List,
        ilvl: int,
        level: _Level,
    ) -> tuple[str, str] | None:
        """Move the counters of a definition for an item at ``ilvl``; return its label."""
        key, levels = abstract
        counters = self._counters.setdefault(key, _Counters()).values
        current = counters[ilvl]
        if ilvl in found.starts and (num_id, ilvl) not in self._begun:
            counters[ilvl] = found.starts[ilvl]
        elif current is None:
            counters[ilvl] = found.starts.get(ilvl, level.start)
        else:
            counters[ilvl] = min(current + 1, 10 * _MAX_START)
        self._begun.add((num_id, ilvl))
        for deeper in range(ilvl + 1, _LEVELS):
            lower = found.levels.get(deeper, levels.get(deeper))
            restart = None if lower is None else lower.restart
            if restart is None or restart > deeper or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return None
        return "".join(self._pieces(level, counters, found, levels)), level.suffix

    @staticmethod
    def _pieces(
        level: _Level, counters: list[int | None], found: _List, levels: dict[int, _Level | None]
    ) -> Iterator[str]:
        """Yield ``w:lvlText`` with each ``%n`` replaced by level ``n``'s number."""
        text = level.text
        index = 0
        while index < len(text):
            ch = text[index]
            digit = text[index + 1] if index + 1 < len(text) else ""
            if ch == "%" and digit in "123456789" and digit:
                shown = int(digit) - 1
                other = found.levels.get(shown, levels.get(shown))
                value = counters[shown]
                if value is None:
                    value = found.starts.get(shown, other.start if other else 1)
                fmt = "decimal" if level.legal or other is None else other.fmt
                if other is None or other.fmt not in ("bullet", "none"):
                    yield format_number(value, fmt)
                index += 2
                continue
            yield ch
            index += 1
