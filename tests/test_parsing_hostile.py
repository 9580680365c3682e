"""Hostile input to the parser's newer readers: absurd spans, unclosed markup, long runs."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

import xiaojie.parsing as xp
from fuzz_mutations import FUZZ
from xiaojie.errors import XiaojieError
from xiaojie.parsing._flat import flat_tables
from xiaojie.parsing._readers import _grid, _span, _take_tables, _visible
from xiaojie.parsing._structure import read_document
from xiaojie.parsing._tables import row_lines
from xiaojie.parsing._text import split_lines


if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

HEADER = "<tr><td>序号</td><td>任务</td><td>牵头单位</td><td>配合单位</td></tr>"
ROW = "<tr><td>1</td><td>完善机制。</td><td>县农业农村局</td><td>各乡镇</td></tr>"


def _parse_or_located(path: Path) -> None:
    """Parse ``path``; only a XiaojieError naming the file may escape."""
    error: XiaojieError | None = None
    try:
        xp.parse_plan(path, reference=dt.date(2025, 1, 1))
    except XiaojieError as err:
        error = err
    assert error is None or path.name in str(error), str(error)


def _old_visible(html: str) -> int:
    """The regular expression `_visible` replaced (quadratic on unclosed tags)."""
    text = re.sub(
        r"<(script|style)\b.*?</\1\s*>|<[^>]*>", "", html, flags=re.DOTALL | re.IGNORECASE
    )
    return len("".join(text.split()))


@given(
    st.lists(
        st.sampled_from(
            [
                *("<", ">", "a", " ", "字", "\n", "<script>", "</script>", "<STYLE x>"),
                *("</style >", "</script", "<p>", "<scriptx>"),
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_visible_counts_as_the_regular_expression_did(html: str) -> None:
    """The one-pass count of shown characters agrees with the regular expression it replaced."""
    assert _visible(html) == _old_visible(html)


def test_span_attributes_that_int_rejects_count_one() -> None:
    """Superscript digits, signs, words and 5,000-digit spans read as counts, never raise."""
    values = ["²", "-1", "abc", "1e3", "1" * 5000, "100000000", " 7 ", "0"]
    assert [_span(v) for v in values] == [1, 1, 1, 1, 500, 500, 7, 1]


def test_absurd_spans_leave_the_table_as_text_without_spans() -> None:
    """A table whose spans would fill millions of cells is not gridded and loses its spans."""
    html = importlib.import_module("lxml.html")  # an optional extra, untyped

    cell = '<td rowspan="100000000" colspan="100000000">x</td>'
    page = f"<html><body><table>{HEADER}<tr>{cell * 1000}</tr>{ROW * 3}</table></body></html>"
    assert _grid(html.fromstring(page).find(".//table")) is None
    out, tables = _take_tables(page, "page.html")
    assert tables == []
    assert "colspan" not in out
    assert "rowspan" not in out


def test_modest_spans_still_fill_their_cells() -> None:
    """A rowspan within the table still fills the rows below it (no change for real tables)."""
    html = importlib.import_module("lxml.html")  # an optional extra, untyped

    body = (
        '<tr><td>1</td><td>甲。</td><td rowspan="2">县民政局</td><td>各乡镇</td></tr>'
        "<tr><td>2</td><td>乙。</td><td>各村</td></tr>"
    )
    grid = _grid(html.fromstring(f"<table>{HEADER}{body}</table>"))
    assert grid is not None
    assert grid[2] == ["2", "乙。", "县民政局", "各村"]


def test_a_cell_merged_across_a_wide_row_is_looked_up_once(monkeypatch) -> None:
    """A header row's cost follows its distinct texts: 30,000 merged copies are one lookup."""
    tables = importlib.import_module("xiaojie.parsing._tables")
    asked: list[str] = []
    role = tables.column_role

    def counted(cell: str, columns: object = None) -> str:
        asked.append(cell)
        return role(cell, columns)

    monkeypatch.setattr(tables, "column_role", counted)
    row = ["序号", "任务", *["县民政局"] * 30_000, "牵头单位"]
    roles = tables.header_roles(row)
    assert roles is not None
    assert roles[:2] == ["number", "task"]
    assert roles[-1] == "lead"
    assert len(roles) == len(row)
    assert sorted(asked) == sorted(set(row))


@FUZZ
@given(
    rowspan=st.one_of(st.text(max_size=12), st.integers(-(10**12), 10**12).map(str)),
    colspan=st.one_of(st.text(max_size=12), st.integers(-(10**12), 10**12).map(str)),
    copies=st.integers(1, 60),
    depth=st.integers(0, 40),
)
def test_fuzzed_table_spans_give_a_plan_or_a_located_error(
    example_folder: Callable[[str], Path], rowspan: str, colspan: str, copies: int, depth: int
) -> None:
    """Any rowspan/colspan text, repeated and nested, gives a plan or a located XiaojieError."""
    quote = rowspan.replace('"', "&quot;"), colspan.replace('"', "&quot;")
    cell = f'<td rowspan="{quote[0]}" colspan="{quote[1]}">县民政局</td>'
    table = f"<table>{HEADER}<tr><td>1</td><td>完善机制。</td>{cell * copies}</tr></table>"
    page = "<html><body><p>2025年工作方案</p>" + "<table><tr><td>" * depth + table
    path = example_folder("page-spans") / "page.html"
    path.write_text(page + "</td></tr></table>" * depth + "</body></html>", encoding="utf-8")
    _parse_or_located(path)


@FUZZ
@given(content=st.one_of(st.text(max_size=300), st.integers(), st.none(), st.booleans()))
def test_fuzzed_script_content_gives_a_plan_or_a_located_error(
    example_folder: Callable[[str], Path], content: object
) -> None:
    """A script's "content" of any JSON kind, malformed or short, never escapes as a crash."""
    import json

    shown = json.dumps(content, ensure_ascii=False) if content is not None else '"<p>'
    script = f'<script>var d = {{"content": {shown}}};</script>'
    path = example_folder("page-json") / "page.html"
    path.write_text(f"<html><body><p>一、总体要求</p>{script}</body></html>", encoding="utf-8")
    _parse_or_located(path)


def test_a_long_run_of_column_words_is_no_header() -> None:
    """Thousands of column-word lines are left as they are: no header starts inside the run."""
    lines = ["任务", "牵头", "部门", "配合", "部门"] * 2000
    out, guesses = flat_tables(lines)
    assert out == lines
    assert guesses == []


def test_a_row_of_too_many_lines_ends_the_flattened_table() -> None:
    """A row that would take more than 400 lines ends the table there, with a located guess."""
    head = ["任务", "牵头单位", "配合单位", "（1）建设道路。", "市建设局", "各区"]
    lines = [*head, *(["继续说明文字"] * 1000)]
    out, guesses = flat_tables(lines)
    assert out[3].startswith("1.建设道路。")
    assert (403, "a row of more than 400 lines: the table ends here") in guesses
    assert out[403:] == lines[403:]


def test_many_repeated_headings_get_numbered_ids_in_order() -> None:
    """The thousandth heading of one number under one parent gets the id ``1-1000``."""
    text = "\n".join(f"1.第{k}项工作。" for k in range(1000))
    document = read_document(split_lines(text))
    ids = [node.clause_id for node in document.root.children]
    assert ids[:3] == ["1", "1-2", "1-3"]
    assert ids[-1] == "1-1000"
    assert len(set(ids)) == 1000


def test_an_item_over_many_rows_keeps_each_unit_once_in_order() -> None:
    """A numbered item continued over 3,000 rows lists each unit once, as first written."""
    rows = [["序号", "具体措施", "牵头单位", "配合单位"], ["1", "甲。", "县民政局", "单位0"]]
    rows += [["", f"说明{k}。", "县民政局", f"单位{k % 50}、县民政局"] for k in range(1, 3000)]
    lines = row_lines(rows)
    assert lines is not None
    first = lines[0][1][0]
    units = re.search(r"配合单位:([^)]*)\)", first)
    assert units is not None
    assert units.group(1).split("、") == [f"单位{k}" for k in range(50)]
    assert first.count("说明") == 2999
