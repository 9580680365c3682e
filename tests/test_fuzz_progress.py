"""Fuzzed progress files and returned sheets: a result or a located error, never a crash."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable  # noqa: TC003 - fixtures' annotations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from fuzz_mutations import FUZZ, mutated_bytes, mutated_zip
from xiaojie.errors import ProgressError, SheetError, XiaojieError
from xiaojie.io import progress_sheets, read_progress, read_returned, sheet_xlsx, write_progress
from xiaojie.progress import Completion, Measurement, Progress
from xiaojie.tracking import status


PROGRESS = Progress(
    [
        Completion("m1", dt.date(2025, 1, 2), note="按期完成"),
        Measurement("i1", dt.date(2025, 3, 31), 60.5, benchmark=40, note="季度"),
        Completion("m2", dt.date(2025, 6, 30)),
    ]
)
LOCATED = re.compile(r"line \d+|row \d+|records\[\d+\]|cell |column \d+|sheet")


def _seed(tmp: Path, suffix: str) -> bytes:
    path = write_progress(PROGRESS, tmp / f"seed{suffix}")
    return Path(path).read_bytes()


def _check(path: Path, data: bytes) -> None:
    """Read ``data`` as the progress file ``path``: records, or a ProgressError naming file and place."""
    path.write_bytes(data)
    error: XiaojieError | None = None
    try:
        read_progress(path)
    except XiaojieError as err:
        error = err
    if error is None:
        return
    text = str(error)
    assert isinstance(error, ProgressError), f"{type(error).__name__}: {text}"
    for line in text.splitlines()[1:]:
        assert str(path) in line, line
    problems = text.splitlines()[1:] or [text]
    assert any(LOCATED.search(p) for p in problems) or "expected" in text, text


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The valid progress files the mutations start from, one per format."""
    folder = tmp_path_factory.mktemp("seeds")
    return {suffix: _seed(folder, suffix) for suffix in (".csv", ".json", ".xlsx")}


@FUZZ
@given(data=st.data())
def test_fuzzed_csv(
    example_folder: Callable[[str], Path], seeds: dict[str, bytes], data: st.DataObject
) -> None:
    """A damaged progress CSV reads or raises a ProgressError naming the file and line."""
    raw = data.draw(mutated_bytes(seeds[".csv"]))
    _check(example_folder("progress-csv") / "p.csv", raw)


@FUZZ
@given(data=st.data())
def test_fuzzed_json(
    example_folder: Callable[[str], Path], seeds: dict[str, bytes], data: st.DataObject
) -> None:
    """A damaged progress JSON reads or raises a ProgressError naming the file and place."""
    raw = data.draw(mutated_bytes(seeds[".json"]))
    _check(example_folder("progress-json") / "p.json", raw)


@FUZZ
@given(data=st.data())
def test_fuzzed_xlsx(
    example_folder: Callable[[str], Path], seeds: dict[str, bytes], data: st.DataObject
) -> None:
    """A damaged progress workbook (zip, parts, XML, coordinates) reads or raises a located ProgressError."""
    raw = data.draw(mutated_zip(seeds[".xlsx"]))
    _check(example_folder("progress-xlsx") / "p.xlsx", raw)


PLAN = xj.load_plan()
SHEET = next(s for s in progress_sheets(PLAN, status(PLAN, as_of=dt.date(2025, 8, 1))) if s.rows)
SHEET_SEED = sheet_xlsx(PLAN, SHEET)


@FUZZ
@given(data=st.data())
def test_fuzzed_returned_sheet(example_folder: Callable[[str], Path], data: st.DataObject) -> None:
    """A damaged returned 调度 sheet reads or raises a SheetError naming the file."""
    raw = data.draw(mutated_zip(SHEET_SEED))
    path = example_folder("progress-sheet") / "returned.xlsx"
    path.write_bytes(raw)
    error: XiaojieError | None = None
    try:
        read_returned(path)
    except XiaojieError as err:
        error = err
    if error is not None:
        assert isinstance(error, SheetError), f"{type(error).__name__}: {error}"
        assert str(path) in str(error), str(error)


@FUZZ
@given(
    bad=st.sampled_from(["2025-02-30", "sixty", "=1+1", "9" * 5000, "完成了吗", "1e999"]),
    column=st.sampled_from(["日期", "数值"]),
    position=st.integers(0, 3),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_good_rows_survive_a_bad_one(
    example_folder: Callable[[str], Path], bad: str, column: str, position: int, suffix: str
) -> None:
    """One bad cell is reported at its own row only: every other row reads, before and after it."""
    rows = [
        Measurement(f"i{k}", dt.date(2025, 1, 1 + k), float(k), note=f"第{k}行") for k in range(4)
    ]
    folder = example_folder("progress-good")
    good = Path(write_progress(Progress(rows), folder / f"good{suffix}"))
    assert len(read_progress(good).records) == len(rows)
    header = ["事项", "类型", "日期", "数值", "基准值", "备注"]
    cells = [[r.item, "测量", r.on.isoformat(), str(r.value), "", r.note] for r in rows]
    cells[position][header.index(column)] = bad
    path = folder / f"bad{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in [header, *cells]) + "\n", encoding="utf-8")
        bad_where = f"line {position + 2}"
    else:
        import openpyxl

        book = openpyxl.Workbook()
        for row in [header, *cells]:
            book.active.append(row)
        for cell in book.active[position + 2]:
            cell.data_type = "s"
        book.save(path)
        book.close()
        bad_where = f"row {position + 2}"
    with pytest.raises(ProgressError, match="1 problem") as caught:
        read_progress(path)
    problems = str(caught.value).splitlines()[1:]
    assert len(problems) == 1
    assert bad_where in problems[0]
    assert column in problems[0]
