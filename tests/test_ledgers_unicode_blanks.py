"""Unicode blanks around a ledger's cells, on every engine.

A no-break space (U+00A0, what a cell pasted from a web page or Word ends with), the other
Unicode spaces and line separators were kept: ``H0002`` followed by one was another household
(read twice, no duplicate found), ``预旺镇`` followed by one another township, and an asset
ledger's county with one split its revitalisation rate in two. They are blanks now, as the
ASCII blanks and the ideographic space were: removed around a cell, refused inside a key.
"""

import datetime as dt

import pytest

from test_ledgers_columnar import CON, located
from test_ledgers_io import write_csv
from test_ledgers_xlsx import write_book
from xiaojie.ledgers import check, check_columnar, read_households
from xiaojie.ledgers._values import BLANKS


pytest.importorskip("pyarrow")

AS_OF = dt.date(2025, 8, 1)
HEADER = ["户编号", "乡(镇)", "行政村", "户类型", "风险线索发现时间", "识别时间"]
WIDE = ["\u00a0", "\u2002", "\u2009", "\u202f", "\u205f", "\u1680", "\u2028"]


def _ledger(blank: str) -> list[list[str]]:
    return [
        HEADER,
        ["H0001", "预旺镇", "峡隆村", "一般农户", "2025-06-01", "2025-06-30"],
        ["H0002", f"预旺镇{blank}", "峡隆村", "一般农户", "2025-06-01", "2025-06-05"],
        [f"H0001{blank}", "预旺镇", "峡隆村", "一般农户", "2025-06-01", "2025-06-30"],
    ]


def test_the_wide_blanks_are_blanks() -> None:
    assert all(ch in BLANKS for ch in WIDE)


@pytest.mark.parametrize("blank", WIDE)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_key_or_place_ending_in_a_unicode_blank_is_the_same(
    tmp_path, blank: str, suffix: str
) -> None:
    path = tmp_path / f"ledger{suffix}"
    if suffix == ".csv":
        write_csv(path, _ledger(blank))
    else:
        write_book(path, _ledger(blank))

    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    # the third row repeats H0001: a duplicate, set aside, on both engines
    assert [(i.row, i.field) for i in read.report.issues] == [(4, "household_id")]
    assert "duplicate of row 2" in read.report.issues[0].message
    assert located(read.report) == located(columnar.report)
    assert [h.id for h in read.rows] == ["H0001", "H0002"]
    assert {h.place.township for h in read.rows} == {"预旺镇"}
    findings = check(read.rows, as_of=AS_OF)
    assert findings.by_place("township") == columnar.findings.by_place("township")
    assert [k for k in findings.by_place("township") if k[1] != "预旺镇"] == []


@pytest.mark.parametrize("blank", WIDE)
def test_a_unicode_blank_inside_a_key_is_refused(tmp_path, blank: str) -> None:
    path = write_csv(
        tmp_path / "ledger.csv",
        [HEADER, [f"H{blank}0001", "预旺镇", "峡隆村", "一般农户", "2025-06-01", "2025-06-30"]],
    )
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert [(i.row, i.field) for i in read.report.issues] == [(2, "household_id")]
    assert located(read.report) == located(columnar.report)
