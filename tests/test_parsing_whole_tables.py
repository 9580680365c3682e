"""Task tables of whole district plans, flattened one cell a line, as the corpus's texts give them.

Each case is a few rows taken from a whole plan of the real corpus (``tests/data/real``): the
宝山区 生活垃圾 任务清单 (``sh-baoshan-2019-26-laji``: separate 牵头部门 / 配合部门 / 时间节点 columns,
unit cells broken over lines) and the 静安区 城市更新 任务清单 (``sh-jingan-2023-13-chengshigengxin``:
group labels and heading rows before the row numbers, 推进单位 cells merged over several rows).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

import real_corpus as rc
from xiaojie.parsing import parse_plan
from xiaojie.parsing._clauses import body_like
from xiaojie.parsing._input import join_broken_times


if TYPE_CHECKING:
    from collections.abc import Iterable


BAOSHAN = dt.date(2019, 5, 5)
JINGAN = dt.date(2023, 12, 12)

BAOSHAN_HEADER = ["附件1", "2019年宝山区生活垃圾分类减量推进工作联席会议成员单位工作任务清单", "序号",
                  "任务名称", "任务内容", "牵头部门", "配合部门", "时间节点",
                  "1", "加强组织领导", "召开全区生活垃圾分类工作动员大会。", "区政府办公室", "各联席会议成员单位",
                  "2019年3月"]  # fmt: skip
"""The table's header and its first row (each case's rows follow it, as in the plan)."""

JINGAN_HEADER = ["附件", "静安区“卓越城区”城市更新行动重点任务清单（2023-2025年）", "任务类型", "序号",
                 "工作任务", "推进单位"]  # fmt: skip


def _norm(names: Iterable[str]) -> list[str]:
    """The names in the scorer's compare form (full-width brackets as half-width)."""
    return [rc.normalize(name) for name in names]


def _tasks(lines: list[str], reference: dt.date) -> list[tuple[str, list[str], set[dt.date]]]:
    """Parse ``lines`` and return each task's text, units (as written) and due dates."""
    plan = parse_plan("\n".join(lines), reference=reference).plan
    found = rc.found_tasks(plan)
    return [
        (
            f"{task.title}{task.text}",
            _norm(r.as_written for r in task.responsibilities),
            set(f.dues),
        )
        for task, f in zip(plan.tasks, found, strict=True)
    ]


# --- 宝山: 牵头部门 / 配合部门 / 时间节点 ---------------------------------------------------------


def _baoshan(rows: list[str]) -> list[tuple[str, list[str], set[dt.date]]]:
    """Parse the 宝山 header and first row, then ``rows``; return the tasks after the first."""
    first, *tasks = _tasks([*BAOSHAN_HEADER, *rows], BAOSHAN)
    assert first[1:] == (_norm(["区政府办公室", "各联席会议成员单位"]), {dt.date(2019, 3, 31)})
    return tasks


def test_a_row_number_after_a_date_cell_starts_the_next_row() -> None:
    """``2019年3月`` then ``2``: the number is the next row's 序号, not the rest of a date.

    The time-phrase joiner read ``2019年3月`` + ``2`` as one broken date (``2019年3月2``), so
    the second row ran into the first and its units were given to it.
    """
    tasks = _baoshan([
             "2", "将生活垃圾管理作为生态文明建设和城市精细化管理的重要内容，纳入专项督查和绩效评价指标体系。",
             "区委组织部（区公务员局）", "区绿化市容局", "2019年"])  # fmt: skip
    assert [units for _, units, _ in tasks] == [_norm(["区委组织部（区公务员局）", "区绿化市容局"])]
    assert [dues for _, _, dues in tasks] == [{dt.date(2019, 12, 31)}]


@given(
    year=st.integers(2000, 2035),
    month=st.integers(1, 12),
    number=st.integers(1, 999),
    day=st.booleans(),
)
def test_a_number_alone_on_its_line_never_continues_a_date(
    year: int, month: int, number: int, *, day: bool
) -> None:
    """Whatever date ends a line, a line holding only a number is left as it is."""
    date = f"{year}年{month}月" + ("1日" if day else "")
    lines = ["区绿化市容局", date, str(number), "完善工作机制。"]
    assert join_broken_times(lines) == lines


def test_a_unit_cell_broken_after_its_separator_is_one_cell() -> None:
    """``区绿化市容局、`` / ``区农业农村委`` is one 配合部门 cell; ``各街镇（园区）`` leads."""
    tasks = _baoshan([
             "9", "推进全面覆盖", ("深入开展生活垃圾分类达标、示范街镇（园区），及农村生活垃圾分类达标、示范村创建活动,"
             "落实属地责任，将垃圾分类工作落实到人。"), "各街镇（园区）", "区绿化市容局、", "区农业农村委", "2019年",
             "10", "居住区、单位、公共场所垃圾分类完成全覆盖。", "区绿化市容局", "区商务委、区国资委", "2019年6月"])  # fmt: skip
    assert [units for _, units, _ in tasks] == [
        _norm(["各街镇（园区）", "区绿化市容局", "区农业农村委"]),
        _norm(["区绿化市容局", "区商务委", "区国资委"]),
    ]
    assert [dues for _, _, dues in tasks] == [{dt.date(2019, 12, 31)}, {dt.date(2019, 6, 30)}]
    assert all("2019" not in text for text, _, _ in tasks)


_BODIES = ["区绿化市容局", "区农业农村委", "区商务委", "区民政局", "区委宣传部（区文明办）", "区妇联",
           "各街镇（园区）", "区城管执法局", "区住房保障房屋管理局"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(st.sampled_from(_BODIES[1:]), min_size=2, max_size=5, unique=True),
    data=st.data(),
)
def test_a_unit_list_broken_after_any_separator_reads_the_same(
    names: list[str], data: st.DataObject
) -> None:
    """A 配合部门 list broken into lines after any of its 、 gives the same units in order."""
    breaks = data.draw(st.sets(st.integers(1, len(names) - 1), min_size=1), label="breaks")
    cell, line = [], ""
    for k, name in enumerate(names):
        line += name + ("、" if k < len(names) - 1 else "")
        if k + 1 in breaks:
            cell.append(line)
            line = ""
    cell.append(line)
    tasks = _baoshan(["2", "推进全面覆盖", "完成垃圾箱房改建任务。", _BODIES[0], *cell, "2019年9月",
                      "3", "优化农村垃圾分类全流程体系。", _BODIES[0], "各街镇（园区）", "2019年"])  # fmt: skip
    assert [units for _, units, _ in tasks] == [
        _norm([_BODIES[0], *names]),
        _norm([_BODIES[0], "各街镇（园区）"]),
    ]
    assert [dues for _, _, dues in tasks] == [{dt.date(2019, 9, 30)}, {dt.date(2019, 12, 31)}]


def test_a_date_cell_after_a_lead_cell_of_two_lines_is_the_deadline() -> None:
    """The 时间节点 cell comes right after a two-line 牵头部门 cell: a deadline, not task text."""
    tasks = _baoshan([
             "20", "全面推进农村生活垃圾分类全覆盖工作。", "各街镇（园区）", "区绿化市容局", "2019年9月",
             "21", "提高处理能力", "加快推进本区湿垃圾处理项目；加快推进本区干垃圾焚烧项目。",
             "区政府办公室、区绿化市容局、", "区规划资源局、区重大办", "2019年"])  # fmt: skip
    text, units, dues = tasks[1]
    assert units[:4] == _norm(["区政府办公室", "区绿化市容局", "区规划资源局", "区重大办"])
    assert dues == {dt.date(2019, 12, 31)}
    assert "2019" not in text


def test_a_lead_cell_naming_a_womens_federation_is_a_unit_cell() -> None:
    """``区民政局、区委宣传部（区文明办）、区妇联`` is a 牵头部门 cell (妇联 is a body)."""
    tasks = _baoshan([
             "35", "营造良好氛围", "结合好家风好家训工作，实现垃圾分类进家庭培训。",
             "区民政局、区委宣传部（区文明办）、区妇联", "区绿化市容局", "2019年",
             "36", "组织各级媒体做好垃圾分类相关宣传和舆情处置工作。", "区绿化市容局", "各街镇（园区）", "2019年"])  # fmt: skip
    assert tasks[0][1] == _norm(["区民政局", "区委宣传部（区文明办）", "区妇联", "区绿化市容局"])
    assert "区妇联" not in tasks[0][0]


def test_a_note_on_an_amount_in_brackets_is_not_a_clause() -> None:
    """``（各单位全年不少于一场）`` in a task's text says how often, not who: no unit."""
    tasks = _baoshan([
             "38", ("加强《上海市生活垃圾管理条例》的宣贯工作。举办垃圾分类及《上海市生活垃圾管理条例》普法为主题的"
             "系列活动。（各单位全年不少于一场）。"), "区绿化市容局", "各街镇（园区）", "2019年"])  # fmt: skip
    assert [units for _, units, _ in tasks] == [_norm(["区绿化市容局", "各街镇（园区）"])]


@given(
    group=st.sampled_from(["各单位", "各街镇", "各区", "各部门", "各成员单位"]),
    amount=st.sampled_from(
        [
            "全年不少于一场",
            "每年不少于2次",
            "每季度不低于1次",
            "每月不超过3次",
            "全年培训不少于5场",
            "每周一次",
        ]
    ),
)
def test_a_group_followed_by_an_amount_is_not_a_body(group: str, amount: str) -> None:
    """``各X`` followed by an amount or a frequency is a note on the work, never a body."""
    assert body_like(group)
    assert not body_like(group + amount)


# --- 静安: group labels before the row number, merged 推进单位 cells ------------------------------

_JINGAN_UNITS = ["区“两旧”专班", "区房管局", "区旧改总办", "区成套办", "各相关街镇"]


def test_a_task_list_with_its_group_labels_before_the_row_numbers() -> None:
    """任务类型 labels and 行动 heading rows stand before the row numbers; 推进单位 is merged.

    The header's 任务类型 and 推进单位 were unknown words, so the table was not read at all; read,
    each label was taken for the end of the task text above it.
    """
    lines = [*JINGAN_HEADER,
             "行动一：再造发展新极行动（综合区域整体焕新行动）",
             "1", "推进走马塘片区规划研究", "区规划资源局、区建设管理委、市北高新集团",
             "行动二：重塑美丽新居行动（人居环境品质提升行动）",
             "旧区改造",
             "4", "全面完成中心城区零星二级旧里以下房屋改造", "、".join(_JINGAN_UNITS),
             "旧住房更新改造",
             "5", "推进小梁薄板等老旧住房成套改造，基本完成小梁薄板房屋改造。",
             "6", "加快推进各类旧住房更新改造。",
             "“美丽家园”建设",
             "8", "创建20个新时代“美丽家园”特色小区"]  # fmt: skip
    tasks = _tasks(lines, JINGAN)
    assert [units for _, units, _ in tasks] == [
        _norm(["区规划资源局", "区建设管理委", "市北高新集团"]),
        *[_norm(_JINGAN_UNITS)] * 4,
    ]
    texts = [text for text, _, _ in tasks]
    assert texts[0].startswith("推进走马塘片区规划研究")
    assert all("行动" not in text and "改造旧" not in text for text in texts)
    assert texts[-1].startswith("创建20个新时代“美丽家园”特色小区")


_LABELS = ["公共空间优化", "市政基础设施提升改造", "绿色节能改造", "商圈改造升级", "产业园区"]
_WORK = ["完成燃气老化管道改造约36公里", "改建或新建9座左右口袋公园", "推进海绵城市建设。",
         "完成应急避难场所建设144.45万平方米。", "推进居住建筑节能改造"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(_WORK), st.sampled_from([None, *_LABELS]), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_each_row_takes_the_unit_cell_merged_over_it(
    rows: list[tuple[str, str | None, bool]],
) -> None:
    """Rows with or without a label before them, and with or without their own unit line:
    each has its own unit cell or the last one written above it."""
    lines = [*JINGAN_HEADER, "行动三：智创和谐新境行动（公共空间设施优化行动）"]
    expected = []
    unit = "区规划资源局、各相关街镇"
    for number, (work, label, own) in enumerate(rows, start=1):
        if label and number > 1:
            lines.append(label)
        lines += [str(number), f"{work.rstrip('。')}，第{number}项。"]
        if own or number == 1:
            unit = f"区绿化市容局、区第{number}办"
            lines.append(unit)
        expected.append(_norm(unit.split("、")))
    tasks = _tasks(lines, JINGAN)
    assert [units for _, units, _ in tasks] == expected
    texts = [text for text, _, _ in tasks]
    assert len(texts) == len(rows)
    for number, ((work, _, _), text) in enumerate(zip(rows, texts, strict=True), start=1):
        assert text.startswith(f"{work.rstrip('。')},第{number}项"), text
        assert not any(label in text for label in _LABELS), text
