"""PDF due-diligence reports, in English or Japanese.

A pure renderer: the web layer prepares a :class:`~reports.data.ReportData`
and :meth:`DueDiligenceReport.render` turns it into PDF bytes, without Flask
or the database.
"""

from .data import ReportData
from .renderer import DueDiligenceReport

__all__ = ["DueDiligenceReport", "ReportData"]
