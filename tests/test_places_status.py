"""Progress by place where the two levels meet: the status report, the site and the CLI."""

import datetime as dt
import json
import re

import pytest

import chromium
import xiaojie as xj
from counties import write_county_files
from xiaojie.cli import main
from xiaojie.errors import RenderError
from xiaojie.places import load_places
from xiaojie.progress import Measurement, Progress
from xiaojie.render import plain, site_files, status_report, to_markdown
from xiaojie.rollup import read_place_progress, rollup
from xiaojie.tracking import status


PLAN = xj.load_plan()
COUNTIES = load_places().at_level("county")
AS_OF = dt.date(2025, 8, 1)

# 资金支出进度 of each county on 2025-07-31 (None: the county sent a file without it).
SPENDING = {
    "兴庆区": 61,
    "西夏区": 59.5,
    "金凤区": 70,
    "永宁县": 45,
    "贺兰县": 88,
    "灵武市": None,
    "大武口区": 60,
    "惠农区": 52,
    "平罗县": 66,
    "利通区": 30,
    "红寺堡区": 75,
    "盐池县": 64,
    "同心县": 57,
    "青铜峡市": 90,
    "原州区": 62,
    "西吉县": None,
    "隆德县": 71,
    "泾源县": 58,
    "彭阳县": 69,
    "沙坡头区": 68,
    "中宁县": 63,
    "海原县": 55,
}
# By hand: strictly below the 60% of end-July on 2025-08-01, highest value first.
BELOW_60 = ["西夏区", "泾源县", "同心县", "海原县", "惠农区", "永宁县", "利通区"]
NO_VALUE = ["灵武市", "西吉县"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """One progress file per county, named code-name; 西吉县's holds no spending value."""
    folder = tmp_path_factory.mktemp("counties")

    def progress_of(county):
        value = SPENDING[county.name]
        return Progress(
            [] if value is None else [Measurement("spending-progress", "2025-07-31", value)]
        )

    return write_county_files(folder, progress_of)


@pytest.fixture(scope="module")
def result(files):
    return rollup(PLAN, read_place_progress(files, plan=PLAN), as_of=AS_OF)


def _paragraphs(document):
    return [plain(b.text) for b in document.blocks if type(b).__name__ == "Paragraph"]


def test_the_status_report_names_the_lagging_and_silent_places(result):
    """With a roll-up the status report has 各地进度 naming the places below 60% and those without a value."""
    doc = status_report(PLAN, status(PLAN, as_of=AS_OF), rollup=result)
    headings = [plain(b.text) for b in doc.blocks if type(b).__name__ == "Heading"]
    assert headings[-1] == "各地进度"
    lines = _paragraphs(doc)
    assert "资金支出进度低于60%的地区: " + "、".join(BELOW_60) in lines
    assert "资金支出进度未报送的地区: " + "、".join(NO_VALUE) in lines
    assert "未报送任何进度的地区: " + "、".join(NO_VALUE) in lines
    table = next(t for t in doc.tables() if t.name == "places-spending-progress")
    remarks = {row[1]: row[5] for row in table.plain_rows()}
    assert {name for name, remark in remarks.items() if remark == "低于60%"} == set(BELOW_60)
    assert remarks["大武口区"] == ""


def test_the_status_report_without_a_rollup_has_no_places_section():
    """Without a roll-up the status report keeps its sections and says nothing of places."""
    doc = status_report(PLAN, status(PLAN, as_of=AS_OF))
    assert "各地进度" not in to_markdown(doc)


def test_a_rollup_of_another_date_is_refused(files):
    """A roll-up as of another day than the snapshot's is an error naming both dates."""
    other = rollup(PLAN, read_place_progress(files, plan=PLAN), as_of=dt.date(2025, 8, 2))
    with pytest.raises(
        RenderError, match=r"as of the snapshot's date 2025-08-01, found one as of 2025-08-02"
    ):
        status_report(PLAN, status(PLAN, as_of=AS_OF), rollup=other)
    with pytest.raises(RenderError, match="as of the snapshot's date 2025-08-01"):
        site_files(PLAN, snapshot=status(PLAN, as_of=AS_OF), formats=["html"], rollup=other)


def test_cli_status_with_rollup_names_the_lagging_places(files, capsys):
    """`xiaojie status --rollup FILES` prints the section with the lagging and silent places."""
    code = main(["status", "--as-of", "2025-08-01", "--rollup", *map(str, files)])
    out = capsys.readouterr().out
    assert code == 0
    assert "各地进度" in out
    assert "资金支出进度低于60%的地区: " + "、".join(BELOW_60) in out


def test_cli_status_rollup_expect_adds_a_silent_county(files, capsys):
    """`--rollup-expect 宁夏回族自治区` lists a county whose file is absent as not reported."""
    kept = [p for p in files if "640522" not in p.name]
    code = main(
        [
            "status",
            "--as-of",
            "2025-08-01",
            "--rollup",
            *map(str, kept),
            "--rollup-expect",
            "宁夏回族自治区",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "未报送任何进度的地区: 灵武市、西吉县、海原县" in out


def test_cli_docs_status_page_shows_the_places_in_chromium(files, tmp_path, capsys):
    """`xiaojie docs --rollup` writes status.html with 各地进度; Chromium renders it without console errors."""
    browser = chromium.require()
    out = tmp_path / "site"
    code = main(
        [
            "docs",
            "--as-of",
            "2025-08-01",
            "--format",
            "html",
            "--out",
            str(out),
            "--rollup",
            *map(str, files),
        ]
    )
    capsys.readouterr()
    assert code == 0
    assert (out / "places" / "640324.html").exists()
    dom, stderr = chromium.dump_dom(browser, out / "status.html", tmp_path / "profile")
    assert chromium.console_errors(stderr) == []
    text = re.sub(r"<[^>]+>", "", dom)
    assert "各地进度" in text
    assert "资金支出进度低于60%的地区: " + "、".join(BELOW_60) in text
    assert "places/index.html" in dom


def test_cli_status_json_with_rollup_has_the_places(files, capsys):
    """`xiaojie status --json --rollup FILES` adds the places below 60% and without a value as data."""
    code = main(["status", "--as-of", "2025-08-01", "--json", "--rollup", *map(str, files)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    spending = data["places"]["indicators"]["spending-progress"]
    assert spending["lagging"] == BELOW_60
    assert spending["unreported"] == NO_VALUE
    assert data["as_of"] == data["places"]["as_of"] == "2025-08-01"
