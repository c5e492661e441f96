"""Configuration read from the environment, with safe development defaults."""

from __future__ import annotations

import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent / "instance"

#: Environments in which a random, per-process secret key is acceptable.
LENIENT_ENVIRONMENTS = frozenset({"development", "testing"})


class ConfigError(RuntimeError):
    """Raised when the configuration cannot be used safely."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration mapping from environment variables and *overrides*.

    :raises ConfigError: when ``SECRET_KEY`` is missing outside development and testing.
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
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "PREFERRED_URL_SCHEME": "http" if (development or testing) else "https",
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "EVIDENCE_MAX_BYTES": 10 * 1024 * 1024,
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
    }
    config.update(overrides)
    config["ENV"] = env

    if not config.get("SECRET_KEY"):
        if env not in LENIENT_ENVIRONMENTS:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
                "(or ASSAY_ENV=development for a local development server)."
            )
        config["SECRET_KEY"] = os.urandom(32).hex() if testing else "development-only-key"
    return config
