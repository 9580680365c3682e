"""XLSX ledgers on the columnar engine: the fast Arrow read, the density scan, hostile sheets.

The fast path (fastexcel into Arrow columns) must give the very texts the cell-by-cell path
(python-calamine) gives, or step aside; the scan must never let a sheet through that the exact
count refuses; and both engines must agree on typed workbooks, bad rows included.
"""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_columnar import CON, HOUSEHOLD_RULES, located, same
from test_ledgers_io import DATA
from xiaojie.errors import XiaojieError
from xiaojie.ledgers import _arrow, _xlsx, check, check_columnar, read_households
from xiaojie.ledgers._read import _headers
from xiaojie.ledgers._schema import schema_for


pytest.importorskip("fastexcel")

DUCK = settings(
    max_examples=max(10, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
SCHEMA = schema_for("households")
HEADER_MAP = _headers(SCHEMA.ledger, None)
TEXTS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    max_size=6,
).filter(lambda s: not s.startswith("="))
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def typed(cell: str) -> object:
    """The cell as a spreadsheet program would store it: dates, numbers and 是/否 typed."""
    if (m := _DAY.fullmatch(cell)) is not None:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return cell
    if _NUMBER.fullmatch(cell):
        number = float(cell)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return {"是": True, "否": False}.get(cell, cell)


class Serial(float):
    """A raw date serial (0, negative, past 9999-12-31 …) stored as a number in a date format."""

    __slots__ = ()

    def is_day(self) -> bool:
        """Whether the serial is a whole day from 1900-01-01 (serial 1) to 9999-12-31."""
        return self.is_integer() and 1 <= self <= 2958465


# Serials a spreadsheet can hold in a date cell that are no day between 1900 and 9999:
# 0 and below (a time of day to calamine, a day in 1899 to fastexcel), fractions, 60 (Excel's
# 1900-02-29) and serials past 9999-12-31 (2958465).
ODD_SERIALS = st.one_of(
    st.sampled_from([0.0, -1.0, 1e-9, 0.5, 60.0, 60.5, 2958465.0, 2958466.0, -36522.0]),
    st.integers(-800_000, 0).map(float),
    st.integers(2_958_466, 10**8).map(float),
)


def write_book(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    """Write ``rows`` (typed cells) to the first sheet of a workbook, a title row above them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "监测户"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append([float(c) if isinstance(c, Serial) else c for c in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, Serial):
                cell.number_format = "yyyy-mm-dd"
    book.create_sheet("说明").append(["填表说明"])
    book.save(path)
    return path


def both_paths(
    path: Path, header_row: int | None = None, sheet: str | int | None = None
) -> tuple[object, object, bool]:
    """The sheet as the columnar engine reads it, by the fast path if it may and cell by cell."""
    where = {"header_row": header_row, "sheet": sheet}
    fast = _arrow._xlsx_table(path, SCHEMA, HEADER_MAP, **where)
    used = _xlsx.arrow_texts(path, SCHEMA, HEADER_MAP, **where) is not None
    saved = _arrow.arrow_texts
    _arrow.arrow_texts = lambda *_, **__: None
    try:
        careful = _arrow._xlsx_table(path, SCHEMA, HEADER_MAP, **where)
    finally:
        _arrow.arrow_texts = saved
    return fast, careful, used


class TestFastRead:
    _cells = st.one_of(
        st.none(),
        st.just(""),
        st.sampled_from(["NA", "nan", "#N/A", " ", "　空格　", "x&<y>", "是", "0", "1e5"]),
        TEXTS,
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
        st.integers(-(10**16), 10**16),
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
        st.booleans(),
    )
    _kinds = st.sampled_from(["text", "number", "date", "flag", "mixed"])
    _of_kind: ClassVar[dict[str, st.SearchStrategy[object]]] = {
        "text": st.one_of(st.none(), TEXTS),
        "number": st.one_of(
            st.none(),
            st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
            st.integers(-(10**15), 10**15),
        ),
        "date": st.one_of(
            st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), ODD_SERIALS.map(Serial)
        ),
        "flag": st.one_of(st.none(), st.booleans()),
        "mixed": _cells,
    }

    @DUCK
    @given(st.data(), st.lists(_kinds, min_size=1, max_size=5), st.integers(0, 12), st.booleans())
    def test_texts_equal_the_cell_by_cell_read(self, tmp_path, data, kinds, height, title):
        """A typed sheet read into Arrow columns gives the texts calamine gives cell by cell."""
        names = ["户编号", "人均纯收入", "识别时间", "绿色通道", "备注"][: len(kinds)]
        body = [[data.draw(self._of_kind[kind]) for kind in kinds] for _ in range(height)]
        path = write_book(tmp_path / "t.xlsx", [names, *body], "台账" if title else None)
        header_row = data.draw(st.sampled_from([None, 2 if title else 1]))
        sheet = data.draw(st.sampled_from([None, 0, "监测户"]))
        fast, careful, used = both_paths(path, header_row, sheet)

        assert fast[1:] == careful[1:]
        assert fast[0].equals(careful[0]), (fast[0].to_pylist(), careful[0].to_pylist())
        odd = any(isinstance(c, Serial) and not c.is_day() for row in body for c in row)
        if "mixed" not in kinds and not odd and any(c is not None for row in body for c in row):
            assert used

    def test_fast_path_taken_for_a_typed_ledger(self, tmp_path):
        """A ledger as spreadsheet programs save it (texts, date serials, numbers) takes the fast path."""
        rows = [
            ["户编号", "户类型", "识别时间", "人均纯收入", "绿色通道"],
            ["H1", "脱贫户", dt.date(2024, 8, 1), 8523.5, False],
            ["H2", "监测对象", None, 12000, True],
        ]
        path = write_book(tmp_path / "h.xlsx", rows, "同心县台账")
        fast, careful, used = both_paths(path)

        assert used
        assert fast[0].equals(careful[0])
        assert ["2024-08-01", None] == fast[0].column("识别时间").to_pylist()
        assert ["8523.5", "12000"] == fast[0].column("人均纯收入").to_pylist()
        assert ["否", "是"] == fast[0].column("绿色通道").to_pylist()
        assert [3, 4] == fast[0].column("__row").to_pylist()

    @pytest.mark.parametrize(
        ("cell", "why"),
        [
            (dt.datetime(2024, 8, 1, 10, 30), "a time of day"),
            ("nan", "a text fastexcel would read as a number"),
            ("NA", "a text fastexcel would drop from a number column"),
            ("2024-08-02", "a text among dates"),
            (Serial(0), "serial 0: a time of day to calamine, 1899-12-31 to fastexcel"),
            (Serial(-1), "a serial below 0"),
            (Serial(2958466), "a serial past 9999-12-31"),
        ],
    )
    def test_steps_aside_when_unsure(self, tmp_path, cell, why):
        """When the fast path cannot give calamine's texts exactly, the cell-by-cell path reads."""
        column = (
            [dt.date(2024, 8, 1), cell]
            if why != "a text fastexcel would read as a number"
            else [1.5, cell]
        )
        rows = [["户编号", "识别时间"], ["H1", column[0]], ["H2", column[1]]]
        path = write_book(tmp_path / "h.xlsx", rows)
        fast, careful, used = both_paths(path)

        assert not used, why
        assert fast[0].equals(careful[0])


class TestEnginesAgreeOnWorkbooks:
    @DUCK
    @given(faulty_ledgers(max_size=10), as_of_dates, st.data())
    def test_typed_workbooks_with_bad_rows(self, tmp_path, generated, as_of, data):
        """A workbook with typed cells and bad rows gives the same report and findings in both engines."""
        _, rows, _ = generated
        typed_columns = data.draw(st.sets(st.integers(0, len(HEADERS) - 1)))
        cells = [[typed(c) if i in typed_columns else c for i, c in enumerate(row)] for row in rows]
        for r, row in enumerate(cells):  # a few date cells hold a serial that is no day
            for i, cell in enumerate(row):
                if isinstance(cell, dt.date) and data.draw(st.integers(0, 7)) == 0:
                    cells[r][i] = Serial(data.draw(ODD_SERIALS))
        title = data.draw(st.sampled_from([None, "同心县防止返贫监测对象台账"]))
        path = write_book(tmp_path / "g.xlsx", [HEADERS, *cells], title)
        read = read_households(path)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        columnar = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)

        assert located(read.report) == located(columnar.report)
        assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
        same(objects, columnar.findings)

    @DUCK
    @given(ODD_SERIALS)
    @example(0.0)
    def test_odd_date_serials_are_one_located_problem(self, tmp_path, serial):
        """A date cell holding serial 0 (or another serial that is no day) is the same problem in both engines."""
        rows = [
            ["户编号", "户类型", "识别时间", "风险消除时间"],
            ["H1", "脱贫户", dt.date(2024, 8, 1), Serial(serial)],
            ["H2", "脱贫户", dt.date(2024, 8, 2), dt.date(2025, 1, 3)],
        ]
        path = write_book(tmp_path / f"serial{serial}.xlsx", rows)
        read = read_households(path)
        columnar = check_columnar(path, as_of=dt.date(2025, 6, 1), connection=CON)

        assert located(read.report) == located(columnar.report)
        assert [(2, "风险消除时间")] == [(i.row, i.column) for i in columnar.report.issues]
        assert ["H2"] == [h.id for h in read.rows]
        if serial == 0:  # the cell's reading by calamine, whichever engine reads the file
            assert "found '00:00:00'" in columnar.report.issues[0].message


def _sheet_zip(refs: list[str], *, rows: bool = True) -> bytes:
    """A workbook whose one sheet holds a numeric cell at each of ``refs``."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["户编号", "户类型"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = "".join(f'<c r="{ref}"><v>1</v></c>' for ref in refs)
    body = f'<row r="1">{cells}</row>' if rows else cells
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, sheet if info.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def _exact_decision(path: Path) -> bool:
    """The density rule counted cell by cell (the reference the cheap scan must agree with)."""
    with zipfile.ZipFile(path) as archive:
        found = _xlsx._exact(archive, "xl/worksheets/sheet1.xml")
    if found is None:
        return False
    _, rows, columns = found
    return rows <= _xlsx.MAX_SHEET_ROW and columns <= _xlsx.MAX_SHEET_COLUMN and _xlsx._fits(*found)


_letters = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4)
_refs = st.one_of(
    st.builds(lambda a, n: f"{a}{n}", _letters, st.integers(1, 10**13)),
    st.builds(
        lambda a, n: f"{a}{n}",
        st.sampled_from(["A", "B", "T", "AA", "XFD", "XFE"]),
        st.integers(1, 2_000_000),
    ),
    st.sampled_from(["A0", "a1", "1", "A01", "", "R1C1", "A 1", "XFD1048576", "XFD1048577"]),
)


class TestScan:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(_refs, max_size=40), st.integers(0, 3000))
    def test_agrees_with_the_exact_count(self, tmp_path, refs, filler):
        """The cheap scan lets a sheet through exactly when the cell-by-cell count does."""
        many = [f"A{n}" for n in range(1, filler + 1)]
        path = tmp_path / "s.xlsx"
        path.write_bytes(_sheet_zip(many + refs))

        assert _exact_decision(path) == _xlsx.dense_enough(path)

    def test_row_number_not_first_is_not_a_reference(self, tmp_path):
        """A row element whose number is not its first attribute is no cell reference."""
        path = tmp_path / "s.xlsx"
        path.write_bytes(
            _sheet_zip(["A1", "B1"]).replace(b'<row r="1">', b'<row spans="1:2" r="1">')
        )

        assert _xlsx.dense_enough(path)


def _hostile(tmp_path: Path, name: str) -> Path:
    good = [
        ["户编号", "户类型", "识别时间"],
        ["H1", "脱贫户", dt.date(2024, 8, 1)],
        ["H2", "贫困户", None],
    ]
    path = write_book(tmp_path / f"{name}.xlsx", good)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    edits = {
        "corner": (
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>',
        ),
        "far row": (
            b"</sheetData>",
            b'<row r="9"><c r="A1000000000000"><v>2</v></c></row></sheetData>',
        ),
        "far column": (
            b"</sheetData>",
            b'<row r="9"><c r="ZZZZZZZ9"><v>2</v></c></row></sheetData>',
        ),
    }
    old, new = edits[name]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(old, new)
    with zipfile.ZipFile(path, "w") as target:
        for filename, data in parts.items():
            target.writestr(filename, data)
    return path


class TestHostileOnTheColumnarEngine:
    @pytest.mark.parametrize("name", ["corner", "far row", "far column"])
    def test_huge_coordinates_are_streamed(self, tmp_path, name):
        """A cell at the sheet's far corner or beyond it is read as the object reader reads it."""
        path = _hostile(tmp_path, name)

        assert not _xlsx.dense_enough(path)
        read = read_households(path)
        columnar = check_columnar(path, as_of=dt.date(2025, 8, 1), connection=CON)
        assert located(read.report) == located(columnar.report)
        assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
        assert 1 <= columnar.report.good

    def test_shared_strings_claiming_too_many(self, tmp_path):
        """Shared strings claiming 10¹² items (calamine would reserve room for them) are streamed."""
        with zipfile.ZipFile(DATA / "households.xlsx") as source:
            parts = {info.filename: source.read(info.filename) for info in source.infolist()}
        sst = parts["xl/sharedStrings.xml"]
        parts["xl/sharedStrings.xml"] = re.sub(
            rb'uniqueCount="\d+"', b'uniqueCount="999999999999"', sst
        )
        path = tmp_path / "sst.xlsx"
        with zipfile.ZipFile(path, "w") as target:
            for filename, data in parts.items():
                target.writestr(filename, data)

        assert not _xlsx.dense_enough(path)
        assert _xlsx.dense_enough(DATA / "households.xlsx")
        read = read_households(path)
        columnar = check_columnar(path, as_of=dt.date(2025, 8, 1), connection=CON)
        assert located(read.report) == located(columnar.report)
        assert located(read.report) == located(read_households(DATA / "households.xlsx").report)

    def test_broken_zip_is_a_located_error(self, tmp_path):
        """A file that is not a workbook is a XiaojieError naming the file on the columnar engine."""
        path = tmp_path / "broken.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a workbook")

        with pytest.raises(XiaojieError, match=r"broken\.xlsx"):
            check_columnar(path, as_of=dt.date(2025, 8, 1), connection=CON)
