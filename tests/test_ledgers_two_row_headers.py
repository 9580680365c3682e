"""A header written on two rows without merged cells, as a CSV or an unmerged workbook holds it.

Each single column's name stands on the upper row over a blank cell, a group's name over the
first of its columns, and the group's own names on the lower row. The header was the upper row:
the columns named on the lower row only (帮扶措施1 …) were ignored, their findings lost, and the
lower row was read as a household with no 户编号. It is now the lower row, its blanks taking the
names above them, on every reader and engine.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_columnar import CON, DUCK, HOUSEHOLD_RULES, located, same
from xiaojie.ledgers import check, check_columnar, read_households, sniff_ledger
from xiaojie.ledgers._schema import HeaderMap, joined_header, schema_for
from xiaojie.ledgers.rules import EliminationWithoutMeasure


if TYPE_CHECKING:
    from pathlib import Path


openpyxl = pytest.importorskip("openpyxl")

SCHEMA = schema_for("households")
HEADER_MAP = HeaderMap.default("households")
AS_OF = dt.date(2025, 6, 1)
#: The groups of a county's two-row header: a name over the first of its columns.
GROUPS = {
    "户主信息": ("户主姓名", "证件号码", "联系电话"),
    "帮扶措施": tuple(h for h in HEADERS if h.startswith("帮扶措施")),
}


def two_rows(names: list[str]) -> list[list[str]]:
    """The header ``names`` on two rows: singles above a blank, groups over their own names."""
    upper, lower = [], []
    for name in names:
        group = next((g for g, members in GROUPS.items() if name in members), None)
        if group is None:
            upper.append(name)
            lower.append("")
        else:
            first = name == GROUPS[group][0]
            upper.append(group if first else "")
            lower.append(name)
    return [upper, lower]


def write(path: Path, rows: list[list[str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append([cell or None for cell in row])
        workbook.save(path)
    return path


@DUCK
@given(faulty_ledgers(), as_of_dates, st.sampled_from([".csv", ".xlsx"]), st.booleans())
def test_two_header_rows_read_as_one(tmp_path_factory, case, as_of, suffix, titled):
    """The ledger reads the same with its header on one row or two, on both engines."""
    _, rows, broken = case
    title = [["同心县防返贫监测对象台账"]] if titled else []
    folder = tmp_path_factory.mktemp("two")
    one = write(folder / f"one{suffix}", [*title, HEADERS, *rows])
    two = write(folder / f"two{suffix}", [*title, *two_rows(HEADERS), *rows])

    first, second = read_households(one), read_households(two)
    shift = 1 + len(title)
    assert second.report.header_row == first.report.header_row + 1 == shift + 1
    assert second.rows == first.rows
    assert second.report.ignored_columns == first.report.ignored_columns == ()
    assert located(second.report) == [(r + 1, *rest) for r, *rest in located(first.report)]
    assert {(i.row, i.column) for i in second.report.issues} >= {
        (row + shift, header) for row, header in broken
    }
    objects = check(second.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
    assert objects.items == check(first.rows, as_of=as_of, rules=HOUSEHOLD_RULES).items
    columnar = check_columnar(two, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)
    assert located(columnar.report) == located(second.report)
    assert columnar.report.header_row == second.report.header_row
    same(objects, columnar.findings)


@given(faulty_ledgers(), st.integers(0, 3))
def test_a_one_row_header_and_its_data_are_left_as_they_are(case, titles):
    """No row of data under a header, nor a header under title rows, is read as a header's part."""
    _, rows, _ = case
    head = [*[["台账", "", "填报单位：同心县"]] * titles, HEADERS, *rows]
    assert joined_header(head, SCHEMA, HEADER_MAP) == head


#: Every header the households ledger knows (its fields' names and aliases).
ALIASES = sorted(HEADER_MAP.table)


@given(
    faulty_ledgers(),
    st.sets(st.integers(1, len(HEADERS) - 1), max_size=len(HEADERS) - 2),
    st.lists(
        st.sampled_from(["纳入方式", "与户主关系", "备注", "整改层级"]), min_size=1, max_size=3
    ),
    st.data(),
)
def test_a_row_of_data_holding_header_names_is_never_joined(case, dropped, extra, data):
    """A value under a column no field reads may be a header's name (纳入方式: 绿色通道;
    与户主关系: 户主): the first row of data was joined into the header and lost."""
    _, rows, _ = case
    kept = [i for i in range(len(HEADERS)) if i not in dropped]
    head = [[HEADERS[i] for i in kept] + extra]
    # the names of the fields the header lacks: a row naming one would add a field
    lacking = {HEADER_MAP.field(HEADERS[i]) for i in dropped}
    names = [h for h in ALIASES if HEADER_MAP.field(h) in lacking] or ALIASES
    for row in rows:
        values = data.draw(
            st.lists(st.sampled_from(names), min_size=len(extra), max_size=len(extra))
        )
        head.append([row[i] for i in kept] + values)
    assert joined_header(head, SCHEMA, HEADER_MAP) == head


def test_the_lower_row_given_as_the_header_row(tmp_path):
    rows = [*two_rows(HEADERS[:14]), ["H1", "", "", "", "同心县", "预旺镇", "峡隆村", "脱贫户"]]
    path = write(tmp_path / "ledger.csv", rows)
    read = read_households(path, header_row=2)
    assert (read.report.header_row, [h.id for h in read.rows]) == (2, ["H1"])
    assert check_columnar(path, as_of=AS_OF, header_row=2, connection=CON).report.rows == 1
    assert sniff_ledger(path).value == "households"


def test_measures_under_a_group_are_read_and_checked(tmp_path):
    """A risk eliminated with no measure: the measure named on the lower row is now seen."""
    rows = [
        ["户编号", "行政村", "户类型", "识别时间", "帮扶措施", "", "风险消除时间"],
        ["", "", "", "", "帮扶措施1", "帮扶措施1开始时间", ""],
        ["H1", "峡隆村", "一般农户", "2024-09-01", "产业帮扶", "2024-09-10", "2025-04-01"],
    ]
    for suffix in (".csv", ".xlsx"):
        path = write(tmp_path / f"ledger{suffix}", rows)
        read = read_households(path)
        assert [m.kind.value for m in read.rows[0].measures] == ["产业帮扶"]
        objects = check(read.rows, as_of=AS_OF, rules=[EliminationWithoutMeasure()])
        assert objects.items == ()
        columnar = check_columnar(
            path, as_of=AS_OF, rules=[EliminationWithoutMeasure()], connection=CON
        )
        same(objects, columnar.findings)


@pytest.mark.parametrize(
    "rows",
    [
        # two groups over a 姓名 each: the lower row would name 户主姓名 twice
        [
            ["户编号", "户主信息", "", "帮扶责任人", "", "户类型"],
            ["", "姓名", "证件号码", "姓名", "单位", ""],
            ["H1", "张三", "", "李四", "县农业农村局", "脱贫户"],
        ],
        # the lower row names no more fields than the upper one
        [
            ["户编号", "行政村", "户类型", "备注"],
            ["", "", "", "说明"],
            ["H1", "峡隆村", "脱贫户", ""],
        ],
    ],
)
def test_a_lower_row_that_is_no_better_header_is_read_as_a_row(tmp_path, rows):
    # guards: read as before (the upper row is the header)
    read = read_households(write(tmp_path / "ledger.csv", rows))
    assert read.report.header_row == 1
    assert [h.id for h in read.rows] == ["H1"]


def test_a_column_named_above_a_group_in_a_merged_header_gives_way_to_its_columns(tmp_path):
    """致贫返贫风险 merged over 致贫返贫风险1 and 致贫返贫风险2: both risks are read.

    The upper row's 致贫返贫风险 names a field (风险类型) that the lower row, naming two risk
    columns instead, does not: the merged header was read as its upper row, the second risk lost.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for column, name in enumerate(["户编号", "行政村", "户类型"], 1):
        sheet.cell(row=1, column=column, value=name)
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet["D1"] = "致贫返贫风险"
    sheet.merge_cells("D1:E1")
    sheet["D2"], sheet["E2"] = "致贫返贫风险1", "致贫返贫风险2"
    sheet.append(["H1", "峡隆村", "一般农户", "因病", "因学"])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    read = read_households(path)
    assert read.report.header_row == 2
    assert [r.value for r in read.rows[0].risks] == ["因病", "因学"]
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert (columnar.report.header_row, located(columnar.report)) == (2, located(read.report))


def test_a_column_named_on_the_upper_row_only_of_a_merged_header_is_kept(tmp_path):
    """识别时间 on the upper row, not merged down: kept with the group's columns below.

    Such a header was read as its upper row, the group's columns ignored.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["户编号", "帮扶措施", None, "户类型", "识别时间"])
    sheet.append([None, "帮扶措施1", "帮扶措施1开始时间", None, None])
    sheet.append(["H1", "产业帮扶", dt.date(2025, 3, 1), "脱贫户", dt.date(2025, 1, 5)])
    for ref in ("A1:A2", "B1:C1", "D1:D2"):
        sheet.merge_cells(ref)
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    read = read_households(path)
    assert read.report.header_row == 2
    household = read.rows[0]
    assert (household.identified_on, [m.kind.value for m in household.measures]) == (
        dt.date(2025, 1, 5),
        ["产业帮扶"],
    )
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert (columnar.report.header_row, columnar.report.good) == (2, 1)


def test_a_header_on_three_rows_is_joined_twice(tmp_path):
    """户主信息 over 户主姓名, 帮扶情况 over 第一项 over 帮扶措施1: the measures were lost unnoted."""
    rows = [
        ["户编号", "户类型", "户主信息", "", "帮扶情况", "", "", "", "识别时间"],
        ["", "", "户主姓名", "联系电话", "第一项", "", "第二项", "", ""],
        ["", "", "", "", "帮扶措施1", "帮扶措施1开始时间", "帮扶措施2", "帮扶措施2开始时间", ""],
        ["H1", "一般农户", "王建国", "", "产业帮扶", "2025-01-01", "就业帮扶", "2025-02-01",
         "2024-12-01"],
    ]  # fmt: skip
    for suffix in (".csv", ".xlsx"):
        path = write(tmp_path / f"ledger{suffix}", rows)
        for header_row in (None, 3):
            read = read_households(path, header_row=header_row)
            assert read.report.header_row == 3
            assert read.report.ignored_columns == ()
            [household] = read.rows
            assert [m.kind.value for m in household.measures] == ["产业帮扶", "就业帮扶"]
            assert household.identified_on == dt.date(2024, 12, 1)
            columnar = check_columnar(path, as_of=AS_OF, header_row=header_row, connection=CON)
            assert (columnar.report.header_row, columnar.report.good) == (3, 1)


def test_a_note_under_a_single_column_keeps_its_name(tmp_path):
    """元 under 人均纯收入 refused the join: the measures were lost, row 2 a household without 户编号."""
    rows = [
        ["户编号", "行政村", "户类型", "帮扶措施", "", "人均纯收入"],
        ["", "", "", "帮扶措施1", "帮扶措施1开始时间", "元"],
        ["H1", "峡隆村", "一般农户", "产业帮扶", "2025-01-01", "9800"],
    ]
    read = read_households(write(tmp_path / "ledger.csv", rows))
    assert (read.report.header_row, read.report.issues) == (2, ())
    [household] = read.rows
    assert ([m.kind.value for m in household.measures], household.income_per_capita) == (
        ["产业帮扶"],
        Decimal(9800),
    )


def test_a_number_over_a_blank_names_an_ignored_column_on_every_engine(tmp_path):
    """A year (a number cell) on the upper row: the columnar engine's fast read dropped its name."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["户编号", "行政村", "户类型", "帮扶措施", None, 2024, "识别时间"])
    sheet.append([None, None, None, "帮扶措施1", "帮扶措施1开始时间", None, None])
    sheet.append(["H1", "峡隆村", "一般农户", "产业帮扶", "2025-01-01", "x", "2024-12-01"])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert read.report.ignored_columns == columnar.report.ignored_columns == ("2024",)
    assert read.report.header_row == columnar.report.header_row == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    ("extra", "value"), [("纳入方式", "绿色通道"), ("与户主关系", "户主"), ("", "户主")]
)
def test_a_first_row_of_data_without_its_key_stays_a_row(tmp_path, suffix, extra, value):
    """户编号 left blank, and a cell naming a field the header lacks: the row was joined into the
    header (header_row 2), lost without an issue, and the other rows read against its names."""
    header = ["户编号", "行政村", "户类型", "风险线索发现时间", "识别时间", extra]
    rows = [
        header,
        ["", "红星村", "一般农户", "2025-06-01", "2025-06-16", value],
        ["6403240102", "红星村", "脱贫户", "2025-06-01", "2025-06-17", "常规程序"],
    ]
    read = read_households(write(tmp_path / f"ledger{suffix}", rows))
    assert read.report.header_row == 1
    assert [h.id for h in read.rows] == ["6403240102"]
    assert [(i.row, i.field) for i in read.report.issues] == [(2, "household_id")]
    columnar = check_columnar(tmp_path / f"ledger{suffix}", as_of=AS_OF, connection=CON)
    assert (columnar.report.header_row, located(columnar.report)) == (1, located(read.report))


def test_a_merged_header_with_a_group_over_one_column(tmp_path):
    """联系方式 over 联系电话 only, every other name merged over both rows: the phone was read
    (a guard of the merged header, whose join must not ask for a group of two columns)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    names = ["户编号", "行政村", "户类型", "联系方式", "识别时间"]
    for column, name in enumerate(names, 1):
        sheet.cell(row=1, column=column, value=name)
        if name != "联系方式":
            sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet["D2"] = "联系电话"
    sheet.append(["H1", "峡隆村", "一般农户", "13912345678", "2025-01-05"])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    read = read_households(path)
    assert (read.report.header_row, read.report.ignored_columns) == (2, ())
    assert read.rows[0].head is not None
    assert read.rows[0].head.phone == "13912345678"
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert (columnar.report.header_row, columnar.report.ignored_columns) == (2, ())
