"""axe-core in the browser: run it on the page shown and describe each violation.

axe-core comes from the npm registry through the Makefile (``make axe``, pinned in
package.json and package-lock.json); it is never committed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG 2.2 AA rule set: every axe rule tagged with one of these runs.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source() -> str:
    """Return axe-core's script, failing in CI (and skipping elsewhere) when it is missing."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs axe-core for the accessibility tests: run `make axe`")
        pytest.skip("axe-core is not installed here: run `make axe`")
    return AXE.read_text(encoding="utf-8")


def violations(page, source: str) -> list[str]:
    """Run axe on *page* and return one line per offending element: rule, impact, target."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    found = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                       resultTypes: ['violations']})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                               html: n.html.slice(0, 160)}))})))""",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}: {v['help']}) at {node['target']}: {node['html']}"
        for v in found
        for node in v["nodes"]
    ]


#: Japanese script (kana, CJK ideographs, full-width forms) in a text node.
_UNMARKED_JAPANESE = r"""() => {
  const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const owner = node.parentElement;
    if (!japanese.test(node.textContent) || owner.closest("script, style, [hidden]")) continue;
    const marked = owner.closest("[lang]");
    if (!marked || !marked.lang.startsWith("ja")) found.push(node.textContent.trim().slice(0, 60));
  }
  return found;
}"""

_COLOUR_ONLY = r"""() => Array.from(
    document.querySelectorAll(".badge, .status, [class*='rating-']:not([class*='rating-bg'])"))
  .filter(e => e.offsetParent !== null && e.innerText.trim() === ""
               && !e.getAttribute("aria-label"))
  .map(e => e.outerHTML.slice(0, 120))"""


def unmarked_japanese(page) -> list[str]:
    """Japanese text on a page whose language is not Japanese, outside any ``lang="ja"``."""
    return page.evaluate(_UNMARKED_JAPANESE)


def colour_only(page) -> list[str]:
    """Badges and statuses shown without words (their colour alone would carry the meaning)."""
    return page.evaluate(_COLOUR_ONLY)
