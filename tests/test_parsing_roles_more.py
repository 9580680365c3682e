"""Roles a county plan writes beside its sentences, read as the units of its items.

``县民政局负责（县医保局配合）`` read the bracket alone: 县医保局 led, 县民政局 was lost.
``县乡村振兴局牵头，各乡镇持续推进`` made "各乡镇持续推进" a unit. ``县财政局负责，长期坚持`` was no
task. ``(1)发展产业，县农业农村局负责；(2)稳岗就业，县人社局负责`` inside one item's line was no task
either: each sub-item is a task, as when they stand on lines of their own, and the notes of a
line split so point into the source (its line, its column), as do those of a page run together.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiaojie.parsing import parse_plan
from xiaojie.parsing._input import split_inline_items


HEAD = "某县2025年防返贫监测帮扶工作方案\n2025年3月10日\n\n一、重点任务\n"


def _read(body: str) -> tuple[list[tuple[str, list[tuple[str, str]]]], list[dt.date]]:
    plan = parse_plan(HEAD + body + "\n").plan
    tasks = [
        (t.title, [(r.owner.name, r.role.value) for r in t.responsibilities]) for t in plan.tasks
    ]
    return tasks, [m.due for m in plan.milestones]


@pytest.mark.parametrize(
    ("item", "units", "due"),
    [
        (
            "（二）落实兜底保障。将符合条件的对象纳入低保。县民政局负责（县医保局配合）。",
            [("县民政局", "lead"), ("县医保局", "support")],
            [],
        ),
        (
            "（二）落实兜底保障。将对象纳入低保，县民政局负责（县医保局、县卫健局配合），6月底前完成。",
            [("县民政局", "lead"), ("县医保局", "support"), ("县卫健局", "support")],
            [dt.date(2025, 6, 30)],
        ),
        (
            "（二）落实兜底保障。县民政局牵头（县医保局配合）",
            [("县民政局", "lead"), ("县医保局", "support")],
            [],
        ),
        # the other role parts of the sentence join the clause: 由县民政局牵头 before the part
        # the bracket follows was lost (县财政局 led), 县财政局负责 after it was left in the words
        (
            "（二）落实兜底保障。将对象纳入低保，由县民政局牵头，县财政局负责（县医保局配合）。",
            [("县民政局", "lead"), ("县财政局", "co_responsible"), ("县医保局", "support")],
            [],
        ),
        (
            "（二）落实兜底保障。将对象纳入低保，县民政局牵头，县财政局负责（县医保局配合），6月底前完成。",
            [("县民政局", "lead"), ("县财政局", "co_responsible"), ("县医保局", "support")],
            [dt.date(2025, 6, 30)],
        ),
        (
            "（二）落实兜底保障。县民政局负责（县医保局配合），县财政局负责。",
            [("县民政局", "lead"), ("县医保局", "support"), ("县财政局", "co_responsible")],
            [],
        ),
        (
            "（二）落实兜底保障。县民政局负责（县医保局配合），县财政局负责，6月底前完成。",
            [("县民政局", "lead"), ("县医保局", "support"), ("县财政局", "co_responsible")],
            [dt.date(2025, 6, 30)],
        ),
        # guard: words after the roles end the clause at the bracket, as before
        (
            "（二）落实兜底保障。县民政局负责（县医保局配合），县财政局负责，做好衔接。",
            [("县民政局", "lead"), ("县医保局", "support")],
            [],
        ),
    ],
)
def test_a_bracket_of_roles_after_roles_adds_to_them(
    item: str, units: list[tuple[str, str]], due: list[dt.date]
) -> None:
    tasks, milestones = _read(item)
    [(_, owners)] = tasks
    assert owners == units
    assert milestones == due


def test_a_bracket_of_roles_read_with_the_roles_before_it_is_not_reported_unread() -> None:
    result = parse_plan(HEAD + "（二）纳入低保。县民政局负责（县医保局配合）。\n")
    assert not [n for n in result.report.notes if "looks like a responsibility clause" in n.message]


@pytest.mark.parametrize(
    ("item", "units"),
    [
        # guards: a note on a name, a bracket alone, a bracket after words
        (
            "（二）落实。县乡村振兴局（县农业农村局）负责。",
            [("县乡村振兴局(县农业农村局)", "lead")],
        ),
        ("（二）纳入低保（县民政局负责）。", [("县民政局", "lead")]),
        ("（二）纳入低保。全面排查（县民政局负责）。", [("县民政局", "lead")]),
    ],
)
def test_a_bracket_without_roles_before_it_is_read_as_before(
    item: str, units: list[tuple[str, str]]
) -> None:
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（四）推进项目。县乡村振兴局牵头，各乡镇持续推进。",
            [("县乡村振兴局", "lead"), ("各乡镇", "implement")],
        ),
        (
            "（四）推进项目。县乡村振兴局牵头，各乡镇推进落实。",
            [("县乡村振兴局", "lead"), ("各乡镇", "implement")],
        ),
        ("（五）资产管理。县财政局负责，长期坚持。", [("县财政局", "lead")]),
        ("（五）资产管理。全面清查资产，县财政局负责，持续推进。", [("县财政局", "lead")]),
        (
            "（五）资产管理。县财政局负责，县农业农村局配合，常态化开展。",
            [("县财政局", "lead"), ("县农业农村局", "support")],
        ),
    ],
)
def test_work_that_goes_on_after_the_roles(item: str, units: list[tuple[str, str]]) -> None:
    tasks, milestones = _read(item)
    [(_, owners)] = tasks
    assert owners == units
    assert milestones == []  # the work goes on: no date, no milestone


def test_one_body_in_charge_beside_bodies_that_assist_is_not_a_guess() -> None:
    result = parse_plan(HEAD + "（二）落实。县民政局负责，县医保局配合。\n")
    assert result.plan.tasks[0].lead is not None
    assert result.plan.tasks[0].lead.name == "县民政局"
    assert not [n for n in result.report.notes if "does not say who leads" in n.message]
    # guard: two bodies in charge, the first listed is a guess
    result = parse_plan(HEAD + "（二）落实。县民政局、县财政局负责，县医保局配合。\n")
    assert [n for n in result.report.notes if "does not say who leads" in n.message]


@pytest.mark.parametrize(
    ("item", "tasks"),
    [
        (
            "（三）加强产业帮扶。(1)发展特色产业，县农业农村局负责；(2)推进稳岗就业，县人社局负责。",
            [
                ("发展特色产业", [("县农业农村局", "lead")]),
                ("推进稳岗就业", [("县人社局", "lead")]),
            ],
        ),
        (
            (
                "（三）加强产业帮扶。①发展特色产业。县农业农村局负责；②推进稳岗就业。县人社局牵头，"
                "县财政局配合；③开展技能培训。县人社局负责。"
            ),
            [
                ("发展特色产业", [("县农业农村局", "lead")]),
                ("推进稳岗就业", [("县人社局", "lead"), ("县财政局", "support")]),
                ("开展技能培训", [("县人社局", "lead")]),
            ],
        ),
        (
            "（三）加强产业帮扶：（1）发展特色产业（县农业农村局负责）；（2）推进稳岗就业（县人社局负责）。",
            [
                ("发展特色产业", [("县农业农村局", "lead")]),
                ("推进稳岗就业", [("县人社局", "lead")]),
            ],
        ),
    ],
)
def test_sub_items_inside_a_line_are_tasks(
    item: str, tasks: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    assert _read(item)[0] == tasks


@pytest.mark.parametrize(
    "line",
    [
        # a list inside one task: the roles stand after the list, or after one sub-item only
        "（三）加强产业帮扶。主要包括：（1）发展特色产业；（2）推进稳岗就业。（县人社局负责）",
        "（三）帮扶。(1)发展特色产业，县农业农村局负责；(2)推进稳岗就业。",
        # numbers out of order, a single sub-item
        "（三）帮扶。(2)发展特色产业，县农业农村局负责；(3)推进稳岗就业，县人社局负责。",
        "（三）帮扶。(1)发展特色产业，县农业农村局负责。",
        # a number not after a sentence's end or a colon
        "（三）帮扶，(1)发展特色产业，县农业农村局负责，(2)推进稳岗就业，县人社局负责。",
    ],
)
def test_a_line_without_sub_items_each_ending_in_roles_stays_whole(line: str) -> None:
    assert split_inline_items(line) == [line]


def test_notes_of_a_split_line_point_into_the_source() -> None:
    text = (
        HEAD
        + "（三）加强产业帮扶。(1)发展特色产业，县甲局负责；(2)推进稳岗就业，县乙局负责。\n"
        + "（四）推进项目。县丙局负责。\n"
    )
    lines = text.split("\n")
    notes = {
        n.phrase: (n.line, n.column)
        for n in parse_plan(text).report.notes
        if n.message.startswith("unknown unit")
    }
    where = {
        name: (index + 1, line.find(name))
        for index, line in enumerate(lines)
        for name in ("县甲局", "县乙局", "县丙局")
        if name in line
    }
    for name, (line, at) in where.items():
        [(found_line, column)] = [v for k, v in notes.items() if name in k]
        assert found_line == line, name
        # the clause is read from the comma before the roles, or from the roles
        assert at - 1 <= column - 1 <= at, (name, column, at)


@pytest.mark.parametrize(
    ("item", "units", "due"),
    [
        (
            "（一）开展排查。全面排查风险，县民政局负责，6月底前完成，9月底前验收。",
            [("县民政局", "lead")],
            # (a step that only says the work is done takes the task's title; it was "完成")
            [(dt.date(2025, 6, 30), "开展排查"), (dt.date(2025, 9, 30), "验收")],
        ),
        (
            "（一）开展排查。县民政局负责，9月底前验收。",
            [("县民政局", "lead")],
            [(dt.date(2025, 9, 30), "验收")],
        ),
        (
            "（一）开展排查。县民政局牵头，县财政局配合，6月底前完成排查，9月底前完成验收。",
            [("县民政局", "lead"), ("县财政局", "support")],
            [(dt.date(2025, 6, 30), "完成排查"), (dt.date(2025, 9, 30), "完成验收")],
        ),
        (
            "（一）开展排查。由县民政局牵头，县财政局配合，6月底前完成排查，9月底前完成验收。",
            [("县民政局", "lead"), ("县财政局", "support")],
            [(dt.date(2025, 6, 30), "完成排查"), (dt.date(2025, 9, 30), "完成验收")],
        ),
    ],
)
def test_roles_before_steps_with_their_times(
    item: str, units: list[tuple[str, str]], due: list[tuple[dt.date, str]]
) -> None:
    """Each step keeps its own milestone (the roles were no clause, or the steps one deadline)."""
    plan = parse_plan(HEAD + item + "\n").plan
    [task] = plan.tasks
    assert [(r.owner.name, r.role.value) for r in task.responsibilities] == units
    assert [(m.due, m.title, m.task) for m in plan.milestones] == [
        (day, title, task.number) for day, title in due
    ]


@pytest.mark.parametrize(
    "item",
    [
        # guards: words, not bodies, before the steps; one deadline stays the clause's
        "（一）开展排查。各乡镇要严格落实，6月底前完成，9月底前验收。",
        "（一）开展排查。县农业农村局负责技术指导，县财政局负责，6月底前完成，9月底前验收。",
    ],
)
def test_steps_after_words_that_are_no_roles_leave_no_task(item: str) -> None:
    assert parse_plan(HEAD + item + "\n").plan.tasks == ()


def test_one_deadline_after_the_roles_is_the_task_s_deadline_as_before() -> None:
    plan = parse_plan(HEAD + "（一）开展排查。县民政局牵头，县财政局配合，6月底前完成。\n").plan
    [milestone] = plan.milestones
    assert (milestone.due, milestone.title) == (dt.date(2025, 6, 30), "开展排查")


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（一）开展排查（责任单位：县乡村振兴局、县委）。",
            [("县乡村振兴局", "lead"), ("县委", "co_responsible")],
        ),
        (
            "（一）开展排查。由县乡村振兴局牵头，县委和县政府督办落实。",
            [("县乡村振兴局", "lead"), ("县委", "implement"), ("县政府", "implement")],
        ),
        (
            "（一）开展排查（责任单位：市民政局、市委、市政府）。",
            [("市民政局", "lead"), ("市委", "co_responsible"), ("市政府", "co_responsible")],
        ),
    ],
)
def test_a_level_s_committee_and_government_keep_their_names(
    item: str, units: list[tuple[str, str]]
) -> None:
    """县委 after 县乡村振兴局 became 县县委; 县委和县政府督办 named a unit '县政府督办'."""
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    ("item", "units"),
    [
        ("（一）开展排查。县乡村振兴局牵头，层层压实各乡镇责任。", [("县乡村振兴局", "lead")]),
        (
            "（一）开展排查。县乡村振兴局牵头，层层压实各乡镇责任，县民政局配合。",
            [("县乡村振兴局", "lead"), ("县民政局", "support")],
        ),
    ],
)
def test_a_lead_opening_a_sentence_of_words(item: str, units: list[tuple[str, str]]) -> None:
    """As 由X牵头 in running text: the sentence ended in words, so the item was no task."""
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（一）开展排查。由县民政局牵头，县财政局配合，做好排查。",
            [("县民政局", "lead"), ("县财政局", "support")],
        ),
        (
            "（一）开展排查。县民政局牵头，县财政局、县医保局配合，全面开展排查。",
            [("县民政局", "lead"), ("县财政局", "support"), ("县医保局", "support")],
        ),
        (
            # 牵头负责 is the lead's; the bodies that carry the work out implement
            "（一）冬春救助。由县民政局牵头负责，县直各部门、各乡镇具体实施，确保不落一户。",
            [("县民政局", "lead"), ("县直各部门", "implement"), ("各乡镇", "implement")],
        ),
        (
            # roles after the words too
            "（一）开展排查。由县民政局牵头，县财政局配合，做好排查，县医保局负责。",
            [("县民政局", "lead"), ("县财政局", "support"), ("县医保局", "co_responsible")],
        ),
        (
            # words that name a role of their own: whose it is is unsure, the lead alone
            "（一）开展排查。由县民政局牵头，县财政局配合，要求各乡镇负责到底。",
            [("县民政局", "lead")],
        ),
        (
            # a body that does not say a role is words (调度资金)
            "（一）冬春救助。由县应急局牵头组织实施，县财政局调度资金，各乡镇抓好落实。",
            [("县应急局", "lead"), ("各乡镇", "implement")],
        ),
        (
            # bodies after 会同 share the work beside the roles after the lead (one or the other
            # was lost)
            "（一）开展排查。由县民政局牵头，县财政局配合，会同县医保局、县卫健委等部门做好排查。",
            [
                ("县民政局", "lead"),
                ("县财政局", "support"),
                ("县医保局", "co_responsible"),
                ("县卫健委", "co_responsible"),
            ],
        ),
        (
            "（一）开展排查。由县民政局牵头，县财政局配合，做好排查，必要时会同县公安局，开展核查。",
            [("县民政局", "lead"), ("县财政局", "support"), ("县公安局", "co_responsible")],
        ),
        (
            # guard: a verb before the body is the lead's words (函请县财政局 was made a unit)
            "（一）开展排查。由县民政局牵头，函请县财政局配合，做好排查。",
            [("县民政局", "lead")],
        ),
        (
            "（一）开展排查。由县民政局牵头，协同县财政局落实，做好排查。",
            [("县民政局", "lead")],
        ),
    ],
)
def test_roles_right_after_the_lead_before_its_words(
    item: str, units: list[tuple[str, str]]
) -> None:
    """``由X牵头，Y配合，做好排查``: Y was dropped (roles were read only where they end a sentence)."""
    [(_, owners)] = _read(item)[0]
    assert owners == units


def test_roles_right_after_the_lead_keep_the_deadline_of_the_sentence() -> None:
    tasks, dues = _read(
        "（一）开展排查。由县民政局牵头，县财政局配合，做好排查，2025年6月底前完成。"
    )
    assert tasks == [("开展排查", [("县民政局", "lead"), ("县财政局", "support")])]
    assert dues == [dt.date(2025, 6, 30)]


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            # the role part after the 会同 list was lost, and the last body of the list ran on
            # into the work (县医保局做好排查: not split, reported)
            (
                "（一）开展排查。由县民政局牵头，会同县财政局、县医保局做好排查，县卫健局配合，"
                "2025年6月底前完成。"
            ),
            [
                ("县民政局", "lead"),
                ("县财政局", "co_responsible"),
                ("县医保局", "co_responsible"),
                ("县卫健局", "support"),
            ],
        ),
        (
            "（一）开展排查。由县民政局牵头，会同县财政局等部门，县卫健局配合。",
            [("县民政局", "lead"), ("县财政局", "co_responsible"), ("县卫健局", "support")],
        ),
        (
            "（一）开展排查。由县民政局牵头，会同县财政局做好排查，各乡镇具体实施。",
            [("县民政局", "lead"), ("县财政局", "co_responsible"), ("各乡镇", "implement")],
        ),
        (
            # 组织部 is a body's name, not the verb 组织 that ends the list (县委 was read)
            "（一）开展排查。由县民政局牵头，会同县委组织部研究制定方案。",
            [("县民政局", "lead"), ("县委组织部", "co_responsible")],
        ),
        (
            # the list at the end of the sentence
            "（一）开展排查。由县民政局牵头，做好排查，会同县财政局、县医保局",
            [("县民政局", "lead"), ("县财政局", "co_responsible"), ("县医保局", "co_responsible")],
        ),
        (
            # guard: the words after the list name a role of their own: the 会同 reading alone
            "（一）开展排查。由县民政局牵头，会同县财政局做好排查，要求各乡镇负责到底。",
            [("县民政局", "lead"), ("县财政局", "co_responsible")],
        ),
    ],
)
def test_roles_after_a_huitong_list_are_read_with_it(
    item: str, units: list[tuple[str, str]]
) -> None:
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    "item",
    [
        # guards: words lead, roles in the words before, no body before 牵头
        "（一）开展排查。产业发展牵头，层层压实。",
        "（一）开展排查。各乡镇要严格落实，县乡村振兴局牵头，抓好督导。",
    ],
)
def test_a_lead_that_is_no_body_or_follows_roles_in_words_stays_unread(item: str) -> None:
    assert _read(item)[0] == []


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（一）开展排查。全面排查风险，县民政局负责。落实帮扶措施，县医保局负责。",
            [("县民政局", "lead"), ("县医保局", "co_responsible")],
        ),
        (
            "（一）开展排查。全面排查风险，县民政局牵头。落实帮扶措施，县医保局配合。",
            [("县民政局", "lead"), ("县医保局", "support")],
        ),
        ("（一）开展排查。全面排查风险，县民政局负责。确保按期完成。", [("县民政局", "lead")]),
        (
            "（一）开展排查。县民政局牵头。县医保局配合。",
            [("县民政局", "lead"), ("县医保局", "support")],
        ),
    ],
)
def test_sentences_each_ending_in_roles(item: str, units: list[tuple[str, str]]) -> None:
    """The item was no task (or 县医保局, which only 配合, led alone)."""
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    "item",
    [
        # guards: roles in the words of a sentence; each deadline keeps its sentence; a body
        # that only 配合 after words
        "（一）开展排查。全面排查风险，县民政局负责。落实帮扶措施，各乡镇主要负责同志要亲自抓。",
        "（一）开展排查。县民政局负责，6月底前完成。县财政局配合，9月底前完成。",
        "（一）开展排查。全面排查风险，县医保局配合。",
    ],
)
def test_sentences_whose_roles_are_unsure_leave_no_task(item: str) -> None:
    assert _read(item)[0] == []


@pytest.mark.parametrize(
    "line",
    [
        # a list under a label or a list's opening: one task's units or contents
        "（三）落实政策。责任单位：(1)县民政局负责；(2)县医保局负责。",
        "（三）落实政策。开展排查。责任分工：①县民政局牵头；②县医保局配合。",
        "（三）加强协调。重点做好：(1)摸底工作由县民政局负责；(2)核查工作由县医保局负责。",
        "（三）建立台账。台账包括：(1)户主信息（由各村负责）；(2)收入信息（由各乡镇负责）。",
        "工作分工：(1)县民政局负责；(2)县医保局负责。",
        # the item's own clause or time before the sub-items, or a clause after them all
        "（三）加强产业帮扶（县政府办牵头）：(1)发展特色产业，县农业农村局负责；(2)推进稳岗就业，县人社局负责。",
        "（三）落实政策。2025年6月底前：(1)开展排查，县民政局负责；(2)落实救助，县医保局负责。",
        (
            "（三）加强产业帮扶：(1)发展特色产业（县农业农村局负责）；(2)推进稳岗就业（县人社局负责）。"
            "（县政府办牵头，2025年底前完成）"
        ),
        # a table's row
        "1\t县民政局\t开展排查：①摸底，县民政局负责；②核查，县医保局负责",
    ],
)
def test_a_list_inside_one_item_is_not_split(line: str) -> None:
    assert split_inline_items(line) == [line]


def test_sub_items_in_a_table_flattened_one_cell_a_line_stay_in_their_row() -> None:
    text = HEAD + (
        "附件\n任务\n牵头\n部门\n配合\n部门\n（1）建设道路：①摸底，县民政局负责；②核查，县医保局负责。\n"
        "市建设局\n各区\n（2）整治井盖。\n市城管局\n各区\n"
    )
    tasks = [
        (t.title, [(r.owner.name, r.role.value) for r in t.responsibilities])
        for t in parse_plan(text).plan.tasks
    ]
    assert tasks == [
        ("建设道路", [("市建设局", "lead"), ("各区", "support")]),
        ("整治井盖", [("市城管局", "lead"), ("各区", "support")]),
    ]


@pytest.mark.parametrize(
    "item",
    [
        "二、保障措施\n（一）加强组织领导。各乡镇、各部门要高度重视，认真落实。",
        "二、保障措施\n（一）加强组织领导。各乡镇要把防返贫工作摆在突出位置，组织落实。",
        "二、保障措施\n（一）加强组织领导。党中央决策部署贯彻落实。",
    ],
)
def test_exhortations_name_no_units(item: str) -> None:
    # guard: 要高度重视, 决策部署 are words, not bodies, before the implementers' verbs
    assert _read(item)[0] == []


def test_work_that_goes_on_in_an_earlier_sentence_leaves_the_last_deadline_the_item_s() -> None:
    result = parse_plan(
        HEAD + "（一）加强监测。县民政局负责，长期坚持。县财政局负责，6月底前完成。\n"
    )
    [task] = result.plan.tasks
    assert [r.owner.name for r in task.responsibilities] == ["县财政局"]
    assert [(m.due, m.task) for m in result.plan.milestones] == [(dt.date(2025, 6, 30), 1)]


def test_work_that_goes_on_is_not_reported_as_a_deadline_without_a_date() -> None:
    result = parse_plan(HEAD + "（一）加强监测。县民政局负责，长期坚持。\n")
    assert not [n for n in result.report.notes if "names no date" in n.message]
    # guard: a deadline no one can date is still reported
    result = parse_plan(HEAD + "（一）加强监测。（责任单位：县民政局；完成时限：按要求）\n")
    assert [n for n in result.report.notes if "names no date" in n.message]


def test_an_empty_bracket_after_a_labelled_clause_is_still_reported() -> None:
    # guard: the bracket is no part of the roles read
    result = parse_plan(HEAD + "（一）加强监测。开展监测。责任单位：县民政局。（配合单位：）\n")
    assert [n for n in result.report.notes if "looks like a responsibility clause" in n.message]


def test_labelled_lines_keep_one_lead() -> None:
    # guard: 责任单位 beside 配合单位 under a 牵头单位 line is no second lead
    text = HEAD + "（一）加强监测。\n牵头单位：县民政局\n责任单位：县财政局；配合单位：县医保局\n"
    result = parse_plan(text)
    assert not [n for n in result.report.notes if "lead units" in n.message]
    assert result.plan.tasks[0].responsibilities[0].role.value == "lead"


def test_notes_after_a_table_s_campaign_headings_point_into_the_source() -> None:
    text = HEAD + (
        "（三）加强产业帮扶。(1)发展特色产业，县农业农村局负责；(2)推进稳岗就业，县人社局负责。\n"
        "二、保障措施\n序号\t类别\t工作任务\t牵头单位\n1\t产业\t发展产业\t县农业局\n2\t就业\t稳岗就业\t县人社局\n"
        "（三）加强投入。投入资金500万元。（责任单位：县委督查室）\n"
    )
    lines = text.split("\n")
    notes = parse_plan(text).report.notes
    [amount] = [n for n in notes if "500万元" in n.message]
    assert lines[amount.line - 1][amount.column - 1 :].startswith("500万元")
    [office] = [n for n in notes if "县委督查室" in n.message]
    assert (
        office.line == lines.index("（三）加强投入。投入资金500万元。（责任单位：县委督查室）") + 1
    )


@pytest.mark.parametrize(
    ("item", "units"),
    [
        # 各 groups whose names hold 应, 要 (they were taken for a sentence's words)
        (
            "（一）保障供应。县商务局负责，各供应企业配合。",
            [("县商务局", "lead"), ("各供应企业", "support")],
        ),
        (
            "（一）加强应急保障。开展演练（县应急管理局、各应急管理站）。",
            [("县应急管理局", "lead"), ("各应急管理站", "co_responsible")],
        ),
        (
            "（一）加强应急保障。开展演练（责任单位：县应急管理局和各乡镇应急站）。",
            [("县应急管理局", "lead"), ("各乡镇应急站", "co_responsible")],
        ),
        (
            "（一）加强应急保障。开展演练（责任单位：县发改局和各要素保障部门）。",
            [("县发改局", "lead"), ("各要素保障部门", "co_responsible")],
        ),
        # bodies with 和, 会, 应, 能 in their names
        (
            "（一）开展排查。县人力资源和社会保障局负责（县医保局配合）。",
            [("县人力资源和社会保障局", "lead"), ("县医保局", "support")],
        ),
        (
            "（一）开展排查。县住房和城乡建设局牵头，县财政局配合，6月底前完成，9月底前验收。",
            [("县住房和城乡建设局", "lead"), ("县财政局", "support")],
        ),
        ("（一）开展演练。全面开展演练，县应急管理局负责。", [("县应急管理局", "lead")]),
        ("（一）保障能源。全面保障供应，县能源局负责。", [("县能源局", "lead")]),
        # bodies that 落实 lead before bodies that only 配合
        (
            "（一）落实。县民政局组织落实，县医保局配合。",
            [("县民政局", "lead"), ("县医保局", "support")],
        ),
        # sentences ending in 落实 (the body implements what another sentence's body leads),
        # a body ending in 室
        (
            "（七）推进稳岗就业。强化资金保障，县税务局牵头负责。加强宣传，县财政局落实。",
            [("县税务局", "lead"), ("县财政局", "implement")],
        ),
        (
            "（七）推进稳岗就业。强化资金保障，县税务局负责。加强宣传，县民政局负责。开展督查，县委督查室负责。",
            [
                ("县税务局", "lead"),
                ("县民政局", "co_responsible"),
                ("县委督查室", "co_responsible"),
            ],
        ),
        (
            "（三）严格督查考核。将防返贫工作纳入乡镇年度考核，县委督查室督办落实。",
            [("县委督查室", "lead")],
        ),
    ],
)
def test_bodies_whose_names_hold_words_of_a_sentence(
    item: str, units: list[tuple[str, str]]
) -> None:
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    "item",
    [
        "二、保障措施\n（一）加强组织领导。坚持党委牵头，部门协同，形成工作合力。",
        "二、保障措施\n（一）加强组织领导。建立健全党委牵头，政府负责的工作机制。",
        "二、保障措施\n（一）创新工作机制。探索乡镇牵头，村级实施的工作模式。",
    ],
)
def test_a_way_of_working_named_with_a_lead_is_no_task(item: str) -> None:
    # guard: 坚持党委牵头 names a way of working, not a body that leads
    assert _read(item)[0] == []


def test_sub_items_with_a_clause_after_them_all_stay_one_item() -> None:
    line = (
        "（三）加强产业帮扶。(1)发展特色产业，县农业农村局负责；(2)推进稳岗就业，县人社局负责。"
        "（责任单位：县乡村振兴局）"
    )
    assert split_inline_items(line) == [line]


@pytest.mark.parametrize(
    ("item", "title"),
    [
        ("1.县民政局负责（县医保局配合）。", "任务1"),
        ("1.县民政局负责（县医保局配合），6月底前完成。", "任务1"),
        ("1.县民政局负责，6月底前完成，9月底前验收。", "6月底前完成,9月底前验收"),
    ],
)
def test_an_item_that_opens_with_its_roles_has_a_title_of_words(item: str, title: str) -> None:
    """Its title was '。' or ',6月底前完成,9月底前验收。'."""
    [(found, _)] = _read(item)[0]
    assert found == title


@pytest.mark.parametrize("brk", ["", "\f", "\u2028", "\r", "\x85"])
def test_notes_of_a_split_line_after_other_line_breaks_point_into_the_source(brk: str) -> None:
    """A form feed (a PDF's page break in a text copy) breaks a line as split_lines reads it."""
    text = (
        HEAD
        + "（一）健全监测机制。开展动态监测。（责任单位：县民政局）\n"
        + brk
        + "（二）落实救助政策。开展医疗救助。（责任单位：县医保局）\n"
        + "（三）加强产业帮扶。(1)发展特色产业，投入资金300万元，县农业农村局负责；"
        + "(2)推进稳岗就业，投入资金400万元，县人社局负责。\n"
        + "（四）强化督导。开展督查，投入资金500万元。（责任单位：县委督查室）\n"
    )
    source = text.splitlines()
    truth = [
        (i + 1, line.find(amount) + 1)
        for amount in ("300万元", "400万元", "500万元")
        for i, line in enumerate(source)
        if amount in line
    ]
    notes = parse_plan(text).report.notes
    assert [(n.line, n.column) for n in notes if "万元" in n.message] == truth


@pytest.mark.parametrize(
    ("item", "units"),
    [
        ("（一）加强监测。各乡镇切实抓好落实。", [("各乡镇", "lead")]),
        ("（一）加强监测。各乡镇确保落实。", [("各乡镇", "lead")]),
    ],
)
def test_a_group_before_an_adverb_and_its_verb(item: str, units: list[tuple[str, str]]) -> None:
    """The unit was named with the adverb: '各乡镇切实', '各乡镇确保'."""
    [(_, owners)] = _read(item)[0]
    assert owners == units


def test_a_group_that_takes_on_its_duty_in_words_is_no_unit() -> None:
    # guard: '各乡镇党委政府切实履行主体责任' is a sentence, not a body
    item = "（一）加强监测。各乡镇党委政府切实履行主体责任，抓好落实。"
    assert _read(item)[0] == []


@pytest.mark.parametrize(
    ("item", "tasks"),
    [
        (
            "（三）加强产业帮扶。(1)发展特色产业，县农业农村局负责；(2)落实小额信贷政策，县金融办负责。",
            [
                ("发展特色产业", [("县农业农村局", "lead")]),
                ("落实小额信贷政策", [("县金融办", "lead")]),
            ],
        ),
        (
            "（三）落实政策：(1)开展排查，县民政局负责；(2)落实救助，县医保局负责。",
            [("开展排查", [("县民政局", "lead")]), ("落实救助", [("县医保局", "lead")])],
        ),
    ],
)
def test_sub_items_whose_words_hold_a_role_verb_are_split(
    item: str, tasks: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    """落实 in a sub-item's words is no clause of its own (an intermediate version kept the line)."""
    assert _read(item)[0] == tasks


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（一）开展排查。县民政局负责，县医保局配合，每月调度一次，年底前完成。",
            [("县民政局", "lead"), ("县医保局", "support")],
        ),
        (
            "（一）开展排查。开展排查，县民政局负责，6月底前完成，每季度开展一次。",
            [("县民政局", "lead")],
        ),
        (
            # a later sentence whose body only 持续推进 or 具体实施: it implements
            "（一）开展排查。开展排查，县民政局负责。县财政局持续推进。",
            [("县民政局", "lead"), ("县财政局", "implement")],
        ),
        (
            "（一）开展排查。开展动态监测，县乡村振兴局牵头，县直相关部门配合。各乡镇具体实施。",
            [("县乡村振兴局", "lead"), ("县直相关部门", "support"), ("各乡镇", "implement")],
        ),
        (
            "（一）开展排查。开展排查，县发展和改革委员会负责（县财政局配合）。",
            [("县发展和改革委员会", "lead"), ("县财政局", "support")],
        ),
        (
            "（一）开展排查。开展排查，县总工会负责（县财政局配合）。",
            [("县总工会", "lead"), ("县财政局", "support")],
        ),
        (
            "（一）开展排查。开展排查，县节能监察中心负责（县财政局配合）。",
            [("县节能监察中心", "lead"), ("县财政局", "support")],
        ),
    ],
)
def test_roles_beside_recurring_steps_later_sentences_and_bodies_ending_in_hui(
    item: str, units: list[tuple[str, str]]
) -> None:
    [(_, owners)] = _read(item)[0]
    assert owners == units


def test_one_dated_step_and_a_recurring_one_stay_the_clause_s_deadline_as_before() -> None:
    # guard: the deadline milestone and the quarterly duty keep the task's title
    text = (
        HEAD
        + "（一）开展排查。开展督查。县发展和改革局牵头负责，2025年9月底前完成，每季度开展一次。\n"
    )
    plan = parse_plan(text).plan
    assert [(m.title, m.due) for m in plan.milestones] == [("开展排查", dt.date(2025, 9, 30))]
    assert [(o.title, o.cadence.frequency.value) for o in plan.obligations] == [
        ("开展排查", "quarterly")
    ]


@pytest.mark.parametrize(
    "item",
    [
        "（一）开展排查。各地各部门认真贯彻落实。",
        "（一）开展排查。各乡镇、各部门主要负责同志亲自抓、负总责。",
        "（一）开展排查。各项政策推进落实。",
    ],
)
def test_exhortations_to_every_unit_name_no_units(item: str) -> None:
    # guard: '各地各部门认真贯彻', '各部门主要负责同志亲自抓', '各项政策' were units
    assert _read(item)[0] == []


@pytest.mark.parametrize("season", ["春耕", "秋种"])
def test_a_farm_season_in_an_item_is_reported(season: str) -> None:
    text = HEAD + f"（一）抓好农时。{season}前完成农资储备（责任单位：县农业农村局）。\n"
    notes = parse_plan(text).report.notes
    assert [n for n in notes if n.kind.value == "bad_date" and season in n.message]


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（二）落实兜底保障。排查对象，县民政局负责。开展帮扶，各乡镇抓好落实。",
            [("县民政局", "lead"), ("各乡镇", "implement")],
        ),
        (
            "（二）落实兜底保障。开展帮扶，各乡镇抓好落实。排查对象，县民政局牵头，县医保局配合。",
            [("县民政局", "lead"), ("县医保局", "support"), ("各乡镇", "implement")],
        ),
        (
            # every sentence only 落实: the first is taken as the lead (a note says so)
            "（二）落实兜底保障。排查，各村落实。帮扶，各乡镇抓好落实。",
            [("各村", "lead"), ("各乡镇", "co_responsible")],
        ),
        # every body of the earlier sentences and the last's (县民政局抓好落实 was lost)
        (
            "（二）落实兜底保障。开展排查，县民政局抓好落实。做好衔接，县财政局抓好落实，2025年底前。",
            [("县民政局", "lead"), ("县财政局", "co_responsible")],
        ),
        (
            "（二）落实兜底保障。县委组织部、县财政局协助。县医保局抓好落实，县民政局负责。",
            [
                ("县民政局", "lead"),
                ("县委组织部", "support"),
                ("县财政局", "support"),
                ("县医保局", "implement"),
            ],
        ),
        # guard: 负责落实 is in charge, as 负责 is (县财政局 was made an implementer)
        (
            "（二）落实兜底保障。开展排查，县财政局负责落实。加强宣传，县委宣传部负责。",
            [("县财政局", "lead"), ("县委宣传部", "co_responsible")],
        ),
        # bodies that only 协助 or 参与 in a sentence before the lead's: 县财政局 led
        (
            "（二）落实兜底保障。县财政局协助。开展排查，县民政局牵头负责。",
            [("县民政局", "lead"), ("县财政局", "support")],
        ),
        (
            "（二）落实兜底保障。县医保局、县财政局具体实施。各村参与。开展排查，县民政局负责。",
            [
                ("县民政局", "lead"),
                ("各村", "support"),
                ("县医保局", "implement"),
                ("县财政局", "implement"),
            ],
        ),
    ],
)
def test_a_sentence_whose_bodies_only_carry_out_or_support_the_work_names_no_lead(
    item: str, units: list[tuple[str, str]]
) -> None:
    # 各乡镇抓好落实 in its own sentence was a second lead, or lost before a last sentence of roles;
    # 县财政局协助 in a sentence before the lead's made 县财政局 the lead
    [(_, owners)] = _read(item)[0]
    assert owners == units


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (
            # (the last sentence's roles read as they are when the item has one sentence of
            # roles: its clause takes the 。 after them, as in "开展排查，县民政局负责。")
            "（二）落实兜底保障。县医保局具体实施。各村参与。开展排查，县民政局负责。",
            "落实兜底保障。开展排查",
        ),
        (
            "（二）落实兜底保障。将对象纳入低保，县民政局负责（县医保局配合）。",
            "落实兜底保障。将对象纳入低保。",
        ),
        (
            "（二）落实兜底保障。将对象纳入低保，县民政局负责（县医保局配合），确保各项政策落实。",
            "落实兜底保障。将对象纳入低保,确保各项政策落实。",
        ),
        (
            (
                "（二）落实兜底保障。将对象纳入低保，县民政局负责（县医保局配合）；"
                "做好资金保障，县财政局负责（县人社局配合）。"
            ),
            "落实兜底保障。将对象纳入低保;做好资金保障。",
        ),
    ],
)
def test_the_words_of_an_item_keep_no_marks_its_clauses_left(item: str, words: str) -> None:
    # the words were 落实兜底保障。。。开展排查。 and 将对象纳入低保,。
    [task] = parse_plan(HEAD + item + "\n").plan.tasks
    assert task.text == words


@pytest.mark.parametrize(
    ("item", "due"),
    [
        ("（二）落实兜底保障。2025年底前，县民政局负责。", [dt.date(2025, 12, 31)]),
        ("（二）落实兜底保障。将对象纳入低保，2025年底前，县民政局负责。", [dt.date(2025, 12, 31)]),
        (
            "（二）落实兜底保障。2025年底前，县民政局牵头，县财政局负责（县医保局配合）。",
            [dt.date(2025, 12, 31)],
        ),
        # guard: roles with a deadline of their own keep both dates
        (
            "（二）落实兜底保障。6月底前完成，由县民政局牵头，于2025年12月底前完成。",
            [dt.date(2025, 12, 31), dt.date(2025, 6, 30)],
        ),
        # a deadline after the roles of the last sentence, earlier sentences ending in roles
        (
            "（二）落实兜底保障。开展排查，县民政局抓好落实。做好衔接，县财政局抓好落实，2025年底前。",
            [dt.date(2025, 12, 31)],
        ),
        ("（二）落实兜底保障。将对象纳入低保，2025年9月，县民政局负责。", [dt.date(2025, 9, 30)]),
        ("（二）落实兜底保障。将对象纳入低保，第三季度，县民政局负责。", [dt.date(2025, 9, 30)]),
        # guards: a date that starts or dates a fact is no deadline of the roles
        ("（二）落实兜底保障。2024年以来，县民政局牵头，县财政局配合。", []),
        ("（二）落实兜底保障。截至2024年底，县民政局负责。", []),
    ],
)
def test_a_deadline_right_before_the_roles_is_theirs(item: str, due: list[dt.date]) -> None:
    # 2025年底前 before the roles was a time phrase attached to nothing (or lost)
    assert sorted(_read(item)[1]) == sorted(due)


@pytest.mark.parametrize(
    "item",
    [
        "（一）开展排查。全面开展排查，各乡镇抓好落实。加强宣传，县委宣传部负责。",
        "（二）落实兜底保障。县民政局负责，各乡镇抓好落实。",
    ],
)
def test_one_body_that_is_responsible_beside_implementers_leads_without_a_guess(item: str) -> None:
    notes = parse_plan(HEAD + item + "\n").report.notes
    assert [n.kind.value for n in notes if n.kind.value != "new_unit"] == []
