"""Personal data that slipped through the masks: rare characters in names, owners that are
households, name cells with a note, illness words, and files named after a person."""

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from xiaojie import _privacy
from xiaojie._privacy import mask_health, mask_remark, names_scope, remember_names, scrub
from xiaojie.cli import main
from xiaojie.errors import XiaojieError
from xiaojie.ledgers import check_columnar, read_assets, read_households, read_ledger


pytest.importorskip("duckdb")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17: str) -> str:
    """Return a valid identity number with these first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


HEADER = [
    "户编号", "户主姓名", "证件号码", "联系电话", "县(市、区)", "乡(镇)", "行政村", "户类型",
    "监测对象类别", "风险类型", "风险线索来源", "风险线索发现时间", "识别时间", "绿色通道",
    "帮扶措施1", "帮扶措施1开始时间", "风险消除时间", "风险消除方式", "人均纯收入", "家庭人口数",
    "整户无劳动能力",
]  # fmt: skip
COLUMN = {name: k for k, name in enumerate(HEADER)}
ID = id_number("64032419780312041")


def household(name: str, *, kind: str = "一般农户", risk: str = "因病") -> list[str]:
    """One household row: a monitored household headed by ``name``."""
    return [
        "6403240101", name, ID, "13895012345", "同心县", "豫海镇", "红星村", kind, "边缘易致贫户",
        risk, "干部排查", "2025-06-01", "2025-06-16", "否", "健康帮扶", "2025-06-18", "", "",
        "7800", "4", "否",
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def run_outputs(capsys, tmp_path: Path, files: list[Path], engine: str, as_of: str) -> str:
    """Everything check-ledger prints and writes (text, --json, --out CSV and XLSX), as text."""
    seen = []
    for fmt in ("csv", "xlsx"):
        for extra in ([], ["--json"]):
            out = tmp_path / f"out-{engine}-{len(extra)}.{fmt}"
            argv = ["check-ledger", *map(str, files), "--as-of", as_of, "--engine", engine]
            code = main([*argv, *extra, "--out", str(out)])
            printed, err = capsys.readouterr()
            assert code in {0, 1}, err
            seen += [printed, err]
            if fmt == "csv":
                seen.append(out.read_text(encoding="utf-8-sig"))
            else:
                book = openpyxl.load_workbook(out)
                seen += [
                    str(cell.value)
                    for sheet in book.worksheets
                    for row in sheet.iter_rows()
                    for cell in row
                    if cell.value is not None
                ]
    return "\n".join(seen)


ENGINES = ["objects", "duckdb"]


# -- 4. names with a character outside U+3400-U+9FFF ------------------------------------------

RARE_NAMES = [
    "𠈌秀英",  # U+2020C, CJK Extension B
    "秀英𠈌",
    "马\U00031350英",  # Extension H
    "丁\U0002f800英",  # a supplementary compatibility ideograph
    "丁\uf900英",  # a compatibility ideograph (豈)
]


@pytest.mark.parametrize("name", RARE_NAMES)
def test_rare_character_name_is_learnt(name):
    """A name holding a rare Han character is registered and masked wherever it appears."""
    with names_scope():
        remember_names([name])
        shown = scrub(f"户类型: 实为'{name}'")

    assert name not in shown
    assert shown == f"户类型: 实为'{name[0]}**'"


def test_rare_character_padded_name_is_learnt():
    """A padded two-character name with a rare character is masked in any padding."""
    with names_scope():
        remember_names(["𠈌　英"])
        shown = scrub("𠈌英、𠈌 英")

    assert "英" not in shown


def test_remark_names_with_a_rare_character_are_masked():
    """A name a cue word gives away is masked though a character of it is rare."""
    shown = mask_remark("户主马𠈌英已签字")

    assert "𠈌" not in shown
    assert shown.startswith("户主马*")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_rare_character_name_is_not_quoted_by_either_engine(capsys, tmp_path, engine, encoding):
    """The name typed into a wrong column is quoted masked, on both engines, in every output."""
    name = "𠈌秀英"
    path = write_csv(tmp_path / "rare.csv", [HEADER, household(name, kind=name)], encoding=encoding)
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-08-01")

    assert "实为" in seen  # the cell is quoted, so the test can fail
    assert name not in seen
    assert "𠈌**" in seen


# -- 5. owners of assets and problems ---------------------------------------------------------

ASSET_HEADER = [
    "资产编号", "项目名称", "县(市、区)", "乡(镇)", "行政村", "资产类别", "资产原值", "形成年度",
    "资产状态", "管护责任单位", "确权登记时间", "资产移交时间", "盘活时间", "报废报损", "核销时间",
]  # fmt: skip


def asset(key: str, owner: str, cls: str = "到户类", state: str = "在用") -> list[str]:
    return [
        key, "到户养殖肉牛", "同心县", "豫海镇", "红星村", cls, "12000", "2021", state, owner,
        "", "", "", "否", "",
    ]  # fmt: skip


ASSETS = [
    ASSET_HEADER,
    asset("ZC-0101", "马丽娟"),
    asset("ZC-0102", "农户杨建国(13995123456)"),
    asset("ZC-0103", "田玉兰户"),
    asset("ZC-0104", "兴隆合作社", cls="经营性"),
    asset("ZC-0105", "红星村村委会", cls="公益性"),
    asset("ZC-0106", "县民政局", cls="公益性"),
]
PROBLEM_HEADER = [
    "问题编号", "问题来源", "问题表现", "整改措施", "整改责任单位", "整改时限", "整改状态",
    "县(市、区)", "发现时间", "验收时间", "销号时间",
]  # fmt: skip
PROBLEMS = [
    PROBLEM_HEADER,
    [
        "WT-01", "巡视巡查", "丁秀英户患尿毒症未纳入监测", "联系丁秀英(15109534567)核实",
        "红星村包村干部海占山", "2025-06-30", "整改中", "同心县", "2025-06-01", "", "",
    ],
    [
        "WT-02", "审计监督", "监测识别不及时", "逐户排查", "同心县农业农村局", "2025-06-30",
        "整改中", "同心县", "2025-06-01", "", "",
    ],
]  # fmt: skip


@pytest.mark.parametrize(
    ("owner", "names"),
    [
        ("马丽娟", ("马丽娟",)),
        ("田玉兰户", ("田玉兰",)),
        ("农户杨建国(13995123456)", ("杨建国",)),
        ("户主：马福贵", ("马福贵",)),
        ("村民冶学军", ("冶学军",)),
        ("红星村包村干部海占山", ("海占山",)),
        ("马丽娟、杨建国", ("马丽娟", "杨建国")),
        ("𠈌秀英户", ("𠈌秀英",)),
    ],
)
def test_owner_names_finds_people(owner, names):
    """An owner naming a person (a household's head, a cadre) gives the person's name."""
    assert _privacy.owner_names(owner) == names


@pytest.mark.parametrize(
    "owner",
    [
        "县民政局", "红星村村委会", "兴隆合作社", "同心县农业农村局", "豫海镇人民政府", "某局",
        "宁夏某某农业发展有限公司", "县就业服务中心", "村集体", "农户自管", "单亲户", "包村干部",
        "干部职工", "红星村", "村民小组", "",
    ],
)  # fmt: skip
def test_owner_names_leaves_bodies_and_words(owner):
    """A body, a place or a word gives no name: nothing of it is masked."""
    assert _privacy.owner_names(owner) == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_asset_ledger_alone_masks_household_owners(capsys, tmp_path, engine):
    """Checked alone, an asset ledger shows no household head's name in any output."""
    path = write_csv(tmp_path / "assets.csv", ASSETS)
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-10-15")

    assert "兴隆合作社" in seen  # owners are written, so the test can fail
    for name in ("马丽娟", "杨建国", "田玉兰", "13995123456"):
        assert name not in seen, name
    assert "马**" in seen
    assert "田**户" in seen
    for unit in ("红星村村委会", "县民政局"):
        assert unit in seen, unit


def test_asset_repr_masks_a_household_owner(tmp_path):
    """The repr of an asset kept by a household does not show its head's name."""
    path = write_csv(tmp_path / "assets.csv", ASSETS)
    with names_scope():
        shown = "".join(map(repr, read_assets(path).rows))

    assert "马丽娟" not in shown
    assert "田玉兰" not in shown
    assert "responsible_unit='马**'" in shown
    assert "responsible_unit='兴隆合作社'" in shown
    assert "responsible_unit='县民政局'" in shown


@pytest.mark.parametrize("engine", ENGINES)
def test_problem_ledger_alone_masks_a_named_owner(capsys, tmp_path, engine):
    """A problem's owner naming a cadre is masked in every output; a unit is shown."""
    path = write_csv(tmp_path / "problems.csv", PROBLEMS)
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-08-01")

    assert "红星村包村干部海**" in seen
    assert "海占山" not in seen
    assert "同心县农业农村局" in seen


def test_problem_repr_masks_description_and_owner(tmp_path):
    """A problem's repr masks the household its description names and a cadre as owner."""
    path = write_csv(tmp_path / "problems.csv", PROBLEMS)
    with names_scope():
        shown = "".join(map(repr, read_ledger(path, "problems").rows))

    assert "丁秀英" not in shown
    assert "海占山" not in shown
    assert "尿毒症" not in shown
    assert "description='丁**户患***未纳入监测'" in shown
    assert "unit='红星村包村干部海**'" in shown
    assert "description='监测识别不及时'" in shown
    assert "unit='同心县农业农村局'" in shown


# -- 6. name cells with a note or several names -----------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("杨建国(已故)", ["杨建国"]),
        ("杨建国（户主）", ["杨建国"]),
        ("杨建国、马秀兰", ["杨建国", "马秀兰"]),
        ("杨建国，马秀兰", ["杨建国", "马秀兰"]),
        ("杨建国/马秀兰", ["杨建国", "马秀兰"]),
        ("杨建国 马秀兰", ["杨建国", "马秀兰"]),
        ("杨建国；马秀兰（已迁出）", ["杨建国", "马秀兰"]),
        ("阿依古丽·买买提", ["阿依古丽·买买提", "阿依古丽", "买买提"]),
    ],
)
def test_each_name_of_a_cell_is_learnt(cell, names):
    """Each name of a cell with a note or several names is masked wherever it appears alone."""
    with names_scope():
        remember_names([cell])
        shown = scrub("、".join(names))

    for name in names:
        assert name not in shown, name
        assert f"{name[0]}{'*' * (len(name) - 1)}" in shown


def test_notes_and_relations_are_not_learnt():
    """The note in a name cell, and words such as 户主, are never taken for names."""
    with names_scope() as registry:
        remember_names(["杨建国（户主）", "同上", "户主(暂无)"])
        shown = scrub("户主已故,同上")

    assert list(registry) == ["杨建国"]
    assert shown == "户主已故,同上"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("cell", ["杨建国(已故)", "杨建国（户主）", "杨建国、马秀兰"])
def test_name_with_a_note_is_masked_by_either_engine(capsys, tmp_path, engine, cell):
    """The bare name typed into another column is quoted masked on both engines."""
    path = write_csv(tmp_path / "note.csv", [HEADER, household(cell, kind="杨建国")])
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-08-01")

    assert "实为" in seen
    assert "杨建国" not in seen
    assert "杨**" in seen


@pytest.mark.parametrize("engine", ENGINES)
def test_parts_of_a_dotted_name_are_masked_by_either_engine(capsys, tmp_path, engine):
    """A part of a name with a middle dot typed alone elsewhere is masked on both engines."""
    path = write_csv(tmp_path / "dot.csv", [HEADER, household("阿依古丽·买买提", kind="阿依古丽")])
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-08-01")

    assert "实为" in seen
    assert "阿依古丽" not in seen
    assert "买买提" not in seen


# -- 16. illness words ------------------------------------------------------------------------

ILLNESSES = [
    "植物人", "渐冻症", "渐冻人", "乳腺癌", "宫颈癌", "肺癌", "胃癌", "肝癌", "子宫癌", "卵巢癌",
    "前列腺癌", "甲状腺癌", "淋巴癌", "血癌", "脑梗", "脑梗死", "脑梗塞", "脑血栓", "心梗",
    "心肌梗死", "心肌梗塞", "尿毒症", "白血病", "慢阻肺", "股骨头坏死", "重症肌无力",
    "类风湿性关节炎", "系统性红斑狼疮",
]  # fmt: skip


@pytest.mark.parametrize("word", ILLNESSES)
def test_illness_words_are_masked_whole(word):
    """Every character of an illness word is masked: no part of it tells the condition."""
    shown = mask_health(f"因病({word})")

    assert shown == f"因病({'*' * len(word)})"


@pytest.mark.parametrize(
    "text", ["产业帮扶", "野生植物人工驯化", "乳腺健康知识宣传", "脑力劳动", "到户养殖肉牛"]
)
def test_ordinary_words_are_not_masked_as_illness(text):
    """Words near the illness words stay readable."""
    assert mask_health(text) == text


def test_illness_words_are_masked_in_a_ledger_report(tmp_path):
    """An illness typed into 风险类型 is quoted with the whole word masked."""
    rows = [HEADER]
    for k, word in enumerate(("植物人", "渐冻症", "乳腺癌", "脑梗塞")):
        row = household("马丽娟", risk=f"因病({word})")
        row[0] = f"640324010{k}"
        rows.append(row)
    path = write_csv(tmp_path / "illness.csv", rows)
    report = read_households(path).report
    shown = " ".join(str(issue) for issue in report.issues)

    assert len(report.issues) == 4
    for word in ("植物人", "渐冻症", "乳腺", "梗塞", "脑梗"):
        assert word not in shown, word


# -- 17. files named after a person -----------------------------------------------------------

PERSON_FILE = f"马丽娟{ID}.bad.xlsx"


def test_unreadable_file_named_after_a_person_hides_the_name(tmp_path):
    """An unreadable file named after a person is named in the error with the name masked."""
    path = tmp_path / PERSON_FILE
    path.write_bytes(b"not a workbook")
    with pytest.raises(XiaojieError) as caught:
        read_households(path)
    shown = str(caught.value)

    assert "马丽娟" not in shown
    assert ID not in shown
    assert shown.startswith("马**6403**********")
    assert ".bad.xlsx" in shown


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_error_for_a_file_named_after_a_person(capsys, tmp_path, engine):
    """The command line's error for that file does not show the name either."""
    path = tmp_path / PERSON_FILE
    path.write_bytes(b"not a workbook")
    code = main(["check-ledger", str(path), "--as-of", "2025-08-01", "--engine", engine])
    printed, err = capsys.readouterr()

    assert code == 1
    assert "马**" in err
    assert "马丽娟" not in printed + err


@pytest.mark.parametrize(
    "name", ["01红星村.xlsx", "台账.xlsx", "同心县2025年监测台账.xlsx", "王团镇台账.xlsx"]
)
def test_unreadable_ordinary_file_keeps_its_name(tmp_path, name):
    """A file named after a place or a word is named whole in the error."""
    path = tmp_path / name
    path.write_bytes(b"not a workbook")
    with pytest.raises(XiaojieError) as caught:
        read_households(path)

    assert str(caught.value).startswith(f"{name}: ")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("杨建国.xlsx: bad", "杨**.xlsx: bad"),
        ("error: 杨建国户台账.csv: bad", "error: 杨**户台账.csv: bad"),
        ("'欧阳娜娜.csv'", "'欧***.csv'"),
        ("01红星村.xlsx: bad", "01红星村.xlsx: bad"),
        ("台账.xlsx: bad", "台账.xlsx: bad"),
        ("同心县2025年监测台账.xlsx", "同心县2025年监测台账.xlsx"),
        ("马家塬村.csv", "马家塬村.csv"),
        ("金融台账.xlsx", "金融台账.xlsx"),
        ("任务清单-自治区财政厅.docx", "任务清单-自治区财政厅.docx"),
        ("杨建国说的话", "杨建国说的话"),  # not a file's name
    ],
)
def test_scrub_masks_a_name_beginning_a_file_name(text, shown):
    """Only a name at the start of a file's name is masked; places and words stay."""
    assert scrub(text) == shown


def test_units_and_vocabulary_stay_readable():
    """Units and the ledgers' vocabulary are never masked by the remark and owner heuristics."""
    for text in ("县民政局", "红星村村委会", "兴隆合作社", "脱贫户和监测户均已走访", "到户类"):
        assert mask_remark(text) == text
        assert scrub(text) == text


# -- the columnar engine learns what the object reader learns ----------------------------------

ODD_CELLS = [
    "杨建国(已故)", "(已故)马秀兰", "杨建国、马秀兰", "杨建国\u2002海占山", "阿依古丽·买买提",
    "帕提古丽・吐尔逊", "𠈌秀英", "马　丽（户主）", "户主(暂无)", "同上", "13800000000", "a马丽",
]  # fmt: skip
OWNER_CELLS = [
    "马丽娟", "田玉兰户", "农户杨建国(13995123456)", "红星村包村干部海占山", "县民政局",
    "兴隆合作社", "红星村村委会", "村集体",
]  # fmt: skip


@pytest.mark.parametrize(
    ("ledger", "field", "cells"),
    [("households", "head_name", ODD_CELLS), ("assets", "responsible_unit", OWNER_CELLS)],
)
def test_the_columnar_engine_learns_what_the_objects_learn(ledger, field, cells):
    """DuckDB's scan of a name or owner column registers the names the object reader does."""
    duckdb = pytest.importorskip("duckdb")
    from xiaojie.ledgers._learn import learn_names
    from xiaojie.ledgers._schema import schema_for

    con = duckdb.connect()
    con.execute("CREATE TABLE cells AS SELECT unnest(?::VARCHAR[]) AS c", [cells])
    with names_scope() as columnar:
        learn_names(con, "cells", schema_for(ledger), {field: "c"})
    with names_scope() as objects:
        for cell in cells:
            remember_names(_privacy.owner_names(cell) if ledger == "assets" else [cell])

    assert list(columnar) == list(objects)
    assert len(list(objects)) >= 4  # names were learnt, so the test can fail


# Py4J (the Spark run) leaves its sockets to the garbage collector; that is PySpark's business.
@pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_every_engine_learns_owners_and_names_with_notes(request, tmp_path, engine):
    """The columnar engines learn a household owner and each name of a noted cell, as the object
    reader does (Spark learnt neither)."""
    spark = request.getfixturevalue("spark") if engine == "spark" else None
    path = write_csv(tmp_path / "assets.csv", ASSETS)
    if engine == "spark":  # Spark reads Parquet or a table
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        columns = {name: [row[i] for row in ASSETS[1:]] for i, name in enumerate(ASSETS[0])}
        path = tmp_path / "assets.parquet"
        pq.write_table(pa.table(columns), path)
    with names_scope():
        check_columnar(
            path,
            ledger="assets",
            as_of=dt.date(2025, 10, 15),
            engine=engine,
            spark=spark,
            validate=True,
        )
        shown = scrub("马丽娟 田玉兰 兴隆合作社")
    assert "马丽娟" not in shown
    assert "田玉兰" not in shown
    assert "兴隆合作社" in shown


@pytest.mark.parametrize(
    ("owner", "names"),
    [
        ("脱贫户马丽娟", ("马丽娟",)),
        ("受益户杨建国", ("杨建国",)),
        ("监测户杨建国", ("杨建国",)),
        ("海占山管护", ("海占山",)),
        ("马丽娟负责", ("马丽娟",)),
        ("马丽娟夫妇", ("马丽娟",)),
        ("马秀兰等3户", ("马秀兰",)),
        ("杨建国家", ("杨建国",)),
        # guards: places shaped as names
        ("张家湾", ()),
        ("何家堡", ()),
        ("冯家塬", ()),
        ("马家滩", ()),
    ],
)
def test_owner_names_of_more_forms(owner, names):
    """Cues and endings that left the name whole (马秀兰等 and 杨建国家 were learnt), and places that
    were taken for names."""
    assert _privacy.owner_names(owner) == names


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("01马丽娟.xlsx", "01马**.xlsx"),
        ("1-马丽娟.xlsx", "1-马**.xlsx"),
        ("张家湾.xlsx", "张家湾.xlsx"),
        ("01红星村.xlsx", "01红星村.xlsx"),
    ],
)
def test_a_numbered_file_name_masks_the_name_after_the_number(text, shown):
    assert scrub(text) == shown


@pytest.mark.parametrize("engine", ENGINES)
def test_a_name_cell_with_digits_and_a_bad_row_s_owner_are_learnt_alike(capsys, tmp_path, engine):
    """The engines disagreed: a name cell holding digits (杨建国 13995123456) was learnt by the object
    reader only, an owner of a row set aside by the columnar engine only."""
    rows = [list(row) for row in ASSETS]
    rows[1][rows[0].index("资产类别")] = "马丽娟"  # a bad row whose owner is 马丽娟
    path = write_csv(tmp_path / "assets.csv", rows)
    seen = run_outputs(capsys, tmp_path, [path], engine, "2025-10-15")
    assert "马丽娟" not in seen
    assert "马**" in seen
