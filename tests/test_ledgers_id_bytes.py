"""The NumPy GB 11643 check over Arrow bytes agrees with the Python check, whatever the cells."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.ledgers._privacy import id_number_check_char, id_number_problem


pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from xiaojie.ledgers._bytes import id_number_suspects  # noqa: E402 - after the skip


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """An 18-character number near the edges: odd dates, leap days, right or wrong check characters."""
    year = draw(st.sampled_from([0, 1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2101, 9999]))
    month = draw(st.sampled_from([0, 1, 2, 4, 6, 9, 11, 12, 13, 20, 99]))
    day = draw(st.sampled_from([0, 1, 28, 29, 30, 31, 32, 99]))
    first = f"{draw(st.integers(0, 999_999)):06d}{year:04d}{month:02d}{day:02d}"
    first += f"{draw(st.integers(0, 999)):03d}"
    right = id_number_check_char(first)
    check = draw(st.sampled_from([right, right, right.lower(), "0", "5", "X", "x"]))
    return first + check


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A valid-looking number with one character replaced, inserted or removed."""
    number = draw(id_numbers())
    at = draw(st.integers(0, len(number)))
    junk = draw(
        st.sampled_from(
            [" ", "\t", "a", "A", "/", ":", "-", "+", "_", "Ｘ", "１", "é", "\x00", "\x7f", "　"]
        )
        | st.characters()
    )
    how = draw(st.sampled_from(["replace", "insert", "remove"]))
    if how == "replace":
        return number[:at] + junk + number[at + 1 :]
    if how == "insert":
        return number[:at] + junk + number[at:]
    return number[:at] + number[at + 1 :]


cells = st.one_of(id_numbers(), damaged(), st.none(), st.just(""), st.text(max_size=20))


def _expected(values: list[str | None]) -> list[int]:
    return [i for i, v in enumerate(values) if v and id_number_problem(v) is not None]


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(st.lists(cells, min_size=0, max_size=40), st.booleans())
def test_suspects_are_the_cells_the_python_check_rejects(
    values: list[str | None], large: bool
) -> None:
    """A non-empty cell is suspect exactly when the Python check finds a problem with it."""
    column = pa.array(values, pa.large_string() if large else pa.string())

    assert id_number_suspects(column).tolist() == _expected(values)


@settings(max_examples=max(100, settings.default.max_examples * 2), deadline=None)
@given(st.lists(id_numbers(), min_size=1, max_size=40), st.integers(0, 5))
def test_fixed_width_columns_and_slices(values: list[str], skip: int) -> None:
    """A column of 18-byte cells only (read without gathering), also sliced, is judged the same."""
    column = pa.array(values)
    part = column.slice(min(skip, len(values)))
    kept = values[min(skip, len(values)) :]

    assert id_number_suspects(column).tolist() == _expected(values)
    assert id_number_suspects(part).tolist() == _expected(kept)


def test_chunked_and_other_string_types() -> None:
    """Chunked arrays and string views are read as one column of text."""
    good = "11010519491231002X"
    values = [good, "110105194912310021", None, "", good.lower()]
    chunked = pa.chunked_array([values[:2], values[2:]])

    assert id_number_suspects(chunked).tolist() == [1]
    assert id_number_suspects(pa.array(values, pa.string_view())).tolist() == [1]


@pytest.mark.parametrize(
    "birth",
    [
        "19000229",
        "20000229",
        "21000229",
        "20240229",
        "20230229",
        "20230431",
        "20231231",
        "18991231",
    ],
)
def test_leap_days_and_month_ends(birth: str) -> None:
    """Leap days of century years, 31st days of short months and year bounds are judged as Python does."""
    first = f"640324{birth}123"
    number = first + id_number_check_char(first)

    assert id_number_suspects(pa.array([number])).tolist() == _expected([number])


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",
        " 1010519491231002X",
        "1101051949123100 X",
        "+1010519491231002X",
        "1_010519491231002X",
        "1.01051949123100e2",
        "11010519491231002Y",
        "１1010519491231002X",
        "1101051949123100:X",
        "11010519491231002X ",
    ],
)
def test_shapes_near_digits(text: str) -> None:
    """Signs, blanks, bytes next to the digits and full-width digits are suspect as in Python."""
    assert id_number_suspects(pa.array([text])).tolist() == _expected([text])


def test_key_scan_with_cells_leaves_empty_keys_out() -> None:
    """Empty keys are not repeated keys, and failing cells are returned by row number."""
    duckdb = pytest.importorskip("duckdb")
    from xiaojie.ledgers._scan import Text, key_and_cells

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (1, NULL, '11010519491231002X'), "
        "(2, '', '110105194912310021'), (3, 'a', NULL), (4, 'b', ''), (5, 'a', '1')) "
        "AS v(__row, k, id)"
    )
    twice, failed = key_and_cells(
        con, "t", Text("nullif(k, '')"), 5, [(Text("nullif(id, '')"), id_number_suspects)]
    )
    (expected,) = con.execute("SELECT hash('a')").fetchone()

    assert twice == [expected]
    assert failed == [2, 5]


def test_key_scan_across_many_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys repeated in different batches and failing cells of later batches are all found."""
    duckdb = pytest.importorskip("duckdb")
    from xiaojie.ledgers import _scan

    good = "11010519491231002X"
    rows = [(n, f"k{n % 17}" if n % 3 else f"u{n}", good if n % 7 else "1") for n in range(1, 61)]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (__row BIGINT, k VARCHAR, id VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    keys = [k for _, k, _ in rows]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    wanted = sorted(
        con.execute("SELECT hash(k) FROM (SELECT unnest(?::VARCHAR[]) AS k)", [repeated])
        .fetchnumpy()["hash(k)"]
        .tolist()
    )
    monkeypatch.setattr(_scan, "_KEY_BATCH", 4)

    twice, failed = _scan.key_and_cells(
        con,
        "t",
        _scan.Text("nullif(k, '')"),
        len(rows),
        [(_scan.Text("nullif(id, '')"), id_number_suspects)],
    )

    assert sorted(twice) == wanted
    assert len(wanted) == 17
    assert failed == [n for n, _, id_ in rows if id_ == "1"]


@pytest.mark.parametrize("capacity", [1, 7, 60, 200])
def test_key_scan_halves_whatever_the_capacity(
    monkeypatch: pytest.MonkeyPatch, capacity: int
) -> None:
    """Repeated keys are found on both sides of 2**63 and when the row count given was short."""
    duckdb = pytest.importorskip("duckdb")
    from xiaojie.ledgers import _scan

    rows = [(n, f"key{n % 23}" if n % 2 else f"one{n}") for n in range(1, 61)]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (__row BIGINT, k VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    keys = [k for _, k in rows]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    wanted = sorted(
        con.execute("SELECT hash(k) FROM (SELECT unnest(?::VARCHAR[]) AS k)", [repeated])
        .fetchnumpy()["hash(k)"]
        .tolist()
    )
    monkeypatch.setattr(_scan, "_KEY_BATCH", 4)

    twice, _ = _scan.key_and_cells(con, "t", _scan.Text("nullif(k, '')"), capacity)

    assert twice == wanted
    assert min(wanted) < 1 << 63 <= max(wanted)


def test_every_ascii_byte_at_every_position() -> None:
    """Each position of valid numbers (leap day, year ends, ``X`` mark) holds each ASCII byte in turn."""
    bases = ["11010519491231002X", "110105200002290011", "110105190001010012", "11010521001231001x"]
    bases = [b[:17] + id_number_check_char(b[:17]) for b in bases]
    values = [
        base[:at] + chr(code) + base[at + 1 :]
        for base in bases
        for at in range(18)
        for code in range(1, 128)
    ]

    assert id_number_suspects(pa.array(values)).tolist() == _expected(values)
