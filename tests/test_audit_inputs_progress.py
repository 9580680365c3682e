"""Progress files with dates no office could have meant are refused, naming the line and the date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from xiaojie.cli._main import main
from xiaojie.errors import ProgressError
from xiaojie.io import read_progress


if TYPE_CHECKING:
    from pathlib import Path


_HEADER = "事项,类型,完成日期,数值,基准值,备注\n"


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_csv_date_outside_1900_2100_is_refused(tmp_path: Path, day: str) -> None:
    """A completion dated in year 1 or 9999 is a typo: the line and the date are named."""
    path = tmp_path / "progress.csv"
    path.write_text(_HEADER + f"local-work-ledgers,完成,{day},,,\n", encoding="utf-8")
    with pytest.raises(
        ProgressError,
        match=rf"line 2, 完成日期: expected a date between 1900 and 2100, found '{day}'",
    ):
        read_progress(path)


def test_json_date_outside_1900_2100_is_refused(tmp_path: Path) -> None:
    """A JSON record dated 0001-01-01 is refused as a CSV row is."""
    path = tmp_path / "progress.json"
    path.write_text(
        '{"schema": "xiaojie-progress/1", "records": '
        '[{"item": "local-work-ledgers", "kind": "completion", "date": "0001-01-01"}]}',
        encoding="utf-8",
    )
    with pytest.raises(
        ProgressError, match=r"records\[0\]\), date: expected a date between 1900 and 2100"
    ):
        read_progress(path)


def test_dates_at_the_edges_are_read(tmp_path: Path) -> None:
    """1900-01-01 and 2100-12-31 are still dates a progress file may hold."""
    path = tmp_path / "progress.csv"
    path.write_text(
        _HEADER
        + "local-work-ledgers,完成,1900-01-01,,,\nmobilisation-meetings,完成,2100-12-31,,,\n",
        encoding="utf-8",
    )
    days = sorted(str(r.on) for r in read_progress(path).records)
    assert days == ["1900-01-01", "2100-12-31"]


def test_cli_status_names_the_far_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``xiaojie status --progress`` with a 9999-12-31 completion exits 1 naming file and line."""
    path = tmp_path / "progress.csv"
    path.write_text(_HEADER + "local-work-ledgers,完成,9999-12-31,,,\n", encoding="utf-8")
    assert main(["status", "--progress", str(path), "--as-of", "2025-09-01"]) == 1
    assert (
        f"{path} line 2, 完成日期: expected a date between 1900 and 2100" in capsys.readouterr().err
    )


def test_rollup_csv_with_a_carriage_return_in_a_note_is_read(tmp_path: Path) -> None:
    """A 地区 CSV whose quoted 备注 holds a bare CR (typed in Excel on a Mac) is read, lines kept."""
    from xiaojie.io import load_plan
    from xiaojie.rollup import read_progress_by_place

    path = tmp_path / "progress.csv"
    path.write_bytes(
        (
            "地区,事项,类型,完成日期,数值,基准值,备注\r"
            '同心县,local-work-ledgers,完成,2025-06-08,,,"第一行\r第二行"\r'
            "盐池县,local-work-ledgers,完成,2025-06-09,,,\r"
        ).encode()
    )
    read = read_progress_by_place(path, plan=load_plan(None))
    notes = {place.name: [r.note for r in progress.records] for place, progress in read.items()}
    assert notes == {"同心县": ["第一行\r第二行"], "盐池县": [""]}
    path.write_bytes(path.read_bytes().replace(b"2025-06-09", b"2025-02-30"))
    with pytest.raises(
        ProgressError, match=r"progress\.csv line 4, 完成日期: expected a real calendar date"
    ):
        read_progress_by_place(path, plan=load_plan(None))
