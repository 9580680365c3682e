"""Ledger schemas: the fields of each ledger, the headers real ledgers use, and cell parsing.

A ledger file is a table whose header names fields: ``户编号`` or ``household_id`` name the
household id, ``识别时间`` or ``纳入监测时间`` the identification date, and so on. A
:class:`HeaderMap` holds these names; users extend it for their own ledgers.

Cells are parsed here, once, for every reader: the object reader calls :meth:`Schema.parse_row`
on every row, and the columnar engine calls it on every row its SQL filter finds suspect, so the
two paths cannot report a row differently.

Cell meanings
-------------
* Surrounding blanks (space, tab, line breaks, the ideographic space U+3000, the no-break
  space U+00A0 and the other Unicode spaces) are removed; an
  empty cell is a missing value.
* Dates: ``2025-06-01``, ``2025/6/1``, ``2025.6.1``, ``2025年6月1日``, ``20250601``, optionally
  followed by a time of day (ignored); typed date cells (XLSX, Parquet) are taken as they are.
  Years outside 1980–2100 (``MIN_YEAR``; birth years in identity numbers from 1900) and
  impossible days (2月30日) are errors.
* Flags: 是/否, Y/N, 1/0, true/false, √/×; an empty flag is "no".
* Money: yuan, optional thousands separators, rounded to the fen (halves away from zero).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from xiaojie.errors import LedgerError
from xiaojie.ledgers._cells import (
    FALSE_WORDS,
    TRUE_WORDS,
    Field,
    FieldKind,
    IssueKind,
    LedgerKind,
    _Bad,
    _found_text,
    cell_text,
    normalize_header,
    parse_cell,
)
from xiaojie.ledgers._enums import (
    AssetClass,
    AssetState,
    ProblemSource,
    ProblemState,
)
from xiaojie.ledgers._household_fields import (
    MEASURE_COLUMNS,
    _household_build,
    _household_check,
    _household_fields,
)
from xiaojie.ledgers._model import (
    BLANKS,
    Asset,
    FundRecord,
    LedgerValueError,
    Place,
    Problem,
    asset_problems,
    fund_problems,
    problem_problems,
)
from xiaojie.ledgers._privacy import (
    MAX_YEAR,
    MIN_YEAR,
)


__all__ = [
    "BLANKS",
    "CHECK_INPUTS",
    "FALSE_WORDS",
    "MEASURE_COLUMNS",
    "TRUE_WORDS",
    "Field",
    "FieldKind",
    "HeaderMap",
    "IssueKind",
    "LedgerKind",
    "ParsedRow",
    "Schema",
    "cell_text",
    "describe_issue",
    "mapped_fields",
    "normalize_header",
    "parse_cell",
    "schema_for",
]


@attrs.frozen
class HeaderMap:
    """Which header names which field, for one ledger.

    :meth:`default` gives the headers of real ledgers (Chinese and English); :meth:`extend`
    adds a user's own. Headers are compared after :func:`normalize_header`.

    Examples
    --------
    >>> headers = HeaderMap.default("households").extend({"村名": "village"})
    >>> headers.field("村名"), headers.field("纳入监测时间"), headers.field("致贫/返贫风险2")
    ('village', 'identified_on', 'risk_2')
    >>> headers.field("备注") is None
    True
    >>> headers.extend({"村名": "hamlet"})
    Traceback (most recent call last):
    ...
    xiaojie.errors.LedgerError: header map for households: expected a field name (household_id, head_name, ...), found 'hamlet' for header '村名'
    """

    ledger: LedgerKind = attrs.field(converter=LedgerKind)
    table: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def default(cls, ledger: LedgerKind | str) -> HeaderMap:
        """Return the built-in header map of ``ledger``."""
        schema = schema_for(ledger)
        table: dict[str, str] = {}
        for field in schema.fields:
            for header in (field.name, field.label, *field.headers):
                table.setdefault(normalize_header(header), field.name)
        return cls(schema.ledger, table)

    def extend(self, extra: Mapping[str, str]) -> HeaderMap:
        """Return a map that also reads each header of ``extra`` as the given field.

        Raises
        ------
        LedgerError
            If a target is not a field of this ledger.
        """
        names = schema_for(self.ledger).names
        table = dict(self.table)
        for header, name in extra.items():
            if name not in names:
                shown = ", ".join(list(names)[:2])
                msg = (
                    f"header map for {self.ledger}: expected a field name ({shown}, ...), "
                    f"found {name!r} for header {header!r}"
                )
                raise LedgerError(msg)
            table[normalize_header(header)] = name
        return HeaderMap(self.ledger, table)

    def field(self, header: str) -> str | None:
        """Return the field a header names, or ``None`` if it names none."""
        return self.table.get(normalize_header(header))

    def headers_for(self, name: str) -> tuple[str, ...]:
        """Return the (normalised) headers that name field ``name``."""
        return tuple(h for h, f in self.table.items() if f == name)


# -- schemas --------------------------------------------------------------------------------


@attrs.frozen
class ParsedRow:
    """The result of parsing one row: the object, or the issues that stopped it.

    ``issues`` holds ``(field, kind, expected, found)`` with ``found`` already masked.
    """

    value: Any
    issues: tuple[tuple[str, IssueKind, str, str], ...]
    key: str | None


Builder = Callable[[dict[str, Any]], Any]
Checker = Callable[[dict[str, Any]], Iterator[tuple[str, str, str]]]


@attrs.frozen
class Schema:
    """The fields of one ledger and how a parsed row becomes an object.

    Parameters
    ----------
    ledger
        Which ledger.
    fields
        The fields, in output order.
    key
        The fields whose values identify a row (duplicates are errors).
    build
        Makes the object from parsed values.
    check
        Yields ``(field, expected, found)`` for cross-field contradictions.
    """

    ledger: LedgerKind
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    build: Builder = attrs.field(eq=False, repr=False)
    check: Checker = attrs.field(eq=False, repr=False)
    _by_name: dict[str, Field] = attrs.field(init=False, eq=False, repr=False)
    _required: tuple[Field, ...] = attrs.field(init=False, eq=False, repr=False)
    _required_key: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "_required", tuple(f for f in self.fields if f.required))
        object.__setattr__(
            self, "_required_key", tuple(k for k in self.key if self._by_name[k].required)
        )

    @property
    def names(self) -> dict[str, Field]:
        """Fields by name."""
        return self._by_name

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises
        ------
        LedgerError
            If the ledger has no such field.
        """
        try:
            return self._by_name[name]
        except KeyError:
            msg = f"{self.ledger}: expected a field name, found {name!r}"
            raise LedgerError(msg) from None

    def parse_row(self, cells: Mapping[str, object]) -> ParsedRow | None:
        """Parse one row given as ``{field: raw cell}``; ``None`` if every cell is blank.

        Every problem is reported: each unparseable or missing cell, then (when the cells
        they need are readable) every cross-field contradiction.
        """
        by_name = self._by_name
        return self.parse_items([(by_name[name], raw) for name, raw in cells.items()])

    def parse_items(self, items: Sequence[tuple[Field, object]]) -> ParsedRow | None:
        """Parse one row given as ``(field, raw cell)`` pairs (see :meth:`parse_row`)."""
        values: dict[str, Any] = {}
        issues: list[tuple[str, IssueKind, str, str]] = []
        bad: set[str] = set()
        blank = True
        for field, raw in items:
            if raw is None:
                continue
            if type(raw) is str:
                text = raw.strip(BLANKS)
                if not text:
                    continue
                blank = False
                try:
                    values[field.name] = field.parser(field, text)
                except _Bad as failure:
                    bad.add(field.name)
                    issues.append((field.name, failure.kind, failure.expected, field.mask(text)))
                except (decimal.InvalidOperation, ValueError, OverflowError):
                    bad.add(field.name)
                    issues.append((field.name, IssueKind.BAD_NUMBER, "a number", field.mask(text)))
                continue
            blank = False
            value, issue, expected = parse_cell(field, raw)
            if issue is not None:
                bad.add(field.name)
                issues.append((field.name, issue, expected, field.mask(_found_text(raw))))
            elif value is not None:
                values[field.name] = value
        if blank:
            return None
        for field in self._required:
            if field.name not in values and field.name not in bad:
                bad.add(field.name)
                issues.append((field.name, IssueKind.MISSING, f"a {field.label}", ""))
        key = None
        if all(values.get(k) is not None for k in self._required_key):
            key = "\x1f".join(str(values.get(k) or "") for k in self.key)
        if not bad & CHECK_INPUTS[self.ledger]:
            for name, expected, found in self.check(values):
                kind = (
                    IssueKind.INCOMPLETE if name.startswith("measure_") else IssueKind.INCONSISTENT
                )
                issues.append((name, kind, expected, found))
        if issues:
            return ParsedRow(None, tuple(issues), key)
        try:
            obj = self.build(values)
        except LedgerValueError as err:
            where = err.field if err.field in self._by_name else self.fields[0].name
            return ParsedRow(None, ((where, IssueKind.INCONSISTENT, err.expected, err.found),), key)
        return ParsedRow(obj, (), key)


def _place(values: Mapping[str, Any]) -> Place:
    return Place(
        values.get("county") or "", values.get("township") or "", values.get("village") or ""
    )


# Assets -------------------------------------------------------------------------------------


def _asset_fields() -> tuple[Field, ...]:
    return (
        Field("asset_id", FieldKind.KEY, "资产编号", ("资产代码", "asset id", "id"), required=True),
        Field("project", FieldKind.TEXT, "项目名称", ("资产名称", "project name")),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇", "乡(镇、街道)", "乡")),
        Field("village", FieldKind.TEXT, "行政村", ("村", "村(社区)", "村名")),
        Field(
            "asset_class",
            FieldKind.ENUM,
            "资产类别",
            ("资产类型", "class"),
            enum=AssetClass,
            required=True,
        ),
        Field(
            "value",
            FieldKind.MONEY,
            "资产原值",
            ("资产原值(元)", "资产价值"),
            required=True,
            minimum=0,
        ),
        Field(
            "funding_year",
            FieldKind.INT,
            "形成年度",
            ("资金年度", "立项年度", "年度"),
            required=True,
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field(
            "state",
            FieldKind.ENUM,
            "资产状态",
            ("使用状态", "运营状态"),
            enum=AssetState,
            required=True,
        ),
        Field(
            "responsible_unit",
            FieldKind.TEXT,
            "管护责任单位",
            ("管护主体", "管护单位", "责任单位"),
        ),
        Field("registered_on", FieldKind.DATE, "确权登记时间", ("确权时间",)),
        Field("handed_over_on", FieldKind.DATE, "资产移交时间", ("移交时间",)),
        Field("revitalised_on", FieldKind.DATE, "盘活时间", ("盘活利用时间",)),
        Field("scrapped", FieldKind.FLAG, "报废报损", ("是否报废报损",)),
        Field("written_off_on", FieldKind.DATE, "核销时间", ()),
    )


def _asset_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("funding_year") is None or values.get("state") is None:
        return
    yield from asset_problems(
        funding_year=values["funding_year"],
        state=values["state"],
        scrapped=bool(values.get("scrapped")),
        registered_on=values.get("registered_on"),
        handed_over_on=values.get("handed_over_on"),
        revitalised_on=values.get("revitalised_on"),
        written_off_on=values.get("written_off_on"),
    )


def _asset_build(values: dict[str, Any]) -> Asset:
    return Asset(
        id=values["asset_id"],
        project=values.get("project") or "",
        asset_class=values["asset_class"],
        value=values["value"],
        funding_year=values["funding_year"],
        state=values["state"],
        place=_place(values),
        responsible_unit=values.get("responsible_unit") or "",
        registered_on=values.get("registered_on"),
        handed_over_on=values.get("handed_over_on"),
        revitalised_on=values.get("revitalised_on"),
        scrapped=bool(values.get("scrapped")),
        written_off_on=values.get("written_off_on"),
    )


# Funds --------------------------------------------------------------------------------------


def _fund_fields() -> tuple[Field, ...]:
    return (
        Field(
            "county",
            FieldKind.TEXT,
            "县(市、区)",
            ("县(市、区、旗)", "县", "县区", "县(区)", "市、县(区)"),
            required=True,
        ),
        Field(
            "reported_on",
            FieldKind.DATE,
            "统计截止时间",
            ("截至时间", "统计时间", "填报时间", "report date"),
            required=True,
        ),
        Field(
            "allocated",
            FieldKind.MONEY,
            "下达资金",
            ("下达资金(元)", "资金规模", "下达金额"),
            required=True,
        ),
        Field(
            "spent",
            FieldKind.MONEY,
            "累计支出",
            ("累计支出(元)", "已支出", "支出金额"),
            required=True,
        ),
        Field(
            "industry",
            FieldKind.MONEY,
            "产业发展支出",
            ("用于产业发展", "产业发展资金", "industry spent"),
        ),
        Field("retention", FieldKind.MONEY, "项目质保金", ("质保金",)),
        Field("fund", FieldKind.TEXT, "资金类型", ("资金来源", "资金名称")),
    )


def _fund_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("allocated") is None or values.get("spent") is None:
        return
    zero = decimal.Decimal("0.00")
    yield from fund_problems(
        allocated=values["allocated"],
        spent=values["spent"],
        industry=values.get("industry") or zero,
        retention=values.get("retention") or zero,
    )


def _fund_build(values: dict[str, Any]) -> FundRecord:
    zero = decimal.Decimal("0.00")
    return FundRecord(
        county=values["county"],
        reported_on=values["reported_on"],
        allocated=values["allocated"],
        spent=values["spent"],
        industry=values.get("industry") or zero,
        retention=values.get("retention") or zero,
        fund=values.get("fund") or "",
    )


# Problems -----------------------------------------------------------------------------------


def _problem_fields() -> tuple[Field, ...]:
    return (
        Field("problem_id", FieldKind.KEY, "问题编号", ("编号", "problem id", "id"), required=True),
        Field("source", FieldKind.ENUM, "问题来源", (), enum=ProblemSource, required=True),
        Field(
            "description",
            FieldKind.TEXT,
            "问题表现",
            ("问题描述", "问题内容", "存在问题"),
            required=True,
        ),
        Field("measures", FieldKind.LINES, "整改措施", ()),
        Field("unit", FieldKind.TEXT, "整改责任单位", ("责任单位", "责任部门"), required=True),
        Field("deadline", FieldKind.DATE, "整改时限", ("完成时限", "整改期限"), required=True),
        Field(
            "state",
            FieldKind.ENUM,
            "整改状态",
            ("状态", "整改进展"),
            enum=ProblemState,
            required=True,
        ),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇",)),
        Field("village", FieldKind.TEXT, "行政村", ("村",)),
        Field("found_on", FieldKind.DATE, "发现时间", ("交办时间",)),
        Field("accepted_on", FieldKind.DATE, "验收时间", ()),
        Field("closed_on", FieldKind.DATE, "销号时间", ()),
    )


def _problem_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("state") is None or values.get("deadline") is None:
        return
    yield from problem_problems(
        state=values["state"],
        measures=len(values.get("measures") or ()),
        found_on=values.get("found_on"),
        deadline=values["deadline"],
        accepted_on=values.get("accepted_on"),
        closed_on=values.get("closed_on"),
    )


def _problem_build(values: dict[str, Any]) -> Problem:
    return Problem(
        id=values["problem_id"],
        source=values["source"],
        description=values["description"],
        measures=values.get("measures") or (),
        unit=values["unit"],
        deadline=values["deadline"],
        state=values["state"],
        place=_place(values),
        found_on=values.get("found_on"),
        accepted_on=values.get("accepted_on"),
        closed_on=values.get("closed_on"),
    )


_SCHEMAS: dict[LedgerKind, Schema] = {
    LedgerKind.HOUSEHOLDS: Schema(
        LedgerKind.HOUSEHOLDS,
        _household_fields(),
        ("household_id",),
        _household_build,
        _household_check,
    ),
    LedgerKind.ASSETS: Schema(
        LedgerKind.ASSETS, _asset_fields(), ("asset_id",), _asset_build, _asset_check
    ),
    LedgerKind.FUNDS: Schema(
        LedgerKind.FUNDS,
        _fund_fields(),
        ("county", "reported_on", "fund"),
        _fund_build,
        _fund_check,
    ),
    LedgerKind.PROBLEMS: Schema(
        LedgerKind.PROBLEMS, _problem_fields(), ("problem_id",), _problem_build, _problem_check
    ),
}

#: Fields whose failure to parse makes cross-field checks meaningless (they are skipped then).
CHECK_INPUTS: dict[LedgerKind, frozenset[str]] = {
    LedgerKind.HOUSEHOLDS: frozenset(
        {
            "kind",
            "monitoring_category",
            "clue_on",
            "identified_on",
            "eliminated_on",
            "elimination_mode",
            *(f"measure_{k}" for k in range(1, MEASURE_COLUMNS + 1)),
            *(f"measure_{k}_start" for k in range(1, MEASURE_COLUMNS + 1)),
        }
    ),
    LedgerKind.ASSETS: frozenset(
        {
            "funding_year",
            "state",
            "scrapped",
            "registered_on",
            "handed_over_on",
            "revitalised_on",
            "written_off_on",
        }
    ),
    LedgerKind.FUNDS: frozenset({"allocated", "spent", "industry", "retention"}),
    LedgerKind.PROBLEMS: frozenset(
        {"state", "measures", "found_on", "deadline", "accepted_on", "closed_on"}
    ),
}


def schema_for(ledger: LedgerKind | str) -> Schema:
    """Return the schema of ``ledger`` (``households``, ``assets``, ``funds`` or ``problems``).

    Raises
    ------
    LedgerError
        If there is no such ledger.

    Examples
    --------
    >>> [f.name for f in schema_for("funds").fields][:4]
    ['county', 'reported_on', 'allocated', 'spent']
    """
    try:
        return _SCHEMAS[LedgerKind(ledger)]
    except ValueError:
        known = ", ".join(k.value for k in LedgerKind)
        msg = f"ledger: expected one of {known}, found {ledger!r}"
        raise LedgerError(msg) from None


def describe_issue(field: Field, kind: IssueKind, expected: str, found: str) -> str:
    """Return the message of one issue: ``<label>: expected …, found …``."""
    if kind is IssueKind.MISSING:
        return f"{field.label}: expected a value, found an empty cell"
    shown = (
        f"{found!r}"
        if kind not in {IssueKind.INCONSISTENT, IssueKind.INCOMPLETE, IssueKind.DUPLICATE}
        else found
    )
    return f"{field.label}: expected {expected}, found {shown}"


def mapped_fields(
    header_row: Sequence[object], headers: HeaderMap
) -> tuple[dict[str, int], list[str], list[tuple[str, str]]]:
    """Map a header row to fields: ``({field: column index}, ignored, duplicated)``.

    ``duplicated`` lists ``(header, field)`` for a header naming a field already named by an
    earlier column; the earlier column wins.
    """
    index: dict[str, int] = {}
    ignored: list[str] = []
    duplicated: list[tuple[str, str]] = []
    for i, cell in enumerate(header_row):
        text = cell_text(cell)
        if text is None or not text.strip(BLANKS):
            continue
        name = headers.field(text)
        if name is None:
            ignored.append(text)
        elif name in index:
            duplicated.append((text, name))
        else:
            index[name] = i
    return index, ignored, duplicated


def joined_header(
    head: Sequence[Sequence[object]], schema: Schema, headers: HeaderMap
) -> list[Sequence[object]]:
    """Return the first rows ``head`` with a header written on two rows read as its lower row.

    A two-row header without merged cells (a CSV, or a workbook whose names are not merged)
    writes each single column's name on its upper row only (户编号 over a blank cell) and a
    group's name over the first of its columns, whose own names stand on the lower row
    (帮扶措施 over 帮扶措施1, 帮扶措施1开始时间 …). Each cell of the lower row takes the name above
    it where it names no field itself (a blank, or a note such as 元 under 人均纯收入), and the
    row so filled is the header when :func:`lower_header_names_more` says so (else the rows are
    as written). The upper row must name a field: a title above a header is no part of it; a
    lower row holding something under the upper row's key column (户编号 over H1) is a row of
    data, never joined, whatever its cells say (a 纳入方式 of 绿色通道), nor is a lower row whose
    cells mostly name no field (a row of data with its key left blank) or that names no column the
    upper row leaves blank (a group's columns after its first). A header on three rows is joined
    twice (户主信息 over 户主姓名, 帮扶情况 over 第一项 over 帮扶措施1).

    Examples
    --------
    >>> kind = schema_for("households")
    >>> rows = [["户编号", "行政村", "帮扶措施", ""], ["", "", "帮扶措施1", "帮扶措施1开始时间"]]
    >>> joined_header(rows, kind, HeaderMap.default("households"))[1]
    ('户编号', '行政村', '帮扶措施1', '帮扶措施1开始时间')
    """
    rows = list(head)
    key = schema.key[0]
    for i in range(len(rows) - 1):
        upper, lower = rows[i], rows[i + 1]
        at = mapped_fields(upper, headers)[0].get(key)
        if at is not None and at < len(lower) and not _blank(lower[at]) and lower[at] != upper[at]:
            continue  # a row of data: it fills the key column a header leaves blank below its name
        # each lower cell: None when blank, else whether it names a field
        names = [None if _blank(c) else headers.field(str(cell_text(c))) is not None for c in lower]
        written = [named for named in names if named is not None]
        if sum(written) * 2 < len(written):
            continue  # mostly words no header holds: a row of data (or of notes), not names
        if all(c < len(upper) and not _blank(upper[c]) for c, named in enumerate(names) if named):
            continue  # it names no column the upper row leaves blank: no group's columns below
        width = max(len(upper), len(lower))
        lower = [*lower, *[None] * (width - len(lower))]
        above = [*upper, *[None] * (width - len(upper))]
        # a lower cell naming a field keeps it; any other takes the name above it, if any
        combined = tuple(
            lower[c] if (c < len(names) and names[c]) or _blank(above[c]) else above[c]
            for c in range(width)
        )
        if combined == tuple(lower):
            continue  # the lower row as written: found or refused as it stands
        if lower_header_names_more(upper, combined, schema, headers):
            rows[i + 1] = combined
    return rows


def lower_header_names_more(
    upper: Sequence[object], lower: Sequence[object], schema: Schema, headers: HeaderMap
) -> bool:
    """Return whether a two-row header's ``lower`` row (its blanks filled) is the header.

    It is when it names the key field, more fields than ``upper``, none twice (户主信息 and
    帮扶责任人 each over a 姓名 would name 户主姓名 twice), and every field ``upper`` names but
    itself: a group's name over its columns (致贫返贫风险 over 致贫返贫风险1, 致贫返贫风险2) gives
    way to the names below it, and a column named on the upper row only (识别时间 over nothing)
    is never lost.
    """
    above, _, _ = mapped_fields(upper, headers)
    if not above:
        return False
    index, _, twice = mapped_fields(lower, headers)
    if twice or schema.key[0] not in index or len(index) <= len(above):
        return False
    named = set(index.values())
    return all(field in index or column in named for field, column in above.items())


def _blank(cell: object) -> bool:
    text = cell_text(cell)
    return text is None or not text.strip(BLANKS)
