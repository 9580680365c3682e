"""Audit: personal data planted everywhere in the inputs never leaves xiaojie unmasked.

A valid GB 11643 identity number, a mobile, a bank card passing Luhn, a name and a health
condition are planted in every field of every ledger kind (the expected column, the wrong
column, free-text columns such as 问题表现, extra columns such as 备注 and 风险描述, the key
column, the file name), in CSV (UTF-8 and GB18030), XLSX (also as numeric cells) and Parquet,
and in the remarks (备注/说明) of 调度 progress files and returned sheets. Every command and
public output function that can carry them runs; its files, stdout, stderr and log records
(DEBUG and up) are searched for the raw values, their digits with separators removed and their
full-width forms, and for the hidden middle of a masked number (so two differently masked
copies cannot be put together).
"""

import contextlib
import csv
import datetime as dt
import html
import io
import json
import logging
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie import cli
from xiaojie._extras import available
from xiaojie._privacy import names_scope, scrub, valid_check_char
from xiaojie.cli import main
from xiaojie.errors import XiaojieError
from xiaojie.ledgers import (
    LedgerKind,
    check,
    read_ledger,
    write_findings,
    write_report,
)
from xiaojie.ledgers._schema import FieldKind, schema_for
from xiaojie.render import ledger_report, to_csv, to_docx, to_html, to_markdown, to_xlsx


AS_OF = dt.date(2025, 8, 1)
DATA = Path(__file__).parent / "data"


def identity_number(first17: str) -> str:
    """Return ``first17`` with its GB 11643-1999 check character."""
    return next(first17 + c for c in "0123456789X" if valid_check_char(first17 + c))


def luhn_card(prefix: str) -> str:
    """Return ``prefix`` with the Luhn check digit a bank card number ends in."""

    def total(number: str) -> int:
        digits = [int(d) for d in reversed(number)]
        return sum(
            d if k % 2 == 0 else (2 * d - 9 if d > 4 else 2 * d) for k, d in enumerate(digits)
        )

    return next(prefix + c for c in "0123456789" if total(prefix + c) % 10 == 0)


ID = identity_number("64032419880512357")
ID2 = identity_number("64038119750923018")
BROKEN_ID = ID2[:-1] + ("1" if ID2[-1] != "1" else "2")  # check character wrong
PHONE = "15809531234"
CARD = luhn_card("622848004012345678")  # 19 digits
CARD16 = luhn_card("621700281234567")  # 16 digits
ROUNDED_CARD = luhn_card("622202837461950271")  # an XLSX number: 6222028374619503000
NAME = "马秀兰"
NAME2 = "海东升"
HEALTH = "尿毒症"
SENTENCE = f"户主{NAME}患{HEALTH},身份证{ID},电话{PHONE},银行卡{CARD}"
NUMBERS = {"ID": ID, "ID2": ID2, "BROKEN_ID": BROKEN_ID, "PHONE": PHONE, "CARD": CARD}
NUMBERS |= {"CARD16": CARD16, "ROUNDED_CARD": ROUNDED_CARD}
WORDS = {"NAME": NAME, "NAME2": NAME2, "HEALTH": HEALTH}
WIDE = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def leaks(text: str, *, words: bool = True) -> list[str]:
    """Return which planted values ``text`` reveals (any spacing, full-width, or a hidden middle)."""
    half = unicodedata.normalize("NFKC", text)
    joined = re.sub(r"[\s\-_./·,'\"]", "", half)
    found = []
    for label, secret in NUMBERS.items():
        middle = secret[4:-4]
        windows = {middle[k : k + 6] for k in range(len(middle) - 5)} if len(secret) > 11 else set()
        if secret in joined or secret.lower() in joined or any(w in joined for w in windows):
            found.append(label)
    if words:
        found += [label for label, word in WORDS.items() if word in half]
    return found


def file_text(path: Path) -> str:
    """Every text an output file holds: all parts of a ZIP (DOCX/XLSX), Parquet rows and metadata."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                html.unescape(archive.read(n).decode("utf-8", "replace"))  # &#x9a6c; too
                for n in archive.namelist()
            ]
        return "\n".join([*parts, path.name])
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        return f"{table.to_pylist()} {table.schema} {pq.read_metadata(path).metadata} {path.name}"
    return data.decode("utf-8", "replace") + path.name


def folder_leaks(folder: Path, *, words: bool = True, skip: frozenset[Path] = frozenset()) -> dict:
    """Return, for each file under ``folder`` (but ``skip``), the planted values it reveals."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path not in skip and (hit := leaks(file_text(path), words=words)):
            found[str(path.relative_to(folder))] = hit
    return found


# -- ledgers with personal data everywhere ---------------------------------------------------

EXTRA = ["备注", "风险描述", "银行卡号", "健康状况", f"家庭成员{NAME2}{ID2}"]


def _sample(kind: str) -> list[list[str]]:
    with (DATA / "ledgers" / f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def ledger_rows(kind: str) -> list[list[object]]:
    """A ledger of ``kind`` whose every field, in some row, holds personal data."""
    header, good = _sample(kind)[:2]
    extra = [SENTENCE, f"因{HEALTH}致贫,{NAME}联系{PHONE}", CARD, HEALTH, ID2]
    rows: list[list[object]] = [[*header, *EXTRA]]
    first = list(good)
    if kind == "households":
        first[:4] = [ID, NAME, ID, PHONE]  # the key is the head's identity number
    elif kind in {"assets", "problems"}:
        first[0] = ID
    rows.append([*first, *extra])
    if kind != "funds":
        rows.append([*first, *extra])  # a duplicate key that is an identity number
    broken = list(good)
    if kind == "households":
        broken[:4] = ["6403240199", NAME2, BROKEN_ID, PHONE]
        broken[11] = "2025-02-30"  # a bad date next to a name
    elif kind != "funds":
        broken[0] = f"{NAME2}{BROKEN_ID}"
    rows.append([*broken, *extra])
    for column in range(len(header)):
        for value in (
            SENTENCE,
            f"{NAME2}{ID2}",
            f"{ID2[:6]} {ID2[6:14]} {ID2[14:]}",
            f"卡号{CARD16}",
        ):
            row = list(good)
            if column != 0 and kind != "funds":
                row[0] = f"{row[0]}-{column}-{len(rows)}"
            row[column] = value
            rows.append([*row, *extra])
    return rows


def write_ledger(rows: list[list[object]], path: Path) -> Path:
    """Write ``rows`` as CSV (UTF-8 or GB18030 by the name), XLSX or Parquet."""
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        sheet.append([int(ID)] + [int(ROUNDED_CARD)] * (len(rows[0]) - 1))  # numbers, not texts
        book.save(path)
    elif path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        header, body = rows[0], rows[1:]
        columns = {h: [str(r[k]) for r in body] for k, h in enumerate(header)}
        pq.write_table(pa.table(columns), path)
    else:
        encoding = "gb18030" if "gb" in path.stem else "utf-8"
        with path.open("w", encoding=encoding, newline="") as handle:
            csv.writer(handle).writerows(rows)
    return path


KINDS = ["households", "assets", "funds", "problems"]
FORMATS = ["csv", "gb.csv", "xlsx", "parquet"]


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every ledger kind in every input format, one file each, by format."""
    folder = tmp_path_factory.mktemp("ledgers")
    made: dict[str, list[Path]] = {}
    for fmt in FORMATS:
        if fmt == "parquet" and not available("pyarrow"):
            continue
        for kind in KINDS:
            name = f"{kind}-{NAME}{ID}.{fmt}" if kind == "households" else f"{kind}.{fmt}"
            made.setdefault(fmt, []).append(write_ledger(ledger_rows(kind), folder / name))
    return made


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every command as if piped, on a fixed day."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli._shared, "_today", lambda: AS_OF)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    """Run the command line; return its exit code and stdout + stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out + "\n" + err


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured log record's message, arguments and exception text."""
    return "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''} {r.msg!r}" for r in caplog.records
    )


def test_the_inputs_really_hold_the_planted_data(ledgers: dict[str, list[Path]]) -> None:
    """Each input file holds every planted value in clear, so a leak would be seen."""
    for paths in ledgers.values():
        for path in paths:
            if path.suffix == ".csv" and "gb" in path.stem:
                text = path.read_bytes().decode("gb18030") + path.name
            else:
                text = file_text(path)
            assert {"ID", "ID2", "PHONE", "CARD", "CARD16", "NAME", "HEALTH"} <= set(leaks(text))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_check_ledger_prints_and_writes_nothing_personal(
    *,
    ledgers: dict[str, list[Path]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    fmt: str,
    engine: str,
) -> None:
    """check-ledger over every kind, as text, JSON, English and --out files, reveals nothing."""
    if fmt not in ledgers or (engine == "duckdb" and not available("duckdb")):
        pytest.skip("needs the columnar extra")
    caplog.set_level(logging.DEBUG)
    base = ["check-ledger", *ledgers[fmt], "--as-of", AS_OF, "--engine", engine]
    base += ["--monitoring-line", "8700"]
    outputs: dict[str, str] = {}
    for extra in ([], ["--json"], ["--lang", "en"]):
        code, outputs[" ".join(extra) or "text"] = run(capsys, *base, *extra)
        assert code in {0, 1}, outputs[" ".join(extra) or "text"]
    for suffix in ["csv", "xlsx", "parquet"] if fmt == "csv" else ["csv"]:
        if suffix == "parquet" and not available("pyarrow"):
            continue
        out = tmp_path / f"findings.{suffix}"
        code, outputs[suffix] = run(capsys, *base, "--out", out)
        assert code in {0, 1}
        outputs[f"file {suffix}"] = file_text(out)
    outputs["log"] = log_text(caplog)
    assert "6403**********" in outputs["text"]
    assert {k: leaks(v) for k, v in outputs.items() if leaks(v)} == {}


@pytest.mark.parametrize("kind", KINDS)
def test_each_ledger_alone_prints_nothing_personal(
    ledgers: dict[str, list[Path]],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    """A ledger checked alone (no other ledger teaching names) reveals no number, no known name."""
    caplog.set_level(logging.DEBUG)
    path = next(p for p in ledgers["csv"] if p.name.startswith(kind))
    code, text = run(capsys, "check-ledger", path, "--as-of", AS_OF, "--engine", "objects")
    assert code in {0, 1}
    known = kind == "households"  # only a households ledger has a name column
    assert leaks(text + log_text(caplog), words=known) == []
    assert HEALTH not in text


def test_library_outputs_reveal_nothing(
    ledgers: dict[str, list[Path]], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Reading, checking, every findings/report file and the ledger report in every format mask all."""
    caplog.set_level(logging.DEBUG)
    outputs: dict[str, str] = {}
    with names_scope():
        for path in ledgers["csv"]:
            kind = next(k for k in KINDS if path.name.startswith(k))
            read = read_ledger(path, kind)
            findings = check(read.rows, as_of=AS_OF)
            outputs[f"{kind} str"] = f"{read.report} {read.report.summary()} {read.report!r}"
            outputs[f"{kind} rows"] = repr(read.rows) + repr(findings) + str(findings.records())
            outputs[f"{kind} issues"] = "\n".join(map(str, read.report.issues))
            for fmt in ["csv", "xlsx", "json"] + (["parquet"] if available("pyarrow") else []):
                for name, write, what in (
                    ("findings", write_findings, findings),
                    ("report", write_report, read.report),
                ):
                    outputs[f"{kind} {name}.{fmt}"] = file_text(
                        Path(write(what, tmp_path / f"{kind}-{name}.{fmt}"))
                    )
            document = ledger_report(read.report, findings)
            outputs[f"{kind} md"] = to_markdown(document)
            outputs[f"{kind} html"] = to_html(document)
            for name, data in (("xlsx", to_xlsx(document)), ("docx", to_docx(document))):
                (tmp_path / f"doc.{name}").write_bytes(data)
                outputs[f"{kind} {name}"] = file_text(tmp_path / f"doc.{name}")
            outputs[f"{kind} csv"] = "".join(
                to_csv(t).decode("utf-8-sig") for t in document.tables()
            )
            with pytest.raises(XiaojieError, match="problem") as failure:
                read.report.raise_for_issues()
            outputs[f"{kind} error"] = f"{failure.value} {failure.value!r} {failure.value.args}"
    outputs["log"] = log_text(caplog)
    assert {k: leaks(v) for k, v in outputs.items() if leaks(v)} == {}


# -- every cell's echo, over generated personal data ------------------------------------------

_digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
_ids = st.builds(
    lambda area, birth, seq: identity_number(f"{area}{birth:%Y%m%d}{seq:03d}"),
    st.sampled_from(["640324", "640381", "110105"]),
    st.dates(dt.date(1930, 1, 1), dt.date(2015, 12, 31)),
    st.integers(0, 999),
)
_phones = st.builds(
    lambda p, n: f"1{p}{n:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1)
)
_cards = st.builds(
    lambda bank, n, size: luhn_card(f"{bank}{n:015d}"[: size - 1]),
    st.sampled_from(["6228", "6217", "6222", "6212", "4367"]),
    st.integers(0, 10**15 - 1),
    st.integers(16, 19),
)
_filler = st.text(alphabet="户主电话卡号患病住院村组,。 ", max_size=6)


def _spaced(number: str, style: int) -> str:
    if style == 1:
        return number.translate(WIDE)
    if style == 2 and len(number) == 11:  # a mobile, grouped as it is written: 3-4-4
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if style == 2:
        return " ".join(number[k : k + 4] for k in range(0, len(number), 4))
    return number


@settings(max_examples=60, deadline=None)
@given(
    number=st.one_of(_ids, _phones, _cards),
    style=st.integers(0, 2),
    before=_filler,
    after=_filler,
    kind=st.sampled_from(KINDS),
    data=st.data(),
)
def test_any_field_echoes_no_number_embedded_in_text(
    *, number: str, style: int, before: str, after: str, kind: str, data: st.DataObject
) -> None:
    """Whatever field a remark holding an ID, mobile or card is typed in, its echo hides the number."""
    fields = schema_for(LedgerKind(kind)).fields
    field = data.draw(st.sampled_from(fields))
    # a key of card length is shown (it names the row): a card there is known by its word
    word = "银行卡" if field.kind is FieldKind.KEY else ""
    shown = field.mask(f"{before}{word}{_spaced(number, style)}{after}")
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", shown))
    assert number not in digits
    assert number[4:-4] not in digits or len(number) <= 11
    # in other text a card is known by the word naming it (digits alone may be a household's)
    named = scrub(f"{before}银行卡号{number}")
    assert number not in re.sub(r"\D", "", unicodedata.normalize("NFKC", named))


# -- 调度: progress remarks, returned sheets, notices -------------------------------------------

DISPATCH_NOTE = f"身份证{ID},电话{PHONE},银行卡{CARD}"


@pytest.fixture(scope="module")
def dispatch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A progress file whose every remark holds numbers, and returned sheets with such remarks."""
    folder = tmp_path_factory.mktemp("dispatch")
    lines = (DATA / "progress" / "ningxia-2025-by-august.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(lines)))
    for row in rows[1:]:
        row[5] = DISPATCH_NOTE
    with (folder / "progress.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    bad = f"事项,类型,日期,数值,备注\nresident-work-meeting,完成,2025-02-30,,{DISPATCH_NOTE}\n"
    (folder / "bad.csv").write_text(bad + f"{ID},完成,2025-07-01,,卡号{CARD}\n", encoding="utf-8")
    sent, back = folder / "sent", folder / "back"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["sheets", "--as-of", str(AS_OF), "--out", str(sent)]) == 0
    back.mkdir()
    for path in sorted(sent.iterdir())[:3]:
        book = openpyxl.load_workbook(path)
        sheet = book.active
        header = [c.value for c in sheet[4]]
        note = header.index("说明") + 1
        for line in range(5, min(sheet.max_row, 8) + 1):
            sheet.cell(line, note).value = DISPATCH_NOTE
        sheet.cell(5, header.index("完成时间") + 1).value = dt.date(2025, 7, 31)
        book.save(back / path.name)
    shutil.copy(back / path.name, back / f"{ID}-卡号{CARD}.xlsx")  # a file named by numbers
    return folder


def test_dispatch_outputs_reveal_no_number(
    dispatch: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """status, overdue, docs, sheets, collect and notice mask the numbers in remarks and file names."""
    caplog.set_level(logging.DEBUG)
    progress, back = dispatch / "progress.csv", dispatch / "back"
    common = ["--as-of", AS_OF, "--progress", progress]
    texts: dict[str, str] = {}
    for name, argv in {
        "status": ["status", *common, "--all"],
        "status json": ["status", *common, "--json", "--all"],
        "overdue": ["overdue", *common, "--json"],
        "bad progress": ["status", "--as-of", AS_OF, "--progress", dispatch / "bad.csv"],
        "collect": ["collect", *common, "--out", tmp_path / "collected.xlsx",
                    "--accepted", tmp_path / "accepted.csv", "--by-place", tmp_path / "places", back],
        "notice md": ["notice", *common, "--returned", back, "--out", tmp_path / "notice.md"],
        "notice docx": ["notice", *common, "--returned", back, "--out", tmp_path / "notice.docx"],
        "notice xlsx": ["notice", *common, "--returned", back, "--out", tmp_path / "notice.xlsx"],
        "notice html": ["notice", *common, "--returned", back, "--out", tmp_path / "notice.html"],
    }.items():  # fmt: skip
        code, texts[name] = run(capsys, *argv)
        assert code in {0, 1}, texts[name]
    code, texts["sheets"] = run(capsys, "sheets", *common, "--out", tmp_path / "sheets")
    assert code == 0
    for fmt in ("html", "md", "csv", "xlsx", "ics", "svg"):
        code, texts[f"docs {fmt}"] = run(
            capsys, "docs", *common, "--out", tmp_path / f"docs-{fmt}", "--format", fmt
        )
        assert code == 0
    texts["log"] = log_text(caplog)
    assert "6403**********" in texts["bad progress"] + texts["collect"]
    assert {k: leaks(v, words=False) for k, v in texts.items() if leaks(v, words=False)} == {}
    assert folder_leaks(tmp_path, words=False) == {}


def test_columnar_library_outputs_reveal_nothing(
    ledgers: dict[str, list[Path]], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """check_columnar's report, findings, records and written files, from every input format, mask all."""
    pytest.importorskip("duckdb")
    caplog.set_level(logging.DEBUG)
    from xiaojie.ledgers import check_columnar

    outputs: dict[str, str] = {}
    with names_scope():
        for fmt, paths in ledgers.items():
            for path in paths:
                kind = next(k for k in KINDS if path.name.startswith(k))
                result = check_columnar(path, as_of=AS_OF, ledger=kind)
                name = f"{fmt} {kind}"
                outputs[f"{name} report"] = f"{result.report} {result.report!r}"
                outputs[f"{name} records"] = str(result.findings.records())
                outputs[f"{name} findings"] = repr(result.findings.to_findings())
                written = write_findings(result.findings, tmp_path / f"{kind}.csv")
                outputs[f"{name} csv"] = file_text(Path(written))
    outputs["log"] = log_text(caplog)
    assert "6403**********" in "".join(outputs.values())
    assert {k: leaks(v) for k, v in outputs.items() if leaks(v)} == {}


def test_strict_reading_and_refused_files_reveal_no_number(
    ledgers: dict[str, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A strict read's error, and a file named after a person that is no ledger, mask the numbers."""
    path = next(p for p in ledgers["csv"] if p.name.startswith("households"))
    with names_scope(), pytest.raises(XiaojieError, match="6403") as failure:
        read_ledger(path, "households", strict=True)
    shown = f"{failure.value} {failure.value!r} {failure.value.args}"
    assert leaks(shown) == []
    stranger = tmp_path / f"{ID}-{PHONE}-卡号{CARD}.csv"
    stranger.write_text(f"姓名,身份证\n{NAME},{ID}\n", encoding="utf-8")
    code, text = run(capsys, "check-ledger", stranger, "--as-of", AS_OF)
    assert code != 0
    assert "6403**********" in text
    assert leaks(text, words=False) == []
    code, text = run(capsys, "check-ledger", path, "--kind", "problems", "--as-of", AS_OF)
    assert code != 0
    assert leaks(text, words=False) == []  # read as problems, no name column makes 马秀兰 known


def test_rollup_of_places_with_remarks_reveals_no_number(
    dispatch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rollup over place progress files whose remarks hold numbers prints and writes none."""
    files = []
    for code in ("640324", "640381"):
        files.append(tmp_path / f"{code}.csv")
        shutil.copy(dispatch / "progress.csv", files[-1])
    site = tmp_path / "site"
    code, text = run(capsys, "rollup", *files, "--as-of", AS_OF, "--out", site)
    assert code == 0
    code, data = run(capsys, "rollup", *files, "--as-of", AS_OF, "--json")
    assert code == 0
    assert leaks(text + data, words=False) == []
    assert any(site.rglob("*.html"))
    assert folder_leaks(site, words=False) == {}


def test_names_and_illness_in_dispatch_remarks_are_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A returned sheet's remark or cell naming a person no ledger made known, and an illness, is masked."""
    sent, back = tmp_path / "sent", tmp_path / "back"
    assert run(capsys, "sheets", "--as-of", AS_OF, "--out", sent)[0] == 0
    back.mkdir()
    remarks = [
        f"{NAME}患{HEALTH},已落实健康帮扶",
        f"户主{NAME2}已签字确认",
        f"联系人:{NAME},住院费用已报销",
    ]
    for path in sorted(sent.iterdir()):  # the first sheet asking of three items with deadlines
        book = openpyxl.load_workbook(path)
        sheet = book.active
        header = [c.value for c in sheet[4]]
        due = [c.value for c in sheet["F"][4:] if isinstance(c.value, dt.datetime)]
        if len(due) >= len(remarks):
            break
    for line, (remark, day) in enumerate(zip(remarks, due, strict=False), start=5):
        sheet.cell(line, header.index("说明") + 1).value = remark
        sheet.cell(line, header.index("完成情况") + 1).value = "已完成"
        sheet.cell(line, header.index("完成时间") + 1).value = min(day.date(), AS_OF)
    book.save(back / path.name)
    # another unit typed prose where a word and a date were asked: rejected, quoted masked
    other = next(p for p in sorted(sent.iterdir()) if p != path)
    book = openpyxl.load_workbook(other)
    sheet = book.active
    header = [c.value for c in sheet[4]]
    sheet.cell(5, header.index("完成情况") + 1).value = f"户主{NAME}患{HEALTH},未完成"
    sheet.cell(5, header.index("完成时间") + 1).value = f"其妻{NAME2}住院"
    book.save(back / other.name)
    out, accepted = tmp_path / "collected.xlsx", tmp_path / "accepted.csv"
    code, text = run(
        capsys, "collect", "--as-of", AS_OF, "--out", out, "--accepted", accepted, back
    )
    assert code in {0, 1}, text
    outputs = {"collect": text, "collected": file_text(out), "accepted": file_text(accepted)}
    code, outputs["status"] = run(
        capsys, "status", "--as-of", AS_OF, "--progress", accepted, "--json", "--all"
    )
    assert code in {0, 1}
    notice = tmp_path / "notice.md"
    code, text = run(capsys, "notice", "--as-of", AS_OF, "--returned", back, "--out", notice)
    assert code in {0, 1}, text
    outputs["notice"] = text + file_text(notice)
    assert {k: leaks(v) for k, v in outputs.items() if leaks(v)} == {}
    assert "完成情况: expected one of" in outputs["notice"]  # the rejected row is reported
    assert "户主马**患***" in outputs["collect"] + outputs["notice"]
    # the remark is kept, only what tells of a person is hidden
    for name in ("collected", "accepted"):
        assert "已落实健康帮扶" in outputs[name], outputs["collect"]
        assert "已签字确认" in outputs[name]
        assert "费用已报销" in outputs[name]


@settings(max_examples=60, deadline=None)
@given(
    named=st.one_of(
        st.tuples(st.just(""), st.one_of(_ids, _phones)),
        st.tuples(st.sampled_from(["银行卡", "卡号:", "账号 "]), _cards),
    ),
    before=_filler,
    after=_filler,
)
def test_one_number_is_masked_alike_wherever_it_is(
    named: tuple[str, str], before: str, after: str
) -> None:
    """An ID, mobile or card shows the same kept digits in a personal column, in text and full-width.

    Two copies masked differently would together reveal more than either. A card is known in
    text by the word naming it (16-19 digits alone may be a household's number).
    """
    word, number = named
    fields = schema_for(LedgerKind.HOUSEHOLDS).names
    alone = scrub(word + number)[len(word) :]
    assert alone != number
    in_text = scrub(f"{before}。{word}{number}。{after}")
    assert alone in in_text
    wide = scrub((word + number).translate(WIDE))[len(word) :]
    assert unicodedata.normalize("NFKC", wide) == alone
    if len(number) == 18:  # an identity number (or a card as long)
        assert fields["head_id_number"].mask(number) == alone
    if len(number) == 11:  # a mobile
        assert fields["phone"].mask(number) == alone
    kept = [c for c in alone if c.isdigit()]
    assert len(kept) <= 8  # at most the first four and last four


def test_document_title_and_sheet_names_are_masked(tmp_path: Path) -> None:
    """A title or table name holding personal data is masked in DOCX properties and XLSX sheet names."""
    from xiaojie.render._doc import Document, Paragraph, Table

    with names_scope() as names:
        names.remember([NAME])
        document = Document(
            slug="p",
            title=f"{NAME}户 {ID} {PHONE}",
            blocks=[
                Paragraph("正文"),
                Table(name=f"{ID}{NAME}", columns=("a",), rows=(("1",),)),
                Table(name=f"卡号{CARD}", columns=("a",), rows=(("2",),)),
            ],
        )
        outputs = {}
        for name, data in (("docx", to_docx(document)), ("xlsx", to_xlsx(document))):
            (tmp_path / f"t.{name}").write_bytes(data)
            outputs[name] = file_text(tmp_path / f"t.{name}")
        outputs["html"] = to_html(document)
        outputs["md"] = to_markdown(document)
    assert "<dc:title>马**户 6403**********3570" in outputs["docx"]
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert all("6403" in title or "6228" in title for title in book.sheetnames)
    assert {k: leaks(v) for k, v in outputs.items() if leaks(v)} == {}


def test_a_path_that_cannot_be_written_is_named_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The error for an --out path that cannot be written masks the numbers in the path."""
    ledger = DATA / "ledgers" / "households.csv"
    out = tmp_path / f"{ID}-{PHONE}" / f"卡号{CARD}.csv"  # the folder does not exist
    code, text = run(capsys, "check-ledger", ledger, "--as-of", AS_OF, "--out", out)
    assert code == 1
    assert "6403**********3570" in text
    assert leaks(text, words=False) == []
    code, text = run(capsys, "docs", "--out", Path("/proc") / ID, "--as-of", AS_OF)
    assert code == 1
    assert leaks(text, words=False) == []


def test_plan_file_errors_and_written_paths_are_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad plan file named by an ID, and the "wrote" lines naming output files, mask the numbers."""
    plan = tmp_path / f"{ID}.toml"
    plan.write_text(f'title = "x"\n[[tasks]]\nid = "{PHONE} 卡号{CARD}"\n', encoding="utf-8")
    code, text = run(capsys, "show", "--plan", plan)
    assert code == 1
    assert "6403**********3570.toml" in text
    ledger = DATA / "ledgers" / "households.csv"
    out = tmp_path / f"{ID}-{PHONE}.csv"
    code, wrote = run(capsys, "check-ledger", ledger, "--as-of", AS_OF, "--out", out)
    assert code in {0, 1}
    assert out.exists()
    code, exported = run(capsys, "export", "--format", "json", "-o", tmp_path / f"卡号{CARD}.json")
    assert code == 0
    assert leaks(text + wrote + exported, words=False) == []


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_household_numbers_of_card_length_are_shown_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    """A 16-19 digit household number passing the Luhn test is a finding's subject, not masked."""
    if engine == "duckdb" and not available("duckdb"):
        pytest.skip("the columnar extra is not installed")
    rows = _sample("households")
    keys = {row[0]: luhn_card(f"6{k:014d}"[:15]) for k, row in enumerate(rows[1:], start=1)}
    for row in rows[1:]:
        row[0] = keys[row[0]]
    path = tmp_path / "households.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, text = run(capsys, "check-ledger", path, "--as-of", AS_OF, "--json", "--engine", engine)
    assert code in {0, 1}, text
    subjects = {f["subject"] for f in json.loads(text.split("\n\n")[0])["findings"]}
    assert subjects, text
    assert subjects <= set(keys.values())


def test_a_card_is_known_by_the_word_right_before_it() -> None:
    """Card words mask the digits right after them; a household number further on is shown."""
    key = "6401221010010001234"  # 19 digits passing the Luhn test
    assert luhn_card(key[:-1]) == key
    assert scrub(f"一卡通 户 {key}") == f"一卡通 户 {key}"
    assert scrub(f"人民银行宁夏区分行,{key}") == f"人民银行宁夏区分行,{key}"
    for word in ("银行卡", "银行卡号:", "卡号为", "账号 ", "帐户：", "一卡通", "Card number: "):
        assert scrub(f"{word}{CARD}") == f"{word}{CARD[:4]}{'*' * 11}{CARD[-4:]}"
    field = schema_for(LedgerKind.HOUSEHOLDS).names["household_id"]
    assert field.mask(f"{key} ") == f"{key} "  # a padded key quoted in its problem
