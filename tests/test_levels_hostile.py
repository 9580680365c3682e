"""Plans across levels with messy real-world inputs: cascades of cascades, county short forms,
places sharing a name, codes of the wrong level, file names giving several places, shifted tasks."""

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.cascade import LeadTime, cascade
from xiaojie.cli import main
from xiaojie.compare import FindingKind, compare, compare_text
from xiaojie.errors import PlaceError
from xiaojie.places import CounterpartTable, load_counterparts, load_places
from xiaojie.progress import Measurement, Progress, write_progress
from xiaojie.rollup import read_place_progress
from xiaojie.versions import ChangeKind, diff


PLAN = xj.load_plan()
PLACES = load_places()
TONGXIN = cascade(PLAN, to="同心县").plan
RENAME_ONLY = CounterpartTable()
CITIES = PLACES.at_level("prefecture")

TOWNS = """schema = "xiaojie-places/1"
[[places]]
code = "640324100"
name = "豫海镇"
level = "township"
parent = "640324"
[[places]]
code = "640324101"
name = "城关镇"
level = "township"
parent = "640324"
[[places]]
code = "640422100"
name = "城关镇"
level = "township"
parent = "640422"
"""


def _towns(tmp_path: Path) -> Path:
    path = tmp_path / "towns.toml"
    path.write_text(TOWNS, encoding="utf-8")
    return path


def _summary(comparison):
    return sorted(
        (str(f.kind), f.parent_ref, f.parent_value, f.local_value) for f in comparison.findings
    )


# --- a cascade of a cascade (region → city → county) ----------------------------------------


@settings(max_examples=40, deadline=None)
@given(plan=plans(), city=st.sampled_from(CITIES), pick=st.integers(0, 10), days=st.integers(0, 9))
def test_a_cascade_of_a_cascade_keeps_every_unit_and_every_link(plan, city, pick, days):
    """Region → city → county: every unit the city has is the county's counterpart, every item linked.

    Before, the city's units (吴忠市第0局, renamed from 自治区第0厅) matched no renaming prefix one
    level down: every one was dropped or its tasks given to the county's 人民政府.
    """
    counties = PLACES.children(city)
    county = counties[pick % len(counties)]
    first = cascade(plan, to=city, lead_time=LeadTime(days))
    second = cascade(first.plan, to=county, lead_time=LeadTime(days))

    for parent_id, city_id in first.units:
        assert second.local_of(city_id) is not None, (parent_id, city_id)
    assert {u.unit_id for u in second.unmapped} <= {u.unit_id for u in first.unmapped}
    for owner in second.plan.units:
        assert owner.name.startswith(county.name), owner.name
    for task in second.plan.tasks:
        if first.plan.task(task.number).lead.name != f"{city.name}人民政府":
            assert task.lead.name != f"{county.name}人民政府"
    city_plan, county_plan = first.plan, second.plan
    for ref in [t.id for t in county_plan.tasks] + [x.id for x in county_plan.items()]:
        up = county_plan.lineage.parent_of(ref)
        assert up is not None
        assert city_plan.lineage.parent_of(up) is not None
    assert compare(city_plan, county_plan).findings == ()


def test_rename_only_tables_cascade_the_bundled_plan_to_a_county_through_its_city():
    """With only the renaming rule, 吴忠市农业农村局 becomes 同心县农业农村局, not 同心县人民政府."""
    city = cascade(PLAN, to="吴忠市", counterparts=RENAME_ONLY).plan
    county = cascade(city, to="同心县", counterparts=RENAME_ONLY)
    assert county.plan.task(4).lead.name == "同心县农业农村局"
    assert county.plan.units.by_id("organisation_dept").name == "同心县委组织部"
    assert county.unmapped == ()


def test_a_cascade_of_a_cascade_is_titled_for_its_own_place_only():
    """The county's plan from the city's is 同心县…方案; before, it was titled 同心县吴忠市…方案."""
    city = cascade(PLAN, to="吴忠市").plan
    county = cascade(city, to="同心县").plan
    assert city.title == "吴忠市" + PLAN.title
    assert county.title == "同心县" + PLAN.title
    assert county.title == TONGXIN.title


def test_comparing_a_county_plan_with_its_city_plan_checks_the_counterparts():
    """A county task led by the wrong bureau is flagged against the city plan too.

    Before, the city's leads (吴忠市农业农村局) had no expected counterpart, so the check was
    skipped and any lead passed.
    """
    city = cascade(PLAN, to="吴忠市", counterparts=RENAME_ONLY).plan
    county = cascade(city, to="同心县", counterparts=RENAME_ONLY).plan
    task = county.task(4)
    education = county.units.by_id("education")
    swapped = attrs.evolve(
        task,
        responsibilities=[
            attrs.evolve(task.responsibilities[0], owner=education, as_written=education.name),
            *(r for r in task.responsibilities[1:] if r.owner.id != "education"),
        ],
    )
    edited = attrs.evolve(county, tasks=[swapped if t.number == 4 else t for t in county.tasks])
    found = compare(city, edited, counterparts=RENAME_ONLY)
    assert _summary(found) == [("not_counterpart", "task-4", "同心县农业农村局", "同心县教育局")]


# --- a county plan naming its units as counties write them ----------------------------------


def _renamed(plan, names):
    """The plan with some units renamed: ``names`` maps a unit id to (name, aliases)."""
    swap = {}
    for unit in plan.units.units:
        if unit.id in names:
            name, aliases = names[unit.id]
            swap[unit.id] = attrs.evolve(unit, name=name, aliases=aliases)
    for group in plan.units.groups:
        if group.id in names:
            name, aliases = names[group.id]
            swap[group.id] = attrs.evolve(group, name=name, aliases=aliases)

    def own(o):
        return swap.get(o.id, o)

    registry = xj.model.UnitRegistry(
        tuple(own(u) for u in plan.units.units), tuple(own(g) for g in plan.units.groups)
    )
    return attrs.evolve(
        plan,
        units=registry,
        tasks=[
            attrs.evolve(
                t,
                responsibilities=[
                    attrs.evolve(r, owner=own(r.owner), as_written=own(r.owner).name)
                    for r in t.responsibilities
                ],
            )
            for t in plan.tasks
        ],
        milestones=[attrs.evolve(m, owners=[own(o) for o in m.owners]) for m in plan.milestones],
        obligations=[attrs.evolve(o, owners=[own(x) for x in o.owners]) for o in plan.obligations],
        indicators=[attrs.evolve(i, owners=[own(x) for x in i.owners]) for i in plan.indicators],
    )


def _forms(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Ways a county writes its own unit 同心县X: 县X, with a full-width space, 中共…, by an alias."""
    rest = name.removeprefix("同心县")
    forms = [
        (f"县{rest}", ()),
        (f"同心县\u3000{rest}", ()),
        (f" 同心县{rest} ", ()),
        (f"县{rest}", (name,)),
        (rest, ()),
        (f"{rest}（县）", (name,)),
    ]
    if rest.startswith("委"):
        forms.append((f"中共同心县{rest}", ()))
    return forms


LEADS = sorted({t.lead.id for t in TONGXIN.tasks if t.lead.name.startswith("同心县")})


@settings(max_examples=60, deadline=None)
@given(choice=st.dictionaries(st.sampled_from(LEADS), st.integers(0, 6), min_size=1))
def test_a_county_writing_its_units_in_short_forms_or_by_alias_has_no_counterpart_findings(choice):
    """Any lead written 县X, with full-width spaces, as 中共…, bare, or by a registered alias is the counterpart.

    Before, every lead written as counties write their own units (县农业农村局) was reported as
    not the counterpart of the parent's lead.
    """
    names = {}
    for unit_id, k in choice.items():
        owner = TONGXIN.units.by_id(unit_id)
        forms = _forms(owner.name)
        names[unit_id] = forms[k % len(forms)]
    edited = _renamed(TONGXIN, names)
    assert compare(PLAN, edited).of_kind(FindingKind.NOT_COUNTERPART) == ()


def test_a_lead_of_another_place_or_level_is_still_reported():
    """The city's bureau (吴忠市农业农村局) or another county's is not 同心县's counterpart."""
    for name in ("吴忠市农业农村局", "盐池县农业农村局", "自治区农业农村厅", "县教育局"):
        edited = _renamed(TONGXIN, {"agriculture": (name, ())})
        kinds = {
            (f.parent_ref, f.local_value)
            for f in compare(PLAN, edited).of_kind(FindingKind.NOT_COUNTERPART)
        }
        assert ("task-4", name) in kinds, name


def test_a_county_text_naming_its_units_without_the_county_name_compares_clean():
    """The region's text re-written as a county writes it (县农业农村局 …) has no false findings."""
    text = (
        xj.io.bundled_source_text()
        .replace("自治区党委", "县委")
        .replace("自治区", "县")
        .replace("厅", "局")
    )
    found = compare_text(PLAN, text, place="同心县")
    flagged = {f.parent_ref for f in found.of_kind(FindingKind.NOT_COUNTERPART)}
    # the table names 同心县卫生健康局 and 同心县水务局: 县卫生健康委 and 县水利局 are still reported
    assert flagged == {"task-8", "task-10"}


# --- the local plan's place ----------------------------------------------------------------


def test_compare_refuses_a_place_that_cannot_be_the_local_plans():
    """The region itself, a county other than the lineage's, or the plans the other way round."""
    with pytest.raises(PlaceError, match=r"expected 同心县 \(640324\).*found 宁夏回族自治区"):
        compare(PLAN, TONGXIN, place="640000")
    with pytest.raises(PlaceError, match=r"expected 同心县 \(640324\).*found 盐池县 \(640323\)"):
        compare(PLAN, TONGXIN, place="盐池县")
    city = cascade(PLAN, to="吴忠市").plan
    with pytest.raises(PlaceError, match=r"below 同心县.*found 吴忠市.*other way round"):
        compare(TONGXIN, city)
    with pytest.raises(PlaceError, match=r"below the province level.*found 宁夏回族自治区"):
        compare(PLAN, attrs.evolve(TONGXIN, lineage=None), place="宁夏")


def test_a_local_text_without_a_date_takes_the_parents_year(tmp_path, capsys):
    """A county's text with no 发文时间 is read in the parent's year, on the command line too."""
    text = (
        "同心县巩固拓展脱贫攻坚成果攻坚行动方案\n二、重点任务\n"
        "1．精准开展监测帮扶。常态化开展防止返贫致贫动态监测帮扶。（牵头单位：县农业农村局）\n"
    )
    path = tmp_path / "county.txt"
    path.write_text(text, encoding="utf-8")
    found = compare_text(PLAN, path, place="同心县")
    assert ("task-4", "task-1", "text") in found.pairs
    assert found.of_kind(FindingKind.NOT_COUNTERPART) == ()
    parent_file = xj.save_plan(PLAN, tmp_path / "parent.toml")
    assert main(["compare", str(parent_file), str(path), "--place", "同心县"]) == 0
    assert "missing_task task-1" in capsys.readouterr().out


# --- places: townships, shared names, codes of the wrong level ------------------------------


def test_a_township_file_is_added_to_the_bundled_places(tmp_path, capsys):
    """``--places towns.toml`` (townships whose parents are bundled counties) cascades to a township.

    Before, the file was loaded alone first and refused: its parents were unknown.
    """
    towns = _towns(tmp_path)
    places = load_places(towns, base=PLACES)
    assert places.find("640324100").name == "豫海镇"
    out = tmp_path / "yuhai.toml"
    assert main(["cascade", "--to", "豫海镇", "--places", str(towns), "-o", str(out)]) == 0
    assert xj.load_plan(out).lineage.place == "640324100"
    assert "cascaded to 豫海镇 (640324100)" in capsys.readouterr().out


def test_two_places_of_one_name_are_told_apart_by_code_or_by_the_place_above(tmp_path):
    """城关镇 of 同心县 and of 西吉县: the bare name is refused naming both, 西吉县城关镇 is found."""
    places = load_places(_towns(tmp_path), base=PLACES)
    with pytest.raises(PlaceError) as caught:
        places.find("城关镇")
    message = str(caught.value)
    assert "城关镇 (640324101, 同心县)" in message
    assert "城关镇 (640422100, 西吉县)" in message
    assert places.find("西吉县城关镇").code == "640422100"
    assert places.find("同心县-城关镇").code == "640324101"
    assert places.find("640422100").name == "城关镇"
    assert places.get("城关镇") is None


def test_a_shared_name_under_one_parent_is_still_refused(tmp_path):
    """Two 城关镇 in one county cannot be told apart: the file and the code are named."""
    path = tmp_path / "twice.toml"
    path.write_text(
        TOWNS.replace('code = "640422100"', 'code = "640324102"').replace(
            'parent = "640422"', 'parent = "640324"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(PlaceError, match=r"twice\.toml: places\.640324102\.name: .*640324101"):
        load_places(path, base=PLACES)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            'code = "640325"\nname = "某镇"\nlevel = "township"\nparent = "640324"',
            r"places\[0\]: code: expected a division code of 9 digits for a 乡级 place \(某镇\), found '640325'",
        ),
        (
            'code = "640422109"\nname = "某镇"\nlevel = "township"\nparent = "640324"',
            r"places\.640422109\.code: expected a code beginning with 640324.*found '640422109'",
        ),
        (
            'code = "640310"\nname = "某市"\nlevel = "prefecture"\nparent = "640000"',
            r"places\[0\]: code: expected a division code ending in 00 for a 地级 place \(某市\), found '640310'",
        ),
        (
            'code = "640324001"\nname = "某县"\nlevel = "county"\nparent = "640300"',
            r"places\[0\]: code: expected a division code of 6 digits for a 县级 place",
        ),
    ],
)
def test_a_code_of_the_wrong_level_is_refused_naming_the_file_and_row(tmp_path, row, expected):
    """A 6-digit township, a township outside its county's code, a city code not ending in 00."""
    path = tmp_path / "bad.toml"
    path.write_text(f"[[places]]\n{row}\n", encoding="utf-8")
    with pytest.raises(PlaceError, match=expected) as caught:
        load_places(path, base=PLACES)
    assert str(caught.value).startswith(str(path))


def test_a_code_in_full_width_digits_is_found():
    """６４０３２４ typed with a Chinese input method is 同心县."""
    assert PLACES.find("６４０３２４").name == "同心县"
    assert PLACES.find(" 640324 ").name == "同心县"


# --- roll-up: what a file name says --------------------------------------------------------


def _progress_file(folder: Path, name: str) -> Path:
    path = folder / name
    write_progress(Progress([Measurement("spending-progress", "2025-07-31", 58)]), path)
    return path


NOISE = st.sampled_from(["2025", "08", "进度", "v2", "第3期"])


@settings(max_examples=80, deadline=None)
@given(
    county=st.sampled_from(PLACES.at_level("county")),
    spelled=st.lists(st.sampled_from(["name", "code"]), min_size=1, max_size=2),
    above=st.lists(st.sampled_from(["city", "city-code", "region", "宁夏"]), max_size=2),
    how=st.tuples(
        st.lists(NOISE, max_size=2),
        st.sampled_from(["-", "_", " ", "."]),
        st.randoms(use_true_random=False),
    ),
)
def test_a_file_named_after_a_county_and_the_places_it_lies_in_is_the_countys(
    tmp_path_factory, county, spelled, above, how
):
    """宁夏-吴忠市-同心县-2025.csv, 640300_640324.csv …: the county, whatever the order.

    Before, the first place found was taken: 宁夏-同心县.csv was the region's, 吴忠市-同心县.csv
    the city's.
    """
    noise, sep, order = how
    city = PLACES.parent_of(county)
    words = {"name": county.name, "code": county.code}
    more = {"city": city.name, "city-code": city.code, "region": "宁夏回族自治区", "宁夏": "宁夏"}
    parts = [words[s] for s in spelled] + [more[a] for a in above] + list(noise)
    order.shuffle(parts)
    folder = tmp_path_factory.mktemp("named")
    path = _progress_file(folder, sep.join(parts) + ".csv")
    assert list(read_place_progress([path], plan=PLAN)) == [county]


def test_a_file_name_giving_two_unrelated_places_is_refused(tmp_path):
    """640324-盐池县.csv names 同心县 by its code and 盐池县 by its name: neither is chosen."""
    path = _progress_file(tmp_path, "2025-640324-盐池县.csv")
    with pytest.raises(PlaceError) as caught:
        read_place_progress([path], plan=PLAN)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "同心县 (640324)" in message
    assert "盐池县 (640323)" in message


def test_a_file_named_after_a_shared_name_needs_its_county(tmp_path):
    """城关镇.csv is refused naming both; 西吉县-城关镇.csv and 640324101-城关镇.csv are found."""
    places = load_places(_towns(tmp_path), base=PLACES)
    bare = _progress_file(tmp_path, "城关镇.csv")
    with pytest.raises(PlaceError, match=r"城关镇 \(640324101\)、城关镇 \(640422100\)"):
        read_place_progress([bare], plan=PLAN, places=places)
    named = [
        _progress_file(tmp_path, "西吉县-城关镇.csv"),
        _progress_file(tmp_path, "640324101-城关镇.csv"),
    ]
    found = read_place_progress(named, plan=PLAN, places=places)
    assert [p.code for p in found] == ["640422100", "640324101"]


def test_expecting_the_counties_of_a_county_is_refused(tmp_path, capsys):
    """``--expect 同心县`` (no county lies under a county) would expect nothing: it is refused."""
    path = _progress_file(tmp_path, "640323.csv")
    code = main(["rollup", str(path), "--as-of", "2025-08-01", "--expect", "同心县"])
    err = capsys.readouterr().err
    assert code == 1
    assert "--expect 同心县: expected a place with places of level county under it" in err
    assert "Traceback" not in err


# --- versions whose task numbers shift ------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    at=st.integers(0, len(PLAN.tasks)),
    pick=st.integers(0, len(PLAN.tasks) - 1),
    suffix=st.sampled_from(["工作", "（持续推进）", "。", "和问题整改"]),
)
def test_a_task_inserted_above_a_reworded_one_is_one_addition_and_one_rewording(at, pick, suffix):
    """Insert a task anywhere and re-word another: one task_added, the other re-worded, none removed.

    Before, the re-worded task below the inserted one was paired by number with its neighbour:
    it showed as removed and added again.
    """
    tasks = list(PLAN.tasks)
    reworded = tasks[pick]
    tasks[pick] = attrs.evolve(reworded, title=reworded.title + suffix)
    inserted = attrs.evolve(tasks[0], title="新增：开展专项排查", text="新增的一项任务。")
    tasks.insert(at, inserted)
    tasks = [attrs.evolve(t, number=k) for k, t in enumerate(tasks, start=1)]
    new = attrs.evolve(PLAN, tasks=tasks)
    changes = diff(PLAN, new)
    kinds = [c.kind for c in changes]
    assert kinds.count(ChangeKind.TASK_ADDED) == 1
    assert ChangeKind.TASK_REMOVED not in kinds
    number = pick + 1 + (1 if at <= pick else 0)
    assert _changes_of(changes, ChangeKind.TASK_REWORDED) == [
        (f"task-{number}", reworded.title, reworded.title + suffix)
    ]


def _changes_of(changes, kind):
    return [(c.ref, c.old, c.new) for c in changes if c.kind is kind]


# --- nothing read is overwritten ------------------------------------------------------------


def test_cascade_refuses_to_write_over_the_plan_it_reads(tmp_path, capsys):
    """``--plan city.toml cascade … -o city.toml`` would lose the city's plan: refused, file kept."""
    city = tmp_path / "city.toml"
    assert main(["cascade", "--to", "吴忠市", "-o", str(city)]) == 0
    before = city.read_bytes()
    capsys.readouterr()
    code = main(["--plan", str(city), "cascade", "--to", "同心县", "-o", str(city)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"--output {city}: expected a file other than --plan {city}, found the same file" in err
    assert city.read_bytes() == before


def test_diff_refuses_to_write_over_a_version_it_reads(tmp_path, capsys):
    """``diff old.toml new.toml -o old.toml`` would replace the old version by the list of changes."""
    old = xj.save_plan(PLAN, tmp_path / "old.toml")
    new = xj.save_plan(TONGXIN, tmp_path / "new.toml")
    before = old.read_bytes()
    code = main(["diff", str(old), str(new), "-o", str(tmp_path / "." / "old.toml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "expected a file other than OLD" in err
    assert old.read_bytes() == before


def test_the_counterpart_table_below_a_city_renames_its_prefix():
    """``table.below(吴忠市)`` renames 吴忠市X局 to 同心县X局; ``below(None)`` is the table itself."""
    table = load_counterparts()
    assert table.below(None) is table
    below = table.below(PLACES.find("吴忠市"))
    assert below.renamed("吴忠市统计局", PLACES.find("同心县")) == "同心县统计局"
    assert below.renamed("吴忠市委宣传部", PLACES.find("同心县")) == "同心县委宣传部"


def test_a_county_text_is_placed_by_its_title_when_no_unit_names_the_county(tmp_path):
    """同心县…方案 whose units are 县农业农村局 …: the place is 同心县 and the leads are checked."""
    text = (
        "同心县巩固拓展脱贫攻坚成果攻坚行动方案\n发文时间：2025-06-25\n二、重点任务\n"
        "1．精准开展监测帮扶。常态化开展防止返贫致贫动态监测帮扶。（牵头单位：县教育局）\n"
    )
    found = compare_text(PLAN, text)
    assert found.place == "640324"
    assert ("not_counterpart", "task-4", "同心县农业农村局", "县教育局") in _summary(found)


def test_a_comparison_without_a_place_says_the_leads_were_not_checked():
    """With no place known, the text says so rather than passing the leads silently."""
    text = (
        "巩固拓展脱贫攻坚成果攻坚行动方案\n发文时间：2025-06-25\n二、重点任务\n"
        "1．精准开展监测帮扶。常态化开展防止返贫致贫动态监测帮扶。（牵头单位：县教育局）\n"
    )
    found = compare_text(PLAN, text)
    assert found.place is None
    assert (
        found.format()
        .splitlines()[0]
        .endswith("(place unknown: leads not checked against the counterpart table)")
    )


SAME_CITY_TOWNS = """schema = "xiaojie-places/1"
[[places]]
code = "640324101"
name = "城关镇"
level = "township"
parent = "640324"
[[places]]
code = "640323101"
name = "城关镇"
level = "township"
parent = "640323"
[[places]]
code = "640323102"
name = "同心县"
level = "township"
parent = "640323"
"""


@pytest.mark.parametrize(
    "name",
    [
        "吴忠市-同心县-城关镇.csv",
        "宁夏回族自治区-吴忠市-同心县-城关镇.csv",
        "640300-640324-城关镇.csv",
    ],
)
def test_a_shared_name_is_the_one_under_the_most_specific_place_given(tmp_path, name):
    """吴忠市 lies above both 城关镇 (同心县's and 盐池县's); 同心县, given too, tells them apart."""
    path = tmp_path / "towns.toml"
    path.write_text(SAME_CITY_TOWNS.rsplit("[[places]]", 1)[0], encoding="utf-8")
    places = load_places(path, base=PLACES)

    found = read_place_progress([_progress_file(tmp_path, name)], plan=PLAN, places=places)

    assert [p.code for p in found] == ["640324101"]


def test_a_name_qualified_by_the_place_directly_above_is_that_place(tmp_path):
    """吴忠市同心县 is the county under 吴忠市, not the town 同心县 two levels below it."""
    path = tmp_path / "towns.toml"
    path.write_text(SAME_CITY_TOWNS, encoding="utf-8")
    places = load_places(path, base=PLACES)

    with pytest.raises(PlaceError, match=r"give the code or the name of the place above it first"):
        places.find("同心县")
    assert [p.code for p in places.lookup("吴忠市同心县")] == ["640324"]
    assert [p.code for p in places.lookup("盐池县同心县")] == ["640323102"]


@pytest.mark.parametrize("key", ["上海市", "310118", "青浦区", "440100"])
def test_a_place_of_another_province_names_the_places_known(key: str) -> None:
    """上海市 is not among the bundled places: the error says which are, and how to add others."""
    with pytest.raises(PlaceError) as caught:
        load_places().find(key)
    message = str(caught.value)
    assert f"found {key!r}" in message
    assert "the places known are those of 宁夏回族自治区" in message
    assert "--places FILE" in message
    if key.isdigit():
        assert "closest" not in message  # the names of Ningxia's places would mislead


def test_a_rollup_file_of_another_province_names_the_places_known(tmp_path) -> None:
    """A progress file named after 310118 (青浦区) is refused saying only Ningxia's are known."""
    from xiaojie.rollup import read_place_progress

    path = tmp_path / "310118.csv"
    path.write_text("item,date,value\n", encoding="utf-8")
    with pytest.raises(PlaceError) as caught:
        read_place_progress([path], plan=PLAN)
    assert "the places known are those of 宁夏回族自治区" in str(caught.value)
