"""Importing an official reference-data edition an operator downloaded (ILAB, WGI).

``read_ilab`` and ``read_wgi`` read DOL's List of Goods spreadsheet or the World Bank's WGI
workbook or CSV (``.xlsx`` or ``.csv``), check its shape and map its country names to ISO
3166-1 alpha-2; every problem names its row and column. ``store`` writes the rows as a new
edition (data file and edition file, see ``rules/refdata/README.md``) into a folder, never
over an edition that exists. No database and no network: the command
(``flask refdata import``) supplies the folder and records the import.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.core import get_global

import questionnaires as qn
from rules.refdata import (
    DEFAULT_DIRECTORY,
    EDITION_ID,
    ILAB_KINDS,
    WGI_INDICATORS,
    Edition,
    ReferenceLibrary,
    data_file_name,
    edition_file_name,
    read_edition_file,
)

#: Rows searched for the header (a downloaded sheet may start with a title and notes).
HEADER_SEARCH_ROWS = 20
#: Problems listed before the rest are only counted.
MAX_PROBLEMS = 25

ILAB_COLUMNS = (
    "good",
    "sector",
    "country",
    "region",
    *ILAB_KINDS,
    "derived_input_country",
    "iso_alpha2",
    "iso_alpha3",
    "iso_map_method",
    "derived_input_iso_alpha2",
    "derived_input_iso_alpha3",
    "source_row",
)
WGI_COLUMNS = (
    "iso3",
    "iso2",
    "wgi_code",
    "economy",
    "year",
    *(f"{code}_est" for code in WGI_INDICATORS),
    *(f"{code}_pctrank" for code in WGI_INDICATORS),
    "source_row",
)
LICENCES = {
    "ilab": (
        "LICENSE-ILAB.txt",
        "US federal government work: public domain in the United States (17 U.S.C. §105)",
    ),
    "wgi": (
        "LICENSE-WGI.txt",
        "CC BY 4.0; attribution: Kaufmann & Kraay, Worldwide Governance Indicators, World "
        "Bank, www.govindicators.org. The WGI do not reflect the official views of the World "
        "Bank, its Executive Directors, or the countries they represent.",
    ),
}


class ImportProblems(ValueError):
    """The file cannot be imported; ``problems`` lists each problem with its row and column."""

    def __init__(self, path: Path | str, problems: Sequence[str]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        shown = self.problems[:MAX_PROBLEMS]
        lines = "\n".join(f"  - {problem}" for problem in shown)
        more = len(self.problems) - len(shown)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        name = Path(path).name
        super().__init__(
            f"{name}: {len(self.problems)} problem(s), nothing imported\n{lines}{tail}"
        )


@dataclass
class Imported:
    """The rows read from an operator's file, in the stored edition's columns."""

    source: str
    columns: tuple[str, ...]
    rows: list[dict[str, str]]
    #: Rows left out on purpose, e.g. "row 120: Kosovo has no ISO 3166-1 code".
    skipped: list[str] = field(default_factory=list)
    #: The WGI data year taken; None for ILAB.
    year: int | None = None
    sheet: str | None = None
    header_row: int = 1


# ------------------------------------------------------------------ countries

#: Economies some sources list that have no ISO 3166-1 alpha-2 code: skipped, and listed.
NO_ISO_CODE = frozenset(
    {"kosovo", "netherlands antilles", "netherlands antilles former", "channel islands"}
)
#: World Bank codes that are not ISO 3166-1 alpha-3 (``None``: no ISO code).
WORLD_BANK_CODES: dict[str, str | None] = {
    "ADO": "AD",
    "ROM": "RO",
    "TMP": "TL",
    "ZAR": "CD",
    "WBG": "PS",
    "KSV": None,
    "XKX": None,
    "ANT": None,
    "CHI": None,
}
#: The sources' own spellings that are not CLDR's English names (keys folded by ``_fold``).
ALIASES = {
    # ILAB List of Goods
    "burma": "MM",
    "myanmar": "MM",
    "congo democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo republic of the": "CG",
    "republic of the congo": "CG",
    "turkey turkiye": "TR",
    "turkey": "TR",
    "kyrgyz republic": "KG",
    "cote d ivoire": "CI",
    "korea north": "KP",
    "north korea": "KP",
    "korea south": "KR",
    "south korea": "KR",
    "west bank": "PS",
    "gaza": "PS",
    "west bank and gaza strip": "PS",
    # World Bank
    "congo dem rep": "CD",
    "congo rep": "CG",
    "egypt arab rep": "EG",
    "iran islamic rep": "IR",
    "korea rep": "KR",
    "korea dem people s rep": "KP",
    "korea dem rep": "KP",
    "lao pdr": "LA",
    "yemen rep": "YE",
    "venezuela rb": "VE",
    "gambia the": "GM",
    "bahamas the": "BS",
    "micronesia fed sts": "FM",
    "hong kong sar china": "HK",
    "macao sar china": "MO",
    "taiwan china": "TW",
    "st kitts and nevis": "KN",
    "st lucia": "LC",
    "st vincent and the grenadines": "VC",
    "virgin islands u s": "VI",
    "west bank and gaza": "PS",
    "slovak republic": "SK",
    "syrian arab republic": "SY",
    "russian federation": "RU",
    "brunei darussalam": "BN",
    "cabo verde": "CV",
    "czech republic": "CZ",
    "turkiye": "TR",
    "jersey channel islands": "JE",
    "macedonia fyr": "MK",
    "viet nam": "VN",
    "swaziland": "SZ",
    "timor leste": "TL",
}


def _fold(text: str) -> str:
    """Return a name folded for comparison: accents, case and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


@cache
def _english_names() -> dict[str, str]:
    names = {_fold(qn.country_name(code, "en")): code for code in qn.country_codes()}
    territories = Locale("en").territories
    names.update({_fold(territories[code]): code for code in qn.country_codes()})
    return names


@cache
def _alpha3() -> dict[str, str]:
    aliases = get_global("territory_aliases")
    return {
        key: codes[0]
        for key, codes in aliases.items()
        if len(key) == 3 and key.isalpha() and len(codes) == 1 and qn.is_country(codes[0])
    }


#: What ``country_code`` returns for an economy that has no ISO code (skipped, not an error).
NO_CODE = ""


def country_code(text: str) -> tuple[str | None, str]:
    """Return (ISO 3166-1 alpha-2, how it was found) for a country name or code.

    The alpha-2 is ``NO_CODE`` for an economy without an ISO code (Kosovo, ...) and None when
    the text names no country this knows.
    """
    value = text.strip()
    upper = value.upper()
    if len(value) == 2 and qn.is_country(upper):
        return upper, "code"
    if len(value) == 3 and value.isalpha():
        if upper in WORLD_BANK_CODES:
            mapped = WORLD_BANK_CODES[upper]
            return (mapped, "code") if mapped else (NO_CODE, "no ISO code")
        if upper in _alpha3():
            return _alpha3()[upper], "code"
    folded = _fold(value)
    if folded in NO_ISO_CODE:
        return NO_CODE, "no ISO code"
    if folded in _english_names():
        return _english_names()[folded], "babel"
    if folded in ALIASES:
        return ALIASES[folded], "alias"
    return None, ""


# ------------------------------------------------------------------ reading files


@dataclass
class _Sheet:
    name: str | None
    rows: list[tuple[int, list[str]]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 10_000:
        return str(int(value))
    return str(value).strip()


def _sheets(path: Path, sheet: str | None) -> Iterator[_Sheet]:
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                rows = [
                    (n, [c.strip() for c in row]) for n, row in enumerate(csv.reader(handle), 1)
                ]
        except UnicodeDecodeError as error:
            raise ImportProblems(path, [f"not UTF-8 text ({error.reason})"]) from error
        except csv.Error as error:
            raise ImportProblems(path, [f"not a CSV file ({error})"]) from error
        yield _Sheet(None, rows)
        return
    if suffix != ".xlsx":
        raise ImportProblems(path, ["not an .xlsx or .csv file"])
    from openpyxl import load_workbook  # only the import reads spreadsheets

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a bad file)
        raise ImportProblems(path, [f"not a readable .xlsx workbook ({error})"]) from error
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            names = ", ".join(workbook.sheetnames)
            raise ImportProblems(path, [f"no sheet {sheet!r} (sheets: {names})"])
        for name in [sheet] if sheet is not None else workbook.sheetnames:
            rows = [
                (number, [_cell(value) for value in values])
                for number, values in enumerate(workbook[name].iter_rows(values_only=True), 1)
            ]
            yield _Sheet(name, rows)
    finally:
        workbook.close()


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_key(text: str) -> str:
    text = text.casefold().replace("labour", "labor").replace("_", " ").replace("-", " ")
    return " ".join(text.strip(" :*").split())


@dataclass
class _Table:
    sheet: str | None
    header_row: int
    header: list[str]
    #: role -> column index
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]

    def where(self, number: int, role: str) -> str:
        index = self.columns[role]
        return f"row {number}, column {self.header[index]!r} ({column_letter(index)})"

    def value(self, cells: list[str], role: str) -> str:
        index = self.columns.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""


def _table(
    path: Path,
    sheet: str | None,
    aliases: dict[str, set[str]],
    is_header: Callable[[dict[str, int]], bool],
    expected: str,
) -> _Table:
    """Return the first sheet's table whose header row ``is_header`` accepts."""
    first: tuple[str | None, int, list[str]] | None = None
    for candidate in _sheets(path, sheet):
        for number, cells in candidate.rows[:HEADER_SEARCH_ROWS]:
            if not any(cells):
                continue
            roles: dict[str, int] = {}
            for index, text in enumerate(cells):
                key = _header_key(text)
                for role, names in aliases.items():
                    if key in names and role not in roles:
                        roles[role] = index
            if is_header(roles):
                rows = [(n, c) for n, c in candidate.rows if n > number]
                return _Table(candidate.name, number, cells, roles, rows)
            if first is None:
                first = (candidate.name, number, cells)
    if first is None:
        raise ImportProblems(path, ["the file is empty"])
    name, number, cells = first
    found = ", ".join(repr(c) for c in cells if c) or "nothing"
    where = f"sheet {name!r}, row {number}" if name else f"row {number}"
    raise ImportProblems(
        path,
        [
            f"no header row: none of the first {HEADER_SEARCH_ROWS} rows has the columns "
            f"{expected} ({where} has {found})"
        ],
    )


def _country(
    table: _Table, number: int, cells: list[str], role: str, problems: list[str]
) -> tuple[str | None, str]:
    text = table.value(cells, role)
    if not text:
        problems.append(f"{table.where(number, role)}: empty, a country is needed")
        return None, ""
    code, method = country_code(text)
    if code is None:
        problems.append(f"{table.where(number, role)}: unknown country {text!r}")
    return code, method


# ------------------------------------------------------------------ ILAB

ILAB_ALIASES = {
    "good": {"good", "goods", "product"},
    "country": {"country", "country/area", "country / area", "country or area", "country area"},
    "sector": {"sector"},
    "region": {"region"},
    "child_labor": {"child labor", "cl"},
    "forced_labor": {"forced labor", "fl"},
    "forced_child_labor": {"forced child labor", "fcl"},
    "derived_labor_exploitation": {"derived labor exploitation", "derived labor"},
    "exploitation": {"exploitation type", "exploitation types", "type of exploitation"},
    "derived_input_country": {
        "derived input country",
        "input country",
        "country of input",
        "source country of input",
    },
}
KIND_NAMES = {
    "child labor": "child_labor",
    "forced labor": "forced_labor",
    "forced child labor": "forced_child_labor",
    "derived labor exploitation": "derived_labor_exploitation",
    "cl": "child_labor",
    "fl": "forced_labor",
    "fcl": "forced_child_labor",
}
YES = frozenset({"yes", "y", "x", "true", "1", "✓", "✔"})
NO = frozenset({"no", "n", "false", "0", "", "-", "—"})
NO_INPUT = frozenset({"", "no", "n/a", "na", "none", "-", "—"})


def _kinds_in(text: str) -> Iterable[str]:
    parts = re.split(r"[,;/]|\band\b|\+", text.casefold().replace("labour", "labor"))
    return [" ".join(part.split()) for part in parts if part.strip()]


def read_ilab(path: str | Path, sheet: str | None = None) -> Imported:
    """Read DOL's List of Goods (``.xlsx`` or ``.csv``): one row per good and country, with a
    Yes/No column per kind of labour or an "Exploitation Type" column naming them.

    :raises ImportProblems: naming each bad row and column; nothing is returned then.
    """
    path = Path(path)
    kinds_or_type = {*ILAB_KINDS, "exploitation"}
    table = _table(
        path,
        sheet,
        ILAB_ALIASES,
        lambda roles: {"good", "country"} <= set(roles),
        "'Good' and 'Country'",
    )
    if not kinds_or_type & set(table.columns):
        found = ", ".join(repr(c) for c in table.header if c)
        raise ImportProblems(
            path,
            [
                f"row {table.header_row}: no column gives the kind of labour: expected 'Child "
                "Labor', 'Forced Labor', 'Forced Child Labor', 'Derived Labor Exploitation' "
                f"or 'Exploitation Type' (found {found})"
            ],
        )
    problems: list[str] = []
    skipped: list[str] = []
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for number, cells in table.rows:
        if not any(cells):
            continue
        good = table.value(cells, "good")
        if not good:
            problems.append(f"{table.where(number, 'good')}: empty, a good is needed")
            continue
        code, method = _country(table, number, cells, "country", problems)
        kinds: set[str] = set()
        for kind in ILAB_KINDS:
            if kind not in table.columns:
                continue
            text = table.value(cells, kind).casefold()
            if text in YES:
                kinds.add(kind)
            elif text not in NO:
                problems.append(
                    f"{table.where(number, kind)}: {table.value(cells, kind)!r} is not Yes or No"
                )
        if "exploitation" in table.columns:
            for name in _kinds_in(table.value(cells, "exploitation")):
                if name in KIND_NAMES:
                    kinds.add(KIND_NAMES[name])
                else:
                    problems.append(
                        f"{table.where(number, 'exploitation')}: unknown kind of labour "
                        f"{name!r} (expected Child Labor, Forced Labor, Forced Child Labor "
                        "or Derived Labor Exploitation)"
                    )
        derived_code, derived_name = "", ""
        if "derived_input_country" in table.columns:
            derived_name = table.value(cells, "derived_input_country")
            if derived_name.casefold() not in NO_INPUT:
                derived, _method = _country(table, number, cells, "derived_input_country", problems)
                derived_code = derived or ""
        if code is None:
            continue
        if code == NO_CODE:
            country = table.value(cells, "country")
            skipped.append(f"row {number}: {good}, {country} (no ISO 3166-1 code)")
            continue
        if not kinds:
            if not any(p.startswith(f"row {number},") for p in problems):
                problems.append(f"row {number}: {good}, {code}: no kind of labour is marked")
            continue
        key = (" ".join(good.split()).casefold(), code)
        row = merged.get(key)
        if row is None:
            row = merged[key] = {
                "good": " ".join(good.split()),
                "sector": table.value(cells, "sector"),
                "country": table.value(cells, "country"),
                "region": table.value(cells, "region"),
                **{kind: "No" for kind in ILAB_KINDS},
                "derived_input_country": "No",
                "iso_alpha2": code,
                "iso_alpha3": "",
                "iso_map_method": method,
                "derived_input_iso_alpha2": "",
                "derived_input_iso_alpha3": "",
                "source_row": str(number),
            }
        else:
            row["source_row"] += f" {number}"
        for kind in kinds:
            row[kind] = "Yes"
        if derived_code:
            row["derived_input_country"] = derived_name
            row["derived_input_iso_alpha2"] = derived_code
    if problems:
        raise ImportProblems(path, problems)
    if not merged:
        raise ImportProblems(path, [f"no listing below the header (row {table.header_row})"])
    rows = sorted(merged.values(), key=lambda r: (r["good"].casefold(), r["iso_alpha2"]))
    return Imported("ilab", ILAB_COLUMNS, rows, skipped, None, table.sheet, table.header_row)


# ------------------------------------------------------------------ WGI

INDICATOR_NAMES = {
    "voice and accountability": "va",
    "political stability and absence of violence/terrorism": "pv",
    "political stability and absence of violence": "pv",
    "political stability": "pv",
    "government effectiveness": "ge",
    "regulatory quality": "rq",
    "rule of law": "rl",
    "control of corruption": "cc",
    **{code: code for code in WGI_INDICATORS},
}
WGI_ALIASES = {
    "code": {"code", "country code", "iso3", "wgi code", "economy code"},
    "iso2": {"iso2", "iso alpha2"},
    "name": {"countryname", "country name", "country", "economy", "country/economy"},
    "year": {"year", "time"},
    "indicator": {"indicator", "indicator code"},
    "pctrank": {"pctrank", "percentile rank", "percentile"},
    "estimate": {"estimate", "est"},
    "series": {"series code"},
    **{f"{code}_pctrank": {f"{code} pctrank"} for code in WGI_INDICATORS},
    **{f"{code}_est": {f"{code} est"} for code in WGI_INDICATORS},
}
_YEAR_COLUMN = re.compile(r"^((?:19|20)\d{2})(?: \[yr\d{4}\])?$")
_SERIES = re.compile(r"^(va|pv|ge|rq|rl|cc)\.(per\.rnk|est)$")
MISSING = frozenset({"", "..", "#n/a", "n/a", "na"})


def _number(table: _Table, number: int, cells: list[str], role: str, problems: list[str]):
    text = table.value(cells, role)
    return _parse_number(text, table.where(number, role), role.endswith("pctrank"), problems)


def _parse_number(text: str, where: str, rank: bool, problems: list[str]) -> str:
    if text.casefold() in MISSING:
        return ""
    try:
        value = float(text)
    except ValueError:
        problems.append(f"{where}: {text!r} is not a number")
        return ""
    if rank and not 0 <= value <= 100:
        problems.append(f"{where}: {text} is not a percentile rank (0 to 100)")
    elif not rank and not -5 <= value <= 5:
        problems.append(f"{where}: {text} is not a WGI estimate (about -2.5 to 2.5)")
    return text


def _year(table: _Table, number: int, cells: list[str], problems: list[str]) -> int | None:
    text = table.value(cells, "year")
    if re.fullmatch(r"(19|20)\d{2}", text):
        return int(text)
    problems.append(f"{table.where(number, 'year')}: {text!r} is not a year")
    return None


def read_wgi(path: str | Path, sheet: str | None = None, year: int | None = None) -> Imported:
    """Read the World Bank's WGI: the workbook in long form (one row per economy, year and
    indicator: ``code, countryname, year, indicator, estimate, pctrank``), a DataBank download
    (``Country Name, Country Code, Series Code, 2023 [YR2023], ...``), or one row per economy
    with ``<indicator>_pctrank`` columns. Takes one data year (``year``, else the latest).

    :raises ImportProblems: naming each bad row and column; nothing is returned then.
    """
    path = Path(path)

    def is_header(roles: dict[str, int]) -> bool:
        has_country = bool({"code", "iso2", "name"} & set(roles))
        long = {"indicator", "pctrank"} <= set(roles)
        wide = all(f"{code}_pctrank" in roles for code in WGI_INDICATORS)
        return has_country and (long or wide or "series" in roles)

    table = _table(
        path,
        sheet,
        WGI_ALIASES,
        is_header,
        "'Country Name' or 'Code' with 'Indicator' and 'pctrank', 'Series Code' and years, "
        "or '<indicator>_pctrank'",
    )
    problems: list[str] = []
    # (year, iso2) -> stored row
    found: dict[tuple[int, str], dict[str, str]] = {}
    skipped: list[str] = []

    def economy(number: int, cells: list[str]) -> tuple[str | None, str, str]:
        """Return (alpha-2 or NO_CODE or None, code as given, name)."""
        name = table.value(cells, "name")
        code = table.value(cells, "code")
        for role in ("iso2", "code", "name"):
            if table.value(cells, role):
                mapped, _method = country_code(table.value(cells, role))
                if mapped is not None:
                    return mapped, code, name
        where = table.where(number, next(r for r in ("name", "code", "iso2") if r in table.columns))
        given = " / ".join(v for v in (code, name, table.value(cells, "iso2")) if v)
        if not given:
            problems.append(f"{where}: empty, a country is needed")
        else:
            problems.append(f"{where}: unknown country {given!r}")
        return None, code, name

    def skip(number: int, code: str, name: str) -> None:
        label = f"row {number}: {name or code} (no ISO 3166-1 code)"
        if not any(item.endswith(f"{name or code} (no ISO 3166-1 code)") for item in skipped):
            skipped.append(label)

    def row_for(key_year: int, iso2: str, code: str, name: str, number: int) -> dict[str, str]:
        row = found.get((key_year, iso2))
        if row is None:
            row = found[(key_year, iso2)] = dict.fromkeys(WGI_COLUMNS, "")
            row.update(
                iso3=code if len(code) == 3 and code.upper() in _alpha3() else "",
                iso2=iso2,
                wgi_code=code,
                economy=name,
                year=str(key_year),
                source_row=str(number),
            )
        elif str(number) not in row["source_row"].split():
            row["source_row"] += f" {number}"
        return row

    years_in_header = {
        index: int(match.group(1))
        for index, text in enumerate(table.header)
        if (match := _YEAR_COLUMN.match(_header_key(text)))
    }
    for number, cells in table.rows:
        if not any(cells):
            continue
        if "series" in table.columns:  # DataBank: one row per economy and series
            series = table.value(cells, "series").casefold()
            if not series and not table.value(cells, "code"):
                continue  # the notes DataBank appends below the data
            match = _SERIES.match(series)
            if not match:
                continue  # standard errors, number of sources, bounds
            iso2, code, name = economy(number, cells)
            if iso2 == NO_CODE:
                skip(number, code, name)
            if not iso2:
                continue
            column = f"{match.group(1)}_{'pctrank' if match.group(2) == 'per.rnk' else 'est'}"
            for index, key_year in years_in_header.items():
                text = cells[index].strip() if index < len(cells) else ""
                where = f"row {number}, column {table.header[index]!r} ({column_letter(index)})"
                value = _parse_number(text, where, column.endswith("pctrank"), problems)
                row_for(key_year, iso2, code, name, number)[column] = value
            continue
        iso2, code, name = economy(number, cells)
        key_year = _year(table, number, cells, problems) if "year" in table.columns else year
        if iso2 == NO_CODE:
            skip(number, code, name)
            continue
        if not iso2:
            continue
        if key_year is None:
            if "year" not in table.columns:
                problems.append(f"row {table.header_row}: no 'year' column: give --year")
                break
            continue
        row = row_for(key_year, iso2, code, name, number)
        if "indicator" in table.columns:  # long form
            text = table.value(cells, "indicator")
            indicator = INDICATOR_NAMES.get(" ".join(text.casefold().split()))
            if indicator is None:
                problems.append(
                    f"{table.where(number, 'indicator')}: unknown indicator {text!r} "
                    f"(expected {', '.join(WGI_INDICATORS)} or their names)"
                )
                continue
            row[f"{indicator}_pctrank"] = _number(table, number, cells, "pctrank", problems)
            if "estimate" in table.columns:
                row[f"{indicator}_est"] = _number(table, number, cells, "estimate", problems)
        else:  # one row per economy
            for code_ in WGI_INDICATORS:
                for kind in ("pctrank", "est"):
                    if f"{code_}_{kind}" in table.columns:
                        row[f"{code_}_{kind}"] = _number(
                            table, number, cells, f"{code_}_{kind}", problems
                        )
    if problems:
        raise ImportProblems(path, problems)
    ranks = [f"{code}_pctrank" for code in WGI_INDICATORS]
    years = sorted({y for (y, _), row in found.items() if any(row[c] for c in ranks)})
    if not years:
        raise ImportProblems(
            path, [f"no percentile rank below the header (row {table.header_row})"]
        )
    chosen = year if year is not None else years[-1]
    if chosen not in years:
        have = ", ".join(map(str, years))
        raise ImportProblems(path, [f"no percentile rank for year {chosen} (years: {have})"])
    rows = sorted(
        (row for (y, _), row in found.items() if y == chosen), key=lambda row: row["iso2"]
    )
    return Imported("wgi", WGI_COLUMNS, rows, skipped, chosen, table.sheet, table.header_row)


# ------------------------------------------------------------------ storing an edition


def default_edition(imported: Imported, path: Path) -> str | None:
    """Return the edition id an import takes when none is given: the WGI data year; for ILAB
    the one year (``20xx``) in the file's name, if it has exactly one."""
    if imported.year is not None:
        return str(imported.year)
    years = set(re.findall(r"(?<!\d)(20\d{2})(?!\d)", path.name))
    return years.pop() if len(years) == 1 else None


def default_label(imported: Imported, edition: str, path: Path) -> str:
    """Return the label of an imported edition when the operator gives none."""
    origin = f"imported from {path.name}"
    if imported.source == "wgi":
        return f"Worldwide Governance Indicators, data year {imported.year} ({origin})"
    return f"ILAB List of Goods, edition {edition} ({origin})"


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def store(
    imported: Imported,
    directory: str | Path,
    edition: str,
    label: str,
    origin: Path,
    library: ReferenceLibrary,
    now: datetime | None = None,
) -> Edition:
    """Write ``imported`` as edition ``edition`` into ``directory`` and return it.

    Writes the data file, the edition file (label, provenance, import details) and, when
    missing, the source's licence file. Never replaces anything.

    :raises ImportProblems: when the edition id is invalid or the edition exists already.
    """
    source, folder = imported.source, Path(directory)
    if not EDITION_ID.match(edition):
        raise ImportProblems(
            origin,
            [f"edition {edition!r}: use letters, digits, '.', '+' and '-' (at most 40)"],
        )
    existing = library.get(source, edition)
    data_path = folder / data_file_name(source, edition)
    meta_path = folder / edition_file_name(source, edition)
    if existing is not None or data_path.exists() or meta_path.exists():
        where = existing.path if existing is not None else folder
        raise ImportProblems(
            origin,
            [
                f"edition {edition!r} of {source!r} exists already ({where}); an edition is "
                "never replaced: choose another id with --edition"
            ],
        )
    folder.mkdir(parents=True, exist_ok=True)
    when = (now or datetime.now(UTC)).replace(microsecond=0)
    checksum = sha256_of(origin)
    licence_file, licence = LICENCES[source]
    where = f"sheet {imported.sheet!r}, " if imported.sheet else ""
    year = f", data year {imported.year}" if imported.year is not None else ""
    meta = {
        "source": source,
        "edition": edition,
        "label": label,
        "data": data_path.name,
        "licence": licence_file,
        "provenance": (
            f"Imported by an operator with `flask refdata import {source}` on "
            f"{when.date().isoformat()} from {origin.name} (SHA-256 {checksum}), "
            f"{where}header at row {imported.header_row}{year}; {len(imported.rows)} rows, "
            f"countries mapped to ISO 3166-1 alpha-2 (column iso_map_method), row numbers of "
            f"the file in source_row. Licence: {licence}"
        ),
        "imported": {
            "file": origin.name,
            "sha256": checksum,
            "at": when.isoformat(),
            "sheet": imported.sheet,
            "header_row": imported.header_row,
            "year": imported.year,
            "rows": len(imported.rows),
            "skipped": list(imported.skipped),
        },
    }
    with data_path.open("x", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(imported.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(imported.rows)
    try:
        with meta_path.open("x", encoding="utf-8") as out:
            yaml.safe_dump(meta, out, sort_keys=False, allow_unicode=True, width=100)
    except OSError:
        data_path.unlink()
        raise
    licence_path = folder / licence_file
    if not licence_path.exists():
        shutil.copyfile(DEFAULT_DIRECTORY / licence_file, licence_path)
    return read_edition_file(meta_path)


def remove(edition: Edition) -> None:
    """Remove the files of an edition just stored (when recording its import failed)."""
    edition.path.unlink(missing_ok=True)
    (edition.path.parent / edition_file_name(edition.source, edition.id)).unlink(missing_ok=True)
