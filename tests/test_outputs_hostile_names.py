"""Outputs of plans whose unit names and texts are hostile: file names, folders, search data, JSON.

A unit's name comes from a plan file or a parsed clause (县人社局/县就业服务中心牵头): it may hold
a folder separator, ``..``, a mobile number, or run past what a file system takes. Every file
named after it stays one file inside ``--out``, masked, short enough and distinct from the
others; ``xiaojie docs --out`` writes into a linked folder and keeps what the folder holds;
``--json``, the graph exports and the index's search data mask what the text output masks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import chromium
from xiaojie._files import NAME_BYTES, _reserved, distinct_file_names, safe_file_name
from xiaojie._privacy import scrub
from xiaojie.cli import main
from xiaojie.cli._shared import masked_data
from xiaojie.errors import RenderError
from xiaojie.io import plan_from_mapping, progress_sheets, save_plan, write_sheets
from xiaojie.render import site_files, write_site
from xiaojie.render._html import UnitEntry, script_json, search_block
from xiaojie.render._site import unit_stem
from xiaojie.tracking import status


PHONE = "13812345678"
MASKED = "138****5678"
CONTACT = f"(联系人:马秀兰,电话{PHONE})"
SLASHED = "县人社局/县就业服务中心"
COLONED = "县人社局:县就业服务中心"
ESCAPING = "../../../ESCAPED"
LONG = "乡" * 300
WITH_PHONE = f"教育厅(联系电话{PHONE})"
COMMENT_SCRIPT = "农业<!--<script>农村厅"
HOSTILE = (SLASHED, COLONED, ESCAPING, LONG, WITH_PHONE, "CON", COMMENT_SCRIPT, "Abc", "abc")


def _mapping(units: tuple[str, ...], *, contact: str = "", title: str = "某县就业帮扶工作方案"):
    """A small plan: one task and one milestone due 31 July per unit."""
    day = dt.date(2025, 5, 8)
    return {
        "schema": "xiaojie-plan/1",
        "plan": {"id": "hostile-names", "title": title, "published": day, "reference_date": day},
        "units": [
            {"id": f"dept-{k}", "name": name, "kind": "government_department"}
            for k, name in enumerate(units)
        ],
        "campaigns": [{"number": 1, "name": "稳定务工就业", "short_name": "稳定务工就业"}],
        "tasks": [
            {
                "number": k + 1,
                "campaign": 1,
                "title": f"任务{k + 1}{contact}",
                "text": f"任务{k + 1}。{contact}",
                "units": [name],
            }
            for k, name in enumerate(units)
        ],
        "milestones": [
            {
                "id": f"milestone-{k + 1}",
                "owners": [name],
                "task": k + 1,
                "title": f"报送名单{contact}",
                "text": f"7月底前报送名单{contact}",
                "when": {"end": dt.date(2025, 7, 31), "text": "7月底前"},
            }
            for k, name in enumerate(units)
        ],
    }


def _plan(units: tuple[str, ...] = HOSTILE, **kwargs: str):
    return plan_from_mapping(_mapping(units, **kwargs), source="hostile")


def _plan_file(tmp_path: Path, units: tuple[str, ...] = HOSTILE, **kwargs: str) -> Path:
    path = tmp_path / "plan.json"
    save_plan(_plan(units, **kwargs), path)
    return path


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _everything_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


# --------------------------------------------------------------------------------------------
# File names made from names
# --------------------------------------------------------------------------------------------


_KEYS = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)


class TestSafeFileName:
    @given(
        name=st.text(),
        prefix=st.sampled_from(["", "任务清单-", "调度表-2025-08-01-640324-"]),
        suffix=st.sampled_from(["", ".docx", ".xlsx"]),
        key=_KEYS | st.just("") | st.just("k" * 300),
    )
    @example(name="\ud800\udfff", prefix="", suffix=".docx", key="k")
    @example(name="..", prefix="", suffix="", key="")
    @example(name=".", prefix="", suffix="", key="k")
    @example(name="CON", prefix="", suffix=".docx", key="")
    @example(name="lpt1 .txt", prefix="", suffix="", key="k")
    @example(name=ESCAPING, prefix="", suffix="", key="")
    @example(name="乡" * 300, prefix="任务清单-", suffix=".docx", key="k" * 300)
    @example(name="a\u2028b\u202ec\x00d\te", prefix="", suffix=".docx", key="k")
    def test_any_name_is_one_file_directly_in_the_folder(self, name, prefix, suffix, key):
        """Whatever the name, the file name is short, has no folder, and is created in the folder."""
        made = safe_file_name(name, mask=scrub, prefix=prefix, suffix=suffix, key=key)

        assert len(made.encode("utf-8")) <= NAME_BYTES
        assert made.endswith(suffix)
        assert not set('/\\\x00:*?"<>|') & set(made)
        assert not made.startswith(".")
        assert made not in {"", ".", ".."}
        assert not _reserved(made)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / made
            path.write_bytes(b"x")  # no error: a name the file system takes
            assert [path.name] == _names(Path(folder))

    @given(
        before=st.text(st.characters(exclude_categories=["Nd"]), max_size=20),
        phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        after=st.text(st.characters(exclude_categories=["Nd"]), max_size=20),
    )
    def test_a_mobile_number_in_the_name_is_masked(self, before, phone, after):
        """A mobile number standing in a name never reaches the file name."""
        made = safe_file_name(f"{before}电话{phone}。{after}", mask=scrub, suffix=".docx", key="k")

        assert phone not in made
        assert f"{phone[:3]}____{phone[-4:]}" in made

    @given(
        names=st.lists(
            st.text(st.sampled_from("aA乡/:*?_ .\\\t"), max_size=6).map(lambda s: "县" + s),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    @example(names=[SLASHED, COLONED, "县人社局_县就业服务中心"])
    def test_distinct_units_get_distinct_files(self, names):
        """Units whose names clean to the same file name still get distinct names, stably."""
        made = [
            safe_file_name(n, mask=scrub, prefix="任务清单-", suffix=".docx", key=f"k{i}")
            for i, n in enumerate(names)
        ]
        again = [
            safe_file_name(n, mask=scrub, prefix="任务清单-", suffix=".docx", key=f"k{i}")
            for i, n in enumerate(names)
        ]
        final = distinct_file_names(made)

        assert len(set(made)) == len(made)
        assert made == again
        assert len({n.casefold() for n in final}) == len(final)
        assert all(len(n.encode("utf-8")) <= NAME_BYTES for n in final)

    @given(names=st.lists(st.sampled_from(["a.docx", "A.docx", "a-2.docx", "x" * 193 + ".docx"])))
    def test_distinct_file_names_are_distinct_ignoring_case(self, names):
        """Numbered names never repeat, even ignoring case, and stay within the byte limit."""
        final = distinct_file_names(names)

        assert len({n.casefold() for n in final}) == len(final)
        assert all(len(n.encode("utf-8")) <= NAME_BYTES for n in final)
        assert all(
            f == n for f, n in zip(final, names, strict=True) if f.casefold() == n.casefold()
        )


class TestWordFiles:
    def _word(self, tmp_path: Path, units: tuple[str, ...] = HOSTILE) -> tuple[Path, set[Path]]:
        plan = _plan_file(tmp_path, units)
        base = tmp_path / "a" / "b" / "c"
        base.mkdir(parents=True)
        before = _everything_under(tmp_path)
        out = base / "out"

        assert 0 == main(["--plan", str(plan), "word", "--out", str(out)])
        assert _everything_under(tmp_path) - before == {
            p.relative_to(tmp_path) for p in [out, *out.iterdir()]
        }
        return out, {p.name for p in out.iterdir()}

    def test_every_file_is_one_file_in_out(self, tmp_path):
        """A name with / or ../ gives a file directly in --out: no folder below, nothing outside."""
        out, names = self._word(tmp_path)

        assert all(p.is_file() for p in out.iterdir())
        assert 1 + len(HOSTILE) == len(names)
        assert "任务清单-县人社局_县就业服务中心-dept-0.docx" in names
        assert "任务清单-县人社局_县就业服务中心-dept-1.docx" in names
        assert "任务清单-.._.._.._ESCAPED-dept-2.docx" in names

    def test_file_names_are_masked_short_and_stable(self, tmp_path):
        """No file name shows the mobile number or passes 200 bytes; a second run names alike."""
        _, names = self._word(tmp_path)
        again = tmp_path / "again"
        main(["--plan", str(tmp_path / "plan.json"), "word", "--out", str(again)])

        assert "任务清单-教育厅(联系电话138____5678)-dept-4.docx" in names
        assert not [n for n in names if PHONE in n]
        assert max(len(n.encode("utf-8")) for n in names) <= NAME_BYTES
        assert {"任务清单-Abc.docx", "任务清单-abc-2.docx"} <= names
        assert names == {p.name for p in again.iterdir()}

    def test_a_long_name_does_not_stop_the_command(self, tmp_path, capsys):
        """A unit name of 900 bytes is written like any other, after and before the others."""
        _, names = self._word(tmp_path, ("县财政局", LONG, "县人社局"))

        assert 4 == len(names)
        assert {"任务清单-县财政局.docx", "任务清单-县人社局.docx"} <= names
        assert "error" not in capsys.readouterr().err


class TestSheetFiles:
    def test_sheets_of_hostile_names_are_written(self, tmp_path):
        """Every sheet is written into the folder, with a short, masked, distinct name."""
        plan = _plan()
        sheets = progress_sheets(plan, status(plan, as_of=dt.date(2025, 7, 1)))

        written = write_sheets(plan, sheets, tmp_path / "sheets")

        assert len(HOSTILE) == len(written) == len({p.name.casefold() for p in written})
        assert all(p.parent == tmp_path / "sheets" and p.is_file() for p in written)
        assert max(len(p.name.encode("utf-8")) for p in written) <= NAME_BYTES
        assert not [p for p in written if PHONE in p.name]
        assert "调度表-2025-07-01-县人社局_县就业服务中心-dept-0.xlsx" == sheets[0].file_name


# --------------------------------------------------------------------------------------------
# write_site into a linked folder, keeping the folder
# --------------------------------------------------------------------------------------------


def _svg_site():
    return site_files(_plan(("县财政局",)), formats=["svg", "md"])


class TestWriteSite:
    def test_a_linked_folder_is_written_through(self, tmp_path):
        """A symbolic link as --out stays a link; the files land in the folder it points to."""
        (tmp_path / "webroot").mkdir()
        (tmp_path / "site").symlink_to("webroot")

        written = write_site(_svg_site(), tmp_path / "site")

        assert (tmp_path / "site").is_symlink()
        assert (tmp_path / "webroot" / "timeline.svg").is_file()
        assert all(p.is_file() and str(p).startswith(str(tmp_path / "site")) for p in written)
        assert ["site", "webroot"] == _names(tmp_path)

    def test_the_folder_keeps_its_mode_links_and_other_entries(self, tmp_path):
        """The folder's mode, its links, empty folders and other files stay; a file keeps its mode."""
        out = tmp_path / "site"
        (out / "empty").mkdir(parents=True)
        (out / "sub").mkdir()
        (out / "sub" / "a.txt").write_text("mine", encoding="utf-8")
        (out / "link.txt").symlink_to("sub/a.txt")
        (out / "timeline.svg").write_text("old", encoding="utf-8")
        (out / "timeline.svg").chmod(0o640)
        out.chmod(0o700)
        umask = os.umask(0o022)
        os.umask(umask)

        write_site(_svg_site(), out)

        assert 0o700 == stat.S_IMODE(out.stat().st_mode)
        assert (out / "empty").is_dir()
        assert (out / "link.txt").is_symlink()
        assert "mine" == (out / "link.txt").read_text(encoding="utf-8")
        assert 0o640 == stat.S_IMODE((out / "timeline.svg").stat().st_mode)
        assert (out / "timeline.svg").read_text(encoding="utf-8").startswith("<svg")
        new = next((out / "markdown").rglob("*.md"))
        assert 0o666 & ~umask == stat.S_IMODE(new.stat().st_mode)
        assert ["site"] == _names(tmp_path)

    def test_a_file_where_a_folder_stands_is_refused_first(self, tmp_path):
        """A file of the set that would replace a folder is refused before anything is replaced."""
        out = tmp_path / "site"
        (out / "timeline.svg").mkdir(parents=True)
        (out / "markdown").mkdir()
        (out / "markdown" / "index.md").write_text("old", encoding="utf-8")

        with pytest.raises(RenderError, match=r"timeline\.svg: expected a file, found a folder"):
            write_site(_svg_site(), out)
        assert "old" == (out / "markdown" / "index.md").read_text(encoding="utf-8")
        assert ["site"] == _names(tmp_path)

    KILLED_MOVING = """
import os, sys
sys.path.insert(0, sys.argv[2])
from xiaojie.render import _site
from test_outputs_hostile_names import _svg_site

real = _site._move
moved = []

def move(staged, target):
    if len(moved) == 2:
        os.kill(os.getpid(), 9)
    moved.append(target)
    real(staged, target)

_site._move = move
_site.write_site(_svg_site(), sys.argv[1])
"""

    def test_a_run_killed_while_moving_leaves_every_file_whole(self, tmp_path):
        """Killed half-way through moving files in: each file is old or new, and a rerun tidies up."""
        out = tmp_path / "webroot"
        (tmp_path / "site").symlink_to("webroot")
        write_site(site_files(_plan(("县人社局",)), formats=["svg", "md"]), out)
        old = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        new = {out / f.path: f.render() for f in _svg_site()}

        run = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
            [
                sys.executable,
                "-c",
                self.KILLED_MOVING,
                str(tmp_path / "site"),
                str(Path(__file__).parent),
            ],
            check=False,
        )
        after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

        assert -9 == run.returncode
        assert all(data in {old.get(p), new.get(p)} for p, data in after.items())
        assert 2 == sum(after[p] == new[p] != old.get(p) for p in new if p in after)
        assert [".webroot.xiaojie-new-"] == [
            n[: len(".webroot.xiaojie-new-")] for n in _names(tmp_path) if n.startswith(".")
        ]
        write_site(_svg_site(), tmp_path / "site")
        assert ["site", "webroot"] == _names(tmp_path)
        assert all(p.read_bytes() == data for p, data in new.items())

    def test_a_long_unit_id_names_its_files_short(self, tmp_path):
        """A unit id of 300 characters names its pages cut, with a digest; links still resolve."""
        mapping = _mapping(("县财政局",))
        mapping["units"][0]["id"] = "a" * 300
        plan = plan_from_mapping(mapping, source="long-id")

        write_site(site_files(plan, formats=["html"]), tmp_path)
        index = (tmp_path / "index.html").read_text(encoding="utf-8")

        assert (tmp_path / "units" / f"{unit_stem('a' * 300)}.html").is_file()
        assert f'href="units/{unit_stem("a" * 300)}.html"' in index


# --------------------------------------------------------------------------------------------
# Personal data in --json, exports and the search index
# --------------------------------------------------------------------------------------------


class TestMaskedOutputs:
    @pytest.mark.parametrize(
        "command",
        [
            ["status", "--as-of", "2025-08-01", "--json"],
            ["overdue", "--as-of", "2025-08-01", "--json"],
            ["show", "--json"],
            ["unit", "县财政局", "--json"],
            ["export", "--format", "json"],
            ["export", "--format", "graphml"],
            ["export", "--format", "dot"],
        ],
    )
    def test_data_masks_the_plans_own_text(self, tmp_path, capsys, command):
        """--json and the graph exports mask a mobile number in the plan's text, as the text does."""
        plan = _plan_file(tmp_path, ("县财政局",), contact=CONTACT, title=f"方案{CONTACT}")

        code = main(["--plan", str(plan), *command])
        out = capsys.readouterr().out

        assert 0 == code
        assert PHONE not in out
        assert MASKED in out

    def test_the_search_index_is_masked(self):
        """The names the index's search embeds are masked as the visible list shows them."""
        index = next(
            f for f in site_files(_plan((WITH_PHONE,)), formats=["html"]) if f.path == "index.html"
        )
        page = index.render().decode("utf-8")

        assert PHONE not in page
        assert "教育厅(联系电话138****5678)" in _search_names(page)

    @given(
        texts=st.recursive(
            st.text(max_size=12) | st.from_regex(r"电话1[3-9][0-9]{9}", fullmatch=True),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=10,
        )
    )
    def test_masked_data_is_scrub_of_every_text(self, texts):
        """Each text of the data (keys too) comes out as scrub gives it; the shape stays."""

        def scrubbed(value):
            if isinstance(value, str):
                return scrub(value)
            if isinstance(value, dict):
                return {scrub(k): scrubbed(v) for k, v in value.items()}
            return [scrubbed(v) for v in value]

        masked = masked_data(texts)

        assert json.dumps(scrubbed(texts), sort_keys=True) == json.dumps(masked, sort_keys=True)


def _search_names(page: str) -> list[str]:
    payload = re.search(
        r'<script type="application/json" id="unit-index">(.*?)</script>', page, re.DOTALL
    )
    assert payload is not None
    return [n for entry in json.loads(payload.group(1)) for n in entry["names"]]


# --------------------------------------------------------------------------------------------
# The search index's JSON inside <script>
# --------------------------------------------------------------------------------------------


class TestSearchIndexScript:
    @given(st.lists(st.text(st.sampled_from("<>&/!-\u2028\u2029'\"\\ascriptSCRIPT农")), max_size=4))
    @example(["<!--<script>", "</script>", "<!--", "-->", "\u2028\u2029"])
    def test_script_json_holds_no_markup_and_reads_back(self, names):
        """The JSON holds no <, > or & and no line separator, and reads back to the same value."""
        text = script_json(names)

        assert not set("<>&\u2028\u2029") & set(text)
        assert names == json.loads(text)

    def test_a_comment_in_a_unit_name_leaves_two_scripts(self):
        """<!--<script> in a name or alias cannot merge the data and the search script."""
        html = search_block(
            [
                UnitEntry(
                    id="a", name=COMMENT_SCRIPT, aliases=["</script><b>"], href="units/a.html"
                ),
                UnitEntry(id="b", name="县财政局", aliases=[], href="units/b.html"),
            ]
        )
        payload = re.search(r'id="unit-index">(.*?)</script>', html, re.DOTALL)

        assert payload is not None
        assert "<" not in payload.group(1)
        assert 2 == html.count("<script")
        assert [COMMENT_SCRIPT, "</script><b>", "县财政局"] == _search_names(html)

    def test_the_search_runs_in_a_browser(self, tmp_path):
        """With <!--<script> in a unit's name, Chromium runs the search and finds the unit."""
        browser = chromium.require()
        write_site(site_files(_plan((COMMENT_SCRIPT, "县财政局")), formats=["html"]), tmp_path)
        url = (tmp_path / "index.html").as_uri() + "?q=农村厅"

        dom, stderr = chromium.run(browser, tmp_path / "profile", "--dump-dom", url=url)
        shown = [a for a in re.findall(r"<li([^>]*)>", dom) if "data-id" in a and "hidden" not in a]

        assert [] == chromium.console_errors(stderr)
        assert 'data-search="ready"' in dom
        assert ['data-id="dept-0"'] == [re.search(r'data-id="[^"]+"', a)[0] for a in shown]


@given(st.text(alphabet="0123456789", min_size=4, max_size=4))
def test_a_parsed_units_id_does_not_give_away_a_masked_phone(digits: str) -> None:
    """The id of a unit named with a phone is a digest of the name as shown (digits masked)."""
    from xiaojie.model import UnitKind
    from xiaojie.parsing._owners import _new_id

    one = _new_id(f"教育厅(联系电话138{digits}5678)", UnitKind.GOVERNMENT_DEPARTMENT, set())
    other = _new_id("教育厅(联系电话13800005678)", UnitKind.GOVERNMENT_DEPARTMENT, set())
    assert one == other  # every hidden four digits give the same id: nothing to try
    assert _new_id("县财政局", UnitKind.GOVERNMENT_DEPARTMENT, set()) == "dept-d723b284"
