"""Roll-up across places: 22 county progress files, lagging counties named, a page per place."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chromium
import xiaojie as xj
from counties import write_county_files
from xiaojie import rollup as rollup_module
from xiaojie.cli import main
from xiaojie.errors import PlaceError
from xiaojie.places import load_places
from xiaojie.progress import Completion, Measurement, Progress, write_progress
from xiaojie.render import site_files, write_site
from xiaojie.rollup import read_place_progress, rollup


PLAN = xj.load_plan()
PLACES = load_places()
COUNTIES = PLACES.at_level("county")
AS_OF = dt.date(2025, 8, 1)

# 资金支出进度 reported by each county on 2025-07-31 (None: nothing reported).
SPENDING = {
    "兴庆区": 40,
    "西夏区": 53,
    "金凤区": 66,
    "永宁县": 79,
    "贺兰县": 47,
    "灵武市": None,
    "大武口区": 73,
    "惠农区": 41,
    "平罗县": 54,
    "利通区": 58,
    "红寺堡区": 80,
    "盐池县": 48,
    "同心县": 62,
    "青铜峡市": 74,
    "原州区": 42,
    "西吉县": 55,
    "隆德县": 60,
    "泾源县": 81,
    "彭阳县": 49.5,
    "沙坡头区": 62,
    "中宁县": 75,
    "海原县": 43,
}
# Worked out by hand from the table: strictly below 60 on 2025-08-01, highest first. 利通区's
# 70 of 2025-08-03 comes after the date; 同心县's 59 of 7-15 is superseded by 62 on 7-30;
# 隆德县 at exactly 60 meets the target.
LAGGING = [
    "利通区",
    "西吉县",
    "平罗县",
    "西夏区",
    "彭阳县",
    "盐池县",
    "贺兰县",
    "海原县",
    "原州区",
    "惠农区",
    "兴庆区",
]
MEETING_DONE = {"金凤区", "同心县", "盐池县"}


def _progress(name):
    """The generated progress of one county."""
    records = []
    value = SPENDING[name]
    if name == "同心县":
        records += [
            Measurement("spending-progress", "2025-07-15", 59),
            Measurement("spending-progress", "2025-07-30", 62),
        ]
    elif value is not None:
        records.append(Measurement("spending-progress", "2025-07-31", value))
    if name == "利通区":
        records.append(Measurement("spending-progress", "2025-08-03", 70))
    if name in MEETING_DONE:
        records.append(Completion("resident-work-meeting", "2025-07-28"))
    if name == "海原县":
        records.append(Completion("resident-work-meeting", "2025-08-05"))
    return Progress(records)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """22 county progress files, named by code and name (and a few by name only)."""
    folder = tmp_path_factory.mktemp("counties")
    return write_county_files(folder, lambda county: _progress(county.name), by_name_only_every=5)


@pytest.fixture(scope="module")
def result(files):
    return rollup(PLAN, read_place_progress(files, plan=PLAN), as_of=AS_OF)


def test_there_are_22_counties_and_the_files_name_them(files, result):
    """Each of the 22 files is read for its own county, by code or by name."""
    assert len(files) == 22
    assert sorted(p.place.name for p in result.places) == sorted(SPENDING)


def test_the_counties_below_60_percent_spending_are_named(result):
    """On 2025-08-01 the lagging counties are exactly the hand-computed eleven, highest first."""
    assert result.threshold("spending-progress") == 60
    assert [r.place.name for r in result.lagging("spending-progress")] == LAGGING
    assert [p.name for p in result.unreported("spending-progress")] == ["灵武市"]


def test_the_ranking_puts_the_best_first_and_the_silent_last(result):
    """The ranking is by latest value on or before the date, highest first, no value last."""
    ranking = result.ranking("spending-progress")
    assert [(r.place.name, r.value) for r in ranking[:3]] == [
        ("泾源县", 81),
        ("红寺堡区", 80),
        ("永宁县", 79),
    ]
    assert ranking[-1].place.name == "灵武市"
    assert ranking[-1].value is None
    tongxin = next(r for r in ranking if r.place.name == "同心县")
    assert (tongxin.value, tongxin.on) == (62, dt.date(2025, 7, 30))


def test_a_milestone_across_counties_is_done_late_or_missing(result):
    """The 7-31 resident work meeting: three done, the other nineteen late, nineteen never reported it by 8-01."""
    row = next(a for a in result.across() if a.key == "resident-work-meeting")
    assert {p.name for p in row.done} == MEETING_DONE
    assert {p.name for p in row.late} == set(SPENDING) - MEETING_DONE
    assert {p.name for p in row.missing} == set(SPENDING) - MEETING_DONE


def test_a_later_target_applies_after_its_due_date(files):
    """On 2025-11-01 the 85% target of end-October is the bound."""
    later = rollup(PLAN, read_place_progress(files, plan=PLAN), as_of=dt.date(2025, 11, 1))
    assert later.threshold("spending-progress") == 85
    assert "红寺堡区" in [r.place.name for r in later.lagging("spending-progress")]


def test_a_file_not_named_after_a_place_is_refused(tmp_path):
    """A progress file whose name names no place is an error naming the file."""
    path = write_progress(Progress(), tmp_path / "county-report.csv")
    with pytest.raises(PlaceError, match=r"county-report\.csv.*named after a place"):
        read_place_progress([path], plan=PLAN)


def test_two_files_for_one_place_are_refused(tmp_path):
    """Two files for one county are an error, not a silent overwrite."""
    a = write_progress(Progress(), tmp_path / "640324.csv")
    b = write_progress(Progress(), tmp_path / "同心县.csv")
    with pytest.raises(PlaceError, match="second file for 同心县"):
        read_place_progress([a, b], plan=PLAN)


def test_ranking_a_milestone_is_refused(result):
    """Ranking needs an indicator; a milestone id is refused with what it is."""
    with pytest.raises(PlaceError, match="an indicator, found 'midterm-report' \\(a milestone\\)"):
        result.ranking("midterm-report")


VALUES = st.one_of(st.none(), st.sampled_from([0, 59, 59.9, 60, 60.1, 85, 100]))


@settings(max_examples=50, deadline=None)
@given(
    values=st.lists(VALUES, min_size=1, max_size=22),
    day=st.dates(dt.date(2025, 6, 1), dt.date(2025, 12, 31)),
)
def test_lagging_unreported_and_the_rest_partition_the_places(values, day):
    """For any values and date: lagging values are below the bound, the ranking is sorted, every place is in one group."""
    reports = {
        county.code: Progress(
            [] if v is None else [Measurement("spending-progress", "2025-06-01", v)]
        )
        for county, v in zip(COUNTIES, values, strict=False)
    }
    r = rollup(PLAN, reports, as_of=day)
    bound = r.threshold("spending-progress")
    lagging = {x.place.code for x in r.lagging("spending-progress")}
    silent = {p.code for p in r.unreported("spending-progress")}
    for code, v in ((c.code, v) for c, v in zip(COUNTIES, values, strict=False)):
        assert (code in silent) == (v is None)
        assert (code in lagging) == (v is not None and v < bound)
    shown = [x.value for x in r.ranking("spending-progress") if x.value is not None]
    assert shown == sorted(shown, reverse=True)


def test_the_site_has_a_page_per_place_and_names_the_lagging(result, tmp_path):
    """The HTML set has places/index.html naming the lagging counties and one page per county."""
    written = write_site(site_files(PLAN, as_of=AS_OF, formats=["html"], rollup=result), tmp_path)
    paths = {p.relative_to(tmp_path).as_posix() for p in written}
    assert "places/index.html" in paths
    assert {f"places/{c.code}.html" for c in COUNTIES} <= paths
    index = (tmp_path / "places" / "index.html").read_text(encoding="utf-8")
    assert "低于60%的地区: " + "、".join(LAGGING) in index
    assert 'href="640324.html"' in index or 'href="../places/640324.html"' in index
    page = (tmp_path / "places" / "640324.html").read_text(encoding="utf-8")
    assert "同心县进度" in page
    assert 'href="../places/index.html"' in page
    assert 'href="places/index.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "召开全区驻村帮扶工作推进会" in page


def test_the_places_page_in_headless_chromium(result, tmp_path):
    """Chromium renders places/index.html and a county page with the lagging names and no console error."""
    browser = chromium.require()
    write_site(site_files(PLAN, as_of=AS_OF, formats=["html"], rollup=result), tmp_path)
    for page, wanted in (("places/index.html", "利通区"), ("places/640324.html", "同心县进度")):
        dom, stderr = chromium.dump_dom(browser, tmp_path / page, tmp_path / "profile")
        assert chromium.console_errors(stderr) == []
        assert wanted in dom
        assert "<table" in dom


def test_cli_rollup_prints_the_lagging_counties_and_writes_the_site(files, tmp_path, capsys):
    """`xiaojie rollup FILES --as-of 2025-08-01 --json` names the lagging; --out writes the place pages."""
    argv = ["rollup", *map(str, files), "--as-of", "2025-08-01", "--indicator", "spending-progress"]
    assert main([*argv, "--json", "--out", str(tmp_path / "site")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["indicators"]["spending-progress"]["lagging"] == LAGGING
    assert (tmp_path / "site" / "places" / "640324.html").is_file()
    assert main(argv) == 0
    assert "利通区" in capsys.readouterr().out


def _one_file(tmp_path, extra_rows=""):
    """All 22 counties' records in one CSV with a 地区 column (some by code, some by name)."""
    lines = ["地区,事项,类型,日期,数值,备注"]
    for k, county in enumerate(COUNTIES):
        where = county.code if k % 2 else county.name
        for r in _progress(county.name):
            value = "" if not isinstance(r, Measurement) else f"{r.value:g}"
            kind = "测量" if isinstance(r, Measurement) else "完成"
            lines.append(f"{where},{r.item},{kind},{r.on.isoformat()},{value},")
    path = tmp_path / "all-counties.csv"
    path.write_text("\n".join(lines) + "\n" + extra_rows, encoding="utf-8")
    return path


def test_one_file_with_a_place_column_gives_the_same_answer(tmp_path):
    """A single CSV with a 地区 column names the same eleven lagging counties (灵武市 expected but silent)."""
    reports = rollup_module.read_progress_by_place(_one_file(tmp_path), plan=PLAN)
    assert "灵武市" not in [p.name for p in reports]
    r = rollup(PLAN, reports, as_of=AS_OF, expect=COUNTIES)
    assert [x.place.name for x in r.lagging("spending-progress")] == LAGGING
    assert [p.name for p in r.unreported("spending-progress")] == ["灵武市"]
    assert (
        next(iter(reports.values())).records[0].where.startswith(str(tmp_path / "all-counties.csv"))
    )


def test_one_file_errors_keep_the_file_and_line(tmp_path):
    """A bad date on the last line and an unknown county are reported with the file's own name and line."""
    path = _one_file(tmp_path, "同心县,midterm-report,完成,2025-02-30,,\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(xj.ProgressError, match=rf"all-counties\.csv line {line}.*2025-02-30"):
        rollup_module.read_progress_by_place(path, plan=PLAN)
    bad = _one_file(tmp_path, "火星县,midterm-report,完成,2025-08-30,,\n")
    with pytest.raises(
        PlaceError,
        match=rf"all-counties\.csv line {line}, 地区: expected a place code or name, found '火星县'",
    ):
        rollup_module.read_progress_by_place(bad, plan=PLAN)


def test_cli_rollup_reads_one_file_with_a_place_column_and_expects_every_county(tmp_path, capsys):
    """`xiaojie rollup all.csv --expect 宁夏回族自治区` lists the silent county as not reported."""
    path = _one_file(tmp_path)
    argv = [
        "rollup",
        str(path),
        "--as-of",
        "2025-08-01",
        "--indicator",
        "spending-progress",
        "--expect",
        "宁夏回族自治区",
        "--json",
    ]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)["indicators"]["spending-progress"]
    assert data["lagging"] == LAGGING
    assert data["unreported"] == ["灵武市"]
    assert len(data["ranking"]) == 22


def test_place_pages_in_english(result):
    """With lang="en" the place page and the roll-up speak English."""
    from xiaojie.render._places_doc import place_page, rollup_report

    assert place_page(result, "640324", lang="en").title == "同心县: progress"
    report = rollup_report(result, indicators=["spending-progress"], lang="en")
    assert report.title == "Progress by place"
    assert any(
        "places below 60%" in "".join(map(str, getattr(b, "text", ()))) for b in report.blocks
    )


def test_a_rollup_of_another_plan_is_refused_by_the_site(result):
    """The site refuses a roll-up made for a different plan."""
    from xiaojie.cascade import cascade
    from xiaojie.render import RenderError

    county = cascade(PLAN, to="同心县").plan
    with pytest.raises(
        RenderError,
        match="expected a roll-up of plan 'ningxia-2025-640324', found one of 'ningxia-2025'",
    ):
        site_files(county, formats=["html"], rollup=result)
