"""Tables for analysts: typed records, pandas and Arrow from snapshots, plan tables and queries."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import HORIZON_END, HORIZON_START, plans
from xiaojie import queries
from xiaojie.errors import MissingExtraError, UnknownItemError
from xiaojie.progress import Completion, Progress
from xiaojie.tracking import status


PLAN = xj.load_plan()
ROOT = Path(__file__).parents[1]
AS_OF = dt.date(2025, 8, 1)


def test_status_to_pandas_in_one_call_with_dtypes():
    """xj.status(...).to_pandas() is a DataFrame with dates, whole numbers, text, lists typed."""
    pd = pytest.importorskip("pandas")
    done = Progress([Completion("resident-work-meeting", "2025-07-30")])
    frame = xj.status(PLAN, done, as_of=AS_OF).to_pandas()

    assert len(frame) == len(xj.status(PLAN, as_of=AS_OF))
    assert frame["due"].dtype.kind == "M"
    assert frame["done_on"].dtype.kind == "M"
    assert frame["as_of"].dtype.kind == "M"
    assert pd.Int64Dtype() == frame["task"].dtype
    assert pd.Float64Dtype() == frame["value"].dtype
    assert pd.BooleanDtype() == frame["soft"].dtype
    assert isinstance(frame["state"].dtype, pd.StringDtype)
    assert isinstance(frame["key"].dtype, pd.StringDtype)
    meeting = frame.set_index("key").loc["resident-work-meeting"]
    assert pd.Timestamp("2025-07-30") == meeting["done_on"]
    assert "done_on_time" == meeting["state"]
    assert isinstance(meeting["owners"], list)
    assert frame["key"].is_unique


def test_status_to_arrow_types():
    """to_arrow() gives date32 dates, int64 tasks and list<string> owners."""
    pa = pytest.importorskip("pyarrow")
    table = xj.status(PLAN, as_of=AS_OF).to_arrow()

    assert pa.date32() == table.schema.field("due").type
    assert pa.int64() == table.schema.field("task").type
    assert pa.list_(pa.string()) == table.schema.field("owners").type
    assert table.num_rows == len(xj.status(PLAN, as_of=AS_OF))


@settings(max_examples=30, deadline=None)
@given(
    plans(), st.dates(HORIZON_START - dt.timedelta(days=30), HORIZON_END + dt.timedelta(days=60))
)
def test_records_are_the_entries(plan, as_of):
    """Each record holds its entry's values, typed: dates as dates, owners as lists, tasks as ints."""
    snap = status(plan, as_of=as_of)
    rows = snap.to_records()

    assert [e.key for e in snap] == [r["key"] for r in rows]
    for entry, row in zip(snap, rows, strict=True):
        assert entry.due == row["due"]
        assert [o.name for o in entry.owners] == row["owners"]
        assert entry.task == row["task"]
        assert str(entry.state) == row["state"]
        assert row["due"] is None or type(row["due"]) is dt.date


def test_cli_json_is_built_from_the_records():
    """status --json's entries are the snapshot's records with dates as text."""
    import json

    from xiaojie.cli._shared import status_json

    snap = status(PLAN, as_of=AS_OF)
    data = json.loads(json.dumps(status_json(snap), ensure_ascii=False))

    assert snap.records().to_json() == data["entries"]
    assert (
        "2025-07-31" == next(e for e in data["entries"] if e["key"] == "spending-progress#0")["due"]
    )


def test_unit_json_ids_are_entry_keys():
    """unit --json gives each dated thing the key its status entry has: no two share one."""
    from xiaojie.cli._shared import unit_json

    data = unit_json(PLAN, PLAN.units.resolve("财政厅"))
    keys = [d["key"] for d in data["dated"]]
    known = {e.key for e in status(PLAN, as_of=AS_OF)}

    assert len(keys) == len(set(keys))
    assert set(keys) <= known


@pytest.mark.parametrize("name", queries.PLAN_TABLES)
def test_plan_tables_to_pandas(name):
    """Every plan table becomes a DataFrame with one row per record."""
    pytest.importorskip("pandas")
    table = queries.plan_table(PLAN, name)
    frame = table.to_pandas()

    assert list(table.names) == list(frame.columns)
    assert len(table) == len(frame)


def test_plan_tables_values():
    """The tasks table lists owners lead first; responsibilities have one row per task and unit."""
    tasks = queries.plan_table(PLAN, "tasks").to_records()
    roles = queries.plan_table(PLAN, "responsibilities").to_records()

    assert [u.name for u in PLAN.task(7).units] == tasks[6]["owners"]
    assert sum(len(t.responsibilities) for t in PLAN.tasks) == len(roles)
    assert {"lead"} == {r["role"] for r in roles if r["position"] == 1}


def test_unknown_plan_table():
    """An unknown table name is an error listing the known ones."""
    with pytest.raises(UnknownItemError, match="unknown table 'owners'"):
        queries.plan_table(PLAN, "owners")


def test_query_results_to_pandas():
    """The overdue-by-unit answer becomes a DataFrame, dates typed."""
    pytest.importorskip("pandas")
    rows = queries.units_with_overdue_tasks(PLAN, status(PLAN, as_of=AS_OF))
    frame = queries.owner_entries_table(rows).to_pandas()

    assert sum(len(r.entries) for r in rows) == len(frame)
    assert frame["due"].dtype.kind == "M"


def test_missing_pandas_names_the_extra(monkeypatch):
    """Without pandas, to_pandas() raises MissingExtraError naming the frames extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'xiaojie\[frames\]'"):
        status(PLAN, as_of=AS_OF).to_pandas()


def test_findings_to_pandas():
    """Ledger findings become a DataFrame: task a whole number, units a list, the date a date."""
    pd = pytest.importorskip("pandas")
    from xiaojie.ledgers import check, read_ledger

    read = read_ledger(ROOT / "examples/county_ledger/households.csv", "households")
    findings = check(read.rows, as_of=dt.date(2025, 11, 15))
    frame = findings.to_pandas()
    first = findings.to_records()[0]

    assert len(findings) == len(frame)
    assert pd.Int64Dtype() == frame["task"].dtype
    assert frame["as_of"].dtype.kind == "M"
    assert isinstance(first["units"], list)
    assert first["task"] == findings.items[0].task
    assert findings.to_arrow().num_rows == len(findings)
