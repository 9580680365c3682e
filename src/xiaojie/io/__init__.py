"""Reading and writing files: plan, progress and tabular files, and progress sheets (调度表).

Plan files are TOML or JSON; progress files CSV, XLSX or JSON; progress sheets go out to the
units as XLSX and come back as XLSX or CSV.

Every file format of xiaojie's own data lives here; the classes it reads into live in
:mod:`xiaojie.model` and :mod:`xiaojie.progress`.
"""

from typing import TYPE_CHECKING

from xiaojie._extras import load_lazily


if TYPE_CHECKING:
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
    from xiaojie.io._progressfile import read_progress, write_progress
    from xiaojie.io._sheets import (
        COLUMNS,
        FILL_STATES,
        ProgressSheet,
        SheetRow,
        place_sheets,
        progress_sheets,
        read_returned,
        sheet_xlsx,
        write_sheets,
    )


# Each reader and writer loads on first use (PEP 562): reading a plan file imports neither the
# progress sheets nor the collection of returned files.
_FROM = {
    "xiaojie.io._collect": (
        "Collected",
        "Collection",
        "Verdict",
        "collect",
        "read_collection",
        "write_collection",
    ),
    "xiaojie.io._planfile": (
        "BUNDLED_PLAN",
        "SCHEMA_ID",
        "bundled_source_text",
        "load_plan",
        "plan_from_mapping",
        "plan_to_mapping",
        "save_plan",
    ),
    "xiaojie.io._progressfile": (
        "read_progress",
        "write_progress",
    ),
    "xiaojie.io._sheets": (
        "COLUMNS",
        "FILL_STATES",
        "ProgressSheet",
        "SheetRow",
        "place_sheets",
        "progress_sheets",
        "read_returned",
        "sheet_xlsx",
        "write_sheets",
    ),
}
_WHERE = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str) -> object:
    return load_lazily(__name__, _WHERE, name, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


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
    "place_sheets",
    "plan_from_mapping",
    "plan_to_mapping",
    "progress_sheets",
    "read_collection",
    "read_progress",
    "read_returned",
    "save_plan",
    "sheet_xlsx",
    "write_collection",
    "write_progress",
    "write_sheets",
]
