"""The domain model: a plan, its campaigns, tasks, units and dated items.

Model classes hold data and check it; they never read files, the clock or the graph.
"""

from xiaojie.model._items import (
    Campaign,
    CheckMode,
    Indicator,
    Item,
    Lineage,
    Milestone,
    Obligation,
    OwnerRole,
    Phase,
    Responsibility,
    Role,
    Target,
    Task,
    TimeLimit,
    Tracking,
    TrackingMode,
    listed_roles,
)
from xiaojie.model._plan import Plan
from xiaojie.model._units import (
    GroupKind,
    Owner,
    ResponsibleUnit,
    UnitGroup,
    UnitKind,
    UnitRegistry,
    normalize_name,
    split_unit_list,
)


__all__ = [
    "Campaign",
    "CheckMode",
    "GroupKind",
    "Indicator",
    "Item",
    "Lineage",
    "Milestone",
    "Obligation",
    "Owner",
    "OwnerRole",
    "Phase",
    "Plan",
    "Responsibility",
    "ResponsibleUnit",
    "Role",
    "Target",
    "Task",
    "TimeLimit",
    "Tracking",
    "TrackingMode",
    "UnitGroup",
    "UnitKind",
    "UnitRegistry",
    "listed_roles",
    "normalize_name",
    "split_unit_list",
]
