"""Time phrases in traditional script read as they do in simplified script.

Mirror sites and reposts print mainland plans in traditional script ("春節後至3月底", "每週調度",
"兩個月內"); the holidays are still read on the mainland's official calendar. :func:`xiaojie.parsing.parse_plan` converts a whole
document with OpenCC first; :func:`find_when` and :func:`parse_when` read such text as given,
folding the traditional characters of their own words one for one (offsets and the texts found
stay those of the text given).
"""

from __future__ import annotations

import ast
import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import (
    NAMED_PERIODS,
    Cadence,
    Frequency,
    HolidayShift,
    Period,
    find_when,
    parse_when,
)
from xiaojie.dates._grammar import _SIMPLIFIED, _TRADITIONAL


opencc = pytest.importorskip("opencc")
TO_TRADITIONAL = opencc.OpenCC("s2t")
TO_SIMPLIFIED = opencc.OpenCC("t2s")
DATES = Path(__file__).resolve().parents[1] / "src" / "xiaojie" / "dates"
REAL = Path(__file__).resolve().parent / "data" / "real"
REF = dt.date(2025, 11, 20)


def _constants(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module of ``xiaojie.dates`` (line, text): not its docstrings
    (nor other strings standing alone), nor the folding table itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(getattr(t, "id", "") in {"_TRADITIONAL", "_SIMPLIFIED"} for t in targets):
            skipped |= {id(n) for n in ast.walk(node)}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
    ]


def _vocabulary() -> set[str]:
    """The Chinese characters of the string constants of ``xiaojie.dates``."""
    return {
        c
        for path in sorted(DATES.glob("*.py"))
        for _, text in _constants(path)
        for c in text
        if "\u3400" <= c <= "\u9fff"
    }


def _folding() -> dict[str, str]:
    """The table ``_grammar.py`` should hold: OpenCC's t2s of each character, where it is one
    character of the grammar's."""
    vocabulary = _vocabulary()
    expected = {}
    for point in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]:
        char = chr(point)
        simple = TO_SIMPLIFIED.convert(char)
        if simple != char and len(simple) == 1 and simple in vocabulary:
            expected[char] = simple
    return dict(sorted(expected.items()))


def test_the_folding_table_is_opencc_for_every_character_of_the_grammar():
    """Every traditional character OpenCC turns into one of the grammar's characters is folded,
    and nothing else. When a word adds characters, ``python tests/test_dates_traditional.py``
    prints both strings of ``_grammar.py`` again."""
    assert dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True)) == _folding()


def test_the_grammar_is_written_in_simplified_script_only():
    """Every phrase is read in folded text, so a word with a traditional character could never
    match (the holiday-notice reader folds its own text and is left out)."""
    folded = set(_TRADITIONAL)
    written = [
        (path.name, line, text)
        for path in sorted(DATES.glob("*.py"))
        if path.name != "_notice.py"
        for line, text in _constants(path)
        if folded & set(text)
    ]
    assert written == []


def _same_reading(simplified: str) -> None:
    traditional = TO_TRADITIONAL.convert(simplified)
    if len(traditional) != len(simplified):  # OpenCC wrote a phrase another length: no pairs
        return
    plain = find_when(simplified, reference=REF)
    written = find_when(traditional, reference=REF)
    assert [(f.offset, f.value) for f in written] == [(f.offset, f.value) for f in plain], (
        traditional
    )
    assert [f.text for f in written] == [traditional[f.offset : f.end] for f in plain]
    assert [(u.offset, u.end) for u in written.unread] == [(u.offset, u.end) for u in plain.unread]


SIMPLIFIED_TEXTS = [path for path in sorted(REAL.glob("*.txt")) if not path.stem.endswith("-trad")]


def _tuning_slugs() -> set[str]:
    manifest = tomllib.loads((REAL / "MANIFEST.toml").read_text(encoding="utf-8"))
    return {
        doc["slug"]
        for doc in manifest["document"]
        if not doc["heldout"] and doc["script"] == "simplified"
    }


@pytest.mark.parametrize(
    "path",
    [p for p in SIMPLIFIED_TEXTS if p.stem in _tuning_slugs()],
    ids=lambda p: p.stem,
)
def test_a_real_plan_reads_the_same_in_traditional_script(path):
    """Every line of the corpus's simplified plans, converted by OpenCC, gives the same phrases."""
    for line in path.read_text(encoding="utf-8").splitlines():
        _same_reading(line)


PHRASES = [
    "春节前",
    "2026年春节前",
    "春节后至3月底",
    "国庆节前",
    "“五一”劳动节后",
    "元旦后至春节前",
    "2025年12月至春节期间",
    "春节假期后",
    "国庆长假期间",
    "每周一",
    "每周调度",
    "每月10日前报送",
    "每季度末",
    "每季度报送一次",
    "按季度报送",
    "两个月内",
    "3个工作日内",
    "年内",
    "年底前",
    "上半年",
    "第三季度",
    "6月中旬",
    "2025年6月底前",
    "于2025年9月30日前",
    "实行月调度、季通报、年考核制度",
    "县指挥办周调度会",
    "建立县农业农村局月调度、季通报机制",
    "从2026年起",
    "到2027年",
    "十五个工作日内",
    "每年1月",
    "历年",
    "一季一通报",
    "2026年10月3日前完成，遇节假日顺延",
    "每月10日前报送，遇节假日顺延",
    "2026年10月3日前完成（遇节假日提前至节前最后一个工作日）",
    "自本方案印发之日起至2026年3月底",
    "即日起至春节期间",
    "春节后第一个工作日前",
]


@given(
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4),
    st.sampled_from(["完成", "，", "。", "开展", "；各地"]),
)
def test_phrases_read_the_same_in_traditional_script(phrases, joint):
    _same_reading(joint.join(phrases) + "。")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("春節前", Period(start=None, end=dt.date(2026, 2, 14))),
        ("國慶節前", Period(start=None, end=dt.date(2026, 9, 30))),
        ("春節後至3月底", Period(start=dt.date(2026, 2, 24), end=dt.date(2026, 3, 31))),
        ("2026年春節期間", Period(start=dt.date(2026, 2, 15), end=dt.date(2026, 2, 23))),
        ("年內", Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))),
        ("每週一", Cadence(frequency=Frequency.WEEKLY, weekday=1)),
    ],
)
def test_traditional_phrases(text, value):
    """Holidays, 年內 and 每週 in traditional script (OpenCC's own output for each)."""
    found = find_when(text + "完成", reference=REF)
    assert [(f.text, f.value) for f in found] == [(text, value)]
    assert parse_when(text, reference=REF) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026年10月3日前完成，遇節假日順延", Period(start=None, end=dt.date(2026, 10, 8))),
        (
            "2026年10月3日前完成（遇節假日提前至節前最後一個工作日）",
            Period(start=None, end=dt.date(2026, 9, 30)),
        ),
        (
            "每月10日前報送，遇節假日順延",
            Cadence(frequency=Frequency.MONTHLY, due_day=10, on_holiday=HolidayShift.POSTPONE),
        ),
        (
            "自本方案印發之日起至2026年3月底",
            Period(start=REF, end=dt.date(2026, 3, 31)),
        ),
    ],
)
def test_notes_and_the_plans_date_in_traditional_script(text, value):
    """The holiday notes (遇節假日順延) and the words naming the plan's date (印發之日起) too."""
    found = find_when(text, reference=REF)
    assert found.unread == ()
    assert [f.value for f in found] == [value]


def test_a_named_period_registered_in_traditional_script_is_still_found():
    registry = NAMED_PERIODS.copy()
    registry.register("颱風季", Period(start=dt.date(2026, 6, 1), end=dt.date(2026, 10, 31)))
    found = find_when("颱風季前完成", reference=REF, named=registry)
    assert [(f.text, f.value) for f in found] == [
        ("颱風季前", Period(start=None, end=dt.date(2026, 10, 31)))
    ]
    assert registry.match("颱風季前") == "颱風季"


def test_a_year_and_a_holiday_in_traditional_script_are_no_whole_year():
    """ "2026年春節期間" used to read as the whole of 2026, 春節 left as a word."""
    found = find_when("2026年春節期間，開展走訪慰問", reference=REF)
    assert [f.text for f in found] == ["2026年春節期間"]
    assert found[0].value != Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))


if __name__ == "__main__":
    import sys

    table = _folding()
    for name, chars in (("_TRADITIONAL", "".join(table)), ("_SIMPLIFIED", "".join(table.values()))):
        sys.stdout.write(f"{name} = (\n")
        for k in range(0, len(chars), 40):
            sys.stdout.write(f'    "{chars[k : k + 40]}"\n')
        sys.stdout.write(")\n")
