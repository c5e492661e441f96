"""Command-line interface (``flask --app app ...``)."""

from flask import Flask


def register(app: Flask) -> None:
    """Attach every command group to *app*."""
    from commands import translate, users

    for group in (users.users_cli, users.demo_data, translate.translate_cli):
        app.cli.add_command(group)
