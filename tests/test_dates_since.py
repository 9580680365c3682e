"""Periods from the plan's own date: 即日起至…, 自本方案印发之日起至…."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Period, find_when, parse_when
from xiaojie.errors import TimePhraseError


D = dt.date
REF = D(2025, 3, 1)
SINCE = [
    "即日起至",
    "自即日起至",
    "从即日起到",
    "自印发之日起至",
    "自本方案印发之日起至",
    "自发布之日起至",
]


class TestParse:
    @pytest.mark.parametrize("words", SINCE)
    def test_from_the_plans_date(self, words):
        assert parse_when(f"{words}2025年12月底", reference=REF) == Period(REF, D(2025, 12, 31))

    @given(
        reference=st.dates(D(2000, 1, 1), D(2090, 12, 31)),
        end=st.dates(D(2000, 1, 1), D(2099, 12, 31)),
        words=st.sampled_from(SINCE),
    )
    def test_any_end_on_or_after_the_reference(self, reference, end, words):
        """The period runs from the reference date to the date named; never backwards."""
        phrase = f"{words}{end.year}年{end.month}月{end.day}日"
        if end >= reference:
            assert parse_when(phrase, reference=reference) == Period(reference, end)
        else:
            with pytest.raises(TimePhraseError, match="before it starts"):
                parse_when(phrase, reference=reference)

    def test_words_alone_are_not_a_phrase(self):
        with pytest.raises(TimePhraseError, match="not a time phrase"):
            parse_when("即日起", reference=REF)

    def test_error_quotes_the_whole_phrase(self):
        with pytest.raises(TimePhraseError, match="'即日起至2月30日'"):
            parse_when("即日起至2月30日", reference=REF)


class TestFind:
    def test_words_join_the_phrase(self):
        text = "各地即日起至年底开展“回头看”"
        [found] = find_when(text, reference=REF)

        assert (found.text, found.offset) == ("即日起至年底", 2)
        assert found.value == Period(REF, D(2025, 12, 31))

    def test_a_period_ending_before_the_plans_date_is_unread(self):
        result = find_when("即日起至2024年12月31日开展排查，6月底前完成", reference=REF)

        assert [f.text for f in result] == ["6月底前"]
        [unread] = result.unread
        assert unread.text == "即日起至2024年12月31日"
        assert "before it starts" in unread.reason

    def test_without_the_words_a_deadline_stays_one(self):
        [found] = find_when("力争至2025年9月底完成", reference=REF)

        assert found.value == Period(None, D(2025, 9, 30))

    def test_with_a_holiday_note(self):
        """The note moves the end; the text and remark still read back to the value."""
        for text in (
            "即日起至2025年10月1日前（遇节假日顺延）",
            "即日起至2025年10月1日前完成排查（遇节假日顺延）",
        ):
            [found] = find_when(text, reference=REF)

            assert found.value == Period(REF, D(2025, 10, 9))
            assert parse_when(found.text + found.remark, reference=REF) == found.value


def test_plan_titles_keep_the_words_out():
    """A clause opening with 自本方案印发之日起至X: the title is what is done, the period is dated."""
    from xiaojie.parsing import parse_plan

    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强动态监测。
1.开展排查。自本方案印发之日起至2025年9月30日，开展集中排查。（牵头单位：县财政局）
2.即日起至年底开展“回头看”。（牵头单位：县财政局）
"""
    plan = parse_plan(text, reference=REF).plan
    first, second = plan.milestones

    assert (first.title, first.when) == ("开展集中排查", Period(REF, D(2025, 9, 30)))
    assert (second.title, second.when) == ("开展“回头看”", Period(REF, D(2025, 12, 31)))


@pytest.mark.parametrize("text", ["自项目实施之日起至2025年12月31日", "自新规施行之日起至12月31日"])
def test_another_days_start_is_not_the_plans_date(text):
    """印发/实施之日 of something else (a project, a rule) is not the plan's day."""
    [found] = find_when(text, reference=REF)

    assert found.value == Period(None, D(2025, 12, 31))
    assert found.text.startswith("至")


@pytest.mark.parametrize(
    "words", ["自本实施方案印发之日起至", "自方案印发之日起至", "自文件印发之日起至"]
)
def test_the_documents_own_day_in_other_words(words):
    [found] = find_when(f"{words}2025年12月31日", reference=REF)

    assert found.text.startswith(words)
    assert found.value == Period(REF, D(2025, 12, 31))
