"""Cursor pagination: a page of items in id order and an opaque cursor for the next."""

from __future__ import annotations

import base64
import json

from flask_babel import gettext as _

from api.problems import Problem


def encode(last_id: int) -> str:
    """Return the cursor of the page after the item *last_id*."""
    raw = json.dumps({"after": last_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    """Return the id a cursor continues after (``None`` for the first page).

    :raises Problem: 400 for a cursor this API did not give.
    """
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
    except (ValueError, KeyError, TypeError, UnicodeError):
        after = None
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after < 2**63:
        raise Problem(400, _("This cursor is not one this API gave. Start from the first page."))
    return after


def page(items: list, limit: int, key=lambda item: item.id) -> dict:
    """Return ``{"items", "next_cursor"}`` from up to *limit* + 1 *items* fetched in order."""
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": encode(key(items[-1])) if more and items else None}
