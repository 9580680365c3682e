"""The reader of recurring duties: 每月1次, 每年12月底前, 每季度结束后10日内, 每周三."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any, NoReturn

import attrs

from xiaojie.dates._cadence import Cadence, Frequency
from xiaojie.dates._grammar import (
    _AFTER_WINDOW_WORDS,
    _AT_LEAST_WORDS,
    _AT_MOST_WORDS,
    _CN_CHARS,
    _FREQUENCIES,
    _MAX_GAP,
    _MONTH_PARTS,
    _NOT_CADENCE,
    _RANGE_SEPARATORS,
    _SERIES_SEPARATORS,
    _ImpossibleError,
    _is_cjk,
    _Match,
    _month_end,
    _Window,
)
from xiaojie.dates._holiday import note_at
from xiaojie.dates._read_periods import (
    _CLOCK_NOTE,
    _EXCLUSIVE,
    _SAME_MONTH,
    _SHARED_TEN_DAYS,
    _WEEKDAY_NOTE,
    _PeriodReader,
)
from xiaojie.errors import DateValueError


_WEEKDAYS = {
    **{ch: i + 1 for i, ch in enumerate("一二三四五六日")},
    "天": 7,
    **{str(i): i for i in range(1, 8)},
}
_TIMES_OF_DAY = ("上午", "下午", "中午", "晚上", "早上", "凌晨", "傍晚", "夜间", "晚", "早")
_CLOCK = re.compile(r"[0-9一二三四五六七八九十两]+[点时:]")
_CLAUSE_ENDS = frozenset("，,。；;：:！!？?、\n（）()")
_AMOUNT_LOOKAHEAD = 40
# A number with a unit of quantity: "1万人", "2000元", "95%", "3个" … (not 次, 日, 月, 年).
_AMOUNT = re.compile(
    r"[0-9.]+\s*(?:多|余)?(?:[万亿千百]|元|人|户|名|家|亩|吨|斤|头|只|套|所|项|台|辆|篇|条|个|%|‰)"
    r"|[一二三四五六七八九十两百千]+(?:万|亿|元|人|户|名|家)"
)
# A window named without 每 before "结束后" (季度结束后10日内): a duty after each such window.
_WINDOW_WORDS = (
    ("季度", Frequency.QUARTERLY),
    ("月度", Frequency.MONTHLY),
    ("半年度", Frequency.HALF_YEARLY),
    ("半年", Frequency.HALF_YEARLY),
)
# Before these, a window word is one window, not each ("一季度结束后", "本季度结束后").
_ONE_WINDOW_BEFORE = frozenset("0123456789第本上下该当今明去次首全年前后其这那同每")
# Before these, "一年"/"半年" belongs to another word ("统一月底", "近半年", "唯一").
_NOT_BEFORE_BARE = frozenset("统唯单逐近多按")
# Windows written without 每, the words that may lead them and what must follow: a count
# ("一年一次", "半年报送一次", "季度调度一次") or, after 按/逐 and for 月度/季度/半年度, a verb of
# a recurring duty ("按季度报送", "逐月调度", "月度调度").
# After 一 (or 1) a count follows right away; "一年一次" and "一月一次" are not read, as numerals
# of other words ("一年一次的体检", "一月一次的例会").
_ONE_WINDOWS = (
    ("个季度", Frequency.QUARTERLY),
    ("个星期", Frequency.WEEKLY),
    ("个月", Frequency.MONTHLY),
    ("季度", Frequency.QUARTERLY),
    ("星期", Frequency.WEEKLY),
    ("季", Frequency.QUARTERLY),
    ("周", Frequency.WEEKLY),
)
_BY_WINDOWS = (
    ("半年度", Frequency.HALF_YEARLY),
    ("半年", Frequency.HALF_YEARLY),
    ("季度", Frequency.QUARTERLY),
    ("年度", Frequency.YEARLY),
    ("月度", Frequency.MONTHLY),
    ("月", Frequency.MONTHLY),
    ("季", Frequency.QUARTERLY),
    ("年", Frequency.YEARLY),
    ("周", Frequency.WEEKLY),
)
_BARE_WINDOWS = (
    ("半年度", Frequency.HALF_YEARLY),
    ("半年", Frequency.HALF_YEARLY),
    ("季度", Frequency.QUARTERLY),
    ("月度", Frequency.MONTHLY),
)
# Words that make a window word before them a length or one window, not each ("半年内", "季度末").
_NOT_EACH_AFTER = frozenset("内以之后前来末底初中起结终")
_ADDRESSEE = 12
"""The longest "向X" between 按季度 and its verb (向自治区乡村振兴局 is 9 characters)."""
# Verbs of a recurring duty after 按/逐 + a window ("按月发放", "逐季调度"); after a bare 月度,
# 季度 or 半年度 only those that are not also nouns of a report ("月度调度", not "月度报告").
# After 每, windows no cadence has: 旬, half a month, N days, a day ("每日报送", not "每日前").
_OTHER_WINDOW = re.compile(r"旬|半个?月|(?:[0-9]+|[两三四五六七八九十]+)[天日]|[日天](?![前内后])")
# The windows of "一月一调度", "一季一通报" (month and year only in this form: 一月 alone is January).
_ONCE_WINDOWS = (
    ("季度", Frequency.QUARTERLY),
    ("季", Frequency.QUARTERLY),
    ("月", Frequency.MONTHLY),
    ("周", Frequency.WEEKLY),
    ("年", Frequency.YEARLY),
)
_DUTY_VERBS = (
    "调度",
    "报送",
    "上报",
    "填报",
    "通报",
    "汇报",
    "报告",
    "汇总",
    "督查",
    "督导",
    "检查",
    "调研",
    "会商",
    "研判",
    "考核",
    "召开",
    "开展",
    "统计",
    "更新",
    "发放",
    "拨付",
    "公布",
    "公示",
    "盘点",
)
_BARE_DUTY_VERBS = (
    "调度",
    "报送",
    "上报",
    "通报",
    "汇报",
    "督查",
    "督导",
    "会商",
    "研判",
    "盘点",
)
# One character for the window and a duty, in a list of a plan's mechanisms ("实行月调度、季通报、
# 年考核"): the window, the duty, and what may stand before and after them. 旬 (ten days) and
# 半月 have no cadence: reported, as 每旬 is.
_SINGLE_WINDOWS = (
    ("半年", Frequency.HALF_YEARLY),
    ("月", Frequency.MONTHLY),
    ("季", Frequency.QUARTERLY),
    ("年", Frequency.YEARLY),
    ("周", Frequency.WEEKLY),
)
_SINGLE_UNREAD = ("半月", "旬")
# Every window a list of mechanisms may hold, longest first (半月 before 月, 半年 before 年).
_LIST_WINDOWS = ("半月一", "半年", "半月", "月", "季", "年", "周", "旬")
_SINGLE_DUTIES = (
    "调度",
    "通报",
    "报告",
    "报送",
    "会商",
    "研判",
    "考核",
    "考评",
    "督导",
    "督查",
    "督办",
    "分析",
    "总结",
    "小结",
    "调研",
    "评估",
    "评价",
    "评比",
    "总评",
    "排名",
    "点评",
    "讲评",
    "盘点",
    "推进",
    "例会",
    "观摩",
)
# Before the window: the start, a list's separator, a bracket, a quote, a line's or item's start
# (一是, （一）, 1.), 的, or a verb putting mechanisms in place (实行, 建立, 完善 …); never a digit
# ("2025年考核"), 本, 上, nor a word ending as such a verb does (文化周, 项目推进年: 推进 is not one).
_SINGLE_BEFORE = frozenset("、，,；;：:。（(）)“\"‘' \t\n\u3000.．是和及与的")
_SINGLE_VERBS = (
    "实行",
    "推行",
    "执行",
    "坚持",
    "建立",
    "健全",
    "完善",
    "实施",
    "落实",
    "常态化",
    "强化",
    "深化",
    "开展",
    "通过",
    "纳入",
    "列入",
    "采取",
    "采用",
    "形成",
    "按照",
    "构建",
    "严格",
    "做好",
    "抓好",
    "用好",
    "加强",
)
# A unit's name may end right before a week, month or quarter when a meeting or a mechanism
# follows the duty: 县指挥办周调度会, 指挥办周调度机制 (a half-year's or year's meeting after a
# name is mostly one meeting reported: 县政府办半年总结会召开).
_SINGLE_UNIT_ENDS = frozenset("办局委组厅部室")
_SINGLE_UNIT_WINDOWS = frozenset("周月季")
# Words ending as a unit's name does that are no unit: 举办周报告会, 东部季通报会.
_NOT_UNIT_ENDS = (
    "举办", "承办", "主办", "协办", "创办", "开办", "筹办", "合办",
    "东部", "西部", "南部", "北部", "中部", "全部", "内部", "外部", "局部", "各部",
)  # fmt: skip
_SINGLE_MEETINGS = ("会议", "例会", "会", "机制", "制度")
# How many duties may be chained without a separator (月考核季通报年考评) before one is read.
_MAX_CHAIN = 6
# After the duty: a list's separator, the end of a clause or line, or the word the duties name.
_SINGLE_AFTER = frozenset("、，,；;。：:！!）)》“”「」\"' \t\n\u3000-—和及与的为")
_SINGLE_AFTER_WORDS = (
    "制度",
    "机制",
    "工作",
    "例会",
    "会议",
    "会",
    "等",
    "长效",
    "方式",
    "要求",
    "格局",
    "推进机制",
    "范围",
)
# Windows longer than the calendar unit, or every other one: not a Frequency (每两个月, 双月).
_MULTI_UNITS = ("个星期", "个季度", "星期", "季度", "个月", "周", "季", "月", "年")
# A yearly rule names a month and day of every year; it is read in a leap year so 2月29日 exists.
_ANY_LEAP_YEAR = 2000
# What may follow a bare day of the week listed after another ("每周一、三开展", "每周二、四。").
_AFTER_BARE_WEEKDAY = frozenset("开召报组进举集、和及与,，。;；:： ")
_YEARLY_KINDS = frozenset({"month", "monthpart", "day", "range"})
_LISTED_KINDS = frozenset({"month", "monthpart", "day"})
# Parts of a year after 每年 read as the months of each year they cover ("每年一季度" is 1月至3月
# each year); 年底, 年末, 年内 and 全年 are the yearly duty itself.
_YEARLY_PART_KINDS = frozenset({"quarter", "quarterpart", "yearpart"})
_WHOLE_YEAR_WORDS = ("年底", "年末", "年内", "年度内", "全年")
# Parts of each month after 每月, by the day they end on ("每月上旬" is due on the 10th); 中 alone
# is left out ("每月中" is mostly 每月 and another word).
_MONTH_PART_ENDS = tuple(part for part in _MONTH_PARTS if part[0] not in {"中", "底", "末"})
# The last working day or week of a window: a due rule a cadence does not hold.
_LAST_OF_WINDOW = ("最后一个工作日", "最后1个工作日", "最末一个工作日")
# The last day or week of a window: due at its end, as 月底 is.
_LAST_DAY_OF_WINDOW = ("最后一天", "最后1天", "最后一日", "最末一天", "最后一周", "最后1周")
# A week or a working day of a month counted from its start, after 每月 ("每月第一周", "每月首个
# 工作日"): no day of the month, nor a part (旬) of it; reported, not read as 每月 alone.
_WEEK_OF_MONTH = re.compile(
    r"的?(?:第[一二三四五1-5]个?|首个?)(?:周|星期|礼拜|工作日)(?![一二三四五六日天])"
)
# The month after each, where a range of each month ends ("每月25日至次月5日").
_NEXT_MONTH_WORDS = ("下个月", "次月", "下月")
# Days of each month sharing 日 ("每月5、20日"), up to the 日 or 号.
_SHARED_DAYS = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:、(?:\d{1,2}|[一二三四五六七八九十]{1,3}))+[日号]"
)
# Words after a due day that say "by it" (每月5日前).
_BEFORE_WORDS = ("之前", "以前", "前")
# Due dates listed after 每年, evenly spaced through the year: their number gives the window.
_LISTED_FREQUENCIES = {2: Frequency.HALF_YEARLY, 4: Frequency.QUARTERLY, 12: Frequency.MONTHLY}


# The windows whose end a range into 次月 may follow ("每月底至次月5日前", "每季度末至次月10日前",
# "每半年末至次月10日前"): the month after the window. After 每年 the next month is 次年1月.
_NEXT_MONTH_AFTER = frozenset(
    {Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY}
)


class _CadenceReader(_PeriodReader):
    """Adds recurring duties to the period reader."""

    def count(self, pos: int) -> tuple[int, int | None, int] | None:
        """Read "1次", "至少1次", "1—2次", "2次以上" …: (min, max, end)."""
        p = pos
        at_least = at_most = False
        word = self.word(p, _AT_LEAST_WORDS)
        if word is not None:
            at_least, p = True, p + len(word)
        else:
            word = self.word(p, _AT_MOST_WORDS)
            if word is not None:
                at_most, p = True, p + len(word)
        if word is not None and self.s.startswith((" ", "\u3000"), p):
            p += 1  # 至少 1 次
        got = self.number(p)
        if got is None:
            return None
        low, q, _ = got
        if self.s.startswith((" ", "\u3000"), q) and self.at(q + 1, "次回"):
            q += 1  # 2 次: a space between the number and its unit
        high: int | None = low
        sep = self.word(q, _RANGE_SEPARATORS)
        if sep is not None and not at_least and not at_most:
            second = self.number(q + len(sep))
            if second is not None and self.at(second[1], "次回"):
                high, q = second[0], second[1]
        if not self.at(q, "次回"):
            return None
        q += 1
        tail = self.word(q, ("及以上", "以上", "以下", "以内"))
        if tail is not None and high == low and not at_least and not at_most:
            at_least = tail in {"及以上", "以上"}
            at_most = not at_least
            q += len(tail)
        if at_least:
            return low, None, q
        if at_most:
            return 1, low, q
        return low, high, q

    def cadence(self, pos: int, *, to_end: bool) -> _Match | None:
        if not self.s.startswith("每", pos):
            return (
                self.next_month(pos)
                or self.after_each_window(pos)
                or self.every_other(pos)
                or self.without_every(pos)
            )
        if self.per_unit_before(pos):
            return None
        p = pos + 1
        other = _OTHER_WINDOW.match(self.s, p)
        if other is not None and other.group() in {"日", "天"} and not self.duty_at(other.end()):
            other = None  # 每天进步, 每日更新: prose, not a duty
        if other is not None:  # 每旬, 每半月, 每10天, 每日报送: windows this reader does not have
            msg = (
                f"a duty every {other.group()} is not read: the windows read are the week, the "
                "month, the quarter, the half-year and the year"
            )
            raise _ImpossibleError(msg, pos, other.end())
        self.several_windows(pos, p)
        one = self.number(p)
        if one is not None and one[0] == 1 and self.s.startswith(_MULTI_UNITS, one[1]):
            p = one[1]  # 每一个月, 每1年: each one window
        frequency: Frequency | None = None
        for word, freq in _FREQUENCIES:
            if self.s.startswith(word, p) and (word != "周" or self.word(p, ("周",)) is not None):
                frequency, p = freq, p + len(word)
                break
        if frequency is None or self.s.startswith(_NOT_CADENCE, p):
            return None
        rule, p, dated = self.due_rule(frequency, pos, p)
        frequency = rule.pop("frequency", frequency)
        listed = rule.pop("listed", None)  # the dates a year a list gave (每年3月、9月)
        marker = self.word(p, _BEFORE_WORDS)
        if dated and marker is not None:
            p += len(marker)
        left_out = _EXCLUSIVE.match(self.s, p) if dated else None
        if left_out is not None:
            # 每月10日（不含）前, 每月10日前（不含）, 每年1月1日（不含）起: a cadence's due day has
            # no "left out"
            msg = f"{self.quote(pos, left_out.end())}: （不含） in a recurring duty is not read"
            raise _ImpossibleError(msg, pos, left_out.end())
        note = note_at(self.s, p)
        if note is not None:
            # 每月25日前（遇节假日顺延）报送1次: the note belongs to the due date before it
            rule["on_holiday"], p = note.shift, note.end
        head_end = p
        at_least = False
        lead = self.word(p, _AT_LEAST_WORDS)
        counted = None
        if lead is not None:
            at_least = True
            counted = self.gap_count(p + len(lead))
        if counted is None:
            at_least = False
            counted = self.gap_count(p)
        if counted is not None:
            low, high, end = counted
            if at_least:
                high = None
            # 每年3月、9月开展两次: once at each date listed; 每年6月和12月各开展两次: twice at each
            if listed is not None and "各" not in self.s[head_end:end]:
                if low != listed or high not in {None, listed}:
                    msg = f"a count of {low} a year for the {listed} dates listed"
                    raise _ImpossibleError(msg, pos, end)
                low, high = 1, None if high is None else 1
        else:
            if not dated and self.amount_follows(head_end):
                return None
            low, high, end = 1, None, head_end
            if to_end and self.is_gap(head_end, self.n):
                end = self.n
        return self.make(frequency, rule, low=low, high=high, pos=pos, end=end)

    def make(
        self,
        frequency: Frequency,
        rule: dict[str, Any],
        *,
        low: int,
        high: int | None,
        pos: int,
        end: int,
    ) -> _Match:
        try:
            value = Cadence(
                frequency=frequency, min_count=low, max_count=high, text=self.s[pos:end], **rule
            )
        except DateValueError as err:
            raise _ImpossibleError(str(err), pos, end) from None
        return _Match(value, end)

    def per_unit_before(self, pos: int) -> bool:
        """Return whether "每年" follows "每户", "每人", "人均" …: an amount per unit, not a duty."""
        before = self.s[max(0, pos - 2) : pos]
        return before in {"人均", "户均"} or (len(before) == 2 and before[0] == "每")

    def amount_follows(self, pos: int) -> bool:
        """Return whether the clause after "每年" states an amount ("每年转移就业1万人")."""
        stop = pos
        limit = min(self.n, pos + _AMOUNT_LOOKAHEAD)
        while stop < limit and self.s[stop] not in _CLAUSE_ENDS:
            stop += 1
        return _AMOUNT.search(self.s, pos, stop) is not None

    def due_rule(
        self, frequency: Frequency, start: int, p: int
    ) -> tuple[dict[str, Any], int, bool]:
        """Read when in (or after) each window a duty is due: (Cadence fields, end, dated).

        A 的 may stand between the window and the day: 每月的10日前, 每年的12月底前.
        """
        if self.s.startswith("的", p):
            after = self.window_due(frequency, start, p + 1)
            if after[2]:
                return after
        return self.window_due(frequency, start, p)

    def window_due(
        self, frequency: Frequency, start: int, p: int
    ) -> tuple[dict[str, Any], int, bool]:
        """Read :meth:`due_rule` at ``p``, right after the window."""
        if frequency is Frequency.WEEKLY:
            weekly = self.weekday_rule(start, p)
            if weekly[2]:
                return weekly
            named = self.word(p, ("星期", "周"))  # 每周星期一, 每周周五前
            if named is not None:
                weekly = self.weekday_rule(start, p + len(named))
                if weekly[2]:
                    return weekly
        after = self.after_window(start, p)
        if after is not None:
            return after
        if frequency is Frequency.YEARLY:
            self.each_year = True
            try:
                yearly = self.yearly_list(start, p) or self.yearly_rule(start, p)
            except _ImpossibleError as err:
                # "每年11月至次年春节前", "每年2月30日": the duty is not read, its 每年 neither
                raise _ImpossibleError(err.reason, min(start, err.start), err.end) from None
            finally:
                self.each_year = False
            if yearly is not None:
                stop = yearly[1]
                sep = self.word(stop, _SERIES_SEPARATORS)
                if (
                    self.at(stop - 1, "日号0123456789")
                    and sep is not None
                    and self.days_at(stop + len(sep))
                ):
                    # "每年6月5日、6日", "每年6月5、6日": several days of each year
                    _, end = self.day_or_end(start, stop + len(sep))
                    msg = (
                        f"{self.quote(start, end)}: several days of each year are not read "
                        "as one duty"
                    )
                    raise _ImpossibleError(msg, start, end)
                return yearly
        if frequency in {Frequency.QUARTERLY, Frequency.HALF_YEARLY}:
            which, q = self.month_of_window(frequency, p)
            if which is not None:
                day, q = self.day_or_end(start, q)
                return {"due_month": which, "due_day": day}, q, True
        shared_days = _SHARED_DAYS.match(self.s, p) if frequency is Frequency.MONTHLY else None
        if shared_days is not None and self.day_mark(shared_days.end() - 1):
            self.several_days(start, shared_days.end())  # "每月5、20日前", as "每月5日、20日"
        if self.days_at(p):
            day, q = self.day_or_end(start, p)
            due = self.into_next_month(start, q, readable=False)
            if due is not None:
                return due
            before = self.word(q, _BEFORE_WORDS)
            r = q + len(before) if before else q
            listed = self.word(r, _SERIES_SEPARATORS)
            if listed is not None and self.days_at(r + len(listed)):
                # "每月1日、5日", "每月5日前、20日前": several due days, not the first alone
                end = r + len(listed)
                while self.days_at(end):
                    _, end = self.day_or_end(start, end)
                    before = self.word(end, _BEFORE_WORDS)
                    end += len(before) if before else 0
                    more = self.word(end, _SERIES_SEPARATORS)
                    if more is None or not self.days_at(end + len(more)):
                        break
                    end += len(more)
                self.several_days(start, end)
            note = _WEEKDAY_NOTE.match(self.s, q)
            if note is not None:
                msg = (
                    f"{self.quote(start, note.end())}: a day of each month falls on a different "
                    "day of the week each month; it is not read"
                )
                raise _ImpossibleError(msg, start, note.end())
            return {"due_day": day}, q, True
        last = next((w for w in _LAST_OF_WINDOW if self.s.startswith(w, p)), None)
        if last is not None:
            msg = (
                f"{self.quote(start, p + len(last))} is due on the last working day of each "
                "window, which a cadence does not hold; it is not read"
            )
            raise _ImpossibleError(msg, start, p + len(last))
        last = next((w for w in _LAST_DAY_OF_WINDOW if self.s.startswith(w, p)), None)
        if last is not None:
            return {}, p + len(last), True  # 每月最后一天: the end of each window
        if frequency is Frequency.MONTHLY:
            week = _WEEK_OF_MONTH.match(self.s, p)
            if week is not None:  # "每月第一周": neither a day nor a part (旬) of the month
                msg = f"{self.quote(start, week.end())}: a week or working day of each month is not read"
                raise _ImpossibleError(msg, start, week.end())
            q = p + 1 if self.s.startswith(("月初", "月上", "月中", "月下"), p) else p
            shared = _SHARED_TEN_DAYS.match(self.s, q)
            if shared is not None:  # "每月上、中旬"
                stop = shared.end(2)
                msg = f"{self.quote(start, stop)}: a list of parts of each month is not read"
                raise _ImpossibleError(msg, start, stop)
            part = next((w for w in _MONTH_PART_ENDS if self.word(q, (w[0],)) is not None), None)
            if part is not None:
                # "每月上旬" is due on the 10th, "每月下旬" at the month's end.
                word, first_day, last_day = part
                stop = self.listed_after(q + len(word))
                if stop:
                    msg = f"{self.quote(start, stop)}: a list of parts of each month is not read"
                    raise _ImpossibleError(msg, start, stop)
                part_end = q + len(word)
                due = self.into_next_month(start, part_end)
                if due is not None:
                    return due
                day, end = self.range_to_part(start, last_day, part_end, first=first_day)
                return {"due_day": day}, end, True
        end_word = self.word(p, ("季度末", "月底", "月末", "季末", "年底", "年末", "底", "末"))
        if end_word is not None:
            stop = p + len(end_word)
            due = self.into_next_month(start, stop) if frequency in _NEXT_MONTH_AFTER else None
            if due is not None:
                return due  # 每月底至次月5日前, 每季度末至次月10日前: the month after the window
            return {}, stop, True
        return {}, p, False

    def month_of_window(self, frequency: Frequency, p: int) -> tuple[int | None, int]:
        """Read 首月, 末月, 最后一个月 or 第N个月 of a quarter or half-year (and a 的 after it).

        Returns (the month counted from 1, end), or (None, ``p``).
        """
        which: int | None = None
        q = p
        for word in ("首月", "第一个月", "第1个月"):
            if self.s.startswith(word, p):
                which, q = 1, p + len(word)
        for word in ("末月", "最后一个月", "最后1个月", "最后一月", "最末一个月"):
            if self.s.startswith(word, p):
                which, q = frequency.months, p + len(word)
        if which is None and self.s.startswith("第", p):
            got = self.number(p + 1)
            if got is not None and self.s.startswith("个月", got[1]):
                which, q = got[0], got[1] + 2
        if which is None:
            return None, p
        return which, q + 1 if self.char(q) == "的" else q

    def days_at(self, p: int) -> bool:
        """Return whether a day ("10日") or a range of days ("20日至25日", "20—25日") is at ``p``."""
        got = self.number(p)
        if got is None:
            return False
        if self.day_mark(got[1]):
            return True
        sep = self.word(got[1], _RANGE_SEPARATORS)
        second = None if sep is None else self.number(got[1] + len(sep))
        return second is not None and self.day_mark(second[1])

    def listed_after(self, p: int) -> int:
        """Return where a list of more windows after ``p`` ends ("和下半年", "、中旬"), else 0."""
        end = 0
        while (sep := self.word(p, _SERIES_SEPARATORS)) is not None:
            q = p + len(sep)
            part = next((w for w, _, _ in _MONTH_PART_ENDS if self.word(q, (w,))), None)
            if part is not None:
                p = q + len(part)
            else:
                shared = self.shared_heads(q, _ANY_LEAP_YEAR, explicit=False, month=None)
                if shared is not None:  # "和三、四季度": the list's last number reads on
                    q = shared[0]
                got = self.range(q, _ANY_LEAP_YEAR, explicit=False, month=None)
                if got is None or got[0].own_year:
                    break
                p = got[1]
            end = p
        return end

    def day_or_end(self, start: int, p: int) -> tuple[int | None, int]:
        """Read "10日" or "底"/"末" after a month word: (day or None for the end, end).

        A range of days ("20日至25日", "20—25日", "10日至月底", "10日至中旬") is due on its last
        day: the duty may be done from the first, and the window has no place for that start.
        """
        got = self.number(p)
        if got is not None and self.days_at(p):
            first, q = got[0], got[1]
            if self.day_mark(q):
                q += 1
            day = first
            sep = self.word(q, _RANGE_SEPARATORS)
            second = None if sep is None else self.number(q + len(sep))
            if second is not None and self.day_mark(second[1]):
                day, q = second[0], second[1] + 1
                if day < first:
                    msg = f"{self.quote(p, q)} ends before it starts"
                    raise _ImpossibleError(msg, start, q)
            for value in (first, day):
                if not 1 <= value <= 31:
                    msg = f"due day {value} is not 1–31"
                    raise _ImpossibleError(msg, start, q)
            if second is None:
                return self.range_to_part(start, first, q, first=first)  # "10日至月底"
            return day, q
        word = self.word(p, ("底", "末"))
        if word is not None:
            return None, p + 1
        msg = "expected a day (10日) or 底 after the month"
        raise _ImpossibleError(msg, start, p)

    def several_days(self, start: int, stop: int) -> NoReturn:
        """Report several due days of each month ("每月1日、5日"): no one duty holds them."""
        msg = f"{self.quote(start, stop)}: several days of each month are not read as one duty"
        raise _ImpossibleError(msg, start, stop)

    def bare_months(self, pos: int, last: int) -> tuple[list[_Window], _Window] | None:
        """Read "1、7月10日前" after 每年 as "1月、7月10日前": bare months before the last date.

        The numbers from ``pos`` up to the last (at ``last``) are months running forward before
        it; each takes the last date's day, as a bare month listed before a date does. Returns
        the months and the window the last must read as, or ``None`` when no day or range of
        days follows the last month; months that do not run forward are reported.
        """
        values = self.listed_values(pos)
        final = self.range(last, _ANY_LEAP_YEAR, explicit=False, month=None)
        if (
            final is None
            or final[0].kind not in {"day", "range"}
            or final[0].start is None
            or len(values) < 2
        ):
            return None  # (not 1、7月底 nor 1、7月: read by shared_heads, or no list)
        month = final[0].start.month
        heads = values[:-1]
        if not all(1 <= v < w for v, w in itertools.pairwise([*heads, month])):
            # "每年12、12月30日前", "每年13、12月1日": no months before the date
            msg = f"{self.quote(pos, final[1])}: the months listed do not run forward; not read"
            raise _ImpossibleError(msg, pos, final[1])
        windows = [
            _Window(
                dt.date(_ANY_LEAP_YEAR, v, 1),
                _month_end(_ANY_LEAP_YEAR, v),
                _ANY_LEAP_YEAR,
                False,  # noqa: FBT003 - the year is not written
                v,
                "month",
            )
            for v in heads
        ]
        return windows, final[0]

    def into_next_month(
        self, start: int, p: int, *, readable: bool = True
    ) -> tuple[dict[str, Any], int, bool] | None:
        """Read a range of each month ending in the next month at ``p``, or return ``None``.

        The range ends at 至次月 (下月, 下个月, 次月的) and a day or part: "每月25日至次月5日" is
        due on the 5th of the month after each, "每月下旬至次月上旬" on the 10th, "每月25日至次月初"
        on the 5th, "每月10日至次月月底" at its end. Where ``readable``, what does not name a day
        or part there is left ("每月底至次月5个工作日内" is 每月底); else it is reported.
        """
        sep = self.word(p, _RANGE_SEPARATORS)
        word = None if sep is None else self.word(p + len(sep), _NEXT_MONTH_WORDS)
        if sep is None or word is None:
            return None
        r = p + len(sep) + len(word)
        r += self.s.startswith("的", r)
        got = self.part_at(r, bare_start=True)
        if got is not None:
            return {"due_next_month": True, "due_day": got[0]}, got[1], True
        if readable and not (self.days_at(r) or self.word(r, ("底", "末")) is not None):
            return None
        day, q = self.day_or_end(start, r)
        return {"due_next_month": True, "due_day": day}, q, True

    def part_at(self, p: int, *, bare_start: bool = False) -> tuple[int | None, int] | None:
        """Read a part of a month that ends a range, or return ``None``.

        Returns the day it ends on (None: the month's end) and where it ends. Bare, only a 旬
        (中旬, 中下旬; 初 too where ``bare_start``); after 月, 当月 or 该月 any part: 月初 (the 5th),
        月中 (the 20th), 月底 and 月末 (the end), 月下旬.
        """
        if self.s.startswith(_SAME_MONTH, p):  # 每月10日至当月底
            p += 1
        after_month = self.char(p) == "月"
        q = p + after_month
        for word, _, last in _MONTH_PARTS:
            bare = word.endswith("旬") or (bare_start and word == "初")
            if (after_month or bare) and self.word(q, (word,)) is not None:
                return last, q + len(word)
        return None

    def range_to_part(
        self, start: int, day: int | None, p: int, *, first: int
    ) -> tuple[int | None, int]:
        """Read the end of a range of each month, after a day or part due ``day`` (None: the end).

        "每月10日至月底" and "每月上旬至月底" are due at the month's end, "每月上旬至中旬" and
        "每月1日至月中" on the 20th, "每月初至10日前" on the 10th. Without such an end, (``day``,
        ``p``). The range starts on ``first`` (the day itself, or a part's first day: 下旬 on the
        21st, so "每月下旬至25日" is due on the 25th).
        """
        sep = self.word(p, _RANGE_SEPARATORS)
        if sep is None:
            return day, p
        r = p + len(sep)
        got = self.part_at(r)
        if got is None:
            if not self.days_at(r):
                return day, p
            got = self.day_or_end(start, r)
        last, end = got
        if last is not None and last < first:
            msg = f"{self.quote(start, end)} ends before it starts"
            raise _ImpossibleError(msg, start, end)
        return last, end

    def weekday_rule(self, start: int, p: int) -> tuple[dict[str, Any], int, bool]:
        ch = self.char(p)
        day = _WEEKDAYS.get(ch)
        if day is None or self.at(p + 1, "次回日号"):
            return {}, p, False
        sep = self.word(p + 1, _RANGE_SEPARATORS)
        if sep is not None and not self.s.startswith("至少", p + 1):
            r = p + 1 + len(sep)
            r += 2 if self.s.startswith("星期", r) else 1 if self.s.startswith("周", r) else 0
            last = self.char(r)
            if ch in _CN_CHARS and last in _WEEKDAYS and not self.at(r + 1, "次回"):
                # "每周一至周五值班": every day of a stretch of the week, not once a week
                msg = f"{self.quote(start, r + 1)}: several days of each week are not read as one duty"
                raise _ImpossibleError(msg, start, r + 1)
            return {}, p, False  # "每周1—2次": a count
        following = self.char(p + 1)
        if (ch.isdigit() and following.isdigit()) or (ch in _CN_CHARS and following in _CN_CHARS):
            return {}, p, False
        q = p + 1
        if self.s.startswith(_TIMES_OF_DAY, q) or _CLOCK.match(self.s, q):
            msg = "a time of day is not read; only the day of the week would be"
            clock = _CLOCK_NOTE.match(self.s, q)  # 每周三9:00, 每周三上午9时: the whole hour
            raise _ImpossibleError(msg, start, clock.end() if clock else q + 2)
        listed = self.word(q, _SERIES_SEPARATORS)
        if listed is not None:
            r = q + len(listed)
            r += 2 if self.s.startswith("星期", r) else 1 if self.s.startswith("周", r) else 0
            bare_day = self.char(r + 1) in _AFTER_BARE_WEEKDAY or r + 1 >= len(self.s)
            if self.char(r) in _WEEKDAYS and (r > q + len(listed) or bare_day):
                # "每周一、周三开展": several days of each week, not the first alone
                msg = f"{self.quote(start, r + 1)}: several days of each week are not read as one duty"
                raise _ImpossibleError(msg, start, r + 1)
        return {"weekday": day}, q, True

    def after_window(self, start: int, p: int) -> tuple[dict[str, Any], int, bool] | None:
        """Read "结束后10日内", "结束后5个工作日内", "次月5日前" after the frequency."""
        q = p
        for word in (*_AFTER_WINDOW_WORDS, "后"):
            if self.s.startswith(word, p):
                q = p + len(word)
                break
        if self.s.startswith("次月", q):
            day, end = self.day_or_end(start, q + 2)
            return {"due_next_month": True, "due_day": day}, end, True
        if q == p:
            return None
        got = self.number(q)
        if got is None:
            return None
        amount, r, _ = got
        for unit, field in (
            ("个工作日", "due_after_working_days"),
            ("工作日", "due_after_working_days"),
            ("日", "due_after_days"),
            ("天", "due_after_days"),
        ):
            if self.s.startswith(unit, r):
                r += len(unit)
                bound = self.word(r, ("以内", "之内", "内", "前"))
                if bound is None:
                    return None
                return {field: amount}, r + len(bound), True
        return None

    def yearly_rule(self, start: int, p: int) -> tuple[dict[str, Any], int, bool] | None:
        """Read "12月底", "1月15日", "9月至11月" after 每年."""
        got = self.range(p, _ANY_LEAP_YEAR, explicit=False, month=None)
        if got is None:
            return None
        window, end = got
        if window.own_year or window.kind not in _YEARLY_KINDS | _YEARLY_PART_KINDS:
            return None
        if window.kind in _YEARLY_PART_KINDS and self.s.startswith(_WHOLE_YEAR_WORDS, p):
            return None
        if window.kind in _YEARLY_PART_KINDS and self.listed_after(end):
            # "每年上半年和下半年各报送一次": a list of parts, not the first part alone
            stop = self.listed_after(end)
            msg = f"{self.quote(start, stop)}: a list of parts of each year is not read"
            raise _ImpossibleError(msg, start, stop)
        if self.s.startswith(_AFTER_WINDOW_WORDS, end):
            # "每年四季度结束后10日内" is due in the next year, days after the part ends: the days
            # after the year itself when the part ends with it, else not read.
            after = self.after_window(start, end)
            last_day = (window.end.month, window.end.day) if window.end is not None else None
            if after is not None and last_day == (12, 31):
                return after
            if after is None:
                word = next(w for w in _AFTER_WINDOW_WORDS if self.s.startswith(w, end))
                stop = end + len(word)
                msg = (
                    f"{self.quote(start, stop)}: a time after each part of a year, without the "
                    "number of days after it, is not read"
                )
                raise _ImpossibleError(msg, start, stop)
            msg = (
                f"{self.quote(start, after[1])}: days after a part of each year that ends before "
                "the year does are not read as one duty"
            )
            raise _ImpossibleError(msg, start, after[1])
        assert window.start is not None  # noqa: S101
        assert window.end is not None  # noqa: S101
        if window.end.year != window.start.year:
            msg = "a yearly occurrence across the turn of the year is not read"
            raise _ImpossibleError(msg, start, end)
        last = window.end
        month_end = (last + dt.timedelta(days=1)).day == 1 and not self.at(end - 1, "日号")
        rule: dict[str, Any] = {"due_month": last.month, "due_day": None if month_end else last.day}
        if self.word(end, _BEFORE_WORDS) is None:
            first = window.start
            rule["start_month"] = first.month
            rule["start_day"] = None if first.day == 1 else first.day
        return rule, end, True

    def yearly_list(self, start: int, p: int) -> tuple[dict[str, Any], int, bool] | None:
        """Read "6月底和12月底", "3月、6月、9月、12月底" after 每年: one duty a half-year or quarter.

        The due dates must fall on the same day of months evenly spaced through the year (two,
        four or twelve of them: a half-yearly, quarterly or monthly duty); a bare month takes
        the day of the last date ("3月、6月、9月、12月底" is due at the end of each), and dates
        that are all their month's last day (6月30日和12月31日) are the months' ends. Bare
        months in a row ("1月、2月") are one yearly stretch, as "1月至2月". A count after the
        list is the number of dates (每年3月、9月开展两次: once each). Returns ``None`` unless two
        dates are listed; a list that is none of these ("6月底和11月底") is not read, rather than
        read as a yearly duty and a one-off date.
        """
        items: list[tuple[dt.date, bool, bool]] = []  # last day, bare month, ends with 日/号
        end = p
        q = p
        while True:
            shared = self.shared_heads(q, _ANY_LEAP_YEAR, explicit=False, month=None)
            heads: list[_Window] = []
            if shared is not None:  # "3、6、9、12月底": each number with the last one's unit
                first, (q, read) = q, shared
                listed = read() or self.bare_months(first, q)
                if listed is None:
                    break
                heads, expected = listed[:2]
            got = self.range(q, _ANY_LEAP_YEAR, explicit=False, month=None)
            if got is None:
                break
            window, after = got
            if heads and not window.reads_as(expected):
                break
            if items and window.kind == "yearpart" and self.word(q, ("年底", "年末")) is not None:
                # "每年6月底和年底前": the year's end as a date of the list is December's end
                window = attrs.evolve(window, kind="monthpart", month=12)
            more = self.word(after, _SERIES_SEPARATORS)
            if (
                window.kind == "monthpart"
                and window.month is not None
                and more is not None
                and (
                    part := self.month_part_only(
                        after + len(more), _ANY_LEAP_YEAR, window.month, explicit=False
                    )
                )
                is not None
            ):
                # "每年6月上旬、中旬", "每年6月上、中旬": as "每月上旬、中旬", not read
                stop = part[1]
                msg = f"{self.quote(start, stop)}: a list of parts of a month of each year is not read"
                raise _ImpossibleError(msg, start, stop)
            if window.end is None or any(
                w.own_year or w.kind not in _LISTED_KINDS or w.end is None for w in (*heads, window)
            ):
                if heads and window.kind in _YEARLY_PART_KINDS:
                    # "每年一、三季度末", "每年上、下半年": as "每年上半年和下半年", not read
                    msg = f"{self.quote(start, after)}: a list of parts of each year is not read"
                    raise _ImpossibleError(msg, start, after)
                if (heads or items) and not window.own_year and window.kind not in _LISTED_KINDS:
                    # "每年1月、7月10日至20日": not a yearly duty in January and a one-off range
                    # (a date with its own year is one: "每年6月底和2026年12月底前")
                    msg = (
                        f"{self.quote(start, after)}: a list of dates of each year holding a "
                        f"{'range' if window.kind == 'range' else 'window'} is not read"
                    )
                    raise _ImpossibleError(msg, start, after)
                break
            dated = self.at(after - 1, "日号")
            items += [(w.end, w.kind == "month", dated) for w in heads if w.end is not None]
            items.append((window.end, window.kind == "month", dated))
            end = after
            before = self.word(end, _BEFORE_WORDS)
            if before is not None and self.word(end + len(before), _SERIES_SEPARATORS):
                end += len(before)  # "每年6月底前和12月底前": 前 after each date
            sep = self.word(end, _SERIES_SEPARATORS)
            if sep is None:
                break
            q = end + len(sep)
        if len(items) < 2:  # a list has two dates or more
            return None
        *_, (last_day, _, last_dated) = items
        last = None if _is_month_end(last_day) and not last_dated else last_day.day
        days = {
            last if bare else (None if _is_month_end(day) and not dated else day.day)
            for day, bare, dated in items
        }
        if len(days) > 1 and all(_is_month_end(day) for day, _, _ in items):
            days = {None}  # 6月30日和12月31日: each month's last day
        months = [day.month for day, _, _ in items]
        frequency = _LISTED_FREQUENCIES.get(len(months))
        step = 12 // len(months)
        if (
            frequency is not None
            and len(days) == 1
            and months == [months[0] + step * k for k in range(len(months))]
        ):
            day = days.pop()
            if frequency is Frequency.MONTHLY:  # every month of the year: a monthly duty
                return {"frequency": frequency, "due_day": day, "listed": 12}, end, True
            rule = {"frequency": frequency, "due_month": months[0], "due_day": day}
            return {**rule, "listed": len(months)}, end, True
        if all(bare for _, bare, _ in items) and months == list(
            range(months[0], months[0] + len(months))
        ):
            # 1月、2月: the months in a row, each year (as 1月至2月)
            rule = {"due_month": months[-1], "due_day": None, "start_month": months[0]}
            return {**rule, "start_day": None}, end, True
        msg = (
            "the due dates listed are not the same day of evenly spaced months "
            "(each half-year or quarter): not read as one recurring duty"
        )
        raise _ImpossibleError(msg, start, end)

    def next_month(self, pos: int) -> _Match | None:
        """Read "次月5日前" on its own: due on that day of the month after each month."""
        if not self.s.startswith("次月", pos):
            return None
        got = self.number(pos + 2)
        dated = got is not None and self.day_mark(got[1])
        if not dated and self.word(pos + 2, ("底",)) is None:
            return None
        day, end = self.day_or_end(pos, pos + 2)
        marker = self.word(end, _BEFORE_WORDS)
        if marker is not None:
            end += len(marker)
        rule = {"due_next_month": True, "due_day": day}
        return self.make(Frequency.MONTHLY, rule, low=1, high=None, pos=pos, end=end)

    def after_each_window(self, pos: int) -> _Match | None:
        """Read "季度结束后10日内" on its own: due that long after each quarter (or month, half-year).

        A window word before it ("一季度", "本季度", "第二季度", "2025年度") names one window,
        not each, and is left to the period reader.
        """
        if pos and self.s[pos - 1] in _ONE_WINDOW_BEFORE | _CN_CHARS:
            return None
        for word, frequency in _WINDOW_WORDS:
            if self.s.startswith(word, pos):
                p = pos + len(word)
                if not self.s.startswith(_AFTER_WINDOW_WORDS, p):
                    return None
                got = self.after_window(pos, p)
                if got is None:
                    return None
                rule, end, _ = got
                return self.make(frequency, rule, low=1, high=None, pos=pos, end=end)
        return None

    def without_every(self, pos: int) -> _Match | None:
        """Read a duty per window written without 每.

        * "一季度一次", "一个月两次", "一周一次": one window and a count right after it (not
          "一次性", a one-off; "一季度" without a count is the first quarter);
        * "半年报送一次", "季度调度一次": 半年, 季度 or 月度 and a count after the verb;
        * "按季度报送", "按月发放", "逐月调度": 按 or 逐, a window and a verb of a recurring duty;
        * "月度调度", "季度通报": 月度, 季度 or 半年度 and such a verb.

        A numeral, 第, 本, 上, 统 … before the window makes it one window or another word
        ("第一季度", "上半年", "统一月底"), and 内, 后, 末 … after it a length or a part
        ("半年内", "季度末").
        """
        s = self.s
        prev = s[pos - 1] if pos else ""
        lead = self.char(pos) if s.startswith(("按", "逐", "一", "1"), pos) else ""
        if (
            lead in {"", "一", "1"}
            and prev
            and (prev in _ONE_WINDOW_BEFORE or prev in _CN_CHARS or prev in _NOT_BEFORE_BARE)
        ):
            return None
        p = pos + len(lead)
        if lead == "一":  # 一月一调度, 一季一通报: one duty a window, its verb after 一
            once = self.once_a_window(pos, p)
            if once is not None:
                return once
        windows = _ONE_WINDOWS if lead in {"一", "1"} else _BY_WINDOWS if lead else _BARE_WINDOWS
        found = next(((w, f) for w, f in windows if s.startswith(w, p)), None)
        if found is None:
            return None if lead else self.single_window(pos)
        word, frequency = found
        p += len(word)
        if lead in {"一", "1"}:
            counted = self.count(p)
        elif self.char(p) in _NOT_EACH_AFTER:
            return None
        else:
            counted = self.gap_count(p)
        if counted is not None:
            low, high, end = counted
            if self.char(end) == "性":
                return None  # 一次性: once only, not once a window
            return self.make(frequency, {}, low=low, high=high, pos=pos, end=end)
        if lead in {"一", "1"}:
            return None
        if not lead and s.startswith("一", p):  # 季度一研判, 半年一总结: once a window
            duty = self.once_verb(p + 1)
            if duty is not None:
                return self.make(frequency, {}, low=1, high=1, pos=pos, end=p + 1 + len(duty))
        if not lead and word == "半年":
            return self.single_window(pos)  # 半年总结 in a list; 半年 alone is a length
        if lead and self.char(p) == "向":  # 按季度向县政府报送: the verb after its addressee
            p = self.after_addressee(p)
        verb = self.word(p, _DUTY_VERBS if lead else _BARE_DUTY_VERBS)
        if verb is None:
            return None if lead else self.single_window(pos)  # 半年总结 in a list
        return self.make(frequency, {}, low=1, high=None, pos=pos, end=p + len(verb))

    def single_window(self, pos: int) -> _Match | None:
        """Read "月调度", "季通报", "年考核" in a list of mechanisms: each window, one duty.

        The window is one character; before it the start, a separator, 实行/坚持/建立/纳入 … or
        the duty of another ("月考核季通报"), after the duty a separator, the end, 制度/机制/会 …
        or another window and duty ("实行月调度、季通报制度", "纳入月调度机制"). A unit's name may
        end right before the window when a meeting or mechanism follows ("县指挥办周调度会"). "旬调度" and
        "半月（一）调度" are reported: no cadence has those windows.
        """
        s = self.s
        unread = next((w for w in _SINGLE_UNREAD if s.startswith(w, pos)), None)
        found = next(((w, f) for w, f in _SINGLE_WINDOWS if s.startswith(w, pos)), None)
        word = unread or (found[0] if found else None)
        if word is None:
            return None
        p = pos + len(word)
        if unread is not None and s.startswith("一", p):
            p += 1  # 半月一调度
        duty = self.word(p, _SINGLE_DUTIES)
        if duty is None:
            return None
        end = p + len(duty)
        # A list of mechanisms is read whole or not at all: its first must stand where one
        # alone may, and its last end as one alone does.
        head, tail = self.list_head(pos), self.chain_end(end)
        if not self.list_stands(head, tail, lone=head == pos and tail == end, duty=duty):
            return None
        if (
            tail < self.n
            and s[tail] not in _SINGLE_AFTER
            and not s.startswith(_SINGLE_AFTER_WORDS, tail)
            and not self.single_duty_at(tail)
        ):
            return None
        if unread is not None:
            msg = (
                f"a duty every {unread} is not read: the windows read are the week, the month, "
                "the quarter, the half-year and the year"
            )
            raise _ImpossibleError(msg, pos, end)
        assert found is not None  # noqa: S101 - word came from it
        return self.make(found[1], {}, low=1, high=None, pos=pos, end=end)

    def after_unit(self, pos: int) -> bool:
        """Whether a unit's name may end right before the window at ``pos`` (指挥办周调度会).

        Its last character is one a unit's name ends with (办, 局, 委 …, not as in 举办 or
        东部), and the window a week, month or quarter.
        """
        s = self.s
        return (
            s[pos - 1] in _SINGLE_UNIT_ENDS
            and not s.endswith(_NOT_UNIT_ENDS, 0, pos)
            and s[pos] in _SINGLE_UNIT_WINDOWS
        )

    def meeting_at(self, pos: int) -> bool:
        """Whether a meeting or a mechanism is named at ``pos``.

        会, 会议, 机制 and 会同时 are; 会同 before a unit ("together with") is not.
        """
        s = self.s
        return s.startswith(_SINGLE_MEETINGS, pos) and (
            not s.startswith("会同", pos) or s.startswith("会同时", pos)
        )

    def chain_end(self, pos: int) -> int:
        """Return where the duties listed from ``pos`` end ("、季通报" in 局月调度、季通报机制).

        Each is a window of one character and a duty, after "、" or right after the one before;
        at most :data:`_MAX_CHAIN` are walked over.
        """
        s = self.s
        for _ in range(_MAX_CHAIN):
            q = pos + 1 if s.startswith("、", pos) else pos
            window = next((w for w, _ in _SINGLE_WINDOWS if s.startswith(w, q)), None)
            duty = None if window is None else self.word(q + len(window), _SINGLE_DUTIES)
            if window is None or duty is None:
                return pos
            pos = q + len(window) + len(duty)
        return pos

    def single_duty_at(self, pos: int) -> bool:
        """Whether a window of one character and a duty start at ``pos`` (月考核季通报: 季通报)."""
        window = next((w for w, _ in _SINGLE_WINDOWS if self.s.startswith(w, pos)), None)
        return window is not None and self.word(pos + len(window), _SINGLE_DUTIES) is not None

    def list_head(self, pos: int) -> int:
        """Return where the list of mechanisms holding the one at ``pos`` starts.

        Walks back over at most :data:`_MAX_CHAIN` windows and duties written together or after
        "、" ("月调度、季通报" and "月考核季通报" from 季).
        """
        s = self.s
        for _ in range(_MAX_CHAIN):
            q = pos - 1 if s.endswith("、", 0, pos) else pos
            start = self.single_duty_before(q)
            if start is None:
                return pos
            pos = start
        return pos

    def list_stands(self, head: int, tail: int, *, lone: bool, duty: str) -> bool:
        """Whether a list of mechanisms from ``head`` to ``tail`` stands where one alone may.

        At the start, after a separator, 的, 每 ("每月调度季通报") or a verb that puts mechanisms
        in place (实行, 建立, 纳入 …); after a unit's name ("县农业农村局月调度、季通报机制")
        only before a meeting or a mechanism, or as a unit's weekly or monthly 例会 alone.
        """
        s = self.s
        if not head or s[head - 1] in _SINGLE_BEFORE or s[head - 1] == "每":
            return True
        if s.endswith(_SINGLE_VERBS, 0, head):
            return True
        if self.after_unit(head):
            return self.meeting_at(tail) or (lone and duty == "例会")
        return False

    def single_duty_before(self, pos: int) -> int | None:
        """Return where a window and a duty that end at ``pos`` start, or ``None``.

        Windows no cadence has count too ("半月研判" in 周督导、半月研判、月通报: reported, and
        still one of the list).
        """
        s = self.s
        for duty in _SINGLE_DUTIES:
            if s.endswith(duty, 0, pos):
                q = pos - len(duty)
                window = next((w for w in _LIST_WINDOWS if s.endswith(w, 0, q)), None)
                if window is not None:
                    return q - len(window)
        return None

    def duty_at(self, p: int) -> bool:
        """Whether a duty verb, "一" and a verb (一报) or a count starts at ``p``."""
        if self.word(p, _DUTY_VERBS) or self.word(p, _BARE_DUTY_VERBS):
            return True
        return self.count(p) is not None or (
            self.s.startswith("一", p) and self.at(p + 1, "报调通会督")
        )

    def once_a_window(self, pos: int, p: int) -> _Match | None:
        """Read "一月一调度", "一季一通报", "一月一次": once a window (一 and a duty verb, or a count)."""
        found = next(((w, f) for w, f in _ONCE_WINDOWS if self.s.startswith(w, p)), None)
        if found is None:
            return None
        word, frequency = found
        q = p + len(word)
        counted = self.count(q)  # 一月一次, 一年两次; not 一年一次的体检, which names a kind
        if counted is not None and word in {"月", "年"} and self.char(counted[2]) != "的":
            low, high, end = counted
            return self.make(frequency, {}, low=low, high=high, pos=pos, end=end)
        if not self.s.startswith("一", q):
            return None
        verb = self.once_verb(q + 1)
        if verb is None:
            return None
        return self.make(frequency, {}, low=1, high=1, pos=pos, end=q + 1 + len(verb))

    def once_verb(self, p: int) -> str | None:
        """Return the duty verb at ``p`` after "一月一", "季度一" (调度, 观摩, 总结 …), or None."""
        return (
            self.word(p, _DUTY_VERBS)
            or self.word(p, _BARE_DUTY_VERBS)
            or self.word(p, _SINGLE_DUTIES)
        )

    def after_addressee(self, p: int) -> int:
        """Return where a duty verb starts after "向X" at ``p`` (``p`` if none does soon).

        The addressee is a few Chinese characters ("向县政府", "向市乡村振兴局"), no punctuation.
        """
        for q in range(p + 2, min(self.n, p + 1 + _ADDRESSEE)):
            if not _is_cjk(self.s[q - 1]):
                break
            if self.word(q, _DUTY_VERBS) is not None:
                return q
        return p

    def several_windows(self, pos: int, p: int) -> None:
        """Refuse "每两个月", "每2个月", "每3～5年", "每隔一个月": windows of several units.

        A cadence repeats in one calendar week, month, quarter, half-year or year; a duty every
        two months or every three to five years has no such window and is reported, not read
        as monthly or yearly.
        """
        q = p + 1 if self.s.startswith("隔", p) else p
        got = self.number(q)
        if got is None:
            return
        count, r, _ = got
        sep = self.word(r, _RANGE_SEPARATORS)
        if sep is not None:
            second = self.number(r + len(sep))
            if second is not None:
                r = second[1]
        unit = next((w for w in _MULTI_UNITS if self.s.startswith(w, r)), None)
        if unit is None or (count == 1 and q == p and r == got[1]):
            return
        end = r + len(unit)
        msg = (
            f"{self.quote(pos, end)} repeats in windows longer than one {unit.removeprefix('个')}; "
            "a cadence is read only per week, month, quarter, half-year or year"
        )
        raise _ImpossibleError(msg, pos, end)

    def every_other(self, pos: int) -> _Match | None:
        """Refuse "双月" (every other month) at the start of a duty ("双月调度").

        "单月" is not refused: it mostly means one month alone ("单月最高"), not odd months.
        """
        if not self.s.startswith("双月", pos):
            return None
        if pos and _is_cjk(self.s[pos - 1]) and self.s[pos - 1] not in "每按逢于在和、":
            return None
        msg = (
            f"{self.quote(pos, pos + 2)} is every other month; "
            "a cadence is read only per week, month, quarter, half-year or year"
        )
        raise _ImpossibleError(msg, pos, pos + 2)

    def is_gap(self, start: int, end: int) -> bool:
        text = self.s[start:end]
        return 0 < len(text) <= _MAX_GAP and all(_is_cjk(ch) and ch != "每" for ch in text)

    def gap_count(self, pos: int) -> tuple[int, int | None, int] | None:
        for gap in range(_MAX_GAP + 1):
            q = pos + gap
            if gap and not self.is_gap(pos, q):
                return None
            counted = self.count(q)
            if counted is None and self.s.startswith((" ", "\u3000"), q) and self.is_gap(pos, q):
                counted = self.count(q + 1)  # 每月召开 2 次: a space before the number
            if counted is not None:
                return counted
        return None


def _is_month_end(day: dt.date) -> bool:
    """Whether ``day`` is the last day of its month."""
    return (day + dt.timedelta(days=1)).day == 1
