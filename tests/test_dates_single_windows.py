"""Duties written with one character for the window: "实行月调度、季通报、年考核".

Plans list their working mechanisms this way; each is a duty every month, quarter, year or week.
The same characters also begin other words (本月调度会, 2025年考核, 全年考核), which stay what
they are. The sentences of ``REAL`` are quoted from published documents, with their addresses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, find_when
from xiaojie.parsing import parse_plan


REF = dt.date(2025, 3, 1)
F = Frequency


def _cadences(text: str) -> list[tuple[str, Frequency]]:
    return [
        (f.text, f.value.frequency)
        for f in find_when(text, reference=REF)
        if isinstance(f.value, Cadence)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "建立月调度、季通报、年考核工作机制。",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        (
            "实行“周调度、月通报、季点评”制度。",
            [("周调度", F.WEEKLY), ("月通报", F.MONTHLY), ("季点评", F.QUARTERLY)],
        ),
        ("各地要坚持月调度，及时掌握进展。", [("月调度", F.MONTHLY)]),
        ("常态化月调度、季会商", [("月调度", F.MONTHLY), ("季会商", F.QUARTERLY)]),
        ("落实周报告和月分析制度", [("周报告", F.WEEKLY), ("月分析", F.MONTHLY)]),
        ("月调度会上通报进展", [("月调度", F.MONTHLY)]),
        ("完善月调度、季通报机制", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("通过月调度、季通报等方式", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        (
            "形成周调度、月通报、季考评的工作格局",
            [("周调度", F.WEEKLY), ("月通报", F.MONTHLY), ("季考评", F.QUARTERLY)],
        ),
        ("按照月调度、季通报要求", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("新采取的周报告制度", [("周报告", F.WEEKLY)]),
        (
            "坚持月调度、季通报、年考核！",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        (
            "工作机制：\n月调度、季通报\n年考核\n",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        (
            "实行周调度 月通报　季考核",
            [("周调度", F.WEEKLY), ("月通报", F.MONTHLY), ("季考核", F.QUARTERLY)],
        ),
        (
            "一是周调度。（二）月调度。3.季点评。",
            [("周调度", F.WEEKLY), ("月调度", F.MONTHLY), ("季点评", F.QUARTERLY)],
        ),
        (
            "建立月调度、季通报、半年总结、年考核机制",
            [
                ("月调度", F.MONTHLY),
                ("季通报", F.QUARTERLY),
                ("半年总结", F.HALF_YEARLY),
                ("年考核", F.YEARLY),
            ],
        ),
        (
            "实行周例会、月调度、季观摩",
            [("周例会", F.WEEKLY), ("月调度", F.MONTHLY), ("季观摩", F.QUARTERLY)],
        ),
        (
            "实行月調度、季點評、年考核制度",
            [("月調度", F.MONTHLY), ("季點評", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        ("列入年考核", [("年考核", F.YEARLY)]),
        ("建立月考核季通报制度", [("月考核", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        (
            "实行月调度季通报年考核",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY), ("年考核", F.YEARLY)],
        ),
        ("由县指挥部月调度会研究解决", [("月调度", F.MONTHLY)]),
        ("办公室周例会", [("周例会", F.WEEKLY)]),
        ("縣指揮辦周調度會後印發議定事項", [("周調度", F.WEEKLY)]),
        ("省廳月調度會", [("月調度", F.MONTHLY)]),
        (
            "建立县农业农村局月调度、季通报机制",
            [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)],
        ),
        ("县指挥办月调度季通报会", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("纳入月调度、季通报范围", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("納入月調度、季通報範圍", [("月調度", F.MONTHLY), ("季通報", F.QUARTERLY)]),
        ("实行每月调度季通报", [("每月", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("做好月调度、季通报工作", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("县农业农村局月调度季通报会同时部署", [("月调度", F.MONTHLY), ("季通报", F.QUARTERLY)]),
        ("加强周调度", [("周调度", F.WEEKLY)]),
        (
            "周督导、半月研判、月通报、季评价",
            [("周督导", F.WEEKLY), ("月通报", F.MONTHLY), ("季评价", F.QUARTERLY)],
        ),
        (
            "每周调度月通报年考核制度",
            [("每周", F.WEEKLY), ("月通报", F.MONTHLY), ("年考核", F.YEARLY)],
        ),
    ],
)
def test_mechanisms_are_duties(text, expected):
    assert _cadences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本月调度会议",
        "3月调度情况",
        "2025年考核结果",
        "全年考核",
        "上年考核",
        "上月通报的问题",
        "年考核排名靠后的单位",
        "区域文化周调度会",
        "文化周报告会在京举行。",
        "项目推进年考核。",
        "项目推进年考核季通报",
        "县乡村振兴局月调度情况",
        "举办半年总结会。",
        "县文化局举办周报告会。",
        "东部季通报会",
        "近日，县政府办半年总结会在县行政中心召开。",
        "消费促进月通报",
        "近半年总结",
        "上半年总结",
        "对季通报的问题整改",
        "一季度通报",
        "每年考核",
        "每月调度一次",
        "月度调度",
        "按月调度",
        "周一调度",
        "下周调度会",
        "县指挥办月调度季通报。",
        "县乡村振兴局月调度、季通报情况",
        "东部月调度季通报会",
        "本月调度季通报",
        "县农业农村局月调度季通报会同财政局",
        # a list is read whole or not at all
        "县乡村振兴局月调度、季通报、年考核情况",
        "举办周调度、月通报会",
        "对月调度、季通报、年考核中发现的问题",
    ],
)
def test_other_words_are_not_these_duties(text):
    found = find_when(text, reference=REF)
    assert all(
        not (isinstance(f.value, Cadence) and len(f.text) <= 3 and f.text[0] in "月季年周")
        for f in found
    ), found
    # and what was read before is read as before: 每月, 月度, 按月 stay duties of their own kind
    if text.startswith(("每月", "月度", "按月")):
        assert [f.value.frequency for f in found if isinstance(f.value, Cadence)] == [F.MONTHLY]


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("实行旬调度、月通报。", "旬调度"),
        ("坚持半月一调度。", "半月一调度"),
        ("半月调度", "半月调度"),
    ],
)
def test_ten_days_and_half_months_are_reported(text, unread):
    result = find_when(text, reference=REF)
    assert [u.text for u in result.unread] == [unread]
    assert "is not read: the windows read are the week" in result.unread[0].reason


REAL = [
    # http://hebi.yuduxx.com/heshan/790807.html
    (
        "实行重点项目“周督导、半月研判、月通报、季评价”制度,采取台账管理、领导分包、会议调度、问题销号、督导督办、观摩评价等措施,为项目建设营造良好的营商环境。",
        [("周督导", F.WEEKLY), ("月通报", F.MONTHLY), ("季评价", F.QUARTERLY)],
        ["半月研判"],
    ),
    # https://shituxiezuo.com/44846.html
    (
        "“周调度、月通报、季推进、年考评”工作制度(征求意见稿)",
        [
            ("周调度", F.WEEKLY),
            ("月通报", F.MONTHLY),
            ("季推进", F.QUARTERLY),
            ("年考评", F.YEARLY),
        ],
        [],
    ),
    # http://luoning.gov.cn/2017/11-27/2762580.html (one meeting, the seventh, not a duty)
    (
        "11月24日,洛宁县脱贫攻坚领导小组召开第七次周调度会议,以现场调度的方式分别到涧口、东宋、小界、赵村4个乡镇6个行政村",
        [],
        [],
    ),
    # https://shituxiezuo.com/44846.html
    ("2.县指挥办周调度会后印发议定事项。", [("周调度", F.WEEKLY)], []),
    # https://shituxiezuo.com/44846.html
    ("3.各镇(街)指挥办周调度机制参照县指挥办执行。", [("周调度", F.WEEKLY)], []),
    # http://chinacrane.net/news/202202/22/223460.html
    (
        "记者2月21日从省发展改革委获悉,今年以来,我省建立“半月调度、月份督查、季度通报、年终考核”工作机制,全力推进引江济淮主体工程建设,确保主体工程2022年底具备试通水通航条件。",
        [("季度通报", F.QUARTERLY)],
        ["半月调度"],
    ),
    # https://www.shangluo.gov.cn/info/1113/46290.htm
    (
        "为进一步增强政府执行力,促进各项工作全面落实,2012年第5次市政府常务会议决定,从今年5月起对重点工作实行月考季评制度,现就有关事项通知如下:",
        [],
        [],
    ),
    # https://www.shangluo.gov.cn/info/1113/46290.htm
    (
        "每季度对重点工作任务完成情况进行点评打分、排名通报,是落实月考季评制度的关键环节。",
        [("每季度", F.QUARTERLY)],
        [],
    ),
    # https://www.jingbian.gov.cn/zfxxgk/fdzdgknr/zfwj/jzf/202503/t20250310_1976991.html
    (
        "一、将重大项目、争资争项、营商环境、招商引资、信用体系建设、生态环保、问题整改等重点工作纳入月调度机制。",
        [("月调度", F.MONTHLY)],
        [],
    ),
    # https://www.jingbian.gov.cn/zfxxgk/fdzdgknr/zfwj/jzf/202503/t20250310_1976991.html
    ("月调度会议由县长主持,各分管县级领导汇报上述工作进展情况。", [("月调度", F.MONTHLY)], []),
    # https://www.jingbian.gov.cn/zfxxgk/fdzdgknr/zfwj/jzf/202503/t20250310_1976991.html
    (
        "四、为提高工作效率,减少会议数量,双周例会和月调度会可与县政府常务会议、党组会议、县长办公会议、其他专题会议整合召开。",
        [("月调度", F.MONTHLY)],
        [],
    ),
    # http://m.shaojike.com/content.html?id=34604
    (
        "馬爾康市建立月報告、季督查、年考核“三位一體”監督評價體系,推動藏漢“雙語”差異化培訓取得實效。",
        [("月報告", F.MONTHLY), ("季督查", F.QUARTERLY), ("年考核", F.YEARLY)],
        [],
    ),
    # http://www.xpbr63a.cn/jujiao/2023/0318/16728.html
    ("株洲日報訊(全媒體記者/胡文潔) 3月17日,全市重點工作及重大項目問題周調度會召開。", [], []),
    # http://www.xpbr63a.cn/jujiao/2023/0318/16728.html
    (
        "王衛安指出,自常態化重點工作及重大項目問題周調度機制建立以來,全市項目攻堅氛圍、項目推進進展、部門聯動配合等方面情況越來越好,“項目攻堅年”活動成效正在逐漸顯現。",
        [],
        [],
    ),
    # http://m.cutehairtrends.com/document/detail/id/11023
    ("縣領導田建引召開2022年重點項目建設第4次周調度會", [], []),
    # http://fuzhou.baogaosu.com/yongyu/%E6%9C%88%E9%80%9A%E6%8A%A5%E3%80%81%E5%AD%A3%E7%82%B9%E8%AF%84%E3%80%81%E5%8D%8A%E5%B9%B4%E5%88%9D%E8%AF%84%E3%80%81%E5%B9%B4%E7%BB%88%E8%80%83%E8%AF%84/11708898/
    ("月通报、季点评、半年初评、年终考评", [("月通报", F.MONTHLY), ("季点评", F.QUARTERLY)], []),
    # http://www.xscy.net/SiteFiles/Inner/page.aspx?c=5197&n=15
    ("会上各部门汇报上月度工作总结以及下一步工作打算,通报上月考核情况。", [], []),
    # http://www.jiamaocode.com/haowen/178468.html
    ("(一)月度考核:主要分考德、考勤、考量三塊,獎金按月考核發放。", [("按月考核", F.MONTHLY)], []),
    # https://www.jingbian.gov.cn/zfxxgk/fdzdgknr/zfwj/jzf/202503/t20250310_1976991.html
    (
        "三、各分管县级领导每周调度分管领域重点事项、重点项目、重大牵引项目,听取上周重点工作完成情况,对近期重点工作进行安排部署。",
        [("每周", F.WEEKLY)],
        [],
    ),
    # https://shituxiezuo.com/44846.html
    ("(一)每周调度工作制度", [("每周", F.WEEKLY)], []),
    # http://huhehaote.baogaosu.com/yongyu/%E6%AF%8F%E6%9C%88%E8%B0%83%E5%BA%A6%E3%80%81%E6%9C%88%E6%B8%85%E6%9C%88%E7%BB%93/9822033/
    ("每月调度、月清月结", [("每月", F.MONTHLY)], []),
    # http://wjw.beijing.gov.cn/bmfw_20143/jkzs/mzyq/201912/t20191217_1251286.html
    ("本周报告7例,较上周减少7例,见图1。", [], []),
    # http://wjw.beijing.gov.cn/bmfw_20143/jkzs/mzyq/201912/t20191217_1251286.html
    ("本周报告33例,较上周下降36.54%,见图2。", [], []),
    # http://wjw.beijing.gov.cn/bmfw_20143/jkzs/mzyq/201912/t20191217_1251286.html
    ("本周报告1440例,较上周下降14.59%,见图3。", [], []),
]


@pytest.mark.parametrize(("sentence", "cadences", "unread"), REAL)
def test_real_sentences(sentence, cadences, unread):
    """Sentences of published documents: the duties they list, and words that are not duties."""
    result = find_when(sentence, reference=REF)
    assert [(f.text, f.value.frequency) for f in result if isinstance(f.value, Cadence)] == cadences
    assert [u.text for u in result.unread] == unread


WINDOWS = {"月": F.MONTHLY, "季": F.QUARTERLY, "年": F.YEARLY, "周": F.WEEKLY}
DUTIES = ["调度", "通报", "报告", "会商", "考核", "点评", "督导", "研判"]


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(WINDOWS)), st.sampled_from(DUTIES)),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.sampled_from(["实行", "坚持", "建立", ""]),
    st.sampled_from(["制度", "工作机制", "。", ""]),
)
def test_any_list_of_mechanisms(pairs, lead, tail):
    text = lead + "、".join(w + d for w, d in pairs) + tail
    assert _cadences(text) == [(w + d, WINDOWS[w]) for w, d in pairs]


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(WINDOWS)), st.sampled_from(DUTIES)),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.sampled_from(["县指挥办", "县农业农村局", "市乡村振兴局", "县委组织部", "省厅"]),
    st.sampled_from(["、", ""]),
    st.sampled_from(["会", "会议", "机制", "制度", "情况", "。"]),
)
def test_a_list_after_a_unit_is_read_only_before_a_meeting(pairs, unit, separator, tail):
    """After a unit's name, a list of week, month or quarter duties is read whole before a
    meeting or mechanism (县农业农村局月调度、季通报机制), and not at all else."""
    text = unit + separator.join(w + d for w, d in pairs) + tail
    found = _cadences(text)
    meeting = tail in {"会", "会议", "机制", "制度"}
    # a year's duty after a name is one meeting reported; a list is read whole or not at all
    expected = pairs if meeting and pairs[0][0] != "年" else []
    assert found == [(w + d, WINDOWS[w]) for w, d in expected]


@given(
    st.sampled_from(sorted(WINDOWS)),
    st.sampled_from(DUTIES),
    st.sampled_from(list("本上下当今去明全次该每第0123456789一二三")),
)
def test_a_window_after_a_word_of_time_is_not_each(window, duty, before):
    assert all(
        f.text != window + duty for f in find_when(f"{before}{window}{duty}。", reference=REF)
    )


def test_the_plan_reads_a_mechanism_alone_in_its_item():
    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）强化推进。
4.实行季推进。（牵头单位：县发展和改革局）
"""
    result = parse_plan(text, reference=REF)

    assert [o.cadence.frequency for o in result.plan.obligations] == [F.QUARTERLY]


def test_the_plan_gets_an_obligation_per_mechanism():
    text = """某县2025年巩固拓展脱贫攻坚成果工作方案

一、重点任务
（一）加强调度。
1.健全推进机制。建立月调度、季通报、年考核工作机制，及时掌握工作进展。（牵头单位：县财政局）
2.开展监测。实行旬调度。（牵头单位：县财政局）
"""
    result = parse_plan(text, reference=REF)

    assert sorted(o.cadence.frequency for o in result.plan.obligations) == sorted(
        [F.MONTHLY, F.QUARTERLY, F.YEARLY]
    )
    assert any("旬调度" in str(note) and "not read" in str(note) for note in result.report.notes)


def test_a_long_chain_of_duties_is_read_without_running_away():
    text = "建立" + "月考核季通报" * 400 + "制度"
    found = _cadences(text)  # the first few are read; the rest are too far from 建立
    assert found[:6] == [("月考核", F.MONTHLY), ("季通报", F.QUARTERLY)] * 3
    result = parse_plan(
        "一、重点任务\n（一）完善机制。" + text + "。（责任单位：县乡村振兴局）\n", reference=REF
    )
    assert len(result.plan.tasks) == 1


@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(WINDOWS)), st.sampled_from(DUTIES)),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.sampled_from(["实行", "做好", "县指挥办", "举办", "对", "本", "", "，"]),
    st.sampled_from(["、", ""]),
    st.sampled_from(["制度", "会", "情况", "中发现的问题", "。", ""]),
)
def test_a_list_is_read_whole_or_not_at_all(pairs, lead, separator, tail):
    text = lead + separator.join(w + d for w, d in pairs) + tail
    found = _cadences(text)
    assert found in ([], [(w + d, WINDOWS[w]) for w, d in pairs]), text
