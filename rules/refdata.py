"""Open reference data for inherent risk: the ILAB List of Goods and the WGI, by edition.

Each source (``ilab``, ``wgi``) has one or more **editions**. An edition is a data file
``<prefix>_<EDITION>.csv`` with an edition file ``<prefix>_<EDITION>.edition.yaml`` beside
it giving its label, provenance and licence (see ``rules/refdata/README.md``). A
:class:`ReferenceLibrary` holds every edition found in its folders (the shipped ones, and
those an operator imported); a :class:`ReferenceData` is what one evaluation reads: exactly
one edition of each source, so a score never mixes editions.

Which editions a score uses: the ones its rule set names (``reference_data`` in the rule
set), else :data:`DEFAULT_EDITIONS`; an operator may choose others for every rule set.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from questionnaires import yamlfile

from .errors import RuleSetError

DEFAULT_DIRECTORY = Path(__file__).with_name("refdata")

#: File-name prefix of each source; the key is the name recorded in ``data_editions``.
SOURCES: Mapping[str, str] = MappingProxyType({"ilab": "ilab_list_of_goods", "wgi": "wgi"})

#: The editions a rule set uses when it names none: the editions every score used before
#: rule sets could name theirs, so results of rule sets that name none stay as they were.
DEFAULT_EDITIONS: Mapping[str, str] = MappingProxyType({"ilab": "2022", "wgi": "2023"})

#: An edition id: letters, digits, ``.``, ``+`` and ``-``, starting with a letter or digit.
EDITION_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$")

#: Suffix of the file that describes an edition (beside its data file).
EDITION_SUFFIX = ".edition.yaml"

#: ILAB listing kinds, as the column names of the list.
ILAB_KINDS = ("child_labor", "forced_labor", "forced_child_labor", "derived_labor_exploitation")

#: WGI indicators with a percentile rank column ``<indicator>_pctrank``.
WGI_INDICATORS = ("va", "pv", "ge", "rq", "rl", "cc")

_ILAB_COLUMNS = {"good", "iso_alpha2", *ILAB_KINDS}
_WGI_COLUMNS = {"iso2", *(f"{code}_pctrank" for code in WGI_INDICATORS)}
_EDITION_KEYS = {"source", "edition", "label", "data", "provenance"}


@lru_cache(maxsize=4096)
def normalise_good(name: str) -> str:
    """Return the comparison key of an ILAB good name (case and spacing folded)."""
    return " ".join(name.split()).casefold()


def data_file_name(source: str, edition: str) -> str:
    """Return the name of the data file of ``edition`` of ``source``."""
    return f"{SOURCES[source]}_{edition}.csv"


def edition_file_name(source: str, edition: str) -> str:
    """Return the name of the file describing ``edition`` of ``source``."""
    return f"{SOURCES[source]}_{edition}{EDITION_SUFFIX}"


@dataclass(frozen=True)
class IlabListing:
    """One country x good row of the ILAB List of Goods."""

    good: str
    country: str
    kinds: frozenset[str]
    derived_input_country: str | None = None
    #: How sure the edition is of this row, when it says (an extract's ``confidence`` column).
    confidence: str | None = None


@dataclass(frozen=True)
class ReferenceData:
    """The reference data one evaluation uses: one edition of each source."""

    editions: Mapping[str, str]
    ilab: tuple[IlabListing, ...]
    wgi: Mapping[str, Mapping[str, float | None]]
    #: The label of each source's edition (``editions`` when not given).
    labels: Mapping[str, str] = field(default_factory=dict)
    #: Per country, its listings in order, each beside its good's comparison key.
    _by_country: Mapping[str, tuple[tuple[str, IlabListing], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[str, IlabListing]]] = {}
        for listing in self.ilab:
            index.setdefault(listing.country, []).append((normalise_good(listing.good), listing))
        grouped = {country: tuple(rows) for country, rows in index.items()}
        object.__setattr__(self, "_by_country", MappingProxyType(grouped))

    @property
    def data_editions(self) -> dict[str, str]:
        """Return the edition of each source, e.g. ``{"ilab": "2022", "wgi": "2023"}``."""
        return dict(sorted(self.editions.items()))

    @property
    def data_labels(self) -> dict[str, str]:
        """Return the label of each source's edition, e.g. ``{"ilab": "ILAB List of ..."}``."""
        return {source: self.label(source) for source in self.data_editions}

    def label(self, source: str) -> str:
        """Return the label of the edition of ``source`` (its id when it has no label)."""
        return self.labels.get(source) or f"{source} {self.editions.get(source, '')}".strip()

    def ilab_listings(self, country: str, goods: Iterable[str]) -> list[IlabListing]:
        """Return the listings of ``country`` (alpha-2) for any of ``goods``."""
        wanted = {normalise_good(good) for good in goods}
        return [
            listing for key, listing in self._by_country.get(country.upper(), ()) if key in wanted
        ]

    def wgi_percentile(self, country: str, indicator: str) -> float | None:
        """Return the WGI percentile rank (0-100, 100 best) or None when not published."""
        return self.wgi.get(country.upper(), {}).get(indicator)


@dataclass(frozen=True)
class Edition:
    """One edition of a source: its data file, label and provenance."""

    source: str
    id: str
    label: str
    #: The data file (``<prefix>_<id>.csv``).
    path: Path
    provenance: str
    licence: str | None = None
    #: Everything the edition file says (import details of an operator's edition included).
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the edition's description as plain data."""
        return {
            "source": self.source,
            "edition": self.id,
            "label": self.label,
            "data": str(self.path),
            "provenance": self.provenance,
            "licence": self.licence,
        }


class ReferenceLibrary:
    """Every edition of every source found in some folders; selects one edition per source."""

    def __init__(
        self, editions: Iterable[Edition], defaults: Mapping[str, str] = DEFAULT_EDITIONS
    ) -> None:
        self._editions: dict[tuple[str, str], Edition] = {}
        problems = []
        for edition in editions:
            key = (edition.source, edition.id)
            if key in self._editions:
                problems.append(
                    f"edition {edition.id!r} of {edition.source!r} is defined twice: "
                    f"{self._editions[key].path} and {edition.path}"
                )
            self._editions[key] = edition
        if problems:
            raise RuleSetError(problems)
        self.defaults: Mapping[str, str] = MappingProxyType(dict(defaults))
        self._selected: dict[tuple[tuple[str, str], ...], ReferenceData] = {}

    def editions(self, source: str | None = None) -> list[Edition]:
        """Return the editions (of ``source``), ordered by source and id."""
        return sorted(
            (e for e in self._editions.values() if source is None or e.source == source),
            key=lambda e: (e.source, e.id),
        )

    def get(self, source: str, edition: str) -> Edition | None:
        """Return edition ``edition`` of ``source``, or None when the library has none."""
        return self._editions.get((source, edition))

    def choice(self, editions: Mapping[str, str] | None = None) -> dict[str, str]:
        """Return the edition of each source: ``editions`` where given, else the default.

        :raises RuleSetError: naming every unknown source or edition.
        """
        wanted = {**self.defaults, **(editions or {})}
        problems = [
            f"unknown reference-data source {name!r}" for name in wanted if name not in SOURCES
        ]
        for source in SOURCES:
            edition = wanted.get(source)
            if edition is None:
                problems.append(f"no edition chosen for source {source!r}")
            elif (source, edition) not in self._editions:
                have = ", ".join(e.id for e in self.editions(source)) or "none"
                problems.append(f"no edition {edition!r} of source {source!r} (have: {have})")
        if problems:
            raise RuleSetError(problems)
        return {source: wanted[source] for source in SOURCES}

    def select(self, editions: Mapping[str, str] | None = None) -> ReferenceData:
        """Return the reference data of one edition per source (``editions``, else defaults).

        The same choice returns the same object: each edition is read once.

        :raises RuleSetError: when a source or edition is unknown or a file is malformed.
        """
        chosen = self.choice(editions)
        key = tuple(sorted(chosen.items()))
        data = self._selected.get(key)
        if data is None:
            ilab, wgi = (self._editions[(source, chosen[source])] for source in ("ilab", "wgi"))
            data = _read(ilab, wgi)
            self._selected[key] = data
        return data


def read_edition_file(path: Path) -> Edition:
    """Return the edition described by the edition file at ``path``.

    :raises RuleSetError: when the file is not a valid edition file.
    """
    try:
        data = yamlfile.read_yaml(path)
    except yamlfile.ReadError as error:
        raise RuleSetError([f"not a readable edition file: {error}"], str(path)) from error
    if not isinstance(data, dict):
        raise RuleSetError(["an edition file is a mapping"], str(path))
    problems = [f"missing {key!r}" for key in sorted(_EDITION_KEYS - set(data))]
    source, edition = str(data.get("source", "")), str(data.get("edition", ""))
    if source not in SOURCES:
        problems.append(f"source {source!r} is not one of {', '.join(SOURCES)}")
    if not EDITION_ID.match(edition):
        problems.append(f"edition {edition!r} is not a valid edition id")
    if not problems:
        expected = (data_file_name(source, edition), edition_file_name(source, edition))
        if (str(data["data"]), path.name) != expected:
            problems.append(
                f"edition {edition!r} of {source!r} must be named {expected[1]} "
                f"and describe {expected[0]}"
            )
        elif not (path.parent / expected[0]).is_file():
            problems.append(f"data file {expected[0]} is missing")
    if problems:
        raise RuleSetError(problems, str(path))
    licence = data.get("licence")
    return Edition(
        source=source,
        id=edition,
        label=str(data["label"]),
        path=path.parent / str(data["data"]),
        provenance=str(data["provenance"]).strip(),
        licence=str(licence) if licence else None,
        meta=MappingProxyType(dict(data)),
    )


def find_editions(directory: str | Path) -> list[Edition]:
    """Return the editions in ``directory`` (none when it does not exist).

    :raises RuleSetError: when an edition file is invalid, or a data file has no edition
        file (a data file alone has no label or provenance, so it is never used).
    """
    folder = Path(directory)
    if not folder.is_dir():
        return []
    editions, problems = [], []
    for path in sorted(folder.glob(f"*{EDITION_SUFFIX}")):
        try:
            editions.append(read_edition_file(path))
        except RuleSetError as error:
            problems.extend(f"{path.name}: {problem}" for problem in error.problems)
    described = {edition.path.name for edition in editions}
    for prefix in SOURCES.values():
        for path in sorted(folder.glob(f"{prefix}_*.csv")):
            if path.name not in described:
                problems.append(
                    f"{path.name}: no edition file ({path.stem}{EDITION_SUFFIX}) gives its "
                    "label and provenance"
                )
    if problems:
        raise RuleSetError(problems, str(folder))
    return editions


def load_library(*directories: str | Path | None) -> ReferenceLibrary:
    """Return the editions of ``directories`` (default: the shipped folder) as one library.

    :raises RuleSetError: when an edition file is invalid or an edition is defined twice.
    """
    folders = [Path(d) for d in directories if d is not None] or [DEFAULT_DIRECTORY]
    editions = [
        e for folder in folders if folder != DEFAULT_DIRECTORY for e in find_editions(folder)
    ]
    if DEFAULT_DIRECTORY not in folders:
        return ReferenceLibrary(editions)
    if not editions:
        return shipped_library()  # loaded once, with the data it has read
    return ReferenceLibrary([*shipped_library().editions(), *editions])


@lru_cache(maxsize=1)
def shipped_library() -> ReferenceLibrary:
    """Return the library of the shipped editions (loaded once)."""
    return ReferenceLibrary(find_editions(DEFAULT_DIRECTORY))


def load_reference_data(
    directory: str | Path | None = None, editions: Mapping[str, str] | None = None
) -> ReferenceData:
    """Return one edition of each source from ``directory`` (default: the shipped data).

    :param editions: source -> edition id; sources not named get :data:`DEFAULT_EDITIONS`.
    :raises RuleSetError: when a source or edition is missing or a file is malformed.
    """
    return load_library(directory).select(editions)


def _read(ilab: Edition, wgi: Edition) -> ReferenceData:
    return ReferenceData(
        editions=MappingProxyType({"ilab": ilab.id, "wgi": wgi.id}),
        ilab=tuple(_read_ilab(ilab.path)),
        wgi=MappingProxyType(_read_wgi(wgi.path)),
        labels=MappingProxyType({"ilab": ilab.label, "wgi": wgi.label}),
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
        confidence = (row.get("confidence") or "").strip() or None
        yield IlabListing(row["good"].strip(), country, kinds, derived_from, confidence)


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
