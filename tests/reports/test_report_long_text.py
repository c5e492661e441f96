"""Long answers are laid out in rows of bounded size, so layout grows with the text only."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from demo.report import sample_report_data
from reports import DueDiligenceReport
from reports.data import Answer, AnswerSection, Site
from reports.sections import CELL_CHARS, clip, pieces
from tests.reports.pdf_inspect import page_texts, squash


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=3000))
def test_pieces_are_bounded_and_keep_every_character(text):
    found = pieces(text)
    assert all(len(piece) <= CELL_CHARS for piece in found)
    assert "".join(found) == text.replace("\n", "")
    assert len(found) >= text.count("\n") + 1


def test_pieces_break_after_a_space_when_there_is_one():
    words = " ".join(["cobalt"] * 200)
    found = pieces(words)
    assert all(piece.endswith(" ") for piece in found[:-1])
    assert pieces("工" * (2 * CELL_CHARS + 1)) == ["工" * CELL_CHARS] * 2 + ["工"]


def test_clip_marks_what_it_cut():
    assert clip("short") == "short"
    assert clip("x" * 1000) == "x" * (CELL_CHARS - 1) + "…"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_four_rows_of_five_thousand_characters_render_whole(lang):
    """The attack that took 33 s: four table rows of 5,000-character site names."""
    names = [f"{n}-" + "工場" * 2500 for n in range(4)]
    data = sample_report_data(n_findings=3)
    sites = "\n".join(f"{name} · Congo · Extraction" for name in names)
    section = AnswerSection(
        {"en": "Sites", "ja": "事業所"},
        [Answer("org_sites", {"en": "List your sites", "ja": "事業所"}, sites)],
    )
    supplier = dataclasses.replace(data.supplier, sites=[Site(name, "CD") for name in names])
    data = dataclasses.replace(data, supplier=supplier, sections=[section])
    text = squash("".join(page_texts(DueDiligenceReport().render(data, lang))))
    # The names run over several pages, between page headers: every character is there.
    for n in range(4):
        assert f"{n}-工場工場" in text
    assert min(text.count("工"), text.count("場")) >= 2 * 2500 * len(names)
