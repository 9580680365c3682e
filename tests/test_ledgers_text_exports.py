"""Text ledgers saved by a spreadsheet program as .txt: parted by tabs, in UTF-16 or GB18030.

Excel's and WPS's "Unicode 文本 (*.txt)" is UTF-16 parted by tabs, "文本文件(制表符分隔)" the
local code page parted by tabs: a .txt was split at commas and refused as no ledger ("expected
a header row naming 户编号"), though the same bytes named .tsv were read.
"""

import datetime as dt
from pathlib import Path

import pytest

from test_ledgers_columnar import CON, located
from xiaojie.ledgers import check_columnar, read_households


pytest.importorskip("pyarrow")

AS_OF = dt.date(2025, 8, 1)
ROWS = [
    ["户编号", "行政村", "户类型", "风险线索发现时间", "识别时间", "人均纯收入"],
    ["H1", "峡隆村", "一般农户", "2025-06-01", "2025-06-30", "9,000.00"],
    ["H2", "风富村", "一般农户", "2025-06-01", "2025-06-05", "8500"],
]


@pytest.mark.parametrize(
    ("encoding", "parted"),
    [("utf-16", "\t"), ("gb18030", "\t"), ("utf-8", "\t"), ("utf-8", ",")],
)
def test_a_txt_ledger_is_read_with_its_own_delimiter(tmp_path: Path, encoding, parted) -> None:
    rows = ROWS if parted == "\t" else [[c.replace(",", "") for c in row] for row in ROWS]
    text = "\r\n".join(parted.join(row) for row in rows) + "\r\n"
    path = tmp_path / "台账.txt"
    path.write_bytes(text.encode(encoding))

    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    assert [h.id for h in read.rows] == ["H1", "H2"]
    assert (read.report.rows, read.report.good) == (2, 2)
    assert (columnar.report.rows, columnar.report.good) == (2, 2)
    assert located(read.report) == located(columnar.report) == []
