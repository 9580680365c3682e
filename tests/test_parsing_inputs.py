"""Plans as people receive them: Word tables, spreadsheets, web pages, traditional script, and
the responsibility formats of other provinces (one test per failure class of the old parser)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.model import Role
from xiaojie.parsing import NoteKind, PlanParseError, parse_plan
from xiaojie.parsing._catalogue import bundled_catalogue, load_catalogue
from xiaojie.parsing._clauses import parse_responsibility


REF = dt.date(2021, 3, 21)
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "产业帮扶", "完善联农带农机制", "省农业农村厅", "省财政厅、省乡村振兴局", "2021年底前"],
    ["2", "产业帮扶", "壮大村级集体经济", "省农业农村厅", "省委组织部", "2021年10月底前"],
    ["3", "就业帮扶", "稳定脱贫人口务工规模", "省人社厅", "省发展改革委", "长期坚持"],
]


def _names(task):
    return [u.name for u in task.units]


class TestTables:
    def test_docx_table(self, tmp_path):
        """A .docx with a paragraph and a 分工表 table parses into one task per row."""
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("某省2021年巩固脱贫成果重点任务分工方案")
        document.add_paragraph("发布日期:2021-03-21")
        table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
        for i, row in enumerate([HEADER, *ROWS]):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        path = tmp_path / "fengong.docx"
        document.save(str(path))

        plan, report = parse_plan(path)

        assert [1, 2, 3] == [t.number for t in plan.tasks]
        assert ["省农业农村厅", "省财政厅", "省乡村振兴局"] == _names(plan.task(1))
        assert "省人社厅" == plan.task(3).lead.name
        assert ["产业帮扶", "就业帮扶"] == [c.name for c in plan.campaigns]
        assert dt.date(2021, 3, 21) == report.reference
        duty = report.duty(2)
        assert duty is not None
        assert ("省委组织部",) == duty.supports
        assert "2021年10月底前" == duty.deadline

    def test_docx_table_with_merged_group_rows(self, tmp_path):
        """A .docx 分工表 whose group titles are rows merged across the table gives campaigns."""
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("某市分工方案")
        document.add_paragraph("发布日期:2021-03-21")
        table = document.add_table(rows=5, cols=4)
        rows = [
            ["序号", "具体措施", "牵头单位", "配合单位"],
            None,
            ["1", "完善监测机制", "市民政局", "市财政局"],
            None,
            ["2", "稳定务工规模", "市人社局", ""],
        ]
        titles = iter(["一、健全监测帮扶机制", "二、促进就业增收"])
        for i, row in enumerate(rows):
            if row is None:
                merged = table.cell(i, 0).merge(table.cell(i, 3))
                merged.text = next(titles)
                continue
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        path = tmp_path / "merged.docx"
        document.save(str(path))

        plan, _ = parse_plan(path)

        assert ["健全监测帮扶机制", "促进就业增收"] == [c.name for c in plan.campaigns]
        assert [["市民政局", "市财政局"], ["市人社局"]] == [_names(t) for t in plan.tasks]

    def test_xlsx_table(self, tmp_path):
        """An .xlsx 分工表 (title row, header, rows) parses into one task per row."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["某省2021年重点任务分工表"])
        for row in [HEADER, *ROWS]:
            sheet.append(row)
        path = tmp_path / "fengong.xlsx"
        book.save(path)

        plan, _ = parse_plan(path, reference=REF)

        assert 3 == len(plan.tasks)
        assert "某省2021年重点任务分工表" == plan.title
        assert ["省人社厅", "省发展改革委"] == _names(plan.task(3))

    def test_csv_table_in_gb18030(self, tmp_path):
        """A GB18030 .csv 分工表 parses; a header word from the caller maps a column."""
        rows = [
            ["编号", "工作任务", "主办处室", "协办单位"],
            ["1", "完善监测机制", "市民政局", "市财政局"],
        ]
        path = tmp_path / "fengong.csv"
        path.write_bytes("\n".join(",".join(r) for r in rows).encode("gb18030"))

        plan, _ = parse_plan(path, reference=REF, columns={"主办处室": "lead"})

        assert [["市民政局", "市财政局"]] == [_names(t) for t in plan.tasks]

    def test_text_rows_with_tabs(self):
        """A 分工表 written as tab-separated text rows gives its tasks."""
        lines = ["某县分工方案", "发布日期:2021-03-21", "\t".join(HEADER[:1] + HEADER[2:])]
        lines += ["\t".join(r[:1] + r[2:]) for r in ROWS]
        plan, _ = parse_plan("\n".join(lines))

        assert ["完善联农带农机制", "壮大村级集体经济", "稳定脱贫人口务工规模"] == [
            t.title for t in plan.tasks
        ]

    def test_text_rows_with_single_spaces(self):
        """A 分工表 whose columns are one space apart (header letters spaced out) gives its tasks."""
        text = (
            "量化指标任务分工\n发布日期:2016-04-06\n序号 工 作 任 务 牵头负责部门\n"
            "1 居民消费价格涨幅3%左右 发展改革委\n\n2 城镇新增就业1000万人以上 人力资源社会保障部\n"
            "本通知自印发之日起施行。"
        )
        plan, _ = parse_plan(text)

        assert [["发展改革委"], ["人力资源社会保障部"]] == [_names(t) for t in plan.tasks]

    def test_three_role_cell(self):
        """A 责任单位 cell A、B牵头;C、D配合;E落实 gives lead, support and implement roles."""
        rows = [
            ["序号", "重点任务", "责任单位"],
            [
                "1",
                "推进易地搬迁后续扶持",
                "省发展改革委、省乡村振兴局牵头;省财政厅、省人社厅配合;各州(市)党委和政府落实",
            ],
        ]
        from xiaojie.parsing._readers import Source

        plan, report = parse_plan("某省方案\n发布日期:2021-03-21\n" + Source([rows]).text())
        duty = report.duty(1)

        assert duty is not None
        assert (
            ("省发展改革委", "省乡村振兴局"),
            ("省财政厅", "省人社厅"),
            ("各州(市)党委和政府",),
        ) == (
            duty.leads,
            duty.supports,
            duty.implements,
        )
        assert "省发展改革委" == plan.task(1).lead.name

    def test_broken_docx_is_a_located_error(self, tmp_path):
        """A file named .docx that is not a Word document raises an error naming the file."""
        path = tmp_path / "broken.docx"
        path.write_bytes(b"not a zip")

        with pytest.raises(PlanParseError, match=r"broken\.docx:1:1: expected a Word \.docx"):
            parse_plan(path)


class TestPagesAndScripts:
    def test_traditional_script_page(self):
        """A traditional-script page is converted with OpenCC, its clause read, and reported."""
        pytest.importorskip("opencc")
        text = (
            "咸陽市深化放管服改革工作要點\n發布日期:2022-05-10\n一、堅持系統集成\n"
            "1.全面實施行政許可事項清單管理。(市政府辦公室牽頭,市級各有關部門按職責分工負責)"
        )
        plan, report = parse_plan(text)

        assert ["市政府办公室", "市级各有关部门"] == _names(plan.task(1))
        assert 1 == len(report.of_kind(NoteKind.CONVERTED))
        assert text == report.original
        assert "牽頭" in report.original.splitlines()[3]

    def test_saved_html_page(self, tmp_path):
        """A saved page gives its main text; navigation and footer do not become items."""
        pytest.importorskip("trafilatura")
        page = (
            "<html><head><title>某市方案</title></head><body><nav><a href='/'>首页</a></nav>"
            "<article><h1>某市重点任务分工方案</h1><p>发布日期:2021-03-21</p>"
            "<p>一、重点任务</p><p>1.完善监测机制。(市民政局牵头,市财政局配合)</p>"
            "<p>2.加强就业帮扶。(牵头单位:市人社局;配合单位:市财政局)</p></article>"
            "<footer>版权所有 主办单位:某市人民政府办公室</footer></body></html>"
        )
        path = tmp_path / "page.html"
        path.write_text(page, encoding="utf-8")

        plan, _ = parse_plan(path)

        assert [["市民政局", "市财政局"], ["市人社局", "市财政局"]] == [
            _names(t) for t in plan.tasks
        ]


def test_saved_html_page_with_a_table(tmp_path):
    """A 分工表 <table> in a saved page keeps its rows: one task per row, deadlines as milestones."""
    pytest.importorskip("trafilatura")
    cells = "".join(f"<td>{c}</td>" for c in HEADER[:1] + HEADER[2:])
    body = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row[:1] + row[2:]) + "</tr>" for row in ROWS[:2]
    )
    page = (
        "<html><head><title>某省分工方案</title></head><body><nav>首页 | 政务公开</nav>"
        "<div class='article'><h1>某省重点任务分工方案</h1><p>发布日期:2021-03-21</p>"
        f"<p>为做好工作,制定本方案。</p><table><tr>{cells}</tr>{body}</table></div>"
        "<footer>版权所有</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")

    plan, _ = parse_plan(path)

    assert [["省农业农村厅", "省财政厅", "省乡村振兴局"], ["省农业农村厅", "省委组织部"]] == [
        _names(t) for t in plan.tasks
    ]
    assert [(1, dt.date(2021, 12, 31)), (2, dt.date(2021, 10, 31))] == [
        (m.task, m.due) for m in plan.milestones
    ]


def _one(item: str, *, extra: str = "") -> tuple:
    text = f"某省工作方案\n发布日期:2021-03-21\n一、重点任务\n{item}\n{extra}"
    return parse_plan(text)


class TestFailureClasses:
    def test_1_clause_followed_by_more_text(self):
        """A clause followed by an 整改措施 paragraph and 责任人 lines is still the item's clause."""
        plan, report = _one(
            "(1)指标安排不精准。(牵头单位:扶贫办;责任单位:各村支部)",
            extra="整改措施:科学确定脱贫人口指标。\n责任人:张三\n完成时限:2018年12月底前",
        )

        assert ["扶贫办", "各村支部"] == _names(plan.task(1))
        duty = report.duty(1)
        assert duty is not None
        assert ("张三",) == duty.persons
        assert "2018年12月底前" == duty.deadline
        assert "整改措施" in plan.task(1).text
        assert [(1, dt.date(2018, 12, 31))] == [(m.task, m.due) for m in plan.milestones]

    @pytest.mark.parametrize(
        ("clause", "units"),
        [
            ("(发展改革委、财政部等负责)", ["发展改革委", "财政部"]),
            (
                "(教育部、人力资源社会保障部、民政部等按职责分工负责)",
                ["教育部", "人力资源社会保障部", "民政部"],
            ),
            ("(国务院各部门分别负责,年内持续推进)", ["国务院各部门"]),
        ],
    )
    def test_2_fuze_clauses(self, clause, units):
        """负责 clauses: the first listed leads, and the report says it was a guess."""
        plan, _ = _one(f"1.加强统筹协调。{clause}")

        assert units == _names(plan.task(1))
        assert Role.LEAD == plan.task(1).responsibilities[0].role

    def test_3_label_is_not_part_of_a_name(self):
        """部门分工:A牵头,B、C配合 gives A as lead without the label; persons are not units."""
        plan, report = _one(
            "1.地区生产总值增长6%以上。",
            extra="分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。",
        )

        assert ["省发展改革委", "各地", "各部门"] == _names(plan.task(1))
        duty = report.duty(1)
        assert duty is not None
        assert ("林克庆",) == duty.persons

    def test_4_three_roles(self):
        """A、B牵头;C、D配合;E落实 reads into lead, support and implement roles."""
        duty = parse_responsibility(
            "省发展改革委、省财政厅牵头;省民政厅、省教育厅配合;各州(市)党委和政府落实"
        )

        assert duty is not None
        assert ("省发展改革委", "省财政厅") == duty.leads
        assert ("省民政厅", "省教育厅") == duty.supports
        assert ("各州(市)党委和政府",) == duty.implements

    def test_5_sentence_fragments_are_not_units(self):
        """由X牵头,根据…,会同Y等: only body-like names become units, the rest is reported."""
        duty = parse_responsibility(
            "由市商务局牵头,根据国家有关规定,会同市财政局等相关部门制定细则"
        )

        assert duty is not None
        assert ("市商务局",) == duty.leads
        assert all("规定" not in name for name in duty.names)

    def test_5_running_text_you_qiantou(self):
        """由X牵头,根据…,会同A、B等相关部门 in an item: X leads, sector words stay text and are noted."""
        plan, report = _one(
            "1.农户收入骤减的风险监测预警。由市扶贫办牵头,根据农户实际情况,"
            "会同农业、统计、民政等相关部门对农户收入不稳定情况进行监测。"
        )

        assert ["市扶贫办"] == _names(plan.task(1))
        notes = report.of_kind(NoteKind.UNSPLIT)
        assert ["农业、统计、民政"] == [n.phrase for n in notes]

    def test_6_time_phrase_is_a_deadline(self):
        """年内持续推进 in a clause is the deadline, not a unit."""
        duty = parse_responsibility("省教育厅负责,年内持续推进")

        assert duty is not None
        assert ("省教育厅",) == duty.names
        assert "年内持续推进" == duty.deadline

    def test_clause_after_a_list_of_sub_items(self):
        """A clause on its own line after sub-items (1)(2) belongs to their parent item."""
        plan, _ = _one(
            "1.加强监测帮扶。",
            extra="(1)完善监测机制。\n(2)落实帮扶措施。\n(牵头单位:县乡村振兴局;责任单位:县民政局)",
        )

        assert [1] == [t.number for t in plan.tasks]
        assert "加强监测帮扶" == plan.task(1).title
        assert ["县乡村振兴局", "县民政局"] == _names(plan.task(1))

    def test_unreadable_clause_is_reported(self):
        """A bracket that looks like a clause but names no unit is reported with its line."""
        plan, report = _one("1.加强统筹协调。(牵头单位:根据有关规定确定)")

        assert () == plan.tasks
        notes = report.of_kind(NoteKind.UNSPLIT)
        assert [4] == [n.line for n in notes]
        assert "牵头单位:根据有关规定确定" == notes[0].phrase

    @pytest.mark.parametrize(
        ("item", "units", "deadline"),
        [
            (
                "1.推进项目建设。【牵头单位】县发改委【责任单位】县财政局【完成时限】2022年6月底前",
                ["县发改委", "县财政局"],
                "2022年6月底前",
            ),
            ("1.推进项目建设。责任单位:县财政局、县发改局", ["县财政局", "县发改局"], ""),
            (
                "1.推进项目建设。主要责任单位:县财政局;其他责任单位:县发改局",
                ["县财政局", "县发改局"],
                "",
            ),
            (
                "1.完善机制(责任单位:县民政局)。完成时限:2022年底;责任人:张三",
                ["县民政局"],
                "2022年底",
            ),
        ],
    )
    def test_labels_in_boxes_mid_line_and_after_a_bracket(self, item, units, deadline):
        """【label】 forms, labels after the item's sentence and a 完成时限 after a bracket are read."""
        plan, report = _one(item)

        assert units == _names(plan.task(1))
        duty = report.duty(1)
        assert duty is not None
        assert deadline == duty.deadline
        assert all(name not in ("牵头单位", "责任单位") for name in duty.names)

    def test_lead_marked_inside_a_list(self):
        """责任单位:A、B(牵头)、C: the unit marked (牵头) leads."""
        duty = parse_responsibility("责任单位:县财政局、县发改局(牵头)、县民政局")

        assert duty is not None
        assert ("县发改局",) == duty.leads
        assert ("县财政局", "县民政局") == duty.supports

    def test_10_no_ningxia_units_for_other_provinces(self):
        """A Sichuan text never yields a 自治区 unit; 民政厅 after 省医保局 is 省民政厅."""
        plan, _ = _one("1.完善医疗救助。(省医保局牵头,民政厅、卫生健康委配合)")

        names = [u.name for u in plan.units]
        assert ["省医保局", "省民政厅", "省卫生健康委"] == names
        assert not any(n.startswith("自治区") for n in names)


def test_text_run_into_one_line():
    """A page whose text runs into one line is split at its heading markers and parses."""
    preamble = "为做好巩固拓展脱贫攻坚成果工作,结合本省实际,制定本方案。" * 10
    text = (
        f"某省工作方案 发布日期:2021-03-21 {preamble} 一、重点任务 (一)健全监测机制。"
        "1.完善监测预警。(省乡村振兴局牵头,省民政厅配合)2.加强帮扶。(牵头单位:省人社厅;配合单位:省财政厅)"
    )
    plan, _ = parse_plan(text)

    assert [["省乡村振兴局", "省民政厅"], ["省人社厅", "省财政厅"]] == [
        _names(t) for t in plan.tasks
    ]


def test_long_paragraph_with_inline_enumeration_stays_one_item():
    """A long item that enumerates (1)(2)(3) inline keeps its clause: the item is the task."""
    body = (
        "加强监测帮扶。主要措施包括:(1)加强监测,"
        + "持续跟踪收入变化" * 40
        + ";(2)完善机制;(3)落实帮扶。"
    )
    plan, _ = _one(f"1.{body}(省乡村振兴局牵头,省民政厅配合)")

    assert [(1, "加强监测帮扶")] == [(t.number, t.title) for t in plan.tasks]


class TestCatalogue:
    def test_short_and_standard_forms_are_one_unit(self):
        """省发改委 and 省发展和改革委员会 in two tasks resolve to one unit with a kind."""
        plan, _ = _one(
            "1.推进项目。(省发改委牵头,省财政厅配合)",
            extra="2.加强统筹。(省发展和改革委员会牵头,省人社厅配合)",
        )

        assert plan.task(1).lead.id == plan.task(2).lead.id

    def test_levels_stay_apart(self):
        """The same body at two levels is two keys."""
        cat = bundled_catalogue()

        assert cat.key("省民政厅") != cat.key("市民政局")
        assert cat.key("县人社局") == cat.key("县人力资源和社会保障局")

    def test_user_extension(self, tmp_path):
        """A user file adds a body and its short form."""
        path = tmp_path / "more.toml"
        path.write_text('[[body]]\nnames = ["数据资源局"]\nshort = ["数资局"]\n', encoding="utf-8")

        cat = load_catalogue(path)

        assert cat.key("市数资局") == cat.key("市数据资源局")

    def test_bad_catalogue_names_the_field(self, tmp_path):
        """A catalogue entry without names is an error naming the entry and field."""
        path = tmp_path / "bad.toml"
        path.write_text('[[body]]\nshort = ["x"]\n', encoding="utf-8")

        with pytest.raises(PlanParseError, match=r"body\[1\]\.names: expected a non-empty list"):
            load_catalogue(path)


class TestReferenceHeaders:
    def test_signature_date_in_chinese_numerals_and_document_number(self):
        """A 二○○六年四月二十八日 line gives the reference date; a 〔2006〕19号 line is no title."""
        text = (
            "穗府办〔2006〕19号\n关于印发重点工作事项的通知\n广州市人民政府办公厅\n二○○六年四月二十八日\n"
            "一、发展产业\n(一)加快建设汽车产业基地。(牵头单位:市经贸委;配合单位:市发改委、规划局)"
        )
        plan, report = parse_plan(text)

        assert dt.date(2006, 4, 28) == report.reference
        assert ("重点工作事项", "穗府办〔2006〕19号") == (
            plan.title,
            plan.document_number,
        )
        assert ["市经贸委", "市发改委", "市规划局"] == _names(plan.task(1))

    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("时间 : 2021-05-14 22:01:43 来源 : 本网原创稿", dt.date(2021, 5, 14)),
            ("发表时间:2018-4-17", dt.date(2018, 4, 17)),
            ("发布日期:2020-02-21来源:市政府办公室", dt.date(2020, 2, 21)),
            ("日期:13.03.2015", dt.date(2015, 3, 13)),
        ],
    )
    def test_9_reference_date_headers(self, header, expected):
        """The common page headers give the reference date."""
        _, report = parse_plan(f"某方案\n{header}\n一、任务\n1.做事。(省民政厅牵头,省财政厅配合)")

        assert expected == report.reference


PLANS = __import__("pathlib").Path(__file__).parent / "data" / "plans"


class TestMoreInputs:
    def test_pdf_with_text_layer(self):
        """A PDF (made by LibreOffice from Word) parses: wrapped lines joined, table rows read."""
        pytest.importorskip("pypdf")
        plan, _ = parse_plan(PLANS / "fengong.pdf")

        assert [
            ["省农业农村厅", "省财政厅", "省乡村振兴局"],
            ["省人社厅", "省发展改革委"],
            ["省农业农村厅", "省委组织部"],
        ] == [_names(t) for t in plan.tasks]
        assert [dt.date(2021, 6, 30)] == [m.due for m in plan.milestones]

    def test_missing_library_names_the_extra(self, tmp_path, monkeypatch):
        """Without the reading library, a .docx raises an error that names the parse extra."""
        import sys

        monkeypatch.setitem(sys.modules, "docx", None)
        path = tmp_path / "plan.docx"
        path.write_bytes(b"PK")

        with pytest.raises(
            PlanParseError, match=r"plan\.docx:1:1: .*pip install 'xiaojie\[parse\]'"
        ):
            parse_plan(path)

    def test_page_residue_is_not_a_milestone(self):
        """A page time stamp and an addressee line do not become milestones."""
        text = (
            "某乡整改方案\n发布时间: 2018-09-05 字体: [ ]\n2018-09-05 10:22:31\n"
            "各村党(总)支部、村委会:\n现将方案印发给你们。\n一、整改内容\n"
            "1.指标安排不精准。(牵头单位:扶贫办;责任单位:各村支部)"
        )
        plan, report = parse_plan(text)

        assert () == plan.milestones
        assert dt.date(2018, 9, 5) == report.reference

    def test_cli_parse_with_catalogue(self, tmp_path, capsys):
        """`xiaojie parse` reads a .docx with a user catalogue and writes a plan file."""
        docx = pytest.importorskip("docx")
        from xiaojie.cli import main
        from xiaojie.io import load_plan

        document = docx.Document()
        document.add_paragraph("某市方案")
        document.add_paragraph("发布日期:2021-03-21")
        document.add_paragraph("1.建设数据平台。(市数资局牵头,市财政局配合)")
        document.add_paragraph("2.开放公共数据。(市数据资源局牵头,市财政局配合)")
        source = tmp_path / "plan.docx"
        document.save(str(source))
        more = tmp_path / "more.toml"
        more.write_text('[[body]]\nnames = ["数据资源局"]\nshort = ["数资局"]\n', encoding="utf-8")
        target = tmp_path / "plan.toml"

        code = main(["parse", str(source), "-o", str(target), "--catalogue", str(more)])
        out, _ = capsys.readouterr()

        assert 0 == code
        assert "2 tasks" in out
        plan = load_plan(target)
        assert plan.task(1).lead.id == plan.task(2).lead.id


class TestPlanFileRoute:
    def test_plan_comes_from_plan_from_mapping(self, monkeypatch):
        """The parser hands a plan-file mapping to plan_from_mapping, the loader of plan files."""
        import xiaojie.parsing._assemble as assemble

        seen = []
        real = assemble.plan_from_mapping

        def spy(mapping, *, source):
            seen.append(mapping)
            return real(mapping, source=source)

        monkeypatch.setattr(assemble, "plan_from_mapping", spy)
        plan, _ = _one("1.完善医疗救助。(省医保局牵头,民政厅配合)")

        assert 1 == len(seen)
        assert ["省医保局", "民政厅"] == seen[0]["tasks"][0]["units"]
        assert ["省医保局", "省民政厅"] == _names(plan.task(1))

    def test_rows_the_loader_rejects_are_dropped_and_noted(self, monkeypatch):
        """A row the plan-file loader rejects is left out, and the report says why, with its line."""
        import xiaojie.parsing._assemble as assemble
        from xiaojie.errors import PlanFileError, PlanValidationError

        real = assemble.plan_from_mapping
        calls = []

        def picky(mapping, *, source):
            calls.append(1)
            if mapping["milestones"]:
                raise PlanFileError(
                    source, [PlanValidationError("milestones[0].when", "a date", "x")]
                )
            return real(mapping, source=source)

        monkeypatch.setattr(assemble, "plan_from_mapping", picky)
        plan, report = _one("1.完善医疗救助,6月底前出台办法。(省医保局牵头,省民政厅配合)")

        assert () == plan.milestones
        skipped = report.of_kind(NoteKind.SKIPPED)
        assert 1 == len(skipped)
        assert 4 == skipped[0].line
        assert "milestones[0].when" in skipped[0].message
        assert 2 == len(calls)


CLAUSE_CHARS = (
    "一二三四五六七八九十、()〔〕[]【】.1234567890:;,。 \t|\n"
    "牵头单位责任配合协办落实负责按职责分工由会同等部门完成时限分管领导责任人省市县局厅委办各地年内底前月"
    "牽頭單位責任國務"
)


class TestNoCrash:
    @given(body=st.text(alphabet=st.sampled_from(CLAUSE_CHARS), max_size=300))
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_any_clause_text_parses_or_fails_cleanly(self, body):
        """Text made of clause words, brackets and table separators parses or raises PlanParseError."""
        text = f"某方案\n发布日期:2021-03-21\n一、任务\n1.做事。{body}"
        failure: PlanParseError | None = None
        try:
            plan, report = parse_plan(text)
        except PlanParseError as err:
            failure = err
        if failure is not None:
            assert failure.line >= 1
            return
        lines = len(text.splitlines()) + 1
        assert all(1 <= note.line <= lines for note in report.notes)
        for task in plan.tasks:
            assert task.units
            assert task.lead is task.units[0]

    @given(body=st.text(alphabet=st.sampled_from(CLAUSE_CHARS), max_size=120))
    @settings(max_examples=200, deadline=None)
    def test_clause_reader_never_raises(self, body):
        """Every clause reader returns a duty or None; a duty's lead is one of its names."""
        duty = parse_responsibility(body)

        if duty is not None:
            assert duty.names
            assert duty.leads[0] == duty.names[0]
            assert len(duty.as_written) == len(duty.names)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan.doc", "UTF-8 or GB18030 text"),
        ("plan.wps", "UTF-8 or GB18030 text"),
        ("plan.docx", "a Word .docx document"),
        ("plan.xlsx", "an .xlsx workbook"),
    ],
)
def test_an_office_97_2003_file_is_named_as_such(tmp_path, name, expected):
    """A .doc (or a .doc renamed .docx) is refused at 1:1 saying what to save it as."""
    pytest.importorskip("docx")
    pytest.importorskip("openpyxl")
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 16)

    with pytest.raises(PlanParseError) as info:
        parse_plan(path)

    assert (1, 1) == (info.value.line, info.value.column)
    assert f"expected {expected}, found an Office 97-2003 file" in str(info.value)
    assert "or a password-protected one: save it unprotected as .docx or .xlsx" in str(info.value)


def test_reading_pdfs_in_threads_puts_pypdfs_log_level_back(tmp_path):
    """pypdf's warnings are quieted while PDFs are read, in any number of threads, then restored."""
    import logging
    import threading

    damaged = damaged_pdf(tmp_path / "plan.pdf")
    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.INFO)
    failures = []

    def read() -> None:
        for _ in range(10):
            try:
                parse_plan(damaged, reference=dt.date(2025, 1, 1))
            except PlanParseError as err:
                failures.append(err.line)

    try:
        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert logging.INFO == logger.level
        assert [1] * 40 == failures
    finally:
        logger.setLevel(before)


def damaged_pdf(path):
    """Write a one-page PDF without its end marker (pypdf warns, then fails) to ``path``."""
    import io

    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue().replace(b"%%EOF", b""))
    return path
