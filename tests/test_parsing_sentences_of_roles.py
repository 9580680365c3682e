"""Items whose sentences each end in their roles, and deadlines left alone after an item's words.

``开展排查，县民政局负责。做好衔接，县财政局负责，2025年底前。`` was no task: the last sentence's
roles were refused for the roles of the one before, and the one before was refused for the
deadline after the last's. ``开展排查，由县民政局牵头。做好衔接，县财政局负责。`` kept 县民政局 and
lost 县财政局. ``做好衔接，2025年底前（县民政局负责）。`` left its deadline attached to nothing, and a
step's title kept the 于 that dates it (``于完成``, ``并于向省政府报告…``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from xiaojie.parsing import parse_plan


HEAD = "某县2025年防返贫监测帮扶工作方案\n2025年3月10日\n\n一、重点任务\n"


def _read(item: str) -> tuple[list[tuple[str, str]], list[tuple[str, dt.date]], list[str]]:
    result = parse_plan(HEAD + item + "\n")
    [task] = result.plan.tasks
    units = [(r.owner.name, r.role.value) for r in task.responsibilities]
    steps = [(m.title, m.due) for m in result.plan.milestones]
    notes = [n.kind.value for n in result.report.notes if n.kind.value != "new_unit"]
    return units, steps, notes


@pytest.mark.parametrize(
    ("item", "units", "due"),
    [
        (
            "（一）开展排查，县民政局负责。做好衔接，县财政局负责，2025年底前。",
            [("县民政局", "lead"), ("县财政局", "co_responsible")],
            [dt.date(2025, 12, 31)],
        ),
        # the last sentence's bodies only 配合: they support the other's lead
        (
            "（一）开展排查，县民政局负责。做好衔接，县财政局配合，2025年底前。",
            [("县民政局", "lead"), ("县财政局", "support")],
            [dt.date(2025, 12, 31)],
        ),
        # 到…前 is a date by which (到2025年 alone frames a goal)
        (
            "（一）开展排查，县民政局负责。做好衔接，县财政局配合，到2025年底前。",
            [("县民政局", "lead"), ("县财政局", "support")],
            [dt.date(2025, 12, 31)],
        ),
        # a sentence of roles alone, before a last sentence of roles and a deadline
        (
            "（一）开展排查。县财政局协助。县民政局负责，6月底前。",
            [("县民政局", "lead"), ("县财政局", "support")],
            [dt.date(2025, 6, 30)],
        ),
        # the last sentence is roles and their deadline, its bodies carrying the work out
        (
            "（一）开展排查，县民政局负责。县财政局、县医保局持续推进，2025年底前完成。",
            [("县民政局", "lead"), ("县财政局", "implement"), ("县医保局", "implement")],
            [dt.date(2025, 12, 31)],
        ),
        # the last sentence's roles before its dated steps
        (
            "（一）开展排查，县民政局负责。做好衔接，县财政局负责，6月底前完成摸底，9月底前完成验收。",
            [("县民政局", "lead"), ("县财政局", "co_responsible")],
            [dt.date(2025, 6, 30), dt.date(2025, 9, 30)],
        ),
    ],
)
def test_every_sentence_ending_in_roles_is_read(
    item: str, units: list[tuple[str, str]], due: list[dt.date]
) -> None:
    read, steps, _ = _read(item)
    assert read == units
    assert sorted(d for _, d in steps) == due


@pytest.mark.parametrize(
    ("item", "units"),
    [
        (
            "（一）开展排查，由县民政局牵头。做好衔接，县财政局负责，2025年底前。",
            [("县民政局", "lead"), ("县财政局", "co_responsible")],
        ),
        (
            "（一）开展排查，由县民政局牵头，县医保局配合。做好衔接，县财政局配合。",
            [("县民政局", "lead"), ("县医保局", "support"), ("县财政局", "support")],
        ),
        (
            "（一）开展排查，由县民政局牵头。各乡镇抓好落实。",
            [("县民政局", "lead"), ("各乡镇", "implement")],
        ),
        # roles before the 由 sentence: the body said to 牵头 leads (县医保局 was lost, and
        # written first it would have led by a guess)
        (
            "（一）开展排查，县医保局负责。由县民政局牵头，县财政局配合。",
            [("县民政局", "lead"), ("县医保局", "co_responsible"), ("县财政局", "support")],
        ),
    ],
)
def test_roles_after_a_you_lead_sentence_are_read_with_it(
    item: str, units: list[tuple[str, str]]
) -> None:
    read, _, notes = _read(item)
    assert read == units
    assert "unattached_date" not in notes


@pytest.mark.parametrize(
    "item",
    [
        # guards: roles inside the words of a sentence (负责到底, …牵头,全面开展) say nothing of
        # whose the last sentence's roles are: no task, as before
        "（一）开展排查，县民政局负责到底。做好衔接，县财政局负责，6月底前完成摸底，9月底前完成验收。",
        "（一）开展监测。县乡村振兴局牵头，全面开展监测。健全帮扶机制，县民政局负责，6月底前完成。",
    ],
)
def test_roles_in_the_words_of_an_earlier_sentence_still_leave_the_item_unread(item: str) -> None:
    result = parse_plan(HEAD + item + "\n")
    assert result.plan.tasks == ()


def test_a_you_lead_sentence_followed_by_words_keeps_its_lead() -> None:
    # guard: the later sentence ends in words; the 由 clause is read as before
    read, _, _ = _read("（一）由县民政局牵头，做好排查。加强宣传，确保政策落实。")
    assert read == [("县民政局", "lead")]


def test_an_item_of_roles_alone_keeps_no_marks_for_its_words() -> None:
    plan = parse_plan(HEAD + "（一）县财政局协助。县民政局负责。\n").plan
    [task] = plan.tasks
    assert task.text == ""


@pytest.mark.parametrize(
    ("item", "steps"),
    [
        ("（一）做好衔接，2025年底前（县民政局负责）。", [("做好衔接", dt.date(2025, 12, 31))]),
        ("（一）做好衔接，6月底前。责任单位：县民政局", [("做好衔接", dt.date(2025, 6, 30))]),
        # each segment's deadline dates its own words
        (
            "（一）开展排查，做好衔接，2025年9月；加强宣传，年底前（县民政局负责）。",
            [("开展排查,做好衔接", dt.date(2025, 9, 30)), ("加强宣传", dt.date(2025, 12, 31))],
        ),
        # words that only say the work goes on are no title
        (
            "（一）开展排查，长期坚持，年底前（县民政局负责）。",
            [("开展排查", dt.date(2025, 12, 31))],
        ),
    ],
)
def test_a_deadline_after_the_words_of_a_segment_is_their_milestone(
    item: str, steps: list[tuple[str, dt.date]]
) -> None:
    _, read, notes = _read(item)
    assert sorted(read, key=lambda s: s[1]) == steps
    assert "unattached_date" not in notes


@pytest.mark.parametrize(
    "item",
    [
        # a step before it with a date of its own: whose deadline it is is unsure
        "（一）6月底前完成摸底，做好衔接，年底前（县民政局负责）。",
        # after a label, the label's (a second deadline beside the roles' own is left)
        "（一）开展排查。完成时限：2025年6月底前。（责任单位：县民政局；完成时限：2025年12月底前）",
        # a date opening its segment dates what follows, not what is before
        "（一）开展排查。2025年底前，全面完成摸底（县民政局负责）。",
    ],
)
def test_a_deadline_that_is_not_the_words_is_not_made_theirs(item: str) -> None:
    _, steps, _ = _read(item)
    assert len(steps) == 1


@pytest.mark.parametrize(
    "item",
    [
        # the clause's own deadline beside it: which holds is unsure
        "（一）做好衔接，6月底前（县民政局负责，2025年底前）。",
        # it dates a target (the target reader's, not a milestone of the target's words)
        "（一）监测对象帮扶覆盖率达到100%，2025年底前（县民政局负责）。",
        # a figure's date, a goal's frame
        "（一）全县共识别监测对象120户，截至2025年2月底（县民政局负责）。",
        "（一）全县共识别监测对象120户，至2025年2月底（县民政局负责）。",
        "（一）完成危房改造，2024年底（县民政局负责）。",
        "（一）新增就业500人，2025年底前（县民政局负责）。",
        "（一）确保脱贫人口收入增速高于全县平均水平，到2025年（县民政局负责）。",
    ],
)
def test_a_date_ending_words_that_are_no_step_is_still_reported(item: str) -> None:
    _, steps, notes = _read(item)
    assert "unattached_date" in notes
    assert all(due.year == 2025 and due.month == 12 for _, due in steps)  # (the clause's)
    assert len(steps) <= 1


def test_each_clause_s_deadline_holds_when_a_later_lead_leads() -> None:
    read, steps, _ = _read(
        "（一）开展排查（县医保局负责，2025年6月底前）。做好衔接（县民政局牵头，2025年底前）。"
    )
    assert read == [("县民政局", "lead"), ("县医保局", "co_responsible")]
    # each clause's deadline is a milestone (the later one was dropped without a note)
    assert sorted(due for _, due in steps) == [dt.date(2025, 6, 30), dt.date(2025, 12, 31)]


@pytest.mark.parametrize(
    ("item", "units"),
    [
        # one body in charge beside one that 配合 (no guess), then a body said to 牵头
        (
            "（一）开展排查，县医保局负责，县财政局配合。由县民政局牵头，2025年底前完成。",
            [("县民政局", "lead"), ("县医保局", "co_responsible"), ("县财政局", "support")],
        ),
        # bodies that only carry the work out, or only 配合, before a 牵头: they implement, support
        (
            "（一）做好衔接（各乡镇具体实施）。开展排查（县民政局牵头）。",
            [("县民政局", "lead"), ("各乡镇", "implement")],
        ),
        (
            "（一）做好衔接（县财政局配合）。开展排查（县民政局牵头）。",
            [("县民政局", "lead"), ("县财政局", "support")],
        ),
    ],
)
def test_a_body_said_to_lead_leads_over_bodies_written_before_it(
    item: str, units: list[tuple[str, str]]
) -> None:
    read, _, _ = _read(item)
    assert read == units


@pytest.mark.parametrize("label", ["主责单位", "主要责任单位"])
def test_a_lead_said_in_other_words_keeps_the_lead_over_a_later_qiantou(label: str) -> None:
    read, _, _ = _read(f"（一）开展排查。\n{label}：县医保局\n牵头单位：县民政局")
    assert read == [("县医保局", "lead"), ("县民政局", "co_responsible")]


def test_clause_deadlines_on_the_same_day_make_one_milestone() -> None:
    _, steps, _ = _read(
        "（一）开展试点（生态环境部负责，年底前）。推进利用（商务部牵头，2025年底前）。"
    )
    assert [due for _, due in steps] == [dt.date(2025, 12, 31)]


def test_a_later_clause_s_date_of_a_fact_is_reported_not_a_milestone() -> None:
    item = (
        "（一）开展试点（生态环境部负责，2025年6月底前）。推进利用（商务部牵头，截至2025年2月底）。"
    )
    _, steps, notes = _read(item)
    assert [due for _, due in steps] == [dt.date(2025, 6, 30)]
    assert "unattached_date" in notes


@pytest.mark.parametrize("verb", ["负责", "配合"])
@pytest.mark.parametrize("time", ["每季度调度一次", "持续推进", "长期坚持"])
def test_a_cadence_or_the_work_going_on_after_the_last_roles_is_theirs(
    verb: str, time: str
) -> None:
    # as in an item of one sentence (县财政局负责,每季度调度一次): the task is read, its duty
    # recurs with the task's title; the work going on makes no date (these items gave no task)
    item = f"（一）开展排查，县民政局负责。做好衔接，县财政局{verb}，{time}。"
    result = parse_plan(HEAD + item + "\n")
    [task] = result.plan.tasks
    assert [r.owner.name for r in task.responsibilities] == ["县民政局", "县财政局"]
    quarterly = [o.cadence.frequency.value for o in result.plan.obligations]
    assert quarterly == (["quarterly"] if time.startswith("每季度") else [])
    assert result.plan.milestones == ()


def test_labelled_lines_after_sentences_of_roles_keep_their_lead_and_deadline() -> None:
    item = (
        "（一）开展排查，县医保局负责。做好衔接，县财政局配合，6月底前完成。\n"
        "牵头单位：县民政局\n完成时限：2025年底前"
    )
    read, steps, _ = _read(item)
    assert read == [("县民政局", "lead"), ("县医保局", "co_responsible"), ("县财政局", "support")]
    # each clause's deadline is a milestone (the labelled one was dropped without a note)
    assert sorted(due for _, due in steps) == [dt.date(2025, 6, 30), dt.date(2025, 12, 31)]


@pytest.mark.parametrize(
    "item",
    [
        # after the last roles, a date that is no deadline of theirs
        "（一）开展排查，县民政局负责。做好衔接，县财政局配合，截至2025年2月底。",
        "（一）开展排查，县民政局负责。做好衔接，县财政局配合，到2025年。",
        "（一）开展排查，县民政局负责。做好衔接，县财政局负责，到2025年。",
    ],
)
def test_a_fact_s_date_or_a_frame_after_the_last_roles_is_not_their_deadline(item: str) -> None:
    result = parse_plan(HEAD + item + "\n")
    assert result.plan.milestones == ()
    assert "unattached_date" in [n.kind.value for n in result.report.notes]


def test_a_time_in_an_earlier_sentence_leaves_the_last_deadline_reported() -> None:
    # whose the last deadline is, beside an earlier sentence's own, is unsure
    item = (
        "（一）加强宣传，确保政策落实，于6月底前完成，县财政局配合。"
        "开展排查，县医保局、县卫健局负责，2025年底前。"
    )
    _, steps, notes = _read(item)
    assert [due for _, due in steps] == [dt.date(2025, 6, 30)]
    assert "unattached_date" in notes


def test_a_step_not_to_start_before_a_date_is_no_milestone_due_then() -> None:
    # 不早于 starts the work on the date: it was read as a deadline on that day
    item = "（一）开展排查，县民政局负责，不早于2025年6月30日完成摸底，9月底前完成验收。"
    _, steps, notes = _read(item)
    assert steps == [("完成验收", dt.date(2025, 9, 30))]
    assert "unattached_date" in notes


@pytest.mark.parametrize(
    ("item", "title"),
    [
        ("（一）于2025年6月底前开展排查（县民政局负责）。", "开展排查"),
        ("（一）做好衔接，并于2025年12月底前全面完成（县民政局负责）。", "全面完成"),
        (
            "（一）将落实情况形成报告，于7月17日下班前报市政府督查室（县民政局负责）。",
            "下班前报市政府督查室",
        ),
        # 不迟于, 不晚于, 最迟于 lead the deadline: they are the date's (不迟于完成摸底 was the title)
        ("（一）不迟于2025年6月30日完成摸底（县民政局负责）。", "完成摸底"),
        ("（一）各乡镇最迟于2025年6月30日前完成摸底（县民政局负责）。", "各乡镇完成摸底"),
        # a word that is not the preposition of the date stays
        ("（一）6月底前在试点村开展排查（县民政局负责）。", "在试点村开展排查"),
        ("（一）重点在于2025年6月底前完成摸底（县民政局负责）。", "重点在于完成摸底"),
        ("（一）定于2025年6月30日召开推进会（县民政局负责）。", "定于召开推进会"),
        ("（一）致力于2025年6月底前完成摸底（县民政局负责）。", "致力于完成摸底"),
        ("（一）相当于2025年6月底前的水平（县民政局负责）。", "相当于的水平"),
        # a 于 after words that end in no 于 of their own is the date's
        ("（一）应当于2025年6月30日完成摸底（县民政局负责）。", "应当完成摸底"),
        ("（一）各项任务于2025年6月底前完成（县民政局负责）。", "各项任务完成"),
        ("（一）推进会放在2025年6月底前召开（县民政局负责）。", "推进会放在召开"),
        ("（一）各单位要在2025年6月底前报送（县民政局负责）。", "各单位要报送"),
        # 并于 and its date alone after the words: the words' deadline
        ("（一）做好衔接，并于2025年底前（县民政局负责）。", "做好衔接"),
    ],
)
def test_the_preposition_dating_a_step_is_no_word_of_its_title(item: str, title: str) -> None:
    _, steps, _ = _read(item)
    assert [t for t, _ in steps] == [title]


def test_a_later_lead_said_to_lead_is_the_lead_only_when_the_earlier_is_a_guess() -> None:
    # guard: bodies that 指导 with one 参与 (a national plan's brackets) say no 牵头: the first
    # bracket's list keeps the lead, as written
    item = "（一）开展试点。（生态环境部、财政部指导）推进利用。（商务部指导，供销合作总社参与）建立平台。"
    read, _, notes = _read(item)
    assert read[0] == ("生态环境部", "lead")
    assert "guessed_lead" in notes
