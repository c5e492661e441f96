"""Catalogue locators in English and Japanese: the Japanese report and pages cite 第4条4, not
"Art. 4.4"."""

from __future__ import annotations

import re

import pytest
import yaml

from questionnaires import DefinitionError, Localized, load_catalogue

#: Words of English locators that a Japanese locator must not carry: the Japanese pages show
#: no English words but names and acronyms (tests/browser/test_japanese_everywhere.py).
ENGLISH_WORDS = re.compile(
    r"\b(Art|Arts|Para|paras?|Annex|Preamble|Step|Indicator|Chapter|Section|Performance|"
    r"Principles?|footnotes?|Declaration|Smelter|Mine|List|questions?|country|Table)\b"
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_every_shipped_locator_has_a_japanese_form(catalogue):
    for entry in catalogue.entries.values():
        assert isinstance(entry.locator, Localized), entry.code
        assert entry.locator.en and entry.locator.ja, entry.code
        assert JAPANESE.search(entry.locator.ja), (entry.code, entry.locator.ja)
        assert not ENGLISH_WORDS.search(entry.locator.ja), (entry.code, entry.locator.ja)


@pytest.mark.parametrize(
    ("code", "en", "ja"),
    [
        ("USJP-4.4", "Art. 4.4", "第4条4"),
        ("USJP-5.9-D", "Art. 5.9(d)", "第5条9(d)"),
        ("UKJP-2.2", "Para. 2.2", "第2.2項"),
        ("UKJP-2.6-ESG", "Para. 2.6(1)", "第2.6項(1)"),
        ("ILO-C138-3", "Art. 3", "第3条"),
        ("ILO-FLI-07", "Indicator 7", "指標7"),
        ("OECD-S4", "Step 4", "ステップ4"),
        ("OECD-A2-ABUSES", "Annex II, paras 1-2", "附属書II 第1項～第2項"),
        ("IRMA-2.1", "Chapter 2.1", "第2.1章"),
    ],
)
def test_locators_read_as_each_language_cites(catalogue, code, en, ja):
    locator = catalogue[code].locator
    assert (locator.en, locator.ja, locator.get("ja_JP"), locator.get("en")) == (en, ja, ja, en)


def _write(tmp_path, locator):
    path = tmp_path / "catalogue.yaml"
    data = {
        "sources": {"A": {"en": "Source A", "ja": "出典A"}},
        "references": [
            {
                "code": "A-1",
                "source": "A",
                "locator": locator,
                "cover": "optional",
                "title": {"en": "One", "ja": "一"},
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_plain_string_locator_reads_the_same_in_both_languages(tmp_path):
    entry = load_catalogue(_write(tmp_path, "Art. 1"))["A-1"]
    assert entry.locator == Localized("Art. 1", "Art. 1")


@pytest.mark.parametrize("locator", [None, {"en": "Art. 1"}, {"en": "Art. 1", "ja": ""}, 7])
def test_a_locator_without_both_languages_is_a_clear_error(tmp_path, locator):
    with pytest.raises(DefinitionError) as caught:
        load_catalogue(_write(tmp_path, locator))
    assert caught.value.problems == [
        "catalogue.yaml: A-1: locator needs en and ja (or one string for both)"
    ]
