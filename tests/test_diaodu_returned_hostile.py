"""Returned 调度 sheets judged as they were sent, whatever is recorded by the time they come back.

Collecting again with more progress recorded, or without the sheets' --until, gives the same
verdicts; a row credits only its own window; a value that contradicts the progress so far is
held back; the office's settled verdicts survive a second collect; nothing is written over the
files read; a cascaded sheet keeps its place; 截至 is read like 完成时间; sheets are not made for
a day before the plan.
"""

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import xiaojie as xj
import xiaojie.places
from diaodu_builders import judged, returned_row
from xiaojie import cli
from xiaojie._files import NAME_BYTES
from xiaojie.cascade import cascade
from xiaojie.cli import main
from xiaojie.cli._diaodu import place_file
from xiaojie.errors import SheetError
from xiaojie.io import (
    COLUMNS,
    Collection,
    Verdict,
    collect,
    progress_sheets,
    read_collection,
    read_progress,
    read_returned,
    sheet_xlsx,
    write_collection,
    write_sheets,
)
from xiaojie.io._collect import Collected
from xiaojie.places import Places, load_places
from xiaojie.progress import Completion, Measurement, Occurrence, Progress, write_progress
from xiaojie.rollup import read_place_progress
from xiaojie.tracking import State, status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
COL = {name: index + 1 for index, name in enumerate(COLUMNS)}
SENT = progress_sheets(PLAN, status(PLAN, as_of=AS_OF))


def _sheet(unit: str, sheets=SENT):
    return next(s for s in sheets if s.unit.id == unit)


def _send(folder: Path, *units: str, sheets=SENT) -> list[Path]:
    return write_sheets(PLAN, [_sheet(u, sheets) for u in units], folder)


def _fill(path: Path, key: str, **cells) -> int:
    """Fill the row of ``key`` as a unit does in Excel: {"完成情况": …, "完成时间": …}."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    line = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == key)
    for name, value in cells.items():
        ws.cell(row=line, column=COL[name]).value = value
    book.save(path)
    return line


def _finance(folder: Path, sheets=SENT) -> Path:
    """Finance's sheet, filled as in the documented month: 62% on 07-31, task 20 done 07-20."""
    (path,) = _send(folder, "finance", sheets=sheets)
    _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=62)
    _fill(path, "task-20", 完成情况="已完成", 完成时间=dt.date(2025, 7, 20))
    return path


def _grid(path: Path) -> list[list[str]]:
    ws = openpyxl.load_workbook(path).active
    return [
        [
            v.date().isoformat() if isinstance(v, dt.datetime) else "" if v is None else str(v)
            for v in row
        ]
        for row in ws.iter_rows(values_only=True)
    ]


def _write_csv(path: Path, grid: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(grid)
    path.write_bytes(buffer.getvalue().encode("gb18030"))
    return path


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(cli._shared, "_today", lambda: dt.date(2025, 8, 1))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. judged against the sheet as sent ------------------------------------------------------


class TestJudgedAsSent:
    def test_second_collect_with_the_progress_written_by_the_first(self, tmp_path, capsys):
        """Collecting again with the progress the first collect wrote accepts the same rows, once."""
        back = tmp_path / "returned"
        _finance(back)
        merged, progress = tmp_path / "collected.xlsx", tmp_path / "progress.csv"
        first = run(capsys, "collect", back, "--out", merged, "--accepted", progress)
        assert first[0] == 0, first[2]
        _send(back, "education")
        _fill(back / _sheet("education").file_name, "task-13", 完成情况="正在推进", 说明="推进中")
        code, out, err = run(
            capsys, "collect", back, "--progress", progress, "--out", merged, "--accepted", progress
        )

        assert code == 0, err
        assert "3 filled rows from 2 of" in out
        assert "2 accepted, 0 rejected, 0 conflict, 1 noted" in out
        assert "was not on the sheet" not in out
        assert list(read_progress(progress)) == [
            Completion("task-20", "2025-07-20"),
            Measurement("spending-progress", "2025-07-31", 62),
        ]

    def test_sheets_written_with_until_collected_without_it(self, tmp_path, capsys):
        """Sheets written with --until come back accepted from a collect that does not repeat it."""
        sent = tmp_path / "sent"
        code, _, err = run(capsys, "sheets", "--until", "2025-10-31", "--out", sent)
        assert code == 0, err
        back = tmp_path / "back"
        back.mkdir()
        path = back / _sheet("finance").file_name
        shutil.copy(sent / path.name, path)
        _fill(path, "spending-progress#1", 完成时间=dt.date(2025, 7, 31), 数值=62)
        code, out, err = run(capsys, "collect", back, "--out", tmp_path / "m.csv")

        assert code == 0, err
        assert "1 accepted, 0 rejected" in out

    @settings(deadline=None, max_examples=20)
    @given(
        until=st.dates(min_value=dt.date(2025, 8, 1), max_value=dt.date(2025, 12, 31)),
        done=st.sets(st.sampled_from(["task-20", "campaign-training-course", "task-13"])),
    )
    def test_verdicts_do_not_depend_on_the_sheets_given_as_sent(self, returned_folder, until, done):
        """Whatever progress and period the sheets given as sent are rebuilt from, the verdicts are the same."""
        folder, baseline = returned_folder
        prior = Progress(Completion(item, "2025-07-01") for item in done)
        rebuilt = progress_sheets(PLAN, status(PLAN, prior, as_of=AS_OF), until=until)

        again = collect(PLAN, folder, sent=rebuilt, as_of=AS_OF)

        assert [(r.where, r.verdict, r.reasons) for r in again.rows] == baseline

    def test_a_row_moved_in_a_csv_is_still_caught(self, tmp_path):
        """A row moved to another line (with its 编号) is refused against the record of what was sent."""
        path = _finance(tmp_path)
        grid = _grid(path)
        path.unlink()
        grid[4], grid[5] = grid[5], grid[4]
        _write_csv(tmp_path / "finance.csv", grid)

        result = collect(PLAN, tmp_path, sent=(), as_of=AS_OF)

        reasons = {r.key: r.reasons for r in result.rows}
        assert reasons["task-20"] == (
            "'task-20' was sent on row 6, found on row 5: the item was edited out of its row",
        )

    def test_a_sheet_without_a_record_is_judged_against_sent(self, tmp_path):
        """A sheet with no record of what was sent (an earlier version's) is judged against ``sent``."""
        path = _finance(tmp_path)
        book = openpyxl.load_workbook(path)
        book.active["A2"] = None
        book.save(path)
        done = Progress([Completion("task-20", "2025-07-01")])
        rebuilt = progress_sheets(PLAN, status(PLAN, done, as_of=AS_OF))

        result = collect(PLAN, tmp_path, sent=rebuilt, as_of=AS_OF)

        assert read_returned(path).sent_keys is None
        assert [r.verdict for r in result.rows] == [Verdict.ACCEPTED, Verdict.REJECTED]

    def test_the_record_is_every_key_in_order(self, tmp_path):
        """The hidden cell A2 lists the 编号 of every row as sent, read back in order."""
        (path,) = _send(tmp_path, "finance")

        sheet = read_returned(path)

        assert sheet.sent_keys == tuple(r.key for r in _sheet("finance").rows)
        assert sheet.sent_until == dt.date(2025, 8, 31)
        assert openpyxl.load_workbook(path).active.column_dimensions["A"].hidden

    @pytest.mark.parametrize(
        ("record", "message"),
        [
            ("发送事项(至2025-02-30):task-20", r"cell A2: expected the record of what was sent"),
            ("发送事项 task-20", r"cell A2: expected the record of what was sent"),
            ("发送事项(至2025-08-31):task-20;no-such-item#0", r"cell A2: .*'no-such-item#0'"),
        ],
    )
    def test_a_broken_record_names_the_file_and_cell(self, tmp_path, record, message):
        """A record of what was sent that cannot be read, or names nothing of the plan, is refused by name."""
        path = _finance(tmp_path)
        book = openpyxl.load_workbook(path)
        book.active["A2"] = record
        book.save(path)

        with pytest.raises(SheetError, match=message) as caught:
            collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

        assert path.name in str(caught.value)


@pytest.fixture(scope="module")
def returned_folder(tmp_path_factory):
    """Finance's and the office's filled sheets, and their verdicts judged against SENT."""
    folder = tmp_path_factory.mktemp("returned")
    _finance(folder)
    (office,) = _send(folder, "rural_work_office")
    _fill(office, "campaign-training-course", 完成情况="已完成", 完成时间=dt.date(2025, 7, 25))
    _fill(office, "resident-work-meeting", 完成情况="已完成", 完成时间=dt.date(2025, 8, 9))
    baseline = collect(PLAN, folder, sent=SENT, as_of=AS_OF)
    assert {r.verdict for r in baseline.rows} == {Verdict.ACCEPTED, Verdict.REJECTED}
    return folder, [(r.where, r.verdict, r.reasons) for r in baseline.rows]


# --- 3. an obligation's row credits its own window only ---------------------------------------


@settings(max_examples=60)
@given(day=st.dates(min_value=dt.date(2025, 6, 18), max_value=AS_OF))
@example(day=dt.date(2025, 7, 5))
@example(day=dt.date(2025, 6, 30))
def test_an_occurrence_is_accepted_only_inside_its_rows_window(day):
    """A window's row marked 已完成 is accepted exactly when its date lies in that window."""
    key = "county-monthly-study@2025-06-18"
    row = returned_row(_sheet("county_committees"), key, state="已完成", done_on=day)

    found = judged(PLAN, SENT, "county_committees", row, as_of=AS_OF)

    inside = dt.date(2025, 6, 18) <= day <= dt.date(2025, 6, 30)
    assert (found.verdict is Verdict.ACCEPTED) == inside
    if not inside:
        assert found.reasons == (
            (
                "完成时间: expected a day in the window 2025-06-18..2025-06-30 of this row, found "
                f"{day.isoformat()}: an occurrence counts for the window it falls in, reported on "
                "that window's row"
            ),
        )


def test_a_late_meeting_does_not_credit_the_next_window(tmp_path):
    """The June row marked done on 07-05 is sent back; no window is credited with it."""
    (path,) = _send(tmp_path, "county_committees")
    _fill(path, "county-monthly-study@2025-06-18", 完成情况="已完成", 完成时间=dt.date(2025, 7, 5))

    result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

    assert [r.verdict for r in result.rows] == [Verdict.REJECTED]
    assert result.rows[0].record == Occurrence("county-monthly-study@2025-06-18", "2025-07-05")
    snapshot = status(PLAN, result.progress, as_of=AS_OF)
    assert snapshot.entry("county-monthly-study@2025-07-01").state is State.OVERDUE


# --- 4. a contradiction of the progress so far is a conflict ----------------------------------


class TestConflictWithPrior:
    def test_another_value_on_a_recorded_day_is_held_back(self, tmp_path):
        """A value of a target on a day the progress already records differently is in conflict."""
        (path,) = _send(tmp_path, "finance")
        _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=60)
        prior = Progress([Measurement("spending-progress", "2025-07-31", 58, where="p.csv line 2")])

        (row,) = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF, prior=prior).rows

        assert row.verdict is Verdict.CONFLICT
        assert row.reasons == (
            (
                f"spending-progress@2025-07-31: different values reported: finance 60 on 2025-07-31 "
                f"({path} row 5), 58 on 2025-07-31 in the progress so far (p.csv line 2)"
            ),
        )

    def test_the_same_value_or_date_is_no_conflict(self, tmp_path):
        """A row repeating what the progress records (a second collect) is accepted."""
        path = _finance(tmp_path)
        prior = Progress(
            [
                Measurement("spending-progress", "2025-07-31", 62),
                Completion("task-20", "2025-07-20"),
            ]
        )

        result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF, prior=prior)

        assert [r.verdict for r in result.rows] == [Verdict.ACCEPTED] * 2
        assert path.exists()

    def test_another_completion_date_is_held_back(self, tmp_path):
        """An item the progress records done on another day is in conflict, not done twice."""
        _finance(tmp_path)
        prior = Progress([Completion("task-20", "2025-07-10")])

        rows = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF, prior=prior).rows

        assert [r.verdict for r in rows] == [Verdict.ACCEPTED, Verdict.CONFLICT]
        assert "2025-07-10 in the progress so far" in rows[1].reasons[0]

    def test_cli_keeps_the_running_file_readable(self, tmp_path, capsys):
        """`collect --accepted` over the --progress file leaves it readable by status."""
        back = tmp_path / "returned"
        (path,) = _send(back, "finance")
        _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=60)
        prior = tmp_path / "prior.csv"
        write_progress(Progress([Measurement("spending-progress", "2025-07-31", 58)]), prior)
        code, out, err = run(
            capsys, "collect", back, "--progress", prior, "--out", tmp_path / "c.csv",
            "--accepted", prior,
        )  # fmt: skip

        assert code == 0, err
        assert "0 accepted, 0 rejected, 1 conflict" in out
        assert list(read_progress(prior, plan=PLAN)) == [
            Measurement("spending-progress", "2025-07-31", 58)
        ]
        assert run(capsys, "status", "--progress", prior)[0] == 0


# --- 1. verdicts settled in the merged file survive a second collect --------------------------


def _settle(path: Path, choose) -> None:
    """Change the 结论 of rows of a merged XLSX: ``choose(unit, key)`` gives the new word."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    for line in range(2, ws.max_row + 1):
        word = choose(ws.cell(row=line, column=1).value, ws.cell(row=line, column=4).value)
        if word is not None:
            ws.cell(row=line, column=13).value = word
    book.save(path)


class TestSettledVerdicts:
    @pytest.fixture
    def disputed(self, tmp_path, capsys):
        """Finance and agriculture report different spending; the office accepts finance's."""
        back = tmp_path / "returned"
        for unit, value in (("finance", 58), ("agriculture", 61)):
            (path,) = _send(back, unit)
            _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=value)
        merged = tmp_path / "collected.xlsx"
        code, out, err = run(capsys, "collect", back, "--out", merged)
        assert code == 0, err
        assert "2 conflict" in out
        _settle(
            merged,
            lambda unit, key: (
                {"finance": "采纳", "agriculture": "退回"}.get(unit)
                if key == "spending-progress#0"
                else None
            ),
        )
        return back, merged

    def test_a_settled_conflict_is_kept(self, disputed, tmp_path, capsys):
        """Collecting again into the settled file keeps the office's verdicts and accepts its choice."""
        back, merged = disputed
        _send(back, "education")
        _fill(back / _sheet("education").file_name, "task-13", 完成情况="正在推进")
        progress = tmp_path / "progress.csv"
        code, out, err = run(capsys, "collect", back, "--out", merged, "--accepted", progress)

        assert code == 0, err
        assert "kept 2 verdict(s) settled in" in out
        assert "1 accepted, 1 rejected, 0 conflict, 1 noted" in out
        assert list(read_progress(progress)) == [Measurement("spending-progress", "2025-07-31", 58)]
        back_again = read_collection(merged, as_of=AS_OF)
        assert [r.verdict.label for r in back_again.rows].count("采纳") == 1

    def test_a_new_disagreement_reopens_the_conflict(self, disputed, capsys):
        """A late unit's different value puts the accepted row in conflict again: nothing chosen silently."""
        back, merged = disputed
        (path,) = _send(back, "nongken")
        _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=65)
        code, out, err = run(capsys, "collect", back, "--out", merged)

        assert code == 0, err
        assert "0 accepted, 1 rejected, 2 conflict" in out

    def test_a_corrected_row_is_not_written_over(self, disputed, capsys):
        """A row the office corrected by hand and accepted makes collect refuse; the file is left as it is."""
        back, merged = disputed
        book = openpyxl.load_workbook(merged)
        ws = book.active
        line = next(
            r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "finance"
        )
        ws.cell(row=line, column=10).value = "59"
        book.save(merged)
        before = merged.read_bytes()
        code, _, err = run(capsys, "collect", back, "--out", merged)

        assert code == 1
        assert "expected every verdict settled in it to be kept, found 1" in err
        assert "settled as 采纳" in err
        assert "Traceback" not in err
        assert merged.read_bytes() == before

    def test_an_unrelated_file_as_out_is_not_written_over(self, tmp_path, capsys):
        """An --out that exists and is no collected file is refused, not overwritten."""
        _finance(tmp_path / "back")
        other = tmp_path / "notes.csv"
        other.write_text("备忘\n明天开会\n", encoding="utf-8")
        code, _, err = run(capsys, "collect", tmp_path / "back", "--out", other)

        assert code == 1
        assert "notes.csv line 1: expected the columns" in err
        assert other.read_text(encoding="utf-8") == "备忘\n明天开会\n"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


@pytest.fixture(scope="module")
def machine_rows(tmp_path_factory):
    """The rows of a merged CSV as collect writes it: every verdict, conflicts of both kinds."""
    folder = tmp_path_factory.mktemp("machine")
    for unit, value in (("finance", 58), ("agriculture", 61)):
        (path,) = _send(folder, unit)
        _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=value)
    _fill(folder / _sheet("finance").file_name, "task-20", 完成情况="已完成", 完成时间="2025-02-30")
    _fill(folder / _sheet("agriculture").file_name, "task-20", 完成情况="正在推进")
    (office,) = _send(folder, "rural_work_office")
    _fill(office, "campaign-training-course", 完成情况="已完成", 完成时间=dt.date(2025, 7, 25))
    _fill(office, "resident-work-meeting", 完成情况="已完成", 完成时间=dt.date(2025, 7, 28))
    prior = Progress([Completion("resident-work-meeting", "2025-07-20")])
    result = collect(PLAN, folder, sent=SENT, as_of=AS_OF, prior=prior)
    path = write_collection(result, folder / "m.csv")
    rows = _csv_rows(path)
    assert {r["结论"] for r in rows} == {v.label for v in Verdict}
    return rows


class TestSettledInCsv:
    @pytest.fixture
    def merged(self, tmp_path, capsys):
        """A merged CSV with a conflict (finance 58, agriculture 61) and a bad date of task 20."""
        back = tmp_path / "returned"
        for unit, value in (("finance", 58), ("agriculture", 61)):
            (path,) = _send(back, unit)
            _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=value)
        _fill(
            back / _sheet("finance").file_name, "task-20", 完成情况="已完成", 完成时间="2025-02-30"
        )
        _fill(back / _sheet("agriculture").file_name, "task-20", 完成情况="正在推进")
        merged = tmp_path / "collected.csv"
        code, out, err = run(capsys, "collect", back, "--out", merged)
        assert code == 0, err
        assert "0 accepted, 1 rejected, 2 conflict, 1 noted" in out
        return back, merged

    def test_kept_after_excel_saved_the_file_again(self, merged, capsys):
        """Verdicts settled in a CSV Excel saved again (dates as 2025/7/31) are still kept."""
        back, path = merged
        rows = _csv_rows(path)
        for row in rows:
            row["日期"] = row["日期"].replace("2025-07-31", "2025/7/31")
            if row["编号"] == "spending-progress#0":
                row["结论"] = "采纳" if row["单位编号"] == "finance" else "退回"
        _write_rows(path, rows)
        code, out, err = run(capsys, "collect", back, "--out", path)

        assert code == 0, err
        assert "kept 2 verdict(s)" in out
        assert "1 accepted, 2 rejected, 0 conflict, 1 noted" in out

    def test_an_accepted_row_that_records_nothing_is_refused(self, merged, capsys):
        """A row accepted by hand with its bad date left as it was is named; the file stays."""
        back, path = merged
        rows = _csv_rows(path)
        for row in rows:
            if row["编号"] == "task-20" and row["单位编号"] == "finance":
                row["结论"] = "采纳"
        _write_rows(path, rows)
        before = path.read_bytes()
        code, _, err = run(
            capsys, "collect", back, "--out", path, "--accepted", path.parent / "p.csv"
        )

        assert code == 1
        assert "日期: expected a real calendar date, found '2025-02-30'" in err
        assert path.read_bytes() == before
        assert not (path.parent / "p.csv").exists()

    @settings(deadline=None, max_examples=40)
    @given(data=st.data())
    def test_any_change_of_a_verdict_is_seen_as_settled(self, machine_rows, data):
        """Every row collect wrote reads as unsettled, and as settled once its 结论 is changed."""
        from xiaojie.io._collect import _by_hand

        rows = machine_rows
        row = data.draw(st.sampled_from(rows))
        word = data.draw(st.sampled_from([v.label for v in Verdict if v.label != row["结论"]]))

        assert not any(_by_hand(r) for r in rows)
        assert _by_hand({**row, "结论": word})


# --- 8. a row accepted by hand without a 类型 ------------------------------------------------


def _collected(tmp_path, **cells) -> Path:
    """A merged CSV of one task-20 row sent back for a bad date, then edited by the office."""
    row = Collected(
        source="a.xlsx",
        line=6,
        unit="finance",
        key="task-20",
        title="健全衔接资金管理机制",
        state="已完成",
        done_on="2025-02-30",
        verdict=Verdict.REJECTED,
        reasons=("完成时间: expected a real calendar date, found '2025-02-30'",),
    )
    path = write_collection(Collection(as_of=AS_OF, rows=(row,)), tmp_path / "m.csv")
    lines = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    lines[0].update(cells)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(lines[0]))
    writer.writeheader()
    writer.writerows(lines)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


class TestAcceptedByHand:
    @pytest.mark.parametrize("plan", [PLAN, None])
    def test_the_record_follows_from_the_item(self, tmp_path, plan):
        """A row the office corrects and accepts becomes the record its item takes."""
        path = _collected(tmp_path, 日期="2025-07-20", 结论="采纳")

        back = read_collection(path, as_of=AS_OF, plan=plan)

        assert list(back.progress) == [Completion("task-20", "2025-07-20")]
        assert status(PLAN, back.progress, as_of=AS_OF).entry("task-20").state.is_done

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            ({"结论": "采纳"}, r"m\.csv line 2, 日期: expected a real calendar date"),
            ({"日期": "", "结论": "采纳"}, r"m\.csv line 2, 日期: 结论 is 采纳, so the row needs"),
            (
                {"日期": "2025-07-20", "完成情况": "正在推进", "结论": "采纳"},
                r"m\.csv line 2, 完成情况: 结论 is 采纳, so the row must record the item done",
            ),
            (
                {"编号": "", "日期": "2025-07-20", "结论": "采纳"},
                r"m\.csv line 2, 类型: 结论 is 采纳 but 类型 is empty and 编号 is empty",
            ),
        ],
    )
    def test_an_accepted_row_that_records_nothing_is_named(self, tmp_path, cells, message):
        """A row marked 采纳 that cannot become a record is an error naming its line, never dropped."""
        path = _collected(tmp_path, **cells)

        with pytest.raises(SheetError, match=message):
            read_collection(path, as_of=AS_OF, plan=PLAN)


# --- 9. the files read are never the file written ---------------------------------------------


class TestOutIsNotAnInput:
    @pytest.mark.parametrize(
        ("extra", "flag"),
        [
            (["--progress", "{p}"], "--progress"),
            (["--accepted", "{p}"], "--accepted"),
            (["--progress", "{p}", "--accepted", "{p}"], "--progress"),
        ],
    )
    def test_collect_refuses_out_equal_to_an_input(self, tmp_path, capsys, extra, flag):
        """`collect --out` naming the --progress or --accepted file is refused before anything is written."""
        _finance(tmp_path / "back")
        kept = tmp_path / "p2.csv"
        write_progress(Progress([Measurement("spending-progress", "2025-07-31", 58)]), kept)
        before = kept.read_bytes()
        (tmp_path / "sub").mkdir()
        spelled = tmp_path / "sub" / ".." / "p2.csv"
        argv = [a.format(p=kept) for a in extra]
        code, _, err = run(capsys, "collect", tmp_path / "back", "--out", spelled, *argv)

        assert code == 1
        assert f"expected a file other than {flag}" in err
        assert kept.read_bytes() == before

    def test_notice_refuses_out_equal_to_progress(self, tmp_path, capsys):
        """`notice --out` naming the --progress workbook is refused; the workbook is left as it is."""
        kept = tmp_path / "p.xlsx"
        write_progress(Progress([Completion("task-20", "2025-07-20")]), kept)
        before = kept.read_bytes()
        code, _, err = run(capsys, "notice", "--progress", kept, "--out", kept)

        assert code == 1
        assert "expected a file other than --progress" in err
        assert kept.read_bytes() == before


# --- 10. a cascaded sheet's place -------------------------------------------------------------


@pytest.mark.parametrize("code", ["640323", "640342", ""])
def test_a_cascaded_sheets_place_is_checked_before_writing(tmp_path, capsys, code):
    """A returned sheet whose 区划代码 is not the place sent is refused by file; nothing is written."""
    plan_file = tmp_path / "tongxin.toml"
    assert main(["cascade", "--to", "同心县", "-o", str(plan_file)]) == 0
    county = cascade(PLAN, to="同心县").plan
    sheets = progress_sheets(county, status(county, as_of=AS_OF))
    finance = next(s for s in sheets if s.unit.id == "finance")
    (path,) = write_sheets(county, [finance], tmp_path / "back")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws["K2"] = code or None
    ws["J5"], ws["K5"] = dt.date(2025, 7, 31), 58
    book.save(path)
    capsys.readouterr()
    out, by_place = tmp_path / "c.csv", tmp_path / "byp"
    argv = ["--plan", plan_file, "collect", tmp_path / "back", "--out", out, "--by-place", by_place]
    status_code, _, err = run(capsys, *argv)

    assert status_code == 1
    shown = repr(code) if code else "none"
    assert f"{path.name}: 区划代码: expected '640324'" in err
    assert f"found {shown}" in err
    assert not out.exists()
    assert not by_place.exists()


PHONE = "13812345678"
HOSTILE_PLACE_NAMES = ("../../escaped", "同心县/预旺镇", f"同心县(电话{PHONE})", "CON", "乡" * 300)


def _collect_by_place(tmp_path, capsys, monkeypatch, name: str) -> tuple[int, str, Path]:
    """Collect a cascaded county's returned sheet --by-place, the county named ``name``."""
    bundled = load_places()
    renamed = Places(
        tuple(attrs.evolve(p, name=name) if p.code == "640324" else p for p in bundled)
    )
    plan_file = tmp_path / "tongxin.toml"
    assert main(["cascade", "--to", "同心县", "-o", str(plan_file)]) == 0
    monkeypatch.setattr(xiaojie.places, "load_places", lambda path=None: renamed)
    county = cascade(PLAN, to="同心县").plan
    finance = next(
        s for s in progress_sheets(county, status(county, as_of=AS_OF)) if s.unit.id == "finance"
    )
    (path,) = write_sheets(county, [finance], tmp_path / "back")
    book = openpyxl.load_workbook(path)
    book.active["J5"], book.active["K5"] = dt.date(2025, 7, 31), 58
    book.save(path)
    capsys.readouterr()
    by_place = tmp_path / "out" / "by-place"
    argv = ["--plan", plan_file, "collect", tmp_path / "back", "--out", tmp_path / "c.csv"]
    code, out, _ = run(capsys, *argv, "--by-place", by_place)
    return code, out, by_place


@pytest.mark.parametrize("name", HOSTILE_PLACE_NAMES)
def test_by_place_files_are_named_safely(tmp_path, capsys, monkeypatch, name):
    """A place named with a path, a phone, a device name or 300 bytes: one safe file in the folder.

    Before, ``../../escaped`` wrote the file above the folder (and made a folder
    ``640324-..``), the phone was in the file name unmasked, and the 300-character name
    stopped the command after the merged file was written.
    """
    code, out, by_place = _collect_by_place(tmp_path, capsys, monkeypatch, name)
    everything = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    written = sorted(by_place.iterdir())

    assert 0 == code
    assert 1 == len(written)
    assert written[0].is_file()
    assert written[0].name.startswith("640324-")
    assert len(written[0].name.encode()) <= NAME_BYTES
    assert {"c.csv", "out", "out/by-place", f"out/by-place/{written[0].name}"} == {
        e for e in everything if not e.startswith(("back", "tongxin"))
    }
    assert PHONE not in written[0].name
    assert PHONE not in out
    assert read_place_progress(written, plan=PLAN).keys() == {load_places().find("640324")}


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=120), code=st.sampled_from(["640324", "640302001"]))
@example(name="..", code="640324")
@example(name=" /", code="640324")
def test_a_place_file_is_one_file_named_by_its_code(name, code):
    """Any place name gives one file name: no folder, at most 200 bytes, the code found first."""
    file = place_file(code, name)

    assert "/" not in file
    assert "\\" not in file
    assert file not in {".", ".."}
    assert len(file.encode("utf-8")) <= NAME_BYTES
    assert re.split(r"[-_ .]+", Path(file).stem)[0] == code
    assert file.endswith(".csv")


# --- 11. 截至 read like 完成时间 ---------------------------------------------------------------


@settings(deadline=None, max_examples=30)
@given(
    day=st.dates(min_value=dt.date(2025, 6, 18), max_value=dt.date(2026, 12, 31)),
    form=st.sampled_from(
        [
            "{d:%Y-%m-%d}",
            "{d.year}/{d.month}/{d.day}",
            "{d.year}年{d.month}月{d.day}日",
            "{d.year}-{d.month}-{d.day}",
        ]
    ),
)
def test_the_date_line_is_read_like_a_completion_date(example_folder, day, form):
    """截至 written in any form 完成时间 accepts (Excel's 2025/8/1 …) is read as that day."""
    folder = example_folder("as-of-forms")
    grid = [
        ["", "调度表"],
        ["", "填报单位", "自治区财政厅", "单位编号", "finance", "截至", form.format(d=day), "方案", PLAN.id],
        ["", "说明"],
        list(COLUMNS),
    ]  # fmt: skip
    path = _write_csv(folder / "a.csv", grid)

    assert read_returned(path).as_of == day


def test_an_excel_resaved_csv_sheet_is_collected(tmp_path):
    """A sheet Excel re-saved as CSV (截至 2025/8/1, 完成时间 2025/7/31) is collected, its row accepted."""
    grid = _grid(_finance(tmp_path))
    for path in tmp_path.iterdir():
        path.unlink()
    grid[1][6] = "2025/8/1"
    grid[4][9] = "2025/7/31"
    _write_csv(tmp_path / "a.csv", grid)

    rows = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).rows

    assert [r.verdict for r in rows] == [Verdict.ACCEPTED, Verdict.ACCEPTED]


# --- 12. no sheets for a day before the plan --------------------------------------------------


@settings(deadline=None, max_examples=15)
@given(day=st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2025, 7, 5)))
@example(day=dt.date(2025, 6, 17))
@example(day=dt.date(2025, 6, 18))
def test_a_sheet_before_the_plans_date_is_refused(day):
    """A sheet is made exactly when its 调度 date is on or after the plan's date (发文时间)."""
    sheets = progress_sheets(PLAN, status(PLAN, as_of=day))
    sheet = next(s for s in sheets if s.rows)

    if day < dt.date(2025, 6, 18):
        with pytest.raises(
            SheetError, match=r"as_of: expected a 调度 date on or after .*2025-06-18"
        ):
            sheet_xlsx(PLAN, sheet)
    else:
        assert sheet_xlsx(PLAN, sheet).startswith(b"PK")


def test_cli_sheets_before_the_plan_writes_nothing(tmp_path, capsys):
    """`sheets --as-of` before the plan's date is one error line; no folder, no sheet is written."""
    code, _, err = run(capsys, "sheets", "--as-of", "2025-06-10", "--out", tmp_path / "early")

    assert code == 1
    assert err.startswith(
        "error: as_of: expected a 调度 date on or after the plan's date 2025-06-18"
    )
    assert not (tmp_path / "early").exists()


@pytest.mark.parametrize(("typed", "code"), [(0.85, "0%"), (0.855, "0.0%"), (85, "General")])
def test_a_percent_typed_in_excel_is_read_as_its_percent(tmp_path, typed, code):
    """85% typed into a cell is stored as 0.85 with a percent format: it is read as 85."""
    (path,) = _send(tmp_path, "finance")
    line = _fill(path, "spending-progress#0", 完成时间=dt.date(2025, 7, 31), 数值=typed)
    book = openpyxl.load_workbook(path)
    book.active.cell(row=line, column=COL["数值"]).number_format = code
    book.save(path)

    result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

    [row] = [r for r in result.rows if r.key == "spending-progress#0"]
    assert row.verdict is Verdict.ACCEPTED
    assert row.record.value == pytest.approx(85.5 if typed == 0.855 else 85)


@pytest.mark.parametrize(
    "typed",
    ["640324199001011236", 640324199001011236, 13912345678, "13912345678", 6.40324199001011e17],
)
def test_an_identity_or_mobile_number_typed_as_a_figure_is_rejected_masked(tmp_path, typed):
    """数值 of a count target holding an identity or mobile number: rejected, shown masked.

    It was accepted, and the progress file then held it masked (written as text), so the file
    no longer read back.
    """
    (path,) = _send(tmp_path, "agriculture")
    _fill(path, "unsafe-housing-zero#0", 完成时间=dt.date(2025, 7, 31), 数值=typed)

    result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

    [row] = [r for r in result.rows if r.key == "unsafe-housing-zero#0"]
    assert row.verdict is Verdict.REJECTED
    [reason] = row.reasons
    assert reason.startswith("数值: expected the item's figure, found ")
    assert "shaped like an identity or mobile number" in reason
    digits = "".join(ch for ch in str(int(float(typed))) if ch.isdigit())
    assert digits not in reason
    assert digits[4:-4] not in reason
    assert not list(result.progress)


def test_a_large_sum_that_is_no_phone_is_accepted(tmp_path):
    # guard: a figure of eleven digits that is no mobile number stays a figure
    (path,) = _send(tmp_path, "agriculture")
    _fill(path, "unsafe-housing-zero#0", 完成时间=dt.date(2025, 7, 31), 数值=25000000000)
    result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)
    [row] = [r for r in result.rows if r.key == "unsafe-housing-zero#0"]
    assert row.verdict is Verdict.ACCEPTED
    assert row.record.value == 25000000000


def _rows_of(path: Path, *keys: str) -> list[int]:
    ws = openpyxl.load_workbook(path).active
    lines = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    return [lines[k] for k in keys]


@pytest.mark.parametrize("merged", ["完成情况", "完成时间"])
def test_a_fill_in_cell_merged_down_counts_for_every_row(tmp_path, merged):
    """One 已完成 (or one date) merged over three rows is each row's, as the sheet shows.

    The rows below the first read empty: 记录在案 without a record, or 退回 for a missing
    date although the date was on screen.
    """
    (path,) = _send(tmp_path, "agriculture")
    keys = ("task-13", "task-19", "task-20")
    lines = _rows_of(path, *keys)
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.protection.sheet = False
    for offset, line in enumerate(lines):
        if merged == "完成情况":
            ws.cell(row=line, column=COL["完成时间"]).value = dt.date(2025, 7, 10 + offset)
        else:
            ws.cell(row=line, column=COL["完成情况"]).value = "已完成"
    first = ws.cell(row=lines[0], column=COL[merged])
    first.value = "已完成" if merged == "完成情况" else dt.date(2025, 7, 10)
    ws.merge_cells(
        start_row=lines[0], start_column=COL[merged], end_row=lines[-1], end_column=COL[merged]
    )
    book.save(path)

    result = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF)

    rows = {r.key: r for r in result.rows}
    assert [rows[k].verdict for k in keys] == [Verdict.ACCEPTED] * 3
    days = [10, 11, 12] if merged == "完成情况" else [10, 10, 10]
    assert [(r.item, r.on) for r in result.progress] == [
        (k, dt.date(2025, 7, d)) for k, d in zip(keys, days, strict=True)
    ]


def test_a_title_merged_across_columns_stays_in_its_first_cell(tmp_path):
    # guard: a range over several columns is no value of each cell
    (path,) = _send(tmp_path, "agriculture")
    (line,) = _rows_of(path, "task-13")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.protection.sheet = False
    ws.cell(row=line, column=COL["完成情况"]).value = "已完成"
    ws.merge_cells(
        start_row=line, start_column=COL["完成情况"], end_row=line, end_column=COL["完成时间"]
    )
    book.save(path)
    [row] = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).rows
    assert row.verdict is Verdict.REJECTED
    assert row.reasons == ("完成时间: an item marked 已完成 needs the day it was done",)


def test_a_day_without_its_state_is_sent_back(tmp_path):
    """完成时间 given, 完成情况 left empty: 退回 with the reason (it was noted, the day dropped)."""
    (path,) = _send(tmp_path, "agriculture")
    _fill(path, "task-13", 完成时间=dt.date(2025, 7, 10))
    [row] = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).rows
    assert row.verdict is Verdict.REJECTED
    expected = (
        "完成情况: expected 已完成 beside the 完成时间 2025-07-10, found nothing: mark the item "
        "已完成 if it was done that day"
    )
    assert row.reasons == (expected,)


def test_a_column_of_the_header_given_twice_refuses_the_sheet(tmp_path):
    """A second 数值 added at the right: the last one was read, silently (last month's value)."""
    path = _finance(tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.protection.sheet = False
    extra = ws.max_column + 1
    ws.cell(row=4, column=extra).value = "数值"
    line = next(
        r
        for r in range(5, ws.max_row + 1)
        if ws.cell(row=r, column=1).value == "spending-progress#0"
    )
    ws.cell(row=line, column=extra).value = 40
    book.save(path)
    with pytest.raises(SheetError) as info:
        read_returned(path)
    letter = openpyxl.utils.get_column_letter(extra)
    assert (
        f"row 4: expected each column of the header once, found 数值 in columns K、{letter}"
        in str(info.value)
    )


def test_a_title_with_full_width_brackets_comes_back_unchanged(tmp_path):
    """（含监管） in a title: the cell read back is NFKC-normalised, so the title sent is too.

    Every correctly filled row of such an item was sent back, "事项 was changed".
    """
    bundled = Path(xj.__file__).parent / "data" / "ningxia-2025.toml"
    text = bundled.read_text(encoding="utf-8")
    old = 'title = "健全衔接资金管理机制"'
    assert text.count(old) == 1
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(
        text.replace(old, 'title = "健全衔接资金管理机制（含监管）"'), encoding="utf-8"
    )
    plan = xj.load_plan(plan_file)
    sheets = progress_sheets(plan, status(plan, as_of=AS_OF))
    back = tmp_path / "back"
    (path,) = write_sheets(plan, [next(s for s in sheets if s.unit.id == "finance")], back)
    _fill(path, "task-20", 完成情况="已完成", 完成时间=dt.date(2025, 7, 20))

    [row] = [r for r in collect(plan, back, sent=sheets, as_of=AS_OF).rows if r.key == "task-20"]

    assert row.verdict is Verdict.ACCEPTED, row.reasons


def test_collect_takes_the_date_as_status_does(tmp_path):
    """as_of="2025-08-01" is read (it raised AttributeError); a datetime is refused by name."""
    _finance(tmp_path)
    by_text = collect(PLAN, tmp_path, sent=SENT, as_of="2025-08-01")
    assert [r.verdict for r in by_text.rows] == [
        r.verdict for r in collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).rows
    ]
    with pytest.raises(xj.DateValueError, match="as_of: expected a date, found a datetime"):
        collect(PLAN, tmp_path, sent=SENT, as_of=dt.datetime(2025, 8, 1))


@pytest.mark.parametrize(("below", "footer"), [(3, None), (2, "填报人：马秀兰")])
def test_a_cell_merged_down_past_the_last_item_makes_no_rows(tmp_path, below, footer):
    """说明 merged from the last item down, over empty rows or a footer row (填报人 in column A):
    one row, not more without 编号 (the footer row was sent back as an item)."""
    (path,) = _send(tmp_path, "agriculture")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.protection.sheet = False
    last = max(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value)
    ws.cell(row=last, column=COL["说明"]).value = "已按计划推进"
    if footer is not None:
        ws.cell(row=last + below, column=1).value = footer
    ws.merge_cells(
        start_row=last, start_column=COL["说明"], end_row=last + below, end_column=COL["说明"]
    )
    book.save(path)

    rows = collect(PLAN, tmp_path, sent=SENT, as_of=AS_OF).rows

    assert [(r.line, r.verdict) for r in rows] == [(last, Verdict.NOTED)]
