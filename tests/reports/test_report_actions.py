"""The report's "Corrective actions" section, in English and Japanese, from prepared data."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from demo.report import sample_report_data
from reports import data as rd
from reports.labels import CODES
from reports.translation import load
from tests.reports.pdf_inspect import page_texts, squash

LONG = "根本原因の説明。" * 600  # 4,800 characters, the longest a plan's text may nearly be
PLANS = [
    rd.CorrectiveAction(
        number=12,
        title={"en": "Worker accommodation does not meet legal standards", "ja": "労働者の宿舎"},
        severity="high",
        status="verified_closed",
        request="Bring block C to the legal standard.",
        requested_on=date(2026, 9, 1),
        plan_due=date(2026, 9, 15),
        due=date(2026, 11, 30),
        verification="follow_up_audit",
        due_basis="default",
        rule_id="fl_substandard_accommodation",
        root_cause="Block C was filled beyond capacity.",
        corrective_action="A second building.",
        preventive_action="Capacity is checked before hiring.",
        responsible="Budi Santoso",
        start=date(2026, 9, 20),
        closed=date(2026, 11, 20),
        decision_reason="Seen on site.",
        evidence=[rd.Evidence("dormitory-inspection.pdf", "ab" * 32)],
        recurs=True,
    ),
    rd.CorrectiveAction(
        number=13,
        title="Which agencies recruit your migrant workers?",
        severity="critical",
        status="requested",
        request="Name the agencies.",
        requested_on=date(2026, 11, 1),
        plan_due=date(2026, 11, 8),
        due=date(2027, 1, 30),
        verification="desk_review",
        due_basis="buyer",
        overdue=True,
        root_cause=LONG,
    ),
]
TEXT = {
    "en": ["Corrective actions", "Plan due by", "Closure due by", "Set by the buyer"],
    "ja": ["是正措置", "計画の提出期限", "完了期限", "バイヤーが設定"],
}


@pytest.fixture(scope="module")
def with_plans(renderer):
    data = dataclasses.replace(sample_report_data(), corrective_actions=PLANS)
    return {lang: renderer.render(data, lang) for lang in ("en", "ja")}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_section_lists_each_plan_with_status_dates_and_verification(with_plans, rendered, lang):
    translate = load(lang).gettext
    text = squash("\n".join(page_texts(with_plans[lang])))
    for words in TEXT[lang]:
        assert squash(words) in text, words
    for code in ("verified_closed", "requested"):
        assert squash(translate(CODES["action_state"][code])) in text
    assert squash(translate(CODES["verification"]["follow_up_audit"])) in text
    overdue = translate("%(status)s (overdue)") % {
        "status": translate(CODES["action_state"]["requested"])
    }
    assert squash(overdue) in text
    assert squash(translate("The finding fires again in a later round.")) in text
    assert "dormitory-inspection.pdf" in text and "ab" * 32 in text
    assert squash(PLANS[0].title[lang]) in text
    assert "Budi" in text and "fl_substandard_accommodation" in text
    # The long root cause is there in full, across rows and pages (page headers may fall
    # between two of its lines, so its characters are counted).
    without = squash("\n".join(page_texts(rendered(lang))))
    assert text.count("説") - without.count("説") == 600


def test_the_japanese_section_writes_dates_the_japanese_way(with_plans):
    text = squash("\n".join(page_texts(with_plans["ja"])))
    assert "2026年11月20日に検証し完了" in text
    assert "要請日：2026年9月1日" in text


def test_without_plans_the_report_has_no_such_section(rendered):
    text = squash("\n".join(page_texts(rendered("en"))))
    assert "Correctiveactions" not in text
