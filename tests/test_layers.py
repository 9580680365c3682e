"""The layers of docs/architecture.md hold: lower layers never import upper ones; only the CLI reads the clock."""

import ast
import re
import sys
from pathlib import Path

import pytest

import xiaojie


SOURCE = Path(xiaojie.__file__).parent
ARCHITECTURE = Path(__file__).parent.parent / "docs" / "architecture.md"

FOUNDATION = {"errors", "_extras", "_files", "_records", "_width", "_privacy", "_hints", "_gc"}
"""Modules every layer may use: errors, optional extras, atomic writes, display width, hints."""

LAYERS: dict[str, set[str]] = {
    "errors": {"_privacy"},
    "_privacy": set(),
    "_extras": {"errors"},
    "_files": set(),
    "_width": set(),
    "_hints": set(),
    "_gc": set(),
    "_records": {"_extras", "errors"},
    "records": {"_records"},
    "data": set(),
    "dates": {"errors"},
    "model": {"dates", "errors"},
    "progress": {"model", "dates", *FOUNDATION},
    "graph": {"model", "dates", *FOUNDATION},
    "tracking": {"progress", "model", "dates", *FOUNDATION},
    "queries": {"graph", "tracking", "progress", "model", "dates", *FOUNDATION},
    "pace": {"progress", "model", "dates", *FOUNDATION},
    "places": {"model", "dates", *FOUNDATION},
    "cascade": {"places", "model", "dates", *FOUNDATION},
    "versions": {"model", "dates", *FOUNDATION},
    "rollup": {"places", "tracking", "progress", "model", "dates", *FOUNDATION},
    "io": {"tracking", "progress", "model", "dates", *FOUNDATION},
    "parsing": {"io", "model", "dates", *FOUNDATION},
    "compare": {"parsing", "cascade", "places", "model", "dates", *FOUNDATION},
    "ledgers": {"io", "model", "dates", *FOUNDATION},
    "render": {
        "queries",
        "rollup",
        "versions",
        "pace",
        "places",
        "tracking",
        "graph",
        "progress",
        "ledgers",
        "io",
        "model",
        "dates",
        *FOUNDATION,
    },
}
"""What each part of xiaojie may import (besides itself); ``cli`` and the package may import all."""

THIRD_PARTY: dict[str, set[str]] = {
    "dates": {"attrs", "dateutil", "chinese_calendar"},
    "model": {"attrs"},
}
"""The only outside packages the two lowest layers may import (the standard library aside)."""

EXCEPTIONS = {("progress", "io")}
"""Allowed upward imports: ``xiaojie.progress`` hands out the progress-file functions of
``xiaojie.io`` on first use (a lazy import inside ``__getattr__``, for the old import path)."""

CLOCK = re.compile(r"^(?:date|datetime|dt\.date|dt\.datetime|datetime\.date|datetime\.datetime)$")


def imported_modules(source: str) -> set[str]:
    """Return every module a module's source imports, anywhere in it (functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "xiaojie":
            found.update(f"xiaojie.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.add("." * node.level + (node.module or ""))
    return found


def part_of(path: Path, root: Path) -> str:
    """Return the part of xiaojie a file belongs to: its top package or module under ``root``."""
    relative = path.relative_to(root).with_suffix("")
    return relative.parts[0] if relative.parts[0] != "__init__" else ""


def violations(
    root: Path,
    layers: dict[str, set[str]],
    third_party: dict[str, set[str]],
    exceptions: set[tuple[str, str]] = frozenset(),
) -> list[str]:
    """Return one line per import that breaks the layers, as ``file: imports module``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        part = part_of(path, root)
        if part not in layers:
            continue
        for module in sorted(imported_modules(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(root)}: imports {module}"
            if module.startswith("."):
                found.append(f"{where} (relative imports are not used)")
            elif module == "xiaojie" or module.startswith("xiaojie."):
                target = module.split(".")[1] if "." in module else "xiaojie"
                allowed = target == part or target in layers[part]
                if not allowed and (part, target) not in exceptions:
                    found.append(where)
            elif part in third_party:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top not in third_party[part]:
                    found.append(where)
    return found


def clock_reads(root: Path) -> list[str]:
    """Return every call of ``date.today()``, ``datetime.now()`` or ``time.time()`` outside the CLI."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if part_of(path, root) == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = ast.unparse(node.func.value)
            name = node.func.attr
            if (name in {"today", "now", "utcnow"} and CLOCK.match(owner)) or (
                owner == "time" and name in {"time", "time_ns"}
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {owner}.{name}()")
    return found


class TestTheRulesHold:
    def test_no_layer_imports_upwards(self):
        """No part of xiaojie imports a part above it in the layer table."""
        assert [] == violations(SOURCE, LAYERS, THIRD_PARTY, EXCEPTIONS)

    def test_only_the_cli_reads_the_clock(self):
        """Nothing below the CLI reads today's date or the time."""
        assert [] == clock_reads(SOURCE)

    def test_every_part_has_a_rule(self):
        """Every package and module of xiaojie is in the layer table (or is the CLI or the package)."""
        parts = {part_of(p, SOURCE) for p in SOURCE.rglob("*.py")}
        assert set() == parts - set(LAYERS) - {"cli", "__main__", ""}

    def test_architecture_page_states_the_same_rules(self):
        """docs/architecture.md's layer table allows exactly what this test enforces."""
        rows = {}
        for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
            cells = line.split("|")
            if len(cells) == 5 and cells[1].strip().startswith("`"):
                for part in re.findall(r"`([a-z_]+)`", cells[1]):
                    rows[part] = cells[3]
        assert set(LAYERS) - {"data"} == set(rows) - {"cli"}
        for part, text in rows.items():
            if part == "cli":
                continue
            listed = set(re.findall(r"`([a-z_]+)`", text)) & set(LAYERS)
            if "foundation" in text:
                listed |= FOUNDATION
            assert LAYERS[part] <= listed, part
            if part in {"dates", "model"}:
                named = set(re.findall(r"`([a-z_]+)`", text))
                assert LAYERS[part] | THIRD_PARTY[part] == named, part
            elif part not in FOUNDATION:
                assert LAYERS[part] == listed, part


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "xiaojie"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class TestTheCheckerCanFail:
    @pytest.mark.parametrize(
        ("name", "text", "expected"),
        [
            ("model/_bad.py", "import networkx\n", "model/_bad.py: imports networkx"),
            (
                "model/_bad.py",
                "def f():\n    from xiaojie.io import load_plan\n",
                "model/_bad.py: imports xiaojie.io",
            ),
            (
                "dates/_bad.py",
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from xiaojie.render import Table\n",
                "dates/_bad.py: imports xiaojie.render",
            ),
            (
                "dates/_bad.py",
                "from xiaojie import model\n",
                "dates/_bad.py: imports xiaojie.model",
            ),
            ("dates/_bad.py", "import pandas as pd\n", "dates/_bad.py: imports pandas"),
            (
                "model/_bad.py",
                "from xiaojie.graph import build_graph\n",
                "model/_bad.py: imports xiaojie.graph",
            ),
        ],
    )
    def test_upward_import_is_reported(self, tmp_path, name, text, expected):
        """A lower layer importing an upper one (or a heavy library), anywhere in a module, is reported."""
        root = _tree(
            tmp_path,
            {name: text, "model/_ok.py": "import attrs\nfrom xiaojie.dates import Period\n"},
        )
        assert [expected] == violations(root, LAYERS, THIRD_PARTY)

    def test_clock_read_is_reported(self, tmp_path):
        """A clock read below the CLI is reported with its line."""
        root = _tree(tmp_path, {"tracking.py": "import datetime as dt\n\nx = dt.date.today()\n"})
        assert ["tracking.py:3: dt.date.today()"] == clock_reads(root)
