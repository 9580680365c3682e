"""The household ledger's fields, cross-field checks and how a parsed row becomes a Household."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie.ledgers._cells import (
    Field,
    FieldKind,
)
from xiaojie.ledgers._enums import (
    DiscoveryChannel,
    EliminationMode,
    HouseholdKind,
    MeasureKind,
    MonitoringCategory,
    RiskType,
)
from xiaojie.ledgers._model import (
    MAX_HOUSEHOLD_SIZE,
    AssistanceMeasure,
    Household,
    Member,
    Place,
    assembled,
    household_problems,
)


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = ["MEASURE_COLUMNS", "RISK_COLUMNS"]

# Households ---------------------------------------------------------------------------------

RISK_COLUMNS = 5
MEASURE_COLUMNS = 8


def _household_fields() -> tuple[Field, ...]:
    fields = [
        Field(
            "household_id", FieldKind.KEY, "户编号", ("户码", "household id", "id"), required=True
        ),
        Field("head_name", FieldKind.NAME, "户主姓名", ("姓名", "户主", "name", "head name")),
        Field(
            "head_id_number",
            FieldKind.ID_NUMBER,
            "证件号码",
            ("户主证件号码", "身份证号", "身份证号码", "户主身份证号", "id number"),
        ),
        Field("phone", FieldKind.PHONE, "联系电话", ("户联系电话", "手机号", "手机号码", "电话")),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇", "乡(镇、街道)", "乡")),
        Field("village", FieldKind.TEXT, "行政村", ("村", "村(社区)", "村名")),
        Field(
            "kind",
            FieldKind.ENUM,
            "户类型",
            ("household type", "household kind"),
            enum=HouseholdKind,
            required=True,
        ),
        Field(
            "monitoring_category",
            FieldKind.ENUM,
            "监测对象类别",
            ("易返贫致贫户(监测对象)类型", "监测对象类型", "category"),
            enum=MonitoringCategory,
        ),
        Field(
            "risks",
            FieldKind.ENUM_LIST,
            "风险类型",
            ("致贫返贫风险", "致贫/返贫风险"),
            enum=RiskType,
        ),
    ]
    fields.extend(
        Field(
            f"risk_{k}",
            FieldKind.ENUM,
            f"致贫返贫风险{k}",
            (f"致贫/返贫风险{k}", f"风险类型{k}", f"风险{k}", f"致贫原因{k}"),
            enum=RiskType,
        )
        for k in range(1, RISK_COLUMNS + 1)
    )
    fields.extend(
        [
            Field(
                "discovery",
                FieldKind.ENUM,
                "风险线索来源",
                ("线索来源", "发现方式", "发现渠道", "discovery channel"),
                enum=DiscoveryChannel,
            ),
            Field(
                "clue_on",
                FieldKind.DATE,
                "风险线索发现时间",
                ("线索发现时间", "发现风险线索时间", "风险发现时间", "clue date"),
            ),
            Field(
                "identified_on",
                FieldKind.DATE,
                "识别时间",
                (
                    "纳入监测时间",
                    "识别认定时间",
                    "风险识别时间",
                    "识别纳入时间",
                    "identification date",
                ),
            ),
            Field(
                "fast_track", FieldKind.FLAG, "绿色通道", ("是否绿色通道", "是否通过绿色通道纳入")
            ),
        ]
    )
    for k in range(1, MEASURE_COLUMNS + 1):
        fields.append(
            Field(
                f"measure_{k}",
                FieldKind.ENUM,
                f"帮扶措施{k}",
                (f"帮扶措施类型{k}", f"措施{k}"),
                enum=MeasureKind,
            )
        )
        fields.append(
            Field(
                f"measure_{k}_start",
                FieldKind.DATE,
                f"帮扶措施{k}开始时间",
                (f"帮扶措施{k}落实时间", f"帮扶措施{k}时间", f"措施{k}时间"),
            )
        )
    fields.extend(
        [
            Field(
                "eliminated_on", FieldKind.DATE, "风险消除时间", ("消除时间", "elimination date")
            ),
            Field(
                "elimination_mode",
                FieldKind.ENUM,
                "风险消除方式",
                ("消除方式",),
                enum=EliminationMode,
            ),
            Field(
                "income_per_capita",
                FieldKind.MONEY,
                "人均纯收入",
                ("家庭人均纯收入", "人均纯收入(元)", "家庭人均纯收入(元)", "income"),
            ),
            Field(
                "size",
                FieldKind.INT,
                "家庭人口数",
                ("人数", "家庭人口", "household size"),
                minimum=1,
                maximum=MAX_HOUSEHOLD_SIZE,
            ),
            Field(
                "no_labour",
                FieldKind.FLAG,
                "整户无劳动能力",
                ("整户无劳动能力兜底保障户", "是否整户无劳动能力"),
            ),
        ]
    )
    return tuple(fields)


_MEASURE_KEYS = tuple(
    (k, f"measure_{k}", f"measure_{k}_start") for k in range(1, MEASURE_COLUMNS + 1)
)
_RISK_KEYS = tuple(f"risk_{k}" for k in range(1, RISK_COLUMNS + 1))
_PLACES: dict[tuple[str, str, str], Place] = {}


def _household_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for k, kind_key, start_key in _MEASURE_KEYS:
        kind, start = values.get(kind_key), values.get(start_key)
        if kind is None and start is None:
            continue
        if kind is not None and start is None:
            yield (f"measure_{k}_start", f"a start date for 帮扶措施{k}", "none")
        if kind is None and start is not None:
            yield (f"measure_{k}", f"a kind for the 帮扶措施{k} starting {start}", "none")
    kind = values.get("kind")
    if kind is None:
        return
    yield from household_problems(
        kind=kind,
        monitoring_category=values.get("monitoring_category") or MonitoringCategory.UNSPECIFIED,
        clue_on=values.get("clue_on"),
        identified_on=values.get("identified_on"),
        eliminated_on=values.get("eliminated_on"),
        elimination_mode=values.get("elimination_mode"),
    )


def _household_build(values: dict[str, Any]) -> Household:
    """Build a household from a parsed row whose every check has passed.

    The row's cells were parsed by the field parsers and its contradictions looked for with
    :func:`household_problems`, which are the checks ``Household`` runs on construction, so
    the objects are assembled without running them again (see :func:`assembled`). The tests
    rebuild every household the readers make through the validating constructor.
    """
    risks: list[RiskType] = []
    for risk in (*(values.get("risks") or ()), *(values.get(key) for key in _RISK_KEYS)):
        if risk is not None and risk not in risks:
            risks.append(risk)
    measures = tuple(
        assembled(AssistanceMeasure, kind=values[kind_key], start=values[start_key])
        for _, kind_key, start_key in _MEASURE_KEYS
        if kind_key in values
    )
    where = (values.get("county") or "", values.get("township") or "", values.get("village") or "")
    place = _PLACES.get(where)
    if place is None:
        if len(_PLACES) > 100_000:
            _PLACES.clear()
        place = _PLACES[where] = assembled(
            Place, county=where[0], township=where[1], village=where[2]
        )
    name = values.get("head_name") or ""
    number = values.get("head_id_number") or ""
    phone = values.get("phone") or ""
    members = (
        (assembled(Member, name=name, id_number=number, phone=phone, relation="户主"),)
        if name or number or phone
        else ()
    )
    return assembled(
        Household,
        id=values["household_id"],
        place=place,
        kind=values["kind"],
        monitoring_category=values.get("monitoring_category") or MonitoringCategory.UNSPECIFIED,
        risks=tuple(risks),
        discovery=values.get("discovery"),
        clue_on=values.get("clue_on"),
        identified_on=values.get("identified_on"),
        fast_track=bool(values.get("fast_track")),
        measures=measures,
        eliminated_on=values.get("eliminated_on"),
        elimination_mode=values.get("elimination_mode"),
        income_per_capita=values.get("income_per_capita"),
        size=values.get("size"),
        no_labour=bool(values.get("no_labour")),
        members=members,
    )
