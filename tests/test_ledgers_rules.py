"""Tests for the plan's rules over ledgers: the plan's own numbers, then properties."""

import datetime as dt
import decimal
import inspect
import pathlib
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import xiaojie
from ledger_strategies import (
    as_of_dates,
    asset_ledgers,
    dates,
    fund_records,
    household_ledgers,
    problems,
)
from xiaojie.dates import Comparator, Span, SpanUnit
from xiaojie.errors import DateValueError, LedgerError
from xiaojie.ledgers import (
    CLAUSES,
    DEFAULT_RULES,
    Asset,
    AssistanceMeasure,
    EliminationIncomeNotAboveLine,
    EliminationTooEarly,
    EliminationWithoutLabour,
    EliminationWithoutMeasure,
    FundRecord,
    Household,
    IdentificationTimeLimit,
    IndustryShare,
    LongUnresolved,
    Place,
    Problem,
    RectificationDeadline,
    RegistrationAndHandover,
    RevitalisationRate,
    ScrappedWriteOff,
    Severity,
    SpendingMilestone,
    SpendingProgress,
    check,
    rules_for,
)
from xiaojie.ledgers.rules import households as household_rules
from xiaojie.ledgers.rules import span_cutoff


D = dt.date
PLAN = (pathlib.Path(xiaojie.__file__).parent / "data" / "ningxia-2025-action-plan.txt").read_text(
    encoding="utf-8"
)
HOME = Place("同心县", "豫海镇", "红星村")


def hh(hid="H1", **fields):
    return Household(id=hid, place=HOME, kind=fields.pop("kind", "一般农户"), **fields)


def reasons(rule, rows, as_of):
    return [(f.subject, f.reason) for f in rule.evaluate(rows, as_of=as_of)]


class TestClauses:
    @pytest.mark.parametrize("task", sorted(CLAUSES))
    def test_clause_is_quoted_verbatim(self, task):
        """Every cited clause and its responsible units are quoted from the plan as written."""
        clause = CLAUSES[task]

        assert clause.text in PLAN
        assert f"{task}.{clause.title}。" in PLAN
        assert f"(责任单位:{clause.responsibility})" in PLAN

    def test_every_default_rule_cites_a_clause(self):
        """Each default rule has a unique id and cites a task with responsible units."""
        ids = [rule.id for rule in DEFAULT_RULES]

        assert len(ids) == len(set(ids))
        assert all(rule.clause.task in CLAUSES and rule.units for rule in DEFAULT_RULES)

    def test_units_carry_the_region_prefix(self):
        """Units listed after 自治区 carry the prefix; bodies that are not regional organs do not."""
        assert "自治区医保局" in CLAUSES[4].units
        assert "农垦集团" in CLAUSES[21].units
        assert "贺兰山东麓葡萄酒产业园区管委会" in CLAUSES[11].units

    def test_rules_never_read_the_clock(self):
        """No rule or engine module asks the system for today's date."""
        modules = ("_rules", "_columnar", "_engine", "_sql", "_arrow", "_read", "_model", "_schema")
        kinds = ("_base", "_findings", "_limits", "households", "assets", "funds", "problems")
        for module in (*modules, *(f"rules.{kind}" for kind in kinds)):
            source = inspect.getsource(__import__(f"xiaojie.ledgers.{module}", fromlist=["_"]))
            assert "today(" not in source
            assert ".now(" not in source


class TestIdentificationTimeLimit:
    rule = IdentificationTimeLimit()

    def test_plan_numbers(self):
        """Clue 06-01: identified 06-16 is on time (不超过15天), 06-17 is late."""
        rows = [
            hh("on_time", clue_on="2025-06-01", identified_on="2025-06-16"),
            hh("late", clue_on="2025-06-01", identified_on="2025-06-17"),
        ]

        assert [("late", "late")] == reasons(self.rule, rows, D(2025, 7, 1))

    def test_pending_past_the_limit(self):
        """An unidentified clue from 06-01 is fine on 06-16 and pending from 06-17."""
        rows = [hh(clue_on="2025-06-01")]

        assert [] == reasons(self.rule, rows, D(2025, 6, 16))
        assert [("H1", "pending")] == reasons(self.rule, rows, D(2025, 6, 17))

    def test_future_identification_counts_as_pending(self):
        """An identification after as_of has not happened yet as of then."""
        rows = [hh(clue_on="2025-06-01", identified_on="2025-06-20")]

        assert [("H1", "pending")] == reasons(self.rule, rows, D(2025, 6, 18))

    def test_fast_track_times_the_first_measure(self):
        """On the fast track a measure within 15 days is on time even if identification comes later."""
        prompt = hh(
            "prompt",
            clue_on="2025-06-01",
            identified_on="2025-07-30",
            fast_track=True,
            measures=[AssistanceMeasure("临时救助" if False else "综合保障", "2025-06-16")],
        )
        slow = hh(
            "slow",
            clue_on="2025-06-01",
            fast_track=True,
            measures=[AssistanceMeasure("综合保障", "2025-06-17")],
        )
        none = hh("none", clue_on="2025-06-01", fast_track=True)

        assert [("none", "pending_measure"), ("slow", "late_measure")] == sorted(
            reasons(self.rule, [prompt, slow, none], D(2025, 8, 1))
        )

    def test_other_limit(self):
        """The limit is a parameter: with 20 days, 16 days is on time."""
        rows = [hh(clue_on="2025-06-01", identified_on="2025-06-17")]

        assert [] == reasons(IdentificationTimeLimit(days=20), rows, D(2025, 8, 1))

    def test_finding_text(self):
        """A late identification says how long it took and cites the limit."""
        (finding,) = self.rule.evaluate(
            [hh(clue_on="2025-06-01", identified_on="2025-06-17")], as_of=D(2025, 8, 1)
        )

        assert "从发现风险线索到识别认定用时16天(2025-06-17识别认定)" == finding.found
        assert "从发现风险线索到完成监测对象识别认定不超过15天" == finding.expected
        assert 4 == finding.task
        assert Severity.VIOLATION == finding.severity

    def test_bad_limit_is_refused(self):
        """The limit is a positive number of days."""
        with pytest.raises(LedgerError, match="days: expected a positive whole number, found 0"):
            IdentificationTimeLimit(days=0)

    @given(dates, st.integers(0, 40), as_of_dates, st.booleans())
    @example(D(2025, 6, 1), 15, D(2025, 7, 1), False)
    @example(D(2025, 6, 1), 16, D(2025, 7, 1), False)
    def test_late_exactly_when_the_span_is_exceeded(self, clue, days, as_of, identified):
        """A finding appears exactly when the 不超过15天 span is broken by as_of."""
        ident = clue + dt.timedelta(days=days) if identified else None
        rows = [hh(clue_on=clue, identified_on=ident)]
        span = Span(amount=15, unit=SpanUnit.DAYS, comparator=Comparator.AT_MOST)
        done = ident is not None and ident <= as_of
        expected = clue <= as_of and (
            (done and not span.satisfied(clue, ident))
            or (not done and not span.satisfied(clue, as_of))
        )

        assert expected == bool(self.rule.evaluate(rows, as_of=as_of))

    @given(household_ledgers(), as_of_dates, st.integers(1, 60))
    def test_pending_stays_until_identified(self, ledger, as_of, later):
        """A household pending at one date is still flagged later (pending or late)."""
        after = as_of + dt.timedelta(days=later)
        pending = {
            f.subject
            for f in self.rule.evaluate(ledger, as_of=as_of)
            if f.reason.startswith("pending")
        }
        flagged_later = {f.subject for f in self.rule.evaluate(ledger, as_of=after)}

        assert pending <= flagged_later


class TestLongUnresolved:
    rule = LongUnresolved()

    def test_plan_numbers(self):
        """Identified 2024-08-01 and not eliminated is "1年以上" on 2025-08-01, not on 07-31."""
        rows = [hh(kind="脱贫户", identified_on="2024-08-01")]

        assert [] == reasons(self.rule, rows, D(2025, 7, 31))
        assert [("H1", "unresolved")] == reasons(self.rule, rows, D(2025, 8, 1))

    def test_leap_day(self):
        """Identified 2024-02-29, a year has passed on 2025-02-28 (the month's end)."""
        rows = [hh(identified_on="2024-02-29")]

        assert [("H1", "unresolved")] == reasons(self.rule, rows, D(2025, 2, 28))
        assert [] == reasons(self.rule, rows, D(2025, 2, 27))

    def test_elimination_before_as_of_clears_it(self):
        """An elimination on or before as_of removes the household; a later one does not."""
        rows = [
            hh(
                identified_on="2024-08-01",
                eliminated_on="2025-09-01",
                elimination_mode="帮扶后消除",
            )
        ]

        assert [("H1", "unresolved")] == reasons(self.rule, rows, D(2025, 8, 15))
        assert [] == reasons(self.rule, rows, D(2025, 9, 1))

    def test_attention_not_violation(self):
        """The plan asks for analysis of these households, so findings call for attention."""
        (finding,) = self.rule.evaluate([hh(identified_on="2024-08-01")], as_of=D(2025, 8, 1))

        assert Severity.ATTENTION == finding.severity
        assert "2024-08-01纳入监测,截至2025-08-01已365天未消除风险" == finding.found

    def test_threshold_is_computed_once(self, monkeypatch):
        """The cut-off day is computed once per evaluation, not once per row."""
        calls = []
        real = household_rules.span_cutoff
        monkeypatch.setattr(household_rules, "span_cutoff", lambda *a: calls.append(a) or real(*a))
        rows = [hh(f"H{i}", identified_on=D(2024, 1, 1) + dt.timedelta(days=i)) for i in range(200)]

        self.rule.evaluate(rows, as_of=D(2025, 8, 1))

        assert 1 == len(calls)

    @given(dates, as_of_dates, st.integers(1, 3))
    @example(D(2024, 2, 29), D(2025, 2, 28), 1)
    @example(D(2024, 8, 1), D(2025, 8, 1), 1)
    def test_agrees_with_the_span_row_by_row(self, identified, as_of, years):
        """The once-computed cut-off gives the same answer as the span applied to each row."""
        span = Span(amount=years, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
        found = bool(
            LongUnresolved(years=years).evaluate([hh(identified_on=identified)], as_of=as_of)
        )

        assert span.satisfied(identified, as_of) == found


class TestSpanCutoff:
    @given(
        dates,
        as_of_dates,
        st.integers(1, 24),
        st.sampled_from([SpanUnit.DAYS, SpanUnit.WEEKS, SpanUnit.MONTHS, SpanUnit.YEARS]),
    )
    def test_cutoff_splits_anchors(self, anchor, as_of, amount, unit):
        """An anchor is on or before the cut-off exactly when the span from it has elapsed."""
        span = Span(amount=amount, unit=unit, comparator=Comparator.AT_LEAST)

        assert span.satisfied(anchor, as_of) == (anchor <= span_cutoff(as_of, span))

    def test_working_days_are_refused(self):
        """A working-day span needs the official calendar, not a cut-off day."""
        span = Span(amount=5, unit=SpanUnit.WORKING_DAYS, comparator=Comparator.AT_LEAST)

        with pytest.raises(LedgerError, match="span cut-off: expected a calendar span"):
            span_cutoff(D(2025, 8, 1), span)


class TestEliminationRules:
    def test_six_months_clamps_to_the_month_end(self):
        """Identified 01-31, six months end on 07-31: eliminating on 07-30 is early, 07-31 is not."""
        early = hh(
            "early",
            identified_on="2025-01-31",
            eliminated_on="2025-07-30",
            elimination_mode="帮扶后消除",
        )
        ok = hh(
            "ok",
            identified_on="2025-01-31",
            eliminated_on="2025-07-31",
            elimination_mode="帮扶后消除",
        )

        assert [("early", "too_early")] == reasons(
            EliminationTooEarly(), [early, ok], D(2025, 8, 1)
        )

    def test_measure_on_the_elimination_day_counts(self):
        """A measure started on the elimination day was in place; one started later was not."""
        same = hh(
            "same",
            identified_on="2025-01-01",
            eliminated_on="2025-08-01",
            elimination_mode="帮扶后消除",
            measures=[AssistanceMeasure("产业帮扶", "2025-08-01")],
        )
        later = hh(
            "later",
            identified_on="2025-01-01",
            eliminated_on="2025-08-01",
            elimination_mode="帮扶后消除",
            measures=[AssistanceMeasure("产业帮扶", "2025-08-02")],
        )

        assert [("later", "no_measure")] == reasons(
            EliminationWithoutMeasure(), [same, later], D(2025, 9, 1)
        )

    def test_income_equal_to_the_line_is_not_above_it(self):
        """超过 excludes the bound: income equal to the monitoring line is a finding."""
        rule = EliminationIncomeNotAboveLine(monitoring_line=8700)
        rows = [
            hh(
                f"H{income}",
                identified_on="2024-01-01",
                eliminated_on="2025-01-01",
                elimination_mode="帮扶后消除",
                income_per_capita=income,
            )
            for income in ("8699.99", "8700", "8700.01")
        ]

        assert ["H8699.99", "H8700"] == [s for s, _ in reasons(rule, rows, D(2025, 8, 1))]

    def test_income_rule_needs_a_line(self):
        """Without a monitoring line the income rule judges nothing."""
        rows = [
            hh(
                identified_on="2024-01-01",
                eliminated_on="2025-01-01",
                elimination_mode="帮扶后消除",
                income_per_capita=1,
            )
        ]

        assert [] == reasons(EliminationIncomeNotAboveLine(), rows, D(2025, 8, 1))

    def test_no_labour_household_is_not_eliminated(self):
        """整户无劳动能力 households are not marked eliminated."""
        rows = [
            hh(
                identified_on="2024-01-01",
                eliminated_on="2025-01-01",
                elimination_mode="帮扶后消除",
                no_labour=True,
            )
        ]

        assert [("H1", "no_labour")] == reasons(EliminationWithoutLabour(), rows, D(2025, 8, 1))

    def test_future_elimination_is_not_judged(self):
        """An elimination after as_of has not happened yet."""
        rows = [
            hh(
                identified_on="2025-07-01",
                eliminated_on="2025-08-01",
                elimination_mode="帮扶后消除",
                no_labour=True,
            )
        ]

        assert [] == reasons(EliminationWithoutLabour(), rows, D(2025, 7, 31))

    @given(dates, st.integers(0, 400), st.integers(1, 12))
    @example(D(2025, 1, 31), 180, 6)
    @example(D(2025, 1, 31), 181, 6)
    def test_too_early_agrees_with_the_span(self, identified, days, months):
        """An elimination is too early exactly when the 半年以上 span has not elapsed."""
        eliminated = identified + dt.timedelta(days=days)
        span = Span(amount=months, unit=SpanUnit.MONTHS, comparator=Comparator.AT_LEAST)
        rows = [
            hh(identified_on=identified, eliminated_on=eliminated, elimination_mode="帮扶后消除")
        ]

        assert (not span.satisfied(identified, eliminated)) == bool(
            EliminationTooEarly(months=months).evaluate(rows, as_of=eliminated)
        )

    @given(household_ledgers())
    def test_eliminations_judged_only_once_eliminated(self, ledger):
        """Elimination rules only ever name households with an elimination date."""
        rules = [
            EliminationTooEarly(),
            EliminationWithoutMeasure(),
            EliminationWithoutLabour(),
            EliminationIncomeNotAboveLine(monitoring_line=8700),
        ]
        eliminated = {h.id for h in ledger if h.eliminated_on}
        found = check(ledger, as_of=D(2026, 3, 31), rules=rules)

        assert {f.subject for f in found} <= eliminated


def asset(aid, state="闲置", value=100, revitalised_on=None, **fields):
    return Asset(
        id=aid,
        asset_class="经营性",
        value=value,
        funding_year=fields.pop("funding_year", 2021),
        state=state,
        revitalised_on=revitalised_on,
        place=Place("同心县", "豫海镇"),
        **fields,
    )


class TestRevitalisationRate:
    def test_eighty_percent_is_enough(self):
        """80%以上 includes 80%: 4 of 5 revitalised is no finding, 3 of 4 is."""
        enough = [asset(f"A{i}", "已盘活", revitalised_on="2025-07-31") for i in range(4)] + [
            asset("A9")
        ]
        short = [asset(f"B{i}", "已盘活", revitalised_on="2025-07-01") for i in range(3)] + [
            asset("B9")
        ]

        assert [] == RevitalisationRate().evaluate(enough, as_of=D(2025, 8, 1))
        assert ["同心县"] == [
            f.subject for f in RevitalisationRate().evaluate(short, as_of=D(2025, 8, 1))
        ]

    def test_not_judged_before_the_due_day(self):
        """On 07-31 the target is not due yet."""
        assert [] == RevitalisationRate().evaluate([asset("A")], as_of=D(2025, 7, 31))

    def test_revitalised_after_the_due_day_does_not_count(self):
        """An asset revitalised in August counts as needing it but not as revitalised by July."""
        rows = [asset("A", "已盘活", revitalised_on="2025-08-01")] + [
            asset(f"B{i}", "已盘活") for i in range(3)
        ]
        (finding,) = RevitalisationRate().evaluate(rows, as_of=D(2025, 9, 1))

        assert finding.found.startswith("年度盘活利用率75.0%")
        assert Severity.SOFT_TARGET == finding.severity

    def test_bases_differ(self):
        """Counting assets and weighing them by value can disagree; the mean sits between."""
        rows = [asset("big", "已盘活", value=900), asset("s1", value=50), asset("s2", value=50)]
        as_of = D(2025, 8, 1)

        assert 1 == len(RevitalisationRate(by="count").evaluate(rows, as_of=as_of))
        assert 0 == len(RevitalisationRate(by="value").evaluate(rows, as_of=as_of))
        assert 0 == len(
            RevitalisationRate(by="mean_of_both", target=Fraction(3, 5)).evaluate(rows, as_of=as_of)
        )

    def test_bad_basis_is_refused(self):
        """The basis is count, value or mean_of_both."""
        with pytest.raises(
            LedgerError, match="by: expected 'count', 'value' or 'mean_of_both', found 'area'"
        ):
            RevitalisationRate(by="area")

    def test_level_groups_places(self):
        """The rate is judged per place at the chosen level."""
        rows = [
            asset("A"),
            Asset(
                id="B",
                asset_class="公益性",
                value=1,
                funding_year=2021,
                state="已盘活",
                place=Place("同心县", "丁塘镇"),
            ),
        ]

        assert 1 == len(RevitalisationRate(level="county").evaluate(rows, as_of=D(2025, 8, 1)))
        assert ["同心县/豫海镇"] == [
            f.subject
            for f in RevitalisationRate(level="township").evaluate(rows, as_of=D(2025, 8, 1))
        ]

    @given(asset_ledgers(), st.sampled_from(["count", "value", "mean_of_both"]))
    def test_finding_exactly_when_rate_is_below_target(self, ledger, by):
        """A county is named exactly when its exact rate is below 80%."""
        rule = RevitalisationRate(by=by)
        named = {f.subject for f in rule.evaluate(ledger, as_of=D(2025, 8, 1))}
        expected = {
            str(Place(*t.place))
            for t in rule.tallies(ledger)
            if t.count and rule.rate(t) < Fraction(4, 5)
        }

        assert expected == named


class TestRegistrationAndWriteOff:
    def test_registration_due_end_of_september(self):
        """Registered on 09-30 is on time, on 10-01 late, never is missing (as of 10-02)."""
        rows = [
            asset("on_time", registered_on="2025-09-30", handed_over_on="2025-09-30"),
            asset("late", registered_on="2025-10-01", handed_over_on="2025-09-01"),
            asset("missing", handed_over_on="2025-09-01"),
        ]

        assert [("late", "registration_late"), ("missing", "registration_missing")] == sorted(
            reasons(RegistrationAndHandover(), rows, D(2025, 10, 2))
        )

    def test_disposed_assets_are_not_eligible(self):
        """Disposed or scrapped assets need no registration."""
        rows = [asset("gone", state="已处置"), asset("scrap", scrapped=True)]

        assert [] == reasons(RegistrationAndHandover(), rows, D(2025, 10, 2))

    def test_owner_is_the_keeper(self):
        """A finding names the asset's keeper as its owner."""
        (finding, _) = RegistrationAndHandover().evaluate(
            [asset("A", responsible_unit="红星村委会")], as_of=D(2025, 10, 2)
        )

        assert "红星村委会" == finding.owner

    def test_write_off_due_end_of_october(self):
        """A scrapped asset written off on 10-31 is on time; on 11-01 late; never, missing."""
        rows = [
            asset("on_time", state="已处置", scrapped=True, written_off_on="2025-10-31"),
            asset("late", state="已处置", scrapped=True, written_off_on="2025-11-01"),
            asset("missing", state="已处置", scrapped=True),
        ]

        assert [] == reasons(ScrappedWriteOff(), rows, D(2025, 10, 31))
        assert [("late", "write_off_late"), ("missing", "write_off_missing")] == sorted(
            reasons(ScrappedWriteOff(), rows, D(2025, 11, 2))
        )

    @given(asset_ledgers(), as_of_dates)
    def test_only_after_the_due_day(self, ledger, as_of):
        """Nothing is found on or before the due days, whatever the ledger."""
        early = min(as_of, D(2025, 9, 30))

        assert [] == RegistrationAndHandover().evaluate(ledger, as_of=early)
        assert [] == ScrappedWriteOff().evaluate(ledger, as_of=min(as_of, D(2025, 10, 31)))


def fund(day, allocated, spent, industry=0, *, retention=0, county="同心县"):
    return FundRecord(
        county=county,
        reported_on=day,
        allocated=allocated,
        spent=spent,
        industry=industry,
        retention=retention,
    )


class TestSpendingProgress:
    rule = SpendingProgress()

    def test_plan_numbers(self):
        """60% on 07-31 reaches the target (达到 includes it); 59.99% does not."""
        ok = [fund("2025-07-31", 100, 60)]
        short = [fund("2025-07-31", 100, "59.99")]

        assert [] == reasons(self.rule, ok, D(2025, 8, 1))
        assert [("同心县", "behind_2025-07-31")] == reasons(self.rule, short, D(2025, 8, 1))

    def test_latest_record_by_the_due_day(self):
        """The latest report on or before the due day is judged; later reports are not."""
        rows = [
            fund("2025-07-20", 100, 50),
            fund("2025-07-31", 100, 61),
            fund("2025-08-05", 100, 70),
        ]

        assert [] == reasons(self.rule, rows, D(2025, 8, 10))
        assert [("同心县", "behind_2025-07-31")] == reasons(
            self.rule, rows[:1] + rows[2:], D(2025, 8, 10)
        )

    def test_no_report_is_a_finding(self):
        """A county with no report by the due day is named."""
        assert [("同心县", "no_report")] == reasons(
            self.rule, [fund("2025-08-05", 100, 70)], D(2025, 8, 10)
        )

    def test_year_end_excludes_retention(self):
        """The 12月底 execution rate leaves 项目质保金 out of the base."""
        rule = SpendingProgress(milestones=[SpendingProgress().milestones[-1]])

        assert [] == reasons(rule, [fund("2025-12-31", 100, 95, retention=5)], D(2026, 1, 1))
        assert [("同心县", "behind_2025-12-31")] == reasons(
            rule, [fund("2025-12-31", 100, 95)], D(2026, 1, 1)
        )

    def test_other_milestones(self):
        """Milestones are parameters."""
        rule = SpendingProgress(milestones=[SpendingMilestone(D(2025, 9, 30), "0.75")])

        assert [("同心县", "behind_2025-09-30")] == reasons(
            rule, [fund("2025-09-30", 100, 74)], D(2025, 10, 1)
        )

    @given(st.lists(fund_records(), max_size=8), as_of_dates)
    def test_agrees_with_a_fraction_oracle(self, records, as_of):
        """Every county behind a passed milestone is named, and no other."""
        expected = set()
        for county in {r.county for r in records}:
            mine = [r for r in records if r.county == county]
            for m in self.rule.milestones:
                if as_of <= m.due:
                    continue
                before = [r for r in mine if r.reported_on <= m.due]
                if not before:
                    expected.add((county, "no_report"))
                    continue
                latest = max(before, key=lambda r: r.reported_on)
                base = latest.allocated - (latest.retention if m.excluding_retention else 0)
                if base > 0 and Fraction(latest.spent) / Fraction(base) < m.share:
                    expected.add((county, f"behind_{m.due}"))

        assert expected == set(reasons(self.rule, records, as_of))


class TestIndustryShare:
    def test_sixty_percent_is_not_above_sixty(self):
        """高于 excludes the bound: exactly 60% is a finding, 60.01% is not."""
        assert [("同心县", "not_above")] == reasons(
            IndustryShare(), [fund("2025-07-31", 100, 100, 60)], D(2025, 8, 1)
        )
        assert [] == reasons(
            IndustryShare(), [fund("2025-07-31", 10000, 10000, 6001)], D(2025, 8, 1)
        )

    def test_basis_allocated(self):
        """On the allocation basis, industry spending is divided by the allocation."""
        rows = [fund("2025-07-31", 200, 100, 70)]

        assert [] == reasons(IndustryShare(), rows, D(2025, 8, 1))
        assert [("同心县", "not_above")] == reasons(
            IndustryShare(basis="allocated"), rows, D(2025, 8, 1)
        )

    def test_nothing_spent_is_not_judged(self):
        """A county that has spent nothing has no share yet."""
        assert [] == reasons(IndustryShare(), [fund("2025-07-31", 100, 0)], D(2025, 8, 1))

    @given(st.integers(1, 1000), st.data())
    def test_strictly_greater(self, spent, data):
        """A county is named exactly when industry / spent is at most 60%."""
        industry = data.draw(st.integers(0, spent))

        assert (Fraction(industry, spent) <= Fraction(3, 5)) == bool(
            IndustryShare().evaluate(
                [fund("2025-07-31", spent, spent, industry)], as_of=D(2025, 8, 1)
            )
        )


class TestRectificationDeadline:
    rule = RectificationDeadline()

    def _problem(self, **fields):
        return Problem(
            id="P1",
            source="巡视巡查",
            description="问题",
            measures=("措施",),
            unit="同心县民政局",
            deadline=D(2025, 9, 10),
            **fields,
        )

    def test_accepted_on_the_deadline_is_on_time(self):
        """Accepted on the deadline day is on time; the day after is late."""
        on_time = self._problem(state="已验收", accepted_on="2025-09-10")
        late = self._problem(state="已验收", accepted_on="2025-09-11")

        assert [] == reasons(self.rule, [on_time], D(2025, 10, 1))
        assert [("P1", "late")] == reasons(self.rule, [late], D(2025, 10, 1))

    def test_overdue_from_the_next_day(self):
        """Not accepted: not overdue on the deadline, overdue the day after."""
        rows = [self._problem(state="整改中")]

        assert [] == reasons(self.rule, rows, D(2025, 9, 10))
        assert [("P1", "overdue")] == reasons(self.rule, rows, D(2025, 9, 11))

    def test_owner_is_the_responsible_unit(self):
        """Findings aggregate by the problem's responsible unit."""
        found = check([self._problem(state="整改中")], as_of=D(2025, 9, 11))

        assert {"同心县民政局": {"problem_rectification_deadline": 1}} == found.by_owner()

    @given(problems(), as_of_dates, st.integers(1, 90))
    def test_overdue_stays_overdue(self, problem, as_of, later):
        """A problem overdue at a date is still overdue later unless accepted in between."""
        after = as_of + dt.timedelta(days=later)
        overdue_now = ("P1", "overdue") in reasons(self.rule, [problem], as_of)
        overdue_then = ("P1", "overdue") in reasons(self.rule, [problem], after)
        accepted_between = problem.accepted_on is not None and as_of < problem.accepted_on <= after

        assert not overdue_now or overdue_then or accepted_between


class TestFindings:
    def test_aggregates(self):
        """Findings count by rule, by place at each level, by plan unit and by owner."""
        rows = [
            hh("a", clue_on="2025-06-01", identified_on="2025-06-17"),
            Household(
                id="b",
                kind="一般农户",
                place=Place("同心县", "丁塘镇", "新华村"),
                clue_on="2025-06-01",
            ),
        ]
        found = check(rows, as_of=D(2025, 8, 1))

        assert 2 == found.by_rule()["identification_time_limit"]
        assert {("同心县",): {"identification_time_limit": 2}} == found.by_place("county")
        assert 2 == len(found.by_place("village"))
        assert {"identification_time_limit": 2} == found.by_unit()["自治区农业农村厅"]
        assert {} == found.by_owner()
        assert 1 == len(found.where(place=Place("同心县", "丁塘镇")))

    def test_summary_table(self):
        """The summary lists each place with counts per rule and a total."""
        found = check(
            [hh(clue_on="2025-06-01")], as_of=D(2025, 8, 1), rules=[IdentificationTimeLimit()]
        )
        text = found.summary("township")

        assert "同心县/豫海镇" in text
        assert text.splitlines()[-1].split() == ["total", "1", "1"]

    def test_as_of_must_be_a_date(self):
        """A datetime as_of is refused."""
        with pytest.raises(DateValueError, match="as_of: expected a date, found a datetime"):
            check([], as_of=dt.datetime(2025, 8, 1))

    def test_rows_must_be_ledger_objects(self):
        """Plain dictionaries are not ledger rows."""
        with pytest.raises(LedgerError, match="check: expected ledger rows"):
            check([{"id": "H1"}], as_of=D(2025, 8, 1))

    def test_rules_for_each_ledger(self):
        """Every ledger has its rules; together they are the defaults."""
        together = sum((rules_for(k) for k in ("households", "assets", "funds", "problems")), ())

        assert set(DEFAULT_RULES) == set(together)

    @given(household_ledgers(), as_of_dates)
    def test_deterministic(self, ledger, as_of):
        """The same ledger and date always give the same findings."""
        assert check(ledger, as_of=as_of) == check(list(reversed(ledger)), as_of=as_of)

    def test_money_line_is_parsed(self):
        """A monitoring line given as text or number is kept in yuan."""
        assert (
            decimal.Decimal("8700.00")
            == EliminationIncomeNotAboveLine(monitoring_line="8700").monitoring_line
        )
