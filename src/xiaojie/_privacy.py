"""The last filter for personal data: whatever leaves xiaojie passes :func:`scrub`.

Identity numbers, mobile numbers and the names of people known from a ledger are personal data.
Masking the personal columns is not enough: a number typed into the wrong column, a household
keyed by its head's 身份证号, or a name in a remark would otherwise be echoed. So every error
message (:class:`xiaojie.errors.XiaojieError`), every written CSV/XLSX cell
(:mod:`xiaojie.io._tabular`) and every Markdown/HTML document passes through :func:`scrub`,
whatever column the value came from.

What is masked:

- an **identity number**: 18 characters (17 digits and a digit or ``X``) or 15 digits, in
  ASCII or full-width digits; also when grouped by spaces, hyphens or dots if its GB 11643
  check character is right; also with letters straight after it; also written as a number in
  scientific notation (an XLSX numeric cell): ``6403**********1234``;
- a **mobile number**: 11 digits starting with 1 (optionally ``+86``), also grouped 3-4-4:
  ``138****5678``;
- a **name** that was registered with :func:`remember_names` (the ledger readers register the
  members they read): ``张**``.

This module imports nothing of xiaojie, so that :mod:`xiaojie.errors` can use it.
"""

from __future__ import annotations

import operator
import re
import threading
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "forget_names",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "remember_names",
    "scrub",
    "scrub_cell",
    "valid_check_char",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

#: Full-width digits and letters become ASCII one character for one, so positions stay.
_HALF = str.maketrans(
    "０１２３４５６７８９ＸｘＥｅ＋－．",
    "0123456789XxEe+-.",
)
_SEP = r"[ \-_./·\u3000\u00a0]"
_ID_PLAIN = re.compile(
    r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"
    r"|(?<![0-9.])[0-9]{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9]|[eE][+-]?[0-9]|\.[0-9])"
)
_ID_GROUPED = re.compile(rf"(?<![0-9])[0-9](?:{_SEP}?[0-9]){{16}}{_SEP}?[0-9Xx](?![0-9])")
_ID_FLOAT = re.compile(r"(?<![0-9])[0-9]\.[0-9]{6,}[eE]\+?1[4-7](?![0-9])")
_PHONE = re.compile(
    r"(?<![0-9.])(?:\+?86[ \-]?)?1[3-9][0-9](?:[0-9]{8}|[ \-][0-9]{4}[ \-][0-9]{4})(?![0-9])"
)

_lock = threading.Lock()
_names: set[str] = set()
_lengths: tuple[int, ...] = ()


def valid_check_char(digits: str) -> bool:
    """Return whether 18 characters end in the right GB 11643-1999 check character.

    Examples
    --------
    >>> valid_check_char("11010519491231002X"), valid_check_char("110105194912310021")
    (True, False)
    """
    if len(digits) != len(_WEIGHTS) + 1 or not digits[:17].isdigit():
        return False
    total = sum(map(operator.mul, map(int, digits[:17]), _WEIGHTS))
    return _CHECK_CHARS[total % 11] == digits[17].upper()


def mask_id_number(value: str) -> str:
    """Mask an identity number, keeping its first four and last four characters.

    Values of fewer than nine characters are masked completely.

    Examples
    --------
    >>> mask_id_number("640324199001011234")
    '6403**********1234'
    >>> mask_id_number("1234")
    '****'
    """
    if len(value) < 9:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(value: str) -> str:
    """Mask a personal name, keeping its first character (the surname, mostly).

    Examples
    --------
    >>> mask_name("张三"), mask_name("欧阳娜娜"), mask_name("李")
    ('张*', '欧***', '*')
    >>> mask_name("")
    ''
    """
    if len(value) <= 1:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 1)


def mask_phone(value: str) -> str:
    """Mask a telephone number: ``138****5678`` for mobiles, the last four digits otherwise.

    Examples
    --------
    >>> mask_phone("13812345678")
    '138****5678'
    >>> mask_phone("0953-1234567")
    '********4567'
    >>> mask_phone("110")
    '***'
    """
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


_NAME_SHAPE = re.compile(r"[\u3400-\u9fff]{2,10}|[\u3400-\u9fff]+(?:[·•][\u3400-\u9fff]+)+")
"""The shape of a personal name that :func:`remember_names` registers."""


def remember_names(names: Iterable[str]) -> None:
    """Register people's names that :func:`scrub` masks wherever they appear.

    Only what has the shape of a personal name is registered: two to ten Chinese characters,
    with a middle dot between parts (阿依古丽·买买提); one character, digits, Latin letters or
    punctuation are ignored, because masking them everywhere would mask ordinary words and break
    the syntax of written files.

    Examples
    --------
    >>> remember_names(["马小花"])
    >>> scrub("户主马小花的电话")
    '户主马**的电话'
    >>> forget_names(["马小花"])
    """
    global _lengths  # noqa: PLW0603 - one registry per process
    with _lock:
        for name in names:
            known = name.strip()
            if _NAME_SHAPE.fullmatch(known) and known not in _names:
                _names.add(known)
                if len(known) not in _lengths:
                    _lengths = tuple(sorted({*_lengths, len(known)}, reverse=True))


def forget_names(names: Iterable[str] | None = None) -> None:
    """Remove names registered by :func:`remember_names` (all of them when ``names`` is None)."""
    global _lengths  # noqa: PLW0603 - one registry per process
    with _lock:
        if names is None:
            _names.clear()
        else:
            _names.difference_update(n.strip() for n in names)
        _lengths = tuple(sorted({len(n) for n in _names}, reverse=True))


def _mask_names(text: str) -> str:
    lengths = _lengths
    if not lengths or len(text) < lengths[-1]:
        return text
    names = _names
    out: list[str] = []
    i = 0
    end = len(text)
    while i < end:
        for size in lengths:
            if i + size <= end and text[i : i + size] in names:
                out.append(mask_name(text[i : i + size]))
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _mask_grouped(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = re.sub(_SEP, "", found)
    return _keep_ends(found) if valid_check_char(digits) else found


def _mask_float(match: re.Match[str]) -> str:
    mantissa, _, power = match.group(0).partition("e" if "e" in match.group(0) else "E")
    return re.sub("[0-9]", "*", mantissa) + match.group(0)[len(mantissa)] + power


def _keep_ends(found: str) -> str:
    """Mask every digit of ``found`` but its first four and last four, keeping separators."""
    places = [k for k, c in enumerate(found) if c.isdigit() or c in "Xx"]
    hide = set(places[4:-4])
    return "".join("*" if k in hide else c for k, c in enumerate(found))


def scrub(text: str) -> str:
    """Mask anything in ``text`` that looks like an identity number, a mobile or a known name.

    Examples
    --------
    >>> scrub("unknown household type '640324199001011234'")
    "unknown household type '6403**********1234'"
    >>> scrub("call 13812345678 or 0953-1234567")
    'call 138****5678 or 0953-1234567'
    >>> scrub("６４０３２４１９９００１０１１２３４"), scrub("64032419900101123Xab")
    ('６４０３**********１２３４', '6403**********123Xab')
    >>> scrub("1101 0519 4912 3100 2X"), scrub("6.40324199001012e+17")
    ('1101 **** **** **00 2X', '*.**************e+17')
    """
    if not text:
        return text
    half = text.translate(_HALF)
    if half != text:
        masked = scrub(half)
        if masked == half:
            return text
        return "".join(o if m == h else m for o, h, m in zip(text, half, masked, strict=True))
    if any(c.isdigit() for c in text):
        text = _ID_PLAIN.sub(lambda m: mask_id_number(m.group(0)), text)
        text = _ID_GROUPED.sub(_mask_grouped, text)
        text = _ID_FLOAT.sub(_mask_float, text)
        text = _PHONE.sub(lambda m: _phone(m.group(0)), text)
    return _mask_names(text)


def _phone(found: str) -> str:
    places = [k for k, c in enumerate(found) if c.isdigit()]
    hide = set(places[-8:-4])
    return "".join("*" if k in hide else c for k, c in enumerate(found))


def scrub_cell(value: object) -> object:
    """Return a cell's value with personal data masked; a number that is one becomes text.

    Examples
    --------
    >>> scrub_cell(640324199001011234), scrub_cell(13812345678), scrub_cell(42), scrub_cell(None)
    ('6403**********1234', '138****5678', 42, None)
    >>> scrub_cell(6.40324199001011e17)
    '*.**************e+17'
    """
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if abs(value) < 1e10:
        return value
    text = str(value) if isinstance(value, int) or abs(value) >= 1e16 else str(int(value))
    masked = scrub(text)
    return value if masked == text else masked
