"""Every bilingual text of the product, as (where, English, Japanese) triples."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

import questionnaires as qn
import rules

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "translations" / "ja" / "LC_MESSAGES" / "messages.po"


def catalog():
    """Return the Japanese message catalogue."""
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="ja")


def _localized(where, value):
    if value is not None:
        yield where, value.en, value.ja


def questionnaire_texts(exclude: Collection[Path] = ()):
    """Yield the texts of every questionnaire definition but the files in ``exclude``, and the
    catalogue."""
    for definition in qn.load_all().values():
        if qn.DEFINITIONS_DIR / definition.id / f"{definition.version}.yaml" in exclude:
            continue
        yield from _localized(f"{definition.id}:title", definition.title)
        for section in definition.sections:
            yield from _localized(f"{section.id}:title", section.title)
            yield from _localized(f"{section.id}:intro", section.intro)
            for question in section.questions:
                yield from _localized(f"{question.id}:text", question.text)
                yield from _localized(f"{question.id}:help", question.help)
                yield from _localized(f"{question.id}:unit", question.unit)
                if question.evidence is not None:
                    yield from _localized(f"{question.id}:evidence", question.evidence.description)
                for option in question.options:
                    yield from _localized(f"{question.id}={option.value}", option.label)
                for column in question.columns:
                    yield from _localized(f"{question.id}.{column.id}", column.label)
                    for option in column.options:
                        yield from _localized(
                            f"{question.id}.{column.id}={option.value}", option.label
                        )
    for code, entry in qn.load_catalogue().entries.items():
        yield from _localized(f"catalogue:{code}", entry.title)


def rule_texts(exclude: Collection[Path] = ()):
    """Yield the texts of every shipped rule set but the files in ``exclude`` (read as data,
    every bilingual mapping)."""
    for ruleset_id, version in rules.list_rulesets():
        path = ROOT / "rules" / "rulesets" / ruleset_id / f"{version}.yaml"
        if path in exclude:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _walk(f"{ruleset_id}/{version}", data)


def _walk(where, node):
    if isinstance(node, dict):
        if set(node) == {"en", "ja"} and all(isinstance(v, str) for v in node.values()):
            yield where, node["en"], node["ja"]
            return
        for key, value in node.items():
            yield from _walk(f"{where}.{node.get('id', key) if key != 'id' else key}", value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from _walk(f"{where}[{label}]", value)


def catalog_texts():
    """Yield the translated messages: pages, e-mails and the PDF report."""
    for message in catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            yield f"po:{message.id[0]}", message.id[0], message.string[0]
        else:
            yield f"po:{message.id}", message.id, message.string


def all_texts(exclude: Collection[Path] = ()):
    """Yield every bilingual text the product shows, but that of the files in ``exclude``."""
    yield from questionnaire_texts(exclude)
    yield from rule_texts(exclude)
    yield from catalog_texts()
