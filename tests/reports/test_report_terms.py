"""The report's texts come from the one catalogue, in Japanese, with the glossary's terms."""

from __future__ import annotations

import csv

from babel.messages.extract import extract_from_dir, extract_from_file

from demo.report import sample_report_data
from reports.labels import CODES
from reports.translation import load
from tests.i18n.texts import ROOT, catalog
from tests.reports.pdf_inspect import page_texts, squash

#: What pybabel extracts besides its defaults (``flask translate extract``).
KEYWORDS = {"_": None, "gettext": None, "pgettext": ((1, "c"), 2), "N_": None}


def _report_messages() -> set[tuple[str | None, str]]:
    """Return (context, msgid) of every text the report and its download name use."""
    found = {
        (context, message)
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / "reports", method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    with (ROOT / "services" / "reports.py").open("rb") as handle:
        found |= {
            (context, message)
            for _line, message, _comments, context in extract_from_file(
                "python", handle.name, keywords=KEYWORDS
            )
        }
    return found


def _glossary(english: str) -> str:
    with (ROOT / "translations" / "glossary-ja.tsv").open(encoding="utf-8") as handle:
        rows = {row["english"]: row["japanese"] for row in csv.DictReader(handle, delimiter="\t")}
    return rows[english]


def test_every_report_text_is_in_the_catalogue():
    messages = _report_messages()
    # The marked texts, the code names and the download's file name are all found.
    assert (None, "Due-diligence report") in messages
    assert (None, "Page %(page)s of %(pages)s") in messages
    assert ("file name", "due-diligence-report") in messages
    assert {(None, m) for names in CODES.values() for m in names.values()} <= messages
    entries = {(m.context, m.id): m for m in catalog() if m.id}
    problems = []
    for key in sorted(messages, key=str):
        entry = entries.get(key)
        if entry is None:
            problems.append(f"missing: {key}")
        elif not entry.string:
            problems.append(f"untranslated: {key}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {key}")
    assert problems == []


def test_japanese_report_names_finding_decisions_as_the_screen_and_the_glossary_do(rendered):
    japanese = load("ja")
    accepted, dismissed = japanese.gettext("Accepted"), japanese.gettext("Dismissed")
    # The screen shows these msgids (templates/review/_finding.html); the glossary fixes them.
    assert accepted == _glossary("accept a finding") == "採用"
    assert dismissed == _glossary("dismiss a finding") == "不採用"

    data = sample_report_data()
    statuses = {f.review.status for f in data.findings if f.review}
    assert statuses == {"accepted", "dismissed"}
    text = squash("\n".join(page_texts(rendered("ja"))))
    for term in (accepted, dismissed):
        assert f"{term}（担当：AikoTanaka" in text
    assert japanese.gettext("Finding dismissed") in text
    assert "棄却" not in text and "承認済み（担当：AikoTanaka、" not in text


def test_japanese_report_title_is_the_glossary_term_everywhere(rendered):
    japanese = load("ja")
    title = japanese.gettext("Due-diligence report")
    assert title.startswith(_glossary("due diligence"))
    assert japanese.pgettext("file name", "due-diligence-report") == title
    assert title in "\n".join(page_texts(rendered("ja")))
