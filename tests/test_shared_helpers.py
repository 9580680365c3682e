"""The shared helpers each live once: optional extras, display width, the comparator words, errors."""

import ast
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xiaojie
from xiaojie import _extras
from xiaojie._width import char_width, display_width
from xiaojie.dates import COMPARATOR_WORDS, Comparator
from xiaojie.errors import MissingExtraError, RenderError, XiaojieError
from xiaojie.parsing._targets import find_targets
from xiaojie.render import display_width as render_display_width


def _without(monkeypatch, package):
    """Make ``package`` unimportable, as if it were not installed."""
    monkeypatch.setitem(sys.modules, package, None)


class TestExtras:
    def test_missing_package_names_its_extra(self, monkeypatch):
        """A missing optional package raises one error type that names the extra to install."""
        _without(monkeypatch, "openpyxl")
        with pytest.raises(MissingExtraError, match=r"pip install 'xiaojie\[xlsx\]'") as caught:
            _extras.require("openpyxl", "writing XLSX")
        assert isinstance(caught.value, ImportError)
        assert isinstance(caught.value, XiaojieError)
        assert ("openpyxl", "xlsx") == (caught.value.package, caught.value.extra)

    def test_progress_xlsx_without_openpyxl(self, monkeypatch, tmp_path):
        """Reading an XLSX progress file without openpyxl names the file and the extra."""
        from xiaojie.progress import read_progress

        path = tmp_path / "p.xlsx"
        path.write_bytes(b"PK\x03\x04")
        _without(monkeypatch, "openpyxl")
        with pytest.raises(MissingExtraError, match=r"p\.xlsx: reading XLSX.*xiaojie\[xlsx\]"):
            read_progress(path)

    def test_calendar_without_icalendar(self, monkeypatch):
        """A calendar asked for without icalendar is one error naming the docs extra, not a traceback."""
        from xiaojie import load_plan
        from xiaojie.render import to_ics

        _without(monkeypatch, "icalendar")
        with pytest.raises(MissingExtraError, match=r"iCalendar feeds.*xiaojie\[docs\]"):
            to_ics(load_plan())

    def test_one_missing_extra_class(self):
        """The ledgers' missing-extra error is the one in xiaojie.errors."""
        from xiaojie import ledgers

        assert ledgers.MissingExtraError is MissingExtraError

    def test_render_error_is_one_class(self):
        """The render package's error is the one in xiaojie.errors."""
        from xiaojie import render

        assert render.RenderError is RenderError


class TestDisplayWidth:
    @given(st.text(max_size=20))
    def test_width_is_the_sum_of_character_widths(self, text):
        """A string is as wide as its characters; each is one or two columns."""
        assert display_width(text) == sum(char_width(c) for c in text)
        assert len(text) <= display_width(text) <= 2 * len(text)

    def test_one_rule_for_wide_and_narrow(self):
        """Halfwidth katakana are narrow and fullwidth letters wide, for every caller."""
        assert 3 == display_width("ｱｲｳ")
        assert 4 == display_width("ＡＢ")
        assert render_display_width is display_width


class TestComparatorWords:
    @pytest.mark.parametrize("word", ["不超过", "不低于", "高于", "低于", "以上", "以内"])
    def test_parser_reads_words_by_the_dates_table(self, word):
        """The parser's comparator for a bound word is the one in the dates table."""
        clause = f"脱贫比例{word}80%" if not word.startswith("以") else f"脱贫比例80%{word}"
        found = find_targets(clause, 0, len(clause), quoted=(), blocked=())
        assert found, clause
        assert COMPARATOR_WORDS[word] == found[0].comparator

    def test_from_word_reads_the_table(self):
        """Comparator.from_word answers from the same table."""
        assert all(Comparator.from_word(w) is c for w, c in COMPARATOR_WORDS.items())


class TestLabels:
    def test_every_role_and_state_has_words_in_both_languages(self):
        """Each role and state has its English words in render's labels and its Chinese ones on the enum."""
        from xiaojie.model import Role
        from xiaojie.render._labels import label_of
        from xiaojie.tracking import State

        for member in (*Role, *State):
            assert member.label == label_of(member, "zh")
            assert label_of(member, "en").isascii()
            assert label_of(member, "en")

    def test_ledger_words_live_with_the_others(self):
        """The ledger document's words are in the one label table."""
        from xiaojie.render._labels import label

        assert ("台账核查结果", "Ledger check") == (
            label("ledger_title"),
            label("ledger_title", "en"),
        )


class TestNames:
    def test_tracking_mode_keeps_its_old_name(self):
        """The obligation enum is TrackingMode; the old name Tracking still names it."""
        import xiaojie as xj
        from xiaojie.model import Tracking, TrackingMode

        assert Tracking is TrackingMode
        assert xj.TrackingMode is TrackingMode
        assert "tracking" != TrackingMode.__module__.rpartition(".")[2]

    def test_library_code_says_tracking_mode(self):
        """Inside the library only the alias's own definition and re-exports name Tracking."""
        allowed = {SRC / "__init__.py", SRC / "model" / "__init__.py", SRC / "model" / "_items.py"}
        users = []
        for path in sorted(SRC.rglob("*.py")):
            if path in allowed:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                named = (isinstance(node, ast.Name) and node.id == "Tracking") or (
                    isinstance(node, ast.alias) and node.name == "Tracking"
                )
                if named:
                    users.append(f"{path.relative_to(SRC)}:{node.lineno}")

        assert [] == users


SRC = Path(xiaojie.__file__).parent


def _defined_classes(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            yield node


class TestHomes:
    def test_every_error_class_is_in_errors(self):
        """Every public exception class is defined in xiaojie.errors (ledgers have their own plan)."""
        outside = []
        for path in sorted(SRC.rglob("*.py")):
            if path.name == "errors.py" or "ledgers" in path.relative_to(SRC).parts:
                continue
            for node in _defined_classes(path):
                bases = [ast.unparse(b) for b in node.bases]
                erring = any(b.endswith(("Error", "Exception")) for b in bases)
                if erring and not node.name.startswith("_"):
                    outside.append(f"{path.relative_to(SRC)}: {node.name}")

        assert [] == outside

    def test_old_import_paths_name_the_same_classes(self):
        """PlanParseError and FuzzyMatchUnavailableError keep their old import paths."""
        from xiaojie import compare, errors, parsing

        assert parsing.PlanParseError is errors.PlanParseError is xiaojie.PlanParseError
        assert compare.FuzzyMatchUnavailableError is errors.FuzzyMatchUnavailableError
        assert issubclass(errors.FuzzyMatchUnavailableError, errors.MissingExtraError)

    def test_missing_rapidfuzz_names_its_extra(self, monkeypatch):
        """Without rapidfuzz, aligning plans raises the missing-extra error naming [levels]."""
        from xiaojie import compare, errors

        _without(monkeypatch, "rapidfuzz")
        with pytest.raises(errors.FuzzyMatchUnavailableError, match=r"xiaojie\[levels\]") as info:
            compare._ratio()
        assert ("rapidfuzz", "levels") == (info.value.package, info.value.extra)

    def test_render_modules_share_no_private_names(self):
        """No render module imports another module's private name (the 通报 uses items_table)."""
        private = []
        for path in sorted((SRC / "render").glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("xiaojie"):
                    names = [a.name for a in node.names if a.name.startswith("_")]
                    private += [f"{path.name}: {node.module}.{n}" for n in names]

        assert [] == private
