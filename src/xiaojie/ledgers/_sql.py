"""Reading and validating the canonical columns in DuckDB SQL.

A ledger is turned into one typed view with the canonical columns; a SQL filter marks every
row that *might* be bad (a cell that does not parse, a required value missing, a cross-field
contradiction), and those few rows are judged by the Python row parser. The tests compare each
cell expression with the Python parser on generated cells.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.ledgers._cells import (
    BLANKS,
    COMPACT_DATE_PATTERN,
    DATE_PATTERN,
    FALSE_WORDS,
    INT_PATTERN,
    KEY_REFUSED,
    LIST_SEPARATORS,
    MONEY_TEXT_PATTERN,
    PHONE_PATTERN,
    TRUE_WORDS,
    Field,
    FieldKind,
    LedgerKind,
)
from xiaojie.ledgers._enums import AssetState, MonitoringCategory
from xiaojie.ledgers._privacy import CHECK_CHARS, MAX_YEAR, MIN_BIRTH_YEAR, MIN_YEAR
from xiaojie.ledgers._schema import MEASURE_COLUMNS, Schema


if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from xiaojie.ledgers._columnar import Source


ROW = "__row"
_ROW = ROW


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_WIDE_BLANK_CODES = sorted(ord(ch) for ch in BLANKS if ord(ch) > 32)
_TEXT_TYPES = ("VARCHAR",)
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
              "UBIGINT", "HUGEINT", "UHUGEINT")  # fmt: skip
_FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL")


def _category(duck_type: str) -> str:
    upper = duck_type.upper()
    if upper.endswith("]"):  # a list or array (VARCHAR[], DATE[3]) is no cell of any kind
        return "other"
    if upper.startswith(_TEXT_TYPES):
        return "text"
    if upper == "DATE":
        return "date"
    if upper.startswith("TIMESTAMP"):
        return "timestamp"
    if upper == "BOOLEAN":
        return "bool"
    if upper in _INT_TYPES:
        return "int"
    if upper.startswith("DECIMAL"):
        return "decimal"
    if upper in _FLOAT_TYPES:
        return "float"
    return "other"


def _date_from(text: str) -> str:
    """Return SQL reading a date from text by the Python parser's two patterns (no year check)."""
    branches = []
    for pattern in (DATE_PATTERN, COMPACT_DATE_PATTERN):
        anchored = _lit(f"^(?:{pattern})$")
        branches.append(
            f"WHEN regexp_full_match({text}, {_lit(pattern)}) "
            f"THEN try_cast(regexp_replace({text}, {anchored}, '\\1-\\2-\\3') AS DATE)"
        )
    return f"(CASE {' '.join(branches)} END)"


def _in_words(text: str, words: Iterable[str]) -> str:
    # list_contains, not IN: an IN list becomes a join in the plan.
    return f"list_contains([{', '.join(_lit(w) for w in sorted(words))}], {text})"


def id_number_digits(text: str) -> str:
    """Return SQL for the first 17 characters of an identity number as a BIGINT (or NULL)."""
    return f"try_cast(substr({text}, 1, 17) AS BIGINT)"


def _id_number_valid(text: str, n: str) -> str:
    """GB 11643-1999 in SQL: shape, a real birth date 1900-2100, and the check character.

    The birth years are :data:`MIN_BIRTH_YEAR` to :data:`MAX_YEAR` (people are older than the
    ledgers' dates).

    ``n`` is a column holding :func:`id_number_digits` of ``text``; the digits are taken apart
    with integer arithmetic, which is several times faster than 17 substrings.
    """
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = " + ".join(f"(({n} // {10 ** (16 - i)}) % 10) * {w}" for i, w in enumerate(weights))
    year, month, day = (
        f"CAST(({n} // {10**k}) % {m} AS BIGINT)" for k, m in ((7, 10000), (5, 100), (3, 100))
    )
    # A real date by arithmetic: try(make_date(...)) costs several times the whole checksum.
    leap = f"(({year} % 4 = 0 AND {year} % 100 <> 0) OR {year} % 400 = 0)"
    last = (
        f"(CASE WHEN {month} = 2 THEN 28 + CAST({leap} AS INTEGER) "
        f"WHEN {month} = 4 OR {month} = 6 OR {month} = 9 OR {month} = 11 THEN 30 ELSE 31 END)"
    )
    # The shape by the Python check's own pattern (RE2 reads [0-9] as ASCII digits only, so no
    # sign, blank, underscore, exponent or full-width digit slips through the lax cast of
    # ``n``): one pass over 18 bytes costs less than writing ``n`` back as text to compare.
    return (
        f"(CASE WHEN regexp_full_match({text}, '[0-9]{{17}}[0-9Xx]') THEN "
        f"({year} BETWEEN {MIN_BIRTH_YEAR} AND {MAX_YEAR} AND {month} BETWEEN 1 AND 12 "
        f"AND {day} BETWEEN 1 AND {last} "
        f"AND substr({_lit(CHECK_CHARS)}, CAST(({total}) % 11 AS INTEGER) + 1, 1) = "
        f"upper({text}[18])) ELSE false END)"
    )


_TEXT_KINDS = frozenset(
    {
        FieldKind.KEY,
        FieldKind.TEXT,
        FieldKind.NAME,
        FieldKind.ID_NUMBER,
        FieldKind.PHONE,
        FieldKind.ENUM,
        FieldKind.ENUM_LIST,
        FieldKind.LINES,
    }
)
_DATED = "dated"
# The years a date may have, as a range of days: cheaper than taking every date's year apart.
_FIRST_DAY = f"DATE '{MIN_YEAR:04d}-01-01'"
_LAST_DAY = f"DATE '{MAX_YEAR:04d}-12-31'"


@attrs.frozen
class Facts:
    """What a Parquet file's statistics prove of every cell of one column.

    Attributes
    ----------
    low, high
        Bounds of the column's values (dates, integers, decimals or text, as the column holds),
        or ``None`` when a row group has no statistics for them.
    filled
        Whether no cell is NULL (every row group counts none).
    """

    low: object = None
    high: object = None
    filled: bool = False

    def within(self, low: object, high: object) -> bool:
        """Return whether every value of the column lies between ``low`` and ``high``."""
        return (
            self.low is not None
            and self.high is not None
            and low <= self.low  # type: ignore[operator]
            and self.high <= high  # type: ignore[operator]
        )

    def no_empty_text(self) -> bool:
        """Return whether no cell is the empty text (the least text bound above it)."""
        return isinstance(self.low, str) and self.low != ""


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE = re.compile(r"-?[0-9]{1,30}")
_FIXED = re.compile(r"-?[0-9]{1,40}(?:\.[0-9]{1,40})?")


def _bound(category: str, text: str | None) -> object:
    """Return a statistic (as DuckDB shows it) as a value of the column's category, or ``None``.

    DuckDB shows a decimal's statistic in the column's scale (``-1.50`` for DECIMAL(18,2),
    ``12`` for DECIMAL(10,0), ``12.250000`` for DECIMAL(12,6)), whatever its physical type. A
    float column has no bound: writers leave NaN out of its statistics (a column of 1.5, NaN
    and -0.0 shows -0.0 and 1.5), so they prove nothing of a NaN cell.
    """
    if text is None:
        return None
    if category == "decimal":
        return decimal.Decimal(text) if _FIXED.fullmatch(text) else None
    if category == "date":
        if _ISO_DAY.fullmatch(text) is None:  # years beyond 9999 or before 1: no bound
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if category == "int":
        return int(text) if _WHOLE.fullmatch(text) else None
    return text if category == "text" else None


def parquet_facts(
    con: Any,  # noqa: ANN401 - a duckdb connection
    path: str,
    types: Mapping[str, str],
) -> dict[str, Facts]:
    """Return what the statistics of the Parquet file at ``path`` prove of its columns.

    ``types`` are the columns' DuckDB types. Only the statistics every row group has count:
    the bounds of a column are known when each row group gives its least and greatest value
    (``min_value``/``max_value``: bounds by the logical type's order, which the engine itself
    trusts to skip row groups), and a column is filled when each row group counts no NULL. A
    column missing from a row group, or found twice, proves nothing.
    """
    rows = con.execute(
        "SELECT path_in_schema, row_group_id, stats_min_value, stats_max_value, "  # noqa: S608
        f"stats_null_count FROM parquet_metadata({_lit(path)})"
    ).fetchall()
    # Every row group has a column chunk: the row groups are those some chunk names.
    count = len({row[1] for row in rows})
    if not count:
        return {}
    seen: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        seen.setdefault(row[0], []).append(row[1:])
    facts: dict[str, Facts] = {}
    for name, duck_type in types.items():
        category = _category(duck_type)
        found = seen.get(name, [])
        if len({group for group, *_ in found}) != count or len(found) != count:
            continue
        lows = [_bound(category, low) for _, low, _, _ in found]
        highs = [_bound(category, high) for _, _, high, _ in found]
        known = all(v is not None for v in (*lows, *highs)) and all(
            low <= high  # type: ignore[operator]
            for low, high in zip(lows, highs, strict=True)
        )  # a row group whose least value is above its greatest proves nothing
        facts[name] = Facts(
            min(lows) if known else None,  # type: ignore[type-var]
            max(highs) if known else None,  # type: ignore[type-var]
            filled=all(nulls == 0 for *_, nulls in found),
        )
    return facts


def _cell(
    field: Field,
    column: str,
    duck_type: str,
    *,
    clean: bool = True,
    padded: frozenset[str] | None = None,
    facts: Facts | None = None,
) -> tuple[str, str, str | None]:
    """Return the cell (level 1) of a field, the category it is read as, and a padding test.

    Cells are read as they are. A cell with blanks at its ends does not match the strict
    patterns of dates, numbers, flags, identity numbers or vocabulary words, so it is suspect
    and the Python parser (which removes the blanks) judges its row. Free text has no pattern,
    so with ``clean`` a free-text cell gets a padding test instead (true when a blank, or
    another control character, is at either end). ``padded`` are the column's padded values
    when they are known (a place column's distinct values are read before the scan): the
    test is then whether the cell is one of them. ``facts`` are what the file's statistics
    prove of the column: a text column whose least value is not empty needs no ``nullif``.
    """
    col = _ident(column)
    category = _category(duck_type)
    if category == "int" and field.kind in _TEXT_KINDS:
        col, category = f"CAST({col} AS VARCHAR)", "text"
        facts = None
    if category != "text":
        return col, category, None
    cell = col if facts is not None and facts.no_empty_text() else f"nullif({col}, '')"
    if not clean or field.kind is not FieldKind.TEXT:
        return cell, "text", None
    if padded is not None:
        # The padded values are known (found among the column's distinct values).
        if not padded:
            return cell, "text", None
        return cell, "text", f"coalesce({_in_words(col, padded)}, false)"
    return cell, "text", padding_test(col)


def padding_test(col: str) -> str:
    """Return SQL true when a blank (or another control character) is at either end of ``col``.

    The Python parser removes such blanks from free text, so a padded cell's row is judged
    there. (IN lists become joins in the plan, so the test is written as comparisons.)
    """
    ends = " OR ".join(
        f"ord({end}) <= 32" + "".join(f" OR ord({end}) = {code}" for code in _WIDE_BLANK_CODES)
        for end in (col, f"{col}[-1]")
    )
    return f"coalesce(({ends}), false)"


def _parse(
    field: Field, c: str, category: str, seen: frozenset[str] | None = None
) -> tuple[str, bool]:
    """Return the value (level 2) of a cleaned cell ``c`` and whether it needs a year check.

    NULL means missing or unreadable; the suspect test tells the two apart. ``seen`` are the
    distinct cells of a vocabulary column when known (see :func:`enum_values`).
    """
    kind = field.kind
    if category == "text":
        if kind in _TEXT_KINDS and kind is not FieldKind.ENUM:
            return c, False
        if kind is FieldKind.DATE:
            return _date_from(c), True
        if kind is FieldKind.FLAG:
            return (
                f"(CASE WHEN {c} IS NULL THEN false WHEN {_in_words(c, TRUE_WORDS)} THEN true "
                f"WHEN {_in_words(c, FALSE_WORDS)} THEN false END)"
            ), False
        if kind is FieldKind.MONEY:
            plain = f"replace(replace({c}, ',', ''), '，', '')"
            return _least_amount(
                field,
                f"(CASE WHEN regexp_full_match({c}, {_lit(MONEY_TEXT_PATTERN)}) "
                f"THEN try_cast({plain} AS DECIMAL(18,2)) END)",
            ), False
        if kind is FieldKind.INT:
            number = f"(CASE WHEN regexp_full_match({c}, {_lit(INT_PATTERN)}) THEN try_cast({c} AS BIGINT) END)"
            return _int_range(field, number), False
        assert field.enum is not None  # noqa: S101 - schema invariant
        if seen is not None:
            return _seen_enum(field, c, seen), False
        # Empty cells first, then the canonical words: most rows stop at the first branches.
        words = sorted(field.enum.aliases().items(), key=lambda item: item[0] != item[1].value)
        branches = " ".join(
            f"WHEN {c} = {_lit(word)} THEN {_lit(member.value)}" for word, member in words
        )
        return f"(CASE WHEN {c} IS NULL THEN NULL {branches} END)", False
    if kind is FieldKind.DATE and category in {"date", "timestamp"}:
        return f"CAST({c} AS DATE)", True
    if kind is FieldKind.FLAG and category == "bool":
        return f"coalesce({c}, false)", False
    if kind is FieldKind.FLAG and category == "int":
        # 1 and 0 are flags; any other number is NULL, so the row is suspect and judged.
        return f"(CASE WHEN {c} IS NULL OR {c} = 0 THEN false WHEN {c} = 1 THEN true END)", False
    if kind is FieldKind.FLAG:
        # Any other type (struct, binary, decimal …) is no flag: suspect unless empty.
        return f"(CASE WHEN {c} IS NULL THEN false END)", False
    if kind is FieldKind.INT and category == "int":
        return _int_range(field, f"try_cast({c} AS BIGINT)"), False
    if kind is FieldKind.INT and category in {"decimal", "float"}:
        whole = f"(CASE WHEN {c} = floor({c}) THEN try_cast({c} AS BIGINT) END)"
        return _int_range(field, whole), False
    if kind is FieldKind.MONEY and category in {"int", "decimal", "float"}:
        return _least_amount(field, f"try_cast({c} AS DECIMAL(18,2))"), False
    return _null_of(field), False


def _least_amount(field: Field, amount: str) -> str:
    """Return ``amount``, NULL below the field's least (a negative 资产原值): the row is judged."""
    if field.minimum is None:
        return amount
    return f"(CASE WHEN {amount} >= {field.minimum} THEN {amount} END)"


def _suspect(
    field: Field,
    c: str,
    value: str,
    category: str,
    digits: str = "",
    *,
    seen: frozenset[str] | None = None,
) -> str | None:
    """Return the level-4 test of a cell that might be bad (``None`` if it cannot be).

    ``digits`` names the column holding :func:`id_number_digits` for identity numbers;
    ``seen`` are the distinct cells of a vocabulary column when known.
    """
    kind = field.kind
    if category == "text":
        if kind is FieldKind.ENUM and seen is not None:
            assert field.enum is not None  # noqa: S101 - schema invariant
            unknown = sorted(seen.difference(field.enum.aliases()))
            return f"coalesce({_in_words(c, unknown)}, false)" if unknown else None
        if kind in {FieldKind.TEXT, FieldKind.NAME, FieldKind.LINES}:
            return None
        if kind is FieldKind.KEY:
            # KEY_PATTERN (no blank nor invisible character anywhere) as substring tests: a
            # fraction of a regex's cost.
            blanks = " OR ".join(f"contains({c}, {_lit(ch)})" for ch in KEY_REFUSED)
            return f"({c} IS NOT NULL AND ({blanks}))"
        if kind is FieldKind.ID_NUMBER:
            return f"({c} IS NOT NULL AND NOT {_id_number_valid(c, digits)})"
        if kind is FieldKind.PHONE:
            return f"({c} IS NOT NULL AND NOT regexp_full_match({c}, {_lit(PHONE_PATTERN)}))"
        if kind is FieldKind.ENUM_LIST:
            assert field.enum is not None  # noqa: S101 - schema invariant
            words = "|".join(_re_escape(w) for w in field.enum.aliases())
            pattern = f"(?:{words})(?:{LIST_SEPARATORS}(?:{words}))*"
            return f"({c} IS NOT NULL AND NOT regexp_full_match({c}, {_lit(pattern)}))"
        return f"({c} IS NOT NULL AND {value} IS NULL)"
    if kind is FieldKind.FLAG and category == "bool":
        return None
    return f"({c} IS NOT NULL AND {value} IS NULL)"


def _seen_enum(field: Field, c: str, seen: frozenset[str]) -> str:
    """Return the value of a vocabulary cell ``c`` whose column holds only the ``seen`` cells.

    Canonical words are their own value, so a column of canonical words needs no test at all;
    other spellings are renamed and unknown words made NULL (the suspect test finds them).
    """
    assert field.enum is not None  # noqa: S101 - schema invariant
    aliases = field.enum.aliases()
    renamed = sorted(w for w in seen if w in aliases and w != aliases[w].value)
    unknown = sorted(w for w in seen if w not in aliases)
    branches = [f"WHEN {c} = {_lit(w)} THEN {_lit(aliases[w].value)}" for w in renamed]
    if unknown:
        branches.append(f"WHEN {_in_words(c, unknown)} THEN NULL")
    return f"(CASE {' '.join(branches)} ELSE {c} END)" if branches else c


#: The most distinct cells of a vocabulary column judged from its values; beyond it each cell is.
MAX_SEEN = 256


def enum_values(
    con: Any,  # noqa: ANN401 - a duckdb connection
    source: Source,
    schema: Schema,
    only: frozenset[str] | None = None,
) -> dict[str, frozenset[str]]:
    """Return the distinct non-empty cells of each vocabulary column held as text.

    One scan groups the columns' cells (a grouping set each: a vocabulary has a few words);
    the validation then tests each cell against those few values instead of every spelling
    (see :func:`_seen_enum`). Columns with more than :data:`MAX_SEEN` distinct cells are left
    out (their cells are tested one by one).
    """
    return vocabularies(con, source, schema, only)[0]


_PAIRED = ("monitoring_category", "kind")
"""The vocabulary columns of a household ledger whose pairs of values are contradictions."""
_CATEGORY_KINDS = (
    (MonitoringCategory.UNSTABLE_LIFTED_OUT.value, "脱贫户"),
    (MonitoringCategory.MARGINAL_AT_RISK.value, "一般农户"),
)
"""A monitoring category and the only kind of household it may be (see :func:`_cross_checks`)."""

Pairs = frozenset[tuple[str | None, str | None]]


def vocabularies(
    con: Any,  # noqa: ANN401 - a duckdb connection
    source: Source,
    schema: Schema,
    only: frozenset[str] | None = None,
) -> tuple[dict[str, frozenset[str]], Pairs | None]:
    """Return :func:`enum_values`, and the pairs of category and kind a household ledger holds.

    The pairs ``(monitoring_category, kind)`` are the values the typed columns take (a word
    the vocabulary does not know is ``None``, as its typed cell is NULL); they are found in
    the same scan (one grouping set more), and only when both columns' cells are known. They
    let :func:`_cross_checks` leave out a contradiction no row can hold. ``None`` when not
    found.
    """
    wanted = []
    for field in schema.fields:
        column = source.columns.get(field.name)
        if field.kind is not FieldKind.ENUM or column is None:
            continue
        if only is not None and field.name not in only:
            continue
        cell, category, _ = _cell(field, column, source.types.get(column, "VARCHAR"))
        if category == "text":
            wanted.append((field.name, cell))
    if not wanted:
        return {}, None
    names = [name for name, _ in wanted]
    paired = (
        [names.index(name) for name in _PAIRED]
        if schema.ledger is LedgerKind.HOUSEHOLDS and set(_PAIRED) <= set(names)
        else []
    )
    cells = ", ".join(f"{cell} AS v{i}" for i, (_, cell) in enumerate(wanted))
    sets = [f"(v{i})" for i in range(len(wanted))]
    pair = "false"
    if paired:
        both = ", ".join(f"v{i}" for i in paired)
        sets.append(f"({both})")
        pair = f"grouping({both}) = 0"
    shown = ", ".join(f"v{i}" for i in range(len(wanted)))
    rows = con.execute(
        f"SELECT {pair}, {shown} FROM (SELECT {cells} FROM {source.name}) "  # noqa: S608
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    ).fetchall()
    found: dict[str, frozenset[str]] = {}
    for i, name in enumerate(names):
        values = frozenset(row[i + 1] for row in rows if not row[0] and row[i + 1] is not None)
        if len(values) <= MAX_SEEN:
            found[name] = values
    if not paired or not set(_PAIRED) <= found.keys():
        return found, None
    # each word as the typed column reads it: an alias renamed, an unknown word NULL
    canonical = [
        {word: str(member.value) for word, member in schema.names[name].enum.aliases().items()}  # type: ignore[union-attr]
        for name in _PAIRED
    ]
    pairs = frozenset(
        (canonical[0].get(row[paired[0] + 1]), canonical[1].get(row[paired[1] + 1]))
        for row in rows
        if row[0]
    )
    return found, pairs


def _re_escape(word: str) -> str:
    return "".join("\\" + ch if ch in r"\.^$|?*+()[]{}" else ch for ch in word)


def _int_range(field: Field, number: str) -> str:
    return f"(CASE WHEN {number} BETWEEN {field.minimum} AND {field.maximum} THEN {number} END)"


_DAYS = (dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))
_MONEY = re.compile(r"DECIMAL\(([0-9]+), *([0-9]+)\)")


#: The least and greatest amounts of DECIMAL(18,2): a decimal between them is an amount as it is
#: (with at most two places) or rounded to two places (the engine's cast and the Python parser
#: both round, and rounding keeps a value between two amounts).
_AMOUNTS = (decimal.Decimal("-9999999999999999.99"), decimal.Decimal("9999999999999999.99"))


def _total(field: Field, category: str, duck_type: str, facts: Facts | None) -> bool:
    """Return whether every cell of a typed column has a good value (no test a row needed).

    A date column is so when its statistics put every date in the years a date may have, a
    whole-number column when they put every number in the field's range; a decimal column
    holding at most 16 digits before its point and 2 after always fits an amount, and any
    decimal column does when its statistics put every value between the field's least amount
    (资产原值 ≥ 0) and the greatest amount.
    """
    kind = field.kind
    if kind is FieldKind.DATE and category == "date":
        return facts is not None and facts.within(*_DAYS)
    if kind is FieldKind.INT and category == "int":
        return (
            facts is not None
            and field.minimum is not None
            and field.maximum is not None
            and facts.within(field.minimum, field.maximum)
        )
    if kind is FieldKind.MONEY and category == "decimal":
        shape = _MONEY.fullmatch(duck_type.upper())
        fits = shape is not None and int(shape[2]) <= 2 and int(shape[1]) - int(shape[2]) <= 16
        if fits and field.minimum is None:
            return True
        # an amount with a least value (资产原值 ≥ 0) fits when no cell is below it
        least = _AMOUNTS[0] if field.minimum is None else max(_AMOUNTS[0], field.minimum)
        return facts is not None and facts.within(least, _AMOUNTS[1])
    return False


def _null_of(field: Field) -> str:
    if field.kind is FieldKind.FLAG:
        return "false"
    sql_type = {
        FieldKind.DATE: "DATE",
        FieldKind.MONEY: "DECIMAL(18,2)",
        FieldKind.INT: "BIGINT",
    }.get(field.kind, "VARCHAR")
    return f"CAST(NULL AS {sql_type})"


def _cross_checks(
    ledger: LedgerKind,
    measures: int = MEASURE_COLUMNS,
    pairs: Pairs | None = None,
    only: frozenset[str] | None = None,
) -> list[str]:
    """Return SQL tests for the contradictions :func:`household_problems` and others find.

    Measures beyond the first ``measures`` are absent from the ledger (never a contradiction).
    ``pairs`` are the pairs of category and kind the ledger holds when known (see
    :func:`vocabularies`): a test of a pair none of them is, is left out. With ``only`` (the
    fields ``validate="needed"`` keeps), a test of a field left out is left out too (its column
    is not in the typed view: a rule reading only the income failed on the category's test).
    """
    checks: list[tuple[str, tuple[str, ...]]] = []
    if ledger is LedgerKind.HOUSEHOLDS:
        checks = [
            (
                f"(monitoring_category = {_lit(category)} AND kind <> {_lit(kind)})",
                ("monitoring_category", "kind"),
            )
            for category, kind in _CATEGORY_KINDS
            if pairs is None or any(m == category and k is not None and k != kind for m, k in pairs)
        ]
        checks += [
            ("(identified_on < clue_on)", ("identified_on", "clue_on")),
            ("(eliminated_on IS NOT NULL AND identified_on IS NULL)", ("eliminated_on", "identified_on")),
            ("(eliminated_on < identified_on)", ("eliminated_on", "identified_on")),
            ("(elimination_mode IS NOT NULL AND eliminated_on IS NULL)", ("elimination_mode", "eliminated_on")),
        ]  # fmt: skip
        checks.extend(
            (
                f"((measure_{k} IS NULL) <> (measure_{k}_start IS NULL))",
                (f"measure_{k}", f"measure_{k}_start"),
            )
            for k in range(1, min(measures, MEASURE_COLUMNS) + 1)
        )
    elif ledger is LedgerKind.ASSETS:
        start = "make_date(CAST(funding_year AS BIGINT), 1, 1)"
        checks = [
            (f"({column} < {start})", (column, "funding_year"))
            for column in ("registered_on", "handed_over_on", "revitalised_on", "written_off_on")
        ]
        idle = (
            f"state = {_lit(AssetState.IDLE.value)} OR state = {_lit(AssetState.INEFFICIENT.value)}"
        )
        checks.append((f"(revitalised_on IS NOT NULL AND ({idle}))", ("revitalised_on", "state")))
        checks.append(
            (
                "(written_off_on IS NOT NULL AND NOT coalesce(scrapped, false))",
                ("written_off_on", "scrapped"),
            )
        )
    return [sql for sql, columns in checks if only is None or set(columns) <= only]


def create_typed(
    con: Any,  # noqa: ANN401
    source: Source,
    schema: Schema,
    *,
    raw: bool,
    checks: bool = True,
    view: str = "typed",
    only: frozenset[str] | None = None,
    outside: frozenset[str] = frozenset(),
    padded: Mapping[str, frozenset[str]] | None = None,
    seen: Mapping[str, frozenset[str]] | None = None,
) -> None:
    """Create the ``typed`` view: canonical typed columns, ``__bad`` and (with ``raw``) the cells.

    Four levels keep each expression short: cleaned cells (``c_<field>``), parsed values,
    year-checked values, and ``__bad``, which marks rows with a cell that might not parse or a
    required value missing. The raw cells ride along as ``__raw_<i>`` so suspect rows can be
    fetched in the same scan.

    Without ``checks`` the view has only the values, without the year checks: the rules run on
    it after the validation has set every suspect row aside. With ``only`` the view has (and
    checks) only those fields. ``padded`` maps free-text fields to their padded values when
    those are known (see :func:`~xiaojie.ledgers._learn.learn_names`), ``seen`` vocabulary
    fields to their distinct cells (see :func:`enum_values`).
    """
    cells = [_ROW]
    parsed = [_ROW]
    final = [_ROW]
    suspects: list[str] = []
    for field in schema.fields:
        name = field.name
        if only is not None and name not in only:
            continue
        column = source.columns.get(name)
        if column is None:
            parsed.append(f"{_null_of(field)} AS {name}")
            final.append(name)
            if field.required:
                suspects.append("true")
            continue
        duck_type = source.types.get(column, "VARCHAR")
        facts = source.facts.get(column)
        cell, category, padding = _cell(
            field,
            column,
            duck_type,
            clean=checks,
            padded=None if padded is None else padded.get(name),
            facts=facts,
        )
        cells.append(f"{cell} AS c_{name}")
        if padding is not None:
            cells.append(f"{padding} AS p_{name}")
            parsed.append(f"p_{name}")
            final.append(f"p_{name}")
            suspects.append(f"p_{name}")
        known = None if seen is None or not checks else seen.get(name)
        # A typed column whose statistics (or type) prove every value good needs no test a row.
        total = category != "text" and _total(field, category, duck_type, facts)
        value, dated = _parse(field, f"c_{name}", category, known)
        if total and field.kind is FieldKind.INT:
            value = f"CAST(c_{name} AS BIGINT)"
        parsed.extend([f"c_{name}", f"{value} AS {name}"])
        if dated and checks and not total:
            final.append(
                f"(CASE WHEN {name} BETWEEN {_FIRST_DAY} AND {_LAST_DAY} THEN {name} END) AS {name}"
            )
        else:
            final.append(name)
        final.append(f"c_{name}")
        suspect = None
        if name not in outside and not total:
            if field.kind is FieldKind.ID_NUMBER and category == "text":
                parsed.append(f"{id_number_digits(f'c_{name}')} AS n_{name}")
                final.append(f"n_{name}")
            suspect = _suspect(field, f"c_{name}", name, category, f"n_{name}", seen=known)
        if suspect is not None:
            suspects.append(suspect)
        # A required value is missing only where its cell is, when every cell's value is good.
        filled = (
            (value == f"c_{name}" or total)
            and facts is not None
            and facts.filled
            and (category != "text" or facts.no_empty_text())
        )
        if field.required and not filled:
            suspects.append(f"({name} IS NULL)")
    if raw:
        extra = [
            f"{_ident(column)} AS __raw_{i}" for i, column in enumerate(source.columns.values())
        ]
        cells.extend(extra)
        names = [f"__raw_{i}" for i in range(len(source.columns))]
        parsed.extend(names)
        final.extend(names)
    bad = (" OR ".join(suspects) or "false") if checks else "false"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {view} AS "  # noqa: S608
        f"SELECT *, ({bad}) AS __bad FROM ("
        f"SELECT {', '.join(final)} FROM ("
        f"SELECT {', '.join(parsed)} FROM ("
        f"SELECT {', '.join(cells)} FROM {source.name}) AS l1) AS l2) AS l3"
    )
