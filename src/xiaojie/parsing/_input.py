"""Reading the input: a text, or a file in one of the formats of :mod:`._readers`."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from xiaojie.dates import find_when
from xiaojie.errors import PlanParseError
from xiaojie.parsing._clauses import (
    LABEL_RE,
    find_clauses,
    join_wrapped_lists,
)
from xiaojie.parsing._flat import flat_tables
from xiaojie.parsing._readers import (
    READERS,
    looks_traditional,
    printed_page,
    read_text,
    strip_pinyin_glosses,
    to_simplified,
)
from xiaojie.parsing._structure import (
    WRAP_SLACK,
    columns_of,
    comma_item,
    header_line,
    heading_of,
    month_item,
    table_like,
    wrap_width,
)
from xiaojie.parsing._tables import text_tables
from xiaojie.parsing._text import is_residue, normalize_line, split_lines


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = ["read_input", "split_run_on"]


def read_input(
    text_or_path: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None
) -> tuple[str, str, str, list[tuple[int, str]], list[tuple[int, int]] | None]:
    """Return ``(text, file name, original, table guesses, origins)`` for a text or a path.

    ``origins`` is ``None`` when ``text`` has the source's lines; when a line was split
    (:func:`split_run_on`, :func:`split_inline_items`, a campaign heading a table row brought) it
    holds, for each line of ``text``, the source's line number and the 0-based column its piece
    began at, so that notes point into the source. ``table guesses`` are by the source's lines.

    ``original`` is the text as given when it was in traditional script and was converted to
    simplified (line for line), else empty; pinyin glosses (``城鄉(xiāng)``) are dropped from
    ``text``. ``table guesses`` are ``(line index, what was
    guessed)`` for tables flattened one cell a line (:mod:`._flat`) and for 分工表 rows whose
    lead was taken from a merged cell above.
    """
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and len(text_or_path) < 1024
        and _is_file(text_or_path)
    ):
        path = Path(text_or_path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            msg = f"expected a readable plan text file, found {type(err).__name__}: {err.strerror}"
            raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
        reader = READERS.get(path.suffix.lower(), read_text)
        text, name = reader(path, raw).text(columns), path.name
        if reader is read_text:
            text = unwrap_printed(text)
    elif isinstance(text_or_path, str):
        text, name = unwrap_printed(text_or_path), ""
    else:
        msg = f"expected plan text (str) or a path, found {type(text_or_path).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    original, given = "", text
    text = strip_pinyin_glosses(text)
    if looks_traditional(text):
        original = given
        text = to_simplified(text, name or "<text>")
    lines = text.split("\n")
    guesses: list[tuple[int, str]] = []
    joined = join_broken_times(join_wrapped_lists(lines))
    pieces: list[str] = []  # the lines, a page run together split at its headings
    starts: list[tuple[int, int]] = []  # (line number in ``lines``, column) of each piece
    for number, line in enumerate(joined, start=1):
        parts = split_run_on(line)
        starts.extend((number, column) for column in _columns_of(line, parts))
        pieces.extend(parts)
    tabled = text_tables(pieces, columns, guesses)
    tabled, flat = flat_tables(tabled, columns)
    guesses.extend((index, f"table flattened one cell a line: {guess}") for index, guess in flat)
    guesses = [(starts[index][0] - 1, guess) for index, guess in guesses]
    # the number :func:`split_lines` gives each of ``lines`` (a form feed, U+2028 … break lines too)
    first = list(itertools.accumulate((_breaks(line) for line in lines[:-1]), initial=1))
    rewritten: list[str] = []
    origins: list[tuple[int, int]] = []
    for piece, read, (number, column) in zip(pieces, tabled, starts, strict=True):
        # a line no table rewrote may hold sub-items; a table's row may follow a heading
        parts = split_inline_items(piece) if read == piece else [read]
        offsets = [column + at for at in _columns_of(piece, parts)] if len(parts) > 1 else [column]
        for part, at in zip(parts, offsets, strict=True):
            before = (joined[number - 1][:at] + "x").splitlines()
            line_number, line_column = first[number - 1] + len(before) - 1, len(before[-1]) - 1
            for row in part.split("\n"):  # (a campaign heading a table placed before its row)
                rewritten.append(row)
                origins.extend(
                    (line_number + k, line_column if not k else 0) for k in range(_breaks(row))
                )
    if rewritten != lines:
        text = "\n".join(rewritten)
    moved = any(origin != (index, 0) for index, origin in enumerate(origins, start=1))
    return text, name, original, guesses, (origins if moved else None)


def _breaks(line: str) -> int:
    """How many lines :func:`str.splitlines` makes of ``line`` followed by a line break."""
    return len((line + "\n").splitlines())


def _columns_of(line: str, parts: list[str]) -> list[int]:
    """Return where each of ``parts`` (pieces of ``line``, in order) begins in ``line``."""
    at = 0
    columns: list[int] = []
    for part in parts:
        at = max(line.find(part, at), at)
        columns.append(at)
        at += len(part)
    return columns


def unwrap_printed(text: str) -> str:
    r"""Join the lines of a text broken at a fixed width (copied out of print), else return it.

    A plan copied from a PDF viewer breaks every line at the page's width (28 characters for a
    公文), inside words and responsibility labels (``（牵`` / ``头单位：…``). When the text has
    such a width (:func:`~xiaojie.parsing._structure.wrap_width`), a line that takes it (even
    ending a sentence: a paragraph's own end mostly falls short of the width), or that ends
    inside a bracket, goes on with the next line, unless that one starts a heading, a
    responsibility or time label (``牵头单位:``, ``完成时限:``; not inside a bracket), is
    indented as a paragraph's first line (``　　坚持…``), is led by a dash (``——坚持…``) after a
    sentence's end, or is a table's row (cells apart by a tab, a bar or spaces, which never
    count for the width). A page's footer between the two stays where it is. A text is taken as broken so only when at least five distinct lines,
    and a third of its lines, take the width, of at least 20 characters (a list of short lines
    alike is not a page). The joined line leaves an empty line in its place, so that line
    numbers stay those of the file.

    Examples
    --------
    >>> text = (
    ...     "1.开展防止返贫动态监测专项排查，6月底前完\n成排查。（牵头单位：县乡村振兴局；配合单位\n"
    ...     "：县财政局）\n2.加强产业帮扶，推动脱贫地区特色产业提质增\n效，10月底前完成项目验收。\n"
    ...     "3.强化就业帮扶，确保脱贫劳动力务工规模稳\n定。（牵头单位：县人力资源社会保障局）"
    ... )
    >>> print(unwrap_printed(text))
    1.开展防止返贫动态监测专项排查，6月底前完成排查。（牵头单位：县乡村振兴局；配合单位：县财政局）
    <BLANKLINE>
    <BLANKLINE>
    2.加强产业帮扶，推动脱贫地区特色产业提质增效，10月底前完成项目验收。
    <BLANKLINE>
    3.强化就业帮扶，确保脱贫劳动力务工规模稳定。（牵头单位：县人力资源社会保障局）
    <BLANKLINE>
    """
    lines = split_lines(text)
    width = wrap_width(lines)
    if width is None or width < _NARROWEST_PRINT:
        return text  # (lines of 10–19 characters alike are a list's, not a page's)
    # broken at the width, most of the text's lines take it: a few alike lines are not enough
    body = [ln for ln in lines if ln.text and not is_residue(ln.text) and not table_like(ln.raw)]
    near = {ln.text for ln in body if abs(columns_of(ln.raw) - width) <= WRAP_SLACK}
    if len(near) < _WRAPPED_LINES or 3 * len(near) < len(body):
        return text  # (a line repeated, as a page's menu is, counts once)
    out: list[str] = []
    into: int | None = None  # the index of the line the next one would join
    # The number of the last item numbered N、 and whether a month led it: "3、9月底前…" after
    # a line ending "…。" is item 3 only after "2、6月底前…" ("1、3月底前…" after no item); after
    # "2、加强督导…" it may as well be the sentence's "3、4月份完成…" broken at the width.
    item, by_month = 0, True
    for line in lines:
        if line.text and (is_residue(line.text) or printed_page(line.text)):  # a page's footer
            out.append(line.raw)
            continue
        number = comma_item(line.text)
        heading = heading_of(line.text) is not None
        listed = (
            by_month
            and month_item(line.text) == item + 1
            and (into is None or out[into].rstrip().endswith(_ITEM_END))
        )
        if (
            into is not None
            and line.text
            and not heading
            and not listed
            and not header_line(line.text)
            and (LABEL_RE.match(line.text) is None or _open_bracket(out[into]))
            and not table_like(line.raw)
            and (_INDENT.match(line.raw) is None or _open_bracket(out[into]))
            and not (line.text.startswith(_DASH_ITEM) and _ends_sentence(out[into]))
        ):
            out[into] += line.raw.strip()
            out.append("")
        else:
            out.append(line.raw)
            into = len(out) - 1
            if number is not None and (listed or heading):
                item, by_month = number, listed
        # a line that takes the width goes on, a sentence's end there too (a paragraph ends
        # short of the width but once in a line's worth of characters); a line ending inside a
        # bracket goes on whatever its width ("（责任单位：" / "自治区…）")
        wrapped = bool(line.text) and not table_like(line.raw)
        short = columns_of(line.raw) < width - WRAP_SLACK
        if into is None or not wrapped or (short and not _open_bracket(out[into])):
            into = None
    return "\n".join(out)


_NARROWEST_PRINT = 40
"""The narrowest width, in columns (20 Chinese characters), a page is taken to be printed at."""
_DASH_ITEM = ("——", "—— ")
"""A paragraph led by a dash ("——坚持党委领导…"), as a 公文 lists principles: no piece of a line
above that ends its sentence."""
_SENTENCE_END = tuple("。！？；;!?")


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (a closing bracket or quote after the mark allowed)."""
    return text.rstrip().rstrip("）)”’」』").endswith(_SENTENCE_END)


# How an item's text ends before the next item's number (2、6月底前… after "…县审计局）").
_ITEM_END = (*_SENTENCE_END, "）", ")")
_WRAPPED_LINES = 5
"""The fewest lines taking the width that make a text broken at it, for joining its lines."""
# A paragraph's first line, indented ("　　坚持…"): never a piece of the line above.
_INDENT = re.compile(r"(?:\u3000+| {2,}|\t+)\S")


def _open_bracket(text: str) -> bool:
    """Whether ``text`` ends inside a bracket: ``（责任`` goes on with ``单位：…）``."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


_IN_PHRASE = frozenset(
    "0123456789０１２３４５６７８９年月日号旬底末初前上中下季度半内一二三四五六七八九十〇零两"
)
"""The characters a time phrase may hold on both sides of a line break inside it."""
_LINE_TAIL = 16
_LINE_HEAD = 8
_ANY_DAY = dt.date(2000, 1, 1)  # the breaks are found, not read: any reference will do
_NEW_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]+[)）]|\d{1,3}[.、．\s|｜,，]|\d{1,3}$)"
)
"""An item's number; a number alone on its line is a table's row number (one cell a line)."""
_LONE_NUMBER = re.compile(r"\d{1,3}")
_LONE_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}")
"""A row's number in Chinese numerals alone on its line (三 / 日常走访)."""
"""A number alone on its line, as a table's row number or a count stands (one cell a line)."""
_TABLE_ROW = re.compile(r"[\t|｜]| {2,}|\u3000")
"""A row of a table typed as text (cells a tab, a bar or a run of spaces apart): never joined."""


def join_broken_times(lines: list[str]) -> list[str]:
    r"""Return ``lines`` with a line break inside a time phrase (``7月上`` / ``旬前完成``) closed.

    A text wrapped by hand or copied from a printed page may break a line inside a date; the
    two pieces then read as another date (``7月``) and a stray word. A line that does not end a
    sentence is joined with the next one (not a new item, and neither a row of a table typed as
    text) when a time phrase runs across the break; the next line is left empty, so that line
    numbers stay.

    Examples
    --------
    >>> join_broken_times(["(一)开展排查。2025年7月上", "旬前完成。", "(二)推进"])
    ['(一)开展排查。2025年7月上旬前完成。', '', '(二)推进']
    >>> join_broken_times(["完成时限:2025年", "各乡镇配合。"])
    ['完成时限:2025年', '各乡镇配合。']
    >>> join_broken_times(["各街镇", "2019年3月", "2", "纳入专项督查。"])[1:3]
    ['2019年3月', '2']
    >>> join_broken_times(["1", "11", "月浦镇"])[1:], join_broken_times(["县民政局", "12", "月底前"])[1:]
    (['11', '月浦镇'], ['12月底前', ''])
    >>> join_broken_times(["完成时限", "1", "年内完成老旧小区改造。"])[1:]
    ['1', '年内完成老旧小区改造。']
    >>> join_broken_times(["每月", "15", "日前报送进展。"])
    ['每月15日前报送进展。', '', '']
    >>> join_broken_times(["1\t摸底排查\t县人社局\t2025年6月", "2\t技能培训\t县农业农村局\t2025年9月"])[1]
    '2\t技能培训\t县农业农村局\t2025年9月'
    """
    out = list(lines)
    # from the last line up: a phrase broken twice (每月 / 15 / 日前) joins whole
    for index in reversed(range(len(lines) - 1)):
        first, second = out[index].rstrip(), out[index + 1].strip()
        if (
            not first
            or not second
            or first[-1] not in _IN_PHRASE
            or second[0] not in _IN_PHRASE
            or _NEW_ITEM.match(second)
            or _TABLE_ROW.search(first)
            or _TABLE_ROW.search(second)
        ):
            continue
        tail = first[-_LINE_TAIL:]
        joined = tail + second[:_LINE_HEAD]
        found = find_when(joined, reference=_ANY_DAY)
        spans = [(f.offset, f.offset + len(f.text)) for f in found]
        spans += [(u.offset, u.offset + len(u.text)) for u in found.unread]
        # a number alone on its line (a table's cell) joins only a month's or day's phrase that
        # goes on past its unit: 12 / 月底前 (a deadline), not 11 / 月浦镇 (a town), 1 / 年内完成…
        # (a row's number before its task)
        lone = _LONE_NUMBER.fullmatch(first.strip()) is not None
        if lone and second[0] not in "月日号":
            continue
        reach = len(tail) + (2 if lone else 1)
        if any(start < len(tail) and reach <= end for start, end in spans):
            out[index] = first + second
            out[index + 1] = ""
        elif (
            index > 0
            and _IN_PHRASE.issuperset(first.strip())
            and _broken_twice(
                out[index - 1].rstrip(),
                first.strip(),
                second,
                lone=lone or _LONE_NUMERAL.fullmatch(first.strip()) is not None,
            )
        ):
            out[index - 1] = out[index - 1].rstrip() + first.strip() + second
            out[index] = out[index + 1] = ""
    return out


def _broken_twice(before: str, middle: str, after: str, *, lone: bool) -> bool:
    """Whether a phrase runs from ``before`` over a short ``middle`` line into ``after``.

    ``每月`` / ``15`` / ``日前``, ``2025年1`` / ``月`` / ``底前``: the middle alone joins neither
    line, as no phrase starts in it. The phrase starts before the middle line and goes on into
    the next one; past a number alone on its line, two characters into it (``日前``): a day
    alone (``2025年12月`` / ``3`` / ``日常监测预警``) is a table's row number before its task.
    """
    if not before or before[-1] not in _IN_PHRASE or _TABLE_ROW.search(before):
        return False
    tail = before[-_LINE_TAIL:]
    found = find_when(tail + middle + after[:_LINE_HEAD], reference=_ANY_DAY)
    reach = len(tail) + len(middle) + (2 if lone else 1)
    return any(f.offset < len(tail) and reach <= f.offset + len(f.text) for f in found)


_INLINE_HEADING = re.compile(
    r"(?<=[。;:!?)”\s])\s*(?=(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|"
    r"(?<![\d.])\d{1,2}[.、](?![\d.])|\(\d{1,2}\)))"
)


_OUTER = re.compile(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)")


_SPACED_HEADING = re.compile(
    r"(?<=[)）。;；])[ \t\u3000]{2,}(?=[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
    r"|(?<=[)）])[ \u3000]?(?=[(（][一二三四五六七八九十]+[)）][^\s)）])"
)
"""A heading marker after a clause or sentence end and a run of spaces, or right after a clause's
bracket (one space at most): a paragraph break lost."""


_TITLE_THEN_ITEM = re.compile(
    r"([一二三四五六七八九十]+、[^。;；,，:：()（）\s]{1,30})[ \t\u3000]+"
    r"(?=[(（][一二三四五六七八九十]+[)）]\S)"
)
"""A section's heading, a space and its first item's marker on one line (a page run together)."""


def split_run_on(line: str) -> list[str]:
    """Split a page text run into one long line before the heading markers inside it.

    Only lines of more than 300 characters with at least two markers after a sentence end, one
    of them a section marker (一、 or (一)), are split, so a paragraph that enumerates (1)、(2)
    stays whole.

    Examples
    --------
    >>> text = "甲" * 300 + "。一、重点任务 (一)加强监测。1.完善机制。(省民政厅负责)2.加强帮扶。"
    >>> [part[:6] for part in split_run_on(text)][1:]
    ['一、重点任务', '(一)加强监', '1.完善机制', '2.加强帮扶']

    A heading after a clause and a run of spaces starts a line of its own, however short:

    >>> split_run_on("(一)建设平台。(统计局参与)\u3000\u3000(二)推进试点。")
    ['(一)建设平台。(统计局参与)', '(二)推进试点。']

    So does a section's heading and a space before its first item, and an item's marker right
    after a clause's bracket (one space at most):

    >>> split_run_on("一、营造优良投资环境 (一)放宽限制。(商务部负责) (二)优化服务。")
    ['一、营造优良投资环境', '(一)放宽限制。(商务部负责)', '(二)优化服务。']
    """
    title = _TITLE_THEN_ITEM.match(line)
    if title is not None:  # 一、营造优良投资环境 （一）借鉴…: the section's title, then its items
        return [title.group(1), *split_run_on(line[title.end() :])]
    if _SPACED_HEADING.search(line):
        return [
            part
            for piece in _SPACED_HEADING.split(line)
            for part in split_run_on(piece.strip())
            if part
        ]
    if len(line) <= 300:
        return [line]
    cuts = [m.end() for m in _INLINE_HEADING.finditer(line)]
    outer = [c for c in cuts if _OUTER.match(line, c)]
    if len(cuts) < 2 or not outer:
        return [line]
    parts = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [p for p in parts if p]


_INLINE_ITEM = re.compile(
    r"(?<=[。;；:：])[ \t\u3000]*(?:[(（](?P<number>\d{1,2})[)）]|(?P<circled>[\u2460-\u2473]))"
)
"""A numbered sub-item's marker after a sentence's end or a colon: ``；(2)``, ``。（2）``, ``：①``."""
_ITEM_HEAD = re.compile(r"[^,，;；:：。()（）\t|]{2,30}[。:：]")
"""An item's title alone, ending in 。 or a colon: what may stand before its inline sub-items."""
_LIST_HEAD = re.compile(r"(?:包括|如下|分工|是|为|有|做好|重点|主要|内容|要求|措施|任务)[。:：]$")
"""A title that opens a list of one task's contents or units (台账包括:, 责任分工:, 重点做好:)."""


def split_inline_items(line: str) -> list[str]:
    """Split an item's line at sub-items numbered inside it when each ends with its own units.

    ``(三)加强产业帮扶。(1)发展特色产业,县农业农村局负责;(2)推进稳岗就业,县人社局负责。``
    holds two tasks: each sub-item becomes a line of its own, as if written so. The line opens
    with an item's number and its title alone (no clause, no time, no list's opening such as
    包括:, 责任分工:), then the markers (``(1)``, ``（1）``, ``①``) count 1, 2, 3 … after a
    sentence's end or a colon; every sub-item says what is done, then ends with its one
    responsibility clause (:func:`~._clauses.find_clauses`). Otherwise (a list inside one task,
    a clause shared by the sub-items, a table's row) the line stays whole.

    Examples
    --------
    >>> split_inline_items("(三)帮扶。(1)发展产业,县农业农村局负责;(2)稳岗就业,县人社局负责。")
    ['(三)帮扶。', '(1)发展产业,县农业农村局负责;', '(2)稳岗就业,县人社局负责。']
    >>> split_inline_items("(三)建设。建设内容包括:(1)推进泵闸建设;(2)推进河道建设。(县水务局负责)")
    ['(三)建设。建设内容包括:(1)推进泵闸建设;(2)推进河道建设。(县水务局负责)']
    """
    if len(line) < 12 or "\t" in line or "|" in line:
        return [line]
    markers = list(_INLINE_ITEM.finditer(line))
    if len(markers) < 2:
        return [line]
    numbers = [int(m["number"]) if m["number"] else ord(m["circled"]) - 0x245F for m in markers]
    if numbers != list(range(1, len(markers) + 1)):
        return [line]
    starts = [m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000")) for m in markers]
    head = normalize_line(line[: starts[0]]).text
    heading = heading_of(head)
    if heading is None or not _ITEM_HEAD.fullmatch(head, heading[2]) or _LIST_HEAD.search(head):
        return [line]
    pieces = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    if not all(_sub_item(piece) for piece in pieces):
        return [line]
    return [line[: starts[0]].rstrip(), *(piece.rstrip() for piece in pieces)]


def _sub_item(piece: str) -> bool:
    """Whether a sub-item says what is done, then ends with its one clause naming a unit."""
    text = normalize_line(piece).text.rstrip("。.;,")
    marker = heading_of(text)
    clauses = find_clauses(text)
    if marker is None or len(clauses) != 1:
        return False
    start, end, duty = clauses[0]
    return (
        end >= len(text)
        and bool(duty.names)
        and start - marker[2] >= 2
        and not find_clauses(text[:start])  # (…,县人社局负责。(责任单位:…): the item's)
    )


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False
