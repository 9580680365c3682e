"""Reading Chinese time phrases: :func:`parse_when` and :func:`find_when`.

The meanings are those of the project's time specification (``TIME.md``): a period is a closed
interval of dates; "X前", "X之前", "X以前", "截至X", "不晚于X", "不迟于X" and "到X" are deadlines due
at the end of X, inclusive ("不早于X", as "自X", starts with X); a window without 前 ("7月中旬")
is the window itself; ranges run from the start of their first part to the end of their last; a phrase without a year takes the year of the
``reference`` date (the plan's 发文时间), never the clock's.

What a phrase becomes
---------------------
* A window or deadline → :class:`~xiaojie.dates.Period`.
* Two or more dated parts joined by 和/、/及/与 ("7月底和10月底前") → :class:`PeriodSeries`, in the
  written order.
* A recurrence (每月1次, 每季度至少专题研究1次) → :class:`~xiaojie.dates.Cadence`.
* A bounded length (不超过15天, 1年以上, 20个工作日内) → :class:`~xiaojie.dates.Span`.

A bare window that a sentence uses with a reporting verb ("9月底向党中央报送") parses to the window
(25–30 September); whether it is due at its end is for the caller, who sees the verb, to decide.

Readings chosen where the specification is silent
-------------------------------------------------
Periods

* 全年 is the whole year, like 年内; so is 年度内 without a year (the reference year). 今年, 本年 and 本年度 are the reference year, 明年 the one after
  it, 去年, 上年 and 上年度 the one before, 前年 the one before that. 本季度/上季度/下季度 and
  本月/上月/下月 are counted from the reference date (but see "Finding phrases" for those in
  the clause of a recurring duty); 今明两年 is the reference year and the next;
  近N年 and 今后N年 are the N whole years before and after the reference year. 年中 is June.
  "上年同期" depends on the sentence and is not read.
* 前三季度 and 前N个月 (also "1—9月") run from 1 January to the end of the named quarter or month;
  after a year, 后N个月 are its last N months, 首季度 its first quarter, 首月 and 第N个月 a month.
  Without a year, 首月 and 第N个月 ("准备阶段（第1个月）") count months from the start of the
  work, which the phrase does not date: they are not read.
* A day of the week after a date ("2月28日（星期五）前", "3月31日(周一)") is part of the phrase and
  checks its year: a date that does not fall on that day is not read.
* "X月最后一个工作日" is that month's last working day on the official calendar (with 调休); in a
  year the calendar does not cover it is not read. "最后一个工作日" without a month is not read
  (it is not a length of one working day).
* A two-digit year ("19年底") is read only before a part of the year and only in the century that
  puts it within 40 years of the reference date; otherwise it is not read.
* "自X起至Y止" and "X至Y止" are one closed range. "X左右" is X. "X至今" starts on X with no end. 次年 and 翌年 are the year after the preceding part's year ("12月至次年2月"),
  or after the reference year when nothing precedes; so is 来年 before a part of a year ("12月和来年1月"),
  not in a word ending in 来 (未来年度). 当年 ("that year") refers to an event, not to
  the document, and is not read.
* A series runs forward as a range does: a part without its own year naming an earlier month than
  the part before it is in the next year ("12月和1月", "第四季度和1月", "12、1、2月").
* "X季度末" is the quarter's last month and "X季度初" its first month, as 年底 is December.
  "上半年末" is June and "下半年末" December.
* "X内", "X以内", "X之内", "X期间" and "X时期" are X itself ("过渡期内", "7月内").
* "X起", "X开始", "X以来", "自X", "从X" start on X's first day and have an open end
  ("2021年以来" is 2021-01-01 onwards). "X后", "X以后", "X之后" start on the day after X ends and
  have an open end ("9月底后" is 1 October onwards), consistent with 过渡期后.
* "到X为止", "最迟X", "最晚X" and "截止X" are deadlines like "截至X".
* "X结束后N日内" (or N天, N个工作日, 以内, 前; 终了后 for 结束后) after one window ("一季度",
  "2025年上半年", "本季度") is one deadline due N calendar or working days after X ends, with an
  open start like "4月10日前": "2025年一季度结束后10日内" is due 2025-04-10. Working days follow
  the official calendar; in a year it does not cover the phrase is not read.
* A range keeps its start when a deadline word is added ("6月中旬—9月底前" is 11 June–30
  September).
* A range whose second part has no year and would end before the first starts runs into the next
  year ("12月至2月" ends on the last day of the following February).
* The second part of a range or series takes its year from the first ("2025年10月至12月"), and a
  bare day its month ("6月11日至20日", "6月11—20日"). A bare number before a dash takes the unit of
  what follows ("10—12月" is 1 October–31 December).
* In a series a marker written once applies to every part that has none: "7月底和10月底前" is two
  deadlines, as is "到7月底和10月底". "7月中旬和9月底前" is therefore two deadlines as well.
* "月底", "月中" … without a month number are not read: the month is not known. A day alone
  ("15日前") is not read either. A day without 日 is read after its month before a range
  separator or the end ("1月3至2月10", "十月31").
* Years are written with four digits (2025, 二〇二五 or 二零二五), or two as above. A year left blank
  in a template ("20xx年", "某年") is a year this parser does not read.

Cadences

* "N次" is exactly N per window (``min_count == max_count == N``), as :meth:`Cadence.describe`
  writes it; "至少N次", "不少于N次" and "N次以上" are at least N; "不超过N次" and "最多N次" are one
  to N; "N—M次" is N to M.
* A cadence with no count ("每季度听取工作汇报") needs at least one occurrence per window. In
  running text only "每季度" is reported; :func:`parse_when` also accepts the verb after it
  ("每季度听取").
* "每个月", "每季", "每个季度", "每年度" and "每星期" are the same as 每月, 每季度, 每年 and 每周.
* "每月28日前" sets :attr:`Cadence.due_day`; "每月底前" and "每季度末" are due at the window's end.
  "每年12月底前" and "每年1月15日前" set ``due_month`` (and ``due_day``); "每年9月至11月" also
  ``start_month``; "每季度首月10日前" sets ``due_month=1`` of the quarter; "次月5日前" (alone, a
  monthly duty) sets ``due_next_month``; "每季度结束后10日内" and "…5个工作日内" set
  ``due_after_days`` or ``due_after_working_days``; "每周三" sets ``weekday``. "每周三下午"
  names a time of day and is refused. A yearly occurrence across the turn of the year
  ("每年12月至次年2月") is refused.
* "每年一季度", "每年上半年", "每年年初", "每年四季度末" are the months of each year they cover, as
  "每年1月至3月" (``start_month`` and ``due_month``; with 前 only ``due_month``). 每年年底,
  每年年末 and 每年年内 are the yearly duty itself. "每年四季度结束后10日内" (a part that ends with
  the year) is due that long after each year; after another part it is not read.
* "每月上旬", "每月中旬", "每月初" are due on the last day of that part (10, 20, 5); "每月下旬",
  "每月最后一天", "每月最后一周" at the month's end. A range of days ("每月20日至25日",
  "每月20—25日") is due on its last day; "每月25日至次月5日" on the 5th of the next month.
  "每月最后一个工作日" changes with each month's holidays and is not read.
* "每季度最后一个月(的)30日前", "每季度末月25日前" and "每季度第一个月10日前" set ``due_month`` of the
  quarter like 首月. "季度结束后10日内", "月度结束后5个工作日内" and "半年结束后15日内" without 每
  are a duty after each window (as "次月5日前" alone is monthly), and 终了后 is 结束后; after a
  numbered or named window ("一季度结束后", "本季度结束后") it is one deadline (see Periods).
* "每一个月", "每1年", "每一季度" are 每月, 每年, 每季度.
* Without 每: "半年报送一次", "季度调度一次" (半年, 季度 or 月度, a verb and a count) and
  "一季度一次", "一个月两次", "一周一次" (a count right after) are duties per window; so are
  "按季度报送", "按月发放", "逐月调度" (按 or 逐, a window and a verb of a recurring duty: 报送,
  调度, 通报, 督查, 发放 …) and "月度调度", "季度通报" (月度, 季度 or 半年度 and a verb that is not
  also the name of a report). The verb is part of the phrase. A numbered window stays one
  window ("一季度开展一次" is the first quarter), "X内", "X后", "X末" are lengths and parts
  ("半年内"), "一次性" is once only, and words with a window in them are not duties ("逐月下降",
  "按年龄", "按月结算", "月度报告", "统一月底"). "一年一次" and "一月一次" are not read: their
  numerals are read as part of other words, as in "统一月底".
* "每年6月和12月各开展两次": with 各 the count is per date listed (twice each half-year).
* A duty every several windows ("每两个月", "每2年", "每3～5年", "每隔一个月", "双月") has no
  calendar window of one unit and is refused.
* An amount per year is not a cadence: "每户每年", "每人每年", "人均每年", and a "每年" whose clause
  states a quantity ("每年转移就业稳定在1万人以上").
* "每年累计", "每年平均" and "每年人均" measure a quantity per year; they are not recurrences and
  are not read as cadences.

Spans

* A span needs a bound word: 不超过, 以内, 之内, 内, 以下, 至多, 最多 (at most); 以上, 不少于, 至少,
  满 (at least); 超过, 多于 (more than); 不满, 不足, 少于 (less than). "N个工作日" without one is a
  time limit and means at most N working days. Other bare lengths ("回看四年") are not spans, so
  the bare text :meth:`Span.describe` gives an exact span ("15天") is not read back.
* "半年" is six calendar months; "日" and "天" are both calendar days ("15日内").
* Hours and minutes are not read.

Public holidays are dated by the official calendar: 元旦前, 五一前 and 国庆节前 the day before the
date in their name; 春节前, 清明节前, 端午节前 and 中秋节前 the day before the first day off; after
any of them (春节后, 国庆节后) from the day after the last day off; 期间 the days off. Times named by
an event whose dates neither the plan nor the calendar gives (春节前后, 春节前夕, 节假日期间, 汛期前,
汛前) are refused rather than dated or skipped.

Undated duty words (及时, 常态化, 定期 …) and relative days (明天, 下周) are not time phrases here:
:func:`parse_when` rejects them and :func:`find_when` skips them.

Finding phrases in running text
-------------------------------
:func:`find_when` reads the longest phrase at each place and skips numbers that are not times: an
index number ("640324017/2026-00009"), an ordinal ("第六轮"), a score ("95分"), a list number
("10." or "1.常态化" at a line start), a percentage or count ("60%", "80万人",
"12个闽宁产业园"). Chinese numerals often belong to other words ("统一月底报送", "一年一次"), so
a phrase written in them is reported only after punctuation, a space, the start of the text or a
function word (于, 在, 到, 至, 和, 及, 与, 自, 从, 的, 是, 为 …): "在十月底前" and "，二〇二五年十月"
are found, "各地十月底前" is not; four Chinese digits and 年 ("各地二〇二五年底前") are a year
after any word. "5年内在…" is the span 5年内 followed by 在. A bare month in Chinese numerals with nothing else ("一月") is not
reported either.

In the clause of a recurring duty (after a cadence, up to the next 。, ；or line end) a relative
month or quarter (本月, 上月, 上个月, 下月, 本季度, 上季度 …, also 本季度末, 本月底, 本季度结束后10日内)
is that of each occurrence, not of the reference date: "每月5日前报送上月进展" is a monthly duty
about the month before each report. Such a phrase is not reported, since as a fixed period it
would be wrong and the cadence already says when the duty is due. So are 本年度, 本年, 上年度,
上年 and 上一年 after a yearly cadence ("每年2月底前，根据上一年度工作成效"); 今年, 去年 and 明年
name the plan's own years and are always read. parse_when, given the phrase alone, still reads it
from the reference date.

Reasons quote the text as the plan writes it ("每３～５年"), not as normalised for reading.
A phrase that has the shape of a date but names an impossible one ("2月30日", "13月") raises
:class:`~xiaojie.errors.TimePhraseError` rather than being dropped silently; with
``errors="report"`` it goes into the result's ``unread`` instead, with its offset, and the scan
goes on. So does a phrase without a year that follows, in the same run of text, a year other than
the reference year or a year qualifier that is not read ("当年11月", "2024年全区3月底前"): it is
never read in the reference year silently. Spaces between a number and its unit are skipped
("2025 年 6 月底前").
"""

import datetime as dt

import attrs

from xiaojie.dates._cadence import HolidayShift
from xiaojie.dates._found import Found, PeriodSeries, When
from xiaojie.dates._grammar import (
    _NORMALISE,
    _STRIP_QUOTES,
    _STRIP_TRAILING,
    _ImpossibleError,
    _with_cn_years,
)
from xiaojie.dates._holiday import note_at, shifted
from xiaojie.dates._named import NAMED_PERIODS, NamedPeriods
from xiaojie.dates._read_recur import _Scanner
from xiaojie.dates._since import SINCE_START, from_reference
from xiaojie.dates._values import Period, as_date
from xiaojie.errors import CalendarCoverageError, DateValueError, TimePhraseError


__all__ = ["Found", "PeriodSeries", "When", "parse_when"]


# --------------------------------------------------------------------------------------------
# Public functions


def _with_text(value: When, text: str, offset: int | None) -> When:
    if isinstance(value, PeriodSeries):
        parts = tuple(attrs.evolve(p, text=text, offset=offset) for p in value.periods)
        return PeriodSeries(parts, text=text, offset=offset)
    if isinstance(value, Period):
        return attrs.evolve(value, text=text, offset=offset)
    return attrs.evolve(value, text=text)


def _registry(named: NamedPeriods | None) -> NamedPeriods:
    if named is None:
        return NAMED_PERIODS
    if not isinstance(named, NamedPeriods):
        msg = f"named: expected a NamedPeriods registry, found {type(named).__name__}"
        raise DateValueError(msg)
    return named


def parse_when(text: str, *, reference: dt.date, named: NamedPeriods | None = None) -> When:
    """Return what one Chinese time phrase means.

    Parameters
    ----------
    text
        One phrase: "6月底前", "6月中旬—9月底", "7月底和10月底前", "每季度至少1次",
        "不超过15天", "过渡期后" … Surrounding spaces, quotation marks and a final punctuation
        mark are ignored.
    reference
        The plan's date (its 发文时间). A phrase without a year takes this date's year; the clock
        is never read.
    named
        The registry of named periods to use; the default registry
        :data:`~xiaojie.dates.NAMED_PERIODS` when omitted.

    Returns
    -------
    Period or PeriodSeries or Cadence or Span
        The meaning, keeping ``text`` in its ``.text``.

    Raises
    ------
    TimePhraseError
        If the text is empty, is not a time phrase this parser reads ("明天", "及时"), names an
        impossible date ("2月30日", "13月底前") or has text left over after the phrase.
    DateValueError
        If ``reference`` is not a date (a ``datetime`` is refused).

    Examples
    --------
    >>> import datetime as dt
    >>> ref = dt.date(2025, 6, 18)
    >>> parse_when("9月10日前", reference=ref)
    Period(start=None, end=datetime.date(2025, 9, 10))
    >>> parse_when("6月中旬—9月底", reference=ref).canonical()
    '2025年6月11日至2025年9月30日'
    >>> parse_when("每周1—2次", reference=ref)
    Cadence(frequency=<Frequency.WEEKLY: 'weekly'>, min_count=1, max_count=2, due_day=None)
    >>> parse_when("1年以上", reference=ref).describe()
    '1年以上'
    >>> parse_when("2月下旬", reference=dt.date(2024, 1, 1)).end    # leap year
    datetime.date(2024, 2, 29)
    >>> parse_when("2月30日", reference=ref)
    Traceback (most recent call last):
    ...
    xiaojie.errors.TimePhraseError: time phrase '2月30日': 2月30日 does not exist in 2025 (2月 has 28 days)

    .. versionadded:: 0.1.0
    """
    reference = as_date(reference, field="reference")
    registry = _registry(named)
    if not isinstance(text, str):
        raise TimePhraseError(repr(text), f"expected a str, found {type(text).__name__}")
    joined = "".join(_with_cn_years(text.translate(_NORMALISE)).split())
    body = joined.rstrip(_STRIP_TRAILING)
    first = len(body) - len(body.lstrip(_STRIP_QUOTES))
    body = body.strip(_STRIP_QUOTES)
    # The same characters as written, for quoting in reasons (normalising keeps every length).
    source = "".join(text.split())[first : first + len(body)]
    if not body:
        raise TimePhraseError(
            text, "empty; expected a time phrase such as 6月底前, 每月1次 or 不超过15天"
        )
    since = SINCE_START.match(body)
    if since is not None:  # 即日起至2025年12月底: from the plan's date
        try:
            rest = parse_when(source[since.end() :], reference=reference, named=registry)
        except TimePhraseError as err:
            raise TimePhraseError(text, err.reason) from None
        period = from_reference(rest, reference)
        if isinstance(period, str):
            raise TimePhraseError(text, period)
        if period is not None:
            return _with_text(period, text, None)
    scanner = _Scanner(body, reference, registry, source=source)
    try:
        found = scanner.phrase(0, to_end=True)
    except _ImpossibleError as err:
        raise TimePhraseError(text, err.reason) from None
    if found is None:
        reason = (
            "not a time phrase this parser reads; expected a date, a part of a month or year, "
            "a quarter, a named period, a cadence (每月1次) or a span (不超过15天)"
        )
        raise TimePhraseError(text, reason)
    value = found.value
    if found.end != len(body):
        note = note_at(body, found.end)
        moved = None if note is None or note.end != len(body) else _moved(value, note.shift, text)
        if moved is None:
            from xiaojie.dates._find import clock_deadline  # noqa: PLC0415 - _find imports this

            moved = clock_deadline(value, body[found.end :])
        if moved is None:
            reason = f"unexpected text {body[found.end :]!r} after {body[: found.end]!r}"
            raise TimePhraseError(text, reason)
        value = moved
    return _with_text(value, text, None)


def _moved(value: When, shift: HolidayShift, text: str) -> When | None:
    """Return ``value`` moved by a holiday note, or ``None`` when it has no due date to move."""
    try:
        return shifted(value, shift)
    except CalendarCoverageError as err:
        raise TimePhraseError(text, str(err)) from None
