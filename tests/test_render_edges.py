"""The status report and the 通报 on any date, and a document set written into a folder with links.

A status report or a 通报 says in a sentence that a list is empty (nothing overdue, nothing due
soon); its workbook holds the same sheets on every date, the empty list's sheet with the list's
header and the sentence, so that a reader can tell "nothing overdue" from "sheet missing".

:func:`xiaojie.render.write_site` changes nothing outside the folder it is given: a file of the
set that stands as a symbolic link is replaced by a regular file (the file it pointed to keeps
its bytes), and a folder of the set that is a symbolic link is refused before anything is
replaced.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from office import convert
from xiaojie import load_plan
from xiaojie.errors import RenderError
from xiaojie.io import Collected, Collection, Verdict
from xiaojie.pace import paced_indicators
from xiaojie.parsing import parse_plan
from xiaojie.progress import Measurement, read_progress
from xiaojie.render import (
    Document,
    Heading,
    Paragraph,
    SiteFile,
    _site,
    notice,
    plain,
    site_files,
    status_report,
    to_html,
    to_xlsx,
    write_site,
)
from xiaojie.tracking import status


PLAN = load_plan()
PROGRESS_FILE = Path(__file__).parents[1] / "examples" / "progress" / "ningxia-2025-progress.csv"
PROGRESS = read_progress(PROGRESS_FILE, plan=PLAN)
YEAR_START, YEAR_END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
FULL = dt.date(2025, 12, 24)
"""A date with items overdue and items due soon (without progress): every list has rows."""

BUILDERS = {"status": status_report, "notice": notice}
CORPUS = Path(__file__).parent / "data" / "real"
UNSTAGED, UNSTAGED_REFERENCE = "cn-guofa-2018-38-zimaoqu", dt.date(2018, 11, 7)
"""A real plan with no indicator of staged targets, and its reference date."""


def _document(kind: str, as_of: dt.date, *, with_progress: bool, lang: str = "zh") -> Document:
    progress = PROGRESS if with_progress else None
    snapshot = status(PLAN, progress, as_of=as_of)
    return BUILDERS[kind](PLAN, snapshot, progress=progress, lang=lang)


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


@functools.cache
def _headers(
    kind: str, as_of: dt.date, *, with_progress: bool, lang: str = "zh"
) -> dict[str, list[object]]:
    """Return each sheet of the document's workbook with its header row."""
    data = to_xlsx(_document(kind, as_of, with_progress=with_progress, lang=lang))
    return {name: rows[0] for name, rows in _sheets(data).items()}


def _site_tables(as_of: dt.date, *, with_progress: bool) -> set[str]:
    progress = PROGRESS if with_progress else None
    snapshot = status(PLAN, progress, as_of=as_of)
    files = site_files(PLAN, snapshot=snapshot, formats=["csv", "xlsx"], progress=progress)
    return {f.path for f in files}


def _said_instead(doc: Document) -> dict[str, str]:
    """Return the sentences that stand for empty tables, by the heading above each."""
    said: dict[str, str] = {}
    heading = ""
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = plain(block.text)
        elif isinstance(block, Paragraph) and block.instead_of is not None:
            said[heading] = plain(block.text)
    return said


# --------------------------------------------------------------------------------------------
# The same sheets on every date
# --------------------------------------------------------------------------------------------


class TestSheetsOnEveryDate:
    @given(
        as_of=st.dates(YEAR_START, YEAR_END),
        with_progress=st.booleans(),
        kind=st.sampled_from(sorted(BUILDERS)),
        lang=st.sampled_from(["zh", "en"]),
    )
    @example(as_of=YEAR_START, with_progress=False, kind="status", lang="zh")
    @example(as_of=dt.date(2025, 6, 11), with_progress=True, kind="notice", lang="zh")
    @example(as_of=dt.date(2025, 8, 1), with_progress=False, kind="status", lang="en")
    @example(as_of=YEAR_END, with_progress=True, kind="notice", lang="en")
    def test_sheet_names_and_headers_do_not_depend_on_the_date(
        self, as_of, with_progress, kind, lang
    ):
        """A workbook has the same sheets, each with the same header, whatever the report date."""
        found = _headers(kind, as_of, with_progress=with_progress, lang=lang)
        full = _headers(kind, FULL, with_progress=False, lang=lang)

        assert full == found

    @given(as_of=st.dates(YEAR_START, YEAR_END), with_progress=st.booleans())
    @example(as_of=YEAR_START, with_progress=False)
    @example(as_of=dt.date(2025, 8, 1), with_progress=True)
    def test_site_tables_do_not_depend_on_the_date(self, as_of, with_progress):
        """The document set has the same CSV and XLSX files of the status on every date."""
        assert _site_tables(FULL, with_progress=False) == _site_tables(
            as_of, with_progress=with_progress
        )

    @pytest.mark.parametrize("kind", sorted(BUILDERS))
    def test_an_empty_list_is_its_header_and_the_sentence(self, kind):
        """Nothing overdue or due soon: the sheet holds the list's header and the page's sentence."""
        doc = _document(kind, YEAR_START, with_progress=False)
        sheets = _sheets(to_xlsx(doc))
        said = _said_instead(doc)
        html = to_html(doc)

        assert said
        for heading, sentence in said.items():
            header, *rows = sheets[heading]
            assert [[sentence] + [None] * (len(header) - 1)] == rows
            assert header == _headers(kind, FULL, with_progress=False)[heading]
            assert sentence in html

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_notice_before_anything_is_due_ranks_no_unit_in_words(self, lang):
        """Nothing due yet: part 五 says no unit is ranked (it was an empty table)."""
        doc = _document("notice", YEAR_START, with_progress=False, lang=lang)
        heading = "五、进展排名" if lang == "zh" else "5. Ranking of units"

        assert not [t for t in doc.tables() if t.name == "ranking"]
        assert _said_instead(doc)[heading] == (
            "截至通报日期,尚无到期事项,暂不排名。"
            if lang == "zh"
            else "Nothing was due by the report date: no unit is ranked yet."
        )

    def test_items_due_without_a_unit_are_not_called_nothing_due(self):
        """Overdue items that name no unit: part 五 says no unit is named, not that nothing is due."""
        text = (
            "XX县2024年农村人居环境整治工作方案\n一、重点任务\n"
            "1.开展村庄清洁行动，6月底前完成。\n2.推进农村厕所革命，9月底前完成改造任务。\n"
        )
        plan = parse_plan(text, reference=dt.date(2024, 1, 1)).plan
        doc = notice(plan, status(plan, as_of=dt.date(2024, 10, 1)))

        assert (
            _said_instead(doc)["五、进展排名"]
            == "截至通报日期到期的事项均未明确责任单位,暂不排名。"
        )
        assert "五、进展排名" in _said_instead(
            notice(plan, status(plan, as_of=dt.date(2024, 3, 1)))
        )
        assert (
            _said_instead(notice(plan, status(plan, as_of=dt.date(2024, 3, 1))))["五、进展排名"]
            == "截至通报日期,尚无到期事项,暂不排名。"
        )

    def test_a_list_with_rows_has_no_sentence(self):
        """On a date with rows in every list, no sentence stands for a table."""
        for kind in BUILDERS:
            assert {} == _said_instead(_document(kind, FULL, with_progress=False))

    @pytest.mark.parametrize("verdict", [Verdict.ACCEPTED, Verdict.REJECTED, Verdict.CONFLICT])
    def test_a_notice_after_a_diaodu_has_its_checks_sheet(self, verdict):
        """Every returned row accepted or some to correct: the same sheets, with the same headers."""

        def collection(verdict):
            row = Collected(
                source="调度表-财政厅.xlsx",
                line=5,
                unit="finance",
                key="spending-progress#0",
                title="资金支出进度",
                value="58",
                record=Measurement("spending-progress", "2025-07-31", 58),
                verdict=verdict,
                reasons=() if verdict is Verdict.ACCEPTED else ("数值与已采纳记录不一致",),
            )
            return Collection(as_of=FULL, rows=(row,), sent=("finance",), returned=("finance",))

        snapshot = status(PLAN, as_of=FULL)
        found = to_xlsx(notice(PLAN, snapshot, collection=collection(verdict)))
        flagged = to_xlsx(notice(PLAN, snapshot, collection=collection(Verdict.REJECTED)))

        assert {n: r[0] for n, r in _sheets(flagged).items()} == {
            n: r[0] for n, r in _sheets(found).items()
        }

    def test_a_notice_of_a_plan_without_staged_targets_has_its_pace_sheet(self):
        """A plan with no staged indicator: part 三's sheet has the table's header and the sentence."""
        plan = parse_plan(CORPUS / f"{UNSTAGED}.txt", reference=UNSTAGED_REFERENCE).plan
        doc = notice(plan, status(plan, as_of=plan.reference_date))
        sheets = _sheets(to_xlsx(doc))
        heading = next(n for n in _headers("notice", FULL, with_progress=False) if "三" in n)
        sentence = _said_instead(doc)[heading]

        assert not paced_indicators(plan)
        assert _headers("notice", FULL, with_progress=False)[heading] == sheets[heading][0]
        assert [sentence] == [c for c in sheets[heading][1] if c is not None]

    def test_libreoffice_opens_the_sheet_of_nothing_overdue(self, tmp_path):
        """LibreOffice reads the 通报 of a day with nothing overdue with the overdue sheet in it."""
        doc = _document("notice", YEAR_START, with_progress=True)
        source = tmp_path / "notice.xlsx"
        source.write_bytes(to_xlsx(doc))

        ods = convert(source, "ods", tmp_path / "out", tmp_path / "profile")
        with zipfile.ZipFile(ods) as archive:
            content = archive.read("content.xml").decode("utf-8")
        names = re.findall(r'<table:table table:name="([^"]*)"', content)

        assert list(_headers("notice", FULL, with_progress=False)) == names
        for sentence in _said_instead(doc).values():
            assert f"<text:p>{sentence}</text:p>" in content


# --------------------------------------------------------------------------------------------
# write_site changes nothing outside its folder
# --------------------------------------------------------------------------------------------


@pytest.fixture(params=["staged", "in place"])
def how(request, monkeypatch):
    """Write through a hidden folder (the usual way), or file by file where there can be none."""
    if request.param == "in place":
        monkeypatch.setattr(_site, "_staging", lambda _root, _folder: None)
    return request.param


def _files(formats):
    return site_files(PLAN, formats=formats)


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Return every entry under ``folder``: a file's bytes, a link's target, a folder's mark."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {path.readlink()}"
        elif path.is_dir():
            found[name] = "/"
        else:
            found[name] = path.read_bytes()
    return found


class TestWriteSiteStaysInside:
    @pytest.mark.parametrize("name", ["index.html", "timeline.svg", "campaigns/campaign-1.html"])
    def test_a_linked_file_is_replaced_not_written_through(self, tmp_path, how, name):
        """A file of the set standing as a link outside becomes a file; its target keeps its bytes."""
        outside = tmp_path / "outside"
        outside.mkdir()
        victim = outside / "victim.txt"
        victim.write_bytes(b"do not touch")
        victim.chmod(0o600)
        out = tmp_path / "site"
        (out / name).parent.mkdir(parents=True)
        (out / name).symlink_to(victim)
        files = _files(["html", "svg"])

        write_site(files, out)

        assert b"do not touch" == victim.read_bytes()
        assert 0o600 == victim.stat().st_mode & 0o777
        assert {"victim.txt": b"do not touch"} == _tree(outside)
        assert not (out / name).is_symlink()
        assert next(f for f in files if f.path == name).render() == (out / name).read_bytes()
        assert 0o600 != (out / name).stat().st_mode & 0o777

    @pytest.mark.parametrize(
        ("link", "formats"),
        [
            ("tables", ["csv", "xlsx"]),
            ("campaigns", ["html"]),
            ("markdown/units", ["md"]),
        ],
    )
    def test_a_linked_folder_is_refused_before_anything_is_replaced(
        self, tmp_path, how, link, formats
    ):
        """A folder of the set that is a link is refused, naming it; nothing anywhere changes."""
        outside = tmp_path / "outside"
        outside.mkdir()
        files = _files(formats)
        for f in files:  # the files the link would have the set write into
            if f.path.startswith(f"{link}/"):
                target = outside.joinpath(*f.path.removeprefix(f"{link}/").split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"do not touch")
        out = tmp_path / "site"
        (out / link).parent.mkdir(parents=True)
        (out / link).symlink_to(outside, target_is_directory=True)
        (out / "old.txt").write_bytes(b"old")
        for other in [f.path for f in files if not f.path.startswith(f"{link}/")][:1]:
            (out / other).parent.mkdir(parents=True, exist_ok=True)
            (out / other).write_bytes(b"old")  # a file the set replaces, were it written
        before, inside = _tree(outside), _tree(out)

        with pytest.raises(
            RenderError, match=rf"{re.escape(link)}: expected a folder, found a link"
        ):
            write_site(files, out)
        assert before == _tree(outside)
        assert inside == _tree(out)
        assert ["outside", "site"] == sorted(p.name for p in tmp_path.iterdir())

    def test_a_link_below_a_linked_folder_is_refused(self, tmp_path, how):
        """A folder of the set linked to a folder inside the set's folder is refused as well."""
        out = tmp_path / "site"
        (out / "elsewhere").mkdir(parents=True)
        (out / "tables").symlink_to("elsewhere", target_is_directory=True)

        with pytest.raises(RenderError, match=r"tables: expected a folder, found a link"):
            write_site(_files(["csv"]), out)
        assert {} == _tree(out / "elsewhere")

    @given(
        path=st.lists(
            st.sampled_from(["..", ".", "", "a", "index.html", "C:", "b\\..", "x\0"]),
            min_size=1,
            max_size=4,
        ).map("/".join)
    )
    @example(path="../outside.html")
    @example(path="/srv/www/outside.html")
    def test_a_file_of_the_set_is_named_inside_its_folder(self, path):
        """A SiteFile path that could lead out of the folder is refused, naming it."""
        parts = path.split("/")
        inside = all(p and p not in {".", ".."} and "\\" not in p and "\0" not in p for p in parts)
        inside = inside and ":" not in parts[0]

        if inside:
            assert path == SiteFile(path, bytes).path
        else:
            with pytest.raises(RenderError, match=r"SiteFile\.path: expected names joined by '/'"):
                SiteFile(path, bytes)

    def test_a_path_out_of_the_folder_writes_nothing_outside(self, tmp_path):
        """No file of a set lands beside its folder, whatever path a SiteFile is given."""
        out = tmp_path / "site"
        out.mkdir()

        with pytest.raises(RenderError, match=r"found '\.\./outside\.html'"):
            write_site([SiteFile("../outside.html", lambda: b"escaped")], out)
        assert ["site"] == sorted(p.name for p in tmp_path.iterdir())
