"""Demo and sample data: one set of realistic answers documents, and what is built from them.

The answers documents are data files under ``documents/`` (see :mod:`demo.documents`):

- ``high-risk``: a complete document rated critical, for benchmarks, the sample report and
  the rules tests;
- ``low-risk``: a complete document rated low, for the rules tests;
- ``suppliers/<name>``: one per demo supplier, for the demo data and the workflow tests;
- ``calibration/<name>``: realistic answer sets for the newest questionnaire, each with the
  rating an auditor would expect (the calibration table, :mod:`demo.calibration`).

Built from them: :mod:`demo.loader` loads the demo organisations, users and submissions
(``flask demo-data``) through :mod:`demo.submissions`; :mod:`demo.report` builds the sample
report. Importing this package (and :mod:`demo.report`) needs neither Flask nor a database.
"""

from demo.documents import (
    DOCUMENTS_DIR,
    HIGH_RISK,
    LOW_RISK,
    SCORING_DATE,
    SUPPLIERS_DATE,
    as_of,
    calibration_names,
    document,
    names,
    supplier_names,
)

__all__ = [
    "DOCUMENTS_DIR",
    "HIGH_RISK",
    "LOW_RISK",
    "SCORING_DATE",
    "SUPPLIERS_DATE",
    "as_of",
    "calibration_names",
    "document",
    "names",
    "supplier_names",
]
