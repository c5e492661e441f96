"""Reading YAML content files: the one place that parses them, with libyaml when present."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: A safe loader (libyaml's when installed, about ten times faster than the pure-Python one).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: What reading can raise: the file, its encoding or its YAML.
ReadError = (OSError, UnicodeDecodeError, yaml.YAMLError)


def read_yaml(path: str | Path) -> Any:
    """Return the data of the YAML file at *path* (safe types only).

    :raises OSError, UnicodeDecodeError, yaml.YAMLError: see ``ReadError``.
    """
    text = Path(path).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # noqa: S506  # nosec B506
