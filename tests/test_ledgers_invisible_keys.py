"""Keys holding invisible characters, and dates before the ledgers' first year, on every engine.

A household number with a zero-width character inside looks like another household's number in
every document: it is refused as a key holding a blank is, at its cell, by the object reader,
the DuckDB engine (SQL and the NumPy byte test) and Spark alike. A date before
:data:`~xiaojie.ledgers._privacy.MIN_YEAR` (a small number typed in a date cell, Excel's serial
60 among them) is refused alike, while identity numbers keep their birth years from 1900.
"""

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_ledgers_columnar import CON, located
from test_ledgers_io import write_csv
from test_ledgers_xlsx import Serial, write_book
from xiaojie.ledgers import check_columnar, read_households
from xiaojie.ledgers._cells import INVISIBLES, KEY_PATTERN
from xiaojie.ledgers._privacy import MIN_BIRTH_YEAR, MIN_YEAR, id_number_check_char
from xiaojie.ledgers._schema import IssueKind, parse_cell, schema_for


pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from xiaojie.ledgers._bytes import blank_suspects, id_number_suspects  # noqa: E402 - after the skip


D = dt.date
AS_OF = D(2025, 8, 1)
DUCK = settings(
    max_examples=max(10, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
_KEY = re.compile(KEY_PATTERN)
KEY_FIELD = schema_for("households").field("household_id")
ID_FIELD = schema_for("households").field("head_id_number")
PHONE_FIELD = schema_for("households").field("phone")
DATE_FIELD = schema_for("households").field("identified_on")

invisibles = st.sampled_from(list(INVISIBLES))
plain_keys = st.text(alphabet="H0123456789户编号-", min_size=1, max_size=8)


@st.composite
def marked_keys(draw: st.DrawFn) -> str:
    """A key with one to three invisible characters inserted anywhere (ends included)."""
    key = draw(plain_keys)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(key)))
        key = key[:at] + draw(invisibles) + key[at:]
    return key


def _rows(keys: list[str]) -> list[list[str]]:
    """A ledger of ``keys``, the key second (a byte order mark at a CSV row's start is dropped)."""
    return [["户类型", "户编号"], *(["脱贫户", key] for key in keys)]


@st.composite
def key_columns(draw: st.DrawFn) -> tuple[list[str], set[int]]:
    """Keys, some of them another key with invisible characters inserted; the marked positions."""
    keys = draw(st.lists(plain_keys, min_size=1, max_size=6, unique=True))
    marked: set[int] = set()
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(keys))
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(key)))
            key = key[:at] + draw(invisibles) + key[at:]
        place = draw(st.integers(0, len(keys)))
        keys.insert(place, key)
        marked = {m + (m >= place) for m in marked} | {place}
    return keys, marked


def test_invisible_characters_are_listed() -> None:
    """The five zero-width characters and the soft hyphen, each refused by the key pattern."""
    assert [f"U+{ord(ch):04X}" for ch in INVISIBLES] == [
        "U+200B",
        "U+200C",
        "U+200D",
        "U+2060",
        "U+FEFF",
        "U+00AD",
    ]
    assert not any(_KEY.fullmatch("H001" + ch) for ch in INVISIBLES)


@given(marked_keys())
def test_a_key_with_an_invisible_character_is_a_bad_key(key: str) -> None:
    """The cell parser refuses the key, wherever the invisible characters are."""
    value, issue, expected = parse_cell(KEY_FIELD, key)

    assert (value, issue) == (None, IssueKind.BAD_KEY)
    assert "invisible" in expected


@given(invisibles, st.integers(0, 18), st.integers(0, 11))
def test_identity_and_phone_numbers_refuse_invisible_characters(
    ch: str, at: int, there: int
) -> None:
    """A valid identity or phone number with a zero-width character inserted is refused."""
    first17 = "11010519491231002"
    number = first17 + id_number_check_char(first17)
    marked = number[:at] + ch + number[at:]
    phone = "13912345678"

    assert parse_cell(ID_FIELD, number)[1] is None
    assert parse_cell(ID_FIELD, marked)[1] is IssueKind.BAD_ID_NUMBER
    assert parse_cell(PHONE_FIELD, phone)[1] is None
    assert parse_cell(PHONE_FIELD, phone[:there] + ch + phone[there:])[1] is IssueKind.BAD_PHONE
    assert id_number_suspects(pa.array([number, marked])).tolist() == [1]


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            plain_keys,
            marked_keys(),
            st.text(alphabet=st.sampled_from([*INVISIBLES, "\u3000", " ", "户", "\u2061", "H"])),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_the_byte_test_finds_every_invisible_character(keys: list[str | None], large: bool) -> None:
    """``blank_suspects`` marks exactly the non-empty cells ``KEY_PATTERN`` refuses."""
    column = pa.array(keys, pa.large_string() if large else pa.string())
    expected = [i for i, k in enumerate(keys) if k and not _KEY.fullmatch(k)]

    assert blank_suspects(column).tolist() == expected


def test_the_byte_test_finds_them_in_long_columns() -> None:
    """Beyond one block of bytes (columns of keys are passed over block by block)."""
    keys = [f"H{n:07d}" for n in range(20_000)]
    for n, ch in zip((3, 9_999, 19_998), INVISIBLES, strict=False):
        keys[n] = keys[n][:4] + ch + keys[n][4:]
    keys[19_999] = "\ufeff" + keys[19_999]

    assert blank_suspects(pa.array(keys)).tolist() == [3, 9_999, 19_998, 19_999]


@DUCK
@given(key_columns())
def test_engines_refuse_the_marked_keys(tmp_path, column: tuple[list[str], set[int]]) -> None:
    """The object reader and the DuckDB engine refuse each marked key at its cell, alike."""
    keys, marked = column
    path = write_csv(tmp_path / "h.csv", _rows(keys))
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    assert located(read.report) == located(columnar.report)
    assert [(i.row, i.field, i.kind) for i in read.report.issues] == [
        (m + 2, "household_id", IssueKind.BAD_KEY) for m in sorted(marked)
    ]


def test_duplicate_looking_key_is_located(tmp_path) -> None:
    """``H001`` and ``H001`` with a zero-width space: the second is refused, not a new household."""
    path = write_csv(tmp_path / "h.csv", _rows(["H001", "H001\u200b", "\ufeffH001"]))
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    assert [(i.row, i.column, i.kind) for i in read.report.issues] == [
        (3, "户编号", IssueKind.BAD_KEY),
        (4, "户编号", IssueKind.BAD_KEY),
    ]
    assert located(read.report) == located(columnar.report)
    assert [h.id for h in read.rows] == ["H001"]


# -- dates before the ledgers' first year ----------------------------------------------------


def test_event_dates_start_later_than_birth_years() -> None:
    """Ledger dates start in 1980; birth years in identity numbers in 1900."""
    assert (MIN_BIRTH_YEAR, MIN_YEAR) == (1900, 1980)
    first17 = "11010519000101001"
    assert parse_cell(ID_FIELD, first17 + id_number_check_char(first17))[1] is None


@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.sampled_from(["{:%Y-%m-%d}", "{:%Y%m%d}"]))
def test_a_date_is_refused_before_the_first_year(day: dt.date, shape: str) -> None:
    """Text and typed dates alike: refused exactly when their year is before MIN_YEAR."""
    for raw in (shape.format(day), day):
        value, issue, expected = parse_cell(DATE_FIELD, raw)
        if day.year < MIN_YEAR:
            assert (value, issue) == (None, IssueKind.BAD_DATE)
            assert expected == f"a date between {MIN_YEAR} and 2100"
        else:
            assert (value, issue) == (day, None)


@DUCK
@given(st.lists(st.dates(D(1900, 1, 1), D(2100, 12, 31)), min_size=1, max_size=8))
def test_engines_agree_on_early_dates(tmp_path, days: list[dt.date]) -> None:
    """Both engines refuse the same early dates, at the same cells."""
    rows = [["户编号", "户类型", "识别时间"]]
    rows += [[f"H{n}", "脱贫户", f"{day:%Y-%m-%d}"] for n, day in enumerate(days)]
    path = write_csv(tmp_path / "h.csv", rows)
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    assert located(read.report) == located(columnar.report)
    assert [(i.row, i.kind) for i in read.report.issues] == [
        (n + 2, IssueKind.BAD_DATE) for n, day in enumerate(days) if day.year < MIN_YEAR
    ]


def test_excel_serial_60_and_small_serials_are_refused(tmp_path) -> None:
    """Serials 59 and 60 (both read as 1900-02-28) and 29220 (1979-12-31) are typing errors."""
    serials = [59.0, 60.0, 2025.0, 29220.0, 29221.0, 45809.0]
    rows = [["户编号", "户类型", "识别时间"]]
    rows += [[f"H{n}", "脱贫户", Serial(s)] for n, s in enumerate(serials)]
    path = write_book(tmp_path / "h.xlsx", rows)
    read = read_households(path)
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)

    assert [(i.row, i.field, i.kind) for i in read.report.issues] == [
        (n, "identified_on", IssueKind.BAD_DATE) for n in (2, 3, 4, 5)
    ]
    assert located(read.report) == located(columnar.report)
    assert [h.identified_on for h in read.rows] == [D(1980, 1, 1), D(2025, 6, 1)]


# -- Spark --------------------------------------------------------------------------------------


@pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)  # py4j's sockets, closed with the session
def test_spark_agrees(spark, tmp_path) -> None:
    """Spark refuses the marked keys and the early dates at the cells the other engines do."""
    rows = [["户类型", "户编号", "识别时间"]]
    rows += [
        ["脱贫户", "H001", "2025-06-01"],
        ["脱贫户", "H001\u200b", "2025-06-01"],
        ["脱贫户", "H\u2060002", "2025-06-01"],
        ["脱贫户", "\ufeffH003", "1900-02-28"],
        ["脱贫户", "H004", "1979-12-31"],
        ["脱贫户", "H005", "1980-01-01"],
    ]
    path = write_csv(tmp_path / "h.csv", rows)
    duck = check_columnar(path, as_of=AS_OF, connection=CON)
    on_spark = check_columnar(path, as_of=AS_OF, engine="spark", spark=spark, validate=True)

    assert [(i.row, i.kind) for i in duck.report.issues] == [
        (3, IssueKind.BAD_KEY),
        (4, IssueKind.BAD_KEY),
        (5, IssueKind.BAD_KEY),
        (5, IssueKind.BAD_DATE),
        (6, IssueKind.BAD_DATE),
    ]
    assert located(duck.report) == located(on_spark.report)
