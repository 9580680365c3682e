"""The documents' XLSX and iCalendar writers: what the faster writers keep of the tables and feeds."""

import datetime as dt
import io
import re
import sys
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie import load_plan
from xiaojie._privacy import names_scope, remember_names, scrub
from xiaojie.errors import MissingExtraError
from xiaojie.render import Document, Heading, Table, calendar, plain, to_ics, to_xlsx, unit_sheet
from xiaojie.render._site import owners_in_order
from xiaojie.render._tables import _cell_value, _flat_rows


PLAN = load_plan()
AS_OF = dt.date(2025, 8, 1)


def _expected(text: str) -> object:
    """The value a spreadsheet cell holds for a table's text: masked, number, date or text."""
    value = _cell_value(text)
    if isinstance(value, str):
        return scrub(value) or None
    if isinstance(value, dt.date) and value < dt.date(1900, 3, 1):
        return value.isoformat()
    return value


def _read(value: object) -> object:
    """A cell's value as openpyxl reads it, dates as dates."""
    return value.date() if isinstance(value, dt.datetime) else value


def _assert_sheet_holds(sheet, table: Table) -> None:
    """The sheet holds the table's rows cell by cell, with its header row styled and frozen."""
    flat = _flat_rows(table)
    assert sheet.max_row == len(flat)
    for line, row in enumerate(flat, start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=line, column=column)
            want = (scrub(text) or None) if line == 1 else _expected(text)
            assert want == _read(cell.value), (line, column, text)
            assert cell.data_type != "f"
            if isinstance(cell.value, dt.datetime):
                assert "yyyy-mm-dd" == cell.number_format
            if cell.value is not None:
                assert cell.alignment.wrap_text
                assert cell.alignment.vertical == "top"
                assert bool(cell.font.b) == (line == 1)
    assert "A2" == sheet.freeze_panes
    if len(flat) > 1:
        last = openpyxl.utils.get_column_letter(len(flat[0]))
        assert f"A1:{last}{len(flat)}" == sheet.auto_filter.ref
    for column in range(1, len(flat[0]) + 1):
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width
        assert 6 <= width <= 61


class TestUnitWorkbooks:
    def test_every_sheet_of_a_unit_list_holds_its_table(self):
        """Each table of a unit's 任务清单 is one sheet, named after its heading, holding its cells.

        An empty list (a unit that leads no task) is a sheet too, holding the sentence that
        stands for it.
        """
        for owner in owners_in_order(PLAN)[:8]:
            document = unit_sheet(PLAN, owner)
            book = openpyxl.load_workbook(io.BytesIO(to_xlsx(document)))
            headings = list(document.sheets())
            tables = [b for b in document.blocks if isinstance(b, Table)]
            assert all(any(t is table for _, t in headings) for table in tables)
            assert len(headings) == len(book.worksheets)
            for (name, table), sheet in zip(headings, book.worksheets, strict=True):
                if len(headings) > 1:
                    assert plain(name)[:31] == sheet.title
                _assert_sheet_holds(sheet, table)

    def test_dates_and_numbers_are_typed(self):
        """序号 are numbers and ISO dates are dates in the sheet, as before."""
        table = Table(name="t", columns=["序号", "时限"], rows=[["3", "2025-07-31"]])
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active
        assert (3, dt.date(2025, 7, 31)) == (sheet["A2"].value, _read(sheet["B2"].value))

    def test_bytes_do_not_depend_on_the_stamp_source(self):
        """The same document gives the same bytes twice, every entry dated 1980 and core dated stamp."""
        document = unit_sheet(PLAN, "教育厅")
        one = to_xlsx(document, stamp=AS_OF)
        assert one == to_xlsx(document, stamp=AS_OF)
        assert one != to_xlsx(document, stamp=dt.date(2025, 9, 1))
        with zipfile.ZipFile(io.BytesIO(one)) as archive:
            assert {(1980, 1, 1, 0, 0, 0)} == {i.date_time for i in archive.infolist()}
            core = archive.read("docProps/core.xml").decode()
        assert {"2025-08-01"} == set(re.findall(r">(\d{4}-\d\d-\d\d)T", core))


class TestEdges:
    def test_names_excel_refuses_are_changed(self):
        """A sheet named History, or cut to end in an apostrophe, gets a name Excel accepts."""
        tables = [
            Table(name="History", columns=["a"], rows=[["1"]]),
            Table(name="x" * 30 + "'yz", columns=["a"], rows=[["1"]]),
            Table(name="a[b]:c*d?e/f\\g", columns=["a"], rows=[["1"]]),
        ]
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(tables)))
        assert ["History-2", "x" * 30, "a_b__c_d_e_f_g"] == book.sheetnames

    def test_old_dates_are_text(self):
        """A date before 1900-03-01, which spreadsheets count differently, is written as text."""
        table = Table(name="t", columns=["时限"], rows=[["1899-12-31"], ["1900-03-01"]])
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active
        assert "1899-12-31" == sheet["A2"].value
        assert dt.date(1900, 3, 1) == _read(sheet["A3"].value)

    def test_a_text_longer_than_a_cell_is_cut_to_the_cell(self):
        """A text over 32,767 characters is cut to what a cell holds, with a mark saying so."""
        from xiaojie.io._tabular import CUT_MARK

        text = "甲" * 40_000
        table = Table(name="t", columns=["说明"], rows=[[text]])
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active
        assert text[: 32767 - len(CUT_MARK)] + CUT_MARK == sheet["A2"].value

    def test_without_xlsxwriter_the_extra_is_named(self, monkeypatch):
        """Without XlsxWriter a workbook asked for is one error naming the docs extra."""
        monkeypatch.setitem(sys.modules, "xlsxwriter", None)
        with pytest.raises(MissingExtraError, match=r"writing XLSX.*xiaojie\[docs\]"):
            to_xlsx(Table(name="t", columns=["a"], rows=[["1"]]))


_CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "0042", "12", "-5", "3.5"]),
    st.dates(dt.date(1800, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.just("640324199001011235"),
)


@given(
    columns=st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8),
        min_size=1,
        max_size=4,
    ),
    data=st.data(),
)
def test_any_table_reads_back_cell_by_cell(columns, data):
    """Any table (formula starts, numbers, dates, IDs) reads back as its masked values, no formula."""
    rows = data.draw(
        st.lists(st.lists(_CELL, min_size=len(columns), max_size=len(columns)), max_size=5)
    )
    table = Table(name="表", columns=columns, rows=rows)
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table))).active
    _assert_sheet_holds(sheet, table)


class TestCalendars:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("stamp", [None, AS_OF])
    def test_feeds_equal_their_calendars(self, lang, stamp):
        """Every unit's feed and the plan's are the bytes of calendar(), the events kept per plan."""
        plan = load_plan()
        owners = [None, *owners_in_order(plan)]
        for _ in range(2):  # the second time from the kept events
            for owner in owners:
                expected = calendar(plan, unit=owner, stamp=stamp, lang=lang).to_ical()
                assert expected == to_ics(plan, unit=owner, stamp=stamp, lang=lang)

    def test_kept_events_follow_the_names_masked(self):
        """A name learnt after a feed was written is masked in the next feed of the same plan."""
        plan = load_plan()
        with names_scope():
            first = to_ics(plan, unit="农办").decode()
            assert "驻村帮扶" in first
            remember_names(["驻村帮扶"])
            second = to_ics(plan, unit="农办")
            assert "驻村帮扶" not in second.decode()
            assert calendar(plan, unit="农办").to_ical() == second


def test_document_tables_workbook_opens_as_a_document():
    """A whole document's tables are one workbook whose sheets follow the document's headings."""
    document = Document(
        slug="d",
        title="文",
        blocks=(
            Heading("甲表"),
            Table(name="a", columns=["单位"], rows=[["教育厅"]]),
            Heading("乙表"),
            Table(name="b", columns=["单位"], rows=[["=1+1"]]),
        ),
    )
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(document)))
    assert ["甲表", "乙表"] == book.sheetnames
    assert ("=1+1", "s") == (book["乙表"]["A2"].value, book["乙表"]["A2"].data_type)
