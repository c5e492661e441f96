"""Schema building blocks of the API: text fields that store safely, and the problem shape."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext as _

from bidi_controls import strip_bidi


class Text(ma.fields.String):
    """A string that holds no NUL (no database stores it) and loses bidi controls."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in value:
            raise ma.ValidationError(_("Enter text without control characters."))
        return strip_bidi(value)


class Schema(ma.Schema):
    """A request or response shape; unknown fields in a request are refused."""

    class Meta:
        unknown = ma.RAISE


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = ma.fields.String(required=True, metadata={"description": "URI of the problem type"})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    instance = ma.fields.String(required=True)
    errors = ma.fields.Dict(metadata={"description": "Invalid values, by location and field"})


class PageQuery(Schema):
    """Cursor pagination: at most *limit* items after *cursor*."""

    limit = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=100))
    cursor = Text(validate=ma.validate.Length(max=200))


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """Return the schema of one page of *item_schema* items."""
    return ma.Schema.from_dict(
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "next_cursor": ma.fields.String(
                required=True,
                allow_none=True,
                metadata={"description": "Pass as `cursor` for the next page; null at the end"},
            ),
        },
        name=name,
    )
