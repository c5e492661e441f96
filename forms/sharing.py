"""The supplier's choice of the buyers who see a submission."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField


class ShareForm(FlaskForm):
    #: Choices are the supplier's buyers, set by the view.
    buyers = SelectMultipleField(coerce=int, choices=[])
