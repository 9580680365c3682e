"""XLSX ledgers as county staff send them: merged ranges, formulas never computed, ragged rows.

A merged range below the header reads as the sheet shows it, its first cell's value in each of
its cells; a title merged above the header reads as before, and a two-row header (each single
column's name merged over both rows, a group's name across its columns above theirs) is its
lower row, filled. A formula the ledger reads that has no computed value (a workbook saved by
a program) sets its row aside, naming the cell (``tests/test_ledgers_xlsx_formula_rows.py``).
Both engines, and every path of the columnar engine's read, agree.
"""

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_columnar import CON, DUCK, HOUSEHOLD_RULES, located, same
from test_ledgers_xlsx import typed
from xiaojie.errors import LedgerError
from xiaojie.ledgers import _arrow, _xlsx, check, check_columnar, read_households
from xiaojie.ledgers._schema import HeaderMap, schema_for


pytest.importorskip("fastexcel")
openpyxl = pytest.importorskip("openpyxl")

AS_OF = dt.date(2025, 6, 1)
SCHEMA = schema_for("households")
HEADER_MAP = HeaderMap.default("households")
WHOLE = {"header_row": None, "sheet": None, "encoding": None}
COLUMNS = ["户编号", "乡(镇)", "行政村", "户类型", "风险线索发现时间", "识别时间"]
ERROR_CELL = "#N/A"
"""An error value in a column no field reads: the sheet is then streamed, not read by calamine."""


def book(
    path: Path,
    rows: list[list[object]],
    merged: tuple[str, ...] = (),
    *,
    streamed: bool = False,
) -> Path:
    """Write ``rows`` to a workbook's first sheet and merge the ranges ``merged`` (A1 style)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "监测户"
    for row in rows:
        sheet.append(row)
    for ref in merged:
        sheet.merge_cells(ref)
    if streamed:
        sheet.cell(row=1, column=len(HEADERS) + 3, value=ERROR_CELL)
    workbook.create_sheet("说明").append(["填表说明"])
    workbook.save(path)
    return path


def village_book(path: Path, *, streamed: bool = False) -> Path:
    """Five households of one village: township, village and identification date merged."""
    rows: list[list[object]] = [COLUMNS]
    for n in range(1, 6):
        first = n == 1
        rows.append(
            [
                f"H{n}",
                "同心镇" if first else None,
                "张家村" if first else None,
                "脱贫户",
                dt.date(2025, 1, 1),
                dt.date(2025, 1, 5) if first else None,
            ]
        )
    return book(path, rows, ("B2:B6", "C2:C6", "F2:F6"), streamed=streamed)


def both_engines(path: Path, sheet: str | int | None = None) -> tuple[Any, Any]:
    """The object engine's read and findings, and the columnar engine's check, of ``path``."""
    read = read_households(path, sheet=sheet)
    objects = check(read.rows, as_of=AS_OF, rules=HOUSEHOLD_RULES)
    columnar = check_columnar(path, as_of=AS_OF, rules=HOUSEHOLD_RULES, sheet=sheet, connection=CON)

    assert located(read.report) == located(columnar.report)
    assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
    assert read.report.header_row == columnar.report.header_row
    same(objects, columnar.findings)
    return read, columnar


def without_fastexcel(monkeypatch: Any) -> None:
    """Read as if fastexcel were not installed (the columnar engine's careful path)."""
    monkeypatch.setattr(_xlsx, "open_workbook", lambda _: None)
    monkeypatch.setattr(_arrow, "open_workbook", lambda _: None)


def rewrite_sheet(path: Path, edit: dict[bytes, bytes]) -> Path:
    """Replace bytes in the first sheet's XML (a workbook as another program writes it)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    for old, new in edit.items():
        assert old in sheet, old
        sheet = sheet.replace(old, new)
    parts["xl/worksheets/sheet1.xml"] = sheet
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


class TestStreamedWithOwnHeaders:
    @pytest.mark.parametrize("streamed", [False, True])
    def test_a_streamed_sheet_uses_the_ledgers_header(self, tmp_path, streamed):
        """A sheet whose columns have the county's own names, streamed or not: one header."""
        own = {
            "编号": "household_id",
            "所在镇": "township",
            "村名": "village",
            "类别": "kind",
            "线索时间": "clue_on",
            "认定时间": "identified_on",
        }
        rows: list[list[object]] = [
            ["说明:本表为某县自制", None, None, None, None, None],
            list(own),  # no column by its default name
        ]
        rows += [
            [f"H{n}", "同心镇", "张家村" if n == 1 else None, "脱贫户", dt.date(2025, 1, 1),
             dt.date(2025, 1, 20)]
            for n in range(1, 4)
        ]  # fmt: skip
        path = book(tmp_path / "own.xlsx", rows, ("C3:C5",), streamed=streamed)
        read = read_households(path, headers=own)
        objects = check(read.rows, as_of=AS_OF, rules=HOUSEHOLD_RULES)
        columnar = check_columnar(
            path, as_of=AS_OF, rules=HOUSEHOLD_RULES, headers=own, connection=CON
        )

        assert read.report.header_row == columnar.report.header_row == 2
        assert located(read.report) == located(columnar.report) == []
        assert ["张家村"] * 3 == [h.place.village for h in read.rows]
        same(objects, columnar.findings)
        assert 3 == objects.by_rule()["identification_time_limit"]


class TestMergedRanges:
    @pytest.mark.parametrize("streamed", [False, True])
    def test_a_village_merged_over_its_households(self, tmp_path, streamed):
        """Each household under a merged township, village and date has them, in both engines."""
        path = village_book(tmp_path / "v.xlsx", streamed=streamed)
        read, columnar = both_engines(path)

        assert _xlsx.dense_enough(path) is not streamed
        assert [("同心镇", "张家村")] * 5 == [
            (h.place.township, h.place.village) for h in read.rows
        ]
        assert [dt.date(2025, 1, 5)] * 5 == [h.identified_on for h in read.rows]
        assert 0 == columnar.findings.by_rule()["identification_time_limit"]

    @pytest.mark.parametrize("sheet", [0, "监测户"])
    def test_the_sheet_chosen_by_name_or_place(self, tmp_path, sheet):
        """The ranges filled are those of the sheet read, chosen by name or by place."""
        path = village_book(tmp_path / "v.xlsx")
        read, _ = both_engines(path, sheet)

        assert ["张家村"] * 5 == [h.place.village for h in read.rows]

    def test_a_workbook_whose_sheets_this_reader_cannot_place(self, tmp_path):
        """With a comment in workbook.xml, the ranges calamine finds are filled, in both engines."""
        path = village_book(tmp_path / "v.xlsx")
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info.filename) for info in source.infolist()}
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
            b"<sheets>", b"<!-- saved by a county's tool --><sheets>"
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                target.writestr(name, data)
        read, _ = both_engines(path)

        assert not _xlsx.sheet_shape(path, None).known
        assert ["张家村"] * 5 == [h.place.village for h in read.rows]

    def test_every_path_of_the_columnar_read_fills_the_range(self, tmp_path, monkeypatch):
        """Fastexcel present or not, the columnar read gives the texts of the filled range."""
        path = village_book(tmp_path / "v.xlsx")
        table, _, _ = _arrow.text_table(path, SCHEMA, HEADER_MAP, **WHOLE)
        without_fastexcel(monkeypatch)
        careful, _, _ = _arrow.text_table(path, SCHEMA, HEADER_MAP, **WHOLE)

        assert ["张家村"] * 5 == table.column("行政村").to_pylist()
        assert ["2025-01-05"] * 5 == table.column("识别时间").to_pylist()
        assert table.equals(careful)
        both_engines(path)

    def test_a_range_across_columns_is_its_first_columns_value(self, tmp_path):
        """A date merged across two date columns is the first column's only: no elimination
        (nor, merged over 线索 and 识别, an identification) is made up from it."""
        rows = [
            [*COLUMNS, "风险消除时间"],
            ["H1", "同心镇", "张家村", "脱贫户", dt.date(2025, 1, 1), dt.date(2025, 1, 5), None],
            ["H2", "同心镇", "张家村", "脱贫户", dt.date(2025, 7, 1), None, None],
            ["H3", "同心镇", "张家村", "脱贫户", dt.date(2025, 1, 1), dt.date(2025, 1, 5), None],
            ["H4", "同心镇", "张家村", "脱贫户", dt.date(2025, 1, 1), dt.date(2025, 1, 5), None],
        ]
        path = book(tmp_path / "h.xlsx", rows, ("F2:G2", "E3:F3", "F4:G5"))
        read, _ = both_engines(path)

        assert [(dt.date(2025, 1, 5), None), (None, None)] == [
            (h.identified_on, h.eliminated_on) for h in read.rows[:2]
        ]
        assert dt.date(2025, 7, 1) == read.rows[1].clue_on
        # a range over two rows and two columns fills down its first column only
        assert [(dt.date(2025, 1, 5), None)] * 2 == [
            (h.identified_on, h.eliminated_on) for h in read.rows[2:]
        ]

    def test_a_merged_key_is_a_repeated_key(self, tmp_path):
        """A household number merged over two rows is the second row's repeated key."""
        rows = [COLUMNS, ["H1", "同心镇", "张家村", "脱贫户"], [None, "同心镇", "李家村", "脱贫户"]]
        path = book(tmp_path / "k.xlsx", rows, ("A2:A3",))
        read, _ = both_engines(path)

        assert [(3, "户编号", "duplicate")] == [
            (i.row, i.column, i.kind.value) for i in read.report.issues
        ]

    def test_a_row_left_empty_under_a_range_stays_empty(self, tmp_path):
        """A row with no value of its own inside a merged village is a blank row, not a household."""
        rows = [COLUMNS, ["H1", "同心镇", "张家村", "脱贫户"], [], ["H3", None, None, "脱贫户"]]
        path = book(tmp_path / "e.xlsx", rows, ("B2:B4", "C2:C4"))
        read, _ = both_engines(path)

        assert (2, 2) == (read.report.rows, read.report.good)
        assert ["张家村", "张家村"] == [h.place.village for h in read.rows]

    def test_a_merged_title_keeps_the_fast_read(self, tmp_path, monkeypatch):
        """A merged title above a one-row header is left as it is, and keeps the fast read."""
        rows = [
            ["同心县监测对象台账"],
            ["户编号", "户主姓名", "证件号码", "行政村", "户类型", "识别时间", "风险线索发现时间"],
            ["H1", "张三", None, "张家村", "脱贫户", dt.date(2025, 1, 5), dt.date(2025, 1, 1)],
            ["H2", "李四", None, "李家村", "脱贫户", dt.date(2025, 1, 5), dt.date(2025, 1, 1)],
        ]
        path = book(tmp_path / "t.xlsx", rows, ("A1:G1",))
        plain = book(tmp_path / "p.xlsx", rows)

        def no_rows(*_: object, **__: object) -> None:
            raise AssertionError("read row by row")

        monkeypatch.setattr(_xlsx, "rows_texts", no_rows, raising=False)
        read, _ = both_engines(path)
        fast = _xlsx.arrow_texts(path, SCHEMA, HEADER_MAP, header_row=None, sheet=None)

        assert located(read_households(plain).report) == located(read.report)
        assert (2, 2, 2) == (read.report.header_row, read.report.rows, read.report.good)
        assert ["张家村", "李家村"] == [h.place.village for h in read.rows]
        assert fast is not None

    def test_a_two_row_header_is_its_lower_row(self, tmp_path):
        """户主信息 over 户主姓名 and 证件号码: the lower row, filled, is the header.

        The upper row was: 户主信息 was ignored and the names under it were never read.
        """
        rows = [
            ["同心县监测对象台账"],
            ["户编号", "户主信息", None, "行政村", "户类型", "识别时间", "风险线索发现时间"],
            [None, "户主姓名", "联系电话", None, None, None, None],
            [
                "H1",
                "张三",
                "13812345678",
                "张家村",
                "脱贫户",
                dt.date(2025, 1, 5),
                dt.date(2025, 1, 1),
            ],
            ["H2", "李四", None, "李家村", "脱贫户", dt.date(2025, 1, 5), dt.date(2025, 1, 1)],
        ]
        merged = ("A1:G1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3")
        path = book(tmp_path / "t.xlsx", rows, merged)

        read, _ = both_engines(path)

        assert (3, 2, 2, ()) == (
            read.report.header_row,
            read.report.rows,
            read.report.good,
            read.report.ignored_columns,
        )
        assert ["张家村", "李家村"] == [h.place.village for h in read.rows]
        assert [h.head.name if h.head else None for h in read.rows] == ["张三", "李四"]

    def test_ranges_too_large_for_the_sheet_are_refused(self, tmp_path):
        """A range down each of 8,000 columns of 200 rows of a sparse sheet is a located error."""
        rows: list[list[object]] = [
            COLUMNS,
            ["H0", "同心镇", "张家村", "脱贫户", *(["x"] * 7997)],  # a value atop each range
            *([f"H{n}", "同心镇", "张家村", "脱贫户"] for n in range(1, 200)),
        ]
        path = rewrite_sheet(
            book(tmp_path / "big.xlsx", rows),
            {
                b'</c></row><row r="2">': (
                    b'</c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row><row r="2">'
                ),
                b"</sheetData>": (
                    b'</sheetData><mergeCells count="8000">'
                    + b"".join(
                        f'<mergeCell ref="{column}2:{column}201"/>'.encode()
                        for column in map(openpyxl.utils.get_column_letter, range(2, 8002))
                    )
                    + b"</mergeCells>"
                ),
            },
        )
        message = r"big\.xlsx: row \d+: expected merged ranges within the cells the sheet holds"

        assert not _xlsx.dense_enough(path)
        with pytest.raises(LedgerError, match=message):
            read_households(path)
        with pytest.raises(LedgerError, match=message):
            check_columnar(path, as_of=AS_OF, connection=CON)


def filled_rows(
    rows: list[list[object]], merged: list[tuple[int, int, int, int]]
) -> list[list[object]]:
    """The rows as a reader sees the merged sheet (0-based ranges): cleared, then filled."""
    grid = [[None if c == "" else c for c in row] for row in rows]
    for top, left, bottom, right in merged:
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    grid[r][c] = None
    own = [any(c is not None for c in row) for row in grid]
    for top, left, bottom, _right in merged:
        value = grid[top][left]
        if value is None or top == bottom:
            continue
        for r in range(top, bottom + 1):
            if own[r]:
                grid[r][left] = value  # down the first column only
    return grid


def _ref(top: int, left: int, bottom: int, right: int) -> str:
    letters = openpyxl.utils.get_column_letter
    return f"{letters(left + 1)}{top + 1}:{letters(right + 1)}{bottom + 1}"


class TestMergedRangesProperty:
    @DUCK
    @given(faulty_ledgers(max_size=8), as_of_dates, st.data())
    def test_a_merged_sheet_reads_as_the_sheet_filled(
        self, tmp_path, monkeypatch, generated, as_of, data
    ):
        """Merged data ranges read as the same sheet with each cell holding its range's value."""
        _, texts, _ = generated
        assume(texts)
        typed_columns = data.draw(st.sets(st.integers(0, len(HEADERS) - 1)))
        body = [[typed(c) if i in typed_columns else c for i, c in enumerate(r)] for r in texts]
        title = data.draw(st.booleans())
        top = 2 if title else 1  # the header's 0-based row; data start below it
        rows: list[list[object]] = [["同心县台账"]] * title + [list(HEADERS), *body]
        taken: set[tuple[int, int]] = set()
        merged: list[tuple[int, int, int, int]] = []
        for _ in range(data.draw(st.integers(1, 6))):
            first = data.draw(st.integers(top, len(rows) - 1))
            last = data.draw(st.integers(first, min(first + 4, len(rows) - 1)))
            left = data.draw(st.integers(0, len(HEADERS) - 1))
            right = data.draw(st.integers(left, min(left + 2, len(HEADERS) - 1)))
            cells = {(r, c) for r in range(first, last + 1) for c in range(left, right + 1)}
            if len(cells) > 1 and not cells & taken:
                taken |= cells
                merged.append((first, left, last, right))
        assume(merged)
        streamed = data.draw(st.booleans())
        refs = tuple(_ref(*m) for m in merged) + (("A1:C1",) if title else ())
        path = book(tmp_path / "m.xlsx", rows, refs, streamed=streamed)
        plain = book(tmp_path / "f.xlsx", filled_rows(rows, merged), streamed=streamed)
        read = read_households(path)
        expected = read_households(plain)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        with monkeypatch.context() as patched:
            if data.draw(st.booleans()):
                without_fastexcel(patched)
            columnar = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)

        assert located(expected.report) == located(read.report)
        assert expected.rows == read.rows
        assert located(read.report) == located(columnar.report)
        assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
        same(objects, columnar.findings)


def formula_book(path: Path, formula: object = "=E2+4", *, streamed: bool = False) -> Path:
    """Two households; the first's identification date is a formula openpyxl writes uncomputed."""
    rows: list[list[object]] = [
        [*COLUMNS, "序号"],
        ["H1", "同心镇", "张家村", "脱贫户", dt.date(2025, 1, 1), formula, "=ROW()-1"],
        ["H2", "同心镇", "张家村", "脱贫户", dt.date(2025, 1, 1), dt.date(2025, 1, 5), "=ROW()-1"],
    ]
    return book(path, rows, streamed=streamed)


class TestUncomputedFormulas:
    def test_a_computed_formula_reads_its_value(self, tmp_path):
        """A formula saved with its computed value (as Excel saves it) reads that value."""
        path = rewrite_sheet(
            formula_book(tmp_path / "c.xlsx"),
            {b'<c r="F2"><f>E2+4</f><v></v>': b'<c r="F2" s="1"><f>E2+4</f><v>45662</v>'},
        )
        read, _ = both_engines(path)

        assert [dt.date(2025, 1, 5)] * 2 == [h.identified_on for h in read.rows]

    def test_formulas_in_columns_no_field_reads_are_left(self, tmp_path):
        """An uncomputed 序号 (=ROW()-1) in a column no field reads does not stop the read."""
        path = formula_book(tmp_path / "n.xlsx", formula=dt.date(2025, 1, 5))
        read, _ = both_engines(path)

        assert (2, 2) == (read.report.rows, read.report.good)

    def test_an_empty_text_computed_is_a_value(self, tmp_path):
        """A formula whose computed value is an empty text (``t="str"``, ``<v></v>``) reads empty."""
        path = rewrite_sheet(
            formula_book(tmp_path / "t.xlsx", formula='=IF(E2="","",E2)'),
            {b'<c r="F2">': b'<c r="F2" t="str">'},
        )
        read, _ = both_engines(path)

        assert [None, dt.date(2025, 1, 5)] == [h.identified_on for h in read.rows]


class TestCellsBeyondTheHeader:
    def test_read_as_the_csv_reader_reads_them(self, tmp_path):
        """Cells right of the header's last column are not read, in XLSX as in CSV, by both engines."""
        rows = [["户编号", "户类型", "行政村"], ["H1", "脱贫户", "张家村", "多余", "2025-01-01"]]
        xlsx = book(tmp_path / "x.xlsx", rows)
        text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
        csv = tmp_path / "x.csv"
        csv.write_text(text, encoding="utf-8")
        read, _ = both_engines(xlsx)
        as_csv, _ = both_engines(csv)

        assert [(i.row, i.column, i.message) for i in as_csv.report.issues] == [
            (i.row, i.column, i.message) for i in read.report.issues
        ]
        assert (read.report.rows, read.report.good) == (as_csv.report.rows, as_csv.report.good)
        assert read.rows == as_csv.rows


@pytest.mark.parametrize("empty", [1, 3, 6])
def test_a_ledger_below_empty_rows_keeps_its_rows_and_merged_cells(tmp_path: Path, empty: int):
    """Rows 1..N empty (a title deleted): row numbers, the header row and merged cells hold.

    With python-calamine 0.9 the objects engine counted the empty rows twice: the header was on
    row 4 + 3, a bad date's row 3 too low, and a village merged over the last two households
    went to other rows (the last household got no village); a header below row 5 was not found.
    """
    header_at = empty + 1
    rows = [
        ["H1", "丁塘镇", "丰马村", "一般农户", "2025-02-30", None],
        ["H2", "王团镇", "风富村", "一般农户", "2025-05-01", "2025-05-02"],
        ["H3", "预旺镇", "金长村", "一般农户", "2025-05-01", "2025-05-30"],
        ["H4", "预旺镇", None, "一般农户", "2025-05-01", "2025-05-30"],
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for column, name in enumerate(COLUMNS, 1):
        sheet.cell(row=header_at, column=column, value=name)
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            sheet.cell(row=header_at + offset, column=column, value=typed(value or "") or None)
    sheet.merge_cells(f"C{header_at + 3}:C{header_at + 4}")
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)

    read, _ = both_engines(path)
    assert read.report.header_row == header_at
    assert [(i.row, i.field) for i in read.report.issues] == [(header_at + 1, "clue_on")]
    assert [(h.id, h.place.village) for h in read.rows] == [
        ("H2", "风富村"),
        ("H3", "金长村"),
        ("H4", "金长村"),
    ]


@pytest.mark.parametrize("header_row", [None, 3])
def test_a_two_row_header_reads_its_lower_row_filled(tmp_path: Path, header_row: int | None):
    """Single columns merged over two header rows, a group's name across its columns above.

    The header was the upper row: the columns under the group (帮扶措施1, its 开始时间) were
    ignored and their findings lost; ``header_row=3`` refused the file (no 户编号 on row 3).
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "同心县监测对象台账"
    sheet.merge_cells("A1:F1")
    single = ["户编号", "乡(镇)", "行政村", "户类型"]
    for column, name in enumerate(single, 1):
        sheet.cell(row=2, column=column, value=name)
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    sheet["E2"] = "帮扶措施"
    sheet.merge_cells("E2:F2")
    sheet["E3"], sheet["F3"] = "帮扶措施1", "帮扶措施1开始时间"
    sheet.append(["H1", "预旺镇", "峡隆村", "一般农户", "产业帮扶", dt.date(2025, 3, 10)])
    sheet.append(["H2", "王团镇", "风富村", "一般农户", "就业帮扶", dt.date(2025, 4, 1)])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)

    read = read_households(path, header_row=header_row)
    assert read.report.header_row == 3
    assert [(h.id, [m.kind.value for m in h.measures]) for h in read.rows] == [
        ("H1", ["产业帮扶"]),
        ("H2", ["就业帮扶"]),
    ]
    assert "帮扶措施1" not in read.report.ignored_columns
    columnar = check_columnar(path, as_of=AS_OF, header_row=header_row, connection=CON)
    assert columnar.report.header_row == 3
    assert located(columnar.report) == located(read.report)
    assert (columnar.report.rows, columnar.report.good) == (2, 2)


@pytest.mark.parametrize(
    ("rows", "merged", "header_row"),
    [
        # two groups over a 姓名 each: the lower row would name 户主姓名 twice
        (
            [
                ["户编号", "户主信息", None, "帮扶责任人", None, "户类型"],
                [None, "姓名", "证件号码", "姓名", "单位", None],
                ["H1", "张三", None, "李四", "县农业农村局", "脱贫户"],
            ],
            ("A1:A2", "B1:C1", "D1:E1", "F1:F2"),
            1,
        ),
    ],
)
def test_a_two_row_header_whose_lower_row_would_lose_a_column_reads_as_written(
    tmp_path: Path, rows, merged, header_row
):
    # guards: read as before (the upper row), not refused, no column lost
    path = book(tmp_path / "t.xlsx", rows, merged)
    read, _ = both_engines(path)
    assert read.report.header_row == header_row
    assert (read.report.good, [h.id for h in read.rows]) == (1, ["H1"])
