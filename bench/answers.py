"""Realistic raw answers, typed as a person would and sent as the page's script sends them."""

from __future__ import annotations

import random

import questionnaires as qn

TEXTS = (
    "Lualaba Cobalt Processing SARL",
    "  Kolwezi hydrometallurgical plant ",
    "株式会社さくら電池材料",
    "LEI 5493001EXAMPLE000042",
    "Mine de Kamoto — concentrateur",
    "Circular Metals Recycling GmbH\nWerk Hanau",
    "شركة المعادن",
    "PT Morowali Nickel Refining",
)
COUNTRIES = ("CD", "ZM", "TZ", "CN", "ID", "JP", "AU", "DE", "ZA", "cd", " jp ")


def _number(rng: random.Random, low, high) -> str:
    low = 0 if low is None else low
    high = 10_000 if high is None else min(high, 10_000)
    value = rng.randint(int(low), int(high))
    return f"{value:,}" if value >= 1000 and rng.random() < 0.5 else str(value)


def _scalar(rng: random.Random, item: qn.Question | qn.Column) -> object:
    kind = item.type
    if kind in (qn.QuestionType.YES_NO, qn.QuestionType.SINGLE):
        return rng.choice(item.option_values)
    if kind is qn.QuestionType.NUMBER:
        return _number(rng, item.min, item.max)
    if kind is qn.QuestionType.PERCENTAGE:
        return f"{rng.randint(0, 100)}" + ("%" if rng.random() < 0.3 else "")
    if kind is qn.QuestionType.COUNTRY:
        return rng.choice(COUNTRIES)
    text = rng.choice(TEXTS)
    limit = getattr(item, "max_length", None)
    return text[:limit] if limit else text


def raw_answer(rng: random.Random, question: qn.Question) -> object:
    """Return a raw, valid answer to *question* in the shape the page's script sends."""
    kind = question.type
    if kind is qn.QuestionType.MULTIPLE:
        values = question.option_values
        return rng.sample(values, rng.randint(1, len(values)))
    if kind is qn.QuestionType.COUNTRIES:
        return rng.sample(COUNTRIES[:10], rng.randint(1, 4))
    if kind is qn.QuestionType.DATE:
        return f"20{rng.randint(20, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind is qn.QuestionType.TABLE:
        rows = []
        for _ in range(rng.randint(1, 4)):
            rows.append({c.id: str(_scalar(rng, c)) for c in question.columns})
        return rows
    return _scalar(rng, question)


def editable_questions(definition: qn.Questionnaire, sections: tuple[str, ...]) -> list:
    """Return the questions of *sections* that take typed answers (not documents only)."""
    return [
        q
        for q in definition.questions
        if q.section_id in sections and q.type is not qn.QuestionType.EVIDENCE
    ]
