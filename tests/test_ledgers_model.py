"""Tests for the typed ledger rows: validation on construction and lifecycle changes."""

import datetime as dt
import decimal

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from ledger_strategies import dates, households
from xiaojie.errors import LedgerError, XiaojieError
from xiaojie.ledgers import (
    Asset,
    AssetState,
    AssistanceMeasure,
    EliminationMode,
    FundRecord,
    Household,
    HouseholdKind,
    LedgerValueError,
    LifecycleError,
    MeasureKind,
    Member,
    MonitoringCategory,
    Place,
    Problem,
    ProblemSource,
    ProblemState,
    RiskType,
)


D = dt.date


def household(**changes):
    base = {"id": "6403240001", "kind": HouseholdKind.ORDINARY}
    return Household(**{**base, **changes})


class TestHousehold:
    def test_strings_convert_to_enums_and_dates(self):
        """Ledger words and ISO strings become enum members and dates on construction."""
        h = household(kind="普通农户", clue_on="2025-06-01", risks=["因病", "因灾", "因病"])

        assert HouseholdKind.ORDINARY == h.kind
        assert D(2025, 6, 1) == h.clue_on
        assert (RiskType.ILLNESS, RiskType.NATURAL_DISASTER) == h.risks

    def test_unknown_kind_names_the_household(self):
        """An unknown household type is refused with the id, field, expectation and value."""
        with pytest.raises(
            LedgerValueError,
            match=r"household '6403240001': kind: expected 脱贫户 or 一般农户, found '贫困户'",
        ):
            household(kind="贫困户")

    def test_errors_are_ledger_errors_and_value_errors(self):
        """Validation errors derive from LedgerError, XiaojieError and ValueError."""
        with pytest.raises(LedgerError, match="size: expected 1-99 people, found 0") as info:
            household(size=0)

        assert isinstance(info.value, XiaojieError)
        assert isinstance(info.value, ValueError)

    def test_datetime_is_refused(self):
        """A datetime is not a date, even though it is a subclass of one."""
        with pytest.raises(
            LedgerValueError,
            match=r"clue_on: expected a date between 1980 and 2100 or None, found a datetime",
        ):
            household(clue_on=dt.datetime(2025, 6, 1))

    def test_impossible_year_is_refused(self):
        """Dates outside 1900-2100 are impossible in a ledger."""
        with pytest.raises(LedgerValueError, match=r"identified_on: .*found 1899-12-31"):
            household(identified_on=D(1899, 12, 31))

    def test_elimination_before_identification_is_refused(self):
        """A risk cannot be eliminated before the household was identified."""
        with pytest.raises(
            LedgerValueError,
            match="eliminated_on: expected an elimination on or after the identification 2025-03-01, found 2025-01-01",
        ):
            household(
                identified_on="2025-03-01",
                eliminated_on="2025-01-01",
                elimination_mode="帮扶后消除",
            )

    def test_elimination_without_identification_is_refused(self):
        """A risk cannot be eliminated for a household never identified."""
        with pytest.raises(
            LedgerValueError,
            match="eliminated_on: expected an elimination only after an identification",
        ):
            household(eliminated_on="2025-01-01")

    def test_identification_before_clue_is_refused(self):
        """A household cannot be identified before its risk clue was found."""
        with pytest.raises(
            LedgerValueError,
            match="identified_on: expected an identification on or after the risk clue 2025-06-05",
        ):
            household(clue_on="2025-06-05", identified_on="2025-06-01")

    def test_category_must_fit_the_household_type(self):
        """Only a 脱贫户 can be 脱贫不稳定户, only a 一般农户 can be 边缘易致贫户."""
        with pytest.raises(LedgerValueError, match="脱贫不稳定户 only for a 脱贫户"):
            household(monitoring_category="脱贫不稳定户", identified_on="2025-01-01")
        with pytest.raises(LedgerValueError, match="边缘易致贫户 only for a 一般农户"):
            household(kind="脱贫户", monitoring_category="边缘易致贫户")

    def test_mode_needs_an_elimination_date(self):
        """A 风险消除方式 without a 风险消除时间 is a contradiction."""
        with pytest.raises(
            LedgerValueError,
            match="elimination_mode: expected a 风险消除方式 only with a 风险消除时间",
        ):
            household(elimination_mode="风险自然消失")

    def test_id_must_not_contain_spaces(self):
        """A household id is a single token."""
        with pytest.raises(LedgerValueError, match="id: expected a text without spaces"):
            household(id="6403 0001")

    def test_money_is_rounded_to_the_fen(self):
        """Income is kept in yuan rounded to the fen, halves away from zero."""
        assert (
            decimal.Decimal("8523.51") == household(income_per_capita="8523.505").income_per_capita
        )

    def test_members_are_personal_data(self):
        """A member's repr masks the name, identity number and phone."""
        h = household(
            members=[Member(name="马建国", id_number="11010519491231002X", phone="10012345678")]
        )

        assert "马建国" not in repr(h)
        assert "11010519491231002X" not in repr(h)
        assert "马**" in repr(h)
        assert h.head is not None

    def test_first_measure_respects_until(self):
        """The first measure on or before a day ignores later ones."""
        h = household(
            measures=[
                AssistanceMeasure("就业帮扶", "2025-07-01"),
                AssistanceMeasure("产业帮扶", "2025-06-05"),
            ]
        )

        assert D(2025, 6, 5) == h.first_measure_on()
        assert h.first_measure_on(until=D(2025, 6, 4)) is None


class TestHouseholdLifecycle:
    def test_full_lifecycle(self):
        """A clue, identification, measure and elimination give a consistent household."""
        h = household().record_clue(D(2025, 6, 1), channel="干部排查")
        h = h.identify(D(2025, 6, 10), category="边缘易致贫户").add_measure(
            "产业帮扶", D(2025, 6, 12)
        )
        h = h.eliminate(D(2025, 12, 20), mode="帮扶后消除")

        assert h.is_monitored
        assert h.is_eliminated
        assert EliminationMode.ASSISTED == h.elimination_mode

    def test_identify_twice_is_refused(self):
        """A household is identified once."""
        with pytest.raises(
            LifecycleError,
            match="identified_on: expected a household not yet identified, found 2025-06-10",
        ):
            household(identified_on="2025-06-10").identify(D(2025, 6, 11))

    def test_eliminate_before_identify_is_refused(self):
        """Elimination needs an identification first."""
        with pytest.raises(
            LifecycleError,
            match="household '6403240001': eliminated_on: expected an elimination only after an identification",
        ):
            household().eliminate(D(2025, 6, 11), mode="帮扶后消除")

    def test_unknown_measure_kind_is_refused(self):
        """A measure must be one of the 帮扶措施 kinds."""
        with pytest.raises(
            LifecycleError,
            match=r"measures.kind: expected one of the 帮扶措施 kinds, found '送温暖'",
        ):
            household().add_measure("送温暖", D(2025, 6, 11))

    def test_lifecycle_returns_new_objects(self):
        """Lifecycle methods leave the original household unchanged."""
        h = household()
        h.record_clue(D(2025, 6, 1))

        assert h.clue_on is None


class TestAsset:
    def test_write_off_needs_scrapping(self):
        """Only a scrapped asset can be written off."""
        with pytest.raises(
            LedgerValueError, match="written_off_on: expected a write-off only for a scrapped asset"
        ):
            Asset(
                id="A",
                asset_class="经营性",
                value=1,
                funding_year=2020,
                written_off_on="2025-10-01",
            )

    def test_dates_not_before_the_funding_year(self):
        """An asset is not registered before the year it was formed."""
        with pytest.raises(
            LedgerValueError,
            match="registered_on: expected a date in or after the funding year 2024",
        ):
            Asset(
                id="A", asset_class="经营性", value=1, funding_year=2024, registered_on="2023-12-31"
            )

    def test_negative_value_is_refused(self):
        """An asset's original value is not negative."""
        with pytest.raises(
            LedgerValueError, match=r"value: expected an amount of at least 0 yuan, found -1\.00"
        ):
            Asset(id="A", asset_class="经营性", value=-1, funding_year=2024)

    def test_revitalise_only_idle_assets(self):
        """Revitalisation applies to idle or inefficient assets."""
        a = Asset(id="A", asset_class="经营性", value=1, funding_year=2020)

        with pytest.raises(
            LifecycleError, match="state: expected an idle or inefficient asset, found 在用"
        ):
            a.revitalise(D(2025, 7, 1))
        assert (
            AssetState.REVITALISED
            == a.report_idle(inefficient=True).revitalise(D(2025, 7, 1)).state
        )

    def test_scrap_then_write_off(self):
        """A scrapped asset is disposed and can be written off once."""
        a = (
            Asset(id="A", asset_class="到户类", value=1, funding_year=2019)
            .scrap()
            .write_off(D(2025, 10, 1))
        )

        assert AssetState.DISPOSED == a.state
        with pytest.raises(LifecycleError, match="written_off_on: expected no write-off yet"):
            a.write_off(D(2025, 10, 2))


class TestFundRecord:
    def test_spent_at_most_allocated(self):
        """Spending above the allocation is impossible."""
        with pytest.raises(
            LedgerValueError,
            match=r"fund record '同心县@2025-07-31': spent: expected at most the allocated 10.00, found 11.00",
        ):
            FundRecord(county="同心县", reported_on="2025-07-31", allocated=10, spent=11)

    def test_industry_at_most_spent(self):
        """Industry spending is part of all spending."""
        with pytest.raises(LedgerValueError, match=r"industry: expected at most the spent 5\.00"):
            FundRecord(county="同心县", reported_on="2025-07-31", allocated=10, spent=5, industry=6)

    def test_allocation_must_be_positive(self):
        """A record with nothing allocated has no progress to measure."""
        with pytest.raises(LedgerValueError, match="allocated: expected more than 0 yuan"):
            FundRecord(county="同心县", reported_on="2025-07-31", allocated=0, spent=0)


def problem(**changes):
    base = {
        "id": "WT-01",
        "source": ProblemSource.NATIONAL_ASSESSMENT,
        "description": "监测识别不及时",
        "measures": ("逐户排查",),
        "unit": "同心县农业农村局",
        "deadline": D(2025, 9, 10),
    }
    return Problem(**{**base, **changes})


class TestProblem:
    def test_close_without_acceptance_is_refused(self):
        """A problem is closed (销号) only after acceptance (验收)."""
        with pytest.raises(
            LifecycleError,
            match="problem 'WT-01': state: expected 已验收 before 已销号, found 整改中",
        ):
            problem().start_rectifying(D(2025, 6, 20)).close(D(2025, 7, 1))

    def test_closed_state_needs_dates(self):
        """A ledger row that says 已销号 must carry the acceptance date."""
        with pytest.raises(
            LedgerValueError, match="accepted_on: expected an acceptance date for a 已销号 problem"
        ):
            problem(state="已销号", closed_on="2025-09-01")

    def test_rectifying_needs_a_measure(self):
        """Rectification starts only with at least one measure."""
        with pytest.raises(
            LifecycleError, match="measures: expected at least one 整改措施 before rectification"
        ):
            problem(measures=()).start_rectifying(D(2025, 6, 20))

    def test_steps_cannot_go_back_in_time(self):
        """Each step is on or after the previous one."""
        with pytest.raises(
            LifecycleError, match="on: expected a day on or after 2025-08-01, found 2025-07-31"
        ):
            problem().start_rectifying(D(2025, 6, 20)).accept(D(2025, 8, 1)).close(D(2025, 7, 31))

    def test_follow_up_review_reopens(self):
        """A follow-up review (回头看) sends a closed problem back with a new deadline."""
        p = problem().start_rectifying(D(2025, 6, 20)).accept(D(2025, 8, 1)).close(D(2025, 8, 5))
        again = p.reopen(D(2025, 10, 20), deadline=D(2025, 11, 30))

        assert ProblemState.RECTIFYING == again.state
        assert 1 == again.reopened
        assert again.accepted_on is None
        assert D(2025, 11, 30) == again.deadline

    def test_reopen_an_open_problem_is_refused(self):
        """Only accepted or closed problems are reviewed again."""
        with pytest.raises(
            LifecycleError, match="state: expected 已验收 or 已销号 before 回头看, found 待整改"
        ):
            problem().reopen(D(2025, 10, 20), deadline=D(2025, 11, 30))


class HouseholdMachine(RuleBasedStateMachine):
    """Any sequence of lifecycle calls leaves a household that passes its own validation."""

    def __init__(self):
        super().__init__()
        self.h = household()
        self.refused = 0

    def _try(self, change):
        before = self.h
        message = None
        try:
            self.h = change(self.h)
        except LifecycleError as err:
            message = str(err)
        if message is not None:
            assert "6403240001" in message
            assert self.h is before
            self.refused += 1

    @rule(on=dates, channel=st.sampled_from(["农户自主申报", "干部排查", "部门筛查预警"]))
    def record_clue(self, on, channel):
        self._try(lambda h: h.record_clue(on, channel=channel))

    @rule(on=dates, category=st.sampled_from(MonitoringCategory), fast=st.booleans())
    def identify(self, on, category, fast):
        self._try(lambda h: h.identify(on, category=category, fast_track=fast))

    @rule(kind=st.sampled_from(MeasureKind), start=dates)
    def add_measure(self, kind, start):
        self._try(lambda h: h.add_measure(kind, start))

    @rule(on=dates, mode=st.sampled_from(EliminationMode))
    def eliminate(self, on, mode):
        self._try(lambda h: h.eliminate(on, mode=mode))

    @invariant()
    def still_valid(self):
        """Rebuilding the household from its fields raises nothing."""
        assert attrs.evolve(self.h) == self.h

    @invariant()
    def dates_in_order(self):
        """Clue, identification and elimination are in order whenever present."""
        h = self.h
        if h.clue_on and h.identified_on:
            assert h.clue_on <= h.identified_on
        if h.eliminated_on:
            assert h.identified_on is not None
            assert h.identified_on <= h.eliminated_on


TestHouseholdMachine = HouseholdMachine.TestCase
TestHouseholdMachine.settings = settings(settings.default, stateful_step_count=12)


class ProblemMachine(RuleBasedStateMachine):
    """Any sequence of rectification steps leaves a problem consistent with its history."""

    def __init__(self):
        super().__init__()
        self.p = problem(measures=(), found_on=D(2025, 6, 1))
        self.day = D(2025, 6, 1)

    def _try(self, change):
        before = self.p
        message = None
        try:
            self.p = change(self.p)
        except LifecycleError as err:
            message = str(err)
        if message is not None:
            assert "WT-01" in message
            assert self.p is before

    @rule(text=st.sampled_from(["逐户排查", "补齐台账", ""]))
    def add_measure(self, text):
        self._try(lambda p: p.add_measure(text))

    @rule(days=st.integers(-5, 30))
    def start(self, days):
        self._try(lambda p: p.start_rectifying(self.day + dt.timedelta(days=days)))

    @rule(days=st.integers(-5, 30))
    def accept(self, days):
        self._try(lambda p: p.accept(self.day + dt.timedelta(days=days)))

    @rule(days=st.integers(-5, 30))
    def close(self, days):
        self._try(lambda p: p.close(self.day + dt.timedelta(days=days)))

    @rule(days=st.integers(-5, 30), extra=st.integers(-3, 60))
    def reopen(self, days, extra):
        on = self.day + dt.timedelta(days=days)
        self._try(lambda p: p.reopen(on, deadline=on + dt.timedelta(days=extra)))

    @rule(days=st.integers(0, 20))
    def time_passes(self, days):
        self.day += dt.timedelta(days=days)

    @invariant()
    def consistent(self):
        """The state agrees with the dates and with the last step of the history."""
        p = self.p
        assert attrs.evolve(p) == p
        if p.state is ProblemState.CLOSED:
            assert p.accepted_on is not None
            assert p.closed_on is not None
            assert p.accepted_on <= p.closed_on
        if p.history:
            assert p.history[-1].state is p.state
        days = [t.on for t in p.history]
        assert days == sorted(days)

    @precondition(lambda self: self.p.state is ProblemState.CLOSED)
    @invariant()
    def closed_was_accepted(self):
        """Every closing step follows an acceptance step."""
        states = [t.state for t in self.p.history]
        assert ProblemState.ACCEPTED in states[: states.index(ProblemState.CLOSED)]


TestProblemMachine = ProblemMachine.TestCase
TestProblemMachine.settings = settings(settings.default, stateful_step_count=12)


class TestPlace:
    def test_key_levels(self):
        """A place key stops at the asked level."""
        p = Place("同心县", "豫海镇", "红星村")

        assert ("同心县",) == p.key("county")
        assert ("同心县", "豫海镇", "红星村") == p.key("village")

    def test_unknown_level_is_refused(self):
        """Only county, township and village are levels."""
        with pytest.raises(
            LedgerError,
            match="place level: expected one of county, township, village, found 'province'",
        ):
            Place().key("province")


class TestGeneratedHouseholds:
    def test_strategy_builds_valid_households(self):
        """The test strategy only builds households that validate."""
        from hypothesis import given

        @given(households("H1"))
        def inner(h):
            assert attrs.evolve(h) == h

        inner()
