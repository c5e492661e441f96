"""The report's fixed texts in its own language, from the gettext catalogues.

A report's language is chosen at download and is independent of the user interface's
locale, so the renderer loads the catalogue of that language itself, once per process and
language, instead of asking Flask for the request's. The texts are English msgids of the
same catalogue the pages and e-mails use (``translations/<lang>/LC_MESSAGES/messages.po``),
so a term reads the same on screen, in an e-mail and in the PDF.

``pybabel extract`` finds them as the first argument of calls named ``_``, ``gettext`` or
``pgettext``, and inside :func:`N_` for texts looked up later (codes and their names).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

#: Where the compiled catalogues live: ``<dir>/<lang>/LC_MESSAGES/messages.mo``.
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
#: The language of the msgids: it needs no catalogue.
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark *message* for extraction; it is translated where it is shown."""
    return message


@cache
def load(lang: str, directory: Path | str = TRANSLATIONS_DIR) -> NullTranslations:
    """Return the compiled catalogue of *lang* (English needs none), loaded once per process.

    :raises FileNotFoundError: if *lang* has no compiled catalogue in *directory*; a report
        must not come out in English under a Japanese title (``pybabel compile -d translations``).
    """
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    translations = Translations.load(directory, [lang], DOMAIN)
    # Translations.load falls back to NullTranslations, which would print every msgid as it is.
    if not isinstance(translations, Translations):
        raise FileNotFoundError(
            f"no compiled {lang!r} catalogue in {directory}: run pybabel compile -d translations"
        )
    return translations
