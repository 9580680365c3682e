"""The parsing guide's code runs, the example script works, and parsed plans fit the schema."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import xiaojie as xj
from xiaojie.io import plan_to_mapping
from xiaojie.parsing import parse_plan


ROOT = Path(__file__).parent.parent
PLANS = Path(__file__).parent / "data" / "plans"
SCHEMA = json.loads(
    resources.files("xiaojie.data").joinpath("plan.schema.json").read_text(encoding="utf-8")
)


class TestGuide:
    def test_guide_examples_run(self):
        """Every Python example of docs/parsing.md gives the output shown."""
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        result = doctest.testfile(
            str(ROOT / "docs" / "parsing.md"), module_relative=False, optionflags=flags
        )

        assert result.attempted > 10
        assert 0 == result.failed


class TestExampleScript:
    def test_bundled_text_gives_the_bundled_plan(self, tmp_path: Path):
        """Without a text the script parses the bundled text into the bundled plan (-o names the file)."""
        done = subprocess.run(  # noqa: S603 - runs our own example with this interpreter
            [
                sys.executable,
                str(ROOT / "examples" / "parse_plan.py"),
                "-o",
                str(tmp_path / "ningxia-2025.toml"),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            # the script copies the bundled text into a temporary folder: this test's own
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )

        assert 0 == done.returncode, done.stderr
        assert "25 tasks" in done.stdout
        copied = [p.name for p in tmp_path.glob("*/ningxia-2025-action-plan.txt")]
        assert ["ningxia-2025-action-plan.txt"] == copied
        assert xj.load_plan() == xj.load_plan(tmp_path / "ningxia-2025.toml")

    def test_unparseable_text_exits_with_one(self, tmp_path: Path):
        """A text without a reference date exits with status 1 and names line and column."""
        source = tmp_path / "plan.txt"
        source.write_text("一、任务\n(一)行动\n1.完成。(责任单位:自治区民政厅)\n", encoding="utf-8")

        done = subprocess.run(  # noqa: S603 - runs our own example with this interpreter
            [sys.executable, str(ROOT / "examples" / "parse_plan.py"), str(source)],
            capture_output=True,
            text=True,
            check=False,
        )

        assert 1 == done.returncode
        assert "plan.txt:1:1: no reference date" in done.stderr


class TestSchema:
    @pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.txt")))
    def test_parsed_plans_fit_the_schema(self, name):
        """Every parsed test plan, written as a plan file, satisfies the plan file schema."""
        plan, _ = parse_plan(PLANS / name)
        data = json.loads(json.dumps(plan_to_mapping(plan), default=dt.date.isoformat))

        assert [] == [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
