"""The pre-rendered country options are exactly what the per-option template loop gave."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from i18n import CountryOptions

LOOP = Environment(autoescape=True).from_string(
    '{% for code, cname in countries %}<option value="{{ code }}" '
    "{% if multiple %}{% if value and code in value %}selected{% endif %}"
    "{% elif value == code %}selected{% endif %}>"
    "{{ cname }}</option>{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize(
    ("value", "multiple"),
    [
        (None, False),
        ("", False),
        ("JP", False),
        ("CD", False),
        ("jp", False),
        (["JP"], False),
        (None, True),
        ([], True),
        (["CD", "ZM", "AT"], True),
        ("CD", True),
        (["XX"], True),
    ],
)
def test_options_match_the_template_loop(language, value, multiple):
    countries = CountryOptions(language)
    expected = LOOP.render(countries=countries, value=value, multiple=multiple)
    assert str(countries.html(value, multiple=multiple)) == expected
    assert expected.count("<option") == len(countries) > 240


def test_names_are_escaped():
    html = str(CountryOptions("en").html("AG"))
    assert '<option value="AG" selected>Antigua &amp; Barbuda</option>' in html
