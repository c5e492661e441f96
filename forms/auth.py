"""Sign-in, language and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from forms.validators import ShortEnough
from i18n import LANGUAGE_NAMES


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()
    #: Answers posted while the session had ended, kept for the user to save after sign-in.
    pending = HiddenField()
    submit = SubmitField(_l("Sign in"))


class ForgotPasswordForm(FlaskForm):
    """The address to send a password reset link to."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()])
    submit = SubmitField(_l("Send me a link"))


class LanguageForm(FlaskForm):
    """The header's language switcher: one button per language, no JavaScript needed."""

    next = HiddenField()

    def chosen(self, formdata) -> str | None:
        """Return the language whose button was pressed, if it is one we offer."""
        value = formdata.get("lang")
        return value if value in LANGUAGE_NAMES else None


class PasswordForm(FlaskForm):
    """A new password, typed twice (``accounts.check_password_strength`` judges it)."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(PasswordForm):
    """The signed-in user's own password change."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField(_l("Change password"))
