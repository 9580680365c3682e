"""Typed ledger rows: households, members, assets, fund records and rectification problems.

Every class is a frozen attrs class, validated on construction. Problems are reported as a
:class:`LedgerValueError` that names the object (its id; masked when the id is personal data),
the field, what was expected and what was found. Lifecycle changes (identifying a household,
accepting a rectification …) are methods that return a new object and refuse impossible
transitions with a :class:`LifecycleError`.

The checks here are about what *cannot* be (an elimination before the identification, a
problem closed without acceptance). Whether a possible state breaks the plan (identified after
more than 15 days, say) is for the rules in :mod:`xiaojie.ledgers` to find.

Money is a :class:`~decimal.Decimal` in yuan, rounded to the fen (0.01, halves away from zero);
dates are :class:`datetime.date` (never ``datetime``) between 1980 and 2100 (``MIN_YEAR``).
"""

from xiaojie.ledgers._households import (
    AssistanceMeasure,
    Household,
    Member,
    household_problems,
)
from xiaojie.ledgers._records import (
    Asset,
    FundRecord,
    Problem,
    Transition,
    asset_problems,
    fund_problems,
    problem_problems,
)
from xiaojie.ledgers._values import (
    BLANKS,
    MAX_HOUSEHOLD_SIZE,
    MONEY_LIMIT,
    LedgerValueError,
    LifecycleError,
    Place,
    assembled,
    months_after,
    to_money,
)


__all__ = [
    "BLANKS",
    "MAX_HOUSEHOLD_SIZE",
    "MONEY_LIMIT",
    "Asset",
    "AssistanceMeasure",
    "FundRecord",
    "Household",
    "LedgerValueError",
    "LifecycleError",
    "Member",
    "Place",
    "Problem",
    "Transition",
    "assembled",
    "asset_problems",
    "fund_problems",
    "household_problems",
    "months_after",
    "problem_problems",
    "to_money",
]
