"""Validators shared by the forms."""

from __future__ import annotations

from wtforms.validators import Length, StopValidation, ValidationError


class ShortEnough(Length):
    """``Length`` that ends the validation: costlier validators never see over-long input.

    The e-mail validator takes time that grows with the square of the input's length, so a
    megabyte posted as an e-mail address must be refused before it looks.
    """

    def __call__(self, form, field) -> None:
        try:
            super().__call__(form, field)
        except ValidationError as error:
            raise StopValidation(str(error)) from None
