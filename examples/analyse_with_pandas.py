"""The bundled plan as pandas tables: status by state, overdue by unit, indicators, workload.

Needs the ``frames`` extra (``pip install "xiaojie[frames]"``). Run it from anywhere::

    python examples/analyse_with_pandas.py               # as of 2025-09-15, example progress
    python examples/analyse_with_pandas.py 2025-11-30    # another reporting date

It reads the example progress file next to this script, and prints four small tables: how many
entries are in each state, which units have most overdue items, each indicator's target stages
with the value reported as of the date, and the units answering for most tasks. It writes
nothing.
"""

import datetime as dt
import sys
from pathlib import Path

import xiaojie as xj
from xiaojie import queries
from xiaojie.dates import as_date
from xiaojie.progress import read_progress


PROGRESS = Path(__file__).parent / "progress" / "ningxia-2025-progress.csv"


def report(as_of: dt.date) -> str:
    """Return the four tables as text, as of a date, from the example progress."""
    plan = xj.load_plan()
    snapshot = xj.status(plan, read_progress(PROGRESS), as_of=as_of)

    entries = snapshot.to_pandas()
    by_state = entries["state"].value_counts().sort_index()

    overdue = entries[entries["state"] == "overdue"].explode("owners")
    by_unit = overdue.groupby("owners").size().sort_values(ascending=False).head(5)

    targets = queries.plan_table(plan, "indicators", snapshot=snapshot).to_pandas()
    shown = targets[targets["due"].notna()][
        ["name", "stage", "stages", "target", "unit", "due", "value", "state"]
    ]

    loads = queries.as_table([queries.workload(plan, u) for u in plan.owners_in_order()])
    busiest = loads.to_pandas().sort_values(["tasks", "lead"], ascending=False).head(5)

    return "\n\n".join(
        [
            f"{plan.title}(截至 {as_of})",
            "各状态事项数\n" + by_state.to_string(),
            "逾期事项最多的责任单位\n" + (by_unit.to_string() if len(by_unit) else "(无)"),
            "指标目标与截至当日的报送值\n" + shown.to_string(index=False),
            "承担任务最多的单位\n"
            + busiest[["owner", "lead", "co_responsible", "tasks"]].to_string(index=False),
        ]
    )


def main(argv: list[str]) -> int:
    """Print the tables for the date given (default 2025-09-15)."""
    as_of = as_date(argv[1], field="AS_OF") if len(argv) > 1 else dt.date(2025, 9, 15)
    print(report(as_of))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except xj.XiaojieError as err:  # a bad date, a missing extra: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
