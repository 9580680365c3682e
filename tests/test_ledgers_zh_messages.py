"""The Chinese report says what a cell should hold in Chinese, for every kind of cell.

Half of the reader's wordings had no Chinese (应为a date such as 2025-06-01 or 2025年6月1日,
应为an amount in yuan such as 8523.50, 应为a whole number, 应为5-20 digits or hyphens,
应为是 or 否, 应为an id without spaces or invisible characters): the table of translations
listed older wordings the reader no longer writes.
"""

import datetime as dt
import re
from pathlib import Path

import pytest

from test_ledgers_io import write_csv
from xiaojie.ledgers import read_households
from xiaojie.render import ledger_problem


HEADER = ["户编号", "行政村", "户类型", "风险线索发现时间", "识别时间", "人均纯收入", "家庭人口数",
          "联系电话", "绿色通道", "整户无劳动能力"]  # fmt: skip
GOOD = ["H1", "峡隆村", "一般农户", "2025-06-01", "2025-06-05", "9000.00", "3", "0951-1234567",
        "否", "否"]  # fmt: skip
BAD = {
    "风险线索发现时间": ["2025年7月", "2025-02-30", "1900-01-01"],
    "人均纯收入": ["8700元", "1e20"],
    "家庭人口数": ["3人", "300"],
    "联系电话": ["0951-abc"],
    "绿色通道": ["有"],
    "整户无劳动能力": ["大概"],
    "户编号": ["H 7"],
    "户类型": ["贫困户"],
}
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _cases() -> list[tuple[str, str]]:
    return [(column, value) for column, values in BAD.items() for value in values]


@pytest.mark.parametrize(("column", "value"), _cases())
def test_each_problem_of_a_cell_reads_in_chinese(tmp_path: Path, column: str, value: str) -> None:
    row = list(GOOD)
    row[HEADER.index(column)] = value
    path = write_csv(tmp_path / "h.csv", [HEADER, row])
    [issue] = read_households(path).report.issues
    shown = ledger_problem(issue.message, "zh")
    assert "应为" in shown, shown
    expected = shown.split("应为", 1)[1].rsplit(",实为", 1)[0]
    assert not ENGLISH.search(expected), shown


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("６４０３２４１９４９１２３１００２X", "第1位是全角数字,请用半角数字填写"),
        ("640324194209109000", "末三位为000,像是表格把号码存成了数字"),
        ("64032419491231002", "应为17位数字加1位校验码(共18位),实为17位"),
    ],
)
def test_what_is_wrong_with_an_identity_number_reads_in_chinese(
    tmp_path: Path, number: str, said: str
) -> None:
    """The reason an identity number is refused was dropped from the Chinese report."""
    path = write_csv(tmp_path / "h.csv", [[*HEADER, "证件号码"], [*GOOD, number]])
    [issue] = read_households(path).report.issues
    shown = ledger_problem(issue.message, "zh")
    assert said in shown, shown
    assert number[4:-4] not in shown


def test_a_typed_cell_of_the_wrong_kind_reads_in_chinese(tmp_path: Path) -> None:
    """A Parquet ledger's typed cells: 应为date类型的值 came out half in English."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "户编号": ["H1"],
            "户类型": ["一般农户"],
            "风险线索发现时间": pa.array([45810], pa.int64()),
            "绿色通道": pa.array([2], pa.int64()),
            "家庭人口数": pa.array([dt.date(2025, 1, 1)], pa.date32()),
        }
    )
    path = tmp_path / "h.parquet"
    pq.write_table(table, path)
    shown = [ledger_problem(i.message, "zh") for i in read_households(path).report.issues]
    assert shown, "the typed cells are refused"
    for line in shown:
        expected = line.split("应为", 1)[1].rsplit(",实为", 1)[0]
        assert not ENGLISH.search(expected), line


def _found_cases(tmp_path: Path) -> list[tuple[str, Path]]:
    """Files whose one problem is what a cell held, said in words, not the cell itself."""
    empty = [*GOOD]
    empty[HEADER.index("户类型")] = ""
    data = write_csv(tmp_path / "good.csv", [HEADER, GOOD]).read_bytes()
    village = "峡隆村".encode()
    stray = tmp_path / "stray.csv"
    stray.write_bytes(data.replace(village, village[:3] + b"\xff" + village[3:]))
    # a name written in GBK (冯忠) in a UTF-8 file: its bytes are the name
    named = tmp_path / "named.csv"
    header, row = data.splitlines()
    named.write_bytes(header + ",户主姓名".encode() + b"\r\n" + row + b",\xb7\xeb\xd6\xd2\r\n")
    return [
        ("空白", write_csv(tmp_path / "empty.csv", [HEADER, empty])),
        ("与第2行重复", write_csv(tmp_path / "twice.csv", [HEADER, GOOD, GOOD])),
        ("不能按UTF-8读取的字节(0xFF),在'峡", stray),
        ("不能按UTF-8读取的字节(4个,可能含个人信息,不予显示)", named),
    ]


def test_what_a_cell_held_reads_in_chinese(tmp_path: Path) -> None:
    """实为an empty cell, 实为a duplicate of row 2, 实为bytes that are not UTF-8 …: in Chinese."""
    for said, path in _found_cases(tmp_path):
        [issue] = read_households(path, encoding="utf-8").report.issues
        shown = ledger_problem(issue.message, "zh")
        assert said in shown, shown
        found = shown.rsplit(",实为", 1)[1]
        assert not ENGLISH.search(re.sub(r"UTF-8|0x[0-9A-F]{2}", "", found)), shown


def _cross_field_problems() -> set[tuple[str, str, str]]:
    """Every ``(field, expected, found)`` the checks across a record's fields can give."""
    import itertools
    from decimal import Decimal

    from xiaojie.ledgers._enums import (
        AssetState,
        EliminationMode,
        HouseholdKind,
        MonitoringCategory,
        ProblemState,
    )
    from xiaojie.ledgers._household_fields import _household_check
    from xiaojie.ledgers._households import household_problems
    from xiaojie.ledgers._records import (
        asset_problems,
        fund_problems,
        problem_problems,
    )

    days = (None, dt.date(2024, 1, 1), dt.date(2025, 6, 1))
    found: set[tuple[str, str, str]] = set()
    for state, day1, day2, day3 in itertools.product(ProblemState, days, days, days):
        found.update(
            problem_problems(
                state=state, measures=0, found_on=dt.date(2025, 1, 1), deadline=dt.date(2024, 6, 1),
                accepted_on=day1, closed_on=day2 if day3 else day3,
            )
        )  # fmt: skip
    for state, scrapped, day in itertools.product(AssetState, (False, True), days):
        found.update(
            asset_problems(
                funding_year=2025, state=state, scrapped=scrapped, registered_on=day,
                handed_over_on=day, revitalised_on=day, written_off_on=day,
            )
        )  # fmt: skip
    for amounts in itertools.product((Decimal(-1), Decimal(0), Decimal(5)), repeat=4):
        allocated, spent, industry, retention = amounts
        found.update(
            fund_problems(allocated=allocated, spent=spent, industry=industry, retention=retention)
        )
    for kind, category, clue, identified, eliminated in itertools.product(
        HouseholdKind, MonitoringCategory, days, days, days
    ):
        found.update(
            household_problems(
                kind=kind, monitoring_category=category, clue_on=clue, identified_on=identified,
                eliminated_on=eliminated, elimination_mode=next(iter(EliminationMode)),
            )
        )  # fmt: skip
    found.update(
        _household_check({"measure_1": "产业帮扶", "measure_2_start": dt.date(2025, 1, 1)})
    )
    return found


def test_every_check_across_fields_reads_in_chinese() -> None:
    """应为a start date for 帮扶措施1,实为none; 应为more than 0 yuan …: half of the checks across a
    record's fields read half in English."""
    problems = _cross_field_problems()
    assert len({field for field, _, _ in problems}) >= 15  # the enumeration reaches the checks
    for _, expected, found in sorted(problems):
        shown = ledger_problem(f"某列: expected {expected}, found {found}", "zh")
        assert not ENGLISH.search(re.sub(r"\d{4}-\d{2}-\d{2}", "", shown)), shown


@pytest.mark.parametrize(
    "message",
    [
        "识别时间: expected a date such as 2025-06-01 or 2025年6月1日, found 'pending for a visit'",
        "资产状态: expected one of 在用、闲置, found '用于 for a 村'",
    ],
)
def test_a_cell_as_written_is_left_as_written(message: str) -> None:
    """A cell holding " for a " was turned round (实为visit'标为'pending)."""
    found = message.rsplit(", found ", 1)[1]
    assert ledger_problem(message, "zh").endswith(f",实为{found}")
