"""The NumPy phone-number test over Arrow bytes agrees with the pattern, whatever the cells."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.ledgers._cells import PHONE_PATTERN


pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from xiaojie.ledgers._bytes import phone_suspects  # noqa: E402 - after the skip


_PHONE = re.compile(PHONE_PATTERN)
_NEAR = st.sampled_from(
    [*list("0123456789-"), " ", "+", "/", ".", "１", "\x00", "\x7f", "é", "\u3000"]
)
cells = st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789-")), min_size=0, max_size=22),
    st.text(alphabet=_NEAR, min_size=0, max_size=22),
    st.text(max_size=22),
    st.none(),
)


def _expected(values: list[str | None]) -> list[int]:
    return [i for i, v in enumerate(values) if v and not _PHONE.fullmatch(v)]


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(st.lists(cells, min_size=0, max_size=40), st.booleans(), st.integers(0, 3))
def test_suspects_are_the_cells_the_pattern_rejects(
    values: list[str | None], large: bool, skip: int
) -> None:
    """A non-empty cell is suspect exactly when it does not match the phone pattern."""
    column = pa.array(values, pa.large_string() if large else pa.string()).slice(skip)

    assert phone_suspects(column).tolist() == _expected(values[skip:])


@settings(max_examples=max(100, settings.default.max_examples * 2), deadline=None)
@given(
    st.integers(1, 22).flatmap(
        lambda width: st.lists(st.text(alphabet=_NEAR, min_size=width, max_size=width), max_size=30)
    )
)
def test_cells_of_one_width(values: list[str]) -> None:
    """Columns whose cells all have one width (the two-dimensional path) agree too."""
    assert phone_suspects(pa.array(values)).tolist() == _expected(values)


@pytest.mark.parametrize("width", [4, 5, 11, 20, 21])
def test_every_ascii_byte_at_every_position(width: int) -> None:
    """Each position of an all-digit number of each width near the limits holds each ASCII byte."""
    base = "1" * width
    values = [
        base[:at] + chr(code) + base[at + 1 :] for at in range(width) for code in range(1, 128)
    ]

    assert phone_suspects(pa.array(values)).tolist() == _expected(values)
    assert phone_suspects(pa.array([*values, "12"])).tolist() == _expected([*values, "12"])
