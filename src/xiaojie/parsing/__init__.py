"""Reading the text of an action plan into a typed plan: :func:`parse_plan`.

:func:`parse_plan` takes a plan's text (or a text file) and returns a :class:`ParseResult`, the
pair ``(plan, report)``: a :class:`~xiaojie.model.Plan` and a :class:`ParseReport` whose
:class:`ParseNote` entries list, with line and column, the units added because the registry did
not know them, the web-page residue ignored, and every sentence with a date, number or unit that
no item took. Text that cannot make a plan raises :class:`PlanParseError`, with a line and a
column. :meth:`ParseReport.duty` gives each task's roles as a :class:`Duty` (lead, support,
implement, named persons, deadline); a :class:`Catalogue` of body names (:func:`bundled_catalogue`,
:func:`load_catalogue`) makes short and standard names one unit. An :class:`Overlay` adds the editorial ids and titles of a curated plan file
(:func:`load_overlay`, :func:`bundled_overlays`). The guide ``docs/parsing.md`` explains the
rules the parser follows.

>>> from xiaojie.io import bundled_source_text, load_plan
>>> plan, report = parse_plan(bundled_source_text(), source="ningxia-2025-action-plan.txt")
>>> plan == load_plan()
True
>>> [str(m.due) for m in plan.milestones[:2]], report.reference.isoformat()
(['2025-06-20', '2025-06-20'], '2025-06-18')
"""

from xiaojie.errors import PlanParseError
from xiaojie.parsing._catalogue import Catalogue, bundled_catalogue, load_catalogue
from xiaojie.parsing._clauses import Duty
from xiaojie.parsing._overlay import Overlay, OverlayEntry, bundled_overlays, load_overlay
from xiaojie.parsing._parse import parse_plan
from xiaojie.parsing._report import (
    Heading,
    Location,
    NoteKind,
    ParseNote,
    ParseReport,
    ParseResult,
)


__all__ = [
    "Catalogue",
    "Duty",
    "Heading",
    "Location",
    "NoteKind",
    "Overlay",
    "OverlayEntry",
    "ParseNote",
    "ParseReport",
    "ParseResult",
    "PlanParseError",
    "bundled_catalogue",
    "bundled_overlays",
    "load_catalogue",
    "load_overlay",
    "parse_plan",
]
