"""A plan's title among page residue, the plan named by a notice, and the due dates of targets.

The cases come from the real corpus (``tests/data/real``): the title is the document's title
line, not the navigation, metadata rows or citation codes a saved page puts before it; a notice
that issues a plan (``…关于印发《X》的通知``) names the plan ``X``; a year a value is compared
with (``比2010年``) dates no target, and a result stated for a year before the plan is no target.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import real_corpus as rc
import xiaojie as xj
from xiaojie.io import bundled_source_text
from xiaojie.parsing import NoteKind, parse_plan


DOCUMENTS = {document.slug: document for document in rc.load_corpus()}


def _parse(slug: str) -> xj.parsing.ParseResult:
    document = DOCUMENTS[slug]
    return parse_plan(document.text, reference=document.reference)


def _full_slug(prefix: str) -> str:
    (slug,) = [s for s in DOCUMENTS if s.startswith(prefix)]
    return slug


TASK = "一、发展产业\n(一)加快建设汽车产业基地。(牵头单位:市经贸委;配合单位:市发改委、规划局)\n"
TOP_TASK = "1.加快建设汽车产业基地。(牵头单位:市经贸委;配合单位:市发改委、规划局)\n"
"""A task under no heading: its part is named after the plan."""


class TestTitleAmongResidue:
    @pytest.mark.parametrize(
        ("prefix", "title"),
        [
            ("cn-guofa-2020-6-fengong", "国务院关于落实《政府工作报告》重点工作部门分工的意见"),
            ("cn-guobanhan-2016-38-lianghua", "2016年《政府工作报告》量化指标任务分工"),
            ("bj-shijingshan", "贯彻落实《关于加强新时代街道工作的意见》的任务分解方案"),
            ("zj-jiaxing", "2023年政府工作报告重点工作和市政府民生实事项目责任分解"),
            ("sx-yuncheng", "运城市突发事件应急体系建设“十三五”规划责任分解"),
            ("sd-jinxiang-2025", "2025年金乡县政府重要工作事项责任分工"),
            ("zj-haiyan", "政府工作报告2022年重点工作责任分解"),
            ("gs-ganzhengbanfa-2016-112-yigai", "甘肃省深化医药卫生体制改革2016年重点工作任务"),
            ("sc-guangyuan-shejian-2018-zhenggai", "2017年度脱贫攻坚成效考核反馈问题整改实施方案"),
            ("gd-yuefu-2021-22-fengong", "2021年省《政府工作报告》重点任务分工方案"),
        ],
    )
    def test_title_is_the_title_line(self, prefix, title):
        """Navigation words, metadata rows and citation codes before the title are skipped."""
        plan = _parse(_full_slug(prefix)).plan

        assert title == plan.title

    def test_navigation_word_alone_is_no_title(self):
        """咸阳's page has 全文 and then the text: no title line, so the default title is used."""
        result = _parse("sn-xianyang-fangguanfu-2022-trad")

        assert "未命名方案" == result.plan.title
        assert any(n.kind is NoteKind.DEFAULTED for n in result.report.notes)

    def test_home_page_is_no_part(self):
        """The 嘉兴 table's tasks are in a part named after the plan, not 首页."""
        plan = _parse(_full_slug("zj-jiaxing")).plan

        assert ["2023年政府工作报告重点工作和市政府民生实事项目责任分解"] == [
            c.name for c in plan.campaigns
        ]

    def test_metadata_rows_without_leading_bar_are_the_header(self):
        """金乡's 索 引 号 | … | rows and 海盐's 文件编号: | … | rows are read as header fields."""
        jinxiang = _parse(_full_slug("sd-jinxiang-2025")).plan
        haiyan = _parse(_full_slug("zj-haiyan")).plan

        assert ("11370828593615886A/2025-00693", "金乡县人民政府办公室") == (
            jinxiang.index_number,
            jinxiang.publisher,
        )
        assert ("盐政办发〔2022〕16号", "113304240025561412/2022-69894") == (
            haiyan.document_number,
            haiyan.index_number,
        )
        assert not any(m.title.startswith("成文日期") for m in jinxiang.milestones)

    @pytest.mark.parametrize(
        ("slug", "title"),
        [
            ("cn-guofa-2019-3-zongbao", "国务院关于促进综合保税区高水平开放高质量发展的若干意见"),
            ("he-shijiazhuang-shouru", "石家庄市人民政府关于促进居民收入增长的实施意见"),
            ("gd-yuefubanfa-2023-5-minjian-spun", "广东省进一步加鼎力度支持民间投资生长实行方案"),
        ],
    )
    def test_title_broken_over_lines(self, slug, title):
        """A title printed over two to four lines, the first with 关于, is read whole."""
        assert title == _parse(slug).plan.title

    @settings(max_examples=60, deadline=None)
    @given(
        residue=st.lists(
            st.sampled_from(
                [
                    "首页",
                    "返回首页",
                    "全文",
                    "法规库",
                    "电脑桌面",
                    "政府信息公开",
                    "当前位置首页",
                    "简体版 繁體版 信息无障碍",
                    "加入收藏|繁體中文|表格下载",
                    "【法宝引证码】CLI.1.304262",
                    "【时效性】尚未施行",
                    "索 引 号 | 11370828593615886A/2025-00693 | 公开方式 | 主动公开 |",
                    "文件编号: | 盐政办发〔2022〕16号 | 组配分类: | 政府工作报告 |",
                    "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
                    "栏目:策划方案发布:2019-04-17浏览:3013下载230次收藏",
                    "某市人民政府文件",
                    "某政发〔2025〕3号",
                ]
            ),
            min_size=1,
            max_size=6,
        ),
        title=st.sampled_from(
            ["某县2025年重点工作任务分工方案", "某市2024年政府工作报告重点工作责任分解"]
        ),
    )
    def test_any_residue_before_the_title(self, residue, title):
        """Whatever residue and metadata lines come first, the title line is the title."""
        text = "\n".join([*residue, title, "各乡镇人民政府:", "2025年3月1日", TOP_TASK])

        plan = parse_plan(text).plan

        assert title == plan.title
        assert [title] == [c.name for c in plan.campaigns]


class TestPlanNamedByNotice:
    @pytest.mark.parametrize(
        ("slug", "title"),
        [
            ("sh-jiaotongwei-2024-jingxihua", "上海市交通领域精细化管理三年行动计划(2024-2026年)"),
            ("hb-xialu-2020-fenjie", "2020年区政府重点工作责任分解"),
            ("sh-jiading-2024-23-haimian", "嘉定区系统化全域推进海绵城市建设的实施方案"),
            ("cn-guobanfa-2018-128-wufei", "“无废城市”建设试点工作方案"),
        ],
    )
    def test_notice_names_the_plan(self, slug, title):
        """关于印发《X》的通知, 关于印发X的通知 and 关于转发《X》的通知 give the title X."""
        assert title == _parse(slug).plan.title

    def test_opinion_keeps_its_title(self):
        """A title that issues no plan (…关于落实…的意见) is kept whole."""
        plan = _parse("cn-guofa-2020-6-fengong").plan

        assert "国务院关于落实《政府工作报告》重点工作部门分工的意见" == plan.title

    def test_bundled_plan_title_unchanged(self):
        """The bundled plan's title, read from its 标题 row, is the curated plan's title."""
        plan = parse_plan(bundled_source_text(), reference=dt.date(2025, 6, 18)).plan

        assert xj.load_plan().title == plan.title

    @settings(max_examples=60, deadline=None)
    @given(
        issuer=st.sampled_from(["", "某县人民政府", "某市人民政府办公室", "国务院办公厅"]),
        verb=st.sampled_from(["印发", "转发"]),
        name=st.sampled_from(
            [
                "某县2025年重点工作任务分工方案",
                "2023年政府工作报告重点工作责任分解",
                "某行动计划(2024-2026年)",
            ]
        ),
        brackets=st.booleans(),
    )
    def test_any_notice(self, issuer, verb, name, brackets):
        """Any issuer, 印发 or 转发, with or without 《》: the plan's title is the name issued."""
        quoted = f"《{name}》" if brackets else name
        text = "\n".join([f"{issuer}关于{verb}{quoted}的通知", "2025年3月1日", TASK])

        assert name == parse_plan(text).plan.title


def _targets(plan: xj.Plan) -> dict[str, list[dt.date | None]]:
    return {
        i.name: [t.due.end if t.due is not None else None for t in i.targets]
        for i in plan.indicators
    }


class TestTargetDues:
    def test_year_after_dao_not_base_year(self):
        """石家庄: 到2018年…比2010年实现翻一番,城镇居民…达到36600元以上: due 2018, not 2010."""
        plan = _parse("he-shijiazhuang-shouru").plan
        dues = _targets(plan)

        assert [dt.date(2018, 12, 31)] == dues["城镇居民人均可支配收入"]
        assert [dt.date(2018, 12, 31)] == dues["农民人均纯收入"]

    def test_result_of_past_year_is_no_target(self):
        """医改 2016: 2015年,人均预期寿命达到76.34岁 states a result; it is reported, no target."""
        result = _parse("cn-guobanfa-2016-26-yigai")
        reference = DOCUMENTS["cn-guobanfa-2016-26-yigai"].reference

        past = [
            (i.name, t.due)
            for i in result.plan.indicators
            for t in i.targets
            if t.due is not None and t.due.end is not None and t.due.end < reference
        ]
        assert [] == past
        skipped = [n.phrase for n in result.report.notes if n.kind is NoteKind.SKIPPED]
        assert {"达到76.34", "下降到30%以下"} <= set(skipped)

    def test_last_years_level_is_no_deadline(self):
        """东莞: 裁员率放宽到上年度全国城镇调查失业率控制目标 makes no milestone due 2020-12-31."""
        plan = _parse("gd-dongguan-2021-54-jiuye-trad").plan

        assert [] == [m.title for m in plan.milestones if m.due == dt.date(2020, 12, 31)]

    @settings(max_examples=60, deadline=None)
    @given(
        due=st.integers(2016, 2035),
        back=st.integers(1, 15),
        word=st.sampled_from(["比", "较"]),
        amount=st.integers(1000, 99999),
    )
    def test_base_year_dates_no_target(self, due, back, word, amount):
        """到T年…比B年翻一番,X达到N元以上: the target is due at the end of T, whatever B is."""
        base = due - back
        goal = f"到{due}年全市居民人均可支配收入{word}{base}年实现翻一番,城镇居民人均可支配收入达到{amount}元以上。"
        text = f"某市收入增长实施方案\n2016年3月1日\n一、总体目标\n{goal}\n{TASK}"

        plan = parse_plan(text).plan

        assert [dt.date(due, 12, 31)] == _targets(plan)["城镇居民人均可支配收入"]

    @settings(max_examples=60, deadline=None)
    @given(year=st.integers(2005, 2030), value=st.integers(10, 99))
    def test_year_before_the_plan_states_a_result(self, year, value):
        """Y年,X率达到N%: a target when Y is not over at the reference date, else a result."""
        sentence = f"{year}年,农村自来水普及率达到{value}%。"
        text = f"某县供水方案\n2016年3月1日\n一、总体目标\n{sentence}\n{TASK}"

        result = parse_plan(text)

        dues = _targets(result.plan).get("农村自来水普及率")
        if year < 2016:
            assert dues is None
            assert any(n.kind is NoteKind.SKIPPED for n in result.report.notes)
        else:
            assert [dt.date(year, 12, 31)] == dues

    @settings(max_examples=30, deadline=None)
    @given(year=st.integers(2005, 2015), value=st.integers(10, 99))
    def test_deadline_wording_keeps_a_past_target(self, year, value):
        """到Y年 or 力争 says the value is still to be reached: a target, even if Y is past."""
        sentence = f"到{year}年,农村自来水普及率力争达到{value}%。"
        text = f"某县供水方案\n2016年3月1日\n一、总体目标\n{sentence}\n{TASK}"

        assert [dt.date(year, 12, 31)] == _targets(parse_plan(text).plan)["农村自来水普及率"]


@pytest.mark.parametrize(
    ("issuer", "verb"),
    [
        ("国务院办公厅", "关于印发"),
        ("上海市青浦区人民政府办公室", "关于印发"),
        ("某县人民政府", "印发"),
    ],
)
def test_the_body_issuing_the_notice_is_the_plans_issuer(issuer: str, verb: str) -> None:
    """国务院办公厅关于印发《X》的通知: the plan is X, issued by 国务院办公厅."""
    text = f"{issuer}{verb}《某县工作方案》的通知\n发文时间：2025年3月1日\n一、重点任务\n1.开展排查。（牵头单位：县教育局）\n"
    plan = parse_plan(text).plan
    assert (plan.title, plan.issuer) == ("某县工作方案", issuer)


def test_a_notice_without_an_issuer_gives_none() -> None:
    text = "关于印发《某县工作方案》的通知\n发文时间：2025年3月1日\n一、重点任务\n1.开展排查。（牵头单位：县教育局）\n"
    assert parse_plan(text).plan.issuer == ""
