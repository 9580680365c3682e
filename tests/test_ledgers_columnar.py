"""Tests that the columnar engine (DuckDB) and the object engine give the same answers.

Each DuckDB example costs several query plans, so the engine-against-engine properties run a
tenth of the profile's examples (30 under the ``ci`` profile) on ledgers of up to 12 rows, and
the cell-level properties put up to 60 cells in each example.
"""

import csv
import datetime as dt
import decimal
import sys

import attrs
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ledger_strategies import (
    FIELDS,
    HEADERS,
    as_of_dates,
    asset_ledgers,
    faulty_ledgers,
    fund_records,
    household_ledgers,
    household_row,
    problems,
)
from test_ledgers_io import DATA, write_csv, write_xlsx
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    EliminationIncomeNotAboveLine,
    Household,
    LedgerFileError,
    MissingExtraError,
    RevitalisationRate,
    _columnar,
    _learn,
    _sql,
    check,
    check_columnar,
    households_to_arrow,
    read_assets,
    read_households,
    rules_for,
    rules_sql,
    write_findings,
)
from xiaojie.ledgers._columnar import needed_fields
from xiaojie.ledgers._privacy import MAX_YEAR, MIN_YEAR
from xiaojie.ledgers._schema import FieldKind, HeaderMap, parse_cell, schema_for


D = dt.date
CON = duckdb.connect()
DUCK = settings(
    max_examples=max(10, settings.default.max_examples // 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
HOUSEHOLD_RULES = [*rules_for("households"), EliminationIncomeNotAboveLine(monitoring_line=8700)]
ASSET_RULES = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]


def same(objects, columnar):
    """The two engines' findings are equal, item by item and in every aggregate."""
    assert objects.items == columnar.to_findings().items
    assert objects.by_rule() == columnar.by_rule()
    for level in ("county", "township", "village"):
        assert objects.by_place(level) == columnar.by_place(level)
    assert objects.by_unit() == columnar.by_unit()
    assert objects.by_owner() == columnar.by_owner()


def located(report):
    return [(i.row, i.column, i.field, i.kind, i.message) for i in report.issues]


class TestEnginesAgree:
    @DUCK
    @given(household_ledgers(max_size=12), as_of_dates)
    @example(
        [Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")],
        D(2025, 7, 1),
    )
    @example([Household(id="H1", kind="脱贫户", identified_on="2024-02-29")], D(2025, 2, 28))
    def test_households(self, ledger, as_of):
        """Every household rule finds the same rows in both engines."""
        objects = check(ledger, as_of=as_of, rules=HOUSEHOLD_RULES)
        columnar = check_columnar(
            ledger, as_of=as_of, rules=HOUSEHOLD_RULES, validate=False, connection=CON
        )

        same(objects, columnar.findings)

    @DUCK
    @given(asset_ledgers(max_size=12), as_of_dates)
    def test_assets(self, ledger, as_of):
        """Every asset rule, group rates included, finds the same in both engines."""
        objects = check(ledger, as_of=as_of, rules=ASSET_RULES)
        columnar = check_columnar(
            ledger, as_of=as_of, ledger="assets", rules=ASSET_RULES, validate=False, connection=CON
        )

        same(objects, columnar.findings)

    @DUCK
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_csv_files_with_bad_rows(self, tmp_path, generated, as_of):
        """Reading a CSV ledger with bad rows gives the same report and findings in both engines."""
        _, rows, _ = generated
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        read = read_households(path)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        columnar = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)

        assert located(read.report) == located(columnar.report)
        assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
        same(objects, columnar.findings)

    @DUCK
    @given(faulty_ledgers(max_size=10), as_of_dates)
    def test_needed_columns_only(self, tmp_path, generated, as_of):
        """With validate="needed" only the rules' columns are judged: rows broken elsewhere stay."""
        ledger, rows, broken = generated
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        needed = needed_fields(schema_for("households"), HOUSEHOLD_RULES, as_of)
        bad_rows = {row for row, header in broken if FIELDS[HEADERS.index(header)] in needed}
        kept = [h for i, h in enumerate(ledger) if i + 2 not in bad_rows]
        result = check_columnar(
            path, as_of=as_of, rules=HOUSEHOLD_RULES, validate="needed", connection=CON
        )
        full = read_households(path).report

        assert not needed & {"head_name", "head_id_number", "phone", "risks", "size"}
        assert [i for i in located(full) if i[2] in needed] == located(result.report)
        same(check(kept, as_of=as_of, rules=HOUSEHOLD_RULES), result.findings)

    @DUCK
    @given(household_ledgers(max_size=12), as_of_dates)
    def test_typed_parquet_files(self, tmp_path, ledger, as_of):
        """A typed Parquet ledger gives the same findings in both engines."""
        path = tmp_path / "h.parquet"
        pq.write_table(households_to_arrow(ledger), path)
        read = read_households(path)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        columnar = check_columnar(path, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)

        assert read.report.ok
        assert columnar.report.ok
        same(objects, columnar.findings)

    def test_padded_and_duplicate_keys(self, tmp_path):
        """Keys padded with blanks are the same key in both engines; keys with inner blanks are bad."""
        path = write_csv(
            tmp_path / "h.csv",
            [
                ["户编号", "户类型"],
                ["H1", "脱贫户"],
                [" H1\u3000", "脱贫户"],
                ["H 1", "脱贫户"],
                ["H1", "贫困户"],
                ["\tH2", "脱贫户"],
                ["H2", "一般农户"],
            ],
        )
        read = read_households(path)
        columnar = check_columnar(path, as_of=D(2025, 8, 1), connection=CON)

        assert located(read.report) == located(columnar.report)
        assert [
            (3, "duplicate"),
            (4, "bad_key"),
            (5, "unknown_value"),
            (5, "duplicate"),
            (7, "duplicate"),
        ] == [(i.row, i.kind.value) for i in read.report.issues]

    @pytest.mark.parametrize("most", [256, 1, 0])
    def test_padded_places(self, tmp_path, monkeypatch, most):
        """Place cells with blanks at an end are judged as the object reader judges them.

        The padded values come from the place columns' distinct values (tested as a list), or,
        beyond ``MAX_PADDED`` of them, from each cell's ends.
        """
        monkeypatch.setattr(_learn, "MAX_PADDED", most)
        path = write_csv(
            tmp_path / "h.csv",
            [
                [
                    "户编号",
                    "户类型",
                    "县(市、区)",
                    "乡(镇)",
                    "行政村",
                    "风险线索发现时间",
                    "识别时间",
                ],
                ["H1", "脱贫户", "同心县", "河西镇", "V01村", "2025-06-01", "2025-06-30"],
                ["H2", "脱贫户", " 同心县", "河西镇", "V01村", "2025-06-01", "2025-06-30"],
                ["H3", "脱贫户", "同心县", "河西镇\u3000", "V01村", "2025-06-01", "2025-06-30"],
                ["H4", "脱贫户", "同心县", "河西镇", "V02村\t", "2025-06-01", "2025-06-30"],
                ["H5", "一般农户", "同心县", "河西镇", "V02村", "2025-06-01", "2025-06-30"],
            ],
        )
        read = read_households(path)
        columnar = check_columnar(path, as_of=D(2025, 8, 1), connection=CON)

        assert located(read.report) == located(columnar.report)
        assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
        same(
            check(read.rows, as_of=D(2025, 8, 1), rules=rules_for("households")), columnar.findings
        )
        assert columnar.findings.by_place("village") == {
            ("同心县", "河西镇", "V01村"): {"identification_time_limit": 3},
            ("同心县", "河西镇", "V02村"): {"identification_time_limit": 2},
        }

    def test_padded_place_values_found(self):
        """The place columns' padded distinct values are returned, and only those."""
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES ('A县', ' B镇', 'C村'), ('A县', 'B镇', 'C村\u3000'), "
            "('A县 ', 'B镇', ''), (NULL, 'B镇', 'C村')) v(a, b, c)"
        )
        schema = schema_for("households")
        padded = _learn.learn_names(
            con, "t", schema, {"county": "a", "township": "b", "village": "c"}
        )

        assert padded == {
            "county": frozenset({"A县 "}),
            "township": frozenset({" B镇"}),
            "village": frozenset({"C村\u3000", ""}),
        }

    def test_xlsx_fixture(self, tmp_path):
        """A spreadsheet ledger gives the same report and findings in both engines."""
        with (DATA / "households.csv").open(encoding="utf-8") as handle:
            rows = [line.rstrip("\n").split(",") for line in handle]
        path = write_xlsx(tmp_path / "h.xlsx", rows, title="同心县监测对象台账")
        read = read_households(path)
        columnar = check_columnar(path, as_of=D(2025, 8, 1), connection=CON)

        assert located(read.report) == located(columnar.report)
        same(
            check(read.rows, as_of=D(2025, 8, 1), rules=rules_for("households")), columnar.findings
        )

    def test_asset_fixture(self):
        """The fixture asset ledger gives the same findings in both engines."""
        read = read_assets(DATA / "assets.csv")
        columnar = check_columnar(
            DATA / "assets.csv", ledger="assets", as_of=D(2025, 12, 1), connection=CON
        )

        same(check(read.rows, as_of=D(2025, 12, 1), rules=rules_for("assets")), columnar.findings)
        assert columnar.findings.by_rule()["asset_registration_handover"] > 0

    @pytest.mark.parametrize(
        "column",
        [
            pa.array(["-5", "1,000", "-0.01", "-1,000", "0"]),
            pa.array([-5, 1000, -1, 0, 7], pa.int64()),
            pa.array([-5.0, 1000.0, -0.01, 0.0, 7.5], pa.float64()),
            pa.array(
                [decimal.Decimal(v) for v in ("-5", "1000", "-0.01", "0", "7.5")],
                pa.decimal128(12, 2),
            ),
        ],
        ids=["text", "int", "float", "decimal"],
    )
    def test_negative_asset_values(self, tmp_path, column):
        """A 资产原值 below 0 is a bad row on both engines, whatever the column's type."""
        with (DATA / "assets.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[:6]
        table = pa.table({name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])})
        table = table.set_column(table.column_names.index("资产原值"), "资产原值", column)
        path = tmp_path / "assets.parquet"
        pq.write_table(table, path)
        as_of = D(2025, 12, 1)

        read = read_assets(path)
        columnar = check_columnar(path, ledger="assets", as_of=as_of, connection=CON)

        negative = [
            i + 1  # a Parquet file numbers its rows from 1
            for i, v in enumerate(column.to_pylist())
            if decimal.Decimal(str(v).replace(",", "")) < 0
        ]
        assert negative == sorted({i.row for i in read.report.issues})
        assert located(read.report) == located(columnar.report)
        same(check(read.rows, as_of=as_of, rules=rules_for("assets")), columnar.findings)

    @given(st.lists(fund_records(), max_size=8), st.lists(problems(), max_size=3), as_of_dates)
    def test_small_ledgers(self, records, items, as_of):
        """Fund and problem ledgers go through the object rules in the columnar engine too."""
        items = [p.__class__(**{**_fields(p), "id": f"P{i}"}) for i, p in enumerate(items)]

        funds, issues = rules_for("funds"), rules_for("problems")

        same(
            check(records, as_of=as_of, rules=funds),
            check_columnar(records, as_of=as_of, ledger="funds").findings,
        )
        same(
            check(items, as_of=as_of, rules=issues),
            check_columnar(items, as_of=as_of, ledger="problems").findings,
        )


def _fields(problem):
    import attrs

    return attrs.asdict(problem, recurse=False)


TEXT_SAMPLES = st.one_of(
    st.text(alphabet="0123456789-/.年月日 :T", max_size=22),
    st.text(max_size=6),
    st.sampled_from(
        [
            "2024-02-29",
            "2025-02-29",
            "20250631",
            "2025/6/1 08:30",
            "1899-12-31",
            "2101-01-01",
            "8,523.50",
            "1.005",
            "-0.005",
            "99999999999999999",
            "007",
            "3.0",
            " 是 ",
            "√",
            "Y",
            "11010519491231002X",
            "11010519491231002x",
            "110105194912310021",
            "100-1234-5678",
            "因病",
            "因灾、因病",
            "因病,,因学",
            "普通农户",
            "ILLNESS",
            "illness",
            "　因残　",
        ]
    ),
)


class TestCellsAgree:
    @settings(max_examples=max(10, settings.default.max_examples // 10), deadline=None)
    @given(st.lists(TEXT_SAMPLES, min_size=1, max_size=60))
    def test_text_cells(self, samples):
        """For every field kind, SQL parses a text cell to the same value or marks it suspect."""
        fields = [
            f
            for f in schema_for("households").fields
            if f.name
            in {
                "household_id",
                "head_id_number",
                "phone",
                "kind",
                "risks",
                "clue_on",
                "fast_track",
                "income_per_capita",
                "size",
                "measure_1",
            }
        ]
        table = pa.table({f.name: pa.array(samples, pa.string()) for f in fields})
        values, suspects = _sql_cells(table, fields)

        for field in fields:
            for i, raw in enumerate(samples):
                value, issue, _ = parse_cell(field, raw)
                if issue is not None:
                    assert suspects[field.name][i], (field.name, raw)
                elif not suspects[field.name][i]:
                    expected = value.value if hasattr(value, "value") else value
                    if field.kind is FieldKind.ENUM_LIST:
                        continue
                    assert expected == values[field.name][i], (field.name, raw)

    @settings(max_examples=max(20, settings.default.max_examples // 5), deadline=None)
    @given(
        st.lists(
            st.sampled_from(
                ["脱贫户", "一般农户", "普通农户", "ORDINARY", "农户", " 脱贫户", "", "因病"]
            )
            | st.none()
            | st.text(max_size=6),
            min_size=1,
            max_size=40,
        ),
        st.sampled_from([256, 3, 0]),
    )
    def test_vocabulary_judged_from_distinct_cells(self, samples, most):
        """Vocabulary cells judged from the column's distinct cells read as when judged one by one."""
        fields = [schema_for("households").field("kind"), schema_for("households").field("risk_1")]
        table = pa.table({f.name: pa.array(samples, pa.string()) for f in fields})
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_sql, "MAX_SEEN", most)
            judged = _sql_cells(table, fields, seen=True)

        assert judged == _sql_cells(table, fields)

    def test_distinct_vocabulary_cells(self):
        """The distinct cells of vocabulary columns held as text are found; a canonical column needs no test."""
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE v AS SELECT * FROM (VALUES ('脱贫户', 1, '因病'), ('普通农户', 2, ''), "
            "(NULL, 1, '因病')) t(k, c, r)"
        )
        schema = schema_for("households")
        types = {"k": "VARCHAR", "c": "INTEGER", "r": "VARCHAR"}
        source = _columnar.Source(
            "v", {"kind": "k", "monitoring_category": "c", "risk_1": "r"}, types, (), 0
        )
        found = _sql.enum_values(con, source, schema)
        risk = schema.field("risk_1")

        assert found == {
            "kind": frozenset({"脱贫户", "普通农户"}),
            "monitoring_category": frozenset({"1", "2"}),
            "risk_1": frozenset({"因病"}),
        }
        assert _sql._parse(risk, "c", "text", found["risk_1"]) == ("c", False)
        assert _sql._suspect(risk, "c", "v", "text", seen=found["risk_1"]) is None

    def test_category_and_kind_pairs(self):
        """The pairs of category and kind are found as the typed columns read them; a contradiction no pair is, is left out."""
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE v AS SELECT * FROM (VALUES ('脱贫户', '脱贫不稳定户'), ('一般农户', '边缘易致贫户'), "
            "('一般农户', NULL), ('普通农户', '边缘户'), (NULL, '突发严重困难户'), ('某户', '脱贫不稳定户')) t(k, c)"
        )
        schema = schema_for("households")
        source = _columnar.Source(
            "v", {"kind": "k", "monitoring_category": "c"}, {"k": "VARCHAR", "c": "VARCHAR"}, (), 0
        )
        seen, pairs = _sql.vocabularies(con, source, schema)

        assert seen == _sql.enum_values(con, source, schema)
        assert seen["kind"] == frozenset({"脱贫户", "一般农户", "普通农户", "某户"})
        # 普通农户 is another spelling of 一般农户; 边缘户 and 某户 are no words of their lists.
        assert pairs == {
            ("脱贫不稳定户", "脱贫户"),
            ("边缘易致贫户", "一般农户"),
            (None, "一般农户"),
            ("突发严重困难户", None),
            ("脱贫不稳定户", None),
        }
        checks = _sql._cross_checks(schema.ledger, 0, pairs)
        assert not any("monitoring_category" in check for check in checks)
        assert checks == _sql._cross_checks(schema.ledger, 0)[2:]
        broken = pairs | {("脱贫不稳定户", "一般农户")}
        assert (
            _sql._cross_checks(schema.ledger, 0, broken)
            == _sql._cross_checks(schema.ledger, 0)[:1] + checks
        )
        assert _sql._cross_checks(schema.ledger, 0, None) == _sql._cross_checks(schema.ledger, 0)
        # Another spelling of a category contradicts as the word it stands for.
        con.execute(
            "CREATE TABLE w AS SELECT * FROM (VALUES ('一般户', 'UNSTABLE_LIFTED_OUT')) t(k, c)"
        )
        spelled = attrs.evolve(source, name="w")
        assert _sql.vocabularies(con, spelled, schema)[1] == {("脱贫不稳定户", "一般农户")}

    @DUCK
    @given(household_ledgers(max_size=10).filter(bool), as_of_dates, st.data())
    def test_category_contradicting_kind(self, tmp_path, ledger, as_of, data):
        """Rows whose category contradicts their kind are reported alike by both engines, on CSV and Parquet."""
        rows = [household_row(h, data.draw(st.integers(0, 11))) for h in ledger]
        kind, category = FIELDS.index("kind"), FIELDS.index("monitoring_category")
        for i in data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=3)):
            rows[i][category] = data.draw(
                st.sampled_from(
                    [
                        "脱贫不稳定户",
                        "边缘易致贫户",
                        "边缘户",
                        "UNSTABLE_LIFTED_OUT",
                        "marginal_at_risk",
                    ]
                )
            )
            rows[i][kind] = data.draw(
                st.sampled_from(["脱贫户", "一般农户", "普通农户", "脱贫人口"])
            )
        path = write_csv(tmp_path / "g.csv", [HEADERS, *rows])
        parquet = tmp_path / "g.parquet"
        pq.write_table(pa.table({h: [r[k] for r in rows] for k, h in enumerate(HEADERS)}), parquet)
        read = read_households(path)
        objects = check(read.rows, as_of=as_of, rules=HOUSEHOLD_RULES)
        for source, first in ((path, 2), (parquet, 1)):
            columnar = check_columnar(source, as_of=as_of, rules=HOUSEHOLD_RULES, connection=CON)
            # A CSV file's first row is row 2 (below its header), a Parquet file's row 1.
            expected = [(row - 2 + first, *rest) for row, *rest in located(read.report)]

            assert located(columnar.report) == expected
            same(objects, columnar.findings)

    @settings(max_examples=max(10, settings.default.max_examples // 10), deadline=None)
    @given(
        st.lists(
            st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-5, 200).map(float),
            min_size=1,
            max_size=40,
        )
    )
    def test_floating_cells(self, samples):
        """Floating-point money and sizes (Parquet DOUBLE) are read alike."""
        fields = [
            schema_for("households").field("income_per_capita"),
            schema_for("households").field("size"),
        ]
        table = pa.table({f.name: pa.array(samples, pa.float64()) for f in fields})
        values, suspects = _sql_cells(table, fields)

        for field in fields:
            for i, raw in enumerate(samples):
                value, issue, _ = parse_cell(field, raw)
                if issue is not None:
                    assert suspects[field.name][i]
                elif not suspects[field.name][i]:
                    assert value == values[field.name][i], (field.name, raw)


def _sql_cells(table, fields, *, seen=False):
    """Run the engine's cell expressions over a table of cells; return values and suspect flags.

    With ``seen`` the vocabulary fields are judged from their columns' distinct cells.
    """
    CON.register("cells_arrow", _columnar._with_rows(table, first=1))
    described = CON.sql("SELECT * FROM cells_arrow LIMIT 0")
    types = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    known = {}
    if seen:
        source = _columnar.Source("cells_arrow", {f.name: f.name for f in fields}, types, (), 0)
        known = _sql.enum_values(CON, source, schema_for("households"))
    inner, middle, outer = ["__row"], ["*"], []
    for i, field in enumerate(fields):
        cell, category, padded = _sql._cell(field, field.name, types[field.name])
        value, dated = _sql._parse(field, f"c{i}", category, known.get(field.name))
        if dated:
            value = f"(CASE WHEN year({value}) BETWEEN {MIN_YEAR} AND {MAX_YEAR} THEN {value} END)"
        digits = _sql.id_number_digits(f"c{i}") if field.kind is FieldKind.ID_NUMBER else "NULL"
        suspect = (
            _sql._suspect(field, f"c{i}", f"v{i}", category, f"n{i}", seen=known.get(field.name))
            or "false"
        )
        inner.extend([f"{cell} AS c{i}", f"{padded or 'false'} AS p{i}"])
        middle.extend([f"{value} AS v{i}", f"{digits} AS n{i}"])
        outer.extend([f"v{i}", f"({suspect} OR p{i})"])
    rows = CON.sql(
        f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(middle)} FROM "  # noqa: S608
        f"(SELECT {', '.join(inner)} FROM cells_arrow)) ORDER BY __row"
    ).fetchall()
    values = {f.name: [r[2 * i] for r in rows] for i, f in enumerate(fields)}
    suspects = {f.name: [bool(r[2 * i + 1]) for r in rows] for i, f in enumerate(fields)}
    return values, suspects


class TestColumnarApi:
    def test_missing_duckdb_says_how_to_install(self, monkeypatch):
        """Without DuckDB the engine explains which extra to install."""
        monkeypatch.setitem(sys.modules, "duckdb", None)

        with pytest.raises(MissingExtraError, match=r"pip install 'xiaojie\[columnar\]'"):
            check_columnar([Household(id="H1", kind="脱贫户")], as_of=D(2025, 8, 1))

    def test_missing_extra_is_an_import_error(self):
        """The missing-extra error is an ImportError for callers that expect one."""
        assert issubclass(MissingExtraError, ImportError)

    def test_rules_sql_runs_on_a_plain_table(self):
        """The exported SQL runs on any table with the canonical columns."""
        ledger = [
            Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17"),
            Household(id="H2", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-16"),
        ]
        con = duckdb.connect()
        con.register("ledger", households_to_arrow(ledger))
        rows = con.sql(
            rules_sql("households", as_of=D(2025, 8, 1), table="ledger", measures=1)
        ).fetchall()

        assert ["H1"] == [row[0] for row in rows]

    def test_strict_mode(self, tmp_path):
        """Strict mode raises one error listing every problem, as the object reader does."""
        path = write_csv(
            tmp_path / "h.csv", [["户编号", "户类型"], ["H1", "贫困户"], ["H1", "脱贫户"]]
        )

        with pytest.raises(
            LedgerFileError, match=r"(?s)row 2, column 户类型.*row 3, column 户编号"
        ):
            check_columnar(path, as_of=D(2025, 8, 1), strict=True, connection=CON)

    def test_missing_column_is_refused(self, tmp_path):
        """A ledger without a required column is refused before any query."""
        path = write_csv(tmp_path / "h.csv", [["户编号"], ["H1"]])

        with pytest.raises(LedgerError, match=r"expected a column for 户类型 \(kind\)"):
            check_columnar(path, as_of=D(2025, 8, 1), connection=CON)

    def test_trusted_ledger_skips_validation(self, tmp_path):
        """With validation off, an unreadable cell is taken as empty and nothing is reported."""
        path = write_csv(
            tmp_path / "h.csv",
            [["户编号", "户类型", "风险线索发现时间"], ["H1", "贫困户", "2025-02-30"]],
        )
        result = check_columnar(path, as_of=D(2025, 8, 1), validate=False, connection=CON)

        assert result.report.ok
        assert 0 == len(result.findings)

    def test_summary_and_writing(self, tmp_path):
        """Columnar findings have the same summary and written file as object findings."""
        ledger = [Household(id="H1", kind="脱贫户", identified_on="2024-08-01")]
        objects = check(ledger, as_of=D(2025, 8, 1), rules=rules_for("households"))
        columnar = check_columnar(ledger, as_of=D(2025, 8, 1), connection=CON).findings

        assert objects.summary() == columnar.summary()
        left = write_findings(objects, tmp_path / "a.csv").read_text(encoding="utf-8-sig")
        right = write_findings(columnar, tmp_path / "b.csv").read_text(encoding="utf-8-sig")
        assert left == right

    def test_threads_and_memory(self):
        """DuckDB settings pass through."""
        ledger = [Household(id="H1", kind="脱贫户", identified_on="2024-08-01")]
        result = check_columnar(ledger, as_of=D(2025, 8, 1), threads=1, memory_limit="500MB")

        assert 1 == len(result.findings)

    def test_too_many_measures_for_a_row(self):
        """A household with more measures than a ledger row holds is refused by the converter."""
        from xiaojie.ledgers import AssistanceMeasure

        h = Household(
            id="H1",
            kind="脱贫户",
            measures=[AssistanceMeasure("产业帮扶", D(2025, 1, d)) for d in range(1, 11)],
        )

        with pytest.raises(
            LedgerError, match="measures: expected at most 8 for a ledger row, found 10"
        ):
            households_to_arrow([h])

    def test_header_map_applies(self, tmp_path):
        """User headers work in the columnar engine as well."""
        path = write_csv(
            tmp_path / "h.csv", [["农户编码", "户类型", "识别时间"], ["H1", "脱贫户", "2024-08-01"]]
        )
        headers = HeaderMap.default("households").extend({"农户编码": "household_id"})

        assert 1 == len(
            check_columnar(path, as_of=D(2025, 8, 1), headers=headers, connection=CON).findings
        )

    def test_money_rounding_matches(self):
        """Halves of a fen round away from zero in both engines."""
        field = schema_for("households").field("income_per_capita")

        assert (decimal.Decimal("1.01"), None, "") == parse_cell(field, "1.005")
        assert [(decimal.Decimal("1.01"),)] == CON.sql(
            "SELECT CAST('1.005' AS DECIMAL(18,2))"
        ).fetchall()
