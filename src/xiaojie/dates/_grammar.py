"""The phrase grammar's vocabulary and small internal values, shared by the readers."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from xiaojie.dates._cadence import Frequency
from xiaojie.dates._found import When
from xiaojie.dates._values import Comparator, SpanUnit


# --------------------------------------------------------------------------------------------
# Text helpers

# Traditional characters of the phrase grammar's words, each folded to its simplified form (one
# character for one, so offsets stay): "春節後", "國慶節前", "每週", "兩個月" read as written in
# simplified script. Generated with OpenCC (t2s, character by character) for the characters of
# the string constants of ``xiaojie.dates`` (not its docstrings); ``python
# tests/test_dates_traditional.py`` prints it again, and that test checks it.
_TRADITIONAL = (
    "佈來侷個備傢價億優內兩則創劃勁動勞勵匯協卽厤單噸噹嚮嚴國圍埰執堅報學寀實審將專導"
    "層嵗嶄幫幾廳強彙後從復態慶應懞懷戶採撥數於昇時曆曏會東査條構樓標機檢檯歲歷歸氣況"
    "淩滙滯滿濛為爲現產産畝當發盤矇碼礎禮種箇節範簽籌籤紀納級紛細終組結統綫網線總續纍"
    "義臘臨臺與舉華萬葯藥號衕裏補裡製複覈見規觀計訴評該調請講議趕輕輛轉辦農迴這週進過"
    "達遲邊醫鈡鍾鐘長開間閤關陞際隻雙鞦韆項順領頭颱飛餘馬駐體髮麥麪麫麵點鼕齡齣"
)
_SIMPLIFIED = (
    "布来局个备家价亿优内两则创划劲动劳励汇协即历单吨当向严国围采执坚报学采实审将专导"
    "层岁崭帮几厅强汇后从复态庆应蒙怀户采拨数于升时历向会东查条构楼标机检台岁历归气况"
    "凌汇滞满蒙为为现产产亩当发盘蒙码础礼种个节范签筹签纪纳级纷细终组结统线网线总续累"
    "义腊临台与举华万药药号同里补里制复核见规观计诉评该调请讲议赶轻辆转办农回这周进过"
    "达迟边医钟钟钟长开间合关升际只双秋千项顺领头台飞余马驻体发麦面面面点冬龄出"
)

# Length-preserving normalisation, so that offsets in the normalised text are offsets in the source.
_NORMALISE = str.maketrans(
    {
        **dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True)),
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "－": "-",
        "﹣": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "―": "—",
        "～": "~",
        "〜": "~",
        "．": ".",
        "／": "/",
        "：": ":",
        "％": "%",
    }
)
_STRIP_QUOTES = "“”\"'‘’「」『』《》〈〉"
_STRIP_TRAILING = "。，,;；:：!！?？、"

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = frozenset(_CN_DIGITS) | frozenset(_CN_UNITS)
_MAX_DIGITS = 6

# The characters after which a phrase written in Chinese numerals may start in running text.
_CN_LEAD = frozenset("于在到至止和及与自从起前后的是为年截迟晚满过超少多")

_RANGE_SEPARATORS = ("——", "—", "–", "-", "~", "起至", "起到", "至", "到")

# Years, quarters and months named relative to the reference date: (word, offset).
_RELATIVE_YEARS = (
    ("上年度", -1),
    ("本年度", 0),
    ("今年度", 0),
    ("上一年度", -1),
    ("上一年", -1),
    ("这一年", 0),
    ("今年", 0),
    ("本年", 0),
    ("明年", 1),
    ("去年", -1),
    ("上年", -1),
    ("前年", -2),
)
# 来年 (the coming year) only after these, where no word ends in 来 (未来年度, 以来年均): in a
# list or after a range's separator, and only before a part of the year (来年1月, 来年底).
_BEFORE_COMING_YEAR = frozenset("和及与、至到于在，,；;（(： \u3000")
# The year after the one before them, as 次年 ("2024年11月至下一年2月" ends in 2025); 下一年
# not before these, which make it a length (下一年内, 下一年来, 下一年期), nor before no word.
_NEXT_YEAR_WORDS = ("下一年度", "下一年", "下年度")
_LENGTH_AFTER_ONE_YEAR = frozenset("内来期多半以之间左时后里一")
# Where a clause begins: 在…下 ("under") is looked for after the last of these.
_CLAUSE_MARKS = "，,。；;：:、！!？?\n"
# A year written in figures, as 下一年 counts from it (2024年11月至下一年2月).
_WRITTEN_YEAR = re.compile(r"(?<!\d)(\d{4})年")
# What may stand between that year and 下一年 in one range or list (11月至, 10月1日至, 和).
_TIME_BETWEEN = re.compile(
    r"[\d〇零一二三四五六七八九十年月日号底初末中上下旬季度第个至到和及与、—\-~～\s]*"
)
# What ends a time after 在 (在…排查后下一年度): not 在…下 ("under").
_TIME_ENDS = frozenset("后前时中内外里间")
# Before these 下 ends another word (剩下, 余下, 以下, 上下, 签下): 剩下一年 is a length, 上下年度
# both years.
_NOT_BEFORE_NEXT_YEAR = frozenset("剩余以如留落上签打拿眼当一")
# Nor after these, which 下 follows as "under" (在县乡村振兴局指导下, 在此前提下).
_UNDER_WORDS = (
    "领导",
    "指导",
    "前提",
    "情况",
    "条件",
    "努力",
    "作用",
    "引领",
    "关心",
    "关怀",
    "帮助",
)
# After these a relative year word is part of another word ("上年均", "本年级").
_NOT_AFTER_YEAR_WORD = frozenset("均级龄纪代轻")
_RELATIVE_QUARTERS = (
    ("上个季度", -1),
    ("下个季度", 1),
    ("这个季度", 0),
    ("本季度", 0),
    ("上季度", -1),
    ("下季度", 1),
)
_RELATIVE_MONTHS = (
    ("上一个月", -1),
    ("上个月", -1),
    ("下个月", 1),
    ("这个月", 0),
    ("本月", 0),
    ("上月", -1),
    ("下月", 1),
)
_MAX_RELATIVE_YEARS = 20
# Year words that, in the clause of a yearly duty, name the year of each occurrence or the one
# before it ("每年2月底前，根据上一年度工作成效"); 今年, 去年 and 明年 always name the plan's years.
_EACH_YEAR_WORDS = ("上一年", "上年度", "本年度", "上年", "本年")
# A two-digit year ("19年底") is read only when one century puts it this close to the reference.
_TWO_DIGIT_YEAR_REACH = 40
_SERIES_SEPARATORS = ("以及", "和", "、", "及", "与")
_DEADLINE_PREFIXES = (
    "截至到",
    "截止到",
    "截至",
    "截止",
    "不得晚于",
    "不得迟于",
    "不晚于",
    "不迟于",
    "最迟于",
    "最晚于",
    "最迟",
    "最晚",
    "直至",
    "直到",
    "到",
    "至",
)
_FROM_PREFIXES = ("自从", "不得早于", "不早于", "自", "从")

# Characters after which a marker or a month part is the start of another word instead.
# Verbs that make 前 the deadline's marker though their first character would make a word with
# it (前提, 前进, 前列): "6月底前提交", "年底前进行验收", "9月底前列入计划".
_VERBS_AFTER = {
    "前": (
        "提交",
        "提出",
        "提供",
        "提请",
        "提报",
        "提高",
        "提升",
        "提前",
        "进行",
        "进一步",
        "进入",
        "进驻",
        "列入",
        "列出",
    ),
}
_NOT_AFTER = {
    "前": frozenset("期列提沿景进往端后夕面身者台"),
    "后": frozenset("续期来面者果备勤方盾"),
    "起": frozenset("草诉因点步来到身码飞居"),
    "内": frozenset("容部涵在外地需控蒙"),
    "中": frozenset("央国共华心间期小等级外学秋标西部东南北层方文医药型长短专青高初"),
    "初": frozenset("步期级心始中审稿衷次"),
    "底": frozenset("线数色层部子座薪气"),
    "末": frozenset("端尾梢位期"),
    "周": frozenset("年岁边围转"),
    "年": frozenset("级龄度代制份轻华终"),
    "天": frozenset("然气空津下"),
}

_MONTH_PARTS: tuple[tuple[str, int, int | None], ...] = (
    # (word, first day, last day or None for the month's last day)
    ("上中旬", 1, 20),
    ("中下旬", 11, None),
    ("上旬", 1, 10),
    ("中旬", 11, 20),
    ("下旬", 21, None),
    ("初", 1, 5),
    ("中", 11, 20),
    ("底", 25, None),
    ("末", 25, None),
)

_FREQUENCIES = (
    ("个星期", Frequency.WEEKLY),
    ("个季度", Frequency.QUARTERLY),
    ("星期", Frequency.WEEKLY),
    ("季度", Frequency.QUARTERLY),
    ("半年度", Frequency.HALF_YEARLY),
    ("半年", Frequency.HALF_YEARLY),
    ("年度", Frequency.YEARLY),
    ("个月", Frequency.MONTHLY),
    ("月度", Frequency.MONTHLY),
    ("周", Frequency.WEEKLY),
    ("季", Frequency.QUARTERLY),
    ("月", Frequency.MONTHLY),
    ("年", Frequency.YEARLY),
)
_NOT_CADENCE = ("累计", "平均", "人均")
# Words for "after the window ends" (每季度结束后, 一季度终了后).
_AFTER_WINDOW_WORDS = ("结束后", "结束之后", "结束以后", "终了后", "终了之后")
_AT_LEAST_WORDS = ("不少于", "至少", "最少")
_AT_MOST_WORDS = ("不超过", "不多于", "最多", "至多")
_MAX_GAP = 10

_SPAN_UNITS = (
    ("个工作日", SpanUnit.WORKING_DAYS),
    ("工作日", SpanUnit.WORKING_DAYS),
    ("个星期", SpanUnit.WEEKS),
    ("星期", SpanUnit.WEEKS),
    ("个月", SpanUnit.MONTHS),
    ("天", SpanUnit.DAYS),
    ("日", SpanUnit.DAYS),
    ("周", SpanUnit.WEEKS),
    ("年", SpanUnit.YEARS),
)
_SPAN_PREFIXES = (
    ("不超过", Comparator.AT_MOST),
    ("不多于", Comparator.AT_MOST),
    ("不高于", Comparator.AT_MOST),
    ("不少于", Comparator.AT_LEAST),
    ("不低于", Comparator.AT_LEAST),
    ("不满", Comparator.LESS_THAN),
    ("不足", Comparator.LESS_THAN),
    ("最多", Comparator.AT_MOST),
    ("至多", Comparator.AT_MOST),
    ("最少", Comparator.AT_LEAST),
    ("至少", Comparator.AT_LEAST),
    ("超过", Comparator.MORE_THAN),
    ("多于", Comparator.MORE_THAN),
    ("少于", Comparator.LESS_THAN),
    ("满", Comparator.AT_LEAST),
)
_SPAN_SUFFIXES = (
    ("及以上", Comparator.AT_LEAST),
    ("以上", Comparator.AT_LEAST),
    ("以下", Comparator.AT_MOST),
    ("以内", Comparator.AT_MOST),
    ("之内", Comparator.AT_MOST),
    ("内", Comparator.AT_MOST),
)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "〇"


def _cn_value(run: str) -> int | None:
    """Return the value of a Chinese numeral written with 十/百/千, or of a single digit."""
    if not any(ch in _CN_UNITS for ch in run):
        return _CN_DIGITS[run] if len(run) == 1 else None
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in run:
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if value == 0:
                if digit is not None or total == 0:
                    return None
                continue
            if digit is not None:
                return None
            digit = value
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if total != 0 or unit != 10:
                    return None
                digit = 1
            total += digit * unit
            digit = None
            last_unit = unit
    if digit is not None:
        total += digit
    return total


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _ImpossibleError(Exception):
    """A phrase has the shape of a date but names an impossible one (internal)."""

    def __init__(self, reason: str, start: int, end: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.start = start
        self.end = end


class _Marker(enum.Enum):
    NONE = "none"
    DEADLINE = "deadline"
    FROM = "from"
    AFTER = "after"
    WITHIN = "within"


@attrs.frozen
class _Window:
    start: dt.date | None
    end: dt.date | None
    year: int
    explicit_year: bool
    month: int | None
    kind: str
    weak: bool = False
    own_year: bool = False
    # Named relative to the reference date (本月, 上季度): its year is the reference's business.
    relative: bool = False
    # The window a relative word (本季度, 上月, 上年度) is counted in; inside the clause of a
    # recurring duty it is counted from each occurrence instead of the reference date.
    each: Frequency | None = None

    def reads_as(self, other: _Window) -> bool:
        """Whether the two are the same days of the same kind (flags such as ``weak`` aside)."""
        return (self.start, self.end, self.kind) == (other.start, other.end, other.kind)


@attrs.frozen
class _Item:
    window: _Window
    prefix: _Marker
    suffix: _Marker
    start: int


@attrs.frozen
class _Match:
    value: When
    end: int
    weak: bool = False
    # For periods: the year the first part names itself (None when it took the reference year).
    own_year: int | None = None
    yearless: bool = False
    # For periods: the window the relative word that starts the phrase is counted in.
    each: Frequency | None = None
    # For a holiday named without a year ("春节前"): the year of the holiday read.
    holiday_year: int | None = None


# A year in Chinese digits typed with a look-alike of 〇 (○, O, 0): "二○二○年", "二0二0年".
_LOOKALIKE_YEAR = re.compile("[〇零一二三四五六七八九○OＯ0０]{4}(?=年)")
_LOOKALIKES = str.maketrans("○OＯ0０", "〇〇〇〇〇")


def _with_cn_years(text: str) -> str:
    """Return ``text`` with the look-alikes of 〇 in Chinese-digit years made 〇 (same length).

    Only a run of four before 年 holding at least two of 一…九 is such a year; "2020年" stays.
    """

    def year(match: re.Match[str]) -> str:
        run = match.group()
        if sum(ch in "一二三四五六七八九" for ch in run) < 2 or run.isascii():
            return run
        start = match.start()
        if start and text[start - 1] in "〇零一二三四五六七八九○OＯ0０0123456789":
            return run
        return run.translate(_LOOKALIKES)

    return _LOOKALIKE_YEAR.sub(year, text) if "年" in text else text
