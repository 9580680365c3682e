"""Uses the public API as a user would; checked by mypy --strict in CI, not run."""

import datetime as dt

import xiaojie as xj
from xiaojie import queries
from xiaojie.records import as_table


plan: xj.Plan = xj.load_plan()
lead: xj.ResponsibleUnit | xj.UnitGroup = plan.task(4).lead
names: list[str] = [u.name for u in plan.task(4).units]
unit = plan.units.resolve("医保局")
due: dt.date | None = plan.milestones[0].when.end
period = xj.dates.Period(None, dt.date(2025, 9, 10), text="9月10日前")
ok: bool = xj.dates.Comparator.MORE_THAN.holds(61.0, 60.0)
again: xj.Plan = xj.plan_from_mapping(xj.plan_to_mapping(plan))

# tables for analysts
snapshot: xj.Snapshot = xj.status(plan, as_of=dt.date(2025, 8, 1))
table: xj.Records = queries.plan_table(plan, "indicators", snapshot=snapshot)
rows: list[dict[str, object]] = table.to_records()
loads: xj.Records = queries.as_table([queries.workload(plan, u) for u in plan.owners_in_order()])
same: xj.Records = as_table(queries.slack(plan, snapshot))
