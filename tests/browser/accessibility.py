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
