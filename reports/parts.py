"""Report parts from a questionnaire, its answers and a risk result (pure: no database).

Used for stored submissions (``services.reports``) and for the sample report alike, so a
finding's references and triggering answers read the same wherever a report is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from babel.lists import format_list

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
    """Return the reference ``code`` with its catalogue title and locator."""
    entry = catalogue.entries.get(code)
    if entry is None:
        return Reference(code=code, title=_both(code), locator="")
    return Reference(code=code, title=entry.title.to_dict(), locator=entry.locator)


_ARTICLE = r"[0-9][0-9.]*(?:\([a-z0-9]+\))*(?:-\([a-z0-9]+\))?"
_ARTICLES = re.compile(rf"\bArts?\. ({_ARTICLE}(?:(?:, | and ){_ARTICLE})*)")
_ONE_ARTICLE = re.compile(r"([0-9][0-9.]*)(.*)")


def _articles_ja(match: re.Match) -> str:
    """Return "Art. 5.9(c)" as 第5.9条(c), and each of "Arts. 6, 7(e) and 9" likewise."""
    parts = re.split(r", | and ", match.group(1))
    return "、".join(_ONE_ARTICLE.sub(r"第\1条\2", part) for part in parts)


#: Japanese forms of the other parts of a pinpoint citation.
_LOCATOR_JA = (
    (re.compile(r"\bparas? ([0-9]+)-([0-9]+)"), r"第\1～\2項"),
    (re.compile(r"\bparas? ([0-9]+)"), r"第\1項"),
    (re.compile(r"\bChapter ([0-9.]+)"), r"第\1章"),
    (re.compile(r"\bAnnex ([IVX]+)"), r"附属書\1"),
    (re.compile(r"\bAnnex\b"), "附属書"),
    (re.compile(r"\bfootnotes? ([0-9]+)-([0-9]+)"), r"脚注\1～\2"),
    (re.compile(r"\bfootnotes? ([0-9]+)"), r"脚注\1"),
    (re.compile(r"\badded ([0-9]{4})"), r"\1年追加"),
    (re.compile(r" ?\(definitions: ([^)]*)\)"), r"（定義：\1）"),
    (re.compile(r" and its ([0-9]{4}) Protocol"), r"および\1年議定書"),
)


def locator_text(locator: str, lang: str) -> str:
    """Return a pinpoint citation ("Art. 5.6, footnote 6") in *lang*; quoted defined terms
    stay as the source text has them."""
    if lang != "ja":
        return locator
    locator = _ARTICLES.sub(_articles_ja, locator)
    for pattern, replacement in _LOCATOR_JA:
        locator = pattern.sub(replacement, locator)
    return locator.replace(", ", "、").replace("; ", "；")


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
    )


def listing_line(item: Listing, lang: str, gettext: Callable[[str], str]) -> str:
    """Return a listing as one line in ``lang``: good — country — kinds of labour — edition.

    E.g. "Nickel — Indonesia — Forced labour — ILAB List of Goods: ... (extract) — US
    Government, as reported". ``gettext`` translates the kinds (``CODES["labour"]``).
    """
    names = CODES["labour"]
    kinds = format_list([gettext(names[k]) if k in names else k for k in item.kinds], locale=lang)
    if item.derived_input_country:
        kinds = f"{kinds} ({qn.country_name(item.derived_input_country, lang)})"
    parts = [item.good, qn.country_name(item.country, lang) or item.country, kinds, item.edition]
    if item.confidence:
        parts.append(item.confidence)
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
