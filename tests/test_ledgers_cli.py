"""Tests of ``xiaojie check-ledger`` choosing where the rules run (objects, DuckDB)."""

import json
from pathlib import Path

import pytest

from xiaojie.cli import main


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "county_ledger"


def run_json(capsys, *argv):
    code = main(["check-ledger", *argv, "--as-of", "2025-11-15", "--json"])
    out, err = capsys.readouterr()
    assert 0 == code, err
    return json.loads(out)


class TestEngines:
    @pytest.mark.parametrize("name", ["households.csv", "assets.csv"])
    def test_duckdb_and_objects_agree(self, capsys, name):
        """The DuckDB and the object engine report the same rows, issues and findings."""
        duck = run_json(capsys, str(EXAMPLE / name), "--engine", "duckdb")
        objects = run_json(capsys, str(EXAMPLE / name), "--engine", "objects")

        assert "duckdb" == duck.pop("engine")
        assert "objects" == objects.pop("engine")
        assert sum(objects["by_rule"].values()) > 0
        assert objects == duck

    def test_auto_picks_duckdb_for_households(self, capsys):
        """Without --engine, a household ledger runs on DuckDB (installed with the test extras)."""
        assert "duckdb" == run_json(capsys, str(EXAMPLE / "households.csv"))["engine"]

    def test_auto_keeps_small_ledgers_on_objects(self, capsys):
        """Fund and problem ledgers are small: they run on objects, kind sniffed from the header."""
        data = run_json(capsys, str(EXAMPLE / "funds.csv"))
        assert ("objects", "funds") == (data["engine"], data["ledger"])

    def test_spark_needs_parquet(self, capsys):
        """Spark reads typed Parquet files or catalog tables; a CSV file is refused clearly."""
        code = main(["check-ledger", str(EXAMPLE / "households.csv"), "--engine", "spark"])
        _, err = capsys.readouterr()

        assert 1 == code
        assert "expected a .parquet file for --engine spark, found '.csv'" in err
