"""The report as an accessible web page: the same :class:`~reports.data.ReportData` the PDF is
rendered from, with the same labels and formatting in the report's language.

Tagged PDF (PDF/UA) is out of ReportLab's reach, so screen-reader users read this page; the
template (``templates/reports/page.html``) lays it out, this module only names things.
"""

from __future__ import annotations

from .data import Finding, ReportData, VersionRef
from .formatting import Formatter
from .labels import code_name, edition_name, versioned_name
from .parts import listing_line
from .translation import load


class ReportPage:
    """A report's data with the words to show it in *lang*, independent of the page's locale."""

    def __init__(self, data: ReportData, lang: str) -> None:
        self.data = data
        self.lang = lang
        self.fmt = Formatter(lang)
        self.translations = load(lang)

    def code(self, kind: str, code: str | None) -> str:
        """Return the report's name of a code (rating, mineral, state, audit action...)."""
        return code_name(kind, code, self.translations) if code else ""

    def codes(self, kind: str, codes) -> str:
        """Return coded values as a list in the report's language, or a dash."""
        return self.fmt.list([self.code(kind, c) for c in codes]) or "—"

    def countries(self, codes) -> str:
        """Return country codes as a list of names in the report's language, or a dash."""
        return self.fmt.list([self.fmt.country(c) for c in codes]) or "—"

    def category(self, category_id: str) -> str:
        """Return a category's name from the rule set, or the report's name for its id."""
        category = self.data.category(category_id)
        name = self.fmt.text(category.name) if category is not None else ""
        return name or self.code("category", category_id)

    def document(self, ref: VersionRef) -> str:
        """Return "name, version x" of the questionnaire or the rule set (as the PDF does)."""
        return versioned_name(ref, self.fmt, self.translations)

    def edition(self, source: str, edition: str) -> str:
        """Return a reference-data edition by its label, or by its source's name and id."""
        return edition_name(source, edition, self.translations)

    def reference(self, ref) -> str:
        """Return a catalogue reference with its pinpoint citation in the report's language."""
        text = f"{ref.code} — {self.fmt.text(ref.title)}"
        locator = self.fmt.text(ref.locator)
        if not locator:
            return text
        return self.translations.gettext("%(reference)s (%(locator)s)") % {
            "reference": text,
            "locator": locator,
        }

    def listing(self, item) -> str:
        """Return a reference-data listing as one line, as the PDF prints it."""
        return listing_line(item, self.lang, self.translations.gettext)

    def findings(self) -> list[Finding]:
        """Return the findings in the report's order: red flags first, then by severity."""
        return self.data.ordered_findings()

    def counts(self) -> list[tuple[str, int, int]]:
        """Return (severity, findings, red flags) from the highest severity down."""
        rows = []
        for severity in ("critical", "high", "medium", "low"):
            found = [f for f in self.data.findings if f.severity == severity]
            rows.append((severity, len(found), sum(f.red_flag for f in found)))
        return rows

    def audit(self):
        """Return the audit trail, oldest entry first."""
        return sorted(self.data.audit, key=lambda e: e.at)
