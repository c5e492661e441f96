"""Configuration: refusing unsafe production settings, cookie flags."""

import pytest

from app import create_app
from config import ConfigError, load_config


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ASSAY_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_to_start_without_base_url(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.setenv("ASSAY_ENV", "production")
    with pytest.raises(ConfigError, match="BASE_URL"):
        create_app()


@pytest.mark.parametrize(
    ("env", "expected"),
    [("development", "http://127.0.0.1:5000"), ("testing", "http://localhost")],
)
def test_base_url_has_a_default_in_development_and_testing(monkeypatch, env, expected):
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.setenv("ASSAY_ENV", env)
    assert load_config()["BASE_URL"] == expected


def test_base_url_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("ASSAY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("BASE_URL", "https://assay.example.com/")
    assert load_config()["BASE_URL"] == "https://assay.example.com"


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setenv("ASSAY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("BASE_URL", "https://assay.example.com")
    config = load_config()
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["REMEMBER_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_environment_variables_configure_database_and_rate_limit_storage(monkeypatch):
    monkeypatch.setenv("ASSAY_ENV", "development")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.internal/assay")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    config = load_config()
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.internal/assay"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert not config["SESSION_COOKIE_SECURE"]


def test_default_database_is_sqlite_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSAY_ENV", "development")
    assert load_config()["SQLALCHEMY_DATABASE_URI"].endswith("/instance/assay.sqlite3")


def test_secure_cookie_flag_can_be_switched_off_for_plain_http_on_loopback(monkeypatch):
    monkeypatch.setenv("ASSAY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("BASE_URL", "https://assay.example.com")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    config = load_config()
    assert not config["SESSION_COOKIE_SECURE"] and not config["REMEMBER_COOKIE_SECURE"]
