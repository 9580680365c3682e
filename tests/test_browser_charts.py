"""The 通报 page and its charts in headless Chromium: drawn, readable, no console error.

Uses the browser of ``tests/test_browser.py`` (skipped locally without Chromium, failing under CI).
"""

import datetime as dt

import pytest

import chromium
import xiaojie as xj
from test_browser import _console_errors, _png_pixels, _run
from xiaojie.progress import Measurement, Progress
from xiaojie.render import Document, Figure, notice, to_html
from xiaojie.tracking import status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
RED = (0xD6, 0x45, 0x45)
BLUE = (0x4C, 0x78, 0xA8)


@pytest.fixture(scope="module")
def browser():
    return chromium.require()


def _count(rows, channels, colour) -> int:
    found = 0
    for row in rows:
        for x in range(0, len(row), channels):
            if all(abs(a - b) <= 12 for a, b in zip(row[x : x + 3], colour, strict=True)):
                found += 1
    return found


def test_notice_page_draws_its_charts(browser, tmp_path):
    """The 通报's charts, as HTML, show the red bars and the blue 序时进度 line, no console error."""
    progress = Progress([Measurement("spending-progress", "2025-07-31", 58)])
    page = tmp_path / "notice.html"
    document = notice(PLAN, status(PLAN, progress, as_of=AS_OF), progress=progress)
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert len(figures) == 2
    charts = Document(slug="charts", title=document.title, blocks=figures)
    page.write_text(to_html(charts), encoding="utf-8")
    shot = tmp_path / "notice.png"
    _, stderr = _run(
        browser,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1200,1500",
        "--hide-scrollbars",
        url=page.as_uri(),
    )
    assert [] == _console_errors(stderr)
    width, channels, rows = _png_pixels(shot)
    assert width == 1200
    assert _count(rows, channels, RED) > 20_000  # the bars of the overdue chart
    assert _count(rows, channels, BLUE) > 300  # the stage diamonds and the dashed line


def test_notice_page_dom_holds_the_chart_text(browser, tmp_path):
    """The charts' Chinese text is in the rendered page as text, not as pictures of text."""
    page = tmp_path / "notice.html"
    page.write_text(to_html(notice(PLAN, status(PLAN, as_of=AS_OF))), encoding="utf-8")
    dom, stderr = _run(browser, tmp_path / "profile-dom", "--dump-dom", url=page.as_uri())
    assert [] == _console_errors(stderr)
    assert "逾期事项按责任单位(截至2025-08-01)" in dom
    assert "资金支出进度:阶段目标与序时进度" in dom
    assert "<script" not in dom.split("<svg", 1)[1].split("</svg>", 1)[0]
