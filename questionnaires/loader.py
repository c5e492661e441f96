"""Load questionnaire definitions from YAML files, checking them completely first."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from questionnaires.build import build_questionnaire
from questionnaires.catalogue import CATALOGUE_PATH, Catalogue, load_catalogue
from questionnaires.checks import schema_problems, semantic_problems
from questionnaires.errors import DefinitionError
from questionnaires.model import Questionnaire
from questionnaires.yamlfile import ReadError, read_yaml

#: Where the shipped definitions live: ``<id>/<version>.yaml``.
DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"


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


def version_key(version: str) -> tuple[int, ...]:
    """Return a sort key ordering ``"1.10"`` after ``"1.9"`` (non-numeric parts ignored)."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


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
    return max(candidates, key=lambda q: version_key(q.version))
