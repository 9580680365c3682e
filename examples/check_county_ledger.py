"""Check the synthetic county ledger against the plan's rules; print findings by village and rule.

    python examples/check_county_ledger.py                  # as of 2025-11-15, object engine
    python examples/check_county_ledger.py --as-of 2025-08-01 --engine columnar
    python examples/check_county_ledger.py --out findings.xlsx

The ledger in ``examples/county_ledger/`` is synthetic (see its ``generate.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from xiaojie.errors import XiaojieError
from xiaojie.ledgers import (
    CLAUSES,
    DEFAULT_RULES,
    EliminationIncomeNotAboveLine,
    Findings,
    check,
    check_columnar,
    read_ledger,
    write_findings,
)


HERE = Path(__file__).parent / "county_ledger"
FILES = {
    "households": "households.csv",
    "assets": "assets.csv",
    "funds": "funds.csv",
    "problems": "problems.csv",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2025, 11, 15))
    parser.add_argument("--engine", choices=["objects", "columnar"], default="objects")
    parser.add_argument("--line", default="8700", help="monitoring line in yuan (default: 8700)")
    parser.add_argument(
        "--out", type=Path, help="write all findings to .csv, .xlsx, .parquet or .json"
    )
    args = parser.parse_args()

    rules = [r for r in DEFAULT_RULES if not isinstance(r, EliminationIncomeNotAboveLine)]
    rules.append(EliminationIncomeNotAboveLine(monitoring_line=args.line))

    print(f"== reading ({args.engine} engine) ==")
    items = []
    for ledger, name in FILES.items():
        if args.engine == "objects":
            read = read_ledger(HERE / name, ledger)
            report = read.report
            found = check(
                read.rows, as_of=args.as_of, rules=[r for r in rules if r.ledger == ledger]
            )
        else:
            result = check_columnar(HERE / name, ledger=ledger, as_of=args.as_of, rules=rules)
            report, found = result.report, result.findings.to_findings()
        print(report.summary())
        for issue in report.issues:
            print(f"  {issue}")
        items.extend(found.items)
    findings = Findings(args.as_of, items, tuple(r.id for r in rules))

    print(f"\n== findings by rule, as of {args.as_of} ==")
    by_id = {r.id: r for r in rules}
    for rule_id, count in findings.by_rule().items():
        rule = by_id[rule_id]
        print(f"{count:6d}  {rule_id} [{rule.severity}] 任务{rule.clause.task}: {rule.title}")

    print("\n== household findings by village (villages with any) ==")
    households = Findings(args.as_of, [f for f in findings if by_id[f.rule].ledger == "households"],
                          tuple(r.id for r in rules if r.ledger == "households"))  # fmt: skip
    print(households.summary("village"))

    print("\n== all findings by township ==")
    print(findings.summary("township"))

    print("\n== by responsible unit named in the plan ==")
    for unit, counts in findings.by_unit().items():
        print(f"{sum(counts.values()):6d}  {unit}")

    print("\n== by unit named in the ledgers (asset keepers, counties, rectification units) ==")
    for owner, counts in findings.by_owner().items():
        print(f"{sum(counts.values()):6d}  {owner}  {counts}")

    print("\n== the clauses ==")
    for task in sorted({by_id[f.rule].clause.task for f in findings}):
        print(f"任务{task}: {CLAUSES[task].text}")

    if args.out:
        write_findings(findings, args.out)
        print(f"\nwrote {len(findings)} findings to {args.out}")


if __name__ == "__main__":
    try:
        main()
    except XiaojieError as err:  # a missing extra, a broken file: one line, no traceback
        sys.exit(f"error: {str(err).splitlines()[0]}")
