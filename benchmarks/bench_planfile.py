"""Benchmark: reading and writing plan mappings (:func:`plan_from_mapping`, :func:`plan_to_mapping`).

Run from the repository root::

    python benchmarks/bench_planfile.py                  # the bundled plan and 10x, 100x copies
    python benchmarks/bench_planfile.py --repeats 3 --copies 1 10

What is measured (medians of ``--repeats`` runs after one warm-up run, in CPU seconds of the
process): turning the bundled plan file's mapping into a :class:`~xiaojie.model.Plan`, and back,
for the bundled plan and for plans made of ``N`` copies of its campaigns, tasks and items
(renumbered, so every copy is checked like the original).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
import tomllib
from importlib import resources
from typing import Any

from xiaojie.io import plan_from_mapping, plan_to_mapping


def bundled_mapping() -> dict[str, Any]:
    """Return the bundled plan file's mapping."""
    text = resources.files("xiaojie.data").joinpath("ningxia-2025.toml").read_text("utf-8")
    return tomllib.loads(text)


def copies(data: dict[str, Any], count: int) -> dict[str, Any]:
    """Return a plan mapping with ``count`` renumbered copies of the plan's campaigns and items."""
    out = copy.deepcopy(data)
    for key in (
        "campaigns",
        "tasks",
        "phases",
        "milestones",
        "obligations",
        "indicators",
        "limits",
    ):
        out[key] = []
    campaigns = len(data["campaigns"])
    tasks = len(data["tasks"])
    for k in range(count):

        def task_no(n: int | None, k: int = k) -> int | None:
            return None if n is None else n + k * tasks

        out["campaigns"] += [
            c | {"number": c["number"] + k * campaigns} for c in copy.deepcopy(data["campaigns"])
        ]
        out["tasks"] += [
            t | {"number": task_no(t["number"]), "campaign": t["campaign"] + k * campaigns}
            for t in copy.deepcopy(data["tasks"])
        ]
        out["phases"] += [p | {"id": f"{p['id']}-{k}"} for p in copy.deepcopy(data["phases"])]
        for key in ("milestones", "obligations", "indicators", "limits"):
            for item in copy.deepcopy(data.get(key, [])):
                item["id"] = f"{item['id']}-{k}"
                if "task" in item:
                    item["task"] = task_no(item["task"])
                if "phase" in item:
                    item["phase"] = f"{item['phase']}-{k}"
                if "after" in item:
                    item["after"] = [
                        a if a.startswith("task-") else f"{a}-{k}" for a in item["after"]
                    ]
                out[key].append(item)
    return out


def cpu(function: Any, *args: Any, repeats: int) -> float:
    """Return the median CPU seconds of ``repeats`` calls after one warm-up call."""
    function(*args)
    times = []
    for _ in range(repeats):
        start = time.process_time()
        function(*args)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    """Print a table of read and write times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    data = bundled_mapping()
    print("| copies | tasks | items | read CPU s | write CPU s |")
    print("|---:|---:|---:|---:|---:|")
    for count in args.copies:
        mapping = copies(data, count)
        plan = plan_from_mapping(mapping, source="bench")
        items = len(plan.milestones) + len(plan.obligations) + len(plan.indicators)
        read = cpu(plan_from_mapping, mapping, repeats=args.repeats)
        write = cpu(plan_to_mapping, plan, repeats=args.repeats)
        print(f"| {count} | {len(plan.tasks)} | {items} | {read:.4f} | {write:.4f} |")


if __name__ == "__main__":
    main()
