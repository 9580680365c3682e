"""The NumPy phone-number and key-blank tests over Arrow bytes agree with the patterns, whatever the cells."""

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.ledgers._cells import BLANKS, KEY_PATTERN, KEY_REFUSED, PHONE_PATTERN


pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from xiaojie.ledgers import _bytes  # noqa: E402 - after the skip
from xiaojie.ledgers._bytes import blank_suspects, phone_suspects  # noqa: E402 - after the skip


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


_KEY = re.compile(KEY_PATTERN)
_KEYISH = st.sampled_from(
    [
        *BLANKS,
        "H",
        "0",
        "1",
        "-",
        "\x00",
        "\x08",
        "\x0e",
        "\x1f",
        "\x85",
        "\xa0",
        "\u2000",
        "\u3001",
        "\u300c",
        "同",
        "㄀",
        "\U0001f600",
    ]
)
keys = st.one_of(st.text(alphabet=_KEYISH, max_size=12), st.text(max_size=12), st.none())


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(st.lists(keys, min_size=0, max_size=40), st.booleans(), st.integers(0, 3))
def test_key_suspects_are_the_cells_with_a_blank(
    values: list[str | None], large: bool, skip: int
) -> None:
    """A non-empty key is suspect exactly when the key pattern refuses it (a blank anywhere)."""
    column = pa.array(values, pa.large_string() if large else pa.string()).slice(skip)
    expected = [i for i, v in enumerate(values[skip:]) if v and not _KEY.fullmatch(v)]

    assert blank_suspects(column).tolist() == expected


def test_every_character_below_0x3100_in_a_key() -> None:
    """Each character up to U+30FF (the ASCII controls, Latin-1 and the CJK punctuation block) at each end and inside."""
    values = [
        f"{ch}H1" if at == 0 else f"H{ch}1" if at == 1 else f"H1{ch}"
        for code in range(1, 0x3100)
        if not 0xD800 <= code <= 0xDFFF
        for ch in [chr(code)]
        for at in range(3)
    ]
    expected = [i for i, v in enumerate(values) if not _KEY.fullmatch(v)]

    assert blank_suspects(pa.array(values)).tolist() == expected
    assert len(expected) == 3 * len([ch for ch in KEY_REFUSED if ord(ch) < 0x3100])


_BLOCKS = st.sampled_from([1, 2, 3, 8, 16, 64, 1 << 15])


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(
    st.binary(max_size=300),
    st.integers(0, 255),
    st.integers(0, 255),
    st.sets(st.integers(0, 255)),
    _BLOCKS,
)
def test_bytes_marked_whatever_the_blocks(
    data: bytes, low: int, high: int, marked: set[int], block: int
) -> None:
    """The bytes a test marks (none within ``low..high``) are found, in order, for any block size."""
    import numpy as np

    wanted = sorted(b for b in marked if b < low or b > high)
    expected = [i for i, byte in enumerate(data) if byte in wanted]
    with mock.patch.object(_bytes, "_BLOCK", block):
        found = _bytes._bytes_where(
            np.frombuffer(data, np.uint8), low, high, lambda part: np.isin(part, wanted)
        )

    assert found.tolist() == expected


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(st.lists(keys, min_size=0, max_size=40), st.lists(cells, max_size=40), _BLOCKS)
def test_keys_and_phones_whatever_the_blocks(
    key_values: list[str | None], phone_values: list[str | None], block: int
) -> None:
    """Blocks of any size, clean or not, and their ends inside a cell, change no suspect."""
    expected_keys = [i for i, v in enumerate(key_values) if v and not _KEY.fullmatch(v)]
    with mock.patch.object(_bytes, "_BLOCK", block):
        assert blank_suspects(pa.array(key_values)).tolist() == expected_keys
        assert phone_suspects(pa.array(phone_values)).tolist() == _expected(phone_values)


def test_chinese_keys_and_landline_numbers_in_long_columns() -> None:
    """Keys of Chinese characters (every block holds bytes above 127) and numbers with hyphens."""
    keys = [f"同心县兴隆乡{i:07d}" for i in range(20_000)]
    phones = [f"0951-{i:07d}" for i in range(20_000)]
    keys[5] = "同心县\u3000兴隆乡"
    keys[6] = "同心县、兴隆乡"  # U+3001 starts with the same byte as the wide blank
    keys[19_999] = "同心县兴隆乡 1"
    phones[9] = "0951-123 4567"

    assert blank_suspects(pa.array(keys)).tolist() == [5, 19_999]
    assert phone_suspects(pa.array(phones)).tolist() == [9]


def test_a_blank_or_stray_byte_in_a_long_clean_column() -> None:
    """One blank, wide blank or letter among 10^5 clean cells (many whole blocks) is found."""
    keys = [f"H{i:011d}" for i in range(100_000)]
    phones = [f"139{i:08d}" for i in range(100_000)]
    keys[3] = "H 1"
    keys[50_000] = "H\u30001"
    keys[-1] = "H1\t"
    phones[7] = "139x1234567"
    phones[60_000] = "0951-1234567"
    phones[-2] = "139.1234567"

    assert blank_suspects(pa.array(keys)).tolist() == [3, 50_000, 99_999]
    assert phone_suspects(pa.array(phones)).tolist() == [7, 99_998]
