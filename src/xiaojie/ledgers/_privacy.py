"""Personal data in ledgers: masking and the GB 11643-1999 citizen identity number.

Names, identity numbers and telephone numbers are personal data. xiaojie never shows them
whole: every ``repr``, error message, report, log line and written file uses the masked forms
below. The masks follow the usual practice of Chinese public notices (公示不得公开农户身份证件号码、
手机号): keep just enough to tell records apart.

=================  ======================  ====================
value              example                 masked
=================  ======================  ====================
identity number    ``640324199001011234``  ``6403**********1234``
name               ``张三丰``               ``张**``
telephone          ``13812345678``         ``138****5678``
=================  ======================  ====================
"""

from __future__ import annotations

import datetime as dt
import operator
import re

from xiaojie._privacy import mask_id_number, mask_name, mask_phone, scrub
from xiaojie.errors import LedgerError


__all__ = [
    "MAX_YEAR",
    "MIN_BIRTH_YEAR",
    "MIN_YEAR",
    "id_number_check_char",
    "id_number_problem",
    "is_valid_id_number",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "scrub",
]

#: The earliest and latest years of a ledger's dates (a clue found, a household identified, an
#: asset handed over, a problem closed …) and of an asset's funding year.
#:
#: No record of these ledgers is older than the first central fund for poverty alleviation
#: (支援经济不发达地区发展资金, 1980); their households are monitored since 2020, their assets
#: formed by the funds of the programmes begun in 1986. A date before 1980 is a typing error,
#: most often a small number in a cell formatted as a date: spreadsheets count days from
#: 1900-01-01 (serial 1; serial 60 is the 1900-02-29 that never was, read as 1900-02-28, the
#: day of serial 59), so every whole number up to 29220 typed in such a cell is a day before 1980.
MIN_YEAR = 1980
MAX_YEAR = 2100
#: The earliest year of a birth date in an identity number: people, unlike ledger events, are
#: older than the ledgers.
MIN_BIRTH_YEAR = 1900

#: GB 11643-1999 weights of the first 17 digits (2**(17-i) mod 11).
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: The check character for each weighted sum modulo 11.
CHECK_CHARS = "10X98765432"

_ID_SHAPE = re.compile(r"[0-9]{17}[0-9Xx]")


def id_number_check_char(first17: str) -> str:
    """Return the GB 11643-1999 check character for the first 17 digits of an identity number.

    Parameters
    ----------
    first17
        The 6-digit address code, the 8-digit birth date and the 3-digit sequence number.

    Returns
    -------
    str
        One of ``0``–``9`` or ``X``.

    Examples
    --------
    >>> id_number_check_char("11010519491231002")
    'X'
    """
    if len(first17) != len(_WEIGHTS) or not first17.isdigit():
        msg = f"identity number: expected 17 digits, found {len(first17)} characters"
        raise LedgerError(msg)
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


_ID_LENGTH = 18


def id_number_problem(value: str) -> str | None:
    """Return what is wrong with a citizen identity number, or ``None`` if it is valid.

    A valid number has 18 characters: 17 digits and a check character (digit or ``X``); its
    characters 7–14 are a real birth date between 1900 and 2100, and the check character
    matches the GB 11643-1999 checksum. The message never repeats the number.

    Examples
    --------
    >>> id_number_problem("11010519491231002X") is None
    True
    >>> id_number_problem("110105194912310021")
    'the check character does not match the checksum'
    >>> id_number_problem("12345")
    'expected 17 digits and a check character (18 characters), found 5 characters'
    >>> id_number_problem("６４０３２４１９４９１２３１００２X")
    'expected 17 digits and a check character (18 characters), found a full-width digit at character 1: write the number with half-width digits'
    """
    if not _ID_SHAPE.fullmatch(value):
        if len(value) == _ID_LENGTH:
            at, ch = next(
                (i, c)
                for i, c in enumerate(value)
                if not ("0" <= c <= "9" or (i == _ID_LENGTH - 1 and c in "Xx"))
            )
            wide = "０" <= ch <= "９" or ch in "Ｘｘ"
            what = "a full-width digit" if wide else "a letter" if ch.isalpha() else "a sign"
            return (
                "expected 17 digits and a check character (18 characters), found "
                f"{what} at character {at + 1}"
                + (": write the number with half-width digits" if wide else "")
            )
        return (
            "expected 17 digits and a check character (18 characters), "
            f"found {len(value)} characters"
        )
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    try:
        birth = dt.date(year, month, day)
    except ValueError:
        return "characters 7-14 are not a real birth date"
    if not MIN_BIRTH_YEAR <= birth.year <= MAX_YEAR:
        return f"characters 7-10 are not a birth year between {MIN_BIRTH_YEAR} and {MAX_YEAR}"
    if id_number_check_char(value[:17]) != value[17].upper():
        if value.endswith("000"):
            # 6.40324194209109E+17: a spreadsheet keeps 15 digits of a number
            return (
                "the check character does not match the checksum; its last digits are 000, as "
                "when a spreadsheet stored the number as a number (15 digits kept): format the "
                "column as text and type the number again"
            )
        return "the check character does not match the checksum"
    return None


def is_valid_id_number(value: str) -> bool:
    """Return whether ``value`` is a valid GB 11643-1999 citizen identity number.

    Examples
    --------
    >>> is_valid_id_number("11010519491231002X"), is_valid_id_number("110105194912310021")
    (True, False)
    """
    return id_number_problem(value) is None
