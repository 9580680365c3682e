"""Uses the public API as a user would; checked by mypy --strict in CI, not run."""

import datetime as dt

import xiaojie as xj


plan: xj.Plan = xj.load_plan()
lead: xj.ResponsibleUnit | xj.UnitGroup = plan.task(4).lead
names: list[str] = [u.name for u in plan.task(4).units]
unit = plan.units.resolve("医保局")
due: dt.date | None = plan.milestones[0].when.end
period = xj.dates.Period(None, dt.date(2025, 9, 10), text="9月10日前")
ok: bool = xj.dates.Comparator.MORE_THAN.holds(61.0, 60.0)
again: xj.Plan = xj.plan_from_mapping(xj.plan_to_mapping(plan))
