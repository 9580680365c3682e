"""The status report with ``limit`` and ``figures``: the rows it leaves out are counted, not lost."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.cli import main
from xiaojie.errors import RenderError
from xiaojie.render import Figure, plain, status_report, to_text
from xiaojie.tracking import status


PLAN = xj.load_plan()
MORE = re.compile(r"^…… 另有 ([\d,]+) 项未列出$")

as_of_dates = st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 1, 31))


def _groups(table):
    """Return the rows of each group of ``table`` (the whole table as one group if it has none)."""
    starts = [i for i, _ in table.groups] or [0]
    ends = [*starts[1:], len(table.rows)]
    return [
        [tuple(plain(c) for c in row) for row in table.rows[a:b]]
        for a, b in zip(starts, ends, strict=True)
    ]


def _counted(rows):
    """Return (rows shown, rows counted by a trailing 另有 N 项 row) of one group."""
    found = MORE.match(rows[-1][0]) if rows else None
    if found is None:
        return rows, 0
    return rows[:-1], int(found.group(1).replace(",", ""))


@given(as_of=as_of_dates, limit=st.integers(min_value=1, max_value=30))
def test_limited_tables_show_a_prefix_and_count_the_rest(as_of, limit):
    """Each group of a limited table is the full group's first ``limit`` rows plus a count of the rest."""
    snapshot = status(PLAN, as_of=as_of)
    full = {t.name: t for t in status_report(PLAN, snapshot).tables()}
    short = {t.name: t for t in status_report(PLAN, snapshot, limit=limit).tables()}
    assert full.keys() == short.keys()
    for name, table in short.items():
        if name == "summary":  # counts, never cut (see the test below)
            continue
        assert [plain(g) for _, g in table.groups] == [plain(g) for _, g in full[name].groups]
        for rows, whole in zip(_groups(table), _groups(full[name]), strict=True):
            shown, left = _counted(rows)
            assert len(shown) <= limit
            assert shown == whole[: len(shown)]
            assert len(shown) + left == len(whole)
            assert left == 0 or len(shown) == limit


def test_summary_counts_every_entry_whatever_the_limit():
    """The summary table is the same with a limit of one row as with none."""
    snapshot = status(PLAN, as_of=dt.date(2025, 8, 1))
    short = status_report(PLAN, snapshot, limit=1).tables()[0]
    full = status_report(PLAN, snapshot).tables()[0]
    assert short.name == "summary"
    assert short.rows == full.rows


def test_a_limit_of_one_counts_the_tasks_left_out():
    """With limit 1 the task table lists the first task, then 另有 24 项未列出."""
    tasks = status_report(PLAN, status(PLAN, as_of=dt.date(2025, 8, 1)), limit=1).tables()[-1]
    assert tasks.name == "tasks"
    assert plain(tasks.rows[0][0]) == "1"
    assert plain(tasks.rows[-1][0]) == "…… 另有 24 项未列出"
    assert len(tasks.rows) == 2


@pytest.mark.parametrize("limit", [0, -1, True, 2.5, "5"])
def test_a_limit_that_is_not_a_positive_integer_is_refused(limit):
    """A limit of 0, a negative number, a bool, a float or a string is a RenderError."""
    snapshot = status(PLAN, as_of=dt.date(2025, 8, 1))
    with pytest.raises(RenderError, match="limit: expected a positive integer"):
        status_report(PLAN, snapshot, limit=limit)


def test_without_figures_the_text_is_the_same():
    """Leaving the charts out changes no table: the plain text of both reports is equal."""
    snapshot = status(PLAN, as_of=dt.date(2025, 8, 1))
    with_figures = status_report(PLAN, snapshot)
    without = status_report(PLAN, snapshot, figures=False)
    assert any(isinstance(b, Figure) for b in with_figures.blocks)
    assert not any(isinstance(b, Figure) for b in without.blocks)
    assert to_text(without) == to_text(with_figures)


def test_the_command_lists_everything_of_the_bundled_plan(capsys):
    """``status`` prints the bundled plan's full report (no group is over 50); ``--all`` the same."""
    assert main(["status", "--as-of", "2025-08-01"]) == 0
    default, _ = capsys.readouterr()
    assert main(["status", "--as-of", "2025-08-01", "--all"]) == 0
    every, _ = capsys.readouterr()
    full = to_text(status_report(PLAN, status(PLAN, as_of=dt.date(2025, 8, 1))))
    assert default == every == full
    assert "另有" not in default
