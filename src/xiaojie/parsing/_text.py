"""Text handling for the plan parser: normalised lines, web-page residue, clauses.

Every line is normalised on its own: NFKC (full-width ``（）：，；`` and digits become ASCII),
control characters (Word's cell mark U+0007 in pasted text, NUL …), zero-width and bidirectional
formatting characters and the noncharacters U+FFFE and U+FFFF dropped, a lone surrogate written
as U+FFFD, whitespace removed except between two ASCII letters or digits.
Circled numbers ①–⑳ are kept as they are, because they mark headings. A line remembers where
each of its normalised characters came from, so that the parser can report lines and columns
of the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

from xiaojie.model._text import INVISIBLE


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "PAGE_NUMBER",
    "Clause",
    "Line",
    "Passage",
    "is_residue",
    "normalize_line",
    "split_clauses",
    "split_lines",
    "split_outside",
]

_CIRCLED = frozenset(chr(code) for code in range(0x2460, 0x2474))
_SPACES = frozenset("\x0b\x0c")
"""The controls that separate words (vertical tab, form feed): read as spaces, not dropped."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NEEDS_WORK = re.compile(rf"[\s\ud800-\udfff\u2460-\u2473{INVISIBLE.pattern[1:-1]}]")
_CACHE: dict[str, str] = {}
_ITEM_NUMBER = re.compile(r"[0-9]{1,4}\.$")
_COUNT_AFTER = re.compile(r"[0-9０-９]+\s*(?:年|个|项|家|所|户|名|次|条|类|座|处|批|支|台)")
"""After an item's number and a space: a year or a count (2025年, 10个), not a decimal's rest."""
"""A line's start that is an item's number (``1.``), before a space and a digit."""


def _char(ch: str) -> str:
    cached = _CACHE.get(ch)
    if cached is None:
        if ch in _CIRCLED:
            cached = ch
        elif INVISIBLE.match(ch) and ch not in _SPACES:  # the characters no document shows
            cached = ""
        elif _SURROGATE.match(ch):  # not a character: a text decoded with surrogateescape
            cached = "\ufffd"
        else:
            cached = unicodedata.normalize("NFKC", ch)
        _CACHE[ch] = cached
    return cached


@attrs.frozen
class Line:
    """One line of the source: as given (``raw``) and normalised (``text``).

    Parameters
    ----------
    number
        The 1-based line number.
    raw
        The line as given, without its line break.
    text
        The normalised line.
    cols
        For each character of ``text`` (and one past its end), its 0-based index in ``raw``;
        ``None`` when ``text`` is ``raw`` shifted by ``shift`` characters.
    shift
        The number of characters stripped from the start of ``raw`` (when ``cols`` is ``None``).
    """

    number: int
    raw: str
    text: str
    cols: tuple[int, ...] | None = None
    shift: int = 0

    def column(self, index: int) -> int:
        """Return the 1-based column in ``raw`` of the normalised character at ``index``."""
        index = max(0, min(index, len(self.text)))
        if self.cols is None:
            return index + self.shift + 1
        return self.cols[index] + 1


def normalize_line(raw: str, number: int = 1) -> Line:
    r"""Return ``raw`` normalised, with the map back to its columns.

    Examples
    --------
    >>> line = normalize_line("（责任单位：自治区 教育厅）")
    >>> line.text
    '(责任单位:自治区教育厅)'
    >>> line.column(9)
    11
    >>> normalize_line("  ①  Action Plan ").text
    '①Action Plan'
    >>> normalize_line("开发公益\x07岗位\u202e").text
    '开发公益岗位'
    >>> normalize_line("1. 2025年底前完成").text, normalize_line("6. 5%以上").text
    ('1. 2025年底前完成', '6.5%以上')
    """
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    if not _NEEDS_WORK.search(stripped) and unicodedata.is_normalized("NFKC", stripped):
        return Line(number, raw, stripped, None, lead)
    out: list[str] = []
    cols: list[int] = []
    pending_space = False
    for index, ch in enumerate(raw):
        if ch.isspace():
            pending_space = bool(out)
            continue
        piece = _char(ch)
        if not piece:
            continue
        if pending_space:
            before = out[-1]
            if (
                before.isascii() and before.isalnum() and piece[0].isascii() and piece[0].isalnum()
            ) or (
                before == "."
                and piece[0].isdigit()
                and _ITEM_NUMBER.match("".join(out))
                and _COUNT_AFTER.match(raw, index)
            ):
                # "1. 2025年底前…", "2. 10个乡镇…": the item's number, not the decimal 1.2025
                # ("6. 5%以上" a line break cut is the decimal 6.5)
                out.append(" ")
                cols.append(index)
            pending_space = False
        for part in piece:
            out.append(part)
            cols.append(index)
    text = "".join(out)
    end = len(raw.rstrip())
    cols.append(end)
    return Line(number, raw, text, tuple(cols), 0)


def split_lines(text: str) -> list[Line]:
    r"""Split ``text`` at line breaks (``\n``, ``\r\n``, ``\r``) and normalise each line.

    Examples
    --------
    >>> [line.text for line in split_lines("一、目标\r\n（一）任务")]
    ['一、目标', '(一)任务']
    """
    return [normalize_line(raw, number) for number, raw in enumerate(text.splitlines(), start=1)]


_RESIDUE = re.compile(
    r"""^(?:
        附件(?:下载)?[:：]?.*
      | 相关附件[:：]?.*
      | .*扫一扫.*
      | .*在手机上(?:查看|打开|阅读).*
      | (?:首页|当前位置|您的位置|您现在的位置|所在位置)[:：>»›].*
      | .*(?:>|»|›|→).*(?:>|»|›|→).*
      | 【?\[?(?:字体|字号)[:：]?.*
      | 【?\[?(?:打印本?页?|关闭本?(?:窗口|页)?|收藏|返回顶部|顶部|分享到|分享|打印|关闭|默认|大|中|小)\]?】?(?:\s*【?\[?(?:打印本?页?|关闭本?(?:窗口|页)?|收藏|返回顶部|分享|打印|关闭|大|中|小)\]?】?)*
      | 分享到[:：]?.*
      | (?:上一篇|下一篇|上一条|下一条)[:：].*
      | (?:来源|作者|责任编辑|编辑|审核|校对|浏览次数|点击数|阅读次数|访问量|浏览量)[:：].*
      | 相关(?:链接|阅读|文章|新闻|稿件)[:：]?.*
      | .*(?:版权所有|ICP备|公网安备|网站标识码|网站地图|联系我们).*
      | (?:网站)?(?:主办单位|承办单位)[:：].*
      | .*(?:主办单位|承办单位)[:：].*(?:承办单位|技术支持|地址|电话|邮编|网站|维护|备案).*
      | (?:【|\[)?(?:打印|关闭|收藏)(?:】|\])?
      | [|\-=_*~·•—\s]+
    )$""",
    re.VERBOSE,
)
PAGE_NUMBER = re.compile(
    r"^\s*(?:[—\-–~－]\s*[0-9]{1,4}\s*[—\-–~－]"
    r"|第\s*[0-9]{1,4}\s*页\s*[,，/]?\s*(?:共\s*[0-9]{1,4}\s*页)?"
    r"|共\s*[0-9]{1,4}\s*页\s*[,，/]?\s*第\s*[0-9]{1,4}\s*页)\s*$"
)
"""A printed page's number on a line of its own: ``— 3 —``, ``-3-``, ``第3页 共10页``."""


def is_residue(text: str) -> bool:
    """Return whether a normalised line is web-page residue rather than plan text.

    Residue is short: navigation, "附件下载:", "扫一扫在手机上查看当前页面", print and close
    buttons, share links, page footers, separator lines.

    Examples
    --------
    >>> is_residue("扫一扫在手机上查看当前页面"), is_residue("附件下载:")
    (True, True)
    >>> is_residue("首页 > 政务公开 > 扶贫工作")
    True
    >>> is_residue("(一)强化组织领导。")
    False
    >>> is_residue("主办单位:某县人民政府办公室 技术支持:某公司")
    True
    >>> is_residue("(一)完善机制。(主办单位:市发改委;协办单位:市财政局)")
    False

    A printed page's number is residue too (``— 3 —``, ``-3-``, ``第3页共10页``):

    >>> [is_residue(t) for t in ("—3—", "-12-", "第3页共10页", "第 3 页", "3", "3月")]
    [True, True, True, True, False, False]
    """
    return len(text) <= 80 and (
        _RESIDUE.match(text) is not None or PAGE_NUMBER.match(text) is not None
    )


@attrs.frozen
class Clause:
    """A stretch of a passage between separators.

    ``start``/``end`` are offsets in the passage (``end`` excludes the separator). ``sentence``
    and ``segment`` number the sentence (ended by 。!?) and the segment (ended by ; or a
    sentence end) the clause belongs to; ``sep`` is the separator that ends it.
    """

    start: int
    end: int
    segment: int
    sentence: int
    sep: str


_OPEN = {"(": ")", "“": "”", "《": "》", "「": "」", "『": "』", "‘": "’", "[": "]", "【": "】"}
_INTERESTING = re.compile(r"[()“”《》「」『』‘’\[\]【】\"。!?;,:]")
_SENTENCE_END = frozenset("。!?")
_SEGMENT_END = frozenset(";")
_CLAUSE_END = frozenset(",:")
_CLOCK_COLON = re.compile(r"(?:[01]\d|2[0-4]|(?<!\d)\d|\D\d):[0-5]\d(?![\d月日号年])")
"""A colon between an hour and its minutes (matched from two characters before the colon)."""


def split_clauses(text: str) -> tuple[tuple[Clause, ...], tuple[tuple[int, int], ...]]:
    """Split a passage into clauses, ignoring separators inside brackets and quotation marks.

    Returns
    -------
    clauses
        Every clause, in order (empty clauses between two separators are dropped).
    quoted
        The ``(start, end)`` offsets of the insides of quotation marks “…” and "…".

    Examples
    --------
    >>> clauses, quoted = split_clauses("落实“每周1次,每次2课时”政策,加强管理;完成(A,B)。")
    >>> [("落实“每周1次,每次2课时”政策,加强管理;完成(A,B)。"[c.start:c.end], c.segment) for c in clauses]
    [('落实“每周1次,每次2课时”政策', 0), ('加强管理', 0), ('完成(A,B)', 1)]
    >>> quoted
    ((3, 13),)
    """
    clauses: list[Clause] = []
    quoted: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    start = 0
    segment = 0
    sentence = 0

    def emit(end: int, sep: str) -> None:
        nonlocal start
        if text[start:end].strip():
            clauses.append(Clause(start, end, segment, sentence, sep))
        start = end + 1

    for match in _INTERESTING.finditer(text):
        ch = match.group()
        pos = match.start()
        if stack and ch == stack[-1][0]:
            closer, opened = stack.pop()
            if closer in '”"':
                quoted.append((opened + 1, pos))
            continue
        if ch == '"':
            stack.append(('"', pos))
            continue
        if ch in _OPEN:
            stack.append((_OPEN[ch], pos))
            continue
        if ch in _SENTENCE_END:
            stack.clear()
            emit(pos, ch)
            segment += 1
            sentence += 1
            continue
        if stack:
            continue
        if ch in _SEGMENT_END:
            emit(pos, ch)
            segment += 1
        elif ch == ":" and _CLOCK_COLON.match(text, max(0, pos - 2)):
            continue  # a time of day (14:30, 8:00), not a label's colon (步骤1:3月底前)
        elif ch in _CLAUSE_END:
            emit(pos, ch)
    emit(len(text), "")
    quoted.sort()
    return tuple(clauses), tuple(quoted)


@attrs.frozen
class Passage:
    """A stretch of one normalised line that the parser reads as running text.

    ``start``/``end`` are offsets in ``line.text``; ``text`` is that stretch.
    """

    line: Line
    start: int
    end: int

    @property
    def text(self) -> str:
        """The passage's normalised text."""
        return self.line.text[self.start : self.end]

    def where(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of ``offset`` in the passage, both 1-based."""
        return self.line.number, self.line.column(self.start + offset)

    def clauses(self) -> Iterator[Clause]:
        """Yield the passage's clauses."""
        yield from split_clauses(self.text)[0]


def split_outside(text: str, seps: str, opens: str = "(〔", closes: str = ")〕") -> list[str]:
    """Split ``text`` at each character of ``seps`` outside brackets; the pieces as they stand.

    A closing bracket without its opening one is text.

    Examples
    --------
    >>> split_outside("A、各县(市、区)、", "、")
    ['A', '各县(市、区)', '']
    >>> split_outside("a)b,c", ",")
    ['a)b', 'c']
    """
    parts: list[str] = []
    depth = 0
    start = 0
    for index, ch in enumerate(text):
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts
