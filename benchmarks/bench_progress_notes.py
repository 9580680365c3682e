"""Time reading a progress file whose notes are masked (``mask_remark``) as each record is made.

    python benchmarks/bench_progress_notes.py                   # 10^5 records, medians of 3
    python benchmarks/bench_progress_notes.py --records 20000 --repeats 5
    PYTHONPATH=<another checkout>/src python benchmarks/bench_progress_notes.py   # its baseline

Two CSV files of the same records: ``repeated`` has five notes over and over (as a unit's
progress file does: 已完成, 按计划推进 …), ``distinct`` makes every note unique with a number, a
fifth of them naming a person with an illness (户主马秀兰患尿毒症,…), the worst case for the
masking, which masks each distinct note once. Prints the median wall time of ``read_progress``
per file after one warm-up read.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

from xiaojie.io import read_progress


NOTES = (
    "第{}次走访已完成",
    "按计划推进第{}项",
    "户主马秀兰患尿毒症,已落实健康帮扶{}",
    "全区已召开推进会议，参会{}人",
    "监测户{}户已全部纳入",
)


def write(path: Path, records: int, *, distinct: bool) -> None:
    """Write a progress CSV of ``records`` occurrences with the notes of :data:`NOTES`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["事项", "类型", "日期", "数值", "基准值", "备注"])
        for i in range(records):
            note = NOTES[i % len(NOTES)].format(i if distinct else "")
            day = f"2025-{1 + i % 9:02d}-{1 + i % 28:02d}"
            out.writerow(["resident-work-meeting", "开展", day, "", "", note])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, distinct in (("repeated", False), ("distinct", True)):
            path = Path(folder) / f"{name}.csv"
            write(path, args.records, distinct=distinct)
            times = []
            for _ in range(args.repeats + 1):  # the first read warms up
                started = time.perf_counter()
                progress = read_progress(path)
                times.append(time.perf_counter() - started)
            median = statistics.median(times[1:])
            print(f"{name}: {median:.2f} s for {len(progress.records)} records")


if __name__ == "__main__":
    main()
