"""A padded name (马　丽) is masked in every padding, mixed ones too (马 　丽), and nothing else.

A ledger pads a two-character name to the width of three with a space, an ideographic space or
a no-break space; another row or a remark may pad it otherwise, with one to three pads of any
of the three kinds between its characters. Forgetting a name undoes its own registration only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie._privacy import (
    _NO_NAMES,
    PersonalNames,
    forget_names,
    mask_name,
    names_scope,
    remember_names,
    scrub,
    scrub_all,
    scrub_layout,
)


if TYPE_CHECKING:
    from pathlib import Path

PADS = " \u3000\u00a0"
#: A few characters, so that names share characters and overlap in the texts drawn.
COMMON = "马丽秀兰王芳李娜杨红花"
HAN = st.one_of(
    st.sampled_from(COMMON),
    st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF),
)
#: Blanks that pad no name: a tab, an en space, a narrow no-break space, a line break.
OTHER_BLANKS = "\t\u2002\u202f\n"


@st.composite
def paddings(draw: st.DrawFn, name: str) -> str:
    """``name`` with one to three pads, of any kinds mixed, between each two characters."""
    gaps = [draw(st.text(st.sampled_from(PADS), min_size=1, max_size=3)) for _ in name[1:]]
    return name[0] + "".join(gap + char for gap, char in zip(gaps, name[1:], strict=True))


@st.composite
def registrations(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Names (two to four characters) and how each is registered: padded or as it is."""
    names = draw(st.lists(st.text(HAN, min_size=2, max_size=4), min_size=1, max_size=3))
    return [(name, draw(paddings(name)) if draw(st.booleans()) else name) for name in names]


@st.composite
def texts(draw: st.DrawFn, names: list[str]) -> str:
    """A text of characters, pads, other blanks and the names in any padding or none."""
    piece = st.one_of(
        HAN,
        st.sampled_from([*PADS, *OTHER_BLANKS, "，", "a", "*"]),
        st.sampled_from(names).flatmap(lambda n: st.one_of(st.just(n), paddings(n))),
    )
    return "".join(draw(st.lists(piece, max_size=14)))


def naive(text: str, plain: set[str], padded: set[str]) -> str:
    """The names masked by one regular expression: most characters first, left to right."""
    pad = f"[{PADS}]{{1,3}}"
    alternatives = [(len(n), re.escape(n)) for n in plain | padded]
    alternatives += [(len(n), pad.join(map(re.escape, n))) for n in padded]
    alternatives.sort(key=lambda a: -a[0])
    pattern = "|".join(p for _, p in alternatives)
    return re.sub(pattern, lambda m: mask_name(m.group(0)), text)


class TestMixedPadding:
    @given(st.data())
    @example(data=None)
    def test_every_padding_is_masked_and_nothing_else(self, data: st.DataObject | None) -> None:
        """Any padding of a padded name is masked, a name registered as it is only as it is."""
        if data is None:  # 马　丽 registered; 马 　丽 (mixed) and 马丽 in a remark
            drawn, text = [("马丽", "马　丽")], "户主马 \u3000丽,马丽；马    丽"
        else:
            drawn = data.draw(registrations())
            text = data.draw(texts([name for name, _ in drawn]))
        # a cell naming nobody (母亲, 户主, 暂无 …) is never registered as a name
        names = [(name, written) for name, written in drawn if name not in _NO_NAMES]
        padded = {name for name, written in names if written != name}
        plain = {name for name, written in names if written == name}
        with names_scope():
            remember_names(written for _, written in drawn)
            masked = scrub(text)

        assert naive(text, plain, padded) == masked

    @pytest.mark.parametrize(
        "written",
        [
            "马 \u3000丽",
            "马\u3000 丽",
            "马\u00a0 \u3000丽",
            "马 \u00a0丽",
            "马\u3000\u3000\u00a0丽",
        ],
    )
    def test_a_mixed_padding_in_a_remark(self, written: str) -> None:
        """马　丽 registered masks 马 　丽 and other mixed paddings in a remark."""
        with names_scope():
            remember_names(["马　丽"])
            masked = scrub(f"户主{written}已走访")

        assert f"户主马{'*' * (len(written) - 1)}已走访" == masked

    @pytest.mark.parametrize(
        "text",
        [
            "马    丽",  # four pads: no padding of a name
            "马 \u3000 \u00a0丽",
            "马\t丽",  # blanks that pad no name
            "马\u2002丽",
            "马\n丽",
            "马 ，丽",
            "马 王丽",
            "丽 马",
        ],
    )
    def test_what_is_not_the_name_is_kept(self, text: str) -> None:
        """Four pads, another blank or another character between is not the name."""
        with names_scope():
            remember_names(["马　丽"])
            masked = scrub(text)

        assert text == masked

    def test_a_name_registered_unpadded_is_masked_as_written(self) -> None:
        """马丽 registered is masked as 马丽; 马 丽 is masked once a padded 马　丽 is known."""
        with names_scope() as names:
            remember_names(["马丽"])
            before = scrub("马丽、马 丽")
            remember_names(["马\u00a0丽"])
            after = scrub("马丽、马 丽")

            assert ("马*、马 丽", "马*、马**") == (before, after)
            assert "马丽" in names
            assert "马 \u3000丽" in names
            assert "马    丽" not in names

    def test_four_characters(self) -> None:
        """A padded name of four characters is masked with a different mixed run in each gap."""
        with names_scope():
            remember_names(["欧 阳 娜 娜"])
            masked = scrub("欧\u3000阳 \u00a0娜   娜来了；欧阳娜娜；欧 阳娜 娜")

        assert "欧*********来了；欧***；欧 阳娜 娜" == masked


class TestForget:
    def test_forgetting_a_padded_name_keeps_the_unpadded_one(self) -> None:
        """forget_names(["马　丽"]) forgets the padded name; 马丽 registered by itself stays."""
        with names_scope() as names:
            remember_names(["马　丽", "马丽"])
            forget_names(["马　丽"])

            assert "马*、马 丽、马\u3000丽" == scrub("马丽、马 丽、马\u3000丽")
            assert list(names) == ["马丽"]

    def test_forgetting_the_unpadded_name_keeps_the_padded_one(self) -> None:
        """forget_names(["马丽"]) forgets that registration; the padded 马　丽 still masks 马丽."""
        with names_scope():
            remember_names(["马　丽", "马丽"])
            forget_names(["马丽"])

            assert "马*、马**" == scrub("马丽、马 丽")

    @pytest.mark.parametrize("padding", ["马 丽", "马 \u3000丽", "马\u00a0\u00a0\u00a0丽"])
    def test_any_padding_forgets_the_padded_name(self, padding: str) -> None:
        """A padded name is forgotten in whatever padding it is named, and nothing stays."""
        with names_scope() as names:
            remember_names(["马　丽"])
            forget_names([padding])

            assert "马丽、马 丽" == scrub("马丽、马 丽")
            assert len(names) == 0

    def test_forgetting_both_shows_the_name(self) -> None:
        """Once every registration is forgotten, the name is shown in every form."""
        with names_scope() as names:
            remember_names(["马　丽", "马丽", "王芳"])
            version = names.version
            forget_names(["马丽", "马 丽"])

            assert "马丽、马 丽、王*" == scrub("马丽、马 丽、王芳")
            assert names.version != version

    @given(kept=registrations(), drawn=registrations(), data=st.data())
    @example(kept=[("马丽", "马丽")], drawn=[("马丽", "马　丽")], data=None)
    @example(kept=[("马丽", "马 丽")], drawn=[("马丽", "马丽")], data=None)
    def test_forget_undoes_remember(
        self,
        kept: list[tuple[str, str]],
        drawn: list[tuple[str, str]],
        data: st.DataObject | None,
    ) -> None:
        """Names registered and forgotten leave the registry masking as if never registered.

        A name registered padded in one list and unpadded in the other is two registrations.
        """
        keys = {(name, written != name) for name, written in kept}
        passing = [(n, w) for n, w in drawn if (n, w != n) not in keys]
        names = [name for name, _ in kept + passing]
        text = "马丽、马 丽" if data is None else data.draw(texts(names))
        with names_scope():
            remember_names(written for _, written in kept)
            alone = scrub(text)
        with names_scope():
            remember_names(written for _, written in [*kept, *passing])
            forget_names(written for _, written in passing)
            again = scrub(text)

        assert alone == again


class TestBatches:
    @given(st.data())
    @example(data=None)
    def test_layout_and_batches_mask_as_scrub(self, data: st.DataObject | None) -> None:
        """Text cut at line breaks and double spaces masks a padded name holding two spaces."""
        if data is None:
            drawn, text = [("马丽", "马　丽")], "户  马  丽  同心县\n户  马 \u3000  丽"
        else:
            drawn = data.draw(registrations())
            text = data.draw(texts([name for name, _ in drawn]))
        with names_scope():
            remember_names(written for _, written in drawn)
            whole = scrub(text)

            assert whole == scrub_layout(text)
            assert [whole, whole] == scrub_all([text, text])


class TestRegistry:
    def test_a_registry_lists_names_unpadded(self) -> None:
        """A registry lists each name once, without padding, however often it is padded."""
        names = PersonalNames()
        names.remember(["马　丽", "马 丽", "马丽", " 王芳 "])

        assert (["王芳", "马丽"], 2) == (list(names), len(names))
        assert "马  丽" in names
        assert "王 芳" not in names
        assert 3 not in names


def test_a_mixed_padding_in_another_row_is_masked_on_both_engines(tmp_path: Path) -> None:
    """马　丽 read from a ledger masks 马 　丽 in another row's remark, alike on both engines."""
    from xiaojie.ledgers import check_columnar
    from xiaojie.ledgers._write import write_findings, write_report

    path = tmp_path / "households.csv"
    path.write_text(
        "户编号,户主姓名,户类型,行政村,风险线索发现时间,识别时间,备注\n"
        "H1,马　丽,脱贫户,峡隆村,2024-01-01,2024-01-10,\n"
        "H2,王芳,马 \u3000丽,峡隆村,2024-01-01,2024-01-10,\n"  # a mixed padding, a bad kind
        "H3,李娜,脱贫户,马\u00a0 丽,2024-01-01,2024-01-10,\n",
        encoding="utf-8",
    )
    shown = {}
    for engine in ("objects", "duckdb"):
        with names_scope():
            checked = check_columnar(path, as_of=dt.date(2025, 11, 15), engine=engine)
            report = write_report(checked.report, tmp_path / f"report-{engine}.json")
            findings = write_findings(checked.findings, tmp_path / f"findings-{engine}.csv")
            issues = [str(issue) for issue in checked.report.issues]
        shown[engine] = (
            issues,
            report.read_text(encoding="utf-8"),
            findings.read_text(encoding="utf-8-sig"),
        )

    assert shown["objects"] == shown["duckdb"]
    assert "丽" not in repr(shown["duckdb"])
    assert "马" in repr(shown["duckdb"])  # the surname is kept


def test_the_engines_learn_the_same_names() -> None:
    """A cell is a name to DuckDB's shape test exactly when :func:`remember_names` takes it."""
    duckdb = pytest.importorskip("duckdb")
    from xiaojie._privacy import _name_key
    from xiaojie.ledgers._learn import _NAME_SQL

    blanks = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    cell = st.lists(
        st.one_of(HAN, st.sampled_from([*blanks, "·", "a", "1"])), min_size=1, max_size=8
    ).map("".join)
    con = duckdb.connect()

    @given(st.lists(cell, min_size=1, max_size=30))
    @example([" 马丽\u2002", "\v马丽", "马 \u3000丽\u205f", "马\u2002丽", "马    丽", "马·丽\x85"])
    def agree(cells: list[str]) -> None:
        found = con.execute(
            f"SELECT regexp_full_match(c, '{_NAME_SQL}') FROM unnest(?) AS t(c)",  # noqa: S608
            [cells],
        ).fetchall()

        assert [_name_key(c) is not None for c in cells] == [row[0] for row in found]

    agree()


@pytest.mark.parametrize("cell", ["户主", "配偶", "暂无", "同上", "户\u3000主", "配 偶"])
def test_a_name_cell_naming_nobody_is_not_registered(cell: str) -> None:
    """户主 in a name column (a relation typed in the wrong column) was registered as a name:
    every later 户主 of every remark was masked, and the name after it shown."""
    with names_scope():
        remember_names([cell, "马小花"])
        shown = scrub_all(["户主马秀兰已签字，户主申请纳入监测，暂无同上配偶，马小花"])[0]
    assert "户主申请纳入监测，暂无同上配偶" in shown
    assert "马小花" not in shown
