"""Forms of State Council texts of 2018–2019 (gov.cn) that lost tasks, units or owners.

Each snippet is cut from a real document (named beside it, page on www.gov.cn); the parser read
it as written in the comment before the fix.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiaojie.parsing import parse_plan
from xiaojie.parsing._clauses import body_like, parse_responsibility
from xiaojie.parsing._input import split_run_on


R = dt.date(2019, 1, 1)

# 国办发〔2018〕126号, 第二批支持创新相关改革举措推广清单 (content_5355837): rows written one a
# line, cells apart by tabs, a row merged across the table as one cell
HEADER = "序号\t改革举措\t主要内容\t指导部门\t推广范围"
GROUP_1 = "一、知识产权保护方面（共5项）"
ROW_1 = "1\t知识产权民事、刑事、行政案件“三合一”审判\t整合分散的审判资源。\t最高人民法院、国家知识产权局\t全国"
ROW_2 = (
    "2\t以降低侵权损失为核心的专利保险机制\t开发专利保险产品。\t国家知识产权局、中国银保监会\t全国"
)
GROUP_2 = "二、科技成果转化激励方面（共4项）"
ROW_6 = "6\t技术经理人全程参与的科技成果转化服务模式\t技术经理人全程参与成果转化。\t科技部\t全国"
EMPTY_GROUP = "四、军民深度融合方面（共6项）"
GROUP_5 = "五、管理体制创新方面（共3项）"
ROW_21 = "21\t允许地方高校自主开展人才引进和职称评审\t将职称评审自主权下放给地方高校。\t教育部、人力资源社会保障部\t全国"


def _lines(*lines: str) -> str:
    return "\n".join(lines)


def _tasks(text: str, **options: object) -> list[tuple[int, str, int, list[str]]]:
    plan = parse_plan(text, reference=R, **options).plan  # type: ignore[arg-type]
    return [
        (t.number, t.title, t.campaign, [r.owner.name for r in t.responsibilities])
        for t in plan.tasks
    ]


COLUMNS = {"columns": {"指导部门": "units"}}


def test_a_group_row_right_after_the_header_is_the_campaign_of_the_rows() -> None:
    """No row was read: the merged row ended the table before its first row."""
    text = _lines(HEADER, GROUP_1, ROW_1, ROW_2)
    tasks = _tasks(text, **COLUMNS)
    assert [(n, title) for n, title, _, _ in tasks] == [
        (1, "知识产权民事、刑事、行政案件“三合一”审判"),  # the measure's name (改革举措) titles it
        (2, "以降低侵权损失为核心的专利保险机制"),
    ]
    assert [units for *_, units in tasks] == [
        ["最高人民法院", "国家知识产权局"],
        ["国家知识产权局", "中国银保监会"],
    ]
    plan = parse_plan(text, reference=R, **COLUMNS).plan  # type: ignore[arg-type]
    assert [c.name for c in plan.campaigns] == ["知识产权保护方面"]  # its count is no target


def test_group_rows_between_rows_keep_the_table_going() -> None:
    """Every row after the second group was lost; a group without rows is passed over."""
    text = _lines(HEADER, GROUP_1, ROW_1, GROUP_2, ROW_6, EMPTY_GROUP, GROUP_5, ROW_21)
    tasks = _tasks(text, **COLUMNS)
    assert [n for n, *_ in tasks] == [1, 6, 21]
    assert len({campaign for _, _, campaign, _ in tasks}) == 3
    assert tasks[-1][3] == ["教育部", "人力资源社会保障部"]


def test_a_group_row_repeated_in_every_cell_is_one_group() -> None:
    """A merged cell filled into every cell of its row (as a sheet's export gives it)."""
    repeated = "\t".join([GROUP_2.removesuffix("（共4项）")] * 5)
    tasks = _tasks(_lines(HEADER, repeated, ROW_6), **COLUMNS)
    assert [(n, units) for n, _, _, units in tasks] == [(6, ["科技部"])]


def test_a_heading_of_the_plan_after_the_last_row_still_ends_the_table() -> None:
    text = _lines(HEADER, ROW_1, "二、保障措施", "各地区要加强组织领导。")
    tasks = _tasks(text, **COLUMNS)
    assert [n for n, *_ in tasks] == [1]


@pytest.mark.parametrize(
    ("header", "options"),
    [
        ("序号\t任务\t承办单位", {}),
        ("序号\t任务\t推进单位", {}),
        ("序号\t任务\t实施单位", {}),
        ("序号\t任务\t指导部门", {}),
        # a header word the caller gives starts a table too
        ("序号\t任务\t督办科室", {"columns": {"督办科室": "units"}}),
    ],
)
def test_a_unit_column_of_any_known_header_word_starts_a_table(
    header: str, options: dict[str, object]
) -> None:
    """Only a line holding 牵头, 责任, 配合 … was taken for a header: no task was read."""
    text = _lines(header, "1\t开展排查。\t县民政局", "2\t做好衔接。\t县财政局")
    assert [(n, units) for n, _, _, units in _tasks(text, **options)] == [
        (1, ["县民政局"]),
        (2, ["县财政局"]),
    ]


@pytest.mark.parametrize(
    "note",
    [
        "以下简称县整治办",  # 国办发〔2018〕115号 writes （以下统称审核机构）
        "以下统称审核机构",
        "试行",
        "暂行",
        "免税进口的科研仪器设备按有关政策规定执行",  # 国办发〔2018〕126号
        "校",  # 内地西藏初中班（校）, 国办发〔1996〕32号
    ],
)
def test_a_note_in_brackets_names_no_body(note: str) -> None:
    """Each made a stray task whose lead was the note (行, 构, 校 end names of bodies)."""
    assert not body_like(note)
    assert parse_responsibility(note) is None
    text = f"一、重点任务\n（一）完善制度。制定管理办法（{note}）。\n（二）加强宣传。（县委宣传部负责）"
    assert [(n, units) for n, _, _, units in _tasks(text)] == [(2, ["县委宣传部"])]


@pytest.mark.parametrize("name", ["中国农业发展银行", "县人民法院执行局", "县政务服务中心"])
def test_bodies_ending_as_the_notes_do_stay_bodies(name: str) -> None:
    assert body_like(name)


def test_a_request_to_bodies_is_not_part_of_their_names() -> None:
    """国办发〔2018〕127号: 请科技部、… (the unit was 请科技部)."""
    text = (
        "一、重点任务\n1.健全制度。修订管理办法。（请省科技厅、省财政厅负责）\n"
        "2.加强宣传。（省委宣传部负责）"
    )
    assert [units for *_, units in _tasks(text)] == [["省科技厅", "省财政厅"], ["省委宣传部"]]


def test_a_national_body_opening_a_dated_sentence_owns_its_milestone() -> None:
    """国办发〔2019〕4号: owners were found only for names opening with 省, 市, 县 … (the name
    stayed in the title and the report said the body owned nothing)."""
    text = (
        "三、支撑体系\n（二）统一编码。2019年3月底前，国家卫生健康委推行全国统一的疾病分类编码。"
        "2019年6月底前，教育部完成评估。\n"
    )
    plan = parse_plan(text, reference=R).plan
    assert [(m.title, [o.name for o in m.owners], m.due) for m in plan.milestones] == [
        ("推行全国统一的疾病分类编码", ["国家卫生健康委"], dt.date(2019, 3, 31)),
        ("完成评估", ["教育部"], dt.date(2019, 6, 30)),
    ]


def test_a_word_opening_as_a_known_body_does_is_no_owner() -> None:
    """教育部门 is a word (departments of education), not 教育部 and 门."""
    text = "三、支撑体系\n（二）统一编码。2019年3月底前，教育部门完成评估。\n"
    plan = parse_plan(text, reference=R).plan
    assert [[o.name for o in m.owners] for m in plan.milestones] == [[]]


# 国发〔2018〕38号 as its saved page gives it: a section's heading and its items on one line, each
# item's clause followed by one space, or by nothing, before the next item's marker
RUN_ON = [
    (
        (
            "（一）借鉴北京市服务业扩大开放综合试点经验，放宽外商投资建设工程设计企业外籍技术人员的比例要求、"
            "放宽人才中介机构限制。"
        ),
        "（负责部门：人力资源社会保障部、住房城乡建设部、商务部）",
    ),
    (
        (
            "（二）编制下达全国土地利用计划时，考虑自贸试验区的实际情况，合理安排有关省（市）的用地计划；"
            "有关地方应优先支持自贸试验区建设。"
        ),
        "（负责部门：自然资源部）",
    ),
    (
        (
            "（三）在自贸试验区所在省（市）开展试点，支持外商投资设立人才中介机构，进一步扩大开放程度，"
            "提升服务水平。"
        ),
        "（负责部门：人力资源社会保障部）",
    ),
    (
        "（四）支持自贸试验区开展汽车平行进口试点，完善相关管理制度，促进汽车流通领域改革创新。",
        "（负责部门：商务部、海关总署）",
    ),
]


@pytest.mark.parametrize("between", [" ", "", "\u3000\u3000"])
def test_items_run_together_after_their_clauses_are_split(between: str) -> None:
    """One task was read, titled 营造优良投资环境(一)借鉴…, with the units of all four items (with
    two ideographic spaces the first item was lost)."""
    text = "一、营造优良投资环境 " + between.join(item + clause for item, clause in RUN_ON)
    tasks = _tasks(text)
    assert [(n, units) for n, _, _, units in tasks] == [
        (1, ["人力资源社会保障部", "住房城乡建设部", "商务部"]),
        (2, ["自然资源部"]),
        (3, ["人力资源社会保障部"]),
        (4, ["商务部", "海关总署"]),
    ]
    assert tasks[0][1].startswith("借鉴北京市服务业扩大开放")


def test_the_work_after_a_modal_and_a_date_titles_the_milestone() -> None:
    """国办发〔2019〕3号 and 〔2018〕118号 forms: the title was 县民政局要, the obligation's
    县民政局应当于公开… (the 于 of the date left in)."""
    text = (
        "三、工作安排\n（一）总结。县民政局要于2019年12月底前，对试点情况进行总结，形成总结报告。\n"
        "（二）公开。县民政局应当于每年1月31日前公开上年度救助数据。\n"
    )
    plan = parse_plan(text, reference=R).plan
    assert [(m.title, m.due) for m in plan.milestones] == [
        ("对试点情况进行总结", dt.date(2019, 12, 31))
    ]
    assert [o.title for o in plan.obligations] == ["县民政局应当公开上年度救助数据"]


def test_a_modal_title_keeps_its_words_when_the_next_clause_is_dated() -> None:
    # guard: the next clause is a step of its own (its own date), not this one's work
    text = "三、工作安排\n（一）推进。县民政局要于2019年6月底前，2019年9月底前完成。\n"
    plan = parse_plan(text, reference=R).plan
    assert [m.title for m in plan.milestones] == ["县民政局要", "完成"]


@pytest.mark.parametrize(
    "line",
    [
        # a 分工表 row whose unit cell ends in a bracket, its deadline cell after a tab
        "1\t开展集中排查\t县民政局\t各乡镇（街道）\t一、二季度",
        # a bracket in running text before words that open as a section's marker
        "按照《实施方案》（宁政办发〔2025〕3号）三、四季度各开展一次督导。",
        "重度残疾人（含智力、精神残疾）一、二级对象按月发放护理补贴。",
    ],
)
def test_a_bracket_before_words_like_a_marker_splits_nothing(line: str) -> None:
    """Guards of the run-on split: only an item's marker in brackets, with its words, starts a
    line after a clause's bracket (these were cut in two)."""
    assert split_run_on(line) == [line]
