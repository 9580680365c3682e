"""The ``xiaojie`` command line: a thin shell over the library.

Subcommands call pure library functions that return text; :func:`main` prints it. Errors are
one ``error: …`` line per problem on stderr with exit code 1; usage errors exit with 2.
Only this module may read the clock (to default ``--as-of`` to today).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from xiaojie.errors import PlanFileError, XiaojieError
from xiaojie.io import load_plan


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.model import Plan


__all__ = ["main", "show_plan"]


def show_plan(plan: Plan) -> str:
    """Return the plan's campaigns, tasks and their lead units as plain text.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> print(show_plan(load_plan()).splitlines()[3])
    (一)实施问题整改清零攻坚行动
    """
    numerals = "一二三四五六七八九十"
    lines = [plan.title, f"{plan.publisher} {plan.published or plan.reference_date}", ""]
    for campaign in plan.campaigns:
        label = numerals[campaign.number - 1] if campaign.number <= len(numerals) else campaign.number
        lines.append(f"({label}){campaign.name}")
        for task in plan.tasks_of(campaign):
            others = "、".join(o.name for o in task.co_responsible)
            tail = f"; 配合: {others}" if others else ""
            lines.append(f"  {task.number}. {task.title} — 牵头: {task.lead.name}{tail}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xiaojie", description="Ask an action plan questions: who does what, by when."
    )
    parser.add_argument("--plan", help="a plan file (.toml or .json); default: the bundled plan")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show", help="print the plan's campaigns, tasks and lead units")
    return parser


def _errors(err: XiaojieError) -> list[str]:
    if isinstance(err, PlanFileError):
        return [f"{err.source}: {p}" for p in err.problems] or [str(err)]
    return [str(err)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    try:
        plan = load_plan(args.plan)
        if args.command == "show":
            output = show_plan(plan)
        else:  # pragma: no cover - argparse rejects unknown commands
            return 2
    except XiaojieError as err:
        for line in _errors(err):
            print(f"error: {line}", file=sys.stderr)  # noqa: T201 - the CLI's job
        return 1
    try:
        print(output)  # noqa: T201 - the CLI's job
    except BrokenPipeError:  # the reader stopped early (`xiaojie show | head`)
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
