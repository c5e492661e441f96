"""Hostile input: oversized, wrongly typed, Unicode-heavy and control-character values."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.examples import examples

#: Modest example counts; the app and its database are built once per test, not per example.
HOSTILE = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MEGABYTE = 1024 * 1024
#: Strings no person types but an attacker sends.
SPECIMENS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\r\n",
    "\u202egnp.exe",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "コバルト精製株式会社　第二工場",
    "𠮷野家🙂👩‍👩‍👧",
    "e\u0301\u0301\u0301",
    "\ufeff\u200b\u200d",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "%s%s%n{0}{{7*7}}",
    "1e309",
    "-0",
    "NaN",
    "99999999999999999999999999",
    "A" * MEGABYTE,
    "日本語" * (MEGABYTE // 3),
)
#: Text of any kind that a form can carry (no lone surrogates: they cannot be UTF-8 encoded).
form_text = st.one_of(
    st.sampled_from(SPECIMENS),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
)
#: JSON values of any type and shape.
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    form_text,
    st.text(max_size=50),  # may hold lone surrogates, which JSON can carry
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=20), inner, max_size=5)
    ),
    max_leaves=20,
)
