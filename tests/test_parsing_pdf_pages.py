"""A plan printed to PDF reads as the plan: page numbers in the footer do not cut into clauses.

A PDF's text layer puts each page's footer (``— 3 —``) between the last line of one page and
the first of the next, often inside a clause that runs on; the reader drops it before joining
the lines the page wrapped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import office
from xiaojie.parsing import parse_plan
from xiaojie.parsing._readers import unwrap


if TYPE_CHECKING:
    from pathlib import Path


@given(
    page=st.integers(1, 999),
    form=st.sampled_from(["— {} —", "-{}-", "- {} -", "第{}页", "第 {} 页 共 99 页", "－{}－"]),
)
def test_a_footer_inside_a_wrapped_clause_is_dropped(page: int, form: str) -> None:
    """The two halves of a clause around a page's number join as one line without it."""
    first = "1.完善机制,加强统筹协调,细化工作措施,压实各方责任,确保各项政策落地"
    text = f"{first}\n{form.format(page)}\n见效,6月底前完成。(牵头单位:县教育局)\n2.稳就业。"
    assert unwrap(text).splitlines() == [
        f"{first}见效,6月底前完成。(牵头单位:县教育局)",
        "2.稳就业。",
    ]


def _plan_docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = footer.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    footer.add_run(" —")
    document.add_paragraph("某县人民政府办公室关于印发某县2025年巩固拓展脱贫攻坚成果工作方案的通知")
    document.add_paragraph("发文时间：2025年3月5日")
    document.add_paragraph("一、重点任务")
    units = ["县教育局", "县民政局", "县财政局", "县卫健局", "县人社局", "县乡村振兴局"]
    for number in range(1, 25):
        lead, support = units[number % 6], units[(number + 1) % 6]
        document.add_paragraph(
            f"{number}.开展第{number}项重点工作，"
            + "加强统筹协调，细化工作措施，压实各方责任，确保各项政策落地见效，" * 3
            + f"{number % 12 + 1}月底前完成。（牵头单位：{lead}；配合单位：{support}）"
        )
    document.save(path)


def test_a_plan_printed_to_pdf_reads_as_its_word_file(tmp_path: Path) -> None:
    """LibreOffice prints the Word plan to PDF (pages with numbered footers): the same tasks."""
    office.soffice()
    pytest.importorskip("pypdf")
    source = tmp_path / "plan.docx"
    _plan_docx(source)
    printed_pdf = office.convert(source, "pdf", tmp_path, tmp_path / "profile")

    def read(path: Path) -> list[tuple[str, str, list[str]]]:
        plan = parse_plan(path).plan
        return [(t.title, t.lead.name, [u.name for u in t.units]) for t in plan.tasks]

    printed, written = read(printed_pdf), read(source)
    assert len(written) == 24
    assert printed == written


@pytest.mark.parametrize("end", ["；", "：", "！", "？", "）", "。", ";"])
def test_a_line_ending_a_sentence_in_full_width_is_not_joined(end: str) -> None:
    """A page line ending with ；（full width) ends a sentence: the next line is not glued on."""
    text = "一" * 30 + end + "\n" + "二" * 30 + "。"
    assert unwrap(text).splitlines() == ["一" * 30 + end, "二" * 30 + "。"]
