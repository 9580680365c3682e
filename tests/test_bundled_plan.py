"""The bundled plan agrees with its source text: campaigns, tasks, units, dates and targets."""

import datetime as dt
import re

import pytest

import xiaojie as xj
from xiaojie.io import bundled_source_text
from xiaojie.model import Role, split_unit_list


TEXT = bundled_source_text()
PLAN = xj.load_plan()
NUMERALS = "一二三四五六七八九十"


def _tasks_from_text() -> list[tuple[int, int, str, str]]:
    """Read (number, campaign, title, units list) for every task straight from the text."""
    found = []
    campaign = 0
    for line in TEXT.splitlines():
        heading = re.match(r"^\(([一二三四五六七八])\)实施", line)
        if heading:
            campaign = NUMERALS.index(heading.group(1)) + 1
            continue
        task = re.match(r"^(\d+)\.([^。]+)。.*\(责任单位:([^()]+)\)$", line)
        if task and campaign:
            found.append((int(task.group(1)), campaign, task.group(2), task.group(3)))
    return found


TEXT_TASKS = _tasks_from_text()


class TestCampaigns:
    def test_eight_campaigns_in_document_order(self):
        """The plan has the eight 攻坚行动 of the text, numbered and named as written."""
        expected = re.findall(r"^\([一二三四五六七八]\)(实施.+?攻坚行动)$", TEXT, re.MULTILINE)

        assert len(expected) == 8
        assert expected == [c.name for c in PLAN.campaigns]
        assert [1, 2, 3, 4, 5, 6, 7, 8] == [c.number for c in PLAN.campaigns]

    def test_task_numbers_run_across_campaigns(self):
        """Task numbering does not restart: campaign 7 holds tasks 20-22."""
        assert [20, 21, 22] == [t.number for t in PLAN.tasks_of(7)]


class TestTasks:
    def test_text_has_twenty_five_tasks(self):
        """The source text itself lists 25 tasks, so the comparison below covers them all."""
        assert list(range(1, 26)) == [n for n, *_ in TEXT_TASKS]

    @pytest.mark.parametrize(("number", "campaign", "title", "units_text"), TEXT_TASKS)
    def test_task_matches_text(self, number, campaign, title, units_text):
        """Each task's campaign, title and units (in document order, lead first) match the text."""
        task = PLAN.task(number)
        expected_units = [PLAN.units.resolve(name).id for name in split_unit_list(units_text)]

        assert campaign == task.campaign
        assert title == task.title
        assert expected_units == [u.id for u in task.units]
        assert expected_units[0] == task.lead.id
        assert units_text == task.units_text
        assert task.text.startswith(f"{title}。")
        assert task.text in TEXT

    def test_roles_lead_then_co_responsible(self):
        """The first listed unit leads; every later one is co-responsible."""
        for task in PLAN.tasks:
            roles = [r.role for r in task.responsibilities]

            assert Role.LEAD == roles[0]
            assert all(role is Role.CO_RESPONSIBLE for role in roles[1:])

    def test_specific_leads(self):
        """Spot checks written from the text: tasks 4, 18, 19 and 22."""
        assert "自治区农业农村厅" == PLAN.task(4).lead.name
        assert "自治区党委组织部" == PLAN.task(18).lead.name
        assert "自治区党委农村工作领导小组办公室" == PLAN.task(18).units[1].name
        assert "自治区党委统一战线工作部" == PLAN.task(19).units[3].name
        assert "自治区党委农村工作领导小组相关成员单位" == PLAN.task(22).lead.name
        assert "自治区国有资产监督管理委员会" == PLAN.task(22).units[1].name

    def test_unknown_task_number(self):
        """Asking for a task the plan does not have names the known numbers."""
        with pytest.raises(xj.UnknownItemError, match=r"unknown task 26; known: 1, 2"):
            PLAN.task(26)


class TestAliases:
    def test_every_name_in_the_text_resolves(self):
        """Every unit name in every responsibility list of the text resolves to a plan unit."""
        names = [n for *_, units in TEXT_TASKS for n in split_unit_list(units)]
        raw = [n for *_, units in TEXT_TASKS for n in re.split(r"[、,]", units)]

        assert len(names) == len(raw)
        for name in [*names, *raw]:
            assert name in PLAN.units

    def test_prose_names_resolve(self):
        """Names the text uses outside the lists (自治区党委农办, 自治区党委和政府's parts) resolve."""
        assert "自治区党委农办" in TEXT
        assert "rural_work_office" == PLAN.units.resolve("自治区党委农办").id
        assert "party_committee" == PLAN.units.resolve("自治区党委").id

    def test_healthcare_security_written_three_ways(self):
        """医保局, 医疗保障局 and 自治区医疗保障局 are one unit."""
        assert "医疗保障局" in TEXT
        assert "医保局" in TEXT
        ids = {PLAN.units.resolve(n).id for n in ("医保局", "医疗保障局", "自治区医疗保障局")}

        assert {"healthcare_security"} == ids

    def test_rural_work_office_is_not_agriculture_department(self):
        """农办 (the party committee's rural work office) is not 农业农村厅."""
        assert PLAN.units.resolve("农办") != PLAN.units.resolve("农业农村厅")

    def test_prefix_carries_but_not_to_bank_enterprise_or_park(self):
        """自治区 carries over a list, but not to the bank branch, 农垦集团 or the wine park."""
        names = split_unit_list(
            "自治区农业农村厅、人民银行宁夏区分行、农垦集团、贺兰山东麓葡萄酒产业园区管委会、供销社"
        )

        assert (
            "自治区农业农村厅",
            "人民银行宁夏区分行",
            "农垦集团",
            "贺兰山东麓葡萄酒产业园区管委会",
            "自治区供销社",
        ) == names

    def test_groups_are_groups(self):
        """Group owners stay groups; the relevant-members subset is distinct from all members."""
        members = PLAN.units.resolve("自治区党委农村工作领导小组成员单位")
        relevant = PLAN.units.resolve("自治区党委农村工作领导小组相关成员单位")

        assert members.is_group
        assert relevant.is_group
        assert members != relevant
        assert relevant.parent == members.id
        assert not members.membership_known

    def test_unknown_name_suggests(self):
        """An unknown name raises an error that suggests close known names."""
        with pytest.raises(
            xj.UnknownUnitError, match=r"unknown unit '自治区财政局'; closest known: .*财政厅"
        ):
            PLAN.units.resolve("自治区财政局")


def _when(item_id: str) -> xj.dates.Period:
    item = PLAN.item(item_id)
    assert isinstance(item, xj.Milestone)
    return item.when


class TestDatedItems:
    def test_phases(self):
        """The three phases of 推进实施 with their periods from the headings."""
        assert "(二)集中攻坚(6月中旬—9月底)" in TEXT
        expected = [
            ("动员部署", dt.date(2025, 6, 11), dt.date(2025, 6, 20)),
            ("集中攻坚", dt.date(2025, 6, 11), dt.date(2025, 9, 30)),
            ("巩固提升", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        ]

        assert expected == [(p.name, p.when.start, p.when.end) for p in PLAN.phases]

    @pytest.mark.parametrize(
        ("item_id", "phrase", "start", "end"),
        [
            ("submit-rectification-plan", "6月底前", None, dt.date(2025, 6, 30)),
            ("onsite-promotion-meeting", "7月中旬", dt.date(2025, 7, 11), dt.date(2025, 7, 20)),
            ("media-inspection", "8月中旬", dt.date(2025, 8, 11), dt.date(2025, 8, 20)),
            ("midterm-report", "8月底前", None, dt.date(2025, 8, 31)),
            ("self-check-acceptance", "9月10日前", None, dt.date(2025, 9, 10)),
            ("third-party-evaluation", "9月中旬", dt.date(2025, 9, 11), dt.date(2025, 9, 20)),
            ("rectification-summary-report", "9月底", None, dt.date(2025, 9, 30)),
            ("follow-up-review", "10月底前", None, dt.date(2025, 10, 31)),
            ("resident-work-meeting", "7月底前", None, dt.date(2025, 7, 31)),
            ("resident-cadre-training", "8月底前", None, dt.date(2025, 8, 31)),
            ("asset-registration-handover", "9月底前", None, dt.date(2025, 9, 30)),
            ("asset-write-off", "10月底前", None, dt.date(2025, 10, 31)),
            ("campaign-training-course", "7月份", dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
        ],
    )
    def test_milestone_dates(self, item_id, phrase, start, end):
        """Each dated milestone carries the plan's phrase and the dates TIME.md gives it."""
        milestone = PLAN.item(item_id)
        assert isinstance(milestone, xj.Milestone)

        assert phrase == milestone.when.text
        assert start == milestone.when.start
        assert end == milestone.when.end
        assert milestone.text in TEXT
        assert phrase in milestone.text

    def test_task_milestones_owned_by_task_units(self):
        """Milestones inside tasks 18 and 22 are owned by those tasks' units."""
        assert PLAN.task(18).units == PLAN.item("resident-work-meeting").owners
        assert PLAN.task(22).units == PLAN.item("asset-write-off").owners

    def test_precedence_of_acceptance_chain(self):
        """自查验收 → 第三方评估验收 → 整改总结报告, as the text orders them."""
        assert ("self-check-acceptance",) == PLAN.item("third-party-evaluation").after
        assert ("third-party-evaluation",) == PLAN.item("rectification-summary-report").after

    def test_obligations(self):
        """The monthly data comparison (task 5) and the meeting cadences of 工作要求."""
        comparison = PLAN.item("monthly-data-comparison")
        assert isinstance(comparison, xj.Obligation)

        assert "monthly" == comparison.cadence.frequency
        assert (1, 1) == (comparison.cadence.min_count, comparison.cadence.max_count)
        assert PLAN.task(5).units == comparison.owners
        assert "每月开展1次信息数据比对分析" in TEXT
        teaching = PLAN.item("home-teaching")
        assert isinstance(teaching, xj.Obligation)
        assert (1, 2) == (teaching.cadence.min_count, teaching.cadence.max_count)
        assert xj.Tracking.STANDARD == teaching.tracking
        quarterly = PLAN.item("city-quarterly-study")
        assert isinstance(quarterly, xj.Obligation)
        assert ("quarterly", 1, None) == (
            quarterly.cadence.frequency,
            quarterly.cadence.min_count,
            quarterly.cadence.max_count,
        )


class TestIndicators:
    def test_staged_spending_targets(self):
        """Task 21: 60% by end-July and 85% by end-October, at least (达到)."""
        spending = PLAN.item("spending-progress")
        assert isinstance(spending, xj.Indicator)
        assert "7月底和10月底前,资金支出进度分别达到60%、85%" in TEXT

        assert [(60, dt.date(2025, 7, 31)), (85, dt.date(2025, 10, 31))] == [
            (t.value, t.due.end if t.due else None) for t in spending.targets
        ]
        assert all(t.comparator is xj.dates.Comparator.AT_LEAST for t in spending.targets)
        assert 21 == spending.task

    def test_comparators_follow_bound_words(self):
        """高于 is strict, 以上 and 达到 include the bound."""
        share = PLAN.item("industry-share")
        retention = PLAN.item("education-retention")
        assert isinstance(share, xj.Indicator)
        assert isinstance(retention, xj.Indicator)

        assert xj.dates.Comparator.MORE_THAN == share.targets[0].comparator
        assert not share.targets[0].met_by(60)
        assert retention.targets[0].met_by(97)

    def test_soft_zero_and_relative_targets(self):
        """力争 is soft, 动态清零 is a zero target checked always, 高于全国平均水平 needs a benchmark."""
        revitalisation = PLAN.item("asset-revitalisation-rate")
        housing = PLAN.item("unsafe-housing-zero")
        elimination = PLAN.item("elimination-rate")
        assert isinstance(revitalisation, xj.Indicator)
        assert isinstance(housing, xj.Indicator)
        assert isinstance(elimination, xj.Indicator)

        assert revitalisation.targets[0].soft
        assert (0, xj.CheckMode.ALWAYS) == (housing.targets[0].value, housing.check)
        assert "全国平均水平" == elimination.targets[0].benchmark
        with pytest.raises(xj.PlanValidationError, match="benchmark"):
            elimination.targets[0].met_by(50)

    def test_every_percentage_target_of_the_text_is_present(self):
        """Every 'N%' target value in 主要目标 and the tasks is carried by some indicator."""
        in_text = {int(v) for v in re.findall(r"(\d+)%", TEXT)}
        in_plan = {
            int(t.value)
            for i in PLAN.indicators
            for t in i.targets
            if t.value is not None and t.unit == "%"
        }

        assert in_text == in_plan

    def test_budget_execution_excludes_retention_money(self):
        """12月底前 100% budget execution, project retention money excluded."""
        budget = PLAN.item("budget-execution")
        assert isinstance(budget, xj.Indicator)

        assert ("项目质保金",) == budget.exclusions
        assert dt.date(2025, 12, 31) == budget.targets[0].due.end if budget.targets[0].due else None


class TestLimits:
    def test_identification_limit_and_one_year_rule(self):
        """不超过15天 (task 4) is ≤ 15 days; 1年以上 (task 6) is ≥ 1 calendar year."""
        fifteen = PLAN.limit("identification-limit").span
        year = PLAN.limit("long-unresolved").span

        assert (15, "days", "<=") == (fifteen.amount, fifteen.unit, fifteen.comparator)
        assert (1, "years", ">=") == (year.amount, year.unit, year.comparator)
        assert fifteen.satisfied(dt.date(2025, 6, 1), dt.date(2025, 6, 16))
        assert not fifteen.satisfied(dt.date(2025, 6, 1), dt.date(2025, 6, 17))
        assert year.satisfied(dt.date(2024, 8, 1), dt.date(2025, 8, 1))


class TestHeader:
    def test_header_fields(self):
        """Title, publisher, index number and date come from the header table."""
        assert PLAN.title in TEXT
        assert "640324017/2026-00009" == PLAN.index_number
        assert "同心县农业农村局" == PLAN.publisher
        assert dt.date(2025, 6, 18) == PLAN.published == PLAN.reference_date


class TestAgreesWithParser:
    def test_every_dated_item_agrees_with_its_phrase(self):
        """Each phase, milestone and target due date is what parse_when makes of its quoted phrase."""
        reference = PLAN.reference_date
        periods = [p.when for p in PLAN.phases] + [m.when for m in PLAN.milestones]
        periods += [t.due for i in PLAN.indicators for t in i.targets if t.due is not None]
        checked = 0
        for period in periods:
            parsed = xj.dates.parse_when(period.text, reference=reference)
            assert isinstance(parsed, xj.dates.Period), period.text

            assert parsed.end == period.end, period.text
            if period.start is not None:
                assert parsed.start == period.start, period.text
            else:
                # A bare window with a reporting verb ("9月底向…报送") is due at the window's end.
                assert parsed.start is None or period.text.endswith("底"), period.text
            checked += 1

        assert checked >= 30

    def test_cadences_and_spans_agree_with_their_phrases(self):
        """Obligation cadences and time limits equal the parse of their quoted phrases."""
        for obligation in PLAN.obligations:
            parsed = xj.dates.parse_when(obligation.cadence.text, reference=PLAN.reference_date)

            assert isinstance(parsed, xj.dates.Cadence)
            assert parsed.frequency == obligation.cadence.frequency
            assert parsed.min_count == obligation.cadence.min_count
            assert parsed.max_count == obligation.cadence.max_count
        for limit in PLAN.limits:
            assert xj.dates.parse_when(limit.span.text, reference=PLAN.reference_date) == limit.span
