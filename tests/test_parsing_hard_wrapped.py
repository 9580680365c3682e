"""A plan copied out of print: every line broken at the page's width, inside words and labels."""

import datetime as dt
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.io import bundled_source_text
from xiaojie.parsing import parse_plan
from xiaojie.parsing._input import unwrap_printed


TEXT = bundled_source_text()
HEADER_LINES = 4  # the web page's table of metadata above the plan: not printed text


def _columns(ch: str) -> int:
    return 1 if ch.isascii() and (ch.isalnum() or ch == " ") else 2


def printed(text: str, width: int) -> str:
    """Break every line of the plan's body at ``width`` columns, as a PDF viewer copies it."""
    out = []
    for number, line in enumerate(text.split("\n")):
        if number < HEADER_LINES or not line.strip():
            out.append(line)
            continue
        piece, used = "", 0
        for ch in line:
            if used + _columns(ch) > width:
                out.append(piece)
                piece, used = "", 0
            piece += ch
            used += _columns(ch)
        out.append(piece)
    return "\n".join(out)


def _shape(plan):
    return (
        [
            (t.number, t.title, [(r.owner.name, r.role) for r in t.responsibilities])
            for t in plan.tasks
        ],
        [(m.id, m.when, m.title, m.owners) for m in plan.milestones],
        [(o.id, o.cadence, o.title, o.owners) for o in plan.obligations],
        [(i.id, i.targets) for i in plan.indicators],
        sorted(u.name for u in plan.units),
    )


@functools.cache
def _whole():
    return _shape(parse_plan(TEXT).plan)


@settings(max_examples=12, deadline=None)
@given(width=st.integers(40, 90))
def test_a_printed_copy_parses_as_the_plan(width):
    """The bundled plan broken at any width from 20 to 45 characters parses to the same plan.

    Names (县乡村振兴局 / 兴局), labels (（责任 / 单位：…）) and sentences are cut at the
    width; a line that ends a sentence at the width goes on too.
    """
    copy = printed(TEXT, width)
    assert copy != TEXT

    assert _shape(parse_plan(copy).plan) == _whole()


@settings(max_examples=30, deadline=None)
@given(width=st.integers(40, 90))
def test_line_numbers_stay_those_of_the_file(width):
    """Joined lines leave empty lines, so a note's line is the line of the file."""
    copy = printed(TEXT, width)

    assert len(unwrap_printed(copy).split("\n")) == len(copy.split("\n"))


def test_a_plan_of_one_paragraph_a_line_is_left_as_it_is():
    assert unwrap_printed(TEXT) == TEXT


def test_a_few_alike_lines_are_not_a_width():
    """Menu lines repeated at the top of a page do not make a text broken at their width."""
    lines = [
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "某县2025年重点工作任务分工方案",
        "各乡镇人民政府:",
        "2025年3月1日",
    ]
    text = "\n".join(lines)

    assert unwrap_printed(text) == text


def test_a_label_line_is_not_joined_but_a_label_cut_in_a_bracket_is():
    lines = [
        "1.开展防止返贫动态监测专项排查，全面摸清风险底数，6月",
        "底前完成排查。（责任",
        "单位：县乡村振兴局、县财政局、县民政局、县教育体育局）",
        "2.加强产业帮扶，推动脱贫地区特色产业提质增效，10月底",
        "前完成项目验收，巩固提升帮扶产业发展成效，确保项目见效",
        "牵头单位：县农业农村局",
        "3.强化就业帮扶，确保脱贫劳动力务工规模稳定，年底前完",
        "成目标任务，持续扩大劳务输出规模，稳定务工就业收入水平",
    ]
    joined = unwrap_printed("\n".join(lines)).split("\n")

    assert joined[0].endswith("（责任单位：县乡村振兴局、县财政局、县民政局、县教育体育局）")
    assert joined[3].endswith("确保项目见效")
    assert joined[5] == "牵头单位：县农业农村局"


SPACED_ROWS = """某县2025年重点工作任务分工表
序号 工作任务 牵头单位 完成时限
1 开展防止返贫动态监测专项排查 县乡村振兴局 6月底前
2 推进脱贫地区特色产业提质增效 县农业农村局 9月底前
3 强化就业帮扶稳定务工规模总量 县人社局 12月底前
4 加强农村低收入人口常态化帮扶 县民政局 12月底前
5 实施乡村建设行动村庄规划编制 县自然资源局 10月底前
6 推动农村人居环境整治提升行动 县住建局 11月底前
"""
SHORT_LIST = """某县2025年重点工作任务
重点任务清单
加快推进县城北区污水处理厂建设项目
全面完成农村人居环境整治提升任务
持续推进城乡供水一体化工程建设
稳步推进老旧小区改造提升工程项目
深入开展农村生活垃圾分类试点工作
牵头单位：县住房城乡建设局
完成时限：2025年12月底前
"""


def test_rows_typed_with_single_spaces_are_not_a_width():
    """A 分工表 typed as text, cells apart by one space, keeps its rows: six tasks, not one."""
    assert unwrap_printed(SPACED_ROWS) == SPACED_ROWS
    assert len(parse_plan(SPACED_ROWS, reference=dt.date(2025, 3, 1)).plan.tasks) == 6


def test_a_list_of_short_lines_alike_is_not_a_page():
    assert unwrap_printed(SHORT_LIST) == SHORT_LIST


CUT_LABEL = """某县方案
一、重点任务
1.加快推进农村公路提档升级改造，全面提升通行保障能力，10月底前完成建设。责任
单位：县交通运输局、县财政局
2.加强产业帮扶，推动脱贫地区特色产业提质增效，持续巩固提升帮扶产业发展成效
，确保项目见效。牵头单位：县农业农村局
3.强化就业帮扶，确保脱贫劳动力务工规模稳定，年底前完成目标任务，持续扩大劳
务输出规模，稳定务工就业收入水平。牵头单位：县人力资源社会保障局
4.加强兜底保障，落实各类强农惠农富农支持政策，按时足额精准发放政策性补助资金
。牵头单位：县民政局
5.改善农村人居环境，持续推进农村厕所革命和生活垃圾污水治理，9月底前完成年度
任务。牵头单位：县住房和城乡建设局
6.加强乡村治理，深化农村移风易俗，推进文明村镇创建，年底前完成评选表彰工作。
牵头单位：县委宣传部
"""


def test_a_label_cut_outside_brackets_is_joined_and_a_whole_label_line_kept():
    """ "责任" / "单位：…" is one label; "牵头单位：…" on its own line stays a label line."""
    plan = parse_plan(CUT_LABEL, reference=dt.date(2025, 3, 1)).plan

    owners = {t.number: [r.owner.name for r in t.responsibilities] for t in plan.tasks}
    assert owners[1] == ["县交通运输局", "县财政局"]
    assert owners[6] == ["县委宣传部"]
    assert len(owners) == 6


FILLER = (
    "全面落实防止返贫动态监测和帮扶机制健全常态化排查工作机制做到早发现早干预早帮扶确保不发生规"
    "模性返贫致贫现象坚持精准施策分类帮扶对有劳动能力的监测对象落实开发式帮扶措施对无劳动能力的"
    "落实兜底保障措施强化部门协同联动机制加强农业农村民政人社等部门数据共享定期开展数据比对分析"
    "及时发现风险隐患并推送核实处置形成发现核实帮扶消除的闭环管理机制确保各项帮扶政策落实到位"
)


def test_an_indented_line_starts_a_paragraph():
    """A line indented as a paragraph's first ("　　坚持…") is not joined to a full line above.

    Three paragraphs of three lines of 30 characters (the first indented by two), each ending
    with its sentence exactly at the width.
    """
    paragraphs = [(FILLER * 2)[n * 88 : n * 88 + 87] + "。" for n in range(3)]
    lines = []
    for text in paragraphs:
        lines += ["\u3000\u3000" + text[:28], text[28:58], text[58:]]
    joined = [line for line in unwrap_printed("\n".join(lines)).split("\n") if line]

    assert [line.strip("\u3000") for line in joined] == paragraphs


def test_a_dash_led_paragraph_starts_a_paragraph():
    """ "——坚持…" paragraphs (principles a 公文 lists), each ending at the width, stay apart."""
    paragraphs = ["——" + (FILLER * 2)[n * 88 : n * 88 + 85] + "。" for n in range(3)]
    lines = []
    for text in paragraphs:
        lines += [text[:30], text[30:60], text[60:]]
    joined = [line for line in unwrap_printed("\n".join(lines)).split("\n") if line]

    assert joined == paragraphs


def test_a_number_apart_from_its_unit_is_no_table_cell():
    """A PDF's "〔2015〕14 号" or "2016 年" inside a sentence leaves its line a piece to join."""
    from xiaojie.parsing._structure import table_like

    sentence = (
        "落实《国务院办公厅关于印发全国医疗卫生服务体系规划纲要的通知》（国办发〔2015〕14 号），"
        "按照填平补齐原则，实施贫困地区县级医院、乡镇卫生院、村卫生室标准化建设，2016 年底前完成。"
    )
    items = [f"{n}.{sentence}" for n in range(1, 7)]
    wrapped = printed("\n" * HEADER_LINES + "\n".join(items), 60)
    assert wrapped.count("\n") > 3 * len(items)
    assert [line for line in unwrap_printed(wrapped).split("\n") if line] == items
    assert not table_like("务体系规划纲要的通知》（国办发〔2015〕14 号），按照填平补齐原则")
    assert not table_like(
        "根据《中共中央办公厅 国务院办公厅印发关于进一步完善医疗卫生服务体系的意见》"
    )
    assert table_like("1 开展排查 县乡村振兴局 6月底前")
    assert table_like("国家卫生计生委     国务院扶贫办")


@pytest.mark.parametrize(
    ("line", "row"),
    [
        # rows typed with single spaces, a row's number first, or a short line of two cells
        ("2 项目建设 县发改局", True),
        ("3 户厕改造 县农业农村局", True),
        ("1 年度考核 县委组织部", True),
        ("序号 任务", True),
        ("一、总体要求 二、重点任务", True),
        ("任务 2000 9月底前", True),
        # numbers and their units apart in a sentence, as a PDF's text has them
        ("计划于 2024 年 6 月底前完成全部排查任务，确保不漏一户不落一人，各乡镇要高度重视", False),
        ("截至 2023 年底，全县累计完成 1200 户改造任务，各乡镇要高度重视切实抓好落实工作", False),
        ("共培训 1200 人次，发放补贴 300 万元，各乡镇要高度重视切实抓好落实工作确保见效", False),
    ],
)
def test_rows_and_sentences_with_single_spaces(line, row):
    from xiaojie.parsing._structure import table_like

    assert table_like(line) is row


def test_a_dash_inside_a_sentence_cut_at_the_width_is_joined():
    """A line cut mid-sentence at the width takes the next even when it starts with "——"."""
    text = (
        "某县2025年巩固拓展脱贫攻坚成果工作方案\n一、重点任务\n"
        "1.加强产业帮扶，推动脱贫地区特色产业提质增效，持续巩固提升帮扶产业发展成效。"
        "（牵头单位：县农业农村局）\n"
        "2.强化就业帮扶，确保脱贫劳动力务工规模稳定，聚焦重点人——脱贫人口和监测对象，开展技能培训，"
        "加大公益性岗位开发力度，12月底前完成。（牵头单位：县人力资源社会保障局）\n"
        "3.加强兜底保障，落实各类强农惠农富农支持政策，按时足额精准发放政策性补助资金，"
        "确保应保尽保应兜尽兜。（牵头单位：县民政局）\n"
    )
    wrapped = printed("\n" * HEADER_LINES + text, 56)
    assert "\n——脱贫人口" in wrapped

    assert [line for line in unwrap_printed(wrapped).split("\n") if line] == text.split("\n")[:-1]
