"""The largest questionnaire section page against a bare Jinja page with as many fields."""

from __future__ import annotations

import re

from jinja2 import Environment
from sqlalchemy import select

import demo
from bench.setup import application, signed_in
from bench.timing import Comparison, counted_statements, per_call

FIELD = re.compile(r"<(?:input|select|textarea)\b")
BARE = Environment(autoescape=True).from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><main><h1>{{ title }}</h1><form method="post">
{% for name, value in fields %}<p><label for="{{ name }}">{{ name }}</label>
<input id="{{ name }}" name="{{ name }}" value="{{ value }}"></p>
{% endfor %}<button type="submit">Save</button></form></main></body></html>"""
)


def _draft(app) -> tuple[int, list[str]]:
    """Start a draft for the demo supplier, answered as fully as the benchmark document."""
    from demo import loader
    from extensions import db
    from models import Submission, User
    from services import submissions

    with app.app_context():
        loader.load()
        user = db.session.scalar(select(User).where(User.email == loader.USERS[0][0]))
        document = demo.document(demo.HIGH_RISK)
        draft = submissions.start(user, document["version"])
        submissions.import_document(draft, document, user)
        definition = submissions.definition(db.session.get(Submission, draft.id))
        return draft.id, [section.id for section in definition.sections]


def run() -> list[Comparison]:
    """Measure the largest section page, a bare page with as many fields, and SQL queries."""
    from demo import loader
    from extensions import db

    app = application("section")
    submission_id, sections = _draft(app)
    client = signed_in(app, loader.USERS[0][0], loader.DEMO_PASSWORD)
    fields = {}
    for section in sections:
        page = client.get(f"/submissions/{submission_id}/sections/{section}")
        fields[section] = len(FIELD.findall(page.get_data(as_text=True)))
    largest = max(fields, key=fields.get)
    path = f"/submissions/{submission_id}/sections/{largest}"
    with app.app_context(), counted_statements(db.engine) as statements:
        client.get(path)
    page = per_call(lambda: client.get(path), 3.0)
    values = [(f"field-{n}", f"Answer {n} <b>&</b>") for n in range(fields[largest])]
    bare = per_call(lambda: BARE.render(title="Section", fields=values), 1.0)
    return [
        Comparison(
            f"section page '{largest}' ({fields[largest]} fields, {len(statements)} SQL queries)",
            page * 1000,
            "bare Jinja page with as many fields",
            bare * 1000,
            "ms",
        )
    ]
