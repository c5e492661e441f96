"""Fixtures: the shipped questionnaire and catalogue, and a writer for small definitions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaires import Catalogue, Questionnaire, load_all, load_catalogue

from .builders import QUESTIONNAIRE_ID


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    """The published version 1.0, which these tests describe (1.1: ``test_version_1_1.py``)."""
    return load_all()[(QUESTIONNAIRE_ID, "1.0")]


@pytest.fixture
def write_definition(tmp_path: Path) -> Callable[..., Path]:
    """Write a definition (data or YAML text) to ``tmp_path/<name>`` and return the path."""

    def write(content: dict[str, Any] | str, name: str = "1.0.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
