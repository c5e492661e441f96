"""The Japanese catalogue and the bilingual data are complete and consistent."""

from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po

from tests.i18n.texts import ROOT, all_texts, catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_catalog_is_up_to_date_with_the_code(tmp_path):
    """Every string in the code and templates is in the Japanese catalogue."""
    pot = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
            "-k", "_l", "-k", "N_", "--no-location", "-o", str(pot), ".",
        ],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog() if m.id}
    assert sorted(extracted - translated) == []


def test_no_untranslated_or_fuzzy_entries():
    problems = []
    for message in catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert problems == []


def test_every_text_has_both_languages_and_japanese_is_japanese():
    problems = []
    for where, english, japanese in all_texts():
        if not english or not english.strip():
            problems.append(f"{where}: English missing")
        if not japanese or not japanese.strip():
            problems.append(f"{where}: Japanese missing")
        elif english == japanese and len(english.split()) > 2 and not JAPANESE.search(english):
            # Codes and proper nouns may be the same in both; sentences may not.
            problems.append(f"{where}: Japanese is the English text")
    assert problems == []


def test_placeholders_match_their_source():
    problems = [
        f"{where}: {_placeholders(english)} != {_placeholders(japanese)}"
        for where, english, japanese in all_texts()
        if japanese and _placeholders(english) != _placeholders(japanese)
    ]
    assert problems == []
