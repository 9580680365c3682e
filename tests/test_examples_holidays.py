"""examples/next_year_holidays.py: the notice's holidays and the due dates it gives a monthly report."""

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from xiaojie.dates import HolidayShift


EXAMPLE = Path(__file__).parents[1] / "examples" / "next_year_holidays.py"
NOTICES = Path(__file__).parent / "data" / "holiday-notices"


def _run(*args, cwd):
    return subprocess.run(  # noqa: S603 - our own example script
        [sys.executable, str(EXAMPLE), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def _dues(out: str) -> dict[int, dt.date]:
    return {
        int(m[1]): dt.date.fromisoformat(m[2])
        for m in re.finditer(r"^  (\d+)月：(\S{10})", out, re.MULTILINE)
    }


def test_without_a_file_it_reads_the_2026_notice(tmp_path):
    done = _run(cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "春节：2026-02-15 至 2026-02-23" in done.stdout
    assert "通知所列日期与之一致" in done.stdout
    dues = _dues(done.stdout)
    assert sorted(dues) == list(range(1, 13))
    for month, due in dues.items():
        assert due == HolidayShift.POSTPONE.apply(dt.date(2026, month, 10))
    assert dues[1] == dt.date(2026, 1, 12)  # 10 January 2026 is a Saturday


def test_a_real_notice_file_of_a_covered_year(tmp_path):
    notice = tmp_path / "2025.txt"
    notice.write_text((NOTICES / "2025.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = _run(str(notice), cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "2025年部分节假日安排（2025.txt）" in done.stdout
    assert "通知所列日期与之一致" in done.stdout
    assert _dues(done.stdout)[10] == dt.date(2025, 10, 10)


def test_a_wrong_notice_is_one_error_line(tmp_path):
    notice = tmp_path / "bad.txt"
    notice.write_text(
        "关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假。\n", encoding="utf-8"
    )
    done = _run(str(notice), cwd=tmp_path)

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: holiday notice bad.txt, line 2: 2026-01-01 is a 星期四, not the 星期五 written; found '1月1日（周五）'"
    ]
    assert _run(str(tmp_path / "missing.txt"), cwd=tmp_path).stderr.startswith("error: ")
