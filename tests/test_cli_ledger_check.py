"""check-ledger as installed: rules that could not run are named, --monitoring-line, --out,
several files or a folder, an empty ledger, problems in Chinese, units as the plan names them."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import installed
import xiaojie as xj


ROOT = Path(__file__).parents[1]
COUNTY = ROOT / "examples" / "county_ledger"
HOUSEHOLDS = COUNTY / "households.csv"
INCOME = "elimination_income_not_above_line"
PLAN = xj.load_plan()


_script = installed.script


@pytest.fixture(params=["script", "module"])
def xiaojie(request):
    """Run the command line as the installed script or as ``python -m xiaojie``."""
    if request.param == "script":
        if _script() is None:
            pytest.skip("the xiaojie script is not installed")
        prefix = [_script()]
    else:
        prefix = [sys.executable, "-m", "xiaojie"]

    def run(*argv):
        return subprocess.run(  # noqa: S603 - our own command
            [*prefix, "check-ledger", *argv],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    return run


def test_a_rule_that_cannot_run_is_named(xiaojie):
    """Without a monitoring line the income rule is named as not run, with why."""
    text = xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15")
    data = json.loads(xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json").stdout)

    assert 0 == text.returncode, text.stderr
    assert "== 未能运行的规则 ==" in text.stdout
    assert "人均纯收入未稳定超过监测范围即消除风险" in text.stdout
    assert "--monitoring-line" in text.stdout
    assert [INCOME] == [r["rule"] for r in data["not_run"]]
    assert INCOME not in data["by_rule"]


def test_monitoring_line_runs_the_income_rule(xiaojie):
    """With --monitoring-line the income rule runs and nothing is listed as not run."""
    data = json.loads(
        xiaojie(
            str(HOUSEHOLDS), "--as-of", "2025-11-15", "--monitoring-line", "8700", "--json"
        ).stdout
    )

    assert [] == data["not_run"]
    assert INCOME in data["by_rule"]
    assert data["by_rule"][INCOME] > 0


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e999", "1e16"])
def test_bad_monitoring_line_names_the_flag(xiaojie, value):
    """A monitoring line that is not a positive amount is one error naming --monitoring-line."""
    done = xiaojie(str(HOUSEHOLDS), "--monitoring-line", value)

    assert 1 == done.returncode
    expected = (
        "error: --monitoring-line: expected a positive number of yuan per person below 10**16, "
        f"found '{value}'"
    )
    assert [expected] == done.stderr.strip().splitlines()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".parquet"])
def test_out_writes_every_finding(xiaojie, tmp_path, suffix):
    """--out writes one row per finding, in the format its name asks for."""
    out = tmp_path / f"findings{suffix}"
    done = xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json", "--out", str(out))
    count = len(json.loads(done.stdout)["findings"])

    assert 0 == done.returncode, done.stderr
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert count == len(rows) - 1
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
        assert count == book.worksheets[0].max_row - 1
    else:
        import pyarrow.parquet as pq

        assert count == pq.read_table(out).num_rows


def test_out_refuses_an_unknown_format(xiaojie, tmp_path):
    """--out with a name the writer cannot write is refused before anything is read."""
    done = xiaojie(str(HOUSEHOLDS), "--out", str(tmp_path / "findings.txt"))

    assert 1 == done.returncode
    assert "--out" in done.stderr
    assert not (tmp_path / "findings.txt").exists()


def test_several_files_and_a_folder(xiaojie, tmp_path):
    """Several files give one report each; a folder is every ledger file in it."""
    two = json.loads(
        xiaojie(
            str(HOUSEHOLDS), str(COUNTY / "assets.csv"), "--as-of", "2025-11-15", "--json"
        ).stdout
    )
    folder = json.loads(xiaojie(str(COUNTY), "--as-of", "2025-11-15", "--json").stdout)

    assert ["households", "assets"] == [f["ledger"] for f in two["files"]]
    assert sorted(p.name for p in COUNTY.glob("*.csv")) == sorted(
        Path(f["file"]).name for f in folder["files"]
    )


def test_a_folder_is_not_called_missing(xiaojie, tmp_path):
    """An existing folder with no ledger in it is named as such, never as "no such file"."""
    done = xiaojie(str(tmp_path))

    assert 1 == done.returncode
    assert "no such file" not in done.stderr
    assert (
        f"error: {tmp_path}: expected a folder with ledger files (.csv, .xlsx, .parquet), found none"
        == done.stderr.strip()
    )


def test_header_only_ledger_is_zero_rows_read(xiaojie, tmp_path):
    """A ledger with a header and no rows says 0 rows were read, never 未发现问题."""
    empty = tmp_path / "户.csv"
    empty.write_text(
        HOUSEHOLDS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    done = xiaojie(str(empty), "--kind", "households", "--as-of", "2025-11-15")

    assert 0 == done.returncode, done.stderr
    assert "读取0行" in done.stdout
    assert "未发现问题" not in done.stdout


def test_problems_of_the_file_speak_chinese(xiaojie):
    """The file's problem lines are Chinese (应为…,实为…), like the rest of the report."""
    done = xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15")
    section = done.stdout.split("== 数据问题 ==")[1].split("\n== ")[0]
    lines = [line for line in section.splitlines()[3:] if line.strip()]

    assert 4 == len(lines)
    for line in lines:
        assert "expected" not in line
        assert "found" not in line
        assert "应为" in line


def test_units_are_named_as_the_plan_names_them(xiaojie):
    """Responsible units in the findings are the registry's names (自治区医疗保障局)."""
    done = xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15")

    assert "自治区医保局" not in done.stdout
    assert "自治区医疗保障局" in done.stdout


def _units_written(out: Path) -> set[str]:
    """Every responsible unit named in a written findings file (CSV, XLSX or Parquet)."""
    if out.suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        cells = [r["units"] for r in rows]
    elif out.suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        column = values[0].index("units")
        cells = [str(r[column]) for r in values[1:]]
    else:
        import pyarrow.parquet as pq

        cells = pq.read_table(out).column("units").to_pylist()
    return {u for cell in cells for u in cell.split("、") if u}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_json_and_out_name_units_as_the_plan_does(xiaojie, tmp_path, suffix):
    """--json and --out name units as the plan's registry does, as the text report does."""
    out = tmp_path / f"findings{suffix}"
    done = xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json", "--out", str(out))
    data = json.loads(done.stdout)
    in_json = {u for f in data["findings"] for u in f["units"].split("、")}
    registry = {o.name for o in PLAN.units} | {g.name for g in PLAN.units.groups}

    assert 0 == done.returncode, done.stderr
    assert "自治区医疗保障局" in in_json
    assert "自治区医保局" not in in_json | _units_written(out)
    assert in_json == _units_written(out)
    assert in_json <= registry


def test_json_issues_speak_chinese_with_their_kinds(xiaojie):
    """--json gives each problem of the file its row, column, kind and a Chinese message."""
    data = json.loads(xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json").stdout)
    issues = {i["row"]: i for i in data["issues"]}

    assert [24, 43, 99, 313] == sorted(issues)
    assert {
        "row": 43,
        "column": "识别时间",
        "field": "identified_on",
        "kind": "bad_date",
        "message": "识别时间: 应为真实的日历日期,实为'2025-02-30'",
    } == issues[43]
    assert all("expected" not in i["message"] and "应为" in i["message"] for i in issues.values())
    assert "6403**********9650" in issues[99]["message"]
    assert [("no_line", True)] == [
        (r["reason"], r["why"].startswith("缺少当年监测线")) for r in data["not_run"]
    ]


def test_json_in_english_with_lang_en(xiaojie):
    """With --lang en the messages of --json stay English; the kinds are the same codes."""
    zh = json.loads(xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json").stdout)
    en = json.loads(
        xiaojie(str(HOUSEHOLDS), "--as-of", "2025-11-15", "--json", "--lang", "en").stdout
    )

    assert [i["kind"] for i in zh["issues"]] == [i["kind"] for i in en["issues"]]
    assert "识别时间: expected a real calendar date, found '2025-02-30'" in [
        i["message"] for i in en["issues"]
    ]
    assert en["not_run"][0]["why"].startswith("no monitoring line")
