"""Documents from a plan: 任务分工表, 任务清单, status reports, timelines and calendars.

Every document is first built as a :class:`Document` (the report model) by a pure function —
no clock, no files; dates such as ``as_of`` are passed in — and then rendered to a format:
Markdown, a self-contained HTML page or site, CSV (UTF-8 with a BOM, so Excel reads Chinese),
XLSX, iCalendar or SVG. Labels are Chinese by default; ``lang="en"`` gives English labels. The
plan's own words (titles, unit names, time phrases) are always quoted as written.
"""

from xiaojie.errors import RenderError
from xiaojie.render._charts import overdue_chart, overdue_counts, pace_chart
from xiaojie.render._doc import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    Ref,
    Table,
    Text,
    plain,
    text,
)
from xiaojie.render._docx import to_docx
from xiaojie.render._html import to_html
from xiaojie.render._ics import calendar, obligation_rule, to_ics
from xiaojie.render._items import state_label
from xiaojie.render._labels import LANGS, Lang, label
from xiaojie.render._ledger_doc import (
    ledger_problem,
    ledger_report,
    ledger_skip_reason,
    plan_unit_name,
)
from xiaojie.render._markdown import to_markdown
from xiaojie.render._notice import UnitRank, notice, unit_ranking
from xiaojie.render._places_doc import PlacePace, place_paces, place_page, rollup_report
from xiaojie.render._plan_docs import (
    DatedItem,
    attribution,
    campaign_label,
    campaign_page,
    campaign_word,
    dated_items,
    division_table,
    owners_in_order,
    period_notice,
    responsibility_table,
    task_time_limit,
    unit_sheet,
    unit_sheets,
)
from xiaojie.render._site import FORMATS, SiteFile, available_formats, site_files, write_site
from xiaojie.render._status_doc import (
    overdue_report,
    status_notices,
    status_report,
    unit_status,
)
from xiaojie.render._tables import to_csv, to_xlsx
from xiaojie.render._text import display_width, to_text
from xiaojie.render._timeline import timeline, timeline_mermaid, timeline_svg
from xiaojie.render._versions_doc import diff_document


__all__ = [
    "FORMATS",
    "LANGS",
    "Block",
    "DatedItem",
    "Document",
    "Figure",
    "Heading",
    "Lang",
    "Paragraph",
    "PlacePace",
    "Ref",
    "RenderError",
    "SiteFile",
    "Table",
    "Text",
    "UnitRank",
    "attribution",
    "available_formats",
    "calendar",
    "campaign_label",
    "campaign_page",
    "campaign_word",
    "dated_items",
    "diff_document",
    "display_width",
    "division_table",
    "label",
    "ledger_problem",
    "ledger_report",
    "ledger_skip_reason",
    "notice",
    "obligation_rule",
    "overdue_chart",
    "overdue_counts",
    "overdue_report",
    "owners_in_order",
    "pace_chart",
    "period_notice",
    "place_paces",
    "place_page",
    "plain",
    "plan_unit_name",
    "responsibility_table",
    "rollup_report",
    "site_files",
    "state_label",
    "status_notices",
    "status_report",
    "task_time_limit",
    "text",
    "timeline",
    "timeline_mermaid",
    "timeline_svg",
    "to_csv",
    "to_docx",
    "to_html",
    "to_ics",
    "to_markdown",
    "to_text",
    "to_xlsx",
    "unit_ranking",
    "unit_sheet",
    "unit_sheets",
    "unit_status",
    "write_site",
]
