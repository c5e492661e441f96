"""Language choice and locale-aware formatting (Babel)."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user
from markupsafe import Markup, escape

import questionnaires as qn
from extensions import babel
from questionnaires import display

LANGUAGE_COOKIE = "lang"
#: Names of the languages in themselves, for the switcher.
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}


def supported_languages() -> tuple[str, ...]:
    """Return the UI languages, default first."""
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """Pick the UI language: the user's saved preference, the cookie, then Accept-Language."""
    languages = supported_languages()
    if not has_request_context():
        return languages[0]
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in languages:
        return user_locale
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or languages[0]


def country_name(code: str | None) -> str:
    """Return the name of an ISO 3166 country in the active language."""
    return qn.country_name(code, str(get_locale()))


def date_filter(value: date | datetime | None, fmt: str = "medium") -> str:
    """Format a date or datetime for the active locale."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, fmt)
    return format_date(value, fmt)


#: Kana, CJK ideographs and full-width forms: text a screen reader must read as Japanese.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def text_lang(value: object) -> Markup:
    """Return text people typed (a name) escaped, in ``<span lang="ja">`` when it is Japanese
    on a page in another language, so that a screen reader switches voice (WCAG 3.1.2)."""
    text = "" if value is None else str(value)
    if _JAPANESE.search(text) and str(get_locale()) != "ja":
        return Markup('<span lang="ja">%s</span>') % text
    return escape(text)


def join_list(items) -> str:
    """Join a list as the active language does ("A, B"; "A、B")."""
    return display.join_list(items or (), str(get_locale()))


def init_app(app: Flask) -> None:
    """Install the locale selector and the template helpers."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["country"] = country_name
    app.jinja_env.filters["date"] = date_filter
    app.jinja_env.filters["text_lang"] = text_lang
    app.jinja_env.filters["join_list"] = join_list
    app.jinja_env.globals.update(
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        get_locale=get_locale,
        country_choices=country_choices,
        country_options=country_options,
    )


def country_choices() -> list[tuple[str, str]]:
    """Return (alpha-2, localised name) pairs of the ISO 3166 countries, sorted by name."""
    return qn.country_names(str(get_locale()))


class CountryOptions(tuple):
    """The countries of one language as (code, name) pairs, whose ``<option>`` elements are
    rendered once per language and reused by every picker of every page."""

    def __new__(cls, language: str):
        return super().__new__(cls, qn.country_names(language))

    def __init__(self, language: str) -> None:
        self.parts = tuple(
            (code, Markup('<option value="{}" ').format(code), Markup(">{}</option>").format(name))
            for code, name in self
        )
        self.none_selected = Markup("").join(start + end for _code, start, end in self.parts)

    def html(self, value, multiple: bool = False) -> Markup:
        """Return the options with *value* selected: the one code equal to it, or with
        *multiple* every code in it."""
        if value is None or value == "" or value == []:
            return self.none_selected
        if multiple:
            chosen = [bool(value and code in value) for code, _s, _e in self.parts]
        else:
            chosen = [value == code for code, _s, _e in self.parts]
        selected = Markup("selected")
        return Markup("").join(
            start + selected + end if pick else start + end
            for (_code, start, end), pick in zip(self.parts, chosen, strict=True)
        )


@functools.cache
def _country_options(language: str) -> CountryOptions:
    return CountryOptions(language)


def country_options() -> CountryOptions:
    """Return the countries of the active language, ready to render as options."""
    return _country_options(str(get_locale()))
