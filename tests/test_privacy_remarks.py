"""Remarks (备注, 说明) typed by a unit: names given away by their context and illness words are masked.

A returned 调度 sheet or a progress file may say "户主马秀兰患尿毒症"; no ledger of the run made
马秀兰 known, so :func:`scrub` alone would copy it. :func:`mask_remark` finds a name by a word beside
it, and must not take the words of a plan for names (防范化解因病返贫, 脱贫户和监测户, 排查隐患).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xiaojie._privacy import (
    _AFTER_NAME,
    _AFTER_NAME_ALONE,
    _BEFORE_NAME,
    _ILLNESS_AFTER,
    _PERSON_SIGNAL,
    _REMARK_NAMES,
    _REMARK_TRIGGER,
    _mask_names_in,
    mask_health,
    mask_quoted,
    mask_remark,
    scrub,
)
from xiaojie.errors import ProgressError
from xiaojie.io import read_progress
from xiaojie.progress import Completion, Measurement


if TYPE_CHECKING:
    from collections.abc import Iterator


HERE = Path(__file__).parent
# Surnames common in Ningxia (Han and Hui) and a compound one; given-name characters.
SURNAMES = [*"王李张刘陈杨黄赵吴周马海丁金撒纳虎拜锁妥田冶哈穆", "欧阳", "司马"]
GIVEN = "秀兰明华英芳军伟强丽红梅东升玉花建国志刚桂霞春燕学文海龙福祥德成"
ILLNESSES = [
    "尿毒症",
    "白血病",
    "肺癌",
    "精神分裂症",
    "脑瘫",
    "糖尿病",
    "布鲁氏菌病",
    "肢体残疾",
    "脑膜炎",
]
# Text around a name: what a unit writes in a remark, without names of its own.
FILLER = ["", "经核实", "已落实帮扶措施", "本月已入户走访", "2025年7月", "收入已达标"]
PUNCT = ["", ",", "，", "。", ";", " "]

# (before, after, the name must start a clause): the words that give a name away.
CUES = [
    ("户主", "", False),
    ("户主为", "已签字", False),
    ("联系人:", "", False),
    ("联系人：", ",电话另告", False),
    # the footer of a returned 调度 sheet (they were shown as written)
    ("填报人:", "", False),
    ("填报人：", " 电话另告", False),
    ("负责人:", ",", False),
    ("经办人：", "", False),
    ("审核人:", "", False),
    ("单位负责人：", "", False),
    ("信息员 ", "已核实", False),
    ("填报人", "已核实", False),
    ("审核人", "", False),
    ("负责人为", "", False),
    # a footer word right before a name that ends where the words do (负责人王建国，…)
    ("负责人", "，电话另告", False),
    ("联络员", "", False),
    ("信息员", " 已核实", False),
    ("负责人", "已完成入户核查", False),
    ("信息员", "每月上报", False),
    ("联络员", "负责对接", False),
    ("负责人系", "", False),
    ("联络员", "到村核实", False),
    ("负责人", "带队走访", False),
    # a name after 负责人, 联络员, 信息员 and before what the person does (they were shown)
    ("联络员", "核实", False),
    ("负责人", "走访农户", False),
    ("信息员", "上报", False),
    ("联络员", "联系农户", False),
    ("负责人", "签字确认", False),
    ("其妻", "在家务农", False),
    ("配偶", "已纳入", False),
    ("", "患{illness}", False),
    ("", "身患{illness}", False),
    ("", "患有{illness}", False),
    ("", "又患上{illness}", False),
    ("", "同志负责", False),
    ("", "等3人已就业", False),
    ("", "(女)", False),
    ("", "因病致贫", True),
    ("", "一家已搬迁", True),
    ("", "户已脱贫", True),
    ("", "户,", True),
]


@st.composite
def names(draw: st.DrawFn) -> str:
    surname = draw(st.sampled_from(SURNAMES))
    given = draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    return surname + given


@given(
    name=names(),
    cue=st.sampled_from(CUES),
    illness=st.sampled_from(ILLNESSES),
    before=st.sampled_from(FILLER),
    after=st.sampled_from(FILLER),
    gap=st.sampled_from(PUNCT),
)
def test_a_name_given_away_by_a_word_beside_it_is_masked(  # noqa: PLR0917 - drawn values
    name: str, cue: tuple[str, str, bool], illness: str, before: str, after: str, gap: str
) -> None:
    """The name's characters after its first are hidden; so is the illness; the rest stays.

    A name that follows other words with no punctuation between (措施王东患…) may take the
    character before it along (施 is a surname too): the name is hidden all the same.
    """
    lead, trail, alone = cue
    if (alone or not trail) and not gap.strip():
        gap = ","  # such a name is found where a clause begins; after 户主 a comma ends it
    remark = f"{before}{gap}{lead}{name}{trail.format(illness=illness)}{gap}{after}"
    shown = mask_remark(remark)
    assert name not in shown
    assert len(shown) == len(remark)  # masked character for character
    assert illness not in shown
    start = len(before + gap + lead)
    assert set(shown[start + 1 : start + len(name)]) == {"*"}, (remark, shown)
    assert after in shown[start + len(name) :]
    bounded = bool(lead or gap.strip() or not before)
    kept = shown[: len(before)] if bounded else shown[: len(before) - 1]
    assert kept == remark[: len(kept)], (remark, shown)
    if bounded:
        assert shown[start] == name[0]


@given(
    name=names(), cue=st.sampled_from(["户主", "联系人:", "其子"]), after=st.text(GIVEN, max_size=3)
)
def test_a_name_after_a_cue_word_hides_at_most_one_character_more(
    name: str, cue: str, after: str
) -> None:
    """Without punctuation after it, a name is masked with at most the next character."""
    shown = mask_remark(f"{cue}{name}{after}")
    assert name not in shown
    assert shown.startswith(cue + name[0])
    assert after[1:] in shown[len(cue) + len(name) :]


@given(
    text=st.text(
        alphabet=GIVEN + "户主患病因同志联系人为夫妇一家等3申请毕业县镇*:,。 " + "".join(SURNAMES),
        max_size=40,
    )
)
def test_masking_a_remark_twice_changes_nothing_more(text: str) -> None:
    once = mask_remark(text)
    assert mask_remark(once) == once
    assert len(once) == len(text)


_PIECES = [
    *SURNAMES,
    *GIVEN,
    "彭堡",
    "王洼",
    "户主",
    "患",
    "癌症",
    "糖尿病",
    "住院",
    "大病",
    "救助",
    "晚期",
    "、",
    "，",
    "：",
    "（",
    "）",
    " ",
    "和",
    "系",
    "已",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("癌症、彭堡糖尿病纳海军")
@example("癌症、王洼住院")
def test_masking_a_quoted_cell_twice_changes_nothing_more(text: str) -> None:
    """A cell quoted masked (illness words in any case) is masked for good in one pass."""
    once = mask_quoted(text)
    assert mask_quoted(once) == once
    assert len(once) == len(text)


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("马秀兰，尿毒症晚期")
@example("癌症、王洼住院")
def test_a_quoted_cell_is_masked_as_its_remark_then_its_illness_words(text: str) -> None:
    """:func:`mask_quoted` is the fixed point of masking the remark, then every illness word.

    Names are found before the illness words beside them are masked (马秀兰，尿毒症晚期 keeps
    no name), and a masked illness that begins a list of names is read again (癌症、王洼住院).
    """
    expected = text
    for _ in range(8):
        again = mask_health(mask_remark(expected))
        if again == expected:
            break
        expected = again
    assert mask_quoted(text) == expected


def _syntax(pattern: str) -> Iterator[tuple[int, str, int, bool]]:
    """Yield each character's position, the character, its group depth and whether it is syntax.

    Syntax is ``[``, ``(``, ``)`` or ``|`` neither escaped nor inside a character class; a
    ``(`` and its ``)`` have the same depth.
    """
    depth, in_class, escaped = 0, False, False
    for at, char in enumerate(pattern):
        syntax = not (escaped or in_class) and char in "[()|"
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        depth -= syntax and char == ")"
        yield at, char, depth, syntax
        depth += syntax and char == "("


def _alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|`` (not inside a group or a character class)."""
    parts, start = [], 0
    for at, char, depth, syntax in _syntax(pattern):
        if syntax and char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    return [*parts, pattern[start:]]


def _without_lookarounds(pattern: str) -> str:
    """``pattern`` with its lookaround groups left out and its atomic groups made plain groups.

    What it matches is a superset of ``pattern``'s: a source of examples that hypothesis can
    draw (it draws no example of ``(?>…)(?=…)`` that matches in full).
    """
    out: list[str] = []
    skipped_from = None  # the depth of the lookaround being left out
    for at, char, depth, syntax in _syntax(pattern):
        lookaround = syntax and pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), at)
        if skipped_from is None and lookaround:
            skipped_from = depth
        elif skipped_from is None:
            out.append(char)
        elif syntax and char == ")" and depth == skipped_from:
            skipped_from = None
    return "".join(out).replace("(?>", "(?:")


# Each way of finding a name or a person's illness, drawn from the patterns themselves (one
# test each): a cue word added to one of them but not to the quick test that skips most remarks
# would never be found, and this test would say so.
_WAYS = [
    *(("before", way) for way in _alternatives(_BEFORE_NAME)),
    *(
        ("after", way)
        for pattern in (_AFTER_NAME, _AFTER_NAME_ALONE, _ILLNESS_AFTER)
        for way in _alternatives(pattern)
    ),
]


def test_patterns_split_into_their_alternatives() -> None:
    assert _alternatives(r"a|(?:b|c)|[|(]d|\|e|f") == ["a", "(?:b|c)", "[|(]d", r"\|e", "f"]
    assert len(_alternatives(_ILLNESS_AFTER)) == 2
    assert len(_alternatives(_AFTER_NAME_ALONE)) == 6
    assert _without_lookarounds(r"(?<![a(])b(?=c(?!d))[(?=]e(?>f)") == "b[(?=]e(?:f)"


@pytest.mark.parametrize(("side", "way"), _WAYS)
@given(
    data=st.data(),
    name=names(),
    before=st.sampled_from(["", "，", "。", "村民", "已走访"]),
    after=st.sampled_from(["", "，已落实帮扶", "晚期", "。"]),
)
def test_the_quick_test_lets_every_way_of_finding_a_person_through(  # noqa: PLR0917 - drawn values
    side: str, way: str, data: st.DataObject, name: str, before: str, after: str
) -> None:
    """A remark in which a name or 患 is found always passes the quick test first."""
    cue = data.draw(st.from_regex(_without_lookarounds(way), fullmatch=True), label="cue")
    remark = f"{before}{cue}{name}{after}" if side == "before" else f"{before}{name}{cue}{after}"
    if _REMARK_NAMES.search(remark) or _PERSON_SIGNAL.search(remark):
        assert _REMARK_TRIGGER.search(remark), remark


# Remarks a unit writes about its work: nothing in them is a person's (found in review of
# the first version, which masked most of them).
POLICY_REMARKS = [
    "残疾人两项补贴已发放到位",
    "大病保险已覆盖全部脱贫人口",
    "慢性病签约服务已落实",
    "住院费用已按规定报销",
    "重度残疾人护理补贴已发放",
    "白内障复明手术已完成",
    "排查隐患防止因病返贫",
    "消除隐患确保不发生疫病",
    "防汛隐患排查和炎夏防暑已部署",
    "户主申请纳入监测,经村民代表评议",
    "经户主申请,已纳入监测",
    "户主申报产业奖补",
    "申请人申请纳入",
    "其子毕业后在银川务工",
    "帮扶责任人严格落实四个一",
    "帮扶责任人包抓到户",
    "孙子孙女均在校就读",
    "彭阳县因病致贫户已全部纳入监测",
    "海原县因灾受损房屋已修复",
    "张易镇患病群众已全部签约家庭医生",
    "贺兰县一家企业已签约",
    "党员户已挂牌",
    "包联户已走访",
    "白天家中无人,已电话联系",
    "任务因病延期",
    "党员同志积极参与",
    "包村同志已入户",
    "卫健局等3人已到位",
    "中国·宁夏枸杞博览会已召开",
    "脱贫户和监测户均已走访;黄花菜户均增收0.3万元",
    # and after a second review
    "各帮扶责任人严把政策关",
    "申请人陆续提交申报材料",
    "户主曾在外务工",
    "户主夏季外出务工",
    "户主康复出院后继续务工",
    "其子尚在读大学",
    "责任人周末入户走访",
    "户主任村民小组长",
    "经检查已确诊，已纳入监测",
    "全县高血压患病率下降2个百分点",
    "唇腭裂患儿手术救治已完成",
    "帮扶责任人落实慢性病签约服务全覆盖",
    "申请人须提供住院费用发票及诊断证明",
    "马铃薯户已签订订单",
    "万元户已不再是目标",
    # illness words after a clause that begins with a surname's character
    "白内障手术已免费开展",
    "艾滋病防治宣传已开展",
    "高血压，糖尿病签约服务已落实",
    "王洼村，大病救助已落实",
    "石嘴山市,住院报销比例提高",
    "海原县 慢性病签约全覆盖",
    # … and verbs or villages before an illness word that names a programme (a second review)
    "纳入大病专项救治12人",
    "纳入中风险户管理",
    "巩固大病专项救治成果",
    "常见慢性病签约服务已落实",
    "常规手术已在乡镇卫生院开展",
    "尚有住院人员3人未报销",
    "查出癌症患者已纳入救治",
    "常态化，大病救助持续推进",
    "惠民保，住院报销已理赔",
    "高血脂，糖尿病签约已完成",
    "王洼，大病救助已落实",
    "贾塘：重度残疾人护理补贴已发放",
    "马高庄，慢性病签约全覆盖",
    "罗洼，大病保险已覆盖",
    "王洼，大病患者已全部签约",
    # … and illness words followed by any word but a grade, a stage or a treatment (a third)
    "王洼，癌症筛查已开展",
    "冯庄，精神分裂症患者已管理",
    "王洼，脑梗死救治已落实",
    "田坪：大病排查完成",
    "杨岔，重病户帮扶到位",
    "高峰期，住院床位紧张",
    "马莲为大病高发村",
    "王洼（大病户）",
    "高血脂，糖尿病患病率下降",
    "成效：住院率明显下降",
]

# Remarks naming people, and what must be hidden of them.
PERSONAL_REMARKS = {
    "户主马福贵杨秀英夫妇": ["福贵", "秀英"],
    "联系人为马秀兰": ["秀兰"],
    "帮扶责任人为李强": ["李强"],
    "户主系马秀兰": ["秀兰"],
    "户主 :马秀兰": ["秀兰"],
    "马福贵罹患癌症": ["福贵", "癌症"],
    "户主：马秀兰，其妻杨秀英患糖尿病": ["秀兰", "秀英", "糖尿病"],
    "户主马秀兰为残疾人,住院治疗": ["秀兰", "残疾"],
    "户主马明义、马明礼已签字": ["明义", "明礼"],
    "户主马成，肢体残疾二级，已落实两项补贴": ["肢体残疾"],
    "户主冶学军，尿毒症，已落实大病救治": ["学军", "尿毒症"],
    "户主“马秀兰”已签字": ["秀兰"],
    "户主（马秀兰）已签字": ["秀兰"],
    "户主高建国已签字": ["建国"],
    "户主马永和已签字": ["永和"],
    "马小花等两人已就业": ["小花"],
    "户主患尿毒症马福贵一家已帮扶": ["尿毒症", "福贵"],
    # a name that begins a clause, an illness said of it straight after or in the next clause
    "马秀兰，尿毒症晚期": ["秀兰", "尿毒症"],
    "冶学军，肢体残疾二级，已落实大病救治": ["学军", "肢体残疾", "大病"],
    "马福贵 肢体残疾": ["福贵", "肢体残疾"],
    "已走访,李四：精神残疾二级": ["李四", "精神残疾"],
    "马秀兰（尿毒症）": ["秀兰", "尿毒症"],
    "马秀兰 ，二级肢体残疾": ["秀兰", "肢体残疾"],
    "马秀兰，视力一级残疾": ["秀兰", "视力"],
    "马秀兰系尿毒症患者": ["秀兰", "尿毒症"],
    "马秀兰，癌症晚期": ["秀兰", "癌症"],
    "冶学军，脑梗后卧床": ["学军", "脑梗"],
}


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("纳入中风险户管理", "纳入中风险户管理"),
        ("集中风貌改造", "集中风貌改造"),
        ("中风偏瘫", "****"),
        ("脑溢血", "***"),
        ("二级肢体残疾", "******"),
        ("视力一级残疾", "******"),
    ],
)
def test_illness_words(text: str, masked: str) -> None:
    """Risk levels and words holding 中风 are no illness; graded disabilities are, whole."""
    assert mask_health(text) == masked


@pytest.mark.parametrize("remark", POLICY_REMARKS)
def test_a_remark_about_work_is_shown_as_written(remark: str) -> None:
    assert mask_remark(remark) == remark


@pytest.mark.parametrize(("remark", "hidden"), PERSONAL_REMARKS.items())
def test_a_remark_naming_people_hides_them(remark: str, hidden: list[str]) -> None:
    shown = mask_remark(remark)
    assert [word for word in hidden if word in shown] == []
    assert len(shown) == len(remark)


def _plan_texts() -> list[Path]:
    bundled = HERE.parent / "src" / "xiaojie" / "data" / "ningxia-2025-action-plan.txt"
    return [*sorted((HERE / "data" / "real").glob("*.txt")), bundled]


def test_plans_words_are_not_taken_for_names() -> None:
    """Over the real plans kept for the parser, names by context find only the one contact named.

    The texts are full of 因病返贫, 脱贫户、监测户, 排查隐患, 方案(2024-…), 白内障患者, words
    after which or before which a remark's name would stand.
    """
    found = set()
    paths = _plan_texts()
    assert len(paths) >= 40
    for path in paths:
        base = scrub(path.read_text(encoding="utf-8"))
        named = _mask_names_in(base)
        assert len(base) == len(named)
        found |= {
            base[m.start() : m.end()]
            for m in re.finditer(r"[^*]\*+", named)
            if base[m.start() : m.end()] != named[m.start() : m.end()]
        }
    assert found == {"孙映吟"}  # 市卫生健康委联系人：孙映吟 (a person, rightly masked)


def test_policy_clauses_of_the_plans_keep_their_illness_words() -> None:
    """Illness words in the plans' clauses that speak of no person are shown (大病, 残疾人 …)."""
    kept = 0
    for path in _plan_texts():
        for clause in re.split(r"[,，。;；!！?？\n]", scrub(path.read_text(encoding="utf-8"))):
            if mask_health(clause) != clause and not _PERSON_SIGNAL.search(clause):
                assert mask_remark(clause) == clause
                kept += 1
    assert kept > 50


def test_progress_notes_are_masked_when_the_record_is_made() -> None:
    done = Completion("resident-work-meeting", "2025-07-28", note=" 户主马秀兰患尿毒症,已走访 ")
    assert done.note == "户主马**患***,已走访"
    spent = Measurement("spending-progress", "2025-07-31", 62.5, note="联系人:海东升")
    assert spent.note == "联系人:海**"
    plain = Completion("resident-work-meeting", "2025-07-28", note="全区已召开")
    assert plain.note == "全区已召开"


def test_a_refused_note_is_quoted_masked(tmp_path: Path) -> None:
    """A note refused for a control character is quoted in the error with the person hidden."""
    path = tmp_path / "progress.csv"
    path.write_text(
        "事项,类型,日期,数值,基准值,备注\n"
        "resident-work-meeting,完成,2025-07-28,,,户主马秀兰患尿毒症\x07\n",
        encoding="utf-8",
    )
    with pytest.raises(ProgressError, match="control characters") as failure:
        read_progress(path)
    assert "马**患***" in str(failure.value)
    assert "秀兰" not in str(failure.value)
    assert "尿毒症" not in str(failure.value)
    with pytest.raises(ProgressError, match="control characters") as failure:
        Completion("resident-work-meeting", "2025-07-28", note="户主马秀兰患尿毒症\x07")
    assert "秀兰" not in str(failure.value)
    assert "尿毒症" not in str(failure.value)


def test_a_returned_sheets_header_cell_of_prose_is_quoted_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 截至 or 单位编号 cell holding prose about a person is quoted masked in collect's error."""
    import openpyxl

    from xiaojie.cli import main

    sent, back = tmp_path / "sent", tmp_path / "back"
    assert main(["sheets", "--as-of", "2025-08-01", "--out", str(sent)]) == 0
    back.mkdir()
    first, second = sorted(sent.iterdir())[:2]
    for path, label in ((first, "截至"), (second, "单位编号")):
        book = openpyxl.load_workbook(path)
        sheet = book.active
        row = [c.value for c in sheet[2]]
        sheet.cell(2, row.index(label) + 2).value = "户主马秀兰住院"
        book.save(back / path.name)
    capsys.readouterr()
    code = main(["collect", "--as-of", "2025-08-01", "--out", str(tmp_path / "c.xlsx"), str(back)])
    shown = "".join(capsys.readouterr())
    assert code != 0
    assert shown.count("户主马****") == 2, shown
    assert "秀兰" not in shown


def test_long_runs_of_blanks_are_masked_in_one_pass_over_them() -> None:
    """200,000 blanks (with a name and an illness after them) take well under a second to mask.

    Matching a run of blanks from each of its blanks took time growing with the square of its
    length (4,000 blanks: 2.6 s; 200,000: hours); the child process is stopped after 120 s.
    """
    import subprocess
    import sys

    code = (
        "from xiaojie._privacy import mask_quoted, mask_remark\n"
        "for text in (' ' * 200_000 + '马秀兰，尿毒症', '马秀兰' + '\\t' * 200_000 + '，住院'):\n"
        "    assert len(mask_remark(text)) == len(text) == len(mask_quoted(text))\n"
        "print('ok')\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter with our own code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话139 12345678", "电话139 ****5678"),
        ("电话139-12345678", "电话139-****5678"),
        ("电话：+86 139 12345678", "电话：+86 139 ****5678"),
        ("电话139 1234 5678", "电话139 **** 5678"),
    ],
)
def test_a_mobile_parted_after_three_digits_is_masked(text: str, masked: str) -> None:
    """139 12345678 and 139-12345678 (three digits, then eight) were shown as written."""
    assert scrub(text) == masked
    assert mask_remark(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "各级党政主要负责人要亲自抓",
        "主要负责人为第一责任人",
        "县委主要负责人马上研究部署",
        "负责人员到位",
        "填报人：县财政局",
        "审核人：局长",
        "经办人员",
        "电话：0951-12345678",  # an office's landline
        # a footer word without a colon or a blank after it is followed by words, not a name
        "负责人常抓不懈",
        "信息员高效上报",
        "联络员万人次培训",
        "负责人陈述",
        "负责人马上落实。",
        # words after a footer word that begin with a surname, and a place
        "县级负责人包乡，乡镇干部包村",
        "实行乡镇负责人包干",
        "各村信息员周报、乡镇月报",
        "信息员查访，干部核实",
        "驻村负责人常驻",
        "负责人杨岔村",
        "负责人每月调度",
        "信息员周调度已开展3次",
        "负责人季调度已开展",
        "负责人任命已下发",
        "负责人施工已完成",
        "信息员钱款已发放到户",
        "负责人为党组书记",
        "负责人为龙头企业法人",
    ],
)
def test_the_footer_words_before_no_name_leave_the_text(text: str) -> None:
    # guard: the words are cues, not names; an office's line is no mobile
    assert mask_remark(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("信息员马成和马丽已到位", "信息员马*和马*已到位"),
        ("负责人王芳和李明已到位", "负责人王*和李*已到位"),
        ("户主马成和马丽已到位", "户主马*和马*已到位"),
    ],
)
def test_two_names_joined_by_and_are_both_masked(text: str, masked: str) -> None:
    """马成和马丽: 和 was masked as the name's second character and 马丽 shown."""
    assert mask_remark(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("户主马永和已签字", "户主马**已签字"),
        ("户主马永和、马秀兰已签字", "户主马**、马**已签字"),
        ("户主马永和和马秀兰已签字", "户主马**和马**已签字"),
        ("户主马占同、马占和已签字", "户主马**、马**已签字"),
        ("户主马玉和患高血压", "户主马**患***"),
    ],
)
def test_a_name_ending_in_he_or_tong_is_masked_whole(text: str, masked: str) -> None:
    # guards: 和 and 同 end names (马永和, 王大同); they join two only before a surname
    assert mask_remark(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "负责人王芳和包片领导入户",
        "负责人王芳同周边村干部对接",
        "户主马福同施工队签订协议",
        "信息员王丽和季节工一起",
        "负责人曾多次入户",
        "信息员周一、周三到村",
        "负责人季末到村",
        "负责人包扶入户",
    ],
)
def test_words_after_a_name_or_a_footer_word_stay(text: str) -> None:
    """The words after a masked name and 和 or 同, or after 负责人 (周一到村), stay as written."""
    shown = mask_remark(text)
    name_at = shown.find("*") - 1
    if name_at >= 0:  # the name itself is masked, nothing after it
        rest = shown[name_at:].lstrip(text[name_at]).lstrip("*")
        assert rest == text[len(text) - len(rest) :]
        assert "*" not in rest
    else:
        assert shown == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("负责人王晓会已到位", "负责人王**已到位"),
        ("联络员李晓会", "联络员李**"),
        ("负责人周一航", "负责人周**"),
        ("负责人周一航已到位", "负责人周**已到位"),
        ("联络员李明核实", "联络员李*核实"),
        ("信息员马成上报", "信息员马*上报"),
        ("负责人周一航联系电话", "负责人周**联系电话"),
        ("负责人周一航核实", "负责人周**核实"),
        # a name's third character is kept only before a verb: the name after it is found too
        ("户主刘先登和马丽已签字", "户主刘**和马*已签字"),
        ("联系人王国联、马丽", "联系人王**、马*"),
        ("户主王金报已签字", "户主王**已签字"),
        # words that are words before what is done are names before a blank or 已
        ("负责人夏天，电话另告", "负责人夏*，电话另告"),
        ("负责人江苏已签字", "负责人江*已签字"),
        ("负责人凌晨，电话另告", "负责人凌*，电话另告"),
        # a name beginning like a weekday before 到, 和, 负责 …
        ("负责人周一鸣到村核查", "负责人周**到村核查"),
        ("负责人周一鸣和马丽走访", "负责人周**和马*走访"),
        ("负责人周三强负责", "负责人周**负责"),
        # given names that are words (学会, 社会): they were shown
        ("负责人马学会核实", "负责人马**核实"),
        ("负责人王社会，电话13912345678", "负责人王**，电话139****5678"),
        ("信息员李学会上报", "信息员李**上报"),
        ("联络员马社会", "联络员马**"),
    ],
)
def test_a_name_after_a_loose_footer_word_is_masked(text: str, masked: str) -> None:
    """A name ending in 会, beginning as a weekday does, or before a verb was shown as written."""
    assert mask_remark(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "负责人村委会已到位",
        "负责人杨岔村委会已到位",
        "负责人向社会公开承诺",
        "负责人全社会动员",
        "联络员都学会了填报",
        "负责人县科协会同乡镇核实",
        "负责人周一到村",
        "负责人周一下午到村",
        "负责人周五前已完成",
        "负责人周日到岗",
        "负责人高位推动",
        "联络员及时核实",
        "信息员每月上报",
        "负责人周一已到位",
        "负责人周一均已到位",
        "负责人周五再到村",
        "负责人周一来。",
        "负责人周三会带队走访",
        "负责人周一会同乡镇干部走访",
        "负责人尚需核实",
        "信息员尚待填报",
        "负责人方可签字",
        "负责人何时上报",
        "负责人郑重签字",
        "负责人严密核查",
        "负责人单人值班",
        "负责人常入户走访",
        "负责人曾入户核实",
        "负责人常务会已召开",
        "负责人江苏对接",
        "负责人周一不在村",
        "信息员周五需上报",
        "负责人周一即核实",
        "负责人周六日值班",
        "联络员周三联系村干部",
        "负责人周会已汇报",
        "联络员凌晨值班",
        "负责人常常走访",
        "负责人曾电话联系",
        "负责人曾上门走访",
        "信息员成立核查组",
        "信息员简单登记",
        "负责人曾两次走访",
        "负责人曾主动联系",
        "负责人曾及时上报",
        "信息员周内上报",
        "信息员迟未上报",
        "负责人包案跟进",
        "负责人郑州对接",
    ],
)
def test_words_after_a_loose_footer_word_stay_beside_the_new_name_endings(text: str) -> None:
    # guard: a body ending in 会, a weekday followed by words, words before a verb
    assert mask_remark(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("户主周一航", "户主周**"),
        ("周一航患尿毒症", "周**患***"),
        ("万家乐患尿毒症", "万**患***"),
        ("联系人曾多福", "联系人曾**"),
        ("其妻周一凡", "其妻周**"),
    ],
)
def test_a_name_beginning_as_a_word_after_a_footer_word_is_a_name_elsewhere(
    text: str, masked: str
) -> None:
    # guards: 周一, 万家, 曾多 are words after 负责人 (周一到村), names after 户主 or before 患
    assert mask_remark(text) == masked
