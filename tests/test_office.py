"""Word and spreadsheet output in a real office suite: LibreOffice opens them and prints CJK text.

Needs ``soffice`` (LibreOffice writer and calc) and ``pdftotext`` (poppler-utils);
``.ci/system-packages`` installs them. Without them the tests are skipped locally, but they fail
under CI (``CI=true``), where both must be present.
"""

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import xiaojie as xj
from xiaojie.io import progress_sheets, write_sheets
from xiaojie.render import division_table, notice, to_docx, to_xlsx, unit_sheet
from xiaojie.tracking import status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)


def _tool(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def office():
    soffice = _tool("soffice", "libreoffice")
    pdftotext = _tool("pdftotext")
    if soffice is None or pdftotext is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "LibreOffice and pdftotext are required under CI; .ci/system-packages installs them"
            )
        pytest.skip("LibreOffice or poppler-utils is not installed")
    return soffice, pdftotext


@pytest.fixture(scope="module")
def pdf_text(office, tmp_path_factory):
    """Write the documents, convert them all to PDF in one LibreOffice run, return their text."""
    soffice, pdftotext = office
    folder = tmp_path_factory.mktemp("office")
    snapshot = status(PLAN, as_of=AS_OF)
    sheets = progress_sheets(PLAN, snapshot)
    finance = next(s for s in sheets if s.unit.id == "finance")
    (sheet_path,) = write_sheets(PLAN, [finance], folder)
    sheet_path = sheet_path.rename(folder / "sheet.xlsx")
    files = {
        "sheet": sheet_path,
        "notice": folder / "notice.docx",
        "division": folder / "division.docx",
        "unit": folder / "unit.docx",
        "tables": folder / "notice-tables.xlsx",
    }
    doc = notice(PLAN, snapshot)
    files["notice"].write_bytes(to_docx(doc))
    files["division"].write_bytes(to_docx(division_table(PLAN), landscape=True))
    files["unit"].write_bytes(
        to_docx(unit_sheet(PLAN, "财政厅"), landscape=True, running_header="自治区财政厅")
    )
    files["tables"].write_bytes(to_xlsx(doc))
    profile = folder / "profile"
    out = folder / "pdf"
    subprocess.run(  # noqa: S603 - a fixed LibreOffice command
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(p) for p in files.values()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    texts = {}
    for name, path in files.items():
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {path.name}"
        result = subprocess.run(  # noqa: S603 - a fixed pdftotext command
            [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
        )
        texts[name] = result.stdout.decode("utf-8")
    return texts


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_progress_sheet_prints_its_chinese(pdf_text):
    """The finance sheet opens in LibreOffice Calc and prints its title, unit and items."""
    text = _squeezed(pdf_text["sheet"])
    assert "工作进展调度表" in text
    assert "自治区财政厅" in text
    assert "资金支出进度" in text
    assert "完成情况" in text


def test_notice_docx_prints_its_chinese(pdf_text):
    """The 通报 opens in LibreOffice Writer with its title, numbered headings and tables."""
    text = _squeezed(pdf_text["notice"])
    for words in (
        "落实情况的通报",
        "一、总体情况",
        "二、逾期未完成事项",
        "自治区医疗保障局",
        "序时进度",
    ):
        assert words in text


def test_division_docx_prints_its_chinese(pdf_text):
    """The 任务分工表 as DOCX prints its campaigns and tasks."""
    text = _squeezed(pdf_text["division"])
    assert "任务分工表" in text
    assert "实施问题整改清零攻坚行动" in text
    assert "健全项目实施推进" in text


def test_division_docx_repeats_its_header_row(pdf_text):
    """The table's header row is printed again at the top of every page."""
    pages = [p for p in pdf_text["division"].split("\f") if p.strip()]
    assert len(pages) > 1
    assert all("序号重点任务牵头单位" in _squeezed(page) for page in pages)


def test_unit_docx_repeats_the_unit_on_every_page(pdf_text):
    """Each page of a unit's 任务清单 carries the unit's name in its running header."""
    pages = pdf_text["unit"].split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 1
    assert all("自治区财政厅" in _squeezed(page) for page in pages)
    assert "任务清单" in _squeezed(pdf_text["unit"])


def test_notice_tables_xlsx_prints_its_chinese(pdf_text):
    """The 通报's tables as XLSX open in LibreOffice Calc."""
    text = _squeezed(pdf_text["tables"])
    assert "已逾期" in text
    assert "自治区财政厅" in text


def test_landscape_pages(office, tmp_path):
    """The 任务分工表 is laid out landscape: its page is wider than tall."""
    import io

    import docx

    document = docx.Document(io.BytesIO(to_docx(division_table(PLAN), landscape=True)))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert Path(office[0]).exists()


def test_libreoffice_reads_the_sheet_rules(office, tmp_path):
    """LibreOffice reads the sheet's drop-down, date and percentage rules and its protection."""
    import zipfile

    soffice, _ = office
    sheets = progress_sheets(PLAN, status(PLAN, as_of=AS_OF))
    finance = next(s for s in sheets if s.unit.id == "finance")
    (path,) = write_sheets(PLAN, [finance], tmp_path)
    path = path.rename(tmp_path / "sheet.xlsx")
    subprocess.run(  # noqa: S603 - a fixed LibreOffice command
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path / "ods"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with zipfile.ZipFile(tmp_path / "ods" / "sheet.ods") as ods:
        content = ods.read("content.xml").decode()
    start = (dt.date(2025, 6, 18) - dt.date(1899, 12, 30)).days
    end = (AS_OF - dt.date(1899, 12, 30)).days
    assert (
        "cell-content-is-in-list(&quot;已完成&quot;;&quot;正在推进&quot;;&quot;未启动&quot;)"
        in content
    )
    assert f"cell-content-is-date() and cell-content-is-between({start},{end})" in content
    assert "cell-content-is-decimal-number() and cell-content-is-between(0,100)" in content
    assert 'table:message-type="stop"' in content
    assert 'table:protected="true"' in content
    assert 'style:cell-protect="none"' in content
