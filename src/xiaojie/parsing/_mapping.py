"""What was read, written as the mapping a plan file holds (``xiaojie-plan/1``).

The parser builds its :class:`~xiaojie.model.Plan` the way plan files are loaded: it writes a
mapping and hands it to :func:`xiaojie.io.plan_from_mapping`, so parsed and curated plans pass
the same checks.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xiaojie.io import SCHEMA_ID
from xiaojie.io._mapping import value_to_mapping


if TYPE_CHECKING:
    from xiaojie.dates import Period
    from xiaojie.model import Owner, UnitRegistry
    from xiaojie.parsing._state import CampaignRow, Draft, TaskRow


__all__ = ["encode_draft", "encode_phase", "encode_plan", "encode_task"]


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v not in ([], "")}


def _names(owners: tuple[Owner, ...]) -> list[str]:
    return [o.name for o in owners]


def encode_phase(phase_id: str, number: int, name: str, when: Period, text: str) -> dict[str, Any]:
    """Return a ``[[phases]]`` row."""
    return {
        "id": phase_id,
        "number": number,
        "name": name,
        "when": value_to_mapping(when),
        "text": text,
    }


def encode_task(task: TaskRow, registry: UnitRegistry) -> dict[str, Any]:
    """Return a ``[[tasks]]`` row; units by their written form where it names the same unit.

    The units that carry the task out (落实) are named again in ``implementing``, those a
    support word names (配合, 协办, 参与) in ``supporting``; the persons the clause names
    (责任人, 分管领导) are ``persons``, as written.
    """
    units = [
        written if written and _id(registry.find(written)) == owner.id else owner.name
        for owner, written in zip(task.owners, task.written, strict=True)
    ]
    implementing = {owner.id for owner in task.implementing}
    supporting = {owner.id for owner in task.supporting}
    row = {
        "number": task.number,
        "campaign": task.campaign,
        "title": task.title,
        "units": units,
        "implementing": [
            name for name, owner in zip(units, task.owners, strict=True) if owner.id in implementing
        ],
        "supporting": [
            name for name, owner in zip(units, task.owners, strict=True) if owner.id in supporting
        ],
        "units_text": task.units_text,
        "persons": list(task.persons),
        "text": task.text,
    }
    return {k: v for k, v in row.items() if v != [] or k == "units"}


def _id(owner: Owner | None) -> str:
    return owner.id if owner is not None else ""


def encode_draft(draft: Draft) -> dict[str, Any]:
    """Return the row of a milestone, obligation, indicator or time limit."""
    fields = draft.fields
    task = fields.get("task")
    if draft.kind == "milestone":
        row = _compact(
            {
                "id": draft.id,
                "title": draft.title,
                "when": value_to_mapping(fields["when"]),
                "task": task,
                "phase": fields.get("phase_id"),
                "text": draft.text,
            }
        )
        return row | {"owners": _names(fields.get("owners", ())), "after": list(fields["after"])}
    if draft.kind == "obligation":
        row = _compact(
            {
                "id": draft.id,
                "title": draft.title,
                "cadence": value_to_mapping(fields["cadence"]),
                "task": task,
                "active": value_to_mapping(fields["active"]),
                "tracking": str(fields["tracking"]),
                "text": draft.text,
            }
        )
        return row | {"owners": _names(fields.get("owners", ()))}
    if draft.kind == "indicator":
        row = _compact(
            {
                "id": draft.id,
                "name": draft.title,
                "task": task,
                "check": str(fields["check"]),
                "section": fields["section"],
                "text": draft.text,
                "targets": [value_to_mapping(t) for t in fields["targets"]],
            }
        )
        return row | {"owners": [], "exclusions": list(fields["exclusions"])}
    return _compact(
        {
            "id": draft.id,
            "title": draft.title,
            "span": value_to_mapping(fields["span"]),
            "task": task,
            "text": draft.text,
        }
    )


def encode_plan(
    head: dict[str, Any],
    registry: UnitRegistry,
    campaigns: list[CampaignRow],
    tables: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Return the whole plan-file mapping."""
    return {
        "schema": SCHEMA_ID,
        "plan": {k: v for k, v in head.items() if v is not None and not isinstance(v, dt.datetime)},
        "units": [value_to_mapping(u) for u in registry.units],
        "groups": [value_to_mapping(g) for g in registry.groups],
        "campaigns": [
            {"number": c.number, "name": c.name, "short_name": c.short_name} for c in campaigns
        ],
        **tables,
    }
