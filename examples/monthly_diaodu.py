"""One month's 调度 of the bundled 2025 Ningxia plan, start to finish, in a folder.

Usage::

    python examples/monthly_diaodu.py [OUT_DIR] [AS_OF]

1. writes one progress sheet (调度表, XLSX) per unit into ``OUT_DIR/sent``;
2. fills in three of them the way the units would (one date is after the 调度 date, and two
   units give different dates for one shared meeting) and puts them in ``OUT_DIR/returned``;
3. collects the returned sheets, writes every row with its verdict to
   ``OUT_DIR/collected.xlsx`` and the accepted records to ``OUT_DIR/progress.csv``;
4. writes the 通报 as ``OUT_DIR/通报.docx``, ``通报.md`` and ``通报.html``, and prints what it found.

``OUT_DIR`` defaults to ``diaodu`` in the current folder; ``AS_OF`` is the 调度 date (default
2025-08-01); nothing depends on today's date.
"""

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import xiaojie as xj
from xiaojie._extras import require
from xiaojie.dates import as_date
from xiaojie.errors import XiaojieError
from xiaojie.io import COLUMNS, collect, progress_sheets, write_collection, write_sheets
from xiaojie.progress import write_progress
from xiaojie.render import notice, to_docx, to_html, to_markdown
from xiaojie.tracking import status


COLUMN = {name: index + 1 for index, name in enumerate(COLUMNS)}


def fill(path: Path, key: str, **cells: object) -> None:
    """Fill the row whose hidden 编号 is ``key``: 完成情况=…, 完成时间=…, 数值=…, 说明=…."""
    book = require("openpyxl", "filling in a returned sheet").load_workbook(path)
    sheet = book.active
    for row in range(5, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == key:
            for name, value in cells.items():
                sheet.cell(row=row, column=COLUMN[name]).value = value
    book.save(path)


def main(out: Path, as_of: dt.date) -> None:
    plan = xj.load_plan()
    snapshot = status(plan, as_of=as_of)
    sheets = progress_sheets(plan, snapshot)
    sent = write_sheets(plan, sheets, out / "sent")
    print(f"sent {len(sent)} sheets, {sum(len(s.rows) for s in sheets)} items")

    returned = out / "returned"
    returned.mkdir(parents=True, exist_ok=True)
    names = {s.unit.id: s.file_name for s in sheets}
    for unit in ("finance", "agriculture", "rural_work_office"):
        shutil.copy(out / "sent" / names[unit], returned / names[unit])
    fill(
        returned / names["finance"],
        "spending-progress#0",
        完成时间=dt.date(2025, 7, 31),
        数值=58.5,
        说明="全区衔接资金支出进度",
    )
    fill(
        returned / names["agriculture"],
        "resident-work-meeting",
        完成情况="已完成",
        完成时间=dt.date(2025, 7, 30),
    )
    fill(
        returned / names["agriculture"],
        "monthly-data-comparison@2025-07-01",
        完成情况="已完成",
        完成时间=as_of + dt.timedelta(days=10),
    )
    fill(
        returned / names["rural_work_office"],
        "resident-work-meeting",
        完成情况="已完成",
        完成时间=dt.date(2025, 7, 28),
    )
    fill(
        returned / names["rural_work_office"],
        "campaign-training-course",
        完成情况="已完成",
        完成时间=dt.date(2025, 7, 25),
    )

    collection = collect(plan, returned, sent=sheets, as_of=as_of)
    write_collection(collection, out / "collected.xlsx")
    write_progress(collection.progress, out / "progress.csv")
    for row in collection.rows:
        reasons = ";".join(row.reasons)
        print(f"{row.verdict.label}\t{row.unit}\t{row.key}\t{reasons}")
    print(f"not reported: {len(collection.missing)} of {len(collection.sent)} units")

    after = status(plan, collection.progress, as_of=as_of)
    document = notice(plan, after, progress=collection.progress, collection=collection)
    (out / "通报.docx").write_bytes(to_docx(document))
    (out / "通报.md").write_text(to_markdown(document), encoding="utf-8")
    (out / "通报.html").write_text(to_html(document), encoding="utf-8")
    print(f"overdue after the 调度: {len(after.overdue())}; wrote {out / '通报.docx'}")


if __name__ == "__main__":
    folder = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="xiaojie-diaodu-"))
    )
    try:
        day = as_date(sys.argv[2], field="AS_OF") if len(sys.argv) > 2 else dt.date(2025, 8, 1)
        main(folder, day)
    except XiaojieError as err:  # a bad date, a missing extra: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
