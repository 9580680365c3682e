"""CSV ledgers holding bytes their encoding cannot read, validated on Spark (local mode).

Spark reads the file through the same reader as DuckDB: each cell holding such bytes is an issue
naming its row, its column and the bytes, and its row is set aside, so the report and the findings
are those of the object reader and of DuckDB. One SparkSession serves the whole test session (the
``spark`` fixture of ``conftest.py``); without Java or pyspark the tests skip.

Other bytes of a file no cell should hold are read alike by every engine: a byte order mark where
two files were joined end to end, and a Parquet column of times naming a zone that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_strategies import FIELDS, HEADERS, as_of_dates, faulty_ledgers
from test_ledgers_bad_bytes import (
    AS_OF,
    CON,
    HEADER,
    RULES,
    Damage,
    csv_bytes,
    cut,
    damages,
    located,
    rows_of,
    stray,
    write,
)
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    IssueKind,
    RevitalisationRate,
    check,
    check_columnar,
    read_assets,
    read_households,
    rules_for,
)


if TYPE_CHECKING:
    from pathlib import Path


# Py4J leaves its sockets to the garbage collector; that is PySpark's business, not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
SPARK = settings(
    max_examples=4,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def on_spark(spark: Any, path: Path, **options: Any) -> Any:
    """The check of ``path`` validated on Spark."""
    options.setdefault("validate", True)
    options.setdefault("as_of", AS_OF)
    options.setdefault("rules", RULES)
    return check_columnar(path, engine="spark", spark=spark, **options)


def agree(reference: Any, other: Any) -> None:
    """Two checks give the same report (issue by issue) and the same findings."""
    assert located(reference.report) == located(other.report)
    assert (reference.report.rows, reference.report.good) == (
        other.report.rows,
        other.report.good,
    )
    assert reference.findings.to_findings().items == other.findings.to_findings().items
    assert reference.findings.by_rule() == other.findings.by_rule()


class TestSparkSetsRowsAside:
    def test_a_name_cut_and_a_stray_byte(self, spark: Any, tmp_path: Path) -> None:
        """A cut name and a stray byte in a village: Spark names both and sets both rows aside."""
        damaged = {(3, 1): cut, (4, 3): stray()}
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", damaged))
        read = read_households(path)
        duck = check_columnar(path, as_of=AS_OF, rules=RULES, connection=CON)

        spark_check = on_spark(spark, path)

        assert [(3, "head_name"), (4, "village")] == [
            (i.row, i.field) for i in spark_check.report.issues
        ]
        assert (3, 1) == (spark_check.report.rows, spark_check.report.good)
        assert located(read.report) == located(spark_check.report)
        assert not any(ch in str(spark_check.report) for ch in "王建")
        agree(duck, spark_check)

    def test_a_row_set_aside_keeps_its_key(self, spark: Any, tmp_path: Path) -> None:
        """A key used again after a row set aside is a duplicate of it, on Spark too."""
        rows = [HEADER, *rows_of(), *rows_of()[1::-1]]
        damaged = {(3, 1): cut, (6, 3): stray()}
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", damaged))
        duck = check_columnar(path, as_of=AS_OF, rules=RULES, connection=CON)

        spark_check = on_spark(spark, path)

        assert [
            (3, "head_name", IssueKind.BAD_TYPE),
            (5, "household_id", IssueKind.DUPLICATE),
            (6, "village", IssueKind.BAD_TYPE),
            (6, "household_id", IssueKind.DUPLICATE),
        ] == [(i.row, i.field, i.kind) for i in spark_check.report.issues]
        agree(duck, spark_check)

    def test_only_the_needed_columns(self, spark: Any, tmp_path: Path) -> None:
        """With validate="needed", bytes in a name leave the row; bytes in a village set it aside."""
        damaged = {(2, 1): stray(), (3, 3): stray()}
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", damaged))
        duck = check_columnar(path, as_of=AS_OF, rules=RULES, validate="needed", connection=CON)

        spark_check = on_spark(spark, path, validate="needed")

        assert [(3, "village")] == [(i.row, i.field) for i in spark_check.report.issues]
        agree(duck, spark_check)

    def test_an_asset_ledger_with_a_group_rule(self, spark: Any, tmp_path: Path) -> None:
        """The check with a group rule (a rate by village) leaves the row out of its tallies."""
        header = ["资产编号", "项目名称", "行政村", "资产类别", "资产原值", "形成年度", "资产状态"]
        rows = [
            header,
            ["A1", "村组道路", "水兴村", "经营性", "1000", "2020", "闲置"],
            ["A2", "光伏电站", "水兴村", "经营性", "2000", "2021", "在用"],
            ["A3", "冷库", "沙结村", "经营性", "3000", "2022", "闲置"],
        ]
        path = write(tmp_path / "a.csv", csv_bytes(rows, "gb18030", {(3, 2): stray()}))
        rules = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]
        read = read_assets(path)
        objects = check(read.rows, as_of=AS_OF, rules=rules)

        spark_check = on_spark(spark, path, ledger="assets", rules=rules)

        assert [(3, "village")] == [(i.row, i.field) for i in spark_check.report.issues]
        assert located(read.report) == located(spark_check.report)
        assert objects.items == spark_check.findings.to_findings().items


class TestFilesJoinedEndToEnd:
    @pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
    def test_a_byte_order_mark_at_a_rows_start_is_no_part_of_its_key(
        self, spark: Any, tmp_path: Path, encoding: str
    ) -> None:
        """Two files joined, the second with its mark: its H1 is the first file's H1, repeated."""
        first = csv_bytes([HEADER, *rows_of()], encoding)
        second = "\ufeff".encode(encoding) + csv_bytes(rows_of()[:1], encoding)
        path = write(tmp_path / "joined.csv", first + second)
        read = read_households(path)
        duck = check_columnar(path, as_of=AS_OF, rules=RULES, connection=CON)

        spark_check = on_spark(spark, path)

        assert [(5, "household_id", IssueKind.DUPLICATE)] == [
            (i.row, i.field, i.kind) for i in read.report.issues
        ]
        assert read.report.issues[0].message.endswith("found a duplicate of row 2")
        assert ["H1", "H2", "H3"] == [h.id for h in read.rows]
        assert located(read.report) == located(duck.report)
        agree(duck, spark_check)


class TestParquetZones:
    @pytest.mark.parametrize("zone", ["+08", "+0800", "Asia/Shanghia"])
    def test_a_zone_no_reader_knows_is_refused_alike(
        self, spark: Any, tmp_path: Path, zone: str
    ) -> None:
        """A column of times in the zone ``+08`` is one located LedgerError on every engine."""
        table = pa.table({
            "户编号": ["H1"],
            "户类型": ["一般农户"],
            "风险线索发现时间": pa.array([dt.datetime(2025, 6, 1, 20)], pa.timestamp("us", zone)),
        })  # fmt: skip
        path = tmp_path / "h.parquet"
        pq.write_table(table, path)
        expected = (
            "h.parquet: column '风险线索发现时间': expected times in a time zone such as "
            f"Asia/Shanghai or +08:00, found the zone '{zone}'"
        )

        for attempt in (
            lambda: read_households(path),
            lambda: check_columnar(path, as_of=AS_OF, connection=CON),
            lambda: on_spark(spark, path),
        ):
            with pytest.raises(LedgerError) as info:
                attempt()

            assert expected == str(info.value)


_ENCODINGS = st.sampled_from(["gb18030", "utf-8", "utf-8-sig"])


@SPARK
@given(faulty_ledgers(max_size=6), as_of_dates, _ENCODINGS, st.data())
def test_three_engines_agree_on_random_bad_bytes(  # noqa: PLR0917 - hypothesis arguments
    spark: Any,
    tmp_path: Path,
    generated: tuple[Any, list[list[str]], Any],
    as_of: dt.date,
    encoding: str,
    data: st.DataObject,
) -> None:
    """Random cells of random ledgers get bad bytes: objects, DuckDB and Spark give the same
    report and findings, and each damaged cell the ledger reads has its issue."""
    _, rows, _ = generated
    rows = [[*HEADERS, "备注"], *([*row, "已走访"] for row in rows)]
    damaged: dict[tuple[int, int], Damage] = {}
    if len(rows) > 1:
        cells = st.tuples(st.integers(2, len(rows)), st.integers(0, len(rows[0]) - 1))
        for number, column in data.draw(st.sets(cells, min_size=1, max_size=3)):
            damaged[number, column] = data.draw(damages(rows[number - 1][column]))[0]
    path = write(tmp_path / "damaged.csv", csv_bytes(rows, encoding, damaged))

    read = read_households(path)
    objects = check(read.rows, as_of=as_of, rules=RULES)
    duck = check_columnar(path, as_of=as_of, rules=RULES, connection=CON)
    spark_check = on_spark(spark, path, as_of=as_of)

    agree(duck, spark_check)
    assert located(read.report) == located(spark_check.report)
    assert objects.items == spark_check.findings.to_findings().items
    named = {
        (i.row, i.column)
        for i in spark_check.report.issues
        if "found bytes that are not" in i.message
    }
    assert {(n, rows[0][c]) for n, c in damaged if c < len(FIELDS)} == named
