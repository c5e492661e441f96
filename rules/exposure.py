"""Inherent risk of declared sources: ILAB listings and WGI governance weakness."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import fmean
from types import MappingProxyType
from typing import Any

import questionnaires as qn

from .model import GoodLink, Inherent, InherentRow
from .refdata import IlabListing, ReferenceData


def _option_values(column: qn.Column | None) -> frozenset[str] | None:
    if column is None or not qn.answer_type(column.type).options:
        return None
    return frozenset(column.option_values)


def read_inherent(
    data: Mapping[str, Any], questionnaire: qn.Questionnaire, problems: list[str]
) -> Inherent:
    """Return the ``inherent`` block of a rule set, recording problems against the questions."""
    columns = data["columns"]
    table = questionnaire.find(data["table"])
    cells: dict[str, qn.Column] = {}
    if table is None or qn.answer_type(table.type).shape is not qn.Shape.TABLE:
        problems.append(f"inherent.table: {data['table']!r} is not a table question")
    else:
        cells = {column.id: column for column in table.columns}
        problems.extend(
            f"inherent.columns.{role}: no column {column!r}"
            for role, column in columns.items()
            if column not in cells
        )
    fallback = data.get("fallback_countries")
    fallback_question = questionnaire.find(fallback)
    if fallback is not None and (
        fallback_question is None or not qn.answer_type(fallback_question.type).country
    ):
        problems.append(f"inherent.fallback_countries: {fallback!r} is not a country question")
    minerals = _option_values(cells.get(columns["mineral"]))
    stages = _option_values(cells.get(columns["stage"]))

    def check_stages(where: str, names: Iterable[str]) -> None:
        if stages is not None:
            problems.extend(f"{where}: unknown stage {s!r}" for s in names if s not in stages)

    check_stages("inherent.stage_weights", data["stage_weights"])
    goods: dict[str, tuple[GoodLink, ...]] = {}
    for mineral, links in data["goods"].items():
        where = f"inherent.goods.{mineral}"
        if minerals is not None and mineral not in minerals:
            problems.append(f"{where}: {mineral!r} is not a mineral option")
        for link in links:
            if link["relation"] not in data["relation_weights"]:
                problems.append(f"{where}: unknown relation {link['relation']!r}")
            check_stages(where, link.get("stages", ()))
        goods[mineral] = tuple(
            GoodLink(link["good"], link["relation"], frozenset(link.get("stages", ())) or None)
            for link in links
        )
    governance = data["governance"]
    return Inherent(
        table=data["table"],
        mineral_column=columns["mineral"],
        stage_column=columns["stage"],
        country_column=columns["country"],
        fallback_countries=fallback,
        governance_indicators=tuple(governance["indicators"]),
        governance_weight=float(governance["weight"]),
        governance_missing=float(governance["missing"]),
        undeclared=float(data["undeclared"]),
        relation_weights=MappingProxyType(dict(data["relation_weights"])),
        stage_weights=MappingProxyType(dict(data["stage_weights"])),
        goods=MappingProxyType(goods),
    )


def ilab_matches(
    refdata: ReferenceData,
    inherent: Inherent,
    mineral: str,
    stage: str | None,
    country: str,
    relations: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> list[tuple[GoodLink, IlabListing]]:
    """Return the ILAB listings of goods linked to ``mineral`` in ``country`` at ``stage``.

    :param relations: only links of these relations (None: all).
    :param kinds: only listings of one of these kinds (None: all).
    """
    wanted_relations = set(relations) if relations is not None else None
    wanted_kinds = set(kinds) if kinds is not None else None
    matches = []
    for link in inherent.goods.get(mineral, ()):
        if wanted_relations is not None and link.relation not in wanted_relations:
            continue
        if stage is not None and link.stages is not None and stage not in link.stages:
            continue
        for listing in refdata.ilab_listings(country, [link.good]):
            if wanted_kinds is None or listing.kinds & wanted_kinds:
                matches.append((link, listing))
    return matches


def governance_weakness(refdata: ReferenceData, inherent: Inherent, country: str) -> float:
    """Return 100 minus the mean WGI percentile rank of the configured indicators (0-100)."""
    ranks = [
        rank
        for indicator in inherent.governance_indicators
        if (rank := refdata.wgi_percentile(country, indicator)) is not None
    ]
    return 100.0 - fmean(ranks) if ranks else inherent.governance_missing


def inherent_row(
    refdata: ReferenceData,
    inherent: Inherent,
    mineral: str | None,
    stage: str | None,
    country: str,
) -> InherentRow:
    """Return the inherent risk (0-100) of one declared source.

    The ILAB part is the strongest listing linked to the mineral, weighted by how
    closely the good relates to the mineral and by the lifecycle stage; the
    governance part is the weighted WGI weakness of the country. They combine as
    independent sources of risk: ``1 - (1 - ilab) * (1 - governance)``.
    """
    matches = ilab_matches(refdata, inherent, mineral, stage, country) if mineral else []
    stage_weight = inherent.stage_weights.get(stage, 1.0) if stage else 1.0
    ilab = max(
        (inherent.relation_weights.get(link.relation, 0.0) * stage_weight for link, _ in matches),
        default=0.0,
    )
    governance = inherent.governance_weight * governance_weakness(refdata, inherent, country) / 100
    score = 100.0 * (1.0 - (1.0 - ilab) * (1.0 - governance))
    listings = tuple(sorted({f"{listing.good} ({listing.country})" for _, listing in matches}))
    return InherentRow(
        mineral,
        stage,
        country,
        round(100 * ilab, 1),
        round(100 * governance, 1),
        round(score, 1),
        listings,
    )


def inherent_rows(
    refdata: ReferenceData, inherent: Inherent, answers: Mapping[str, object]
) -> list[InherentRow]:
    """Return the inherent risk of every declared source in the (visible) answers.

    Sources are the rows of the traceability table; when it has none, the
    countries named by the fallback question, without a mineral.
    """
    rows = []
    table = answers.get(inherent.table)
    for row in table if isinstance(table, list) else ():
        country = row.get(inherent.country_column) if isinstance(row, dict) else None
        if not isinstance(country, str) or not country:
            continue
        mineral = row.get(inherent.mineral_column)
        stage = row.get(inherent.stage_column)
        rows.append(
            inherent_row(
                refdata,
                inherent,
                mineral if isinstance(mineral, str) else None,
                stage if isinstance(stage, str) else None,
                country,
            )
        )
    if rows or inherent.fallback_countries is None:
        return rows
    countries = answers.get(inherent.fallback_countries)
    if isinstance(countries, str):
        countries = [countries]
    for country in countries if isinstance(countries, list) else ():
        if isinstance(country, str):
            rows.append(inherent_row(refdata, inherent, None, None, country))
    return rows


def inherent_score(inherent: Inherent, rows: Iterable[InherentRow]) -> float:
    """Return the inherent score: the riskiest declared source, or the undeclared default."""
    return max((row.score for row in rows), default=inherent.undeclared)
