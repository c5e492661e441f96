"""Forms of the RMI template pages: a workbook to import, a preview to apply, a template file."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SubmitField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput


class WorkbookForm(FlaskForm):
    """Upload an EMRT or AMRT workbook (a supplier's to import, or the operator's template)."""

    #: Flask-WTF's field takes only an uploaded file, never a plain text part named "file".
    file = FileField(_l("Workbook (.xlsx)"), validators=[FileRequired()])
    submit = SubmitField(_l("Upload"))


class ApplyForm(FlaskForm):
    """Confirm a previewed import; the questions to overwrite come as ``take`` values."""

    #: The questionnaire's version the preview showed (the import is refused if it moved on).
    base_version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField(_l("Import these answers"))


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""

    action = HiddenField()
