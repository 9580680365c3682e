"""Damaged side files the other fuzz tests do not reach: a result or a XiaojieError, never a crash.

The entry points: a plan document read by ``parse_plan`` (text, a CSV or XLSX 分工表, DOCX),
the body catalogue, place and counterpart tables (TOML), and a roll-up CSV with a place column.
Each starts from a valid file and damages it (:mod:`fuzz_mutations`). Few examples each, so the
whole file stays within seconds; ``XIAOJIE_AUDIT_EXAMPLES`` raises the count for a long run.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_mutations import mutated_bytes, mutated_zip
from xiaojie.errors import PlaceError, PlanParseError, ProgressError


AUDIT = settings(
    max_examples=int(os.environ.get("XIAOJIE_AUDIT_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)

_TEXT = (Path(__file__).parent / "data" / "plans" / "lead-support.txt").read_bytes()
_CSV = "序号,工作任务,牵头单位,责任单位,完成时限\n1,加强组织领导,自治区农业农村厅,自治区财政厅,2025年6月底前\n2,压实工作责任,自治区财政厅,,2025年9月底前\n".encode()
_WIDE = "地区,事项,类型,完成日期,数值,基准值,备注\n同心县,local-work-ledgers,完成,2025-06-08,,,按期\n盐池县,spending-progress,测量,2025-08-31,62,,\n".encode()


def _bundled(name: str) -> bytes:
    return resources.files("xiaojie.data").joinpath(name).read_bytes()


def _xlsx() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in _CSV.decode().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in _TEXT.decode().splitlines()[:30]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parse(path: Path, data: bytes) -> None:
    from xiaojie.parsing import parse_plan

    path.write_bytes(data)
    problem = ""
    try:
        parse_plan(path, reference=dt.date(2025, 6, 18))
    except PlanParseError as err:
        problem = str(err)
    assert not problem or path.name in problem, problem


@AUDIT
@given(data=st.data(), suffix=st.sampled_from([".txt", ".csv"]))
def test_fuzzed_plan_text_and_csv(tmp_path: Path, data: st.DataObject, suffix: str) -> None:
    """A damaged plan text or CSV 分工表 parses or raises a PlanParseError naming the file."""
    raw = data.draw(mutated_bytes(_TEXT if suffix == ".txt" else _CSV))
    _parse(tmp_path / f"plan{suffix}", raw)


@AUDIT
@given(data=st.data(), suffix=st.sampled_from([".xlsx", ".docx"]))
def test_fuzzed_plan_workbook_and_document(
    tmp_path: Path, data: st.DataObject, suffix: str
) -> None:
    """A damaged 分工表 workbook or Word document parses or raises a PlanParseError naming it."""
    seed = _xlsx() if suffix == ".xlsx" else _docx()
    raw = data.draw(mutated_zip(seed) if suffix == ".xlsx" else mutated_bytes(seed))
    _parse(tmp_path / f"plan{suffix}", raw)


@AUDIT
@given(data=st.data(), which=st.sampled_from(["places", "counterparts", "catalogue"]))
def test_fuzzed_toml_side_files(tmp_path: Path, data: st.DataObject, which: str) -> None:
    """A damaged place, counterpart or body-catalogue file loads or raises a located XiaojieError."""
    from xiaojie.parsing._catalogue import load_catalogue
    from xiaojie.places import load_counterparts, load_places

    seed = {
        "places": "places-ningxia.toml",
        "counterparts": "counterparts-ningxia.toml",
        "catalogue": "bodies.toml",
    }[which]
    path = tmp_path / f"{which}.toml"
    path.write_bytes(data.draw(mutated_bytes(_bundled(seed))))
    loader = {"places": load_places, "counterparts": load_counterparts, "catalogue": load_catalogue}
    problem = ""
    try:
        loader[which](path)
    except (PlaceError, PlanParseError) as err:
        problem = str(err)
    assert not problem or str(path) in problem, problem


@AUDIT
@given(data=st.data())
def test_fuzzed_rollup_csv_with_a_place_column(tmp_path: Path, data: st.DataObject) -> None:
    """A damaged roll-up CSV with a 地区 column reads or raises a Progress or Place error naming it."""
    from xiaojie.io import load_plan
    from xiaojie.rollup import read_progress_by_place

    path = tmp_path / "progress.csv"
    path.write_bytes(data.draw(mutated_bytes(_WIDE)))
    problem = ""
    try:
        read_progress_by_place(path, plan=load_plan(None))
    except (ProgressError, PlaceError) as err:
        problem = str(err)
    assert not problem or str(path) in problem, problem
