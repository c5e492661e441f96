"""Load questionnaire definitions from YAML files, checking them completely first."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from questionnaires.catalogue import CATALOGUE_PATH, Catalogue, load_catalogue
from questionnaires.checks import schema_problems, semantic_problems
from questionnaires.conditions import parse_condition
from questionnaires.errors import DefinitionError
from questionnaires.model import (
    Column,
    EvidenceRule,
    Localized,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    yes_no_options,
)
from questionnaires.yamlfile import ReadError, read_yaml

#: Where the shipped definitions live: ``<id>/<version>.yaml``.
DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"


def _localized(raw: Mapping[str, str] | None) -> Localized | None:
    return Localized(en=raw["en"], ja=raw["ja"]) if raw is not None else None


def _options(raw: Mapping[str, Any]) -> tuple[Option, ...]:
    if raw["type"] == QuestionType.YES_NO:
        return yes_no_options(tuple(raw.get("choices") or ()))
    return tuple(Option(o["value"], Localized(**o["label"])) for o in raw.get("options", ()))


def _column(raw: Mapping[str, Any]) -> Column:
    return Column(
        id=raw["id"],
        type=QuestionType(raw["type"]),
        label=Localized(**raw["label"]),
        options=_options(raw),
        required=raw.get("required", False),
        min=raw.get("min"),
        max=raw.get("max"),
    )


def _question(raw: Mapping[str, Any], section_id: str) -> Question:
    evidence = raw.get("evidence")
    return Question(
        id=raw["id"],
        type=QuestionType(raw["type"]),
        section_id=section_id,
        text=Localized(**raw["text"]),
        help=Localized(**raw["help"]),
        required=raw.get("required", False),
        options=_options(raw),
        show_if=parse_condition(raw["show_if"]) if "show_if" in raw else None,
        references=tuple(raw["references"]),
        evidence=EvidenceRule(
            description=Localized(**evidence["description"]),
            required_when=tuple(evidence.get("required_when", ())),
            expires=evidence.get("expires", False),
        )
        if evidence is not None
        else None,
        columns=tuple(_column(column) for column in raw.get("columns", ())),
        min=raw.get("min"),
        max=raw.get("max"),
        unit=_localized(raw.get("unit")),
        multiline=raw.get("multiline", False),
        max_length=raw.get("max_length"),
        min_rows=raw.get("min_rows"),
    )


def build_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """Build a questionnaire from definition data that has passed every check."""
    sections = tuple(
        Section(
            id=section["id"],
            title=Localized(**section["title"]),
            intro=_localized(section.get("intro")),
            questions=tuple(_question(q, section["id"]) for q in section["questions"]),
        )
        for section in data["sections"]
    )
    return Questionnaire(
        id=data["id"], version=data["version"], title=Localized(**data["title"]), sections=sections
    )


def definition_problems(data: Any, name: str, catalogue: Catalogue) -> list[str]:
    """Return every problem of definition ``data``, each prefixed with the file ``name``."""
    found = schema_problems(data) + semantic_problems(data, catalogue.codes)
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, str) and Path(name).suffix == ".yaml" and Path(name).stem != version:
        found.append(("", f"version '{version}' does not match the file name"))
    return [": ".join(part for part in (name, where, what) if part) for where, what in found]


def load_definition(path: str | Path, catalogue: Catalogue | None = None) -> Questionnaire:
    """Load and check one definition file.

    :raises DefinitionError: listing every problem, each naming file, question and problem.
    """
    path = Path(path)
    try:
        data = read_yaml(path)
    except ReadError as exc:
        raise DefinitionError([f"{path.name}: cannot read YAML: {exc}"]) from exc
    problems = definition_problems(data, path.name, catalogue or load_catalogue())
    if problems:
        raise DefinitionError(problems)
    return build_questionnaire(data)


def load_all(
    directory: str | Path = DEFINITIONS_DIR, catalogue: Catalogue | None = None
) -> dict[tuple[str, str], Questionnaire]:
    """Load every ``<id>/<version>.yaml`` under ``directory``, keyed by ``(id, version)``.

    With the shipped catalogue, a directory is parsed and checked once per process while its
    files and the catalogue stay as they are (the definitions are immutable).

    :raises DefinitionError: listing the problems of every file that has any.
    """
    if catalogue is None:
        files = sorted(Path(directory).glob("*/*.yaml")) + [CATALOGUE_PATH]
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        return dict(_load_all_once(str(Path(directory).resolve()), stamp))
    return _load_all(directory, catalogue)


@lru_cache(maxsize=8)
def _load_all_once(directory: str, _stamp: tuple) -> dict[tuple[str, str], Questionnaire]:
    return _load_all(directory, load_catalogue())


def _load_all(directory, catalogue: Catalogue) -> dict[tuple[str, str], Questionnaire]:
    loaded: dict[tuple[str, str], Questionnaire] = {}
    problems: list[str] = []
    for path in sorted(Path(directory).glob("*/*.yaml")):
        name = f"{path.parent.name}/{path.name}"
        try:
            questionnaire = load_definition(path, catalogue)
        except DefinitionError as exc:
            problems += [f"{path.parent.name}/{problem}" for problem in exc.problems]
            continue
        if questionnaire.id != path.parent.name:
            problems.append(f"{name}: id '{questionnaire.id}' does not match its folder")
        loaded[questionnaire.key] = questionnaire
    if problems:
        raise DefinitionError(problems)
    return loaded


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def latest(
    questionnaire_id: str, questionnaires: Mapping[tuple[str, str], Questionnaire] | None = None
) -> Questionnaire:
    """Return the highest version of ``questionnaire_id`` (loading the shipped ones by default).

    :raises KeyError: if there is no such questionnaire.
    """
    if questionnaires is None:
        questionnaires = load_all()
    candidates = [q for q in questionnaires.values() if q.id == questionnaire_id]
    if not candidates:
        raise KeyError(questionnaire_id)
    return max(candidates, key=lambda q: _version_key(q.version))
