"""Tests that the Spark engine (local mode) gives the findings of the object and DuckDB engines.

One SparkSession serves the whole test session (the ``spark`` fixture of ``conftest.py``;
starting one takes seconds); ledgers are small. Without a Java runtime or pyspark the tests
skip, except under ``CI=true``, where they must run.
"""

import datetime as dt
import itertools
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from ledger_strategies import HEADERS, as_of_dates, asset_ledgers, faulty_ledgers, household_ledgers
from test_ledgers_io import write_csv
from test_ledgers_odd_parquet import AS_OF as ODD_AS_OF
from test_ledgers_odd_parquet import odd_ledgers
from xiaojie.ledgers import (
    EliminationIncomeNotAboveLine,
    Household,
    LedgerKind,
    RevitalisationRate,
    check,
    check_columnar,
    households_to_arrow,
    read_assets,
    read_households,
    rules_for,
)
from xiaojie.ledgers.rules import CLAUSES, RULES, Case, Clause, Evidence, RowRule


# Py4J leaves its sockets to the garbage collector; that is PySpark's business, not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
D = dt.date
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "county_ledger"
HOUSEHOLD_RULES = [*rules_for("households"), EliminationIncomeNotAboveLine(monitoring_line=8700)]
ASSET_RULES = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]
SPARK = settings(
    max_examples=3,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)


def same(objects, columnar):
    """Two engines' findings are equal, item by item and in every aggregate."""
    assert objects.items == columnar.to_findings().items
    assert objects.by_rule() == columnar.by_rule()
    for level in ("county", "township", "village"):
        assert objects.by_place(level) == columnar.by_place(level)
    assert objects.by_unit() == columnar.by_unit()
    assert objects.by_owner() == columnar.by_owner()


def on_spark(spark, rows, as_of, ledger, rules):
    return check_columnar(
        rows, as_of=as_of, ledger=ledger, rules=rules, engine="spark", spark=spark, validate=False
    ).findings


class TestSparkAgrees:
    @SPARK
    @given(household_ledgers(max_size=10), as_of_dates)
    def test_households(self, spark, ledger, as_of):
        """Households: Spark, DuckDB and objects give the same findings."""
        objects = check(ledger, as_of=as_of, rules=HOUSEHOLD_RULES)
        same(objects, on_spark(spark, ledger, as_of, "households", HOUSEHOLD_RULES))
        same(objects, check_columnar(ledger, as_of=as_of, rules=HOUSEHOLD_RULES).findings)

    @SPARK
    @given(asset_ledgers(max_size=10), as_of_dates)
    def test_assets(self, spark, ledger, as_of):
        """Assets (row rules and the revitalisation rate): Spark agrees with objects."""
        objects = check(ledger, as_of=as_of, rules=ASSET_RULES)
        same(objects, on_spark(spark, ledger, as_of, "assets", ASSET_RULES))

    @SPARK
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_faulty_ledgers(self, spark, tmp_path, generated, as_of):
        """A faulty CSV ledger: the good rows checked on Spark give the findings of the others."""
        _, rows, _ = generated
        path = write_csv(tmp_path / "faulty.csv", [HEADERS, *rows])
        read = read_households(path)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        duck = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES)
        same(objects, duck.findings)
        same(objects, on_spark(spark, list(read.rows), as_of, "households", HOUSEHOLD_RULES))

    def test_example_county_ledger(self, spark, tmp_path):
        """The example county ledger: the three engines agree, also from a Parquet file."""
        import pyarrow.parquet as pq

        as_of = D(2025, 11, 15)
        households = read_households(EXAMPLE / "households.csv").rows
        assets = read_assets(EXAMPLE / "assets.csv").rows
        objects = check(households, as_of=as_of, rules=HOUSEHOLD_RULES)
        assert sum(objects.by_rule().values()) > 0
        same(
            objects,
            check_columnar(EXAMPLE / "households.csv", as_of=as_of, rules=HOUSEHOLD_RULES).findings,
        )
        path = tmp_path / "households.parquet"
        pq.write_table(households_to_arrow(households), path)
        same(objects, on_spark(spark, path, as_of, "households", HOUSEHOLD_RULES))
        asset_objects = check(assets, as_of=as_of, rules=ASSET_RULES)
        same(asset_objects, on_spark(spark, list(assets), as_of, "assets", ASSET_RULES))

    def test_catalog_table(self, spark):
        """A table in Spark's catalog is checked by its name."""
        ledger = [
            Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")
        ]
        spark.createDataFrame(households_to_arrow(ledger)).createOrReplaceTempView("monitored")
        found = check_columnar(
            "monitored", as_of=D(2025, 8, 1), engine="spark", spark=spark, validate=False
        )
        assert 1 == found.findings.by_rule()["identification_time_limit"]
        assert 1 == found.report.rows


def located(report):
    return [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]


def same_check(duck, spark_check):
    """Two checks read the same rows, locate the same problems and give the same findings."""
    assert located(duck.report) == located(spark_check.report)
    assert (duck.report.rows, duck.report.good) == (
        spark_check.report.rows,
        spark_check.report.good,
    )
    assert duck.report.ignored_columns == spark_check.report.ignored_columns
    assert duck.report.header_row == spark_check.report.header_row
    assert duck.findings.to_findings().items == spark_check.findings.to_findings().items
    assert duck.findings.by_rule() == spark_check.findings.by_rule()
    for level in ("county", "township", "village"):
        assert duck.findings.by_place(level) == spark_check.findings.by_place(level)
    assert duck.findings.by_unit() == spark_check.findings.by_unit()


def validated(spark, source, **kwargs):
    """Read, validate and check on Spark."""
    return check_columnar(source, engine="spark", spark=spark, validate=True, **kwargs)


class TestValidationOnSpark:
    @SPARK
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_faulty_ledgers(self, spark, tmp_path, generated, as_of):
        """Bad IDs, dates, flags, repeated keys, empty cells: Spark reports what DuckDB and objects do."""
        _, rows, _ = generated
        rows = [*rows, [""] * len(HEADERS)]
        if rows[:-1]:
            rows.append(list(rows[0]))  # the first key again
        path = write_csv(tmp_path / "faulty.csv", [HEADERS, *rows])
        read = read_households(path)
        duck = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES)
        on_spark = validated(spark, path, as_of=as_of, rules=HOUSEHOLD_RULES)

        same_check(duck, on_spark)
        assert located(read.report) == located(on_spark.report)
        same(check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES), on_spark.findings)

    def test_example_county_ledger(self, spark):
        """The example county ledger (households and assets; every column or only those needed)."""
        as_of = D(2025, 11, 15)
        for name, ledger, rules in (
            ("households.csv", "households", HOUSEHOLD_RULES),
            ("assets.csv", "assets", ASSET_RULES),
        ):
            duck = check_columnar(EXAMPLE / name, as_of=as_of, ledger=ledger, rules=rules)
            assert sum(duck.findings.by_rule().values()) > 0
            same_check(
                duck, validated(spark, EXAMPLE / name, as_of=as_of, ledger=ledger, rules=rules)
            )
        path = EXAMPLE / "households.csv"
        same_check(
            check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, validate="needed"),
            check_columnar(
                path, as_of=as_of, rules=HOUSEHOLD_RULES, engine="spark", spark=spark,
                validate="needed",
            ),
        )  # fmt: skip

    def test_negative_asset_values(self, spark, tmp_path):
        """A 资产原值 below 0, as text or as a number, is a bad row on Spark as on DuckDB."""
        import decimal

        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = (EXAMPLE / "assets.csv").read_text(encoding="utf-8").splitlines()[:5]
        header = rows[0].split(",")
        values = header.index("资产原值")
        cells = [row.split(",") for row in rows]
        cells[1][values] = "-5"
        text = tmp_path / "assets.csv"
        text.write_text("\n".join(",".join(row) for row in cells) + "\n", encoding="utf-8")
        table = pa.table({name: [row[i] for row in cells[1:]] for i, name in enumerate(header)})
        amounts = pa.array(
            [decimal.Decimal(v) for v in ("-5", "1000", "-0.01", "7.5")], pa.decimal128(12, 2)
        )
        table = table.set_column(values, "资产原值", amounts)
        parquet = tmp_path / "assets.parquet"
        pq.write_table(table, parquet)
        as_of = D(2025, 12, 1)
        for path, bad in ((text, [2]), (parquet, [1, 3])):
            duck = check_columnar(path, as_of=as_of, ledger="assets", rules=ASSET_RULES)
            assert bad == sorted({i.row for i in duck.report.issues})
            same_check(
                duck, validated(spark, path, as_of=as_of, ledger="assets", rules=ASSET_RULES)
            )

    def test_parquet_rows_are_numbered_by_position(self, spark, tmp_path):
        """Rows of a Parquet file in several row groups are numbered by their place in the file."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        ledger = [
            Household(id=f"H{i}", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")
            for i in range(40)
        ]
        table = households_to_arrow(ledger)
        ids = table.column("household_id").to_pylist()
        ids[33] = "H 33"
        ids[7] = "H5"
        table = table.set_column(0, "household_id", pa.array(ids))
        path = tmp_path / "h.parquet"
        pq.write_table(table, path, row_group_size=4)
        on_spark = validated(spark, path, as_of=D(2025, 8, 1))

        same_check(check_columnar(path, as_of=D(2025, 8, 1)), on_spark)
        assert [(8, "duplicate"), (34, "bad_key")] == [
            (i.row, i.kind.value) for i in on_spark.report.issues
        ]

    def test_time_of_day_parquet_is_refused(self, spark, tmp_path):
        """A Parquet file Spark cannot read (a time-of-day column) gets a located LedgerError."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from xiaojie.errors import LedgerError

        path = tmp_path / "times.parquet"
        pq.write_table(
            pa.table({"户编号": pa.array([dt.time(1)], pa.time64("us")), "户类型": ["脱贫户"]}),
            path,
        )

        with pytest.raises(
            LedgerError, match=r"times\.parquet: expected a Parquet file Spark can read"
        ):
            validated(spark, path, as_of=D(2025, 8, 1))

    def test_catalog_table(self, spark):
        """A table in Spark's catalog is validated too, its rows numbered in the table's order."""
        ledger = [
            Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17"),
            Household(id="H1", kind="一般农户", clue_on="2025-06-01"),
        ]
        spark.createDataFrame(households_to_arrow(ledger)).createOrReplaceTempView("validated")
        found = validated(spark, "validated", as_of=D(2025, 8, 1))

        assert [(2, "duplicate")] == [(i.row, i.kind.value) for i in found.report.issues]
        assert 1 == found.findings.by_rule()["identification_time_limit"]

    def test_parquet_in_several_files(self, spark, tmp_path):
        """A folder of Parquet files (and a catalog table stored in it) is numbered file after
        file, by path, as one table of those rows: report and findings equal DuckDB's on it."""
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        options = pacsv.ConvertOptions(strings_can_be_null=False)
        table = pacsv.read_csv(EXAMPLE / "households.csv", convert_options=options)
        table = table.cast(pa.schema([(n, pa.string()) for n in table.column_names]))
        folder = tmp_path / "households"
        folder.mkdir()
        cuts = [0, 50, 200, table.num_rows]  # three files, rows set aside in the second and third
        for name, (start, stop) in zip(("a", "b", "c"), itertools.pairwise(cuts), strict=True):
            pq.write_table(table.slice(start, stop - start), folder / f"part-{name}.parquet")
        as_of = D(2025, 11, 15)
        duck = check_columnar(table, as_of=as_of)
        assert duck.report.issues  # rows set aside, so their numbers are compared
        assert any(i.row > cuts[2] for i in duck.report.issues)

        same_check(duck, validated(spark, str(folder), as_of=as_of))
        # a table of the catalog stored in those files, by its qualified name
        spark.sql(f"CREATE TABLE in_files USING parquet LOCATION '{folder}'")
        try:
            same_check(duck, validated(spark, "default.in_files", as_of=as_of))
        finally:
            spark.sql("DROP TABLE in_files")  # an external table: the files stay


@attrs.frozen(kw_only=True)
class NoVillage(RowRule):
    """A user's rule: a monitored household must name its village."""

    id: ClassVar[str] = "test_no_village"
    title: ClassVar[str] = "监测户未填写行政村"
    ledger: ClassVar[LedgerKind] = LedgerKind.HOUSEHOLDS
    row_type: ClassVar[type] = Household
    clause: ClassVar[Clause] = CLAUSES[4]
    messages: ClassVar[dict[str, tuple[str, str]]] = {
        "no_village": ("{day}发现风险线索,未填写行政村", "监测户填写所在行政村")
    }

    def examine(self, row, ctx):
        if row.clue_on is not None and row.clue_on <= ctx["as_of"] and not row.place.village:
            yield Evidence("no_village", row.clue_on)

    def cases(self, table, ctx):
        import ibis

        as_of = ibis.literal(ctx["as_of"], type="date")
        village = table.village
        condition = (table.clue_on <= as_of) & (village.isnull() | (village == ""))
        return [Case("no_village", condition, table.clue_on)]


class TestUserRule:
    def test_registered_and_run_on_every_engine(self, spark):
        """A user-defined rule is registered by declaring it and runs on objects, DuckDB and Spark."""
        from xiaojie.ledgers import Place

        ledger = [
            Household(
                id="H1", kind="一般农户", clue_on="2025-06-01", place=Place("同心县", "豫海镇")
            ),
            Household(
                id="H2",
                kind="一般农户",
                clue_on="2025-06-01",
                place=Place("同心县", "豫海镇", "红星村"),
            ),
            Household(id="H3", kind="一般农户", clue_on="2025-09-01", place=Place("同心县")),
        ]
        rules = [NoVillage()]
        as_of = D(2025, 8, 1)
        objects = check(ledger, as_of=as_of, rules=rules)

        assert RULES["test_no_village"] is NoVillage
        assert ["H1"] == [f.subject for f in objects]
        assert "2025-06-01发现风险线索,未填写行政村" == objects.items[0].found
        same(objects, check_columnar(ledger, as_of=as_of, rules=rules).findings)
        same(objects, on_spark(spark, ledger, as_of, "households", rules))
        validated_on_spark = check_columnar(
            ledger, as_of=as_of, rules=rules, engine="spark", spark=spark, validate=True
        )
        assert validated_on_spark.report.ok
        same(objects, validated_on_spark.findings)


class TestCommandLine:
    def test_check_ledger_on_spark(self, spark, tmp_path, capsys):
        """check-ledger --engine spark on a Parquet ledger gives the object engine's findings."""
        import json

        import pyarrow.parquet as pq

        from xiaojie.cli import main

        households = read_households(EXAMPLE / "households.csv").rows
        path = tmp_path / "households.parquet"
        pq.write_table(households_to_arrow(households), path)
        argv = ["check-ledger", "--as-of", "2025-11-15", "--json", "--kind", "households"]
        argv += ["--monitoring-line", "8700"]

        assert 0 == main([*argv, str(path), "--engine", "spark", "--spark-master", "local[2]"])
        on_spark = json.loads(capsys.readouterr().out)
        from xiaojie import load_plan
        from xiaojie.cli._ledger_json import sorted_records
        from xiaojie.ledgers import EliminationIncomeNotAboveLine

        rules = [
            EliminationIncomeNotAboveLine(monitoring_line=8700)
            if isinstance(r, EliminationIncomeNotAboveLine)
            else r
            for r in rules_for("households")
        ]
        objects = check(households, as_of=D(2025, 11, 15), rules=rules)

        assert "spark" == on_spark["engine"]
        assert objects.by_rule() == on_spark["by_rule"]
        # the command line names units as the plan's registry does
        assert [r for _, r in sorted_records(objects, load_plan())] == on_spark["findings"]


class TestChecksAtOnce:
    # The engine silences PySpark's pandas deprecation warnings with warnings.catch_warnings,
    # which is process-wide: with two threads one may leave it while the other is inside.
    @pytest.mark.filterwarnings("ignore:The copy keyword is deprecated", "ignore:.*pandas 4")
    def test_two_checks_interleaved_on_one_session(self, spark, tmp_path, monkeypatch):
        """Two validated checks interleaved on one session each find their own ledger's findings,
        and leave none of their temporary views, nor their scan settings, behind."""
        import threading
        from concurrent.futures import ThreadPoolExecutor

        from test_leaks import ledger_rows
        from xiaojie.ledgers import _validate

        first = EXAMPLE / "households.csv"
        second = write_csv(tmp_path / "hostile.csv", ledger_rows())
        as_of = D(2025, 11, 15)
        duck = {path: check_columnar(path, as_of=as_of) for path in (first, second)}
        assert duck[first].findings.by_rule() != duck[second].findings.by_rule()
        # both checks have put their raw ledger on the session before either reads it back
        barrier = threading.Barrier(2, timeout=300)
        learn = _validate.learn_names

        def learn_then_wait(*args, **kwargs):
            learn(*args, **kwargs)
            barrier.wait()

        monkeypatch.setattr(_validate, "learn_names", learn_then_wait)
        before = {table.name for table in spark.catalog.listTables()}
        keys = ("spark.sql.optimizer.excludedRules", "spark.sql.codegen.wholeStage")
        settings_before = {key: spark.conf.get(key, None) for key in keys}
        with ThreadPoolExecutor(2) as pool:
            running = {path: pool.submit(validated, spark, path, as_of=as_of) for path in duck}
            done = {path: future.result() for path, future in running.items()}

        for path, check_ in duck.items():
            same_check(check_, done[path])
        assert before == {table.name for table in spark.catalog.listTables()}
        assert not [t.name for t in spark.catalog.listTables() if t.name.startswith("xiaojie_")]
        # the scan's planning settings are the session's own again
        assert settings_before == {key: spark.conf.get(key, None) for key in keys}


class TestOddParquetOnSpark:
    @SPARK
    @given(table=odd_ledgers())
    def test_rows_read_from_odd_parquet(self, spark, tmp_path, table):
        """The rows the object reader accepts from an odd Parquet file give Spark the same findings."""
        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "odd.parquet"
        pq.write_table(table, path)
        read = read_households(path)
        objects = check(read.rows, as_of=ODD_AS_OF, rules=HOUSEHOLD_RULES)
        duck = check_columnar(path, as_of=ODD_AS_OF, rules=HOUSEHOLD_RULES)

        same(objects, duck.findings)
        same(objects, on_spark(spark, list(read.rows), ODD_AS_OF, "households", HOUSEHOLD_RULES))

    @SPARK
    @given(table=odd_ledgers())
    def test_odd_parquet_validated_on_spark(self, spark, tmp_path, table):
        """Odd Parquet types (integer flags, decimal or date keys …) are validated on Spark as on DuckDB."""
        import pyarrow as pa

        from xiaojie.errors import LedgerError

        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "odd.parquet"
        pq.write_table(table, path)
        duck = check_columnar(path, as_of=ODD_AS_OF, rules=HOUSEHOLD_RULES)

        if any(pa.types.is_time(field.type) for field in table.schema):
            # Spark has no time-of-day type: such a file is refused with a located error.
            with pytest.raises(
                LedgerError, match=r"odd\.parquet: expected a Parquet file Spark can read"
            ):
                validated(spark, path, as_of=ODD_AS_OF, rules=HOUSEHOLD_RULES)
        else:
            same_check(duck, validated(spark, path, as_of=ODD_AS_OF, rules=HOUSEHOLD_RULES))
