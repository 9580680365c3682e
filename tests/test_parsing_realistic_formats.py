"""Formats seen in real plans, on text taken from the real-document corpus.

A ``|``-row 分工表 (the 健康扶贫 分工表's real rows, as a page that shows tables with bars gives
them), ``责任人:`` lines under items (the 广东 2021 分工方案's items and labels), a three-role
cell ``A、B牵头;C、D配合;各州(市)党委和政府落实`` (the 云南 2017 稳增长 items and departments) as
text rows, in a Word table and in a workbook, and traditional script (the corpus's
traditional-script pages, and the 分工表 converted as mirror sites serve it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import real_corpus as rc
from xiaojie.model import Role
from xiaojie.parsing import NoteKind, parse_plan


CORPUS = Path(__file__).parent / "data" / "real"


def _fengong_rows() -> list[list[str]]:
    """The 健康扶贫 分工表 as its source gives it: header and six rows, cells split at tabs."""
    lines = (CORPUS / "cn-guoweicaiwu-2016-26-jiankangfupin.txt").read_text("utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("序号\t"))
    return [line.split("\t") for line in lines[start : start + 7]]


_FENGONG_HEAD = [
    "关于实施健康扶贫工程的指导意见",
    "国卫财务发〔2016〕26号",
    "2016年6月20日",
    "附件",
    "健康扶贫重点工作分工方案",
]
_FENGONG_EXPECTED = [
    (
        "制订农村贫困人口重特大疾病医疗救助政策措施",
        ["民政部", "国务院扶贫办", "财政部", "国家卫生计生委", "中国残联"],
        [dt.date(2016, 12, 31)],
    ),
    (
        "制订县域内农村贫困人口住院先诊疗后付费实施办法",
        ["国家卫生计生委", "人力资源社会保障部", "民政部"],
        [dt.date(2016, 10, 31)],
    ),
    (
        "开展农村贫困人口“因病致贫、因病返贫”情况核实核准工作",
        ["国务院扶贫办", "民政部", "中国残联", "国家卫生计生委", "人力资源社会保障部"],
        [dt.date(2016, 7, 31)],
    ),
    (
        "制订2016年农村贫困人口大病集中救治方案",
        ["国家卫生计生委", "人力资源社会保障部", "民政部"],
        [dt.date(2016, 8, 31)],
    ),
    (
        "建立全国三级医院与连片特困地区县和国家扶贫开发工作重点县县级医院一对一帮扶关系",
        [
            "国家卫生计生委",
            "国家中医药管理局",
            "国务院扶贫办",
            "中央军委政治工作部",
            "中央军委后勤保障部",
        ],
        [dt.date(2016, 6, 30)],
    ),
    ("制订健康扶贫工作考核办法", ["国家卫生计生委", "国务院扶贫办"], [dt.date(2016, 6, 30)]),
]


def _tasks(plan: object) -> list[tuple[str, list[str], list[dt.date]]]:
    milestones = plan.milestones  # type: ignore[attr-defined]
    return [
        (t.title, [u.name for u in t.units], [m.due for m in milestones if m.task == t.number])
        for t in plan.tasks  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("bars", ["outer", "inner"])
def test_pipe_row_fengong_table(bars: str) -> None:
    """The real 分工表 rows written with ``|`` (with outer bars and a rule line, or bars only between cells) give its six tasks."""
    rows = _fengong_rows()
    if bars == "outer":
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    else:
        lines = [" | ".join(r) for r in rows]
    plan, report = parse_plan("\n".join([*_FENGONG_HEAD, *lines]))
    assert report.reference == dt.date(2016, 6, 20)
    assert _tasks(plan) == _FENGONG_EXPECTED
    assert not report.of_kind(NoteKind.UNSPLIT)


def test_traditional_script_pipe_table() -> None:
    """The same 分工表 in traditional script (as a mirror site serves it) reads the same, and says it converted."""
    opencc = pytest.importorskip("opencc")
    rows = _fengong_rows()
    lines = [" | ".join(r) for r in rows]
    text = opencc.OpenCC("s2t").convert("\n".join([*_FENGONG_HEAD, *lines]))
    assert "財政部" in text
    plan, report = parse_plan(text)
    assert _tasks(plan) == _FENGONG_EXPECTED
    assert len(report.of_kind(NoteKind.CONVERTED)) == 1
    assert report.original == text


_ZEREN = """2021年省《政府工作报告》重点任务分工方案
2021年3月21日
一、2021年经济社会发展主要预期目标
1.地区生产总值增长6%以上。
牵头单位:省发展改革委
配合单位:各地、各部门
责任人:林克庆
2.地方一般公共预算收入增长5%左右。
部门分工:省财政厅牵头,各地、各部门配合。
责任人:林克庆
完成时限:2021年12月底前
3.进出口实现正增长。
责任单位:省商务厅、海关总署广东分署
责任人:张新、省商务厅主要负责同志
"""


def test_zerenren_lines_under_items() -> None:
    """``责任人:`` lines after an item's unit lines are its persons (never units); a 完成时限 line is its deadline."""
    plan, _ = parse_plan(_ZEREN)
    assert [(t.title, [u.name for u in t.units], t.persons) for t in plan.tasks] == [
        ("地区生产总值增长6%以上", ["省发展改革委", "各地", "各部门"], ("林克庆",)),
        ("地方一般公共预算收入增长5%左右", ["省财政厅", "各地", "各部门"], ("林克庆",)),
        ("进出口实现正增长", ["省商务厅", "海关总署广东分署"], ("张新", "省商务厅主要负责同志")),
    ]
    assert [(m.task, m.due) for m in plan.milestones if m.task is not None] == [
        (2, dt.date(2021, 12, 31))
    ]


_THREE_ROLE_HEADER = ["序号", "重点任务", "责任单位", "完成时限"]
_THREE_ROLE_ROWS = [
    [
        "1",
        "推进重大项目建设。建立健全省、州市、县级领导联系重点项目、交办催办督办查办等制度",
        "省发展改革委、财政厅牵头;省工业和信息化委、国土资源厅、环境保护厅配合;各州(市)党委和政府落实",
        "2017年9月底前",
    ],
    [
        "2",
        "加强城市基础设施投入。省财政筹措3亿元资金支持城市重大基础设施建设",
        "住房城乡建设厅、财政厅牵头;省发展改革委配合;各州(市)党委和政府落实",
        "2017年12月底前",
    ],
]
_THREE_ROLE_HEAD = ["云南省人民政府关于稳增长的若干意见", "2017年2月24日", "附件", "重点工作分工表"]
_THREE_ROLE_EXPECTED = [
    [
        ("省发展改革委", Role.LEAD),
        ("省财政厅", Role.CO_RESPONSIBLE),
        ("省工业和信息化委", Role.SUPPORT),
        ("省国土资源厅", Role.SUPPORT),
        ("省环境保护厅", Role.SUPPORT),
        ("各州(市)党委和政府", Role.IMPLEMENT),
    ],
    [
        ("住房城乡建设厅", Role.LEAD),
        ("财政厅", Role.CO_RESPONSIBLE),
        ("省发展改革委", Role.SUPPORT),
        ("各州(市)党委和政府", Role.IMPLEMENT),
    ],
]


def _roles(plan: object) -> list[list[tuple[str, Role]]]:
    return [
        [(r.owner.name, r.role) for r in t.responsibilities]
        for t in plan.tasks  # type: ignore[attr-defined]
    ]


def _check_three_roles(plan: object, report: object) -> None:
    assert _roles(plan) == _THREE_ROLE_EXPECTED
    duty = report.duty(1)  # type: ignore[attr-defined]
    assert duty.leads == ("省发展改革委", "省财政厅")
    assert duty.implements == ("各州(市)党委和政府",)
    milestones = plan.milestones  # type: ignore[attr-defined]
    assert [m.due for m in milestones] == [dt.date(2017, 9, 30), dt.date(2017, 12, 31)]


def test_three_role_cell_in_text_rows() -> None:
    """A 责任单位 cell A、B牵头;C、D配合;各州(市)党委和政府落实 in tab rows gives lead, support and implement."""
    lines = ["\t".join(r) for r in [_THREE_ROLE_HEADER, *_THREE_ROLE_ROWS]]
    plan, report = parse_plan("\n".join([*_THREE_ROLE_HEAD, *lines]))
    _check_three_roles(plan, report)


def test_three_role_cell_in_a_word_table(tmp_path: Path) -> None:
    """The same cells in a .docx table read the same."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in _THREE_ROLE_HEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(_THREE_ROLE_ROWS), cols=len(_THREE_ROLE_HEADER))
    for i, row in enumerate([_THREE_ROLE_HEADER, *_THREE_ROLE_ROWS]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    path = tmp_path / "fengong.docx"
    document.save(str(path))
    plan, report = parse_plan(path)
    _check_three_roles(plan, report)


def test_three_role_cell_in_a_workbook(tmp_path: Path) -> None:
    """The same cells in an .xlsx sheet read the same."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["重点工作分工表"])
    for row in [_THREE_ROLE_HEADER, *_THREE_ROLE_ROWS]:
        sheet.append(row)
    path = tmp_path / "fengong.xlsx"
    book.save(path)
    plan, report = parse_plan(path, reference=dt.date(2017, 2, 24))
    _check_three_roles(plan, report)


def test_traditional_script_corpus_pages_meet_their_truth() -> None:
    """Every traditional-script page of the tuning set gives exactly its truth's tasks, units and leads.

    Held-out pages are left to the held-out score (``test_parsing_real``), never asserted here.
    """
    pytest.importorskip("opencc")
    documents = [d for d in rc.load_corpus() if d.script == "traditional" and not d.heldout]
    assert len(documents) >= 3
    report = rc.score(documents=documents)
    for row in report.documents:
        total = row.totals
        assert (total.found, total.matched, total.units_right, total.lead_right) == (
            total.truth,
            total.truth,
            total.units_scored,
            total.matched,
        ), (row.document.slug, row.problems)
