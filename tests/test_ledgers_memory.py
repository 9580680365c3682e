"""DuckDB's memory limit and spill folder: a default on the engine's own connection, the caller's choice otherwise."""

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from xiaojie.errors import LedgerError
from xiaojie.ledgers import DEFAULT_MEMORY_LIMIT, Household, check_columnar


duckdb = pytest.importorskip("duckdb")

AS_OF = dt.date(2025, 8, 1)
ROWS = [Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")]


def _setting(con, name: str) -> str:
    return str(con.execute(f"SELECT current_setting('{name}')").fetchall()[0][0])


def test_caller_settings_are_applied_to_their_connection(tmp_path: Path) -> None:
    """A memory limit and spill folder given by the caller are set on the connection passed in."""
    con = duckdb.connect()

    result = check_columnar(
        ROWS, as_of=AS_OF, connection=con, memory_limit="300MB", temp_directory=tmp_path
    )

    assert result.findings.by_rule()["identification_time_limit"] == 1
    assert _setting(con, "memory_limit").startswith(("286", "300"))
    assert Path(_setting(con, "temp_directory")) == tmp_path


def test_caller_connection_keeps_its_own_limit() -> None:
    """Without a limit given, a connection passed in keeps the limit it has."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '700MB'")
    before = _setting(con, "memory_limit")

    check_columnar(ROWS, as_of=AS_OF, connection=con)

    assert _setting(con, "memory_limit") == before


def test_own_connection_gets_the_default_and_a_removed_spill_folder(monkeypatch) -> None:
    """The engine's own connection is limited to the default and spills to a folder removed after."""
    seen: list[tuple[str, str]] = []
    connect = duckdb.connect

    class Spy:
        def __init__(self) -> None:
            self.con = connect()

        def __getattr__(self, name: str):
            return getattr(self.con, name)

        def close(self) -> None:
            seen.append((_setting(self.con, "memory_limit"), _setting(self.con, "temp_directory")))
            self.con.close()

    monkeypatch.setattr(duckdb, "connect", Spy)

    check_columnar(ROWS, as_of=AS_OF)

    ((limit, folder),) = seen
    expected = connect()
    expected.execute(f"SET memory_limit = '{DEFAULT_MEMORY_LIMIT}'")
    assert limit == _setting(expected, "memory_limit")
    assert Path(folder).name.startswith("xiaojie-duckdb-")
    assert Path(folder).parent == Path(tempfile.gettempdir())
    assert not Path(folder).exists()


def test_a_bad_limit_is_a_located_error() -> None:
    """A memory limit DuckDB cannot read is a LedgerError naming the parameter."""
    with pytest.raises(
        LedgerError, match=r"memory_limit/temp_directory: expected a size such as '2GB'"
    ):
        check_columnar(ROWS, as_of=AS_OF, memory_limit="lots")


def test_validated_check_does_not_import_pandas(tmp_path: Path) -> None:
    """A validated check of a faulty Parquet ledger, counted by village, never imports pandas (45 MiB)."""
    source = Path(__file__).parent.parent / "examples" / "county_ledger" / "households.csv"
    ledger = tmp_path / "households.parquet"
    con = duckdb.connect()
    con.read_csv(str(source), all_varchar=True).write_parquet(str(ledger))
    con.close()
    code = (
        "import datetime as dt, sys\n"
        "from xiaojie.ledgers import check_columnar\n"
        f"r = check_columnar({str(ledger)!r}, as_of=dt.date(2025, 11, 15))\n"
        "r.findings.by_place('village')\n"
        "print(len(r.findings), len(r.report.issues), 'pandas' in sys.modules)\n"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()

    assert int(out[0]) > 0
    assert int(out[1]) > 0
    assert out[2] == "False"
