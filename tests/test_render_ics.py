"""iCalendar feeds: parsed back, every deadline is there and every RRULE gives the due days."""

import datetime as dt

import attrs
import pytest
from dateutil.rrule import rrulestr
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

import xiaojie as xj
from model_strategies import cadences
from xiaojie.dates import Cadence, Frequency, Period, parse_when
from xiaojie.model import Obligation
from xiaojie.render import RenderError, calendar, obligation_rule, to_ics


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)


def _events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def _occurrences(event) -> list[dt.date]:
    """Expand an event the way a calendar program does: DTSTART, RRULE, RDATE, minus EXDATE."""
    start = event.decoded("DTSTART")
    days = {start}
    if "RRULE" in event:
        rule = event["RRULE"].to_ical().decode()
        begin = dt.datetime.combine(start, dt.time())
        days |= {d.date() for d in rrulestr(rule, dtstart=begin)}
    for key, sign in (("RDATE", 1), ("EXDATE", -1)):
        values = event.get(key, [])
        for group in values if isinstance(values, list) else [values]:
            for value in group.dts:
                day = value.dt if not isinstance(value.dt, dt.datetime) else value.dt.date()
                if sign > 0:
                    days.add(day)
                else:
                    days.discard(day)
    return sorted(days)


def _dues(obligation: Obligation) -> list[dt.date]:
    return sorted({obligation.cadence.due_in(w) for w in obligation.windows()})


class TestPlanFeed:
    def test_parses_back_with_unique_uids(self):
        """The feed parses back; each event has a unique UID, a DTSTAMP and a summary."""
        events = _events(to_ics(PLAN, stamp=AS_OF))
        uids = [str(e["UID"]) for e in events]

        assert len(uids) == len(set(uids))
        assert all(e.decoded("DTSTAMP") == dt.datetime(2025, 8, 1, tzinfo=dt.UTC) for e in events)
        assert all(str(e["SUMMARY"]) for e in events)

    def test_every_deadline_is_an_event(self):
        """Every phase, milestone, dated target and obligation is an event."""
        events = _events(to_ics(PLAN))
        dated_targets = sum(1 for i in PLAN.indicators for t in i.targets if t.due is not None)
        expected = len(PLAN.phases) + len(PLAN.milestones) + dated_targets + len(PLAN.obligations)

        assert expected == len(events)

    def test_milestones_are_all_day_on_their_dates(self):
        """A deadline falls on its due day; a window spans its days (DTEND is exclusive)."""
        events = {str(e["UID"]).split("@")[0]: e for e in _events(to_ics(PLAN))}
        deadline = events["self-check-acceptance"]
        window = events["onsite-promotion-meeting"]

        assert dt.date(2025, 9, 10) == deadline.decoded("DTSTART")
        assert dt.date(2025, 9, 11) == deadline.decoded("DTEND")
        assert dt.date(2025, 7, 11) == window.decoded("DTSTART")
        assert dt.date(2025, 7, 21) == window.decoded("DTEND")
        assert "开展自查验收,形成问题整改报告报自治区党委农办(9月10日前)" == str(
            deadline["SUMMARY"]
        )

    @pytest.mark.parametrize("obligation", PLAN.obligations, ids=lambda o: o.id)
    def test_rrule_gives_every_due_day(self, obligation):
        """Each obligation's event recurs on exactly the due days of its windows."""
        event = next(
            e for e in _events(to_ics(PLAN)) if str(e["UID"]).startswith(f"{obligation.id}@")
        )

        assert _dues(obligation) == _occurrences(event)

    def test_deterministic_default_stamp(self):
        """Without a stamp, DTSTAMP is the plan's reference date, so the feed never changes."""
        assert to_ics(PLAN) == to_ics(PLAN)
        assert b"DTSTAMP:20250618T000000Z" in to_ics(PLAN)


class TestUnitFeed:
    def test_only_what_the_unit_answers_for(self):
        """A unit's feed holds only items it answers for, and no phases."""
        events = _events(to_ics(PLAN, unit="农办"))
        ids = sorted(str(e["UID"]).split("@")[0] for e in events)

        assert [
            "campaign-training-course",
            "resident-cadre-training",
            "resident-work-meeting",
        ] == ids

    def test_unit_object_and_alias_agree(self):
        """A unit may be given as an object or any of its names."""
        assert to_ics(PLAN, unit=PLAN.units.resolve("医保局")) == to_ics(PLAN, unit="医疗保障局")

    def test_feed_name(self):
        """The feed is named after the unit and the plan."""
        feed = calendar(PLAN, unit="财政厅")

        assert str(feed["X-WR-CALNAME"]).startswith("自治区财政厅 — ")

    def test_unknown_unit(self):
        """An unknown unit name is an UnknownUnitError."""
        with pytest.raises(xj.UnknownUnitError, match=r"unknown unit '财务厅'"):
            to_ics(PLAN, unit="财务厅")

    def test_bad_language(self):
        """An unknown language is refused."""
        with pytest.raises(RenderError, match=r"lang: expected one of zh, en"):
            to_ics(PLAN, lang="de")


def _obligation(cadence: Cadence, start: dt.date, end: dt.date) -> Obligation:
    return Obligation(id="o", title="报告", cadence=cadence, active=Period(start, end))


class TestObligationRule:
    @pytest.mark.parametrize(
        ("cadence", "start", "end"),
        [
            (Cadence(frequency=Frequency.MONTHLY), dt.date(2025, 1, 15), dt.date(2025, 12, 15)),
            (
                Cadence(frequency=Frequency.MONTHLY, due_day=31),
                dt.date(2024, 1, 1),
                dt.date(2024, 12, 31),
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, due_day=10),
                dt.date(2025, 6, 18),
                dt.date(2025, 9, 30),
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, due_day=30),
                dt.date(2025, 1, 1),
                dt.date(2025, 6, 30),
            ),
            (
                Cadence(frequency=Frequency.QUARTERLY, due_day=20),
                dt.date(2025, 2, 1),
                dt.date(2026, 3, 31),
            ),
            (Cadence(frequency=Frequency.HALF_YEARLY), dt.date(2025, 3, 1), dt.date(2027, 2, 1)),
            (Cadence(frequency=Frequency.YEARLY), dt.date(2024, 2, 29), dt.date(2028, 12, 31)),
            (
                Cadence(frequency=Frequency.YEARLY, due_day=29),
                dt.date(2024, 1, 1),
                dt.date(2026, 12, 31),
            ),
            (
                Cadence(frequency=Frequency.WEEKLY, min_count=1, max_count=2),
                dt.date(2025, 6, 18),
                dt.date(2025, 8, 13),
            ),
        ],
    )
    def test_feed_gives_exactly_the_due_days(self, cadence, start, end):
        """Whatever the cadence and clipping, the feed's days are the windows' due days."""
        obligation = _obligation(cadence, start, end)
        first, rule, extra, removed = obligation_rule(obligation)

        assert first == _dues(obligation)[0]
        assert "UNTIL" in rule
        event = Event()
        event.add("dtstart", first)
        event.add("rrule", rule)
        if extra:
            event.add("rdate", extra)
        if removed:
            event.add("exdate", removed)
        assert _dues(obligation) == _occurrences(Calendar.from_ical(event.to_ical()))

    def test_clipped_end_is_added(self):
        """A window clipped by the end of the active period is due on its last day (an RDATE)."""
        obligation = _obligation(
            Cadence(frequency=Frequency.MONTHLY), dt.date(2025, 1, 1), dt.date(2025, 3, 15)
        )

        assert [dt.date(2025, 3, 15)] == obligation_rule(obligation)[2]


DUE_RULES = [
    ("每年1月15日前", {"FREQ": ["YEARLY"], "BYMONTH": [1], "BYMONTHDAY": [15]}),
    ("每年12月底前", {"FREQ": ["YEARLY"], "BYMONTH": [12], "BYMONTHDAY": [-1]}),
    ("每年9月至11月", {"FREQ": ["YEARLY"], "BYMONTH": [11], "BYMONTHDAY": [-1]}),
    ("每周三", {"FREQ": ["WEEKLY"], "BYDAY": ["WE"]}),
    ("次月5日前", {"FREQ": ["MONTHLY"], "BYMONTHDAY": [5]}),
    ("每季度结束后10日内", {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [10]}),
    ("每季度首月10日前", {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [10]}),
]


def _plan_with(phrases, end=dt.date(2026, 12, 31)) -> xj.Plan:
    """The bundled plan with one obligation per phrase, active from 2025 to ``end``."""
    obligations = tuple(
        Obligation(
            id=f"rule-{n}",
            title="报送",
            cadence=parse_when(phrase, reference=dt.date(2025, 1, 1)),
            active=Period(dt.date(2025, 1, 1), end),
        )
        for n, phrase in enumerate(phrases)
    )
    return attrs.evolve(PLAN, obligations=obligations)


class TestDueRulesInTheFeed:
    @pytest.mark.parametrize(("phrase", "expected"), DUE_RULES)
    def test_rrule_says_the_due_rule(self, phrase, expected):
        """The RRULE itself gives the due days (no RDATE or EXDATE), parsed back from the feed."""
        plan = _plan_with([phrase])
        [event] = [e for e in _events(to_ics(plan, stamp=AS_OF)) if e["UID"].startswith("rule-")]
        rule = {k: list(v) for k, v in event["RRULE"].items() if k != "UNTIL"}

        assert expected == rule
        assert "RDATE" not in event
        assert "EXDATE" not in event
        assert _dues(plan.obligations[0]) == _occurrences(event)

    def test_working_days_are_listed(self):
        """Due days N working days after a window follow the holidays: every one is an RDATE."""
        plan = _plan_with(["每月结束后5个工作日内"], end=dt.date(2025, 12, 31))
        [event] = [e for e in _events(to_ics(plan, stamp=AS_OF)) if e["UID"].startswith("rule-")]

        assert "RRULE" not in event
        # after the National Day holiday (1-8 Oct) and the working Saturday 11 Oct
        assert {dt.date(2025, 8, 7), dt.date(2025, 10, 14)} <= set(_occurrences(event))
        assert _dues(plan.obligations[0]) == _occurrences(event)

    @settings(deadline=None, max_examples=60)
    @given(
        cadence=cadences(holidays=True),
        start=st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
        length=st.integers(0, 500),
    )
    def test_any_cadence_feed_gives_exactly_the_due_days(self, cadence, start, length):
        """For any cadence with any due rule and any active period, the feed gives the due days.

        A due date moved off a rest day (遇节假日顺延/提前) is still exactly the event's day.
        """
        # working days are known to the end of 2026 and an offset reaches up to 250 of them
        # (about a year), so with one the last window ends in 2024; so with a holiday shift
        # after an offset of up to 366 days
        offset = cadence.due_after_working_days or cadence.on_holiday
        last = dt.date(2024, 12, 31) if offset else dt.date(2026, 10, 31)
        end = min(start + dt.timedelta(days=length), last)
        assume(start <= end)
        obligation = _obligation(cadence, start, end)
        plan = attrs.evolve(PLAN, obligations=(obligation,))
        [event] = [e for e in _events(to_ics(plan, stamp=AS_OF)) if e["UID"].startswith("o@")]

        assert _dues(obligation) == _occurrences(event)
