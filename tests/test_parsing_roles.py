"""Roles and persons of a parsed plan live on its tasks: implementing units beside lead and
support, persons (责任人, 分管领导) as text; both survive the plan file and show in documents."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from importlib import resources
from typing import TYPE_CHECKING

import attrs
import jsonschema
import pytest
import tomli_w
from hypothesis import HealthCheck, find, given, settings

import xiaojie as xj
from model_strategies import plans
from xiaojie.cli._shared import plan_json, show_plan
from xiaojie.errors import PlanFileError, PlanValidationError
from xiaojie.graph import build_graph, node_id
from xiaojie.io import plan_from_mapping, plan_to_mapping
from xiaojie.model import Role
from xiaojie.parsing import NoteKind, parse_plan
from xiaojie.queries import responsibility_matrix
from xiaojie.render import Heading, division_table, plain, to_docx, to_xlsx, unit_sheet


if TYPE_CHECKING:
    from pathlib import Path


LEAD, CO, IMPLEMENT, SUPPORT = Role.LEAD, Role.CO_RESPONSIBLE, Role.IMPLEMENT, Role.SUPPORT

COUNTY = """标题:某县巩固拓展脱贫攻坚成果实施方案
发布日期:2025-03-01
一、重点任务
(一)产业帮扶
1.推进易地搬迁后续扶持,完善安置区配套设施。(县发展改革局、县乡村振兴局牵头;县财政局、县人社局配合;各乡(镇)人民政府落实)
2.完善医疗救助制度。(牵头单位:县医保局;配合单位:县民政局;落实单位:各乡镇人民政府;责任人:分管副县长)
3.壮大村级集体经济。
牵头单位:县农业农村局
配合单位:县财政局、县委组织部
分管领导:县委副书记、分管副县长
完成时限:2025年底前
4.加强就业帮扶。(县人社局牵头,县财政局配合,各乡镇抓好落实)
5.强化兜底保障。(县民政局、县医保局等按职责分工负责)
6.开展消费帮扶。(责任单位:县商务局;责任领导:县政府办主任)
"""
"""One task per clause form: three roles, labelled parts with 落实单位 and 责任人, labelled lines
under the item, role verbs with 抓好落实, 按职责分工负责 (first listed leads), 责任领导."""

EXPECTED: dict[int, tuple[list[tuple[str, Role]], tuple[str, ...]]] = {
    1: (
        [
            ("县发展改革局", LEAD),
            ("县乡村振兴局", CO),
            ("县财政局", SUPPORT),
            ("县人社局", SUPPORT),
            ("各乡(镇)人民政府", IMPLEMENT),
        ],
        (),
    ),
    2: (
        [("县医保局", LEAD), ("县民政局", SUPPORT), ("各乡镇人民政府", IMPLEMENT)],
        ("分管副县长",),
    ),
    3: (
        [("县农业农村局", LEAD), ("县财政局", SUPPORT), ("县委组织部", SUPPORT)],
        ("县委副书记", "分管副县长"),
    ),
    4: ([("县人社局", LEAD), ("县财政局", SUPPORT), ("各乡镇", IMPLEMENT)], ()),
    5: ([("县民政局", LEAD), ("县医保局", CO)], ()),
    6: ([("县商务局", LEAD)], ("县政府办主任",)),
}


def _roles(task: xj.Task) -> list[tuple[str, Role]]:
    return [(r.owner.name, r.role) for r in task.responsibilities]


@pytest.fixture(scope="module")
def county() -> xj.Plan:
    """The county plan of every clause form, parsed."""
    return parse_plan(COUNTY).plan


class TestParsedTasks:
    @pytest.mark.parametrize("number", sorted(EXPECTED))
    def test_roles_and_persons_on_the_task(self, county, number):
        """Each clause form gives the task its units in their roles and its persons as written."""
        roles, persons = EXPECTED[number]
        task = county.task(number)

        assert roles == _roles(task)
        assert persons == task.persons
        assert [n for n, r in roles if r is IMPLEMENT] == [o.name for o in task.implementing]
        assert [n for n, r in roles if r is SUPPORT] == [o.name for o in task.supporting]

    def test_persons_are_never_units(self, county):
        """Persons and offices stay text: no unit of the plan is named after one."""
        names = {n for o in county.units for n in o.names}
        persons = {p for t in county.tasks for p in t.persons}

        assert persons
        assert not names & persons

    def test_lines_after_a_labelled_lead_support(self):
        """A 配合单位 line after a 牵头单位 line supports: no second lead is guessed or noted."""
        _, report = parse_plan(COUNTY)

        multiple = [n.line for n in report.of_kind(NoteKind.MULTIPLE_LEADS)]
        assert [5] == multiple  # task 1's clause names two leads; task 3's lines do not

    def test_plan_file_round_trip(self, county, tmp_path: Path):
        """Roles and persons are written to the plan file and read back to an equal plan."""
        path = xj.save_plan(county, tmp_path / "county.toml")
        again = xj.load_plan(path)

        assert county == again
        for number, (roles, persons) in EXPECTED.items():
            assert roles == _roles(again.task(number))
            assert persons == again.task(number).persons
        rows = tomllib.loads(path.read_text(encoding="utf-8"))["tasks"]
        assert ["各乡(镇)人民政府"] == rows[0]["implementing"]
        assert ["县财政局", "县人社局"] == rows[0]["supporting"]
        assert "supporting" not in rows[4]  # 按职责分工负责: shared, not supporting
        assert ["县委副书记", "分管副县长"] == rows[2]["persons"]
        assert "implementing" not in rows[2]

    def test_json_plan_file_round_trip(self, county, tmp_path: Path):
        """The JSON plan file carries roles and persons too."""
        path = xj.save_plan(county, tmp_path / "county.json")
        data = json.loads(path.read_text(encoding="utf-8"))

        assert ["各乡镇人民政府"] == data["tasks"][1]["implementing"]
        assert county == xj.load_plan(path)


class TestPlanFile:
    def test_bundled_plan_writes_no_new_keys(self):
        """The bundled plan has no implementing units or persons, so its file is unchanged."""
        tasks = plan_to_mapping(xj.load_plan())["tasks"]

        assert not [t for t in tasks if "implementing" in t or "persons" in t]

    def test_schema_allows_the_new_keys(self, county):
        """The plan-file schema accepts a parsed plan's implementing and persons and checks their items."""
        schema = json.loads(
            resources.files("xiaojie.data").joinpath("plan.schema.json").read_text(encoding="utf-8")
        )
        data = json.loads(json.dumps(plan_to_mapping(county), default=str))
        jsonschema.validate(data, schema)
        data["tasks"][1]["persons"] = ["分管副县长", 3]

        with pytest.raises(jsonschema.ValidationError, match="3 is not of type 'string'"):
            jsonschema.validate(data, schema)

    def _data(self) -> dict:
        data = plan_to_mapping(parse_plan(COUNTY).plan)
        return tomllib.loads(tomli_w.dumps(data))

    def test_implementing_the_lead_is_located(self):
        """Naming the lead as implementing is an error at the task's implementing entry."""
        data = self._data()
        data["tasks"][1]["implementing"] = ["县民政局", "县医保局"]

        with pytest.raises(
            PlanFileError,
            match=r"tasks\[1\]\.implementing\[1\]: expected one of the task's units after the lead, found '县医保局'",
        ):
            plan_from_mapping(data, source="county.toml")

    def test_implementing_an_unknown_unit_is_located(self):
        """An implementing name that is no unit of the plan is reported at its place."""
        data = self._data()
        data["tasks"][0]["implementing"] = ["县交通局"]

        with pytest.raises(
            PlanFileError,
            match=r"tasks\[0\]\.implementing\[0\]: expected a unit or group of the plan.*found '县交通局'",
        ):
            plan_from_mapping(data, source="county.toml")

    def test_implementing_not_a_list_is_located(self):
        """An implementing value that is not a list of names is reported with what it was."""
        data = self._data()
        data["tasks"][0]["implementing"] = "各乡(镇)人民政府"

        with pytest.raises(
            PlanFileError, match=r"tasks\[0\]\.implementing: expected a list of strings, found str"
        ):
            plan_from_mapping(data, source="county.toml")

    def test_blank_person_on_a_task_is_refused(self, county):
        """A task made in code with a blank person is refused, naming the task and the place."""
        task = county.task(2)

        with pytest.raises(
            PlanValidationError,
            match=r"task 2\.persons\[1\]: expected a person or office as written",
        ):
            attrs.evolve(task, persons=("分管副县长", ""))

    def test_empty_person_is_refused(self):
        """A person must be written: an empty string is reported at its index."""
        data = self._data()
        data["tasks"][1]["persons"] = ["分管副县长", " "]

        with pytest.raises(
            PlanFileError, match=r"tasks\[1\]\.persons\[1\]: expected a non-empty string"
        ):
            plan_from_mapping(data, source="county.toml")


class TestShown:
    def test_division_table_columns(self, county):
        """The 分工表 gains 落实单位 and 责任人 columns; 责任单位 then holds the supporting units only."""
        table = division_table(county).tables()[0]
        rows = {plain(r[0]): [plain(c) for c in r] for r in table.rows}

        assert (
            "序号",
            "重点任务",
            "牵头单位",
            "责任单位",
            "落实单位",
            "责任人",
            "完成时限",
        ) == table.columns
        assert [
            "2",
            "完善医疗救助制度",
            "县医保局",
            "县民政局",
            "各乡镇人民政府",
            "分管副县长",
        ] == rows["2"][:6]
        assert ["县财政局、县委组织部", "", "县委副书记、分管副县长"] == rows["3"][3:6]

    def test_bundled_division_table_keeps_its_columns(self):
        """A plan that names no implementing unit and no person keeps the five columns."""
        table = division_table(xj.load_plan()).tables()[0]

        assert ("序号", "重点任务", "牵头单位", "责任单位", "完成时限") == table.columns

    def test_unit_sheet_lists_tasks_carried_out(self, county):
        """An implementing unit's 任务清单 lists the tasks it carries out under their own heading."""
        sheet = unit_sheet(county, "各乡镇人民政府")
        headings = [plain(b.text) for b in sheet.blocks if isinstance(b, Heading)]
        tables = {t.name: t for t in sheet.tables()}

        assert "落实任务" in headings
        assert ["完善医疗救助制度"] == [plain(r[1]) for r in tables["implemented"].rows]
        assert "责任人" in tables["implemented"].columns
        assert "分管副县长" in [plain(c) for c in tables["implemented"].rows[0]]

    def test_bundled_unit_sheet_has_no_person_column(self):
        """A plan that names no person keeps the 任务清单's columns."""
        sheet = unit_sheet(xj.load_plan(), "教育厅")

        assert all("责任人" not in t.columns for t in sheet.tables())

    def test_show(self, county):
        """``show`` names each role and the persons; ``show --json`` carries them as data."""
        text = show_plan(county)
        data = plan_json(county)["campaigns"][0]["tasks"][1]

        assert (
            "2. 完善医疗救助制度 — 牵头: 县医保局; 配合: 县民政局; 落实: 各乡镇人民政府; 责任人: 分管副县长"
            in text
        )
        assert ["各乡镇人民政府"] == [o["name"] for o in data["implementing"]]
        assert ["分管副县长"] == data["persons"]

    def test_graph_edges_carry_the_role(self, county):
        """The graph's responsibility edge from an implementing unit says so."""
        graph = build_graph(county)
        task = county.task(2)
        owner = node_id(task.implementing[0])

        assert "implement" == graph.pred[node_id(task)][owner]["role"]

    def test_responsibility_matrix_marks_implementing(self, county):
        """The task × unit matrix marks implementing units 落实 in rows and ◇ in its picture."""
        matrix = responsibility_matrix(county)
        rows = matrix.to_rows()
        column = rows[0].index("各乡镇人民政府")

        assert IMPLEMENT is matrix.role(2, "各乡镇人民政府")
        assert "落实" == rows[2][column]
        assert "◇" in "\n".join(matrix.lines())

    def test_role_label(self):
        """The implementing role reads 落实; the supporting role 配合, as co-responsible units are shown."""
        assert ("牵头", "配合", "落实", "配合") == tuple(r.label for r in Role)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_with_roles_and_persons_round_trip(plan):
    """Any plan, with implementing units and persons, is equal to itself after a TOML and a JSON trip."""
    mapping = plan_to_mapping(plan)
    from_toml = plan_from_mapping(tomllib.loads(tomli_w.dumps(mapping)), source="g.toml")
    from_json = plan_from_mapping(json.loads(json.dumps(mapping, default=str)), source="g.json")

    assert plan == from_toml == from_json
    for task, again in zip(plan.tasks, from_toml.tasks, strict=True):
        assert task.implementing == again.implementing
        assert task.supporting == again.supporting
        assert task.persons == again.persons


def test_generator_makes_the_new_fields():
    """The generated plans do hold implementing units and persons, so the property exercises them."""
    found = find(plans(), lambda p: any(t.implementing and t.persons for t in p.tasks))
    assert find(plans(), lambda p: any(t.supporting for t in p.tasks))

    assert any(t.implementing for t in found.tasks)


def test_division_table_opens_in_libreoffice(county, tmp_path):
    """The 分工表 with 落实单位 and 责任人 columns, as DOCX and XLSX, opens in LibreOffice and prints them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice and pdftotext are required under CI")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    files = [tmp_path / "division-word.docx", tmp_path / "division-sheet.xlsx"]
    files[0].write_bytes(to_docx(division_table(county), landscape=True))
    files[1].write_bytes(to_xlsx(division_table(county)))
    out = tmp_path / "pdf"
    subprocess.run(  # noqa: S603 - a fixed LibreOffice command
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for path in files:
        pdf = out / f"{path.stem}.pdf"
        result = subprocess.run(  # noqa: S603 - a fixed pdftotext command
            [pdftotext, str(pdf), "-"], check=True, capture_output=True, timeout=60
        )
        text = "".join(result.stdout.decode("utf-8").split())
        for words in ("落实单位", "责任人", "各乡镇人民政府", "分管副县长", "县医保局"):
            assert words in text, (path.name, words)


class TestSupportRole:
    def test_support_words_and_shared_lists_are_kept_apart(self):
        """配合/协办/参与 give the support role; a 责任单位, 负责 or 会同 list the co-responsible one."""
        text = (
            "发布日期:2025-03-01\n一、重点任务\n"
            "1.甲。(牵头单位:县医保局;责任单位:县民政局;协办单位:县财政局)\n"
            "2.乙。(县人社局牵头,县教育局参与,县财政局、县民政局负责)\n"
            "3.丙。由县发展改革局会同县财政局、县统计局等部门制定方案。\n"
        )
        plan = parse_plan(text).plan

        assert [
            [("县医保局", LEAD), ("县民政局", CO), ("县财政局", SUPPORT)],
            [("县人社局", LEAD), ("县教育局", SUPPORT), ("县财政局", CO), ("县民政局", CO)],
            [("县发展改革局", LEAD), ("县财政局", CO), ("县统计局", CO)],
        ] == [_roles(t) for t in plan.tasks]
        assert ["县财政局"] == [o.name for o in plan.task(1).supporting]

    def test_supporting_a_unit_twice_or_the_lead_is_located(self):
        """A supporting name that is the lead, or also implementing, is an error at its place."""
        data = TestPlanFile()._data()
        data["tasks"][1]["supporting"] = ["县医保局"]
        with pytest.raises(
            PlanFileError,
            match=r"tasks\[1\]\.supporting\[0\]: expected one of the task's units after the lead, "
            r"not also implementing, found '县医保局'",
        ):
            plan_from_mapping(data, source="county.toml")
        data["tasks"][1]["supporting"] = ["各乡镇人民政府"]
        with pytest.raises(PlanFileError, match=r"tasks\[1\]\.supporting\[0\]: .*'各乡镇人民政府'"):
            plan_from_mapping(data, source="county.toml")

    def test_consumers_know_the_support_role(self, county):
        """Graph, matrix, show, workload and co-owned tasks all read a supporting unit."""
        from xiaojie.queries import tasks_coowned_by, workload

        task = county.task(4)
        graph = build_graph(county)
        assert "support" == graph.pred[node_id(task)][node_id(task.supporting[0])]["role"]
        matrix = responsibility_matrix(county)
        assert SUPPORT is matrix.role(4, "县财政局")
        rows = matrix.to_rows(support="协")
        assert "协" == rows[4][rows[0].index("县财政局")]
        assert "4. 加强就业帮扶 — 牵头: 县人社局; 配合: 县财政局; 落实: 各乡镇" in show_plan(county)
        assert ["县财政局"] == [
            o["name"] for o in plan_json(county)["campaigns"][0]["tasks"][3]["supporting"]
        ]
        assert 4 in [t.number for t in tasks_coowned_by(county, "县财政局")]
        load = workload(county, "县财政局")
        assert (load.lead, load.co_responsible) == (0, 3)
        assert workload(county, "各乡镇").co_responsible == 1  # implementing counts, no KeyError
