"""The docs say what is true: unit counts, where mkdocs writes, the Chinese guide, the examples."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import installed
import xiaojie as xj
from xiaojie.render import site_files
from xiaojie.tracking import status


ROOT = Path(__file__).parents[1]
PLAN = xj.load_plan()
EXAMPLES = ROOT / "examples"


def test_readme_unit_count_is_the_plans():
    """The README's counts of units and groups are the plan's, and the site's index agrees."""
    owners = PLAN.owners_in_order()
    groups = sum(1 for o in owners if o.is_group)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files = site_files(PLAN, snapshot=status(PLAN, as_of=PLAN.reference_date), formats=["html"])
    index = next(f for f in files if f.path == "index.html").render().decode("utf-8")

    assert f"{len(owners) - groups} responsible units and {groups} groups of units" in readme
    assert f"{len(owners) - groups}个责任单位 · {groups}个单位群组" in index


def test_readme_says_where_mkdocs_builds():
    """The README names the folder mkdocs.yml's site_dir writes to, which git ignores."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_dir = re.search(r"^site_dir:\s*(\S+)", config, re.MULTILINE)[1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"`mkdocs build`\n  writes it to `{site_dir}/`" in readme
    assert "build/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_chinese_guide_is_in_the_nav():
    """The Chinese quick guide is a page of the site and covers install, documents, overdue."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    guide = (ROOT / "docs/guide-zh.md").read_text(encoding="utf-8")

    assert ": guide-zh.md" in config
    for heading in ("## 一、安装", "## 二、生成分工表与任务清单", "## 三、查看逾期事项"):
        assert heading in guide


def _guide_commands():
    guide = (ROOT / "docs/guide-zh.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", guide, re.DOTALL)
    return [shlex.split(b) for b in blocks if b.startswith("xiaojie ")]


_script = installed.script


@pytest.mark.parametrize("argv", _guide_commands(), ids=lambda a: " ".join(a[:3]))
def test_guide_commands_run(argv, tmp_path):
    """Every command of the Chinese guide runs as written, from a folder with the examples."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    (tmp_path / "examples").symlink_to(EXAMPLES)
    done = subprocess.run(  # noqa: S603 - our own script with the guide's arguments
        [script, *argv[1:]], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=600
    )

    assert 0 == done.returncode, done.stderr
    assert "未提供进度记录" not in done.stdout


def test_guide_files_exist(tmp_path):
    """The files the guide names are the files docs writes."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    (tmp_path / "examples").symlink_to(EXAMPLES)
    argv = next(a for a in _guide_commands() if a[1] == "docs")
    subprocess.run([script, *argv[1:]], cwd=tmp_path, check=True, capture_output=True, timeout=600)  # noqa: S603
    out = tmp_path / argv[argv.index("--out") + 1]

    for name in (
        "index.html",
        "tables/division.xlsx",
        "tables/units/finance.xlsx",
        "tables/responsibilities.xlsx",
        "tables/status.xlsx",
    ):
        assert (out / name).is_file(), name


def _run_example(name, *args, cwd, env=None):
    return subprocess.run(  # noqa: S603 - our own example scripts
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("make_documents.py", ["out", "2025-02-30"]),
        ("overdue_units.py", ["2025-02-30"]),
        ("track_progress.py", [str(EXAMPLES / "progress/ningxia-2025-progress.csv"), "2025-02-30"]),
        ("monthly_diaodu.py", ["out", "2025-02-30"]),
    ],
)
def test_examples_print_one_error_line_on_a_bad_date(name, args, tmp_path):
    """An example given 2月30日 prints one error line naming the date, no traceback."""
    done = _run_example(name, *args, cwd=tmp_path)

    assert 1 == done.returncode
    assert [
        "error: AS_OF: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
    ] == done.stderr.strip().splitlines()


def test_example_with_a_missing_extra_prints_one_line(tmp_path):
    """Without XlsxWriter, make_documents prints one error line naming the extra, no traceback."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "xlsxwriter.py").write_text(
        "raise ImportError('blocked for the test')\n", encoding="utf-8"
    )
    done = _run_example(
        "make_documents.py", str(tmp_path / "out"), cwd=tmp_path, env={"PYTHONPATH": str(blocker)}
    )

    assert 1 == done.returncode
    lines = done.stderr.strip().splitlines()
    assert 1 == len(lines), done.stderr
    assert lines[0].startswith("error: ")
    assert "pip install 'xiaojie[" in lines[0]


@pytest.mark.parametrize("name", ["make_documents.py", "parse_plan.py"])
def test_examples_write_nothing_into_the_current_folder(name, tmp_path):
    """Run with no arguments, an example writes into a temporary folder, not the current one."""
    here = tmp_path / "here"
    here.mkdir()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = _run_example(name, cwd=here, env={"TMPDIR": str(temporary)})

    assert 0 == done.returncode, done.stderr
    assert [] == sorted(p.name for p in here.iterdir())
    assert [] != sorted(temporary.iterdir())


def test_doc_examples_open_no_path_relative_to_the_repository_root():
    """No doctest in the docs opens "examples/…" or "tests/…" as a path relative to the current folder."""
    pages = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    relative = re.compile(r'^>>>.*["\'](?:examples|tests)/')
    found = [
        f"{page.name}: {line}"
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if relative.match(line)
    ]

    assert [] == found


def test_ledger_doc_runs_from_another_folder(tmp_path, monkeypatch):
    """docs/ledgers.md's examples pass when run from a folder other than the repository root."""
    import doctest

    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(ROOT / "docs/ledgers.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )

    assert 0 == result.failed
    assert result.attempted > 10
