"""The document set of a plan: an HTML site plus Markdown, CSV, XLSX, iCalendar and SVG files.

:func:`site_files` lists the files as :class:`SiteFile` objects, each with its path and a
function that renders it, so a caller can show progress while writing them; nothing is
rendered until asked and nothing reads the clock. :func:`write_site` writes them.

Layout of the output folder::

    index.html                  the plan, its campaigns, the unit search, downloads
    division.html               the 任务分工表
    timeline.html, timeline.svg the phases and milestones (no SVG for a plan with neither)
    status.html                 the status report (when a status snapshot is given)
    campaigns/campaign-N.html   each campaign: its 分工表 and its tasks in the plan's words
    units/<id>.html             each unit's 任务清单 (and, with a snapshot, its overdue items)
    markdown/…                  the same documents as Markdown (timeline with a Mermaid gantt)
    tables/…                    CSV (UTF-8 with BOM) and XLSX
    tables/units/<id>.xlsx      each unit's 任务清单 as a workbook
    calendar/plan.ics           every deadline and recurring duty
    calendar/units/<id>.ics     each unit's own feed

A unit id longer than 100 characters names its files cut, with a digest (:func:`unit_stem`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from xiaojie._extras import available
from xiaojie._files import atomic_write, flush_files, write_new
from xiaojie.errors import RenderError
from xiaojie.model import Role
from xiaojie.render._doc import Cell, Document, Heading, Paragraph, Ref, Table
from xiaojie.render._html import NavLink, UnitEntry, search_block, search_prefixes, to_html
from xiaojie.render._ics import to_ics
from xiaojie.render._items import check_snapshot
from xiaojie.render._labels import Lang, check_lang, label, label_of
from xiaojie.render._markdown import to_markdown
from xiaojie.render._places_doc import check_rollup
from xiaojie.render._plan_docs import (
    attribution,
    campaign_label,
    campaign_page,
    campaign_word,
    division_table,
    owners_in_order,
    responsibility_table,
    unit_sheet,
)
from xiaojie.render._status_doc import status_notices, status_report, unit_status
from xiaojie.render._tables import to_csv, to_xlsx
from xiaojie.render._timeline import timeline, timeline_svg


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from xiaojie.model import Plan
    from xiaojie.progress import Progress
    from xiaojie.rollup import RollUp
    from xiaojie.tracking import Snapshot


__all__ = ["FORMATS", "SiteFile", "available_formats", "site_files", "write_site"]

FORMATS = ("html", "md", "csv", "xlsx", "ics", "svg")
"""Every format the document set can hold."""

_NEEDS = {"xlsx": "xlsxwriter", "ics": "icalendar"}


def available_formats() -> tuple[str, ...]:
    """Return the formats whose optional packages are installed (all, with the ``docs`` extra).

    Examples
    --------
    >>> set(available_formats()) <= set(FORMATS), "html" in available_formats()
    (True, True)
    """
    return tuple(f for f in FORMATS if f not in _NEEDS or available(_NEEDS[f]))


def _check_site_path(_instance: object, _attribute: object, value: str) -> None:
    """Refuse a path that could name a file outside the folder the set is written into."""
    parts = value.split("/") if isinstance(value, str) else [""]
    if (
        any(p in {"", ".", ".."} for p in parts)
        or any(c in p for p in parts for c in "\\\0")
        or ":" in parts[0]  # a drive (C:) on Windows
    ):
        msg = (
            "SiteFile.path: expected names joined by '/' (no empty name, '.', '..', "
            f"backslash, NUL or drive), found {value!r}"
        )
        raise RenderError(msg)


@attrs.frozen
class SiteFile:
    """One file of the document set: where it goes and how to make its bytes.

    ``path`` is relative to the set's folder, names joined by ``/``; one that could lead out
    of it (``..``, an absolute path, a backslash) is refused.

    Raises
    ------
    RenderError
        If ``path`` is not such a path.

    Examples
    --------
    >>> SiteFile("units/finance.html", lambda: b"").path
    'units/finance.html'
    >>> SiteFile("../index.html", lambda: b"")
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: SiteFile.path: expected names joined by '/' (no empty name, '.', '..', backslash, NUL or drive), found '../index.html'
    """

    path: str = attrs.field(validator=_check_site_path)
    make: Callable[[], bytes] = attrs.field(eq=False, repr=False)

    def render(self) -> bytes:
        """Return the file's bytes."""
        return self.make()


_ID_BYTES = 100
"""The longest unit id a file of the set is named by whole (``units/<id>.html``)."""


def unit_stem(owner_id: str) -> str:
    """Return the name a unit's files have in the set: its id, or a long id cut, with a digest.

    An id is letters, digits, ``_`` and ``-`` (the plan's rule), so it needs no cleaning; one
    longer than 100 characters is cut to 83 and given ``-`` and 16 hex digits of its digest, so
    that no file name of the set is too long for the file system and two long ids with the
    same start stay apart.

    Examples
    --------
    >>> unit_stem("finance")
    'finance'
    >>> stem = unit_stem("a" * 300)
    >>> len(stem), stem[80:84]
    (100, 'aaa-')
    """
    if len(owner_id.encode("utf-8")) <= _ID_BYTES:
        return owner_id
    digest = hashlib.blake2b(owner_id.encode("utf-8"), digest_size=8).hexdigest()
    return f"{owner_id[: _ID_BYTES - len(digest) - 1]}-{digest}"


def _bytes(
    render: Callable[[Table | Document], bytes], build: Callable[[], Table | Document]
) -> Callable[[], bytes]:
    return lambda: render(build())


def _const(table: Table) -> Callable[[], Table]:
    return lambda: table


def _unit_ics(plan: Plan, owner_id: str, stamp: dt.date | None, lang: Lang) -> Callable[[], bytes]:
    return lambda: to_ics(plan, unit=plan.units.by_id(owner_id), stamp=stamp, lang=lang)


def _linker(plan: Plan, root: str, ext: str) -> Callable[[Ref], str | None]:
    units: set[str] = plan.derived(
        "render.site_units", lambda p: {o.id for o in owners_in_order(p)}
    )
    campaign_of: dict[int, int] = plan.derived(
        "render.campaign_of", lambda p: {t.number: t.campaign for t in p.tasks}
    )

    def link(ref: Ref) -> str | None:
        if ref.kind == "unit":
            return f"{root}units/{unit_stem(ref.id)}.{ext}" if ref.id in units else None
        if ref.kind == "task":
            number = int(ref.id)
            anchor = f"#task-{number}" if ext == "html" else ""
            return f"{root}campaigns/campaign-{campaign_of[number]}.{ext}{anchor}"
        if ref.kind == "campaign":
            return f"{root}campaigns/campaign-{ref.id}.{ext}"
        return f"{root}{ref.id}"

    return link


def _nav(lang: Lang, *, with_status: bool) -> tuple[NavLink, ...]:
    links = [
        NavLink(label("home", lang), "index.html"),
        NavLink(label("division", lang), "division.html"),
        NavLink(label("timeline", lang), "timeline.html"),
    ]
    if with_status:
        links.append(NavLink(label("status", lang), "status.html"))
    return tuple(links)


def _index(
    plan: Plan, lang: Lang, formats: tuple[str, ...], *, snapshot: Snapshot | None
) -> Document:
    with_status = snapshot is not None
    when = plan.date
    facts = [
        *attribution(plan, lang),
        f"{label('published', lang)}: {when.isoformat()}",
        f"{label('index_number', lang)}: {plan.index_number}" if plan.index_number else "",
    ]
    owners = owners_in_order(plan)
    groups = sum(1 for o in owners if o.is_group)
    units = len(owners) - groups
    summary = (
        f"{len(plan.campaigns)} {campaign_word(plan, lang, form='count')} · {len(plan.tasks)} "
        f"{label('tasks_count', lang)} · {units} {label('units_count', lang)}"
        + (f" · {groups} {label('groups_count', lang)}" if groups else "")
    )
    if lang == "zh":
        summary = (
            f"{len(plan.campaigns)}{campaign_word(plan, lang, form='count')} · {len(plan.tasks)}"
            f"{label('tasks_count', lang)} · {units}{label('units_count', lang)}"
            + (f" · {groups}{label('groups_count', lang)}" if groups else "")
        )
    campaign_rows: list[tuple[Cell, ...]] = []
    for c in plan.campaigns:
        tasks = plan.tasks_of(c)
        numbers = (
            f"{tasks[0].number}–{tasks[-1].number}"
            if len(tasks) > 1
            else (str(tasks[0].number) if tasks else "")
        )
        campaign_rows.append(
            (
                campaign_label(c.number),
                (Ref(c.name, "campaign", str(c.number)),),
                numbers,
            )
        )
    pages: list[str | Ref] = [
        Ref(label("division", lang), "page", "division.html"),
        " · ",
        Ref(label("timeline", lang), "page", "timeline.html"),
    ]
    if with_status:
        pages.extend([" · ", Ref(label("status", lang), "page", "status.html")])
    downloads: list[str | Ref] = []

    def add(words: str, path: str) -> None:
        if downloads:
            downloads.append(" · ")
        downloads.append(Ref(words, "page", path))

    if "csv" in formats:
        add(f"{label('division', lang)} (CSV)", "tables/division.csv")
    if "xlsx" in formats:
        add(f"{label('division', lang)} (XLSX)", "tables/division.xlsx")
        add(f"{label('unit_lists', lang)} (XLSX)", "tables/responsibilities.xlsx")
    if "ics" in formats:
        add(f"{label('calendar', lang)} (.ics)", "calendar/plan.ics")
    if "svg" in formats and (plan.phases or plan.milestones):
        add(f"{label('timeline', lang)} (SVG)", "timeline.svg")
    if "md" in formats:
        add("Markdown", "markdown/division.md")
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(" · ".join(f for f in facts if f)),
        Paragraph(summary),
        Paragraph(tuple(pages)),
        *(
            [Paragraph(f"{label('as_of', lang)} {snapshot.as_of.isoformat()}")]
            if snapshot is not None
            else []
        ),
        *(
            Paragraph(n, notice=True)
            for n in (status_notices(plan, snapshot, lang=lang) if snapshot is not None else ())
        ),
        Heading(campaign_word(plan, lang, form="many")),
        Table(
            name="campaigns",
            columns=(label("no", lang), campaign_word(plan, lang), label("task", lang)),
            rows=campaign_rows,
        ),
    ]
    if downloads:
        blocks.extend([Heading(label("downloads", lang)), Paragraph(tuple(downloads))])
    blocks.append(Heading(label("unit_lists", lang)))
    return Document(slug="index", title=plan.title, lang=lang, blocks=blocks)


def _search_prefixes(plan: Plan) -> tuple[str, ...]:
    """Return the plan's own places and level words, which the unit search ignores."""
    return search_prefixes([o.name for o in owners_in_order(plan)], [plan.issuer, plan.title])


def _entries(plan: Plan, lang: Lang) -> list[UnitEntry]:
    entries = []
    lead_of = Counter(t.lead.id for t in plan.tasks)
    owner_of = Counter(o for t in plan.tasks for o in {r.owner.id for r in t.responsibilities})
    for owner in owners_in_order(plan):
        led = lead_of[owner.id]
        co = owner_of[owner.id] - led
        note = (
            f"{label_of(Role.LEAD, lang)} {led} · {label_of(Role.CO_RESPONSIBLE, lang)} {co}"
            if led or co
            else ""
        )
        entries.append(
            UnitEntry(
                id=owner.id,
                name=owner.name,
                aliases=owner.aliases,
                href=f"units/{unit_stem(owner.id)}.html",
                note=note,
            )
        )
    return entries


_D = TypeVar("_D")


class _Kept:
    """Documents built once and handed to each format that renders them, dropped after the last.

    A large plan's unit page, Markdown page and workbook are the same document: it is built
    for the first and kept for the number of formats that use it (then built again if asked
    once more, so a wrong count costs time, never correctness).
    """

    def __init__(self) -> None:
        self._kept: dict[object, tuple[Any, int]] = {}

    def get(self, key: object, make: Callable[[], _D], uses: int) -> _D:
        entry = self._kept.get(key)
        value, left = (make(), uses) if entry is None else entry
        if left > 1:
            self._kept[key] = (value, left - 1)
        else:
            self._kept.pop(key, None)
        return value


def site_files(
    plan: Plan,
    *,
    snapshot: Snapshot | None = None,
    as_of: dt.date | None = None,
    lang: str = "zh",
    formats: Iterable[str] | None = None,
    rollup: RollUp | None = None,
    progress: Progress | None = None,
) -> tuple[SiteFile, ...]:
    """List the files of the plan's document set, each ready to render.

    Parameters
    ----------
    plan
        The plan.
    snapshot
        The plan's status as of a date (:func:`xiaojie.tracking.status`). With it the set has
        the status report (``status.html``, ``markdown/status.md``, ``tables/status-*.csv``,
        ``tables/status.xlsx``) and each unit's page shows its overdue and due-soon items.
    as_of
        The report date: marked on the timeline, written in footers and as the calendars'
        ``DTSTAMP``; the snapshot's date when a snapshot is given. ``None`` leaves it out (the
        calendars then use the plan's reference date).
    lang
        ``"zh"`` or ``"en"``.
    formats
        Which formats to include (default: :func:`available_formats`).
    rollup
        The plan's status across places (:func:`xiaojie.rollup.rollup`). With it, the HTML
        set has ``places/index.html`` (rankings, lagging places, entries by place) and one page
        per place, ``places/<code>.html``; with a snapshot of the same date, the status report
        has the section 各地进度 too.
    progress
        The progress the snapshot was computed from, drawn in the status report's charts.

    Returns
    -------
    tuple of SiteFile
        In a fixed order: HTML pages, then Markdown, tables, calendars and the SVG.

    Raises
    ------
    RenderError
        If ``lang`` or a format is not supported, the snapshot or the roll-up is of another
        plan, or ``as_of`` differs from the snapshot's date.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> files = site_files(load_plan(), formats=["html"])
    >>> [f.path for f in files][:3]
    ['index.html', 'division.html', 'timeline.html']
    >>> site_files(load_plan(), formats=["pdf"])
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: formats: expected some of html, md, csv, xlsx, ics, svg, found 'pdf'
    """
    language = check_lang(lang)
    chosen = tuple(available_formats() if formats is None else formats)
    for f in chosen:
        if f not in FORMATS:
            msg = f"formats: expected some of {', '.join(FORMATS)}, found {f!r}"
            raise RenderError(msg)
    if snapshot is not None:
        check_snapshot(plan, snapshot)
        if as_of is not None and as_of != snapshot.as_of:
            msg = f"as_of: expected the snapshot's date {snapshot.as_of}, found {as_of}"
            raise RenderError(msg)
        as_of = snapshot.as_of
    with_status = snapshot is not None
    owners = owners_in_order(plan)
    footer_parts = [plan.title]
    if as_of is not None:
        footer_parts.append(f"{label('as_of', language)} {as_of.isoformat()}")
    footer = " · ".join(footer_parts)
    nav = _nav(language, with_status=with_status)
    if rollup is not None:
        if rollup.plan.id != plan.id:
            msg = f"rollup: expected a roll-up of plan {plan.id!r}, found one of {rollup.plan.id!r}"
            raise RenderError(msg)
        nav = (*nav, NavLink("各地进度" if language == "zh" else "Places", "places/index.html"))
        if snapshot is not None:
            check_rollup(plan, snapshot, rollup)
    files: list[SiteFile] = []
    kept = _Kept()
    pages = ("html" in chosen) + ("md" in chosen)
    tables = ("csv" in chosen) + ("xlsx" in chosen)

    def page(
        path: str, build: Callable[[], Document], extra: Callable[[], str] | None = None
    ) -> None:
        depth = path.count("/")
        root = "../" * depth

        def make() -> bytes:
            return to_html(
                build(),
                link=_linker(plan, root, "html"),
                site_title=plan.title,
                nav=nav,
                root=root,
                footer=footer,
                extra=extra() if extra is not None else "",
            ).encode("utf-8")

        files.append(SiteFile(path, make))

    def markdown(path: str, build: Callable[[], Document]) -> None:
        root = "../" * (path.count("/") - 1)
        files.append(
            SiteFile(
                path,
                lambda: to_markdown(build(), link=_linker(plan, root, "md")).encode("utf-8"),
            )
        )

    def division() -> Document:
        return kept.get("division", lambda: division_table(plan, lang=language), pages + tables)

    def the_timeline() -> Document:
        return timeline(plan, as_of=as_of, lang=language)

    def campaign_builder(number: int) -> Callable[[], Document]:
        return lambda: kept.get(
            ("campaign", number), lambda: campaign_page(plan, number, lang=language), pages
        )

    def sheet_of(owner_id: str) -> Document:
        return kept.get(
            ("sheet", owner_id),
            lambda: unit_sheet(plan, plan.units.by_id(owner_id), lang=language),
            (pages > 0) + ("xlsx" in chosen),
        )

    def unit_builder(owner_id: str) -> Callable[[], Document]:
        def build() -> Document:
            sheet = sheet_of(owner_id)
            if snapshot is None:
                return sheet
            standing = unit_status(plan, snapshot, plan.units.by_id(owner_id), lang=language)
            blocks = (*sheet.blocks, Heading(standing.title), *standing.blocks)
            return attrs.evolve(sheet, blocks=blocks)

        return lambda: kept.get(("unit", owner_id), build, pages)

    def campaign_table(number: int) -> Document:
        return kept.get(
            ("campaign-table", number),
            lambda: division_table(plan, campaign=number, lang=language),
            tables,
        )

    def responsibilities() -> Table:
        return kept.get(
            "responsibilities", lambda: responsibility_table(plan, lang=language), tables
        )

    reports: list[Document] = []

    def status_doc() -> Document:
        assert snapshot is not None  # noqa: S101 - only called when given
        if not reports:
            reports.append(
                status_report(plan, snapshot, lang=language, progress=progress, rollup=rollup)
            )
        return reports[0]

    if "html" in chosen:
        page(
            "index.html",
            lambda: _index(plan, language, chosen, snapshot=snapshot),
            lambda: search_block(
                _entries(plan, language), lang=language, prefixes=_search_prefixes(plan)
            ),
        )
        page("division.html", division)
        page("timeline.html", the_timeline)
        if with_status:
            page("status.html", status_doc)
        for c in plan.campaigns:
            page(f"campaigns/campaign-{c.number}.html", campaign_builder(c.number))
        for owner in owners:
            page(f"units/{unit_stem(owner.id)}.html", unit_builder(owner.id))
        if rollup is not None:
            _place_pages(rollup, language, page)
    if "md" in chosen:
        markdown("markdown/division.md", division)
        markdown("markdown/timeline.md", the_timeline)
        if with_status:
            markdown("markdown/status.md", status_doc)
        for c in plan.campaigns:
            markdown(f"markdown/campaigns/campaign-{c.number}.md", campaign_builder(c.number))
        for owner in owners:
            markdown(f"markdown/units/{unit_stem(owner.id)}.md", unit_builder(owner.id))
    stamp = as_of
    if "csv" in chosen:
        files.append(SiteFile("tables/division.csv", lambda: to_csv(division())))
        for c in plan.campaigns:
            number = c.number
            files.append(
                SiteFile(
                    f"tables/campaign-{number}.csv",
                    _bytes(to_csv, partial(campaign_table, number)),
                )
            )
        files.append(
            SiteFile(
                "tables/responsibilities.csv",
                lambda: to_csv(responsibilities()),
            )
        )
        if with_status:  # a list said empty in words is its header and the words, every date
            files.extend(
                SiteFile(f"tables/status-{t.name}.csv", _bytes(to_csv, _const(t)))
                for _, t in status_doc().sheets()
            )
    if "xlsx" in chosen:
        files.append(
            SiteFile(
                "tables/division.xlsx",
                lambda: to_xlsx(
                    [division()] + [campaign_table(c.number) for c in plan.campaigns],
                    stamp=stamp,
                ),
            )
        )
        files.append(
            SiteFile(
                "tables/responsibilities.xlsx",
                lambda: to_xlsx(
                    Document(
                        slug="responsibilities",
                        title=label("unit_lists", language),
                        lang=language,
                        blocks=[responsibilities()],
                    ),
                    stamp=stamp,
                ),
            )
        )
        files.extend(
            SiteFile(
                f"tables/units/{unit_stem(o.id)}.xlsx",
                lambda owner_id=o.id: to_xlsx(sheet_of(owner_id), stamp=stamp),  # type: ignore[misc]
            )
            for o in owners
        )
        if with_status:
            files.append(SiteFile("tables/status.xlsx", lambda: to_xlsx(status_doc(), stamp=stamp)))
    if "ics" in chosen:
        files.append(
            SiteFile("calendar/plan.ics", lambda: to_ics(plan, stamp=stamp, lang=language))
        )
        files.extend(
            SiteFile(
                f"calendar/units/{unit_stem(o.id)}.ics", _unit_ics(plan, o.id, stamp, language)
            )
            for o in owners
        )
    if "svg" in chosen and (plan.phases or plan.milestones):  # nothing to draw: no drawing
        files.append(
            SiteFile(
                "timeline.svg",
                lambda: timeline_svg(plan, as_of=as_of, lang=language).encode("utf-8"),
            )
        )
    return tuple(files)


def _place_pages(
    rollup: RollUp,
    lang: Lang,
    page: Callable[[str, Callable[[], Document]], None],
) -> None:
    from xiaojie.render._places_doc import (  # noqa: PLC0415 - only with a roll-up
        place_page,
        place_path,
        rollup_report,
    )

    page("places/index.html", lambda: rollup_report(rollup, lang=lang))
    for status in rollup.places:
        code = status.place.code
        page(place_path(code), lambda code=code: place_page(rollup, code, lang=lang))  # type: ignore[misc]


def write_site(
    files: Iterable[SiteFile],
    out: str | os.PathLike[str],
    *,
    on_file: Callable[[SiteFile], None] | None = None,
) -> list[Path]:
    """Render and write ``files`` under the folder ``out``, each atomically.

    Parameters
    ----------
    files
        The files, as :func:`site_files` lists them.
    out
        The folder; created if needed (following the umask). A symbolic link to a folder (a
        web server's root) is followed: the files are written into the folder it points to,
        and the link stays. The folder itself is never replaced: it keeps its mode, its
        owner, and everything in it that the set does not hold (other files, links, empty
        folders). A file the set holds replaces the file of that name, keeping that file's
        mode; a new file follows the umask. Links inside the folder are never followed, so
        that nothing outside it changes: a file of the set that stands there as a symbolic
        link replaces the link (the file it points to is left as it was), and a folder of the
        set that is a symbolic link is refused.
    on_file
        Called after each file is written (a progress bar's step).

    Returns
    -------
    list of pathlib.Path
        The paths written, in order (under ``out`` as given).

    Raises
    ------
    RenderError
        If ``out`` is a file, or a file of the set would replace a folder (or be written
        below a file or through a symbolic link to a folder), before any file of ``out`` is
        replaced.
    OSError
        If a file cannot be written.

    Notes
    -----
    A crash half-way loses nothing: the whole set is rendered into a hidden folder first
    (``.<name>.xiaojie-new-<pid>`` beside the folder, or ``.xiaojie-new-<pid>`` in it where
    its parent cannot be written) and flushed to disk; only then is each file moved into its
    place with one rename, which is atomic. A run killed while rendering (nearly all of the
    time) leaves the folder as it was; one killed while moving (a fraction of a second for
    thousands of files) leaves every file whole, either the old one or the new one, until
    the next run. The next run removes what a killed run left.

    Only ``out`` itself is followed when it is a link, because it is the folder the caller
    names. A link inside it may point anywhere: writing
    through a linked folder would put files outside ``out``, and writing through a linked
    file would overwrite the file it points to. A file's link is replaced like any file of
    that name (a rename replaces the link, not what it points to); a linked folder cannot be
    replaced without hiding what the link showed, so it is refused, as a folder where a file
    goes is, before anything is moved in.

    Examples
    --------
    >>> import tempfile
    >>> from xiaojie import load_plan
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_site(site_files(load_plan(), formats=["svg"]), folder)
    ...     [p.name for p in written]
    ['timeline.svg']
    """
    root = Path(out)
    folder = _real_folder(root)
    staging = _staging(root, folder)
    if staging is None:  # no hidden folder possible: each file atomically, in place
        items = list(files)
        names = [Path(*item.path.split("/")) for item in items]
        _check_room(folder, names)
        written = []
        made: set[Path] = set()
        for item, name in zip(items, names, strict=True):
            target = folder / name
            if name.parent not in made:
                made.add(name.parent)
                _make_folders(folder, name.parent)
            if target.is_symlink():  # replaced, not written through (nor its mode taken)
                target.unlink()
            written.append(atomic_write(target, item.render()))
            if on_file is not None:
                on_file(item)
        return [root / p.relative_to(folder) for p in written]
    try:
        relative: list[Path] = []
        staged: list[Path] = []
        for item in files:
            target = staging.joinpath(*item.path.split("/"))
            try:
                staged.append(write_new(target, item.render()))
            except OSError as err:  # named as the file it stands for, not the hidden one
                where = str(root.joinpath(*item.path.split("/")))
                raise type(err)(err.errno, err.strerror, where) from None
            relative.append(target.relative_to(staging))
            if on_file is not None:
                on_file(item)
        flush_files(staged)
        folders = _make_room(folder, relative)
        for path, name in zip(staged, relative, strict=True):
            _move(path, folder / name)
        flush_files((), folders=folders)  # the renames
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [root / r for r in relative]


_STAGING = "xiaojie-new-"
"""What names the hidden folder a set is built in (and ``-old-``, left by earlier versions)."""


def _real_folder(root: Path) -> Path:
    """Return the folder ``root`` names, symbolic links followed (created if needed).

    Raises
    ------
    RenderError
        If ``root`` is a file (or a link to one).
    """
    folder = Path(os.path.realpath(root))
    if folder.exists() and not folder.is_dir():
        msg = f"write_site: {os.fspath(root)}: expected a folder, found a file"
        raise RenderError(msg)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _staging(root: Path, folder: Path) -> Path | None:
    """Return a new empty hidden folder to build the set in, or None where there can be none.

    Beside ``folder`` (on its file system, so a rename moves a file in), else in it. Folders
    left by killed runs (their process gone) are removed, also those of earlier versions
    beside the link ``root`` when it is one.
    """
    _remove_leftovers(folder.parent, f".{folder.name}.")
    _remove_leftovers(folder, ".")
    if root.is_symlink():
        _remove_leftovers(root.absolute().parent, f".{root.name}.")
    pid = os.getpid()
    candidates = [folder / f".{_STAGING}{pid}"]
    if folder.parent != folder:
        candidates.insert(0, folder.parent / f".{folder.name}.{_STAGING}{pid}")
    for staging in candidates:
        try:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
        except OSError:
            continue
        if staging.stat().st_dev == folder.stat().st_dev:
            return staging
        staging.rmdir()  # another file system (``out`` is a mount point): not beside it
    return None


def _remove_leftovers(where: Path, start: str) -> None:
    """Remove the hidden folders (or links) named ``<start>xiaojie-new|old-<pid>`` of dead runs."""
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        rest = entry.name.removeprefix(start)
        if rest == entry.name or not rest.startswith(("xiaojie-new-", "xiaojie-old-")):
            continue
        pid = rest.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if entry.is_symlink() or not entry.is_dir():
            Path(entry.path).unlink(missing_ok=True)
        else:
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _check_room(folder: Path, relative: list[Path]) -> None:
    """Refuse, before anything is written, a file of the set that cannot go where it is named.

    Nothing is followed below ``folder``: each folder on a file's path must be a folder (not
    a file, not a symbolic link) or not exist yet, and a file must not stand where a folder
    is. A link where a file goes is allowed (the file replaces the link).

    Raises
    ------
    RenderError
        If a path of the set is a folder under ``folder``, or a folder of the set a file or
        a symbolic link.
    """
    known: set[Path] = set()  # folders of the set found to be folders, or not there
    for name in relative:
        path = folder
        for part in name.parent.parts:
            path = path / part
            if path in known:
                continue
            kind = _kind(path)
            if kind == "link":
                msg = (
                    f"write_site: {path}: expected a folder, found a link to "
                    f"{path.readlink()}; files are never written through a link in the folder"
                )
                raise RenderError(msg)
            if kind == "file":
                msg = f"write_site: {path}: expected a folder, found a file"
                raise RenderError(msg)
            known.add(path)
        if _kind(folder / name) == "folder":
            msg = f"write_site: {folder / name}: expected a file, found a folder"
            raise RenderError(msg)


def _kind(path: Path) -> str:
    """Return what stands at ``path``, links not followed: folder, link, file or missing."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISLNK(mode):
        return "link"
    return "folder" if stat.S_ISDIR(mode) else "file"


def _make_folders(folder: Path, relative: Path) -> Path:
    """Create the folder ``relative`` under ``folder`` one level at a time; return it.

    A level that stands as anything but a folder by now (put there since the check) is
    refused rather than followed.

    Raises
    ------
    RenderError
        If a level is a file or a symbolic link.
    """
    path = folder
    for part in relative.parts:
        path = path / part
        try:
            path.mkdir()
        except FileExistsError:
            if _kind(path) != "folder":
                msg = f"write_site: {path}: expected a folder, found a file or a link"
                raise RenderError(msg) from None
    return path


def _make_room(folder: Path, relative: list[Path]) -> set[Path]:
    """Create the folders the files go in; refuse a file that would replace a folder.

    Every check is made before the first folder is created or file moved in. Return the
    folders written into.

    Raises
    ------
    RenderError
        If a path of the set is a folder under ``folder``, or a folder of the set a file or
        a symbolic link (:func:`_check_room`).
    """
    _check_room(folder, relative)
    folders = {folder}
    for name in relative:
        parent = folder / name.parent
        if parent not in folders:
            folders.add(_make_folders(folder, name.parent))
    return folders


def _move(staged: Path, target: Path) -> None:
    """Move a staged file over ``target`` in one rename, keeping the mode of a file replaced."""
    try:
        mode = target.stat(follow_symlinks=False).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISREG(mode):
        staged.chmod(stat.S_IMODE(mode))
    staged.replace(target)
