"""Tests for personal data: masking, the GB 11643-1999 checksum, and that nothing leaks."""

import csv
import datetime as dt
import io
import json
import logging
import zipfile

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ledger_strategies import id_numbers, names, phones
from xiaojie.ledgers import (
    LedgerFileError,
    check,
    check_columnar,
    is_valid_id_number,
    mask_id_number,
    mask_name,
    mask_phone,
    read_households,
    write_findings,
    write_report,
)
from xiaojie.ledgers._privacy import id_number_check_char, id_number_problem, scrub


class TestIdNumber:
    def test_standard_example(self):
        """The GB 11643-1999 standard's own example number is valid."""
        assert is_valid_id_number("11010519491231002X")

    def test_lowercase_x_is_accepted(self):
        """A lowercase check character x is the same as X."""
        assert is_valid_id_number("11010519491231002x")

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("110105194912310021", "check character"),
            ("11010519491331002X", "not a real birth date"),
            ("11010518991231002X", "birth year between 1900 and 2100"),
            ("1101051949123100", "found 16 characters"),
            # an 18-character number says which character is wrong (it said "found 18
            # characters", as if 18 were the fault)
            ("11010519491231002Y", "found a letter at character 18"),
            ("11010519491231002X".replace("0", "O", 1), "found a letter at character 3"),
            ("１１０１０５１９４９１２３１００２X", "found a full-width digit at character 1"),
            ("110105-19491231002", "found a sign at character 7"),
            ("640324194209109000", "last digits are 000, as when a spreadsheet stored"),
        ],
    )
    def test_invalid_numbers_say_why(self, value, problem):
        """Each kind of invalid number gets its own reason, without repeating the number."""
        reason = id_number_problem(value)

        assert reason is not None
        assert problem in reason
        assert value not in reason

    @given(id_numbers())
    def test_generated_numbers_are_valid(self, number):
        """Numbers built with the check character pass the check."""
        assert is_valid_id_number(number)

    @given(id_numbers(), st.integers(0, 16), st.integers(1, 9))
    def test_changing_one_digit_breaks_the_checksum(self, number, position, delta):
        """Changing any one of the first 17 digits changes the check character (weights are units mod 11)."""
        digit = (int(number[position]) + delta) % 10
        changed = number[:position] + str(digit) + number[position + 1 :]

        assert id_number_check_char(changed[:17]) != number[17]


class TestMasks:
    @given(id_numbers())
    def test_id_mask_keeps_four_and_four(self, number):
        """A masked identity number keeps only its first and last four characters."""
        masked = mask_id_number(number)

        assert number[:4] + "*" * 10 + number[-4:] == masked

    @given(names)
    def test_name_mask_keeps_the_surname(self, name):
        """A masked name keeps only its first character."""
        masked = mask_name(name)

        assert name[0] + "*" * (len(name) - 1) == masked

    @given(phones)
    def test_phone_mask(self, phone):
        """A masked mobile number keeps three digits in front and four behind."""
        assert phone[:3] + "****" + phone[-4:] == mask_phone(phone)

    @given(st.text(alphabet=st.characters(blacklist_characters="*"), max_size=30))
    @example("640324199001011234")
    def test_masks_never_return_the_value(self, value):
        """No mask returns its input (of two or more characters, not already masked)."""
        for mask in (mask_id_number, mask_name, mask_phone):
            if len(value) > 1:
                assert value != mask(value)

    def test_scrub_masks_numbers_in_free_text(self):
        """Identity and mobile numbers inside free text are masked."""
        text = scrub("户类型 '11010519491231002X', 电话 13812345678")

        assert "11010519491231002X" not in text
        assert "13812345678" not in text


PEOPLE = [
    ("马翠花", "640324198505124412"),
    ("杨铁柱", "640324197003031915"),
    ("欧阳建国", "640303196612224430"),
    ("丁秀兰", "64038119900101523X"),
]


def _valid(number):
    return number[:17] + id_number_check_char(number[:17])


def personal_ledger(tmp_path):
    """A ledger full of (synthetic) personal data, with bad rows that quote personal cells."""
    header = [
        "户编号",
        "户主姓名",
        "证件号码",
        "联系电话",
        "县(市、区)",
        "乡(镇)",
        "行政村",
        "户类型",
        "风险线索发现时间",
        "识别时间",
        "风险消除时间",
        "风险消除方式",
    ]
    rows = []
    secrets = []
    for i, (name, base) in enumerate(PEOPLE * 3):
        number = _valid(base[:14] + f"{i:03d}")
        phone = f"100{i:04d}{i:04d}"
        secrets.extend([name, number, phone])
        rows.append(
            [
                f"H{i:03d}",
                name,
                number,
                phone,
                "同心县",
                "豫海镇",
                "红星村",
                "一般农户",
                "2025-06-01",
                "2025-06-25",
                "",
                "",
            ]
        )
    bad_number = PEOPLE[0][1][:17] + ("0" if PEOPLE[0][1][17] != "0" else "1")
    secrets.append(bad_number)
    rows.append(
        [
            "H900",
            "马翠花",
            bad_number,
            "100-bad",
            "同心县",
            "豫海镇",
            "红星村",
            "一般农户",
            "",
            "",
            "",
            "",
        ]
    )
    misplaced = _valid("64032419880808123")
    secrets.append(misplaced)
    rows.append(
        [
            "H901",
            "杨铁柱",
            "",
            "10099998888",
            "同心县",
            "豫海镇",
            "红星村",
            misplaced,
            "",
            "",
            "",
            "",
        ]
    )
    secrets.append("10099998888")
    rows.append(
        [
            "H000",
            "丁秀兰",
            _valid("64038119900101000"),
            "",
            "同心县",
            "豫海镇",
            "红星村",
            "一般农户",
            "2025-02-30",
            "",
            "",
            "",
        ]
    )
    path = tmp_path / "户台账.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path, sorted(set(secrets))


class TestNoLeaks:
    def test_no_personal_value_appears_in_any_output(self, tmp_path, caplog):
        """Reprs, findings, reports, errors, logs and written files never show a personal value whole."""
        path, secrets = personal_ledger(tmp_path)
        caplog.set_level(logging.DEBUG, logger="xiaojie")
        as_of = dt.date(2025, 8, 1)

        read = read_households(path)
        findings = check(read.rows, as_of=as_of)
        columnar = check_columnar(path, as_of=as_of)
        with pytest.raises(LedgerFileError, match=r"户台账\.csv: \d+ rows read") as strict:
            read_households(path, strict=True)
        outputs = [
            repr(read.rows),
            str(read.rows[0].members[0]),
            repr(read.report),
            str(read.report),
            str(strict.value),
            repr(strict.value),
            repr(findings),
            findings.summary(),
            "\n".join(f.message() for f in findings),
            json.dumps(findings.records(), ensure_ascii=False),
            str(columnar.report),
            repr(columnar.findings.to_findings()),
            caplog.text,
        ]
        for suffix in (".csv", ".json", ".xlsx", ".parquet"):
            outputs.append(_file_text(write_findings(findings, tmp_path / f"findings{suffix}")))
            outputs.append(_file_text(write_report(read.report, tmp_path / f"report{suffix}")))
        everything = "\n".join(outputs)

        assert read.report.issues, "the ledger must have bad rows quoting personal cells"
        assert "6403**********" in everything
        leaked = [secret for secret in secrets if secret in everything]
        assert [] == leaked


def _file_text(path):
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        buffer = io.StringIO()
        buffer.write(str(table.schema.metadata))
        for column in table.columns:
            buffer.write("\n".join(map(str, column.to_pylist())))
        return buffer.getvalue() + path.read_bytes().decode("utf-8", "replace")
    return path.read_text(encoding="utf-8-sig")


# Py4J leaves its sockets to the garbage collector: PySpark's business, not ours.
_PY4J = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


@pytest.mark.parametrize("engine", ["objects", "duckdb", pytest.param("spark", marks=_PY4J)])
@pytest.mark.parametrize("name", ["马　丽", "马 丽", "马\u00a0\u00a0丽"])
def test_a_padded_name_is_masked_as_written_and_unpadded(request, tmp_path, engine, name):
    """A two-character name padded to three (马　丽) is learnt unpadded and padded alike on every engine."""
    from xiaojie.ledgers import check_columnar
    from xiaojie.ledgers._write import write_findings, write_report

    path = tmp_path / "households.csv"
    path.write_text(
        "户编号,户主姓名,户类型,行政村,风险线索发现时间,识别时间,备注\n"
        f"H1,{name},脱贫户,峡隆村,2024-01-01,2024-01-10,\n"
        f"H2,王芳,{name},峡隆村,2024-01-01,2024-01-10,\n"
        "H3,李娜,脱贫户,马丽,2024-01-01,2024-01-10,\n"
        "H4,赵军,脱贫户,马  丽,2024-01-01,2024-01-10,\n",  # another padding of the same name
        encoding="utf-8",
    )

    options = {"engine": engine}
    if engine == "spark":
        options.update(spark=request.getfixturevalue("spark"), validate=True)
    checked = check_columnar(path, as_of=dt.date(2025, 11, 15), **options)
    out = write_report(checked.report, tmp_path / "report.json")
    shown = [str(issue) for issue in checked.report.issues]
    shown.append(out.read_text(encoding="utf-8"))
    findings = write_findings(checked.findings, tmp_path / "findings.csv")
    shown.append(findings.read_text(encoding="utf-8-sig"))

    assert "丽" not in "".join(shown), shown
    assert any("马" in text for text in shown)  # the surname is kept, the rest masked
