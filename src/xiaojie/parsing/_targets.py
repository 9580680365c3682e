"""Numeric and relative targets in a clause: "达到97%", "80万人以上", "高于全国平均水平" ….

Comparators follow the project's time and bound rules: 以上/以下/以内/不超过/不少于/不低于/达到
include the bound, 高于/低于/超过/多于/少于 exclude it; 左右 is an approximate target; 力争 makes a
target soft; "动态清零" is a count that must be zero at every check. A target inside quotation
marks names a standard or a mechanism ("“每周1—2次”", "“危房即增即改、动态清零”工作机制") and is
not read as a target.
"""

from __future__ import annotations

import re

import attrs

from xiaojie.dates import COMPARATOR_WORDS, Comparator


__all__ = ["Finding", "Value", "find_targets", "is_measure", "split_coordinated", "zero_unit"]

_NUM = r"\d+(?:\.\d+)?"
_UNIT = (
    r"(?:个百分点|%|‰|万人次|人次|万人|万户|万元|亿元|万亩|万吨|公里|千米|个|"
    r"[人户元亩吨家所项名座处套间分倍只头台辆条])"
)
_VERBS = {
    "稳定在": Comparator.AT_LEAST,
    "保持在": Comparator.AT_LEAST,
    "提高到": Comparator.AT_LEAST,
    "提升到": Comparator.AT_LEAST,
    "提高至": Comparator.AT_LEAST,
    "提升至": Comparator.AT_LEAST,
    "增长到": Comparator.AT_LEAST,
    "增加到": Comparator.AT_LEAST,
    "至少达到": Comparator.AT_LEAST,
    "至少有": Comparator.AT_LEAST,
    "控制在": Comparator.AT_MOST,
    "下降到": Comparator.AT_MOST,
    "下降至": Comparator.AT_MOST,
    "降低到": Comparator.AT_MOST,
    "降低至": Comparator.AT_MOST,
    "降至": Comparator.AT_MOST,
    "降到": Comparator.AT_MOST,
    # the bound words written before a number, read by the one table of :mod:`xiaojie.dates`
    **{
        word: COMPARATOR_WORDS[word]
        for word in (
            "至少",
            "不少于",
            "不低于",
            "达到",
            "不高于",
            "不超过",
            "不多于",
            "高于",
            "超过",
            "多于",
            "大于",
            "低于",
            "少于",
            "小于",
        )
    },
}
_BOUNDS = {
    **{word: COMPARATOR_WORDS[word] for word in ("及以上", "以上", "以下", "以内")},
    "左右": Comparator.EQUAL,
}
_VERB_RE = "|".join(sorted(_VERBS, key=len, reverse=True))
_NUMERIC = re.compile(
    rf"(?P<lead>(?:力争|确保)?(?:全部|均|都|分别|必须|要)*)(?P<verb>{_VERB_RE})?"
    rf"(?P<v>{_NUM})(?P<u>{_UNIT})?(?P<more>(?:、{_NUM}(?:{_UNIT})?)*)"
    r"(?P<bound>及以上|以上|以下|以内|左右)?"
)
_MORE = re.compile(rf"({_NUM})({_UNIT})?")
_DIGIT = re.compile(r"\d")
_RELATIVE = {
    word: COMPARATOR_WORDS[word]
    for word in ("不低于", "不高于", "高于", "超过", "优于", "好于", "快于", "低于")
}
_BENCH = re.compile(
    r"(?P<lead>(?:力争|确保)?(?:全部|均|都)*)(?P<cmp>"
    + "|".join(sorted(_RELATIVE, key=len, reverse=True))
    + r")(?P<bench>[^\d]+)$"
)
_LEVEL_SUFFIXES = ("平均水平", "平均值", "均值", "水平", "标准", "同期", "上年", "去年")
_POPULATION = re.compile(r"(?:居民|群众|人口|农民|农户|家庭|群体|地区)$")
_POPULATION_IN_NAME = re.compile(r"(?:居民|群众|人口|农民|农户|家庭|群体)")
_ZERO = re.compile(r"(?:实现|做到)?(?:(?:即.即.|应.尽.)、)*动态清零")
_GRADE = re.compile(
    rf"(?:达到)?(?P<text>“(?P<grade>[^”]{{1,6}})”等次\((?P<measure>[^()\d]{{1,16}}?)"
    rf"(?P<v>{_NUM})(?P<u>分)(?P<bound>及以上|以上)?\))"
)
_MEASURE_HEADS = (
    "率",
    "比例",
    "占比",
    "比重",
    "增速",
    "增幅",
    "进度",
    "指数",
    "人数",
    "数量",
    "规模",
    "收入",
    "面积",
    "产量",
    "评分",
    "得分",
    "满意度",
    "覆盖面",
)
_RATE_HEADS = ("率", "比例", "占比", "比重", "增速", "增幅", "进度")
_LEAD_WORDS = (
    "确保",
    "实现",
    "做到",
    "力争",
    "推动",
    "促进",
    "保证",
    "使",
    "让",
    "要",
    "并",
    "且",
    "同时",
    "进一步",
    "努力",
    "争取",
    "其中",
)
_TRAIL_WORDS = (
    "全部",
    "均",
    "都",
    "分别",
    "必须",
    "要",
    "稳定",
    "保持",
    "持续",
    "始终",
    "力争",
    "确保",
    "应",
)
_ASPECTS = re.compile(r"(?:[\d一二两三四五六七八九十]+个方面|等[\d一二两三四五六七八九十]+项|等)$")
_EXCLUSION = re.compile(r"\(([^()]*?)除外\)")
_IDIOM = re.compile(r"应.尽.|即.即.")
_WORTH_A_LOOK = re.compile(r"\d|动态清零|" + "|".join(_RELATIVE))


@attrs.frozen
class Value:
    """One numeric value of a target, with its unit and the phrase it was written as."""

    number: float
    unit: str
    text: str


@attrs.frozen(kw_only=True)
class Finding:
    """A target statement found in a clause.

    ``start``/``end`` locate the target phrase in the passage; ``name`` is the raw name found
    before it (cleaned). ``values`` hold numeric values (several when paired: 分别达到60%、85%);
    ``benchmarks`` hold relative targets; ``zero`` marks 动态清零.
    """

    start: int
    end: int
    name: str
    comparator: Comparator
    values: tuple[Value, ...] = ()
    benchmarks: tuple[tuple[str, str], ...] = ()
    zero: bool = False
    soft: bool = False
    approximate: bool = False
    always: bool = False
    text: str = ""
    exclusions: tuple[str, ...] = ()


def is_measure(name: str) -> bool:
    """Whether ``name`` ends like a measured quantity (…率, …比例, …增速, …人数 …).

    Examples
    --------
    >>> is_measure("农村义务教育巩固率"), is_measure("水质")
    (True, False)
    """
    return name.endswith(_MEASURE_HEADS)


def _top_level_split(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    quote = False
    start = 0
    for index, ch in enumerate(text):
        if ch in "(《":
            depth += 1
        elif ch in ")》":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch == sep and depth == 0 and not quote:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def split_coordinated(name: str) -> tuple[str, ...]:
    """Split coordinated indicator names that share one target.

    Names are split at 、 only when every part is a measured quantity ("A率、B率、C率" are three
    indicators); "水质、水量和供水保证率" stays one. Leading slogans of the 应X尽X / 即X即X kind
    ("应消尽消、风险消除率") are dropped.

    Examples
    --------
    >>> split_coordinated("识别精准率、落实及时率")
    ('识别精准率', '落实及时率')
    >>> split_coordinated("应消尽消、风险消除率")
    ('风险消除率',)
    >>> split_coordinated("水质、水量、方便程度和供水保证率")
    ('水质、水量、方便程度和供水保证率',)
    """
    items = [p for p in _top_level_split(name, "、") if p]
    if len(items) >= 2 and all(is_measure(p) and "和" not in p for p in items):
        return tuple(items)
    while len(items) > 1 and _IDIOM.fullmatch(items[0]):
        items = items[1:]
    return ("、".join(items),) if items else ()


def zero_unit(name: str) -> str:
    """Return the unit a zero target counts in: 户 for households, 人 for people, else 个.

    Examples
    --------
    >>> zero_unit("搬迁家庭“零就业”"), zero_unit("适龄儿童失学辍学"), zero_unit("农村供水问题")
    ('户', '人', '个')
    """
    if re.search(r"户|家庭|危房|农房|住房", name):
        return "户"
    if re.search(r"人|儿童|学生|少年|失学|辍学|群众|劳动力|居民", name):
        return "人"
    return "个"


def clean_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """Return the indicator name in ``raw`` without leading verbs and trailing adverbs.

    Examples
    --------
    >>> clean_name("确保“雨露计划”毕业生毕业去向落实率")
    ('“雨露计划”毕业生毕业去向落实率', ())
    >>> clean_name("资金预算(项目质保金除外)执行率必须")
    ('资金预算执行率', ('项目质保金',))
    """
    exclusions = tuple(m.group(1) for m in _EXCLUSION.finditer(raw))
    name = _EXCLUSION.sub("", raw).strip("、,;: ")
    changed = True
    while changed and name:
        changed = False
        for word in _LEAD_WORDS:
            if name.startswith(word) and len(name) > len(word):
                name = name[len(word) :].lstrip("、,")
                changed = True
        for word in _TRAIL_WORDS:
            if name.endswith(word) and len(name) > len(word):
                name = name[: -len(word)]
                changed = True
        trimmed = _ASPECTS.sub("", name)
        if trimmed != name and trimmed:
            name = trimmed
            changed = True
    return name.strip("、,;: "), exclusions


def _inside(position: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= position < end for start, end in spans)


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _benchmarks(bench: str) -> list[str]:
    bench = bench.strip()
    parts = [p for p in re.split(r"和|、|及|与", bench) if p]
    if len(parts) < 2:
        return [bench]
    suffix = next((s for s in _LEVEL_SUFFIXES if parts[-1].endswith(s)), "")
    if not suffix:
        return [bench]
    return [p if p.endswith(suffix) else p + suffix for p in parts]


def _acceptable_benchmark(bench: str, name: str) -> bool:
    if len(bench) > 30:
        return False
    if bench.endswith(_LEVEL_SUFFIXES):
        return True
    return _POPULATION.search(bench) is not None and is_measure(name)


def _measure_part(name: str) -> str:
    last = None
    for match in _POPULATION_IN_NAME.finditer(name):
        last = match
    if last is None or last.end() >= len(name):
        return ""
    return name[last.end() :]


def find_targets(
    text: str,
    start: int,
    end: int,
    *,
    quoted: tuple[tuple[int, int], ...],
    blocked: tuple[tuple[int, int], ...],
) -> list[Finding]:
    """Return the target statements in the clause ``text[start:end]``.

    ``blocked`` spans (time phrases) are neither targets nor part of names.

    Examples
    --------
    >>> text = "农村义务教育巩固率达到97%"
    >>> [(f.name, f.values[0].number, str(f.comparator)) for f in find_targets(text, 0, len(text), quoted=(), blocked=())]
    [('农村义务教育巩固率', 97, '>=')]
    """
    clause = text[start:end]
    if _WORTH_A_LOOK.search(clause) is None:
        return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in (*taken, *blocked)) and not _inside(a, quoted)

    def name_before(position: int) -> tuple[str, tuple[str, ...]]:
        left = max([start, *(y for _, y in taken if y <= position)])
        raw = text[left:position]
        for x, y in sorted(blocked, reverse=True):
            if left <= x and y <= position:
                raw = raw[: x - left] + raw[y - left :]
        return clean_name(raw)

    soft_word = clause.find("力争")

    for match in _GRADE.finditer(clause):
        a, b = start + match.start(), start + match.end()
        if not free(a, b):
            continue
        base, exclusions = name_before(a)
        taken.append((a, b))
        comparator = _BOUNDS.get(match.group("bound") or "", Comparator.AT_LEAST)
        findings.append(
            Finding(
                start=a,
                end=b,
                name=base + match.group("measure"),
                comparator=comparator,
                values=(Value(_number(match.group("v")), "分", match.group("text")),),
                soft=0 <= soft_word < match.start(),
                text=match.group("text"),
                exclusions=exclusions,
            )
        )

    for match in _ZERO.finditer(clause):
        a, b = start + match.start(), start + match.end()
        if not free(a, b):
            continue
        name, exclusions = name_before(a)
        taken.append((a, b))
        findings.append(
            Finding(
                start=a,
                end=b,
                name=name,
                comparator=Comparator.AT_MOST,
                values=(Value(0, zero_unit(name), match.group()),),
                zero=True,
                always=True,
                soft=0 <= soft_word < match.start(),
                text=match.group(),
                exclusions=exclusions,
            )
        )

    if _DIGIT.search(clause) is not None:
        for match in _NUMERIC.finditer(clause):
            verb = match.group("verb")
            bound = match.group("bound")
            if not verb and not bound:
                continue
            v_start = start + match.start("v")
            a = start + match.start()
            b = start + match.end()
            before = text[v_start - 1] if v_start > 0 else ""
            after = text[b] if b < len(text) else ""
            unit = match.group("u") or ""
            if before == "第" or (before.isascii() and before.isalnum()) or before == ".":
                continue
            if unit == "个" and after in "月小":
                continue
            if not free(a, b):
                continue
            name, exclusions = name_before(a)
            comparator = _BOUNDS[bound] if bound else _VERBS[verb]
            values = [Value(_number(match.group("v")), unit, "")]
            values.extend(
                Value(_number(more.group(1)), more.group(2) or unit, "")
                for more in _MORE.finditer(match.group("more") or "")
            )
            if len(values) == 1:
                phrase = match.group()
                values = [Value(values[0].number, unit, phrase)]
            else:
                tail = bound or ""
                values = [
                    Value(v.number, v.unit or unit, f"{_fmt(v.number)}{v.unit or unit}{tail}")
                    for v in values
                ]
            trailing = clause[match.end() :]
            phrase = match.group()
            if trailing and len(trailing) <= 8 and "、" not in trailing and verb == "至少有":
                phrase += trailing
                values = [Value(values[0].number, values[0].unit, phrase), *values[1:]]
            taken.append((a, b))
            findings.append(
                Finding(
                    start=a,
                    end=b,
                    name=name,
                    comparator=comparator,
                    values=tuple(values),
                    soft=0 <= soft_word < match.start("v"),
                    approximate=bound == "左右",
                    always="稳定" in phrase or "保持" in phrase,
                    text=phrase,
                    exclusions=exclusions,
                )
            )

    relative = _BENCH.search(clause)
    if relative is not None:
        match = relative
        a, b = start + match.start(), start + match.end()
        name, exclusions = name_before(a)
        bench = match.group("bench").strip()
        if free(a, b) and name and _acceptable_benchmark(bench, name):
            parts = _benchmarks(bench)
            if not bench.endswith(_LEVEL_SUFFIXES):
                measure = _measure_part(name)
                parts = [p + measure for p in parts]
                texts = [match.group()]
            elif len(parts) == 1:
                texts = [match.group()]
            else:
                texts = [match.group("cmp") + p for p in parts]
            taken.append((a, b))
            findings.append(
                Finding(
                    start=a,
                    end=b,
                    name=name,
                    comparator=_RELATIVE[match.group("cmp")],
                    benchmarks=tuple(zip(parts, texts, strict=True)),
                    soft=0 <= soft_word < match.start(),
                    text=match.group(),
                    exclusions=exclusions,
                )
            )
    findings.sort(key=lambda f: f.start)
    return findings


def _fmt(number: float) -> str:
    return f"{number:g}"
