"""An item's last sentence of roles and then its deadline: ``县民政局负责,6月底前完成。``

``由X牵头,Y配合,5月底前完成`` was read (牵头 marks it), while ``X负责,时限`` and ``X落实,时限``
were not: the item was no task ("names no responsible unit") and its deadline a milestone of no
task. Now every part before the deadline names bodies ending as bodies do and ends with a role
verb, and every part from the deadline on is one time phrase. Words that are no body stay
unread (guards): 各乡镇要严格落实, 所需经费由县财政局统筹解决 (and …负责), 王晓会负责 (a person's name),
项目资金全部落实, 产业布局落实, 排查结果于5月底前报县政府; so do two such sentences in one item (each
deadline keeps its sentence) and a deadline naming several dates (6月、9月底前: two milestones).

The roles may end the sentence that says the work (``全面开展排查,县乡村振兴局牵头,县民政局配合,6月底前
完成``): it was no task either. Guards: a supporting body alone (…,区绿化市容局配合), roles in the
words before (县农业农村局负责技术指导,县财政局负责), two sentences each ending in roles.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiaojie.parsing import parse_plan


HEAD = "某县2025年防返贫监测帮扶工作方案\n2025年3月10日\n\n一、重点任务\n"


def _tasks(item: str) -> tuple[list[tuple[str, list[str]]], list[tuple[str, dt.date, int | None]]]:
    plan = parse_plan(HEAD + item + "\n").plan
    tasks = [(t.title, [r.owner.name for r in t.responsibilities]) for t in plan.tasks]
    milestones = [(m.title, m.due, m.task) for m in plan.milestones]
    return tasks, milestones


@pytest.mark.parametrize(
    ("item", "units", "due"),
    [
        ("（一）落实帮扶措施。县民政局负责，6月底前完成。", ["县民政局"], dt.date(2025, 6, 30)),
        ("（一）落实帮扶措施。县民政局落实，6月底前。", ["县民政局"], dt.date(2025, 6, 30)),
        (
            "（一）完善机制。县农业农村局、县财政局负责，2025年9月底前完成。",
            ["县农业农村局", "县财政局"],
            dt.date(2025, 9, 30),
        ),
        (
            "（一）开展排查。县乡村振兴局负责，各乡镇人民政府落实，5月底前完成。",
            ["县乡村振兴局", "各乡镇人民政府"],
            dt.date(2025, 5, 31),
        ),
    ],
)
def test_roles_then_a_deadline_make_a_task(item: str, units: list[str], due: dt.date) -> None:
    tasks, milestones = _tasks(item)
    [(_, owners)] = tasks
    assert owners == units
    assert [(d, task) for _, d, task in milestones] == [(due, 1)]


@pytest.mark.parametrize(
    "item",
    [
        "（一）加强监管。各乡镇要严格落实，5月底前完成。",
        "（一）加强保障。所需经费由县财政局统筹解决，5月底前完成。",
        "（一）开展排查。王晓会负责，5月底前完成。",
        "（一）开展排查。排查结果于5月底前报县政府。",
        "（一）开展排查。县民政局负责，按要求完成。",
        # the verb changed, the guard holds: words before 由, a word ending in 部 or 局
        "（一）加强保障。所需经费由县财政局负责，5月底前完成。",
        "（一）加强保障。项目资金全部落实，6月底前完成。",
        "（一）优化布局。产业布局落实，6月底前完成。",
        # two sentences of roles and a deadline each, or several dates: left to the sentences
        "（一）落实措施。县民政局负责，6月底前完成。县财政局配合，9月底前完成。",
        "（一）落实措施。县民政局负责，6月、9月底前完成。",
    ],
)
def test_words_that_are_no_body_stay_unread(item: str) -> None:
    # guards: no task, as before
    tasks, _ = _tasks(item)
    assert tasks == []


@pytest.mark.parametrize(
    ("item", "units", "due", "text"),
    [
        (
            (
                "（一）开展排查。全面开展防返贫动态监测排查，县乡村振兴局牵头，县民政局、县医保局配合，"
                "6月底前完成。"
            ),
            [("县乡村振兴局", "lead"), ("县民政局", "support"), ("县医保局", "support")],
            dt.date(2025, 6, 30),
            "全面开展防返贫动态监测排查",
        ),
        (
            "（一）落实资金。及时足额拨付衔接资金，县财政局负责。",
            [("县财政局", "lead")],
            None,
            "及时足额拨付衔接资金",
        ),
        (
            "（一）开展培训。组织脱贫劳动力技能培训，县人社局落实，9月底前。",
            [("县人社局", "lead")],
            dt.date(2025, 9, 30),
            "组织脱贫劳动力技能培训",
        ),
    ],
)
def test_roles_ending_a_sentence_of_the_work(
    item: str, units: list[tuple[str, str]], due: dt.date | None, text: str
) -> None:
    """The work, then its bodies and their roles, in one last sentence: the item was no task."""
    plan = parse_plan(HEAD + item + "\n").plan
    [task] = plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == units
    assert text in task.text
    assert [(m.due, m.task) for m in plan.milestones] == ([(due, 1)] if due else [])


@pytest.mark.parametrize(
    "item",
    [
        # only a supporting body ends the sentence: the lead is elsewhere, or none is named
        "（一）推进分类。全面推进垃圾分类，区绿化市容局配合。",
        # roles in the words before the ones ending the sentence
        "（一）推进分类。县农业农村局负责技术指导，县财政局负责。",
        # two sentences each ending in roles: each keeps its own
        "（一）落实措施。开展排查，县民政局负责。落实资金，县财政局负责。",
        # several dates: two milestones of the sentence
        "（一）落实措施。开展排查，县民政局负责，6月、9月底前完成。",
        # words that are no body
        "（一）加强监管。全面加强监管，各乡镇要严格落实。",
    ],
)
def test_a_sentence_whose_roles_are_unsure_stays_unread(item: str) -> None:
    # guards: no task, as before
    tasks, _ = _tasks(item)
    assert tasks == []
