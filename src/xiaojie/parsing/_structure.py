"""The document's shape: header table, title, preamble and the tree of numbered headings.

Headings are recognised by their markers, from the outermost level inwards:

=====  ==========================  ==================
level  marker                      example
=====  ==========================  ==================
1      Chinese numeral + 、         ``二、重点任务``
2      Chinese numeral in ( )      ``(三)实施…攻坚行动``
3      number + . or 、             ``4.精准开展监测帮扶。``
4      number in ( )               ``(2)…``
5      circled number              ``①…``
=====  ==========================  ==================

Each heading gets a stable clause id made of the ordinals on its path: ``2.2.4`` is item 4 of
sub-section (二) of section 二.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

from xiaojie.parsing._clauses import LABEL_RE
from xiaojie.parsing._owners import owner_like
from xiaojie.parsing._text import Line, is_residue


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


__all__ = [
    "Document",
    "Header",
    "Node",
    "chinese_number",
    "is_navigation",
    "plan_name",
    "read_document",
    "title_end",
    "wrap_width",
    "wrapped_titles",
]

_CN = "零〇一二两三四五六七八九十百"
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{_CN}]+)、")),
    (2, re.compile(rf"^\(([{_CN}]+)\)")),
    # 1、2025年… is item 1; 3、4月份 is two months, not item 3
    (3, re.compile(r"^(\d{1,4})(?:\.(?![\d.])|、(?![.、]|\d{1,2}(?:月|日|号|季度|个月)))")),
    (4, re.compile(r"^\((\d{1,3})\)")),
    (5, re.compile(r"^([\u2460-\u2473])")),
)
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS.update({"七": 7, "八": 8, "九": 9})


def chinese_number(text: str) -> int | None:
    """Return the value of a Chinese numeral up to 999 (一, 十二, 二十五, 一百零三), else ``None``.

    Three digits written one by one (一〇三, 一二〇) are the number Word's automatic numbering
    shows from 100 on.

    Examples
    --------
    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("一百零三")
    (12, 20, 103)
    >>> chinese_number("一〇三"), chinese_number("一二〇")
    (103, 120)
    >>> chinese_number("十十") is None, chinese_number("〇一二") is None, chinese_number("二一") is None
    (True, True, True)
    """
    if len(text) == 3 and all(ch in _DIGITS for ch in text):
        value = _DIGITS[text[0]] * 100 + _DIGITS[text[1]] * 10 + _DIGITS[text[2]]
        return value if value >= 100 else None
    total = 0
    digit: int | None = None
    seen: set[str] = set()
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = _DIGITS[ch]
        elif ch in "十百":
            if ch in seen:
                return None
            seen.add(ch)
            scale = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * scale
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total if total > 0 else None


def _heading(text: str) -> tuple[int, int, int] | None:
    """Return (level, ordinal, end of marker) for a heading line, else ``None``."""
    for level, pattern in _HEADINGS:
        match = pattern.match(text)
        if match is None:
            continue
        token = match.group(1)
        if level in (1, 2):
            value = chinese_number(token)
        elif level == 5:
            value = ord(token) - 0x2460 + 1
        else:
            value = int(token)
        if value is None or value == 0:
            continue
        if match.end() >= len(text):
            continue
        return level, value, match.end()
    return None


_RUN_ON_NUMBER = re.compile(
    r"^(\d{1,4})\.(?=\d+[\u4e00-\u9fff])(?!\d+(?:\.\d|[%‰万亿千百元个倍名项家户次年月日]|人(?!才)))"
)


def _sequel_heading(text: str, stack: list[Node]) -> tuple[int, int, int] | None:
    """``11.121人才梯队项目`` right after item 10: a number that runs into the title's digits.

    ``N.`` followed by a digit is read as a decimal (2.5%) unless ``N`` is the next number of the
    open ``1.`` level and the digits run into words, not into a unit of measure.

    Examples
    --------
    >>> ten = Node(level=3, ordinal=10, marker="10.", line=None, start=3, title_stop=3, parent=None)
    >>> _sequel_heading("11.121人才梯队项目。", [ten])
    (3, 11, 3)
    >>> _sequel_heading("11.5%的农户", [ten]) is None, _sequel_heading("12.121人才", [ten]) is None
    (True, True)
    """
    match = _RUN_ON_NUMBER.match(text)
    if match is None:
        return None
    previous = next((node for node in reversed(stack) if node.level == 3), None)
    value = int(match.group(1))
    if previous is None or previous.ordinal + 1 != value:
        return None
    return 3, value, match.end()


def _second_follows(following: Iterable[str]) -> bool:
    """Whether item ``2、`` starts one of the next lines before any other heading."""
    for index, text in enumerate(following, start=1):
        if comma_item(text) == 2:
            return True
        if index >= _ITEM_REACH or _heading(text) is not None:
            return False
    return False


_ITEM_REACH = 8
"""How many lines after ``1、3月底前…`` item ``2、`` is looked for (its text, its clause)."""
_MONTH_AFTER_ITEM = re.compile(r"^(\d{1,2})、(?=\d{1,2}(?:月|日|号|季度|个月).)")


def month_item(text: str) -> int | None:
    """Return N of a line starting ``N、`` and a month (``3、9月底前…``: item 3, or two months).

    Examples
    --------
    >>> month_item("3、9月底前完成"), month_item("3、加强督导"), month_item("3、9月")
    (3, None, None)
    """
    match = _MONTH_AFTER_ITEM.match(text)
    return int(match.group(1)) if match is not None else None


def comma_item(text: str) -> int | None:
    """Return N of a line starting ``N、`` (an item's number, or the first of months listed).

    Examples
    --------
    >>> comma_item("2、加强产业帮扶"), comma_item("3、9月底前完成"), comma_item("2.加强")
    (2, 3, None)
    """
    match = _COMMA_NUMBER.match(text)
    return int(match.group(1)) if match is not None else None


_COMMA_NUMBER = re.compile(r"^(\d{1,3})、")


def _listed_item(
    text: str, stack: list[Node], following: Iterable[str]
) -> tuple[int, int, int] | None:
    """``1、3月底前完成摸底排查。`` in a list numbered 1、 2、 …: item 1, due in March.

    A number and 、 before a month (or day, quarter) is read as two months (``3、4月份，集中开展``)
    unless it continues items numbered the same way: the open item is N-1 written ``N-1、``, or N
    is 1 and item ``2、`` follows (within the next lines ``following``, before another heading:
    the item's text or its 责任单位 may stand on lines of their own).

    Examples
    --------
    >>> one = Node(level=3, ordinal=1, marker="1、", line=None, start=2, title_stop=2, parent=None)
    >>> _listed_item("2、6月底前完成整改。", [one], [])
    (3, 2, 2)
    >>> _listed_item("1、3月底前完成摸底排查。", [], ["责任单位:县应急局", "2、6月底前完成整改。"])
    (3, 1, 2)
    >>> _listed_item("1、3月底前完成摸底排查。", [], ["集中开展排查。"]) is None
    True
    >>> _listed_item("1、2月份排查。", [], ["(二)推进整改", "2、开展督查"]) is None
    True
    >>> dotted = Node(level=3, ordinal=1, marker="1.", line=None, start=2, title_stop=2, parent=None)
    >>> _listed_item("2、3月，集中开展排查整治。", [dotted], ["2.推进整改。"]) is None
    True
    """
    value = month_item(text)
    if value is None:
        return None
    previous = next((node for node in reversed(stack) if node.level == 3), None)
    if value == 1:
        if previous is not None or not _second_follows(following):
            return None
    elif previous is None or previous.ordinal + 1 != value or not previous.marker.endswith("、"):
        return None
    return 3, value, text.index("、") + 1


def title_end(text: str, start: int) -> int:
    """Return where a heading's title ends: at the first 。 or : outside brackets, else the end.

    Examples
    --------
    >>> text = "1.精准开展监测帮扶。加强(A:B)核实"
    >>> text[2:title_end(text, 2)]
    '精准开展监测帮扶'
    """
    depth = 0
    quote = False
    for index in range(start, len(text)):
        ch = text[index]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch in "。:" and depth == 0 and not quote:
            return index
    return len(text)


_WRAP_SLACK = 4
"""How many columns (two Chinese characters) a line broken at a fixed width may fall short of
it: a line is not broken before a closing mark, digits are half as wide."""
_NARROWEST = 20
"""The narrowest width (ten Chinese characters) a text is taken to be broken at."""
_CELLS = re.compile(r"[\t|｜]| {2,}|\u3000")
"""Cells of a table typed as text (a tab, a bar, spaces) or a menu of a web page."""
_UNITS = "年月日号时点分秒个人户元万亿千百次天周岁项条"
_SPACED_CELLS = re.compile(
    rf"^[0-9]+ +[\u4e00-\u9fff]"  # a row's number and its first cell
    rf"|[\u4e00-\u9fff] +(?:[\u4e00-\u9fff]|[0-9]++(?! *[{_UNITS}]))"
    rf"|[0-9] +(?![{_UNITS}])[\u4e00-\u9fff]"
)
"""Cells of a row typed with single spaces ("1 开展排查 县乡村振兴局 6月底前"). A number and its
unit apart, with spaces on either side ("〔2015〕14 号", "于 2024 年 6 月底前", as text copied out of
a PDF has them), are not cells; a row's number at the start of its line is."""
_SPACED_ROW = 2
"""The fewest single-space gaps that make a row of a long line: one is a title's ("中共中央办公厅
国务院办公厅印发…")."""
_SHORT_ROW = 24
"""The longest line (in characters) that one single-space gap makes a row ("序号 任务")."""
_UNFINISHED_AFTER = frozenset("。;:!?")
"""A line ending with one of these (normalised) ends its sentence: it is not wrapped."""


def _columns(raw: str) -> int:
    """Return the columns a line takes as printed: one for a letter, digit or space, else two.

    Punctuation counts as wide as a Chinese character even when written in ASCII: a text
    copied out of print may have had its full-width ``，`` made ``,``.
    """
    return sum(
        1 if ch.isascii() and (ch.isalnum() or ch == " ") else 2
        for ch in raw.strip()
        if unicodedata.category(ch)[0] != "C"
    )


def _runs_on(line: Line, after: Line | None) -> bool:
    """Whether ``line`` may be broken inside a sentence that goes on on the line ``after``."""
    return (
        bool(line.text)
        and line.text[-1] not in _UNFINISHED_AFTER
        and after is not None
        and bool(after.text)
        and _heading(after.text) is None
    )


def wrap_width(lines: list[Line]) -> int | None:
    r"""Return the width, in columns, a text was broken at (copied out of print), else ``None``.

    Lines broken inside a sentence at a fixed width take that width, give or take
    :data:`_WRAP_SLACK` columns (:func:`_columns`). The width is the one most lines going on on
    the next line take (the widest of equals), when at least three such lines take it (give or
    take the slack) and few lines are wider, a quarter as many at most. In a text of one
    paragraph a line, the lines that go on are headings and labels of any width, and their
    paragraphs are wider. A wide line with an empty line after it may be lines broken at the
    width and joined before (a time or a list of units the break cut, :mod:`._input`): it is
    not counted when at least three lines that are not headings take the width.

    Examples
    --------
    >>> from xiaojie.parsing._text import split_lines
    >>> wrapped = "1.开展排查，6月底前完成\n排查。\n2.加强帮扶，落实各项\n措施，9月底前完成。"
    >>> wrap_width(split_lines(wrapped + "\n3.完善机制，加强统筹\n协调。"))
    21
    >>> wrap_width(split_lines("1.开展排查\n全面排查风险，6月底前完成排查。")) is None
    True
    """
    if not lines:
        return None
    counts: dict[int, tuple[int, int]] = {}  # width → lines going on, those not headings
    for line, after in zip(lines, [*lines[1:], None], strict=True):
        if is_residue(line.text) or table_like(line.raw):
            continue  # a web page's menu or a table's row is not broken at the width
        if _runs_on(line, after):  # the next line, not the next one holding text
            width = _columns(line.raw)
            seen, body = counts.get(width, (0, 0))
            counts[width] = (seen + 1, body + (_heading(line.text) is None))
    if not counts:
        return None
    width = max(counts, key=lambda w: (counts[w][0], w))
    near = [seen for w, seen in counts.items() if abs(w - width) <= _WRAP_SLACK]
    lines_near = sum(seen for seen, _ in near)
    wider = [
        after is None or bool(after.text)
        for line, after in zip(lines, [*lines[1:], None], strict=True)
        if _columns(line.raw) > width + _WRAP_SLACK
    ]
    if sum(body for _, body in near) >= 3:
        wider = [solid for solid in wider if solid]
    return (
        width if width >= _NARROWEST and lines_near >= 3 and 4 * len(wider) <= lines_near else None
    )


def wrapped_titles(nodes: Iterator[Node], lines: list[Line]) -> None:
    """Continue each heading's title that a text broken at a fixed width wraps (``Node.more``).

    A heading's line whose title does not end in it (no 。 or : outside brackets, no sentence
    end at its end) and that takes the text's :func:`wrap_width` is broken there: its title
    goes on on the heading's first paragraph, up to its 。 or : or a responsibility label
    (``(牵头单位:``), and on over the next lines while each is broken the same way
    (:data:`_TITLE_LINES` lines in all). A short heading line (``1.加强监测帮扶`` and its body
    below) keeps its title: it does not take the width. Between two pieces only web-page or
    print residue (a page's footer) may stand, or the empty lines that pieces joined before
    left (after a line wider than the width).
    """
    width: int | None = None
    index = {id(line): position for position, line in enumerate(lines)}  # (pieces share numbers)
    for node in nodes:
        line = node.line
        if line is None or node.title_stop < len(line.text) or not node.paragraphs:
            continue
        if width is None:
            width = wrap_width(lines) or 0
        if not width:
            return
        more: list[tuple[Line, int]] = []
        for after in node.paragraphs[: _TITLE_LINES - 1]:
            columns = _columns(line.raw)
            between = lines[index[id(line)] + 1 : index[id(after)]]
            if (
                columns < width - _WRAP_SLACK
                or not _runs_on(line, after)
                or _KEY_RE.match(after.text)
                or not all(
                    is_residue(gap.text) or (not gap.text and columns > width + _WRAP_SLACK)
                    for gap in between
                )
            ):
                break
            stop = title_end(after.text, 0)
            label = LABEL_RE.search(after.text)
            if label is not None and label.start() <= stop:
                stop = label.start() - (label.start() > 0 and after.text[label.start() - 1] == "(")
            if stop <= 0:
                break
            more.append((after, stop))
            if stop < len(after.text):
                break
            line = after
        node.more = tuple(more)


@attrs.define(eq=False)
class Node:
    """A heading and everything under it.

    ``line.text[start:]`` is the heading's text after its marker; the title is
    ``line.text[start:title_stop]``, followed by ``line.text[:stop]`` of each ``(line, stop)``
    of ``more`` when the title is wrapped onto the next lines (:func:`wrapped_titles`).
    ``paragraphs`` are the lines that follow the heading before the next heading (a title's
    next lines among them).
    """

    level: int
    ordinal: int
    marker: str
    line: Line | None
    start: int
    title_stop: int
    parent: Node | None
    clause_id: str = ""
    children: list[Node] = attrs.Factory(list)
    paragraphs: list[Line] = attrs.Factory(list)
    more: tuple[tuple[Line, int], ...] = ()

    @property
    def title(self) -> str:
        """The heading's title (normalised), without its marker."""
        if self.line is None:
            return ""
        title = self.line.text[self.start : self.title_stop]
        return title + "".join(line.text[:stop] for line, stop in self.more)

    @property
    def heading(self) -> str:
        """The marker followed by the title, e.g. ``(一)动员部署(6月中旬)``."""
        return self.marker + self.title

    def walk(self) -> Iterator[Node]:
        """Yield this node and every node under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        """Yield the parent, its parent … up to (and including) the root."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


_KEYS = {
    "索引号": "index_number",
    "发文时间": "published",
    "发布时间": "published",
    "成文日期": "published",
    "成文时间": "published",
    "发文日期": "published",
    "发布日期": "published",
    "发表时间": "published",
    "发表日期": "published",
    "日期": "published",
    "时间": "published",
    "公开日期": "published",
    "印发日期": "published",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "发文单位": "publisher",
    "发布单位": "publisher",
    "文号": "document_number",
    "发文字号": "document_number",
    "发文文号": "document_number",
    "文件编号": "document_number",
    "发布机关": "publisher",
    "标题": "title",
    "文件标题": "title",
    "名称": "title",
    "主题分类": "",
    "公开方式": "",
    "公开范围": "",
    "有效性": "",
    "时效性": "",
    "体裁分类": "",
    "组配分类": "",
    "生成日期": "",
    "所属机构": "",
    "信息来源": "",
    "废止日期": "",
}
#: Keys of the date the document was issued, which the reference date is taken from before the
#: date a website published it (a page may list 发布日期 first, weeks after 发文日期).
_ISSUED = frozenset({"发文时间", "发文日期", "成文日期", "成文时间", "印发日期"})
_KEY_RE = re.compile("(" + "|".join(sorted(_KEYS, key=len, reverse=True)) + ")[::]")
# A line of a page's or notice's metadata (发文时间:…, 索引号:…), never a piece of the line
# above in a text broken at a fixed width: keys of two characters (时间, 日期, 名称) may end a
# word broken off (完成 / 时间:), so they count only before a date alone (see header_line).
_HEADER_LINE = re.compile(
    "^(?:" + "|".join(sorted((k for k in _KEYS if len(k) >= 3), key=len, reverse=True)) + ")[::]"
)


def header_line(text: str) -> bool:
    """Whether a (normalised) line is a line of a notice's metadata.

    It starts with a key of three characters or more, or is a shorter key (日期, 时间) and a date
    alone.

    Examples
    --------
    >>> header_line("发文时间:2025年1月10日"), header_line("时间:6月底前")
    (True, False)
    >>> header_line("日期:2025年1月10日"), header_line("日期:2025年1月10日前完成")
    (True, False)
    """
    if _HEADER_LINE.match(text) is not None:
        return True
    key = _KEY_RE.match(text)
    rest = text[key.end() :].strip() if key is not None else ""
    return _DATE_RE.fullmatch(rest.removesuffix("日")) is not None


_DATE_RE = re.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
_DATED_LINE = re.compile(
    r"^[(\[【]?(\d{4})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)(\d{1,2})日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[)\]】]?$"
)


_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")


def _date(text: str) -> dt.date | None:
    match = _DATE_RE.search(text)
    if match is None:
        first = _DAY_FIRST.search(text)
        if first is None:
            return None
        try:
            return dt.date(int(first.group(3)), int(first.group(2)), int(first.group(1)))
        except ValueError:
            return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


@attrs.define
class Header:
    """The document's header fields as found (empty when absent).

    ``title`` is the plan's name; when the document is a notice that issues the plan
    (``…关于印发《X》的通知``) it is ``X`` and ``notice`` holds the notice's title.
    """

    title: str = ""
    notice: str = ""
    index_number: str = ""
    publisher: str = ""
    document_number: str = ""
    published: dt.date | None = None
    published_where: tuple[int, int] | None = None
    published_issued: bool = False
    bad_dates: list[tuple[int, int, str]] = attrs.Factory(list)

    def set(self, field: str, value: str, line: Line, column: int, key: str = "") -> None:
        """Record ``value`` for ``field`` (the header's word ``key``) unless already set.

        A date of issue (发文日期, 成文日期 …) replaces a date of publication found before it.
        """
        value = value.strip().strip("|").strip()
        if not field or not value:
            return
        if field == "published":
            issued = key in _ISSUED
            if self.published is None or (issued and not self.published_issued):
                day = _date(value)
                if day is None:
                    self.bad_dates.append((line.number, line.column(column), value))
                else:
                    self.published = day
                    self.published_where = (line.number, line.column(column))
                    self.published_issued = issued
            return
        if not getattr(self, field):
            setattr(self, field, value)


def _table_row(line: Line, header: Header) -> None:
    text = line.text
    cells: list[tuple[str, int]] = []
    position = 0
    for part in text.split("|"):
        cells.append((part, position))
        position += len(part) + 1
    cells = [(c.strip(), p) for c, p in cells]
    cells = [(c, p) for c, p in cells if c]
    index = 0
    while index < len(cells):
        key = cells[index][0].rstrip(":")
        field = _KEYS.get(key)
        if field is None:
            index += 1
            continue
        if index + 1 < len(cells) and cells[index + 1][0].rstrip(":") not in _KEYS:
            header.set(field, cells[index + 1][0], line, cells[index + 1][1], key)
            index += 2
        else:
            index += 1


def _key_line(line: Line, header: Header) -> bool:
    text = line.text
    matches = list(_KEY_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        return False
    for position, match in enumerate(matches):
        stop = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        header.set(
            _KEYS[match.group(1)], text[match.end() : stop], line, match.end(), match.group(1)
        )
    return True


@attrs.define
class Document:
    """A plan text read into its parts."""

    lines: list[Line]
    header: Header
    root: Node
    preamble: list[Line]
    ignored: list[Line]
    title_line: Line | None = None
    dated_line: tuple[dt.date, Line] | None = None

    def nodes(self) -> Iterator[Node]:
        """Yield every heading node (not the root), in document order."""
        for child in self.root.children:
            yield from child.walk()


_ATTACHMENT = re.compile(r"^附件\s*\d{0,2}\s*$")
"""The heading of an attachment (``附件``, ``附件1``): what follows is not under the last item."""
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[(【]\d{4}[〕\])】]\d{1,4}号$")
_CN_DATE = re.compile(
    r"^[(]?([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日[)]?$"
)
_CN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def _chinese_date(text: str) -> dt.date | None:
    """Return the date of a line that holds only a date in Chinese numerals (二〇二一年三月五日).

    Examples
    --------
    >>> _chinese_date("二○○六年四月二十八日")
    datetime.date(2006, 4, 28)
    >>> _chinese_date("二〇二一年二月三十日") is None
    True
    """
    match = _CN_DATE.match(text)
    if match is None:
        return None
    year = int("".join(_CN_DIGITS[ch] for ch in match.group(1)))
    month = chinese_number(match.group(2))
    day = chinese_number(match.group(3))
    if month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _inline_date(preamble: list[Line], header: Header) -> None:
    """Take the reference date from a 发布日期:… written inside a line (a text run into one line)."""
    for line in preamble[:5]:
        for match in _KEY_RE.finditer(line.text):
            if _KEYS[match.group(1)] == "published" and _date(line.text[match.end() :][:24]):
                value = line.text[match.end() :][:24]
                header.set("published", value, line, match.end(), match.group(1))


_KEYED_ROW = re.compile("(?:" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r"):?\|")
"""A header table row written without its first ``|``: ``索引号|…|公开方式|…|``."""
_NAVIGATION = (
    "首页",
    "网站首页",
    "返回首页",
    "回到首页",
    "设为首页",
    "返回",
    "全文",
    "正文",
    "法规库",
    "电脑桌面",
    "政府信息公开",
    "信息公开",
    "政务公开",
    "当前位置",
    "您的位置",
    "简体版",
    "繁體版",
    "繁体版",
    "简体中文",
    "繁體中文",
    "繁体中文",
    "简体",
    "繁體",
    "繁体",
    "信息无障碍",
    "无障碍",
    "无障碍浏览",
    "长者模式",
    "关怀版",
    "加入收藏",
    "收藏",
    "表格下载",
    "下载",
    "打印",
    "关闭",
    "分享",
    "搜索",
    "登录",
    "注册",
    "手机版",
    "移动版",
    "English",
)
"""Words of a web page's navigation; a line made only of them is never a title."""
_NAV_SEPARATORS = re.compile(r"[|\s>»›/·:]+")
_METADATA = re.compile(
    r"^【[^】]{1,10}】|(?:"
    + "|".join(sorted(_KEYS, key=len, reverse=True))
    + r"|类别|颁发日期|颁布日期|颁布时间|实施日期|发文单位|效力级别|法宝引证码|栏目|浏览|地区|行业)"
    r"\s*:"
)
"""A line of a page's metadata (``类别:…文号:…``, ``【法宝引证码】…``, ``栏目:…浏览:…``)."""
_SITE_SUFFIX = re.compile(r"\s*[-_—|]+\s*[^-_—|]{2,30}(?:门户网站|网站|政府网)$")
_TITLE_END = re.compile(
    r"(?:通知|意见|方案|计划|要点|细则|措施|规划|分工|分解|清单|办法|决定|安排|纲要|规定|条例"
    r"|通报|报告|任务|表)$"
)
"""How the name of a document or plan ends (…的通知, …实施方案, …责任分解, …分工表)."""
_NOTICE = re.compile(
    r"^(?:[^《》]*?关于|[^《》关]*?(?:政府|办公厅|办公室|委员会|委|局|厅|部|院|署|办|组|会))"
    r"(?:印发|转发|颁布|发布)(?P<name>.+)的通知$"
)
_TITLE_LINES = 4
"""The most lines a title broken over lines is read from."""
_BRACKETED = re.compile(r"[^《》]{0,20}《(?P<name>[^《》]+)》")


def is_navigation(text: str) -> bool:
    """Return whether a line is made only of a web page's navigation words.

    Examples
    --------
    >>> [is_navigation(t) for t in ("返回首页", "简体版繁體版信息无障碍", "加入收藏|繁體中文")]
    [True, True, True]
    >>> is_navigation("首页建设方案"), is_navigation("")
    (False, False)
    """
    joined = _NAV_SEPARATORS.sub("", text)
    if not joined:
        return False
    reached = [True] + [False] * len(joined)
    for index in range(len(joined)):
        if reached[index]:
            for word in _NAVIGATION:
                if joined.startswith(word, index):
                    reached[index + len(word)] = True
    return reached[-1]


def _title_text(text: str) -> str:
    """Return a line as a title: without a cell's trailing ``|`` or a website's name after a dash."""
    return _SITE_SUFFIX.sub("", text.strip().rstrip("|").strip())


def _may_be_title(text: str) -> bool:
    """Whether a preamble line may be the title: short, unfinished, and no page residue."""
    text = _title_text(text)
    return (
        0 < len(text) <= 100
        and text[-1] not in "。;,:!?"
        and "|" not in text
        and not is_residue(text)
        and not is_navigation(text)
        and _DOC_NUMBER.match(text) is None
        and _METADATA.search(text) is None
        and not (text.endswith("文件") and "关于" not in text)  # a masthead: 某某人民政府文件
    )


def _title_lines(preamble: list[Line]) -> tuple[Line, ...]:
    """Return the lines that hold the title: one line, or a title broken over a few lines.

    A run of lines that starts with 关于 in its first line (or at the start of the second) and
    whose last line ends like a document's name (…的通知, …的若干意见) is a title broken over
    lines (``国务院关于促进综合保税区`` / ``高水平开放高质量发展的若干意见``); else the first line
    that ends like a document's name (…实施方案, …责任分解) is the title; without one, the first
    line that may be a title is taken.
    """
    candidates = [line for line in preamble if _may_be_title(line.text)]
    for line in candidates:
        if _TITLE_END.search(_title_text(line.text)):
            return (line,)
        run = _broken_title(preamble, line)
        if run:
            return run
    return tuple(candidates[:1])


def _broken_title(preamble: list[Line], first: Line) -> tuple[Line, ...]:
    """Return the lines from ``first`` on that make one title broken over lines, else ``()``."""
    start = next(i for i, line in enumerate(preamble) if line is first)
    run = [first]
    length = len(_title_text(first.text))
    for line in preamble[start + 1 : start + _TITLE_LINES]:
        text = _title_text(line.text)
        length += len(text)
        if line.number - run[-1].number > 2 or length > 100 or not _may_be_title(line.text):
            return ()
        if len(run) == 1 and "关于" not in first.text and not text.startswith("关于"):
            return ()
        run.append(line)
        if _TITLE_END.search(text):
            return tuple(run)
    return ()


def plan_name(title: str) -> tuple[str, str]:
    """Split a notice that issues a plan into the notice and the plan's name.

    Returns ``(notice, name)``: for ``…关于印发《X》的通知`` (印发, 转发, 颁布 or 发布, with or
    without 《》 and the issuer) the notice and ``X``; for any other title ``("", title)``.

    Examples
    --------
    >>> plan_name("国务院办公厅关于印发《“无废城市”建设试点工作方案》的通知")[1]
    '“无废城市”建设试点工作方案'
    >>> plan_name("区人民政府办公室关于印发2020年区政府重点工作责任分解的通知")[1]
    '2020年区政府重点工作责任分解'
    >>> plan_name("国务院关于落实《政府工作报告》重点工作部门分工的意见")
    ('', '国务院关于落实《政府工作报告》重点工作部门分工的意见')
    """
    match = _NOTICE.match(title)
    if match is None:
        return "", title
    name = match.group("name").strip()
    bracketed = _BRACKETED.fullmatch(name)
    if bracketed is not None:
        name = bracketed.group("name").strip()
    return (title, name) if name else ("", title)


_ISSUER = re.compile(r"^(?P<issuer>[^《》]{2,40}?)(?:关于)?(?:印发|转发|颁布|发布)")


def notice_issuer(notice: str) -> str:
    """Return the body a notice that issues a plan names before 关于 (or 印发), else ``""``.

    Examples
    --------
    >>> notice_issuer("国务院办公厅关于印发《“无废城市”建设试点工作方案》的通知")
    '国务院办公厅'
    >>> notice_issuer("关于印发重点工作事项的通知"), notice_issuer("")
    ('', '')
    """
    match = _ISSUER.match(notice)
    if match is None:
        return ""
    issuer = match.group("issuer").removesuffix("关于")
    return issuer if owner_like(issuer) else ""


def _walk(root: Node) -> Iterator[Node]:
    for child in root.children:
        yield from child.walk()


def _next_texts(lines: list[Line], index: int) -> Iterator[str]:
    """Yield the texts of the non-empty lines after ``lines[index]``."""
    return (lines[j].text for j in range(index + 1, len(lines)) if lines[j].text)


def read_document(lines: list[Line]) -> Document:
    """Read normalised lines into header, title, preamble and the heading tree."""
    header = Header()
    root = Node(level=0, ordinal=0, marker="", line=None, start=0, title_stop=0, parent=None)
    stack = [root]
    preamble: list[Line] = []
    ignored: list[Line] = []
    dated: tuple[dt.date, Line] | None = None
    ids: set[str] = set()
    copies: dict[str, int] = {}  # the next copy number to try for a clause id
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if _ATTACHMENT.match(text):
            del stack[1:]
        if is_residue(text) or _ATTACHMENT.match(text):
            ignored.append(line)
            continue
        if len(stack) == 1 and (text.startswith("|") or _KEYED_ROW.match(text)):
            _table_row(line, header)
            continue
        if len(stack) == 1 and not root.children and _key_line(line, header):
            continue
        date_match = _DATED_LINE.match(text)
        if date_match is not None:
            day = _date(text)
            if day is not None and dated is None:
                dated = (day, line)
            continue
        written = _chinese_date(text)
        if written is not None:
            if dated is None:
                dated = (written, line)
            continue
        found = (
            _heading(text)
            or _sequel_heading(text, stack)
            or _listed_item(text, stack, _next_texts(lines, index))
        )
        if found is None:
            if stack[-1] is root:
                preamble.append(line)
            else:
                stack[-1].paragraphs.append(line)
            continue
        level, ordinal, end = found
        while stack[-1].level >= level:
            stack.pop()
        parent = stack[-1]
        base = f"{parent.clause_id}.{ordinal}" if parent.clause_id else str(ordinal)
        clause_id = base
        copy = copies.get(base, 2)  # the copies below it are taken: ids only grow
        while clause_id in ids:
            clause_id = f"{base}-{copy}"
            copy += 1
        copies[base] = copy
        ids.add(clause_id)
        node = Node(
            level=level,
            ordinal=ordinal,
            marker=text[:end],
            line=line,
            start=end,
            title_stop=title_end(text, end),
            parent=parent,
            clause_id=clause_id,
        )
        parent.children.append(node)
        stack.append(node)
    if header.published is None:
        _inline_date(preamble, header)
    title_lines: tuple[Line, ...] = ()
    if not header.title:
        for line in preamble:
            if _DOC_NUMBER.match(line.text):
                header.document_number = header.document_number or line.text
        title_lines = _title_lines(preamble)
        header.title = "".join(_title_text(line.text) for line in title_lines)
    header.notice, header.title = plan_name(header.title)
    wrapped_titles(_walk(root), lines)
    if title_lines:
        preamble = [line for line in preamble if all(line is not t for t in title_lines)]
    title_line = title_lines[0] if title_lines else None
    return Document(
        lines=lines,
        header=header,
        root=root,
        preamble=preamble,
        ignored=ignored,
        title_line=title_line,
        dated_line=dated,
    )


# The names the input stage joins a text broken at a fixed width with (:mod:`._input`).
WRAP_SLACK = _WRAP_SLACK
UNFINISHED_AFTER = _UNFINISHED_AFTER
columns_of = _columns
heading_of = _heading


def table_like(raw: str) -> bool:
    """Whether a line is a table's row (cells apart by a tab, a bar or spaces) or a menu's."""
    text = raw.strip()
    if _CELLS.search(text) is not None:
        return True
    gaps = len(_SPACED_CELLS.findall(text))
    return gaps >= _SPACED_ROW or (gaps == 1 and len(text) <= _SHORT_ROW)
