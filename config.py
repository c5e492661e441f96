"""Configuration read from the environment, with safe development defaults."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent / "instance"

#: Environments in which a random, per-process secret key is acceptable.
LENIENT_ENVIRONMENTS = frozenset({"development", "testing"})
#: Where e-mailed links point when ``BASE_URL`` is not set (never outside these).
DEFAULT_BASE_URLS = {"development": "http://127.0.0.1:5000", "testing": "http://localhost"}


class ConfigError(RuntimeError):
    """Raised when the configuration cannot be used safely."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _editions(value: str | None) -> dict[str, str]:
    """Read ``REFDATA_EDITIONS`` ("ilab=2024,wgi=2023") as source -> edition id.

    :raises ConfigError: when an item is not ``SOURCE=EDITION``.
    """
    chosen: dict[str, str] = {}
    for item in (value or "").split(","):
        if not item.strip():
            continue
        source, sep, edition = (part.strip() for part in item.partition("="))
        if not sep or not source or not edition:
            raise ConfigError(
                f"REFDATA_EDITIONS: {item.strip()!r} is not SOURCE=EDITION (e.g. ilab=2024)"
            )
        chosen[source] = edition
    return chosen


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration mapping from environment variables and *overrides*.

    :raises ConfigError: when ``SECRET_KEY`` or ``BASE_URL`` is missing outside development
        and testing.
    """
    overrides = dict(overrides or {})
    env = overrides.get("ENV") or os.environ.get("ASSAY_ENV", "production")
    testing = bool(overrides.get("TESTING")) or env == "testing"
    if testing:
        env = "testing"
    development = env == "development"
    secure_cookies = _flag(os.environ.get("SESSION_COOKIE_SECURE"), not (development or testing))

    config: dict = {
        "ENV": env,
        "TESTING": testing,
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'assay.sqlite3'}"
        ),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "BASE_URL": os.environ.get("BASE_URL"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "30 per minute;300 per hour"),
        #: Failed sign-ins on one e-mail address before it waits; the wait doubles each time.
        "LOGIN_ACCOUNT_FAILURES": int(os.environ.get("LOGIN_ACCOUNT_FAILURES", "5")),
        "LOGIN_ACCOUNT_DELAY_SECONDS": int(os.environ.get("LOGIN_ACCOUNT_DELAY_SECONDS", "60")),
        "LOGIN_ACCOUNT_MAX_DELAY_SECONDS": int(
            os.environ.get("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", "3600")
        ),
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_ABSOLUTE_HOURS": int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")),
        "REMEMBER_ME_DAYS": int(os.environ.get("REMEMBER_ME_DAYS", "30")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "PREFERRED_URL_SCHEME": "http" if (development or testing) else "https",
        # Bodies: MAX_FORM_BYTES for every route, MAX_CONTENT_LENGTH only where files are uploaded.
        "MAX_FORM_BYTES": 1024 * 1024,
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "EVIDENCE_MAX_BYTES": 10 * 1024 * 1024,
        "EVIDENCE_MAX_FILES_PER_SUBMISSION": 200,
        "EVIDENCE_MAX_BYTES_PER_SUBMISSION": 200 * 1024 * 1024,
        # DOCX and XLSX files are ZIP archives: bounds on what they would unpack to.
        "EVIDENCE_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
        "EVIDENCE_MAX_ARCHIVE_MEMBERS": 2000,
        #: Comments one buyer's review may hold on one submission (all rounds).
        "REVIEW_MAX_COMMENTS": 500,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": ("en", "ja"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _flag(os.environ.get("MAIL_USE_TLS"), False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "assay@localhost"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        #: Where ``refdata import`` stores the editions operators load (beside the shipped ones).
        "REFDATA_DIR": os.environ.get("REFDATA_DIR", str(INSTANCE_DIR / "refdata")),
        #: Reference-data editions chosen for every score (source -> edition id), over the
        #: rule sets' own; empty: each rule set's editions, else the defaults.
        "REFDATA_EDITIONS": _editions(os.environ.get("REFDATA_EDITIONS")),
        #: Requests per token (or, without one, per client address) the API answers.
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute;5000 per hour"),
        #: Webhooks may point at loopback and private addresses (off: public addresses only).
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": _flag(
            os.environ.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"), False
        ),
        "WEBHOOK_TIMEOUT_SECONDS": float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "5")),
        "WEBHOOK_MAX_ATTEMPTS": int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "6")),
        #: "thread": sent after the response by a thread of the app server; "inline": at once.
        "WEBHOOK_DELIVERY": "inline" if testing else "thread",
    }
    config.update(overrides)
    config["ENV"] = env
    # The remember-me cookie lives no longer than the session it names (enforced on the server).
    config["REMEMBER_COOKIE_DURATION"] = timedelta(days=config["REMEMBER_ME_DAYS"])

    if not config.get("SECRET_KEY"):
        if env not in LENIENT_ENVIRONMENTS:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
                "(or ASSAY_ENV=development for a local development server)."
            )
        config["SECRET_KEY"] = os.urandom(32).hex() if testing else "development-only-key"
    if not config.get("BASE_URL"):
        if env not in LENIENT_ENVIRONMENTS:
            raise ConfigError(
                "BASE_URL is not set. Set the BASE_URL environment variable to the address "
                "people reach Assay at, e.g. https://assay.example.com (links in e-mails "
                "are built from it, never from the request)."
            )
        config["BASE_URL"] = DEFAULT_BASE_URLS[env]
    config["BASE_URL"] = config["BASE_URL"].rstrip("/")
    return config
