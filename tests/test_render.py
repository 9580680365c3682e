"""Documents: the report model, 任务分工表, 任务清单, status report, timeline and formats."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import openpyxl
import pytest

import xiaojie as xj
from xiaojie.dates import Period
from xiaojie.model import (
    Campaign,
    GroupKind,
    Milestone,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Task,
    UnitGroup,
    UnitRegistry,
)
from xiaojie.progress import Completion, Progress
from xiaojie.render import (
    Document,
    Heading,
    Paragraph,
    Ref,
    RenderError,
    Table,
    available_formats,
    campaign_page,
    dated_items,
    display_width,
    division_table,
    label,
    overdue_report,
    owners_in_order,
    plain,
    responsibility_table,
    site_files,
    status_report,
    task_time_limit,
    text,
    timeline,
    timeline_mermaid,
    timeline_svg,
    to_csv,
    to_html,
    to_markdown,
    to_text,
    to_xlsx,
    unit_sheet,
    unit_sheets,
    write_site,
)
from xiaojie.tracking import Snapshot, status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)


def _rows(document, index=0):
    return [[plain(c) for c in row] for row in document.tables()[index].rows]


def _headings(document):
    return [plain(b.text) for b in document.blocks if isinstance(b, Heading)]


def _small_plan(*, members=("a", "b")):
    """A plan whose group lists its members, so a unit has tasks through its group."""
    a = ResponsibleUnit(id="a", name="自治区甲厅", aliases=("甲厅",))
    b = ResponsibleUnit(id="b", name="自治区乙厅")
    group = UnitGroup(
        id="g", name="领导小组成员单位", kind=GroupKind.LEADING_GROUP_MEMBERS, members=members
    )
    return Plan(
        id="small",
        title="小方案",
        reference_date=dt.date(2025, 1, 1),
        campaigns=[Campaign(number=1, name="行动一")],
        tasks=[
            Task(
                number=1,
                title="任务一",
                campaign=1,
                responsibilities=[Responsibility(group, Role.LEAD)],
            ),
            Task(
                number=2,
                title="任务二",
                campaign=1,
                responsibilities=[
                    Responsibility(b, Role.LEAD),
                    Responsibility(a, Role.CO_RESPONSIBLE),
                ],
            ),
        ],
        milestones=[
            Milestone(
                id="m",
                title="报送材料",
                when=Period(None, dt.date(2025, 3, 31), text="3月底前"),
                task=2,
            )
        ],
        units=UnitRegistry([a, b], [group]),
    )


class TestReportModel:
    def test_text_flattens_and_drops_empties(self):
        """text() flattens nested parts and drops empty strings."""
        ref = Ref("甲", "unit", "a")

        assert ("x", ref, "y") == text("x", "", [ref, ""], "y")

    def test_table_rejects_a_short_row(self):
        """A row without one cell per column is refused with the table's name."""
        with pytest.raises(RenderError, match=r"table 't': row 0 expected 2 cells, found 1"):
            Table(name="t", columns=["a", "b"], rows=[["1"]])

    def test_table_rejects_a_group_outside(self):
        """A group row must point at a row of the table (or just after the last)."""
        with pytest.raises(RenderError, match=r"group at row 3 is outside 0\.\.1"):
            Table(name="t", columns=["a"], rows=[["1"]], groups=[(3, "g")])

    def test_tables_of_a_document(self):
        """Document.tables() returns the tables in order, skipping other blocks."""
        t1 = Table(name="one", columns=["a"], rows=[])
        t2 = Table(name="two", columns=["a"], rows=[])
        doc = Document(slug="d", title="d", blocks=[Paragraph("p"), t1, Heading("h"), t2])

        assert (t1, t2) == doc.tables()


class TestLabels:
    def test_unknown_language(self):
        """Only zh and en are languages; anything else is a clear error."""
        with pytest.raises(RenderError, match=r"lang: expected one of zh, en, found 'fr'"):
            division_table(PLAN, lang="fr")

    def test_english_labels(self):
        """English labels replace the Chinese ones; the plan's words stay Chinese."""
        doc = division_table(PLAN, lang="en")

        assert ("No.", "Key task", "Lead unit", "Responsible units", "Time limit") == doc.tables()[
            0
        ].columns
        assert "常态化抓好梳理排查" == _rows(doc)[0][1]
        assert "Division of tasks" == doc.title


class TestTaskTimeLimit:
    def test_dated_phrases_in_due_order_once_each(self):
        """A task's dated items give the plan's phrases, by due date, without repeats."""
        assert "7月底、10月底前、12月底前" == task_time_limit(PLAN, 21)
        assert "力争7月底前" != task_time_limit(PLAN, 22)
        assert "7月底前、9月底前、10月底前" == task_time_limit(PLAN, 22)

    def test_cadence_phrase_follows_dates(self):
        """A task with a recurring duty quotes its cadence after its dated phrases."""
        assert "到2025年年底、每周1—2次" == task_time_limit(PLAN, 7)

    def test_undated_tasks_say_standing_or_continuing(self):
        """An undated task is 长期坚持 when the plan makes it standing, else 持续推进."""
        assert "长期坚持" == task_time_limit(PLAN, 3)  # 长效化抓好巩固提升
        assert "持续推进" == task_time_limit(PLAN, 2)
        assert "Continuing" == task_time_limit(PLAN, 2, lang="en")

    def test_unknown_task(self):
        """An unknown task number is an UnknownItemError naming it."""
        with pytest.raises(xj.UnknownItemError, match=r"unknown task 99"):
            task_time_limit(PLAN, 99)

    def test_no_undated_task_gets_a_date(self):
        """Every task's time limit is quoted from the plan or is one of the two undated words."""
        words = {"长期坚持", "持续推进"}
        source = xj.io.bundled_source_text()
        for task in PLAN.tasks:
            limit = task_time_limit(PLAN, task)
            for phrase in limit.split("、"):
                assert phrase in words or phrase in source, (task.number, phrase)


class TestDatedItems:
    def test_sorted_by_due_then_id(self):
        """Dated items are sorted by (due, id): a stable, visible order."""
        items = dated_items(PLAN)

        assert sorted(items, key=lambda d: (d.due, d.item_id, d.title)) == list(items)

    def test_staged_targets_are_separate_items(self):
        """Each dated target of a staged indicator is its own item with its own phrase."""
        spending = [d for d in dated_items(PLAN) if d.item_id == "spending-progress"]

        assert ["7月底", "10月底前"] == [d.phrase for d in spending]
        assert "DatedItem('spending-progress', '7月底', due=2025-07-31)" == repr(spending[0])


class TestDivisionTable:
    def test_whole_plan(self):
        """The whole plan's table has every task in plan order, campaigns as group rows."""
        doc = division_table(PLAN)
        table = doc.tables()[0]

        assert [str(n) for n in range(1, 26)] == [r[0] for r in _rows(doc)]
        assert [0, 3, 6, 10, 13, 16, 19, 22] == [i for i, _ in table.groups]
        assert "(一)实施问题整改清零攻坚行动" == plain(table.groups[0][1])

    def test_lead_and_other_units(self):
        """牵头单位 is the first listed unit; 责任单位 lists the others in plan order."""
        row = _rows(division_table(PLAN))[6]

        assert "自治区教育厅" == row[2]
        assert "自治区公安厅、自治区民政厅、自治区残疾人联合会" == row[3]

    def test_one_campaign(self):
        """A campaign's table has only its tasks and no group rows."""
        doc = division_table(PLAN, campaign=7)

        assert ["20", "21", "22"] == [r[0] for r in _rows(doc)]
        assert () == doc.tables()[0].groups
        assert "(七)实施资金项目管理增效攻坚行动" == doc.title

    def test_unknown_campaign(self):
        """An unknown campaign is an UnknownItemError."""
        with pytest.raises(xj.UnknownItemError, match=r"unknown campaign 0"):
            division_table(PLAN, campaign=0)

    def test_campaign_page_quotes_each_task(self):
        """A campaign page has its table and each task's text, anchored for links."""
        doc = campaign_page(PLAN, 1)
        anchors = [b.anchor for b in doc.blocks if isinstance(b, Heading) and b.anchor]

        assert ["task-1", "task-2", "task-3"] == anchors
        assert any(
            PLAN.task(2).text == plain(b.text) for b in doc.blocks if isinstance(b, Paragraph)
        )


class TestUnitSheet:
    def test_any_alias_gives_the_same_sheet(self):
        """A unit's sheet is the same whatever name it is asked by."""
        assert unit_sheet(PLAN, "医保局") == unit_sheet(PLAN, "自治区医疗保障局")
        assert unit_sheet(PLAN, "医保局") == unit_sheet(PLAN, PLAN.units.resolve("医疗保障局"))

    def test_led_and_co_owned(self):
        """The sheet lists what the unit leads and what it co-owns, with each lead."""
        doc = unit_sheet(PLAN, "教育厅")

        assert [
            "牵头任务",
            "配合任务",
            "时间节点",
            "常态化工作",
            "负责指标",
            "时限要求",
        ] == _headings(doc)
        assert [["7", "提高义务教育保障水平"]] == [r[:2] for r in _rows(doc, 0)]
        assert ["4", "5", "12", "13", "25"] == [r[0] for r in _rows(doc, 1)]
        assert "自治区农业农村厅" == _rows(doc, 1)[0][3]

    def test_nothing_led(self):
        """A unit that leads nothing says so (无) and lists what it co-owns."""
        doc = unit_sheet(PLAN, "农办")

        assert Paragraph("无") == doc.blocks[doc.blocks.index(Heading("牵头任务")) + 1]
        assert [["7月份", "2025-07-31", "组织市、县(区)举办攻坚行动培训班", "", "牵头"]] == [
            r for r in _rows(doc, 1) if r[0] == "7月份"
        ]

    def test_recurring_and_standards(self):
        """Recurring duties quote their cadence; a standard of service is marked as such."""
        doc = unit_sheet(PLAN, "残联")
        recurring = next(t for t in doc.tables() if t.name == "recurring")

        assert ["每月开展1次", "每周1—2次(服务标准)"] == [plain(r[0]) for r in recurring.rows]

    def test_indicators_through_tasks(self):
        """A unit answers for the indicators of the tasks it owns, with their targets."""
        doc = unit_sheet(PLAN, "财政厅")
        indicators = next(t for t in doc.tables() if t.name == "indicators")

        expected = [i.name for i in PLAN.indicators if i.task in {20, 21} for _ in i.targets]

        assert "资金支出进度" in expected
        assert expected == [plain(r[0]) for r in indicators.rows]

    def test_unknown_unit(self):
        """An unknown name is an UnknownUnitError with the closest names."""
        with pytest.raises(xj.UnknownUnitError, match=r"unknown unit '农业厅'; closest known"):
            unit_sheet(PLAN, "农业厅")

    def test_group_tasks_when_members_are_known(self):
        """A unit sees the tasks of a group it belongs to when the plan lists the members."""
        plan = _small_plan()
        doc = unit_sheet(plan, "甲厅")
        via = next(t for t in doc.tables() if t.name == "via-group")

        assert [["1", "任务一", "领导小组成员单位", "持续推进"]] == [
            [plain(c) for c in r] for r in via.rows
        ]
        assert "所在单位组: 领导小组成员单位" in [
            plain(b.text) for b in doc.blocks if isinstance(b, Paragraph)
        ]

    def test_no_group_section_without_members(self):
        """Without a membership list, no task is attributed to a unit through its group."""
        doc = unit_sheet(_small_plan(members=("b",)), "甲厅")

        assert "via-group" not in [t.name for t in doc.tables()]

    def test_units_in_plan_order(self):
        """Sheets come in the plan's own order of units, not the alphabet's."""
        names = [o.name for o in owners_in_order(PLAN)]
        order = PLAN.unit_order()

        assert sorted(names, key=lambda n: order[PLAN.units.resolve(n).id]) == names
        assert sorted(names) != names
        assert [f"{n} 任务清单" for n in names] == [d.title for d in unit_sheets(PLAN)]

    def test_english_title(self):
        """In English the title reads "Task list: <unit>"."""
        assert "Task list: 自治区教育厅" == unit_sheet(PLAN, "教育厅", lang="en").title


class TestResponsibilityTable:
    def test_every_task_owner_appears(self):
        """Every (unit, task) responsibility of the plan is a row of the flat table."""
        rows = [[plain(c) for c in r] for r in responsibility_table(PLAN).rows]
        pairs = {(r[0], r[5]) for r in rows if r[2] == "重点任务"}
        expected = {(o.name, str(t.number)) for t in PLAN.tasks for o in t.units}

        assert expected == pairs


def _snapshot(progress=None, as_of=AS_OF):
    return status(PLAN, progress, as_of=as_of)


class TestStatusReport:
    def test_overdue_by_unit_in_plan_order(self):
        """Overdue items are grouped by unit, units in the plan's order, orphans last."""
        doc = status_report(PLAN, _snapshot())
        table = next(t for t in doc.tables() if t.name == "overdue")
        units = [plain(g) for _, g in table.groups]
        order = PLAN.unit_order()

        assert units[-1] == "未明确责任单位"
        assert sorted(units[:-1], key=lambda n: order[PLAN.units.resolve(n).id]) == units[:-1]

    def test_days_overdue(self):
        """Each overdue item shows its plan phrase, due date, days overdue and the unit's role."""
        table = next(t for t in status_report(PLAN, _snapshot()).tables() if t.name == "overdue")
        rows = [[plain(c) for c in r] for r in table.rows]

        assert [
            "召开全区驻村帮扶工作推进会",
            "7月底前",
            "2025-07-31",
            "1",
            "18.强化驻村帮扶成效",
            "牵头",
        ] in rows

    def test_done_items_are_not_overdue(self):
        """A milestone completed on time is no longer listed as overdue."""
        done = Progress([Completion("resident-work-meeting", "2025-07-30")])
        doc = status_report(PLAN, _snapshot(done))
        table = next(t for t in doc.tables() if t.name == "overdue")

        assert "召开全区驻村帮扶工作推进会" not in {plain(r[0]) for r in table.rows}

    def test_roles_follow_the_queries(self):
        """The units and roles of the overdue table are those of queries.units_with_overdue_tasks."""
        from xiaojie.queries import units_with_overdue_tasks

        snapshot = _snapshot()
        table = next(t for t in status_report(PLAN, snapshot).tables() if t.name == "overdue")
        named = [plain(g) for _, g in table.groups if plain(g) != "未明确责任单位"]

        assert [r.owner.name for r in units_with_overdue_tasks(PLAN, snapshot)] == named
        assert {"牵头", "配合"} == {plain(r[5]) for r in table.rows if plain(r[5])}

    def test_due_soon_with_days_left(self):
        """Items due soon list the days left."""
        doc = status_report(PLAN, _snapshot(as_of=dt.date(2025, 7, 28)))
        table = next(t for t in doc.tables() if t.name == "due_soon")
        rows = [[plain(c) for c in r] for r in table.rows]

        assert [
            "召开全区驻村帮扶工作推进会",
            "7月底前",
            "2025-07-31",
            "3",
            "18.强化驻村帮扶成效",
            "牵头",
        ] in rows

    def test_nothing_overdue(self):
        """Before anything is due the report says nothing is overdue."""
        doc = status_report(PLAN, _snapshot(as_of=dt.date(2025, 6, 1)))

        assert Paragraph("无逾期事项。") in doc.blocks
        assert () == overdue_report(PLAN, _snapshot(as_of=dt.date(2025, 6, 1))).tables()

    def test_indicator_groups(self):
        """Indicator targets are grouped not met, not reported, met."""
        from regenerate_golden import PROGRESS

        doc = status_report(PLAN, _snapshot(PROGRESS))
        table = next(t for t in doc.tables() if t.name == "indicators")

        assert ["未达标", "未报告", "已达标"] == [plain(g) for _, g in table.groups]

    def test_other_plan(self):
        """A snapshot of another plan is refused."""
        snapshot = Snapshot(as_of=AS_OF, plan_id="other", entries=[])

        with pytest.raises(RenderError, match=r"expected a status of plan 'ningxia-2025'"):
            status_report(PLAN, snapshot)
        with pytest.raises(RenderError, match=r"found one of 'other'"):
            overdue_report(PLAN, snapshot)

    def test_english(self):
        """The English report uses English labels for states and headings."""
        doc = status_report(PLAN, _snapshot(), lang="en")

        assert "Status report" == doc.title
        assert "Overdue" in _headings(doc)
        assert "overdue" == plain(doc.tables()[0].rows[0][0])


class TestTimeline:
    def test_svg_is_well_formed_with_every_row(self):
        """The SVG parses as XML and names every phase and milestone (full text as tooltip)."""
        svg = timeline_svg(PLAN, as_of=AS_OF)
        root = ET.fromstring(svg)  # noqa: S314 - our own drawing, not untrusted input
        titles = {t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}

        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        for milestone in PLAN.milestones:
            assert f"{milestone.when} {milestone.title}" in titles
        for phase in PLAN.phases:
            assert f"{phase.name}({phase.when})" in titles

    def test_svg_marks_the_report_date(self):
        """Given as_of, the drawing marks that day; without it, no date appears."""
        assert "截至 2025-08-01" in timeline_svg(PLAN, as_of=AS_OF)
        assert "截至" not in timeline_svg(PLAN)

    def test_svg_month_axis(self):
        """The axis has one label per month from the plan's first to last date."""
        svg = timeline_svg(PLAN)

        assert ["6月", "7月", "8月", "9月", "10月", "11月", "12月"] == re.findall(r">(\d+月)<", svg)
        assert "Jun" in timeline_svg(PLAN, lang="en")

    def test_mermaid(self):
        """The gantt has one line per phase and milestone; deadlines are Mermaid milestones."""
        lines = timeline_mermaid(PLAN).splitlines()

        assert len(PLAN.phases) == sum(1 for x in lines if re.search(r":p\d+,", x))
        assert 9 == sum(1 for x in lines if ":milestone," in x)
        assert all(x.count(":") <= 1 for x in lines[4:])

    def test_document(self):
        """The timeline document holds the figure, the phases and every dated item."""
        doc = timeline(PLAN)

        assert len(dated_items(PLAN)) == len(doc.tables()[1].rows)


class TestMarkdown:
    def test_escapes_and_links(self):
        """Pipes are escaped and references become links when a link function is given."""
        doc = Document(
            slug="d",
            title="T",
            blocks=[Table(name="t", columns=["a|b"], rows=[[(Ref("x]", "unit", "u"),)]])],
        )

        assert "| a\\|b |" in to_markdown(doc)
        assert "| [x\\]](u.md) |" in to_markdown(doc, link=lambda r: f"{r.id}.md")

    def test_group_rows_are_bold(self):
        """A group row is a bold first cell with blanks after it."""
        text_ = to_markdown(division_table(PLAN))

        assert "| **(一)实施问题整改清零攻坚行动** | | | | |" in text_.splitlines()

    def test_figure_is_a_mermaid_block(self):
        """A figure becomes a fenced mermaid block."""
        assert "```mermaid\ngantt\n" in to_markdown(timeline(PLAN))


class TestHtml:
    def test_escaping(self):
        """Text and links are escaped; a link function makes anchors."""
        doc = Document(slug="d", title="<b>", blocks=[Paragraph(("a<", Ref("&", "unit", "u")))])
        page = to_html(doc, link=lambda r: f"units/{r.id}.html")

        assert "<h1>&lt;b&gt;</h1>" in page
        assert '<p>a&lt;<a href="units/u.html">&amp;</a></p>' in page

    def test_no_external_resources(self):
        """Pages load nothing from elsewhere: no http(s) URL but the SVG namespace."""
        for item in site_files(PLAN, as_of=AS_OF, formats=["html"]):
            page = item.render().decode("utf-8")
            urls = set(re.findall(r"https?://[^\s\"'<>]+", page))

            assert urls <= {"http://www.w3.org/2000/svg"}, item.path
            assert "<link" not in page
            assert "src=" not in page

    def test_lang_attribute(self):
        """The page declares its language."""
        assert '<html lang="en">' in to_html(division_table(PLAN, lang="en"))
        assert '<html lang="zh-CN">' in to_html(division_table(PLAN))


class TestTables:
    def test_csv_has_bom_and_crlf(self):
        """CSV starts with a UTF-8 BOM and ends rows with CRLF; the group is a first column."""
        data = to_csv(division_table(PLAN))
        lines = data.decode("utf-8-sig").split("\r\n")

        assert data.startswith(b"\xef\xbb\xbf")
        assert "攻坚行动,序号,重点任务,牵头单位,责任单位,完成时限" == lines[0]
        assert lines[1].startswith("(一)实施问题整改清零攻坚行动,1,常态化抓好梳理排查,")

    def test_csv_of_a_document_needs_one_table(self):
        """A document with several tables cannot be one CSV file."""
        with pytest.raises(RenderError, match=r"expected exactly one table for CSV, found 2"):
            to_csv(timeline(PLAN))

    def test_xlsx_reads_back(self):
        """The workbook has the table, numbers as numbers, bold headers and the group as a column."""
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(division_table(PLAN))))
        sheet = book.active

        assert ["任务分工表"] == book.sheetnames
        assert ("攻坚行动", "序号", "重点任务", "牵头单位", "责任单位", "完成时限") == tuple(
            c.value for c in sheet[1]
        )
        assert sheet["A1"].font.bold
        assert "(一)实施问题整改清零攻坚行动" == sheet["A2"].value
        assert set() == {str(r) for r in sheet.merged_cells.ranges}
        assert 1 == sheet["B2"].value
        assert "A2" == sheet.freeze_panes
        assert f"A1:F{len(PLAN.tasks) + 1}" == sheet.auto_filter.ref

    def test_xlsx_is_deterministic(self):
        """The same tables give the same bytes; the stamp is the only date inside."""
        one = to_xlsx(division_table(PLAN), stamp=AS_OF)

        assert one == to_xlsx(division_table(PLAN), stamp=AS_OF)
        book = openpyxl.load_workbook(io.BytesIO(one))
        assert dt.datetime(2025, 8, 1) == book.properties.modified

    def test_xlsx_sheet_names(self):
        """Sheet names are cut to 31 characters, cleaned and made unique."""
        long = Table(name="a/b" + "x" * 40, columns=["c"], rows=[])
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx([long, long])))

        assert ["a_b" + "x" * 28, "a_b" + "x" * 26 + "-2"] == book.sheetnames

    def test_xlsx_sheets_named_after_headings(self):
        """A document with several tables gives one sheet per table, named by its heading.

        A list that is empty on the day (nothing due soon on 1 August) keeps its sheet, holding
        the sentence that says so.
        """
        snapshot = status(PLAN, as_of=AS_OF)
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(status_report(PLAN, snapshot))))

        assert ["概况", "逾期事项", "即将到期事项(7日内)", "指标完成情况", "重点任务进展"] == (
            book.sheetnames
        )

    def test_xlsx_needs_a_table(self):
        """A workbook without tables is refused."""
        with pytest.raises(RenderError, match=r"expected at least one table"):
            to_xlsx(Document(slug="d", title="d"))


class TestText:
    def test_width_counts_wide_characters(self):
        """Wide CJK characters count two columns, ASCII one."""
        assert 4 + 3 == display_width("教育abc")

    def test_columns_align(self):
        """Cells of a column start at the same terminal column."""
        output = to_text(division_table(PLAN, campaign=2))
        lines = [x for x in output.splitlines() if x[:1].isdigit()]
        starts = {display_width(x[: x.index("自治区")]) for x in lines}

        assert 1 == len(starts)


class TestSite:
    def test_files(self):
        """The document set has the pages, Markdown, tables, calendars and the SVG."""
        snapshot = _snapshot()
        paths = [f.path for f in site_files(PLAN, snapshot=snapshot)]

        for expected in (
            "index.html",
            "division.html",
            "status.html",
            "timeline.html",
            "campaigns/campaign-8.html",
            "units/healthcare_security.html",
            "markdown/units/healthcare_security.md",
            "markdown/status.md",
            "tables/division.csv",
            "tables/division.xlsx",
            "tables/status-overdue.csv",
            "calendar/plan.ics",
            "calendar/units/agriculture.ics",
            "timeline.svg",
        ):
            assert expected in paths
        assert len(paths) == len(set(paths))

    def test_unit_pages_show_the_unit_status(self):
        """With a snapshot, a unit's page ends with its overdue and due-soon items."""
        files = site_files(PLAN, snapshot=_snapshot(), formats=["html"])
        page = next(f for f in files if f.path == "units/finance.html").render().decode("utf-8")

        assert "进展情况(截至 2025-08-01)" in page
        assert "资金支出进度:60%" in page
        assert "已逾期" in page

    def test_snapshot_must_fit(self):
        """The snapshot must be of the plan, and as_of, if given, its date."""
        with pytest.raises(RenderError, match=r"expected the snapshot's date 2025-08-01"):
            site_files(PLAN, snapshot=_snapshot(), as_of=dt.date(2025, 8, 2))
        with pytest.raises(RenderError, match=r"found one of 'other'"):
            site_files(PLAN, snapshot=Snapshot(as_of=AS_OF, plan_id="other", entries=[]))

    def test_formats_filter_and_refuse(self):
        """Only the asked formats are listed; an unknown format is refused."""
        paths = [f.path for f in site_files(PLAN, formats=["csv"])]

        assert all(p.endswith(".csv") for p in paths)
        with pytest.raises(RenderError, match=r"found 'pdf'"):
            site_files(PLAN, formats=["pdf"])

    def test_available_formats(self):
        """With the docs extra installed, every format is available."""
        assert ("html", "md", "csv", "xlsx", "ics", "svg") == available_formats()

    def test_links_resolve(self, tmp_path):
        """Every relative link of every page and Markdown file points at a written file."""
        write_site(site_files(PLAN, as_of=AS_OF, formats=["html", "md"]), tmp_path)

        class Links(HTMLParser):
            def __init__(self):
                super().__init__()
                self.hrefs = []

            def handle_starttag(self, tag, attrs):
                self.hrefs.extend(v for k, v in attrs if k == "href" and v)

        checked = 0
        for page in tmp_path.rglob("*.html"):
            parser = Links()
            parser.feed(page.read_text(encoding="utf-8"))
            for href in parser.hrefs:
                target = (page.parent / href.split("#")[0]).resolve()
                assert target.exists(), (page, href)
                checked += 1
        for md in tmp_path.rglob("*.md"):
            for href in re.findall(r"\]\(([^)]+)\)", md.read_text(encoding="utf-8")):
                assert (md.parent / href).resolve().exists(), (md, href)
                checked += 1
        assert checked > 500

    def test_task_links_point_at_anchors(self, tmp_path):
        """A link to a task lands on its heading in the campaign page."""
        write_site(site_files(PLAN, formats=["html"]), tmp_path)
        page = (tmp_path / "units" / "education.html").read_text(encoding="utf-8")
        campaign = (tmp_path / "campaigns" / "campaign-3.html").read_text(encoding="utf-8")

        assert "../campaigns/campaign-3.html#task-7" in page
        assert '<h3 id="task-7">' in campaign

    def test_write_site_calls_back_and_replaces(self, tmp_path):
        """write_site reports each file and replaces an old file in place."""
        (tmp_path / "timeline.svg").write_text("old", encoding="utf-8")
        seen = []

        written = write_site(site_files(PLAN, formats=["svg"]), tmp_path, on_file=seen.append)

        assert [tmp_path / "timeline.svg"] == written
        assert ["timeline.svg"] == [f.path for f in seen]
        assert (tmp_path / "timeline.svg").read_text(encoding="utf-8").startswith("<svg")
        assert [] == [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    def test_index_search_lists_every_unit_with_aliases(self):
        """The index embeds every unit page with its names for the search."""
        index = next(f for f in site_files(PLAN, formats=["html"]) if f.path == "index.html")
        page = index.render().decode("utf-8")

        for owner in owners_in_order(PLAN):
            assert f'href="units/{owner.id}.html"' in page
        assert '"医保局"' in page
        assert label("search_units") in page

    def test_no_personal_data_fields(self):
        """Documents carry no column for personal data (names, ID numbers, phones)."""
        for item in site_files(PLAN, formats=["csv"]):
            header = item.render().decode("utf-8-sig").splitlines()[0]

            assert not re.search(r"身份证|电话|户主姓名|手机", header)


def test_render_package_exports_sorted():
    """The render package declares a sorted __all__ of names it really has."""
    from xiaojie import render

    assert len(set(render.__all__)) == len(render.__all__)
    for name in render.__all__:
        assert hasattr(render, name)


def test_paths_are_posix():
    """File paths of the document set use forward slashes on every system."""
    assert all("\\" not in f.path for f in site_files(PLAN, formats=["html"]))
