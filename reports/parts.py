"""Report parts from a questionnaire, its answers and a risk result (pure: no database).

Used for stored submissions (``services.reports``) and for the sample report alike, so a
finding's references and triggering answers read the same wherever a report is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from babel.lists import format_list
from babel.numbers import format_decimal

import questionnaires as qn

from .data import (
    LANGUAGES,
    Answer,
    AnswerSection,
    Evidence,
    Finding,
    FindingReview,
    Listing,
    Reference,
    TriggeringAnswer,
)
from .labels import CODES


def _both(text: str) -> dict[str, str]:
    return {lang: text for lang in LANGUAGES}


def displayed(question: qn.Question, value: object) -> dict[str, str]:
    """Return an answer as people read it, in every report language."""
    return {lang: qn.answer_text(question, value, lang) for lang in LANGUAGES}


def answer_sections(
    definition: qn.Questionnaire,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Sequence[Evidence]],
) -> list[AnswerSection]:
    """Return the answered questions and their evidence, section by section."""
    sections = []
    for section_number, section in enumerate(definition.sections, start=1):
        rows = []
        for number, question in enumerate(section.questions, start=1):
            files = list(evidence.get(question.id, ()))
            value = answers.get(question.id)
            if value is None and not files:
                continue
            rows.append(
                Answer(
                    question.id,
                    question.text.to_dict(),
                    displayed(question, value),
                    files,
                    number=f"{section_number}.{number}",
                )
            )
        if rows:
            sections.append(AnswerSection(section.title.to_dict(), rows))
    return sections


def reference(catalogue: qn.Catalogue, code: str) -> Reference:
    """Return the reference ``code`` with its catalogue title and locator, in every language."""
    entry = catalogue.entries.get(code)
    if entry is None:
        return Reference(code=code, title=_both(code), locator="")
    return Reference(code=code, title=entry.title.to_dict(), locator=entry.locator.to_dict())


def data_editions(
    editions: Mapping[str, str], labels: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Return source -> the reference-data edition a result used, as a report names it: its
    label with the edition id recorded in the result (the id alone for results stored before
    labels were recorded)."""
    labels = labels or {}
    return {
        source: f"{labels[source]} ({edition})" if labels.get(source) else edition
        for source, edition in editions.items()
    }


def listing(item: Mapping[str, Any]) -> Listing:
    """Return a listing of a finding (``Finding.to_dict()["listings"]``) as reports show it."""
    return Listing(
        good=str(item.get("good", "")),
        country=str(item.get("country", "")),
        kinds=tuple(item.get("kinds", ())),
        edition=str(item.get("label") or item.get("edition", "")),
        derived_input_country=item.get("derived_input_country"),
        confidence=item.get("confidence"),
        indicator=item.get("indicator"),
        percentile=item.get("percentile"),
    )


def listing_line(item: Listing, lang: str, gettext: Callable[[str], str]) -> str:
    """Return a listing as one line in ``lang``: good — country — kinds of labour — edition,
    or for a WGI rank: country — indicator — percentile rank — edition.

    E.g. "Nickel — Indonesia — Forced labour — ILAB List of Goods: ... (extract) — US
    Government, as reported", "Democratic Republic of the Congo — Rule of Law — percentile
    4.7 — Worldwide Governance Indicators, ...". ``gettext`` translates the kinds
    (``CODES["labour"]``) and indicators (``CODES["wgi"]``).
    """
    if item.indicator:
        return _rank_line(item, lang, gettext)
    names = CODES["labour"]
    kinds = format_list([gettext(names[k]) if k in names else k for k in item.kinds], locale=lang)
    if item.derived_input_country:
        kinds = f"{kinds} ({qn.country_name(item.derived_input_country, lang)})"
    parts = [item.good, qn.country_name(item.country, lang) or item.country, kinds, item.edition]
    if item.confidence:
        parts.append(item.confidence)
    return " — ".join(part for part in parts if part)


def _rank_line(item: Listing, lang: str, gettext: Callable[[str], str]) -> str:
    """Return a WGI listing as one line: country — indicator — percentile rank — edition."""
    name = CODES["wgi"].get(item.indicator or "")
    rank = "" if item.percentile is None else format_decimal(item.percentile, "0.0", locale=lang)
    parts = [
        qn.country_name(item.country, lang) or item.country,
        gettext(name) if name else item.indicator or "",
        gettext("percentile %(rank)s") % {"rank": rank} if rank else "",
        item.edition,
    ]
    return " — ".join(part for part in parts if part)


def finding(
    item: Mapping[str, Any],
    definition: qn.Questionnaire,
    answers: Mapping[str, Any],
    catalogue: qn.Catalogue,
    review: FindingReview | None = None,
    rule_id: str | None = None,
) -> Finding:
    """Return finding ``item`` of a result (``RiskResult.to_dict()``) as the report shows it."""
    triggered = []
    for trigger in item.get("triggered_by", []):
        question = definition.find(trigger.get("question"))
        if question is None:
            text = _both(str(trigger.get("question")))
            triggered.append(TriggeringAnswer(text, _both(str(trigger.get("value")))))
            continue
        value = trigger.get("value", answers.get(question.id))
        triggered.append(TriggeringAnswer(question.text.to_dict(), displayed(question, value)))
    return Finding(
        rule_id=rule_id or item["rule_id"],
        severity=item["severity"],
        category=item["category"],
        title=dict(item["title"]),
        action=dict(item["action"]),
        red_flag=bool(item.get("red_flag")),
        references=[reference(catalogue, code) for code in item.get("references", [])],
        triggered_by=triggered,
        review=review,
        listings=[listing(entry) for entry in item.get("listings", [])],
    )
