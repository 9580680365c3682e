"""How the DuckDB check keeps the rows breaking a rule: narrow, its own memory, the same findings."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings

from ledger_strategies import HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_io import write_csv
from xiaojie.ledgers import (
    EliminationIncomeNotAboveLine,
    check,
    check_columnar,
    read_households,
    rules_for,
)


pa = pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from xiaojie.ledgers._engine import is_value, narrow_batch, split_values  # noqa: E402


RULES = [*rules_for("households"), EliminationIncomeNotAboveLine(monitoring_line=8700)]
FEW = settings(
    max_examples=max(10, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def _records(findings) -> list[tuple[str, ...]]:
    return sorted(
        (f.rule, f.subject, f.reason, f.found, f.expected, f.owner, *f.place.key())
        for f in (findings.to_findings() if hasattr(findings, "to_findings") else findings)
    )


def _buffers(batch) -> set[int]:
    return {
        buffer.address
        for column in batch.columns
        for buffer in column.buffers()
        if buffer is not None and buffer.size
    }


def test_scan_rows_are_narrow(tmp_path) -> None:
    """The validated check keeps places dictionary-encoded and each case's values apart."""
    rows = [
        [
            "H1",
            "张三",
            "",
            "",
            "甲县",
            "乙镇",
            "丙村",
            "一般农户",
            "",
            "",
            "",
            "2025-06-01",
            "2025-06-30",
        ],
        [
            "H2",
            "李四",
            "",
            "",
            "甲县",
            "乙镇",
            "丙村",
            "一般农户",
            "",
            "",
            "",
            "2025-06-01",
            "2025-06-05",
        ],
        [
            "H3",
            "王五",
            "",
            "",
            "甲县",
            "乙镇",
            "丁村",
            "一般农户",
            "",
            "",
            "",
            "2025-06-01",
            "2025-07-30",
        ],
    ]
    path = write_csv(tmp_path / "l.csv", [HEADERS[:13], *rows])

    findings = check_columnar(path, as_of=dt.date(2025, 8, 1), rules=RULES).findings

    names = findings.table.column_names
    assert not [name for name in names if is_value(name)]
    for name in ("county", "township", "village", "owner"):
        assert pa.types.is_dictionary(findings.table.schema.field(name).type)
    assert findings.values is not None
    assert findings.by_rule()["identification_time_limit"] == 2
    assert _records(findings) == _records(
        check(read_households(path).rows, as_of=dt.date(2025, 8, 1), rules=RULES)
    )


def test_narrow_batch_owns_its_memory() -> None:
    """A narrowed batch shares no buffer with the batch it came from, and holds the same values."""
    batch = pa.RecordBatch.from_pydict(
        {
            "subject": ["H1", "H2", "H3"],
            "county": ["甲县", "甲县", None],
            "owner": ["", "乡", "乡"],
            "f0": [True, False, True],
        }
    )

    narrow = narrow_batch(batch)

    assert not _buffers(narrow) & _buffers(batch)
    assert pa.types.is_dictionary(narrow.schema.field("county").type)
    assert narrow.to_pydict() == batch.to_pydict()


def test_split_values_keeps_each_case_rows_only() -> None:
    """Each value column keeps the rows its case's flag marks, in order; the rest stays whole."""
    table = pa.table(
        {
            "subject": ["H1", "H2", "H3"],
            "f0": [True, False, True],
            "d0": [1, 2, 3],
            "f1": [False, True, True],
            "n1": [10, 20, 30],
        }
    )

    rows, values = split_values(
        table, {"subject": "subject", "f0": "f0", "d0": "d0", "f1": "f1", "n1": "n1", "d1": "d0"}
    )

    assert rows.column_names == ["subject", "f0", "f1"]
    assert values["d0"].to_pylist() == [1, 3]
    assert values["n1"].to_pylist() == [20, 30]
    assert values["d1"].to_pylist() == [2, 3]


@FEW
@given(faulty_ledgers(max_size=10), as_of_dates)
def test_faulty_ledgers_same_findings(tmp_path, generated, as_of) -> None:
    """A faulty ledger: the narrow rows give the object engine's findings, one by one."""
    _, rows, _ = generated
    path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])

    columnar = check_columnar(path, as_of=as_of, rules=RULES).findings
    objects = check(read_households(path).rows, as_of=as_of, rules=RULES)

    assert _records(columnar) == _records(objects)
    assert columnar.records() == objects.records()
