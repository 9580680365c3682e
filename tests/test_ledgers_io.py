"""Tests for reading ledger files (CSV, XLSX, Parquet) and writing results atomically."""

import csv
import datetime as dt
import decimal
import json
import pathlib

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_strategies import FIELDS, HEADERS, faulty_ledgers, household_row
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    AssetState,
    HeaderMap,
    Household,
    IssueKind,
    LedgerFileError,
    MeasureKind,
    RiskType,
    _write,
    check,
    read_assets,
    read_funds,
    read_households,
    read_ledger,
    read_problems,
    write_findings,
    write_report,
)


D = dt.date
DATA = pathlib.Path(__file__).parent / "data" / "ledgers"


def write_csv(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


class TestReadHouseholdsCsv:
    def test_fixture_ledger(self):
        """The fixture ledger reads into households, with its one bad row reported."""
        read = read_households(DATA / "households.csv")

        assert 5 == read.report.rows
        assert 4 == len(read)
        assert 1 == read.report.header_row
        assert [(4, "识别时间")] == [(i.row, i.column) for i in read.report.issues]

    def test_real_headers_and_values(self, tmp_path):
        """Chinese headers, numbered risk and measure columns and ledger words are all read."""
        path = write_csv(
            tmp_path / "h.csv",
            [
                [
                    "户编号",
                    "县（市、区）",
                    "乡(镇)",
                    "行政村",
                    "户类型",
                    "致贫返贫风险1",
                    "致贫/返贫风险2",
                    "纳入监测时间",
                    "帮扶措施1",
                    "帮扶措施1落实时间",
                    "人均纯收入（元）",
                    "家庭人口数",
                    "绿色通道",
                ],
                [
                    "H1",
                    "同心县",
                    "豫海镇",
                    "红星村",
                    "普通农户",
                    "因病",
                    "因灾",
                    "2025/6/16",
                    "产业帮扶",
                    "2025年6月20日",
                    "8,523.5",
                    "4",
                    "是",
                ],
            ],
        )
        (h,) = read_households(path).rows

        assert (RiskType.ILLNESS, RiskType.NATURAL_DISASTER) == h.risks
        assert D(2025, 6, 16) == h.identified_on
        assert MeasureKind.INDUSTRY == h.measures[0].kind
        assert decimal.Decimal("8523.50") == h.income_per_capita
        assert "同心县" == h.place.county
        assert h.fast_track

    def test_title_rows_above_the_header(self, tmp_path):
        """The header is found below a title row, and row numbers count from the file's top."""
        path = write_csv(
            tmp_path / "h.csv",
            [
                ["同心县防返贫监测对象台账"],
                ["序号", "户编号", "户类型", "识别时间"],
                ["1", "H1", "脱贫户", "2025-13-01"],
            ],
        )
        read = read_households(path)

        assert 2 == read.report.header_row
        assert ("序号",) == read.report.ignored_columns
        assert [3] == [i.row for i in read.report.issues]

    def test_explicit_header_row(self, tmp_path):
        """A header row can be named when it is not found automatically."""
        path = write_csv(tmp_path / "h.csv", [["x"], ["户编号", "户类型"], ["H1", "脱贫户"]])

        assert 1 == len(read_households(path, header_row=2))
        with pytest.raises(LedgerError, match="expected a header row 1-3, found 4"):
            read_households(path, header_row=4)

    def test_gb18030_file(self, tmp_path):
        """Files saved by spreadsheet programs in GB18030 are detected."""
        path = write_csv(
            tmp_path / "h.csv", [["户编号", "户类型"], ["H1", "一般农户"]], encoding="gb18030"
        )

        assert "H1" == read_households(path).rows[0].id

    def test_blank_rows_are_skipped(self, tmp_path):
        """Rows whose ledger cells are all blank are skipped and not counted."""
        path = write_csv(
            tmp_path / "h.csv",
            [["序号", "户编号", "户类型"], ["1", "H1", "脱贫户"], ["2", "", " "], []],
        )
        read = read_households(path)

        assert (1, 1, ()) == (read.report.rows, read.report.good, read.report.issues)

    def test_missing_required_column(self, tmp_path):
        """A ledger without a 户类型 column cannot be read."""
        path = write_csv(tmp_path / "h.csv", [["户编号", "识别时间"], ["H1", "2025-06-01"]])

        with pytest.raises(
            LedgerError, match=r"h.csv: expected a column for 户类型 \(kind\), found none"
        ):
            read_households(path)

    def test_column_named_twice(self, tmp_path):
        """Two columns naming the same field make the ledger ambiguous."""
        path = write_csv(
            tmp_path / "h.csv",
            [["户编号", "户类型", "识别时间", "纳入监测时间"], ["H1", "脱贫户", "", ""]],
        )

        with pytest.raises(
            LedgerError, match="expected one column for 识别时间, found a second one '纳入监测时间'"
        ):
            read_households(path)

    def test_no_header_found(self, tmp_path):
        """A file without a 户编号 header is refused with a clear message."""
        path = write_csv(tmp_path / "h.csv", [["a", "b"], ["1", "2"]])

        with pytest.raises(LedgerError, match="expected a header row naming 户编号"):
            read_households(path)

    def test_user_headers(self, tmp_path):
        """A user's own header names are read through an extended map."""
        path = write_csv(tmp_path / "h.csv", [["农户编码", "类别"], ["H1", "脱贫户"]])
        headers = HeaderMap.default("households").extend(
            {"农户编码": "household_id", "类别": "kind"}
        )

        assert "H1" == read_households(path, headers=headers).rows[0].id
        assert (
            "H1"
            == read_households(path, headers={"农户编码": "household_id", "类别": "kind"})
            .rows[0]
            .id
        )

    def test_header_map_for_another_ledger_is_refused(self, tmp_path):
        """A header map is for one ledger."""
        path = write_csv(tmp_path / "h.csv", [["户编号", "户类型"], ["H1", "脱贫户"]])

        with pytest.raises(
            LedgerError, match="header map: expected one for households, found one for assets"
        ):
            read_households(path, headers=HeaderMap.default("assets"))

    def test_every_problem_is_located(self, tmp_path):
        """Each bad cell is reported with its row and column, and the good rows are kept."""
        path = write_csv(
            tmp_path / "h.csv",
            [
                [
                    "户编号",
                    "证件号码",
                    "户类型",
                    "风险线索发现时间",
                    "识别时间",
                    "风险消除时间",
                    "风险消除方式",
                ],
                ["H1", "11010519491231002X", "脱贫户", "2025-06-01", "2025-06-10", "", ""],
                ["H2", "110105194912310021", "贫困户", "2025-06-31", "", "", ""],
                ["H3", "", "一般农户", "", "2025-06-10", "2025-05-01", "帮扶后消除"],
                ["H1", "", "一般农户", "", "", "", ""],
                ["H4", "", "一般农户", "", "", "", "风险自然消失"],
            ],
        )
        read = read_households(path)
        located = [(i.row, i.column, i.kind) for i in read.report.issues]

        assert [
            (3, "证件号码", IssueKind.BAD_ID_NUMBER),
            (3, "户类型", IssueKind.UNKNOWN_VALUE),
            (3, "风险线索发现时间", IssueKind.BAD_DATE),
            (4, "风险消除时间", IssueKind.INCONSISTENT),
            (5, "户编号", IssueKind.DUPLICATE),
            (6, "风险消除方式", IssueKind.INCONSISTENT),
        ] == located
        assert ["H1"] == [h.id for h in read.rows]
        assert (3, 4, 5, 6) == read.report.bad_rows

    def test_strict_mode_lists_everything(self, tmp_path):
        """In strict mode one error lists every problem."""
        path = write_csv(
            tmp_path / "h.csv",
            [["户编号", "户类型", "识别时间"], ["H1", "贫困户", "2025-02-30"], ["H2", "", ""]],
        )

        with pytest.raises(
            LedgerFileError,
            match=r"(?s)3 problems.*row 2, column 户类型.*row 2, column 识别时间.*row 3, column 户类型: 户类型: expected a value",
        ) as info:
            read_households(path, strict=True)

        assert 3 == len(info.value.issues)

    def test_unknown_format(self, tmp_path):
        """Only CSV, XLSX and Parquet files are ledgers."""
        path = tmp_path / "h.ods"
        path.write_bytes(b"")

        with pytest.raises(
            LedgerError, match=r"h\.ods: expected a \.csv, \.xlsx or \.parquet file, found '\.ods'"
        ):
            read_households(path)

    def test_missing_file(self, tmp_path):
        """A missing file is reported as such."""
        with pytest.raises(LedgerError, match="expected an existing file"):
            read_households(tmp_path / "nope.csv")

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(faulty_ledgers())
    def test_report_is_complete_and_good_rows_survive(self, tmp_path, generated):
        """Exactly the broken cells are reported, and every unbroken row is read as it was written."""
        ledger, rows, broken = generated
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        read = read_households(path)
        bad_rows = {row for row, _ in broken}

        assert broken == {(i.row, i.column) for i in read.report.issues}
        assert [h for i, h in enumerate(ledger) if i + 2 not in bad_rows] == list(read.rows)
        assert len(ledger) == read.report.rows
        assert all(attrs.evolve(h) == h for h in read.rows), "every row passes the constructor"


class TestOtherLedgers:
    def test_assets(self):
        """The fixture asset ledger reads, with class, state and dates."""
        read = read_assets(DATA / "assets.csv")

        assert read.report.ok
        assert {AssetState.IDLE, AssetState.REVITALISED, AssetState.DISPOSED} <= {
            a.state for a in read.rows
        }

    def test_funds(self):
        """The fixture fund ledger reads, one record per county and report day."""
        read = read_funds(DATA / "funds.csv")

        assert read.report.ok
        assert {"同心县", "红寺堡区"} == {r.county for r in read.rows}

    def test_problems(self):
        """The fixture rectification ledger reads; a closed problem without acceptance is reported."""
        read = read_problems(DATA / "problems.csv")

        assert ["验收时间"] == [i.column for i in read.report.issues]
        assert 2 == len(read)

    def test_fund_duplicates_use_county_and_day(self, tmp_path):
        """Two reports for one county on one day are duplicates."""
        path = write_csv(
            tmp_path / "f.csv",
            [
                ["县", "统计截止时间", "下达资金", "累计支出"],
                ["同心县", "2025-07-31", "100", "60"],
                ["同心县", "2025-07-31", "100", "61"],
            ],
        )

        assert [IssueKind.DUPLICATE] == [i.kind for i in read_funds(path).report.issues]

    def test_unknown_ledger(self, tmp_path):
        """The ledger kind is one of the four."""
        with pytest.raises(
            LedgerError,
            match="ledger: expected one of households, assets, funds, problems, found 'people'",
        ):
            read_ledger(tmp_path / "x.csv", "people")


def write_xlsx(path, rows, title=None):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "监测户"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("说明").append(["填表说明"])
    workbook.save(path)
    return path


class TestReadXlsx:
    def test_typed_cells(self, tmp_path):
        """Date, number and flag cells of a spreadsheet are read like their text forms."""
        path = write_xlsx(
            tmp_path / "h.xlsx",
            [
                [
                    "户编号",
                    "户类型",
                    "风险线索发现时间",
                    "识别时间",
                    "人均纯收入",
                    "家庭人口数",
                    "绿色通道",
                    "联系电话",
                ],
                [
                    "H1",
                    "一般农户",
                    dt.datetime(2025, 6, 1),
                    dt.date(2025, 6, 17),
                    8523.5,
                    4,
                    True,
                    10012345678,
                ],
            ],
            title="同心县监测对象台账",
        )
        read = read_households(path)
        (h,) = read.rows

        assert 2 == read.report.header_row
        assert (D(2025, 6, 1), D(2025, 6, 17)) == (h.clue_on, h.identified_on)
        assert (decimal.Decimal("8523.50"), 4, True) == (h.income_per_capita, h.size, h.fast_track)
        assert "10012345678" == h.head.phone

    def test_rows_are_spreadsheet_rows(self, tmp_path):
        """Issues name the row number the spreadsheet shows."""
        path = write_xlsx(
            tmp_path / "h.xlsx",
            [["户编号", "户类型"], ["H1", "脱贫户"], [None, None], ["H2", "贫困户"]],
        )

        assert [4] == [i.row for i in read_households(path).report.issues]

    def test_sheet_by_name_and_position(self, tmp_path):
        """A sheet is chosen by name or position; a missing one is reported."""
        path = write_xlsx(tmp_path / "h.xlsx", [["户编号", "户类型"], ["H1", "脱贫户"]])

        assert 1 == len(read_households(path, sheet="监测户"))
        with pytest.raises(LedgerError, match="expected a header row naming 户编号"):
            read_households(path, sheet=1)
        with pytest.raises(LedgerError, match="expected a sheet '台账'"):
            read_households(path, sheet="台账")

    def test_spreadsheet_program_layout(self):
        """A workbook with shared strings and date-styled numbers reads like the same CSV ledger."""
        from_xlsx = read_households(DATA / "households.xlsx")
        from_csv = read_households(DATA / "households.csv")

        assert from_csv.rows == from_xlsx.rows
        assert [(i.row - 1, i.column) for i in from_xlsx.report.issues] == [
            (i.row, i.column) for i in from_csv.report.issues
        ]

    def test_rows_match_openpyxl(self, tmp_path):
        """The calamine sheet reader yields the values openpyxl's read-only iter_rows yields."""
        from openpyxl import Workbook, load_workbook

        from xiaojie.ledgers._read import workbook_rows

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["标题"])
        sheet.append([])
        sheet.append(
            ["户编号", 1, 2.5, True, dt.datetime(2025, 6, 1), dt.date(2024, 2, 29), None, "x&<y>"]
        )
        sheet.append([None, None, "=A1", 1e-7, -3, "  空格  ", 10012345678])
        sheet["J9"] = "far"
        workbook.save(tmp_path / "t.xlsx")

        def day(value):
            # A date-styled cell at midnight is the same day to the ledger parser.
            if isinstance(value, dt.datetime) and value.time() == dt.time():
                return value.date()
            return value

        def trimmed(row):
            row = [day(value) for value in row]
            while row and row[-1] is None:
                row.pop()
            return tuple(row)

        ours = [trimmed(r) for r in workbook_rows(tmp_path / "t.xlsx")]
        opened = load_workbook(tmp_path / "t.xlsx", read_only=True, data_only=True)
        theirs = [trimmed(r) for r in opened.worksheets[0].iter_rows(values_only=True)]
        opened.close()

        assert theirs == ours
        assert 9 == len(ours)

    @settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(faulty_ledgers())
    def test_same_as_csv(self, tmp_path, generated):
        """A spreadsheet and a CSV file with the same cells give the same rows and report rows."""
        _, rows, _ = generated
        from_csv = read_households(write_csv(tmp_path / "g.csv", [HEADERS, *rows]))
        from_xlsx = read_households(write_xlsx(tmp_path / "g.xlsx", [HEADERS, *rows]))

        assert from_csv.rows == from_xlsx.rows
        assert [(i.row, i.column, i.message) for i in from_csv.report.issues] == [
            (i.row, i.column, i.message) for i in from_xlsx.report.issues
        ]


class TestReadParquet:
    def test_typed_columns(self, tmp_path):
        """Typed Parquet columns are read as they are; rows are numbered from 1."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table(
            {
                "户编号": pa.array(["H1", "H2"]),
                "户类型": pa.array(["脱贫户", "一般农户"]),
                "识别时间": pa.array([D(2024, 8, 1), D(1800, 1, 1)], pa.date32()),
                "人均纯收入": pa.array([decimal.Decimal("8700.5"), None], pa.decimal128(10, 1)),
                "家庭人口数": pa.array([3, 4], pa.int32()),
                "整户无劳动能力": pa.array([True, False]),
            }
        )
        pq.write_table(table, tmp_path / "h.parquet")
        read = read_households(tmp_path / "h.parquet")

        assert [(2, "识别时间", IssueKind.BAD_DATE)] == [
            (i.row, i.column, i.kind) for i in read.report.issues
        ]
        assert (decimal.Decimal("8700.50"), 3, True) == (
            read.rows[0].income_per_capita,
            read.rows[0].size,
            read.rows[0].no_labour,
        )
        assert 0 == read.report.header_row

    def test_wrong_type_is_a_located_issue(self, tmp_path):
        """A number in a date column is reported, not guessed at."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(
            pa.table({"户编号": ["H1"], "户类型": ["脱贫户"], "识别时间": [45809.0]}),
            tmp_path / "h.parquet",
        )

        assert [IssueKind.BAD_TYPE] == [
            i.kind for i in read_households(tmp_path / "h.parquet").report.issues
        ]


class TestWrite:
    def _findings(self):
        rows = [Household(id="H1", kind="脱贫户", identified_on="2024-08-01")]
        return check(rows, as_of=D(2025, 8, 1))

    @pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".parquet"])
    def test_every_format_round_trips(self, tmp_path, suffix):
        """Each format holds the same finding records."""
        path = write_findings(self._findings(), tmp_path / f"out{suffix}")
        expected = self._findings().records()

        assert expected == _read_back(path)

    def test_report_json(self, tmp_path):
        """A report is written with its counts and one row per problem."""
        read = read_households(DATA / "households.csv")
        payload = json.loads(
            write_report(read.report, tmp_path / "r.json").read_text(encoding="utf-8")
        )

        assert (5, 4) == (payload["rows_read"], payload["good"])
        assert 4 == payload["rows"][0]["row"]

    def test_failed_write_keeps_the_old_file(self, tmp_path, monkeypatch):
        """A write that fails halfway leaves the previous file and no temporary file behind."""
        target = tmp_path / "out.csv"
        target.write_text("old", encoding="utf-8")

        def broken(path, columns, rows, meta):
            path.write_text("half", encoding="utf-8")
            raise OSError("disk full")

        monkeypatch.setattr(_write, "_csv", broken)
        with pytest.raises(OSError, match="disk full"):
            write_findings(self._findings(), target)

        assert "old" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_unknown_format(self, tmp_path):
        """An unknown suffix is refused before anything is written."""
        with pytest.raises(
            LedgerError,
            match=r"out.txt: expected a format \(.csv, .json, .parquet, .xlsx\), found '.txt'",
        ):
            write_findings(self._findings(), tmp_path / "out.txt")

        assert [] == list(tmp_path.iterdir())

    def test_explicit_format(self, tmp_path):
        """The format can be given when the suffix does not say it."""
        path = write_findings(self._findings(), tmp_path / "out.dat", format="json")

        assert "long_unresolved" in path.read_text(encoding="utf-8")


def _read_back(path):
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["rows"]
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
        return [
            {k: ("" if v is None else str(v)) for k, v in zip(rows[0], row, strict=True)}
            for row in rows[1:]
        ]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_household_row_round_trip():
    """The ledger-row writer of these tests gives one text cell per header."""
    h = Household(id="H1", kind="脱贫户", identified_on="2024-08-01", fast_track=True)

    assert len(FIELDS) == len(HEADERS) == len(household_row(h))


class TestXlsxColumns:
    @given(
        st.lists(
            st.one_of(
                st.just(""),
                st.text(max_size=6),
                st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
                st.integers(-(10**16), 10**16).map(float),
                st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
                st.booleans(),
            ),
            max_size=30,
        ).flatmap(lambda cells: st.sampled_from([cells, [c for c in cells if type(c) is float]]))
    )
    def test_column_texts_are_the_cell_texts(self, cells):
        """A spreadsheet column read a column at a time gives the texts read cell by cell."""
        from xiaojie.ledgers._arrow import _text_column
        from xiaojie.ledgers._read import cell_value
        from xiaojie.ledgers._schema import cell_text

        assert [cell_text(cell_value(c)) for c in cells] == _text_column(cells).to_pylist()
