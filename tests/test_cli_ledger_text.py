"""check-ledger's text laid out from a table engine's columns equals the report rendered and masked."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_io import write_csv
from xiaojie import load_plan
from xiaojie._privacy import names_scope, scrub
from xiaojie.ledgers import EliminationIncomeNotAboveLine, check_columnar, rules_for
from xiaojie.render import ledger_report, to_text


pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from xiaojie.cli._ledger_text import ledger_text


PLAN = load_plan()
RULES = tuple(rules_for("households"))
FEW = settings(
    max_examples=max(10, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def _both(path, as_of, rules, not_run, lang) -> tuple[str, str]:
    """The text laid out from columns, and the report rendered from Finding objects and masked."""
    with names_scope():  # as the command line runs: names the reader meets are masked
        result = check_columnar(path, as_of=as_of, rules=rules, validate=True)
        fast = ledger_text(
            result.report, result.findings, rules=rules, not_run=not_run, plan=PLAN, lang=lang
        )
        document = ledger_report(
            result.report,
            result.findings.to_findings(),
            rules=rules,
            not_run=not_run,
            plan=PLAN,
            lang=lang,
        )
        return fast, scrub(to_text(document))


@FEW
@given(faulty_ledgers(max_size=10), as_of_dates, st.sampled_from(["zh", "en"]), st.booleans())
def test_faulty_ledgers_same_text(tmp_path, generated, as_of, lang, line) -> None:
    """A faulty ledger with names and ID numbers: the same report text, byte for byte."""
    _, rows, _ = generated
    path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
    skipped = EliminationIncomeNotAboveLine(monitoring_line=8700)
    rules = (*RULES, skipped) if line else RULES
    not_run = () if line else ((skipped, "no line"),)
    fast, slow = _both(path, as_of, rules, not_run, lang)
    assert fast == slow


def _row(key: str, village: str, identified: str) -> list[str]:
    """A household found late (identified 29 days after the clue) in ``village``."""
    cells = dict.fromkeys(HEADERS, "")
    cells.update(
        zip(HEADERS[:13], [key, "张三", "", "", "同心县", "豫海镇", village], strict=False)
    )
    cells[HEADERS[7]] = "一般农户"
    cells[HEADERS[11]] = "2025-06-01"
    cells[HEADERS[12]] = identified
    return [cells[h] for h in HEADERS]


def test_keys_that_are_id_numbers_and_wide_places(tmp_path) -> None:
    """Households keyed by ID numbers, places wider than a column: masked and aligned alike."""
    rows = [
        _row("640324199001011234", "红星村", "2025-06-30"),
        _row("6403 2419 9001 0112 34", "一个名字非常非常非常非常非常非常长的行政村", "2025-07-30"),
        _row("H3", "红星村", "2025-06-30"),
        _row("13812345678", "ＶＩＬＬＡＧＥ", "2025-06-30"),
    ]
    path = write_csv(tmp_path / "k.csv", [HEADERS, *rows])
    fast, slow = _both(path, dt.date(2025, 8, 1), RULES, (), "zh")
    assert fast == slow
    assert "640324199001011234" not in fast
    assert "6403**********1234" in fast
    assert fast.count("同心县/豫海镇/红星村") == 2


def test_a_csv_check_loads_no_pandas() -> None:
    """Checking a CSV ledger from the command line never imports pandas (half a second to load)."""
    import subprocess
    import sys

    program = (
        "import contextlib, io, sys\n"
        "from xiaojie.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check-ledger', 'tests/data/ledgers/households.csv', '--as-of', '2025-11-15',"
        " '--json', '--engine', 'duckdb'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pandas')[:3])\n"
    )
    done = subprocess.run(  # noqa: S603 - our own program
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "[]"
