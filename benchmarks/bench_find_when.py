"""Benchmark: ``xiaojie.dates.find_when`` over 1 MB of running text.

Run from the repository root::

    python benchmarks/bench_find_when.py                 # 1 MB, medians of 5 runs
    python benchmarks/bench_find_when.py --megabytes 2 --repeats 3

It prints a table and writes ``benchmarks/results/bench_find_when.json``.

The text is the bundled plan's text followed by sentences written as other documents write time
(work reports, 分工方案, 整改方案, statistics bulletins: year qualifiers, 前三季度, 1—9月, ranges
closed by 止, recurring due dates, spaces inside phrases, relative words, a few unreadable
phrases), repeated until it reaches the asked size. ``find_when`` runs with ``errors="report"``,
so the unreadable phrases are collected, not raised.

What is measured (medians after one warm-up, wall-clock and CPU seconds):

* ``find_when`` over the bundled plan's text alone (the seed);
* ``find_when`` over the whole text;
* a floor: one regular-expression pass over the same text that only finds the characters a
  phrase can start with (digits, 每, 年 …), with no reading at all. The ratio says how much the
  reading costs above merely looking at every character.

Target: 1 MB in under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from xiaojie.dates import Findings, find_when


if TYPE_CHECKING:
    from collections.abc import Callable


ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "src" / "xiaojie" / "data" / "ningxia-2025-action-plan.txt"
REFERENCE = dt.date(2025, 6, 18)

DOCUMENT_SENTENCES = (
    "2024年1—9月，全区农村居民人均可支配收入较上年同期增长6.5%，较上年底增加就业1.2万人。",
    "2024年前三季度累计完成投资120亿元，前10个月新增监测对象3000户。",
    "开展上年11月至今年3月冬春行动，6月底前完成全面排查，本季度末前完成整改。",
    "公示期自2025年6月20日起至6月26日止，有效期自2025年7月1日至2026年6月30日止。",
    "各地每年12月底前报送年度总结，每季度结束后10日内报送进展，次月5日前报送月报。",
    "每季度首月10日前召开调度会，每周三召开例会，每月结束后5个工作日内完成核对。",
    "要在 2025 年 6 月底前完成，6 月底前报送材料。",
    "今明两年重点推进，近三年累计投入，今后五年持续巩固，年中开展督查，上半年末完成验收。",
    "每户每年增收2000元，人均每年增收500元，每年转移就业稳定在1万人以上。",
    "当年11月至次年3月开展行动，19年底已完成的项目，2月30日前报送的材料不予受理。",
)


def document(megabytes: float) -> tuple[str, str]:
    """Return (the seed text, a text of about ``megabytes`` MB of UTF-8 built from it)."""
    seed = SEED.read_text(encoding="utf-8")
    unit = seed + "\n" + "\n".join(DOCUMENT_SENTENCES) + "\n"
    target = int(megabytes * 1_000_000)
    copies = max(1, target // len(unit.encode("utf-8")) + 1)
    text = unit * copies
    while len(text.encode("utf-8")) > target and len(text) > len(unit):
        text = text[: len(text) - len(unit) // 4]
    return seed, text


_FLOOR = re.compile(r"[0-9〇一二三四五六七八九十每年今本上下前近自从至到截]")


T = TypeVar("T")


def _scan(text: str) -> Findings:
    return find_when(text, reference=REFERENCE, errors="report")


def timed(function: Callable[[], T], repeats: int) -> tuple[float, float, T]:
    """Return the median wall and CPU seconds of ``function()`` and its last result."""
    result = function()  # warm-up
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeats):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--output", type=Path, default=ROOT / "benchmarks" / "results" / "bench_find_when.json"
    )
    args = parser.parse_args(argv)

    seed, text = document(args.megabytes)
    rows: dict[str, dict[str, float]] = {}
    for name, body in (("seed (bundled plan text)", seed), (f"{args.megabytes:g} MB", text)):
        wall, cpu, result = timed(functools.partial(_scan, body), args.repeats)
        size = len(body.encode("utf-8"))
        rows[name] = {
            "bytes": size,
            "found": len(result),
            "unread": len(result.unread),
            "wall_s": round(wall, 4),
            "cpu_s": round(cpu, 4),
            "cpu_s_per_mb": round(cpu / (size / 1_000_000), 4),
        }
    wall, cpu, hits = timed(lambda: sum(1 for _ in _FLOOR.finditer(text)), args.repeats)
    rows["floor: regex pass"] = {
        "bytes": len(text.encode("utf-8")),
        "found": hits,
        "unread": 0,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "cpu_s_per_mb": round(cpu / (len(text.encode("utf-8")) / 1_000_000), 4),
    }
    full = rows[f"{args.megabytes:g} MB"]
    figures: dict[str, Any] = {
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "repeats": args.repeats,
        "rows": rows,
        "ratio_to_floor": round(full["cpu_s"] / max(rows["floor: regex pass"]["cpu_s"], 1e-9), 1),
        "target_met": full["wall_s"] < 1.0 * args.megabytes,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(table(figures))
    print(f"\nwritten to {args.output}")
    return 0


def table(figures: dict[str, Any]) -> str:
    lines = [
        "| input | bytes | found | unread | wall s | CPU s | CPU s per MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in figures["rows"].items():
        lines.append(
            f"| {name} | {row['bytes']:,} | {row['found']:,} | {row['unread']:,} | "
            f"{row['wall_s']:.3f} | {row['cpu_s']:.3f} | {row['cpu_s_per_mb']:.3f} |"
        )
    lines.append(f"\nfind_when / regex floor (CPU): {figures['ratio_to_floor']}×")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
