"""The monthly 调度 round trip: sheets out to units, filled sheets back in, a 通报 out."""

import csv
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from diaodu_builders import judged, returned_row
from xiaojie.errors import MissingExtraError, SheetError, XiaojieError
from xiaojie.io import (
    COLUMNS,
    FILL_STATES,
    Collection,
    Verdict,
    collect,
    progress_sheets,
    read_collection,
    read_returned,
    sheet_xlsx,
    write_collection,
    write_sheets,
)
from xiaojie.io._collect import Collected
from xiaojie.progress import Completion, Measurement, Occurrence, Progress
from xiaojie.render import notice, plain, to_docx, to_markdown
from xiaojie.tracking import State, status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
COL = {name: index + 1 for index, name in enumerate(COLUMNS)}


def _sheets():
    return progress_sheets(PLAN, status(PLAN, as_of=AS_OF))


def _path(folder: Path, unit: str) -> Path:
    sheet = next(s for s in _sheets() if s.unit.id == unit)
    return folder / sheet.file_name


def _fill(path: Path, key: str, *, state=None, on=None, value=None, note=None, title=None):
    """Fill one row of a sheet the way a unit does in Excel (by its hidden 编号)."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    line = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == key)
    for name, filled in (("完成情况", state), ("完成时间", on), ("数值", value), ("说明", note)):
        if filled is not None:
            cell = ws.cell(row=line, column=COL[name])
            cell.value = filled
            if isinstance(filled, str) and filled.startswith("="):
                cell.data_type = "s"  # the 说明 column is formatted as text (@)
    if title is not None:
        ws.cell(row=line, column=COL["事项"]).value = title
    book.save(path)
    return line


def _append(path: Path, key: str, title: str, *, state: str, on: dt.date) -> int:
    """Add a row below the items, as a unit that edits past the protection might."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    line = ws.max_row + 1
    ws.cell(row=line, column=1).value = key
    ws.cell(row=line, column=COL["事项"]).value = title
    ws.cell(row=line, column=COL["完成情况"]).value = state
    ws.cell(row=line, column=COL["完成时间"]).value = on
    book.save(path)
    return line


def _as_csv(path: Path) -> Path:
    """Save a filled workbook as the CSV Excel writes ("另存为 CSV UTF-8")."""
    ws = openpyxl.load_workbook(path).active
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in ws.iter_rows(values_only=True):
        writer.writerow(
            [
                v.date().isoformat() if isinstance(v, dt.datetime) else "" if v is None else v
                for v in row
            ]
        )
    target = path.with_suffix(".csv")
    target.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    path.unlink()
    return target


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    sent_dir = tmp_path_factory.mktemp("sent")
    back = tmp_path_factory.mktemp("back")
    sheets = _sheets()
    write_sheets(PLAN, sheets, sent_dir)
    returning = [
        "rural_work_office",
        "agriculture",
        "finance",
        "education",
        "nongken",
        "development_reform",
        "healthcare_security",
        "health",
    ]
    for unit in returning:
        shutil.copy(_path(sent_dir, unit), back)
    lines = {}
    lines["office-campaign"] = _fill(
        _path(back, "rural_work_office"),
        "campaign-training-course",
        state="已完成",
        on=dt.date(2025, 7, 25),
    )
    lines["office-meeting"] = _fill(
        _path(back, "rural_work_office"),
        "resident-work-meeting",
        state="已完成",
        on=dt.date(2025, 7, 28),
    )
    agri = _path(back, "agriculture")
    lines["agri-meeting"] = _fill(
        agri, "resident-work-meeting", state="已完成", on=dt.date(2025, 7, 30)
    )
    lines["agri-data"] = _fill(
        agri, "monthly-data-comparison@2025-06-18", state="已完成", on=dt.date(2025, 6, 25)
    )
    lines["agri-spending"] = _fill(
        agri, "spending-progress#0", state="正在推进", on=dt.date(2025, 7, 31), value=58
    )
    lines["agri-task"] = _fill(agri, "task-20", state="正在推进", note="项目库动态管理持续推进")
    finance = _path(back, "finance")
    lines["finance-spending"] = _fill(
        finance, "spending-progress#0", on=dt.date(2025, 7, 31), value=58, note="全区汇总"
    )
    lines["finance-foreign"] = _append(
        finance,
        "campaign-training-course",
        "组织市、县(区)举办攻坚行动培训班",
        state="已完成",
        on=dt.date(2025, 7, 20),
    )
    lines["education-late"] = _fill(
        _path(back, "education"),
        "monthly-data-comparison@2025-07-01",
        state="已完成",
        on=dt.date(2025, 8, 15),
    )
    lines["nongken-percent"] = _fill(
        _path(back, "nongken"), "spending-progress#0", on=dt.date(2025, 7, 31), value=150
    )
    lines["reform-edited"] = _fill(
        _path(back, "development_reform"),
        "spending-progress#0",
        on=dt.date(2025, 7, 31),
        value=61,
        title="资金支出进度:已完成",
    )
    security = _path(back, "healthcare_security")
    lines["security-data"] = _fill(
        security, "monthly-data-comparison@2025-07-01", state="已完成", on=dt.date(2025, 7, 20)
    )
    csv_path = _as_csv(security)
    result = collect(PLAN, back, sent=sheets, as_of=AS_OF)
    return result, lines, sheets, back, csv_path


def _by_line(result, unit, line):
    return next(r for r in result.rows if r.unit == unit and r.line == line)


class TestRoundTrip:
    def test_accepted_records_are_exactly_the_valid_ones(self, round_trip):
        """The merged progress holds exactly the valid, unconflicted records of every unit.

        An occurrence names the window whose row reported it (``<id>@<window start>``).
        """
        result, *_ = round_trip
        expected = Progress(
            [
                Completion("campaign-training-course", "2025-07-25"),
                Occurrence("monthly-data-comparison@2025-06-18", "2025-06-25"),
                Measurement("spending-progress", "2025-07-31", 58),
                Measurement("spending-progress", "2025-07-31", 58, note="全区汇总"),
                Occurrence("monthly-data-comparison@2025-07-01", "2025-07-20"),
            ]
        )
        assert expected == result.progress

    def test_accepted_records_remember_file_and_row(self, round_trip):
        """Each accepted record names the returned file and its row."""
        result, lines, _, back, csv_path = round_trip
        wheres = {r.where for r in result.progress}
        office = str(_path(back, "rural_work_office"))
        assert f"{office} row {lines['office-campaign']}" in wheres
        assert f"{csv_path} row {lines['security-data']}" in wheres

    def test_rejections_with_reasons(self, round_trip):
        """Wrong date, foreign item, impossible percentage and an edited row are each rejected."""
        result, lines, *_ = round_trip
        rejected = {(r.unit, r.line): r.reasons for r in result.with_verdict(Verdict.REJECTED)}
        assert set(rejected) == {
            ("finance", lines["finance-foreign"]),
            ("education", lines["education-late"]),
            ("nongken", lines["nongken-percent"]),
            ("development_reform", lines["reform-edited"]),
        }
        (foreign,) = rejected["finance", lines["finance-foreign"]]
        assert "自治区财政厅 does not answer for 'campaign-training-course'" in foreign
        assert "自治区党委农村工作领导小组办公室" in foreign
        (late,) = rejected["education", lines["education-late"]]
        assert "on or before the 调度 date 2025-08-01, found 2025-08-15" in late
        (percent,) = rejected["nongken", lines["nongken-percent"]]
        assert "percentage between 0 and 100, found 150" in percent
        (edited,) = rejected["development_reform", lines["reform-edited"]]
        assert "edited out of its row" in edited

    def test_rejected_rows_are_kept(self, round_trip):
        """A rejected row keeps the record it would have made, so nothing sent is lost."""
        result, lines, *_ = round_trip
        late = _by_line(result, "education", lines["education-late"])
        assert late.record == Occurrence("monthly-data-comparison@2025-07-01", "2025-08-15")
        assert late.done_on == "2025-08-15"

    def test_conflict_is_reported_not_chosen(self, round_trip):
        """Two units giving different completion dates for one shared item are both held back."""
        result, *_ = round_trip
        assert list(result.conflicts) == ["resident-work-meeting"]
        rows = result.conflicts["resident-work-meeting"]
        assert {(r.unit, r.record.on) for r in rows} == {
            ("rural_work_office", dt.date(2025, 7, 28)),
            ("agriculture", dt.date(2025, 7, 30)),
        }
        assert all("different completion dates" in r.reasons[0] for r in rows)
        assert not result.progress.of("resident-work-meeting")

    def test_equal_values_are_no_conflict(self, round_trip):
        """Two units giving the same value of one target on one day agree: no conflict."""
        result, lines, *_ = round_trip
        assert _by_line(result, "finance", lines["finance-spending"]).verdict is Verdict.ACCEPTED
        assert _by_line(result, "agriculture", lines["agri-spending"]).verdict is Verdict.ACCEPTED

    def test_remarks_are_noted(self, round_trip):
        """A row that only says 正在推进 with a remark is kept as noted, without a record."""
        result, lines, *_ = round_trip
        row = _by_line(result, "agriculture", lines["agri-task"])
        assert row.verdict is Verdict.NOTED
        assert row.record is None
        assert row.note == "项目库动态管理持续推进"

    def test_every_filled_row_is_in_the_collection(self, round_trip):
        """Every filled row of every returned file is there, whatever its verdict."""
        result, lines, *_ = round_trip
        assert len(result.rows) == len(lines)

    def test_units_that_did_not_report(self, round_trip):
        """Units sent a sheet that came back empty or not at all are the missing ones."""
        result, _, sheets, *_ = round_trip
        back = {
            "rural_work_office",
            "agriculture",
            "finance",
            "education",
            "nongken",
            "development_reform",
            "healthcare_security",
        }
        assert set(result.returned) == back
        assert set(result.missing) == {s.unit.id for s in sheets} - back
        assert "health" in result.missing

    def test_merged_file_keeps_every_row_with_verdict(self, round_trip, tmp_path):
        """The merged CSV lists every row with its source file, row, verdict and reason."""
        result, lines, *_ = round_trip
        path = write_collection(result, tmp_path / "merged.csv")
        rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        assert len(rows) == len(result.rows)
        verdicts = sorted(r["结论"] for r in rows)
        assert verdicts == sorted(["采纳"] * 5 + ["退回"] * 4 + ["冲突"] * 2 + ["记录在案"])
        late = next(r for r in rows if r["单位编号"] == "education")
        assert late["来源行"] == str(lines["education-late"])
        assert "2025-08-15" in late["原因"]
        xlsx = write_collection(result, tmp_path / "merged.xlsx")
        sheet = openpyxl.load_workbook(xlsx).active
        assert sheet.max_row == len(result.rows) + 1

    def test_merged_file_reads_back_and_settles_a_conflict(self, round_trip, tmp_path):
        """Read back, the merged file gives the same progress; marking one side 采纳 settles it."""
        result, _, sheets, *_ = round_trip
        sent = [s.unit.id for s in sheets]
        for suffix in (".csv", ".xlsx"):
            path = write_collection(result, tmp_path / f"merged{suffix}")
            back = read_collection(path, as_of=AS_OF, sent=sent)
            assert back.progress == result.progress
            assert [r.verdict for r in back.rows] == [r.verdict for r in result.rows]
            assert [r.reasons for r in back.rows] == [r.reasons for r in result.rows]
            assert set(back.missing) == set(result.missing)
        book = openpyxl.load_workbook(tmp_path / "merged.xlsx")
        ws = book.active
        for line in range(2, ws.max_row + 1):
            unit, key = ws.cell(row=line, column=1).value, ws.cell(row=line, column=4).value
            if key == "resident-work-meeting":
                ws.cell(row=line, column=13).value = (
                    "采纳" if unit == "rural_work_office" else "退回"
                )
        book.save(tmp_path / "settled.xlsx")
        settled = read_collection(tmp_path / "settled.xlsx", as_of=AS_OF, sent=sent)
        assert settled.progress.of("resident-work-meeting") == (
            Completion("resident-work-meeting", "2025-07-28"),
        )
        assert not settled.conflicts
        for line in range(2, ws.max_row + 1):
            if ws.cell(row=line, column=4).value == "resident-work-meeting":
                ws.cell(row=line, column=13).value = "采纳"
        book.save(tmp_path / "both.xlsx")
        both = read_collection(tmp_path / "both.xlsx", as_of=AS_OF, sent=sent)
        assert list(both.conflicts) == ["resident-work-meeting"]
        assert not both.progress.of("resident-work-meeting")

    def test_notice_names_overdue_items_and_units(self, round_trip):
        """The 通报 after the 调度 lists what is still overdue under the right units."""
        result, *_ = round_trip
        progress = result.progress
        snapshot = status(PLAN, progress, as_of=AS_OF)
        doc = notice(PLAN, snapshot, progress=progress, collection=result)
        overdue = next(t for t in doc.tables() if t.name == "overdue")
        groups = [plain(text) for _, text in overdue.groups]
        by_unit: dict[str, set[str]] = {}
        for index, row in enumerate(overdue.plain_rows()):
            current = [plain(t) for i, t in overdue.groups if i <= index][-1]
            by_unit.setdefault(current, set()).add(row[0])
        # done in the round trip: the training course and both months of data comparison
        assert "组织市、县(区)举办攻坚行动培训班" not in set().union(*by_unit.values())
        assert "开展信息数据比对分析" not in set().union(*by_unit.values())
        assert "自治区医疗保障局" not in groups
        # the conflict leaves the meeting overdue; 58% misses the 60% target
        assert by_unit["自治区党委农村工作领导小组办公室"] == {"召开全区驻村帮扶工作推进会"}
        assert by_unit["自治区农业农村厅"] == {"召开全区驻村帮扶工作推进会", "资金支出进度:60%"}
        assert by_unit["自治区财政厅"] == {"资金支出进度:60%"}
        assert snapshot.entry("spending-progress#0").state is State.OVERDUE
        text = to_markdown(doc)
        assert "资金支出进度序时进度应达60.3%,实际为58%,低于序时进度" in text
        assert "自治区卫生健康委员会" in next(
            plain(b.text)
            for b in doc.blocks
            if type(b).__name__ == "Paragraph" and "未按时报送" in plain(b.text)
        )
        checks = next(t for t in doc.tables() if t.name == "checks")
        assert len(checks.rows) == 6


class TestSheets:
    def test_sheet_bytes_do_not_depend_on_the_clock(self):
        """Every archive entry carries the fixed 1980 stamp and the properties are fixed."""
        sheet = _sheets()[0]
        data = sheet_xlsx(PLAN, sheet)
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
        assert "1980-01-01T00:00:00Z" in core
        assert data == sheet_xlsx(PLAN, sheet)

    def test_sheet_is_protected_with_validation(self):
        """Only the fill columns are unlocked; states, dates and percentages are validated."""
        sheet = next(s for s in _sheets() if s.unit.id == "finance")
        book = openpyxl.load_workbook(io.BytesIO(sheet_xlsx(PLAN, sheet)))
        ws = book.active
        assert ws.protection.sheet
        assert book.security.lockStructure
        assert ws.column_dimensions["A"].hidden
        assert ws.cell(row=5, column=COL["事项"]).protection.locked
        assert not ws.cell(row=5, column=COL["完成情况"]).protection.locked
        rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
        assert rules["list"].formula1 == '"' + ",".join(FILL_STATES) + '"'
        assert rules["date"].formula1 == str((dt.date(2025, 6, 18) - dt.date(1899, 12, 30)).days)
        assert rules["date"].formula2 == str((AS_OF - dt.date(1899, 12, 30)).days)
        percent = next(
            dv
            for dv in ws.data_validations.dataValidation
            if dv.type == "decimal" and dv.formula2 == "100"
        )
        assert "K5" in str(percent.sqref)
        assert all(dv.showErrorMessage for dv in ws.data_validations.dataValidation)
        assert {dv.errorStyle for dv in ws.data_validations.dataValidation} == {"stop"}

    def test_done_items_are_not_asked_again(self):
        """An item already completed before the 调度 is not on the next sheet."""
        done = Progress([Completion("campaign-training-course", "2025-07-20")])
        sheets = progress_sheets(PLAN, status(PLAN, done, as_of=AS_OF))
        office = next(s for s in sheets if s.unit.id == "rural_work_office")
        assert office.row_of("campaign-training-course") is None
        assert office.row_of("resident-work-meeting") is not None

    def test_formula_text_stays_text(self, tmp_path):
        """A note that looks like a formula is written as text, never as a formula."""
        sheets = _sheets()
        write_sheets(PLAN, sheets, tmp_path)
        path = tmp_path / sheets[0].file_name
        key = sheets[0].rows[0].key
        _fill(path, key, state="正在推进", note='=HYPERLINK("http://x")')
        result = collect(PLAN, tmp_path, sent=sheets, as_of=AS_OF)
        merged = write_collection(result, tmp_path / "merged.xlsx")
        cell = openpyxl.load_workbook(merged).active.cell(row=2, column=12)
        assert cell.value == '=HYPERLINK("http://x")'
        assert cell.data_type == "s"
        text = write_collection(result, tmp_path / "merged.csv").read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK" in text


class TestBadFiles:
    def test_broken_workbook_is_a_located_error(self, tmp_path):
        """A file that is not a workbook is named in a SheetError, not a traceback."""
        (tmp_path / "坏文件.xlsx").write_bytes(b"not a zip")
        with pytest.raises(SheetError, match=r"坏文件\.xlsx: expected an XLSX workbook"):
            collect(PLAN, tmp_path, sent=_sheets(), as_of=AS_OF)

    def test_csv_without_header(self, tmp_path):
        """A CSV that is not a returned sheet names what is missing."""
        (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        with pytest.raises(SheetError, match=r"x\.csv: expected a progress sheet with a header"):
            read_returned(tmp_path / "x.csv")

    def test_sheet_of_another_date(self, tmp_path):
        """A sheet sent for another 调度 date is refused with both dates."""
        sheets = _sheets()
        write_sheets(PLAN, sheets[:1], tmp_path)
        with pytest.raises(
            SheetError, match="expected a sheet of the 调度 of 2025-09-01, found one of 2025-08-01"
        ):
            collect(PLAN, tmp_path, sent=sheets, as_of=dt.date(2025, 9, 1))

    def test_unknown_unit(self, tmp_path):
        """A sheet whose 单位编号 was changed to nothing known is refused."""
        sheets = _sheets()
        (path,) = write_sheets(PLAN, sheets[:1], tmp_path)
        book = openpyxl.load_workbook(path)
        book.active["E2"] = "no_such_unit"
        book.save(path)
        with pytest.raises(SheetError, match="单位编号 'no_such_unit' names no unit"):
            collect(PLAN, tmp_path, sent=sheets, as_of=AS_OF)

    def test_not_a_folder(self, tmp_path):
        """Collecting from a missing folder is a located error."""
        with pytest.raises(
            XiaojieError, match="expected a folder of returned sheets, found nothing"
        ):
            collect(PLAN, tmp_path / "nope", sent=_sheets(), as_of=AS_OF)

    def test_lock_files_are_skipped(self, tmp_path):
        """Excel's lock files (~$…) and hidden files are not read as sheets."""
        (tmp_path / "~$调度表.xlsx").write_bytes(b"lock")
        (tmp_path / ".hidden.csv").write_bytes(b"x")
        result = collect(PLAN, tmp_path, sent=_sheets(), as_of=AS_OF)
        assert result.rows == ()


def test_notice_docx_is_deterministic():
    """The 通报 as DOCX gives the same bytes twice, every archive entry with the fixed stamp."""
    snapshot = status(PLAN, as_of=AS_OF)
    data = to_docx(notice(PLAN, snapshot))
    assert data == to_docx(notice(PLAN, snapshot))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    document = archive.read("word/document.xml").decode()
    assert "w:tblHeader" in document
    assert 'w:eastAsia="仿宋"' in document
    assert 'w:eastAsia="黑体"' in document


def test_example_runs_a_whole_month(tmp_path):
    """examples/monthly_diaodu.py sends, fills, collects and writes the 通报."""
    import subprocess
    import sys

    script = Path(__file__).parent.parent / "examples" / "monthly_diaodu.py"
    done = subprocess.run(  # noqa: S603 - runs our own example with this interpreter
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "采纳\tfinance\tspending-progress#0" in done.stdout
    assert "退回\tagriculture\tmonthly-data-comparison@2025-07-01" in done.stdout
    assert done.stdout.count("冲突\t") == 2
    for name in ("通报.docx", "通报.md", "通报.html", "collected.xlsx", "progress.csv"):
        assert (tmp_path / name).stat().st_size > 0
    assert "资金支出进度序时进度应达60.3%,实际为58.5%" in (tmp_path / "通报.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (
            {"完成时间": dt.date(2025, 5, 1), "数值": 30},
            "完成时间: expected a day on or after the plan's date 2025-06-18, found 2025-05-01",
        ),
        (
            {"完成时间": "2025-02-30", "数值": 30},
            "expected a real calendar date, found '2025-02-30'",
        ),
        ({"数值": 30}, "完成时间: a value needs the date it refers to"),
        (
            {"完成情况": "已完成", "完成时间": dt.date(2025, 7, 31)},
            "an indicator marked 已完成 needs its value",
        ),
        (
            {"完成时间": dt.date(2025, 7, 31), "数值": "六十"},
            "数值: expected a number, found '六十'",
        ),
        ({"完成时间": dt.date(2025, 7, 31), "数值": -1}, "between 0 and 100, found -1"),
        ({"完成情况": "完成"}, "完成情况: expected one of 已完成、正在推进、未启动, found '完成'"),
    ],
)
def test_each_check_rejects_with_its_reason(tmp_path, cells, reason):
    """Every check on a filled row rejects it with a reason that says what was expected."""
    sheets = _sheets()
    finance = next(s for s in sheets if s.unit.id == "finance")
    (path,) = write_sheets(PLAN, [finance], tmp_path)
    _fill(
        path,
        "spending-progress#0",
        state=cells.get("完成情况"),
        on=cells.get("完成时间"),
        value=cells.get("数值"),
    )
    (row,) = collect(PLAN, tmp_path, sent=sheets, as_of=AS_OF).rows
    assert row.verdict is Verdict.REJECTED
    assert any(reason in r for r in row.reasons), row.reasons


def test_milestone_done_needs_a_date(tmp_path):
    """A milestone marked 已完成 without 完成时间 is rejected, not guessed."""
    sheets = _sheets()
    office = next(s for s in sheets if s.unit.id == "rural_work_office")
    (path,) = write_sheets(PLAN, [office], tmp_path)
    _fill(path, "campaign-training-course", state="已完成")
    (row,) = collect(PLAN, tmp_path, sent=sheets, as_of=AS_OF).rows
    assert row.verdict is Verdict.REJECTED
    assert row.reasons == ("完成时间: an item marked 已完成 needs the day it was done",)


@pytest.mark.parametrize(
    ("value", "note", "kept"),
    [
        (1200.0, "", "数值：1200"),
        (1200.0, "按期完成", "按期完成；数值：1200"),
        (1320.5, "", "数值：1320.5"),
        (None, "按期完成", "按期完成"),
    ],
)
def test_a_figure_on_a_milestone_is_kept_in_its_note(tmp_path, value, note, kept):
    """A 数值 on an item that takes none (培训1200人 as 1200) is not dropped: the record's note holds it."""
    sheets = _sheets()
    office = next(s for s in sheets if s.unit.id == "rural_work_office")
    row = returned_row(
        office, "campaign-training-course", done_on=dt.date(2025, 7, 31), value=value, note=note
    )

    found = judged(PLAN, sheets, "rural_work_office", row, as_of=AS_OF)

    assert found.verdict is Verdict.ACCEPTED
    assert found.record == Completion("campaign-training-course", dt.date(2025, 7, 31), note=kept)

    # and the office's reviewed file gives the same record back
    path = write_collection(Collection(as_of=AS_OF, rows=(found,)), tmp_path / "merged.csv")
    assert [r.record for r in read_collection(path, as_of=AS_OF, plan=PLAN).rows] == [found.record]


class TestProperties:
    @given(day=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 3, 31)))
    def test_completion_date_accepted_only_between_plan_and_as_of(self, day):
        """A completion date is accepted exactly when it lies between the plan's date and as_of."""
        sheets = _sheets()
        office = next(s for s in sheets if s.unit.id == "rural_work_office")
        key = "campaign-training-course"
        row = returned_row(office, key, state="已完成", done_on=day)

        found = judged(PLAN, sheets, "rural_work_office", row, as_of=AS_OF)

        inside = dt.date(2025, 6, 18) <= day <= AS_OF
        assert (found.verdict is Verdict.ACCEPTED) == inside
        if inside:
            assert found.record == Completion(key, day)
        else:
            assert day.isoformat() in found.reasons[0]

    @settings(max_examples=25)
    @given(day=st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 1, 31)))
    def test_sheets_ask_each_unit_exactly_its_open_items(self, day):
        """Every open item a unit answers for and due by the period's end is on its sheet, and nothing else."""
        snapshot = status(PLAN, as_of=day)
        sheets = progress_sheets(PLAN, snapshot)
        until = sheets[0].until if sheets else day
        assert until.month == day.month
        assert (until + dt.timedelta(days=1)).day == 1
        asked = {(s.unit.id, r.key) for s in sheets for r in s.rows}
        expected = set()
        for entry in snapshot:
            if entry.state.is_done or entry.kind.value == "obligation":
                continue
            if entry.due is not None and entry.due > until:
                continue
            item = PLAN.item(entry.item_id) if not entry.item_id.startswith("task-") else None
            if getattr(item, "tracking", None) is not None and item.tracking.value != "reported":
                continue
            expected |= {(o.id, entry.key) for o in entry.owners}
        assert asked == expected
        for sheet in sheets:
            assert [sheet.row_of(r.key) for r in sheet.rows] == list(range(5, 5 + len(sheet.rows)))


def test_missing_extras_are_named(monkeypatch):
    """Without python-docx or openpyxl the one missing-extra error names the extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'xiaojie\[word\]'"):
        to_docx(notice(PLAN, status(PLAN, as_of=AS_OF)))
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'xiaojie\[xlsx\]'"):
        sheet_xlsx(PLAN, _sheets()[0])


# Control characters, surrogates and line/paragraph separators are not cell text: generated
# away rather than filtered out (filtering them made the health check fail now and then).
_CELL_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12
).map(str.strip)


@settings(deadline=None, max_examples=40)
@given(title=_CELL_TEXT, note=_CELL_TEXT, suffix=st.sampled_from([".csv", ".xlsx"]))
def test_collected_text_reads_back_unchanged(example_folder, title, note, suffix):
    """Any title and note (formula-like or quoted) written to the collected file read back the same."""
    row = Collected(
        source="a.xlsx",
        line=5,
        unit="finance",
        key="spending-progress#0",
        title=title,
        note=note,
        record=Measurement("spending-progress", "2025-07-31", 58),
    )
    path = example_folder("collect-merged") / f"m{suffix}"
    write_collection(Collection(as_of=AS_OF, rows=(row,)), path)

    [back] = read_collection(path, as_of=AS_OF).rows
    # what the cells tell of a person is masked when the row is made (mask_remark)
    assert (row.title, row.note) == (back.title, back.note)


_CELLS = st.one_of(
    st.sampled_from(["编号", "完成情况", "完成时间", "数值", "事项", "单位编号", "截至", "方案"]),
    st.sampled_from(["已完成", "2025-07-31", "2025-02-30", "58", "=1+1", "finance", PLAN.id]),
    st.text(max_size=8),
)


def _outcome(folder):
    try:
        return collect(PLAN, folder, sent=_SENT, as_of=AS_OF)
    except SheetError as err:
        return err


@settings(max_examples=60)
@given(rows=st.lists(st.lists(_CELLS, max_size=14), max_size=8), laid_out=st.booleans())
def test_any_csv_is_read_or_refused_with_a_sheet_error(example_folder, rows, laid_out):
    """Whatever a returned CSV holds, collecting it gives rows or a SheetError, never a crash."""
    folder = example_folder("collect-fuzz")
    buffer = io.StringIO()
    if laid_out:
        meta = ["", "填报单位", "自治区财政厅", "单位编号", "finance", "截至", "2025-08-01"]
        csv.writer(buffer).writerows([["标题"], [*meta, "方案", PLAN.id], ["说明"], COLUMNS])
    csv.writer(buffer).writerows(rows)
    (folder / "x.csv").write_text(buffer.getvalue(), encoding="utf-8")
    outcome = _outcome(folder)
    if isinstance(outcome, SheetError):
        assert "x.csv" in str(outcome)
    else:
        assert all(r.verdict in set(Verdict) for r in outcome.rows)
        assert all(r.reasons for r in outcome.rows if r.verdict is Verdict.REJECTED)


_SENT = _sheets()


def test_unreadable_collected_file_is_located(tmp_path):
    """A collected file with an unknown verdict names the file, line and column."""
    path = tmp_path / "m.csv"
    header = (
        "单位编号,来源文件,来源行,编号,记录事项,事项,类型,完成情况,日期,数值,基准值,说明,结论,原因"
    )
    row = "finance,a.xlsx,5,task-20,task-20,机制,完成,已完成,2025-07-01,,,,同意,"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(
        SheetError,
        match=r"m\.csv line 2, 结论: expected one of 采纳、退回、冲突、记录在案, found '同意'",
    ):
        read_collection(path, as_of=AS_OF)
