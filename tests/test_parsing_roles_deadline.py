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
words before (县农业农村局负责技术指导,县财政局负责). (Two sentences each ending in roles were no task
here; they now give the item the units of both: tests/test_parsing_roles_more.py.)
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
    assert task.text.endswith(text)  # no comma left hanging
    assert [(m.due, m.task) for m in plan.milestones] == ([(due, 1)] if due else [])


@pytest.mark.parametrize(
    ("roles", "units"),
    [
        (
            "县乡村振兴局牵头，县民政局等部门配合",
            [("县乡村振兴局", "lead"), ("县民政局", "support")],
        ),
        (
            "县乡村振兴局牵头，县直有关单位配合",
            [("县乡村振兴局", "lead"), ("县直有关单位", "support")],
        ),
        ("县乡村振兴局牵头，县直各单位配合", [("县乡村振兴局", "lead"), ("县直各单位", "support")]),
        ("县乡村振兴局（县农业农村局）牵头", [("县乡村振兴局(县农业农村局)", "lead")]),
        (
            "县乡村振兴局牵头，各乡镇、各村落实",
            [("县乡村振兴局", "lead"), ("各乡镇", "implement"), ("各村", "implement")],
        ),
        ("县民政局配合，县乡村振兴局牵头", [("县乡村振兴局", "lead"), ("县民政局", "support")]),
        (
            "县乡村振兴局牵头，县民政局配合，于6月底前完成",
            [("县乡村振兴局", "lead"), ("县民政局", "support")],
        ),
        # a verb opening a part is the item's words: 邀请省农科院 was read as the lead
        ("邀请省农科院指导，县农业农村局负责", [("县农业农村局", "lead")]),
        ("接受县纪委监委指导，县乡村振兴局负责", [("县乡村振兴局", "lead")]),
    ],
)
def test_the_forms_of_roles_ending_a_sentence(roles: str, units: list[tuple[str, str]]) -> None:
    """等部门, 县直有关单位, a note in brackets, 各村, 于 before the deadline, the support first."""
    plan = parse_plan(HEAD + f"（一）开展排查。全面开展排查，{roles}。\n").plan
    [task] = plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == units
    assert "全面开展排查" in task.text


@pytest.mark.parametrize(
    ("item", "units", "text"),
    [
        # 由X牵头 with the bodies after it: 县人社局 was dropped
        (
            "（一）落实帮扶。开展产业帮扶，由县农业农村局牵头，县人社局配合，年底前完成。",
            [("县农业农村局", "lead"), ("县人社局", "support")],
            "开展产业帮扶",
        ),
        (
            "（一）落实帮扶。由县农业农村局牵头，县人社局配合，年底前完成。",
            [("县农业农村局", "lead"), ("县人社局", "support")],
            "年底前完成",
        ),
        (
            "（一）落实帮扶。由县农业农村局牵头组织开展产业帮扶，县人社局配合。",
            [("县农业农村局", "lead"), ("县人社局", "support")],
            "组织开展产业帮扶",
        ),
        (
            "（一）开展排查。由县乡村振兴局牵头负责，县民政局配合，6月底前完成。",
            [("县乡村振兴局", "lead"), ("县民政局", "support")],
            "6月底前完成",
        ),
        # the words of the sentence were a co-responsible unit, and left the text
        (
            "（一）落实帮扶。各乡镇人民政府要高度重视，县农业农村局牵头。",
            [("县农业农村局", "lead")],
            "各乡镇人民政府要高度重视",
        ),
    ],
)
def test_a_lead_in_running_text_keeps_the_roles_after_it(
    item: str, units: list[tuple[str, str]], text: str
) -> None:
    plan = parse_plan(HEAD + item + "\n").plan
    [task] = plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == units
    assert text in task.text
    # the deadline is read once: a milestone of the task, not two
    assert len(plan.milestones) == ("底前" in item)


@pytest.mark.parametrize(
    ("item", "units"),
    [
        # a body whose name ends in 小组 or 专班 leads: the sentence is roles whole, as before
        (
            "（一）开展排查。县委农村工作领导小组负总责，县乡村振兴局牵头，各乡镇落实。",
            [
                ("县委农村工作领导小组", "lead"),
                ("县乡村振兴局", "co_responsible"),
                ("各乡镇", "implement"),
            ],
        ),
        (
            "（一）开展排查。县防返贫监测工作专班主责，县民政局负责，县医保局配合。",
            [
                ("县防返贫监测工作专班", "lead"),
                ("县民政局", "co_responsible"),
                ("县医保局", "support"),
            ],
        ),
        # a verb's object after 由X牵头 is no unit: only X
        (
            "（一）开展排查。由县乡村振兴局牵头，统筹各乡镇落实，6月底前完成。",
            [("县乡村振兴局", "lead")],
        ),
        ("（一）开展排查。由县乡村振兴局牵头，名单推送县医保局落实。", [("县乡村振兴局", "lead")]),
        (
            "（一）开展排查。由县乡村振兴局牵头，逐户核实后报县民政局落实，6月底前完成。",
            [("县乡村振兴局", "lead")],
        ),
    ],
)
def test_the_roles_read_before_stay_read(item: str, units: list[tuple[str, str]]) -> None:
    # guards: as before the roles ending a sentence were read first
    [task] = parse_plan(HEAD + item + "\n").plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == units


@pytest.mark.parametrize(
    "item",
    [
        # only a supporting body ends the sentence: the lead is elsewhere, or none is named
        "（一）推进分类。全面推进垃圾分类，区绿化市容局配合。",
        # roles in the words before the ones ending the sentence
        "（一）推进分类。县农业农村局负责技术指导，县财政局负责。",
        # (two sentences each ending in roles give the item both units: test_parsing_roles_more)
        # several dates: two milestones of the sentence
        "（一）落实措施。开展排查，县民政局负责，6月、9月底前完成。",
        # words that are no body, or a verb's object
        "（一）加强监管。全面加强监管，各乡镇要严格落实。",
        "（一）压实责任。建立责任清单，督促各乡镇人民政府落实，6月底前完成。",
        "（一）统筹。加强统筹协调，协调县财政局落实。",
        "（一）开展排查。全面开展排查，督查各乡镇落实，6月底前完成。",
        "（一）开展排查。全面开展排查，协调督促指导各乡镇落实，6月底前完成。",
        "（一）开展排查。全面开展排查，县乡村振兴局负责，检查各乡镇落实，6月底前完成。",
    ],
)
def test_a_sentence_whose_roles_are_unsure_stays_unread(item: str) -> None:
    # guards: no task, as before
    tasks, _ = _tasks(item)
    assert tasks == []


@pytest.mark.parametrize(
    "bodies",
    [
        "同心县人民政府",
        "红寺堡区人民政府、同心县人民政府",
        "组织部、人社局",
        "数据局",
        "经信局",
        "信息中心",
        "联合党委",
        "协调办",
        "县政府督查督办中心",
    ],
)
def test_a_body_whose_name_opens_like_a_verb_is_a_body(bodies: str) -> None:
    # guards: as before (同心 opens with 同, 组织部 with 组织, 数据局 with 数据 …)
    plan = parse_plan(HEAD + f"（一）推进移民致富提升。{bodies}负责，6月底前完成。\n").plan
    [task] = plan.tasks
    assert [r.owner.name for r in task.responsibilities] == bodies.split("、")
    assert [(m.due, m.task) for m in plan.milestones] == [(dt.date(2025, 6, 30), 1)]


@pytest.mark.parametrize(
    "item",
    [
        "（一）开展监测。县乡村振兴局牵头，全面开展监测。健全帮扶机制，县民政局负责，6月底前完成。",
        "（一）开展排查。县财政局负责资金保障。全面开展排查，县乡村振兴局牵头，县民政局配合。",
    ],
)
def test_roles_in_an_earlier_sentence_leave_the_last_unread(item: str) -> None:
    """The last sentence's roles made the task and the earlier sentence's unit was lost."""
    tasks, _ = _tasks(item)
    assert tasks == []


def test_an_earlier_sentence_ending_in_roles_is_read_with_the_last() -> None:
    # each sentence ends in its roles, the last with its deadline after them: both bodies are
    # the task's (this item gave no task: the last sentence's roles were read alone, then
    # refused for the earlier sentence's)
    item = "（一）开展监测。县乡村振兴局负责。全面开展监测，县民政局负责，6月底前完成。"
    plan = parse_plan(HEAD + item + "\n").plan
    [task] = plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == [
        ("县乡村振兴局", "lead"),
        ("县民政局", "co_responsible"),
    ]
    assert [m.due for m in plan.milestones] == [dt.date(2025, 6, 30)]


@pytest.mark.parametrize("joined", ["和", "、"])
def test_two_leads_after_you_are_read_as_before(joined: str) -> None:
    # guard: 由A和B牵头,C配合,时限 is the item's clause, its text and deadline taken with it
    plan = parse_plan(
        HEAD + f"（一）开展排查。由县乡村振兴局{joined}县民政局牵头，县医保局配合，6月底前完成。\n"
    ).plan
    [task] = plan.tasks
    assert task.text == "开展排查。"
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == [
        ("县乡村振兴局", "lead"),
        ("县民政局", "co_responsible"),
        ("县医保局", "support"),
    ]
    assert [(m.title, m.task) for m in plan.milestones] == [("开展排查", 1)]
