"""The rules package stays pure: no web framework, no database, no network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import json, sys
import demo, rules
document = demo.document(demo.HIGH_RISK)
ruleset = rules.ruleset_for(document["questionnaire"], document["version"])
result = rules.evaluate(ruleset, document, rules.load_reference_data(), demo.SCORING_DATE)
print(json.dumps({"modules": sorted(sys.modules), "rating": result.rating.label}))
"""

FORBIDDEN = {"flask", "sqlalchemy", "werkzeug", "flask_sqlalchemy", "socket", "ssl", "http"}


def test_rules_import_and_evaluate_in_a_bare_interpreter():
    completed = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True, text=True, check=True
    )
    report = json.loads(completed.stdout)
    assert report["rating"] == "critical"
    top_level = {name.split(".")[0] for name in report["modules"]}
    assert "rules" in top_level
    assert top_level & FORBIDDEN == set()
