"""The closed vocabularies of ledgers (台账): household kinds, categories, risks and more.

Each enumeration's value is the Chinese word the national monitoring system and county ledgers
use; :meth:`LedgerEnum.parse` also accepts the English member name (``ILLNESS``, ``illness``)
and the variants real ledgers write (``普通农户`` for ``一般农户``, ``因灾`` for
``因自然灾害`` …). The alias tables are data: the columnar engine reads the very same tables, so
both paths accept exactly the same words.
"""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Self

from xiaojie.errors import LedgerError


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = [
    "AssetClass",
    "AssetState",
    "DiscoveryChannel",
    "EliminationMode",
    "HouseholdKind",
    "LedgerEnum",
    "MeasureKind",
    "MonitoringCategory",
    "ProblemSource",
    "ProblemState",
    "RiskType",
    "Severity",
]


class LedgerEnum(enum.StrEnum):
    """A vocabulary whose values are the Chinese words of the ledgers."""

    @classmethod
    def label(cls) -> str:
        """Return the Chinese name of the vocabulary (used in messages)."""
        return _LABELS.get(cls.__name__, cls.__name__)

    @classmethod
    def aliases(cls) -> Mapping[str, Self]:
        """Every accepted spelling, mapped to its member.

        Examples
        --------
        >>> HouseholdKind.aliases()["普通农户"]
        <HouseholdKind.ORDINARY: '一般农户'>
        """
        cached = _ALIAS_CACHE.get(cls)
        if cached is None:
            table: dict[str, LedgerEnum] = {}
            for member in cls:
                table[member.value] = member
                table[member.name] = member
                table[member.name.lower()] = member
            for word, name in _EXTRA.get(cls.__name__, {}).items():
                table[word] = cls[name]
            cached = _ALIAS_CACHE[cls] = MappingProxyType(table)
        return cached  # type: ignore[return-value]

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the member a ledger cell names.

        Raises
        ------
        LedgerError
            If the text is not a known spelling of any member.

        Examples
        --------
        >>> RiskType.parse("因灾")
        <RiskType.NATURAL_DISASTER: '因自然灾害'>
        >>> RiskType.parse("因穷")
        Traceback (most recent call last):
        ...
        xiaojie.errors.LedgerError: 风险类型: expected one of 因病、因残、因学、因自然灾害、缺劳动力、因意外事故、因产业项目失败、因务工就业不稳、其他, found '因穷'
        """
        try:
            return cls.aliases()[text.strip()]
        except KeyError:
            known = "、".join(member.value for member in cls)
            msg = f"{cls.label()}: expected one of {known}, found {text!r}"
            raise LedgerError(msg) from None


class HouseholdKind(LedgerEnum):
    """户类型: a formerly registered poor household that exited poverty, or an ordinary one."""

    LIFTED_OUT = "脱贫户"
    ORDINARY = "一般农户"


class MonitoringCategory(LedgerEnum):
    """监测对象类别 (DOMAIN §1.2); ``UNSPECIFIED`` when a ledger says only "监测对象" or nothing."""

    UNSTABLE_LIFTED_OUT = "脱贫不稳定户"
    MARGINAL_AT_RISK = "边缘易致贫户"
    SUDDEN_SEVERE_HARDSHIP = "突发严重困难户"
    UNSPECIFIED = "未明确"


class RiskType(LedgerEnum):
    """致贫/返贫风险: the cause of a household's risk (up to five per household)."""

    ILLNESS = "因病"
    DISABILITY = "因残"
    EDUCATION_COST = "因学"
    NATURAL_DISASTER = "因自然灾害"
    LABOUR_SHORTAGE = "缺劳动力"
    ACCIDENT = "因意外事故"
    INDUSTRY_FAILURE = "因产业项目失败"
    UNSTABLE_EMPLOYMENT = "因务工就业不稳"
    OTHER = "其他"


class DiscoveryChannel(LedgerEnum):
    """How a risk clue was found: the household applied, cadres visited, or a department alerted."""

    SELF_REPORT = "农户自主申报"
    CADRE_VISIT = "干部排查"
    DEPARTMENT_ALERT = "部门筛查预警"


class MeasureKind(LedgerEnum):
    """帮扶措施: the kind of an assistance measure (national code tables 100A39–100A55)."""

    INDUSTRY = "产业帮扶"
    EMPLOYMENT = "就业帮扶"
    FINANCE = "金融帮扶"
    PUBLIC_WELFARE_JOB = "公益岗位帮扶"
    HEALTH = "健康帮扶"
    COMPULSORY_EDUCATION = "义务教育保障"
    OTHER_EDUCATION = "其他教育帮扶"
    SOCIAL_SAFETY_NET = "综合保障"
    HOUSING_SAFETY = "住房安全保障"
    DRINKING_WATER = "饮水安全保障"
    SOCIAL_ASSISTANCE = "社会帮扶"
    RELOCATION = "搬迁"
    LIVING_CONDITIONS = "生产生活条件改善"
    INFRASTRUCTURE = "基础设施建设"

    @property
    def developmental(self) -> bool:
        """Whether the measure is developmental (开发式): industry, jobs, finance, public jobs."""
        return self in {
            MeasureKind.INDUSTRY,
            MeasureKind.EMPLOYMENT,
            MeasureKind.FINANCE,
            MeasureKind.PUBLIC_WELFARE_JOB,
        }


class EliminationMode(LedgerEnum):
    """风险消除方式: eliminated after assistance, or the risk disappeared by itself."""

    ASSISTED = "帮扶后消除"
    NATURAL = "风险自然消失"


class AssetClass(LedgerEnum):
    """扶贫(帮扶)项目资产类别 (国办函〔2021〕51号)."""

    OPERATING = "经营性"
    PUBLIC_WELFARE = "公益性"
    HOUSEHOLD = "到户类"


class AssetState(LedgerEnum):
    """The use state of a project asset."""

    IN_USE = "在用"
    IDLE = "闲置"
    INEFFICIENT = "低效"
    REVITALISED = "已盘活"
    DISPOSED = "已处置"


class ProblemState(LedgerEnum):
    """整改状态: open → rectifying → accepted (验收) → closed (销号)."""

    OPEN = "待整改"
    RECTIFYING = "整改中"
    ACCEPTED = "已验收"
    CLOSED = "已销号"


class ProblemSource(LedgerEnum):
    """Where a rectification problem came from (task 2 lists the channels)."""

    NATIONAL_ASSESSMENT = "中央考核评估反馈"
    REGIONAL_EVALUATION = "自治区巩固脱贫成果后评估"
    INSPECTION = "巡视巡查"
    AUDIT = "审计监督"
    SUPERVISION = "日常督导检查"
    SELF_CHECK = "自查自纠"
    OTHER = "其他"


_ALIAS_CACHE: dict[type[LedgerEnum], Mapping[str, LedgerEnum]] = {}

_LABELS = {
    "HouseholdKind": "户类型",
    "MonitoringCategory": "监测对象类别",
    "RiskType": "风险类型",
    "DiscoveryChannel": "风险线索来源",
    "MeasureKind": "帮扶措施",
    "EliminationMode": "风险消除方式",
    "AssetClass": "资产类别",
    "AssetState": "资产状态",
    "ProblemState": "整改状态",
    "ProblemSource": "问题来源",
}

#: Further spellings seen in ledgers and notices, by enumeration, mapped to member names.
_EXTRA: dict[str, dict[str, str]] = {
    "HouseholdKind": {"普通农户": "ORDINARY", "一般户": "ORDINARY", "脱贫人口": "LIFTED_OUT"},
    "MonitoringCategory": {
        "监测对象": "UNSPECIFIED",
        "未分类": "UNSPECIFIED",
    },
    "RiskType": {
        "因灾": "NATURAL_DISASTER",
        "因缺劳动力": "LABOUR_SHORTAGE",
        "因意外": "ACCIDENT",
        "因产业失败": "INDUSTRY_FAILURE",
        "因务工就业不稳定": "UNSTABLE_EMPLOYMENT",
    },
    "DiscoveryChannel": {
        "自主申报": "SELF_REPORT",
        "农户申报": "SELF_REPORT",
        "基层干部排查": "CADRE_VISIT",
        "干部走访": "CADRE_VISIT",
        "部门预警": "DEPARTMENT_ALERT",
        "部门筛查": "DEPARTMENT_ALERT",
    },
    "MeasureKind": {
        "公益性岗位": "PUBLIC_WELFARE_JOB",
        "公益性岗位帮扶": "PUBLIC_WELFARE_JOB",
        "教育帮扶": "OTHER_EDUCATION",
        "雨露计划": "OTHER_EDUCATION",
        "兜底保障": "SOCIAL_SAFETY_NET",
        "小额信贷": "FINANCE",
        "易地搬迁": "RELOCATION",
    },
    "EliminationMode": {"帮扶消除": "ASSISTED", "自然消除": "NATURAL", "风险自然消除": "NATURAL"},
    "AssetClass": {
        "经营性资产": "OPERATING",
        "经营类": "OPERATING",
        "公益性资产": "PUBLIC_WELFARE",
        "公益类": "PUBLIC_WELFARE",
        "到户类资产": "HOUSEHOLD",
        "到户": "HOUSEHOLD",
    },
    "AssetState": {
        "正常": "IN_USE",
        "在用": "IN_USE",
        "闲置资产": "IDLE",
        "低效资产": "INEFFICIENT",
        "盘活": "REVITALISED",
        "已盘活利用": "REVITALISED",
        "处置": "DISPOSED",
    },
    "ProblemState": {
        "未整改": "OPEN",
        "正在整改": "RECTIFYING",
        "验收": "ACCEPTED",
        "销号": "CLOSED",
    },
    "ProblemSource": {
        "考核评估": "NATIONAL_ASSESSMENT",
        "后评估": "REGIONAL_EVALUATION",
        "巡视": "INSPECTION",
        "审计": "AUDIT",
        "督导检查": "SUPERVISION",
        "自查": "SELF_CHECK",
    },
}


class Severity(enum.StrEnum):
    """How serious a finding is: an English code, with the Chinese word as :attr:`label`.

    Examples
    --------
    >>> Severity.SOFT_TARGET.value, Severity.SOFT_TARGET.label
    ('soft_target', '力争未达')
    """

    VIOLATION = "violation"
    """A binding limit of the plan is broken."""
    SOFT_TARGET = "soft_target"
    """A 力争 (strive-for) target is not reached: reported, not a failure."""
    ATTENTION = "attention"
    """A row the plan singles out for follow-up (逐户分析)."""

    @property
    def label(self) -> str:
        """The Chinese word: 违反, 力争未达 or 需关注."""
        return _SEVERITY_WORDS[self]


_SEVERITY_WORDS = {
    Severity.VIOLATION: "违反",
    Severity.SOFT_TARGET: "力争未达",
    Severity.ATTENTION: "需关注",
}
