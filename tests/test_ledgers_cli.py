"""Tests of ``xiaojie check-ledger`` choosing where the rules run (objects, DuckDB)."""

import datetime as dt
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


# Py4J (the Spark runs) leaves its sockets to the garbage collector; that is PySpark's business.
@pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
class TestSpark:
    def test_catalog_table_by_name(self, capsys, spark, tmp_path):
        """A table of the Spark catalog (a qualified name) is checked where it lives, as its CSV."""
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        source = EXAMPLE / "households.csv"
        options = pacsv.ConvertOptions(auto_dict_encode=False, strings_can_be_null=False)
        table = pacsv.read_csv(source, convert_options=options)
        table = table.cast(pa_strings(table.schema))
        pq.write_table(table, tmp_path / "households.parquet")
        spark.read.parquet(str(tmp_path / "households.parquet")).createOrReplaceGlobalTempView(
            "cli_households"
        )
        try:
            on_spark = run_json(capsys, "global_temp.cli_households", "--engine", "spark")
        finally:
            spark.catalog.dropGlobalTempView("cli_households")
        duck = run_json(capsys, str(source), "--engine", "duckdb")

        assert ("spark", "households") == (on_spark["engine"], on_spark["ledger"])
        assert sum(duck["by_rule"].values()) > 0
        for key in ("rows", "good", "by_rule", "findings"):
            assert duck[key] == on_spark[key], key
        # the catalog numbers data rows from 1, the CSV file by its lines (the header is line 1)
        assert [row + 1 for row in on_spark["bad_rows"]] == duck["bad_rows"]
        assert [{**i, "row": i["row"] + 1} for i in on_spark["issues"]] == duck["issues"]

    def test_spark_submit(self, capsys, spark, tmp_path):
        """The documented two-line job file run by spark-submit prints DuckDB's findings."""
        import os
        import re
        import subprocess
        import sys

        page = (Path(__file__).resolve().parents[1] / "docs" / "ledgers-spark.md").read_text(
            encoding="utf-8"
        )
        job = re.search(r"`xiaojie_cli.py`:\n\n```python\n(.*?)```", page, re.DOTALL)
        assert job is not None
        (tmp_path / "xiaojie_cli.py").write_text(job.group(1), encoding="utf-8")
        submit = Path(sys.executable).parent / "spark-submit"
        source = EXAMPLE / "households.csv"
        args = ["check-ledger", str(source), "--as-of", "2025-11-15", "--json"]
        env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        env["PYSPARK_DRIVER_PYTHON"] = sys.executable
        done = subprocess.run(  # noqa: S603 - the test's own venv
            [str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
             str(tmp_path / "xiaojie_cli.py"), *args, "--engine", "spark"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False,
        )  # fmt: skip
        assert 0 == done.returncode, done.stderr[-2000:]
        on_spark = json.loads(done.stdout)
        duck = run_json(capsys, str(source), "--engine", "duckdb")

        assert "spark" == on_spark.pop("engine")
        assert "duckdb" == duck.pop("engine")
        assert duck == on_spark

    def test_spark_submit_library_job(self, spark, tmp_path):
        """The documented library job, run by spark-submit on a Parquet folder, writes the
        findings DuckDB finds in the same rows."""
        import os
        import re
        import subprocess
        import sys

        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        from xiaojie.ledgers import check_columnar, write_findings

        page = (Path(__file__).resolve().parents[1] / "docs" / "ledgers-spark.md").read_text(
            encoding="utf-8"
        )
        job = re.search(r"`check_ledger_job.py`:\n\n```python\n(.*?)```", page, re.DOTALL)
        assert job is not None
        (tmp_path / "check_ledger_job.py").write_text(job.group(1), encoding="utf-8")
        options = pacsv.ConvertOptions(strings_can_be_null=False)
        table = pacsv.read_csv(EXAMPLE / "households.csv", convert_options=options)
        table = table.cast(pa_strings(table.schema))
        (tmp_path / "ledger").mkdir()
        pq.write_table(table.slice(0, 2000), tmp_path / "ledger" / "part-0.parquet")
        pq.write_table(table.slice(2000), tmp_path / "ledger" / "part-1.parquet")
        submit = Path(sys.executable).parent / "spark-submit"
        env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        env["PYSPARK_DRIVER_PYTHON"] = sys.executable
        done = subprocess.run(  # noqa: S603 - the test's own venv
            [str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
             str(tmp_path / "check_ledger_job.py"), str(tmp_path / "ledger"), "2025-11-15",
             str(tmp_path / "spark.csv")],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False,
        )  # fmt: skip
        assert 0 == done.returncode, done.stderr[-2000:]
        duck = check_columnar(table, as_of=dt.date(2025, 11, 15)).findings
        write_findings(duck, tmp_path / "duckdb.csv")

        assert len(duck) > 0
        assert (tmp_path / "duckdb.csv").read_bytes() == (tmp_path / "spark.csv").read_bytes()
        assert duck.summary("county") in done.stdout

    def test_missing_table(self, capsys, spark):
        """A name that is no file, folder or table of the catalog is refused, naming it."""
        code = main(["check-ledger", "nowhere.households", "--engine", "spark"])
        _, err = capsys.readouterr()

        assert 1 == code
        assert "nowhere.households: expected a ledger file, a folder of them or a table" in err

    def test_other_files_are_refused(self, capsys, spark, tmp_path):
        """A file Spark's check cannot read is refused with the kinds it reads."""
        path = tmp_path / "households.json"
        path.write_text("{}", encoding="utf-8")
        code = main(["check-ledger", str(path), "--engine", "spark", "--kind", "households"])
        _, err = capsys.readouterr()

        assert 1 == code
        assert "households.json: expected a .csv, .xlsx or .parquet file, found '.json'" in err


def pa_strings(schema):
    """The schema with every column as text (a ledger's cells as written)."""
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in schema.names])
