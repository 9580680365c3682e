"""Scoring a plan parser on the real-document corpus in ``tests/data/real``.

The corpus is a set of page texts of real responsibility-splitting plans (分工方案, 实施方案,
整改方案 …), each with a truth file written by reading it (see ``tests/data/real/README.md``).
:func:`score` runs a parse function on every text, matches the tasks it found to the truth
tasks and counts, per document and in total:

* recall — truth tasks found / truth tasks;
* precision — found tasks that are truth tasks / found tasks;
* units right — found tasks whose units are exactly the truth's / found tasks matched;
* lead right — found tasks whose lead is the truth's / found tasks matched;
* deadlines right — found tasks whose due dates are exactly the truth's / found tasks matched
  where either side has a due date;
* persons right — found tasks whose named persons are exactly the truth's, where the parser
  reports persons (a ``persons`` field on its tasks); reported, not a target;
* crashes — texts on which the parse function raised anything but a ``XiaojieError``, and
  refusals — texts on which it raised a ``XiaojieError``.

Run ``python tests/real_corpus.py`` to print the table for the parser on ``sys.path`` (set
``PYTHONPATH`` to a tree's ``src`` to score that tree).
"""

from __future__ import annotations

import datetime as dt
import inspect
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs


__all__ = [
    "CORPUS",
    "LEVELS",
    "TARGETS",
    "Document",
    "DocumentScore",
    "FoundTask",
    "Report",
    "Totals",
    "TruthTask",
    "format_table",
    "found_tasks",
    "load_corpus",
    "normalize",
    "parse_with_xiaojie",
    "score",
]

CORPUS = Path(__file__).parent / "data" / "real"
"""The corpus folder: ``MANIFEST.toml``, ``<slug>.txt`` and ``<slug>.truth.toml``."""

LEVELS = ("national", "province", "city", "county", "township")
"""The government levels a document may have."""

TARGETS = {"recall": 0.90, "precision": 0.95, "units": 0.85, "lead": 0.95}
"""The targets every set of documents must meet (and 0 crashes)."""


def normalize(text: str) -> str:
    """Compare form of a name or quote: NFKC (full-width to half-width), no whitespace.

    >>> normalize("(市政府 办公室)") == normalize("(市政府办公室)")
    True
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


@attrs.frozen
class TruthTask:
    """A task of a corpus document as its truth file states it."""

    where: str
    quotes: tuple[str, ...]
    lead: frozenset[str]
    units: tuple[frozenset[str], ...]
    persons: tuple[str, ...] = ()
    dues: frozenset[dt.date] = frozenset()
    truncated: bool = False
    ignore: bool = False
    notes: str = ""


@attrs.frozen
class Document:
    """A corpus document: its manifest entry, its text and its truth tasks."""

    slug: str
    title: str
    level: str
    province: str
    source: str
    reference: dt.date
    heldout: bool
    script: str
    formats: tuple[str, ...]
    text: str
    tasks: tuple[TruthTask, ...]
    entry: dict[str, Any] = attrs.field(eq=False, repr=False)
    excerpt: bool = True


def _forms(names: Sequence[str], *more: Sequence[str]) -> tuple[frozenset[str], ...]:
    """Accepted written forms of each unit: as written, simplified, and aliases."""
    return tuple(
        frozenset(normalize(n) for n in (name, *(m[i] for m in more if i < len(m))) if n)
        for i, name in enumerate(names)
    )


def _truth_task(raw: dict[str, Any], aliases: dict[str, list[str]]) -> TruthTask:
    quotes = tuple(q for q in (raw["quote"], raw.get("quote_simplified", "")) if q)
    if raw.get("ignore", False):
        return TruthTask(
            where=raw["where"],
            quotes=quotes,
            lead=frozenset(),
            units=(),
            ignore=True,
            notes=raw.get("notes", ""),
        )
    units = list(raw["units"])
    simplified = list(raw.get("units_simplified", []))
    alias_lists = [aliases.get(u, []) for u in units]
    width = max((len(a) for a in alias_lists), default=0)
    alias_columns = [[a[j] if j < len(a) else "" for a in alias_lists] for j in range(width)]
    lead_forms = {raw["lead"], raw.get("lead_simplified", ""), *aliases.get(raw["lead"], [])}
    return TruthTask(
        where=raw["where"],
        quotes=quotes,
        lead=frozenset(normalize(n) for n in lead_forms if n),
        units=_forms(units, simplified, *alias_columns),
        persons=tuple(raw.get("persons", ())),
        dues=frozenset(d["due"] for d in raw.get("deadlines", ())),
        truncated=raw.get("truncated", False),
        notes=raw.get("notes", ""),
    )


def load_corpus(root: Path = CORPUS) -> tuple[Document, ...]:
    """Read the manifest, texts and truth files of a corpus folder."""
    manifest = tomllib.loads((root / "MANIFEST.toml").read_text(encoding="utf-8"))
    documents = []
    for entry in manifest["document"]:
        slug = entry["slug"]
        truth = tomllib.loads((root / f"{slug}.truth.toml").read_text(encoding="utf-8"))
        aliases = truth.get("aliases", {})
        documents.append(
            Document(
                slug=slug,
                title=entry["title"],
                level=entry["level"],
                province=entry["province"],
                source=entry["source"],
                reference=entry["reference"],
                heldout=entry["heldout"],
                script=entry["script"],
                formats=tuple(entry["formats"]),
                text=(root / f"{slug}.txt").read_text(encoding="utf-8"),
                tasks=tuple(_truth_task(raw, aliases) for raw in truth.get("task", ())),
                excerpt=entry["excerpt"],
                entry=entry,
            )
        )
    return tuple(documents)


@attrs.frozen
class FoundTask:
    """A task as a parser found it, reduced to what is scored."""

    text: str
    lead: frozenset[str]
    units: tuple[frozenset[str], ...]
    dues: frozenset[dt.date] = frozenset()
    persons: tuple[str, ...] | None = None


def _owner_forms(responsibility: Any) -> frozenset[str]:
    owner = getattr(responsibility, "owner", responsibility)
    names = (getattr(responsibility, "as_written", ""), getattr(owner, "name", ""))
    return frozenset(normalize(n) for n in names if isinstance(n, str) and n)


def found_tasks(plan: Any) -> tuple[FoundTask, ...]:
    """Reduce a :class:`xiaojie.model.Plan` (or a look-alike) to the tasks to score.

    A task's units are its responsibilities' written forms (``as_written``) and owner names;
    its due dates are those of the milestones linked to it, the due dates of the targets of the
    indicators linked to it ("到2016年底,覆盖率达到15%"), and a ``due`` or ``deadline`` of the
    task itself, if it has one; its persons are its ``persons``, if it has that field.
    """
    milestones = tuple(getattr(plan, "milestones", ()))
    indicators = tuple(getattr(plan, "indicators", ()))
    result = []
    for task in getattr(plan, "tasks", ()):
        responsibilities = tuple(getattr(task, "responsibilities", ()))
        units = tuple(_owner_forms(r) for r in responsibilities)
        number = getattr(task, "number", None)
        dues = {m.due for m in milestones if getattr(m, "task", None) == number}
        for indicator in indicators:
            if getattr(indicator, "task", None) == number:
                for target in getattr(indicator, "targets", ()):
                    end = getattr(getattr(target, "due", None), "end", None)
                    if isinstance(end, dt.date):
                        dues.add(end)
        for name in ("due", "deadline"):
            value = getattr(task, name, None)
            value = getattr(value, "end", value)
            if isinstance(value, dt.date):
                dues.add(value)
        persons = getattr(task, "persons", None)
        result.append(
            FoundTask(
                text=normalize(f"{getattr(task, 'title', '')}{getattr(task, 'text', '')}"),
                lead=units[0] if units else frozenset(),
                units=units,
                dues=frozenset(dues),
                persons=None
                if persons is None
                else tuple(str(getattr(p, "name", p)) for p in persons),
            )
        )
    return tuple(result)


def _units_equal(truth: Sequence[frozenset[str]], found: Sequence[frozenset[str]]) -> bool:
    """Whether the two unit lists name the same units, in any order, each exactly once."""
    if len(truth) != len(found):
        return False
    free = list(found)
    for forms in truth:
        match = next((i for i, f in enumerate(free) if f & forms), None)
        if match is None:
            return False
        free.pop(match)
    return True


@attrs.frozen
class Totals:
    """Counts over one or more documents; the shares are computed from the counts."""

    truth: int = 0
    found: int = 0
    matched: int = 0
    units_scored: int = 0
    units_right: int = 0
    lead_right: int = 0
    dated: int = 0
    dated_right: int = 0
    persons_scored: int = 0
    persons_right: int = 0
    crashes: int = 0
    refusals: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def recall(self) -> float | None:
        """Truth tasks found / truth tasks."""
        return self._share(self.matched, self.truth)

    @property
    def precision(self) -> float | None:
        """Found tasks that are truth tasks / found tasks."""
        return self._share(self.matched, self.found)

    @property
    def units(self) -> float | None:
        """Matched tasks with exactly the truth's units / matched tasks whose units are known."""
        return self._share(self.units_right, self.units_scored)

    @property
    def lead(self) -> float | None:
        """Matched tasks with the truth's lead / matched tasks."""
        return self._share(self.lead_right, self.matched)

    @property
    def deadlines(self) -> float | None:
        """Matched tasks with exactly the truth's due dates / matched tasks with any date."""
        return self._share(self.dated_right, self.dated)

    @property
    def persons(self) -> float | None:
        """Matched tasks with exactly the truth's persons / those where persons are reported."""
        return self._share(self.persons_right, self.persons_scored)

    def misses(self) -> list[str]:
        """The targets these counts miss, as sentences; empty when all are met."""
        out = []
        for name, target in TARGETS.items():
            value = getattr(self, name)
            if value is None:
                out.append(f"{name}: nothing to score")
            elif value < target:
                out.append(f"{name} {value:.1%} < {target:.0%}")
        if self.crashes:
            out.append(f"{self.crashes} crash(es)")
        return out


@attrs.frozen
class DocumentScore:
    """One document's counts, and what went wrong, for reading."""

    document: Document
    totals: Totals
    error: str = ""
    problems: tuple[str, ...] = ()


@attrs.frozen
class Report:
    """The scores of every document; totals for the tuning set, the held-out set and all."""

    documents: tuple[DocumentScore, ...]

    def totals(self, *, heldout: bool | None = None, excerpt: bool | None = None) -> Totals:
        """Sum over the tuning set (``heldout=False``), the held-out set (``True``) or all (``None``).

        ``excerpt=False`` keeps the whole documents only, ``True`` the excerpts only.
        """
        total = Totals()
        for row in self.documents:
            if heldout is not None and row.document.heldout is not heldout:
                continue
            if excerpt is not None and row.document.excerpt is not excerpt:
                continue
            total += row.totals
        return total


ParseFn = Callable[[str, dt.date], Any]


def parse_with_xiaojie(text: str, reference: dt.date) -> Any:
    """Parse with :func:`xiaojie.parsing.parse_plan` through its public signature.

    The reference date goes to whichever of ``reference`` / ``as_of`` the signature has;
    everything else keeps the parser's defaults, as a user calling it would.
    """
    from xiaojie.parsing import parse_plan

    parameters = inspect.signature(parse_plan).parameters
    keyword = next((k for k in ("reference", "as_of") if k in parameters), None)
    options: dict[str, Any] = {keyword: reference} if keyword else {}
    result = parse_plan(text, **options)
    return getattr(result, "plan", result)


def _match(document: Document, found: Sequence[FoundTask]) -> tuple[Totals, list[str]]:
    problems: list[str] = []
    taken: set[int] = set()
    pairs: list[tuple[TruthTask, FoundTask]] = []
    spurious = 0
    for task in found:
        index = next(
            (
                i
                for i, truth in enumerate(document.tasks)
                if i not in taken and any(normalize(q) in task.text for q in truth.quotes)
            ),
            None,
        )
        if index is None:
            spurious += 1
            problems.append(f"not a truth task: {task.text[:24]}…")
            continue
        taken.add(index)
        if not document.tasks[index].ignore:
            pairs.append((document.tasks[index], task))
    scored = [t for t in document.tasks if not t.ignore]
    for i, truth in enumerate(document.tasks):
        if not truth.ignore and i not in taken:
            problems.append(f"missed {truth.where}")
    units_scored = units_right = lead_right = dated = dated_right = 0
    persons_scored = persons_right = 0
    for truth, task in pairs:
        if truth.lead & task.lead:
            lead_right += 1
        else:
            problems.append(f"{truth.where}: lead {sorted(task.lead)}")
        if not truth.truncated:
            units_scored += 1
            if _units_equal(truth.units, task.units):
                units_right += 1
            else:
                problems.append(f"{truth.where}: units {[min(u, default='?') for u in task.units]}")
        if truth.dues or task.dues:
            dated += 1
            if truth.dues == task.dues:
                dated_right += 1
            else:
                problems.append(f"{truth.where}: dues {sorted(map(str, task.dues))}")
        if task.persons is not None and (truth.persons or task.persons):
            persons_scored += 1
            if {normalize(n) for n in truth.persons} == {normalize(n) for n in task.persons}:
                persons_right += 1
            else:
                problems.append(f"{truth.where}: persons {list(task.persons)}")
    totals = Totals(
        truth=len(scored),
        found=len(pairs) + spurious,
        matched=len(pairs),
        units_scored=units_scored,
        units_right=units_right,
        lead_right=lead_right,
        dated=dated,
        dated_right=dated_right,
        persons_scored=persons_scored,
        persons_right=persons_right,
    )
    return totals, problems


def score(
    parse_fn: ParseFn = parse_with_xiaojie, documents: Iterable[Document] | None = None
) -> Report:
    """Run ``parse_fn(text, reference)`` on every document and score what it finds.

    ``parse_fn`` returns a plan, or anything with a ``plan`` attribute (a ``ParseResult``).
    An exception that is a ``XiaojieError`` counts as a refusal, any other as a crash; either
    way the document's tasks count as not found.
    """
    from xiaojie.errors import XiaojieError

    rows = []
    for document in load_corpus() if documents is None else documents:
        truth_n = sum(1 for t in document.tasks if not t.ignore)
        try:
            result = parse_fn(document.text, document.reference)
        except XiaojieError as error:
            rows.append(
                DocumentScore(document, Totals(truth=truth_n, refusals=1), f"refused: {error}")
            )
            continue
        except Exception as error:  # noqa: BLE001 - a crash is what is counted here
            rows.append(
                DocumentScore(
                    document,
                    Totals(truth=truth_n, crashes=1),
                    f"crash: {type(error).__name__}: {error}",
                )
            )
            continue
        totals, problems = _match(document, found_tasks(getattr(result, "plan", result)))
        rows.append(DocumentScore(document, totals, problems=tuple(problems)))
    return Report(tuple(rows))


def _cell(value: float | None) -> str:
    return "   —" if value is None else f"{value:4.0%}"


def format_table(report: Report, *, problems: bool = False) -> str:
    """The report as a text table: one row per document, then the totals."""
    header = (
        f"{'document':<38} {'lvl':<8} {'truth':>5} {'found':>5} {'recall':>6} {'prec':>5} "
        f"{'units':>5} {'lead':>5} {'dates':>5} {'pers':>5} {'crash':>5}"
    )
    lines = [header, "-" * len(header)]

    def row(name: str, level: str, t: Totals) -> str:
        return (
            f"{name:<38} {level:<8} {t.truth:>5} {t.found:>5} {_cell(t.recall):>6} "
            f"{_cell(t.precision):>5} {_cell(t.units):>5} {_cell(t.lead):>5} "
            f"{_cell(t.deadlines):>5} {_cell(t.persons):>5} {t.crashes + t.refusals:>5}"
        )

    for heldout in (False, True):
        for score_ in (r for r in report.documents if r.document.heldout is heldout):
            mark = "*" if heldout else " "
            lines.append(row(mark + score_.document.slug, score_.document.level, score_.totals))
            if score_.error:
                lines.append(f"    {score_.error}")
            if problems:
                lines.extend(f"    {p}" for p in score_.problems)
    lines.append("-" * len(header))
    lines.append(row(" tuning set", "", report.totals(heldout=False)))
    lines.append(row("*held-out set", "", report.totals(heldout=True)))
    lines.append(row(" all", "", report.totals()))
    lines.append(row(" whole documents: tuning", "", report.totals(heldout=False, excerpt=False)))
    lines.append(row("*whole documents: held-out", "", report.totals(heldout=True, excerpt=False)))
    documents = [r.document for r in report.documents]
    provinces = sorted({d.province for d in documents} - {"全国"})
    levels = [level for level in LEVELS if any(d.level == level for d in documents)]
    lines.append(
        f"corpus: {len(documents)} documents ({sum(d.heldout for d in documents)} held out, "
        f"{sum(not d.excerpt for d in documents)} whole), {len(provinces)} provinces, "
        f"{len(levels)} levels ({', '.join(levels)})"
    )
    lines.append(
        "targets: recall ≥ 90%, precision ≥ 95%, units ≥ 85%, lead ≥ 95%, 0 crashes; "
        "* = held-out (do not tune on it); crash counts crashes and refusals; "
        "whole documents = excerpt = false in MANIFEST.toml"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(format_table(score(), problems="-v" in sys.argv[1:]))  # noqa: T201 - the command's output
