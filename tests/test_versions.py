"""Plan versions: diff(old, new) as records, Markdown and HTML."""

import datetime as dt
import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.cli import main
from xiaojie.dates import Period
from xiaojie.model import Responsibility, Role
from xiaojie.render import diff_document, to_html, to_markdown
from xiaojie.versions import ChangeKind, diff


OLD = xj.load_plan()


def _revised():
    """The bundled plan with task 2 removed, task 3 re-worded, a unit added to task 4 and dropped from task 5, a deadline moved and a target raised."""
    t3 = attrs.evolve(OLD.task(3), title="长效化抓好巩固提升和成果运用")
    t4 = OLD.task(4)
    t4 = attrs.evolve(
        t4,
        responsibilities=(
            *t4.responsibilities,
            Responsibility(OLD.units.resolve("财政厅"), Role.CO_RESPONSIBLE),
        ),
    )
    t5 = OLD.task(5)
    t5 = attrs.evolve(t5, responsibilities=t5.responsibilities[:-1])
    tasks = [
        t3 if t.number == 3 else t4 if t.number == 4 else t5 if t.number == 5 else t
        for t in OLD.tasks
        if t.number != 2
    ]
    moved = attrs.evolve(OLD.item("midterm-report"), when=Period(None, dt.date(2025, 9, 15)))
    spending = OLD.item("spending-progress")
    raised = attrs.evolve(
        spending,
        targets=(attrs.evolve(spending.targets[0], value=65, text="65%"), spending.targets[1]),
    )
    return attrs.evolve(
        OLD,
        tasks=tasks,
        milestones=[moved if m.id == moved.id else m for m in OLD.milestones],
        indicators=[raised if i.id == raised.id else i for i in OLD.indicators],
    )


EXPECTED = [
    ("task_removed", "task-2", "高质量抓好整改落实", ""),
    ("task_reworded", "task-3", "长效化抓好巩固提升", "长效化抓好巩固提升和成果运用"),
    ("unit_added", "task-4", "", "自治区财政厅"),
    ("unit_dropped", "task-5", OLD.task(5).units[-1].name, ""),
    ("deadline_moved", "midterm-report", "2025-08-31", "2025-09-15"),
    ("target_changed", "spending-progress#0", ">= 60%", ">= 65%"),
]


def test_each_kind_of_change_is_recorded_once():
    """A removed task, a re-wording, a unit added and dropped, a moved deadline and a raised target are the six changes."""
    changes = diff(OLD, _revised())
    assert [(str(c.kind), c.ref, c.old, c.new) for c in changes] == EXPECTED


def test_inserting_a_task_renumbers_without_rewording():
    """A task inserted at the front is added; the others are renumbered, not re-worded."""
    new_task = attrs.evolve(OLD.task(1), number=1, title="新增的任务")
    shifted = [attrs.evolve(t, number=t.number + 1) for t in OLD.tasks]
    items = {
        "milestones": [
            attrs.evolve(m, task=None if m.task is None else m.task + 1) for m in OLD.milestones
        ],
        "obligations": [
            attrs.evolve(o, task=None if o.task is None else o.task + 1) for o in OLD.obligations
        ],
        "indicators": [
            attrs.evolve(i, task=None if i.task is None else i.task + 1) for i in OLD.indicators
        ],
        "limits": [
            attrs.evolve(x, task=None if x.task is None else x.task + 1) for x in OLD.limits
        ],
    }
    new = attrs.evolve(OLD, tasks=[new_task, *shifted], **items)
    kinds = [c.kind for c in diff(OLD, new)]
    assert kinds.count(ChangeKind.TASK_ADDED) == 1
    assert kinds.count(ChangeKind.TASK_RENUMBERED) == len(OLD.tasks)
    assert ChangeKind.TASK_REWORDED not in kinds


def test_markdown_and_html_show_every_change():
    """The document lists each change with its Chinese label, old and new value."""
    document = diff_document(OLD, _revised())
    markdown = to_markdown(document)
    assert "共6处变动" in markdown
    assert "| 时限调整 | midterm-report | 2025-08-31 | 2025-09-15 |" in markdown
    html = to_html(document)
    assert html.count("<tr") == 7
    assert "删除任务" in html


@settings(max_examples=40, deadline=None)
@given(plan=plans(), days=st.integers(1, 30))
def test_a_plan_equals_itself_and_one_moved_deadline_is_one_change(plan, days):
    """diff(p, p) is empty; moving one milestone's due date is exactly one deadline_moved."""
    assert diff(plan, plan) == ()
    if plan.milestones:
        m = plan.milestones[0]
        moved = attrs.evolve(m, when=Period(None, m.due + dt.timedelta(days=days)))
        new = attrs.evolve(plan, milestones=[moved, *plan.milestones[1:]])
        changes = diff(plan, new)
        assert [(c.kind, c.ref) for c in changes] == [(ChangeKind.DEADLINE_MOVED, m.id)]
        assert changes[0].new == str(m.due + dt.timedelta(days=days))


def test_cli_diff_in_every_format(tmp_path, capsys):
    """`xiaojie diff OLD NEW` prints text, JSON records, and writes Markdown or HTML to a file."""
    old = xj.save_plan(OLD, tmp_path / "old.toml")
    new = xj.save_plan(_revised(), tmp_path / "new.toml")
    assert main(["diff", str(old), str(new)]) == 0
    assert "deadline_moved midterm-report: 2025-08-31 → 2025-09-15" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 6
    assert (
        main(["diff", str(old), str(new), "--format", "html", "-o", str(tmp_path / "d.html")]) == 0
    )
    assert "目标调整" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_the_diff_page_in_headless_chromium(tmp_path):
    """Chromium renders the HTML diff with one table row per change and no console error."""
    import re

    import chromium

    browser = chromium.require()
    page = tmp_path / "diff.html"
    page.write_text(to_html(diff_document(OLD, _revised())), encoding="utf-8")
    dom, stderr = chromium.dump_dom(browser, page, tmp_path / "profile")
    assert chromium.console_errors(stderr) == []
    assert len(re.findall(r"<tr", dom)) == 7
    assert "2025-09-15" in dom
