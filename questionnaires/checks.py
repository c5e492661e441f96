"""Find every problem in a questionnaire definition: shape (JSON Schema) and meaning."""

from __future__ import annotations

import datetime
from collections.abc import Set
from typing import Any

from jsonschema import Draft202012Validator

from questionnaires.conditions import Leaf, parse_condition
from questionnaires.countries import is_country
from questionnaires.model import CHOICE_TYPES, NUMERIC_TYPES, YES_NO_VALUES, QuestionType
from questionnaires.schema import DEFINITION_SCHEMA

#: A problem: where it is (``"question fl_debt"``, ``"section org"`` or ``""``) and what.
Problem = tuple[str, str]

_EQUALITY = frozenset({"equals", "not_equals", "answered"})
_ORDER = frozenset({"gt", "gte", "lt", "lte"})
_MEMBERSHIP = frozenset({"in", "not_in"})
#: Operators a condition may apply to each question type.
ALLOWED_OPERATORS: dict[str, frozenset[str]] = {
    QuestionType.YES_NO: _EQUALITY | _MEMBERSHIP,
    QuestionType.SINGLE: _EQUALITY | _MEMBERSHIP,
    QuestionType.COUNTRY: _EQUALITY | _MEMBERSHIP,
    QuestionType.MULTIPLE: frozenset({"contains", "contains_any", "answered"}),
    QuestionType.COUNTRIES: frozenset({"contains", "contains_any", "answered"}),
    QuestionType.NUMBER: _EQUALITY | _MEMBERSHIP | _ORDER,
    QuestionType.PERCENTAGE: _EQUALITY | _MEMBERSHIP | _ORDER,
    QuestionType.DATE: _EQUALITY | _ORDER,
    QuestionType.TEXT: _EQUALITY,
    QuestionType.TABLE: frozenset({"answered"}),
    QuestionType.EVIDENCE: frozenset(),
}
_VALIDATOR = Draft202012Validator(DEFINITION_SCHEMA)


def _kind(item: dict[str, Any]) -> str | None:
    kind = item.get("type")
    return kind if isinstance(kind, str) else None


def _path_text(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locate(data: Any, path: list[Any]) -> tuple[str, list[Any]]:
    if len(path) < 2 or path[0] != "sections" or not isinstance(path[1], int):
        return "", path
    section = data["sections"][path[1]]
    section_id = section.get("id") if isinstance(section, dict) else None
    if len(path) < 4 or path[2] != "questions" or not isinstance(path[3], int):
        return f"section {section_id or '#' + str(path[1] + 1)}", path[2:]
    question = section["questions"][path[3]]
    question_id = question.get("id") if isinstance(question, dict) else None
    if not isinstance(question_id, str):
        question_id = f"#{path[3] + 1} of section {section_id}"
    return f"question {question_id}", path[4:]


def schema_problems(data: Any) -> list[Problem]:
    """Return the places where ``data`` does not match the definition schema."""
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.path))):
        location, rest = _locate(data, list(error.absolute_path))
        where = _path_text(rest)
        problems.append((location, f"{where}: {error.message}" if where else error.message))
    return problems


def answer_values(question: dict[str, Any]) -> tuple[Any, ...]:
    """Return the option values a raw choice question accepts."""
    if _kind(question) == QuestionType.YES_NO:
        return tuple(question.get("choices") or YES_NO_VALUES)
    options = question.get("options")
    if not isinstance(options, list):
        return ()
    return tuple(option.get("value") for option in options if isinstance(option, dict))


def _value_problem(value: object, target: dict[str, Any], ref: str) -> str | None:
    kind = _kind(target)
    if isinstance(value, bool):
        return f"value {value!r} for '{ref}' must be a string (quote yes/no in YAML)"
    if kind in CHOICE_TYPES and value not in answer_values(target):
        return f"value {value!r} is not an option of '{ref}'"
    if kind in {QuestionType.COUNTRY, QuestionType.COUNTRIES} and not is_country(value):
        return f"value {value!r} for '{ref}' is not an ISO 3166-1 alpha-2 code"
    if kind in NUMERIC_TYPES and not isinstance(value, int | float):
        return f"value {value!r} for '{ref}' must be a number"
    if kind == QuestionType.DATE:
        try:
            datetime.date.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return f"value {value!r} for '{ref}' must be a quoted date YYYY-MM-DD"
    if kind == QuestionType.TEXT and not isinstance(value, str):
        return f"value {value!r} for '{ref}' must be a string"
    return None


def _leaf_problems(leaf: Leaf, target: dict[str, Any]) -> list[str]:
    kind = _kind(target)
    if leaf.op not in ALLOWED_OPERATORS.get(kind or "", frozenset()):
        return [f"show_if: operator '{leaf.op}' cannot be used on {kind} '{leaf.question}'"]
    if leaf.op == "answered":
        return []
    values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
    found = (_value_problem(value, target, leaf.question) for value in values)
    return [f"show_if: {problem}" for problem in found if problem]


def _condition_problems(
    raw: Any, question_id: str, earlier: dict[str, dict[str, Any]], all_ids: Set[str]
) -> list[str]:
    try:
        condition = parse_condition(raw)
    except ValueError as exc:
        return [f"show_if: {exc}"]
    problems: list[str] = []
    for leaf in condition.leaves():
        ref = leaf.question
        if ref == question_id:
            problems.append("show_if refers to the question itself")
        elif ref in earlier:
            problems.extend(_leaf_problems(leaf, earlier[ref]))
        elif ref in all_ids:
            problems.append(f"show_if refers to question '{ref}', which comes later")
        else:
            problems.append(f"show_if refers to unknown question '{ref}'")
    return problems


def _option_problems(options: Any, what: str) -> list[str]:
    if not isinstance(options, list):
        return []
    values = [option.get("value") for option in options if isinstance(option, dict)]
    duplicates = sorted({str(v) for v in values if values.count(v) > 1})
    problems = [f"{what}duplicate option value '{value}'" for value in duplicates]
    if len(options) < 2:
        problems.append(f"{what}needs at least two options")
    return problems


def _column_problems(columns: Any) -> list[str]:
    if not isinstance(columns, list):
        return []
    problems: list[str] = []
    ids = [column.get("id") for column in columns if isinstance(column, dict)]
    duplicates = sorted({str(i) for i in ids if ids.count(i) > 1})
    problems += [f"duplicate column id '{i}'" for i in duplicates]
    for column in columns:
        if not isinstance(column, dict):
            continue
        where, kind = f"column {column.get('id')}: ", _kind(column)
        if kind == QuestionType.SINGLE:
            if "options" not in column:
                problems.append(f"{where}single column needs options")
            problems += _option_problems(column.get("options"), where)
        elif "options" in column:
            problems.append(f"{where}options are only allowed on single columns")
        if "choices" in column and kind != QuestionType.YES_NO:
            problems.append(f"{where}choices are only allowed on yes_no columns")
        if ("min" in column or "max" in column) and kind not in NUMERIC_TYPES:
            problems.append(f"{where}min and max are only allowed on number and percentage columns")
    return problems


def _type_problems(question: dict[str, Any]) -> list[str]:
    kind = _kind(question)
    problems: list[str] = []
    if kind in {QuestionType.SINGLE, QuestionType.MULTIPLE}:
        if "options" not in question:
            problems.append(f"{kind} question needs options")
        problems += _option_problems(question.get("options"), "")
    elif "options" in question:
        hint = " (restrict yes_no answers with choices)" if kind == QuestionType.YES_NO else ""
        problems.append(f"options are only allowed on single and multiple questions{hint}")
    if "choices" in question and kind != QuestionType.YES_NO:
        problems.append("choices are only allowed on yes_no questions")
    if kind == QuestionType.TABLE:
        if "columns" not in question:
            problems.append("table question needs columns")
        problems += _column_problems(question.get("columns"))
    only: dict[str, frozenset[str]] = {
        "columns": frozenset({QuestionType.TABLE}),
        "min_rows": frozenset({QuestionType.TABLE}),
        "min": NUMERIC_TYPES,
        "max": NUMERIC_TYPES,
        "unit": NUMERIC_TYPES,
        "multiline": frozenset({QuestionType.TEXT}),
        "max_length": frozenset({QuestionType.TEXT}),
    }
    for key, kinds in only.items():
        if key in question and kind not in kinds:
            problems.append(f"'{key}' is not allowed on {kind} questions")
    low, high = question.get("min"), question.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems.append("min is greater than max")
    if kind == QuestionType.PERCENTAGE and any(
        isinstance(b, int | float) and not 0 <= b <= 100 for b in (low, high)
    ):
        problems.append("percentage bounds must lie between 0 and 100")
    return problems


def _evidence_problems(question: dict[str, Any]) -> list[str]:
    evidence = question.get("evidence")
    required_when = evidence.get("required_when") if isinstance(evidence, dict) else None
    if not isinstance(required_when, list):
        return []
    kind = _kind(question)
    if kind not in CHOICE_TYPES:
        return [f"evidence.required_when is not allowed on {kind} questions"]
    accepted = answer_values(question)
    return [
        f"evidence.required_when value {value!r} is not an answer of this question"
        for value in required_when
        if value not in accepted
    ]


def semantic_problems(data: Any, reference_codes: Set[str]) -> list[Problem]:
    """Return cross-field problems: ids, options, references, evidence and ``show_if``."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return []
    sections = [s for s in data["sections"] if isinstance(s, dict)]
    questions_by_section = [
        (s.get("id"), [q for q in s.get("questions") or () if isinstance(q, dict)])
        for s in sections
        if isinstance(s.get("questions"), list | type(None))
    ]
    all_ids = {q.get("id") for _, qs in questions_by_section for q in qs}
    problems: list[Problem] = []
    section_ids: set[Any] = set()
    earlier: dict[str, dict[str, Any]] = {}
    for section_id, questions in questions_by_section:
        if section_id in section_ids:
            problems.append((f"section {section_id}", "duplicate section id"))
        section_ids.add(section_id)
        for question in questions:
            question_id = question.get("id")
            if not isinstance(question_id, str):
                continue
            found: list[str] = []
            if question_id in earlier:
                found.append("duplicate question id")
            if isinstance(section_id, str) and not question_id.startswith(section_id + "_"):
                found.append(f"id must start with its section id '{section_id}_'")
            found += _type_problems(question)
            references = question.get("references")
            for code in references if isinstance(references, list) else ():
                if isinstance(code, str) and code not in reference_codes:
                    found.append(f"unknown reference code '{code}'")
            found += _evidence_problems(question)
            if "show_if" in question:
                found += _condition_problems(question["show_if"], question_id, earlier, all_ids)
            problems += [(f"question {question_id}", problem) for problem in found]
            earlier.setdefault(question_id, question)
    return problems
