"""Parse the text of an action plan and write it as a plan file.

Usage, from the repository root::

    python examples/parse_plan.py                       # the bundled plan's text → ningxia-2025.toml
    python examples/parse_plan.py PLAN.txt -o plan.toml
    python examples/parse_plan.py PLAN.txt -o plan.toml --reference 2025-06-18 --no-registry

The text can be UTF-8 or GB18030, with full-width or ASCII punctuation and with web-page residue
(navigation lines, 附件下载, 扫一扫…); see ``docs/parsing.md``. The parse report is printed:
every unit added because the registry did not know it, and every sentence with a date, number or
unit that no item took, with its line and column. The plan file is written with
:func:`xiaojie.save_plan` and loads back with :func:`xiaojie.load_plan`.

Options:

``-o FILE``
    Where to write the plan (``.toml`` or ``.json``); default: the input's name with ``.toml``.
``--reference YYYY-MM-DD``
    The date that gives phrases without a year their year, when the text has no 发文时间.
``--no-registry``
    Start from an empty unit registry instead of the bundled plan's (every unit is new).
``--no-overlay``
    Do not apply an editorial overlay (ids and titles of a curated plan) even if one matches.
``--all``
    Also print the report's notes that need no action (residue lines ignored, …).

Exit status: 0 on success, 1 when the text cannot be parsed (the error names line and column).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import xiaojie as xj
from xiaojie.io import bundled_source_text
from xiaojie.model import UnitRegistry
from xiaojie.parsing import parse_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Parse an action plan's text into a plan file.")
    parser.add_argument("text", nargs="?", type=Path, help="the plan's text file")
    parser.add_argument("-o", "--output", type=Path, help="the plan file to write")
    parser.add_argument("--reference", type=dt.date.fromisoformat, help="reference date")
    parser.add_argument("--no-registry", action="store_true", help="start from no known units")
    parser.add_argument("--no-overlay", action="store_true", help="apply no editorial overlay")
    parser.add_argument("--all", action="store_true", help="print informational notes too")
    args = parser.parse_args(argv)

    if args.text is None:
        folder = Path(tempfile.mkdtemp())
        source = folder / "ningxia-2025-action-plan.txt"
        source.write_text(bundled_source_text(), encoding="utf-8")
        output = args.output or folder / "ningxia-2025.toml"
    else:
        source = args.text
        output = args.output or source.with_suffix(".toml")

    try:
        plan, report = parse_plan(
            source,
            reference=args.reference,
            registry=UnitRegistry(()) if args.no_registry else None,
            overlay=None if args.no_overlay else "auto",
        )
    except xj.XiaojieError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1

    written = xj.save_plan(plan, output)
    print(report.format(include_info=args.all))
    counts = (
        f"{len(plan.campaigns)} campaigns, {len(plan.tasks)} tasks, {len(plan.phases)} phases, "
        f"{len(plan.milestones)} milestones, {len(plan.obligations)} obligations, "
        f"{len(plan.indicators)} indicators, {len(plan.limits)} limits, {len(plan.units)} units"
    )
    print(f"\n{plan.title}: {counts}")
    print(f"written to {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
