"""The engine's vectorised GB 11643 check agrees with the Python check on birth dates and checksums."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.ledgers._privacy import id_number_check_char, id_number_problem
from xiaojie.ledgers._sql import _id_number_valid, id_number_digits


duckdb = pytest.importorskip("duckdb")


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """An 18-character number near the edges: odd dates, leap days, right or wrong check characters."""
    year = draw(st.sampled_from([1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2101]))
    month = draw(st.integers(0, 13))
    day = draw(st.sampled_from([0, 1, 28, 29, 30, 31, 32]))
    first = f"640324{year:04d}{month:02d}{day:02d}{draw(st.integers(0, 999)):03d}"
    right = id_number_check_char(first)
    check = draw(st.sampled_from([right, right.lower(), "0", "5", "X"]))
    return first + check


@settings(max_examples=max(100, settings.default.max_examples * 3), deadline=None)
@given(st.lists(id_numbers(), min_size=1, max_size=30))
def test_sql_id_check_is_the_python_check(numbers: list[str]) -> None:
    """A number passes the SQL check exactly when the Python check finds no problem."""
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT i, {_id_number_valid('c', 'n')} FROM (SELECT i, c, {id_number_digits('c')} AS n "  # noqa: S608
        "FROM (SELECT unnest($1) AS c, generate_subscripts($1, 1) AS i))",
        [numbers],
    ).fetchall()

    assert [bool(v) for _, v in sorted(rows)] == [id_number_problem(n) is None for n in numbers]


@pytest.mark.parametrize(
    "birth", ["19000229", "20000229", "21000229", "20240229", "20230229", "20230431", "20231231"]
)
def test_leap_days_and_month_ends(birth: str) -> None:
    """Leap days of century years and 31st days of short months are judged as Python judges them."""
    first = f"640324{birth}123"
    number = first + id_number_check_char(first)
    con = duckdb.connect()

    (valid,) = con.execute(
        f"SELECT {_id_number_valid('c', 'n')} FROM (SELECT $1 AS c, {id_number_digits('$1')} AS n)",  # noqa: S608
        [number],
    ).fetchone()

    assert bool(valid) == (id_number_problem(number) is None)


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002X",
        "11010519491231002x",
        " 1010519491231002X",
        "1101051949123100 X",
        "+1010519491231002X",
        "-1010519491231002X",
        "1_010519491231002X",
        "01010519491231002X",
        "1.01051949123100e2",
        "110105194912310e02",
        "11010519491231002Y",
        "１1010519491231002X",
    ],
)
def test_shapes_a_lax_cast_would_accept(text: str) -> None:
    """Signs, blanks, underscores, exponents and full-width digits never pass the SQL shape test."""
    con = duckdb.connect()

    (valid,) = con.execute(
        f"SELECT {_id_number_valid('c', 'n')} FROM (SELECT $1 AS c, {id_number_digits('$1')} AS n)",  # noqa: S608
        [text],
    ).fetchone()

    assert bool(valid) == (id_number_problem(text) is None)
