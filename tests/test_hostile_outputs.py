"""Every file xiaojie writes is safe: no live formula, Markdown escaped, no personal data.

A plan whose unit names, titles and notes carry formulas (``= + - @``, tab, CR), HTML and
Markdown links, identity numbers (valid GB 11643 check digits, plain, grouped, full-width, with
letters after them) and mobile numbers is put through every writer of documents, progress files,
调度 sheets, the collected rows, the 通报 and the roll-up; each file is then opened the way its
reader would (CSV parsed, XLSX by openpyxl, the zip parts as text) and searched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

import xiaojie as xj
from xiaojie._privacy import valid_check_char
from xiaojie.io import (
    collect,
    plan_from_mapping,
    plan_to_mapping,
    progress_sheets,
    sheet_xlsx,
    write_collection,
    write_progress,
    write_sheets,
)
from xiaojie.progress import Completion, Measurement, Progress
from xiaojie.render import (
    diff_document,
    notice,
    rollup_report,
    site_files,
    status_report,
    to_csv,
    to_docx,
    to_html,
    to_markdown,
    to_xlsx,
)
from xiaojie.rollup import rollup
from xiaojie.tracking import status


def synthetic_id(area: str, birth: str, sequence: str) -> str:
    """Return a realistic identity number: its check character computed by GB 11643-1999."""
    first = area + birth + sequence
    return next(first + c for c in "0123456789X" if valid_check_char(first + c))


ID = synthetic_id("640324", "19850317", "421")
ID2 = synthetic_id("640402", "19621130", "057")
PHONE = "13995127788"
FULL_WIDTH_ID = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
SECRETS = (ID, ID2, PHONE, ID[:17], PHONE[3:], FULL_WIDTH_ID)
"""Personal data and the parts of it a masked form must not reveal."""

FORMULAS = ("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|x", "@SUM(A1)", "\t=1+1", "\r=1+1")
RENAMES = {
    "自治区教育厅": FORMULAS[0],
    "自治区财政厅": FORMULAS[1],
    "自治区民政厅": f"{FORMULAS[2]}<script>alert(1)</script>",
    "自治区医疗保障局": FORMULAS[3],
    "自治区人力资源社会保障厅": f"[点我](javascript:alert(1)) 户主{ID}",
}


def hostile_plan() -> xj.Plan:
    """Return the bundled plan with hostile unit names, task titles and milestone titles."""
    text = json.dumps(plan_to_mapping(xj.load_plan()), ensure_ascii=False, default=str)
    for old, new in RENAMES.items():
        assert old in text
        text = text.replace(f'"{old}"', json.dumps(new, ensure_ascii=False))
    mapping = json.loads(text)
    titles = [
        *FORMULAS,
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        f"身份证{ID[:6]} {ID[6:14]} {ID[14:]}",
        f"电话{PHONE}转",
        f"号码{FULL_WIDTH_ID}",
        f"{ID2}abc",
    ]
    for task, title in zip(mapping["tasks"], titles, strict=False):
        task["title"] = title
    for milestone, title in zip(mapping["milestones"], reversed(titles), strict=False):
        milestone["title"] = title
    return plan_from_mapping(mapping)


PLAN = hostile_plan()
AS_OF = dt.date(2025, 8, 1)
NOTES = [*FORMULAS, f"联系{PHONE}", f"户主身份证{ID}", "<b>粗</b>"]


def hostile_progress(plan: xj.Plan) -> Progress:
    """Return progress whose notes are formulas, markup and personal data."""
    items = [m.id for m in plan.milestones][: len(NOTES)]
    measure = next(i.id for i in plan.indicators)
    records: list[object] = [
        Completion(item, dt.date(2025, 7, 1), note=note)
        for item, note in zip(items, NOTES, strict=False)
    ]
    records.append(Measurement(measure, dt.date(2025, 7, 31), 50.0, note=NOTES[0]))
    return Progress(records)


def written_files(folder: Path) -> dict[str, bytes]:
    """Write every document, progress file, sheet, collection, 通报 and roll-up; return them."""
    progress = hostile_progress(PLAN)
    snapshot = status(PLAN, progress, as_of=AS_OF)
    out: dict[str, bytes] = {}
    for file in site_files(PLAN, snapshot=snapshot, as_of=AS_OF, progress=progress):
        out[f"site/{file.path}"] = file.render()
    for suffix in (".csv", ".xlsx", ".json"):
        out[f"progress{suffix}"] = Path(
            write_progress(progress, folder / f"p{suffix}")
        ).read_bytes()
    sheets = progress_sheets(PLAN, snapshot)
    for sheet in sheets:
        out[f"sheets/{sheet.file_name}"] = sheet_xlsx(PLAN, sheet)
    returned = folder / "returned"
    written = write_sheets(PLAN, sheets, returned)
    for path, note in zip(written, NOTES, strict=False):
        book = openpyxl.load_workbook(path)
        ws = book.active
        ws.cell(row=5, column=9).value = "已完成"
        ws.cell(row=5, column=10).value = AS_OF
        ws.cell(row=5, column=13).value = note
        ws.cell(row=5, column=13).data_type = "s"
        book.save(path)
        book.close()
    collection = collect(PLAN, returned, sent=sheets, as_of=AS_OF)
    for suffix in (".csv", ".xlsx"):
        out[f"collected{suffix}"] = Path(
            write_collection(collection, folder / f"c{suffix}")
        ).read_bytes()
    report = notice(PLAN, snapshot, progress=progress, collection=collection)
    places = xj.places.load_places() if hasattr(xj, "places") else None
    roll = rollup(PLAN, {"640302": progress, "640303": Progress()}, as_of=AS_OF, places=places)
    documents = {
        "notice": report,
        "rollup": rollup_report(roll),
        "status": status_report(PLAN, snapshot, progress=progress),
        "diff": diff_document(xj.load_plan(), PLAN),
    }
    for name, document in documents.items():
        out[f"{name}.md"] = to_markdown(document).encode()
        out[f"{name}.html"] = to_html(document).encode()
        out[f"{name}.xlsx"] = to_xlsx(document)
        out[f"{name}.docx"] = to_docx(document)
        for table in document.tables():
            out[f"{name}-{table.name}.csv"] = to_csv(table)
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file the writers give for the hostile plan and progress."""
    return written_files(tmp_path_factory.mktemp("out"))


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")


def _live(text: str) -> bool:
    """Return whether a spreadsheet would run ``text`` as a formula (OWASP's triggers)."""
    return text.startswith(("=", "+", "-", "@", "\t", "\r")) and not _NUMBER.match(text)


def _texts(name: str, data: bytes) -> list[str]:
    """Return the text of a written file: the parts of a zip, or the decoded bytes."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return [data.decode("utf-8-sig")]


def test_every_writer_is_covered(files: dict[str, bytes]) -> None:
    """The enumeration reaches every kind of file: documents, progress, sheets, collection, 通报, roll-up."""
    kinds = {name.rsplit(".", 1)[-1] for name in files}
    assert {"csv", "xlsx", "md", "html", "docx", "svg", "ics", "json"} <= kinds
    for prefix in (
        "site/",
        "progress",
        "sheets/",
        "collected",
        "notice",
        "rollup",
        "status",
        "diff",
    ):
        assert any(name.startswith(prefix) for name in files), prefix
    written = "".join(t for name, data in files.items() for t in _texts(name, data))
    assert FORMULAS[0] in written or "'" + FORMULAS[0] in written  # the hostile plan was used


def test_only_the_tabular_writer_writes_spreadsheets() -> None:
    """No module but the tabular writer (and the styled 调度 sheet) makes CSV or XLSX by itself."""
    source = Path(xj.__file__).parent
    allowed = {"io/_tabular.py", "io/_sheets.py", "rollup.py"}
    found = {
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if re.search(
            r"csv\.writer\(|csv\.DictWriter\(|openpyxl\.Workbook\(|\.Workbook\(",
            path.read_text(encoding="utf-8"),
        )
    }
    assert found <= allowed, found - allowed


def test_no_csv_cell_is_a_formula(files: dict[str, bytes]) -> None:
    """Every cell of every written CSV that a spreadsheet would run starts with an apostrophe."""
    checked = 0
    for name, data in files.items():
        if not name.endswith(".csv"):
            continue
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            for cell in row:
                checked += 1
                assert not _live(cell), (name, cell)
    assert checked > 1000


def test_no_xlsx_cell_is_a_formula(files: dict[str, bytes]) -> None:
    """No cell of any written workbook is a formula, and the hostile texts are kept as text."""
    kept = 0
    for name, data in files.items():
        if not name.endswith(".xlsx"):
            continue
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for part in archive.namelist():
                if part.startswith("xl/worksheets/"):
                    assert "<f>" not in archive.read(part).decode(), (name, part)
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                    kept += isinstance(cell.value, str) and cell.value in FORMULAS
        book.close()
    assert kept > 0


def test_markdown_is_escaped(files: dict[str, bytes]) -> None:
    """No Markdown document carries raw HTML or a live link from the plan's text."""
    documents = {n: d.decode() for n, d in files.items() if n.endswith(".md")}
    assert len(documents) > 10
    for name, text in documents.items():
        assert "<script" not in text.lower(), name
        assert "<b>" not in text, name
        prose = re.sub(r"(?ms)^(`{3,})mermaid$.*?^\1$", "", text)  # a diagram is not Markdown
        assert "[x](javascript" not in prose, name
        assert "[点我](javascript" not in prose, name
    assert any("&lt;script&gt;" in text for text in documents.values())


def test_no_personal_data_in_any_file(files: dict[str, bytes]) -> None:
    """No identity number, mobile number or a revealing part of one is in any written file."""
    for name, data in files.items():
        for text in _texts(name, data):
            half = text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
            plain = re.sub(r"[ \-]", "", half)
            for secret in SECRETS:
                assert secret not in text, (name, secret)
                assert (
                    secret.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
                    not in plain
                ), (name, secret)
    masked = "".join(t for name, data in files.items() for t in _texts(name, data))
    assert ID[:4] + "**********" + ID[-4:] in masked
    assert PHONE[:3] + "****" + PHONE[-4:] in masked


@pytest.mark.parametrize(
    "cell",
    [
        ID,
        f"{ID[:6]}-{ID[6:14]}-{ID[14:]}",
        FULL_WIDTH_ID,
        f"{ID}abc",
        PHONE,
        f"{PHONE[:3]} {PHONE[3:7]} {PHONE[7:]}",
    ],
)
def test_error_messages_mask_personal_data(tmp_path: Path, cell: str) -> None:
    """An identity or mobile number typed into a progress file's date column is masked in the error."""
    path = tmp_path / "p.csv"
    path.write_text(f"事项,类型,日期\nm1,完成,{cell}\n", encoding="utf-8")
    with pytest.raises(xj.errors.ProgressError, match="line 2") as caught:
        xj.io.read_progress(path)
    text = str(caught.value) + repr(caught.value)
    half = text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
    for secret in (ID, PHONE, ID[:17], PHONE[3:]):
        assert secret not in re.sub(r"[ \-]", "", half), text
    assert "*" in text
