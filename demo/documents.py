"""The realistic answers documents: data files under ``documents/``, read by name.

Each file is an answers document as suppliers export and import them
(``{"questionnaire", "version", "answers", "evidence"}``), so it is checked by
``questionnaires.parse_answers_document`` and scored by ``rules.evaluate`` as it is.
A document's name is its path under ``documents/`` without ``.yaml``.
"""

from __future__ import annotations

import copy
import functools
from datetime import date
from pathlib import Path
from typing import Any

import yaml

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"

#: A complete document rated critical: red flags, undecided findings, evidence findings.
HIGH_RISK = "high-risk"
#: A complete document rated low, without findings.
LOW_RISK = "low-risk"
#: The folder of the demo suppliers' documents, one per supplier.
SUPPLIERS_FOLDER = "suppliers"
#: The folder of the calibration documents of the newest rule set (see :mod:`demo.calibration`).
CALIBRATION_FOLDER = "calibration"

#: The day the high- and low-risk documents are scored on: some of the high-risk document's
#: evidence has expired by then, some has not.
SCORING_DATE = date(2025, 6, 30)
#: The day the demo suppliers' documents describe: their evidence validity dates count from
#: it, and the demo loader moves them by the days between it and the day it loads.
SUPPLIERS_DATE = date(2026, 6, 1)


@functools.cache
def names() -> tuple[str, ...]:
    """Return the names of every document, sorted."""
    return tuple(sorted(p.relative_to(DOCUMENTS_DIR).with_suffix("").as_posix() for p in _files()))


def supplier_names() -> tuple[str, ...]:
    """Return the names of the demo suppliers' documents."""
    return tuple(name for name in names() if name.startswith(f"{SUPPLIERS_FOLDER}/"))


def calibration_names() -> tuple[str, ...]:
    """Return the names of the calibration documents."""
    return tuple(name for name in names() if name.startswith(f"{CALIBRATION_FOLDER}/"))


def as_of(name: str) -> date:
    """Return the day document *name* describes (the day to score it on)."""
    return SUPPLIERS_DATE if name in supplier_names() else SCORING_DATE


def document(name: str) -> dict[str, Any]:
    """Return a fresh copy of the answers document *name*.

    :raises KeyError: for a name that is not one of :func:`names`.
    """
    return copy.deepcopy(_read(name))


def _files() -> list[Path]:
    return list(DOCUMENTS_DIR.rglob("*.yaml"))


@functools.cache
def _read(name: str) -> dict[str, Any]:
    if name not in names():
        raise KeyError(f"no answers document named {name!r} in {DOCUMENTS_DIR}")
    with (DOCUMENTS_DIR / f"{name}.yaml").open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)
