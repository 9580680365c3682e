"""The reader of dated phrases: windows, ranges, markers and series."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING, Literal, Protocol

import attrs

from xiaojie.dates._cadence import Frequency
from xiaojie.dates._grammar import (
    _AFTER_WINDOW_WORDS,
    _BEFORE_COMING_YEAR,
    _CLAUSE_MARKS,
    _CN_CHARS,
    _CN_DIGITS,
    _DEADLINE_PREFIXES,
    _EACH_YEAR_WORDS,
    _FROM_PREFIXES,
    _LENGTH_AFTER_ONE_YEAR,
    _MAX_DIGITS,
    _MAX_RELATIVE_YEARS,
    _MONTH_PARTS,
    _NEXT_YEAR_WORDS,
    _NOT_AFTER,
    _NOT_AFTER_YEAR_WORD,
    _NOT_BEFORE_NEXT_YEAR,
    _RANGE_SEPARATORS,
    _RELATIVE_MONTHS,
    _RELATIVE_QUARTERS,
    _RELATIVE_YEARS,
    _SERIES_SEPARATORS,
    _TIME_BETWEEN,
    _TIME_ENDS,
    _TWO_DIGIT_YEAR_REACH,
    _UNDER_WORDS,
    _VERBS_AFTER,
    _WRITTEN_YEAR,
    _cn_value,
    _ImpossibleError,
    _is_cjk,
    _Item,
    _Marker,
    _month_end,
    _Window,
)
from xiaojie.dates._workdays import add_working_days, holiday_days, is_working_day
from xiaojie.errors import CalendarCoverageError, DateValueError


if TYPE_CHECKING:
    from collections.abc import Collection

    from xiaojie.dates._named import NamedPeriods


class _ListReader(Protocol):
    """Reads the windows of a shared list's numbers: those before the last, the last, its year."""

    def __call__(
        self, *, into_next_year: bool = False
    ) -> tuple[list[_Window], _Window, int] | None: ...


def _turns_year(last: _Window, following: _Window) -> bool:
    """Whether a list's next window, read in the last one's year, names an earlier month.

    "12月和1月", "第四季度和1月": the next is in the year after, as the end of "12月至2月" is.
    Not when the next names its year (次年1月, 2026年1月) or is named from the reference date
    (本月), nor for a bare day of the same month ("6月5日和3日").
    """
    if following.own_year or following.relative or last.relative:
        return False
    before = last.start or last.end
    after = following.start or following.end
    return (
        before is not None
        and after is not None
        and after.year == before.year
        and after.month < before.month
    )


# --------------------------------------------------------------------------------------------
# The scanner


# Quotes a name may stand in: “五一”前, “十四五”末.
_OPEN_QUOTES = frozenset('“"‘「『')
_CLOSE_QUOTES = frozenset('”"’」』')
# The last characters of a range's separators, before a quoted name that ends the range.
_RANGE_ENDS = frozenset("至到—–-~")
_QUOTED_MARKERS = (
    "末",
    "期末",
    "期间",
    "时期",
    "以来",
    "以后",
    "之后",
    "后",
    "之前",
    "以前",
    "前",
    "内",
)
# Words between a season (of farm work, of floods; registered or not) and its 前/后/期间:
# 春耕生产前, 秋收结束后, 三夏大忙期间, 汛期到来前. A registered period reads those that leave
# its marker's meaning whole (春耕生产前 is 春耕前); the others are reported (汛期到来前 is before
# the period starts, a day the plan does not give).
_SEASON_FILLERS = ("生产", "备耕", "大忙", "农忙", "时节", "结束", "开始", "到来", "来临")
_NAMED_FILLERS = ("生产", "备耕", "大忙", "农忙", "时节", "结束")
_FILLED_MARKERS = ("期间", "之前", "以前", "前", "之后", "以后", "后")
# A day of the week written after a date: "2月28日（星期五）", "3月31日(周一)", "3月3日星期一".
# A day of the lunar calendar in brackets after a date ("2月11日（正月十五）之后"): a note, as a
# day of the week is (not checked against the date).
_LUNAR_NOTE = re.compile(
    r"[（(](?:农历)?(?:正|一|二|三|四|五|六|七|八|九|十|十一|十二|冬|腊)月"
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|"
    r"廿[一二三四五六七八九]|三十)[）)]"
)
_WEEKDAY_NOTE = re.compile(
    r"[（(](?:星期|礼拜|周)([一二三四五六日天])[）)]"
    # unbracketed, not the start of a range or list of days (3月3日周一至周五)
    r"|(?:星期|礼拜|周)([一二三四五六日天])(?![至到~—\-－、和及与])"
)
_WEEKDAY_NAMES = "一二三四五六日"
# A time of day written after a day ("6月30日14:30", "6月30日上午9时", "2023-01-05 10:00",
# "下午3点半", "8:00-12:00"): part of the day's phrase; the day is what is read. A number and 点
# is an hour only in digits or after 上午/下午 … (三点要求 are three points), not before 位, 多, 钟.
_HOUR = r"(?:[01]?\d|2[0-4])"
_CN_HOUR = r"[一二三四五六七八九十两]{1,3}"
_HOUR_MINUTES = r"(?:半|整|[0-5]?\d分|[一二三四五六七八九十]{1,3}分)?"
_ONE_CLOCK = (
    rf"(?:{_HOUR}[:：][0-5]\d(?:[:：][0-5]\d(?:\.\d{{1,3}})?)?(?![\d%])"
    rf"|(?:{_HOUR}|{_CN_HOUR})时{_HOUR_MINUTES}"
    rf"|{_HOUR}点{_HOUR_MINUTES}(?![位多钟数])"
    rf"|(?<=[午上晨])(?:{_CN_HOUR})点{_HOUR_MINUTES})"
)
_CLOCK_NOTE = re.compile(
    rf"\s?(?:上午|下午|晚上|早上|中午|凌晨)?{_ONE_CLOCK}"
    rf"(?:\s?[-—–~至到]\s?(?:上午|下午|晚上|早上|中午|凌晨)?{_ONE_CLOCK})?"
)
# The last working day of a month ("12月最后一个工作日前"), on the official calendar.
_LAST_WORKING_DAY = ("最后一个工作日", "最后1个工作日", "最末一个工作日")
# Days after the end of a window ("结束后10日内"): (unit, working days, the largest count read).
_DAYS_AFTER = (
    ("个工作日", True, 250),
    ("工作日", True, 250),
    ("日", False, 366),
    ("天", False, 366),
)


# Holidays on fixed days of the solar calendar (month, day): "X前" is due the day before.
_FIXED_HOLIDAYS = {
    "五一劳动节": (5, 1),
    "国庆节": (10, 1),
    "劳动节": (5, 1),
    "元旦": (1, 1),
    "五一": (5, 1),
    "国庆": (10, 1),
}


# The public holidays a plan names, by the word the official calendar knows them by (国庆节: 国庆).
_HOLIDAY_WORDS = {
    "五一劳动节": "劳动",
    "中秋节": "中秋",
    "国庆节": "国庆",
    "端午节": "端午",
    "清明节": "清明",
    "劳动节": "劳动",
    "春节": "春节",
    "元旦": "元旦",
    "清明": "清明",
    "五一": "劳动",
    "端午": "端午",
    "中秋": "中秋",
    "国庆": "国庆",
}


_AFTER_PERIOD = ("之前", "以前", "之后", "以后", "前", "后")
"""After 期间 these make it no time of its own ("国庆期间前"): not read."""
# After a holiday's name, the break it gives (春节假期后, 国庆长假期间, “五一”小长假期间): the same days.
_HOLIDAY_BREAK_WORDS = ("小长假", "长假", "假期")
# Around a holiday rather than before or after it: no day the plan gives.
_AROUND_HOLIDAY = ("前后", "前夕", "前期", "后期")
# A length counted from a holiday after its 前 or 后: 春节后一周内, 春节前3个工作日, 春节后第一个工作日,
# 春节后半个月, 春节后的几天 (a number or 半 and a unit; not 一次性, 一律, 第一时间, 首批, 一季度).
_HOLIDAY_COUNT = re.compile(
    r"的?(?:第|首|头|前)?(?:[0-9０-９]+|[一二两三四五六七八九十百几数]+|半)个?"
    r"(?:工作日|星期|日|天|周|月|年)(?:以内|之内|内)?"
)
# The first working day after a holiday's 后 (春节后第一个工作日, 国庆节后上班第一天): one day.
_FIRST_WORKING_DAY = re.compile(
    r"的?(?:第一个|第1个|首个|头一个)工作日|(?:上班|复工|开工)的?(?:第一天|第1天|首日)"
)
# After 上年, 去年 …: the same period of that year as another date (上年同期, 上年当月初).
_SAME_PERIOD = (
    "同期",
    "当月初",
    "当月底",
    "当月末",
    "当月",
    "同月",
    "当季度",
    "同季度",
    "当季",
    "同季",
)
AHEAD_OR_BEHIND = ("提前", "推后", "延后", "滞后", "落后", "超前")
"""Before 一季度 or 一个月 these make a length ahead of or behind time ("提前一季度完成")."""
_MONTH_OR_QUARTER_BEFORE = re.compile(
    r"(?:月(?:份|底|末|初|中旬|[上下]旬)?|季度(?:末|初)?)(?:之前|以前|前)?"
)
"""The unit and part of 前一个月底, 前一季度末前: reported whole."""
# A day said to be included, between it and 前 or 起 ("6月30日（含）前").
_INCLUSIVE = re.compile(r"[（(]含(?:当日|当天|本日|当月)?[）)]")
# A day said to be left out ("截至2025年6月30日（不含）", "7月1日（不含）起"): the day before or after.
_EXCLUSIVE = re.compile(
    r"[ \u3000]*[（(][ \u3000]*不含(?:当日|当天|本日)?[ \u3000]*[）)](?:[ \u3000]*(?=[前起以之后止为]))?"
)
# Before 年末, 年度初 … these make it another year's or every year's ("下年度末", "新年度初",
# "各年度末", "每个年度末"): not the reference year's part.
_OTHER_YEAR_BEFORE = frozenset("下新各")
_OTHER_YEAR_WORDS = frozenset({"每个", "下一", "各个", "这个", "那个"})
# Words ending in 下 or 新 that leave the year the reference's ("全县上下年底前", "创新年度末").
_NOT_OTHER_YEAR = frozenset(
    {"上下", "创新", "革新", "更新", "重新", "全新", "刷新", "最新", "崭新", "之下", "以下"}
)
# After 年初, 年底, 年末 these make another word (年初步建成, 年末位); after 年度初, 年度末,
# 年度底 any that makes one after 初, 末, 底 (年度初审, 年度末位, 年度底线).
_WORD_AFTER_PART = {"初": "步始衷", "底": "线薪", "末": "位梢"}
# Parts of a month not read after 份 (see month_rest).
_NOT_AFTER_FEN = frozenset({"初", "中"})
# The month named before, once more: 6月10日至当月底.
_SAME_MONTH = ("当月", "该月", "同月")
_MORE_DAYS = re.compile(r"(?:前|之前|以前)?[、和及与](?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
"""More days after a date ("、20日"): a list of months before it does not share them all."""
# The first of 旬 sharing the word: 上 of "6月上、中旬", 中 of "中、下旬" (the rest in group 2).
_SHARED_TEN_DAYS = re.compile(r"([上中下])(?=((?:、[上中下])*、[上中下]旬))")
# Parts of a month read without 月 only after a month named before (6月上旬至中旬) are the 旬;
# these others are not read so (中, 底 … alone start other words).
_NOT_A_BARE_PART = frozenset(word for word, _, _ in _MONTH_PARTS if not word.endswith("旬"))
# A part of a month by its word: (first day, last day or None for the month's last).
_PART_DAYS = {word: (first, last) for word, first, last in _MONTH_PARTS}
# Between a year, a month and a day: "2025-12-31", "2025.12.31", "2025/12/31".
_DAY_SEPARATORS = frozenset("-./")
# A year and month written as tables write them ("2025.12"), and one with a range's separator
# right after it (see dotted_month).
_DOTTED_MONTH = re.compile(
    r"(?:19[4-9][0-9]|20[0-9][0-9]|2100)([./])(?:0?[1-9]|1[0-2])(?:\1[0-9]{1,2})?(?![0-9]|[./][0-9])"
)
_DOTTED_MONTH_BEFORE = re.compile(
    r"(?<![0-9./])(?:19[4-9][0-9]|20[0-9][0-9]|2100)([./])(?:0?[1-9]|1[0-2])(?:\1[0-9]{1,2})?"
    r"(?:——|—|–|-|~|至|到)$"
)
# A month with its 月 ending a range that starts with a dotted year and month ("2025.6-12月").
_BARE_MONTH_AFTER = re.compile(r"(?:0?[1-9]|1[0-2])月")
# The end of a range of days after "2025.6.1-": "6.30" or "30" (see dotted_end).
_DOTTED_END = re.compile(r"(?:(0?[1-9]|1[0-2])([./]))?([0-9]{1,2})(?![0-9]|[./][0-9])")
# After a number these make it an amount ("2024.5—2025.3万元"), not a year and month.
_AMOUNT_UNITS = frozenset("万亿千百元%％吨亩个人户次台套件家所公斤米")
# After a day written with digits, the rest of a file's name ("2025.12.31台账.xlsx",
# "进度2025-06-30.docx"): no time word right after the day, no blank or mark before the extension.
# Before a day these make it a date even in what looks like a file's name ("请于2025.6.30报送
# 汇总表.xlsx", "截至2025.6.30的数据.xlsx").
_BEFORE_A_DATE = frozenset("于在至到止自从起")
_FILE_NAME_TAIL = re.compile(
    r"(?![前后起至到以之内止底末左日号])[^\s，,。；;：:、（）()“”\"'《》<>|]{0,40}?"
    r"\.(?:xlsx|xlsm|xls|docx|doc|pdf|wps|et|ofd|csv|txt|zip|rar|7z|jpeg|jpg|png)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# The years a table's "2025.12.31" may date (a dotted number of another year is no date).
_TABLE_YEARS = (1949, 2100)
# Each year's words before a part of it ("每年最后一个季度", "每年度的第二个季度"; see year_named).
_EACH_YEAR = ("每年", "每年度", "每一年")
# The last quarter ("2025年最后一个季度": its fourth; without a year reported, see quarter()).
_LAST_QUARTER = (
    "最后一个季度",
    "最后一季度",
    "最末一个季度",
    "最末一季度",
    "最后1个季度",
    "最后1季度",
)
# After 号 these make the number a document's, an order's, a building's … ("1号文件", "第3号令"),
# not a day's.
_NOT_DAY_AFTER_HAO = ("文件", "令", "公告", "楼", "院", "窗口")
# A line of a metro ("12月5号线开通前": line 5 opens in December), not 线上 or 线下 (online).
_METRO_LINE = re.compile(r"号线(?![上下])")
# Before 上 these make a word of it (会上, 晚上, 线上, 以上, 基础上, 实际上 …), so "会上、下半年"
# is no list of both halves; after other characters it is ("全县上、下半年", "2025年上、下半年").
_WORD_BEFORE_SHANG = frozenset("会晚早线网以之马路身手面台桌山向往础平义际体则本街楼岸")
# The numerals of a heading's or item's number ("一、", "1、"), which may stand before a list's
# first number.
_HEADING_NUMERALS = "一二三四五六七八九十0123456789"
# How far into a phrase a shared list's first 、 stands at most (截至二〇二五年第一、…).
_LIST_REACH = 20
# The most numbers a list sharing a unit holds (the months of a year).
_MOST_SHARED = 12
# Around a list of numbers sharing a unit at a line's start (see shared_unit): blanks, and the
# marks that may end a table's cell.
_LINE_BLANKS = " \t\r\u3000\xa0"
_LINE_END_MARKS = "。，,；;：:！!？?、"
# Before 至 these make a word of it (甚至, 乃至, 以至, 及至, 冬至, 夏至, 将至, 而至, 纷至, 时至,
# 增至, 降至).
_NOT_UNTIL_ZHI = frozenset("甚乃以及冬夏将而纷时增降")
# 到 ends a period after these only (现在到, 今到, 之日到, 持续到, 即日起到); after other words it
# is mostly part of a verb (做到, 达到, 报到, 收到; 起到……作用).
_UNTIL_DAO_AFTER = frozenset("在今日时续")


# Verbs before 到/至 that move a day to another (推迟到9月10日召开): that day, not a deadline.
def _weekday_in(day: dt.date, year: int) -> int:
    """Return the ISO day of the week of ``day``'s month and day in ``year`` (0 when none)."""
    try:
        return day.replace(year=year).isoweekday()
    except ValueError:  # 2月29日 in a common year
        return 0


_DEADLINE_MOVED = re.compile("截止|截至|期限|时限")
_MOVED_TO = ("推迟", "延迟", "推后", "延后", "顺延", "调整", "改期", "上班调", "休息调", "放假调")
_UNTIL_DAO_AFTER_START = frozenset("日今此时年月")
"""Before 起到 these make 起 a start (即日起到, 2025年12月起到), not 起到 a verb."""
# For this many days after its last day off a holiday's 后 is that holiday (a notice of
# 6 February 2025 writing "春节后" means the break that ended on 4 February), then next year's.
_AFTER_HOLIDAY_DAYS = 30


class _PeriodReader:
    """A recursive-descent reader over normalised text; every method returns ``None`` or a parse."""

    def __init__(
        self, text: str, reference: dt.date, named: NamedPeriods, *, source: str | None = None
    ) -> None:
        self.s = text
        self.n = len(text)
        self.ref = reference
        self.named = named
        # The text as written, character for character with ``text`` (before full-width digits,
        # ～ and － were normalised), for quoting in reasons.
        self.source = text if source is None or len(source) != len(text) else source
        # Whether a rule of every year is being read (its months are read in a stand-in year).
        self.each_year = False

    def quote(self, start: int, end: int) -> str:
        """Return the stretch ``start:end`` as the source writes it, for a reason."""
        return self.source[start:end]

    # -- small pieces ------------------------------------------------------------------------

    def word(self, pos: int, words: tuple[str, ...]) -> str | None:
        for w in words:
            if self.s.startswith(w, pos):
                follow = self.s[pos + len(w)] if pos + len(w) < self.n else ""
                if (
                    follow
                    and follow in _NOT_AFTER.get(w[-1], frozenset())
                    and len(w) == 1
                    and not self.s.startswith(_VERBS_AFTER.get(w, ()), pos + 1)
                ):
                    continue
                return w
        return None

    def char(self, pos: int) -> str:
        return self.s[pos] if pos < self.n else ""

    def at(self, pos: int, chars: str) -> bool:
        """Return whether the character at ``pos`` exists and is one of ``chars``."""
        return pos < self.n and self.s[pos] in chars

    def day_mark(self, pos: int) -> bool:
        """Return whether 日 or 号 after a day's number is at ``pos`` (not 号文件, 号令 …).

        Only where no month stands before the day (每月1号, 每年的1号文件): after a month 号 is
        the day's ("6月1号线上启动"), but for a line of a metro (:meth:`metro_line`).
        """
        if not self.at(pos, "日号"):
            return False
        return self.s[pos] == "日" or not (
            self.s.startswith(_NOT_DAY_AFTER_HAO, pos + 1) or self.metro_line(pos)
        )

    def metro_line(self, pos: int) -> bool:
        """Whether 号 at ``pos`` names a line ("5号线开通", "每月1、2号线"), not 线上 or 线下."""
        return _METRO_LINE.match(self.s, pos) is not None

    def number(self, pos: int, *, year: bool = False) -> tuple[int, int, bool] | None:
        """Read a number at ``pos``: (value, end, written in Chinese)."""
        end = pos
        while end < self.n and self.s[end].isascii() and self.s[end].isdigit():
            end += 1
        if end > pos:
            if end - pos > _MAX_DIGITS:
                return None
            return int(self.s[pos:end]), end, False
        while end < self.n and self.s[end] in _CN_CHARS:
            end += 1
        if end == pos:
            return None
        run = self.s[pos:end]
        if year:
            if len(run) in {2, 4} and all(ch in _CN_DIGITS and ch != "两" for ch in run):
                return int("".join(str(_CN_DIGITS[ch]) for ch in run)), end, True
            return None
        # Take the longest prefix of the run that is a valid numeral ("十二月" → 十二).
        for stop in range(end, pos, -1):
            value = _cn_value(self.s[pos:stop])
            if value is not None:
                return value, stop, True
        return None

    def date(self, year: int, month: int, day: int, start: int, end: int) -> dt.date:
        try:
            return dt.date(year, month, day)
        except (ValueError, OverflowError):
            if not 1 <= month <= 12:
                reason = f"month {month} is not 1–12"
            elif not dt.MINYEAR <= year <= dt.MAXYEAR:
                reason = f"year {year} is outside {dt.MINYEAR}–{dt.MAXYEAR}"
            else:
                last = _month_end(year, month).day
                if self.each_year:  # read in a leap year: the day is in no year
                    reason = f"{month}月{day}日 does not exist in any year ({month}月 has at most {last} days)"
                else:
                    reason = (
                        f"{month}月{day}日 does not exist in {year} ({month}月 has {last} days)"
                    )
            raise _ImpossibleError(reason, start, end) from None

    def month_end(self, year: int, month: int, start: int, end: int) -> dt.date:
        self.date(year, month, 1, start, end)
        return _month_end(year, month)

    # -- atoms: one window ------------------------------------------------------------------

    def year_prefix(self, pos: int, year: int) -> tuple[int, int] | None:
        """Read "2025年", "二〇二五年", "今年", "上年度", "次年", "19年" …: (year, end)."""
        for word, delta in _RELATIVE_YEARS:
            if self.s.startswith(word, pos):
                end = pos + len(word)
                if self.char(end) in _NOT_AFTER_YEAR_WORD:
                    return None
                same = self.word(end, _SAME_PERIOD)
                if same is not None:
                    # 上年同期, 上年当月初 (of the month a household was identified): not the reference's
                    which = "another year" if delta else "this year, of another date"
                    msg = f"{word}{same} is the same period of {which}; it depends on the sentence"
                    raise _ImpossibleError(msg, pos, end + len(same))
                return self.ref.year + delta, end
        if self.s.startswith(("次年", "翌年"), pos):
            return year + 1, pos + 2
        following = self.word(pos, _NEXT_YEAR_WORDS)
        if (
            following is not None
            and self.char(pos + len(following)) not in _NOT_AFTER_YEAR_WORD
            and not (pos and self.s[pos - 1] in _NOT_BEFORE_NEXT_YEAR)
            and not self.s.endswith(_UNDER_WORDS, 0, pos)
            and not self._under(pos)
            and (following != "下一年" or self._next_year_named(pos + 3))
        ):
            return self._year_before(pos) + 1, pos + len(following)
        if (
            self.s.startswith("来年", pos)
            and (pos == 0 or self.s[pos - 1] in _BEFORE_COMING_YEAR)
            and self.calendar_follows(pos + 2)
        ):
            return year + 1, pos + 2  # as 次年: "2024年11月至来年2月" ends in 2025
        got = self.number(pos, year=True)
        if got is None:
            return None
        value, end, _ = got
        if self.char(end) != "年":
            return None
        if end - pos == 4:
            if value == 0:
                msg = "year 0 does not exist"
                raise _ImpossibleError(msg, pos, end + 1)
            return value, end + 1
        if end - pos == 2 and self.calendar_follows(end + 1):
            return self.two_digit_year(value, pos, end + 1), end + 1
        return None

    def two_digit_year(self, value: int, start: int, end: int) -> int:
        """Return the year "19年" means: the one within 40 years of the reference, or report."""
        century = self.ref.year // 100 * 100
        best = min(
            (century - 100 + value, century + value, century + 100 + value),
            key=lambda y: abs(y - self.ref.year),
        )
        if abs(best - self.ref.year) > _TWO_DIGIT_YEAR_REACH or not best >= dt.MINYEAR:
            msg = (
                f"two-digit year {value:02d} is {best - 100} or {best}: "
                f"neither is within {_TWO_DIGIT_YEAR_REACH} years of {self.ref.year}"
            )
            raise _ImpossibleError(msg, start, end)
        return best

    def _under(self, pos: int) -> bool:
        """Whether 下 at ``pos`` closes 在…下 (在各方支持下, 在新形势下): "under", not "next"."""
        start = max((self.s.rfind(mark, 0, pos) for mark in _CLAUSE_MARKS), default=-1)
        opened = self.s.rfind("在", start + 1, pos)
        # 在各乡镇排查后下一年度: a time (后, 前, 时 …) ends what 在 opened
        return opened >= 0 and pos - opened > 2 and self.s[pos - 1] not in _TIME_ENDS

    def _year_before(self, pos: int) -> int:
        """Return the year 下一年 follows.

        The one written in figures that opens its range or list (2024年11月至下一年2月,
        2025年10月1日至下一年度4月30日), else the reference's: 上一年度和下一年度 are both named
        from it, and a year in other words before it (根据2019年文件精神，下一年度…) is no part of
        its phrase.
        """
        start = max((self.s.rfind(mark, 0, pos) for mark in "。；;!！?？\n"), default=-1)
        written = list(_WRITTEN_YEAR.finditer(self.s, start + 1, pos))
        if written and _TIME_BETWEEN.fullmatch(self.s, written[-1].end(), pos):
            return int(written[-1].group(1))
        return self.ref.year

    def _next_year_named(self, pos: int) -> bool:
        """Whether 下一年 before ``pos`` names the next year, not a length.

        A part of it or a word follows (下一年1至3月, 下一年年底, 下一年春节前, 下一年的), not a
        length's end (下一年内, 下一年来) and not nothing.
        """
        follow = self.char(pos)
        return (
            bool(follow)
            and (follow.isdigit() or _is_cjk(follow))
            and (follow not in _LENGTH_AFTER_ONE_YEAR)
        )

    def calendar_follows(self, pos: int) -> bool:
        """Return whether a part of a year follows ("19年底", "19年3月"), not a length ("19年")."""
        if self.word(pos, ("底", "末", "初", "中")) is not None:
            return True
        if self.s.startswith(("上半年", "下半年", "首季度", "首月", "全年"), pos):
            return True
        p = pos + 1 if self.s.startswith(("第", "前", "后"), pos) else pos
        got = self.number(p)
        if got is None:
            return False
        q = got[1] + 1 if self.char(got[1]) == "个" else got[1]
        return self.s.startswith(("月", "季度"), q)

    def named_period(self, pos: int) -> tuple[_Window, int] | None:
        """Read a named period at ``pos``, in quotes or not ("“十四五”"), with 末/期末 after it.

        "X末" ("十四五末", "到“十四五”末", "过渡期期末") is X's last year, cut to X's start, as 年末 is
        the end of a year; a period with an open end has no 末 and is read without it.
        """
        opened = self.char(pos) in _OPEN_QUOTES
        start = pos + 1 if opened else pos
        name = self.named.match(self.s, start)
        if name is None:
            return None
        end = start + len(name)
        if opened:
            # Quotes become part of the phrase only when a marker follows them ("“十四五”末")
            # or a range joins them to another time ("“十四五”至“十五五”").
            if self.char(end) not in _CLOSE_QUOTES or not (
                self.s.startswith(_QUOTED_MARKERS, end + 1)
                or self.word(end + 1, _RANGE_SEPARATORS) is not None
                or (pos > 0 and self.s[pos - 1] in _RANGE_ENDS)
            ):
                return None
            end += 1
        filler = None if opened else self.word(end, _SEASON_FILLERS)
        if filler is not None and self.s.startswith(_FILLED_MARKERS, end + len(filler)):
            if filler not in _NAMED_FILLERS:  # 汛期到来前: before it starts, not its 前
                stop = end + len(filler)
                stop += len(next(m for m in _FILLED_MARKERS if self.s.startswith(m, stop)))
                msg = (
                    f"{self.quote(pos, stop)} counts from the start of {name}, not from its end "
                    f"as {name}前 and {name}后 do; it is not read"
                )
                raise _ImpossibleError(msg, pos, stop)
            end += len(filler)  # 春耕生产前, 秋收结束后: the period's 前, 后
        period = self.named[name]
        first, last = period.start, period.end
        tail = end + 1 if not opened and self.char(end) in _CLOSE_QUOTES else end
        word = self.word(tail, ("期末", "末期", "末"))
        if word is not None and last is not None:
            year_start = dt.date(last.year, 1, 1)
            first = year_start if first is None or first < year_start else first
            end = tail + len(word)
        known = first or last
        assert known is not None  # noqa: S101 - a Period always has a bound
        window = _Window(
            first, last, known.year, explicit_year=True, month=None, kind="named", own_year=True
        )
        return window, end

    def atom(
        self, pos: int, year: int, *, explicit: bool, month: int | None = None
    ) -> tuple[_Window, int] | None:
        """Read one window at ``pos``; ``year`` is the default year, ``month`` for a bare day."""
        named = self.named_period(pos)
        if named is not None:
            return named
        iso = self.iso(pos)
        if iso is not None:
            return iso
        prefix = self.year_prefix(pos, year)
        if prefix is not None:
            y, p = prefix
            window, end = self.after_year(pos, y, p, explicit=True)
            # 上一年度, 本年度 in a yearly duty name each year's own; 下年度 too when it is the
            # whole year (提交本年度总结和下年度计划), not a date in it (下一年度1月底前)
            each = (
                Frequency.YEARLY
                if self.s.startswith(_EACH_YEAR_WORDS, pos)
                or (self.s.startswith(_NEXT_YEAR_WORDS, pos) and not self.calendar_follows(p))
                else None
            )
            return attrs.evolve(window, own_year=True, each=each), end
        relative = self.relative(pos)
        if relative is not None:
            return attrs.evolve(relative[0], own_year=True, relative=True), relative[1]
        part = self.year_part(pos, year, pos, explicit=explicit)
        if part is not None:
            return part
        quarter = self.quarter(pos, year, pos, explicit=explicit)
        if quarter is not None:
            return quarter
        lead = self.leading(pos, year, pos, explicit=explicit)
        if lead is not None:
            return lead
        got = self.month(pos, year, pos, explicit=explicit)
        if got is not None:
            return got
        if month is not None:
            part = self.month_part_only(pos, year, month, explicit=explicit)
            return part or self.day_only(pos, year, month, explicit=explicit)
        return None

    def iso(self, pos: int) -> tuple[_Window, int] | None:
        """Read "2025-12-31", and "2025.12.31" or "2025/12/31" as tables write a day.

        With a dot or a slash the year is 1949–2100 and the month and day numbers a calendar's
        (1–12, 1–31), else the text is no date ("1234.5.6", "2025.13.2" a section's number);
        a fourth part ("2025.1.3.2") makes it none either.
        """
        s = self.s
        if pos + 6 > self.n or not s[pos : pos + 4].isdigit() or not s[pos : pos + 4].isascii():
            return None
        sep = self.char(pos + 4)
        if sep not in _DAY_SEPARATORS:
            return None
        p = pos + 5
        parts: list[int] = []
        for index in range(2):
            q = p
            while q < self.n and q - p < 3 and s[q].isascii() and s[q].isdigit():
                q += 1
            if q == p or q - p > 2:
                return None
            parts.append(int(s[p:q]))
            p = q
            if index == 0:
                if self.char(p) != sep:
                    return self.dotted_month(pos, sep, parts[0], p)
                p += 1
        if self.char(p).isdigit():
            return None
        y = int(s[pos : pos + 4])
        if sep != "-" and (
            not _TABLE_YEARS[0] <= y <= _TABLE_YEARS[1]
            or not 1 <= parts[0] <= 12
            or not 1 <= parts[1] <= 31
            or (self.char(p) == sep and self.char(p + 1).isdigit())
        ):
            return None
        if _FILE_NAME_TAIL.match(s, p) and not (pos and s[pos - 1] in _BEFORE_A_DATE):
            return None  # "附件2025.12.31台账.xlsx": part of a file's name
        day = self.date(y, parts[0], parts[1], pos, p)
        return _Window(
            day, day, y, explicit_year=True, month=parts[0], kind="day", own_year=True
        ), self.weekday_note(day, pos, p)

    def dotted_month(self, pos: int, sep: str, month: int, end: int) -> tuple[_Window, int] | None:
        """Read "2025.6" as June 2025 where a range of such months holds it ("2025.6—2025.12").

        Alone "2025.6" is as often an amount as a month ("2025.12万元"): it is read only right
        before or after a range's separator and another year and month written the same way.
        """
        if sep == "-" or not 1 <= month <= 12 or self.char(end).isdigit() or self.char(end) == sep:
            return None
        year = int(self.s[pos : pos + 4])
        if not _TABLE_YEARS[0] <= year <= _TABLE_YEARS[1]:
            return None
        joined = self.word(end, _RANGE_SEPARATORS)
        partner = None if joined is None else _DOTTED_MONTH.match(self.s, end + len(joined))
        if partner is None and joined is not None:
            partner = _BARE_MONTH_AFTER.match(self.s, end + len(joined))  # 2025.6-12月
        after = partner is not None and self.char(partner.end()) not in _AMOUNT_UNITS
        before = _DOTTED_MONTH_BEFORE.search(self.s, max(0, pos - 13), pos)
        if before is not None and self.char(end) in _AMOUNT_UNITS:
            before = None  # "2024.5—2025.3万元": an amount's range
        if not after and before is None:
            return None
        # the separator the other year and month is written with (group 1 of either pattern)
        other = partner if after and partner is not None and partner.re is _DOTTED_MONTH else before
        if other is not None and other.group(1) != sep:
            return None  # "2025.6—2025/12": two ways of writing
        first = self.date(year, month, 1, pos, end)
        last = _month_end(year, month)
        window = _Window(
            first, last, year, explicit_year=True, month=month, kind="month", own_year=True
        )
        if before is not None and self.word(end, ("底", "末")) is not None:
            end += 1  # "2025.6—2025.12底前": the range ends with the month, 底 or not
        return window, end

    def dotted_end(self, pos: int, b_pos: int, a: _Window) -> tuple[_Window, int] | None:
        """Read the end of a range of days written with dots after its start's year and month.

        "2025.6.1-6.30" ends on 30 June, "2025.6.1—30" too, "2025.12.20-1.10" on 10 January of
        the next year. Digits there that are neither are reported: the range is not read, nor
        its start as one day.
        """
        assert a.start is not None  # noqa: S101 - a day
        sep = self.char(pos + 4)
        match = _DOTTED_END.match(self.s, b_pos)
        if match is None or (match.group(2) and match.group(2) != sep):
            if self.char(b_pos).isdigit():
                stop = b_pos
                while stop < self.n and (self.s[stop].isdigit() or self.s[stop] in "./"):
                    stop += 1
                msg = f"{self.quote(pos, stop)}: the end of the range is not read"
                raise _ImpossibleError(msg, pos, stop)
            return None
        month = int(match.group(1)) if match.group(1) else a.start.month
        year = a.start.year
        end = self.date(year, month, int(match.group(3)), pos, match.end())
        if end < a.start and match.group(1) and month < a.start.month:
            end = self.date(year + 1, month, int(match.group(3)), pos, match.end())
        window = _Window(
            end, end, end.year, explicit_year=True, month=month, kind="day", own_year=True
        )
        return window, match.end()

    def weekday_note(self, day: dt.date, start: int, pos: int) -> int:
        """Read the day of the week written after ``day`` at ``pos``; return where it ends.

        "2月28日（星期五）前" is due on 28 February, a Friday. The day of the week checks the
        year: a date that does not fall on it ("2月28日（星期五）" in a plan of 2026, when it is a
        Saturday) is reported, never read in a year the plan does not mean.
        """
        note = _WEEKDAY_NOTE.match(self.s, pos)
        if note is None:
            lunar = _LUNAR_NOTE.match(self.s, pos)
            return self.clock_note(pos if lunar is None else lunar.end())
        if self.each_year:
            msg = (
                f"{self.quote(start, note.end())}: a date of every year falls on a different day "
                "of the week each year; it is not read"
            )
            raise _ImpossibleError(msg, start, note.end())
        written = note.group(1) or note.group(2)
        weekday = 7 if written == "天" else _WEEKDAY_NAMES.index(written) + 1
        if weekday != day.isoweekday():
            actual = _WEEKDAY_NAMES[day.isoweekday() - 1]
            msg = (
                f"{day.year}年{day.month}月{day.day}日 is 星期{actual}, not "
                f"{self.quote(note.start(), note.end())}: the date and its day of the week disagree"
            )
            other = next(
                (y for y in (day.year + 1, day.year - 1) if _weekday_in(day, y) == weekday), 0
            )
            if other:  # a notice of 2018 for 2019's holidays: the year the text means is another
                msg += f" (in {other} it is 星期{written}: the text may mean that year)"
            raise _ImpossibleError(msg, start, note.end())
        return self.clock_note(note.end())

    def clock_note(self, pos: int) -> int:
        """Return where a time of day written at ``pos`` after a day ends (``pos`` when none).

        ``6月30日14:30召开``, ``6月30日上午9时``, ``2023-01-05 10:00``, ``6月30日8:00-12:00``: the
        phrase is the day's, with its hours (no milestone is finer than a day).
        """
        clock = _CLOCK_NOTE.match(self.s, pos)
        return pos if clock is None else clock.end()

    def after_year(self, start: int, year: int, pos: int, *, explicit: bool) -> tuple[_Window, int]:
        """Read what follows "2025年": a part of the year, a quarter, a month or nothing."""
        s = self.s
        holiday = self.fixed_holiday(year, pos, explicit=explicit)
        if holiday is not None:
            return holiday
        part = self.year_part(start, year, pos, explicit=explicit)
        if part is None and (
            self.word(pos, ("底", "末", "初", "内", "中")) is not None
            or self.word(pos, ("度末", "度底", "度初")) is not None
        ):
            # "2025年底", "2025年度末": the 年 of the year also serves 年底 ("上年度末": 年度).
            back = (
                2
                if s[max(0, pos - 2) : pos] == "年度" and self.word(pos, ("底", "末", "初"))
                else 1
            )
            part = self.year_part(start, year, pos - back, explicit=explicit)
        if part is not None:
            return part
        quarter = self.quarter(start, year, pos, explicit=explicit)
        if quarter is not None:
            return quarter
        lead = self.leading(start, year, pos, explicit=explicit)
        if lead is not None:
            return lead
        got = self.month(start, year, pos, explicit=explicit)
        if got is not None:
            return got
        months = self.bare_number_range(pos, year, explicit=True)
        if months is not None and (
            months[0].month is not None or s.endswith(("季度", "季度末", "季度初"), 0, months[1])
        ):
            return months  # 2025年10—12月, 2025年二至三季度
        end = pos + 1 if s.startswith("度", pos) else pos
        if s.startswith(("前", "后"), end) and self.number(end + 1) is not None:
            msg = f"{self.quote(start, end + 1)} is followed by a count this parser does not read"
            raise _ImpossibleError(msg, start, end + 2)
        day = self.number(end) if end == pos else None
        if day is not None and self.char(day[1]) == "日":
            # "2018年10日11日": a day after the year, without its month
            msg = f"{self.quote(start, day[1] + 1)}: a day after a year without its month"
            raise _ImpossibleError(msg, start, day[1] + 1)
        named = end + (self.char(end) in _OPEN_QUOTES)
        name = next((w for w in _HOLIDAY_WORDS if s.startswith(w, named)), None)
        after = named + len(name or "")
        after += self.char(after) in _CLOSE_QUOTES
        after += self.char(after) in {"、", "和", "及", "与"}
        if name is not None and end == pos and not s.startswith(tuple(_HOLIDAY_WORDS), after):
            # "做好2020年春节慰问工作": the year dates the holiday; without 前, 后 or 期间 the
            # days meant around it are not given (2020年春节前, 2020年春节期间 are read)
            stop = named + len(name) + (self.char(named + len(name)) in _CLOSE_QUOTES)
            msg = (
                f"{self.quote(start, stop)}: a holiday of that year, without 前, 后 or 期间; "
                "the days meant around it are not read (nor the whole year)"
            )
            raise _ImpossibleError(msg, start, stop)
        first = self.date(year, 1, 1, start, end)
        return _Window(first, dt.date(year, 12, 31), year, explicit, None, "year"), end

    def leading(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read 前三季度, 前10个月, 前两月, 后三个月, 首季度, 首月, 第8个月 in ``year``."""
        s = self.s
        if s.startswith("首季度", pos):
            first = self.date(year, 1, 1, start, pos + 3)
            return _Window(first, dt.date(year, 3, 31), year, explicit, None, "quarter"), pos + 3
        if s.startswith("首月", pos):
            # A day or part may follow, as after "1月" ("每年首月10日前").
            return self.month_rest(start, year, 1, pos + 2, explicit=explicit)
        lead = self.char(pos)
        if lead not in "前后第":
            return None
        got = self.number(pos + 1)
        if got is None:
            return None
        count, p, _ = got
        if self.char(p) == "个":
            p += 1
        if count == 1 and lead == "前" and (s.startswith("季度", p) or self.char(p) == "月"):
            # 前一个月, 前一季度: the month or quarter before another date, not the year's first
            if s.endswith(AHEAD_OR_BEHIND, 0, pos + 1):
                return None  # 超前一季度: a length ahead of time
            unit = _MONTH_OR_QUARTER_BEFORE.match(s, p)
            end = p + 1 if unit is None else unit.end()
            msg = (
                f"{self.quote(pos, end)} is the month or quarter before another date; it is "
                "not read"
            )
            raise _ImpossibleError(msg, pos, end)
        if s.startswith("季度", p) and lead == "前":
            end = p + 2
            if not 1 <= count <= 4:
                msg = f"前{count}季度: a year has 4 quarters"
                raise _ImpossibleError(msg, start, end)
            first = self.date(year, 1, 1, start, end)
            last = _month_end(year, 3 * count)
            return _Window(first, last, year, explicit, None, "yearpart"), end
        if self.char(p) != "月" or s.startswith(("月底", "月末", "月初", "月中"), p):
            return None
        end = p + 1
        if not 1 <= count <= 12:
            msg = f"{self.quote(pos, end)}: a year has 12 months"
            raise _ImpossibleError(msg, start, end)
        self.date(year, 1, 1, start, end)
        if lead == "前":
            first_month, last_month = 1, count
        elif lead == "后":
            first_month, last_month = 13 - count, 12
        else:
            return self.month_rest(start, year, count, end, explicit=explicit)
        first = dt.date(year, first_month, 1)
        kind = "month" if first_month == last_month else "yearpart"
        window = _Window(first, _month_end(year, last_month), year, explicit, last_month, kind)
        return window, end

    def relative(self, pos: int) -> tuple[_Window, int] | None:
        """Read 本月, 上个月, 本季度, 上季度末, 今明两年, 近三年, 今后五年 against the reference."""
        s = self.s
        ref = self.ref
        for word, delta in _RELATIVE_QUARTERS:
            if s.startswith(word, pos):
                index = ref.year * 4 + (ref.month - 1) // 3 + delta
                year, quarter = divmod(index, 4)
                window, end = self.quarter_window(
                    pos, year, quarter + 1, pos + len(word), explicit=True
                )
                return attrs.evolve(window, each=Frequency.QUARTERLY), end
        for word, delta in _RELATIVE_MONTHS:
            if s.startswith(word, pos):
                index = ref.year * 12 + ref.month - 1 + delta
                year, month = divmod(index, 12)
                window, end = self.month_rest(pos, year, month + 1, pos + len(word), explicit=True)
                return attrs.evolve(window, each=Frequency.MONTHLY), end
        if s.startswith("今明两年", pos):
            first, last = dt.date(ref.year, 1, 1), self.date(ref.year + 1, 12, 31, pos, pos + 4)
            return _Window(
                first, last, ref.year + 1, explicit_year=True, month=None, kind="range"
            ), pos + 4
        for word, sign in (("近", -1), ("今后", 1), ("未来", 1)):
            if not s.startswith(word, pos):
                continue
            got = self.number(pos + len(word))
            if got is None or self.char(got[1]) != "年" or self.at(got[1] + 1, "内前后"):
                return None
            count, end = got[0], got[1] + 1
            if not 1 <= count <= _MAX_RELATIVE_YEARS:
                return None
            years = (
                (ref.year - count, ref.year - 1) if sign < 0 else (ref.year + 1, ref.year + count)
            )
            first = self.date(years[0], 1, 1, pos, end)
            last = self.date(years[1], 12, 31, pos, end)
            return _Window(first, last, years[1], explicit_year=True, month=None, kind="range"), end
        return None

    def fixed_holiday(self, year: int, pos: int, *, explicit: bool) -> tuple[_Window, int] | None:
        """Read a holiday after "2025年": its 期间, or the window its 前 or 后 is read against.

        Before 期间 any public holiday is its days off that year (2026年春节期间: 15-23
        February); 前 and 后 are read by :meth:`dated_holiday_edge` (2025年元旦前: 31 December
        2024; 2026年春节前: 14 February 2026; 2026年国庆节后: from 8 October 2026).
        """
        if self.s.startswith("度", pos):  # 2026年度春节期间
            pos += 1
        quoted = self.s[pos : pos + 1] in _OPEN_QUOTES  # 2026年“五一”期间
        named = self.word(pos + quoted, tuple(_HOLIDAY_WORDS))
        if named is not None:
            after = pos + quoted + len(named)
            after += quoted and self.s[after : after + 1] in _CLOSE_QUOTES
            if quoted and after == pos + quoted + len(named):
                return None  # 2026年“春节前: a quote not closed
            after = self.holiday_name_end(named, after)  # “五一”劳动节前, 2026年春节假期后
            marker = self.word(after, ("期间", *_AFTER_PERIOD))
            if self.each_year and marker is not None:
                stop = after + len(marker)
                msg = (
                    f"{self.quote(pos, stop)} is the {named} holiday of every year, whose days "
                    "differ every year; it is not read"
                )
                raise _ImpossibleError(msg, pos, stop)
            if self.word(after, ("期间",)):
                # 2026年春节期间: the holiday's days off that year (the marker reads as within)
                first, last = self.holiday_days(named, year, pos, after + 2)
                return _Window(first, last, year, explicit, None, "range"), after
            return self.dated_holiday_edge(named, year, pos, after, explicit=explicit)
        return None

    def dated_holiday_edge(
        self, named: str, year: int, pos: int, after: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read "2026年春节前" and "2026年国庆节后" up to the marker, which the caller reads.

        Before a holiday on a fixed day is the day before it (2025年元旦前: 31 December 2024);
        before one that moves (春节, 清明, 端午, 中秋) the day before its first day off that
        year; after any holiday its days off, which the marker 后 turns into the days after
        them, or to the end of a range ("2026年春节后至3月底", returned whole). Refused: 前后,
        前夕, 前期, 后期 and a count after the marker ("2026年春节后一周内").
        """
        self.refuse_around_holiday(named, pos, after)
        passed = self.s.startswith("过后", after)  # 2026年中秋过后: 过 is read here, 后 as a marker
        marker = "后" if passed else self.word(after, _AFTER_PERIOD)
        after += passed
        if marker is None:
            return None
        stop = after + len(marker)
        if not marker.endswith("前") and _FIRST_WORKING_DAY.match(self.s, stop):
            # 2026年春节后第一个工作日: that day (前, 起 or a range after it read by the caller)
            _, last = self.holiday_days(named, year, pos, stop, check_marker=False)
            day, end = self.first_working_day(last, pos, stop)
            self.around_first_working_day(day, pos, end)  # refuses 前后, 前3天 …
            return _Window(day, day, year, explicit, None, "day"), end
        self.refuse_holiday_count(pos, stop)
        if marker.endswith("前") and named in _FIXED_HOLIDAYS:
            before = self.fixed_eve(named, year, pos, stop)
            return _Window(before, before, year, explicit, None, "day"), after
        first, last = self.holiday_days(named, year, pos, stop, check_marker=False)
        if marker.endswith("前"):
            before = first - dt.timedelta(days=1)
            return _Window(before, before, year, explicit, None, "day"), after
        ranged = self.holiday_range(last + dt.timedelta(days=1), pos, stop)
        if ranged is not None:
            window = _Window(last + dt.timedelta(days=1), ranged[0], ranged[0].year, explicit,
                             None, "range")  # fmt: skip
            return window, ranged[1]
        return _Window(first, last, year, explicit, None, "holiday"), after

    def holiday_name_end(self, named: str, after: int) -> int:
        """Return where the name of the holiday ``named`` ends, read up to ``after``.

        劳动节 after “五一” is one holiday's name ("“五一”劳动节前"), and 假期, 长假 or 小长假 after
        a name the break it gives ("国庆长假期间").
        """
        if named == "五一" and self.s.startswith("劳动节", after):
            after += 3
        word = next((w for w in _HOLIDAY_BREAK_WORDS if self.s.startswith(w, after)), None)
        return after if word is None else after + len(word)

    def fixed_eve(self, named: str, year: int, pos: int, end: int) -> dt.date:
        """Return the day before the holiday on a fixed day ``named`` (元旦, 五一, 国庆) of ``year``."""
        month, day = _FIXED_HOLIDAYS[named]
        try:
            return self.date(year, month, day, pos, end) - dt.timedelta(days=1)
        except OverflowError:
            msg = f"the day before {named} of the year {year} is outside the calendar"
            raise _ImpossibleError(msg, pos, end) from None

    def refuse_around_holiday(self, named: str, pos: int, after: int) -> None:
        """Refuse "春节前后", "春节前夕", "春节前期", "春节后期" (``after`` is past the name)."""
        around = next((w for w in _AROUND_HOLIDAY if self.s.startswith(w, after)), None)
        if around is not None:
            stop = after + len(around)
            msg = (
                f"{self.quote(pos, stop)} is around the {named} holiday, not a day the plan "
                "gives; it is not read as a date"
            )
            raise _ImpossibleError(msg, pos, stop)

    def until_word(self, lead: str, pos: int) -> bool:
        """Whether 至 or 到 at ``pos`` ends a period, not a word (甚至, 冬至; 做到, 报到, 起到)."""
        prev = self.s[pos - 1 : pos]
        if lead == "至":
            return prev not in _NOT_UNTIL_ZHI
        if lead == "到":
            if prev == "起":
                return self.s[pos - 2 : pos - 1] in _UNTIL_DAO_AFTER_START
            return not _is_cjk(prev) or prev in _UNTIL_DAO_AFTER
        return True

    def first_working_day(self, last: dt.date, pos: int, stop: int) -> tuple[dt.date, int]:
        """Read "第一个工作日" or "上班第一天" after a holiday's 后 at ``stop``.

        Returns the first working day after the holiday's last day off ``last`` and where the
        words end (the caller has matched :data:`_FIRST_WORKING_DAY` at ``stop``).
        """
        words = _FIRST_WORKING_DAY.match(self.s, stop)
        assert words is not None  # noqa: S101 - matched by the caller
        day = last + dt.timedelta(days=1)
        try:
            while not is_working_day(day):
                day += dt.timedelta(days=1)
        except (CalendarCoverageError, OverflowError) as err:
            msg = f"{self.quote(pos, words.end())}: {err}"
            raise _ImpossibleError(msg, pos, words.end()) from None
        return day, words.end()

    def around_first_working_day(
        self, day: dt.date, pos: int, stop: int
    ) -> tuple[dt.date | None, dt.date | None, int]:
        """Read what follows the first working day after a holiday (``day``, words ending at ``stop``).

        Nothing: that day. 前: by that day. 起 or 开始: from it. 后: from the day after. A range:
        to its end ("春节后第一个工作日至3月底"). Returns the start, the end and where the phrase
        ends. Refused: 前后, 前夕 … and a count after the marker ("春节后第一个工作日前3天").
        """
        around = next((w for w in _AROUND_HOLIDAY if self.s.startswith(w, stop)), None)
        if around is not None:
            msg = (
                f"{self.quote(pos, stop + len(around))} is around the first working day after the "
                "holiday, not a day the plan gives; it is not read as a date"
            )
            raise _ImpossibleError(msg, pos, stop + len(around))
        marker = self.word(stop, ("之前", "以前", "前", "之后", "以后", "后", "起", "开始"))
        counted = stop + len(marker or "")
        if marker is None and self.s[stop : stop + 1] == "的":
            marker = self.word(stop + 1, ("前", "后"))  # 的前一天
            counted = stop + 1 + len(marker or "")
        if marker in {"之前", "以前", "前", "之后", "以后", "后"}:
            self.refuse_holiday_count(pos, counted)
        if marker is None or marker in {"起", "开始"}:
            start = stop + len(marker or "")
            ranged = self.holiday_range(day, pos, start)
            if ranged is not None:
                return day, ranged[0], ranged[1]
            return day, None if marker else day, start
        if marker.endswith("前"):
            return None, day, stop + len(marker)
        return day + dt.timedelta(days=1), None, stop + len(marker)

    def refuse_holiday_count(self, pos: int, stop: int) -> None:
        """Refuse a length after a holiday's 前 or 后 at ``stop`` (春节后一周内, 春节前一个月).

        The length runs from a day the plan does not fix (the last working day before the
        break? the first after it?), so the phrase is reported rather than read as the
        holiday's eve or the day after it. Words that begin with a number (一次性, 一律,
        第一时间) are not lengths.
        """
        count = _HOLIDAY_COUNT.match(self.s, stop)
        if count is not None:
            end = count.end()
            msg = (
                f"{self.quote(pos, end)} is a length counted from the holiday, from a day the "
                "plan does not fix; the phrase is not read"
            )
            raise _ImpossibleError(msg, pos, end)

    def holiday_range(self, start: dt.date, pos: int, end: int) -> tuple[dt.date, int] | None:
        """Read the end of a range that starts after a holiday: "春节后至3月底", "元旦后至春节前".

        ``start`` is the day after the holiday, ``end`` where its 后 ends. The end is read in
        the year of ``start``, or the next when its month comes earlier ("国庆节后至3月底": the
        March after); an end before ``start`` is refused ("春节后至2月10日"). Returns the last
        day and where the range ends, or ``None`` when no range follows.
        """
        sep = self.word(end, _RANGE_SEPARATORS)
        if sep is None:
            return None
        b_pos = end + len(sep)
        second = self.holiday_end(b_pos, start, each=False)
        if second is None:
            second = self.atom(b_pos, start.year, explicit=False)
            b = second[0] if second is not None else None
            if (
                b is not None
                and not b.own_year
                and b.end is not None
                and b.end < start
                and b.end.month < start.month  # 国庆节后至3月底: the March after
            ):
                second = self.atom(b_pos, start.year + 1, explicit=False) or second
        if second is None:
            return None
        window, b_end = second
        if window.end is None or window.end < start:
            msg = f"{self.quote(pos, b_end)}: the range ends before it starts on {start}"
            raise _ImpossibleError(msg, pos, b_end)
        return window.end, b_end

    def coming_holiday(
        self,
        word: str,
        pos: int,
        end: int,
        *,
        meant_until: Literal["first", "last", "month after"],
        check_marker: bool = False,
    ) -> tuple[dt.date, dt.date]:
        """Return the days off of the holiday a phrase without a year means.

        This year's while the reference is on or before the day ``meant_until`` names, then
        next year's: "first" (前: until its days off begin), "last" (期间: until they end) or
        "month after" (后: until :data:`_AFTER_HOLIDAY_DAYS` days after they end).
        ``check_marker`` as for :meth:`holiday_days`.
        """
        year = self.ref.year
        first, last = self.holiday_days(word, year, pos, end, check_marker=check_marker)
        until = {
            "first": first - dt.timedelta(days=1),
            "last": last,
            "month after": last + dt.timedelta(days=_AFTER_HOLIDAY_DAYS),
        }[meant_until]
        if until < self.ref:
            first, last = self.holiday_days(word, year + 1, pos, end, check_marker=False)
        return first, last

    def holiday_days(
        self, word: str, year: int, pos: int, end: int, *, check_marker: bool = True
    ) -> tuple[dt.date, dt.date]:
        """Return the first and last day off of the holiday ``word`` names in ``year``.

        ``end`` is where the phrase ends; with ``check_marker`` a 前 or 后 there is refused
        ("2026年春节期间前" is no day of its own).
        """
        if check_marker and self.word(end, _AFTER_PERIOD) is not None:
            msg = f"{self.quote(pos, end)} before 前 or 后 is no day of its own; the phrase is not read"
            raise _ImpossibleError(msg, pos, end + 1)
        try:
            return holiday_days(_HOLIDAY_WORDS[word], year)
        except CalendarCoverageError:
            msg = (
                f"{self.quote(pos, end)} is the {word} holiday of {year}, whose days the official "
                "calendar does not have (upgrade chinesecalendar or register the year's holiday "
                "notice)"
            )
            raise _ImpossibleError(msg, pos, end) from None
        except DateValueError as err:
            raise _ImpossibleError(f"{self.quote(pos, end)}: {err}", pos, end) from None

    def year_part(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read 上半年, 下半年, 年底, 年末 (年度末), 年初, 年内 or 全年 at ``pos`` in ``year``."""
        s = self.s
        if not s.startswith(
            (
                "上半年",
                "下半年",
                "年底",
                "年末",
                "年度末",
                "年度底",
                "年初",
                "年度初",
                "年度内",
                "年内",
                "全年",
                "年中",
            ),
            pos,
        ):
            return None
        if s.startswith("年中", pos) and self.word(pos + 1, ("中",)) is None:
            return None
        self.date(year, 1, 1, start, pos + 1)
        parts = {
            "上半年末": (dt.date(year, 6, 1), dt.date(year, 6, 30)),
            "下半年末": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "上半年底": (dt.date(year, 6, 1), dt.date(year, 6, 30)),
            "下半年底": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年中": (dt.date(year, 6, 1), dt.date(year, 6, 30)),
            "上半年": (dt.date(year, 1, 1), dt.date(year, 6, 30)),
            "下半年": (dt.date(year, 7, 1), dt.date(year, 12, 31)),
            "年底": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年末": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年度末": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年度底": (dt.date(year, 12, 1), dt.date(year, 12, 31)),
            "年初": (dt.date(year, 1, 1), _month_end(year, 2)),
            "年度初": (dt.date(year, 1, 1), _month_end(year, 2)),
            "年度内": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
            "年内": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
            "全年": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
        }
        for word, (first, last) in parts.items():
            if not s.startswith(word, pos):
                continue
            follow = self.char(pos + len(word))
            words_after = (
                _NOT_AFTER.get(word[-1], frozenset())
                if word.startswith("年度")
                else _WORD_AFTER_PART.get(word[-1], "")
            )
            if follow and follow in words_after:
                return None  # 年初步建成, 年度末位, 守住年度底线: another word
            if start == pos and word.startswith("年") and self.other_year_before(pos):
                return None  # 下年度末, 新年度初, 各年度末: not the reference year's
            return _Window(first, last, year, explicit, None, "yearpart"), pos + len(word)
        return None

    def other_year_before(self, pos: int) -> bool:
        """Whether the words before a part of a year at ``pos`` name another year.

        下年度末, 新年度初, 各年度末, 每个年度末 are not the reference year's; 上下年底前 (all
        levels) and 创新年度末 are.
        """
        two = self.s[max(0, pos - 2) : pos]
        if two in _OTHER_YEAR_WORDS:
            return True
        return bool(two) and two[-1] in _OTHER_YEAR_BEFORE and two not in _NOT_OTHER_YEAR

    def quarter(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        last = self.word(pos, _LAST_QUARTER)
        if last is not None:
            end = pos + len(last)
            if not self.year_named(start, pos, explicit=explicit):
                # "项目最后一个季度", "最后一季度完成": the last quarter of a window the phrase
                # does not name; with a year ("2025年最后一个季度", "每年最后一个季度") it is
                # that year's fourth.
                msg = (
                    f"{self.quote(pos, end)} is the last quarter of a window it does not name "
                    "(of a year it would be 四季度); it is not read"
                )
                raise _ImpossibleError(msg, pos, end)
            return self.quarter_window(start, year, 4, end, explicit=explicit)
        ordinal = self.s.startswith("第", pos)
        p = pos + 1 if ordinal else pos
        got = self.number(p)
        if got is None:
            return None
        value, end, _ = got
        counted = ordinal and self.s.startswith("个季度", end)
        if counted:
            end += 1  # 第二个季度 (without 第, 两个季度 is a length)
        if not self.s.startswith("季度", end):
            return None
        end += 2
        if not 1 <= value <= 4:
            msg = f"quarter {value} is not 1–4"
            raise _ImpossibleError(msg, start, end)
        if counted and not self.year_named(start, pos, explicit=explicit):
            # "项目启动后第一个季度": counted from the start of the work, as 第一个月 is
            msg = (
                f"{self.quote(pos, end)} counts quarters from a start the phrase does not name "
                "(of a year: 2025年第二个季度); it is not read"
            )
            raise _ImpossibleError(msg, pos, end)
        return self.quarter_window(start, year, value, end, explicit=explicit)

    def year_named(self, start: int, pos: int, *, explicit: bool) -> bool:
        """Whether a year stands before the part of it at ``pos``.

        Read from ``start`` (2025年, 今年 …), given by the first part of a range or series
        (``explicit``: 2025年第一个季度至第二个季度), of a duty of every year, or each year's
        words right before it (每年, 每年度的).
        """
        if start < pos or explicit or self.each_year:
            return True
        before = self.s[max(0, pos - 4) : pos]
        return before.removesuffix("的").endswith(_EACH_YEAR)

    def quarter_window(
        self, start: int, year: int, value: int, end: int, *, explicit: bool
    ) -> tuple[_Window, int]:
        """Return quarter ``value`` of ``year``, or its end (季度末) or start (季度初)."""
        first_month = 3 * value - 2
        first = self.date(year, first_month, 1, start, end)
        last = _month_end(year, first_month + 2)
        if self.word(end, ("末",)) is not None:
            # Like 年底 (December), the end of a quarter is its last month.
            month_start = last.replace(day=1)
            return _Window(month_start, last, year, explicit, None, "quarterpart"), end + 1
        if self.word(end, ("初",)) is not None:
            first_end = _month_end(year, first_month)
            return _Window(first, first_end, year, explicit, None, "quarterpart"), end + 1
        return _Window(first, last, year, explicit, None, "quarter"), end

    def month(
        self, start: int, year: int, pos: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        got = self.number(pos)
        if got is None or self.char(got[1]) != "月":
            return None
        value, end, chinese = got
        p = end + 1
        if not 1 <= value <= 12:
            msg = f"month {value} is not 1–12"
            raise _ImpossibleError(msg, start, p)
        return self.month_rest(start, year, value, p, explicit=explicit, chinese=chinese)

    def month_rest(
        self, start: int, year: int, value: int, p: int, *, explicit: bool, chinese: bool = False
    ) -> tuple[_Window, int]:
        """Read what follows "6月": a day, a range of days, a part of the month or nothing."""
        fen = self.char(p) == "份"
        if fen:
            p += 1
        # A day, or a range of days within the month ("6月11—20日").
        day = self.number(p)
        if day is not None:
            d1, q, _ = day
            if self.at(q, "日号") and not self.metro_line(q):
                first = self.date(year, value, d1, start, q + 1)
                end = self.weekday_note(first, start, q + 1)
                return _Window(first, first, year, explicit, value, "day"), end
            sep = self.word(q, _RANGE_SEPARATORS)
            if sep is not None:
                day2 = self.number(q + len(sep))
                if day2 is not None and self.at(day2[1], "日号"):
                    first = self.date(year, value, d1, start, day2[1] + 1)
                    last = self.date(year, value, day2[0], start, day2[1] + 1)
                    if last < first:
                        msg = f"{value}月{d1}日至{day2[0]}日 ends before it starts"
                        raise _ImpossibleError(msg, start, day2[1] + 1)
                    return _Window(first, last, year, explicit, value, "range"), day2[1] + 1
            if self.bare_day_ends(q):
                first = self.date(year, value, d1, start, q)
                return _Window(first, first, year, explicit, value, "day"), q
        last_working = next((w for w in _LAST_WORKING_DAY if self.s.startswith(w, p)), None)
        if last_working is not None:
            end = p + len(last_working)
            due = self.last_working_day(year, value, start, end)
            return _Window(due, due, year, explicit, value, "day"), end
        if self.char(p) == "月" and self.word(p + 1, ("底", "末", "初", "中")) is not None:
            p += 1  # "十二月月底"
        # After 份 only the 旬 and the end ("6月份底前", "6月份下旬"): 6月份中, 6月份初 are
        # mostly another word's start.
        left_out = _NOT_AFTER_FEN if fen else ()
        part = self.month_part(start, year, value, p, left_out=left_out, explicit=explicit)
        if part is not None:
            return part
        first = self.date(year, value, 1, start, p)
        weak = chinese and not fen and not explicit
        window = _Window(first, _month_end(year, value), year, explicit, value, "month", weak)
        return window, p

    def month_part(
        self,
        start: int,
        year: int,
        month: int,
        p: int,
        *,
        left_out: Collection[str],
        explicit: bool,
    ) -> tuple[_Window, int] | None:
        """Read a part of ``month`` at ``p`` (上旬, 中下旬, 底 …), none of the words ``left_out``.

        In a list of 旬 sharing the word ("上、中旬") the first is read up to its 、.
        """
        shared = _SHARED_TEN_DAYS.match(self.s, p)
        if shared is not None:
            word, end = shared.group(1) + "旬", p + 1
        else:
            found = next(
                (w for w in _PART_DAYS if w not in left_out and self.word(p, (w,)) is not None),
                None,
            )
            if found is None:
                return None
            word, end = found, p + len(found)
        first_day, last_day = _PART_DAYS[word]
        last = self.month_end(year, month, start, end)
        first = last.replace(day=first_day)
        if last_day is not None:
            last = last.replace(day=last_day)
        return _Window(first, last, year, explicit, month, "monthpart"), end

    def month_part_only(
        self, pos: int, year: int, month: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read the part of a month named before without its number: "6月10日至月底", "6月上旬至中旬".

        Written bare only a 旬 (中旬, 下旬, 中下旬); any part after 月 (月底, 月末, 月中, 月初,
        月下旬), and after 当月, 该月 or 同月 (the month named: 6月10日至当月底).
        """
        if self.s.startswith(_SAME_MONTH, pos):  # 6月10日至当月底
            pos += 1
        if self.char(pos) == "月":
            return self.month_part(pos, year, month, pos + 1, left_out=(), explicit=explicit)
        return self.month_part(pos, year, month, pos, left_out=_NOT_A_BARE_PART, explicit=explicit)

    def last_working_day(self, year: int, month: int, start: int, end: int) -> dt.date:
        """Return the last working day of ``month`` on the official calendar (调休 included).

        A year the calendar does not cover, or a month of every year, is reported: the day
        depends on that year's holidays.
        """
        if self.each_year:
            msg = (
                f"{self.quote(start, end)} depends on each year's holidays; a cadence does not "
                "hold it and it is not read"
            )
            raise _ImpossibleError(msg, start, end)
        day = self.month_end(year, month, start, end)
        try:
            while not is_working_day(day):
                day -= dt.timedelta(days=1)
        except CalendarCoverageError as err:
            raise _ImpossibleError(str(err), start, end) from None
        return day

    def bare_day_ends(self, pos: int) -> bool:
        """Return whether a day number written without 日 ends at ``pos`` ("1月3至2月10")."""
        follow = self.char(pos)
        if not follow or self.word(pos, _RANGE_SEPARATORS) is not None:
            return True
        return not (follow.isalnum() or follow in _CN_CHARS or follow in ".:%")

    def day_only(
        self, pos: int, year: int, month: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        got = self.number(pos)
        if got is None or not self.at(got[1], "日号"):
            return None
        value, end, _ = got
        day = self.date(year, month, value, pos, end + 1)
        return _Window(day, day, year, explicit, month, "day"), self.weekday_note(day, pos, end + 1)

    # -- ranges, markers and series ----------------------------------------------------------

    def range(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[_Window, int] | None:
        first = self.atom(pos, year, explicit=explicit, month=month)
        if first is None:
            return self.bare_number_range(pos, year, explicit=explicit)
        a, end = first
        inclusive = _INCLUSIVE.match(self.s, end)
        if inclusive is not None and self.word(inclusive.end(), _RANGE_SEPARATORS) is not None:
            end = inclusive.end()  # 2025年1月1日（含）至2025年12月31日（含）
        left_out = _EXCLUSIVE.match(self.s, end)
        if left_out is not None and self.word(left_out.end(), _RANGE_SEPARATORS) is not None:
            # 2025年1月1日（不含）至6月30日: from the day after
            a = self.day_beside(a, 1, pos, left_out.end())
            end = left_out.end()
        sep = self.word(end, _RANGE_SEPARATORS)
        if sep is None or a.start is None:
            return first
        b_pos = end + len(sep)
        if _SHARED_TEN_DAYS.match(self.s, b_pos) is not None:
            return first  # "6月10日至上、中旬": no range's end
        try:
            second = self.atom(b_pos, a.year, explicit=a.explicit_year, month=a.month)
        except _ImpossibleError as err:
            # "2025年1月至2月30日", "6月至上年同期": the range is not read, its start neither
            raise _ImpossibleError(err.reason, min(pos, err.start), err.end) from None
        if second is None:
            try:
                second = self.holiday_end(b_pos, a.start, each=a.each is not None)
            except _ImpossibleError as err:
                # "12月至春节前一周": the range is not read, its start neither
                raise _ImpossibleError(err.reason, min(pos, err.start), err.end) from None
        dotted = self.at(pos + 4, "./") and self.s[pos : pos + 4].isascii()
        if second is None and a.kind == "day" and dotted and self.s[pos : pos + 4].isdigit():
            second = self.dotted_end(pos, b_pos, a)  # 2025.6.1-6.30, 2025.6.1—30
        if second is None:
            return first
        b, b_end = second
        if b.kind == "holiday":  # 2025年12月至2026年春节后: a range has no end after a holiday
            msg = f"{self.quote(pos, b_end + 1)} ends a range after a holiday; it is not read"
            raise _ImpossibleError(msg, pos, b_end + 1)
        if (
            not b.own_year
            and b.end is not None
            and b.end < a.start
            and (b.end.month < a.start.month or b.end.year < a.start.year)
        ):
            # 12月20日至1月10日: into the next year (not 6月30日至6月29日, which ends before it starts)
            rolled = self.atom(b_pos, a.year + 1, explicit=False, month=a.month)
            if rolled is not None:
                b, b_end = rolled
        if b.end is not None and b.end < a.start:
            msg = f"range ends on {b.end} before it starts on {a.start}"
            raise _ImpossibleError(msg, pos, b_end)
        closing = _INCLUSIVE.match(self.s, b_end)
        if closing is not None and end != first[1]:
            b_end = closing.end()  # the range's end said to be included as its start was
        closing = _EXCLUSIVE.match(self.s, b_end)
        if closing is not None:  # 2025年1月1日至6月30日（不含）: to the day before
            b = self.day_beside(b, -1, pos, closing.end())
            b_end = closing.end()
            assert a.start is not None  # noqa: S101 - checked above
            if b.end is not None and b.end < a.start:
                msg = f"range ends on {b.end} before it starts on {a.start}"
                raise _ImpossibleError(msg, pos, b_end)
        window = _Window(
            a.start,
            b.end,
            b.year,
            a.explicit_year or b.explicit_year,
            b.month,
            "range",
            own_year=a.own_year,
            relative=a.relative,
            each=a.each,
        )
        return window, b_end

    def day_beside(self, window: _Window, days: int, start: int, end: int) -> _Window:
        """Return the day ``days`` after a day left out by （不含）; report any other window."""
        if window.kind != "day" or window.start is None:
            msg = (
                f"{self.quote(start, end)}: （不含） after a window that is not one day is not read"
            )
            raise _ImpossibleError(msg, start, end)
        try:
            day = window.start + dt.timedelta(days=days)
        except OverflowError:
            msg = f"the day beside {window.start} is outside the calendar"
            raise _ImpossibleError(msg, start, end) from None
        return attrs.evolve(window, start=day, end=day, year=day.year, month=day.month)

    def holiday_end(self, pos: int, start: dt.date, *, each: bool) -> tuple[_Window, int] | None:
        """Read the end of a range at a holiday: "2025年12月至春节期间", "6月至国庆节前".

        期间 ends the range on the holiday's last day off, 前 on the day before (the day
        before its first day off for a holiday that moves, as "春节前" alone); the holiday is
        the first whose last day off (期间) or eve (前) falls on or after the range's
        ``start``. A range of every year (``each``: "每年12月至春节期间") is refused: the
        holiday's days differ every year. Nothing else after the holiday ends a range here
        ("至春节", "至春节前后" are left to the event reader).
        """
        quoted = self.char(pos) in _OPEN_QUOTES
        named = self.word(pos + quoted, tuple(_HOLIDAY_WORDS))
        if named is None:
            return None
        after = pos + quoted + len(named)
        if quoted:
            if self.char(after) not in _CLOSE_QUOTES:
                return None
            after += 1
        after = self.holiday_name_end(named, after)  # 12月至“五一”劳动节前, 12月至国庆长假期间
        if self.s.startswith(_AROUND_HOLIDAY, after):
            return None
        marker = self.word(after, ("期间", "之前", "以前", "前", "之后", "以后", "后"))
        if marker is None:
            return None
        stop = after + len(marker)
        working = False
        if not marker.endswith(("前", "期间")):
            working = _FIRST_WORKING_DAY.match(self.s, stop) is not None
            if not working:
                return None  # 12月至春节后: no end (the event reader reports it)
        if each or self.each_year:
            msg = (
                f"{self.quote(pos, stop)} ends a range of every year at the {named} holiday, "
                "whose days differ every year; it is not read"
            )
            raise _ImpossibleError(msg, pos, stop)
        if marker != "期间" and not working:
            self.refuse_holiday_count(pos, stop)
        for year in (start.year, start.year + 1):
            if working:  # 12月至春节后第一个工作日: to the first working day after the break
                last = self.holiday_days(named, year, pos, stop, check_marker=False)[1]
                day, end = self.first_working_day(last, pos, stop)
                first, until, end = self.around_first_working_day(day, pos, end)
                if first is not None and until is None:  # 后 or 起 after it: no end
                    return None
                if day >= start:
                    return _Window(day, day, day.year, False, day.month, "day"), end  # noqa: FBT003
                continue
            if marker == "期间":
                day = self.holiday_days(named, year, pos, stop)[1]
            elif named in _FIXED_HOLIDAYS:  # 12月至元旦前: the 1 January after
                day = self.fixed_eve(named, year + (_FIXED_HOLIDAYS[named][0] == 1), pos, stop)
            else:
                first = self.holiday_days(named, year, pos, stop, check_marker=False)[0]
                day = first - dt.timedelta(days=1)
            if day >= start:
                return _Window(day, day, day.year, False, day.month, "day"), stop  # noqa: FBT003
        return None

    def bare_number_range(
        self, pos: int, year: int, *, explicit: bool
    ) -> tuple[_Window, int] | None:
        """Read "10—12月", "2024—2025年", "二至三季度": a number that takes the unit of what follows."""
        ordinal = self.s.startswith("第", pos)  # 第二至第三季度
        if pos > 1 and self.s[pos - 1] in "./" and self.s[pos - 2].isdigit():
            return None  # the 6 of "2024.6—2025.12": read whole or not at all
        got = self.number(pos + ordinal)
        if got is None:
            return None
        value, end, _ = got
        sep = self.word(end, _RANGE_SEPARATORS)
        if sep is None:
            return None
        second = self.atom(end + len(sep), year, explicit=explicit)
        if second is None:
            return None
        b, b_end = second
        quarters = b.kind in {"quarter", "quarterpart"} and self.s.startswith(
            "季度", b_end - 2 - (b.kind == "quarterpart")
        )
        if ordinal and not quarters:
            return None
        if end - pos == 4 and b.own_year:
            start = self.date(value, 1, 1, pos, end)
        elif b.kind in {"month", "monthpart"}:
            if not 1 <= value <= 12:
                msg = f"month {value} is not 1–12"
                raise _ImpossibleError(msg, pos, end)
            # After a year ("2025年10至2026年3月") the start is in that year, else in the end's.
            start = self.date(year if explicit else b.year, value, 1, pos, end)
            if not b.own_year and b.end is not None and b.end < start:
                rolled = self.atom(end + len(sep), year + 1, explicit=explicit)
                if rolled is not None:
                    b, b_end = rolled
        elif b.kind in {"year", "yearpart", "quarter", "quarterpart"} and end - pos == 4:
            start = self.date(value, 1, 1, pos, end)
        elif quarters:
            # "二至三季度", "2—3季度", "第二至第三季度": from the first quarter's first day
            if not 1 <= value <= 4:
                msg = f"quarter {value} is not 1–4"
                raise _ImpossibleError(msg, pos, end)
            start = self.date(year if explicit else b.year, 3 * value - 2, 1, pos, end)
        else:
            return None
        if b.end is not None and b.end < start:
            msg = f"range ends on {b.end} before it starts on {start}"
            raise _ImpossibleError(msg, pos, b_end)
        own = b.own_year or end - pos == 4
        window = _Window(start, b.end, b.year, b.explicit_year, b.month, "range", own_year=own)
        return window, b_end

    def leading_marker(self, pos: int) -> tuple[_Marker, int, str | None]:
        """Read a deadline's or a start's word before a window (截至, 于, 自 …).

        Returns the marker, where the window starts and the word (``None`` when there is none).
        """
        word = self.word(pos, _DEADLINE_PREFIXES)
        if (
            word in {"到", "至"}
            and self.s.endswith(_MOVED_TO, 0, pos)
            and not _DEADLINE_MOVED.search(self.s, max(0, pos - 10), pos)
        ):
            # "会议推迟到9月10日召开", "上班调到8月28日": moved to that day, no deadline (but
            # "报名截止时间推迟至7月21日" moves a deadline)
            return _Marker.NONE, pos + 1, None
        if word is not None:
            return _Marker.DEADLINE, pos + len(word), word
        word = self.word(pos, _FROM_PREFIXES)
        if word is not None:
            return _Marker.FROM, pos + len(word), word
        return _Marker.NONE, pos, None

    def marked(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[_Item, int] | None:
        prefix, p, word = self.leading_marker(pos)
        core = self.range(p, year, explicit=explicit, month=month)
        if core is None:
            return None
        window, end = core
        if window.kind == "month" and self.s.startswith(("首月", "第"), p):
            # "准备阶段（第1个月）": the first month of the work, whose start the phrase does not
            # give; only after a year ("2025年第3个月") is it a month of the calendar.
            msg = (
                f"{self.quote(p, end)} counts months from the start of the work, which the phrase "
                "does not date; it is read as a calendar month only after a year (2025年第3个月)"
            )
            raise _ImpossibleError(msg, p, end)
        if window.kind == "range" and self.char(end) == "止":
            return _Item(window, _Marker.NONE, _Marker.NONE, p), end + 1
        if (
            prefix is _Marker.DEADLINE
            and window.kind == "range"
            and self.s.startswith("期间", end)
            and self.holiday_before(p, end)
        ):
            if word is not None and not self.until_word(word, pos):
                return None  # 甚至2026年春节期间, 做到2026年春节期间: the holiday read after 至
            # 至2026年春节期间: to the holiday's last day off
            last = attrs.evolve(window, start=window.end, kind="day")
            return _Item(last, prefix, _Marker.DEADLINE, p), end + 2
        if prefix is not _Marker.FROM:
            after = self.after_end(window, end, p)
            if after is not None:
                return _Item(after[0], prefix, _Marker.DEADLINE, p), after[1]
        within = self.word(end, ("以内", "之内", "内"))
        if window.weak and prefix is _Marker.NONE and within is not None:
            # "应在一月内备案", "三月内完成": a month in Chinese numerals and 内 is that month or
            # a length of that many months; the plan does not say which.
            stop = end + len(within)
            msg = (
                f"{self.quote(p, stop)} is the month {window.month}月 or within {window.month} "
                f"month{'s' if window.month != 1 else ''}; it is not read"
            )
            raise _ImpossibleError(msg, p, stop)
        left_out = _EXCLUSIVE.match(self.s, end)
        if left_out is not None:
            # "截至6月30日（不含）", "6月30日（不含）前": the day before; "7月1日（不含）起": after
            suffix, stop = self.suffix_word(left_out.end(), prefix)
            until = self.word(left_out.end(), ("为止", "止"))
            if suffix is _Marker.NONE and until is not None:
                suffix, stop = _Marker.DEADLINE, left_out.end() + len(until)  # （不含）止
            marker = prefix if suffix is _Marker.NONE else suffix
            if window.kind == "range" and marker in {_Marker.NONE, _Marker.DEADLINE}:
                # "6月11-20日（不含）": the range ends the day before its last
                return _Item(self.without_last_day(window, p, stop), prefix, suffix, p), stop
            if marker is _Marker.DEADLINE:
                window = self.day_beside(window, -1, p, stop)
            elif marker is _Marker.FROM:
                window = self.day_beside(window, 1, p, stop)
            elif marker is not _Marker.AFTER:  # 后 alone leaves the day out already
                msg = f"{self.quote(p, stop)}: （不含） without 前 or 起 is not read"
                raise _ImpossibleError(msg, p, stop)
            self.day_beside(window, 0, p, stop)
            return _Item(window, prefix, suffix, p), stop
        written_end = end
        suffix, end = self.suffix(end, prefix)
        late = _EXCLUSIVE.match(self.s, end)
        if late is not None and suffix in {_Marker.DEADLINE, _Marker.FROM}:
            # "6月30日前（不含）": as "6月30日（不含）前"; "6月10日至30日前（不含）": to the 29th
            days = -1 if suffix is _Marker.DEADLINE else 1
            if window.kind == "range" and days < 0 and self.at(written_end - 1, "日号"):
                ended = self.without_last_day(window, p, late.end())
                return _Item(ended, prefix, suffix, p), late.end()
            # a window that is not one day ("6月10日至月底前（不含）", "6月前（不含）") is reported
            return _Item(
                self.day_beside(window, days, p, late.end()), prefix, suffix, p
            ), late.end()
        if self.s.startswith("左右", end):
            end += 2
        return _Item(window, prefix, suffix, p), end

    def without_last_day(self, window: _Window, start: int, end: int) -> _Window:
        """Return a range of days ending the day before its last (（不含） after it)."""
        last = self.day_beside(attrs.evolve(window, start=window.end, kind="day"), -1, start, end)
        if window.start is not None and last.end is not None and last.end < window.start:
            msg = f"range ends on {last.end} before it starts on {window.start}"
            raise _ImpossibleError(msg, start, end)
        return attrs.evolve(window, end=last.end)

    def holiday_before(self, start: int, end: int) -> bool:
        """Whether the text from ``start`` ends at ``end`` with a holiday's name (2026年春节, “五一”)."""
        stop = end - (self.s[end - 1 : end] in _CLOSE_QUOTES)
        stop = next(
            (stop - len(w) for w in _HOLIDAY_BREAK_WORDS if self.s.endswith(w, start, stop)), stop
        )
        return any(self.s.endswith(w, start, stop) for w in _HOLIDAY_WORDS)

    def after_end(self, window: _Window, pos: int, start: int) -> tuple[_Window, int] | None:
        """Read "结束后10日内", "终了后15个工作日内" after one window: the day it is due.

        "一季度结束后10日内" is a one-off deadline ten days after that quarter ends, like
        "4月10日前"; working days follow the official calendar (:mod:`xiaojie.dates._workdays`).
        Returns the due day as a window, or ``None`` when no such words follow.
        """
        words = _AFTER_WINDOW_WORDS
        if window.kind in {"quarter", "month"}:  # 一季度后8日, 一季度季后7日: statistics schedules
            words = (*words, *(("季后",) if window.kind == "quarter" else ()), "后")
        word = next((w for w in words if self.s.startswith(w, pos)), None)
        if word is None or window.end is None:
            return None
        got = self.number(pos + len(word))
        if got is None:
            return None
        amount, q, _ = got
        unit = next((u for u in _DAYS_AFTER if self.s.startswith(u[0], q)), None)
        if unit is None:
            return None
        unit_word, working, most = unit
        q += len(unit_word)
        bound = self.word(q, ("以内", "之内", "内", "前"))
        if bound is None and word in _AFTER_WINDOW_WORDS:
            return None
        # 一季度后8日 (12:00前) names the day it is due, as 一季度结束后8日内 does
        end = q + len(bound) if bound is not None else self.clock_note(q)
        if bound is None and self.s.startswith("前", end):
            end += 1
        if not 1 <= amount <= most:
            msg = f"{amount} {'working ' if working else ''}days after a window: expected 1–{most}"
            raise _ImpossibleError(msg, start, end)
        try:
            if working:
                due = add_working_days(window.end, amount)
            else:
                due = window.end + dt.timedelta(days=amount)
        except (CalendarCoverageError, DateValueError) as err:
            raise _ImpossibleError(str(err), start, end) from None
        except OverflowError:
            msg = f"{amount} days after {window.end} is outside the calendar"
            raise _ImpossibleError(msg, start, end) from None
        return attrs.evolve(window, start=due, end=due, month=due.month, kind="day"), end

    def suffix(self, pos: int, prefix: _Marker) -> tuple[_Marker, int]:
        inclusive = _INCLUSIVE.match(self.s, pos)
        if inclusive is not None:
            # "6月30日（含）前", "7月1日(含当日)起": the day is in the period, as it is anyway;
            # "6月30日（含）以后" starts on the day, as 起 does (后 alone: the day after)
            marker, end = self.suffix_word(inclusive.end(), prefix)
            if marker is _Marker.AFTER and prefix is _Marker.NONE:
                return _Marker.FROM, end
            if marker in {_Marker.DEADLINE, _Marker.FROM}:
                return marker, end
            return _Marker.NONE, pos
        return self.suffix_word(pos, prefix)

    def suffix_word(self, pos: int, prefix: _Marker) -> tuple[_Marker, int]:
        """Read the word after a phrase that makes it a deadline, a start, an after or a within."""
        table: tuple[tuple[tuple[str, ...], _Marker], ...] = (
            (("之前", "以前", "为止", "前"), _Marker.DEADLINE),
            (("起至今", "以来", "开始", "至今", "起"), _Marker.FROM),
            (("以后", "之后", "后"), _Marker.AFTER),
            (("以内", "之内", "期间", "时期", "内"), _Marker.WITHIN),
        )
        for words, marker in table:
            word = self.word(pos, words)
            if word is None:
                continue
            if prefix is not _Marker.NONE and marker is not prefix:
                return _Marker.NONE, pos
            if word == "为止" and prefix is not _Marker.DEADLINE:
                return _Marker.NONE, pos
            return marker, pos + len(word)
        return _Marker.NONE, pos

    def series(self, pos: int) -> tuple[list[_Item], int] | None:
        s = self.s
        if (
            pos > 1
            and s[pos - 1] == "、"
            and (s[pos - 2].isdigit() or s[pos - 2] in _CN_CHARS)
            and not self.after_line_break(self.number_start(pos - 1))  # "\n1、3、6月底前"
            and self.shared_heads(pos, self.ref.year, explicit=False, month=None) is not None
        ):
            # "12、1、2月": not the tail of a list that was not read; only its last number is
            got = self.marked(pos, self.ref.year, explicit=False, month=None)
            first = None if got is None else ([got[0]], got[1])
        else:
            first = self.listed(pos, self.ref.year, explicit=False, month=None)
        if first is None:
            return None
        items, end = first
        while True:
            sep = self.word(end, _SERIES_SEPARATORS)
            if sep is None:
                break
            last = items[-1].window
            following = self.listed(
                end + len(sep), last.year, explicit=last.explicit_year, month=last.month
            )
            if following is None:
                break
            if _turns_year(last, following[0][0].window):
                # "12月和1月", "10月至12月和1—2月", "第四季度和1月": the list runs forward
                # into the next year, as "12月至2月" does
                later = self.listed(
                    end + len(sep), last.year + 1, explicit=last.explicit_year, month=last.month
                )
                following = later or following
            items += following[0]
            end = following[1]
        return items, end

    def listed(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[list[_Item], int] | None:
        """Read one part of a series: a window, or numbers sharing a unit ("二、三季度")."""
        shared = self.shared_unit(pos, year, explicit=explicit, month=month)
        if shared is not None:
            return shared
        got = self.marked(pos, year, explicit=explicit, month=month)
        return None if got is None else ([got[0]], got[1])

    def shared_unit(
        self, pos: int, year: int, *, explicit: bool, month: int | None
    ) -> tuple[list[_Item], int] | None:
        """Read numbers that share the unit of the last: "二、三季度", "2025年3、6、9月底前".

        Each number is read with the last one's unit and part, as if written out ("3、6月底前"
        is "3月底、6月底前"): the quarters, months, years (four digits) or days of a month
        (after it: "6月5、6日") in a row; "上、下半年" is both halves. At the start of a line
        after a line break, with no year or marker before it, the first number ("一、三季度",
        "1、3月底前") is a heading's or item's number unless the line holds nothing else or the
        numbers are years; when it continues the others' even step ("3、6、9、12月底前") the
        phrase is reported. At the start of the text (a table's cell, a clause or heading passed
        alone, whose number is already taken off) it is the list.
        """
        if "、" not in self.s[pos : pos + _LIST_REACH]:
            return None  # no list starts here (a quick test, most positions hold none)
        prefix, p, _ = self.leading_marker(pos)
        q, each = p, None
        try:
            named = self.year_prefix(p, year)
        except _ImpossibleError:
            return None  # 上年同期: reported when read as one window
        if named is not None:
            year, q = named
            explicit = True
            each = Frequency.YEARLY if self.s.startswith(_EACH_YEAR_WORDS, p) else None
        # months before a day each take it after a year, a deadline's word or the 于/在 that dates
        # a step (2025年1、7月10日前, 不晚于1、7月10日, 请于1、7月10日前); alone, "1、7月10日前完成摸底"
        # is as likely a step's number and July
        days = (
            named is not None
            or prefix is not _Marker.NONE
            or (pos > 0 and self.at(pos - 1, "于在"))
        )
        heads = self.shared_heads(q, year, explicit=explicit, month=month, days=days)
        if heads is None:
            return None
        last, read = heads
        try:
            final = self.marked(last, year, explicit=explicit, month=month)
        except _ImpossibleError:
            return None  # "2025年二、五季度": the last number is read, and reported, alone
        if final is None:
            return None
        item, end = final
        if (
            prefix is _Marker.NONE
            and named is None
            and self.at(q, _HEADING_NUMERALS)  # 一、三季度, 1、3月底前: a heading's or item's
            and (self.number(q, year=True) or (0, q))[1] - q != 4  # 2025、2026年: years
            and self.after_line_break(pos)
            and self.s[end : self.line_end(end)].strip(_LINE_BLANKS + _LINE_END_MARKS)
        ):
            values = self.listed_values(q)
            steps = {b - a for a, b in itertools.pairwise(values)}
            if len(values) >= 3 and len(steps) == 1 and steps.pop() > 0:
                # "\n3、6、9、12月底前": item 3 and three months, or four evenly spaced months
                msg = (
                    f"{self.quote(pos, end)}: its first number may be a heading's or an item's "
                    "or the list's first; it is not read"
                )
                raise _ImpossibleError(msg, pos, end)
            return None  # "一、三季度工作情况": a heading's number and the third quarter
        got = read(into_next_year=True)
        if got is None:
            return None
        windows, expected, last_year = got
        if last_year != year:
            try:
                final = self.marked(last, last_year, explicit=explicit, month=month)
            except _ImpossibleError:
                return None
            if final is None:
                return None
            item, end = final
        window = item.window
        if not window.reads_as(expected):
            return None  # "3、4月至6月": the last number starts a longer phrase
        more = _MORE_DAYS.match(self.s, end) if window.kind == "day" else None
        if more is not None:
            # 2025年1、7月10日、20日前: the 10th alone of January, or the 20th as well?
            stop = more.end()
            msg = f"{self.quote(pos, stop)}: months listed before several days are not read"
            raise _ImpossibleError(msg, pos, stop)
        if named is not None:
            windows[0] = attrs.evolve(windows[0], own_year=True, each=each)
        items = [
            _Item(w, prefix if i == 0 else _Marker.NONE, _Marker.NONE, pos)
            for i, w in enumerate(windows)
        ]
        return [*items, item], end

    def listed_values(self, pos: int) -> list[int]:
        """Return the numbers of "3、6、9、12月" at ``pos`` (each with 第 or not), in order."""
        values: list[int] = []
        while (got := self.number(pos + self.s.startswith("第", pos))) is not None:
            values.append(got[0])
            if self.char(got[1]) != "、" or len(values) > _MOST_SHARED:
                break
            pos = got[1] + 1
        return values

    def number_start(self, end: int) -> int:
        """Return where the number (digits or Chinese numerals) ending at ``end`` starts."""
        start = end
        while start > 0 and (self.s[start - 1].isdigit() or self.s[start - 1] in _CN_CHARS):
            start -= 1
        return start

    def after_line_break(self, pos: int) -> bool:
        """Whether only blanks stand between a line break and ``pos`` (not the text's start)."""
        start = self.s.rfind("\n", 0, pos)
        return start >= 0 and not self.s[start + 1 : pos].strip(_LINE_BLANKS)

    def line_end(self, pos: int) -> int:
        end = self.s.find("\n", pos)
        return self.n if end < 0 else end

    def shared_heads(
        self, pos: int, year: int, *, explicit: bool, month: int | None, days: bool = False
    ) -> tuple[int, _ListReader] | None:
        """Find the numbers before the last of "二、三季度", "3、6月底", "上、下半年".

        Returns where the last number starts and a function that reads the windows of the
        numbers before it and the window the last must read as (``None`` when a number is no
        such window: "13、12月", "二、五季度", or when a day or month after the unit may be
        the last number's alone: "3、6月30日", "2025、2026年3月"), or ``None`` when no such
        list is at ``pos``. With ``days`` (after a year, a deadline's word or 于/在) months before
        a day each take it ("2025年1、7月10日前" is 10 January and 10 July, as after 每年).
        """
        s = self.s
        if s.startswith("上、下半年", pos):
            if pos and s[pos - 1] in _WORD_BEFORE_SHANG:
                return None  # 会上、下半年工作要点, 晚上、下半年: 上 ends a word

            def halves(*, into_next_year: bool = False) -> tuple[list[_Window], _Window, int]:  # noqa: ARG001
                lower = self.year_part(pos + 2, year, pos + 2, explicit=explicit)
                assert lower is not None  # noqa: S101 - 下半年 is read
                second = lower[0]
                assert second.start is not None  # noqa: S101 - a half-year has both ends
                assert second.end is not None  # noqa: S101
                first = attrs.evolve(
                    second,
                    start=second.start.replace(month=second.start.month - 6),
                    end=_month_end(year, second.end.month - 6),
                )
                return [first], second, year

            return pos + 2, halves
        heads: list[tuple[int, int, int, bool]] = []  # start, value, end, in Chinese
        p = pos
        while True:
            got = self.number(p + s.startswith("第", p))
            if got is None or self.char(got[1]) != "、":
                got = self.number(p, year=True)  # 二〇二四、
                if got is None or self.char(got[1]) != "、":
                    break
            heads.append((p, *got))
            p = got[1] + 1
            if len(heads) >= _MOST_SHARED:
                return None  # more numbers than months in a year: no list of times
        got = self.number(p + s.startswith("第", p))
        if got is None or self.char(got[1]) != "年":
            got = self.number(p, year=True) or got  # 二〇二五年
        if not heads or got is None:
            return None
        last = (p, *got)
        unit = got[1]
        ordinals = any(s.startswith("第", start) for start, *_ in (*heads, last))
        if s.startswith("季度", unit):
            kind = "quarter"
        elif ordinals:
            return None  # 第3、4个月 counts months of the work; 第1、2批 is no time
        elif self.char(unit) == "月":
            kind = "month"
        elif self.char(unit) == "年":
            # years of four digits: 2025、2026年, 二〇二四、二〇二五年
            years = [self.number(start, year=True) for start, *_ in (*heads, last)]
            if any(
                y is None or y[1] - start != 4
                for y, (start, *_) in zip(years, (*heads, last), strict=True)
            ):
                return None
            heads = [(start, *y) for y, (start, *_) in zip(years, heads, strict=False) if y]
            last = (p, *years[-1]) if years[-1] else last
            kind = "year"
        elif self.at(unit, "日号") and month is not None:
            kind = "day"
        else:
            return None

        def one(number: tuple[int, int, int, bool], year: int = year) -> _Window | None:
            start, value, _, chinese = number
            try:
                if kind == "quarter":
                    if not 1 <= value <= 4:
                        return None
                    return self.quarter_window(start, year, value, unit + 2, explicit=explicit)[0]
                if kind == "month":
                    if not 1 <= value <= 12:
                        return None
                    window = self.month_rest(
                        start, year, value, unit + 1, explicit=explicit, chinese=chinese
                    )[0]
                    # 2025年1、7月10日前: the day of both months (with ``days``); 1、7月10日前
                    # alone may be a step's number and July
                    kinds = {"month", "monthpart", "day"} if days else {"month", "monthpart"}
                    return window if window.kind in kinds else None
                if kind == "year":
                    window, stop = self.after_year(start, value, unit + 1, explicit=True)
                    # 2025、2026年3月, 2025、2026年3、6月底: a month of both years, or a list
                    # before the last year's month
                    if not value or window.kind not in {"year", "yearpart"}:
                        return None
                    after = self.number(stop)
                    if (after is not None and self.at(after[1], "、月季")) or s.startswith(
                        "上、", stop
                    ):
                        return None  # (not "2025、2026年3项任务": a count after the years)
                    return attrs.evolve(window, own_year=True)
                assert month is not None  # noqa: S101 - days only after their month
                day = self.date(year, month, value, start, unit + 1)
            except _ImpossibleError:
                return None  # "二、五季度", "13、12月": no list of quarters or months
            return _Window(day, day, year, explicit, month, "day")

        def read(*, into_next_year: bool = False) -> tuple[list[_Window], _Window, int] | None:
            numbers = (*heads, last)
            values = [value for _, value, _, _ in numbers]
            turn = len(values)
            if values != sorted(set(values)):
                top = {"month": 12, "quarter": 4}.get(kind, 0)
                turns = [i for i in range(1, len(values)) if values[i] <= values[i - 1]]
                if not (
                    len(turns) == 1
                    and all(1 <= v <= top for v in values)
                    and values[turns[0] :] == sorted(set(values[turns[0] :]))
                    and values[: turns[0]] == sorted(set(values[: turns[0]]))
                    and values[-1] < values[0]
                ):
                    return None  # "十、6月", "四、3季度": lists run forward ("3、6、9、12月")
                if not into_next_year:
                    # "每年12、1、2月": no window of each year
                    stop = unit + (2 if kind == "quarter" else 1)
                    msg = (
                        f"{self.quote(pos, stop)} lists {kind}s that do not run forward (into "
                        "the next year?); it is not read"
                    )
                    raise _ImpossibleError(msg, pos, stop)
                # "12、1、2月", "冬季（11、12、1、2、3月）", "四、一季度": the numbers after the
                # turn are in the next year, as "12月至2月" ends in it
                turn = turns[0]
            windows = [one(n) if i < turn else one(n, year + 1) for i, n in enumerate(numbers)]
            if any(w is None for w in windows):
                return None
            *before, final = (w for w in windows if w is not None)
            return before, final, year if turn == len(values) else year + 1

        return p, read
