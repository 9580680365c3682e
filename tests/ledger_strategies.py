"""Hypothesis strategies for ledgers: valid-by-construction rows, raw ledger texts, personal data.

All personal data here are synthetic: identity numbers are random digits with a valid
GB 11643-1999 check character, phone numbers start with ``100`` (no such mobile prefix exists).
"""

from __future__ import annotations

import datetime as dt
import decimal

from hypothesis import strategies as st

from xiaojie.ledgers import (
    Asset,
    AssetClass,
    AssetState,
    AssistanceMeasure,
    DiscoveryChannel,
    EliminationMode,
    FundRecord,
    Household,
    HouseholdKind,
    MeasureKind,
    Member,
    MonitoringCategory,
    Place,
    Problem,
    ProblemSource,
    ProblemState,
    RiskType,
)
from xiaojie.ledgers._privacy import id_number_check_char


START = dt.date(2023, 11, 1)
END = dt.date(2026, 3, 31)
PLACES = (
    Place("同心县", "豫海镇", "红星村"),
    Place("同心县", "豫海镇", "南关村"),
    Place("同心县", "丁塘镇", "新华村"),
    Place("红寺堡区", "太阳山镇", "永新村"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
LINE = decimal.Decimal("8700.00")

dates = st.dates(START, END)
as_of_dates = st.dates(dt.date(2024, 6, 1), dt.date(2026, 3, 31))


_regions = st.sampled_from(["640324", "640303", "640381", "110105"])
_births = st.dates(dt.date(1930, 1, 1), dt.date(2015, 12, 31))
_sequences = st.integers(0, 999)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """A synthetic identity number with a valid birth date and check character."""
    first17 = f"{draw(_regions)}{draw(_births):%Y%m%d}{draw(_sequences):03d}"
    return first17 + id_number_check_char(first17)


names = st.builds(
    lambda s, g: s + g,
    st.sampled_from(SURNAMES),
    st.text(alphabet=GIVEN, min_size=1, max_size=2),
)
phones = st.integers(0, 99_999_999).map(lambda n: f"100{n:08d}")


def _clamp(day: dt.date) -> dt.date:
    return min(max(day, START), END)


def _shift(draw: st.DrawFn, day: dt.date, low: int, high: int) -> dt.date:
    return _clamp(day + dt.timedelta(days=draw(st.integers(low, high))))


def _offset(day: dt.date, low: int, high: int) -> st.SearchStrategy[dt.date]:
    return st.integers(low, high).map(lambda n: _clamp(day + dt.timedelta(days=n)))


# Strategies are built once: building them inside composite strategies dominates the cost.
_maybe = st.booleans()
_kinds = st.sampled_from(HouseholdKind)
_categories = {
    HouseholdKind.LIFTED_OUT: st.sampled_from(
        [
            MonitoringCategory.UNSTABLE_LIFTED_OUT,
            MonitoringCategory.SUDDEN_SEVERE_HARDSHIP,
            MonitoringCategory.UNSPECIFIED,
        ]
    ),
    HouseholdKind.ORDINARY: st.sampled_from(
        [
            MonitoringCategory.MARGINAL_AT_RISK,
            MonitoringCategory.SUDDEN_SEVERE_HARDSHIP,
            MonitoringCategory.UNSPECIFIED,
        ]
    ),
}
_measure_kinds = st.sampled_from(MeasureKind)
_modes = st.sampled_from(EliminationMode)
_channels = st.none() | st.sampled_from(DiscoveryChannel)
_risks = st.lists(st.sampled_from(RiskType), max_size=3, unique=True)
_places = st.sampled_from(PLACES)
_sizes = st.none() | st.integers(1, 9)
_incomes = (
    st.none()
    | st.just(LINE)
    | st.integers(500_000, 1_200_000).map(lambda c: decimal.Decimal(c) / 100)
)
_counts = st.integers(0, 3)
_day_numbers = st.integers(0, (END - START).days)
_near_six_months = st.integers(170, 190)
_any_gap = st.integers(0, 500)
_id_numbers = id_numbers()


def _date(draw: st.DrawFn) -> dt.date:
    return START + dt.timedelta(days=draw(_day_numbers))


_flags = st.integers(0, 255)
_risk_sets = st.integers(0, 7)
_RISK_CHOICES = (RiskType.ILLNESS, RiskType.NATURAL_DISASTER, RiskType.UNSTABLE_EMPLOYMENT)


@st.composite
def households(draw: st.DrawFn, hid: str | None = None, *, personal: bool = False) -> Household:
    """A valid household; dates cluster around the plan's limits (15 days, 6 months, 1 year).

    Yes/no choices come from the bits of one integer: every draw costs, and rules see many rows.
    """
    flags = draw(_flags)
    has_clue, has_ident, measured, eliminated_flag, near, fast, no_labour = (
        bool(flags & (1 << bit)) for bit in range(7)
    )
    kind = draw(_kinds)
    clue = _date(draw) if has_clue else None
    if clue is not None:
        identified = _shift(draw, clue, 0, 40) if has_ident else None
        if identified is not None and identified < clue:
            identified = clue
    else:
        identified = _date(draw) if has_ident else None
    anchor = clue or identified or START + dt.timedelta(days=500)
    measures = [
        AssistanceMeasure(draw(_measure_kinds), _shift(draw, anchor, -5, 400))
        for _ in range(draw(_counts) if measured else 0)
    ]
    eliminated = mode = None
    if identified is not None and eliminated_flag:
        gap = draw(_near_six_months) if near else draw(_any_gap)
        eliminated = identified + dt.timedelta(days=gap)
        mode = draw(_modes)
    members: tuple[Member, ...] = ()
    if personal:
        members = (Member(name=draw(names), id_number=draw(_id_numbers), phone=draw(phones)),)
    risks = draw(_risk_sets)
    return Household(
        id=hid or f"6403{draw(st.integers(0, 999_999)):06d}",
        place=draw(_places),
        kind=kind,
        monitoring_category=draw(_categories[kind])
        if identified
        else MonitoringCategory.UNSPECIFIED,
        risks=[r for i, r in enumerate(_RISK_CHOICES) if risks & (1 << i)],
        discovery=draw(_channels) if clue else None,
        clue_on=clue,
        identified_on=identified,
        fast_track=fast,
        measures=measures,
        eliminated_on=eliminated,
        elimination_mode=mode,
        income_per_capita=draw(_incomes) if eliminated else None,
        size=None,
        no_labour=no_labour,
        members=members,
    )


@st.composite
def household_ledgers(
    draw: st.DrawFn, max_size: int = 8, *, personal: bool = False
) -> list[Household]:
    """A list of households with distinct ids (kept short: every example pays for each row)."""
    n = draw(st.integers(0, max_size))
    return [draw(households(f"H{i:04d}", personal=personal)) for i in range(n)]


_years = st.integers(2016, 2026)
_states = st.sampled_from(AssetState)
_values = st.integers(0, 50_000_000).map(lambda c: decimal.Decimal(c) / 100)
_deadlines = st.sampled_from(
    [dt.date(2025, 7, 31), dt.date(2025, 9, 30), dt.date(2025, 10, 31), dt.date(2024, 12, 31)]
)
_nudge = st.integers(-3, 3)


@st.composite
def assets(draw: st.DrawFn, aid: str) -> Asset:
    """A valid asset; dates cluster around the task 22 deadlines."""
    year = draw(_years)
    formed = dt.date(year, 1, 1)
    state = draw(_states)
    flags = draw(_flags)
    scrapped = bool(flags & 1)

    def day(bit: int) -> dt.date | None:
        if not flags & (1 << bit):
            return None
        value = draw(_deadlines) + dt.timedelta(days=draw(_nudge))
        return value if value >= formed else None

    revitalised = day(1) if state in {AssetState.REVITALISED, AssetState.DISPOSED} else None
    return Asset(
        id=aid,
        asset_class=AssetClass.OPERATING,
        value=draw(_values),
        funding_year=year,
        state=state,
        place=draw(_places),
        responsible_unit="红星村委会" if flags & 128 else "",
        registered_on=day(2),
        handed_over_on=day(3),
        revitalised_on=revitalised,
        scrapped=scrapped,
        written_off_on=day(4) if scrapped else None,
    )


@st.composite
def asset_ledgers(draw: st.DrawFn, max_size: int = 10) -> list[Asset]:
    """A list of assets with distinct ids."""
    n = draw(st.integers(0, max_size))
    return [draw(assets(f"ZC{i:04d}")) for i in range(n)]


@st.composite
def fund_records(draw: st.DrawFn) -> FundRecord:
    """A valid fund record reported near a task 21 milestone."""
    allocated = draw(st.integers(1, 10_000))
    spent = draw(st.integers(0, allocated))
    return FundRecord(
        county=draw(st.sampled_from(["同心县", "红寺堡区"])),
        reported_on=draw(
            st.sampled_from(
                [dt.date(2025, 7, 31), dt.date(2025, 10, 31), dt.date(2025, 12, 31)]
            ).flatmap(lambda d: _offset(d, -10, 10))
        ),
        allocated=decimal.Decimal(allocated),
        spent=decimal.Decimal(spent),
        industry=decimal.Decimal(draw(st.integers(0, spent))),
        retention=decimal.Decimal(draw(st.integers(0, allocated - spent))),
    )


@st.composite
def problems(draw: st.DrawFn, pid: str = "P1") -> Problem:
    """A valid rectification problem somewhere along its lifecycle."""
    found = draw(dates)
    problem = Problem(
        id=pid,
        source=draw(st.sampled_from(ProblemSource)),
        description="监测识别不及时",
        measures=("逐户排查",),
        unit=draw(st.sampled_from(["同心县农业农村局", "同心县民政局"])),
        deadline=draw(_offset(found, 0, 120)),
        found_on=found,
    )
    day = found
    for step in draw(st.lists(st.sampled_from(["advance", "reopen"]), max_size=5)):
        day = draw(_offset(day, 0, 60))
        if step == "reopen" and problem.state in {ProblemState.ACCEPTED, ProblemState.CLOSED}:
            problem = problem.reopen(day, deadline=draw(_offset(day, 0, 60)))
        elif problem.state is ProblemState.OPEN:
            problem = problem.start_rectifying(day)
        elif problem.state is ProblemState.RECTIFYING:
            problem = problem.accept(day)
        elif problem.state is ProblemState.ACCEPTED:
            problem = problem.close(day)
    return problem


# -- ledgers as the text rows of a county spreadsheet ----------------------------------------

MEASURE_SLOTS = 3
HEADERS = [
    "户编号", "户主姓名", "证件号码", "联系电话", "县(市、区)", "乡(镇)", "行政村", "户类型",
    "监测对象类别", "风险类型", "风险线索来源", "风险线索发现时间", "识别时间", "绿色通道",
    *[h for k in range(1, MEASURE_SLOTS + 1) for h in (f"帮扶措施{k}", f"帮扶措施{k}开始时间")],
    "风险消除时间", "风险消除方式", "人均纯收入", "家庭人口数", "整户无劳动能力",
]  # fmt: skip
FIELDS = [
    "household_id", "head_name", "head_id_number", "phone", "county", "township", "village",
    "kind", "monitoring_category", "risks", "discovery", "clue_on", "identified_on", "fast_track",
    *[f for k in range(1, MEASURE_SLOTS + 1) for f in (f"measure_{k}", f"measure_{k}_start")],
    "eliminated_on", "elimination_mode", "income_per_capita", "size", "no_labour",
]  # fmt: skip
DATE_STYLES = (
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: d.strftime("%Y%m%d"),
    lambda d: f"{d.isoformat()} 00:00:00",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
)
FLAG_STYLES = (("是", "否"), ("Y", "N"), ("1", "0"), ("√", ""))
#: One bad value per field; each makes exactly one issue in exactly that cell.
FAULTS = {
    "household_id": "H 9",
    "head_id_number": "11010519491231002Y",
    "phone": "电话不详",
    "kind": "贫困户",
    "monitoring_category": "重点户",
    "risks": "因病、因穷",
    "discovery": "群众举报",
    "clue_on": "2025-13-01",
    "identified_on": "2025-02-30",
    "fast_track": "也许",
    "measure_1": "送温暖",
    "measure_1_start": "六月",
    "eliminated_on": "1899-12-31",
    "elimination_mode": "已脱贫",
    "income_per_capita": "八千元",
    "size": "3人",
    "no_labour": "不详",
}


def household_row(h: Household, style: int = 0) -> list[str]:
    """The text cells of one household, dates and flags in one of several real-world styles."""
    when = DATE_STYLES[style % len(DATE_STYLES)]
    yes, no = FLAG_STYLES[style % len(FLAG_STYLES)]
    head = h.head

    def day(value: dt.date | None) -> str:
        return "" if value is None else when(value)

    cells = [
        h.id,
        head.name if head else "",
        head.id_number if head else "",
        head.phone if head else "",
        h.place.county,
        h.place.township,
        h.place.village,
        h.kind.value,
        ""
        if h.monitoring_category is MonitoringCategory.UNSPECIFIED
        else h.monitoring_category.value,
        "、".join(r.value for r in h.risks),
        h.discovery.value if h.discovery else "",
        day(h.clue_on),
        day(h.identified_on),
        yes if h.fast_track else no,
    ]
    for k in range(MEASURE_SLOTS):
        measure = h.measures[k] if k < len(h.measures) else None
        cells.extend(
            [measure.kind.value if measure else "", day(measure.start if measure else None)]
        )
    cells.extend(
        [
            day(h.eliminated_on),
            h.elimination_mode.value if h.elimination_mode else "",
            "" if h.income_per_capita is None else f"{h.income_per_capita:,}",
            "" if h.size is None else str(h.size),
            yes if h.no_labour else no,
        ]
    )
    return cells


_pads = st.sampled_from(["", " ", "\t", "\u3000", "\u00a0", "\u2002", "\u202f"])


@st.composite
def faulty_ledgers(
    draw: st.DrawFn, max_size: int = 8
) -> tuple[list[Household], list[list[str]], set[tuple[int, str]]]:
    """Households, their text rows with some cells broken, and the broken (row, header) cells.

    Row numbers are spreadsheet rows: the header is row 1.
    """
    ledger = draw(household_ledgers(max_size=max_size, personal=True))
    rows = [household_row(h, draw(st.integers(0, 11))) for h in ledger]
    for row in rows:
        # Cells padded with blanks (a space, a tab, the ideographic or a no-break space) read
        # the same.
        for column in draw(st.lists(st.integers(0, len(row) - 1), max_size=2)):
            row[column] = draw(_pads) + row[column] + draw(_pads)
    broken: set[tuple[int, str]] = set()
    if rows:
        for _ in range(draw(st.integers(0, 4))):
            i = draw(st.integers(0, len(rows) - 1))
            field = draw(st.sampled_from(sorted(FAULTS)))
            rows[i][FIELDS.index(field)] = FAULTS[field]
            broken.add((i + 2, HEADERS[FIELDS.index(field)]))
    return ledger, rows, broken
