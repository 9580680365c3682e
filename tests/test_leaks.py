"""No personal data out: a ledger with realistic IDs, phones and names, some in wrong columns.

Some counties key households by the head's 身份证号; clerks type numbers and names into the wrong
column, with separators, in full-width digits or with letters after them. Every output path (the
command line's text and JSON with each engine, findings and reports in every format, the ledger
report as a document in every format, reprs and error messages) is searched for any of them.
"""

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from ledger_strategies import FIELDS, HEADERS
from xiaojie._extras import available
from xiaojie._privacy import current_names, names_scope, scrub, valid_check_char
from xiaojie.cli import main
from xiaojie.ledgers import check, check_columnar, read_households, write_findings, write_report
from xiaojie.render import ledger_report, to_csv, to_docx, to_html, to_markdown, to_xlsx


def synthetic_id(area: str, birth: str, sequence: str) -> str:
    """Return a realistic identity number: its check character computed by GB 11643-1999."""
    first = area + birth + sequence
    return next(first + c for c in "0123456789X" if valid_check_char(first + c))


IDS = [
    synthetic_id("640324", f"19{60 + k}0{1 + k % 9}1{k % 9}", f"{100 + k:03d}") for k in range(6)
]
PHONES = [f"139{k}512{k}788" for k in range(6)]
GOOD_ID = synthetic_id("640324", "19700101", "777")
NAMES = ["马小花", "杨建国", "丁玉兰", "海东升", "欧阳娜娜", "白志强"]
WIDE = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
AS_OF = dt.date(2025, 8, 1)


def ledger_rows() -> list[list[str]]:
    """Households keyed by ID numbers, with IDs, phones and names also typed into wrong columns."""
    rows = [HEADERS]
    wrong = [
        ("kind", IDS[1]),
        ("village", f"{PHONES[2][:3]} {PHONES[2][3:7]} {PHONES[2][7:]}"),
        ("risks", NAMES[3]),
        ("kind", IDS[4].translate(WIDE)),
        ("elimination_mode", IDS[5] + "号"),
        ("county", f"{IDS[0][:6]}-{IDS[0][6:14]}-{IDS[0][14:]}"),
    ]
    for k in range(6):
        cells = dict.fromkeys(FIELDS, "")
        cells.update(
            household_id=IDS[k],
            head_name=NAMES[k],
            head_id_number=IDS[k],
            phone=PHONES[k],
            kind="监测对象",
            monitoring_category="脱贫不稳定户",
            risks="因病",
            clue_on="2025-01-02",
            identified_on="2025-03-01",
            fast_track="否",
        )
        field, value = wrong[k]
        cells[field] = value
        rows.append([cells[f] for f in FIELDS])
    # a good row whose head's name was typed into the village column too: nothing in the row is
    # suspect, so only a reader that learns the name column masks it (on DuckDB: one scan)
    good = dict(zip(FIELDS, rows[1], strict=True))
    good.update(kind="脱贫户", county="同心县", township="豫海镇", village="金玉", head_name="金玉")
    good["household_id"] = good["head_id_number"] = GOOD_ID
    rows.append([good[f] for f in FIELDS])
    return rows


def _secrets_in(text: str) -> list[str]:
    """Return the personal data found in ``text`` (full-width and separated forms too)."""
    half = text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
    joined = re.sub(r"[ \-]", "", half)
    found = [s for s in [*IDS, GOOD_ID, *PHONES] if s in joined or s[:17] in joined]
    found += [n for n in [*NAMES, "金玉"] if n in text]
    return found


def _texts(data: bytes) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8-sig", "replace")


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """The households CSV with personal data everywhere."""
    path = tmp_path / "households.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(ledger_rows())
    return path


def test_the_ledger_really_holds_the_secrets(ledger: Path) -> None:
    """The file written for the test holds every ID, phone and name in clear (so the test can fail)."""
    text = ledger.read_text(encoding="utf-8")
    assert set(_secrets_in(text)) == {*IDS, GOOD_ID, *PHONES, *NAMES, "金玉"}


def test_library_outputs_leak_nothing(ledger: Path, tmp_path: Path) -> None:
    """Findings, reports and the ledger document in every format, and their reprs, mask all personal data."""
    read = read_households(ledger)
    findings = check(read.rows, as_of=AS_OF)
    assert read.report.issues, "the wrong columns must give issues that quote them"
    outputs: dict[str, str] = {"repr rows": repr(read.rows), "repr report": repr(read.report)}
    outputs["repr findings"] = repr(findings) + str(findings.records())
    outputs["issues"] = "\n".join(str(i) for i in read.report.issues)
    formats = ["csv", "xlsx", "json"] + (["parquet"] if available("pyarrow") else [])
    for fmt in formats:
        for name, write, what in (
            ("findings", write_findings, findings),
            ("report", write_report, read.report),
        ):
            path = write(what, tmp_path / f"{name}.{fmt}")
            data = Path(path).read_bytes()
            if fmt == "parquet":
                import pyarrow.parquet as pq

                outputs[f"{name}.{fmt}"] = str(pq.read_table(path).to_pylist())
            else:
                outputs[f"{name}.{fmt}"] = _texts(data)
    document = ledger_report(read.report, findings)
    outputs["md"] = to_markdown(document)
    outputs["html"] = to_html(document)
    outputs["xlsx"] = _texts(to_xlsx(document))
    outputs["docx"] = _texts(to_docx(document))
    outputs["csv"] = "".join(to_csv(t).decode("utf-8-sig") for t in document.tables())
    leaks = {name: _secrets_in(text) for name, text in outputs.items() if _secrets_in(text)}
    assert leaks == {}
    assert "6403**********" in outputs["issues"] + outputs["findings.csv"]


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
@pytest.mark.parametrize("as_json", [False, True])
def test_command_line_leaks_nothing(
    ledger: Path, capsys: pytest.CaptureFixture[str], engine: str, as_json: bool
) -> None:
    """check-ledger prints no personal data, as text or JSON, with either engine."""
    if engine == "duckdb" and not available("duckdb"):
        pytest.skip("needs the columnar extra")
    argv = ["check-ledger", str(ledger), "--as-of", AS_OF.isoformat(), "--engine", engine]
    code = main([*argv, "--json"] if as_json else argv)
    out, err = capsys.readouterr()
    assert code in {0, 1}, err
    if as_json:
        json.loads(out)
    assert _secrets_in(out + err) == []
    assert "*" in out


def test_columnar_engine_learns_names_by_itself(ledger: Path, tmp_path: Path) -> None:
    """On DuckDB a name typed into a good row's village is masked in every output, no object reader involved."""
    pytest.importorskip("duckdb")
    with names_scope() as names:
        result = check_columnar(ledger, as_of=AS_OF)
        findings = result.findings.to_findings()
        assert {*NAMES, "金玉"} <= set(names)
        outputs = {
            "issues": "\n".join(str(i) for i in result.report.issues),
            "records": str(result.findings.records()),
            "csv": _texts(Path(write_findings(findings, tmp_path / "f.csv")).read_bytes()),
            "md": to_markdown(ledger_report(result.report, findings)),
        }
    assert result.report.good == 1
    assert {k: _secrets_in(v) for k, v in outputs.items() if _secrets_in(v)} == {}
    assert "豫海镇/金\\*" in outputs["md"]  # Markdown escapes the mask
    assert "金*" in outputs["csv"]


def test_names_of_a_run_stay_in_that_run(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Names a command-line run learns mask that run's output only: afterwards, text is left as it is."""
    code = main(["check-ledger", str(ledger), "--as-of", AS_OF.isoformat(), "--engine", "objects"])
    out, _ = capsys.readouterr()
    assert code in {0, 1}
    assert "豫海镇/金*" in out
    assert "金玉" not in out
    assert len(current_names()) == 0
    assert scrub("户主金玉") == "户主金玉"
    assert scrub("马小花的户") == "马小花的户"
    with names_scope() as inner:
        read_households(ledger)
        assert scrub("马小花的户") == "马**的户"
    assert "马小花" in inner
    assert scrub("马小花的户") == "马小花的户"


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_a_village_holding_a_name_is_shown_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    """A head named 杨红 masks 杨红 everywhere but inside the village 杨红村 the ledger names."""
    if engine == "duckdb" and not available("duckdb"):
        pytest.skip("needs the columnar extra")
    template = ledger_rows()[-1]
    rows = [HEADERS]
    for k, (field, value) in enumerate(
        [("head_name", "杨红"), ("village", "杨红村"), ("risks", "杨红")]
    ):
        row = dict(zip(FIELDS, template, strict=True))
        row["household_id"] = row["head_id_number"] = IDS[k]
        row.update(head_name="白志强", village="红星村")
        row[field] = value
        rows.append([row[f] for f in FIELDS])
    path = tmp_path / "h.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    argv = ["check-ledger", str(path), "--as-of", AS_OF.isoformat(), "--engine", engine]
    assert main(argv) in {0, 1}
    out, err = capsys.readouterr()
    assert "杨红村" in out
    assert "杨*村" not in out
    assert "杨红" not in (out + err).replace("杨红村", "")
    assert "杨*" in out + err
