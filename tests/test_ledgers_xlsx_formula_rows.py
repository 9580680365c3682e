"""XLSX ledgers holding formulas saved with no computed value: the row named and set aside.

A workbook written by a program that does not compute formulas (openpyxl, a web form's export)
keeps each formula without its value. Such a cell in a column the ledger reads is an issue
naming its row, its column, the sheet and the cell (never the formula), and its row is set
aside; the other rows are read and checked, alike by the object reader, by every path of the
columnar engine's read (fastexcel, cell by cell, streamed) and on Spark. A formula in the header
refuses the file: its column cannot be named.

A workbook whose first sheet is a chart (no cells) is read from its first worksheet.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_strategies import FIELDS, HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_columnar import CON, DUCK, HOUSEHOLD_RULES, located, same
from test_ledgers_xlsx_sheet_shapes import (
    COLUMNS,
    book,
    formula_book,
    rewrite_sheet,
    without_fastexcel,
)
from xiaojie.cli import main
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    IssueKind,
    RevitalisationRate,
    check,
    check_columnar,
    read_assets,
    read_households,
    rules_for,
    sniff_ledger,
)


if TYPE_CHECKING:
    from pathlib import Path


pytest.importorskip("fastexcel")
pytest.importorskip("openpyxl")

# Py4J leaves its sockets to the garbage collector; that is PySpark's business, not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
AS_OF = dt.date(2025, 6, 1)
SHEET = "监测户"
PATHS = ["fastexcel", "cell-by-cell", "streamed"]


def message(label: str, cell: str) -> str:
    """The issue of a formula never computed in ``cell`` of the column ``label``."""
    return (
        f"{label}: expected a value, found a formula with no computed value (cell {cell} of "
        f"sheet '{SHEET}'; open and save the workbook in Excel or LibreOffice to compute it)"
    )


def households(path: Path, rows: list[list[object]], *, read: str = "fastexcel") -> Path:
    """Write the households ``rows`` (header first) as the read path ``read`` will see them."""
    return book(path, rows, streamed=read == "streamed")


def engines(path: Path, monkeypatch: Any, read: str, rules: Any = HOUSEHOLD_RULES) -> Any:
    """The object reader's read, after checking that DuckDB gives its report and findings."""
    read_ = read_households(path)
    objects = check(read_.rows, as_of=AS_OF, rules=rules)
    with monkeypatch.context() as patched:
        if read == "cell-by-cell":
            without_fastexcel(patched)
        columnar = check_columnar(path, as_of=AS_OF, rules=rules, connection=CON)

    assert located(read_.report) == located(columnar.report)
    assert (read_.report.rows, read_.report.good) == (columnar.report.rows, columnar.report.good)
    same(objects, columnar.findings)
    return read_


def three_rows(formula: object = "=E2+4", column: int = 5) -> list[list[object]]:
    """Three households of one village; the first's cell in ``column`` holds ``formula``."""
    rows: list[list[object]] = [[*COLUMNS, "序号"]]
    rows.extend(
        [f"H{n}", "同心镇", "张家村", "一般农户", dt.date(2025, 1, 1), dt.date(2025, 1, 30),
         f"=ROW()-{n}"]
        for n in range(1, 4)
    )  # fmt: skip
    rows[1][column] = formula
    return rows


class TestRowsSetAside:
    @pytest.mark.parametrize("read", PATHS)
    def test_a_date_written_as_a_formula(self, tmp_path: Path, monkeypatch: Any, read: str) -> None:
        """The row is named with its sheet and cell and set aside; the others are checked."""
        path = households(tmp_path / "f.xlsx", three_rows(), read=read)

        read_ = engines(path, monkeypatch, read)

        assert [
            (2, "识别时间", "identified_on", IssueKind.BAD_TYPE, message("识别时间", "F2"))
        ] == (located(read_.report))
        assert ["H2", "H3"] == [h.id for h in read_.rows]
        assert "E2+4" not in str(read_.report)
        assert "ROW" not in str(read_.report)

    @pytest.mark.parametrize("read", PATHS)
    def test_a_key_written_as_a_formula(self, tmp_path: Path, monkeypatch: Any, read: str) -> None:
        """A 户编号 that is a formula: that row is named; the row's other problems follow."""
        rows = three_rows('="H"&ROW()', column=0)
        rows[1][5] = "2025-02-30"
        path = households(tmp_path / "k.xlsx", rows, read=read)

        read_ = engines(path, monkeypatch, read)

        assert [(2, "household_id"), (2, "identified_on")] == [
            (i.row, i.field) for i in read_.report.issues
        ]
        assert read_.report.issues[0].message == message("户编号", "A2")
        assert (3, 2) == (read_.report.rows, read_.report.good)

    @pytest.mark.parametrize("read", PATHS)
    def test_a_row_of_formulas_alone_is_blank(
        self, tmp_path: Path, monkeypatch: Any, read: str
    ) -> None:
        """A template's formula filled down below the last household is an empty row."""
        rows = three_rows(dt.date(2025, 1, 30))
        rows.insert(3, [None, None, None, None, None, "=E3+4"])
        rows.append([None, None, None, None, None, "=E6+4"])
        path = households(tmp_path / "t.xlsx", rows, read=read)

        read_ = engines(path, monkeypatch, read)

        assert (3, 3, ()) == (read_.report.rows, read_.report.good, read_.report.issues)

    def test_a_shared_formula_in_a_merged_column(self, tmp_path: Path, monkeypatch: Any) -> None:
        """Formulas and a merged village in one sheet: each such row is named, ranges filled."""
        rows = three_rows()
        rows[3][5] = "=E4+4"
        for row in rows[2:]:
            row[2] = None
        path = book(tmp_path / "m.xlsx", rows, ("C2:C4",))

        read_ = engines(path, monkeypatch, "fastexcel")

        assert [(2, "F2"), (4, "F4")] == [
            (i.row, i.message.split("(cell ")[1].split(" ")[0]) for i in read_.report.issues
        ]
        assert ["张家村"] == [h.place.village for h in read_.rows]

    @pytest.mark.parametrize("read", ["fastexcel", "cell-by-cell"])
    def test_a_shared_formula_never_computed(
        self, tmp_path: Path, monkeypatch: Any, read: str
    ) -> None:
        """A shared formula's other cell (``<f t="shared" si="0"/>``) with no value is named."""
        path = rewrite_sheet(
            formula_book(tmp_path / "s.xlsx", formula="=E2+4"),
            {
                b'<c r="F2"><f>E2+4</f><v></v>': (
                    b'<c r="F2" s="1"><f t="shared" ref="F2:F3" si="0">E2+4</f><v>45662</v>'
                ),
                b'<c r="F3" s="1" t="n"><v>45662</v></c>': b'<c r="F3" s="1"><f t="shared" si="0"/></c>',
            },
        )

        read_ = engines(path, monkeypatch, read)

        assert [(3, "识别时间", message("识别时间", "F3"))] == [
            (i.row, i.column, i.message) for i in read_.report.issues
        ]
        assert [dt.date(2025, 1, 5)] == [h.identified_on for h in read_.rows]

    def test_an_asset_ledger_with_a_group_rule(self, tmp_path: Path) -> None:
        """The asset engine's other path (a rate by village) sets the row aside alike."""
        rows: list[list[object]] = [
            ["资产编号", "项目名称", "行政村", "资产类别", "资产原值", "形成年度", "资产状态"],
            ["A1", "村组道路", "水兴村", "经营性", 1000, 2020, "闲置"],
            ["A2", "光伏电站", "水兴村", "经营性", "=E2*2", 2021, "在用"],
            ["A3", "冷库", "沙结村", "经营性", 3000, 2022, "闲置"],
        ]
        path = book(tmp_path / "a.xlsx", rows)
        rules = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]

        read = read_assets(path)
        objects = check(read.rows, as_of=AS_OF, rules=rules)
        columnar = check_columnar(path, as_of=AS_OF, ledger="assets", rules=rules, connection=CON)

        assert [(3, "value", message("资产原值", "E3"))] == [
            (i.row, i.field, i.message) for i in read.report.issues
        ]
        assert located(read.report) == located(columnar.report)
        assert objects.items == columnar.findings.to_findings().items

    def test_only_the_needed_columns(self, tmp_path: Path) -> None:
        """With validate="needed", a formula in a column no rule reads is no issue."""
        rows = three_rows()
        rows[0].append("户主姓名")
        rows[1].append("=B2")
        rows[2][5] = "=E3+4"
        path = book(tmp_path / "n.xlsx", rows)

        result = check_columnar(
            path, as_of=AS_OF, rules=HOUSEHOLD_RULES, validate="needed", connection=CON
        )

        assert [(2, "identified_on"), (3, "identified_on")] == [
            (i.row, i.field) for i in result.report.issues
        ]
        assert {(2, "head_name"), (2, "identified_on"), (3, "identified_on")} == {
            (i.row, i.field) for i in read_households(path).report.issues
        }

    def test_the_kind_is_sniffed_and_checked_by_the_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check-ledger sniffs the workbook's kind and reports the row on either engine."""
        path = book(tmp_path / "c.xlsx", three_rows())

        assert "households" == sniff_ledger(path).value
        for engine in ("objects", "duckdb"):
            code = main(["check-ledger", str(path), "--as-of", "2025-06-01", "--engine", engine])
            out = capsys.readouterr().out

            assert 0 == code
            assert "未计算结果的公式(工作表'监测户'的F2单元格" in out  # the report is in Chinese


class TestHeader:
    @pytest.mark.parametrize("read", PATHS)
    def test_a_formula_in_the_header_refuses_the_file(
        self, tmp_path: Path, monkeypatch: Any, read: str
    ) -> None:
        """A header cell holding a formula never computed cannot name its column: the file is refused."""
        rows = three_rows(dt.date(2025, 1, 30))
        rows[0][5] = '="识别"&"时间"'
        path = households(tmp_path / "h.xlsx", rows, read=read)
        expected = r"h\.xlsx: header row 1, cell F1: expected a column name, found a formula"

        with pytest.raises(LedgerError, match=expected):
            read_households(path)
        with monkeypatch.context() as patched:
            if read == "cell-by-cell":
                without_fastexcel(patched)
            with pytest.raises(LedgerError, match=expected):
                check_columnar(path, as_of=AS_OF, connection=CON)

    def test_a_key_header_written_as_a_formula_is_said(self, tmp_path: Path) -> None:
        """No header found, and the first rows hold a formula: the error says which cell."""
        rows = three_rows(dt.date(2025, 1, 30))
        rows[0][0] = '="户"&"编号"'
        path = book(tmp_path / "k.xlsx", rows)
        expected = (
            r"expected a header row naming 户编号.*; cell A1 holds a formula with no computed"
        )

        with pytest.raises(LedgerError, match=expected):
            read_households(path)
        with pytest.raises(LedgerError, match=expected):
            check_columnar(path, as_of=AS_OF, connection=CON)


class TestSpark:
    @pytest.mark.parametrize("validate", [True, "needed"])
    def test_spark_sets_the_rows_aside_alike(
        self, spark: Any, tmp_path: Path, validate: bool | str
    ) -> None:
        """Spark validates the workbook with DuckDB's report and findings."""
        rows = three_rows()
        rows[3][0] = "H1"  # a key used before: a duplicate of the row set aside
        rows[2][4] = "=D3"
        path = book(tmp_path / "s.xlsx", rows)
        duck = check_columnar(
            path, as_of=AS_OF, rules=HOUSEHOLD_RULES, validate=validate, connection=CON
        )

        on_spark = check_columnar(
            path, as_of=AS_OF, rules=HOUSEHOLD_RULES, validate=validate, engine="spark", spark=spark
        )

        assert [
            (2, "identified_on", IssueKind.BAD_TYPE),
            (3, "clue_on", IssueKind.BAD_TYPE),
            (4, "household_id", IssueKind.DUPLICATE),
        ] == [(i.row, i.field, i.kind) for i in on_spark.report.issues]
        assert located(duck.report) == located(on_spark.report)
        assert (duck.report.rows, duck.report.good) == (on_spark.report.rows, on_spark.report.good)
        same(duck.findings.to_findings(), on_spark.findings)

    def test_a_formula_in_the_header_refuses_the_file_on_spark(
        self, spark: Any, tmp_path: Path
    ) -> None:
        """The header's formula is the same error on Spark."""
        rows = three_rows(dt.date(2025, 1, 30))
        rows[0][5] = '="识别"&"时间"'
        path = book(tmp_path / "h.xlsx", rows)

        with pytest.raises(LedgerError, match=r"header row 1, cell F1: expected a column name"):
            check_columnar(path, as_of=AS_OF, validate=True, engine="spark", spark=spark)


@DUCK
@given(faulty_ledgers(max_size=6), as_of_dates, st.sampled_from(PATHS), st.data())
def test_engines_agree_on_random_formulas(  # noqa: PLR0917 - hypothesis arguments
    tmp_path: Path,
    monkeypatch: Any,
    generated: tuple[Any, list[list[str]], Any],
    as_of: dt.date,
    read: str,
    data: st.DataObject,
) -> None:
    """Random cells of random ledgers are formulas never computed: both engines give the same
    report and findings, each such cell the ledger reads is named, the other rows read as
    without them."""
    _, texts, _ = generated
    rows: list[list[object]] = [[*HEADERS, "备注"], *([*row, "已走访"] for row in texts)]
    clean = book(tmp_path / "clean.xlsx", [list(row) for row in rows], streamed=read == "streamed")
    formulas: set[tuple[int, int]] = set()
    if len(rows) > 1:
        cells = st.tuples(st.integers(2, len(rows)), st.integers(0, len(rows[0]) - 1))
        formulas = data.draw(st.sets(cells, max_size=4))
    for number, column in formulas:
        row = rows[number - 1]
        row[column] = f"=ROW()*{column + 1}"
    path = book(tmp_path / "f.xlsx", rows, streamed=read == "streamed")

    read_ = read_households(path)
    objects = check(read_.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
    with monkeypatch.context() as patched:
        if read == "cell-by-cell":
            without_fastexcel(patched)
        columnar = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)
    before = read_households(clean).report

    assert located(read_.report) == located(columnar.report)
    assert (read_.report.rows, read_.report.good) == (columnar.report.rows, columnar.report.good)
    same(objects, columnar.findings)
    named = {(i.row, i.column) for i in read_.report.issues if "no computed value" in i.message}
    assert {(n, HEADERS[c]) for n, c in formulas if c < len(FIELDS)} == named
    aside = {n for n, _ in named}
    assert [i for i in located(before) if i[0] not in aside] == [
        i for i in located(read_.report) if i[0] not in aside
    ]


@settings(parent=DUCK, max_examples=3)
@given(faulty_ledgers(max_size=5), st.data())
def test_spark_agrees_on_random_formulas(
    spark: Any,
    tmp_path: Path,
    generated: tuple[Any, list[list[str]], Any],
    data: st.DataObject,
) -> None:
    """Random formulas in random ledgers: Spark gives the object reader's report and findings."""
    _, texts, _ = generated
    rows: list[list[object]] = [list(HEADERS), *(list(row) for row in texts)]
    if len(rows) > 1:
        cells = st.tuples(st.integers(2, len(rows)), st.integers(0, len(HEADERS) - 1))
        for number, column in data.draw(st.sets(cells, min_size=1, max_size=3)):
            rows[number - 1][column] = "=1+1"
    path = book(tmp_path / "f.xlsx", rows)

    read_ = read_households(path)
    objects = check(read_.rows, as_of=AS_OF, rules=HOUSEHOLD_RULES)
    on_spark = check_columnar(
        path, as_of=AS_OF, rules=HOUSEHOLD_RULES, validate=True, engine="spark", spark=spark
    )

    assert located(read_.report) == located(on_spark.report)
    assert (read_.report.rows, read_.report.good) == (on_spark.report.rows, on_spark.report.good)
    same(objects, on_spark.findings)


def chart_first(path: Path, *, streamed: bool = False) -> Path:
    """A households workbook whose first sheet is a chart of its worksheet's dates."""
    from openpyxl import load_workbook
    from openpyxl.chart import BarChart, Reference

    book(path, three_rows(dt.date(2025, 1, 30)), streamed=streamed)
    workbook = load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(workbook[SHEET], min_col=5, min_row=1, max_row=4))
    workbook.create_chartsheet("图表", 0).add_chart(chart)
    workbook.save(path)
    return path


class TestChartSheets:
    @pytest.mark.parametrize("read", PATHS)
    def test_a_chart_before_the_worksheet(
        self, tmp_path: Path, monkeypatch: Any, read: str
    ) -> None:
        """The first sheet a chart: the ledger is read from the first worksheet on every path."""
        path = chart_first(tmp_path / "c.xlsx", streamed=read == "streamed")

        read_ = engines(path, monkeypatch, read)

        assert ["H1", "H2", "H3"] == [h.id for h in read_.rows]
        assert "households" == sniff_ledger(path).value

    @pytest.mark.parametrize("sheet", [0, "图表"])
    def test_a_chart_sheet_asked_for_is_refused(self, tmp_path: Path, sheet: int | str) -> None:
        """Asked for the chart sheet, both engines say it is one and name the sheets."""
        path = chart_first(tmp_path / "c.xlsx")
        expected = (
            "c.xlsx: sheet '图表': expected a sheet of cells, found a chart sheet "
            "(the workbook's sheets: 图表、监测户、说明)"
        )

        for attempt in (
            lambda: read_households(path, sheet=sheet),
            lambda: check_columnar(path, as_of=AS_OF, sheet=sheet, connection=CON),
        ):
            with pytest.raises(LedgerError) as info:
                attempt()

            assert expected == str(info.value)
