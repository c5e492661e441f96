"""Japanese texts use the project glossary's term wherever the English uses the source term."""

from __future__ import annotations

import csv
import re

from tests.i18n.texts import ROOT, all_texts

GLOSSARY = ROOT / "translations" / "glossary-ja.tsv"
#: Published versions are immutable: a submission or score pinned to them must keep reading
#: exactly as it did, so their wording is corrected in a new version, never in place. The
#: glossary is checked against every other text, these two files excepted.
PUBLISHED = frozenset(
    {
        ROOT / "questionnaires" / "definitions" / "critical-minerals-dd" / "1.0.yaml",
        ROOT / "rules" / "rulesets" / "critical-minerals-risk" / "1.0.yaml",
    }
)
#: Placeholders and quoted field names are code, not prose.
CODE = re.compile(r'%\(\w+\)[sd]|"[^"]*"|`[^`]*`')


def _entries():
    with GLOSSARY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    entries = []
    for row in rows:
        english = [t.strip() for t in row["english"].split("/") if t.strip()]
        japanese = [t.strip() for t in re.split(r"[/（）()]", row["japanese"]) if t.strip()]
        for term in english:
            pattern = re.escape(term).replace("labour", "labou?r").replace(r"\ ", r"[\s-]")
            entries.append((term, re.compile(rf"\b{pattern}s?\b", re.IGNORECASE), japanese))
    # Longer terms first: "supplier survey" is checked before "survey" and hides it.
    return sorted(entries, key=lambda e: -len(e[0]))


def _violations(english: str, japanese: str, entries) -> list[str]:
    text = CODE.sub(" ", english)
    found = []
    for term, pattern, targets in entries:
        if pattern.search(text):
            if not any(t in japanese for t in targets):
                found.append(f"{term!r} -> one of {targets}")
            text = pattern.sub(" ", text)
    return found


def test_glossary_terms_are_used():
    entries = _entries()
    problems = [
        f"{where}: {problem} | {japanese[:60]}"
        for where, english, japanese in all_texts(exclude=PUBLISHED)
        if japanese
        for problem in _violations(english, japanese, entries)
    ]
    assert problems == []


def test_the_published_files_it_leaves_out_exist():
    for path in PUBLISHED:
        assert path.is_file(), path


def test_the_check_catches_a_wrong_term():
    entries = _entries()
    assert _violations("Fill in the questionnaire.", "フォームに記入してください。", entries)
    assert not _violations("Fill in the questionnaire.", "質問票に記入してください。", entries)
    assert not _violations(
        "Send the supplier survey.", "サプライチェーン調査を送付してください。", entries
    )


def test_questionnaire_is_never_called_a_form_in_japanese():
    problems = [
        f"{where}: {japanese[:60]}"
        for where, _english, japanese in all_texts()
        if japanese and "フォーム" in japanese
    ]
    assert problems == []
