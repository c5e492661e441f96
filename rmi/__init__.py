"""RMI's reporting templates (EMRT 2.x, AMRT 1.3): read by cell address, map onto the
questionnaire's answers, and write into an official template the operator supplies.

Pure Python (openpyxl, no Flask, no database): ``services/rmi.py`` keeps the files, checks
access and stores the answers. RMI's workbooks are not part of the project.
"""

from rmi.exporting import from_answers
from rmi.layouts import AMRT, EMRT, LAYOUTS, Layout, supported
from rmi.mapping import Mapping, Proposal, propose, to_answers
from rmi.model import (
    ERROR,
    PROBLEM_MESSAGES,
    WARNING,
    Declaration,
    Problem,
    Reading,
    TemplateError,
)
from rmi.reading import read
from rmi.writing import ExportRefused, template_layout, write

__all__ = [
    "AMRT",
    "EMRT",
    "ERROR",
    "LAYOUTS",
    "PROBLEM_MESSAGES",
    "WARNING",
    "Declaration",
    "ExportRefused",
    "Layout",
    "Mapping",
    "Problem",
    "Proposal",
    "Reading",
    "TemplateError",
    "from_answers",
    "propose",
    "read",
    "supported",
    "template_layout",
    "to_answers",
    "write",
]
