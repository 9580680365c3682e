"""What a newcomer meets first at the command line, run as installed and as ``python -m xiaojie``."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import installed


_script = installed.script


RUNNERS = {
    "script": lambda: [_script()] if _script() else None,
    "module": lambda: [sys.executable, "-m", "xiaojie"],
}


@pytest.fixture(params=sorted(RUNNERS))
def xiaojie(request):
    """Run the command line one way (installed script or module); return the finished process."""
    prefix = RUNNERS[request.param]()
    if prefix is None:
        pytest.skip("the xiaojie script is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    env.pop("LANG", None)
    env.pop("LC_ALL", None)

    def run(*argv, cwd=None, extra_env=None):
        return subprocess.run(  # noqa: S603 - our own command
            [*prefix, *argv],
            capture_output=True,
            text=True,
            env={**env, **(extra_env or {})},
            check=False,
            timeout=300,
            cwd=cwd,
        )

    return run


class TestNotices:
    def test_status_says_no_progress_and_late_date(self, xiaojie):
        """status with no progress after the plan's end says both plainly."""
        done = xiaojie("status", "--as-of", "2026-03-01")

        assert 0 == done.returncode, done.stderr
        lines = done.stdout.splitlines()
        assert "未提供进度记录: 所有事项按未完成计。" in lines
        assert "报告日期 2026-03-01 晚于方案期限(2025-06-11至2025-12-31)。" in lines

    def test_status_with_progress_inside_the_plan_has_no_notice(self, xiaojie):
        """With the bundled example progress and a date inside the plan, no notice is printed."""
        progress = Path(__file__).parents[1] / "examples/progress/ningxia-2025-progress.csv"
        done = xiaojie("status", "--as-of", "2025-09-15", "--progress", str(progress))

        assert 0 == done.returncode, done.stderr
        assert "未提供进度记录" not in done.stdout
        assert "方案期限" not in done.stdout
        data = json.loads(
            xiaojie("status", "--as-of", "2025-09-15", "--progress", str(progress), "--json").stdout
        )
        assert [] == data["notices"]
        assert data["progress_records"] > 0

    def test_json_carries_the_notices(self, xiaojie):
        """status --json says how many records it used and gives the notices."""
        done = xiaojie("status", "--as-of", "2025-05-01", "--json")

        data = json.loads(done.stdout)
        assert 0 == data["progress_records"]
        assert [
            "未提供进度记录: 所有事项按未完成计。",
            "报告日期 2025-05-01 早于方案期限(2025-06-11至2025-12-31)。",
        ] == data["notices"]

    def test_docs_prints_the_notices(self, xiaojie, tmp_path):
        """docs tells the reader, on writing, that the documents count nothing as done."""
        done = xiaojie(
            "docs", "--out", str(tmp_path / "site"), "--format", "md", "--as-of", "2026-03-01"
        )

        assert 0 == done.returncode, done.stderr
        assert "note: 未提供进度记录: 所有事项按未完成计。" in done.stdout.splitlines()
        status = (tmp_path / "site/markdown/status.md").read_text(encoding="utf-8")
        assert "> 未提供进度记录: 所有事项按未完成计。" in status.splitlines()


class TestAttribution:
    def test_show_names_issuer_and_publisher(self, xiaojie):
        """show names who issued the plan (印发) and who reposted it (转发)."""
        done = xiaojie("show")

        assert 0 == done.returncode, done.stderr
        assert (
            "印发: 宁夏回族自治区党委、人民政府 · 转发: 同心县农业农村局"
            in done.stdout.splitlines()[1]
        )

    def test_show_json_names_both(self, xiaojie):
        """show --json carries issuer and publisher as separate fields."""
        data = json.loads(xiaojie("show", "--json").stdout)

        assert ("宁夏回族自治区党委、人民政府", "同心县农业农村局") == (
            data["issuer"],
            data["publisher"],
        )

    def test_documents_credit_the_issuer(self, xiaojie, tmp_path):
        """Every written page names the issuer; the county bureau appears only as 转发."""
        done = xiaojie(
            "docs", "--out", str(tmp_path / "site"), "--format", "html", "--as-of", "2025-08-01"
        )

        assert 0 == done.returncode, done.stderr
        pages = sorted((tmp_path / "site").rglob("*.html"))
        assert pages
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert "宁夏回族自治区党委、人民政府" in text, page
            assert "(同心县农业农村局" not in text, page
        index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
        assert "转发: 同心县农业农村局" in index


class TestConventions:
    def test_version(self, xiaojie):
        """--version prints the installed package's version and exits 0."""
        from importlib.metadata import version

        done = xiaojie("--version")

        assert 0 == done.returncode
        assert f"xiaojie {version('xiaojie')}" == done.stdout.strip()

    @pytest.mark.parametrize("value", ["-3", "x"])
    def test_due_soon_days_error_names_the_flag(self, xiaojie, value):
        """A bad --due-soon-days is a usage error that names the flag as typed."""
        done = xiaojie("status", "--due-soon-days", value)

        assert 2 == done.returncode
        assert (
            f"argument --due-soon-days: expected a whole number of days, 0 or more, found '{value}'"
            in done.stderr
        )
        assert "due_soon_days" not in done.stderr

    def test_overdue_for_one_unit(self, xiaojie):
        """overdue --unit lists only that unit's overdue items."""
        done = xiaojie("overdue", "--as-of", "2025-08-01", "--unit", "财政厅")

        assert 0 == done.returncode, done.stderr
        groups = [line for line in done.stdout.splitlines() if line.startswith("[")]
        assert ["[自治区财政厅]"] == groups
        data = json.loads(
            xiaojie("overdue", "--as-of", "2025-08-01", "--unit", "财政厅", "--json").stdout
        )
        assert ["自治区财政厅"] == [u["name"] for u in data["units"]]
        assert ["spending-progress#0"] == [e["key"] for e in data["entries"]]

    def test_status_for_one_unit(self, xiaojie):
        """status --unit counts and lists only what that unit answers for."""
        data = json.loads(
            xiaojie("status", "--as-of", "2025-08-01", "--unit", "医保局", "--json").stdout
        )
        everything = json.loads(xiaojie("status", "--as-of", "2025-08-01", "--json").stdout)

        assert 0 < len(data["entries"]) < len(everything["entries"])
        for entry in data["entries"]:
            names = set(entry["owners"])
            assert "自治区医疗保障局" in names or any("成员单位" in n for n in names), entry

    def test_unknown_unit_is_one_error_line(self, xiaojie):
        """--unit with a name no unit has is one error line, exit 1."""
        done = xiaojie("overdue", "--unit", "不存在的局")

        assert 1 == done.returncode
        assert 1 == len(done.stderr.strip().splitlines())
        assert done.stderr.startswith("error: ")

    def test_error_never_names_the_temporary_file(self, xiaojie, tmp_path):
        """A write that fails names the file asked for, never the temporary one beside it."""
        target = "/proc/xiaojie-cannot-write.dot"
        done = xiaojie("export", "--format", "dot", "-o", target)

        assert 1 == done.returncode
        assert f"error: {target}: " in done.stderr
        assert ".tmp" not in done.stderr

    @pytest.mark.parametrize("name", ["plan.yaml", "plan.yml", "plan.txt"])
    def test_yaml_is_refused_as_a_plan_name(self, xiaojie, tmp_path, name):
        """parse -o plan.yaml is refused (nothing written), and so is --plan plan.yaml."""
        out = tmp_path / name
        done = xiaojie(
            "parse",
            str(Path(__file__).parents[1] / "src/xiaojie/data/ningxia-2025-action-plan.txt"),
            "-o",
            str(out),
        )

        assert 1 == done.returncode
        assert "ending in .toml or .json" in done.stderr
        assert not out.exists()
        out.write_text("[plan]\n", encoding="utf-8")
        loaded = xiaojie("--plan", str(out), "show")
        assert 1 == loaded.returncode
        assert "ending in .toml or .json" in loaded.stderr

    def test_help_says_gb18030_is_read(self, xiaojie):
        """The help of the commands that read CSV or text says GB18030 is read."""
        for command in ("parse", "status", "check-ledger"):
            done = xiaojie(command, "--help")
            assert "GB18030" in done.stdout, command


BUNDLED_TEXT = Path(__file__).parents[1] / "src/xiaojie/data/ningxia-2025-action-plan.txt"


class TestParse:
    def test_never_writes_a_plan_that_does_not_load(self, xiaojie, tmp_path):
        """An empty text gives a plan of no task: parse says so, exits 1 and writes nothing."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        out = tmp_path / "empty.toml"
        done = xiaojie("parse", str(empty), "--reference", "2025-01-01", "-o", str(out))

        assert 1 == done.returncode
        assert not out.exists()
        assert [
            (
                f"error: {empty}: expected numbered task items (with 责任单位 or 牵头单位) or a task "
                f"table, found no task, so {out} was not written "
                "(units: expected at least one unit, found none)"
            )
        ] == done.stderr.strip().splitlines()
        assert [] == [p.name for p in tmp_path.iterdir() if p.name != "empty.txt"]

    def test_a_damaged_pdf_gives_one_line(self, xiaojie, tmp_path):
        """A PDF without its end marker: one error line, none of pypdf's own warnings."""
        from test_parsing_inputs import damaged_pdf

        damaged = damaged_pdf(tmp_path / "plan.pdf")
        out = tmp_path / "plan.toml"

        done = xiaojie("parse", str(damaged), "--reference", "2025-01-01", "-o", str(out))

        assert 1 == done.returncode
        expected = (
            f"error: {damaged}:1:1: expected a PDF with a text layer, found an unreadable file "
            "(PdfStreamError)"
        )
        assert [expected] == done.stderr.strip().splitlines()

    def test_a_written_plan_loads(self, xiaojie, tmp_path):
        """The bundled text parses into a plan file that the CLI then loads."""
        out = tmp_path / "plan.toml"
        parsed = xiaojie("parse", str(BUNDLED_TEXT), "-o", str(out))

        assert 0 == parsed.returncode, parsed.stderr
        assert "reference date 2025-06-18; 0 warning(s)" in parsed.stdout
        shown = xiaojie("--plan", str(out), "show")
        assert 0 == shown.returncode, shown.stderr

    def test_help_lists_no_option_it_ignores(self, xiaojie):
        """parse --help lists neither --plan nor --lang, and parse refuses them."""
        done = xiaojie("parse", "--help")

        assert "--plan" not in done.stdout
        assert "--lang" not in done.stdout
        assert "--verbose" in done.stdout
        assert 2 == xiaojie("parse", str(BUNDLED_TEXT), "-o", "x.toml", "--lang", "en").returncode

    def test_routine_notes_behind_verbose(self, xiaojie, tmp_path):
        """On the bundled text the default output is short; --verbose lists every note."""
        out = tmp_path / "plan.toml"
        quiet = xiaojie("parse", str(BUNDLED_TEXT), "-o", str(out))
        loud = xiaojie("parse", str(BUNDLED_TEXT), "-o", str(out), "--verbose")

        assert 0 == quiet.returncode == loud.returncode
        assert len(quiet.stdout.splitlines()) <= 4
        assert "routine note(s) not shown" in quiet.stdout
        assert "guessed_lead 20" in quiet.stdout
        assert len(loud.stdout.splitlines()) > 40
        assert "is taken as the lead" in loud.stdout

    def test_worth_reading_warnings_are_shown(self, xiaojie, tmp_path):
        """A warning worth reading (an impossible date) is shown without --verbose."""
        text = BUNDLED_TEXT.read_text(encoding="utf-8").replace("9月10日前", "2月30日前", 1)
        source = tmp_path / "plan.txt"
        source.write_text(text, encoding="utf-8")
        done = xiaojie("parse", str(source), "-o", str(tmp_path / "plan.toml"))

        assert 0 == done.returncode, done.stderr
        assert "2月30日" in done.stdout
        assert "routine note(s) not shown" in done.stdout
        assert len(done.stdout.splitlines()) <= 6


def _all_help(parser):
    """Every help text of a parser and its subcommands."""
    import argparse

    found = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            found.extend(c.help for c in action._choices_actions if c.help)
            for sub in action.choices.values():
                found.extend(_all_help(sub))
    return found


class TestChineseHelp:
    def test_every_help_text_has_chinese(self):
        """Every help text of every command has its Chinese words (no help stays English)."""
        from xiaojie.cli._help_zh import HELP_ZH
        from xiaojie.cli._main import _parser

        missing = sorted({h for h in _all_help(_parser()) if h not in HELP_ZH})
        assert [] == missing

    @pytest.mark.parametrize(
        ("argv", "env"),
        [(["--lang", "zh", "--help"], {}), (["--help"], {"LANG": "zh_CN.UTF-8"})],
    )
    def test_main_help_in_chinese(self, xiaojie, argv, env):
        """--lang zh or a zh_* locale gives the help in Chinese."""
        done = xiaojie(*argv, extra_env=env)

        assert 0 == done.returncode
        assert done.stdout.startswith("用法: xiaojie")
        assert "逾期事项，按单位列出" in done.stdout
        assert "选项:" in done.stdout

    def test_command_help_in_chinese(self, xiaojie):
        """A command's own help is Chinese too, GB18030 named."""
        done = xiaojie("status", "--help", extra_env={"LANG": "zh_CN.UTF-8"})

        assert "报告日期，年-月-日（默认：今天）" in done.stdout
        assert "GB18030" in done.stdout

    def test_english_otherwise(self, xiaojie):
        """The locale decides: the same help is English under C, Chinese under zh_CN, English with --lang en."""
        english = xiaojie("--help", extra_env={"LANG": "C.UTF-8"})
        chinese = xiaojie("--help", extra_env={"LANG": "zh_CN.UTF-8"})
        asked = xiaojie("--lang", "en", "--help", extra_env={"LANG": "zh_CN.UTF-8"})

        assert english.stdout.startswith("usage: xiaojie")
        assert "the overdue items, by unit" in english.stdout
        assert chinese.stdout.startswith("用法: xiaojie")
        assert english.stdout == asked.stdout
