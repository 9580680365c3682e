"""The key's scan read from a Parquet file by Arrow finds what DuckDB's own scan finds."""

from __future__ import annotations

import collections
from collections.abc import Callable  # noqa: TC003 - fixtures' annotations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("numpy")

from xiaojie.ledgers import _scan  # noqa: E402 - after the skip
from xiaojie.ledgers._bytes import (  # noqa: E402
    blank_suspects,
    id_number_suspects,
    key_hashes,
    phone_suspects,
)


_CHARS = st.sampled_from([*"0123456789", "0", "H", "x", " ", "\t", "\u3000", "é", "同", "\x00"])
keys = st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789")), min_size=0, max_size=24),
    st.text(alphabet=_CHARS, min_size=0, max_size=24),
    st.text(max_size=12),
    st.none(),
)
ids = st.one_of(
    st.sampled_from(["11010519491231002X", "110105194912310021", "", "1"]),
    st.text(max_size=20),
    st.none(),
)
phones = st.one_of(st.sampled_from(["13912345678", "0951-1234567", "-1234", ""]), st.none())


def _connect(path: Path) -> object:
    """A DuckDB connection with the file's view as the columnar check registers it."""
    con = duckdb.connect()
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(
        "CREATE OR REPLACE TEMP VIEW src AS SELECT * EXCLUDE (file_row_number), "  # noqa: S608
        f"file_row_number + 1 AS __row FROM read_parquet({literal}, file_row_number = true)"
    )
    return con


_KEY = _scan.Text("nullif(\"k\", '')", "k")
_CELLS = [
    (_KEY, blank_suspects),
    (_scan.Text("nullif(\"phone\", '')", "phone"), phone_suspects),
    (_scan.Text("nullif(\"id\", '')", "id"), id_number_suspects),
]


def _both(
    con: object, path: Path, total: int, monkeypatch: pytest.MonkeyPatch, cells: list
) -> tuple:
    """The key's scan by Arrow from the file, then by DuckDB (the file's columns not taken)."""
    seen: list[str] = []
    read = _scan._parquet_key_and_cells

    def spy(*args: object) -> object:
        found = read(*args)
        seen.append("arrow")  # read to the end, not given up for DuckDB's scan
        return found

    monkeypatch.setattr(_scan, "_parquet_key_and_cells", spy)
    arrow = _scan.key_and_cells(con, "src", _KEY, total, cells, parquet=str(path))
    assert seen == ["arrow"]
    monkeypatch.setattr(_scan, "_parquet_columns", lambda *_: None)
    duck = _scan.key_and_cells(con, "src", _KEY, total, cells, parquet=str(path))
    monkeypatch.undo()
    return arrow, duck


@settings(
    max_examples=max(60, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.tuples(keys, ids, phones), min_size=1, max_size=60),
    st.integers(1, 25),
    st.booleans(),
)
def test_arrow_scan_finds_what_duckdb_finds(
    example_folder: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    rows: list[tuple[str | None, str | None, str | None]],
    group: int,
    large: bool,
) -> None:
    """Repeated keys' hashes and failing cells' rows are DuckDB's, whatever the keys and groups."""
    text = pa.large_string() if large else pa.string()
    table = pa.table(
        {
            "k": pa.array([r[0] for r in rows], text),
            "id": pa.array([r[1] for r in rows], pa.string()),
            "phone": pa.array([r[2] for r in rows], text),
        }
    )
    path = example_folder("key-scan") / "ledger.parquet"
    pq.write_table(table, path, row_group_size=group)
    con = _connect(path)
    monkeypatch.setattr(_scan, "_KEY_BATCH", 4)

    arrow, duck = _both(con, path, len(rows), monkeypatch, _CELLS)

    counts = collections.Counter(r[0] for r in rows if r[0])
    repeated = sorted(k for k, n in counts.items() if n > 1)
    wanted = sorted(
        con.execute("SELECT hash(k) FROM (SELECT unnest(?::VARCHAR[]) AS k)", [repeated])
        .fetchnumpy()["hash(k)"]
        .tolist()
    )
    assert arrow == duck
    assert arrow[0] == wanted


def test_many_repeated_keys_across_row_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys of digits with leading zeros, repeated across row groups, are found by their hashes."""
    keys = [f"{n % 97:0{1 + n % 5}d}" if n % 4 else f"H{n}" for n in range(1, 3001)]
    ids = ["11010519491231002X" if n % 11 else "1" for n in range(len(keys))]
    path = tmp_path / "ledger.parquet"
    pq.write_table(
        pa.table({"k": keys, "id": ids, "phone": ["13912345678"] * len(keys)}),
        path,
        row_group_size=256,
    )
    con = _connect(path)

    arrow, duck = _both(con, path, len(keys), monkeypatch, _CELLS)

    counts = collections.Counter(keys)
    assert len(arrow[0]) == sum(1 for n in counts.values() if n > 1) > 100
    assert arrow == duck
    assert arrow[1] == [n + 1 for n in range(len(keys)) if n % 11 == 0]


def test_a_key_of_numbers_is_read_by_duckdb(tmp_path: Path) -> None:
    """A key column that is not text (here integers cast to text) is not read by Arrow."""
    path = tmp_path / "ledger.parquet"
    pq.write_table(pa.table({"k": [1, 2, 2], "id": ["1", "", None]}), path)
    con = _connect(path)

    cells = [(_scan.Text("nullif(\"id\", '')", "id"), id_number_suspects)]
    # named as a text column by mistake, the file's own type still keeps Arrow away
    found = _scan._parquet_columns(str(path), _KEY, [cells[0][0]])
    key = _scan.Text("nullif(CAST(\"k\" AS VARCHAR), '')")
    twice, failed = _scan.key_and_cells(con, "src", key, 3, cells, parquet=str(path))

    assert found is None
    assert twice == [con.execute("SELECT hash('2')").fetchone()[0]]
    assert failed == [1]


def test_a_file_arrow_cannot_read_is_read_by_duckdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When Arrow fails on the file, DuckDB's scan gives the answer instead."""
    path = tmp_path / "ledger.parquet"
    pq.write_table(pa.table({"k": ["a", "b", "a"], "id": ["1", None, ""]}), path)
    con = _connect(path)
    tried: list[str] = []

    def broken(_: object, file: str, *__: object) -> object:
        tried.append(file)
        raise pa.ArrowInvalid("unreadable")

    monkeypatch.setattr(_scan, "_parquet_key_and_cells", broken)
    twice, failed = _scan.key_and_cells(
        con,
        "src",
        _KEY,
        3,
        [(_scan.Text("nullif(\"id\", '')", "id"), id_number_suspects)],
        parquet=str(path),
    )

    assert tried == [str(path)]
    assert twice == [con.execute("SELECT hash('a')").fetchone()[0]]
    assert failed == [1]


def test_the_key_alone_is_read_by_duckdb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without cells of other columns, the key's hashes come from DuckDB's scan, not Arrow's."""
    path = tmp_path / "ledger.parquet"
    pq.write_table(pa.table({"k": ["a", "b", "a a", None, "a"]}), path)
    con = _connect(path)

    def never(*_: object) -> object:
        raise AssertionError

    monkeypatch.setattr(_scan, "_parquet_key_and_cells", never)
    twice, _ = _scan.key_and_cells(con, "src", _KEY, 5, parquet=str(path))
    again, failed = _scan.key_and_cells(
        con, "src", _KEY, 5, [(_KEY, blank_suspects)], parquet=str(path)
    )

    assert twice == again == [con.execute("SELECT hash('a')").fetchone()[0]]
    assert failed == [3]


def test_the_check_reads_a_parquet_ledger_by_arrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check of a Parquet ledger takes the Arrow scan and reports what DuckDB's scan reports."""
    import datetime as dt

    from xiaojie.ledgers import check_columnar

    csv = Path(__file__).parent.parent / "examples" / "county_ledger" / "households.csv"
    sql = f"SELECT * FROM read_csv('{csv}', all_varchar = true)"  # noqa: S608 - own file
    table = duckdb.sql(sql).to_arrow_table()
    column = table.column_names.index("户编号")
    ids = table.column_names.index("证件号码")
    keys = table.column(column).to_pylist()
    keys[5] = keys[2]  # a key used twice
    numbers = table.column(ids).to_pylist()
    numbers[7] = numbers[7][:-1] + ("0" if numbers[7][-1] != "0" else "1")  # a broken checksum
    table = table.set_column(column, "户编号", pa.array(keys)).set_column(
        ids, "证件号码", pa.array(numbers)
    )
    path = tmp_path / "households.parquet"
    pq.write_table(table, path, row_group_size=100)
    seen: list[str] = []
    read = _scan._parquet_key_and_cells

    def spy(con: object, file: str, *rest: object) -> object:
        found = read(con, file, *rest)
        seen.append(file)  # read to the end, not given up for DuckDB's scan
        return found

    monkeypatch.setattr(_scan, "_parquet_key_and_cells", spy)
    arrow = check_columnar(path, as_of=dt.date(2025, 9, 30)).report
    assert seen == [str(path)]
    monkeypatch.setattr(_scan, "_parquet_columns", lambda *_: None)
    duck = check_columnar(path, as_of=dt.date(2025, 9, 30)).report

    found = [(i.row, i.field, i.kind) for i in arrow.issues]
    assert found == [(i.row, i.field, i.kind) for i in duck.issues]
    assert {(6, "duplicate"), (8, "bad_id_number")} <= {(row, str(kind)) for row, _, kind in found}


@settings(max_examples=max(100, settings.default.max_examples * 2), deadline=None)
@given(st.lists(keys, min_size=1, max_size=40), st.integers(0, 3), st.booleans())
def test_a_key_hash_does_not_depend_on_its_neighbours(
    values: list[str | None], skip: int, large: bool
) -> None:
    """A key hashed among keys of other lengths, or alone, or in a slice, has the same hash."""
    column = pa.array(values, pa.large_string() if large else pa.string()).slice(skip)
    hashes, at = key_hashes(column)
    kept = values[skip:]

    assert at.tolist() == [i for i, v in enumerate(kept) if v]
    for h, i in zip(hashes.tolist(), at.tolist(), strict=True):
        alone, _ = key_hashes(pa.array([kept[i]] * 3))
        assert alone.tolist() == [h] * 3
