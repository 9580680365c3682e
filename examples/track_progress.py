"""Print a status summary of the bundled 2025 Ningxia plan from a progress file.

Usage::

    python examples/track_progress.py [PROGRESS_FILE] [AS_OF]

``PROGRESS_FILE`` is a CSV, XLSX or JSON progress file (default: the example next to this script,
``progress/ningxia-2025-progress.csv``); ``AS_OF`` is the date of the status, ``YYYY-MM-DD``
(default 2025-09-15). The date is always given: the status never depends on today's date.
"""

import datetime as dt
import sys
from pathlib import Path

import xiaojie as xj
from xiaojie.dates import as_date
from xiaojie.progress import read_progress
from xiaojie.tracking import Entry, EntryKind, Result, Snapshot, State, status


HERE = Path(__file__).parent
DEFAULT_PROGRESS = HERE / "progress" / "ningxia-2025-progress.csv"
DEFAULT_AS_OF = dt.date(2025, 9, 15)


def _lead(entry: Entry) -> str:
    return entry.owners[0].name if entry.owners else "(未明确)"


def _line(entry: Entry) -> str:
    due = f"{entry.due:%m-%d}" if entry.due else "—"
    extra = f"  [{entry.note}]" if entry.note else ""
    return f"  {due}  {entry.key:<42} {entry.title[:28]:<28}  {_lead(entry)}{extra}"


def summary(plan: xj.Plan, snap: Snapshot) -> str:
    """Return the status summary as text."""
    lines = [f"{plan.title[:30]}…", f"状态日期 {snap.as_of}, {len(snap)} 项", ""]
    counts = snap.counts()
    lines.append("  ".join(f"{state.label} {counts[state]}" for state in State if counts[state]))
    for title, entries in (
        ("已逾期", snap.overdue()),
        ("即将到期", snap.due_soon()),
        ("进行中", snap.with_state(State.IN_WINDOW)),
    ):
        lines += ["", f"{title} ({len(entries)})"]
        lines += [_line(e) for e in entries]
    targets = [
        e for e in snap if e.kind is EntryKind.TARGET and e.result is not Result.NOT_REPORTED
    ]
    lines += ["", "指标"]
    for entry in targets:
        value = "—" if entry.value is None else f"{entry.value:g}"
        result = entry.result.value if entry.result else "?"
        soft = " (力争)" if entry.soft else ""
        lines.append(f"  {entry.key:<30} {value:>6}  {result}{soft}  {entry.state.label}")
    lines += ["", "重点任务"]
    for number, state in snap.task_states().items():
        lines.append(f"  {number:>2}. {plan.task(number).title:<16} {state.label}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Read the arguments, compute the status and print the summary."""
    path = Path(argv[0]) if argv else DEFAULT_PROGRESS
    as_of = as_date(argv[1], field="AS_OF") if len(argv) > 1 else DEFAULT_AS_OF
    plan = xj.load_plan()
    try:
        progress = read_progress(path, plan=plan)
    except xj.ProgressError as err:
        print(err, file=sys.stderr)
        return 1
    print(summary(plan, status(plan, progress, as_of=as_of)))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except xj.XiaojieError as err:  # a bad date, a missing extra: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
