"""The plan's rule over the problem (问题清单) ledger: task 2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from xiaojie.ledgers._model import Problem
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._base import Rule
from xiaojie.ledgers.rules._clauses import CLAUSES, Clause


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xiaojie.ledgers.rules._findings import Finding


__all__ = ["RectificationDeadline"]


@attrs.frozen(kw_only=True)
class RectificationDeadline(Rule):
    """Rectification accepted by its deadline (task 2: 整改责任和时限; task 3: 整改、验收、销号).

    A problem is done when accepted (验收). Once ``as_of`` is after the deadline, a problem not
    accepted as of then is ``overdue`` and one accepted after the deadline is ``late``. A problem
    sent back by a follow-up review (回头看) is judged against its new deadline.

    Examples
    --------
    >>> import datetime as dt
    >>> p = Problem(id="P1", source="审计监督", description="台账不全", measures=("补全",),
    ...             unit="同心县农业农村局", deadline="2025-09-10", state="整改中")
    >>> [f.found for f in RectificationDeadline().evaluate([p], as_of=dt.date(2025, 9, 20))]
    ['截至2025-09-20逾期10天未完成整改验收']
    """

    id: ClassVar[str] = "problem_rectification_deadline"
    title: ClassVar[str] = "问题在整改时限内完成整改验收"
    ledger: ClassVar[LedgerKind] = LedgerKind.PROBLEMS
    clause: ClassVar[Clause] = CLAUSES[2]
    row_type: ClassVar[type] = Problem

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the overdue or late problems."""
        findings = []
        for problem in rows:
            if as_of <= problem.deadline:
                continue
            accepted = problem.accepted_on
            expected = f"{problem.deadline}前完成整改并通过验收"
            if accepted is None or accepted > as_of:
                days = (as_of - problem.deadline).days
                reason, found = "overdue", f"截至{as_of}逾期{days}天未完成整改验收"
            elif accepted > problem.deadline:
                days = (accepted - problem.deadline).days
                reason, found = "late", f"{accepted}通过验收,逾期{days}天"
            else:
                continue
            findings.append(
                self.finding(
                    problem.id,
                    problem.place,
                    reason,
                    found=found,
                    expected=expected,
                    owner=problem.unit,
                )
            )
        return findings
