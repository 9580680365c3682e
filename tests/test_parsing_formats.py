"""Short plans written for the purpose: each responsibility format, full-width and ASCII forms,
web-page residue, headers, nested headings, targets, cadences, limits and milestones."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

import xiaojie as xj
from xiaojie.dates import Comparator, Frequency, Period, SpanUnit, parse_when
from xiaojie.model import CheckMode, GroupKind, Role, Tracking, UnitKind, UnitRegistry
from xiaojie.parsing import NoteKind, ParseResult, parse_plan
from xiaojie.parsing._clauses import find_responsibility, parse_responsibility
from xiaojie.parsing._owners import infer_kind, split_names
from xiaojie.parsing._structure import chinese_number
from xiaojie.parsing._text import is_residue, normalize_line, split_clauses


PLANS = Path(__file__).parent / "data" / "plans"
FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "%": "％"})


def _plan(name: str, **kwargs: object) -> ParseResult:
    return parse_plan(PLANS / name, **kwargs)  # type: ignore[arg-type]


def _units(task: xj.Task) -> list[tuple[str, Role]]:
    return [(r.owner.name, r.role) for r in task.responsibilities]


def _same(a: xj.Plan, b: xj.Plan) -> bool:
    return attrs.evolve(a, id="x", source="") == attrs.evolve(b, id="x", source="")


def _to_full_width(text: str) -> str:
    lines = []
    for raw in text.splitlines():
        line = re.sub(r"^(\d+)\.", lambda m: m.group(1) + "．", raw.translate(FULL_WIDTH))
        lines.append(
            "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isdigit() else c for c in line)
        )
    return "\n".join(lines)


def _one_task(sentence: str, units: str = "责任单位:自治区民政厅") -> xj.Plan:
    text = f"发文时间:2025-01-10\n一、重点任务\n(一)行动\n1.任务。{sentence}。({units})\n"
    return parse_plan(text, overlay=None).plan


class TestResponsibilityFormats:
    def test_lead_and_responsible_units(self):
        """(牵头单位:A、B;责任单位:C、D): A leads, the rest co-responsible, prefix carried."""
        plan, report = _plan("lead-and-responsible.txt")

        assert [
            ("自治区民政厅", Role.LEAD),
            ("自治区农业农村厅", Role.CO_RESPONSIBLE),
            ("自治区残联", Role.CO_RESPONSIBLE),
            ("各县(区)人民政府", Role.CO_RESPONSIBLE),
        ] == _units(plan.task(2))
        assert (
            "牵头单位:自治区民政厅、农业农村厅;责任单位:残联,各县(区)人民政府"
            == plan.task(2).units_text
        )
        assert [2] == [int(n.message.split()[1]) for n in report.of_kind(NoteKind.MULTIPLE_LEADS)]

    def test_lead_with_supporting_units(self):
        """(A牵头,B、C配合): A leads, B and C support it (配合 is the support role, not 责任)."""
        plan, _ = _plan("lead-support.txt")

        assert [
            ("县人力资源和社会保障局", Role.LEAD),
            ("县农业农村局", Role.SUPPORT),
            ("各乡镇人民政府", Role.SUPPORT),
        ] == _units(plan.task(1))

    @pytest.mark.parametrize(
        ("joined", "units"),
        [
            ("县住建局及各乡镇", ["县住建局", "各乡镇"]),
            ("县住建局和各区", ["县住建局", "各区"]),
            ("县委宣传部与县文化旅游局", ["县委宣传部", "县文化旅游局"]),
            ("县人力资源和社会保障局", ["县人力资源和社会保障局"]),
        ],
    )
    def test_two_bodies_joined_by_and(self, joined, units):
        """及, 和, 与 between two bodies part them, 各乡镇 after it too; inside a name they do not."""
        text = f"发文时间:2025-03-05\n一、任务\n(一)行动\n1.整改。年底前完成。(责任单位:{joined})\n"

        plan, _ = parse_plan(text)

        assert units == [u.name for u in plan.task(1).units]

    def test_lead_and_all_departments_sentence(self):
        """The form "A牵头,各有关部门按职责分工负责" as the item's last sentence, without brackets."""
        plan, _ = _plan("lead-all-departments.txt")
        task = plan.task(1)

        assert [("自治区水利厅", Role.LEAD), ("各有关部门", Role.CO_RESPONSIBLE)] == _units(task)
        assert "加强水源保护。开展水源地排查整治,力争6月底前完成整治任务。" == task.text

    def test_lead_and_all_departments_in_brackets(self):
        """The same form inside brackets, with 市、县(区) kept as one name."""
        plan, _ = _plan("lead-all-departments.txt")

        assert ["自治区水利厅", "各市、县(区)人民政府"] == [u.name for u in plan.task(2).units]

    def test_responsible_units_only(self):
        """(责任单位:…): the first is the lead, enterprises and banks keep their own names."""
        plan, _ = _plan("lead-and-responsible.txt")

        assert [
            ("自治区农业农村厅", Role.LEAD),
            ("自治区财政厅", Role.CO_RESPONSIBLE),
            ("宁夏农垦集团有限公司", Role.CO_RESPONSIBLE),
            ("中国农业发展银行宁夏分行", Role.CO_RESPONSIBLE),
        ] == _units(plan.task(3))

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("责任单位:自治区教育厅、公安厅", (("自治区教育厅",), ("自治区公安厅",))),
            ("牵头单位:自治区教育厅;责任单位:公安厅", (("自治区教育厅",), ("自治区公安厅",))),
            ("责任单位:公安厅;牵头单位:自治区教育厅", (("自治区教育厅",), ("自治区公安厅",))),
            (
                "自治区教育厅牵头,公安厅、民政厅配合",
                (("自治区教育厅",), ("自治区公安厅", "自治区民政厅")),
            ),
            ("由自治区教育厅牵头,各有关部门按职责分工负责", (("自治区教育厅",), ("各有关部门",))),
            ("自治区教育厅牵头", (("自治区教育厅",), ())),
        ],
    )
    def test_clause_forms(self, body, expected):
        """Every responsibility form reads into leads and others."""
        resp = parse_responsibility(body)

        assert resp is not None
        assert expected == (resp.leads, resp.others)

    @pytest.mark.parametrize("body", ["项目质保金除外", "综合评分95分以上", "区", "", "牵头"])
    def test_not_a_clause(self, body):
        """Brackets that hold something else are not responsibility clauses."""
        assert parse_responsibility(body) is None

    def test_labelled_clause_inside_the_item(self):
        """A labelled clause followed by more text is still the item's clause; the text stays."""
        text = "(责任单位:自治区教育厅)之后还有正文。"
        found = find_responsibility(text)

        assert found is not None
        assert (0, ("自治区教育厅",)) == (found[0], found[1].names)

    def test_bare_bracket_mid_sentence_is_not_a_clause(self):
        """A bracket of body names inside a sentence is text, not a clause."""
        assert find_responsibility("会同有关部门(财政局、民政局)开展核查,按月通报。") is None


class TestFullAndHalfWidth:
    @pytest.mark.parametrize(
        "stem", ["lead-and-responsible", "lead-support", "lead-all-departments"]
    )
    def test_pairs_parse_equal(self, stem):
        """The full-width file and the ASCII file of a plan parse to equal plans."""
        ascii_plan, _ = _plan(f"{stem}.txt")
        full_plan, _ = _plan(f"{stem}-fullwidth.txt")

        assert _same(ascii_plan, full_plan)

    @pytest.mark.parametrize(
        "name", sorted(p.name for p in PLANS.glob("*.txt") if "fullwidth" not in p.name)
    )
    def test_any_plan_converted_to_full_width(self, name):
        """Converting any test plan's punctuation and digits to full width changes nothing."""
        text = (PLANS / name).read_text(encoding="utf-8")

        assert _same(parse_plan(text).plan, parse_plan(_to_full_width(text)).plan)

    def test_columns_refer_to_the_text_as_given(self):
        """A note's column counts characters of the full-width line as written (spaces included)."""
        _, report = _plan("lead-and-responsible-fullwidth.txt", registry=xj.load_plan().units)
        note = report.of_kind(NoteKind.NEW_UNIT)[0]
        line = (
            (PLANS / "lead-and-responsible-fullwidth.txt")
            .read_text(encoding="utf-8")
            .splitlines()[9]
        )

        assert "（" == line[note.column - 1]

    def test_stray_whitespace(self):
        """Spaces inside names and around punctuation are ignored."""
        plan = _one_task("6月底前 完成 排查", units="责任单位 : 自治区 教育厅 、 公安厅")

        assert ["自治区教育厅", "自治区公安厅"] == [u.name for u in plan.task(1).units]
        assert "完成排查" == plan.milestones[0].title


class TestResidueAndHeaders:
    def test_residue_is_ignored(self):
        """Navigation, font and print buttons, 附件下载 and 扫一扫 lines are ignored and reported."""
        plan, report = _plan("county-fullwidth.txt")
        ignored = [n.sentence for n in report.of_kind(NoteKind.IGNORED_LINE)]

        assert [
            "首页>政务公开>乡村振兴",
            "【字体:大中小】【打印】【关闭】",
            "附件下载:",
            "扫一扫在手机上查看当前页面",
        ] == ignored
        assert 4 == len(plan.tasks)

    @pytest.mark.parametrize(
        "line",
        [
            "当前位置:首页 > 信息公开",
            "打印本页 关闭窗口",
            "分享到:",
            "来源:某县政府",
            "上一篇:某某",
            "----",
        ],
    )
    def test_residue_lines(self, line):
        """Each kind of residue line is recognised."""
        assert is_residue(normalize_line(line).text)

    @pytest.mark.parametrize(
        "line", ["(一)强化组织领导。", "一、主要目标", "1.完善监测预警。每月开展1次数据比对。"]
    )
    def test_plan_lines_are_not_residue(self, line):
        """Headings and sentences are never residue."""
        assert not is_residue(line)

    def test_header_table(self):
        """The | a | b | header gives index number, date, publisher, document number and title."""
        plan, _ = _plan("lead-and-responsible.txt")

        assert ("640000001/2025-00012", dt.date(2025, 4, 10), "某市乡村振兴局") == (
            plan.index_number,
            plan.published,
            plan.publisher,
        )
        assert ("某乡振发〔2025〕3号", "某市2025年防止返贫监测帮扶行动方案") == (
            plan.document_number,
            plan.title,
        )

    def test_plain_header_lines(self):
        """索引号: lines, several fields on one line and a Chinese date are read."""
        plan, _ = _plan("lead-all-departments.txt")
        county, _ = _plan("county-fullwidth.txt")

        assert ("000014349/2025-00077", dt.date(2025, 2, 20)) == (plan.index_number, plan.published)
        assert ("某县乡村振兴局", dt.date(2025, 3, 1)) == (county.publisher, county.published)

    def test_title_line_without_header(self):
        """Without a 标题 field the first short line before the headings is the title."""
        plan, _ = _plan("nested-items.txt")

        assert "某镇2025年农村人居环境整治方案" == plan.title
        assert plan.published is None
        assert dt.date(2025, 3, 15) == plan.reference_date

    def test_bad_header_date_is_reported(self):
        """A header date that is not a real date is reported; a given reference is then needed."""
        text = "发文时间:2025-02-30\n一、任务\n(一)行动\n1.完成。(责任单位:自治区民政厅)"

        _, report = parse_plan(text, reference=dt.date(2025, 1, 1))

        assert ["2025-02-30"] == [n.phrase for n in report.of_kind(NoteKind.BAD_DATE)]

    def test_untitled(self):
        """A text without any title gets a placeholder title and a note."""
        _, report = parse_plan(
            "一、任务\n(一)行动\n1.完成。(责任单位:自治区民政厅)", reference=dt.date(2025, 1, 1)
        )

        assert 1 == len(report.of_kind(NoteKind.DEFAULTED))


class TestStructure:
    def test_nested_items_are_tasks(self):
        """Numbered items at any depth that end with a responsibility clause are tasks."""
        plan, _ = _plan("nested-items.txt")

        assert ["配齐保洁人员", "规范转运处置", "集中整治"] == [t.title for t in plan.tasks]
        assert [1, 1, 2] == [t.campaign for t in plan.tasks]
        assert ["完善收运体系", "开展清洁行动"] == [c.name for c in plan.campaigns]

    def test_restarting_numbers_are_renumbered(self):
        """Numbering that restarts per campaign is renumbered in document order, with a note."""
        plan, report = _plan("lead-support.txt")

        assert [1, 2, 3] == [t.number for t in plan.tasks]
        assert 1 == len(report.of_kind(NoteKind.RENUMBERED))

    def test_campaigns_by_structure_not_keywords(self):
        """A section with other names still yields campaigns and tasks."""
        text = (
            "发文时间:2025-01-10\n一、重点工作\n(一)抓好春耕生产\n1.备足农资。(责任单位:自治区农业农村厅)\n"
            "(二)做好防汛准备\n2.排查隐患。(责任单位:自治区水利厅)\n三、保障措施\n(一)加强领导。各部门要落实责任。\n"
        )
        plan, _ = parse_plan(text)

        assert ["抓好春耕生产", "做好防汛准备"] == [c.name for c in plan.campaigns]
        assert [1, 2] == [t.campaign for t in plan.tasks]

    def test_no_tasks(self):
        """A text with no responsibility clause parses to a plan without tasks, with a warning."""
        plan, report = parse_plan(
            "一、目标\n到2025年年底,完成任务。", reference=dt.date(2025, 1, 1)
        )

        assert () == plan.tasks
        assert 1 == len(report.of_kind(NoteKind.NO_TASKS))

    def test_phase_with_deadline_heading(self):
        """A phase heading with a deadline starts after the previous phase."""
        text = (
            "发文时间:2025-01-10\n一、实施步骤\n(一)启动(2月底前)。召开部署会。\n"
            "(二)总结(12月底前)。形成总结报告。\n"
        )
        plan, _ = parse_plan(text)

        assert [
            Period(dt.date(2025, 1, 10), dt.date(2025, 2, 28)),
            Period(dt.date(2025, 3, 1), dt.date(2025, 12, 31)),
        ] == [p.when for p in plan.phases]
        assert ["召开部署会", "形成总结报告"] == [m.title for m in plan.milestones]

    @pytest.mark.parametrize(
        ("text", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("九十九", 99)]
    )
    def test_chinese_numbers(self, text, value):
        """Chinese numerals of headings are read."""
        assert value == chinese_number(text)


class TestUnits:
    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("自治区乡村振兴局", UnitKind.GOVERNMENT_DEPARTMENT),
            ("自治区发展改革委", UnitKind.GOVERNMENT_DEPARTMENT),
            ("自治区党委组织部", UnitKind.PARTY_ORGAN),
            ("自治区政法委", UnitKind.PARTY_ORGAN),
            ("宁夏农垦集团有限公司", UnitKind.ENTERPRISE),
            ("人民银行宁夏区分行", UnitKind.FINANCIAL_INSTITUTION),
            ("自治区残联", UnitKind.PEOPLES_ORGANISATION),
            ("自治区供销社", UnitKind.COOPERATIVE),
            ("贺兰山东麓葡萄酒产业园区管委会", UnitKind.REGIONAL_BODY),
            ("县委", UnitKind.LEADERSHIP),
            ("自治区党委农村工作领导小组成员单位", GroupKind.LEADING_GROUP_MEMBERS),
            ("自治区党委农村工作领导小组相关成员单位", GroupKind.SUBSET),
            ("有驻村帮扶任务的单位", GroupKind.DESCRIPTIVE),
            ("各相关行业主管部门", GroupKind.DESCRIPTIVE),
        ],
    )
    def test_kind_inference(self, name, kind):
        """A new unit's kind is inferred from its name."""
        assert kind == infer_kind(name)

    def test_new_units_get_stable_ids(self):
        """New units get the same ids on every parse, prefixed by their kind."""
        first, _ = _plan("lead-support.txt")
        second, _ = _plan("lead-support.txt")
        ids = [u.id for u in first.units]

        assert ids == [u.id for u in second.units]
        assert all(re.fullmatch(r"(dept|bank|group)-[0-9a-f]{8}", i) for i in ids)

    def test_subset_group_knows_its_parent(self):
        """A new 相关成员单位 group points at the matching 成员单位 group."""
        text = (
            "发文时间:2025-01-10\n一、任务\n(一)行动\n1.甲。(责任单位:某领导小组成员单位)\n"
            "2.乙。(责任单位:某领导小组相关成员单位)\n"
        )
        plan, _ = parse_plan(text, registry=UnitRegistry(()))
        subset = plan.task(2).lead

        assert isinstance(subset, xj.UnitGroup)
        assert plan.task(1).lead.id == subset.parent

    def test_unknown_names_become_units_not_dropped(self):
        """Names the registry does not know are added and reported, never dropped."""
        plan, report = _plan("lead-and-responsible.txt")

        assert "中国农业发展银行宁夏分行" in report.new_units
        assert "中国农业发展银行宁夏分行" in [u.name for u in plan.units]

    def test_registry_is_pruned_to_used_owners(self):
        """The plan's registry holds the owners the plan uses, known ones in registry order."""
        plan, _ = _plan("lead-and-responsible.txt")
        used = {o.id for t in plan.tasks for o in t.units} | {
            o.id for i in plan.items() for o in i.owners
        }

        assert used == {o.id for o in plan.units}

    @pytest.mark.parametrize(
        ("text", "names"),
        [
            ("自治区教育厅、公安厅", ["自治区教育厅", "自治区公安厅"]),
            ("自治区农业农村厅,各市、县(区)人民政府", ["自治区农业农村厅", "各市、县(区)人民政府"]),
            ("县(市、区)政府、民政局", ["县(市、区)政府", "民政局"]),
            ("自治区民政厅、人民银行宁夏区分行", ["自治区民政厅", "人民银行宁夏区分行"]),
        ],
    )
    def test_name_lists(self, text, names):
        """Lists split at 、 and , but not inside brackets or in 市、县(区)."""
        assert names == split_names(text)

    def test_owners_named_in_sentences(self):
        """Outside tasks, owners come from the clause's subject or the one after its date."""
        plan, _ = _plan("county-fullwidth.txt")
        owners = {m.title: [o.name for o in m.owners] for m in plan.milestones}

        assert ["各乡镇人民政府"] == owners["制定实施方案"]
        assert ["县委农办"] == owners["组织开展中期评估"]
        assert ["县乡村振兴局"] == [o.name for o in plan.obligations[0].owners]


def _target(sentence: str) -> tuple[xj.Indicator, xj.Target]:
    plan = _one_task(sentence)
    indicator = plan.indicators[0]
    return indicator, indicator.targets[0]


class TestTargets:
    @pytest.mark.parametrize(
        ("sentence", "name", "value", "comparator", "unit"),
        [
            ("农村义务教育巩固率达到97%", "农村义务教育巩固率", 97, Comparator.AT_LEAST, "%"),
            ("转移就业80万人以上", "转移就业", 80, Comparator.AT_LEAST, "万人"),
            ("产业发展比例高于60%", "产业发展比例", 60, Comparator.MORE_THAN, "%"),
            ("返贫发生率低于1%", "返贫发生率", 1, Comparator.LESS_THAN, "%"),
            ("信访积案控制在5件以内", "信访积案", 5, Comparator.AT_MOST, ""),
            ("核销项目不超过10个", "核销项目", 10, Comparator.AT_MOST, "个"),
            ("公益岗位不少于500人", "公益岗位", 500, Comparator.AT_LEAST, "人"),
            (
                "确保自评达到“A”等次(综合评分95分以上)",
                "自评综合评分",
                95,
                Comparator.AT_LEAST,
                "分",
            ),
        ],
    )
    def test_numeric(self, sentence, name, value, comparator, unit):
        """Values, comparators (以上 ≥, 高于 >, 以内 ≤ …) and units are read."""
        indicator, target = _target(sentence)

        assert (name, value, comparator, unit) == (
            indicator.name,
            target.value,
            target.comparator,
            target.unit,
        )

    def test_stable_is_checked_always(self):
        """稳定在99%以上 holds at every check."""
        indicator, target = _target("参保率稳定在99%以上")

        assert (CheckMode.ALWAYS, 99, Comparator.AT_LEAST) == (
            indicator.check,
            target.value,
            target.comparator,
        )

    def test_soft_target(self):
        """力争 makes a soft target."""
        _, target = _target("识别准确率力争达到98%")

        assert target.soft

    def test_approximate_target(self):
        """左右 makes an approximate target."""
        _, target = _target("满意度达到90%左右")

        assert (True, Comparator.EQUAL) == (target.approximate, target.comparator)

    def test_dynamic_zero(self):
        """动态清零 is a zero target checked always, counted in people, households or items."""
        indicator, target = _target("确保适龄儿童失学辍学动态清零")

        assert ("适龄儿童失学辍学", 0, Comparator.AT_MOST, "人", CheckMode.ALWAYS) == (
            indicator.name,
            target.value,
            target.comparator,
            target.unit,
            indicator.check,
        )

    def test_benchmark(self):
        """高于全国平均水平 is relative to a benchmark."""
        indicator, target = _target("确保应消尽消、风险消除率高于全国平均水平")

        assert ("风险消除率", None, "全国平均水平", "%") == (
            indicator.name,
            target.value,
            target.benchmark,
            target.unit,
        )

    def test_coordinated_benchmarks(self):
        """高于全国和全区平均水平 gives one target per benchmark."""
        indicator, _ = _target("收入增速高于全国和全区平均水平")

        assert ["全国平均水平", "全区平均水平"] == [t.benchmark for t in indicator.targets]

    def test_coordinated_rates(self):
        """Three rates sharing one target are three indicators."""
        plan = _one_task("识别精准率、落实及时率、消除准确率力争全部达到100%")

        assert ["识别精准率", "落实及时率", "消除准确率"] == [i.name for i in plan.indicators]
        assert all(i.targets[0].soft for i in plan.indicators)

    def test_paired_names_and_values(self):
        """A率、B率分别达到90%、80% pairs names and values in order."""
        plan = _one_task("脱贫户覆盖率、监测户覆盖率分别达到90%、80%")

        assert [("脱贫户覆盖率", 90), ("监测户覆盖率", 80)] == [
            (i.name, i.targets[0].value) for i in plan.indicators
        ]

    def test_staged_targets(self):
        """Coordinated dates paired with coordinated values give staged targets."""
        indicator, _ = _target("7月底和10月底前,资金支出进度分别达到60%、85%")

        assert [(60, dt.date(2025, 7, 31)), (85, dt.date(2025, 10, 31))] == [
            (t.value, t.due.end) for t in indicator.targets
        ]

    def test_exclusion(self):
        """(X除外) is recorded as an exclusion and removed from the name."""
        indicator, target = _target("12月底前资金预算(项目质保金除外)执行率必须达到100%")

        assert ("资金预算执行率", ("项目质保金",), dt.date(2025, 12, 31)) == (
            indicator.name,
            indicator.exclusions,
            target.due.end,
        )

    def test_year_frames_the_segment(self):
        """2025年实现A,B: both targets are due within 2025."""
        plan = _one_task("2025年实现转移就业80万人以上,输出人员占比达到40%以上")

        assert [Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))] * 2 == [
            i.targets[0].due for i in plan.indicators
        ]

    def test_quoted_targets_are_names(self):
        """A target inside quotation marks names a mechanism and is not a target."""
        plan = _one_task("建立“危房即增即改、动态清零”工作机制")

        assert () == plan.indicators

    def test_numbers_without_target_are_reported(self):
        """A number that is not part of a target is reported with its sentence."""
        text = "发文时间:2025-01-10\n一、任务\n(一)行动\n1.任务。立足12个产业园。(责任单位:自治区民政厅)\n"
        _, report = parse_plan(text)

        assert ["12个"] == [n.phrase for n in report.of_kind(NoteKind.UNATTACHED_NUMBER)]


class TestTimeItems:
    def test_deadline_and_window_milestones(self):
        """X前 is a deadline; a bare window is the window; both take the task's units."""
        plan = _one_task("6月底前完成排查,7月中旬召开推进会")

        assert [
            Period(None, dt.date(2025, 6, 30)),
            Period(dt.date(2025, 7, 11), dt.date(2025, 7, 20)),
        ] == [m.when for m in plan.milestones]
        assert all(m.owners == plan.task(1).units for m in plan.milestones)

    def test_reporting_verb_deadline(self):
        """9月底向上级报送报告 is due at the end of September, with no start."""
        plan = _one_task("9月底向上级报送总结报告")

        assert Period(None, dt.date(2025, 9, 30)) == plan.milestones[0].when

    def test_series_gives_one_milestone_per_date(self):
        """7月底和10月底前完成X: two milestones."""
        plan = _one_task("7月底和10月底前分别完成一次督导")

        assert [dt.date(2025, 7, 31), dt.date(2025, 10, 31)] == [m.due for m in plan.milestones]

    def test_cadences(self):
        """每月1次 is exactly once a month; 每季度至少1次 at least once; no count, at least once."""
        plan = _one_task("每月开展1次比对,每季度至少开展1次督导,每年听取汇报")
        got = [
            (o.cadence.frequency, o.cadence.min_count, o.cadence.max_count)
            for o in plan.obligations
        ]

        assert [
            (Frequency.MONTHLY, 1, 1),
            (Frequency.QUARTERLY, 1, None),
            (Frequency.YEARLY, 1, None),
        ] == got
        assert Period(dt.date(2025, 1, 10), dt.date(2025, 12, 31)) == plan.obligations[0].active

    def test_quoted_cadence_is_a_standard(self):
        """A cadence inside quotation marks is a service standard, not a reported duty."""
        plan = _one_task("落实“每周1—2次”送教上门政策")

        assert (Tracking.STANDARD, 1, 2) == (
            plan.obligations[0].tracking,
            plan.obligations[0].cadence.min_count,
            plan.obligations[0].cadence.max_count,
        )

    def test_limits(self):
        """不超过15天 and 1年以上 are time limits with their comparators."""
        plan = _one_task("识别认定不超过15天;对纳入1年以上的监测对象逐户分析")

        assert [
            (15, SpanUnit.DAYS, Comparator.AT_MOST),
            (1, SpanUnit.YEARS, Comparator.AT_LEAST),
        ] == [(lim.span.amount, lim.span.unit, lim.span.comparator) for lim in plan.limits]
        assert "识别认定" == plan.limits[0].title

    def test_phase_sentences(self):
        """In a phase, undated deliverables take the phase's period; ongoing work does not."""
        plan, _ = _plan("lead-and-responsible.txt")
        phase = plan.phases[0]

        assert ["召开全市部署会"] == [m.title for m in plan.milestones if m.phase == phase.id]
        assert plan.phases[1].when == plan.obligations[0].active

    def test_impossible_date_is_reported(self):
        """2月30日前 cannot be read: the clause is reported, the rest of the plan parses."""
        plan = _one_task("2月30日前完成排查,6月底前完成验收")
        text = "发文时间:2025-01-10\n一、任务\n(一)行动\n1.任务。2月30日前完成排查。(责任单位:自治区民政厅)\n"
        _, report = parse_plan(text)

        assert [dt.date(2025, 6, 30)] == [m.due for m in plan.milestones]
        assert ["2月30日"] == [n.phrase for n in report.of_kind(NoteKind.BAD_DATE)]

    @pytest.mark.parametrize(
        ("deadline", "frequency", "due_day"),
        [
            ("每季度", "quarterly", None),
            ("每半年", "half_yearly", None),
            ("每月10日前", "monthly", 10),
        ],
    )
    def test_a_recurring_deadline_is_a_duty(self, deadline, frequency, due_day):
        """完成时限 每季度 (a cell or a clause) makes the task's duty recur, owned by its units."""
        table = (
            "某县分工表\n发文时间:2025年3月5日\n序号\t具体措施\t牵头单位\t完成时限\n"
            f"1\t报送进展。\t县财政局\t{deadline}\n"
        )
        clause = (
            f"发文时间:2025-03-05\n一、任务\n1.报送进展。(牵头单位:县财政局;完成时限:{deadline})\n"
        )
        for text in (table, clause):
            plan, report = parse_plan(text)

            [duty] = plan.obligations
            assert ("报送进展", frequency, due_day) == (
                duty.title,
                str(duty.cadence.frequency),
                duty.cadence.due_day,
            )
            assert ["县财政局"] == [u.name for u in duty.owners]
            assert [] == list(plan.milestones)
            assert () == tuple(report.of_kind(NoteKind.UNATTACHED_DATE))

    def test_a_recurring_deadline_with_a_date_is_a_duty_and_a_milestone(self):
        """完成时限 每季度,2025年底前: the task recurs each quarter and ends by a date; both kept."""
        table = (
            "某县分工表\n发文时间:2025年3月5日\n序号\t具体措施\t牵头单位\t完成时限\n"
            "1\t报送进展。\t县财政局\t每季度,2025年底前\n"
        )
        clause = (
            "发文时间:2025-03-05\n一、任务\n"
            "1.报送进展。(牵头单位:县财政局;完成时限:每季度,2025年底前)\n"
        )
        for text in (table, clause):
            plan, _ = parse_plan(text)

            assert ["quarterly"] == [str(o.cadence.frequency) for o in plan.obligations]
            assert [dt.date(2025, 12, 31)] == [m.due for m in plan.milestones]
            assert [["县财政局"]] * 2 == [
                [u.name for u in item.owners] for item in (*plan.obligations, *plan.milestones)
            ]

    def test_a_recurring_deadline_restating_the_text_is_one_duty(self):
        """每季度报送 with 完成时限:每季度 (or a 分工表 row 每月调度 with 每月) is one obligation."""
        clause = "发文时间:2025-03-05\n一、任务\n1.每季度报送进展情况。(责任单位:县民政局;完成时限:每季度)\n"
        table = (
            "某县分工表\n发文时间:2025年3月5日\n序号\t具体措施\t牵头单位\t完成时限\n"
            "1\t每月调度一次。\t县财政局\t每月\n"
        )
        for text, frequency in ((clause, "quarterly"), (table, "monthly")):
            plan, _ = parse_plan(text)

            assert [frequency] == [str(o.cadence.frequency) for o in plan.obligations]

    @pytest.mark.parametrize("quarter", ["第五季度", "第十季度", "五季度末前"])
    def test_impossible_quarter_is_reported(self, quarter):
        """A quarter past the fourth is reported as a date not read, not silently dropped."""
        text = f"发文时间:2025-03-05\n一、任务\n(一)行动\n1.验收。{quarter}完成验收。(责任单位:县商务局)\n"
        plan, report = parse_plan(text)

        assert [] == list(plan.milestones)
        [note] = report.of_kind(NoteKind.BAD_DATE)
        assert quarter.removesuffix("末前") in note.phrase
        assert "is not 1–4" in note.message

    def test_recurring_due_rules_are_kept_whole(self):
        """Each obligation keeps the whole cadence the grammar read: due month, offset, weekday."""
        lines = [
            ("每年1月15日前", "报送上年度工作总结", "自治区民政厅"),
            ("每季度结束后10日内", "报送进展情况", "自治区财政厅"),
            ("每周三", "召开调度会", "自治区农业农村厅"),
            ("次月5日前", "报送上月数据", "自治区农业农村厅"),
            ("每年9月至11月", "开展排查", "自治区农业农村厅"),
        ]
        text = "发文时间:2025-01-10\n一、任务\n(一)行动\n" + "".join(
            f"{n}.事项{n}。{phrase}{rest}。(责任单位:{unit})\n"
            for n, (phrase, rest, unit) in enumerate(lines, start=1)
        )
        plan = parse_plan(text, overlay=None).plan
        reference = dt.date(2025, 1, 10)

        assert [parse_when(p, reference=reference) for p, _, _ in lines] == [
            o.cadence for o in plan.obligations
        ]
        assert [p for p, _, _ in lines] == [o.cadence.text for o in plan.obligations]
        assert [rest for _, rest, _ in lines] == [o.title for o in plan.obligations]
        dues = [
            o.cadence.due_in(o.cadence.full_window(dt.date(2025, 8, 6))) for o in plan.obligations
        ]
        assert [
            dt.date(2025, 1, 15),
            dt.date(2025, 10, 10),
            dt.date(2025, 8, 6),
            dt.date(2025, 9, 5),
            dt.date(2025, 11, 30),
        ] == dues

    def test_unread_phrase_beside_a_good_one(self):
        """An unread phrase is reported with its own line; a good phrase beside it is still read."""
        text = (
            "发文时间:2025-01-10\n一、任务\n(一)行动\n1.任务。按要求开展排查。\n"
            "按2月30日通知6月底前完成验收。(责任单位:自治区民政厅)\n"
        )
        plan, report = parse_plan(text, overlay=None)

        assert [dt.date(2025, 6, 30)] == [m.due for m in plan.milestones]
        notes = report.of_kind(NoteKind.BAD_DATE)
        assert [("2月30日", 5)] == [(n.phrase, n.line) for n in notes]
        assert "2月30日 does not exist in 2025" in notes[0].message

    def test_unread_deadline_clause_is_reported(self):
        """A 完成时限 that cannot be read is a bad date of its own, not a deadline without a date."""
        plan = parse_plan(
            "发文时间:2025-01-10\n一、任务\n(一)行动\n1.任务。开展排查。"
            "(责任单位:自治区民政厅;完成时限:2025年2月30日)\n",
            overlay=None,
        )

        assert [] == [m.due for m in plan.plan.milestones]
        assert ["2025年2月30日"] == [n.phrase for n in plan.report.of_kind(NoteKind.BAD_DATE)]


class TestText:
    def test_clauses_respect_quotes_and_brackets(self):
        """Commas inside quotation marks and brackets do not split clauses."""
        text = "落实“每周1次,每次2课时”政策,资金预算(项目质保金除外,另计)执行率达到100%。"
        clauses, _ = split_clauses(text)

        assert ["落实“每周1次,每次2课时”政策", "资金预算(项目质保金除外,另计)执行率达到100%"] == [
            text[c.start : c.end] for c in clauses
        ]

    def test_circled_numbers_survive_normalisation(self):
        """NFKC would turn ① into 1; the parser keeps it so that it still marks a heading."""
        assert "①集中整治" == normalize_line("①集中整治").text

    def test_zero_width_characters_are_dropped(self):
        """Zero-width spaces and byte-order marks disappear; columns still point at the source."""
        line = normalize_line("\ufeff1.\u200b任务")

        assert "1.任务" == line.text
        assert 5 == line.column(2)


class TestWholeDocumentFormats:
    """Forms met in the whole State Council and Guangzhou texts of the real corpus."""

    def test_first_listed_convention_is_not_a_unit(self):
        """A clause stating "排在第一位的部门为牵头部门,下同" keeps its units and drops the note."""
        duty = parse_responsibility(
            "税务总局、财政部、海关总署负责,排在第一位的部门为牵头部门,下同"
        )
        assert duty is not None
        assert duty.names == ("税务总局", "财政部", "海关总署")
        assert not duty.guessed
        duty = parse_responsibility("工业和信息化部、科技部等负责。列第一位者为牵头单位,下同")
        assert duty is not None
        assert duty.names == ("工业和信息化部", "科技部")

    def test_huitong_inside_a_clause_names_both_sides(self):
        """``A会同有关部门负责`` inside brackets: A leads and 有关部门 is a second unit."""
        duty = parse_responsibility("国家发展改革委、财政部会同有关部门负责")
        assert duty is not None
        assert duty.names == ("国家发展改革委", "财政部", "有关部门")
        assert duty.leads == ("国家发展改革委",)

    def test_etc_then_implementing_governments(self):
        """``A、B等和各有关省级人民政府负责``: the governments are a unit, 等 closes the list."""
        duty = parse_responsibility("商务部、农业农村部等和各有关省级人民政府负责")
        assert duty is not None
        assert duty.names == ("商务部", "农业农村部", "各有关省级人民政府")

    def test_closing_departments_and_units_is_not_a_unit(self):
        """``…等有关部门和单位负责`` closes the list; ``各有关部门和单位`` alone is one group."""
        duty = parse_responsibility("人力资源社会保障部、教育部等有关部门和单位负责")
        assert duty is not None
        assert duty.names == ("人力资源社会保障部", "教育部")
        duty = parse_responsibility("各有关部门和单位,各省级人民政府按职责分工负责")
        assert duty is not None
        assert duty.names == ("各有关部门和单位", "各省级人民政府")

    def test_district_group_with_youguan_stays_whole(self):
        """``各有关区、县级市`` is one group name, as ``各区、县级市`` is."""
        assert split_names("市农业局,市科协,各有关区、县级市", carry=False) == [
            "市农业局",
            "市科协",
            "各有关区、县级市",
        ]

    def test_number_running_into_title_digits(self):
        """``11.121人才梯队项目`` after item 10 is item 11, while ``11.5%`` stays text."""
        text = (
            "一、重点项目\n"
            "10.羊城学者项目。设立岗位。(牵头单位:市委组织部)\n"
            "11.121人才梯队项目。培养后备人才。(牵头单位:市人力资源和社会保障局)\n"
            "12.博士后项目。资助研究人员,增长11.5%以上。(牵头单位:市科协)\n"
        )
        plan = parse_plan(text, reference=dt.date(2012, 9, 19), overlay=None).plan
        assert [t.title for t in plan.tasks] == ["羊城学者项目", "121人才梯队项目", "博士后项目"]
        assert [t.responsibilities[0].owner.name for t in plan.tasks] == [
            "市委组织部",
            "市人力资源和社会保障局",
            "市科协",
        ]

    def test_zhidao_is_a_role_verb(self):
        """``(A、B指导)`` and ``(A指导,B参与)`` are clauses: the first listed or guiding body leads."""
        duty = parse_responsibility("生态环境部、工业和信息化部指导")
        assert duty is not None
        assert duty.names == ("生态环境部", "工业和信息化部")
        assert duty.guessed
        duty = parse_responsibility("商务部指导,供销合作总社参与")
        assert duty is not None
        assert (duty.leads, duty.supports) == (("商务部",), ("供销合作总社",))

    def test_standing_remark_after_a_clause_is_dropped(self):
        """``…负责落实。以下均需试点城市政府落实,不再列出`` keeps the clause and drops the remark."""
        duty = parse_responsibility(
            "生态环境部指导,试点城市政府负责落实。以下均需试点城市政府落实,不再列出"
        )
        assert duty is not None
        assert duty.names == ("生态环境部", "试点城市政府")
        assert not duty.leftovers

    def test_several_clauses_over_several_paragraphs_make_one_task(self):
        """An item of several paragraphs, each closed by a clause, is one task with every unit."""
        text = (
            "二、主要任务\n"
            "(一)强化顶层设计。建立指标体系。(生态环境部牵头,国家统计局参与)\n"
            "优化管理体制。建立责任清单。(生态环境部指导,试点城市政府负责落实)\n"
            "统筹城市发展。保障设施用地。(国家发展改革委、自然资源部指导)\n"
            "(二)实施绿色生产。推行绿色开采。(自然资源部、工业和信息化部指导)\n"
        )
        plan = parse_plan(text, reference=dt.date(2018, 12, 29), overlay=None).plan
        names = [[r.owner.name for r in t.responsibilities] for t in plan.tasks]
        assert [n[0] for n in names] == ["生态环境部", "自然资源部"]
        assert [set(n) for n in names] == [
            {"生态环境部", "国家统计局", "试点城市政府", "国家发展改革委", "自然资源部"},
            {"自然资源部", "工业和信息化部"},
        ]

    def test_subject_huitong_list_in_running_text(self):
        """``…,A会同B、C等部门筛选确定。`` names A as lead and B, C as support; a bare
        ``A会同有关部门`` names no list and makes no task."""
        text = (
            "三、实施步骤\n"
            "(一)确定试点城市。试点城市由省级有关部门推荐,生态环境部会同国家发展改革委、"
            "财政部、国家统计局等部门筛选确定。\n"
            "(二)组织评估。生态环境部会同有关部门对试点工作进行成效评估。\n"
        )
        plan = parse_plan(text, reference=dt.date(2018, 12, 29), overlay=None).plan
        assert [[r.owner.name for r in t.responsibilities] for t in plan.tasks] == [
            ["生态环境部", "国家发展改革委", "财政部", "国家统计局"],
        ]

    def test_national_peoples_organisations_are_bodies(self):
        """全国工商联 and 共青团中央 are bodies, so a list naming them is read whole."""
        duty = parse_responsibility(
            "全国工商联、发展改革委、共青团中央、全国妇联等和各省级人民政府负责"
        )
        assert duty is not None
        assert duty.names == (
            "全国工商联",
            "发展改革委",
            "共青团中央",
            "全国妇联",
            "各省级人民政府",
        )
        assert not duty.leftovers

    def test_subsidy_window_is_not_a_deadline(self):
        """``2019年1月1日至12月31日,对…企业返还…`` is when a support applies, not a due date;
        ``2019年6月底前完成…`` in the same plan still is."""
        text = (
            "一、重点任务\n"
            "(一)加大稳岗支持力度。2019年1月1日至12月31日,对参保企业返还失业保险费。"
            "(人力资源社会保障部、财政部负责)\n"
            "(二)完善统计制度。2019年6月底前完成统计制度修订。(国家统计局负责)\n"
        )
        result = parse_plan(text, reference=dt.date(2018, 11, 16), overlay=None)
        dues = {m.task: m.when.end for m in result.plan.milestones}
        assert dues == {2: dt.date(2019, 6, 30)}
        assert any(
            n.kind is NoteKind.UNATTACHED_DATE and "window" in n.message
            for n in result.report.notes
        )

    def test_closing_paragraph_after_last_item_is_not_the_item(self):
        """A notice's closing paragraph after its last item keeps its date out of that item;
        a labelled line (整改措施:) after the clause still continues the item."""
        text = (
            "一、对商事制度改革成效显著的县,优先纳入试点。(市场监管总局负责)\n"
            "二、对督查表扬的县实行免督查。(国务院办公厅负责)\n"
            "各有关部门制定的实施办法,于2018年12月31日前报送国务院办公厅。\n"
        )
        plan = parse_plan(text, reference=dt.date(2018, 12, 6), overlay=None).plan
        assert [t.number for t in plan.tasks] == [1, 2]
        assert list(plan.milestones) == []
        kept = (
            "一、整改任务\n"
            "1.核实贫困人口。(牵头单位:扶贫办;责任单位:各村支部)\n"
            "整改措施:2018年10月底前完成核实。\n"
        )
        plan = parse_plan(kept, reference=dt.date(2018, 9, 5), overlay=None).plan
        assert [(m.task, m.when.end) for m in plan.milestones] == [(1, dt.date(2018, 10, 31))]

    def test_by_year_opening_a_task_sentence_is_its_deadline(self):
        """``到2020年,…达到要求`` inside a task is due at the end of 2020."""
        text = (
            "二、主要任务\n"
            "(二)实施绿色生产。到2020年,大中型矿山达到绿色矿山建设要求。"
            "(自然资源部、工业和信息化部指导)\n"
        )
        plan = parse_plan(text, reference=dt.date(2018, 12, 29), overlay=None).plan
        assert [(m.task, m.when.end) for m in plan.milestones] == [(2, dt.date(2020, 12, 31))]

    def test_fuze_bumen_and_shijian_jindu_columns(self):
        """A 分工表 with 负责部门 and 时间进度 columns (tab-separated) gives tasks with deadlines."""
        text = (
            "附件\n"
            "重点任务分工及进度安排表\n"
            "序号\t工作任务\t负责部门\t时间进度\n"
            "1\t制订医疗救助政策措施\t民政部、国务院扶贫办\t2016年12月底前完成\n"
            "2\t制订健康扶贫工作考核办法\t国家卫生计生委\t2016年6月底前完成\n"
        )
        plan = parse_plan(text, reference=dt.date(2016, 6, 20), overlay=None).plan
        assert [[r.owner.name for r in t.responsibilities] for t in plan.tasks] == [
            ["民政部", "国务院扶贫办"],
            ["国家卫生计生委"],
        ]
        assert sorted((m.task, m.when.end) for m in plan.milestones) == [
            (1, dt.date(2016, 12, 31)),
            (2, dt.date(2016, 6, 30)),
        ]

    def test_attachment_table_is_not_under_the_last_item(self):
        """Rows of an attached 分工表 after ``附件`` are tasks of their own, and the item before
        the attachment keeps its own clause."""
        text = (
            "十、加强组织实施\n"
            "(三)加强医改宣传等工作。加大政策解读力度。(卫生计生委、中央宣传部负责)\n"
            "附件\n"
            "序号\t工作任务\t牵头部门\t时间进度\n"
            "1\t制订医改规划\t国务院医改办\t2016年6月底前完成\n"
        )
        plan = parse_plan(text, reference=dt.date(2016, 4, 21), overlay=None).plan
        assert [t.title for t in plan.tasks] == ["加强医改宣传等工作", "制订医改规划"]

    def test_bracketed_region_list_inside_a_name_stays_whole(self):
        """``各省〔区、市〕人民政府`` is one unit; the 、 inside 〔〕 does not split it."""
        duty = parse_responsibility("各省〔区、市〕人民政府、人力资源社会保障部、卫生计生委负责")
        assert duty is not None
        assert duty.names == ("各省〔区、市〕人民政府", "人力资源社会保障部", "卫生计生委")

    def test_item_run_on_after_spaces_starts_its_own_line(self):
        """``…参与)  (二)选择…`` in one stored paragraph is two items."""
        text = (
            "八、推进卫生信息化建设\n"
            "(一)统筹推进平台建设。(卫生计生委负责,统计局参与)\u3000\u3000"
            "(二)选择地区推进大数据应用试点。(卫生计生委、中医药局负责)\n"
        )
        plan = parse_plan(text, reference=dt.date(2016, 4, 21), overlay=None).plan
        assert [t.title for t in plan.tasks] == ["统筹推进平台建设", "选择地区推进大数据应用试点"]


@pytest.mark.parametrize("number", ["1. ", "1、", "12、", "3. "])
@pytest.mark.parametrize("start", ["2025年6月底前完成入库", "10个乡镇年底前完成"])
def test_a_clause_starting_with_a_digit_is_an_item(number, start):
    """1、2025年6月底前完成…: the item's number is not taken for a decimal (1.2025) or refused."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年3月1日\n一、重点任务\n"
        f"{number}{start}。（牵头单位：县教育局）\n"
        f"{int(number.strip('.、 ')) + 1}.推进整改。（牵头单位：县人社局）\n"
    )
    tasks = parse_plan(text).plan.tasks
    assert [(t.lead.name, t.title) for t in tasks] == [
        ("县教育局", start),
        ("县人社局", "推进整改"),
    ]


def test_a_decimal_a_line_break_cut_is_no_item():
    """增长\\n6. 5%以上: the decimal 6.5 (a line break before it), not an item 6."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年3月1日\n一、重点任务\n"
        "1.城镇居民人均可支配收入增长\n6. 5%以上，2025年底前完成。（责任单位：县发改局）\n"
    )
    tasks = parse_plan(text).plan.tasks
    assert [(t.number, t.lead.name) for t in tasks] == [(1, "县发改局")]


@pytest.mark.parametrize("months", ["3、4月份", "2、3月", "11、12月"])
def test_two_months_listed_at_a_line_start_are_no_item(months):
    """3、4月份，集中开展…: March and April, not item 3 of title 4月份."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年3月1日\n一、重点任务\n"
        "1.开展隐患排查。（责任单位：县应急管理局）\n工作安排如下：\n"
        f"{months}，集中开展排查整治。\n2.推进整改。（责任单位：县住建局）\n"
    )
    tasks = parse_plan(text).plan.tasks
    assert [(t.number, t.lead.name) for t in tasks] == [(1, "县应急管理局"), (2, "县住建局")]


def test_items_numbered_with_a_comma_may_start_with_a_month():
    """1、3月底前完成摸底排查 in a list 1、 2、 3、: item 1 due in March, not January and March."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年3月1日\n一、重点任务\n"
        "1、3月底前完成摸底排查。（责任单位：县应急管理局）\n"
        "2、6、9月底前完成整改。（责任单位：县住建局）\n"
        "3、集中开展排查整治。（责任单位：县民政局）\n"
        "4、12月底前完成验收。（责任单位：县财政局）\n"
    )
    plan = parse_plan(text).plan
    assert [(t.number, t.lead.name) for t in plan.tasks] == [
        (1, "县应急管理局"),
        (2, "县住建局"),
        (3, "县民政局"),
        (4, "县财政局"),
    ]
    dues = [(m.task, m.due.isoformat()) for m in plan.milestones]
    assert dues == [(1, "2025-03-31"), (2, "2025-06-30"), (2, "2025-09-30"), (4, "2025-12-31")]


def test_steps_numbered_with_a_comma_may_start_with_a_month():
    """实施步骤 1、3月底前… 2、6月底前…: one milestone each, in March and June."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n"
        "（一）监测帮扶。（责任单位：县民政局）\n二、实施步骤\n"
        "1、3月底前完成摸底排查。\n2、6月底前完成整改。\n"
    )
    plan = parse_plan(text).plan
    assert sorted(m.due.isoformat() for m in plan.milestones) == ["2025-03-31", "2025-06-30"]


@pytest.mark.parametrize(
    ("lines", "titles", "dues"),
    [
        # no item 2、 follows: January and February
        (
            "1、2月份，集中开展排查整治。（责任单位：县民政局）\n工作要求如下。",
            ["重点任务"],
            ["2025-01-31", "2025-02-28"],
        ),
        # the open item is written 1.: item 1's months
        (
            "1.开展排查。\n2、3月，集中开展排查整治。（责任单位：县民政局）",
            ["开展排查"],
            ["2025-02-28", "2025-03-31"],
        ),
        # 3 does not follow 1
        (
            "1、开展排查。\n3、4月，集中开展排查整治。（责任单位：县民政局）",
            ["开展排查"],
            ["2025-03-31", "2025-04-30"],
        ),
    ],
)
def test_months_listed_at_a_line_start_outside_a_list_stay_months(lines, titles, dues):
    from xiaojie.parsing import parse_plan

    text = f"关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n{lines}\n"
    plan = parse_plan(text).plan
    assert [t.title for t in plan.tasks] == titles
    assert [m.due.isoformat() for m in plan.milestones] == dues


def test_an_item_among_tasks_that_names_no_unit_is_noted():
    """（二） without a clause between two tasks is no task, and the report says so."""
    from xiaojie.parsing import parse_plan
    from xiaojie.parsing._report import NoteKind

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n"
        "（一）加强监测帮扶。（责任单位：县民政局）\n"
        "（二）加强产业帮扶，6月底前完成。\n"
        "（三）加强就业帮扶。（责任单位：县人社局）\n"
        "二、保障措施\n（一）加强组织领导。\n（二）强化督导考核。\n"
    )
    result = parse_plan(text)
    assert [t.number for t in result.plan.tasks] == [1, 3]
    skipped = [n for n in result.report.notes if n.kind is NoteKind.SKIPPED]
    assert [(n.line, n.sentence) for n in skipped] == [(5, "(二)加强产业帮扶,6月底前完成")]
    assert "names no responsible unit" in skipped[0].message


def test_an_item_whose_sub_items_are_tasks_is_not_noted():
    from xiaojie.parsing import parse_plan
    from xiaojie.parsing._report import NoteKind

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n"
        "（一）加强监测帮扶。（责任单位：县民政局）\n（二）加强产业帮扶。\n"
        "1.发展特色产业。（责任单位：县农业农村局）\n2.壮大村集体经济。（责任单位：县财政局）\n"
    )
    result = parse_plan(text)
    assert [t.title for t in result.plan.tasks] == [
        "加强监测帮扶",
        "发展特色产业",
        "壮大村集体经济",
    ]
    assert not [n for n in result.report.notes if n.kind is NoteKind.SKIPPED]


# The head of a notice broken at a fixed width (its title takes the width: 24 characters).
_PRINTED_HEAD = (
    "关于印发某县巩固拓展脱贫攻坚成果工作方案的通知",
    "发文时间：2025年1月10日",
    "一、重点任务",
)


def test_items_starting_with_a_month_in_a_text_broken_at_a_fixed_width():
    """A line 3、9月底前… after a full line ending item 2 starts item 3; it is not joined to it."""
    from xiaojie.parsing import parse_plan

    lines = [
        *_PRINTED_HEAD,
        "1、3月底前完成全县防止返贫动态监测集中排查，",
        "对新识别监测对象及时落实帮扶措施，确保应纳尽",
        "纳。（牵头单位：县农业农村局；配合单位：县民政局",
        "）",
        "2、6月底前完成全县帮扶项目资产清查登记工作，",
        "建立健全资产管理台账，明确权属和管护责任主体",
        "。（牵头单位：县财政局；配合单位：县审计局）",
        "3、9月底前完成全县产业帮扶项目绩效评价工作，",
        "对评价结果较差的项目及时督促整改落实到位并且",
        "形成报告。（牵头单位：县发展改革局）",
    ]
    plan = parse_plan("\n".join(lines)).plan
    # the notice's title takes the width too: 发文时间 on the next line is not joined to it
    assert (plan.title, plan.published) == (
        "某县巩固拓展脱贫攻坚成果工作方案",
        dt.date(2025, 1, 10),
    )
    assert [(t.number, [u.name for u in t.units]) for t in plan.tasks] == [
        (1, ["县农业农村局", "县民政局"]),
        (2, ["县财政局", "县审计局"]),
        (3, ["县发展改革局"]),
    ]
    assert [(m.task, m.due.isoformat()) for m in plan.milestones] == [
        (1, "2025-03-31"),
        (2, "2025-06-30"),
        (3, "2025-09-30"),
    ]


@pytest.mark.parametrize("key", ["发文时间", "发布日期", "成文日期", "日期"])
def test_a_date_line_after_a_title_taking_the_width_is_not_joined_to_it(key):
    from xiaojie.parsing import parse_plan

    lines = [
        _PRINTED_HEAD[0],
        f"{key}：2025年1月10日",
        _PRINTED_HEAD[2],
        "1、开展防止返贫动态监测集中排查工作，对新识",
        "别监测对象及时落实帮扶措施。（牵头单位：县农业",
        "农村局）",
        "2、做好帮扶项目资产清查登记工作，全县分两批完",
        "成，建立台账，确保账实相符，按时报送清查结果",
        "。（牵头单位：县财政局）",
    ]
    plan = parse_plan("\n".join(lines)).plan
    assert (plan.title, plan.published) == (
        "某县巩固拓展脱贫攻坚成果工作方案",
        dt.date(2025, 1, 10),
    )


def test_a_month_list_inside_a_broken_sentence_stays_in_it():
    """…计划在 / 3、4月份完成… mid-sentence is the sentence's, not item 3."""
    from xiaojie.parsing import parse_plan

    lines = [
        *_PRINTED_HEAD,
        "1、开展防止返贫动态监测集中排查工作，全县计划",
        "于今年的二季度完成，各乡镇要按时报送结果。（牵",
        "头单位：县农业农村局）",
        "2、做好帮扶项目资产清查登记工作，全县计划在今",
        "3、4月份完成清查并建立台账，确保账实相符到位",
        "。（牵头单位：县财政局）",
    ]
    plan = parse_plan("\n".join(lines)).plan
    assert [(t.number, [u.name for u in t.units]) for t in plan.tasks] == [
        (1, ["县农业农村局"]),
        (2, ["县财政局"]),
    ]


@pytest.mark.parametrize(
    "second",
    ["2、6月底前完成整改。\n责任单位：县住建局", "2、加强督导检查。\n责任单位：县住建局"],
)
def test_an_item_starting_with_a_month_whose_clause_stands_on_its_own_line(second):
    """1、3月底前… / 责任单位：… / 2、…: item 2 is looked for past item 1's own lines."""
    from xiaojie.parsing import parse_plan

    text = (
        "关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n"
        f"1、3月底前完成摸底排查。\n责任单位：县应急管理局\n{second}\n"
    )
    plan = parse_plan(text).plan
    assert [(t.number, t.lead.name) for t in plan.tasks] == [(1, "县应急管理局"), (2, "县住建局")]
    assert (plan.milestones[0].task, plan.milestones[0].due) == (1, dt.date(2025, 3, 31))


@pytest.mark.parametrize(
    ("items", "noted"),
    [
        # （二） between （一） and （三）, whose sub-items are tasks; （四） is a name without a
        # sentence (a group of a table's rows): not noted
        (
            (
                "（一）加强监测\n1.开展排查。（责任单位：县民政局）\n"
                "（二）加强产业帮扶，6月底前完成。\n"
                "（三）加强就业\n1.开展培训。（责任单位：县人社局）\n"
                "（四）行动四：稳岗就业行动\n（五）加强培训\n1.开展技能培训。（责任单位：县人社局）\n"
            ),
            [(6, "(二)加强产业帮扶,6月底前完成")],
        ),
        # a sentence without a full stop
        (
            (
                "1.开展排查。（责任单位：县民政局）\n2.加强宣传教育,9月底前完成\n"
                "3.开展培训。（责任单位：县人社局）\n"
            ),
            [(5, "2.加强宣传教育,9月底前完成")],
        ),
    ],
)
def test_an_item_between_tasks_without_a_unit_is_noted(items, noted):
    from xiaojie.parsing import parse_plan
    from xiaojie.parsing._report import NoteKind

    text = f"关于印发某县工作方案的通知\n发文时间：2025年1月10日\n一、重点任务\n{items}"
    result = parse_plan(text)
    skipped = [n for n in result.report.notes if n.kind is NoteKind.SKIPPED]
    assert [(n.line, n.sentence) for n in skipped] == noted


def test_a_month_list_after_an_item_not_led_by_a_month_stays_in_its_sentence():
    """…全县分两批完成。 / 3、4月份完成第一批清查…: after 2、做好… (no month leads it) the line
    broken at the width goes on item 2's text; it is not an item 3."""
    from xiaojie.parsing import parse_plan

    lines = [
        *_PRINTED_HEAD,
        "1、开展防止返贫动态监测集中排查工作，对新识",
        "别监测对象及时落实帮扶措施。（牵头单位：县农业",
        "农村局）",
        "2、做好帮扶项目资产清查登记工作，全县分两批完成。",
        "3、4月份完成第一批清查，建立台账，确保账实相符",
        "。（牵头单位：县财政局）",
    ]
    plan = parse_plan("\n".join(lines)).plan
    assert [(t.number, [u.name for u in t.units]) for t in plan.tasks] == [
        (1, ["县农业农村局"]),
        (2, ["县财政局"]),
    ]
    assert [(m.task, m.due.isoformat()) for m in plan.milestones] == [
        (2, "2025-03-31"),
        (2, "2025-04-30"),
    ]
