"""Progress files as offices really save them: percent cells, a mistyped year, GBK, blank rows."""

import datetime as dt
import decimal
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.cli import main
from xiaojie.cli._levels import _has_place_column
from xiaojie.io._xlsx import sheet_rows
from xiaojie.progress import read_progress
from xiaojie.rollup import read_progress_by_place


openpyxl = pytest.importorskip("openpyxl")

PLAN = xj.load_plan()
HEADER = ["事项", "类型", "日期", "数值", "基准值"]


def _xlsx(path, rows, formats=None):
    """Write ``rows`` to ``path``; ``formats`` maps a cell ("D2") to its number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, code in (formats or {}).items():
        sheet[ref].number_format = code
    book.save(path)
    return path


def _stored(percent):
    """What Excel stores when ``percent``% is typed: the double nearest ``percent / 100``."""
    return float(decimal.Decimal(percent) / 100)


class TestPercentCells:
    def test_typed_percent_is_read_as_the_csv_of_the_same_sheet(self, tmp_path):
        """85% typed in Excel (0.85 with ``0%``) reads as 85, as the CSV Excel saves ("85%")."""
        row = ["spending-progress", "测量", dt.datetime(2025, 7, 31), 0.85]
        xlsx = _xlsx(tmp_path / "p.xlsx", [HEADER[:4], row], {"D2": "0%"})
        csv = tmp_path / "p.csv"
        csv.write_text("事项,类型,日期,数值\nspending-progress,测量,2025-07-31,85%\n", "utf-8")

        assert [85.0] == [r.value for r in read_progress(xlsx, plan=PLAN)]
        assert read_progress(csv, plan=PLAN) == read_progress(xlsx, plan=PLAN)

    @pytest.mark.parametrize(
        ("stored", "code", "expected"),
        [
            (0.855, "0.0%", 85.5),  # the workbook's own format
            (0.07, "0.00%", 7.0),  # built-in 10, and no 7.000000000000001
            (1, "0%", 100.0),
            (-0.05, "0%;[Red]-0%", -5.0),  # the negative section is a percent too
            (85, '0"%"', 85.0),  # a quoted % is text: the number is shown as it is
            (85, "0\\%", 85.0),  # so is an escaped one
            (0.85, "General", 0.85),  # typed as 0.85, not as a percent
            (0.85, "0.00", 0.85),
        ],
    )
    def test_number_formats(self, tmp_path, stored, code, expected):
        """Only a % the format really shows scales the number."""
        row = ["elimination-rate", "测量", dt.datetime(2025, 7, 31), stored, stored]
        path = _xlsx(tmp_path / "p.xlsx", [HEADER, row], {"D2": code, "E2": code})

        (record,) = read_progress(path)

        assert (expected, expected) == (record.value, record.benchmark)

    def test_sheet_rows_gives_numbers_as_stored_unless_asked(self, tmp_path):
        """Ledgers and plan text read numbers as stored; ``percent=True`` gives them as shown."""
        path = _xlsx(tmp_path / "p.xlsx", [["a", 0.85, 0.85]], {"B1": "0%"})

        def cells(**kw):
            with sheet_rows(path, path.read_bytes(), **kw) as (_, rows):
                return [c for _, row in rows for c in row]

        assert ["a", 0.85, 0.85] == cells()
        assert ["a", 85.0, 0.85] == cells(percent=True)

    @settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        percent=st.decimals(min_value=-1000, max_value=1000, places=2),
        code=st.sampled_from(["0%", "0.00%", "0.0%", "#,##0.00%"]),
    )
    def test_any_typed_percent_reads_as_its_csv(self, tmp_path, percent, code):
        """For any percent with up to 2 decimals, the XLSX cell reads as the CSV text "p%"."""
        row = ["spending-progress", "测量", dt.datetime(2025, 7, 31), _stored(percent)]
        xlsx = _xlsx(tmp_path / "h.xlsx", [HEADER[:4], row], {"D2": code})
        csv = tmp_path / "h.csv"
        csv.write_text(f"事项,类型,日期,数值\nspending-progress,测量,2025-07-31,{percent}%\n")

        assert read_progress(csv) == read_progress(xlsx)
        assert float(percent) == read_progress(xlsx).records[0].value


TYPO = "事项,类型,日期,数值\nresident-work-meeting,完成,2015-07-30,\nspending-progress,测量,2015-07-31,75\n"


class TestDateBeforeThePlan:
    def test_a_mistyped_year_is_reported_with_file_line_and_column(self, tmp_path):
        """2015 for 2025 is not "done on time": each row is named, with what was expected."""
        path = tmp_path / "typo.csv"
        path.write_text(TYPO, encoding="utf-8")

        with pytest.raises(xj.ProgressError) as caught:
            read_progress(path, plan=PLAN)

        lines = str(caught.value).splitlines()
        assert f"{path}: 2 problem(s)" == lines[0]
        assert lines[1] == (
            f"  {path} line 2, 日期: expected a day on or after 2024-01-01, the start of the "
            "year before the plan's first (the plan is dated 2025-06-18), found 2015-07-30"
        )
        assert lines[2].startswith(f"  {path} line 3, 日期: expected a day on or after 2024-01-01")

    def test_xlsx_and_json_name_their_row_and_key(self, tmp_path):
        """The sheet and row of an XLSX file, the line and key of a JSON file."""
        xlsx = _xlsx(
            tmp_path / "p.xlsx",
            [HEADER[:3], ["resident-work-meeting", "完成", dt.datetime(2015, 7, 30)]],
        )
        data = {
            "records": [{"item": "resident-work-meeting", "kind": "完成", "date": "2015-07-30"}]
        }
        js = tmp_path / "p.json"
        js.write_text(json.dumps(data, indent=1), encoding="utf-8")

        with pytest.raises(
            xj.ProgressError,
            match=r"sheet 'Sheet' row 2, 日期: expected a day on or after 2024-01-01",
        ):
            read_progress(xlsx, plan=PLAN)
        with pytest.raises(
            xj.ProgressError,
            match=r"line 3 \(records\[0\]\), date: expected a day on or after 2024-01-01",
        ):
            read_progress(js, plan=PLAN)

    def test_early_in_the_plans_year_is_still_progress(self, tmp_path):
        """Done before the plan's date (提前, 2025-06-08) is an early completion, not a typo."""
        path = tmp_path / "p.csv"
        path.write_text("事项,类型,日期\nlocal-work-ledgers,完成,2025-06-08\n", encoding="utf-8")

        assert [dt.date(2025, 6, 8)] == [r.on for r in read_progress(path, plan=PLAN)]

    def test_without_a_plan_there_is_no_plan_year_to_check(self, tmp_path):
        """``read_progress(path)`` checks the form only: a 2015 date is a date."""
        path = tmp_path / "typo.csv"
        path.write_text(TYPO, encoding="utf-8")

        assert 2 == len(read_progress(path))

    def test_cli_status_refuses_the_file_instead_of_counting_it_done(self, tmp_path, capsys):
        """``xiaojie status --progress typo.csv`` exits 1 naming the rows, no traceback."""
        path = tmp_path / "typo.csv"
        path.write_text(TYPO, encoding="utf-8")

        code = main(["status", "--as-of", "2025-08-01", "--progress", str(path), "--json"])
        captured = capsys.readouterr()

        assert 1 == code
        assert "line 2, 日期: expected a day on or after 2024-01-01" in captured.err
        assert "found 2015-07-31" in captured.err
        assert "Traceback" not in captured.err
        assert "" == captured.out

    @settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(day=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
    def test_refused_exactly_before_the_plans_year(self, tmp_path, day):
        """A record is refused iff it is dated before 1 January of the year before the plan's first."""
        path = tmp_path / "d.csv"
        path.write_text(f"事项,类型,日期\nmidterm-report,完成,{day.isoformat()}\n", "utf-8")

        if day < dt.date(2024, 1, 1):
            with pytest.raises(xj.ProgressError, match=f"found {day.isoformat()}$"):
                read_progress(path, plan=PLAN)
        else:
            assert [day] == [r.on for r in read_progress(path, plan=PLAN)]


BY_PLACE = [
    ["地区", "事项", "类型", "日期", "数值"],
    ["同心县", "spending-progress", "测量", "2025-07-31", "58"],
    ["盐池县", "spending-progress", "测量", "2025-07-31", "71"],
]


def _csv_bytes(rows, encoding, *, blank=()):
    """The rows as CSV text in ``encoding``, after the leading lines ``blank``."""
    out = io.StringIO()
    out.write("".join(f"{b}\r\n" for b in blank))
    out.write("".join(",".join(r) + "\r\n" for r in rows))
    return out.getvalue().encode(encoding)


def _values(result):
    return {p.name: [r.value for r in progress] for p, progress in result.items()}


class TestOneFileOfManyPlaces:
    @pytest.mark.parametrize("encoding", ["gb18030", "utf-8", "utf-8-sig"])
    def test_cli_recognises_the_place_column_in_any_encoding(self, tmp_path, capsys, encoding):
        """A CSV saved by Chinese Excel (GB18030) is one file of many places, not a place's file."""
        path = tmp_path / "gbk.csv"
        path.write_bytes(_csv_bytes(BY_PLACE, encoding))

        code = main(["rollup", str(path), "--as-of", "2025-08-01", "--json"])
        captured = capsys.readouterr()

        assert 0 == code, captured.err
        data = json.loads(captured.out)["indicators"]["spending-progress"]
        assert ["同心县"] == data["lagging"]

    def test_blank_rows_before_the_header_are_skipped(self, tmp_path, capsys):
        """A leading ``,,,,`` row and an empty line: the header is the first non-blank row."""
        path = tmp_path / "all.csv"
        path.write_bytes(_csv_bytes(BY_PLACE, "utf-8", blank=[",,,,", ""]))

        assert {"同心县": [58.0], "盐池县": [71.0]} == _values(
            read_progress_by_place(path, plan=PLAN)
        )
        assert 0 == main(["rollup", str(path), "--as-of", "2025-08-01", "--json"])
        assert ["同心县"] == json.loads(capsys.readouterr().out)["indicators"]["spending-progress"][
            "lagging"
        ]

    def test_problems_keep_the_files_line_numbers(self, tmp_path):
        """After two blank lines, a bad value on line 4 is reported on line 4, under 数值."""
        rows = [BY_PLACE[0], ["同心县", "spending-progress", "测量", "2025-07-31", "sixty"]]
        path = tmp_path / "all.csv"
        path.write_bytes(_csv_bytes(rows, "gb18030", blank=[",,,,", ""]))

        with pytest.raises(xj.ProgressError) as caught:
            read_progress_by_place(path, plan=PLAN)

        assert [f"  {path} line 4, 数值: expected a number, found 'sixty'"] == str(
            caught.value
        ).splitlines()[1:]

    @settings(
        max_examples=max(10, settings.default.max_examples // 2),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        encoding=st.sampled_from(["gb18030", "utf-8", "utf-8-sig"]),
        blank=st.lists(st.sampled_from(["", ",,,,", " , ", ",,"]), max_size=4),
    )
    def test_any_encoding_and_leading_blank_rows(self, tmp_path, encoding, blank):
        """Whatever the encoding and blank rows first, the places and values read are the same."""
        path = tmp_path / "h.csv"
        path.write_bytes(_csv_bytes(BY_PLACE, encoding, blank=blank))

        assert {"同心县": [58.0], "盐池县": [71.0]} == _values(
            read_progress_by_place(path, plan=PLAN)
        )
        assert _has_place_column(str(path))
