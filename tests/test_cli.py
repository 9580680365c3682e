"""The command line, through its real entry point: output, exit codes and errors."""

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

import installed
import xiaojie as xj
from xiaojie import cli
from xiaojie.cli import main


PLAN = xj.load_plan()
PROGRESS_CSV = (
    "事项,类型,完成日期,数值,基准值,备注\n"
    "resident-work-meeting,完成,2025-07-28,,,\n"
    "spending-progress,测量,2025-07-31,62.5,,\n"
    "monthly-data-comparison,开展,2025-07-30,,,\n"
)


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    """Run every command as if its output were piped, whatever the environment says."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli._shared, "_today", lambda: dt.date(2025, 8, 1))


READ_THE_CLOCK = cli._shared._today


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err):
    return [line for line in err.splitlines() if line.strip()]


@pytest.fixture
def progress_file(tmp_path):
    path = tmp_path / "progress.csv"
    path.write_text(PROGRESS_CSV, encoding="utf-8")
    return path


@pytest.fixture
def broken_plan(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('schema = "xiaojie-plan/1"\n[plan]\nid = "x"\n', encoding="utf-8")
    return path


class TestUsage:
    def test_no_command(self, capsys):
        """Without a command the usage is printed and the exit code is 2."""
        code, _, err = run(capsys)

        assert 2 == code
        assert "usage: xiaojie" in err

    def test_unknown_command(self, capsys):
        """An unknown command is a usage error."""
        code, _, err = run(capsys, "frobnicate")

        assert 2 == code
        assert "invalid choice: 'frobnicate'" in err

    def test_help(self, capsys):
        """--help prints the commands and exits 0."""
        code, out, _ = run(capsys, "--help")

        assert 0 == code
        for command in (
            "show",
            "unit",
            "status",
            "overdue",
            "docs",
            "export",
            "check-ledger",
            "parse",
        ):
            assert command in out

    def test_unknown_option(self, capsys):
        """An unknown option is a usage error."""
        code, _, err = run(capsys, "show", "--frobnicate")

        assert 2 == code
        assert "unrecognized arguments: --frobnicate" in err

    def test_plan_before_or_after_the_command(self, capsys, broken_plan):
        """--plan works before the command and after it."""
        before = run(capsys, "--plan", str(broken_plan), "show")
        after = run(capsys, "show", "--plan", str(broken_plan))

        assert 1 == before[0] == after[0]
        assert before[2] == after[2]


class TestShow:
    def test_plain(self, capsys):
        """Piped, show prints the plan's campaigns and tasks as plain text."""
        code, out, err = run(capsys, "show")

        assert 0 == code
        assert "" == err
        assert cli.show_plan(PLAN) + "\n" == out

    def test_json(self, capsys):
        """--json gives every campaign and task with its lead and time limit."""
        code, out, _ = run(capsys, "show", "--json")
        data = json.loads(out)

        assert 0 == code
        assert 8 == len(data["campaigns"])
        task = data["campaigns"][5]["tasks"][1]
        assert {"number": 18, "title": "强化驻村帮扶成效"} == {
            k: task[k] for k in ("number", "title")
        }
        assert "organisation_dept" == task["lead"]["id"]
        assert "7月底前、8月底前" == task["time_limit"]

    def test_terminal_draws_a_table(self, capsys, monkeypatch):
        """In a terminal, show draws the 任务分工表 with rich."""
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "160")

        code, out, _ = run(capsys, "show")

        assert 0 == code
        assert "任务分工表" in out
        assert "─" in out

    def test_missing_plan_file(self, capsys, tmp_path):
        """A missing plan file is one error line and exit code 1."""
        code, out, err = run(capsys, "show", "--plan", str(tmp_path / "nope.toml"))

        assert 1 == code
        assert "" == out
        assert [
            f"error: {tmp_path / 'nope.toml'}: expected a readable plan file, found FileNotFoundError: No such file or directory"
        ] == error_lines(err)

    def test_broken_plan_lists_every_problem(self, capsys, broken_plan):
        """Each problem of a broken plan file is its own error line."""
        code, _, err = run(capsys, "show", "--plan", str(broken_plan))
        lines = error_lines(err)

        assert 1 == code
        assert 3 == len(lines)
        assert all(line.startswith(f"error: {broken_plan}: ") for line in lines)
        assert any("plan.title" in line for line in lines)


class TestUnit:
    def test_by_alias(self, capsys):
        """unit accepts any alias and prints the unit's 任务清单."""
        code, out, _ = run(capsys, "unit", "医保局")

        assert 0 == code
        assert out.startswith("自治区医疗保障局 任务清单\n")
        assert "== 配合任务 ==" in out

    def test_json(self, capsys):
        """--json lists the unit's tasks with roles, dated items and indicators."""
        code, out, _ = run(capsys, "unit", "农办", "--json")
        data = json.loads(out)

        assert 0 == code
        assert "rural_work_office" == data["unit"]["id"]
        assert [{"number": 18, "role": "co_responsible"}] == [
            {k: t[k] for k in ("number", "role")} for t in data["tasks"]
        ]
        assert ["2025-07-31", "2025-07-31", "2025-08-31"] == [d["due"] for d in data["dated"]]

    def test_english(self, capsys):
        """--lang en prints English labels."""
        code, out, _ = run(capsys, "unit", "教育厅", "--lang", "en")

        assert 0 == code
        assert out.startswith("Task list: 自治区教育厅\n")

    def test_unknown_unit(self, capsys):
        """An unknown unit is one error line with suggestions, exit code 1."""
        code, out, err = run(capsys, "unit", "教委")

        assert 1 == code
        assert "" == out
        assert ["error: unknown unit '教委'; closest known: 民委、教育厅、政法委"] == error_lines(
            err
        )

    def test_missing_name(self, capsys):
        """unit without a name is a usage error."""
        code, _, err = run(capsys, "unit")

        assert 2 == code
        assert "the following arguments are required: NAME" in err

    def test_bad_language(self, capsys):
        """An unknown --lang is a usage error."""
        code, _, err = run(capsys, "unit", "教育厅", "--lang", "fr")

        assert 2 == code
        assert "invalid choice: 'fr'" in err


class TestStatus:
    def test_report(self, capsys):
        """status prints the report for the given date."""
        code, out, _ = run(capsys, "status", "--as-of", "2025-08-01")

        assert 0 == code
        assert out.startswith("进展情况报告\n")
        assert "截至 2025-08-01" in out
        assert "[自治区党委组织部]" in out

    def test_progress_file(self, capsys, progress_file):
        """Records of a progress file make items done."""
        args = ("status", "--as-of", "2025-08-01", "--json")
        before = json.loads(run(capsys, *args)[1])
        after = json.loads(run(capsys, *args, "--progress", str(progress_file))[1])

        states = {e["key"]: e["state"] for e in after["entries"]}
        assert (
            "overdue" == {e["key"]: e["state"] for e in before["entries"]}["resident-work-meeting"]
        )
        assert "done_on_time" == states["resident-work-meeting"]
        assert "done_on_time" == states["spending-progress#0"]

    def test_json(self, capsys):
        """--json gives the date, the counts and every entry."""
        code, out, _ = run(capsys, "status", "--as-of", "2025-08-01", "--json")
        data = json.loads(out)

        assert 0 == code
        assert "2025-08-01" == data["as_of"]
        assert len(data["entries"]) == sum(data["counts"].values())
        assert "overdue" == data["task_states"]["18"]

    def test_default_date_is_today(self, capsys, monkeypatch):
        """Without --as-of the report is for today (the only clock read)."""
        monkeypatch.setattr(cli._shared, "_today", lambda: dt.date(2025, 7, 28))

        code, out, _ = run(capsys, "status", "--json")

        assert 0 == code
        assert "2025-07-28" == json.loads(out)["as_of"]

    def test_today_reads_the_clock(self):
        """The default date comes from the clock (the only place that reads it)."""
        assert isinstance(READ_THE_CLOCK(), dt.date)

    def test_impossible_date(self, capsys):
        """An impossible date is one clear error line, exit code 1."""
        code, out, err = run(capsys, "status", "--as-of", "2025-02-30")

        assert 1 == code
        assert "" == out
        assert [
            "error: --as-of: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
        ] == error_lines(err)

    def test_not_a_date(self, capsys):
        """Words are not a date either."""
        code, _, err = run(capsys, "status", "--as-of", "yesterday")

        assert 1 == code
        assert "found 'yesterday'" in err

    def test_bad_progress_file(self, capsys):
        """Every bad row of a progress file is its own error line."""
        bad = Path(__file__).parent / "data" / "progress" / "bad-rows.csv"

        code, out, err = run(capsys, "status", "--as-of", "2025-08-01", "--progress", str(bad))

        assert 1 == code
        assert "" == out
        assert len(error_lines(err)) >= 3
        assert all(line.startswith("error: ") for line in error_lines(err))

    def test_missing_progress_file(self, capsys, tmp_path):
        """A missing progress file is an error, not a crash."""
        code, _, err = run(capsys, "status", "--progress", str(tmp_path / "none.csv"))

        assert 1 == code
        assert err.startswith("error: ")

    def test_negative_due_soon(self, capsys):
        """A negative due-soon length is a usage error that names the flag."""
        code, _, err = run(capsys, "status", "--due-soon-days", "-1")

        assert 2 == code
        assert (
            "argument --due-soon-days: expected a whole number of days, 0 or more, found '-1'"
            in err
        )

    def test_due_soon_not_a_number(self, capsys):
        """A due-soon length that is not a number is a usage error."""
        code, _, err = run(capsys, "status", "--due-soon-days", "week")

        assert 2 == code
        assert (
            "argument --due-soon-days: expected a whole number of days, 0 or more, found 'week'"
            in err
        )


class TestOverdue:
    def test_by_unit(self, capsys):
        """overdue prints the overdue items grouped by unit."""
        code, out, _ = run(capsys, "overdue", "--as-of", "2025-08-01")

        assert 0 == code
        assert out.startswith("逾期事项\n")
        assert "[自治区医疗保障局]" in out
        assert "[未明确责任单位]" in out

    def test_json_units_in_plan_order(self, capsys):
        """--json lists the units in the plan's own order with their overdue entries."""
        code, out, _ = run(capsys, "overdue", "--as-of", "2025-08-01", "--json")
        data = json.loads(out)
        order = PLAN.unit_order()

        assert 0 == code
        ids = [u["id"] for u in data["units"]]
        assert sorted(ids, key=order.__getitem__) == ids
        finance = next(u for u in data["units"] if u["id"] == "finance")
        assert [{"key": "spending-progress#0", "role": "co_responsible", "via": None}] == finance[
            "entries"
        ]
        assert "rectification-deployment-meeting" in data["unowned"]
        assert {e["state"] for e in data["entries"]} == {"overdue"}

    def test_nothing_overdue(self, capsys):
        """Before anything is due, overdue says so."""
        code, out, _ = run(capsys, "overdue", "--as-of", "2025-06-01")

        assert 0 == code
        assert "无逾期事项。" in out

    def test_bad_date(self, capsys):
        """A bad date is one error line."""
        code, _, err = run(capsys, "overdue", "--as-of", "2025-13-01")

        assert 1 == code
        assert [
            "error: --as-of: expected a real calendar date YYYY-MM-DD, found '2025-13-01'"
        ] == error_lines(err)


class TestDocs:
    def test_writes_the_document_set(self, capsys, tmp_path, progress_file):
        """docs writes the site, Markdown, tables, calendars and the SVG."""
        out_dir = tmp_path / "site"

        code, out, _ = run(
            capsys,
            "docs",
            "--out",
            str(out_dir),
            "--as-of",
            "2025-08-01",
            "--progress",
            str(progress_file),
        )

        assert 0 == code
        assert out.startswith("wrote ")
        for name in (
            "index.html",
            "status.html",
            "units/education.html",
            "tables/division.xlsx",
            "tables/division.csv",
            "calendar/plan.ics",
            "timeline.svg",
            "markdown/status.md",
        ):
            assert (out_dir / name).is_file(), name
        assert "2025-08-01" in (out_dir / "status.html").read_text(encoding="utf-8")

    def test_one_format(self, capsys, tmp_path):
        """--format limits the set to the asked formats."""
        code, _, _ = run(
            capsys, "docs", "--out", str(tmp_path), "--format", "svg", "--format", "csv"
        )

        assert 0 == code
        assert {"timeline.svg", "tables"} == {p.name for p in tmp_path.iterdir()}

    def test_english(self, capsys, tmp_path):
        """--lang en writes English labels."""
        run(capsys, "docs", "--out", str(tmp_path), "--format", "html", "--lang", "en")

        assert "Division of tasks" in (tmp_path / "division.html").read_text(encoding="utf-8")

    def test_out_is_a_file(self, capsys, tmp_path):
        """An --out that is a file is one error line."""
        target = tmp_path / "file"
        target.write_text("x", encoding="utf-8")

        code, _, err = run(capsys, "docs", "--out", str(target))

        assert 1 == code
        assert [f"error: --out {target}: expected a folder, found a file"] == error_lines(err)

    def test_out_is_required(self, capsys):
        """docs without --out is a usage error."""
        code, _, err = run(capsys, "docs")

        assert 2 == code
        assert "--out" in err

    def test_unknown_format(self, capsys, tmp_path):
        """An unknown --format is a usage error."""
        code, _, _ = run(capsys, "docs", "--out", str(tmp_path), "--format", "pdf")

        assert 2 == code

    def test_without_the_docs_extra(self, capsys, tmp_path, monkeypatch):
        """Without icalendar and openpyxl, docs writes the rest and says what it skipped."""
        monkeypatch.setattr(cli._main, "available_formats", lambda: ("html", "md", "csv", "svg"))

        code, out, _ = run(capsys, "docs", "--out", str(tmp_path))

        assert 0 == code
        assert "skipped xlsx, ics: install the docs extra (xiaojie[docs])" in out
        assert not (tmp_path / "calendar").exists()
        assert (tmp_path / "index.html").is_file()

    def test_asking_for_a_missing_format(self, capsys, tmp_path, monkeypatch):
        """Asking for XLSX without openpyxl is one error line naming the extra."""
        monkeypatch.setattr(cli._main, "available_formats", lambda: ("html", "md", "csv", "svg"))

        code, _, err = run(capsys, "docs", "--out", str(tmp_path), "--format", "xlsx")

        assert 1 == code
        assert [
            "error: --format xlsx: needs the docs extra (pip install 'xiaojie[docs]')"
        ] == error_lines(err)

    def test_bad_date(self, capsys, tmp_path):
        """A bad --as-of stops docs before anything is written."""
        code, _, err = run(capsys, "docs", "--out", str(tmp_path / "s"), "--as-of", "2025-02-29")

        assert 1 == code
        assert not (tmp_path / "s").exists()
        assert "found '2025-02-29'" in err


class TestExport:
    @pytest.mark.parametrize(
        ("fmt", "start"), [("graphml", "<graphml"), ("dot", "digraph"), ("ics", "BEGIN:VCALENDAR")]
    )
    def test_to_stdout(self, capsys, fmt, start):
        """Each format goes to stdout by default."""
        code, out, _ = run(capsys, "export", "--format", fmt)

        assert 0 == code
        assert out.lstrip().startswith(start)

    def test_json(self, capsys):
        """The JSON export is node-link data."""
        code, out, _ = run(capsys, "export", "--format", "json")

        assert 0 == code
        assert "nodes" in json.loads(out)

    def test_to_file(self, capsys, tmp_path):
        """-o writes the file and names it on stderr."""
        target = tmp_path / "agriculture.ics"

        code, out, err = run(
            capsys, "export", "--format", "ics", "--unit", "农业农村厅", "-o", str(target)
        )

        assert 0 == code
        assert "" == out
        assert f"wrote {target}" in err
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")

    def test_unit_needs_ics(self, capsys):
        """--unit with another format is a usage error."""
        code, _, err = run(capsys, "export", "--format", "dot", "--unit", "农办")

        assert 2 == code
        assert "--unit goes with --format ics only" in err

    def test_unknown_unit(self, capsys):
        """An unknown unit for the calendar is one error line."""
        code, _, err = run(capsys, "export", "--format", "ics", "--unit", "农业厅")

        assert 1 == code
        assert error_lines(err)[0].startswith("error: unknown unit '农业厅'")

    def test_missing_folder(self, capsys, tmp_path):
        """Writing into a folder that does not exist is one error line."""
        code, _, err = run(
            capsys, "export", "--format", "dot", "-o", str(tmp_path / "no" / "g.dot")
        )

        assert 1 == code
        assert "does not exist" in err

    def test_calendar_without_icalendar(self, capsys, monkeypatch):
        """Without icalendar, the calendar export is one error line naming the extra."""
        import importlib.util

        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: None if name == "icalendar" else real(name, *a),
        )

        code, _, err = run(capsys, "export", "--format", "ics")

        assert 1 == code
        assert [
            "error: --format ics: needs the docs extra (pip install 'xiaojie[docs]')"
        ] == error_lines(err)

    def test_format_is_required(self, capsys):
        """export without --format is a usage error."""
        code, _, _ = run(capsys, "export")

        assert 2 == code

    def test_unknown_format(self, capsys):
        """An unknown export format is a usage error."""
        code, _, err = run(capsys, "export", "--format", "pdf")

        assert 2 == code
        assert "invalid choice: 'pdf'" in err


LEDGER_CSV = (
    "户编号,户类型,风险线索发现时间,识别时间,户主姓名,身份证号\n"
    "H1,一般农户,2025-06-01,2025-06-16,张三丰,110101199003077777\n"
    "H2,一般农户,2025-06-01,2025-02-30,李四光,110101199003071234\n"
    "H3,脱贫户,2024-05-01,2024-05-10,王五,\n"
    "H4,一般农户,2025-06-01,2025-06-30,赵六,\n"
)


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "households.csv"
    path.write_text(LEDGER_CSV, encoding="utf-8")
    return path


class TestCheckLedger:
    def test_findings_and_bad_rows(self, capsys, ledger_file):
        """check-ledger lists the file's bad rows and what the plan's rules found."""
        code, out, err = run(capsys, "check-ledger", str(ledger_file), "--as-of", "2025-08-01")

        assert 0 == code
        assert "" == err
        assert out.startswith("台账核查结果\n")
        assert "读取4行,有效2行,问题行2行" in out
        assert "H3" in out
        assert "H4" in out  # identified 29 days after the risk clue: over 15 days

    def test_personal_data_is_masked(self, capsys, ledger_file):
        """No name or full ID number from the ledger reaches the output, in text or JSON."""
        text = run(capsys, "check-ledger", str(ledger_file), "--as-of", "2025-08-01")[1]
        data = run(capsys, "check-ledger", str(ledger_file), "--as-of", "2025-08-01", "--json")[1]

        for secret in (
            "张三丰",
            "李四光",
            "王五",
            "赵六",
            "110101199003077777",
            "110101199003071234",
        ):
            assert secret not in text
            assert secret not in data

    def test_json(self, capsys, ledger_file):
        """--json gives the rows read, the problems and every finding as records."""
        code, out, _ = run(
            capsys, "check-ledger", str(ledger_file), "--as-of", "2025-08-01", "--json"
        )
        data = json.loads(out)

        assert 0 == code
        assert "households" == data["ledger"]
        assert [2, 3] == data["bad_rows"]
        assert {"H3", "H4"} == {f["subject"] for f in data["findings"]}

    def test_kind_can_be_given(self, capsys, ledger_file):
        """--kind forces the ledger kind; a file without its columns is an error."""
        assert 0 == run(capsys, "check-ledger", str(ledger_file), "--kind", "households")[0]
        code, _, err = run(capsys, "check-ledger", str(ledger_file), "--kind", "assets")

        assert 1 == code
        assert "资产编号" in err

    def test_unknown_columns(self, capsys, tmp_path):
        """A CSV that is no known ledger is one error line naming each ledger's missing key."""
        path = tmp_path / "x.csv"
        path.write_text("a,b\n1,2\n", encoding="utf-8")

        code, _, err = run(capsys, "check-ledger", str(path))

        assert 1 == code
        assert 1 == len(error_lines(err))
        assert "not a ledger xiaojie knows" in err

    def test_missing_file(self, capsys, tmp_path):
        """A ledger file that does not exist is an error, exit code 1."""
        code, _, err = run(
            capsys, "check-ledger", str(tmp_path / "none.csv"), "--as-of", "2025-08-01"
        )

        assert 1 == code
        assert [
            f"error: {tmp_path / 'none.csv'}: expected a ledger file or a folder of them, found no such file or folder"
        ] == error_lines(err)

    def test_bad_date(self, capsys, ledger_file):
        """A bad --as-of is one error line."""
        code, _, err = run(capsys, "check-ledger", str(ledger_file), "--as-of", "2025-02-30")

        assert 1 == code
        assert [
            "error: --as-of: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
        ] == error_lines(err)

    def test_file_is_required(self, capsys):
        """check-ledger without a file is a usage error."""
        code, _, _ = run(capsys, "check-ledger")

        assert 2 == code

    def test_unknown_kind(self, capsys, ledger_file):
        """An unknown --kind is a usage error."""
        code, _, _ = run(capsys, "check-ledger", str(ledger_file), "--kind", "people")

        assert 2 == code


class TestParse:
    def test_bundled_text(self, capsys, tmp_path):
        """parse reads the bundled plan's text into a plan file that loads back."""
        source = Path(xj.__file__).parent / "data" / "ningxia-2025-action-plan.txt"
        target = tmp_path / "parsed.toml"

        code, out, _ = run(capsys, "parse", str(source), "-o", str(target))

        assert 0 == code
        assert out.startswith(f"wrote {target}: 8 campaigns, 25 tasks")
        assert 25 == len(xj.load_plan(target).tasks)

    def test_missing_file(self, capsys, tmp_path):
        """A plan text that does not exist is one error line, exit code 1."""
        code, _, err = run(
            capsys, "parse", str(tmp_path / "none.txt"), "-o", str(tmp_path / "p.toml")
        )

        assert 1 == code
        assert 1 == len(error_lines(err))
        assert err.startswith("error: ")
        assert not (tmp_path / "p.toml").exists()

    def test_bad_reference(self, capsys, tmp_path):
        """An impossible --reference date is one error line."""
        source = tmp_path / "plan.txt"
        source.write_text("标题:示例\n", encoding="utf-8")

        code, _, err = run(
            capsys,
            "parse",
            str(source),
            "-o",
            str(tmp_path / "p.toml"),
            "--reference",
            "2025-02-30",
        )

        assert 1 == code
        assert [
            "error: --reference: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
        ] == error_lines(err)

    def test_text_without_tasks(self, capsys, tmp_path):
        """A text with no date and no task is an error with its line."""
        source = tmp_path / "plan.txt"
        source.write_text("没有任何任务的文字。\n", encoding="utf-8")

        code, _, err = run(capsys, "parse", str(source), "-o", str(tmp_path / "p.toml"))

        assert 1 == code
        assert err.startswith("error: ")

    def test_output_is_required(self, capsys, tmp_path):
        """parse without -o is a usage error."""
        code, _, _ = run(capsys, "parse", str(tmp_path / "x.txt"))

        assert 2 == code


_installed_script = installed.script


@pytest.mark.skipif(_installed_script() is None, reason="the xiaojie script is not installed")
class TestInstalledScript:
    def _run(self, *argv):
        env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
        return subprocess.run(  # noqa: S603 - our own script
            [_installed_script(), *argv],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )

    def test_overdue(self):
        """The installed script prints the overdue report, plain, when piped."""
        done = self._run("overdue", "--as-of", "2025-08-01")

        assert 0 == done.returncode
        assert done.stdout.startswith("逾期事项\n")
        assert "\x1b[" not in done.stdout

    def test_error(self):
        """The installed script reports a bad date as one line and exits 1."""
        done = self._run("status", "--as-of", "2025-02-30")

        assert 1 == done.returncode
        assert "" == done.stdout
        assert [
            "error: --as-of: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
        ] == error_lines(done.stderr)

    def test_usage_error(self):
        """The installed script exits 2 on a usage error."""
        assert 2 == self._run("nothing").returncode
