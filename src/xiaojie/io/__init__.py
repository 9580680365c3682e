"""Reading and writing files: plan files (TOML/JSON) and, later, progress records."""

from xiaojie.io._planfile import (
    BUNDLED_PLAN,
    SCHEMA_ID,
    bundled_source_text,
    load_plan,
    plan_from_mapping,
    plan_to_mapping,
    save_plan,
)


__all__ = [
    "BUNDLED_PLAN",
    "SCHEMA_ID",
    "bundled_source_text",
    "load_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "save_plan",
]
