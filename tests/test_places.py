"""Places, their division codes and the counterpart table; the guide's examples run."""

import doctest
from pathlib import Path

import attrs
import pytest

import xiaojie as xj
from xiaojie.cascade import cascade
from xiaojie.errors import PlaceError
from xiaojie.model import ResponsibleUnit, UnitRegistry
from xiaojie.places import Fallback, Level, Place, Places, load_counterparts, load_places


ROOT = Path(__file__).parent.parent
PLACES = load_places()

# GB/T 2260 codes of Ningxia (Ministry of Civil Affairs, 2025), typed in from the published list.
NINGXIA = {
    "640100": ("银川市", ["兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"]),
    "640200": ("石嘴山市", ["大武口区", "惠农区", "平罗县"]),
    "640300": ("吴忠市", ["利通区", "红寺堡区", "盐池县", "同心县", "青铜峡市"]),
    "640400": ("固原市", ["原州区", "西吉县", "隆德县", "泾源县", "彭阳县"]),
    "640500": ("中卫市", ["沙坡头区", "中宁县", "海原县"]),
}


def test_the_bundled_places_are_ningxia_with_5_cities_and_22_counties():
    """The region, its 5 地级市 and 22 县(市、区), each under the right city."""
    assert PLACES.find("640000").name == "宁夏回族自治区"
    cities = PLACES.at_level(Level.PREFECTURE)
    assert [(c.code, c.name) for c in cities] == [
        (code, name) for code, (name, _) in NINGXIA.items()
    ]
    for code, (_name, counties) in NINGXIA.items():
        assert [c.name for c in PLACES.children(code)] == counties
    assert len(PLACES.at_level("county")) == 22


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("640324", "同心县"),
        ("640104", "兴庆区"),
        ("640181", "灵武市"),
        ("640303", "红寺堡区"),
        ("640381", "青铜峡市"),
        ("640522", "海原县"),
        ("640425", "彭阳县"),
    ],
)
def test_division_codes(code, name):
    """Spot checks of the codes against the published list."""
    assert PLACES.find(code).name == name
    assert PLACES.find(name).code == code


def test_the_bundled_plan_index_number_begins_with_tongxin():
    """The plan's 索引号 640324017/… begins with 同心县's code."""
    assert xj.load_plan().index_number[:6] == PLACES.find("同心县").code


def test_bad_place_files_are_located(tmp_path):
    """A bad code, an unknown parent or broken TOML names the file and the row."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[[places]]\ncode = "64"\nname = "x"\nlevel = "county"\n', encoding="utf-8")
    with pytest.raises(
        PlaceError,
        match=r"bad.toml: places\[0\]: code: expected a division code of 6, 9 or 12 digits, found '64'",
    ):
        load_places(bad)
    orphan = tmp_path / "orphan.toml"
    orphan.write_text(
        '[[places]]\ncode = "620102"\nname = "城关区"\nlevel = "county"\nparent = "620100"\n',
        encoding="utf-8",
    )
    with pytest.raises(
        PlaceError,
        match=r"places.620102.parent: expected the code of a known place, found '620100'",
    ):
        load_places(orphan)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[places]\n", encoding="utf-8")
    with pytest.raises(PlaceError, match=r"broken\.toml: expected TOML"):
        load_places(broken)


def test_a_parent_must_be_a_level_up():
    """A county cannot be the parent of a city."""
    with pytest.raises(PlaceError, match="expected a place above the 地级 level"):
        Places(
            [
                Place(code="640324", name="同心县", level="county"),
                Place(code="640300", name="吴忠市", level="prefecture", parent="640324"),
            ]
        )


def test_bad_counterpart_files_are_located(tmp_path):
    """A row without a name or fallback, or an unknown fallback, names the file and row."""
    path = tmp_path / "c.toml"
    path.write_text('[[counterparts]]\nunit = "finance"\n', encoding="utf-8")
    with pytest.raises(
        PlaceError, match=r"c.toml: counterparts\[0\]: expected a name or a fallback, found neither"
    ):
        load_counterparts(path)
    path.write_text('[[counterparts]]\nunit = "finance"\nfallback = "mayor"\n', encoding="utf-8")
    with pytest.raises(
        PlaceError,
        match=r"counterparts\[0\].fallback: expected government, party or report, found 'mayor'",
    ):
        load_counterparts(path)
    path.write_text('[[counterparts]]\nunit = "finance"\nname = "{town}财政所"\n', encoding="utf-8")
    table = load_counterparts(path)
    with pytest.raises(PlaceError, match=r"expected a name with \{place\}"):
        table.map(xj.load_plan().units.resolve("财政厅"), PLACES.find("同心县"), PLACES)


def test_the_counterpart_table_maps_every_unit_of_the_bundled_plan_or_reports_it():
    """Every unit of the bundled plan has a row; at county level all but four have a name."""
    plan, table = xj.load_plan(), load_counterparts()
    county = PLACES.find("同心县")
    reported = [o.id for o in plan.units if table.map(o, county, PLACES).name is None]
    assert all(table.row_for(o) is not None for o in plan.units)
    assert reported == ["wine_park", "pboc_ningxia", "nongken", "city_committees"]
    assert (
        table.map(plan.units.resolve("各地级市党委和政府"), PLACES.find("吴忠市"), PLACES).name
        == "吴忠市委和吴忠市人民政府"
    )


def test_another_province_by_its_own_files(tmp_path):
    """The how-to: a Gansu place file and counterpart table cascade a province plan to a county."""
    places_file = tmp_path / "gansu.toml"
    places_file.write_text(
        'schema = "xiaojie-places/1"\n'
        '[[places]]\ncode = "620000"\nname = "甘肃省"\nlevel = "province"\nshort_name = "省"\n'
        '[[places]]\ncode = "620100"\nname = "兰州市"\nlevel = "prefecture"\nparent = "620000"\n'
        '[[places]]\ncode = "620123"\nname = "榆中县"\nlevel = "county"\nparent = "620100"\n',
        encoding="utf-8",
    )
    table_file = tmp_path / "gansu-counterparts.toml"
    table_file.write_text(
        'schema = "xiaojie-counterparts/1"\n[default]\nprefixes = ["甘肃省", "省"]\nfallback = "government"\n'
        '[[counterparts]]\nunit = "health"\ncounty = "{place}卫生健康局"\n',
        encoding="utf-8",
    )
    places = PLACES.merge(load_places(places_file).places)
    table = load_counterparts(table_file)
    plan = xj.load_plan()
    renamed = [
        attrs.evolve(u, name=u.name.replace("自治区", "省"), aliases=()) for u in plan.units.units
    ]
    by_id = {u.id: u for u in renamed}
    groups = [attrs.evolve(g, aliases=()) for g in plan.units.groups]
    registry = UnitRegistry(tuple(renamed), tuple(groups))
    gid = {g.id: g for g in groups}

    def swap(o):
        return by_id.get(o.id) or gid[o.id]

    province = attrs.evolve(
        plan,
        units=registry,
        tasks=[
            attrs.evolve(
                t,
                responsibilities=[attrs.evolve(r, owner=swap(r.owner)) for r in t.responsibilities],
            )
            for t in plan.tasks
        ],
        milestones=[attrs.evolve(m, owners=[swap(o) for o in m.owners]) for m in plan.milestones],
        obligations=[attrs.evolve(o, owners=[swap(x) for x in o.owners]) for o in plan.obligations],
        indicators=[attrs.evolve(i, owners=[swap(x) for x in i.owners]) for i in plan.indicators],
    )
    assert isinstance(province.units.by_id("agriculture"), ResponsibleUnit)
    result = cascade(province, to="榆中县", places=places, counterparts=table)
    local = result.plan
    assert local.units.by_id("agriculture").name == "榆中县农业农村局"
    assert local.units.by_id("organisation_dept").name == "榆中县委组织部"
    assert local.units.by_id("health").name == "榆中县卫生健康局"
    assert table.fallback is Fallback.GOVERNMENT
    assert result.unmapped == ()


def test_guide_examples_run():
    """Every Python example of docs/places.md gives the output shown."""
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(
        str(ROOT / "docs" / "places.md"), module_relative=False, optionflags=flags
    )
    assert result.attempted > 25
    assert result.failed == 0
