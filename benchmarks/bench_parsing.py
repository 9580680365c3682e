"""Benchmark: parsing plan texts with :func:`xiaojie.parsing.parse_plan`.

Run from the repository root::

    python benchmarks/bench_parsing.py                 # seed + 0.25, 0.5, 1 and 2 MB
    python benchmarks/bench_parsing.py --repeats 3 --sizes 0.25 0.5

It prints a table and writes ``benchmarks/results/bench_parsing.json``.

What is measured (medians of ``--repeats`` runs after one warm-up run, in wall-clock seconds and
in CPU seconds of the process; the CPU figure is steadier on a shared machine):

* the bundled 2025 Ningxia plan's text (about 26 kB of UTF-8, 25 tasks), parsed with the bundled
  registry and overlay; the target is under 0.1 s;
* a 1 MB plan of another province in the formats other plans use (labelled lines, 牵头/配合/落实
  roles, 按职责分工负责 with a time phrase, a 分工表 as tab-separated rows), with no bundled
  registry; the same target;
* the same formats with figures, dates and units varied from item to item (no line repeats),
  1 MB; the same target;
* synthetic plans of 0.25, 0.5, 1 and 2 MB of UTF-8: the seed's header, preamble and 主要目标,
  then its 重点任务 section repeated with campaigns and tasks renumbered, then its 推进实施 and
  工作要求. Every repetition holds the seed's responsibility lists, dates, cadences, targets and
  limits, so the parser does all its work on every part. The target is under 2 s for 1 MB, with
  time growing linearly (the table shows CPU seconds per MB for each size).

The first parse of a process also loads the bundled registry (``load_plan()``); the warm-up run
keeps that one-off cost out of the medians, and the table reports it separately.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

from xiaojie.io import bundled_source_text
from xiaojie.parsing import parse_plan


RESULTS = Path(__file__).parent / "results" / "bench_parsing.json"
NUMERALS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """Return ``n`` (1-999) in Chinese numerals as headings write it (十二, 一百零三)."""
    if n < 10:
        return NUMERALS[n]
    if n < 20:
        return "十" + (NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        return NUMERALS[n // 10] + "十" + (NUMERALS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    head = NUMERALS[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + NUMERALS[rest]
    if rest < 20:
        return head + "一十" + (NUMERALS[rest % 10] if rest % 10 else "")
    return head + NUMERALS[rest // 10] + "十" + (NUMERALS[rest % 10] if rest % 10 else "")


def synthetic_plan(size_bytes: int) -> str:
    """Return a plan text of about ``size_bytes`` bytes of UTF-8, built from the seed."""
    lines = bundled_source_text().splitlines()
    start = lines.index("二、重点任务") + 1
    end = lines.index("三、推进实施")
    head, body, tail = lines[:start], lines[start:end], lines[end:]
    tail_bytes = sum(len(line.encode()) + 1 for line in tail)
    out = list(head)
    size = sum(len(line.encode()) + 1 for line in out) + tail_bytes
    campaign = task = 0
    while size < size_bytes:
        for line in body:
            heading = re.match(r"^\(([一二三四五六七八九十]+)\)(.*)$", line)
            item = re.match(r"^(\d+)\.(.*)$", line)
            if heading:
                campaign += 1
                line = f"({chinese((campaign - 1) % 999 + 1)}){heading.group(2)}"  # noqa: PLW2901
            elif item:
                task += 1
                line = f"{task}.{item.group(2)}"  # noqa: PLW2901
            out.append(line)
            size += len(line.encode()) + 1
    out.extend(tail)
    return "\n".join(out)


OTHER_FORMATS = [
    "{n}.地区生产总值增长6%以上,年内完成重点项目投资计划。",
    "分管省领导:某某",
    "部门分工:省发展改革委牵头,各地、各部门配合。",
    "{m}.推进易地搬迁后续扶持,2025年6月底前完成安置区配套设施建设。(省发展改革委、省乡村振兴局牵头;省财政厅、人社厅配合;各州(市)党委和政府落实)",
    "{k}.完善医疗救助制度。(省医保局牵头,民政厅、卫生健康委等按职责分工负责,年内持续推进)",
]


def other_formats_plan(size_bytes: int) -> str:
    """Return a plan of another province (no bundled registry) in the formats of other plans."""
    out = ["某省2025年重点任务分工方案", "发布日期:2025-03-01", "一、重点任务"]
    size = sum(len(line.encode()) + 1 for line in out)
    task = 0
    table = ["序号\t具体措施\t牵头单位\t配合单位\t完成时限"]
    while size < size_bytes:
        n, m, k = task + 1, task + 2, task + 3
        task += 3
        for line in OTHER_FORMATS:
            text = line.format(n=n, m=m, k=k)
            out.append(text)
            size += len(text.encode()) + 1
        task += 1
        row = f"{task}\t壮大村级集体经济\t省农业农村厅\t省委组织部、省财政厅\t2025年底前"
        table.append(row)
        size += len(row.encode()) + 1
    return "\n".join([*out, "二、任务分工表", *table])


VARIED_UNITS = (
    "省发展改革委",
    "省乡村振兴局",
    "省财政厅",
    "人社厅",
    "省农业农村厅",
    "省民政厅",
    "省教育厅",
    "省住房城乡建设厅",
    "省水利厅",
    "省交通运输厅",
    "省卫生健康委",
    "省医保局",
)


def other_formats_varied_plan(size_bytes: int) -> str:
    """Return the formats of :func:`other_formats_plan` with numbers, dates and units varied.

    No two items read alike (figures, months, days and unit lists change from item to item),
    so nothing read once is met again word for word, as in a real plan.
    """
    out = ["某省2025年重点任务分工方案", "发布日期:2025-03-01", "一、重点任务"]
    size = sum(len(line.encode()) + 1 for line in out)
    task = k = 0
    while size < size_bytes:
        k += 1
        month, share = k % 12 + 1, k % 9 + 1
        u = [VARIED_UNITS[(k + j) % len(VARIED_UNITS)] for j in range(4)]
        lines = [
            f"{task + 1}.地区生产总值增长{share}.{k % 10}%以上,年内完成第{k}批重点项目投资计划。",
            f"分管省领导:第{k % 7 + 1}副省长",
            f"部门分工:{u[0]}牵头,各地、各部门配合。",
            (
                f"{task + 2}.推进第{k}片区易地搬迁后续扶持,2025年{month}月底前完成{k}个安置区配套设施建设。"
                f"({u[0]}、{u[1]}牵头;{u[2]}、{u[3]}配合;各州(市)党委和政府落实)"
            ),
            (
                f"{task + 3}.完善第{k}类医疗救助制度。({u[1]}牵头,{u[2]}、{u[3]}等按职责分工负责,"
                f"{month}月{k % 28 + 1}日前持续推进)"
            ),
        ]
        task += 3
        for line in lines:
            out.append(line)
            size += len(line.encode()) + 1
    return "\n".join(out)


def timed(text: str, repeats: int) -> tuple[float, float, int]:
    """Return the median wall-clock and CPU seconds of parsing ``text``, and its task count."""
    parse_plan(text)
    wall = []
    cpu = []
    tasks = 0
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        plan, _ = parse_plan(text)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        tasks = len(plan.tasks)
    return statistics.median(wall), statistics.median(cpu), tasks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per size (median)")
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0], help="sizes in MB"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    seed = bundled_source_text()
    started = time.perf_counter()
    parse_plan(seed)
    first = time.perf_counter() - started
    inputs = [("seed (bundled plan text)", seed, max(args.repeats, 11))]
    inputs += [
        (f"synthetic {size:g} MB", synthetic_plan(int(size * 1_000_000)), args.repeats)
        for size in args.sizes
    ]
    inputs.append(("other formats 1 MB", other_formats_plan(1_000_000), args.repeats))
    inputs.append(("other formats varied 1 MB", other_formats_varied_plan(1_000_000), args.repeats))
    rows = []
    for label, text, repeats in inputs:
        wall, cpu, tasks = timed(text, repeats)
        megabytes = len(text.encode()) / 1e6
        rows.append(
            {
                "input": label,
                "bytes": len(text.encode()),
                "tasks": tasks,
                "median_s": round(wall, 4),
                "median_cpu_s": round(cpu, 4),
                "cpu_s_per_mb": round(cpu / megabytes, 3),
            }
        )
    figures = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "repeats": args.repeats,
        "first_parse_with_registry_load_s": round(first, 4),
        "rows": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(table(figures))
    print(f"\nwritten to {args.output}")
    return 0


def table(figures: dict) -> str:
    lines = [
        f"Python {figures['python']} on {figures['machine']}; medians of {figures['repeats']} runs",
        f"first parse of the process (loads the bundled registry): {figures['first_parse_with_registry_load_s']} s",
        "",
        f"{'input':<28} {'bytes':>10} {'tasks':>6} {'wall s':>8} {'CPU s':>8} {'CPU s/MB':>9}",
    ]
    lines.extend(
        f"{r['input']:<28} {r['bytes']:>10,} {r['tasks']:>6} {r['median_s']:>8.3f} "
        f"{r['median_cpu_s']:>8.3f} {r['cpu_s_per_mb']:>9.3f}"
        for r in figures["rows"]
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
