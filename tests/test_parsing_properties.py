"""Properties of the plan parser: any text parses or fails cleanly with a line and column;
generated plans parse back to what they were built from, in full-width and ASCII forms."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.io import bundled_source_text
from xiaojie.model import Role
from xiaojie.parsing import ParseResult, PlanParseError, parse_plan
from xiaojie.parsing._text import normalize_line, split_clauses


SEED = bundled_source_text()
SEED_LINES = SEED.splitlines()
HEADER = SEED_LINES[:4]
REFERENCE = dt.date(2025, 6, 18)
PLAN_CHARS = (
    '一二三四五六七八九十、()（）.．1234567890①②③:：;；,，。“”"《》—-|% \t\u3000\n'
    "责任单位牵头配合自治区厅局委部办集团银行月日年底前中旬每季度次达到以上高于动态清零力争标题发文时间索引号"
)
SWAPS = [("(", "（"), (")", "）"), (",", "，"), (":", "："), (";", "；"), ("。", "."), ("、", ",")]


def _check(text: str, reference: dt.date | None) -> ParseResult | None:
    """Parse, and check the outcome is a result or an error with a sensible line and column."""
    lines = max(1, len(text.splitlines()))
    failure: PlanParseError | None = None
    try:
        result = parse_plan(text, reference=reference, overlay=None)
    except PlanParseError as err:
        failure = err
    if failure is not None:
        assert 1 <= failure.line <= lines + 1
        assert failure.column >= 1
        assert f":{failure.line}:{failure.column}: " in str(failure)
        return None
    for note in result.report.notes:
        assert 1 <= note.line <= lines + 1
        assert note.column >= 1
    return result


plan_text = st.text(alphabet=st.sampled_from(PLAN_CHARS), max_size=400)
any_text = st.text(max_size=200)


class TestAnyText:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(text=st.one_of(plan_text, any_text), given_reference=st.booleans())
    @example(text="", given_reference=True)
    @example(text="1.(责任单位:)", given_reference=True)
    @example(text="一、\n(一)\n1.甲。(牵头单位:;责任单位:)", given_reference=True)
    @example(
        text="发文时间:2025-02-30\n1.甲。2月30日前完成。(责任单位:乙局)", given_reference=False
    )
    @example(text="(一)甲(6月—3月)", given_reference=True)
    @example(text="一、甲\n(一)乙\n1.丙。(责任单位:“”、自治区)", given_reference=True)
    @example(text="\ufeff\u200b①\r\n\r", given_reference=True)
    def test_parses_or_fails_with_line_and_column(self, text, given_reference):
        """Arbitrary text gives a plan or a PlanParseError with its line and column."""
        _check(text, REFERENCE if given_reference else None)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed text, or a block of it, with deletions, duplications and punctuation swaps."""
    if draw(st.integers(0, 4)) == 0:
        text = SEED
    else:
        start = draw(st.integers(4, len(SEED_LINES) - 1))
        stop = draw(st.integers(start + 1, min(len(SEED_LINES), start + 14)))
        text = "\n".join(HEADER + SEED_LINES[start:stop])
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        at = draw(st.integers(0, max(0, len(text) - 1)))
        length = draw(st.integers(1, 40))
        if operation == "delete":
            text = text[:at] + text[at + length :]
        elif operation == "duplicate":
            text = text[: at + length] + text[at : at + length] + text[at + length :]
        elif operation == "swap":
            a, b = draw(st.sampled_from(SWAPS))
            text = text.replace(a, b) if draw(st.booleans()) else text.replace(b, a)
        else:
            text = text[:at] + draw(st.sampled_from(PLAN_CHARS)) + text[at:]
    return text


class TestMutatedSeed:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(text=mutated_seed(), given_reference=st.booleans())
    def test_parses_or_fails_with_line_and_column(self, text, given_reference):
        """Mutated seed text gives a plan or a PlanParseError with its line and column."""
        _check(text, REFERENCE if given_reference else None)

    @settings(max_examples=25)
    @given(text=mutated_seed())
    def test_deterministic(self, text):
        """The same text always parses to the same plan and report."""
        first = _check(text, REFERENCE)
        second = _check(text, REFERENCE)

        assert first == second


REGISTRY = xj.load_plan().units
UNIT_NAMES = sorted(
    u.name.removeprefix("自治区") for u in REGISTRY.units if u.name.startswith("自治区")
)
TITLES = ["强化产业帮扶", "优化信息数据管理", "健全监测机制", "提升服务质效", "规范项目管理"]
MONTHS = st.integers(7, 12)


@st.composite
def generated_plan(draw: st.DrawFn) -> tuple[str, list[tuple[str, list[str], int | None]]]:
    """A plan text built from parts, with what each task must parse to.

    Returns the text and, per task, (title, unit names lead first, deadline month or None).
    """
    lines = ["发文时间:2025-06-18", "标题:生成的行动方案", "一、重点任务"]
    expected: list[tuple[str, list[str], int | None]] = []
    number = 0
    for campaign in range(1, draw(st.integers(1, 3)) + 1):
        lines.append(f"({'一二三'[campaign - 1]})实施第{campaign}项攻坚行动")
        for _ in range(draw(st.integers(1, 3))):
            number += 1
            title = draw(st.sampled_from(TITLES))
            names = draw(st.lists(st.sampled_from(UNIT_NAMES), min_size=1, max_size=4, unique=True))
            month = draw(st.one_of(st.none(), MONTHS))
            body = f"{month}月底前完成阶段任务。" if month else "常态化推进。"
            style = draw(st.sampled_from(["responsible", "lead", "labelled"]))
            head, rest = "自治区" + names[0], "、".join(names[1:])
            if style == "responsible":
                clause = f"(责任单位:{'、'.join([head, *names[1:]])})"
            elif style == "lead":
                clause = f"({head}牵头,{rest}配合)" if rest else f"({head}牵头)"
            else:
                clause = f"(牵头单位:{head};责任单位:{rest})" if rest else f"(牵头单位:{head})"
            lines.append(f"{number}.{title}。{body}{clause}")
            expected.append((title, ["自治区" + n for n in names], month))
    return "\n".join(lines), expected


class TestGeneratedPlans:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(case=generated_plan(), full_width=st.booleans())
    def test_tasks_parse_back(self, case, full_width):
        """Generated tasks parse back with their titles, units (lead first) and deadlines."""
        text, expected = case
        if full_width:
            text = text.translate(str.maketrans("(),:;", "（），：；"))

        plan, _ = parse_plan(text, overlay=None)

        assert [t for t, _, _ in expected] == [t.title for t in plan.tasks]
        for task, (_, names, month) in zip(plan.tasks, expected, strict=True):
            resolved = [REGISTRY.resolve(n).name for n in names]
            assert resolved == [u.name for u in task.units]
            assert Role.LEAD == task.responsibilities[0].role
            dues = [m.due.month for m in plan.milestones if m.task == task.number]
            assert ([month] if month else []) == dues


class TestNormalisation:
    @given(raw=st.text(max_size=80))
    def test_columns_point_into_the_line(self, raw):
        """Every normalised character maps to a column of the raw line, in order."""
        line = normalize_line(raw)
        columns = [line.column(i) for i in range(len(line.text) + 1)]

        assert columns == sorted(columns)
        assert all(1 <= c <= len(raw) + 1 for c in columns)

    @given(text=st.text(alphabet=st.sampled_from(PLAN_CHARS), max_size=200))
    def test_clauses_are_ordered_and_inside(self, text):
        """Clauses are ordered, do not overlap and lie inside the text."""
        clauses, quoted = split_clauses(text)
        ends = [(c.start, c.end) for c in clauses]

        assert all(0 <= a <= b <= len(text) for a, b in ends)
        assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(ends))
        assert all(0 <= a <= b <= len(text) for a, b in quoted)
