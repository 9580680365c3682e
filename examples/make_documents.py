"""Write the documents of the bundled 2025 Ningxia plan as of a date.

Usage::

    python examples/make_documents.py [OUT_DIR] [AS_OF]

``OUT_DIR`` is the folder to write into (default: a new temporary folder, printed); ``AS_OF``
is the report date, ``YYYY-MM-DD`` (default 2025-08-01). The date is always given: documents
never depend on today's date.

It writes the HTML site, the 任务分工表 as Markdown, CSV and XLSX, one unit's 任务清单, the
status report, the timeline (SVG and Mermaid) and a calendar per unit, then prints what is
overdue for the first three units of the plan.
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

import xiaojie as xj
from xiaojie.dates import as_date
from xiaojie.render import (
    owners_in_order,
    site_files,
    to_markdown,
    unit_sheet,
    write_site,
)
from xiaojie.tracking import State, status


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="xiaojie-documents-"))
    as_of = as_date(argv[1], field="AS_OF") if len(argv) > 1 else dt.date(2025, 8, 1)
    plan = xj.load_plan()

    snapshot = status(plan, as_of=as_of)
    written = write_site(site_files(plan, snapshot=snapshot), out)
    print(f"wrote {len(written)} files to {out}; open {out / 'index.html'}")

    sheet = unit_sheet(plan, "医保局")
    (out / "医保局-任务清单.md").write_text(to_markdown(sheet), encoding="utf-8")
    print(f"{sheet.title}: {out / '医保局-任务清单.md'}")

    for owner in owners_in_order(plan)[:3]:
        late = [e for e in snapshot.for_owner(owner.id) if e.state is State.OVERDUE]
        print(f"{owner.name}: {len(late)} overdue as of {as_of}")
        for entry in late:
            print(f"  {entry.due}  {entry.title}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except xj.XiaojieError as err:  # a bad date, a missing extra: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
