"""Charts: overdue items by unit and indicators against their 序时进度, as SVG without script."""

import datetime as dt
import xml.etree.ElementTree as ET

import xiaojie as xj
from xiaojie.progress import Measurement, Progress
from xiaojie.render import Figure, status_report, to_html, to_markdown
from xiaojie.render._charts import overdue_chart, overdue_counts, pace_chart
from xiaojie.tracking import status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure: Figure) -> ET.Element:
    return ET.fromstring(figure.svg)  # noqa: S314 - our own drawing


def test_overdue_bars_match_the_counts():
    """One bar per unit with overdue items, its length proportional to the count."""
    snapshot = status(PLAN, as_of=AS_OF)
    counts = overdue_counts(PLAN, snapshot)
    root = _svg(overdue_chart(PLAN, snapshot))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == len(counts)
    widths = [float(b.get("width")) for b in bars]
    most = counts[0][1]
    for (owner, count), bar, width in zip(counts, bars, widths, strict=True):
        assert bar.find(f"{SVG}title").text == f"{owner.name}: {count}"
        assert abs(width / widths[0] - count / most) < 0.02
    assert sum(n for _, n in counts) == sum(len(e.owners) for e in snapshot.overdue())


def test_charts_have_no_script_and_name_cjk_fonts():
    """The drawings carry no script and ask for CJK fonts."""
    progress = Progress([Measurement("spending-progress", "2025-07-31", 58)])
    for figure in (
        overdue_chart(PLAN, status(PLAN, as_of=AS_OF)),
        pace_chart(PLAN, "spending-progress", progress, as_of=AS_OF),
    ):
        root = _svg(figure)
        assert not list(root.iter(f"{SVG}script"))
        assert "Noto Sans CJK SC" in root.get("font-family")
        assert not any(k.startswith("on") for e in root.iter() for k in e.attrib)


def test_pace_chart_draws_stages_points_and_the_date():
    """The line chart has a diamond per stage, a point per measurement and the report date."""
    progress = Progress(
        [
            Measurement("spending-progress", "2025-06-30", 40),
            Measurement("spending-progress", "2025-07-31", 58),
            Measurement("spending-progress", "2025-09-30", 90),
        ]
    )
    root = _svg(pace_chart(PLAN, "spending-progress", progress, as_of=AS_OF))
    diamonds = list(root.iter(f"{SVG}polygon"))
    assert [d.find(f"{SVG}title").text for d in diamonds] == ["2025-07-31 60%", "2025-10-31 85%"]
    points = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")]
    assert points == ["2025-06-30 40%", "2025-07-31 58%"]  # the September value is after as_of
    words = "".join(root.itertext())
    assert "截至 2025-08-01 序时进度60.3%" in words


def test_status_report_and_site_page_show_the_charts():
    """The status report carries both charts; its HTML page shows them inline as SVG."""
    progress = Progress([Measurement("spending-progress", "2025-07-31", 58)])
    snapshot = status(PLAN, progress, as_of=AS_OF)
    doc = status_report(PLAN, snapshot, progress=progress)
    captions = [b.caption for b in doc.blocks if isinstance(b, Figure)]
    assert captions == ["逾期事项按责任单位(截至2025-08-01)", "资金支出进度:阶段目标与序时进度"]
    page = to_html(doc)
    assert page.count("<svg") >= 2
    assert "xychart-beta" in to_markdown(doc)


def test_nothing_overdue_means_no_bar_chart():
    """Before anything is due there is no bar chart in the report."""
    doc = status_report(PLAN, status(PLAN, as_of=dt.date(2025, 6, 1)))
    captions = [b.caption for b in doc.blocks if isinstance(b, Figure)]
    assert captions == ["资金支出进度:阶段目标与序时进度"]
