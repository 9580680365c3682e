"""Sheet names: every workbook the library writes names its sheets in Chinese, as Excel allows.

Excel refuses a sheet name longer than 31 characters or holding any of ``[]:*?/\\``, and one
that starts or ends with an apostrophe. The 调度 workbooks are written by the installed
``xiaojie`` command (``sheets``, ``collect``, ``notice``), as an office would run it.
"""

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

import installed
import xiaojie as xj
from xiaojie.ledgers import check, read_ledger
from xiaojie.progress import Measurement, Progress
from xiaojie.render import (
    Table,
    diff_document,
    division_table,
    ledger_report,
    notice,
    overdue_report,
    responsibility_table,
    status_report,
    timeline,
    to_xlsx,
    unit_sheet,
    unit_status,
)
from xiaojie.render._places_doc import place_page, rollup_report
from xiaojie.render._tables import sheet_name
from xiaojie.rollup import rollup
from xiaojie.tracking import status


CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
ROOT = Path(__file__).parents[1]


def _valid(name: str) -> bool:
    """Whether Excel takes ``name`` as a sheet name and it is Chinese."""
    return (
        bool(CJK.search(name))
        and 0 < len(name) <= 31
        and not set(name) & set("[]:*?/\\")
        and not name.startswith("'")
        and not name.endswith("'")
    )


def _sheetnames(data: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(data)).sheetnames


def _library_documents():
    """Every kind of document the library renders, for the bundled plan as of 2025-08-01."""
    snap = status(PLAN, Progress([Measurement("spending-progress", "2025-07-31", 58)]), as_of=AS_OF)
    read = read_ledger(ROOT / "examples/county_ledger/households.csv", "households")
    findings = check(read.rows, as_of=dt.date(2025, 11, 15))
    places = rollup(
        PLAN,
        {
            "同心县": Progress([Measurement("spending-progress", "2025-07-31", 58)]),
            "红寺堡区": Progress(),
        },
        as_of=AS_OF,
    )
    yield division_table(PLAN)
    yield division_table(PLAN, campaign=2)
    yield from (unit_sheet(PLAN, o) for o in PLAN.owners_in_order())
    yield timeline(PLAN, as_of=AS_OF)
    yield status_report(PLAN, snap)
    yield overdue_report(PLAN, snap)
    yield unit_status(PLAN, snap, "财政厅")
    yield notice(PLAN, snap, rollup=places)
    yield ledger_report(read.report, findings, plan=PLAN)
    yield rollup_report(places)
    yield place_page(places, "640324")
    yield diff_document(PLAN, PLAN)


def test_every_library_table_has_a_chinese_sheet_name():
    """Each table any document holds has a Chinese sheet name when written on its own."""
    names = {t.name for doc in _library_documents() for t in doc.tables()}
    names.add(responsibility_table(PLAN).name)

    named = {n: sheet_name(Table(name=n, columns=["甲"], rows=[])) for n in names}

    assert [] == [n for n, shown in named.items() if not _valid(shown)]
    assert "逾期事项" == named["overdue"]
    assert "攻坚行动-2" == named["campaign-2"]


def test_a_bare_table_gets_its_chinese_name():
    """to_xlsx of the bare table of every unit's duties names its sheet 各单位任务清单."""
    assert ["各单位任务清单"] == _sheetnames(to_xlsx(responsibility_table(PLAN)))
    assert ["responsibilities"] == _sheetnames(to_xlsx(responsibility_table(PLAN), lang="en"))


def test_bare_tables_of_documents_keep_unique_valid_names():
    """Written one sheet per table, the tables of every document get valid, distinct Chinese names."""
    tables = [t for doc in _library_documents() for t in doc.tables()][:60]
    names = _sheetnames(to_xlsx(tables))

    assert len(tables) == len(names) == len(set(names))
    assert all(_valid(n) for n in names), [n for n in names if not _valid(n)]


def test_every_document_workbook_has_valid_chinese_names():
    """Each document written as a workbook names every sheet in Chinese, as Excel allows."""
    for doc in _library_documents():
        names = _sheetnames(to_xlsx(doc))

        assert all(_valid(n) for n in names), (doc.slug, names)


def test_forbidden_characters_and_length_are_mended():
    """A heading with Excel's forbidden characters or over 31 characters becomes a valid name."""
    table = Table(name="t", columns=["甲"], rows=[["1"]])
    doc = xj.render.Document(
        slug="d",
        title="题",
        blocks=[
            xj.render.Heading("一/二:三[四]*?" + "长" * 40),
            table,
            xj.render.Heading("乙"),
            table,
        ],
    )

    names = _sheetnames(to_xlsx(doc))

    assert 2 == len(names)
    assert all(_valid(n) for n in names)
    assert names[0].startswith("一_二_三_四__")


_script = installed.script


@pytest.fixture(scope="module")
def diaodu(tmp_path_factory):
    """The 调度 workbooks as the installed command writes them: sheets, a collection, a 通报."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    folder = tmp_path_factory.mktemp("diaodu")

    def run(*argv):
        done = subprocess.run(  # noqa: S603 - our own script
            [script, *map(str, argv)], capture_output=True, text=True, check=False, timeout=600
        )
        assert 0 == done.returncode, done.stderr

    run("sheets", "--as-of", "2025-08-01", "--out", folder / "sent")
    run("collect", folder / "sent", "--as-of", "2025-08-01", "--out", folder / "merged.xlsx")
    run("notice", "--as-of", "2025-08-01", "--out", folder / "notice.xlsx")
    return folder


def test_diaodu_workbooks_have_valid_chinese_sheet_names(diaodu):
    """Every sheet of every 调度 workbook (sent, collected, 通报) has a valid Chinese name."""
    books = sorted(diaodu.rglob("*.xlsx"))
    names = {p.name: _sheetnames(p.read_bytes()) for p in books}

    assert len(books) > 40
    assert {"merged.xlsx", "notice.xlsx"} <= set(names)
    assert all(_valid(n) for sheets in names.values() for n in sheets), names
    assert ["调度表"] == names["调度表-2025-08-01-自治区财政厅.xlsx"]
    assert ["汇总"] == names["merged.xlsx"]
    assert len(names["notice.xlsx"]) > 1
