"""Which units own overdue items of the bundled plan on 2025-08-01?

Run it from the repository root::

    python examples/overdue_units.py                 # as of 2025-08-01, nothing reported done
    python examples/overdue_units.py 2025-09-15      # another reporting date

It prints one block per unit or unit group, in the order the plan names them: each overdue item
with its due date, the unit's role (牵头 lead / 配合 co-responsible) and the task it belongs to.
Items that name no owner at all are listed at the end.
"""

import datetime as dt
import sys

import xiaojie as xj
from xiaojie.dates import as_date
from xiaojie.queries import units_with_overdue_tasks
from xiaojie.tracking import status


def report(as_of: dt.date) -> str:
    """Return the report of overdue items by owner, as of a date, with nothing reported done."""
    plan = xj.load_plan()
    snapshot = status(plan, as_of=as_of)
    rows = units_with_overdue_tasks(plan, snapshot)
    lines = [f"{plan.title}", f"截至 {as_of}，有逾期事项的责任单位 {len(rows)} 个：", ""]
    for row in rows:
        kind = "（单位组）" if row.is_group else ""
        lines.append(f"{row.owner.name}{kind}")
        for owned in row.owned:
            task = f"任务{owned.task}" if owned.task is not None else "推进实施"
            via = f"，经由{owned.via}" if owned.via else ""
            lines.append(f"  - {owned.due} {owned.title}（{owned.role.label}，{task}{via}）")
    unowned = [e for e in snapshot.overdue() if not e.owners]
    if unowned:
        lines.extend(["", "未明确责任单位的逾期事项："])
        lines.extend(f"  - {e.due} {e.title}" for e in unowned)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the report for the date given (default 2025-08-01)."""
    as_of = as_date(argv[1], field="AS_OF") if len(argv) > 1 else dt.date(2025, 8, 1)
    print(report(as_of))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except xj.XiaojieError as err:  # a bad date, a missing extra: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
