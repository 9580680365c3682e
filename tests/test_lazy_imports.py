"""The package and its ledgers load the heavy parts (plan files, parser, engines) on first use."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import xiaojie
import xiaojie.io
import xiaojie.ledgers
import xiaojie.ledgers.rules
import xiaojie.queries


HEAVY = (
    "xiaojie.parsing",
    "xiaojie.io",
    "xiaojie.tracking",
    "xiaojie.ledgers._columnar",
    "ibis",
    "sqlglot",
    "rich",
    "networkx",
    "pandas",
)


def _loaded_after(statement: str) -> list[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("statement", ["import xiaojie", "import xiaojie.ledgers"])
def test_import_loads_no_heavy_module(statement: str) -> None:
    """A fresh interpreter importing the package imports none of the heavy modules."""
    loaded = set(_loaded_after(statement))

    assert sorted(loaded.intersection(HEAVY)) == []


def test_first_use_loads_what_it_needs() -> None:
    """Using a lazily loaded name imports its module then, in a fresh interpreter."""
    loaded = set(_loaded_after("import xiaojie.ledgers\nxiaojie.ledgers.check_columnar"))

    assert "xiaojie.ledgers._columnar" in loaded
    assert "xiaojie.parsing" not in loaded


@pytest.mark.parametrize("module", [xiaojie, xiaojie.io, xiaojie.ledgers, xiaojie.queries])
def test_every_public_name_is_there(module) -> None:
    """Every name of ``__all__`` is an attribute and listed by ``dir()``."""
    missing = [name for name in module.__all__ if getattr(module, name, None) is None]

    assert missing == []
    assert set(module.__all__) <= set(dir(module))


def test_lazy_names_are_the_defining_modules_objects() -> None:
    """A lazily loaded name is the very object its defining module holds."""
    from xiaojie.io._planfile import load_plan
    from xiaojie.ledgers._columnar import check_columnar
    from xiaojie.tracking import status

    assert xiaojie.load_plan is load_plan
    assert xiaojie.status is status
    assert xiaojie.ledgers.check_columnar is check_columnar
    assert xiaojie.ledgers.DEFAULT_RULES is xiaojie.ledgers.rules.DEFAULT_RULES


@pytest.mark.parametrize("module", [xiaojie, xiaojie.io, xiaojie.ledgers, xiaojie.ledgers.rules])
def test_unknown_name_is_an_attribute_error(module) -> None:
    """An unknown name raises AttributeError naming the module and the name."""
    with pytest.raises(AttributeError, match=r"has no attribute 'no_such_name'"):
        _ = module.no_such_name


def test_every_public_submodule_is_an_attribute():
    """``import xiaojie`` then ``xiaojie.<submodule>`` gives the submodule, as when imports were eager."""
    names = sorted(
        path.stem if path.suffix == ".py" else path.name
        for path in Path(xiaojie.__file__).parent.iterdir()
        if not path.name.startswith("_")
        and (path.suffix == ".py" or (path / "__init__.py").exists())
        and path.name not in {"cli", "data"}
    )
    code = (
        "import importlib, xiaojie\n"
        f"for name in {names!r}:\n"
        "    assert getattr(xiaojie, name) is importlib.import_module('xiaojie.' + name), name\n"
        "print(len(" + repr(names) + "))"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(names))


def _type_checking_imports(module) -> dict[str, set[str]]:
    """The names each ``from M import …`` under the module's ``if TYPE_CHECKING:`` imports."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    names = {alias.asname or alias.name for alias in statement.names}
                    found.setdefault(statement.module, set()).update(names)
    return found


@pytest.mark.parametrize("module", [xiaojie, xiaojie.io, xiaojie.ledgers, xiaojie.queries])
def test_type_checking_names_match_the_lazy_table(module) -> None:
    """What type checkers are told (``if TYPE_CHECKING:``) is what ``_FROM`` loads lazily."""
    told = _type_checking_imports(module)
    submodules = told.pop(module.__name__, set())  # ``from xiaojie import dates``
    loaded = {source: set(names) for source, names in module._FROM.items()}

    assert told == loaded
    assert sorted(submodules - set(getattr(module, "_LAZY", ()))) == []
    public = {name for name in module._WHERE if not name.startswith("_")}
    assert sorted(public - set(module.__all__)) == []


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--as-of", "2025-08-01"],
        ["status", "--as-of", "2025-08-01", "--json"],
        ["overdue", "--as-of", "2025-08-01"],
        ["show"],
    ],
)
def test_status_commands_load_no_graph(command: list[str]) -> None:
    """The status, overdue and show commands run without building a graph or loading networkx."""
    run = f"import contextlib, io\nfrom xiaojie.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n    assert main({command!r}) == 0"
    loaded = set(_loaded_after(run))

    assert "xiaojie.cli._main" in loaded
    assert sorted(loaded & {"networkx", "xiaojie.graph"}) == []
