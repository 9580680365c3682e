"""Generate the synthetic county ledger in this folder (deterministic; run it to rebuild).

    python examples/county_ledger/generate.py

Everything is made up. Names are random surname and given-name characters; identity numbers
are random digits with a valid GB 11643-1999 check character; telephone numbers start with
``100``, a prefix no Chinese mobile number has. The county's townships are real place names
of 同心县 only so that the ledger looks like one; villages are invented.

A handful of rows are deliberately broken (an impossible date, a wrong check character, an
unknown category, an elimination before the identification) to show the reading report.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from xiaojie.ledgers._privacy import id_number_check_char


HERE = Path(__file__).parent
SEED = 20250618
HOUSEHOLDS = 5000
COUNTY = "同心县"
TOWNSHIPS = [
    "豫海镇",
    "河西镇",
    "丁塘镇",
    "韦州镇",
    "下马关镇",
    "预旺镇",
    "王团镇",
    "田老庄乡",
    "马高庄乡",
    "张家塬乡",
    "兴隆乡",
]
VILLAGE_WORDS = "红星新华东风团结胜利光明和平永丰兴隆富民长丰金鸡清水南关北山西岔沙沟杨庄马渠石峡"
SURNAMES = "马马马杨李王丁田海张金苏白冯刘周何赵"
GIVEN = "建国秀兰玉梅志强海燕文军桂花学成淑珍永福红梅国忠春花德明晓燕自强学文"
RISKS = [
    "因病",
    "因残",
    "因学",
    "因自然灾害",
    "缺劳动力",
    "因意外事故",
    "因产业项目失败",
    "因务工就业不稳",
]
MEASURES = [
    "产业帮扶",
    "就业帮扶",
    "金融帮扶",
    "公益岗位帮扶",
    "健康帮扶",
    "综合保障",
    "住房安全保障",
    "其他教育帮扶",
]
HOUSEHOLD_HEADER = [
    "序号", "户编号", "户主姓名", "证件号码", "联系电话", "县(市、区)", "乡(镇)", "行政村", "户类型",
    "监测对象类别", "致贫返贫风险1", "致贫返贫风险2", "风险线索来源", "风险线索发现时间", "识别时间",
    "绿色通道", "帮扶措施1", "帮扶措施1开始时间", "帮扶措施2", "帮扶措施2开始时间", "风险消除时间",
    "风险消除方式", "人均纯收入", "家庭人口数", "整户无劳动能力",
]  # fmt: skip


def day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def id_number(rng: random.Random, town: int) -> str:
    birth = day(rng, dt.date(1940, 1, 1), dt.date(2000, 12, 31))
    first17 = f"640324{birth:%Y%m%d}{town:01d}{rng.randint(0, 99):02d}"
    return first17 + id_number_check_char(first17)


def villages(rng: random.Random) -> dict[str, list[str]]:
    result = {}
    for town in TOWNSHIPS:
        names = set()
        while len(names) < rng.randint(10, 16):
            names.add(rng.choice(VILLAGE_WORDS) + rng.choice(VILLAGE_WORDS) + "村")
        result[town] = sorted(names)
    return result


def household_rows(rng: random.Random) -> list[list[str]]:
    places = villages(rng)
    rows = []
    for n in range(1, HOUSEHOLDS + 1):
        t = rng.randrange(len(TOWNSHIPS))
        town = TOWNSHIPS[t]
        village = rng.choice(places[town])
        kind = "脱贫户" if rng.random() < 0.7 else "一般农户"
        name = (
            rng.choice(SURNAMES)
            + rng.choice(GIVEN)
            + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        )
        row = {
            "序号": str(n),
            "户编号": f"640324{t + 1:02d}{n:06d}",
            "户主姓名": name,
            "证件号码": id_number(rng, t % 10),
            "联系电话": f"100{rng.randint(0, 99_999_999):08d}",
            "县(市、区)": COUNTY,
            "乡(镇)": town,
            "行政村": village,
            "户类型": kind,
            "家庭人口数": str(rng.randint(1, 8)),
            "人均纯收入": f"{rng.uniform(6000, 16000):.2f}",
            "整户无劳动能力": "是" if rng.random() < 0.04 else "否",
            "绿色通道": "否",
        }
        if rng.random() < 0.18:
            monitored(rng, row, kind)
        rows.append([row.get(h, "") for h in HOUSEHOLD_HEADER])
    return rows


def monitored(rng: random.Random, row: dict[str, str], kind: str) -> None:
    """Make the household a monitoring object, with the usual (and some unusual) timings."""
    categories = ["脱贫不稳定户"] if kind == "脱贫户" else ["边缘易致贫户"]
    categories += ["突发严重困难户"]
    risks = rng.sample(RISKS, rng.choice([1, 1, 2]))
    clue = day(rng, dt.date(2023, 9, 1), dt.date(2025, 11, 10))
    fast = "因自然灾害" in risks or "因意外事故" in risks
    row.update(
        {
            "监测对象类别": rng.choice(categories),
            "致贫返贫风险1": risks[0],
            "致贫返贫风险2": risks[1] if len(risks) > 1 else "",
            "风险线索来源": rng.choice(["农户自主申报", "干部排查", "干部排查", "部门筛查预警"]),
            "风险线索发现时间": clue.isoformat(),
            "绿色通道": "是" if fast else "否",
        }
    )
    wait = rng.choice([rng.randint(3, 15)] * 9 + [rng.randint(16, 40)])
    identified = clue + dt.timedelta(days=wait)
    if identified > dt.date(2025, 11, 14) or rng.random() < 0.01:
        row["识别时间"] = ""
        return
    row["识别时间"] = identified.isoformat()
    start = (clue if fast else identified) + dt.timedelta(
        days=rng.choice([rng.randint(1, 14)] * 9 + [rng.randint(16, 30)])
    )
    if rng.random() < 0.95:
        row["帮扶措施1"] = rng.choice(MEASURES)
        row["帮扶措施1开始时间"] = start.isoformat()
    if rng.random() < 0.4:
        row["帮扶措施2"] = rng.choice(MEASURES)
        row["帮扶措施2开始时间"] = (start + dt.timedelta(days=rng.randint(10, 120))).isoformat()
    if rng.random() < 0.55:
        months = rng.choice([6, 7, 8, 10, 12, 14] * 6 + [4, 5])
        eliminated = identified + dt.timedelta(days=months * 30 + rng.randint(0, 20))
        if eliminated <= dt.date(2025, 11, 14):
            row["风险消除时间"] = eliminated.isoformat()
            row["风险消除方式"] = "帮扶后消除" if rng.random() < 0.85 else "风险自然消失"


def break_some(rows: list[list[str]]) -> None:
    """Break a few cells the way real ledgers break."""
    col = {h: i for i, h in enumerate(HOUSEHOLD_HEADER)}
    rows[41][col["识别时间"]] = "2025-02-30"
    number = rows[97][col["证件号码"]]
    rows[97][col["证件号码"]] = number[:17] + ("0" if number[17] != "0" else "1")
    rows[311][col["监测对象类别"]] = "重点监测户"
    monitored_rows = [r for r in rows if r[col["识别时间"]] and not r[col["风险消除时间"]]]
    target = monitored_rows[5]
    target[col["风险消除时间"]] = "2023-01-01"
    target[col["风险消除方式"]] = "帮扶后消除"


ASSET_HEADER = ["资产编号", "项目名称", "县(市、区)", "乡(镇)", "行政村", "资产类别", "资产原值", "形成年度", "资产状态",
                "管护责任单位", "确权登记时间", "资产移交时间", "盘活时间", "报废报损", "核销时间"]  # fmt: skip
PROJECTS = {
    "经营性": [
        "肉牛养殖圈舍",
        "冷链仓储库",
        "光伏电站",
        "帮扶车间",
        "枸杞烘干房",
        "农产品交易市场",
    ],
    "公益性": ["村组道路", "人饮管网", "文化广场", "村卫生室", "灌溉渠道"],
    "到户类": ["到户养殖棚", "到户温棚", "到户果树"],
}


def asset_rows(rng: random.Random, households: list[list[str]]) -> list[list[str]]:
    places = sorted({(r[6], r[7]) for r in households})
    rows = []
    for n in range(1, 601):
        town, village = rng.choice(places)
        kind = rng.choice(["经营性", "经营性", "公益性", "公益性", "到户类"])
        year = rng.randint(2016, 2025)
        state = rng.choices(["在用", "闲置", "低效", "已盘活", "已处置"], [60, 7, 5, 20, 8])[0]
        scrapped = state == "已处置" and rng.random() < 0.7
        registered = handed = revitalised = written_off = ""
        if not scrapped and rng.random() < 0.93:
            registered = day(
                rng, max(dt.date(year, 3, 1), dt.date(2021, 1, 1)), dt.date(2025, 10, 20)
            ).isoformat()
            if rng.random() < 0.95:
                handed = day(
                    rng, dt.date.fromisoformat(registered), dt.date(2025, 10, 30)
                ).isoformat()
        if state == "已盘活":
            revitalised = day(rng, dt.date(2025, 1, 1), dt.date(2025, 9, 30)).isoformat()
        if scrapped and rng.random() < 0.8:
            written_off = day(rng, dt.date(2025, 6, 1), dt.date(2025, 11, 10)).isoformat()
        rows.append(
            [
                f"ZC-{n:05d}",
                rng.choice(PROJECTS[kind]),
                COUNTY,
                town,
                village,
                kind,
                f"{rng.randint(2, 400) * 5000:.2f}",
                str(year),
                state,
                f"{village}股份经济合作社" if kind != "公益性" else f"{town}人民政府",
                registered,
                handed,
                revitalised,
                "是" if scrapped else "否",
                written_off,
            ]
        )
    return rows


FUND_HEADER = [
    "县(市、区)",
    "资金类型",
    "统计截止时间",
    "下达资金",
    "累计支出",
    "产业发展支出",
    "项目质保金",
]


def fund_rows() -> list[list[str]]:
    rows = []
    plans = {"中央衔接资金": (312_000_000, [0.12, 0.21, 0.30, 0.38, 0.47, 0.54, 0.58, 0.66, 0.73, 0.81, 0.88]),
             "自治区衔接资金": (86_000_000, [0.10, 0.18, 0.25, 0.33, 0.41, 0.50, 0.61, 0.70, 0.78, 0.86, 0.92])}  # fmt: skip
    for fund, (allocated, shares) in plans.items():
        for month, share in enumerate(shares, start=1):
            end = dt.date(2025, month + 1, 1) - dt.timedelta(days=1)
            spent = round(allocated * share)
            industry = round(spent * (0.63 if fund == "中央衔接资金" else 0.55))
            rows.append(
                [
                    COUNTY,
                    fund,
                    end.isoformat(),
                    str(allocated),
                    str(spent),
                    str(industry),
                    "4200000",
                ]
            )
    return rows


PROBLEM_HEADER = ["问题编号", "问题来源", "问题表现", "整改措施", "整改责任单位", "整改时限", "整改状态", "县(市、区)",
                  "乡(镇)", "发现时间", "验收时间", "销号时间"]  # fmt: skip


def problem_rows() -> list[list[str]]:
    return [
        ["WT-01", "中央考核评估反馈", "部分监测对象识别认定超过15天", "逐户复核;压实乡村两级责任", "同心县农业农村局", "2025-09-10", "已销号", COUNTY, "", "2025-06-18", "2025-09-05", "2025-09-08"],
        ["WT-02", "审计监督", "部分扶贫项目资产未确权登记", "补办确权手续;建立资产台账", "同心县财政局", "2025-09-30", "已验收", COUNTY, "", "2025-06-20", "2025-10-09", ""],
        ["WT-03", "巡视巡查", "监测对象帮扶措施落实不及时", "建立月度比对机制", "同心县乡村振兴服务中心", "2025-08-31", "整改中", COUNTY, "豫海镇", "2025-06-20", "", ""],
        ["WT-04", "日常督导检查", "饮水工程管护不到位", "落实管护人员和经费", "同心县水务局", "2025-12-31", "整改中", COUNTY, "韦州镇", "2025-07-15", "", ""],
        ["WT-05", "自查自纠", "风险消除程序不规范", "开展风险消除回头看", "同心县农业农村局", "2025-10-31", "已销号", COUNTY, "", "2025-07-01", "2025-10-20", "2025-10-25"],
    ]  # fmt: skip


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    households = household_rows(rng)
    break_some(households)
    write(HERE / "households.csv", HOUSEHOLD_HEADER, households)
    write(HERE / "assets.csv", ASSET_HEADER, asset_rows(rng, households))
    write(HERE / "funds.csv", FUND_HEADER, fund_rows())
    write(HERE / "problems.csv", PROBLEM_HEADER, problem_rows())
    print(f"wrote {len(households)} households, 600 assets, fund and problem ledgers to {HERE}")


if __name__ == "__main__":
    main()
