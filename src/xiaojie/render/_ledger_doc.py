"""The ledger check report (台账核查结果): bad rows, findings by rule, and every finding.

Personal data never appears: a row is named by its ledger id (户编号, 资产编号 …), the row
problems are the ledger reader's messages (which mask names, ID numbers and telephone numbers)
and a finding carries only what the rule found and what the plan requires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.render._doc import Cell, Document, Heading, Paragraph, Table
from xiaojie.render._labels import check_lang, label, label_of


if TYPE_CHECKING:
    from xiaojie.ledgers import Findings, LedgerReport, Rule


__all__ = ["ledger_report"]


def _w(key: str, lang: str) -> str:
    return label(f"ledger_{key}", "en" if lang == "en" else "zh")


def ledger_report(
    report: LedgerReport,
    findings: Findings,
    *,
    rules: tuple[Rule, ...] = (),
    lang: str = "zh",
) -> Document:
    r"""Return the report of a ledger check: what was read and what the plan's rules found.

    Parameters
    ----------
    report
        The reader's report (:func:`xiaojie.ledgers.read_ledger` ``.report``).
    findings
        The findings (:func:`xiaojie.ledgers.check`), which fix the date.
    rules
        The rules that were applied, for their titles; rule ids are shown when left out.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    Document
        A summary; the file's problems (row, column, masked message); the count of findings
        per rule; every finding, sorted by rule and subject.

    Raises
    ------
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> import datetime as dt, pathlib, tempfile
    >>> from xiaojie.ledgers import check, read_ledger, rules_for
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "户.csv").write_text(
    ...     "户编号,户类型,风险线索发现时间,识别时间\n"
    ...     "H1,一般农户,2025-06-01,2025-06-30\n", encoding="utf-8")
    >>> read = read_ledger(folder / "户.csv", "households")
    >>> doc = ledger_report(read.report, check(read.rows, as_of=dt.date(2025, 8, 1)),
    ...                     rules=rules_for("households"))
    >>> [t.name for t in doc.tables()], doc.tables()[1].rows[0][2]
    (['by_rule', 'findings'], ('H1',))
    """
    language = check_lang(lang)
    titles = {r.id: r.title or r.id for r in rules}
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(
            f"{_w('file', language)}: {report.source} · {_w('ledger', language)}: "
            f"{report.ledger} · {_w('as_of', language)} {findings.as_of.isoformat()}"
        ),
        Paragraph(
            _w("read", language).format(
                rows=report.rows,
                good=report.good,
                bad=len(report.bad_rows),
                issues=len(report.issues),
            )
        ),
    ]
    if report.issues:
        blocks.append(Heading(_w("issues", language)))
        blocks.append(
            Table(
                name="issues",
                columns=[_w(k, language) for k in ("row", "column", "problem")],
                rows=[(str(i.row), i.column, i.message) for i in report.issues],
            )
        )
    counts = {rule: n for rule, n in findings.by_rule().items() if n}
    if not counts:
        blocks.append(Paragraph(_w("none", language)))
        return Document(slug="ledger", title=_w("title", language), lang=language, blocks=blocks)
    task_of = {f.rule: f.task for f in findings}
    blocks.append(Heading(_w("by_rule", language)))
    blocks.append(
        Table(
            name="by_rule",
            columns=[_w(k, language) for k in ("rule", "task", "count")],
            rows=[(titles.get(r, r), str(task_of[r]), str(n)) for r, n in counts.items()],
        )
    )
    blocks.append(Heading(_w("findings", language)))
    rows: list[tuple[Cell, ...]] = [
        (
            titles.get(f.rule, f.rule),
            label_of(f.severity, language),
            f.subject,
            str(f.place),
            f.found,
            f.expected,
            str(f.task),
            "、".join(f.units),
        )
        for f in findings
    ]
    blocks.append(
        Table(
            name="findings",
            columns=[
                _w(k, language)
                for k in (
                    "rule",
                    "severity",
                    "subject",
                    "place",
                    "found",
                    "expected",
                    "task",
                    "units",
                )
            ],
            rows=rows,
        )
    )
    return Document(slug="ledger", title=_w("title", language), lang=language, blocks=blocks)
