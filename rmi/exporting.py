"""The declaration an export writes, built from the questionnaire's answers.

Where an answer says what the last imported workbook of the same template said, that
workbook's own values stay (its wording, its comments, the columns the questionnaire does not
ask); where the answer differs, or there was no import, the answer is written. What the
questionnaire never asks (contacts, the authorizer, EMRT Q2 and Q4...) comes only from an
earlier import.
"""

from __future__ import annotations

import questionnaires as qn
from rmi import layouts
from rmi.layouts import EMRT, NOT_IDENTIFIED, NOT_LISTED, Layout
from rmi.mapping import (
    COMPANY_FIELDS,
    COMPANY_QUESTIONS,
    IDENTIFIED_BACK,
    MINERALS,
    MINERALS_QUESTION,
    MINES_QUESTION,
    RATE_QUESTION,
    RATES,
    SMELTERS_QUESTION,
    SURVEY_QUESTION,
    TEMPLATE_MINERALS,
    cahra_question,
    identified_question,
    mine_row,
    smelter_row,
    to_answers,
)
from rmi.model import Declaration, Reading
from rmi.values import mineral_order

BACK = {"yes": "Yes", "no": "No", "unknown": "Unknown"}
SURVEY_BACK = {"yes": layouts.SURVEY_OPTIONS[0], "no": "No"}


def rate_category(rate: object, survey: object) -> str | None:
    """Return the response-rate option for a percentage (and whether there was a survey)."""
    if survey == "no":
        return "Did not survey"
    if not isinstance(rate, int | float) or isinstance(rate, bool):
        return None
    for category, lowest in RATES.items():  # from the highest band down
        if rate >= lowest and category != "None":
            return category
    return "None" if rate == 0 else "50% or less"


def from_answers(
    answers: dict[str, object],
    definition: qn.Questionnaire,
    layout: Layout,
    base: Declaration | None = None,
) -> Declaration:
    """Return the declaration of *answers* for *layout*'s template (see the module text)."""
    if base is not None and base.kind == layout.kind:
        declaration = Declaration.from_dict(base.to_dict())
        before = to_answers(Reading(base), layout, definition).mapped
        before_values = {qid: item.value for qid, item in before.items()}
    else:
        declaration = Declaration(layout.kind, layout.version)
        before_values = {}
    declaration.version = layout.version
    _Filler(declaration, answers, before_values, definition, layout).fill()
    return declaration


class _Filler:
    def __init__(self, declaration, answers, before, definition, layout: Layout) -> None:
        self.declaration = declaration
        self.answers = answers
        self.before = before
        self.definition = definition
        self.layout = layout
        self.values = [MINERALS[name] for name in TEMPLATE_MINERALS[layout.kind]]

    def changed(self, question_id: str) -> bool:
        """Whether the answer says something else than the earlier workbook did."""
        return self.answers.get(question_id) != self.before.get(question_id)

    def fill(self) -> None:
        for key, question_id in COMPANY_FIELDS.items():
            if self.changed(question_id):
                _set(self.declaration.company, key, self.answers.get(question_id))
        self.minerals()
        if self.layout.kind == EMRT:
            for key, (question_id, _values) in COMPANY_QUESTIONS.items():
                if self.changed(question_id):
                    back = SURVEY_BACK if key == "E" else BACK
                    answer = self.answers.get(question_id)
                    _set(self.declaration.company_questions, key, back.get(answer))
        self.declaration.smelters = self.rows(
            SMELTERS_QUESTION, self.declaration.smelters, smelter_row, _smelter_back
        )
        self.declaration.mines = self.rows(
            MINES_QUESTION, self.declaration.mines, mine_row, _mine_back
        )

    def minerals(self) -> None:
        declaration = self.declaration
        handled = set(self.answers.get(MINERALS_QUESTION) or [])
        for name in TEMPLATE_MINERALS[self.layout.kind]:
            value = MINERALS[name]
            entry = declaration.mineral(name)
            said_yes = entry is not None and entry["answers"].get("q1") == "Yes"
            if value in handled and not said_yes:
                if entry is None:
                    entry = {"name": name, "answers": {}, "comments": {}}
                    declaration.minerals.append(entry)
                entry["answers"]["q1"] = "Yes"
            elif value not in handled and said_yes:
                entry["answers"] = {"q1": "No"}
            if entry is None or entry["answers"].get("q1") != "Yes":
                continue
            self.mineral_answers(entry, value)
        order = mineral_order([m["name"] for m in declaration.minerals])
        declaration.minerals.sort(key=lambda m: order.index(m["name"]))

    def mineral_answers(self, entry: dict, value: str) -> None:
        answers = entry["answers"]
        if self.layout.kind == EMRT:
            cahra = cahra_question(value)
            if self.changed(cahra):
                _set(answers, "q3", BACK.get(self.answers.get(cahra)))
            identified = identified_question(value)
            if self.changed(identified):
                answer = self.answers.get(identified)
                pair = (
                    ("Unknown", "Unknown") if answer == "unknown" else IDENTIFIED_BACK.get(answer)
                )
                _set(answers, "q6", pair[0] if pair else None)
                _set(answers, "q7", pair[1] if pair else None)
        if self.changed(RATE_QUESTION) or self.changed(SURVEY_QUESTION):
            category = rate_category(
                self.answers.get(RATE_QUESTION), self.answers.get(SURVEY_QUESTION)
            )
            _set(answers, layouts.RESPONSE_RATE_QUESTION[self.layout.kind], category)

    def rows(self, question_id: str, base_rows: list[dict], forward, back) -> list[dict]:
        """Return the list rows: earlier rows that still match an answer row, then the rest."""
        question = self.definition.find(question_id)
        wanted = [
            row for row in self.answers.get(question_id) or [] if row.get("mineral") in self.values
        ]
        result = []
        for row in base_rows:
            metal = row.get("metal", "")
            if (
                metal not in TEMPLATE_MINERALS[self.layout.kind]
                or row.get("lookup_name") == NOT_IDENTIFIED
                or question is None
            ):
                result.append(row)  # no question takes it: kept as it was
                continue
            try:
                mapped = (qn.coerce_answer(question, [forward(row, MINERALS[metal])]) or [None])[0]
            except qn.AnswerError:
                result.append(row)
                continue
            if mapped in wanted:
                wanted.remove(mapped)
                result.append(row)
        result.extend(back(row) for row in wanted)
        return result


def _set(target: dict, key: str, value: object) -> None:
    if value is None or value == "":
        target.pop(key, None)
    else:
        target[key] = value


def _name(mineral: str) -> str:
    return next(name for name, value in MINERALS.items() if value == mineral)


def _smelter_back(row: dict) -> dict:
    listed = bool(row.get("rmi_id")) and row.get("assurance") != "not_listed"
    built = {
        "metal": _name(row["mineral"]),
        "lookup_name": row.get("name") if listed else NOT_LISTED,
        "name": None if listed else row.get("name"),
        "country": row.get("country"),
        "cid": row.get("rmi_id") if listed else None,
        "recycled_100": BACK.get(row.get("recycled_only", "")),
    }
    return {key: value for key, value in built.items() if value}


def _mine_back(row: dict) -> dict:
    built = {
        "metal": _name(row["mineral"]),
        "site_name": row.get("name"),
        "country": row.get("country"),
        "mine_id": row.get("mine_id"),
        "smelter_names": row.get("smelter"),
    }
    return {key: value for key, value in built.items() if value}
