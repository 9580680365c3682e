"""The golden documents: what each case renders, and a script to write them again.

``tests/test_render_golden.py`` renders every case of :data:`CASES` and compares it, byte for
byte, with the file of the same name under ``tests/data/golden/``. When a change to the
documents is intended, run::

    python tests/regenerate_golden.py

then review the diff of ``tests/data/golden/`` before committing it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import xiaojie as xj
from xiaojie.progress import Completion, Measurement, Occurrence, Progress
from xiaojie.render import (
    division_table,
    overdue_report,
    site_files,
    status_report,
    timeline,
    timeline_mermaid,
    timeline_svg,
    to_csv,
    to_html,
    to_ics,
    to_markdown,
    to_text,
    unit_sheet,
)
from xiaojie.tracking import status


if TYPE_CHECKING:
    from collections.abc import Callable

GOLDEN = Path(__file__).parent / "data" / "golden"
AS_OF = dt.date(2025, 8, 1)

PROGRESS = Progress(
    [
        Completion("mobilisation-meetings", "2025-06-16"),
        Completion("rectification-deployment-meeting", "2025-06-19"),
        Completion("submit-rectification-plan", "2025-06-30"),
        Completion("onsite-promotion-meeting", "2025-07-22"),
        Completion("resident-work-meeting", "2025-07-25"),
        Occurrence("monthly-data-comparison", "2025-06-27"),
        Occurrence("monthly-data-comparison", "2025-07-30"),
        Occurrence("group-monthly-meeting", "2025-06-25"),
        Occurrence("group-monthly-meeting", "2025-07-24"),
        Measurement("spending-progress", "2025-07-31", 62.5),
        Measurement("asset-revitalisation-rate", "2025-07-31", 76),
        Measurement("insurance-coverage", "2025-07-15", 99.3),
    ]
)
"""A county's progress up to the report date, for the status report."""


def _plan() -> xj.Plan:
    return xj.load_plan()


def _text(value: str) -> bytes:
    return value.encode("utf-8")


def _status_md() -> bytes:
    plan = _plan()
    snapshot = status(plan, PROGRESS, as_of=AS_OF)
    return _text(to_markdown(status_report(plan, snapshot, progress=PROGRESS)))


def _status_en_md() -> bytes:
    plan = _plan()
    snapshot = status(plan, PROGRESS, as_of=AS_OF)
    return _text(to_markdown(status_report(plan, snapshot, lang="en")))


def _overdue_txt() -> bytes:
    plan = _plan()
    return _text(to_text(overdue_report(plan, status(plan, PROGRESS, as_of=AS_OF))))


def _page(path: str) -> Callable[[], bytes]:
    def make() -> bytes:
        plan = _plan()
        snapshot = status(plan, PROGRESS, as_of=AS_OF)
        files = site_files(plan, snapshot=snapshot, formats=["html"], progress=PROGRESS)
        return next(f for f in files if f.path == path).render()

    return make


CASES: dict[str, Callable[[], bytes]] = {
    "division.md": lambda: _text(to_markdown(division_table(_plan()))),
    "division-en.md": lambda: _text(to_markdown(division_table(_plan(), lang="en"))),
    "division.csv": lambda: to_csv(division_table(_plan())),
    "division.txt": lambda: _text(to_text(division_table(_plan()))),
    "campaign-7.md": lambda: _text(to_markdown(division_table(_plan(), campaign=7))),
    "unit-healthcare_security.md": lambda: _text(to_markdown(unit_sheet(_plan(), "医保局"))),
    "unit-rural_work_office.md": lambda: _text(to_markdown(unit_sheet(_plan(), "农办"))),
    "unit-agriculture-en.md": lambda: _text(
        to_markdown(unit_sheet(_plan(), "农业农村厅", lang="en"))
    ),
    "unit-agriculture.html": lambda: _text(to_html(unit_sheet(_plan(), "农业农村厅"))),
    "status-2025-08-01.md": _status_md,
    "status-2025-08-01-en.md": _status_en_md,
    "overdue-2025-08-01.txt": _overdue_txt,
    "timeline.md": lambda: _text(to_markdown(timeline(_plan()))),
    "timeline.mmd": lambda: _text(timeline_mermaid(_plan())),
    "timeline.svg": lambda: _text(timeline_svg(_plan(), as_of=AS_OF)),
    "plan.ics": lambda: to_ics(_plan(), stamp=AS_OF),
    "unit-agriculture.ics": lambda: to_ics(_plan(), unit="农业农村厅", stamp=AS_OF),
    "site-index.html": _page("index.html"),
    "site-status.html": _page("status.html"),
    "site-unit-agriculture.html": _page("units/agriculture.html"),
}
"""Each golden file's name and how to render it."""


def main() -> int:
    """Write every golden file again; print the names of those that changed."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, make in CASES.items():
        path = GOLDEN / name
        data = make()
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    for stale in sorted(p.name for p in GOLDEN.iterdir() if p.name not in CASES):
        print(f"not a case any more (remove it?): {stale}")  # noqa: T201 - a script
    print("changed: " + (", ".join(changed) if changed else "nothing"))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
