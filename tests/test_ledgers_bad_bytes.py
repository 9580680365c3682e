"""CSV ledgers holding bytes their encoding cannot read: the row named, set aside, on every engine.

A character cut in two (a copy between systems, a file cut short) or a stray byte such as 0xFF
in one cell: the file is read, each such cell gets an issue naming its row, its column and the
bytes in hexadecimal (never a name's other characters), and its row is set aside, alike by the
object reader, on DuckDB and through the command line, on either engine.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_strategies import FIELDS, HEADERS, as_of_dates, faulty_ledgers
from xiaojie.cli import main
from xiaojie.errors import LedgerError
from xiaojie.ledgers import (
    EliminationIncomeNotAboveLine,
    IssueKind,
    LedgerKind,
    RevitalisationRate,
    check,
    check_columnar,
    read_assets,
    read_households,
    rules_for,
    sniff_ledger,
)
from xiaojie.ledgers._read import UnreadableTextError, _detect_encoding


if TYPE_CHECKING:
    from pathlib import Path


duckdb = pytest.importorskip("duckdb")

AS_OF = dt.date(2025, 11, 15)
RULES = [*rules_for("households"), EliminationIncomeNotAboveLine(monitoring_line=8700)]
CON = duckdb.connect()
HEADER = [
    "户编号",
    "户主姓名",
    "证件号码",
    "行政村",
    "户类型",
    "风险线索发现时间",
    "识别时间",
    "备注",
]
ROWS = (
    ("H1", "马秀兰", "", "峡隆村", "一般农户", "2025-06-01", "2025-06-30", "已走访"),
    ("H2", "王建国", "", "红星村", "脱贫户", "2025-06-01", "2025-06-30", "入户核实"),
    ("H3", "李桂英", "", "南关村", "一般农户", "2025-07-01", "2025-07-05", ""),
)


def rows_of() -> list[list[str]]:
    """The rows of :data:`ROWS`, each a new list."""
    return [list(row) for row in ROWS]


DUCK = settings(
    max_examples=max(10, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)

Damage = Callable[[str, str], bytes]
"""Turns a cell's text into its bytes in an encoding, with bytes the encoding cannot read."""


def stray(byte: bytes = b"\xff", at: int | None = None) -> Damage:
    """A stray byte after ``at`` characters of the cell (its middle by default)."""

    def damage(text: str, encoding: str) -> bytes:
        cut = len(text) // 2 if at is None else at
        return text[:cut].encode(encoding) + byte + text[cut:].encode(encoding)

    return damage


def cut(text: str, encoding: str) -> bytes:
    """The cell's last character cut short of its last byte (a character cut in two)."""
    return text[:-1].encode(encoding) + text[-1].encode(encoding)[:-1]


def csv_bytes(
    rows: list[list[str]], encoding: str, damaged: dict[tuple[int, int], Damage] | None = None
) -> bytes:
    """The rows as CSV in ``encoding``; ``damaged`` maps (row number, column) to its damage."""
    damaged = damaged or {}
    sig = encoding == "utf-8-sig"
    encoding = "utf-8" if sig else encoding  # its encoder would begin every cell with the mark
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = []
        for column, text in enumerate(row):
            damage = damaged.get((number, column))
            content = text.encode(encoding) if damage is None else damage(text, encoding)
            if any(c in text for c in ',"\n\r'):
                content = b'"' + content.replace(b'"', b'""') + b'"'
            cells.append(content)
        lines.append(b",".join(cells))
    return (b"\xef\xbb\xbf" if sig else b"") + b"\n".join(lines) + b"\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def located(report: Any) -> list[tuple[int, str, str, str, str]]:
    return [(i.row, i.column, i.field, str(i.kind), i.message) for i in report.issues]


def both(path: Path, **options: Any) -> tuple[Any, Any]:
    """The object reader's report and findings, then DuckDB's, after checking they agree."""
    read = read_households(path, **options)
    objects = check(read.rows, as_of=AS_OF, rules=RULES)
    columnar = check_columnar(path, as_of=AS_OF, rules=RULES, connection=CON, **options)

    assert located(read.report) == located(columnar.report)
    assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
    assert objects.items == columnar.findings.to_findings().items
    assert objects.by_rule() == columnar.findings.by_rule()
    return read.report, objects


class TestRowsSetAside:
    def test_a_name_cut_in_two_sets_its_row_aside(self, tmp_path: Path) -> None:
        """A GB18030 name cut short of a byte is an issue counting the byte, not showing it."""
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", {(3, 1): cut}))

        report, findings = both(path)

        assert [
            (
                3,
                "户主姓名",
                "head_name",
                "bad_type",
                (
                    "户主姓名: expected text in GB18030, found bytes that are not GB18030 "
                    "(1 byte, not shown: they may spell personal data)"
                ),
            )
        ] == located(report)
        assert (3, 2) == (report.rows, report.good)
        assert ["H1"] == [
            f.subject for f in findings.items if f.rule == "identification_time_limit"
        ]
        assert not any(ch in str(report) for ch in "王建")

    def test_a_stray_byte_in_a_village_is_shown_in_its_cell(self, tmp_path: Path) -> None:
        """A 0xFF in a UTF-8 file is named with the cell as read; the file is still read as UTF-8."""
        path = write(
            tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "utf-8", {(2, 3): stray()})
        )

        report, _ = both(path)

        message = "行政村: expected text in UTF-8, found bytes that are not UTF-8 (0xFF) in '峡\ufffd隆村'"
        assert [(2, "行政村", "village", "bad_type", message)] == located(report)
        assert "utf-8-sig" == _detect_encoding(path)
        assert ["王建国", "李桂英"] == [h.head.name for h in read_households(path).rows if h.head]

    @pytest.mark.parametrize("field", [1, 3])
    def test_a_name_in_another_encoding_is_not_spelled_in_bytes(
        self, tmp_path: Path, field: int
    ) -> None:
        """冯忠 written in GBK into a UTF-8 file: its four bytes were shown, which spell it."""
        rows = rows_of()
        rows[1][field] = "冯忠" if field == 1 else "户主冯忠家"
        data = csv_bytes([HEADER, *rows], "utf-8")
        path = write(tmp_path / "h.csv", data.replace("冯忠".encode(), "冯忠".encode("gbk")))

        report, _ = both(path)

        [issue] = report.issues
        assert issue.row == 3
        assert "4 bytes, not shown" in issue.message
        spelled = " ".join(f"0x{b:02X}" for b in "冯忠".encode("gbk"))
        assert spelled not in str(report)
        assert "0xB7" not in str(report)

    def test_a_name_in_another_encoding_is_not_spelled_when_no_header_is_found(
        self, tmp_path: Path
    ) -> None:
        """The note of a file without a header named a data row's bytes: 冯忠's, in GBK."""
        rows = [["户号码", *HEADER[1:]], *rows_of()]
        rows[1][1] = "冯忠"
        data = csv_bytes(rows, "utf-8").replace("冯忠".encode(), "冯忠".encode("gbk"))
        path = write(tmp_path / "h.csv", data)
        with pytest.raises(LedgerError) as info:
            read_households(path)
        assert "row 2, column 2 holds bytes that are not UTF-8 (4 bytes, not shown" in str(
            info.value
        )
        assert "0xB7" not in str(info.value)

    @pytest.mark.parametrize("text", ["联系电话13812345678", "身份证640324199001011234"])
    def test_a_number_cut_by_a_bad_byte_is_not_shown(self, tmp_path: Path, text: str) -> None:
        """A phone or identity number split by a stray byte no longer looks like one to the
        masking: the cell is then left out of the issue, on both engines."""
        rows = rows_of()
        rows[0][3] = text  # the first row's village (file row 2)
        damage = stray(at=text.index("1") + 3)
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows], "utf-8", {(2, 3): damage}))

        report, _ = both(path)

        [issue] = report.issues
        assert issue.message.endswith("(0xFF)")
        assert "5678" not in str(report)
        assert "1234" not in str(report)

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
    def test_with_a_byte_order_mark_or_in_gb18030(self, tmp_path: Path, encoding: str) -> None:
        """With a byte order mark (UTF-8) or in GB18030, the header reads and the row is named."""
        data = csv_bytes([HEADER, *rows_of()], encoding, {(4, 6): stray(b"\x80", 4)})
        path = write(tmp_path / "h.csv", data)
        name = "UTF-8" if encoding == "utf-8-sig" else "GB18030"

        report, _ = both(path)

        message = (
            f"识别时间: expected text in {name}, found bytes that are not {name} (0x80) "
            "in '2025\ufffd-07-05'"
        )
        assert [(4, "识别时间", "identified_on", "bad_type", message)] == located(report)

    @pytest.mark.parametrize(("given", "name"), [("gbk", "GBK"), ("gb18030", "GB18030")])
    def test_an_encoding_given_is_the_one_named(
        self, tmp_path: Path, given: str, name: str
    ) -> None:
        """Told the encoding, the reader names it in the issue."""
        data = csv_bytes([HEADER, *rows_of()], "gb18030", {(2, 4): stray(b"\xff", 2)})
        path = write(tmp_path / "h.csv", data)

        report, _ = both(path, encoding=given)

        message = (
            f"户类型: expected text in {name}, found bytes that are not {name} (0xFF) "
            "in '一般\ufffd农户'"
        )
        assert [(2, "户类型", "kind", "bad_type", message)] == located(report)

    def test_a_quoted_cell_over_lines_is_one_row(self, tmp_path: Path) -> None:
        """A bad byte in a cell quoted over two lines names that record; later rows keep theirs."""
        rows = [HEADER, *rows_of(), ["H4", "", "", "新华村", "脱贫户", "2025-02-30", "", ""]]
        rows[2][3] = "红星\n村"
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", {(3, 3): stray(b"\xff", 1)}))

        report, _ = both(path)

        assert [(3, "行政村"), (5, "风险线索发现时间")] == [
            (i.row, i.column) for i in report.issues
        ]
        assert report.issues[0].message.endswith("(0xFF) in '红\ufffd星…'")  # up to its break

    @pytest.mark.parametrize(
        ("damage", "shown"),
        [
            (lambda data: data[:-3], "(0x51) in '南关\ufffd'"),  # cut inside its last character
            (lambda data: data.replace("南".encode("utf-16-le"), b"\x00\xd8"), "(0x00 0xD8)"),
        ],
        ids=["cut", "lone-surrogate"],
    )
    def test_utf16_with_a_byte_order_mark(
        self, tmp_path: Path, damage: Callable[[bytes], bytes], shown: str
    ) -> None:
        """A UTF-16 file cut short or holding half a surrogate pair names its last cell."""
        text = "户编号,户类型,行政村\nH1,一般农户,峡隆村\nH2,脱贫户,南关村\n"
        path = write(tmp_path / "h.csv", damage(text.encode("utf-16")))

        report, _ = both(path)

        assert [(3, "行政村")] == [(i.row, i.column) for i in report.issues]
        assert "found bytes that are not UTF-16 " + shown in report.issues[0].message

    def test_utf16_without_a_byte_order_mark_is_refused_alike(self, tmp_path: Path) -> None:
        """Told utf-16, a file with no byte order mark is one LedgerError on DuckDB too."""
        path = write(tmp_path / "h.csv", "户编号,户类型\nH1,脱贫户\n".encode("utf-16-le"))

        for attempt in (read_households, lambda p, **o: check_columnar(p, as_of=AS_OF, **o)):
            with pytest.raises(UnreadableTextError) as info:
                attempt(path, encoding="utf-16")

            assert str(info.value).startswith("h.csv: expected text in utf-16, found bytes")

    def test_bytes_in_a_column_no_field_reads_are_no_issue(self, tmp_path: Path) -> None:
        """A stray byte in 备注, which no field reads, leaves every row good."""
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", {(3, 7): cut}))

        report, _ = both(path)

        assert (3, 3, ()) == (report.rows, report.good, report.issues)

    def test_a_character_cut_at_the_end_of_the_file(self, tmp_path: Path) -> None:
        """A file cut short inside its last character: that cell is named."""
        rows = [
            ["户编号", "户类型", "行政村"],
            ["H1", "一般农户", "峡隆村"],
            ["H2", "脱贫户", "南关村"],
        ]
        data = csv_bytes(rows, "utf-8", {(3, 2): cut})[:-1]  # no line end after the cut
        path = write(tmp_path / "h.csv", data)

        report, _ = both(path)

        message = "行政村: expected text in UTF-8, found bytes that are not UTF-8 (0xE6 0x9D) in '南关\ufffd\ufffd'"
        assert [(3, "行政村", "village", "bad_type", message)] == located(report)

    def test_a_stray_byte_past_the_first_blocks(self, tmp_path: Path) -> None:
        """A stray byte far into a UTF-8 file (read by Arrow until then) is found by both engines."""
        rows = [HEADER] + [
            [f"H{n}", "马秀兰", "", "峡隆村", "一般农户", "2025-06-01", "2025-06-30", "已走访"]
            for n in range(1, 800)
        ]
        path = write(tmp_path / "h.csv", csv_bytes(rows, "utf-8", {(790, 3): stray()}))

        report, _ = both(path)

        assert [(790, "行政村")] == [(i.row, i.column) for i in report.issues]
        assert (799, 798) == (report.rows, report.good)

    def test_a_row_set_aside_keeps_its_key(self, tmp_path: Path) -> None:
        """A key used again after a row set aside is a duplicate of it, and one used before is too."""
        rows = [HEADER, *rows_of(), *rows_of()[1::-1]]
        damaged = {(3, 1): cut, (6, 3): stray()}
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", damaged))

        report, _ = both(path)

        assert [
            (3, "head_name", IssueKind.BAD_TYPE),
            (5, "household_id", IssueKind.DUPLICATE),
            (6, "village", IssueKind.BAD_TYPE),
            (6, "household_id", IssueKind.DUPLICATE),
        ] == [(i.row, i.field, i.kind) for i in report.issues]
        assert report.issues[1].message.endswith("found a duplicate of row 3")
        assert report.issues[3].message.endswith("found a duplicate of row 2")

    def test_other_problems_of_the_row_are_named_too(self, tmp_path: Path) -> None:
        """The row's other bad cells are reported after the bytes; the damaged cell once."""
        rows = [HEADER, *rows_of()]
        rows[1][6] = "2025-02-30"
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", {(2, 5): stray()}))

        report, _ = both(path)

        assert [("clue_on", "bad_type"), ("identified_on", "bad_date")] == [
            (i.field, str(i.kind)) for i in report.issues
        ]

    def test_only_the_needed_columns_on_duckdb(self, tmp_path: Path) -> None:
        """With validate="needed", bytes in a name leave the row; bytes in a village set it aside."""
        damaged = {(2, 1): stray(), (3, 3): stray()}
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", damaged))

        result = check_columnar(path, as_of=AS_OF, rules=RULES, validate="needed", connection=CON)
        full = read_households(path).report

        assert [(3, "village")] == [(i.row, i.field) for i in result.report.issues]
        assert [i for i in located(full) if i[2] == "village"] == located(result.report)
        assert (3, 2) == (result.report.rows, result.report.good)

    def test_an_asset_ledger_with_a_group_rule(self, tmp_path: Path) -> None:
        """The asset engine's other path (a rate by village) sets the row aside alike."""
        header = ["资产编号", "项目名称", "行政村", "资产类别", "资产原值", "形成年度", "资产状态"]
        rows = [
            header,
            ["A1", "村组道路", "水兴村", "经营性", "1000", "2020", "闲置"],
            ["A2", "光伏电站", "水兴村", "经营性", "2000", "2021", "在用"],
            ["A3", "冷库", "沙结村", "经营性", "3000", "2022", "闲置"],
        ]
        path = write(tmp_path / "a.csv", csv_bytes(rows, "gb18030", {(3, 1): stray()}))
        rules = [*rules_for("assets"), RevitalisationRate(by="mean_of_both", level="village")]

        read = read_assets(path)
        objects = check(read.rows, as_of=AS_OF, rules=rules)
        columnar = check_columnar(path, as_of=AS_OF, ledger="assets", rules=rules, connection=CON)

        assert [(3, "project")] == [(i.row, i.field) for i in read.report.issues]
        assert located(read.report) == located(columnar.report)
        assert objects.items == columnar.findings.to_findings().items


class TestHeader:
    @pytest.mark.parametrize("header_row", [None, 2])
    def test_a_header_holding_a_bad_byte_is_refused_naming_it(
        self, tmp_path: Path, header_row: int | None
    ) -> None:
        """A header cell that cannot be read refuses the file (its column cannot be named)."""
        rows = [["同心县监测台账"], HEADER, *rows_of()]
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", {(2, 4): stray(b"\xff", 1)}))
        refused = (
            "h.csv: header row 2, column 5: expected text in GB18030, found bytes that are not "
            "GB18030 (0xFF) in '户\ufffd类型': the columns cannot be named"
        )

        for attempt in (
            lambda p: read_households(p, header_row=header_row),
            lambda p: check_columnar(p, as_of=AS_OF, header_row=header_row),
        ):
            with pytest.raises(UnreadableTextError) as info:
                attempt(path)

            assert refused == str(info.value)

    def test_a_key_header_holding_a_bad_byte_is_said(self, tmp_path: Path) -> None:
        """No header found: the error says which of the first rows held bytes it cannot read."""
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", {(1, 0): cut}))
        said = "; row 1, column 1 holds bytes that are not GB18030 (0x{:02X})".format(
            "号".encode("gb18030")[0]
        )

        errors = []
        for attempt in (read_households, lambda p: check_columnar(p, as_of=AS_OF), sniff_ledger):
            with pytest.raises(LedgerError) as info:
                attempt(path)
            errors.append(str(info.value))

        assert all(error.endswith(said) for error in errors), errors
        assert errors[0] == errors[1]

    def test_a_title_row_holding_a_bad_byte_is_no_problem(self, tmp_path: Path) -> None:
        """A title row above the header is not read: its bytes do not matter."""
        rows = [["同心县监测台账"], HEADER, *rows_of()]
        path = write(tmp_path / "h.csv", csv_bytes(rows, "gb18030", {(1, 0): cut}))

        report, _ = both(path)

        assert (2, 3, 3, ()) == (report.header_row, report.rows, report.good, report.issues)
        assert LedgerKind.HOUSEHOLDS == sniff_ledger(path)


class TestCommandLine:
    def test_both_engines_read_the_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check-ledger reads the file on either engine, its kind sniffed, with the same report."""
        path = write(tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", {(3, 1): cut}))
        shown = {}
        for engine in ("objects", "duckdb"):
            code = main(
                ["check-ledger", str(path), "--as-of", "2025-11-15", "--json", "--engine", engine]
            )
            out, err = capsys.readouterr()
            assert 0 == code, err
            shown[engine] = json.loads(out)
            assert engine == shown[engine].pop("engine")

        assert shown["objects"] == shown["duckdb"]
        assert "王建国" not in json.dumps(shown["duckdb"], ensure_ascii=False)
        assert 1 == len(shown["duckdb"]["issues"])
        assert LedgerKind.HOUSEHOLDS == sniff_ledger(path)

    def test_a_header_holding_a_bad_byte_is_one_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A header that cannot be read is one error line, the same on either engine."""
        path = write(
            tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], "gb18030", {(1, 4): stray()})
        )
        errors = []
        for engine in ("objects", "duckdb"):
            assert 1 == main(
                ["check-ledger", str(path), "--as-of", "2025-11-15", "--engine", engine]
            )
            out, err = capsys.readouterr()
            assert "" == out
            errors.append(err.splitlines())

        assert errors[0] == errors[1]
        assert 1 == len(errors[0])
        assert errors[0][0].startswith(
            "error: h.csv: header row 1, column 5: expected text in GB18030"
        )


class TestEncodingSniffed:
    @pytest.mark.parametrize(
        ("encoding", "damage", "sniffed"),
        [
            ("utf-8", stray(), "utf-8-sig"),
            ("utf-8", cut, "utf-8-sig"),
            ("gb18030", stray(), "gb18030"),
            ("gb18030", cut, "gb18030"),
        ],
    )
    def test_a_stray_byte_does_not_change_the_encoding(
        self, tmp_path: Path, encoding: str, damage: Damage, sniffed: str
    ) -> None:
        """A file of one encoding with a bad byte is still read in that encoding."""
        path = write(
            tmp_path / "h.csv", csv_bytes([HEADER, *rows_of()], encoding, {(3, 1): damage})
        )

        assert sniffed == _detect_encoding(path)

    def test_ascii_with_a_stray_byte_is_utf8(self, tmp_path: Path) -> None:
        """A file of ASCII and one stray byte, which neither encoding reads, is read as UTF-8."""
        path = write(tmp_path / "h.csv", b"household_id,kind\nH1,ordinary\xff\n")

        assert "utf-8-sig" == _detect_encoding(path)


# -- random ledgers with random bad bytes --------------------------------------------------------

_ENCODINGS = st.sampled_from(["gb18030", "utf-8", "utf-8-sig"])
_STRAYS = st.sampled_from([b"\xff", b"\x80", b"\xfe\xff"])


@st.composite
def damages(draw: st.DrawFn, text: str) -> tuple[Damage, bytes | None]:
    """A damage for a cell of ``text``, and the first bad byte it makes when it is sure of it."""
    if text and not text[-1].isascii() and draw(st.booleans()):
        return cut, None  # the first byte of the character cut, known once encoded
    byte = draw(_STRAYS)
    return stray(byte, draw(st.integers(0, len(text)))), byte[:1]


@DUCK
@given(faulty_ledgers(max_size=8), as_of_dates, _ENCODINGS, st.booleans(), st.data())
def test_engines_agree_on_random_bad_bytes(  # noqa: PLR0917 - hypothesis arguments
    tmp_path: Path,
    generated: tuple[Any, list[list[str]], Any],
    as_of: dt.date,
    encoding: str,
    told: bool,
    data: st.DataObject,
) -> None:
    """Random cells of random ledgers get bad bytes: both engines give the same report and
    findings, each damaged cell has its issue, and the other rows read as without the damage."""
    _, rows, _ = generated
    rows = [[*HEADERS, "备注"], *([*row, "已走访"] for row in rows)]
    damaged: dict[tuple[int, int], Damage] = {}
    firsts: dict[tuple[int, int], bytes | None] = {}
    if len(rows) > 1:
        cells = st.tuples(st.integers(2, len(rows)), st.integers(1, len(rows[0]) - 1))
        for number, column in data.draw(st.sets(cells, max_size=4)):
            damage, first = data.draw(damages(rows[number - 1][column]))
            damaged[number, column] = damage
            firsts[number, column] = first
    clean = write(tmp_path / "clean.csv", csv_bytes(rows, encoding))
    path = write(tmp_path / "damaged.csv", csv_bytes(rows, encoding, damaged))
    options: dict[str, Any] = {"encoding": encoding} if told else {}
    name = "UTF-8" if encoding.startswith("utf-8") else "GB18030"

    read = read_households(path, **options)
    objects = check(read.rows, as_of=as_of, rules=RULES)
    columnar = check_columnar(path, as_of=as_of, rules=RULES, connection=CON, **options)
    before = read_households(clean, **options).report

    assert located(read.report) == located(columnar.report)
    assert (read.report.rows, read.report.good) == (columnar.report.rows, columnar.report.good)
    assert objects.items == columnar.findings.to_findings().items
    assert objects.by_rule() == columnar.findings.by_rule()
    bad = {
        (i.row, i.column): i for i in read.report.issues if "found bytes that are not" in i.message
    }
    expected = {(number, rows[0][column]) for number, column in damaged if column < len(FIELDS)}
    assert expected == set(bad)
    for (number, column), first in firsts.items():
        if column >= len(FIELDS):
            continue
        issue = bad[number, rows[0][column]]
        assert IssueKind.BAD_TYPE == issue.kind
        assert issue.message.startswith(f"{HEADERS[column]}: expected text in {name}, ")
        personal = FIELDS[column] in {"head_name", "head_id_number", "phone"}
        if first is not None and not personal:
            assert f"(0x{first[0]:02X}" in issue.message
        if personal:
            assert issue.message.endswith(", not shown: they may spell personal data)"), (
                issue.message  # how many bytes, neither them nor the text
            )
    aside = {number for number, _ in bad}
    assert [i for i in located(before) if i[0] not in aside] == [
        i for i in located(read.report) if i[0] not in aside
    ]
