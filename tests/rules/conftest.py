"""Fixtures for the rules tests."""

from __future__ import annotations

from datetime import date

import pytest

from rules import load_reference_data, parse_ruleset
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, ruleset_data

SCORING_DATE = date(2025, 6, 30)


@pytest.fixture(scope="session")
def refdata():
    """The shipped reference data."""
    return load_reference_data()


@pytest.fixture(scope="session")
def synthetic():
    """The synthetic rule set over the synthetic questionnaire."""
    return parse_ruleset(ruleset_data(), QUESTIONNAIRE, CATALOGUE)
