"""Group names of places: 各X、Y and 各X和Y (各街镇、开发区, 各区、县级市) are one group unit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.model import GroupKind
from xiaojie.parsing import parse_plan
from xiaojie.parsing._owners import infer_kind, join_groups, split_names


_HEAD = "发文时间:2021-12-03\n一、重点任务\n"


def _units(text: str) -> list[list[str]]:
    plan = parse_plan(_HEAD + text, overlay=None).plan
    return [[r.as_written or r.owner.name for r in t.responsibilities] for t in plan.tasks]


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("区水务局、各街镇、开发区", ["区水务局", "各街镇、开发区"]),
        ("各乡镇、街道", ["各乡镇、街道"]),
        ("各区、县级市", ["各区、县级市"]),
        ("各县、市、区人民政府", ["各县、市、区人民政府"]),
        ("各镇(街道)、园区", ["各镇(街道)、园区"]),
        ("各有关区、县级市", ["各有关区、县级市"]),
        ("县发改局、各乡镇、村", ["县发改局", "各乡镇、村"]),
        ("各苏木、嘎查", ["各苏木、嘎查"]),
    ],
)
def test_group_of_places_is_one_name(written: str, names: list[str]) -> None:
    """A 、 between kinds of place after 各 does not split the group."""
    assert split_names(written, carry=False) == names


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("各街道、区直各部门", ["各街道", "区直各部门"]),
        ("各区、各部门", ["各区", "各部门"]),
        ("各县、区发改局", ["各县", "区发改局"]),
        ("各行业主管部门、各区", ["各行业主管部门", "各区"]),
        ("区教育局、街道办", ["区教育局", "街道办"]),
    ],
)
def test_group_ends_where_a_body_name_begins(written: str, names: list[str]) -> None:
    """A place word that opens a body's name (区直各部门, 区发改局) or a second 各 starts a new unit."""
    assert split_names(written, carry=False) == names


def test_group_in_a_labelled_clause_is_one_descriptive_unit() -> None:
    """ "(牵头单位:A;配合单位:B、各乡镇、街道)" gives A, B and the group 各乡镇、街道."""
    text = (
        "(一)加强公园建设。建设一批公园。(牵头单位:区绿化市容局;配合单位:区水务局、各乡镇、街道)\n"
    )
    assert _units(text) == [["区绿化市容局", "区水务局", "各乡镇、街道"]]
    assert infer_kind("各乡镇、街道") is GroupKind.DESCRIPTIVE


def test_group_joined_by_he_is_not_split_at_he() -> None:
    """ "各乡镇和街道办事处配合" is one group, not 各乡镇 and 街道办事处."""
    text = "(一)推进绿道建设。建设绿道。(区交通委牵头,各乡镇和街道办事处配合)\n"
    assert _units(text) == [["区交通委", "各乡镇和街道办事处"]]


def test_group_in_a_table_cell_is_one_unit() -> None:
    """A 分工表 cell "区水务局、各街镇、开发区" gives two units, the group whole."""
    text = (
        "序号\t重点任务\t牵头单位\t配合单位\n"
        "1\t加强公园建设\t区绿化市容局\t区水务局、各街镇、开发区\n"
        "2\t推进绿道建设\t区交通委\t各区、县级市\n"
    )
    assert _units(text) == [
        ["区绿化市容局", "区水务局", "各街镇、开发区"],
        ["区交通委", "各区、县级市"],
    ]


_PLACES = ("区", "县", "街镇", "乡镇", "街道", "开发区", "园区", "县级市", "社区", "村")


@given(
    places=st.lists(st.sampled_from(_PLACES), min_size=2, max_size=4, unique=True),
    before=st.sampled_from(("", "区水务局、", "县发改局,")),
    after=st.sampled_from(("", "、区交通委", ";区交通委", "人民政府")),
)
def test_any_group_of_places_stays_whole(places: list[str], before: str, after: str) -> None:
    """各 + places joined by 、 stays one name whatever comes before or after it."""
    group = "各" + "、".join(places) + ("人民政府" if after == "人民政府" else "")
    tail = "" if after == "人民政府" else after
    names = split_names(before + group + tail, carry=False)
    assert group in names
    assert join_groups(group, "|").count("|") == len(places) - 1
