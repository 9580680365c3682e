"""Plan files: a human-editable TOML format (and JSON for interchange), with a JSON Schema.

Loading reports **every** problem at once: a :class:`~xiaojie.errors.PlanFileError` lists each
one with its path (``tasks[3].units[1]``), what was expected and what was found. Saving writes
atomically (a temporary file in the same folder, then a rename), so a failed save never
replaces a good file.

The format is described field by field in ``docs/plan-format.md`` and by the schema shipped at
``xiaojie/data/plan.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tomli_w

from xiaojie._files import atomic_write
from xiaojie.dates import Cadence, Comparator, Frequency, Period, Span, SpanUnit, parse_when
from xiaojie.errors import PlanFileError, PlanValidationError, XiaojieError
from xiaojie.model import (
    Campaign,
    CheckMode,
    GroupKind,
    Indicator,
    Lineage,
    Milestone,
    Obligation,
    Owner,
    Phase,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    TimeLimit,
    Tracking,
    UnitGroup,
    UnitKind,
    UnitRegistry,
)


if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Mapping


__all__ = [
    "BUNDLED_PLAN",
    "SCHEMA_ID",
    "bundled_source_text",
    "load_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "save_plan",
]

SCHEMA_ID = "xiaojie-plan/1"
"""The value of the ``schema`` key that identifies this file format."""

BUNDLED_PLAN = "ningxia-2025"
"""The id of the plan :func:`load_plan` returns when given no path."""

_MISSING = object()
_T = TypeVar("_T")


class _Problems:
    """Collects problems with their paths while a mapping is read."""

    def __init__(self) -> None:
        self.items: list[PlanValidationError] = []

    def add(self, path: str, expected: str, found: object) -> None:
        shown = found if isinstance(found, str) else repr(found)
        self.items.append(PlanValidationError(path, expected, shown))

    def guard(self, path: str, build: Callable[..., _T], /, *args: Any, **kwargs: Any) -> _T | None:  # noqa: ANN401
        """Call ``build``; record any validation error under ``path`` and return ``None``."""
        try:
            return build(*args, **kwargs)
        except PlanFileError as group:
            self.items.extend(p.at(path) if not p.path else p for p in group.problems)
        except PlanValidationError as err:
            self.items.append(PlanValidationError(path, err.expected, err.found))
        except (XiaojieError, ValueError, TypeError) as err:
            self.items.append(PlanValidationError(path, "a valid value", str(err)))
        return None


def _show(value: object) -> str:
    if value is _MISSING:
        return "nothing (the field is missing)"
    return f"{type(value).__name__} {value!r}"


class _Reader:
    def __init__(self, problems: _Problems) -> None:
        self.p = problems
        self.reference: dt.date | None = None

    def get(
        self,
        data: Mapping[str, Any],
        path: str,
        key: str,
        kind: type | tuple[type, ...],
        expected: str,
        *,
        required: bool = True,
        default: Any = None,  # noqa: ANN401 - any default
    ) -> Any:  # noqa: ANN401 - typed by the caller's expectation
        value = data.get(key, _MISSING)
        where = f"{path}.{key}" if path else key
        if value is _MISSING:
            if required:
                self.p.add(where, expected, _show(value))
            return default
        kinds = kind if isinstance(kind, tuple) else (kind,)
        bad_bool = isinstance(value, bool) and bool not in kinds
        if bad_bool or not isinstance(value, kinds):
            self.p.add(where, expected, _show(value))
            return default
        return value

    def table(
        self, data: Mapping[str, Any], path: str, key: str
    ) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        where = f"{path}.{key}" if path else key
        if not isinstance(value, list):
            self.p.add(where, "a list of tables", _show(value))
            return []
        result = []
        for k, row in enumerate(value):
            if isinstance(row, dict):
                result.append((f"{where}[{k}]", row))
            else:
                self.p.add(f"{where}[{k}]", "a table", _show(row))
        return result

    def date(
        self, data: Mapping[str, Any], path: str, key: str, *, required: bool = True
    ) -> dt.date | None:
        value = data.get(key, _MISSING)
        where = f"{path}.{key}" if path else key
        if value is _MISSING:
            if required:
                self.p.add(where, "a date YYYY-MM-DD", _show(value))
            return None
        if isinstance(value, dt.datetime):
            self.p.add(where, "a date YYYY-MM-DD without a time", _show(value))
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.p.add(where, "a real calendar date YYYY-MM-DD", repr(value))
                return None
        self.p.add(where, "a date YYYY-MM-DD", _show(value))
        return None

    def enum(
        self,
        data: Mapping[str, Any],
        path: str,
        key: str,
        enum_type: type,
        *,
        default: Any = None,  # noqa: ANN401 - a member of enum_type
    ) -> Any:  # noqa: ANN401
        choices = [str(m.value) for m in enum_type]  # type: ignore[attr-defined]
        value = self.get(
            data, path, key, str, f"one of {', '.join(choices)}", required=default is None
        )
        if value is None:
            return default
        if value not in choices:
            self.p.add(f"{path}.{key}", f"one of {', '.join(choices)}", repr(value))
            return default
        return enum_type(value)

    def strings(
        self, data: Mapping[str, Any], path: str, key: str, *, required: bool = False
    ) -> list[str]:
        value = data.get(key, _MISSING)
        where = f"{path}.{key}" if path else key
        if value is _MISSING:
            if required:
                self.p.add(where, "a list of strings", _show(value))
            return []
        if not isinstance(value, list):
            self.p.add(where, "a list of strings", _show(value))
            return []
        result = []
        for k, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                result.append(item)
            else:
                self.p.add(f"{where}[{k}]", "a non-empty string", _show(item))
        return result

    def _phrase(self, where: str, phrase: str) -> Period | None:
        """Read a period written as a Chinese phrase ("7月底前"), in the plan's reference year."""
        if self.reference is None:
            self.p.add(
                where, "a period table (no reference date to read a phrase with)", repr(phrase)
            )
            return None
        try:
            value = parse_when(phrase, reference=self.reference)
        except XiaojieError as err:
            self.p.add(where, "a time phrase that names one period", str(err))
            return None
        if not isinstance(value, Period):
            kind = type(value).__name__
            self.p.add(where, "a time phrase that names one period", f"a {kind} {phrase!r}")
            return None
        return value

    def period(
        self, data: Mapping[str, Any], path: str, key: str, *, required: bool = True
    ) -> Period | None:
        value = data.get(key, _MISSING)
        where = f"{path}.{key}"
        if value is _MISSING:
            if required:
                self.p.add(where, "a period table {text, start, end}", _show(value))
            return None
        if isinstance(value, str):
            return self._phrase(where, value)
        if not isinstance(value, dict):
            self.p.add(where, "a period table {text, start, end}", _show(value))
            return None
        start = self.date(value, where, "start", required=False)
        end = self.date(value, where, "end", required=False)
        text = self.get(value, where, "text", str, "a string", required=False, default="")
        if ("start" in value and start is None) or ("end" in value and end is None):
            return None
        if start is None and end is None:
            self.p.add(where, "a start, an end or both", "neither")
            return None
        if start is not None and end is not None and end < start:
            self.p.add(f"{where}.end", f"a date on or after the start {start}", str(end))
            return None
        return Period(start, end, text=text)


def _resolve(
    registry: UnitRegistry | None, problems: _Problems, path: str, names: list[str]
) -> list[tuple[Owner, str]]:
    if registry is None:
        return []
    owners = []
    for k, name in enumerate(names):
        found = registry.find(name)
        if found is None:
            suggestions = registry.suggest(name)
            hint = f" (closest: {'、'.join(suggestions)})" if suggestions else ""
            problems.add(f"{path}[{k}]", f"a unit or group of the plan{hint}", repr(name))
        else:
            owners.append((found, name))
    return owners


def _read_units(r: _Reader, data: Mapping[str, Any]) -> UnitRegistry | None:
    units = []
    for path, row in r.table(data, "", "units"):
        uid = r.get(row, path, "id", str, "an id of lower-case letters, digits, _ or -")
        name = r.get(row, path, "name", str, "the unit's canonical name")
        aliases = r.strings(row, path, "aliases")
        kind = r.enum(row, path, "kind", UnitKind, default=UnitKind.OTHER)
        if uid is not None and name is not None:
            unit = r.p.guard(
                path,
                ResponsibleUnit,
                id=uid,
                name=name,
                aliases=aliases,
                kind=kind,
            )
            if unit is not None:
                units.append(unit)
    groups = []
    for path, row in r.table(data, "", "groups"):
        gid = r.get(row, path, "id", str, "an id of lower-case letters, digits, _ or -")
        name = r.get(row, path, "name", str, "the group's name as written")
        aliases = r.strings(row, path, "aliases")
        kind = r.enum(row, path, "kind", GroupKind, default=GroupKind.DESCRIPTIVE)
        members = r.strings(row, path, "members") if "members" in row else None
        parent = r.get(row, path, "parent", str, "the id of another group", required=False)
        if gid is not None and name is not None:
            group = r.p.guard(
                path,
                UnitGroup,
                id=gid,
                name=name,
                aliases=aliases,
                kind=kind,
                members=members,
                parent=parent,
            )
            if group is not None:
                groups.append(group)
    if not units and not groups:
        r.p.add("units", "at least one unit", "none")
        return None
    registry: UnitRegistry | None = r.p.guard("units", UnitRegistry, units, groups)
    return registry


def _read_target(r: _Reader, path: str, row: Mapping[str, Any]) -> Target | None:
    value = r.get(row, path, "value", (int, float), "a number", required=False)
    comparator = r.enum(row, path, "comparator", Comparator)
    unit = r.get(row, path, "unit", str, "a unit such as % or 万人", required=False, default="")
    due = r.period(row, path, "due", required=False)
    soft = r.get(row, path, "soft", bool, "true or false", required=False, default=False)
    approximate = r.get(
        row, path, "approximate", bool, "true or false", required=False, default=False
    )
    benchmark = r.get(row, path, "benchmark", str, "a benchmark name", required=False)
    text = r.get(row, path, "text", str, "a string", required=False, default="")
    if comparator is None or ("due" in row and due is None):
        return None
    result: Target | None = r.p.guard(
        path,
        Target,
        value=value,
        comparator=comparator,
        unit=unit,
        due=due,
        soft=soft,
        approximate=approximate,
        benchmark=benchmark,
        text=text,
    )
    return result


def plan_from_mapping(data: Mapping[str, Any], *, source: str = "plan") -> Plan:
    """Build a :class:`~xiaojie.model.Plan` from a parsed plan file, checking everything.

    Parameters
    ----------
    data
        The mapping a TOML or JSON plan file parses to.
    source
        How to name the input in the error (usually the file's path).

    Returns
    -------
    Plan

    Raises
    ------
    PlanFileError
        Listing every problem found, each with its path, what was expected and what was found.

    Examples
    --------
    >>> plan_from_mapping({"schema": "xiaojie-plan/1", "plan": {"id": "p"}}, source="demo")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanFileError: demo: 3 problem(s)
      plan.title: expected the document's title, found nothing (the field is missing)
      plan.reference_date: expected a date YYYY-MM-DD, found nothing (the field is missing)
      units: expected at least one unit, found none
    """
    p = _Problems()
    r = _Reader(p)
    schema = data.get("schema", SCHEMA_ID)
    if schema != SCHEMA_ID:
        p.add("schema", repr(SCHEMA_ID), repr(schema))
    head = data.get("plan", _MISSING)
    if not isinstance(head, dict):
        p.add("plan", "a table with the plan's header", _show(head))
        head = {}
    plan_id = r.get(head, "plan", "id", str, "an id such as ningxia-2025")
    plan_title = r.get(head, "plan", "title", str, "the document's title")
    reference = r.date(head, "plan", "reference_date")
    r.reference = reference
    published = r.date(head, "plan", "published", required=False)
    header = {
        key: r.get(head, "plan", key, str, "a string", required=False, default="")
        for key in ("issuer", "publisher", "index_number", "document_number", "source")
    }
    registry = _read_units(r, data)

    campaigns = []
    for path, row in r.table(data, "", "campaigns"):
        number = r.get(row, path, "number", int, "a positive integer")
        name = r.get(row, path, "name", str, "the campaign's name")
        short = r.get(row, path, "short_name", str, "a string", required=False, default="")
        if number is not None and name is not None:
            c = p.guard(
                path,
                Campaign,
                number=number,
                name=name,
                short_name=short,
            )
            if c is not None:
                campaigns.append(c)

    tasks = []
    task_units: dict[int, tuple[Owner, ...]] = {}
    for path, row in r.table(data, "", "tasks"):
        number = r.get(row, path, "number", int, "a positive integer")
        campaign = r.get(row, path, "campaign", int, "a campaign number")
        title = r.get(row, path, "title", str, "the task's title")
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        units_text = r.get(row, path, "units_text", str, "a string", required=False, default="")
        names = r.strings(row, path, "units", required=True)
        resolved = _resolve(registry, p, f"{path}.units", names)
        if not names and "units" in row:
            p.add(f"{path}.units", "at least one responsible unit", "an empty list")
        if None in (number, campaign, title) or len(resolved) != len(names) or not names:
            continue
        resp = [
            Responsibility(owner, Role.LEAD if k == 0 else Role.CO_RESPONSIBLE, as_written)
            for k, (owner, as_written) in enumerate(resolved)
        ]
        task = p.guard(
            path,
            Task,
            number=number,
            campaign=campaign,
            title=title,
            text=text,
            responsibilities=resp,
            units_text=units_text,
        )
        if task is not None:
            tasks.append(task)
            task_units[task.number] = task.units

    phases = []
    for path, row in r.table(data, "", "phases"):
        pid_ = r.get(row, path, "id", str, "an id")
        number = r.get(row, path, "number", int, "a positive integer")
        name = r.get(row, path, "name", str, "the phase's name")
        when = r.period(row, path, "when")
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        if None not in (pid_, number, name, when):
            ph = p.guard(
                path,
                Phase,
                id=pid_,
                number=number,
                name=name,
                when=when,
                text=text,
            )
            if ph is not None:
                phases.append(ph)

    def owners_for(path: str, row: Mapping[str, Any]) -> tuple[Owner, ...] | None:
        names = r.strings(row, path, "owners")
        owners = _resolve(registry, p, f"{path}.owners", names)
        if len(owners) != len(names):
            return None
        return tuple(o for o, _ in owners)

    milestones = []
    for path, row in r.table(data, "", "milestones"):
        mid = r.get(row, path, "id", str, "an id")
        title = r.get(row, path, "title", str, "what is to be done")
        when = r.period(row, path, "when")
        owners = owners_for(path, row)
        task_no = r.get(row, path, "task", int, "a task number", required=False)
        phase = r.get(row, path, "phase", str, "a phase id", required=False)
        after = r.strings(row, path, "after")
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        if None not in (mid, title, when, owners):
            m = p.guard(
                path,
                Milestone,
                id=mid,
                title=title,
                when=when,
                owners=owners,
                task=task_no,
                phase=phase,
                after=after,
                text=text,
            )
            if m is not None:
                milestones.append(m)

    obligations = []
    for path, row in r.table(data, "", "obligations"):
        oid = r.get(row, path, "id", str, "an id")
        title = r.get(row, path, "title", str, "what recurs")
        cad = r.get(
            row,
            path,
            "cadence",
            dict,
            "a cadence table {frequency, min_count, max_count, due_day, text}",
        )
        cadence = None
        if cad is not None:
            where = f"{path}.cadence"
            freq = r.enum(cad, where, "frequency", Frequency)
            low = r.get(
                cad, where, "min_count", int, "a positive integer", required=False, default=1
            )
            high = r.get(cad, where, "max_count", int, "a positive integer", required=False)
            due_day = r.get(cad, where, "due_day", int, "a day of the month 1-31", required=False)
            ctext = r.get(cad, where, "text", str, "a string", required=False, default="")
            if freq is not None:
                cadence = p.guard(
                    where,
                    Cadence,
                    frequency=freq,
                    min_count=low,
                    max_count=high,
                    due_day=due_day,
                    text=ctext,
                )
        owners = owners_for(path, row)
        task_no = r.get(row, path, "task", int, "a task number", required=False)
        active = r.period(row, path, "active")
        tracking = r.enum(row, path, "tracking", Tracking, default=Tracking.REPORTED)
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        if None not in (oid, title, cadence, owners, active):
            o = p.guard(
                path,
                Obligation,
                id=oid,
                title=title,
                cadence=cadence,
                owners=owners,
                task=task_no,
                active=active,
                tracking=tracking,
                text=text,
            )
            if o is not None:
                obligations.append(o)

    indicators = []
    for path, row in r.table(data, "", "indicators"):
        iid = r.get(row, path, "id", str, "an id")
        name = r.get(row, path, "name", str, "the indicator's name")
        targets = [_read_target(r, tpath, trow) for tpath, trow in r.table(row, path, "targets")]
        if "targets" not in row:
            p.add(f"{path}.targets", "a list of target tables", _show(_MISSING))
        elif isinstance(row["targets"], list) and not row["targets"]:
            p.add(f"{path}.targets", "at least one target", "an empty list")
        owners = owners_for(path, row)
        task_no = r.get(row, path, "task", int, "a task number", required=False)
        check = r.enum(row, path, "check", CheckMode, default=CheckMode.AT_DUE)
        exclusions = r.strings(row, path, "exclusions")
        section = r.get(row, path, "section", str, "a string", required=False, default="")
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        if None not in (iid, name, owners) and targets and None not in targets:
            ind = p.guard(
                path,
                Indicator,
                id=iid,
                name=name,
                targets=targets,
                task=task_no,
                owners=owners,
                check=check,
                exclusions=exclusions,
                section=section,
                text=text,
            )
            if ind is not None:
                indicators.append(ind)

    limits = []
    for path, row in r.table(data, "", "limits"):
        lid = r.get(row, path, "id", str, "an id")
        title = r.get(row, path, "title", str, "what the limit is about")
        sp = r.get(row, path, "span", dict, "a span table {amount, unit, comparator, text}")
        span = None
        if sp is not None:
            where = f"{path}.span"
            amount = r.get(sp, where, "amount", int, "a positive integer")
            unit = r.enum(sp, where, "unit", SpanUnit)
            comparator = r.enum(sp, where, "comparator", Comparator)
            stext = r.get(sp, where, "text", str, "a string", required=False, default="")
            if None not in (amount, unit, comparator):
                span = p.guard(
                    where,
                    Span,
                    amount=amount,
                    unit=unit,
                    comparator=comparator,
                    text=stext,
                )
        task_no = r.get(row, path, "task", int, "a task number", required=False)
        text = r.get(row, path, "text", str, "a string", required=False, default="")
        if None not in (lid, title, span):
            lim = p.guard(
                path,
                TimeLimit,
                id=lid,
                title=title,
                span=span,
                task=task_no,
                text=text,
            )
            if lim is not None:
                limits.append(lim)

    lineage = _read_lineage(p, data)
    if p.items or None in (plan_id, plan_title, reference, registry):
        raise PlanFileError(source, p.items)
    plan: Plan | None = p.guard(
        "",
        Plan,
        id=plan_id,
        title=plan_title,
        reference_date=reference,
        published=published,
        campaigns=campaigns,
        tasks=tasks,
        phases=phases,
        milestones=milestones,
        obligations=obligations,
        indicators=indicators,
        limits=limits,
        units=registry,
        lineage=lineage,
        **header,
    )
    if plan is None:
        raise PlanFileError(source, p.items)
    return plan


# --- lineage (a local plan's links to its parent plan) -------------------------------------
# The optional top-level table ``[lineage]``: ``parent`` (the parent plan's id), ``place`` (a
# division code) and ``links`` (local id -> parent id). Read and written only here.


def _read_lineage(p: _Problems, data: Mapping[str, Any]) -> Lineage | None:
    raw = data.get("lineage")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        p.add("lineage", "a table with parent, place and links", _show(raw))
        return None
    links = raw.get("links", {})
    if not isinstance(links, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in links.items()
    ):
        p.add("lineage.links", "a table of local id = parent id strings", _show(links))
        return None
    for key in ("parent", "place"):
        if key in raw and not isinstance(raw[key], str):
            p.add(f"lineage.{key}", "a string", _show(raw[key]))
            return None
    if not raw.get("parent"):
        p.add("lineage.parent", "the id of the parent plan", "nothing")
        return None
    return Lineage(parent=raw["parent"], place=raw.get("place", ""), links=links)


def _lineage_out(plan: Plan) -> dict[str, Any]:
    if plan.lineage is None:
        return {}
    lin = plan.lineage
    return {"lineage": {"parent": lin.parent, "place": lin.place, "links": lin.as_dict()}}


# --- end lineage -----------------------------------------------------------------------------


def _period_out(period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if period.text:
        out["text"] = period.text
    if period.start is not None:
        out["start"] = period.start
    if period.end is not None:
        out["end"] = period.end
    return out


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v not in ([], "")}


def plan_to_mapping(plan: Plan) -> dict[str, Any]:
    """Return the plan as the mapping a plan file holds (inverse of :func:`plan_from_mapping`).

    Owners are written by their canonical names, so the file stays readable and loads back
    to an equal plan.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> data = plan_to_mapping(load_plan())
    >>> data["tasks"][3]["units"][:2]
    ['自治区农业农村厅', '自治区教育厅']
    """

    def names(owners: tuple[Owner, ...]) -> list[str]:
        return [o.name for o in owners]

    header = {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "publisher": plan.publisher,
        "index_number": plan.index_number,
        "document_number": plan.document_number,
        "published": plan.published,
        "reference_date": plan.reference_date,
        "source": plan.source,
    }
    return {
        "schema": SCHEMA_ID,
        "plan": {k: v for k, v in header.items() if v is not None},
        "units": [
            {"id": u.id, "name": u.name, "aliases": list(u.aliases), "kind": str(u.kind)}
            for u in plan.units.units
        ],
        "groups": [
            _drop_none(
                {
                    "id": g.id,
                    "name": g.name,
                    "aliases": list(g.aliases),
                    "kind": str(g.kind),
                    "parent": g.parent,
                }
            )
            | ({"members": list(g.members)} if g.members is not None else {})
            for g in plan.units.groups
        ],
        "campaigns": [
            {"number": c.number, "name": c.name, "short_name": c.short_name} for c in plan.campaigns
        ],
        "tasks": [
            {
                "number": t.number,
                "campaign": t.campaign,
                "title": t.title,
                "units": names(t.units),
                "units_text": t.units_text,
                "text": t.text,
            }
            for t in plan.tasks
        ],
        "phases": [
            {
                "id": ph.id,
                "number": ph.number,
                "name": ph.name,
                "when": _period_out(ph.when),
                "text": ph.text,
            }
            for ph in plan.phases
        ],
        "milestones": [
            _drop_none(
                {
                    "id": m.id,
                    "title": m.title,
                    "when": _period_out(m.when),
                    "task": m.task,
                    "phase": m.phase,
                    "text": m.text,
                }
            )
            | {"owners": names(m.owners), "after": list(m.after)}
            for m in plan.milestones
        ],
        "obligations": [
            _drop_none(
                {
                    "id": o.id,
                    "title": o.title,
                    "cadence": _drop_none(
                        {
                            "frequency": str(o.cadence.frequency),
                            "min_count": o.cadence.min_count,
                            "max_count": o.cadence.max_count,
                            "due_day": o.cadence.due_day,
                            "text": o.cadence.text,
                        }
                    ),
                    "task": o.task,
                    "active": _period_out(o.active),
                    "tracking": str(o.tracking),
                    "text": o.text,
                }
            )
            | {"owners": names(o.owners)}
            for o in plan.obligations
        ],
        "indicators": [
            _drop_none(
                {
                    "id": i.id,
                    "name": i.name,
                    "task": i.task,
                    "check": str(i.check),
                    "section": i.section,
                    "text": i.text,
                    "targets": [
                        _drop_none(
                            {
                                "value": t.value,
                                "comparator": str(t.comparator),
                                "unit": t.unit,
                                "due": _period_out(t.due) if t.due is not None else None,
                                "soft": t.soft or None,
                                "approximate": t.approximate or None,
                                "benchmark": t.benchmark,
                                "text": t.text,
                            }
                        )
                        for t in i.targets
                    ],
                }
            )
            | {"owners": names(i.owners), "exclusions": list(i.exclusions)}
            for i in plan.indicators
        ],
        "limits": [
            _drop_none(
                {
                    "id": lim.id,
                    "title": lim.title,
                    "span": _drop_none(
                        {
                            "amount": lim.span.amount,
                            "unit": str(lim.span.unit),
                            "comparator": str(lim.span.comparator),
                            "text": lim.span.text,
                        }
                    ),
                    "task": lim.task,
                    "text": lim.text,
                }
            )
            for lim in plan.limits
        ],
    } | _lineage_out(plan)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} to JSON"
    raise TypeError(msg)


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> Path:
    """Write ``plan`` to a plan file (TOML, or JSON when the name ends in ``.json``), atomically.

    Parameters
    ----------
    plan
        The plan to write.
    path
        Where to write it; the folder is created if needed.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = save_plan(plan, pathlib.Path(folder) / "copy.toml")
    ...     load_plan(written) == plan
    True
    """
    target = Path(path)
    data = plan_to_mapping(plan)
    if target.suffix.lower() == ".json":
        blob = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default).encode()
    else:
        blob = tomli_w.dumps(data).encode()
    atomic_write(target, blob)
    return target


def bundled_source_text(plan_id: str = BUNDLED_PLAN) -> str:
    """Return the source text the bundled plan was curated from.

    Examples
    --------
    >>> bundled_source_text().splitlines()[5]
    '一、主要目标'
    """
    name = {BUNDLED_PLAN: "ningxia-2025-action-plan.txt"}.get(plan_id)
    if name is None:
        raise PlanFileError(
            plan_id, [PlanValidationError("plan_id", repr(BUNDLED_PLAN), repr(plan_id))]
        )
    return resources.files("xiaojie.data").joinpath(name).read_text(encoding="utf-8")


def _parse_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        problem = PlanValidationError(
            "", "a readable plan file", f"{type(err).__name__}: {err.strerror}"
        )
        raise PlanFileError(str(path), [problem]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = PlanValidationError(
            "", "UTF-8 text", f"an undecodable byte at offset {err.start}"
        )
        raise PlanFileError(str(path), [problem]) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            problem = PlanValidationError(
                f"line {err.lineno}, column {err.colno}", "valid JSON", err.msg
            )
            raise PlanFileError(str(path), [problem]) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            problem = PlanValidationError("", "valid TOML", str(err))
            raise PlanFileError(str(path), [problem]) from None
    if not isinstance(data, dict):
        raise PlanFileError(str(path), [PlanValidationError("", "a table at the top", _show(data))])
    return data


_CACHE: dict[str, Plan] = {}


def load_plan(path: str | os.PathLike[str] | None = None) -> Plan:
    """Load a plan: the bundled 2025 Ningxia plan, or a user's plan file.

    Parameters
    ----------
    path
        A ``.toml`` or ``.json`` plan file; ``None`` for the bundled plan.

    Returns
    -------
    Plan

    Raises
    ------
    PlanFileError
        If the file cannot be read or has problems; every problem is listed with its path.

    Examples
    --------
    >>> plan = load_plan()
    >>> len(plan.campaigns), len(plan.tasks)
    (8, 25)
    >>> plan.task(4).lead.name
    '自治区农业农村厅'
    >>> load_plan("no-such-plan.toml")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanFileError: no-such-plan.toml: 1 problem(s)
      expected a readable plan file, found FileNotFoundError: No such file or directory
    """
    if path is None:
        cached = _CACHE.get(BUNDLED_PLAN)
        if cached is None:
            resource = resources.files("xiaojie.data").joinpath(f"{BUNDLED_PLAN}.toml")
            with resources.as_file(resource) as bundled:
                cached = plan_from_mapping(
                    _parse_file(bundled), source=f"xiaojie/data/{BUNDLED_PLAN}.toml"
                )
            _CACHE[BUNDLED_PLAN] = cached
        return cached
    file = Path(path)
    return plan_from_mapping(_parse_file(file), source=str(file))
