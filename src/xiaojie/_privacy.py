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
- a **bank card number** whose last digit is its Luhn check digit: grouped in fours by single
  spaces or hyphens (``6228 4800 4012 3456 788``), or 16 to 19 digits after a word naming a
  card or an account (``银行卡号：6228480040123456788``), or written in scientific notation (an
  XLSX numeric cell): ``6228***********6788``, every digit but the first four and last four.
  16 to 19 digits standing alone are shown: a household's or an asset's number of that length
  passes the Luhn test one time in ten, and a finding must say which household it is (a
  ledger cell quoted in a problem hides any run of 16 digits or more);
- a **name** that was registered with :func:`remember_names` (the ledger readers register the
  members they read): ``张**``; a name registered padded (马　丽) also in any padding of one to
  three spaces, ideographic spaces or no-break spaces between its characters (马 　丽). A name
  cell with a note or several names registers each name (杨建国(已故), 杨建国、马秀兰), and a
  name with a middle dot its parts too (阿依古丽·买买提: 阿依古丽, 买买提); a name may hold any
  Han character, a rare one (生僻字 such as 𠈌, CJK Extensions B-H) too. An owner that names a
  person (an asset kept by a household: 马丽娟, 田玉兰户, 农户杨建国) gives the name to register
  (:func:`owner_names`); a body (县民政局, 兴隆合作社) gives none;
- a **name beginning a file's name** (马丽娟640324….xlsx), though no ledger made it known:
  ``马**…``; a file named after a place or a word (01红星村.xlsx, 台账.xlsx) is shown whole.

Health conditions are personal data too, but only where they describe a person: a plan's own
text lists diseases (儿童白血病、先天性心脏病) and must be shown as written, so :func:`scrub` leaves
them. What xiaojie echoes of a ledger's cells (a bad value quoted in an error) passes
:func:`mask_health` as well, which masks the words of illness and disability every character.
A remark a person typed (a progress record's note, a returned 调度 sheet's 说明) passes
:func:`mask_remark` when it is read: illness words, and names that a word beside them gives
away (户主马秀兰, 李四患…), though no ledger made them known.

This module imports nothing of xiaojie, so that :mod:`xiaojie.errors` can use it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import operator
import re
import threading
from typing import TYPE_CHECKING, TypeVar


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence


__all__ = [
    "PersonalNames",
    "current_names",
    "forget_names",
    "luhn_valid",
    "mask_health",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_quoted",
    "mask_remark",
    "masked_repr",
    "names_scope",
    "owner_names",
    "remember_names",
    "remember_places",
    "scrub",
    "scrub_all",
    "scrub_cell",
    "scrub_layout",
    "scrub_texts",
    "scrubbed_repr",
    "shown_text",
    "valid_check_char",
]

_T = TypeVar("_T")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

#: Full-width digits and letters become ASCII one character for one, so positions stay.
_HALF = str.maketrans(
    "０１２３４５６７８９ＸｘＥｅ＋－．",
    "0123456789XxEe+-.",
)
_WIDE = re.compile("[０-９ＸｘＥｅ＋－．]")
_SEP = r"[ \-_./·\u3000\u00a0]"
_ID_PLAIN = re.compile(
    r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"
    r"|(?<![0-9.])[0-9]{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9]|[eE][+-]?[0-9]|\.[0-9])"
)
_ID_GROUPED = re.compile(rf"(?<![0-9])[0-9](?:{_SEP}?[0-9]){{16}}{_SEP}?[0-9Xx](?![0-9])")
_ID_FLOAT = re.compile(r"(?<![0-9])[0-9]\.[0-9]{6,}[eE]\+?1[4-8](?![0-9])")
"""An identity number (15-18 digits) or a bank card (16-19) read as a floating-point number."""
_CARD = re.compile(
    r"(?<![0-9])[0-9]{4}(?:[ \-\u3000\u00a0][0-9]{4}){3}(?:[ \-\u3000\u00a0][0-9]{1,3})?(?![0-9])"
    r"|(?P<named>(?:银行卡号?|卡号|[账帐](?:号|户)|开户账号|存折号?|一卡通(?:卡号|账号)?"
    r"|(?i:card|account)(?: ?(?i:number|no\.?))?)[为是]?(?:[:：] ?| )?)"
    r"(?P<digits>[0-9]{16,19})(?![0-9])"
)
"""A bank card (Luhn tested): in fours parted by a space or hyphen, as cards are written; or
16-19 digits together right after a word naming a card or an account (银行卡号:, 账号 …).
Digits alone are no card: a household's or an asset's number of as many digits passes the
Luhn test one time in ten, and a finding must show which household it is."""
_DIGITS = re.compile(rf"[0-9](?:(?:{_SEP}|[eE]\+?)?[0-9]){{8}}")
"""Nine digits or more, single separators between: every number masked below has them."""
_PHONE = re.compile(
    r"(?<![0-9.])(?:\+?86[ \-]?)?1[3-9][0-9]"
    r"(?:[0-9]{8}|[ \-][0-9]{4}[ \-][0-9]{4}|[ \-][0-9]{8})(?![0-9])"
)
"""A mobile: 13912345678, 139 1234 5678, 139-1234-5678 and 139 12345678 (with +86 or not)."""


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


#: The Han characters a name may hold: the unified ideographs and Extension A (U+3400-U+9FFF),
#: the compatibility ideographs (U+F900-U+FAFF), and Extensions B-H with the supplementary
#: compatibility ideographs (U+20000-U+323AF, U+2F800-U+2FA1F among them). GB 18030-2022 holds
#: them, and people's names (生僻字 such as 𠈌) do.
_HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_COMMON_HAN = "\u4e00-\u9fff"
"""The unified ideographs of the basic block: a character outside it is a rare one."""
_DOTS = "·•・‧"
"""What parts a name of several parts (阿依古丽·买买提): middle dots, as typed with any input method."""

_HEALTH = re.compile(
    r"尿毒症|白血病|淋巴瘤|"
    # a cancer with its organ, whole (乳腺癌, not 乳腺*)
    r"(?:乳腺|胰腺|前列腺|甲状腺|食管|食道|宫颈|子宫(?:内膜)?|卵巢|鼻咽|膀胱|结直肠|直肠|结肠|"
    r"口腔|淋巴|胆囊|胆管|皮肤|[肺胃肝肠乳骨脑胰肾喉舌血鼻])?癌症?|"
    r"[良恶]性肿瘤|肿瘤|精神分裂症?|精神病|精神障碍|抑郁症|"
    r"双相障碍|癫痫|艾滋病|HIV|肺结核|结核病|[甲乙丙]肝|肝炎|肝硬化|肾衰竭?|肾病|透析|偏瘫|"
    r"截瘫|瘫痪|脑瘫|脑梗(?:死|塞)?|脑血栓|脑萎缩|脑积水|脑出血|脑溢血|脑卒中|(?<!集)中风(?![险貌])|"
    r"血友病|先天性心脏病|心脏病|冠心病|心衰|心肌梗(?:死|塞)|心梗|"
    r"植物人(?!工)|植物状态|渐冻[症人]|肌萎缩侧索硬化症?|重症肌无力|股骨头坏死|"
    r"慢阻肺|慢性阻塞性肺疾?病|肺气肿|"
    r"高血压|糖尿病|尘肺病?|白内障|唇腭裂|苯丙酮尿症|地中海贫血|再生障碍性贫血|"
    r"帕金森病?|阿尔茨海默病?|痴呆|自闭症|孤独症|(?:系统性)?红斑狼疮|类风湿(?:性关节炎)?|"
    r"(?:智力|肢体|视力|听力|言语|精神|多重)?[一二三四]级(?:智力|肢体|视力|听力|言语|精神|多重)?残疾|"
    r"(?:智力|肢体|视力|听力|言语|精神|多重|重度)残疾|残疾|失明|聋哑|慢性病|重病|大病|"
    r"病危|病重|化疗|放疗|截肢|住院|手术|"
    r"(?<=(?<![隐病祸忧水外后灾防疾])患)(?!者)有?上?[\u4e00-\u9fff]{1,6}?[病症炎]"
)
"""Words of illness, disability and their treatment (the 30 大病专项救治 diseases and more)."""


def mask_health(text: str) -> str:
    """Mask words of illness and disability in ``text``, every character (for ledger cells).

    Examples
    --------
    >>> mask_health("户主患尿毒症,需长期透析"), mask_health("患有布鲁氏菌病"), mask_health("产业帮扶")
    ('户主患***,需长期**', '患******', '产业帮扶')
    """
    if not text:
        return text
    return _HEALTH.sub(lambda m: "*" * len(m.group(0)), text)


#: Verbs a person named after 负责人, 联络员, 信息员 is said to do (联络员李明核实, 负责人王芳走访):
#: a name ends before them as before a blank.
_LOOSE_NAME_VERBS = (
    "核实|核查|走访|入户|上报|填报|报送|签字|签名|督促|跟进|审核|值班|接听|确认|联系|对接|登记"
)
#: Words after 负责人, 联络员, 信息员 that begin with a surname but are words (负责人包乡, 信息员周报),
#: which begin names after other cues (户主周一航, 联系人曾多福); words that begin none are in
#: :data:`_NOT_NAMES`, which every cue's name is tested against. A day of the week is a name's
#: beginning when one character ends the name (负责人周一航, 负责人周一航已到位; not 周一到村).
_NOT_NAMES_EARLY = (
    "包乡|包干|包点|包组|包镇|包社|包段|周报|季报|查访|常抓|高效|周调度|周通报|周研判|周排查|"
    "周例会|季调度|曾多|周期|万家|常务|周会|"
    # a day of the week, unless one character ends a name before 已, 在 … or what the person does
    "周[一二三四五六日末]"
    "(?!["
    + _HAN
    + "](?<![前后起至到会来去再均又也都就才将要可已未在于是为和同每负牵带赴上下午晚早中内开"
    "不需还并即共六日联])"
    f"(?:(?![{_HAN}])|(?=[已未于在是为系每负牵和同到带赴]|{_LOOSE_NAME_VERBS}|电话)))"
)
#: Chinese surnames (the common single ones, those frequent in Ningxia's Hui villages, and the
#: compound ones). Surnames that are everyday words of a plan (和, 于, 向, 全, 国 …) are left out:
#: they would turn "脱贫户和监测户" into a name.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿兰焦俞左柳甘祝包尚舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴鲍喻祁蒲滕"
    "饶牟艾尤穆司卓吉缪简麦褚娄窦戚岑党宫卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋"
    "刁沙巫寇桑郎甄仲虞敖巩佘池查麻苑迟邝鞠惠荆冀郁胥栗燕楚鄢谌奚皮粟冼蔺闻伊仝郜"
    "海阚帅屠朴禹祖漆巴卿狄晋扈晁芮阙鹿邸雍辜裘亓邰赫逯茹慕亢嵇哈湛戎茅揭尉冶檀昝"
    "撒纳虎拜锁妥喇铁高黑安洪常成单"
)
_COMPOUND_SURNAMES = (
    "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|端木|独孤"
)
_PERSON = rf"(?:{_COMPOUND_SURNAMES}|[{_SURNAMES}])"
_CJK = _HAN
#: The last character of a unit's or a place's name (卫健局, 彭阳县, 张易镇), never a name's.
_PLACE_END = "县市区镇乡村组局办委厅部处科股站所院校队会社园场厂店员务棚"
#: Words after which a remark names a person (户主马秀兰, 联系人为李四, 其妻王某; and the
#: footer of a returned sheet: 填报人, 经办人, 审核人 …, 负责人：). Not 农户,
#: 脱贫户, 监测户, 村民: words follow them far more often than names (监测户申请, 脱贫户纳入).
_FOOTER_CUES = ("填报人", "填表人", "经办人", "审核人", "审批人", "签发人", "统计人")
"""The words of a returned sheet's footer before a person's name (填报人马秀兰, 审核人：张伟)."""
_LOOSE_CUES = ("负责人", "联络员", "信息员")
"""Footer words that more often lead words than a name (负责人常抓不懈, 信息员高效上报): a cue only
before a colon, a blank, 为 or 是 (负责人：王芳, 负责人为王芳), or a name ending where the words do
(负责人王建国, 负责人王建国，电话…; not 负责人常抓不懈)."""
#: Words before what is done that begin with a surname (负责人尚需核实, 联络员凌晨值班): no name
#: there, though they may be one before a blank (负责人夏天，电话…).
_NOT_NAMES_BEFORE_VERBS = (
    "尚需|尚待|尚须|方可|方能|何时|郑重|严密|严谨|单人|常入|常去|常到|曾入|曾到|曾去|曾电|曾上|江苏|甘肃|"
    "温州|邢台|邵阳|黑龙江|石家庄|安徽|常常|毕竟|简直|何况|何必|何以|万一|凌晨|夏天|周年|尚且|迟迟|迟早|"
    "单单|简单|许多|左右|周围|高速|方便|成立|高温|曾[两三多次先专亲积反一单主及再]|周[内初中]|迟未|"
    "包案|单日|苏州|武汉|成都|兰州|徐州|常州|包头|郑州"
)
_NAME_AFTER_LOOSE_CUE = (
    rf"{_PERSON}[{_CJK}]{{1,2}}"
    # 会 ends a body's name (村委会, 协会, 工会), and a person's too (王晓会, 马学会, 王社会:
    # not after a word that is no surname there, 向社会, 全社会, 都学会)
    rf"(?<![{_PLACE_END.replace('会', '')}])(?<![委协工事商联员]会)"
    r"(?<![向全和同于及为与对在将把让]社会)(?<![都也要已没未和并]学会)"
)
_WHOLE_NAME = (
    rf"(?!{_NOT_NAMES_EARLY})"
    rf"(?:{_NAME_AFTER_LOOSE_CUE}(?:(?![{_CJK}])|(?=[已未于在是为系每负牵和同到带赴]))"
    rf"|(?!{_NOT_NAMES_BEFORE_VERBS}){_NAME_AFTER_LOOSE_CUE}(?={_LOOSE_NAME_VERBS}))"
)
_BEFORE_NAME = (
    "户主|户员|姓名|联系人|申请人|监护人|帮扶责任人|责任人|"
    + "".join(f"{word}|" for word in _FOOTER_CUES)
    + "".join(f"{word}(?=[:：\\s]|为|是|系|叫|{_WHOLE_NAME})|" for word in _LOOSE_CUES)
    + "其(?:妻|夫|子|女|父|母)|之(?:妻|夫|子|女)|妻子|丈夫|儿子|女儿|父亲|母亲|配偶|孙子|孙女"
)
#: A verb of illness after a person (马秀兰患…, 又患, 罹患, 确诊); not 隐患, 病患, 患者 …
_ILL = r"(?<![隐病祸忧水外后灾防疾])(?:又|曾|也|还|长期|常年)?(?:身患|罹患|确诊|患(?!者|儿|病率|病人数))"
#: Words that follow a person's name in a remark wherever it stands (马秀兰患…, 张三同志,
#: 王五等3人, 李四(男), 丁秀英(139…), 丁秀英电话139…: a mobile, masked or not, is a person's).
_AFTER_NAME = (
    rf"{_ILL}|同志|等\d{{1,3}}人|等[一二两三四五六七八九十]人|[（(](?:男|女|身份证|户主|\d{{1,3}}岁)"
    r"|(?:[（(]|电话|手机)(?:号码?)?[:：]?\s*(?:\+?86[ \-]?)?1[3-9][0-9]"
    r"(?:[0-9]{8}|\*{4}[0-9]{4}|[ \-][0-9*]{4}[ \-][0-9]{4})(?![0-9])"
)
#: Words that follow a name only where the name begins the remark or a clause (…,李四户已…,
#: 王五一家, 丁秀英户(…), 丁秀英户患…): elsewhere they follow words (防范化解因病返贫, 示范户).
_AFTER_NAME_ALONE = (
    r"因(?:病|残|学|灾|意外)|家中|一家|夫妇|老人|"
    r"户(?=[,，。;；、:：\s（(]|$|已|未|的|于|在|为|是|家|属|系|患|因|仍|尚|被|无|不|没|应|存在)"
)
#: Characters no name holds: a candidate holding one is words (经检查已确诊: 查已 is none).
_NOT_IN_NAMES = "已未的了被将把从对均是在与及或并为"
#: Words that begin with a surname but name no person: a remark's everyday words after a cue
#: (户主申请, 其子毕业, 责任人严格), units and places (党员同志, 包村同志, 彭阳县, 海原), …
_NOT_NAMES = (
    "申请|申报|申领|毕业|严格|严重|严把|严肃|包抓|包联|包保|包村|包户|金额|金融|毛收入|马上|孙子|"
    "孙女|党员|党委|党支部|温棚|任务|任何|任村|任组|白天|林果|林业|林地|高度|高校|高中|高血压|"
    "张贴|方案|方式|方面|范围|程序|田间|安全|安置|安排|黄河|江河|洪水|石头|沙漠|尚未|尚在|海原|"
    "彭阳|贺兰|惠农|金凤|沙坡头|石嘴山|吴忠|韦州|张易|卫健|卫生|司法|司机|宗教|史料|汤药|卓越|"
    "甘草|祁连|叶片|钟点|谢谢|毛毛|鲁棒|陆续|曾经|曾在|曾是|曾任|夏季|康复|周末|常年|常住|成功|"
    "成为|成员|单位|单独|马铃薯|黄花菜|万元|查看|查找|查询|查出|查实|常规|常见|常态|纳入|巩固|"
    "简化|尚有|尤其|甄别|锁定|施行|高质量|惠民|高峰|高龄|高发|高危|查体|查验|查阅|成效|成果|"
    "成因|季度|陈述|任职|任期|党组|党总支|龙头|包片|包扶|包产|周边|周转|常驻|施工|施肥|乔迁|季节|"
    "季末|季初|钱款|付款|任命|牛羊|苗木|高标准|共同"
)


def _first_characters(alternatives: str) -> str:
    """Return the characters the top-level alternatives of a pattern begin with."""
    firsts, depth, start = set(), 0, True
    for char in alternatives:
        if start:
            firsts.add(char)
        start = char == "|" and depth == 0
        depth += {"(": 1, ")": -1}.get(char, 0)
    return "".join(sorted(firsts))


#: A position where a surname begins: tested first, so that the long list of words that are no
#: names is tried at those positions only (a remark is masked in ~5 µs rather than ~20).
_SURNAME_HERE = rf"(?=[{_SURNAMES}{_first_characters(_COMPOUND_SURNAMES)}])"
_CUE_HERE = rf"(?=[{_first_characters(_BEFORE_NAME)}])"
_CANDIDATE = (
    rf"{_SURNAME_HERE}(?!{_NOT_NAMES}){_PERSON}(?:(?![{_NOT_IN_NAMES}])[{_CJK}]){{1,2}}?"
    rf"(?<![{_PLACE_END}])"
)
#: Characters that end a name read after a cue word rather than belong to it.
_NAME_STOPS = frozenset("已未的于在是为因患家户等与及系了被将把从向对均现经每负牵和同到带赴共")
_JOINING = frozenset("和同")
_VERB_AFTER_NAME = re.compile(_LOOSE_NAME_VERBS)
_SURNAME_CHARACTERS = frozenset(_SURNAMES + _first_characters(_COMPOUND_SURNAMES))
#: What follows an illness said of a person: the clause ends, or a grade, a stage, a treatment
#: (马秀兰，尿毒症晚期; 马福贵 肢体残疾二级; 冶学军，脑梗后卧床). Any other word makes it a
#: programme's or a place's (王洼，大病救助; 田坪：大病排查; 杨岔，重病户): a remark kept as
#: written rather than masked for good.
_PERSON_ILLNESS_END = (
    rf"[^{_CJK}\d]|$|人(?![{_CJK}])|[一二三四]级|[早中晚]期|术后|后|治疗|卧床|多年|在身|需|"
    rf"已(?!全|纳入|开展|建)|{_HEALTH.pattern}"
)
#: An illness said of the name a clause begins with, in the next clause or bracket (马秀兰，
#: 尿毒症晚期; 马秀兰（尿毒症）; 马秀兰，二级肢体残疾) or after 系, 为, 属 (马秀兰系尿毒症患者).
#: The illness word is matched whole (an atomic group): 癌症筛查 is not 癌 followed by 症筛查.
_GRADE = "(?:[一二三四]级)?"
_ILLNESS_AFTER = (
    rf"(?:\s*+[,，:：（(]\s*+|\s++)"
    rf"(?:{_ILL}|{_GRADE}(?>{_HEALTH.pattern})(?!患者|病人)(?={_PERSON_ILLNESS_END}))"
    rf"|[系为属]{_GRADE}(?>{_HEALTH.pattern})(?=患者|{_PERSON_ILLNESS_END})"
)
_REMARK_NAMES = re.compile(
    rf"(?:{_CUE_HERE}(?:{_BEFORE_NAME})(?:为|是|系|叫)?[\s:：“”\"'（(【\[]{{0,3}}|(?<=\*[、和与及同]))"
    rf"(?!{_NOT_NAMES})(?P<after>{_PERSON}(?P<given>[{_CJK}]{{1,2}}))"
    rf"|{_CANDIDATE}(?={_AFTER_NAME})"
    rf"|(?<![{_CJK}]){_CANDIDATE}(?={_AFTER_NAME_ALONE})"
    rf"|(?<![{_CJK}])(?!{_HEALTH.pattern}){_CANDIDATE}(?={_ILLNESS_AFTER})"
)
#: What shows that a sentence of a remark speaks of a person, besides a name: a verb of
#: illness (not 患病率, 患儿: the words of a policy).
_PERSON_SIGNAL = re.compile(_ILL)
#: Something each way of finding a name, or a person's illness, needs: without it a remark
#: holds neither (most remarks: 已完成, 按计划推进, 资金已拨付到位).
_REMARK_TRIGGER = re.compile(
    rf"{_BEFORE_NAME}|患|确诊|同志|等|[（(]|电话|手机|因|家中|一家|夫妇|老人|户|\*[、和与及同]"
    # tried where a run of blanks begins, not at each of its blanks (no time growing with the
    # square of a run's length)
    rf"|(?:[,，:：（(系为属]|(?<!\s)\s)\s*+{_GRADE}(?:{_HEALTH.pattern})"
)
_SENTENCE = re.compile(r"([。;；!！?？\n])")
_CLAUSE = re.compile(r"([,，、:：])")


def _mask_remark_name(match: re.Match[str]) -> str:
    if match["after"] is None:  # the whole match is the name
        return mask_name(match.group(0))
    name, given = match["after"], match["given"]
    if len(given) == 2 and _VERB_AFTER_NAME.match(match.string, match.end("given") - 1):
        name = name[:-1]  # 联络员李明核实: 核 begins what the person does
    elif len(given) == 2 and given[1] in _NAME_STOPS:
        after = match.string[match.end() : match.end() + 1]
        # 和, 同 end names (马永和, 王大同): they join two only before the next (马成和马丽)
        if given[1] not in _JOINING or (after and after in _SURNAME_CHARACTERS):
            name = name[:-1]
    start = match.start("after") - match.start()
    return match.group(0)[:start] + mask_name(name) + match.group(0)[start + len(name) :]


def _mask_names_in(text: str) -> str:
    """Mask the names :data:`_REMARK_NAMES` finds until none is left.

    A masked name may begin a clause for the next (户主马福贵杨秀英夫妇).
    """
    for _ in range(8):
        masked = _REMARK_NAMES.sub(_mask_remark_name, text)
        if masked == text:
            break
        text = masked
    return text


def mask_remark(text: str) -> str:
    """Mask what a remark a person typed tells of people: numbers, names, and their illnesses.

    A remark (备注, 说明) is free text a unit or a village typed; it may name a person no ledger
    of the run made known, and say what they suffer from. Besides :func:`scrub`'s numbers and
    known names, this masks a name its context gives away: after words such as 户主, 联系人,
    其妻, 配偶 (also with 为, 是, 系, a colon, a quote or a bracket between), or before words such as 患, 罹患, 同志, 等3人, (女),
    and, where the name begins the remark or a clause, 因病, 一家, 户已, or an illness in the next
    clause or bracket that ends its clause or is followed by a grade, a stage or a treatment
    (马秀兰，尿毒症晚期; 马福贵 肢体残疾; not 王洼，大病救助); a surname with one or two
    characters. Words that begin with a surname but name no one (户主申请, 其子毕业,
    彭阳县因病…, 党员同志) are left, and so is a candidate ending like a unit or a place (局, 县,
    镇 …). After a word such as 户主 the name is taken as the surname and two characters unless
    the second begins the next words (已, 未, 在, 经 …): where no punctuation ends a
    two-character name, the character after it may be masked too. A name without such a word
    beside it is not found: a remark should not name people at all.

    Words of illness and disability (:func:`mask_health`) are masked from the clause that
    speaks of a person (a name was found in it, or 患 is there) to the end of its sentence: a
    sentence about policy (残疾人两项补贴已发放, 大病保险已覆盖, 住院费用已报销, 高血压患病率) is
    shown as written. Names listed after a masked one (户主马明义、马明礼) are masked too.

    Examples
    --------
    >>> mask_remark("马秀兰患尿毒症,已落实健康帮扶")
    '马**患***,已落实健康帮扶'
    >>> mask_remark("户主李四已签字,联系人为王小明")
    '户主李*已签字,联系人为王**'
    >>> mask_remark("脱贫户和监测户均已走访;户主申请纳入监测;残疾人两项补贴已发放")
    '脱贫户和监测户均已走访;户主申请纳入监测;残疾人两项补贴已发放'
    """
    if not isinstance(text, str) or not text:
        return text
    # a progress file repeats its notes (已完成, 按计划推进 …): each is masked once
    return _mask_remark_cached(text, _CURRENT.get()._version)  # noqa: SLF001 - own class


@functools.lru_cache(maxsize=1 << 16)
def _mask_remark_cached(text: str, version: int, *, everywhere: bool = False) -> str:
    """:func:`mask_remark` of ``text`` with the registry whose contents have ``version``.

    With ``everywhere``, illness words are masked in every clause (:func:`mask_quoted`).
    """
    del version  # part of the key only: the registry in force has it
    text = scrub(text)
    # Names are looked for before illness words are masked (马秀兰，尿毒症晚期 gives the name
    # away); a masked illness may then begin a list of names (癌症、王洼住院: **、王洼**).
    if not (everywhere and _HEALTH.search(text)):
        if not _REMARK_TRIGGER.search(text):  # no word a name or an illness of a person needs
            return text
        if not _PERSON_SIGNAL.search(text) and _REMARK_NAMES.search(text) is None:
            return text  # no name and no 患: nothing of a person (监测户3户已全部纳入)
    for _ in range(8):
        parts = [
            _mask_sentence(sentence, everywhere=everywhere) for sentence in _SENTENCE.split(text)
        ]
        text = "".join(masked for masked, _ in parts)
        if not any(ill for _, ill in parts):  # the names were masked to a fixed point
            break
        # a masked illness may begin a clause for a name (户主患尿毒症马福贵一家): once more
    return text


def _mask_sentence(sentence: str, *, everywhere: bool = False) -> tuple[str, bool]:
    """Mask the names in a sentence, and its illness words from the clause speaking of a person.

    Once a clause names a person or says 患, the rest of the sentence is taken to speak of
    them (户主马成，肢体残疾二级，已落实两项补贴); with ``everywhere`` every clause is. Return
    the sentence masked and whether an illness word was.
    """
    named = _mask_names_in(sentence)  # masked character for character: the clauses align
    parts: list[str] = []
    personal = ill = False
    for before, clause in zip(_CLAUSE.split(sentence), _CLAUSE.split(named), strict=True):
        personal = everywhere or personal or clause != before or bool(_PERSON_SIGNAL.search(before))
        masked = mask_health(clause) if personal else clause
        ill = ill or masked != clause
        parts.append(masked)
    return "".join(parts), ill


def mask_quoted(text: str) -> str:
    """Mask a cell quoted in a message: :func:`mask_remark`, and illness words in any case.

    A date or a number cell holding prose (马秀兰住院) is no remark about policy.

    Examples
    --------
    >>> mask_quoted("完成时间: expected a date YYYY-MM-DD, found '户主马秀兰住院'")
    "完成时间: expected a date YYYY-MM-DD, found '户主马****'"
    """
    if not isinstance(text, str) or not text:
        return text
    return _mask_remark_cached(text, _CURRENT.get()._version, everywhere=True)  # noqa: SLF001


#: The last characters of a body's name (县民政局, 红星村村委会, 兴隆合作社, 某公司, 镇政府,
#: 服务中心): an owner ending so is a body, not a person.
_BODY_END = rf"[{_PLACE_END}司府室]|中心|集体|企业|基地|两委|银行|医院|单位|支部|农场|牧场"
#: Words before a person's name in an owner's cell (农户杨建国, 户主马丽娟, 红星村包村干部海占山).
_OWNER_CUES = (
    "脱贫户|受益户|监测户|监测对象|低保户|五保户|特困户|贫困户|"
    "农户|户主|户员|村民|群众|干部|书记|主任|村长|组长|社长|队长|专干|"
    "网格员|护林员|管护员|信息员|联络员|监测员|协管员|保洁员|护路员|"
    "责任人|联系人|负责人|管护人|承包人|经营人|受益人"
)
#: Words that begin with a surname but name a kind of household or a thing, not a person
#: (单亲户, 党建, 纪要): never taken for a name where no word beside them tells it is one.
_NOT_NAMES_ALONE = (
    "单亲|单身|单人|党史|党建|党务|党群|党政|党风|党纪|党课|纪要|简报|章程|范本|范例|范文|冷链|"
    "黄牛|常用|任免|高效|周报|季报|万家"
)
_OWNER_PART = re.compile(rf"[{_HAN}{_DOTS}]+")
_OWNER_NAME = re.compile(
    rf"(?:.*?(?:{_OWNER_CUES})[为是]?)?(?P<name>[{_HAN}]{{2,4}}?)"
    r"(?:户|管护|负责|夫妇|一家|家庭|家|等)?"
)
_PLACE_NAME = re.compile(rf"[{_HAN}][家庄][湾堡塬滩沟庄坪村寨河岭洼梁峁台屯营坝川渠岔圪峪窑园]")
"""An owner shaped as a name that is a place (张家湾, 何家堡, 冯家塬): no person."""
_SURNAME_START = re.compile(rf"(?!{_NOT_NAMES}|{_NOT_NAMES_ALONE}){_PERSON}")
_ENDS_AS_BODY = re.compile(rf"(?:{_BODY_END})$")
_RARE_HAN = re.compile(rf"[^{_COMMON_HAN}]")


@functools.lru_cache(maxsize=1 << 12)
def owner_names(owner: str) -> tuple[str, ...]:
    """Return the personal names in an owner's cell (管护责任单位, 整改责任单位, 责任人).

    An asset kept by a household (到户类) is kept by its head: the cell names a person
    (马丽娟, 田玉兰户, 农户杨建国(139…)), as a problem's owner may name a cadre (红星村包村干部
    海占山). The cell is parted at everything but Han characters and middle dots (a telephone
    number, a bracket, a list's 、); a part is a person's name when it is two to four Han
    characters, after a word such as 农户, 户主, 村民, 干部 or 负责人 if any and before 户 if
    any, that do not end like a body (局, 委, 村委会, 合作社, 公司, 政府, 中心 …) and begin with
    a surname (or hold a rare character, 生僻字, as only names do); a part with a middle dot
    (阿依古丽·买买提) is a name. A body (县民政局, 红星村村委会, 兴隆合作社) and words (村集体,
    农户自管, 单亲户) give none.

    Examples
    --------
    >>> owner_names("马丽娟"), owner_names("田玉兰户"), owner_names("农户杨建国(13995123456)")
    (('马丽娟',), ('田玉兰',), ('杨建国',))
    >>> owner_names("红星村包村干部海占山"), owner_names("县民政局"), owner_names("兴隆合作社")
    (('海占山',), (), ())
    >>> owner_names("红星村村委会"), owner_names("村集体"), owner_names("单亲户")
    ((), (), ())
    """
    if not isinstance(owner, str):
        return ()
    found: list[str] = []
    for run in _OWNER_PART.findall(owner):
        if _DOT_SPLIT.search(run):
            if _NAME_SHAPE.fullmatch(run):
                found.append(run)
            continue
        match = _OWNER_NAME.fullmatch(run)
        if match is None:
            continue
        name = match["name"]
        if name in _NO_NAMES or _ENDS_AS_BODY.search(name) or _PLACE_NAME.fullmatch(name):
            continue
        # a name begins with a surname, after a word such as 农户 too: 农户自管, 干部职工 name
        # no one; a rare character is a name's
        if _SURNAME_START.match(name) or _RARE_HAN.search(name):
            found.append(name)
    return tuple(dict.fromkeys(found))


_NAME_SHAPE = re.compile(rf"[{_HAN}]{{2,10}}|[{_HAN}]+(?:[{_DOTS}][{_HAN}]+)+")
"""The shape of a personal name that :func:`remember_names` registers."""
#: What pads a name between its characters: spaces, ideographic spaces and no-break spaces.
_PADS = " \u3000\u00a0"
_PADDED_NAME = re.compile(rf"[{_HAN}](?:[ \u3000\u00a0]{{1,3}}[{_HAN}]){{1,3}}")
"""The shape of a padded name: two to four characters, one to three pads (mixed) between each."""
_PAD = re.compile(r"[ \u3000\u00a0]+")


_NO_NAMES = frozenset(
    [
        "户主",
        "户员",
        "本人",
        "配偶",
        "妻子",
        "丈夫",
        "儿子",
        "女儿",
        "父亲",
        "母亲",
        "子女",
        "孙子",
        "孙女",
        "联系人",
        "负责人",
        "监护人",
        "申请人",
        "姓名",
        "无",
        "暂无",
        "不详",
        "待定",
        "同上",
        "见上",
        "空",
        "未知",
    ]
)
"""What a name cell may hold that names nobody (a relation, 暂无, 同上): never registered as a
name, or every later 户主 of every remark would be masked and the name after it shown."""


def _name_key(name: str) -> tuple[str, bool] | None:
    """Return a name without its padding and whether it was padded (``None``: no name's shape).

    A two-character name is often padded to the width of three (马　丽, 马 丽). A padded name
    is known by its characters: 马丽, and 马丽 padded by any run of one to three spaces,
    ideographic spaces or no-break spaces (mixed: 马 　丽) between each two of its characters,
    are the name to mask, whichever padding the ledger used.

    Examples
    --------
    >>> _name_key(" 马　丽 "), _name_key("马 \u3000丽"), _name_key("马秀兰")
    (('马丽', True), ('马丽', True), ('马秀兰', False))
    >>> _name_key("同心县 预旺镇") is None, _name_key("马    丽") is None  # four pads
    (True, True)
    """
    known = name.strip()
    if known in _NO_NAMES:
        return None
    if _NAME_SHAPE.fullmatch(known):
        return known, False
    if not _PADDED_NAME.fullmatch(known) or _PAD.sub("", known) in _NO_NAMES:
        return None
    return _PAD.sub("", known), True


#: A note in brackets after (or before) a name in a name cell: 杨建国(已故), 杨建国（户主）.
_NAME_NOTE = re.compile(r"[(（【\[〔][^()（）【】\[\]〔〕]*[)）】\]〕]")
#: What parts the names of one cell (杨建国、马秀兰; 杨建国/马秀兰); blanks part them after these.
_NAME_LIST = re.compile(r"[、，,;；／/]+")
_BLANKS = re.compile(r"\s+")
_DOT_SPLIT = re.compile(f"[{_DOTS}]")


def _name_keys(cell: str) -> list[tuple[str, bool]]:
    """Return the names a name cell holds, each as :func:`_name_key` gives it.

    A cell of a name's shape is one name (a padded one too: 马　丽). Otherwise a bracketed note
    is left out (杨建国(已故), 杨建国（户主）) and the cell is parted at 、，,;／/ and then at
    blanks (杨建国、马秀兰; 杨建国 马秀兰), each part taken if it has a name's shape. A name of
    several parts (阿依古丽·买买提) is a name, and so is each of its parts of two characters or
    more (阿依古丽, 买买提): a clerk may type either alone in another column.

    Examples
    --------
    >>> _name_keys("杨建国(已故)"), _name_keys("杨建国、马　丽")
    ([('杨建国', False)], [('杨建国', False), ('马丽', True)])
    >>> _name_keys("阿依古丽·买买提")
    [('阿依古丽·买买提', False), ('阿依古丽', False), ('买买提', False)]
    >>> _name_keys("户主（暂无）"), _name_keys("同上")
    ([], [])
    """
    key = _name_key(cell)
    if key is not None:
        keys = [key]
    else:
        keys = []
        for chunk in _NAME_LIST.split(_NAME_NOTE.sub(" ", cell)):
            found = _name_key(chunk)
            if found is not None:
                keys.append(found)
            elif chunk.strip():
                keys.extend(k for k in map(_name_key, _BLANKS.split(chunk)) if k is not None)
    for known, padded in list(keys):
        if not padded and _DOT_SPLIT.search(known):
            parts = (_name_key(part) for part in _DOT_SPLIT.split(known) if len(part) >= 2)
            keys.extend(part for part in parts if part is not None and part not in keys)
    return keys


def _padded_end(text: str, start: int, names: frozenset[str]) -> int:
    """Return where the longest of the padded ``names`` at ``start`` of ``text`` ends, or 0.

    A padded name is found by its characters: each after a run of one to three pads (mixed).
    """
    run = _PADDED_NAME.match(text, start)
    if run is None:
        return 0
    found = run.group(0)
    places = [k for k, char in enumerate(found) if char not in _PADS]
    for count in range(len(places), 1, -1):
        if "".join(found[k] for k in places[:count]) in names:
            return start + places[count - 1] + 1
    return 0


_PLACE_SHAPE = re.compile(r"[^\s]{3,40}")
_VERSIONS = itertools.count(1)
"""Versions of every registry's contents, unique across registries (keys of cached results)."""


class PersonalNames:
    """The names of people a run has met, which :func:`scrub` masks wherever they appear.

    A registry belongs to one piece of work: the command line opens one per run
    (:func:`names_scope`), so names learnt from one ledger never mask unrelated output; a
    library caller that opens none shares one registry for the process (:func:`current_names`).
    The ledger readers (both engines) register each member's name and each place value
    (county, township, village) they read.

    A known place that *contains* a known name (the village 杨红村 and the person 杨红) is
    shown whole: the name is masked elsewhere, not inside the place. A place value equal to a
    name (a name typed into the village column) shields nothing.

    A name registered padded (马　丽, as a ledger pads a two-character name to the width of
    three) is masked without padding (马丽) and with any padding of one to three spaces,
    ideographic spaces or no-break spaces, mixed, between each two of its characters (马 　丽);
    a name registered unpadded is masked as written. A registry holds, and lists, names without
    their padding: ``"马 丽" in names`` is whether 马 丽 is masked whole.

    Examples
    --------
    >>> names = PersonalNames()
    >>> names.remember(["杨红", "马小花"])
    >>> names.remember_places(["杨红村"])
    >>> names.scrub("杨红村的杨红和马小花")
    '杨红村的杨*和马**'
    >>> sorted(names), len(names)
    (['杨红', '马小花'], 2)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # the names registered unpadded, the padded ones without padding, and both: the names
        # masked as written
        self._plain: set[str] = set()
        self._padded: set[str] = set()
        self._names: set[str] = set()
        self._places: set[str] = set()
        self._lengths: tuple[int, ...] = ()
        self._version = next(_VERSIONS)
        self._compiled: tuple[
            int,
            re.Pattern[str] | None,
            re.Pattern[str] | None,
            frozenset[str],
            re.Pattern[str] | None,
        ] = (-1, None, None, frozenset(), None)

    @property
    def version(self) -> int:
        """A number that changes whenever the names or places change, unique across registries.

        Results masked with the registry may be kept under it: the same version masks alike.
        """
        return self._version

    def __contains__(self, name: object) -> bool:
        key = _name_key(name) if isinstance(name, str) else None
        if key is None:
            return False
        return key[0] in (self._padded if key[1] else self._names)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def remember(self, names: Iterable[str]) -> None:
        """Register names: only what has a name's shape (see :func:`remember_names`)."""
        with self._lock:
            for name in names:
                for known, padded in _name_keys(name) if isinstance(name, str) else ():
                    registered = self._padded if padded else self._plain
                    if known in registered:
                        continue
                    registered.add(known)
                    self._names.add(known)
                    self._version = next(_VERSIONS)
                    if len(known) not in self._lengths:
                        self._lengths = tuple(sorted({*self._lengths, len(known)}, reverse=True))

    def remember_places(self, places: Iterable[str]) -> None:
        """Register place names (villages, townships, counties) whose text is shown whole."""
        with self._lock:
            for place in places:
                known = place.strip() if isinstance(place, str) else ""
                if known not in self._places and _PLACE_SHAPE.fullmatch(known):
                    self._places.add(known)
                    self._version = next(_VERSIONS)

    def forget(self, names: Iterable[str] | None = None) -> None:
        """Remove names (all names and places when ``names`` is None).

        Forgetting a name undoes registering it, and no other registration: 马　丽 (in any
        padding) forgets the padded name, so 马 丽 is no longer masked, but 马丽 stays masked
        if it was registered unpadded too; 马丽 forgets the unpadded registration, and 马丽
        stays masked while the padded 马　丽 is registered. A name is shown again only when
        every registration that masks it is forgotten: in doubt, the registry keeps masking.

        Examples
        --------
        >>> names = PersonalNames()
        >>> names.remember(["马　丽", "马丽"])
        >>> names.forget(["马 丽"])
        >>> names.scrub("马丽 马 \u3000丽"), "马丽" in names, "马　丽" in names
        ('马* 马 \u3000丽', True, False)
        """
        with self._lock:
            if names is None:
                self._plain.clear()
                self._padded.clear()
                self._places.clear()
            else:
                for name in names:
                    for known, padded in _name_keys(name) if isinstance(name, str) else ():
                        (self._padded if padded else self._plain).discard(known)
            self._names = self._plain | self._padded
            self._lengths = tuple(sorted({len(n) for n in self._names}, reverse=True))
            self._version = next(_VERSIONS)

    def _patterns(
        self,
    ) -> tuple[
        re.Pattern[str] | None, re.Pattern[str] | None, frozenset[str], re.Pattern[str] | None
    ]:
        """Where a name may start, the places that shield names, the padded names, and gaps.

        A name may start at its first character followed by its second, or by a pad when the
        name is a padded one. The gaps are two to three pads holding two spaces between two
        characters of a padded name (see :func:`scrub_layout`).
        """
        version, starts, shields, padded, gaps = self._compiled
        if version == self._version:
            return starts, shields, padded, gaps
        with self._lock:
            version = self._version
            names = frozenset(self._names)
            padded = frozenset(self._padded)
            places = frozenset(self._places)
        starts = shields = gaps = None
        if padded:
            before = re.escape("".join(sorted({c for n in padded for c in n[:-1]})))
            after = re.escape("".join(sorted({c for n in padded for c in n[1:]})))
            gaps = re.compile(f"[{before}](?:  [{_PADS}]?|[{_PADS[1:]}]  )[{after}]")
        if names:
            firsts = "".join(sorted({n[0] for n in names}))
            seconds = "".join(sorted({n[1] for n in names} | (set(_PADS) if padded else set())))
            starts = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
            lengths = sorted({len(n) for n in names})
            shielding = sorted(
                (
                    p
                    for p in places
                    if p not in names
                    and any(p[i : i + k] in names for k in lengths for i in range(len(p) - k + 1))
                ),
                key=lambda p: (-len(p), p),
            )
            if shielding:
                shields = re.compile("|".join(map(re.escape, shielding)))
        self._compiled = (version, starts, shields, padded, gaps)
        return starts, shields, padded, gaps

    def mask(self, text: str) -> str:
        """Mask the known names in ``text`` (longest first, left to right), places kept whole."""
        lengths = self._lengths
        if not lengths or len(text) < lengths[-1]:
            return text
        starts, shields, padded, _ = self._patterns()
        if starts is None:
            return text
        names = self._names
        kept = [] if shields is None else [m.span() for m in shields.finditer(text)]
        out: list[str] = []
        done = 0
        k = 0
        for match in starts.finditer(text):
            i = match.start()
            if i < done:
                continue
            while k < len(kept) and kept[k][1] <= i:
                k += 1
            if k < len(kept) and kept[k][0] <= i:
                continue
            for size in lengths:
                if text[i : i + size] in names:
                    out.append(text[done:i])
                    out.append(mask_name(text[i : i + size]))
                    done = i + size
                    break
            else:  # a padded name, if any (a name as written holds no pad)
                end = _padded_end(text, i, padded) if padded and text[i + 1] in _PADS else 0
                if end:
                    out.append(text[done:i])
                    out.append(mask_name(text[i:end]))
                    done = end
        if not out:
            return text
        out.append(text[done:])
        return "".join(out)

    def scrub(self, text: str) -> str:
        """Return ``text`` as :func:`scrub` gives it with this registry's names."""
        token = _CURRENT.set(self)
        try:
            return scrub(text)
        finally:
            _CURRENT.reset(token)


_DEFAULT = PersonalNames()
_CURRENT: contextvars.ContextVar[PersonalNames] = contextvars.ContextVar(
    "xiaojie_personal_names", default=_DEFAULT
)


def current_names() -> PersonalNames:
    """Return the registry in force: the innermost :func:`names_scope`, else the process's."""
    return _CURRENT.get()


@contextlib.contextmanager
def names_scope(names: PersonalNames | None = None) -> Iterator[PersonalNames]:
    """Use a registry of names of its own inside a ``with`` block (a fresh one by default).

    Names the readers learn inside the block are masked inside it and nowhere else; the
    command line runs each command in one.

    Examples
    --------
    >>> with names_scope() as names:
    ...     remember_names(["马小花"])
    ...     inside = scrub("户主马小花")
    >>> inside, scrub("户主马小花"), list(names)
    ('户主马**', '户主马小花', ['马小花'])
    """
    registry = PersonalNames() if names is None else names
    token = _CURRENT.set(registry)
    try:
        yield registry
    finally:
        _CURRENT.reset(token)


def remember_names(names: Iterable[str]) -> None:
    """Register people's names that :func:`scrub` masks wherever they appear.

    They go to the registry in force (:func:`current_names`). Only what has the shape of a
    personal name is registered: two to ten Chinese characters, with a middle dot between
    parts (阿依古丽·买买提); one character, digits, Latin letters or punctuation are ignored,
    because masking them everywhere would mask ordinary words and break the syntax of
    written files. A name of two to four characters padded by one to three spaces,
    ideographic spaces or no-break spaces between them (马　丽) is masked in any such padding,
    mixed too (马 　丽), and without padding (see :class:`PersonalNames`).

    A cell holding a note or several names registers each name in it: a bracketed note is left
    out (杨建国(已故)), names parted by 、，,;／/ or blanks are each registered (杨建国、马秀兰),
    and a name of several parts registers its parts of two characters or more too
    (阿依古丽·买买提: 阿依古丽, 买买提).

    Examples
    --------
    >>> remember_names(["马小花"])
    >>> scrub("户主马小花的电话")
    '户主马**的电话'
    >>> forget_names(["马小花"])
    >>> remember_names(["杨建国（已故）、马秀兰"])
    >>> scrub("杨建国 马秀兰")
    '杨** 马**'
    >>> forget_names(["杨建国（已故）、马秀兰"])
    """
    _CURRENT.get().remember(names)


def remember_places(places: Iterable[str]) -> None:
    """Register place names whose text is never masked (see :class:`PersonalNames`)."""
    _CURRENT.get().remember_places(places)


def forget_names(names: Iterable[str] | None = None) -> None:
    """Remove names from the registry in force (all names and places when ``names`` is None).

    Forgetting a name undoes registering it and no other registration (see
    :meth:`PersonalNames.forget`): ``forget_names(["马　丽"])`` forgets the padded name in
    every padding, and leaves 马丽 masked if it was registered unpadded as well.

    Examples
    --------
    >>> remember_names(["马　丽", "马丽"])
    >>> forget_names(["马　丽"])
    >>> scrub("马丽、马 丽")
    '马*、马 丽'
    >>> forget_names(["马丽"])
    """
    _CURRENT.get().forget(names)


def _mask_grouped(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = re.sub(_SEP, "", found)
    return _keep_ends(found) if valid_check_char(digits) else found


def luhn_valid(digits: str) -> bool:
    """Return whether a string of digits ends in its Luhn check digit (as bank card numbers do).

    Examples
    --------
    >>> luhn_valid("6228480040123456788"), luhn_valid("6228480040123456789")
    (True, False)
    """
    total = 0
    for k, char in enumerate(reversed(digits)):
        digit = int(char)
        if k % 2:
            digit = 2 * digit - 9 if digit > 4 else 2 * digit
        total += digit
    return total % 10 == 0


def _mask_card(match: re.Match[str]) -> str:
    found = match.group(0)
    if match["digits"] is not None:
        digits = match["digits"]
        return match["named"] + (_keep_ends(digits) if luhn_valid(digits) else digits)
    return _keep_ends(found) if luhn_valid(re.sub(_SEP, "", found)) else found


def _mask_float(match: re.Match[str]) -> str:
    mantissa, _, power = match.group(0).partition("e" if "e" in match.group(0) else "E")
    return re.sub("[0-9]", "*", mantissa) + match.group(0)[len(mantissa)] + power


def _keep_ends(found: str) -> str:
    """Mask every digit of ``found`` but its first four and last four, keeping separators."""
    places = [k for k, c in enumerate(found) if c.isdigit() or c in "Xx"]
    hide = set(places[4:-4])
    return "".join("*" if k in hide else c for k, c in enumerate(found))


#: The suffixes of the files xiaojie reads and writes, which a message may name.
_FILE_SUFFIXES = "csv|tsv|txt|xlsx|xlsm|xls|et|ods|parquet|json|docx|doc|pdf|html?|md|zip"
_FILE_SUFFIX = re.compile(rf"\.(?i:{_FILE_SUFFIXES})(?![A-Za-z0-9])")
_FILE_NAME_PERSON = re.compile(
    # where a file's name begins: the text's start, a blank, a quote, a bracket, a colon, a slash;
    # a number before the name (01马丽娟.xlsx, 1-马丽娟.xlsx) is kept
    rf"(?:^|(?<=[\s'\"“‘(（\[【<:：/\\]))(?P<pre>[0-9]{{1,4}}[-_.、 ]?)?(?P<name>"
    rf"{_SURNAME_HERE}(?!{_NOT_NAMES}|{_NOT_NAMES_ALONE}|{_NOT_NAMES_EARLY})"
    rf"{_PERSON}(?:(?![{_NOT_IN_NAMES}户])[{_CJK}]){{1,2}}?(?<![{_PLACE_END}])"
    # what follows a person's name in a file's name: a number, a dot, a blank …, 户, 台账 …
    rf"(?=[^{_CJK}]|户|家庭|台账|信息|档案|资料))"
    rf"(?=[^\s'\"“”‘’<>|/\\:：]*?\.(?i:{_FILE_SUFFIXES})(?![A-Za-z0-9]))"
)
"""A name at the start of a file's name (马丽娟640324….xlsx, 杨建国户台账.csv): a surname and one or
two characters, ending where the name of a body or a place does not, before a character that is
not Han or before 户, 台账 …; a file named after a place (01红星村.xlsx, 同心县2025年监测台账.xlsx)
or a word (台账.xlsx) does not begin so."""


def _mask_file_names(text: str) -> str:
    """Mask the personal name a file's name in ``text`` begins with (see :func:`scrub`)."""
    if "." not in text or _FILE_SUFFIX.search(text) is None:
        return text
    return _FILE_NAME_PERSON.sub(_masked_file_name, text)


def _masked_file_name(match: re.Match[str]) -> str:
    name = match.group("name")
    if _PLACE_NAME.fullmatch(name):
        return match.group(0)  # 张家湾.xlsx: a place
    return (match.group("pre") or "") + mask_name(name)


def scrub(text: str) -> str:
    """Mask anything in ``text`` that looks like an identity number, a mobile or a known name.

    A file's name that begins with a person's name (马丽娟640324199001011234.xlsx, as a
    household's own file is often named) is shown with the name masked, though no ledger made it
    known: an error about a file that cannot be read names it before any name is learnt.

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
    >>> scrub("卡号6228480040123456788"), scrub("6228 4800 4012 3456 788")
    ('卡号6228***********6788', '6228 **** **** ***6 788')
    >>> scrub("马丽娟640324199001011234.xlsx: unreadable"), scrub("01红星村.xlsx: unreadable")
    ('马**6403**********1234.xlsx: unreadable', '01红星村.xlsx: unreadable')
    """
    if not text:
        return text
    half = text.translate(_HALF) if _WIDE.search(text) else text
    if half != text:
        masked = scrub(half)
        if masked == half:
            return text
        return "".join(o if m == h else m for o, h, m in zip(text, half, masked, strict=True))
    if _DIGITS.search(text):
        text = _ID_PLAIN.sub(lambda m: mask_id_number(m.group(0)), text)
        text = _ID_GROUPED.sub(_mask_grouped, text)
        text = _ID_FLOAT.sub(_mask_float, text)
        text = _CARD.sub(_mask_card, text)
        text = _PHONE.sub(lambda m: _phone(m.group(0)), text)
    return _CURRENT.get().mask(_mask_file_names(text))


def shown_text(text: str) -> str:
    """Return ``text`` with the numbers that are personal data masked, whatever names are known.

    :func:`scrub` also masks the names the readers registered, so its result depends on what was
    read before; an id or a digest made from a text must not (a parsed unit's id is a digest of
    its name's shown text: a digest of the whole would give the hidden digits away).

    Examples
    --------
    >>> with names_scope():
    ...     remember_names(["马小花"])
    ...     shown_text("马小花 13812345678"), scrub("马小花 13812345678")
    ('马小花 138****5678', '马** 138****5678')
    """
    with names_scope():
        return scrub(text)


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


def scrub_texts(values: Sequence[str]) -> list[str]:
    """Return each of ``values`` as :func:`scrub` gives it (repeated values are masked once).

    Examples
    --------
    >>> scrub_texts(["640324199001011234", "同心县", ""])
    ['6403**********1234', '同心县', '']
    """
    version = _CURRENT.get()._version  # noqa: SLF001 - the module's own class
    return [_scrub_cached(v, version) for v in values]


def scrub_all(values: Iterable[str]) -> list[str]:
    """Return each of ``values`` as :func:`scrub` gives it, the distinct ones in one pass.

    A hundred thousand short texts (a column of findings) cost one scan of them all joined by
    line breaks instead of a call each: nothing :func:`scrub` masks spans a line break (its
    numbers allow single separators other than it; names and places hold none), and a line
    break is neither a digit, a point nor a letter its patterns look at beside a number, so
    each line is masked as it would be alone. A value holding a line break is masked alone.

    Examples
    --------
    >>> scrub_all(["640324199001011234", "同心县", "", "640324199001011234"])
    ['6403**********1234', '同心县', '', '6403**********1234']
    """
    values = list(values)
    distinct = list(dict.fromkeys(values))
    joined = [v for v in distinct if "\n" not in v]
    masked = dict(zip(joined, scrub("\n".join(joined)).split("\n"), strict=True)) if joined else {}
    masked.update((v, scrub(v)) for v in distinct if "\n" in v)
    return list(map(masked.__getitem__, values))


def scrub_layout(text: str) -> str:
    r"""Return ``text`` as :func:`scrub` gives it, faster for text laid out in lines and columns.

    The text is cut at line breaks and at every two spaces; each distinct piece is masked once
    (:func:`scrub_all`). Nothing :func:`scrub` masks holds two spaces together or begins or
    ends with one, and a space is to its patterns what the end of a text is, so the pieces
    masked apart give what the whole text gives: a report of a hundred thousand aligned rows
    repeats most of its cells.

    A padded name (马  丽) holds two spaces: a line where two to three pads holding two spaces
    stand between two characters of a known padded name is masked whole.

    Examples
    --------
    >>> scrub_layout("户  640324199001011234  同心县\n户  13812345678")
    '户  6403**********1234  同心县\n户  138****5678'
    """
    gaps = _CURRENT.get()._patterns()[3]  # noqa: SLF001 - the module's own class
    if gaps is not None and gaps.search(text) is None:
        gaps = None  # no line holds a gap of a padded name
    lines = [
        [line] if gaps is not None and gaps.search(line) else line.split("  ")
        for line in text.split("\n")
    ]
    distinct = list({piece for pieces in lines for piece in pieces})
    changed = {
        piece: masked
        for piece, masked in zip(distinct, scrub_all(distinct), strict=True)
        if masked != piece
    }
    if not changed:
        return text
    return "\n".join(
        "  ".join(pieces)
        if changed.keys().isdisjoint(pieces)
        else "  ".join([changed.get(piece, piece) for piece in pieces])
        for pieces in lines
    )


@functools.lru_cache(maxsize=1 << 16)
def _scrub_cached(text: str, version: int) -> str:
    """:func:`scrub` of ``text`` with the registry whose contents have ``version``."""
    del version  # part of the key only: the registry in force has it
    return scrub(text)


def masked_repr(cls: type[_T]) -> type[_T]:
    """Make a class's ``repr`` pass :func:`scrub` and :func:`mask_health` (a class decorator).

    Every field of a ledger record may hold what a clerk typed into the wrong column: an
    identity number in the project name, a bank card in the income, an illness in a problem's
    description. Placed above ``attrs``'s decorator, it wraps the ``repr`` attrs made.

    Examples
    --------
    >>> @masked_repr
    ... class Note:
    ...     def __repr__(self) -> str:
    ...         return "Note('电话13812345678')"
    >>> Note()
    Note('电话138****5678')
    """
    plain = cls.__repr__

    def __repr__(self: object) -> str:  # noqa: N807 - the method it stands for
        return mask_health(scrub(plain(self)))

    cls.__repr__ = __repr__  # type: ignore[method-assign]
    return cls


def scrubbed_repr(value: object) -> str:
    """Return ``repr(value)`` with personal data masked (for the ``repr`` of record fields).

    Examples
    --------
    >>> scrubbed_repr("640324199001011234")
    "'6403**********1234'"
    """
    return scrub(repr(value))
