"""The clauses of the plan the ledger rules enforce, quoted verbatim."""

from __future__ import annotations

import attrs


__all__ = ["CLAUSES", "Clause"]

_LEADING_GROUP = "自治区党委农村工作领导小组成员单位"


@attrs.frozen(kw_only=True)
class Clause:
    """A clause of the plan that a rule enforces.

    Attributes
    ----------
    task
        The task number (1–25).
    title
        The task's title.
    text
        The clause, quoted verbatim from the plan.
    responsibility
        The task's 责任单位 text, verbatim.
    units
        The responsible units with the 自治区 prefix carried over (DOMAIN §4.1).
    basis
        Where further conditions come from when the plan names them without spelling them out.
    """

    task: int
    title: str
    text: str
    responsibility: str
    units: tuple[str, ...]
    basis: str = ""

    def cite(self) -> str:
        """Return ``任务N「text」``."""
        return f"任务{self.task}「{self.text}」"


CLAUSES: dict[int, Clause] = {
    2: Clause(
        task=2,
        title="高质量抓好整改落实",
        text="建立问题清单、任务清单、责任清单,逐项明确问题表现、整改措施、整改责任和时限",
        responsibility=_LEADING_GROUP,
        units=(_LEADING_GROUP,),
    ),
    4: Clause(
        task=4,
        title="精准开展监测帮扶",
        text=(
            "对符合条件的从发现风险线索到完成监测对象识别认定不超过15天;对因灾因突发事故等"
            "特殊情况需纳入监测对象的,开通“绿色通道”,优先落实帮扶措施,同步履行纳入程序"
        ),
        responsibility=(
            "自治区农业农村厅、教育厅、民政厅、人力资源社会保障厅、住房和城乡建设厅、水利厅、"
            "卫生健康委、应急管理厅、医保局、残联"
        ),
        units=(
            "自治区农业农村厅",
            "自治区教育厅",
            "自治区民政厅",
            "自治区人力资源社会保障厅",
            "自治区住房和城乡建设厅",
            "自治区水利厅",
            "自治区卫生健康委",
            "自治区应急管理厅",
            "自治区医保局",
            "自治区残联",
        ),
    ),
    6: Clause(
        task=6,
        title="及时消除返贫风险",
        text=(
            "健全风险消除机制,规范设置风险消除条件和程序,对纳入1年以上未消除风险的监测对象,"
            "逐户分析,分类开展精准帮扶,确保稳定消除风险"
        ),
        responsibility=f"{_LEADING_GROUP},医保局",
        units=(_LEADING_GROUP, "自治区医保局"),
        basis=(
            "风险消除条件 (DOMAIN §1.6): 识别认定监测对象时间至少半年以上且针对返贫致贫风险落实"
            "至少一项帮扶措施的,才能履行风险消除程序; 年人均纯收入稳定超过当年监测范围; 对整户"
            "无劳动力的监测对象,暂不标注“风险消除” (弋江区 2024, 枞阳县)"
        ),
    ),
    11: Clause(
        task=11,
        title="强化产业帮扶",
        text="中央衔接资金用于产业发展比例高于60%",
        responsibility=(
            "自治区农业农村厅、商务厅、文化和旅游厅、林草局、贺兰山东麓葡萄酒产业园区管委会、供销社"
        ),
        units=(
            "自治区农业农村厅",
            "自治区商务厅",
            "自治区文化和旅游厅",
            "自治区林草局",
            "贺兰山东麓葡萄酒产业园区管委会",
            "自治区供销社",
        ),
    ),
    21: Clause(
        task=21,
        title="健全项目实施推进机制",
        text=(
            "7月底和10月底前,资金支出进度分别达到60%、85%,12月底前资金预算(项目质保金除外)"
            "执行率必须达到100%"
        ),
        responsibility="自治区农业农村厅、财政厅、发展改革委、民委、林草局、农垦集团",
        units=(
            "自治区农业农村厅",
            "自治区财政厅",
            "自治区发展改革委",
            "自治区民委",
            "自治区林草局",
            "农垦集团",
        ),
    ),
    22: Clause(
        task=22,
        title="健全资产长效管理机制",
        text=(
            "力争7月底前年度盘活利用率达到80%以上;9月底前对符合条件的项目完成确权登记和资产移交;"
            "10月底前对应报废报损项目进行核销处理"
        ),
        responsibility="自治区党委农村工作领导小组相关成员单位、国资委",
        units=("自治区党委农村工作领导小组相关成员单位", "自治区国资委"),
    ),
}
