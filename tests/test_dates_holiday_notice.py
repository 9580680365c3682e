"""The State Council's holiday notice read from its text, and the calendar it extends.

The real notices (``tests/data/holiday-notices``, each with its source address) are read and
compared, day by day, with the calendar of the ``chinesecalendar`` package for the same year.
The notice for a year the package does not cover is made up here (``_NEXT``): it only has to
be a notice of the right shape for the mechanism to be tested.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    HolidayNotice,
    HolidayNoticeError,
    HolidayShift,
    covered_years,
    forget_holiday_notice,
    holiday_notices,
    is_working_day,
    parse_when,
    read_holiday_notice,
    register_holiday_notice,
)
from xiaojie.errors import CalendarCoverageError


D = dt.date
NOTICES = Path(__file__).parent / "data" / "holiday-notices"
FILES = sorted(NOTICES.glob("*.txt"))
PACKAGE = range(
    min(d.year for d in chinese_calendar.holidays),
    max(d.year for d in chinese_calendar.holidays) + 1,
)
NEXT = PACKAGE.stop
WEEK = "一二三四五六日"


def _made_up_notice(year: int) -> str:
    """A notice of the usual shape for ``year``: 元旦 1-3 January, a week from the first Saturday of February."""
    first = D(year, 1, 1)
    spring = D(year, 2, 1) + dt.timedelta(days=(5 - D(year, 2, 1).weekday()) % 7)
    end = spring + dt.timedelta(days=6)
    work = end + dt.timedelta(days=(5 - end.weekday()) % 7 or 7)
    return (
        f"国务院办公厅关于{year}年部分节假日安排的通知\n"
        f"一、元旦：1月1日（周{WEEK[first.weekday()]}）至3日（周{WEEK[(first.weekday() + 2) % 7]}）"
        "放假，共3天。\n"
        f"二、春节：{spring.month}月{spring.day}日（周六）至{end.day}日（周{WEEK[end.weekday()]}）"
        f"放假调休，共7天。{work.month}月{work.day}日（周{WEEK[work.weekday()]}）上班。\n"
    )


_NEXT = _made_up_notice(NEXT)


def _package_working(day: dt.date) -> bool:
    if day in chinese_calendar.workdays:
        return True
    return day.weekday() < 5 and day not in chinese_calendar.holidays


AFTERWARDS = {
    # day: (what the yearly notice says, the later notice that changed it)
    D(2015, 9, 3): (
        True,
        "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
    ),
    D(2015, 9, 4): (True, "the same: 9月3日至5日调休放假"),
    D(2015, 9, 6): (False, "the same: 9月6日（星期日）上班"),
    D(2019, 5, 2): (True, "国务院办公厅关于调整2019年劳动节假期安排的通知: 5月1日至4日放假"),
    D(2019, 5, 3): (True, "the same"),
    D(2019, 4, 28): (False, "the same: 4月28日（星期日）上班"),
    D(2019, 5, 5): (False, "the same: 5月5日（星期日）上班"),
    D(2020, 1, 31): (True, "国务院办公厅关于延长2020年春节假期的通知: 春节假期延长至2月2日"),
    D(2020, 2, 1): (True, "the same: 2月1日（星期六）不再上班"),
}


def _year_of(path: Path) -> int:
    return int(path.stem[:4])


class TestRealNotices:
    def test_the_corpus_has_many_years_each_with_its_source(self):
        assert len(FILES) >= 8
        for path in FILES:
            head = path.read_text(encoding="utf-8").splitlines()[0]
            assert re.match(r"# source: https?://\S+$", head), path.name

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_each_notice_is_read_whole(self, path):
        notice = read_holiday_notice(path.read_text(encoding="utf-8"), source=path.name)

        assert notice.year == _year_of(path)
        assert len(notice.holidays) >= 6  # 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节 and 国庆节
        assert all(first <= last for _, first, last in notice.holidays)
        assert all(day.weekday() >= 5 for day in notice.working_days)

    def test_every_day_of_every_year_is_as_the_package_has_it(self):
        """The notices together (a later one deciding the days it names) give the package's calendar.

        Except the days changed after the yearly notice, by notices of their own.
        """
        ruled: dict[dt.date, bool] = {}
        years = []
        for path in FILES:
            notice = read_holiday_notice(path.read_text(encoding="utf-8"), source=path.name)
            years.append(notice.year)
            ruled.update(dict.fromkeys(notice.rest_days, False))
            ruled.update(dict.fromkeys(notice.working_days, True))
        differ = {}
        for year in years:
            day = D(year, 1, 1)
            while day.year == year:
                mine = ruled.get(day, day.weekday() < 5)
                if mine != _package_working(day):
                    differ[day] = mine
                day += dt.timedelta(days=1)
        assert differ == {day: said for day, (said, _) in AFTERWARDS.items() if day.year in years}

    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
    def test_registering_a_covered_year_changes_no_day(self, path, clean_registry):
        """Not even the days changed later (2020's 1 February stays a day off of the extended 春节)."""
        year = _year_of(path)
        days = [D(year, 1, 1) + dt.timedelta(days=k) for k in range(365)]
        before = [is_working_day(day) for day in days]

        register_holiday_notice(read_holiday_notice(path.read_text(encoding="utf-8")))

        assert [is_working_day(day) for day in days] == before
        assert covered_years() == PACKAGE


class TestRegistering:
    def test_the_next_year_is_covered_once_its_notice_is_registered(self, clean_registry):
        notice = read_holiday_notice(_NEXT, source="notice.txt")
        with pytest.raises(CalendarCoverageError, match=f"not {NEXT}.*register the year's holiday"):
            is_working_day(D(NEXT, 1, 1))

        register_holiday_notice(notice)

        assert covered_years() == range(PACKAGE.start, NEXT + 1)
        assert holiday_notices() == (notice,)
        for day in notice.rest_days:
            assert not is_working_day(day)
        for day in notice.working_days:
            assert is_working_day(day)
        assert is_working_day(D(NEXT, 3, 1)) == (D(NEXT, 3, 1).weekday() < 5)
        with pytest.raises(CalendarCoverageError, match=f"not {NEXT + 1}"):
            is_working_day(D(NEXT + 1, 1, 4))

    def test_forgetting_uncovers_the_year_again(self, clean_registry):
        register_holiday_notice(read_holiday_notice(_NEXT))
        register_holiday_notice(read_holiday_notice(_made_up_notice(NEXT + 1)))

        forget_holiday_notice(NEXT)

        assert holiday_notices() == ()
        assert covered_years() == PACKAGE
        with pytest.raises(CalendarCoverageError):
            is_working_day(D(NEXT, 1, 4))

    def test_a_year_after_a_gap_is_refused(self, clean_registry):
        notice = read_holiday_notice(_made_up_notice(NEXT + 2), source="far.txt")

        with pytest.raises(
            HolidayNoticeError, match=f"far.txt: expected a notice for a covered year or for {NEXT}"
        ):
            register_holiday_notice(notice)
        assert holiday_notices() == ()

    def test_a_holiday_moves_a_due_date_of_the_new_year(self, clean_registry):
        """每月10日前（遇节假日顺延）: the 10 February of the made-up 春节 moves to the next working day."""
        cadence = parse_when("每月10日前（遇节假日顺延）", reference=D(NEXT, 1, 5))
        spring = min(d for d in read_holiday_notice(_NEXT).rest_days if d.month == 2)
        window = cadence.full_window(D(NEXT, 2, 1))
        with pytest.raises(CalendarCoverageError, match=str(NEXT)):
            cadence.due_in(window)

        register_holiday_notice(read_holiday_notice(_NEXT))

        due = cadence.due_in(window)
        assert due >= D(NEXT, 2, 10)
        assert is_working_day(due)
        assert HolidayShift.POSTPONE.apply(D(NEXT, 2, 10)) == due
        if spring <= D(NEXT, 2, 10):
            assert due > D(NEXT, 2, 10)


def _year(day: dt.date, years: set[int], year: int) -> str:
    """Days of a sentence naming another year than the notice's are written with their years."""
    return "" if years == {year} else f"{day.year}年"


def _notice_text(year: int, parts: list[tuple[dt.date, int, list[dt.date]]]) -> str:
    lines = [f"国务院办公厅关于{year}年部分节假日安排的通知", "经国务院批准，现将安排通知如下。"]
    names = ["春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "植树节"]
    for k, (start, length, work) in enumerate(parts):
        end = start + dt.timedelta(days=length - 1)
        stop = f"{end.day}日" if end.month == start.month else f"{end.month}月{end.day}日"
        text = f"{'一二三四五六七'[k]}、{names[k]}：{start.month}月{start.day}日（周{WEEK[start.weekday()]}）"
        if length > 1:
            text += f"至{stop}（周{WEEK[end.weekday()]}）放假调休，共{length}天。"
        else:
            text += "放假。"
        if work:
            text += "、".join(
                f"{_year(d, {w.year for w in work}, year)}{d.month}月{d.day}日（星期{WEEK[d.weekday()]}）"
                for d in work
            )
            text += "上班。"
        lines.append(text)
    lines.append("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。")
    return "\n".join(lines)


@st.composite
def notices(draw):
    year = draw(st.integers(2030, 2090))
    starts = sorted(draw(st.sets(st.integers(0, 11), min_size=1, max_size=7)))
    parts = []
    rest: set[dt.date] = set()  # a working day is never a day off of the holiday before
    for month in starts:
        start = D(year, month + 1, draw(st.integers(1, 20)))
        length = draw(st.integers(1, 8))
        weekend = [
            start - dt.timedelta(days=k)
            for k in range(1, 8)
            if (start - dt.timedelta(days=k)).weekday() >= 5
            and start - dt.timedelta(days=k) not in rest
        ]
        rest |= {start + dt.timedelta(days=k) for k in range(length)}
        work = draw(st.lists(st.sampled_from(weekend), max_size=2, unique=True)) if weekend else []
        parts.append((start, length, sorted(work)))
    return year, parts


class TestShapes:
    @given(notices())
    def test_what_is_written_is_read(self, drawn):
        year, parts = drawn
        notice = read_holiday_notice(_notice_text(year, parts))

        rest = {s + dt.timedelta(days=k) for s, n, _ in parts for k in range(n)}
        work = {d for *_, days in parts for d in days}
        assert notice.year == year
        assert notice.rest_days == rest
        assert notice.working_days == work
        assert [(first, last) for _, first, last in notice.holidays] == [
            (s, s + dt.timedelta(days=n - 1)) for s, n, _ in parts
        ]

    @given(notices(), st.data())
    def test_a_wrong_weekday_is_refused_with_its_line(self, drawn, data):
        year, parts = drawn
        lines = _notice_text(year, parts).split("\n")
        at = data.draw(st.integers(2, len(lines) - 2))
        match = re.search(r"（周(.)）", lines[at])
        assert match is not None
        wrong = data.draw(st.sampled_from([w for w in WEEK if w != match[1]]))
        lines[at] = lines[at][: match.start(1)] + wrong + lines[at][match.end(1) :]

        with pytest.raises(
            HolidayNoticeError, match=f"notice.txt, line {at + 1}: .* not the 星期{wrong} written"
        ) as caught:
            read_holiday_notice("\n".join(lines), source="notice.txt")
        assert caught.value.line == at + 1

    @given(notices(), st.integers(1, 5))
    def test_a_wrong_day_count_is_refused(self, drawn, more):
        year, parts = drawn
        text = _notice_text(year, parts)
        match = re.search(r"共(\d+)天", text)
        if match is None:
            return
        wrong = text[: match.start(1)] + str(int(match[1]) + more) + text[match.end(1) :]

        with pytest.raises(
            HolidayNoticeError,
            match=f"共{int(match[1]) + more}天 expected, the dates give {match[1]} days",
        ):
            read_holiday_notice(wrong)


class TestWordings:
    def test_make_up_rest_day_and_weekend_joined(self):
        notice = read_holiday_notice(
            "国务院办公厅关于2017年部分节假日安排的通知\n"
            "一、元旦：1月1日放假，1月2日（星期一）补休。\n"
            "四、劳动节：5月1日放假，与周末连休。"
        )
        assert notice.rest_days == {D(2017, 1, 1), D(2017, 1, 2), D(2017, 5, 1)}
        assert notice.working_days == frozenset()

    def test_new_year_beginning_in_december(self):
        with_years = read_holiday_notice(
            "国务院办公厅关于2019年部分节假日安排的通知\n"
            "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"
        )
        without = read_holiday_notice(
            "国务院办公厅关于2019年部分节假日安排的通知\n"
            "一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。"
        )
        assert (
            with_years.rest_days
            == without.rest_days
            == {D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)}
        )
        assert with_years.working_days == without.working_days == {D(2018, 12, 29)}

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("一、元旦：1月1日放假。", "expected its year in the title"),
            ("关于2027年部分节假日安排的通知\n经国务院批准。", "expected numbered items"),
            (
                "关于2027年部分节假日安排的通知\n一、春节：2月30日放假。",
                "line 2: expected a real date of 2027; found '2月30日'",
            ),
            (
                "关于2027年部分节假日安排的通知\n一、春节：2月6日至2月1日放假。",
                "line 2: expected a range ending after it begins",
            ),
            (
                "关于2027年部分节假日安排的通知\n一、春节：2月6日另行通知。",
                "line 2: expected days off",
            ),
            (
                "关于2027年部分节假日安排的通知\n一、春节：6日放假。",
                "line 2: expected a month before the day",
            ),
        ],
    )
    def test_bad_text_is_refused_with_its_line(self, text, expected):
        with pytest.raises(HolidayNoticeError, match=re.escape(expected)):
            read_holiday_notice(text, source="n.txt")

    def test_the_year_can_be_given(self):
        day = D(NEXT, 1, 1)
        notice = read_holiday_notice(
            f"一、元旦：1月1日（周{WEEK[day.weekday()]}）放假，共1天。", year=NEXT
        )
        assert notice == HolidayNotice(NEXT, frozenset({day}), frozenset(), (("元旦", day, day),))


def test_an_item_label_alone_on_its_line():
    """A page that breaks each item after its label ("一、元旦：" alone) reads as the notice."""
    text = (NOTICES / "2019.txt").read_text(encoding="utf-8")
    broken = re.sub(r"^([一二三四五六七]、\s*[^:：]+[:：])", r"\1\n", text, flags=re.MULTILINE)
    assert broken.count("\n") > text.count("\n") + 5

    assert read_holiday_notice(broken) == read_holiday_notice(text)


PLAN = """某县{year}年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强调度。
1.按月报送。每月10日前报送上月工作进展情况（遇节假日顺延）。（牵头单位：县财政局）
"""


def test_the_command_line_reads_the_notice_for_its_run(
    tmp_path, monkeypatch, capsys, clean_registry
):
    from xiaojie.cli import main

    monkeypatch.chdir(tmp_path)
    Path("plan.txt").write_text(PLAN.format(year=NEXT), encoding="utf-8")
    Path("notice.txt").write_text(_NEXT, encoding="gb18030")
    Path("wrong.txt").write_text(_NEXT.replace("（周六）", "（周日）", 1), encoding="utf-8")
    assert (
        main(
            [
                "parse",
                "plan.txt",
                "-o",
                "p.toml",
                "--reference",
                f"{NEXT}-01-05",
                "--holidays",
                "notice.txt",
            ]
        )
        == 0
    )
    assert holiday_notices() == ()
    capsys.readouterr()
    as_of = ["--plan", "p.toml", "--as-of", f"{NEXT}-03-01", "--json"]

    assert main(["status", *as_of]) == 1
    err = capsys.readouterr().err
    assert f"calendar of {NEXT}" in err
    assert "--holidays" in err

    assert main(["status", *as_of, "--holidays", "notice.txt"]) == 0
    assert holiday_notices() == ()  # for that run only
    out = capsys.readouterr().out
    shifted = HolidayShift.POSTPONE
    register_holiday_notice(read_holiday_notice(_NEXT))
    february = shifted.apply(D(NEXT, 2, 10))
    assert february > D(NEXT, 2, 10)  # 10 February is in the made-up 春节
    assert february.isoformat() in out

    assert main(["status", *as_of, "--holidays", "wrong.txt"]) == 1
    err = capsys.readouterr().err
    assert "holiday notice wrong.txt, line 3:" in err
    assert "not the 星期日 written" in err
    assert main(["status", *as_of, "--holidays", "missing.txt"]) == 1
    assert "missing.txt" in capsys.readouterr().err


T = "国务院办公厅关于2027年部分节假日安排的通知\n"


class TestCopiedBadly:
    def test_an_item_going_on_on_the_next_line(self):
        notice = read_holiday_notice(
            T + "二、春节：2月6日（农历除夕、周六）至12日（农历正月初六、周五）放假调休，共7天。\n"
            "2月20日（周六）上班。\n"
            "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。\n"
            "国务院办公厅\n2026年11月4日"
        )
        assert notice.working_days == {D(2027, 2, 20)}
        assert notice.rest_days == {D(2027, 2, 6) + dt.timedelta(days=k) for k in range(7)}

    def test_working_days_after_a_comma_are_only_those_of_their_clause(self):
        notice = read_holiday_notice(
            T + "二、春节：2月6日至12日放假调休，共7天，2月20日（周六）上班。"
        )
        assert notice.working_days == {D(2027, 2, 20)}
        assert len(notice.rest_days) == 7

    def test_two_ranges_in_one_sentence(self):
        notice = read_holiday_notice(T + "一、元旦：1月1日至3日、1月9日至10日放假，共5天。")
        assert notice.rest_days == {D(2027, 1, d) for d in (1, 2, 3, 9, 10)}

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (
                "二、春节：2月6日至12日放假，2月13日（周六）不上班。",
                "expected days off (放假) or working days (上班)",
            ),
            (
                "二、春节：2月6日至12日放假。2月7日（周日）上班。",
                "expected each day off or working, found 2027-02-07 both",
            ),
            (
                "一、元旦：2072年1月1日至3日放假，共3天。",
                "line 2: expected a date of 2027 (or late 2026); found '2072年1月1日'",
            ),
            ("一、元旦：1月1日至9999年12月31日放假。", "expected a date of 2027"),
            ("一、元旦：99999999999999999999月1日放假。", "line 2: expected a real date of 2027"),
            ("四、劳动节：5月1日至3日放假2天。", "line 2: 放假2天 expected, the dates give 3 days"),
        ],
    )
    def test_refused_with_a_reason(self, body, expected):
        with pytest.raises(HolidayNoticeError, match=re.escape(expected)):
            read_holiday_notice(T + body)

    def test_a_count_of_thousands_of_digits_is_no_count(self):
        notice = read_holiday_notice(T + "一、元旦：1月1日放假，共" + "9" * 5000 + "天。")
        assert notice.rest_days == {D(2027, 1, 1)}

    @pytest.mark.parametrize("year", ["2027", 2027.0, True, 10**30, 0])
    def test_a_year_not_a_year(self, year):
        with pytest.raises(HolidayNoticeError, match="expected year= a year"):
            read_holiday_notice("一、元旦：1月1日放假。", year=year)

    def test_objects_that_are_not_notices(self, clean_registry):
        with pytest.raises(HolidayNoticeError, match="expected the notice's text, found NoneType"):
            read_holiday_notice(None)
        with pytest.raises(HolidayNoticeError, match="expected a HolidayNotice, found NoneType"):
            register_holiday_notice(None)
        with pytest.raises(HolidayNoticeError, match="expected a year"):
            forget_holiday_notice(None)

    def test_traditional_script_full_width_digits_and_a_byte_order_mark(self):
        simplified = read_holiday_notice(T + "一、元旦：1月1日（周五）放假，1月4日（周一）补休。")
        assert simplified.rest_days == {D(2027, 1, 1), D(2027, 1, 4)}
        assert read_holiday_notice(
            "\ufeff國務院辦公廳關於２０２７年部分節假日安排的通知\n一、元旦：１月１日（週五）放假，1月4日（週一）補休。"
        ) == attrs.evolve(simplified, holidays=simplified.holidays)
        with pytest.raises(HolidayNoticeError, match="not the 星期一 written"):
            read_holiday_notice(T + "一、元旦：1月1日（週一）放假。")

    def test_the_year_is_the_title_s_not_a_link_s_above_it(self):
        notice = read_holiday_notice(
            "相关阅读：国务院办公厅关于2026年春节假期的说明\n" + T + "一、元旦：1月1日放假。"
        )
        assert notice.year == 2027


FRAGMENTS = [
    "一、",
    "二、春节",
    "：",
    ":",
    "元旦",
    "1月1日",
    "12月30日",
    "2月30日",
    "99月",
    "31日",
    "（周五）",
    "(星期日)",
    "（农历除夕）",
    "至",
    "3日",
    "放假",
    "调休",
    "补休",
    "上班",
    "不上班",
    "，",
    "。",
    "；",
    "共3天",
    "共99天",
    "与周末连休",
    "\n",
    "2026年",
    "2027年",
    "9999年",
    "鼓励",
    "关于2027年部分节假日安排的通知",
    "现将2027年",
    "０",
    "\u3000",
    "其中",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from([None, 2027]))
def test_any_text_is_read_or_refused_with_the_notice_error(pieces, year):
    try:
        notice = read_holiday_notice("".join(pieces), year=year)
    except HolidayNoticeError as err:
        message = str(err)
        assert message.startswith("holiday notice <text>")
    else:
        assert not notice.rest_days & notice.working_days
        assert all(
            day.year in {notice.year - 1, notice.year}
            for day in notice.rest_days | notice.working_days
        )
