"""The 调度 commands: sheets, collect, notice and word, through the real entry point."""

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from xiaojie import cli
from xiaojie.cli import main
from xiaojie.progress import Measurement, read_progress


FINANCE = "调度表-2025-08-01-自治区财政厅.xlsx"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    """Run every command as if its output were piped, with a fixed today."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli._shared, "_today", lambda: dt.date(2025, 8, 1))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def returned(tmp_path, capsys):
    sent, back = tmp_path / "sent", tmp_path / "back"
    code, out, _ = run(capsys, "sheets", "--as-of", "2025-08-01", "--out", sent)
    assert code == 0
    back.mkdir()
    shutil.copy(sent / FINANCE, back)
    book = openpyxl.load_workbook(back / FINANCE)
    ws = book.active
    ws["J5"] = dt.date(2025, 7, 31)
    ws["K5"] = 58
    ws["I6"] = "完成了"
    book.save(back / FINANCE)
    return tmp_path, out


def test_sheets_writes_one_workbook_per_unit(returned):
    """`sheets` writes one XLSX per unit and lists them."""
    folder, out = returned
    files = sorted((folder / "sent").iterdir())
    assert len(files) == int(out.split()[1])
    assert FINANCE in out
    assert all(f.suffix == ".xlsx" for f in files)


def _collect_accepted(capsys, folder, *extra, accepted="progress.csv"):
    return run(
        capsys,
        "collect",
        folder / "back",
        "--as-of",
        "2025-08-01",
        "--out",
        folder / "merged.csv",
        "--accepted",
        folder / accepted,
        *extra,
    )


def test_collect_writes_merged_and_accepted(returned, capsys):
    """`collect` reports verdicts, rejects a wrong state and writes both files."""
    folder, _ = returned
    code, out, err = _collect_accepted(capsys, folder)
    assert code == 0, err
    assert "2 filled rows from 1 of" in out
    assert "1 accepted, 1 rejected, 0 conflict, 0 noted" in out
    assert "完成情况: expected one of 已完成、正在推进、未启动, found '完成了'" in out
    assert "not reported: " in out
    progress = read_progress(folder / "progress.csv")
    assert list(progress) == [Measurement("spending-progress", "2025-07-31", 58)]
    assert "退回" in (folder / "merged.csv").read_text(encoding="utf-8-sig")


def test_notice_after_collect_in_every_format(returned, capsys):
    """`notice --returned` collects first and writes the 通报 as DOCX, Markdown, HTML, XLSX."""
    folder, _ = returned
    for suffix in (".docx", ".md", ".html", ".xlsx"):
        target = folder / f"notice{suffix}"
        code, out, err = run(
            capsys,
            "notice",
            "--as-of",
            "2025-08-01",
            "--returned",
            folder / "back",
            "--out",
            target,
        )
        assert code == 0, err
        assert f"wrote {target}" in out
    text = (folder / "notice.md").read_text(encoding="utf-8")
    assert "资金支出进度序时进度应达60.3%,实际为58%" in text
    assert "六、数据核实情况" in text
    paragraphs = [p.text for p in docx.Document(folder / "notice.docx").paragraphs]
    assert paragraphs[0].startswith("关于《")
    assert "一、总体情况" in paragraphs
    with zipfile.ZipFile(folder / "notice.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_notice_refuses_an_unknown_format(tmp_path, capsys):
    """A 通报 asked as PDF is a one-line error with exit code 1."""
    code, _, err = run(capsys, "notice", "--out", tmp_path / "n.pdf")
    assert code == 1
    assert "expected one of .md, .html, .docx, .xlsx, found '.pdf'" in err


def test_collect_reports_a_broken_file(tmp_path, capsys):
    """A broken returned file is named on stderr, without a traceback."""
    (tmp_path / "坏.xlsx").write_bytes(b"PK broken")
    code, _, err = run(capsys, "collect", tmp_path, "--out", tmp_path / "m.csv")
    assert code == 1
    assert "坏.xlsx: expected an XLSX workbook" in err
    assert "Traceback" not in err


def test_word_writes_division_and_unit_lists(tmp_path, capsys):
    """`word` writes the 任务分工表 and one 任务清单 per unit as DOCX."""
    code, out, _ = run(capsys, "word", "--out", tmp_path)
    assert code == 0
    division = docx.Document(tmp_path / "任务分工表.docx")
    assert division.sections[0].page_width > division.sections[0].page_height
    unit = docx.Document(tmp_path / "任务清单-自治区财政厅.docx")
    assert unit.sections[0].header.paragraphs[0].text == "自治区财政厅"
    assert f"wrote {len(list(tmp_path.iterdir()))} files" in out


def test_written_files_follow_the_umask(tmp_path, capsys):
    """Files the commands write get the permissions the umask allows, not 0600."""
    old = os.umask(0o027)
    try:
        code, _, _ = run(capsys, "notice", "--out", tmp_path / "n.md")
    finally:
        os.umask(old)
    assert code == 0
    assert (tmp_path / "n.md").stat().st_mode & 0o777 == 0o640


def test_sheet_bytes_are_the_same_on_two_runs(tmp_path, capsys):
    """Writing the sheets twice gives identical bytes."""
    run(capsys, "sheets", "--out", tmp_path / "a")
    run(capsys, "sheets", "--out", tmp_path / "b")
    a = (tmp_path / "a" / FINANCE).read_bytes()
    assert a == (tmp_path / "b" / FINANCE).read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(a)).active["C2"].value == "自治区财政厅"
    assert Path(tmp_path / "a").is_dir()


def test_notice_from_a_settled_collected_file(returned, capsys):
    """`notice --collected` reads the merged file back and writes the 通报 from its verdicts."""
    folder, _ = returned
    merged = folder / "merged.xlsx"
    code, _, err = run(capsys, "collect", folder / "back", "--as-of", "2025-08-01", "--out", merged)
    assert code == 0, err
    code, out, err = run(
        capsys, "notice", "--as-of", "2025-08-01", "--collected", merged, "--out", folder / "n.md"
    )
    assert code == 0, err
    assert "1 accepted, 1 rejected" in out
    assert "实际为58%" in (folder / "n.md").read_text(encoding="utf-8")
    code, _, err = run(
        capsys,
        "notice",
        "--collected",
        merged,
        "--returned",
        folder / "back",
        "--out",
        folder / "n.md",
    )
    assert code == 1
    assert "--returned and --collected: give one of them" in err


def test_collect_names_a_sub_folder_it_does_not_read(returned, capsys):
    """A sub-folder of the returned folder (last month's sheets) is named on the screen."""
    folder, _ = returned
    (folder / "back" / "7月").mkdir()
    shutil.copy(folder / "back" / FINANCE, folder / "back" / "7月" / FINANCE)
    code, out, err = run(
        capsys, "collect", folder / "back", "--as-of", "2025-08-01", "--out", folder / "m.csv"
    )
    assert code == 0, err
    assert "2 filled rows from 1 of" in out
    assert "note: " in out
    assert "7月: a sub-folder, not read" in out


def test_collect_adds_to_an_existing_accepted_file(returned, capsys):
    """The documented command run again next month keeps what the file held (it was replaced)."""
    folder, _ = returned
    earlier = "事项,类型,日期,数值,基准值,备注\nresident-work-meeting,完成,2025-07-30,,,\n"
    (folder / "progress.csv").write_text(earlier, encoding="utf-8")
    code, out, err = _collect_accepted(capsys, folder)
    assert code == 0, err
    assert "read --accepted" in out
    assert "as the progress recorded before (--progress)" in out
    progress = read_progress(folder / "progress.csv")
    assert sorted((r.item, r.on) for r in progress) == [
        ("resident-work-meeting", dt.date(2025, 7, 30)),
        ("spending-progress", dt.date(2025, 7, 31)),
    ]


def test_collect_refuses_an_accepted_file_other_than_progress(returned, capsys):
    """--accepted naming another existing file than --progress would lose what it holds."""
    folder, _ = returned
    held = "事项,类型,日期,数值,基准值,备注\nresident-work-meeting,完成,2025-07-30,,,\n"
    (folder / "progress.csv").write_text(held, encoding="utf-8")
    (folder / "before.csv").write_text("事项,类型,日期,数值,基准值,备注\n", encoding="utf-8")
    code, _, err = _collect_accepted(capsys, folder, "--progress", folder / "before.csv")
    assert code == 1
    assert "expected a new file or the --progress file" in err
    assert (folder / "progress.csv").read_text(encoding="utf-8") == held
    assert not (folder / "merged.csv").exists()


@pytest.mark.parametrize("name", ["progress.txt", "progress"])
def test_collect_checks_the_accepted_file_before_writing_any(returned, capsys, name):
    """A wrong --accepted is refused before --out is written (it was written, then refused)."""
    folder, _ = returned
    code, _, err = _collect_accepted(capsys, folder, accepted=name)
    assert code == 1
    assert "expected a .csv, .xlsx or .json progress file" in err
    assert not (folder / "merged.csv").exists()


def test_collect_refuses_a_folder_as_the_accepted_file(returned, capsys):
    folder, _ = returned
    (folder / "progress.csv").mkdir()
    code, _, err = _collect_accepted(capsys, folder)
    assert code == 1
    assert "expected a progress file, found a folder" in err
    assert not (folder / "merged.csv").exists()
