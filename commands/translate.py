"""Message catalogue workflow: ``flask translate extract | update | compile``."""

from __future__ import annotations

import subprocess  # noqa: S404  (runs pybabel with fixed arguments)  # nosec B404
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
DIRS = ["."]


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    # sys.executable with fixed arguments: nothing from outside reaches the command line.
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603  # nosec B603
    if result.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


translate_cli = click.Group("translate", help="Extract, update and compile translations.")


@translate_cli.command("extract")
def extract():
    """Extract the messages into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "N_",
        "--no-location",
        "--sort-output",
        "--project=Assay",
        "-o",
        str(POT),
        *DIRS,
    )


@translate_cli.command("update")
def update():
    """Extract, then merge new messages into every language's catalogue."""
    extract.callback()
    _pybabel("update", "-i", str(POT), "-d", "translations", "--no-fuzzy-matching")


@translate_cli.command("compile")
def compile_():
    """Compile the catalogues to .mo files."""
    _pybabel("compile", "-d", "translations", "--statistics")
