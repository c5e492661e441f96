"""Read condition trees from rule-set data, collecting every problem with its path.

Grammar (each node is a mapping with exactly one operator key)::

    {all: [node, ...]}  {any: [node, ...]}  {not: node}
    {question: <id>, <operator>: <argument>}      # operators.OPERATORS
    {question: <date id>, lt: {days_before_scoring: N}}
    {question: <table id>, rows: <row node>}
    # inside ``rows`` only:
    {column: <name>, <operator>: <argument>}
    {ilab_listed: {kinds: [child_labor, ...], relations: [direct, ...]}}
    # on a country / countries question or column:
    {question|column: ..., wgi_below: {indicator: rl|cc|va|ge|rq|pv, percentile: N}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .conditions import (
    AllOf,
    AnyOf,
    ColumnLeaf,
    Condition,
    IlabListed,
    Not,
    QuestionLeaf,
    Rows,
    WgiBelow,
)
from .operators import OPERATOR_NAMES, OPERATORS
from .questions import COUNTRY_TYPES, QuestionSpec, is_number
from .refdata import ILAB_KINDS, WGI_INDICATORS

_BRANCHES = ("all", "any", "not")
_SUBJECTS = ("question", "column")


@dataclass
class Context:
    """What a condition may refer to while it is being read."""

    questions: Mapping[str, QuestionSpec]
    relations: frozenset[str]
    table: QuestionSpec | None = None
    problems: list[str] | None = None
    #: The table whose rows name a mineral, stage and country (for ``ilab_listed``).
    ilab_table: str | None = None

    def problem(self, path: str, message: str) -> None:
        """Record a problem at ``path``."""
        if self.problems is not None:
            self.problems.append(f"{path}: {message}")


def read_condition(node: object, path: str, context: Context) -> Condition | None:
    """Return the condition tree of ``node``, or None after recording its problems."""
    if not isinstance(node, dict):
        context.problem(path, f"a condition must be a mapping, got {node!r}")
        return None
    branch = [key for key in node if key in _BRANCHES]
    if branch:
        if len(node) != 1:
            context.problem(path, f"{branch[0]!r} must be the only key of its mapping")
            return None
        return _read_branch(branch[0], node[branch[0]], f"{path}.{branch[0]}", context)
    return _read_leaf(node, path, context)


def _read_branch(kind: str, body: object, path: str, context: Context) -> Condition | None:
    if kind == "not":
        child = read_condition(body, path, context)
        return Not(child) if child is not None else None
    if not isinstance(body, list) or not body:
        context.problem(path, f"{kind!r} takes a non-empty list of conditions")
        return None
    children = [read_condition(item, f"{path}[{i}]", context) for i, item in enumerate(body)]
    if any(child is None for child in children):
        return None
    return (AllOf if kind == "all" else AnyOf)(tuple(children))  # type: ignore[arg-type]


def _read_leaf(node: dict, path: str, context: Context) -> Condition | None:
    subjects = [key for key in _SUBJECTS if key in node]
    operators = [key for key in node if key not in _SUBJECTS]
    unknown = [key for key in operators if key not in OPERATOR_NAMES]
    if unknown:
        context.problem(path, f"unknown operator(s) {', '.join(map(repr, unknown))}")
        return None
    if len(operators) != 1 or len(subjects) > 1:
        context.problem(path, "a leaf needs exactly one operator and at most one subject")
        return None
    name = operators[0]
    arg = node[name]
    at = f"{path}.{name}"
    if name == "ilab_listed":
        return _read_ilab(node, arg, at, context)
    if not subjects:
        context.problem(path, f"operator {name!r} needs a 'question' or 'column'")
        return None
    spec = _subject(subjects[0], node[subjects[0]], path, context)
    if spec is None:
        return None
    if name == "rows":
        return _read_rows(spec, arg, at, context)
    if name == "wgi_below":
        return _read_wgi(subjects[0], spec, arg, at, context)
    operator = OPERATORS[name]
    if operator.types is not None and spec.type not in operator.types:
        context.problem(at, f"does not apply to {spec.type} question {spec.id!r}")
        return None
    problem = operator.check(spec, arg)
    if problem:
        context.problem(at, problem)
        return None
    if subjects[0] == "question":
        return QuestionLeaf(spec.id, operator, arg)
    return ColumnLeaf(spec.id, operator, arg)


def _subject(kind: str, name: object, path: str, context: Context) -> QuestionSpec | None:
    if kind == "question":
        spec = context.questions.get(name) if isinstance(name, str) else None
        if spec is None:
            context.problem(path, f"unknown question id {name!r}")
        return spec
    if context.table is None:
        context.problem(path, "'column' is only allowed inside 'rows'")
        return None
    spec = (context.table.columns or {}).get(name) if isinstance(name, str) else None
    if spec is None:
        context.problem(path, f"table {context.table.id!r} has no column {name!r}")
    return spec


def _read_rows(spec: QuestionSpec, arg: object, path: str, context: Context) -> Condition | None:
    if spec.type != "table":
        context.problem(path, f"'rows' needs a table question, {spec.id!r} is {spec.type}")
        return None
    if context.table is not None:
        context.problem(path, "'rows' cannot be nested")
        return None
    inner = replace(context, table=spec)
    condition = read_condition(arg, path, inner)
    return Rows(spec.id, condition) if condition is not None else None


def _read_ilab(node: dict, arg: object, path: str, context: Context) -> Condition | None:
    if context.table is None or context.table.id != context.ilab_table or len(node) != 1:
        context.problem(path, "'ilab_listed' stands alone inside 'rows' of the traceability table")
        return None
    if not isinstance(arg, dict) or set(arg) - {"kinds", "relations"}:
        context.problem(path, "takes a mapping with 'kinds' and optional 'relations'")
        return None
    kinds, relations = arg.get("kinds"), arg.get("relations")
    problems = []
    if not isinstance(kinds, list) or not kinds or set(kinds) - set(ILAB_KINDS):
        problems.append(f"'kinds' must be a non-empty list from {', '.join(ILAB_KINDS)}")
    if relations is not None and (
        not isinstance(relations, list) or not relations or set(relations) - context.relations
    ):
        problems.append(f"'relations' must be a list from {', '.join(sorted(context.relations))}")
    for problem in problems:
        context.problem(path, problem)
    if problems:
        return None
    return IlabListed(frozenset(kinds), frozenset(relations) if relations else None)  # type: ignore[arg-type]


def _read_wgi(
    subject: str, spec: QuestionSpec, arg: object, path: str, context: Context
) -> Condition | None:
    if spec.type not in COUNTRY_TYPES:
        context.problem(path, f"needs a country or countries question/column, {spec.id!r} is not")
        return None
    if (
        not isinstance(arg, dict)
        or set(arg) != {"indicator", "percentile"}
        or arg["indicator"] not in WGI_INDICATORS
        or not is_number(arg["percentile"])
        or not 0 <= arg["percentile"] <= 100
    ):
        indicators = "|".join(WGI_INDICATORS)
        context.problem(path, f"takes {{indicator: {indicators}, percentile: 0-100}}")
        return None
    if subject == "question":
        return WgiBelow(arg["indicator"], float(arg["percentile"]), question=spec.id)
    return WgiBelow(arg["indicator"], float(arg["percentile"]), column=spec.id)
