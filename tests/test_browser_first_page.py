"""The first pages a reader opens, in headless Chromium: notices visible, no label cut off.

The site is written by the installed ``xiaojie docs`` command, as the README's Quick start
does, with no progress records and a date after the plan's period (the case that once showed
every item overdue with no word of why). A small script added to each copied page measures the
drawn elements and writes its findings into the DOM, which Chromium then dumps.
"""

import json
import re
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest

import chromium
import installed
from xiaojie import render
from xiaojie.parsing import parse_plan


_MEASURE = """
<script>
(function () {
  var out = {notices: [], svgs: []};
  document.querySelectorAll("p.notice").forEach(function (p) {
    var box = p.getBoundingClientRect();
    var style = getComputedStyle(p);
    out.notices.push({
      text: p.textContent,
      visible: box.width > 0 && box.height > 0 && style.display !== "none"
        && style.visibility !== "hidden" && parseFloat(style.opacity) > 0
    });
  });
  document.querySelectorAll("svg").forEach(function (svg) {
    var vb = svg.viewBox.baseVal;
    var clipped = [];
    var count = 0;
    var edge = [];
    svg.querySelectorAll("text").forEach(function (t) {
      count += 1;
      if (t.getAttribute("class") === "as-of-edge") {
        var e = t.getBBox();
        edge.push({text: t.textContent, left: e.x, right: e.x + e.width, width: vb.width});
      }
      var b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5
          || b.y + b.height > vb.y + vb.height + 0.5) {
        clipped.push(t.textContent);
      }
    });
    out.svgs.push({texts: count, clipped: clipped, edge: edge});
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


@pytest.fixture(scope="module")
def browser():
    return chromium.require()


_script = installed.script


@pytest.fixture(scope="module")
def late_site(tmp_path_factory):
    """The site as of a date after the plan, with no progress records given."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    out = tmp_path_factory.mktemp("late") / "site"
    done = subprocess.run(  # noqa: S603 - our own script
        [
            script,
            "docs",
            "--out",
            str(out),
            "--format",
            "html",
            "--format",
            "svg",
            "--as-of",
            "2026-12-04",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert 0 == done.returncode, done.stderr
    return out


def _measure(browser, page: Path, tmp_path: Path) -> dict:
    copy = page.with_name(f"measured-{page.name}")
    html = page.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>")
    copy.write_text(html, encoding="utf-8")
    dom, stderr = chromium.dump_dom(browser, copy, tmp_path / "profile", "--window-size=1200,900")
    copy.unlink()
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None, stderr[-2000:]
    return json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("page", ["index.html", "status.html"])
def test_no_progress_notice_is_visible(browser, late_site, tmp_path, page):
    """The index and status pages show, visibly, that no progress was given and the date is late."""
    measured = _measure(browser, late_site / page, tmp_path)

    texts = [n["text"] for n in measured["notices"] if n["visible"]]
    assert "未提供进度记录: 所有事项按未完成计。" in texts
    assert any("晚于方案期限" in t for t in texts)


def test_timeline_labels_stay_inside_the_picture(browser, late_site, tmp_path):
    """No text of the timeline drawing reaches outside its viewBox (the 截至 label included)."""
    measured = _measure(browser, late_site / "timeline.html", tmp_path)

    assert 1 == len(measured["svgs"])
    assert measured["svgs"][0]["texts"] > 20
    assert [] == measured["svgs"][0]["clipped"]


def test_timeline_keeps_the_plans_span(late_site):
    """A date a year after the plan does not stretch the axis: it ends with the plan's 2025."""
    svg = (late_site / "timeline.svg").read_text(encoding="utf-8")

    assert ">2025年</text>" in svg
    assert ">2026年</text>" not in svg
    assert ">1月</text>" not in svg
    assert "截至 2026-12-04(在方案期限之后)" in svg


def test_timeline_page_points_to_the_late_date(browser, late_site, tmp_path):
    """The timeline page says the date is after the plan and draws its label at the right edge."""
    measured = _measure(browser, late_site / "timeline.html", tmp_path)

    texts = [n["text"] for n in measured["notices"] if n["visible"]]
    assert any("晚于方案期限" in t for t in texts)
    [edge] = measured["svgs"][0]["edge"]
    assert "截至 2026-12-04(在方案期限之后)" == edge["text"]
    assert edge["right"] <= edge["width"]
    assert edge["right"] > edge["width"] - 60


def _quick_start_commands():
    text = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", quick, re.DOTALL)


def test_quick_start_is_two_commands():
    """The Quick start is two commands: install and run the main job; install and run the tests."""
    first, second = _quick_start_commands()

    assert first.startswith('pip install ".[docs]" && xiaojie docs ')
    assert 'pip install -e ".[test]" && python -m pytest -q -n auto' == second


@pytest.fixture(scope="module")
def quick_site(tmp_path_factory):
    """The site the Quick start's first command writes, from the repository root."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    command = _quick_start_commands()[0].split(" && ", 1)[1].split()
    assert ["xiaojie", "docs", "--out", "site"] == command[:4]
    out = tmp_path_factory.mktemp("quick") / "site"
    done = subprocess.run(  # noqa: S603 - our own script, with the README's arguments
        [script, "docs", "--out", str(out), *command[4:]],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=Path(__file__).parents[1],
    )
    assert 0 == done.returncode, done.stderr
    return out


def test_quick_start_first_page_is_true(browser, quick_site, tmp_path):
    """The Quick start's index has no "nothing given" notice, and its status counts done items."""
    measured = _measure(browser, quick_site / "index.html", tmp_path)
    status = (quick_site / "markdown/status.md").read_text(encoding="utf-8")

    assert [] == measured["notices"]
    assert "截至 2025-09-15" in (quick_site / "index.html").read_text(encoding="utf-8")
    assert "| 按时完成 | 0 |" not in status
    assert "| 已逾期 | 1 |" in status


def test_quick_start_timeline_is_not_clipped(browser, quick_site, tmp_path):
    """The Quick start's timeline page keeps every label inside its drawing."""
    measured = _measure(browser, quick_site / "timeline.html", tmp_path)

    assert [] == measured["svgs"][0]["clipped"]


# --------------------------------------------------------------------------------------------
# The unit search of another plan's site
# --------------------------------------------------------------------------------------------

_CORPUS = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def foreign_sites(tmp_path_factory):
    """The HTML sites of a district's and a city's plan from the real corpus."""
    manifest = {
        d["slug"]: d
        for d in tomllib.loads((_CORPUS / "MANIFEST.toml").read_text(encoding="utf-8"))["document"]
    }
    sites = {}
    for slug in ("sh-qingpu-2024-29-xiaofang", "gd-dongguan-2021-54-jiuye-trad"):
        plan = parse_plan(_CORPUS / f"{slug}.txt", reference=manifest[slug]["reference"]).plan
        out = tmp_path_factory.mktemp(slug) / "site"
        render.write_site(render.site_files(plan, formats=["html"]), out)
        sites[slug] = (plan, out)
    return sites


def _shown_units(browser, site: Path, tmp_path: Path, query: str) -> tuple[list[str], str]:
    """The ids of the units the index lists after the search for ``query``, and the page."""
    url = (site / "index.html").as_uri() + "?q=" + quote(query)
    dom, stderr = chromium.run(browser, tmp_path / "profile-search", "--dump-dom", url=url)
    assert 'data-search="ready"' in dom, stderr[-2000:]
    assert [] == chromium.console_errors(stderr)
    items = re.findall(r"<li([^>]*)>", dom)
    return [
        re.search(r'data-id="([^"]+)"', a)[1] for a in items if "data-id" in a and "hidden" not in a
    ], dom


@pytest.mark.parametrize(
    "case",
    [
        # the plan's own place before a name the plan writes with its level word only
        ("sh-qingpu-2024-29-xiaofang", "青浦区消防救援局", "区消防救援局"),
        ("sh-qingpu-2024-29-xiaofang", "上海市青浦区消防救援局", "区消防救援局"),
        ("sh-qingpu-2024-29-xiaofang", " 青浦区 医保局", "区医保局"),
        ("gd-dongguan-2021-54-jiuye-trad", "东莞市财政局", "市财政局"),
        ("gd-dongguan-2021-54-jiuye-trad", "东莞财政", "市财政局"),
        ("gd-dongguan-2021-54-jiuye-trad", "东莞市残联", "市残联"),
    ],
)
def test_search_finds_a_unit_of_another_plan_by_its_place(browser, foreign_sites, tmp_path, case):
    """Typed with the plan's place (青浦区…, 东莞…), a unit the plan names by level word is found."""
    slug, query, listed = case
    plan, site = foreign_sites[slug]
    wanted = plan.units.resolve(listed).id

    shown, dom = _shown_units(browser, site, tmp_path, query)

    assert [wanted] == shown
    assert 'id="unit-count">1<' in dom


def test_search_of_another_plan_still_filters(browser, foreign_sites, tmp_path):
    """A part of a name finds every unit that has it; a name of no unit finds none."""
    plan, site = foreign_sites["sh-qingpu-2024-29-xiaofang"]
    having = [o.id for o in plan.owners_in_order() if "委" in o.name]

    shown, _ = _shown_units(browser, site, tmp_path, "委")
    assert having == shown
    shown, dom = _shown_units(browser, site, tmp_path, "青浦区不存在的单位名称")
    assert [] == shown
    assert '<p id="unit-none">' in dom
