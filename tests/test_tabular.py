"""The one tabular writer: formula-safe cells, clock-free workbooks, shared by every writer."""

import contextlib
import datetime as dt
import io
import re
import time
import zipfile

import openpyxl
import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.io._tabular import (
    CUT_MARK,
    _runs,
    append_row,
    csv_bytes,
    csv_cell,
    csv_text,
    new_workbook,
    table_workbook,
    text_cell,
    workbook_bytes,
)
from xiaojie.ledgers import Household, check, write_findings
from xiaojie.progress import Completion, Progress, read_progress, write_progress
from xiaojie.render import Table, to_csv, to_xlsx


FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x")']


class TestCells:
    @given(st.text())
    def test_csv_cell_round_trips(self, text):
        """What csv_cell writes, csv_text reads back unchanged."""
        assert text == csv_text(csv_cell(text))

    @given(st.text())
    def test_no_written_cell_runs(self, text):
        """No CSV cell written starts a formula (unless it is a plain number)."""
        assert not _runs(csv_cell(text))

    @pytest.mark.parametrize("formula", FORMULAS)
    def test_formula_becomes_text(self, formula):
        """A formula-looking text is written with a leading apostrophe."""
        assert "'" + formula == csv_cell(formula)

    def test_numbers_stay_numbers(self):
        """Negative and signed numbers are not escaped."""
        assert ["-5", "+3.5", "-1e3", "12%"] == [csv_cell(v) for v in ["-5", "+3.5", "-1e3", "12%"]]


class TestWriters:
    def test_render_csv_and_xlsx(self):
        """Documents write formula-looking cells as text, in CSV and XLSX."""
        table = Table(name="t", columns=["单位", "备注"], rows=[["教育厅", "=1+1"]])
        assert "教育厅,'=1+1" in to_csv(table).decode("utf-8-sig")
        cell = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active["B2"]
        assert ("=1+1", "s") == (cell.value, cell.data_type)

    def test_progress_files(self, tmp_path):
        """Progress notes that look like formulas are text in CSV and XLSX and read back unchanged."""
        progress = Progress([Completion("m1", dt.date(2025, 7, 1), note=f) for f in FORMULAS[:1]])
        csv_path = write_progress(progress, tmp_path / "p.csv")
        assert "'=1+1" in csv_path.read_text(encoding="utf-8-sig")
        assert progress == read_progress(csv_path)
        xlsx_path = write_progress(progress, tmp_path / "p.xlsx")
        cell = openpyxl.load_workbook(xlsx_path).active["F2"]
        assert ("=1+1", "s") == (cell.value, cell.data_type)
        assert progress == read_progress(xlsx_path)

    def test_progress_xlsx_has_no_clock(self, tmp_path):
        """The same progress written twice gives the same XLSX bytes."""
        progress = Progress([Completion("m1", dt.date(2025, 7, 1))])
        first = write_progress(progress, tmp_path / "a.xlsx").read_bytes()
        assert first == write_progress(progress, tmp_path / "b.xlsx").read_bytes()

    def test_ledger_findings(self, tmp_path):
        """Ledger findings go through the same writer: CSV with a BOM, XLSX without the clock."""
        found = check(
            [Household(id="H1", kind="脱贫户", identified_on="2024-08-01")],
            as_of=dt.date(2025, 8, 1),
        )
        data = write_findings(found, tmp_path / "f.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in data
        first = write_findings(found, tmp_path / "a.xlsx").read_bytes()
        assert first == write_findings(found, tmp_path / "b.xlsx").read_bytes()
        assert "H1" == openpyxl.load_workbook(tmp_path / "a.xlsx").active["D2"].value

    def test_workbook_stamp(self):
        """A workbook's properties carry the given stamp, not the time of writing."""
        book = new_workbook(stamp=dt.date(2025, 6, 18))
        book.create_sheet("s").append(["x"])
        loaded = openpyxl.load_workbook(
            io.BytesIO(workbook_bytes(book, stamp=dt.date(2025, 6, 18)))
        )
        assert dt.datetime(2025, 6, 18) == loaded.properties.created

    def test_csv_bytes_shape(self):
        """CSV bytes start with a BOM and end rows in CRLF."""
        assert b"\xef\xbb\xbfa,b\r\n1,2\r\n" == csv_bytes([["a", "b"], [1, 2]])


INSTANTS = (
    dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
    dt.datetime(2033, 11, 12, 13, 14, 15, tzinfo=dt.UTC),
)


@contextlib.contextmanager
def _clock_at(instant, monkeypatch):
    """Set every clock a writer might read to ``instant``: now(), time() and file times.

    Files written meanwhile keep the machine's modification time, so ``time.localtime`` of any
    moment (how ``zipfile`` dates a file it adds) answers ``instant`` too.
    """
    real = time.localtime
    with time_machine.travel(instant, tick=False), monkeypatch.context() as patch:
        patch.setattr(time, "localtime", lambda _secs=None: real(instant.timestamp()))
        yield


def _xlsx_writers(folder):
    """Every XLSX (and DOCX) writer of xiaojie, each a function of no arguments giving bytes."""
    from xiaojie import load_plan
    from xiaojie.io import collect, progress_sheets, sheet_xlsx, write_collection
    from xiaojie.render import division_table, notice, to_docx
    from xiaojie.tracking import status

    plan = load_plan()
    as_of = dt.date(2025, 8, 1)
    snapshot = status(plan, as_of=as_of)
    sheet = progress_sheets(plan, snapshot)[0]
    progress = Progress([Completion("m1", dt.date(2025, 7, 1), note="=1+1")])
    found = check([Household(id="H1", kind="脱贫户", identified_on="2024-08-01")], as_of=as_of)
    collection = collect(plan, folder, sent=[sheet], as_of=as_of)
    return {
        "to_xlsx": lambda: to_xlsx(division_table(plan), stamp=as_of),
        "progress file": lambda: write_progress(progress, folder / "p.xlsx").read_bytes(),
        "progress sheet": lambda: sheet_xlsx(plan, sheet),
        "collection": lambda: write_collection(collection, folder / "c.xlsx").read_bytes(),
        "notice xlsx": lambda: to_xlsx(notice(plan, snapshot), stamp=as_of),
        "ledger findings": lambda: write_findings(found, folder / "f.xlsx").read_bytes(),
        "notice docx": lambda: to_docx(notice(plan, snapshot)),
    }


class TestNoClock:
    @pytest.mark.parametrize(
        "writer",
        [
            "to_xlsx",
            "progress file",
            "progress sheet",
            "collection",
            "notice xlsx",
            "ledger findings",
            "notice docx",
        ],
    )
    def test_bytes_are_the_same_at_two_instants(self, writer, tmp_path, monkeypatch):
        """A writer gives the same bytes at two different clock times, every entry dated 1980."""
        write = _xlsx_writers(tmp_path)[writer]
        outputs = []
        for instant in INSTANTS:
            with _clock_at(instant, monkeypatch):
                outputs.append(write())
        assert outputs[0] == outputs[1]
        with zipfile.ZipFile(io.BytesIO(outputs[0])) as archive:
            stamps = {info.date_time for info in archive.infolist()}
            core = archive.read("docProps/core.xml").decode()
        assert {(1980, 1, 1, 0, 0, 0)} == stamps
        dates = re.findall(r">(\d{4})-\d\d-\d\dT", core)
        assert dates
        assert not {"2001", "2033"} & set(dates)

    def test_the_clock_is_really_moved(self, tmp_path, monkeypatch):
        """Under the moved clock a plain zip file entry carries that clock's time (the test can fail)."""
        source = tmp_path / "x.txt"
        source.write_text("x", encoding="utf-8")
        buffer = io.BytesIO()
        with _clock_at(INSTANTS[0], monkeypatch), zipfile.ZipFile(buffer, "w") as archive:
            archive.write(source, "x.txt")
            now = dt.datetime.now(tz=dt.UTC)
        assert INSTANTS[0] == now
        with zipfile.ZipFile(buffer) as archive:
            assert 2001 == archive.infolist()[0].date_time[0]


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


_LONG = st.builds(
    lambda head, n, astral: head + ("𠀀" if astral else "措") * n,
    st.sampled_from(["", "=", "-1", "教育厅"]),
    st.integers(16_000, 34_000),
    st.booleans(),
)


class TestLongCells:
    """A text longer than a cell holds (32,767 UTF-16 units) is cut with a mark, never silently."""

    @given(_LONG)
    def test_both_xlsx_writers_cut_with_a_mark(self, text):
        fits = _units(text) <= 32767
        sheet = new_workbook().create_sheet("s")
        text_cell(sheet["A1"], text)
        append_row(sheet, [text])
        book = openpyxl.load_workbook(
            io.BytesIO(table_workbook([("s", [["h"], [text]], [8])])), read_only=True
        )
        written = [sheet["A1"].value, sheet["A2"].value, next(book["s"].iter_rows(2, 2))[0].value]
        book.close()
        for cell in written:
            assert _units(cell) <= 32767
            if fits:
                assert cell == text
            else:
                assert cell.endswith(CUT_MARK)
                kept = cell[: -len(CUT_MARK)]
                assert text.startswith(kept)
                assert _units(kept) >= 32767 - len(CUT_MARK) - 1  # no more than a pair's half lost
