"""Find every problem in a questionnaire definition: shape (JSON Schema) and meaning."""

from __future__ import annotations

import contextlib
from collections.abc import Set
from typing import Any

from jsonschema import Draft202012Validator

from questionnaires.build import build_question
from questionnaires.model import Question
from questionnaires.reading import Context, read_condition
from questionnaires.schema import definition_schema
from questionnaires.types import AnswerType, Shape, answer_type, generation, type_names

#: A problem: where it is (``"question fl_debt"``, ``"section org"`` or ``""``) and what.
Problem = tuple[str, str]

_VALIDATOR: list[Any] = []  # (types generation, validator), rebuilt when types change


def _validator() -> Draft202012Validator:
    if not _VALIDATOR or _VALIDATOR[0][0] != generation():
        _VALIDATOR[:] = [(generation(), Draft202012Validator(definition_schema()))]
    return _VALIDATOR[0][1]


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
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path))):
        location, rest = _locate(data, list(error.absolute_path))
        where = _path_text(rest)
        problems.append((location, f"{where}: {error.message}" if where else error.message))
    return problems


def _answer_type(item: dict[str, Any]) -> AnswerType | None:
    try:
        return answer_type(_kind(item))
    except KeyError:
        return None


def answer_values(question: dict[str, Any]) -> tuple[Any, ...]:
    """Return the option values a raw choice question accepts."""
    kind = _answer_type(question)
    if kind is not None and kind.fixed_options is not None:
        return tuple(question.get("choices") or (o.value for o in kind.fixed_options))
    options = question.get("options")
    if not isinstance(options, list):
        return ()
    return tuple(option.get("value") for option in options if isinstance(option, dict))


def _condition_problems(
    raw: Any, question_id: str, earlier: dict[str, Question], before: Set[str], known: Set[str]
) -> list[str]:
    def missing(ref: object) -> str:
        if ref == question_id:
            return "refers to the question itself"
        if ref in before:
            return f"refers to question '{ref}', which is not valid"
        if ref in known:
            return f"refers to question '{ref}', which comes later"
        return f"refers to unknown question '{ref}'"

    context = Context(earlier, missing=missing)
    read_condition(raw, "show_if", context)
    return context.problems


def _has(kind: AnswerType | None, fact: str) -> bool:
    return kind is not None and bool(getattr(kind, fact))


def _names(**facts: Any) -> str:
    return " and ".join(type_names(**facts))


def _choice_problems(item: dict[str, Any], what: str, noun: str) -> list[str]:
    kind, name = _answer_type(item), _kind(item)
    problems: list[str] = []
    listed = _has(kind, "options") and kind.fixed_options is None  # type: ignore[union-attr]
    if listed:
        if "options" not in item:
            problems.append(f"{what}{name} {noun} needs options")
        problems += _option_problems(item.get("options"), what)
    elif "options" in item:
        fixed = _has(kind, "fixed_options")
        hint = f" (restrict {name} answers with choices)" if fixed and noun == "question" else ""
        problems.append(f"{what}options are only allowed on {_listed_types(noun)} {noun}s{hint}")
    if "choices" in item and not _has(kind, "fixed_options"):
        fixed_names = " and ".join(n for n in type_names(options=True) if _fixed(n))
        problems.append(f"{what}choices are only allowed on {fixed_names} {noun}s")
    return problems


def _fixed(name: str) -> bool:
    return answer_type(name).fixed_options is not None


def _listed_types(noun: str) -> str:
    names = [n for n in type_names(options=True) if not _fixed(n)]
    if noun == "column":
        names = [n for n in names if answer_type(n).column]
    return " and ".join(names)


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
        where = f"column {column.get('id')}: "
        problems += _choice_problems(column, where, "column")
        if ("min" in column or "max" in column) and not _has(_answer_type(column), "bounds"):
            bounded = _names(bounds=True, column=True)
            problems.append(f"{where}min and max are only allowed on {bounded} columns")
    return problems


def _type_problems(question: dict[str, Any]) -> list[str]:
    kind, name = _answer_type(question), _kind(question)
    problems = _choice_problems(question, "", "question")
    table = kind is not None and kind.shape is Shape.TABLE
    if table:
        if "columns" not in question:
            problems.append(f"{name} question needs columns")
        problems += _column_problems(question.get("columns"))
    only = {
        "columns": table,
        "min_rows": table,
        "min": _has(kind, "bounds"),
        "max": _has(kind, "bounds"),
        "unit": _has(kind, "bounds"),
        "unknown": _has(kind, "bounds"),
        "multiline": _has(kind, "text"),
        "max_length": _has(kind, "text"),
    }
    for key, allowed in only.items():
        if key in question and not allowed:
            problems.append(f"'{key}' is not allowed on {name} questions")
    low, high = question.get("min"), question.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems.append("min is greater than max")
    limits = kind.limits if kind is not None else None
    if limits is not None and any(
        isinstance(b, int | float) and not limits[0] <= b <= limits[1] for b in (low, high)
    ):
        problems.append(f"{name} bounds must lie between {limits[0]} and {limits[1]}")
    return problems


def _evidence_problems(question: dict[str, Any]) -> list[str]:
    evidence = question.get("evidence")
    required_when = evidence.get("required_when") if isinstance(evidence, dict) else None
    if not isinstance(required_when, list):
        return []
    if not _has(_answer_type(question), "options"):
        return [f"evidence.required_when is not allowed on {_kind(question)} questions"]
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
    before: set[str] = set()
    earlier: dict[str, Question] = {}
    for section_id, questions in questions_by_section:
        if section_id in section_ids:
            problems.append((f"section {section_id}", "duplicate section id"))
        section_ids.add(section_id)
        for question in questions:
            question_id = question.get("id")
            if not isinstance(question_id, str):
                continue
            found: list[str] = []
            if question_id in before:
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
                found += _condition_problems(
                    question["show_if"], question_id, earlier, before, all_ids
                )
            problems += [(f"question {question_id}", problem) for problem in found]
            if question_id not in before and not found and isinstance(section_id, str):
                _add_valid(earlier, question, section_id)
            before.add(question_id)
    return problems


def _add_valid(earlier: dict[str, Question], raw: dict[str, Any], section_id: str) -> None:
    """Keep ``raw`` for later conditions when it builds (its shape is checked separately)."""
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        earlier[raw["id"]] = build_question(raw, section_id)
