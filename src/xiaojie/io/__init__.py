"""Reading and writing files: plan files (TOML/JSON), progress sheets out and back in."""

from xiaojie.io._collect import (
    Collected,
    Collection,
    Verdict,
    collect,
    read_collection,
    write_collection,
)
from xiaojie.io._planfile import (
    BUNDLED_PLAN,
    SCHEMA_ID,
    bundled_source_text,
    load_plan,
    plan_from_mapping,
    plan_to_mapping,
    save_plan,
)
from xiaojie.io._sheets import (
    COLUMNS,
    FILL_STATES,
    ProgressSheet,
    SheetRow,
    progress_sheets,
    read_returned,
    sheet_xlsx,
    write_sheets,
)


__all__ = [
    "BUNDLED_PLAN",
    "COLUMNS",
    "FILL_STATES",
    "SCHEMA_ID",
    "Collected",
    "Collection",
    "ProgressSheet",
    "SheetRow",
    "Verdict",
    "bundled_source_text",
    "collect",
    "load_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "progress_sheets",
    "read_collection",
    "read_returned",
    "save_plan",
    "sheet_xlsx",
    "write_collection",
    "write_sheets",
]
