"""jionlp's public time-parser cases in this library's scope, read by ``parse_when``.

The cases come from ``test/test_time_parser.py`` of dongrixinyu/JioNLP (see the data file's
``source``), converted to period values as its ``conversion`` says. jionlp is not a dependency:
only its test inputs and expected answers are used, as data.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from xiaojie.dates import Cadence, Period, PeriodSeries, parse_when
from xiaojie.errors import TimePhraseError


DATA = Path(__file__).parent / "data" / "jionlp" / "time_parser_cases.json"
CASES = json.loads(DATA.read_text(encoding="utf-8"))["cases"]

# Where xiaojie reads a case differently from jionlp on purpose. Each entry is a convention
# documented in docs/time.md ("Compared with jionlp").
CONVENTIONS = {
    "年底": "年底 and 年末 are December (TIME.md); jionlp reads November and December",
    "次年年末": "年底 and 年末 are December (TIME.md); jionlp reads November and December",
    "19年底": "年底 and 年末 are December (TIME.md); jionlp reads November and December",
    "每月4号": "每月N日 is due by the Nth, so each occurrence runs from the 1st; jionlp reads the day itself",
}

# Cases xiaojie reports as unread (TimePhraseError) rather than reading; each is documented.
NOT_READ = {
    "三三年": "a two-digit year needs a part of the year after it (三三年底), else it is a length",
    "24年": "a two-digit year needs a part of the year after it (24年底), else it is a length",
    "Q1季度": "Q1 is not Chinese notation",
    "二零二二年伊始": "伊始 is not read",
    "这个月前两天": "the first or last N days of a month are not read",
    "上月最后五天": "the first or last N days of a month are not read",
    "4月前4天": "the first or last N days of a month are not read",
    "当月": "当月 refers to an event's month, not the document's",
    "30日": "a day without its month is not read",
    "9月10号，11号，12号，13号": "a list separated by full-width commas is a series of phrases",
    "20240307": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "1994.01-19": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "2008.03-2009": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "6·30": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "2018": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "09-01": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
    "2022 11 23": "digits without a Chinese unit are not read, except whole dates (2025-06-18, 2025.6.18, 2025/6/18)",
}


def _read(case: dict) -> tuple[str | None, str | None] | None:
    """Return (start, end) as xiaojie reads the case, or None when it reports it unread."""
    reference = dt.date.fromisoformat(case["reference"])
    try:
        value = parse_when(case["text"], reference=reference)
    except TimePhraseError:
        return None
    if isinstance(value, Cadence):
        value = value.occurrence(value.full_window(reference))
    if isinstance(value, PeriodSeries):
        value = Period(value[0].start, value[-1].end)
    assert isinstance(value, Period), f"{case['text']}: read as {value!r}"
    return (
        value.start.isoformat() if value.start else None,
        value.end.isoformat() if value.end else None,
    )


def _outcomes(notation: str) -> dict[str, tuple]:
    return {
        c["text"]: (_read(c), (c["start"], c["end"])) for c in CASES if c["notation"] == notation
    }


def test_data_names_its_source():
    """The data file names the repository, path and commit the cases were transcribed from."""
    source = json.loads(DATA.read_text(encoding="utf-8"))["source"]

    assert source["repository"] == "https://github.com/dongrixinyu/JioNLP"
    assert source["path"] == "test/test_time_parser.py"
    assert len(source["commit"]) == 40


def test_government_notation_agrees_at_least_95_percent():
    """On cases in government notation xiaojie agrees with jionlp on ≥ 95%, each difference a convention."""
    outcomes = _outcomes("government")
    differences = {text for text, (got, want) in outcomes.items() if got != want}

    assert len(outcomes) >= 60
    assert (len(outcomes) - len(differences)) / len(outcomes) >= 0.95
    assert differences == {t for t in CONVENTIONS if t in outcomes}


def test_government_notation_is_always_read():
    """No case in government notation is left unread."""
    outcomes = _outcomes("government")

    assert [text for text, (got, _) in outcomes.items() if got is None] == []


@pytest.mark.parametrize("notation", ["colloquial", "numeric"])
def test_other_notation_agrees_or_is_reported(notation):
    """Other cases agree, differ by a documented convention, or are reported unread: never a silent guess."""
    outcomes = _outcomes(notation)
    unread = {text for text, (got, _) in outcomes.items() if got is None}
    differing = {text for text, (got, want) in outcomes.items() if got is not None and got != want}

    assert unread == {t for t in NOT_READ if t in outcomes}
    assert differing == {t for t in CONVENTIONS if t in outcomes}


def test_every_listed_case_exists():
    """Every convention and unread entry names a case of the data file."""
    texts = {c["text"] for c in CASES}

    assert set(CONVENTIONS) <= texts
    assert set(NOT_READ) <= texts
