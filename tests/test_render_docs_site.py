"""The documentation: the plan file's JSON Schema, the runnable examples and the guides' code."""

import copy
import datetime as dt
import doctest
import json
import os
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import xiaojie as xj


ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
DATA = resources.files("xiaojie.data")
SCHEMA = json.loads(DATA.joinpath("plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# The guides whose Python blocks are run as doctests (others' pages test their own).
GUIDES = ("index.md", "tutorial.md", "documents.md", "plan-format.md", "cli.md")


def bundled_as_json() -> dict:
    """The bundled TOML plan in its JSON form (dates as ISO strings)."""
    raw = tomllib.loads(DATA.joinpath("ningxia-2025.toml").read_text(encoding="utf-8"))
    return json.loads(json.dumps(raw, default=dt.date.isoformat))


def broken(edit):
    data = copy.deepcopy(bundled_as_json())
    edit(data)
    return data


BROKEN = {
    "title missing": lambda d: d["plan"].pop("title"),
    "reference date with a time": lambda d: d["plan"].__setitem__(
        "reference_date", "2025-06-18T09:00"
    ),
    "wrong schema": lambda d: d.__setitem__("schema", "xiaojie-plan/2"),
    "no units at all": lambda d: (d.__setitem__("units", []), d.__setitem__("groups", [])),
    "task without units": lambda d: d["tasks"][0].__setitem__("units", []),
    "task number zero": lambda d: d["tasks"][0].__setitem__("number", 0),
    "task number a string": lambda d: d["tasks"][0].__setitem__("number", "1"),
    "boolean campaign number": lambda d: d["campaigns"][0].__setitem__("number", True),
    "unknown unit kind": lambda d: d["units"][0].__setitem__("kind", "ministry"),
    "unit id with a capital": lambda d: d["units"][0].__setitem__("id", "Agriculture"),
    "milestone without an end": lambda d: d["milestones"][3]["when"].pop("end"),
    "phase without a start": lambda d: d["phases"][0]["when"].pop("start"),
    "period with no bound": lambda d: d["milestones"][0].__setitem__("when", {"text": "某时"}),
    "unknown frequency": lambda d: d["obligations"][0]["cadence"].__setitem__("frequency", "daily"),
    "due day 32": lambda d: d["obligations"][0]["cadence"].__setitem__("due_day", 32),
    "unknown tracking": lambda d: d["obligations"][0].__setitem__("tracking", "sometimes"),
    "target without value or benchmark": lambda d: d["indicators"][0]["targets"][0].pop("value"),
    "unknown comparator": lambda d: d["indicators"][0]["targets"][0].__setitem__("comparator", "≥"),
    "indicator without targets": lambda d: d["indicators"][0].__setitem__("targets", []),
    "soft as a string": lambda d: d["indicators"][0]["targets"][0].__setitem__("soft", "yes"),
    "span unit unknown": lambda d: d["limits"][0]["span"].__setitem__("unit", "fortnights"),
    "empty alias": lambda d: d["units"][0]["aliases"].append("  "),
}


class TestSchema:
    def test_schema_is_valid(self):
        """The shipped schema is itself a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def test_bundled_plan_validates(self):
        """The bundled plan, in its JSON form, satisfies the schema."""
        errors = list(VALIDATOR.iter_errors(bundled_as_json()))

        assert [] == [e.message for e in errors]

    def test_saved_json_plan_validates(self, tmp_path):
        """A plan saved as JSON by xiaojie satisfies the schema as it is."""
        path = xj.save_plan(xj.load_plan(), tmp_path / "plan.json")

        assert VALIDATOR.is_valid(json.loads(path.read_text(encoding="utf-8")))

    @pytest.mark.parametrize(
        "case",
        sorted(BROKEN),
    )
    def test_broken_plan_does_not_validate(self, case, tmp_path):
        """Each kind of broken plan fails the schema, and the loader refuses it too."""
        data = broken(BROKEN[case])

        assert not VALIDATOR.is_valid(data)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(xj.PlanFileError, match=r"problem"):
            xj.load_plan(path)

    def test_periods_as_phrases(self, tmp_path):
        """A period written as the plan's phrase validates, and the loader reads it the same."""
        data = bundled_as_json()
        data["milestones"][3]["when"] = "6月底前"
        data["phases"][1]["when"] = "6月中旬—9月底"

        assert VALIDATOR.is_valid(data)
        path = tmp_path / "phrases.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert xj.load_plan() == xj.load_plan(path)

    def test_blank_phrase_does_not_validate(self):
        """A blank phrase is not a period."""
        data = bundled_as_json()
        data["milestones"][3]["when"] = " "

        assert not VALIDATOR.is_valid(data)

    def test_every_field_the_loader_reads_is_described(self):
        """Each table of the plan file names the keys the bundled plan uses."""
        data = bundled_as_json()
        defs = SCHEMA["$defs"]
        tables = {
            "units": "unit",
            "groups": "group",
            "campaigns": "campaign",
            "tasks": "task",
            "phases": "phase",
            "milestones": "milestone",
            "obligations": "obligation",
            "indicators": "indicator",
            "limits": "limit",
        }
        assert set(data["plan"]) <= set(defs["header"]["properties"])
        for key, definition in tables.items():
            used = {field for row in data.get(key, []) for field in row}

            assert used <= set(defs[definition]["properties"]), key


class TestExamples:
    @pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
    def test_example_runs(self, script, tmp_path):
        """Every example script runs to completion from a clean folder."""
        scratch = tmp_path / "tmp"
        scratch.mkdir()
        done = subprocess.run(  # noqa: S603 - our own example scripts
            [sys.executable, str(EXAMPLES / script)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            # the folders an example makes with tempfile land in the test's own folder
            env={**os.environ, "TMPDIR": str(scratch)},
        )

        assert 0 == done.returncode, done.stderr[-2000:]
        assert done.stdout.strip()

    def test_make_documents_writes_the_site(self, tmp_path):
        """make_documents.py writes the site into the folder it is given."""
        subprocess.run(  # noqa: S603 - our own example script
            [
                sys.executable,
                str(EXAMPLES / "make_documents.py"),
                str(tmp_path / "out"),
                "2025-09-15",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )

        assert (tmp_path / "out" / "index.html").is_file()
        assert "2025-09-15" in (tmp_path / "out" / "status.html").read_text(encoding="utf-8")


class TestGuides:
    @pytest.mark.parametrize("page", GUIDES)
    def test_code_in_the_guide_runs(self, page):
        """The Python examples of the guide give the output it shows."""
        result = doctest.testfile(
            str(DOCS / page),
            module_relative=False,
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
            verbose=False,
        )

        assert 0 == result.failed

    def test_pages_not_written_yet_leave_the_navigation(self, tmp_path):
        """The MkDocs hook drops navigation entries whose page does not exist, and keeps the rest."""
        import importlib.util

        spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "_hooks.py")
        hooks = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hooks)
        (tmp_path / "here.md").write_text("# here", encoding="utf-8")
        config = {
            "docs_dir": str(tmp_path),
            "nav": [
                {"Here": "here.md"},
                {"Gone": "gone.md"},
                {"Section": [{"Gone too": "gone.md"}]},
                {"Site": "https://example.org/"},
            ],
        }

        assert [{"Here": "here.md"}, {"Site": "https://example.org/"}] == hooks.on_config(config)[
            "nav"
        ]

    def test_navigation_names_every_guide(self):
        """mkdocs.yml lists every page of docs/ in its navigation."""
        nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        pages = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")]

        assert [] == [p for p in pages if p not in nav]
