"""Returned 调度 sheets as units fill them: percent cells, and one unit's sheet sent as another's.

A percent typed in Excel or WPS (50% is stored as 0.5 with a ``0%`` format) is read as the
percent the cell shows for a target in %, and refused, naming the row and column, for a target
counted in another unit (户, 人, 分): 0.5 or 50 households, neither is sure. The same holds for
text (``50%``, ``５０％``), for CSV, and for a sheet re-saved by LibreOffice. A sheet whose file
name or 填报单位 names another unit than the one it was sent to keeps its rows, judged as the
unit line's id says, and is named in :attr:`Collection.notes`.
"""

import csv
import datetime as dt
import shutil

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from diaodu_builders import judged, returned_row
from office import convert, soffice
from xiaojie import cli
from xiaojie.cli import main
from xiaojie.errors import ProgressError
from xiaojie.io import (
    COLUMNS,
    Verdict,
    collect,
    place_sheets,
    progress_sheets,
    read_progress,
    write_sheets,
)
from xiaojie.io._xlsx import Percent
from xiaojie.places import load_places
from xiaojie.tracking import EntryKind, status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
DAY = dt.date(2025, 7, 31)
COL = {name: index + 1 for index, name in enumerate(COLUMNS)}
SENT = progress_sheets(PLAN, status(PLAN, as_of=AS_OF))
# agriculture's sheet holds targets in % (spending-progress, industry-share), counted in 户 and
# 人 (unsafe-housing-zero, stable-employment-per-household), in 分 and relative ones
PERCENT_KEY, COUNT_KEY, PEOPLE_KEY = (
    "spending-progress#0",
    "unsafe-housing-zero#0",
    "stable-employment-per-household#0",
)


def _sheet(unit, sheets=SENT):
    return next(s for s in sheets if s.unit.id == unit)


def _send(folder, unit, sheets=SENT):
    (path,) = write_sheets(PLAN, [_sheet(unit, sheets)], folder)
    return path


def _fill(path, key, value, code=None, **cells):
    """Fill the row of ``key`` with 完成时间 and 数值 (its number format ``code``); return the row."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    line = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == key)
    ws.cell(row=line, column=COL["完成时间"]).value = DAY
    cell = ws.cell(row=line, column=COL["数值"])
    cell.value = value
    if code is not None:
        cell.number_format = code
    for name, typed in cells.items():
        ws.cell(row=line, column=COL[name]).value = typed
    book.save(path)
    return line


def _set(path, ref, value):
    book = openpyxl.load_workbook(path)
    book.active[ref].value = value
    book.save(path)


def _row(result, key):
    (row,) = [r for r in result.rows if r.key == key]
    return row


def _misfit(unit, key, found):
    return (
        f"数值: expected a number of {unit} (the unit of the target {key!r}), found {found}, "
        "a percent: type the number itself, without %"
    )


# --- percent cells --------------------------------------------------------------------------


class TestPercentCells:
    @pytest.mark.parametrize(("stored", "code", "shown"), [(0.5, "0%", 50), (0.625, "0.0%", 62.5)])
    def test_a_percent_for_a_target_in_percent_is_the_percent_shown(
        self, tmp_path, stored, code, shown
    ):
        """50% typed in Excel (0.5 with ``0%``) on a row whose target is in % is read as 50."""
        path = _send(tmp_path, "agriculture")
        _fill(path, PERCENT_KEY, stored, code)

        row = _row(collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF), PERCENT_KEY)

        assert (Verdict.ACCEPTED, shown, str(shown)) == (row.verdict, row.record.value, row.value)

    def test_a_percent_in_a_count_cell_is_sent_back_naming_row_and_column(self, tmp_path):
        """0.5 formatted ``0%`` for a target in 户 is refused: neither 0.5 nor 50 is sure."""
        path = _send(tmp_path, "agriculture")
        line = _fill(path, COUNT_KEY, 0.5, "0%")

        result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)
        row = _row(result, COUNT_KEY)

        assert Verdict.REJECTED is row.verdict
        assert f"{path} row {line}" == row.where
        assert (
            _misfit("户", COUNT_KEY, "50% (the number 0.5 with the number format '0%')"),
        ) == row.reasons
        assert COUNT_KEY.partition("#")[0] not in {r.item for r in result.progress}

    def test_zero_in_a_count_cell_formatted_as_percent_is_zero(self, tmp_path):
        """0 shows as 0% and is 0 either way: it is read, not refused."""
        path = _send(tmp_path, "agriculture")
        _fill(path, COUNT_KEY, 0, "0%")

        row = _row(collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF), COUNT_KEY)

        assert (Verdict.ACCEPTED, 0) == (row.verdict, row.record.value)

    def test_a_count_typed_in_a_cell_formatted_as_percent_names_what_it_shows(self, tmp_path):
        """85 in a ``0%`` cell of a percent row shows 8500%: the reason says so, not just 8500."""
        path = _send(tmp_path, "agriculture")
        _fill(path, PERCENT_KEY, 85, "0%")

        row = _row(collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF), PERCENT_KEY)

        assert (
            (
                "数值: expected a percentage between 0 and 100, found 8500, shown as 8500% "
                "(the number 85 with the number format '0%')"
            ),
        ) == row.reasons

    def test_a_benchmark_in_percent_for_a_relative_target_in_percent(self, tmp_path):
        """基准值 and 数值 of a target relative to a benchmark in % are read as shown."""
        path = _send(tmp_path, "healthcare_security")
        book = openpyxl.load_workbook(path)
        ws = book.active
        line = next(
            r
            for r in range(5, ws.max_row + 1)
            if ws.cell(row=r, column=1).value == "elimination-rate#0"
        )
        ws.cell(row=line, column=COL["完成时间"]).value = DAY
        for name, stored in (("数值", 0.42), ("基准值", 0.4)):
            ws.cell(row=line, column=COL[name]).value = stored
            ws.cell(row=line, column=COL[name]).number_format = "0%"
        book.save(path)

        row = _row(collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF), "elimination-rate#0")

        assert (Verdict.ACCEPTED, 42, 40) == (row.verdict, row.record.value, row.record.benchmark)

    @pytest.mark.parametrize("typed", ["50%", "５０％", "50 %"])
    def test_percent_text_in_a_count_cell_is_sent_back(self, tmp_path, typed):
        """Text ending in % (half- or full-width) in a cell for a count in 人 is refused."""
        path = _send(tmp_path, "agriculture")
        _fill(path, PEOPLE_KEY, typed)
        _fill(path, PERCENT_KEY, typed)

        result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

        assert (_misfit("人", PEOPLE_KEY, repr(typed)),) == _row(result, PEOPLE_KEY).reasons
        assert 50 == _row(result, PERCENT_KEY).record.value

    def test_a_csv_sheet_is_judged_as_its_xlsx(self, tmp_path):
        """A CSV saved from the sheet shows "50%" where the XLSX holds 0.5 in ``0%``: same verdicts."""
        xlsx = _send(tmp_path / "xlsx", "agriculture")
        _fill(xlsx, COUNT_KEY, 0.5, "0%")
        _fill(xlsx, PERCENT_KEY, 0.5, "0%")
        book = openpyxl.load_workbook(xlsx)
        grid = [
            [
                v.date().isoformat() if isinstance(v, dt.datetime) else "" if v is None else v
                for v in r
            ]
            for r in book.active.iter_rows(values_only=True)
        ]
        for cells in grid:
            if cells[0] in {COUNT_KEY, PERCENT_KEY}:
                cells[COL["数值"] - 1] = "50%"
        csv_path = tmp_path / "csv" / xlsx.with_suffix(".csv").name
        csv_path.parent.mkdir()
        with csv_path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(grid)

        def verdicts(folder):
            return {
                r.key: (r.verdict, r.record.value if r.record else None)
                for r in collect(PLAN, folder, sent=SENT, as_of=AS_OF).rows
            }

        assert verdicts(tmp_path / "xlsx") == verdicts(tmp_path / "csv")
        assert (Verdict.REJECTED, Verdict.ACCEPTED) == (
            verdicts(tmp_path / "csv")[COUNT_KEY][0],
            verdicts(tmp_path / "csv")[PERCENT_KEY][0],
        )

    def test_a_sheet_saved_again_by_libreoffice_reads_the_same(self, tmp_path):
        """LibreOffice keeps the percent formats: the re-saved sheet gives the same verdicts."""
        soffice()
        path = _send(tmp_path / "sent", "agriculture")
        _fill(path, COUNT_KEY, 0.5, "0.00%")
        _fill(path, PERCENT_KEY, 0.625, "0.0%")
        saved = convert(path, "xlsx", tmp_path / "saved", tmp_path / "profile")

        def outcome(file):
            result = collect(PLAN, [file], sent=SENT, as_of=AS_OF)
            return [(r.key, r.verdict, r.reasons, r.record) for r in result.rows]

        assert outcome(path) == outcome(saved)
        assert [(PERCENT_KEY, 62.5)] == [
            (key, record.value)
            for key, verdict, _, record in outcome(saved)
            if verdict is Verdict.ACCEPTED
        ]


INDICATOR_KEYS = sorted(
    {(r.key, s.unit.id) for s in SENT for r in s.rows if r.kind is EntryKind.TARGET},
)


@settings(deadline=None, max_examples=200)
@given(
    entry=st.sampled_from(INDICATOR_KEYS),
    percent=st.integers(min_value=1, max_value=100),
    form=st.sampled_from(["cell", "text", "wide"]),
)
def test_a_percent_is_refused_exactly_for_targets_in_another_unit(entry, percent, form):
    """For every target row: a percent is read as shown unless the target names a unit not %."""
    key, unit = entry
    cell = {
        "cell": Percent(float(percent), stored=percent / 100, code="0%"),
        "text": f"{percent}%",
        "wide": f"{percent}％".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }[form]
    row = returned_row(_sheet(unit), key, state="正在推进", done_on=DAY, value=cell)
    indicator, _, number = key.partition("#")
    target_unit = PLAN.item(indicator).targets[int(number)].unit

    result = judged(PLAN, SENT, unit, row, as_of=AS_OF)
    refused = [r for r in result.reasons if "a percent: type the number itself" in r]

    assert bool(refused) == (target_unit not in {"%", ""})
    if not refused:
        assert percent == result.record.value


class TestProgressFiles:
    def test_a_percent_for_a_count_is_a_located_problem_with_a_plan(self, tmp_path):
        """read_progress with a plan names the sheet, row and column of 50% given for 户."""
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "进展"
        ws.append(["事项", "类型", "日期", "数值"])
        ws.append(["spending-progress", "测量", dt.datetime(2025, 7, 31), 0.62])
        ws.append(["unsafe-housing-zero", "测量", dt.datetime(2025, 7, 31), 0.5])
        ws["D2"].number_format = ws["D3"].number_format = "0%"
        path = tmp_path / "p.xlsx"
        book.save(path)

        with pytest.raises(ProgressError) as caught:
            read_progress(path, plan=PLAN)

        assert [
            f"{path}: 1 problem(s)",
            (
                f"  {path} sheet '进展' row 3, 数值: expected a number of 户 (the unit of the target "
                "'unsafe-housing-zero'), found 50% (the number 0.5 with the number format '0%'), a "
                "percent: type the number itself, without %"
            ),
        ] == str(caught.value).splitlines()
        assert [62, 50] == [r.value for r in read_progress(path)]


# --- one unit's sheet sent as another's -----------------------------------------------------


@pytest.fixture
def _fixed_today(monkeypatch):
    monkeypatch.setattr(cli._shared, "_today", lambda: AS_OF)


class TestSenderNotes:
    def test_a_sheet_under_another_units_file_name_is_noted_and_kept(self, tmp_path):
        """finance's sheet sent as 调度表-…-自治区教育厅.xlsx: the row stays finance's, and a note says so."""
        path = _send(tmp_path, "finance")
        _fill(path, "task-20", None, 完成情况="已完成")
        renamed = path.rename(tmp_path / _sheet("education").file_name)

        result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

        assert [("finance", Verdict.ACCEPTED)] == [(r.unit, r.verdict) for r in result.rows]
        assert (
            (
                f"{renamed}: the sheet was sent to 自治区财政厅 (单位编号 finance), but its file name "
                "names 自治区教育厅 (education): its 1 filled row(s) are judged as finance's, as "
                "单位编号 says; ask which unit filled it in"
            ),
        ) == result.notes

    def test_a_unit_line_naming_another_unit_is_noted(self, tmp_path):
        """填报单位 overwritten with another unit's name (a phone masked) is named in the notes."""
        path = _send(tmp_path, "finance")
        _fill(path, "task-20", None, 完成情况="已完成")
        _set(path, "C2", "自治区教育厅 王小明13812345678")

        result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

        assert [Verdict.ACCEPTED] == [r.verdict for r in result.rows]
        (note,) = result.notes
        assert note.startswith(
            f"{path}: the sheet was sent to 自治区财政厅 (单位编号 finance), but its 填报单位 says '自治区教育厅"
        )
        assert "13812345678" not in note
        assert "138****5678" in note

    @pytest.mark.parametrize(
        "name", ["返回表.xlsx", "财政厅-已填.xlsx", "调度表-2025-08-01-自治区财政厅 (1).xlsx"]
    )
    def test_a_file_renamed_without_naming_another_unit_is_not_noted(self, tmp_path, name):
        """A name naming no unit, or the unit's own alias or a copy's suffix, says nothing."""
        path = _send(tmp_path, "finance")
        _fill(path, "task-20", None, 完成情况="已完成")
        path.rename(tmp_path / name)

        assert () == collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).notes

    def test_every_sheet_as_sent_names_its_own_unit(self, tmp_path):
        """No sheet, under the file name it was written with, is taken for another unit's."""
        write_sheets(PLAN, SENT, tmp_path)

        assert () == collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).notes

    def test_a_places_sheet_under_another_places_name_is_noted(self, tmp_path):
        """同心县's sheet sent as 青铜峡市's: the note names both, the row stays 同心县's (640324)."""
        places = load_places()
        sheets = place_sheets(
            PLAN,
            status(PLAN, as_of=AS_OF),
            [places.find("同心县"), places.find("青铜峡市")],
            items=["spending-progress"],
        )
        path = _send(tmp_path, "640324", sheets)
        _fill(path, "spending-progress#0", 52)
        other = _sheet("640381", sheets).file_name
        renamed = path.rename(tmp_path / other)

        result = collect(PLAN, tmp_path, sent=sheets, as_of=AS_OF)

        assert [("640324", Verdict.ACCEPTED)] == [(r.unit, r.verdict) for r in result.rows]
        assert (
            (
                f"{renamed}: the sheet was sent to 同心县 (区划代码 640324), but its file name names "
                "青铜峡市 (640381): its 1 filled row(s) are judged as 640324's, as 区划代码 "
                "says; ask which unit filled it in"
            ),
        ) == result.notes

    @pytest.mark.usefixtures("_fixed_today")
    def test_the_cli_prints_the_note(self, tmp_path, capsys):
        """`xiaojie collect` prints the note under its summary."""
        back = tmp_path / "back"
        path = _send(back, "finance")
        _fill(path, "task-20", None, 完成情况="已完成")
        renamed = path.rename(back / _sheet("education").file_name)

        code = main(["collect", str(back), "--out", str(tmp_path / "c.csv")])
        out, err = capsys.readouterr()

        assert 0 == code, err
        assert f"  note: {renamed}: the sheet was sent to 自治区财政厅 (单位编号 finance)" in out


UNITS = sorted(s.unit.id for s in SENT)


@settings(deadline=None, max_examples=25)
@given(pair=st.lists(st.sampled_from(UNITS), min_size=2, max_size=2, unique=True))
def test_a_sheet_under_any_other_units_file_name_is_noted(tmp_path_factory, pair):
    """For any two units A and B: A's sheet under B's file name is noted, its rows kept as A's."""
    sender, named = pair
    folder = tmp_path_factory.mktemp("back")
    path = _send(folder, sender)
    key = _sheet(sender).rows[0].key
    _fill(path, key, None, 说明="推进中")
    renamed = path.rename(folder / _sheet(named).file_name)

    result = collect(PLAN, folder, sent=SENT, as_of=AS_OF)

    assert [sender] == [r.unit for r in result.rows]
    (note,) = result.notes
    assert note.startswith(
        f"{renamed}: the sheet was sent to {_sheet(sender).unit.name} (单位编号 {sender}), but its file name names "
    )
    assert f"({named})" in note
    shutil.rmtree(folder)
