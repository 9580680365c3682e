"""Reading and writing files: plan files (TOML/JSON), progress files (CSV/XLSX/JSON) and tables.

Every file format of xiaojie's own data lives here; the classes it reads into live in
:mod:`xiaojie.model` and :mod:`xiaojie.progress`.
"""

from xiaojie.io._planfile import (
    BUNDLED_PLAN,
    SCHEMA_ID,
    bundled_source_text,
    load_plan,
    plan_from_mapping,
    plan_to_mapping,
    save_plan,
)
from xiaojie.io._progressfile import read_progress, write_progress


__all__ = [
    "BUNDLED_PLAN",
    "SCHEMA_ID",
    "bundled_source_text",
    "load_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "read_progress",
    "save_plan",
    "write_progress",
]
