"""Masking many texts at once (``scrub_all``) and laid-out text (``scrub_layout``) equal ``scrub``."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie._privacy import (
    names_scope,
    remember_names,
    remember_places,
    scrub,
    scrub_all,
    scrub_layout,
)


# Characters the patterns look at (digits, separators, exponent marks, full-width forms), the
# characters the pieces are cut at, and those of registered names and places.
_ALPHABET = [*"0123456789Xx eE+-._/·\u3000\u00a0\n０１９Ｘｅ＋杨红村马小花甲", "  ", "\n"]
_NAMES = ["杨红", "马小花"]
_PLACES = ["杨红村"]

_texts = st.lists(
    st.one_of(
        st.sampled_from(_ALPHABET),
        st.sampled_from(
            [
                "640324199001011234",
                "6403 2419 9001 0112 34",
                "11010519491231002X",
                "110105491231002",
                "13812345678",
                "+86 138 1234 5678",
                "6.40324199001012e+17",
                "６４０３２４１９９００１０１１２３４",
                "杨红村的杨红",
            ]
        ),
    ),
    max_size=40,
).map("".join)


@given(text=_texts)
@example(text="户  640324199001011234  同心县\n户  138 1234 5678")
@example(text="6403241990010112  34")
@example(text="  640324199001011234 \n")
@example(text="杨红  杨红村\n马小花")
def test_scrub_layout_is_scrub(text: str) -> None:
    """Text cut at line breaks and double spaces masks as the whole text does, names included."""
    with names_scope():
        remember_names(_NAMES)
        remember_places(_PLACES)
        assert scrub_layout(text) == scrub(text)


@given(values=st.lists(_texts, max_size=12))
@example(values=["640324199001011234", "640324199001011234\n13812345678", ""])
def test_scrub_all_is_scrub_of_each(values: list[str]) -> None:
    """Each value masked in one joined pass comes out as masking it alone gives it."""
    with names_scope():
        remember_names(_NAMES)
        remember_places(_PLACES)
        assert scrub_all(values) == [scrub(v) for v in values]


def test_scrub_layout_masks_a_table() -> None:
    """An identity number, a mobile and a known name in aligned rows are masked, the rest kept."""
    text = "户号                地点\n640324199001011234  同心县  杨红  13812345678\n"
    with names_scope():
        remember_names(["杨红"])
        masked = scrub_layout(text)
    assert masked == "户号                地点\n6403**********1234  同心县  杨*  138****5678\n"
