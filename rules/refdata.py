"""Open reference data for inherent risk: the ILAB List of Goods and the WGI.

Each source is a CSV file named ``<source>_<YEAR>.csv`` in the reference-data
folder; the newest edition of each source is used, so a new edition is a file
added to the folder (see ``rules/refdata/README.md``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import RuleSetError

DEFAULT_DIRECTORY = Path(__file__).with_name("refdata")

#: File-name patterns of the sources; the key is the name recorded in ``data_editions``.
SOURCES: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "ilab": re.compile(r"^ilab_list_of_goods_(\d{4})\.csv$"),
        "wgi": re.compile(r"^wgi_(\d{4})\.csv$"),
    }
)

#: ILAB listing kinds, as the column names of the list.
ILAB_KINDS = ("child_labor", "forced_labor", "forced_child_labor", "derived_labor_exploitation")

#: WGI indicators with a percentile rank column ``<indicator>_pctrank``.
WGI_INDICATORS = ("va", "pv", "ge", "rq", "rl", "cc")

_ILAB_COLUMNS = {"good", "iso_alpha2", *ILAB_KINDS}
_WGI_COLUMNS = {"iso2", *(f"{code}_pctrank" for code in WGI_INDICATORS)}


def normalise_good(name: str) -> str:
    """Return the comparison key of an ILAB good name (case and spacing folded)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class IlabListing:
    """One country x good row of the ILAB List of Goods."""

    good: str
    country: str
    kinds: frozenset[str]
    derived_input_country: str | None = None


@dataclass(frozen=True)
class ReferenceData:
    """The reference data one evaluation uses, with the edition of each source."""

    editions: Mapping[str, str]
    ilab: tuple[IlabListing, ...]
    wgi: Mapping[str, Mapping[str, float | None]]
    _by_country: Mapping[str, tuple[IlabListing, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[IlabListing]] = {}
        for listing in self.ilab:
            index.setdefault(listing.country, []).append(listing)
        grouped = {country: tuple(rows) for country, rows in index.items()}
        object.__setattr__(self, "_by_country", MappingProxyType(grouped))

    @property
    def data_editions(self) -> dict[str, str]:
        """Return the edition of each source, e.g. ``{"ilab": "2022", "wgi": "2023"}``."""
        return dict(sorted(self.editions.items()))

    def ilab_listings(self, country: str, goods: Iterable[str]) -> list[IlabListing]:
        """Return the listings of ``country`` (alpha-2) for any of ``goods``."""
        wanted = {normalise_good(good) for good in goods}
        return [
            listing
            for listing in self._by_country.get(country.upper(), ())
            if normalise_good(listing.good) in wanted
        ]

    def wgi_percentile(self, country: str, indicator: str) -> float | None:
        """Return the WGI percentile rank (0-100, 100 best) or None when not published."""
        return self.wgi.get(country.upper(), {}).get(indicator)


def newest_editions(directory: Path) -> dict[str, Path]:
    """Return the newest file of each source in ``directory``.

    :raises RuleSetError: when a source has no file in the folder.
    """
    found: dict[str, tuple[str, Path]] = {}
    for path in directory.iterdir():
        for source, pattern in SOURCES.items():
            match = pattern.match(path.name)
            if match and (source not in found or match.group(1) > found[source][0]):
                found[source] = (match.group(1), path)
    missing = sorted(set(SOURCES) - set(found))
    if missing:
        raise RuleSetError(
            [
                f"reference data folder {directory} has no file for source {name!r}"
                for name in missing
            ]
        )
    return {source: path for source, (_year, path) in found.items()}


def load_reference_data(directory: str | Path | None = None) -> ReferenceData:
    """Load the newest edition of every source from ``directory`` (default: the shipped data).

    :raises RuleSetError: when a source is missing or a file lacks a required column.
    """
    if directory is None:
        return _shipped()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _shipped() -> ReferenceData:
    return _load(DEFAULT_DIRECTORY)


def _load(directory: Path) -> ReferenceData:
    files = newest_editions(directory)
    editions = {source: SOURCES[source].match(path.name).group(1) for source, path in files.items()}
    return ReferenceData(
        editions=MappingProxyType(editions),
        ilab=tuple(_read_ilab(files["ilab"])),
        wgi=MappingProxyType(_read_wgi(files["wgi"])),
    )


def _rows(path: Path, required: set[str]) -> Iterable[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = sorted(required - set(reader.fieldnames or ()))
        if missing:
            raise RuleSetError([f"{path.name}: missing column(s) {', '.join(missing)}"])
        yield from reader


def _read_ilab(path: Path) -> Iterable[IlabListing]:
    for row in _rows(path, _ILAB_COLUMNS):
        country = row["iso_alpha2"].strip().upper()
        kinds = frozenset(kind for kind in ILAB_KINDS if row[kind].strip().casefold() == "yes")
        if not country or not kinds:
            continue
        derived_from = (row.get("derived_input_iso_alpha2") or "").strip().upper() or None
        yield IlabListing(row["good"].strip(), country, kinds, derived_from)


def _read_wgi(path: Path) -> dict[str, Mapping[str, float | None]]:
    table: dict[str, Mapping[str, float | None]] = {}
    for row in _rows(path, _WGI_COLUMNS):
        country = row["iso2"].strip().upper()
        if country:
            table[country] = MappingProxyType(
                {code: _number(row[f"{code}_pctrank"]) for code in WGI_INDICATORS}
            )
    return table


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None
