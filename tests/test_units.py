"""The unit registry: names as written in plans, aliases, groups and clear errors."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.model import ResponsibleUnit, UnitGroup, UnitRegistry, split_unit_list


def _registry() -> UnitRegistry:
    return UnitRegistry(
        (
            ResponsibleUnit(id="edu", name="自治区教育厅", aliases=("教育厅",)),
            ResponsibleUnit(id="police", name="自治区公安厅", aliases=("公安厅",)),
            ResponsibleUnit(
                id="bank", name="中国人民银行宁夏回族自治区分行", aliases=("人民银行宁夏区分行",)
            ),
        ),
        (UnitGroup(id="all", name="成员单位", members=("edu", "police")),),
    )


class TestResolve:
    def test_prefix_optional(self):
        """A name resolves with or without the 自治区 prefix, and through the full official prefix."""
        reg = _registry()

        assert "edu" == reg.resolve("教育厅").id
        assert "edu" == reg.resolve("自治区教育厅").id
        assert "edu" == reg.resolve("宁夏回族自治区教育厅").id

    def test_full_width_and_spaces(self):
        """Whitespace and full-width forms are normalised before matching."""
        assert "edu" == _registry().resolve(" 自治区 教育厅 ").id

    def test_resolve_list_carries_prefix(self):
        """A whole list resolves, the prefix carried except to the bank branch."""
        owners = _registry().resolve_list("自治区教育厅、公安厅、人民银行宁夏区分行")

        assert ["edu", "police", "bank"] == [o.id for o in owners]

    def test_unknown_name_error_is_keyerror_and_xiaojie_error(self):
        """An unknown name raises UnknownUnitError, which is a KeyError and a XiaojieError."""
        with pytest.raises(xj.UnknownUnitError, match=r"unknown unit '自治区民政厅'") as info:
            _registry().resolve("自治区民政厅")

        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, xj.XiaojieError)
        assert "自治区民政厅" == info.value.name

    def test_members(self):
        """A group's known members come back as units in registry order."""
        reg = _registry()
        group = reg.resolve("成员单位")
        assert isinstance(group, UnitGroup)

        assert ("edu", "police") == tuple(u.id for u in reg.members_of(group) or ())
        assert (group,) == reg.groups_of(reg.units[0])

    def test_unknown_id(self):
        """by_id with an unknown id names it."""
        with pytest.raises(xj.UnknownUnitError, match="'nobody'"):
            _registry().by_id("nobody")


class TestRegistryValidation:
    def test_name_shared_by_two_units(self):
        """Two units claiming one name is refused, naming both."""
        with pytest.raises(xj.PlanValidationError, match=r"'教育厅' also names 'edu'"):
            UnitRegistry(
                (
                    ResponsibleUnit(id="edu", name="自治区教育厅", aliases=("教育厅",)),
                    ResponsibleUnit(id="edu2", name="教育厅"),
                )
            )

    def test_duplicate_id(self):
        """Two units with one id is refused."""
        with pytest.raises(xj.PlanValidationError, match="used twice"):
            UnitRegistry((ResponsibleUnit(id="a", name="甲"), ResponsibleUnit(id="a", name="乙")))

    def test_group_member_must_be_known(self):
        """A group listing an unknown member id is refused."""
        with pytest.raises(xj.PlanValidationError, match=r"groups\.g\.members"):
            UnitRegistry(
                (ResponsibleUnit(id="a", name="甲"),),
                (UnitGroup(id="g", name="组", members=("zz",)),),
            )


class TestSplitUnitList:
    def test_separators(self):
        """、 , ; and their full-width forms all separate names."""
        assert ("自治区甲厅", "自治区乙厅", "自治区丙厅", "自治区丁厅") == split_unit_list(
            "自治区甲厅、乙厅，丙厅；丁厅"
        )

    def test_no_prefix_no_carry(self):
        """Without a prefix on the head, names are left as written."""
        assert ("教育厅", "公安厅") == split_unit_list("教育厅、公安厅")

    def test_descriptive_sets_not_prefixed(self):
        """有…的单位 and 各相关…部门 never take the prefix."""
        assert (
            "自治区农业农村厅",
            "有驻村帮扶任务的单位",
            "各相关行业主管部门",
        ) == split_unit_list("自治区农业农村厅,有驻村帮扶任务的单位,各相关行业主管部门")

    @given(
        st.lists(st.text(alphabet="甲乙丙丁厅局委", min_size=1, max_size=5), min_size=1, max_size=6)
    )
    def test_count_preserved(self, names):
        """Splitting never loses or invents a name, and each keeps its own text at the end."""
        result = split_unit_list("自治区" + "、".join(names))

        assert len(names) == len(result)
        assert all(r.endswith(n) for r, n in zip(result, names, strict=True))
