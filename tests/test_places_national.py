"""The bundled national table of places, one province's part, and plans of other provinces."""

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import pytest

from xiaojie import load_plan
from xiaojie.cascade import LeadTime, cascade
from xiaojie.cli import main
from xiaojie.errors import PlaceError
from xiaojie.parsing import parse_plan
from xiaojie.places import Level, load_places, national_places, plan_province


CHINA = national_places()


def _lines():
    text = resources.files("xiaojie.data").joinpath("places-china.txt").read_text("utf-8")
    return [line.split(" ", 1) for line in text.splitlines() if line and not line.startswith("#")]


class TestTable:
    def test_every_line_is_a_place(self):
        """Each "code name" line of the data file is one place of that code and name."""
        lines = _lines()

        assert [(p.code, p.name) for p in CHINA] == [(c, n) for c, n in lines]

    def test_levels_as_published(self):
        """34 province-level, 333 prefecture-level, 2,846 county-level divisions (end of 2024)."""
        assert len(CHINA.at_level("province")) == 34
        assert len(CHINA.at_level("prefecture")) == 333
        assert len(CHINA.at_level("county")) == 2846

    def test_parents_follow_the_codes(self):
        """A county lies under its xxxx00 code when listed, else under its province."""
        codes = {p.code for p in CHINA}
        for place in CHINA:
            if place.level is Level.PROVINCE:
                assert place.parent is None
                continue
            assert place.parent in codes
            assert place.parent[:2] == place.code[:2]
            if place.level is Level.COUNTY:
                above = place.code[:4] + "00"
                assert place.parent == (above if above in codes else place.code[:2] + "0000")

    def test_municipality_districts_and_province_run_counties(self):
        assert CHINA.find("110105").parent == "110000"  # 北京市朝阳区
        assert CHINA.find("济源市").parent == "410000"
        assert CHINA.find("仙桃市").parent == "420000"
        assert CHINA.find("石河子市").parent == "650000"

    def test_shared_names_need_the_place_above(self):
        with pytest.raises(PlaceError, match="110105"):
            CHINA.find("朝阳区")
        assert CHINA.find("长春市朝阳区").code == "220104"

    def test_the_whole_country_has_no_generic_names(self):
        """全省 or 省 would be any province: only names and short forms find one."""
        with pytest.raises(PlaceError):
            CHINA.find("全省")
        assert CHINA.find("内蒙古").code == "150000"
        assert CHINA.find("新疆").code == "650000"

    def test_ningxia_agrees_with_the_bundled_file(self):
        """The national table's Ningxia is the bundled Ningxia, place for place."""
        bundled = load_places()
        national = national_places("宁夏")

        def shape(places):
            return {
                p.code: (p.name, p.level, p.parent, p.prefix, set(p.names) - {p.prefix})
                for p in places
            }

        assert shape(national) == shape(bundled)


class TestRegion:
    @pytest.mark.parametrize("region", ["甘肃省", "甘肃", "620000", "62", " 甘肃 "])
    def test_found_by_name_short_form_or_code(self, region):
        places = load_places(region=region)

        assert {p.code[:2] for p in places} == {"62"}
        assert places.find("省").name == places.find("全省").name == "甘肃省"

    @pytest.mark.parametrize(
        ("region", "word", "whole"),
        [("广西", "自治区", "全区"), ("上海", "市", "全市"), ("四川", "省", "全省")],
    )
    def test_words_a_province_uses_for_itself(self, region, word, whole):
        places = load_places(region=region)
        province = places.at_level("province")[0]

        assert province.short_name == word
        assert places.find(whole) == province

    def test_unknown_region_names_the_choices(self):
        with pytest.raises(PlaceError, match=r"found '火星'") as err:
            load_places(region="火星")
        assert "甘肃" in str(err.value)

    def test_region_and_base_together_are_refused(self):
        with pytest.raises(PlaceError, match="either region or base"):
            load_places(region="甘肃", base=load_places())

    def test_a_file_adds_to_the_region(self, tmp_path):
        towns = tmp_path / "towns.toml"
        towns.write_text(
            'schema = "xiaojie-places/1"\n\n[[places]]\ncode = "621102100"\nname = "凤翔镇"\n'
            'level = "township"\nparent = "621102"\n',
            encoding="utf-8",
        )
        places = load_places(towns, region="甘肃")

        assert [p.name for p in places.ancestors("凤翔镇")] == ["安定区", "定西市", "甘肃省"]


GANSU = """甘肃省2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强动态监测。
1.开展集中排查。9月30日前完成一轮集中排查。（牵头单位：省农业农村厅；配合单位：省财政厅、甘肃省民政厅）
2.加强产业帮扶。10月底前完成产业项目验收。（牵头单位：省委组织部）
"""


def test_a_provinces_plan_cascades_to_its_county():
    """省X厅 and 甘肃省X厅 become the county's X局; 省委X its 委X."""
    plan = parse_plan(GANSU, reference=dt.date(2025, 3, 1)).plan
    result = cascade(plan, to="安定区", places=load_places(region="甘肃"), lead_time=LeadTime(0))

    assert sorted(u.name for u in result.plan.units) == [
        "安定区农业农村局",
        "安定区委组织部",
        "安定区民政局",
        "安定区财政局",
    ]
    assert not result.unmapped
    assert result.plan.lineage.place == "621102"


def test_command_line_finds_the_province(tmp_path, capsys, monkeypatch):
    """cascade finds Gansu from the plan's title; sheets from the local plan's place."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.txt").write_text(GANSU, encoding="utf-8")
    steps = [
        ["parse", "plan.txt", "-o", "gansu.toml", "--reference", "2025-03-01"],
        ["cascade", "--plan", "gansu.toml", "--to", "定西市", "-o", "dingxi.toml"],
        ["sheets", "--plan", "dingxi.toml", "--as-of", "2025-06-01", "--places-under", "定西市",
         "--out", "sheets"],
    ]  # fmt: skip
    for step in steps:
        assert main(step) == 0, capsys.readouterr().err
    names = sorted(p.name for p in (tmp_path / "sheets").iterdir())
    assert len(names) == 7  # 定西市's seven county-level divisions
    assert names[0] == "调度表-2025-06-01-621102-安定区.xlsx"
    capsys.readouterr()

    assert main(["cascade", "--plan", "gansu.toml", "--to", "安定区", "--region", "青海",
                 "-o", "x.toml"]) != 0  # fmt: skip
    assert "青海省" in capsys.readouterr().err
    assert main(["cascade", "--plan", "gansu.toml", "--to", "安定区", "--region", "火星",
                 "-o", "x.toml"]) != 0  # fmt: skip
    assert "region: expected a province-level division" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


MANIFEST = Path(__file__).parent / "data" / "real" / "MANIFEST.toml"


def test_province_of_real_plans():
    """On the real-document corpus the province found from issuer and title is never wrong.

    Every document of a province, city, county or township is placed in its province (by the
    place its issuer or title begins with: 鞍山市立山区人民政府 is in 辽宁); a national one in
    none. The one county page that names no place is left unplaced.
    """
    documents = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["document"]
    plan = load_plan()
    found = {
        d["slug"]: plan_province(attrs.evolve(plan, title=d["title"], issuer=d["issuer"]))
        for d in documents
    }
    unnamed = {d["slug"] for d in documents if "names none" in d["issuer"]}

    for d in documents:
        place = found[d["slug"]]
        if d["province"] == "全国" or d["slug"] in unnamed:
            assert place is None, d["slug"]
        else:
            assert place is not None, d["slug"]
            assert place.name.startswith(d["province"]), (d["slug"], place.name)
    assert len(unnamed) == 1


def test_province_of_a_local_plan_is_its_place():
    plan = parse_plan(GANSU, reference=dt.date(2025, 3, 1)).plan
    local = cascade(plan, to="621102", places=load_places(region="甘肃"), lead_time=LeadTime(0))

    assert plan_province(plan).code == plan_province(local.plan).code == "620000"


@pytest.mark.parametrize(
    ("issuer", "title", "province"),
    [
        ("海南州人民政府", "关于印发方案的通知", None),  # 海南藏族自治州 is in 青海, not 海南
        ("河南县人民政府", "关于印发方案的通知", None),  # 河南蒙古族自治县, in 青海
        ("自然资源部", "矿区生态修复实施方案", None),
        ("住房城乡建设部", "新县城建设三年行动方案", None),
        ("新县人民政府", "关于印发方案的通知", "河南省"),
        ("", "甘肃2025年巩固拓展脱贫攻坚成果工作方案", "甘肃省"),
        ("吉林市人民政府办公室", "关于印发方案的通知", "吉林省"),
    ],
)
def test_province_of_words_that_look_like_places(issuer, title, province):
    """A short form before 州/县, or a two-character name at a title's start, places nothing."""
    found = plan_province(attrs.evolve(load_plan(), issuer=issuer, title=title))

    assert (found.name if found else None) == province


def test_a_provinces_offices_have_their_county_forms():
    """办公厅 → 办公室, 高级人民法院 → 人民法院, 军区 → 人民武装部, 党委 → 委, one level down."""
    text = GANSU.replace("省委组织部", "省政府办公厅、省委办公厅、省高级人民法院、省军区")
    plan = parse_plan(text, reference=dt.date(2025, 3, 1)).plan
    result = cascade(plan, to="安定区", places=load_places(region="甘肃"), lead_time=LeadTime(0))

    names = {u.name for u in result.plan.units}
    assert {"安定区人民政府办公室", "安定区委办公室", "安定区人民法院", "安定区人民武装部"} <= names


def test_the_whole_country_by_region(tmp_path, capsys, monkeypatch):
    """--region 全国 gives the whole country's places, where a shared name is refused, named."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.txt").write_text(GANSU, encoding="utf-8")
    assert main(["parse", "plan.txt", "-o", "p.toml", "--reference", "2025-03-01"]) == 0
    capsys.readouterr()

    assert main(["cascade", "--plan", "p.toml", "--to", "朝阳区", "--region", "全国",
                 "-o", "x.toml"]) != 0  # fmt: skip
    err = capsys.readouterr().err
    assert "110105" in err
    assert "220104" in err
    assert not (tmp_path / "x.toml").exists()


def test_an_unknown_place_points_to_the_region_option():
    with pytest.raises(PlaceError, match=r"--region"):
        load_places().find("安定区")


@pytest.mark.parametrize(
    ("title", "province"),
    [("江西县域商业体系建设实施方案", "江西省"), ("浙江区域协调发展行动方案", "浙江省"),
     ("海南州2025年重点工作方案", None)],
)  # fmt: skip
def test_a_short_form_before_a_word_is_the_province(title, province):
    found = plan_province(attrs.evolve(load_plan(), issuer="", title=title))

    assert (found.name if found else None) == province


def test_rollup_counts_occurrences_reported_for_a_window():
    """An occurrence recorded for its window (as collect records it) is the place's report."""
    from xiaojie.progress import Occurrence, Progress
    from xiaojie.rollup import rollup

    plan = load_plan()
    places = load_places()
    pinned = Progress([Occurrence("monthly-data-comparison@2025-06-18", dt.date(2025, 6, 20))])
    loose = Progress([Occurrence("monthly-data-comparison", dt.date(2025, 6, 20))])
    result = rollup(
        plan,
        {places.find("兴庆区"): pinned, places.find("西夏区"): loose},
        as_of=dt.date(2025, 7, 10),
    )

    assert all(p.reported("monthly-data-comparison") for p in result.places)
    [across] = [a for a in result.across() if a.key == "monthly-data-comparison@2025-06-18"]
    assert not across.missing
    assert len(across.done) == 2


@pytest.mark.parametrize(
    ("places", "name", "code"),
    [
        ("甘肃", "甘肃省定西市安定区", "621102"),
        ("甘肃", "甘肃-定西市-安定区", "621102"),
        ("全国", "吉林省长春市朝阳区", "220104"),
        (None, "宁夏回族自治区吴忠市同心县", "640324"),
        # the places above by their short names, or without 市 (a file name: 宁夏吴忠同心县.xlsx)
        (None, "宁夏吴忠同心县", "640324"),
        (None, "宁夏-吴忠-同心县", "640324"),
        ("甘肃", "甘肃定西安定区", "621102"),
        ("全国", "吉林长春朝阳区", "220104"),
    ],
)
def test_a_place_named_with_every_level_above_it(places, name, code):
    """The names of the places above, outermost first, find the place (a roll-up's file names)."""
    known = load_places() if places is None else load_places(region=places)

    assert known.find(name).code == code
    with pytest.raises(PlaceError):
        known.find("定西市甘肃省安定区" if places == "甘肃" else "长春市吉林省朝阳区")
    with pytest.raises(PlaceError):
        known.find("吴忠同心")  # the place itself by its whole name only


def test_a_stem_two_places_above_share_names_neither(tmp_path):
    """长沙 is 长沙县 and 长沙市 without their 县 and 市: 长沙城关镇 is no place, 长沙县城关镇 is."""
    towns = tmp_path / "towns.toml"
    towns.write_text(
        'schema = "xiaojie-places/1"\n'
        '[[places]]\ncode = "430121101"\nname = "城关镇"\nlevel = "township"\nparent = "430121"\n'
        '[[places]]\ncode = "430181101"\nname = "城关镇"\nlevel = "township"\nparent = "430181"\n',
        encoding="utf-8",
    )
    known = load_places(towns, base=national_places("湖南"))

    assert [p.code for p in known.lookup("长沙县城关镇")] == ["430121101"]
    assert [p.code for p in known.lookup("浏阳城关镇")] == ["430181101"]
    assert len(known.lookup("长沙市城关镇")) == 2  # both are under 长沙市: told apart by the county
    assert known.lookup("长沙城关镇") == ()
    assert known.lookup("湖南长沙城关镇") == ()


def test_one_province_table_keeps_its_one_character_names():
    """In a one-province table the province also goes by 省 (or 市): 省朝阳区 stays 朝阳区."""
    assert national_places("吉林").find("省朝阳区").code == "220104"
