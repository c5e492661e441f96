"""The reference catalogue: provisions and standards that questions and rules cite."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questionnaires.errors import DefinitionError
from questionnaires.model import Localized
from questionnaires.yamlfile import ReadError, read_yaml

if TYPE_CHECKING:
    from questionnaires.model import Questionnaire

#: The catalogue shipped with the package.
CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue.yaml"


class Cover(enum.StrEnum):
    """What must cite a catalogue entry."""

    QUESTIONS = "questions"
    RULES = "rules"
    OPTIONAL = "optional"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One provision or standard."""

    code: str
    source: str
    #: Where in the source, in English and Japanese (e.g. "Art. 4.4" / "第4条4").
    locator: Localized
    cover: Cover
    title: Localized


@dataclass(frozen=True)
class Catalogue:
    """Catalogue entries by code, and the names of their source documents."""

    entries: Mapping[str, CatalogueEntry]
    sources: Mapping[str, Localized]

    @property
    def codes(self) -> frozenset[str]:
        """Return every code."""
        return frozenset(self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def __getitem__(self, code: str) -> CatalogueEntry:
        return self.entries[code]

    def requiring_questions(self) -> list[CatalogueEntry]:
        """Return the entries at least one question must cite (``cover`` questions or rules)."""
        return [e for e in self.entries.values() if e.cover in {Cover.QUESTIONS, Cover.RULES}]


def _localized(raw: Any) -> Localized | None:
    if isinstance(raw, dict) and all(isinstance(raw.get(k), str) and raw[k] for k in ("en", "ja")):
        return Localized(raw["en"], raw["ja"])
    return None


def _locator(raw: Any) -> Localized | None:
    """Return a locator: ``{en, ja}``, or a plain string meaning the same in both languages."""
    if isinstance(raw, str):
        return Localized(raw, raw)
    return _localized(raw)


def _entry(raw: Any, sources: Mapping[str, Localized]) -> tuple[CatalogueEntry | None, list[str]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        return None, [f"entry without a code: {raw!r}"]
    code = raw["code"]
    problems = []
    title = _localized(raw.get("title"))
    if title is None:
        problems.append(f"{code}: title needs en and ja")
    if not isinstance(raw.get("source"), str) or raw["source"] not in sources:
        problems.append(f"{code}: unknown source {raw.get('source')!r}")
    if raw.get("cover") not in tuple(Cover):
        problems.append(f"{code}: cover must be one of {', '.join(Cover)}")
    locator = _locator(raw.get("locator"))
    if locator is None:
        problems.append(f"{code}: locator needs en and ja (or one string for both)")
    if problems or title is None or locator is None:
        return None, problems
    return CatalogueEntry(code, raw["source"], locator, Cover(raw["cover"]), title), []


def load_catalogue(path: str | Path = CATALOGUE_PATH) -> Catalogue:
    """Load and check the catalogue.

    :raises DefinitionError: listing every problem found.
    """
    path = Path(path)
    try:
        data = read_yaml(path)
    except ReadError as exc:
        raise DefinitionError([f"{path.name}: cannot read YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise DefinitionError([f"{path.name}: expected a mapping with sources and references"])
    problems: list[str] = []
    sources: dict[str, Localized] = {}
    for key, raw in (data.get("sources") or {}).items():
        name = _localized(raw)
        if name is None:
            problems.append(f"source {key}: name needs en and ja")
        else:
            sources[key] = name
    entries: dict[str, CatalogueEntry] = {}
    for raw in data.get("references") or ():
        entry, found = _entry(raw, sources)
        problems += found
        if entry is not None:
            if entry.code in entries:
                problems.append(f"{entry.code}: duplicate code")
            entries[entry.code] = entry
    if problems:
        raise DefinitionError(f"{path.name}: {problem}" for problem in problems)
    return Catalogue(entries=entries, sources=sources)


def check_coverage(
    questionnaires: Iterable[Questionnaire] | Mapping[Any, Questionnaire], catalogue: Catalogue
) -> list[str]:
    """Return coverage problems: entries with ``cover`` questions or rules no question cites.

    Each questionnaire is checked on its own; that rules cite their entries is checked
    by the rules package.
    """
    items = questionnaires.values() if isinstance(questionnaires, Mapping) else questionnaires
    problems: list[str] = []
    for questionnaire in items:
        cited = {code for q in questionnaire.questions for code in q.references}
        problems += [
            f"{questionnaire.id} {questionnaire.version}: {entry.code} (cover: {entry.cover}) "
            "is cited by no question"
            for entry in catalogue.requiring_questions()
            if entry.code not in cited
        ]
        label = f"{questionnaire.id} {questionnaire.version}"
        problems += [
            f"{label}: question {q.id} cites unknown code '{code}'"
            for q in questionnaire.questions
            for code in q.references
            if code not in catalogue
        ]
    return problems
