"""Property tests of rule set 1.1 over generated documents (generators of test_properties.py):

- valid documents always evaluate, and the reviewed rating keeps its invariants;
- a worse answer never lowers the rating;
- adding an exemplary answer never raises the rating;
- "found and remediated with evidence" never rates worse than "unknown";
- "unknown" never rates better than the good answer;
- where the answers show a child at work below the minimum age for that work (under 15, or
  under 18 at a mine), a case found and remediated never rates worse than one not identified.

Monotonicity is a property of the rules, so it is tested over complete documents (every
question answered, every claim with current evidence): an incomplete document is rated at
least medium whatever it says. Adding an answer is tested over partial documents.
"""

from __future__ import annotations

import copy

from hypothesis import assume, given
from hypothesis import strategies as st

import questionnaires as qn
from questionnaires import QuestionType
from rules import Level, editions_for, evaluate, load_library, load_ruleset, reviewed_rating
from tests.rules.conftest import SCORING_DATE
from tests.rules.documents import exemplary_document_1_1
from tests.rules.test_properties import SETTINGS, documents, takes_files, value_of

RULESET = load_ruleset("critical-minerals-risk", "1.1")
QUESTIONNAIRE = RULESET.questionnaire
REFDATA = load_library().select(editions_for(RULESET))
EXEMPLARY = exemplary_document_1_1()["answers"]
CURRENT = {"name": "current.pdf", "sha256": "0" * 64, "valid_until": "2027-03-31"}

#: Questions whose "yes" is the worse answer: an adverse fact, or a fact that opens
#: questions about a riskier situation (migrant workers, tailings, security forces, ...).
YES_IS_WORSE = {
    "org_special_zone", "org_migrant_workers", "org_agency_workers", "org_young_workers",
    "org_buys_material", "trace_cobalt_cahra", "trace_graphite_cahra", "trace_lithium_cahra",
    "trace_manganese_cahra", "trace_nickel_cahra", "trace_transshipment", "trace_asm",
    "trace_xinjiang", "trace_uflpa_entity_list", "trace_wro_producers", "lr_union_penalties",
    "lr_under18_hazardous", "lr_child_labour_found", "lr_pregnancy_testing", "fl_prison_labour",
    "fl_labour_transfer", "fl_vulnerable_terms", "fl_deception", "fl_isolation", "fl_violence",
    "fl_threats", "fl_identity_documents", "fl_wage_withholding", "fl_recruitment_fees",
    "fl_migrant_recruitment_fees", "fl_debt", "fl_accommodation", "fl_degrading_conditions",
    "fl_forced_overtime", "fl_cases_found", "cw_jp_technical_interns", "cw_jp_intern_fees",
    "cw_jp_specified_skilled", "cw_jp_ssw_fees", "vr_retaliation_cases",
    "vr_violence_labour_rights", "env_significant_projects", "env_emissions_exceedances",
    "env_tailings", "env_tailings_incidents", "env_deep_sea_tailings", "env_transboundary_waste",
    "env_protected_areas", "env_deforestation", "env_resettlement", "env_indigenous_peoples",
    "dd_security_forces", "dd_armed_groups_presence", "dd_armed_groups_payments",
}  # fmt: skip

#: Answers of the other questions the rules look at, from best to worst.
OTHER_ORDERS = {
    "lr_minimum_age": [18, 16, 14],
    "lr_youngest_worker_age": [19, 17, 14],
    "lr_osh_fatalities": [0, 1, 3],
    "lr_osh_ltifr": [0.5, 6, 12],
    "lr_osh_disease_cases": [0, 2],
    "cw_lowest_wage_ratio": [130, 95],
    "cw_normal_hours": [40, 50],
    "cw_max_weekly_hours": [48, 61],
    "env_captive_coal_share": [0, 40, 60, 90],
    "trace_survey_response_rate": [95, 70],
    "circ_recycled_content": [30, 0],
    "dd_risk_assessment_date": ["2025-03-01", "2023-01-01"],
    "trace_chain_of_custody": [
        "identity_preserved", "segregated", "mass_balance", "book_and_claim", "none"
    ],
    "env_tailings_gistm": ["conformant_verified", "conformant_self", "in_progress", "not_started"],
    "env_energy_sources": [["grid", "renewable"], ["grid"], ["grid", "captive_coal"]],
    "dd_policy_scope": [
        EXEMPLARY["dd_policy_scope"],
        [v for v in EXEMPLARY["dd_policy_scope"] if v != "forced_labour"],
    ],
    "lr_discrimination_grounds": [
        EXEMPLARY["lr_discrimination_grounds"],
        [v for v in EXEMPLARY["lr_discrimination_grounds"] if v != "caregiving"],
    ],
}  # fmt: skip


def _order(question) -> list:
    if question.id in OTHER_ORDERS:
        return OTHER_ORDERS[question.id]
    if question.type is not QuestionType.YES_NO:
        return []
    ranked = ["no", "yes"] if question.id in YES_IS_WORSE else ["yes", "partly", "no"]
    return [value for value in ranked if value in question.option_values]


#: Question id -> its answers from best to worst, for every question the rules look at.
ORDERS = {
    q.id: order
    for q in QUESTIONNAIRE.questions
    if q.id in RULESET.scored_questions and len(order := _order(q)) > 1
}


def _named(node) -> set[str]:
    """Return the question ids a condition (in its plain-data form) names."""
    if isinstance(node, dict):
        named = {node["question"]} if isinstance(node.get("question"), str) else set()
        return named.union(*(_named(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_named(item) for item in node))
    return set()


def _follow_ups() -> dict[str, set[str]]:
    """Question id -> the questions whose skip logic depends on it, directly or not."""
    direct: dict[str, set[str]] = {}
    for question in QUESTIONNAIRE.questions:
        if question.show_if is not None:
            for parent in _named(question.show_if.to_dict()):
                direct.setdefault(parent, set()).add(question.id)
    closure = {}
    for parent in direct:
        seen, todo = set(), [parent]
        while todo:
            for child in direct.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        closure[parent] = seen
    return closure


FOLLOW_UPS = _follow_ups()


def rating(doc) -> Level:
    return evaluate(RULESET, doc, REFDATA, SCORING_DATE).rating


def with_answer(doc, question: str, value, exemplary_follow_ups: bool = False):
    """Return ``doc`` with ``question`` answered ``value`` (and its follow-ups exemplary)."""
    doc = copy.deepcopy(doc)
    doc["answers"][question] = value
    if exemplary_follow_ups:
        for child in FOLLOW_UPS.get(question, ()):
            if child in EXEMPLARY:
                doc["answers"][child] = copy.deepcopy(EXEMPLARY[child])
    return doc


@st.composite
def complete_documents(draw):
    """Return a complete document: every question answered, a varying share of them as the
    exemplary supplier would (so that ratings near the band boundaries come up), every claim
    with current evidence."""
    answers = {}
    # How much of the document is exemplary varies from document to document.
    share = draw(st.sampled_from([50, 80, 90, 95, 98, 100]))
    # So does the share of "unknown" answers (visibility near its threshold).
    unknowns = draw(st.sampled_from([0, 0, 10, 30, 45, 60]))
    for question in QUESTIONNAIRE.questions:
        if question.type is QuestionType.EVIDENCE:
            continue
        exemplary = EXEMPLARY.get(question.id)
        if question.accepts_unknown and draw(st.integers(0, 99)) < unknowns:
            answers[question.id] = "unknown"
        elif exemplary is not None and draw(st.integers(0, 99)) < share:
            answers[question.id] = copy.deepcopy(exemplary)
        else:
            answers[question.id] = draw(value_of(question))
    evidence = {q.id: [dict(CURRENT)] for q in QUESTIONNAIRE.questions if takes_files(q)}
    return {
        "questionnaire": QUESTIONNAIRE.id,
        "version": QUESTIONNAIRE.version,
        "answers": answers,
        "evidence": evidence,
    }


def _shown(doc) -> set[str]:
    parsed = qn.parse_answers_document(doc, [QUESTIONNAIRE]).answers
    return qn.visible_question_ids(QUESTIONNAIRE, parsed)


def shown_only(doc):
    """Return ``doc`` without the answers its own answers hide."""
    doc = copy.deepcopy(doc)
    parsed = qn.parse_answers_document(doc, [QUESTIONNAIRE]).answers
    shown = qn.visible_question_ids(QUESTIONNAIRE, parsed)
    doc["answers"] = {q: v for q, v in doc["answers"].items() if q in shown}
    return doc


PAIRS = st.sampled_from(sorted(ORDERS)).flatmap(
    lambda q: st.tuples(
        st.just(q), st.integers(0, len(ORDERS[q]) - 2), st.integers(1, len(ORDERS[q]) - 1)
    )
)


@SETTINGS
@given(documents(QUESTIONNAIRE))
def test_valid_documents_always_evaluate(doc):
    result = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    data = result.to_dict()
    assert 0 <= data["score"] <= 100
    assert 0 <= data["visibility"]["score"] <= 100
    assert set(data["red_flags"]) <= {f["rule_id"] for f in data["findings"]}
    if data["red_flags"]:
        assert result.rating >= Level.HIGH
    if data["visibility"]["insufficient"]:
        assert result.rating >= Level.MEDIUM
    assert reviewed_rating(RULESET, data, ()) is result.rating
    assert reviewed_rating(RULESET, data, data["red_flags"]) <= result.rating


def shows_a_child_at_work(doc) -> bool:
    """Return True when the answers show a person who worked in the last 12 months below the
    minimum age for the work: under 15, or under 18 at a mining organisation's sites (most work
    there is hazardous)."""
    answers = doc["answers"]
    age = answers.get("lr_youngest_worker_age")
    if isinstance(age, bool) or not isinstance(age, int | float):
        return False
    stages = answers.get("org_lifecycle_stages")
    mining = isinstance(stages, list) and bool({"exploration", "extraction"} & set(stages))
    return age < 15 or (age < 18 and mining)


@SETTINGS
@given(complete_documents(), PAIRS)
def test_a_worse_answer_never_lowers_the_rating(doc, pair):
    question, better, step = pair
    # Where the answers show a child at work, "no child labour found" does not mean a better
    # situation but a case not identified: there the order of that answer is the other way
    # round (test_where_a_child_worked_disclosure_with_remediation_is_never_punished).
    assume(not (question == "lr_child_labour_found" and shows_a_child_at_work(doc)))
    order = ORDERS[question]
    worse = min(better + step, len(order) - 1)
    before = evaluate(RULESET, with_answer(doc, question, order[better]), REFDATA, SCORING_DATE)
    after = evaluate(RULESET, with_answer(doc, question, order[worse]), REFDATA, SCORING_DATE)
    assert before.incomplete == after.incomplete == ()
    assert after.rating >= before.rating, (question, order[better], order[worse])


@SETTINGS
@given(documents(QUESTIONNAIRE), st.data())
def test_adding_an_exemplary_answer_never_raises_the_rating(doc, data):
    doc = shown_only(doc)
    shown = _shown(doc)
    candidates = sorted(q for q in ORDERS if q in shown and q not in doc["answers"])
    if not candidates:
        return
    question = data.draw(st.sampled_from(candidates))
    best = ORDERS[question][0]
    added = shown_only(with_answer(doc, question, best, exemplary_follow_ups=True))
    assert rating(added) <= rating(doc), question


@SETTINGS
@given(
    complete_documents(),
    st.sampled_from(
        [
            ("lr_child_labour_found", "lr_child_labour_remediation"),
            ("fl_cases_found", "fl_victim_remediation"),
        ]
    ),
)
def test_found_and_remediated_with_evidence_never_rates_worse_than_unknown(doc, pair):
    found, remediation = pair
    disclosed = with_answer(with_answer(doc, found, "yes"), remediation, "yes")
    unknown = with_answer(doc, found, "unknown")
    assert rating(disclosed) <= rating(unknown)


@SETTINGS
@given(
    complete_documents(),
    st.sampled_from([(14, ["processing"]), (16, ["extraction"]), (17, ["exploration", "trading"])]),
)
def test_where_a_child_worked_disclosure_with_remediation_is_never_punished(doc, child):
    age, stages = child
    doc = with_answer(
        with_answer(doc, "lr_youngest_worker_age", age), "org_lifecycle_stages", stages
    )
    assert shows_a_child_at_work(doc)
    not_identified = rating(with_answer(doc, "lr_child_labour_found", "no"))
    found = with_answer(doc, "lr_child_labour_found", "yes")
    remediated = rating(with_answer(found, "lr_child_labour_remediation", "yes"))
    assert not_identified is Level.CRITICAL
    assert remediated <= not_identified
    for partly_or_not in ("partly", "no"):
        assert rating(with_answer(found, "lr_child_labour_remediation", partly_or_not)) >= (
            not_identified
        )


@SETTINGS
@given(
    complete_documents(),
    st.sampled_from(sorted(q for q in ORDERS if QUESTIONNAIRE.question(q).accepts_unknown)),
)
def test_unknown_never_rates_better_than_the_good_answer(doc, question):
    good = with_answer(doc, question, ORDERS[question][0], exemplary_follow_ups=True)
    unknown = with_answer(doc, question, "unknown")
    assert rating(unknown) >= rating(good), question


#: Questions about a supplier's own record: "unknown" there is a finding, not only visibility.
RECORDS = {
    "lr_child_labour_found", "fl_cases_found", "fl_recruitment_fees",
    "fl_migrant_recruitment_fees", "lr_osh_fatalities",
}  # fmt: skip


def _contexts(question: str):
    """Yield the exemplary document and its variants with one parent of ``question`` answered
    otherwise, wherever ``question`` is shown in them."""
    exemplary = exemplary_document_1_1()
    item = QUESTIONNAIRE.question(question)
    variants = [exemplary]
    for parent in sorted(_named(item.show_if.to_dict())) if item.show_if else ():
        for value in QUESTIONNAIRE.question(parent).option_values:
            if QUESTIONNAIRE.question(parent).type is QuestionType.YES_NO:
                variants.append(with_answer(exemplary, parent, value))
    for context in variants:
        if question in _shown(context):
            yield context


def _hiding_pairs():
    """Yield (context, question, better, worse, follow-up): the worse answer hides a follow-up
    the rules look at that "unknown" can answer (so the worse answer raises visibility)."""
    for question, order in ORDERS.items():
        for context in _contexts(question):
            for i, better in enumerate(order):
                for worse in order[i + 1 :]:
                    hidden = _shown(with_answer(context, question, better)) - _shown(
                        with_answer(context, question, worse)
                    )
                    for follow_up in sorted(hidden):
                        item = QUESTIONNAIRE.question(follow_up)
                        if follow_up in RULESET.scored_questions and item.accepts_unknown:
                            yield context, question, better, worse, follow_up


def test_a_worse_answer_that_hides_an_unknown_never_lifts_the_visibility_floor():
    """Around the visibility threshold, a worse answer that hides an "unknown" follow-up (and
    so raises visibility) fires a finding that holds the rating up at least as much."""
    pairs = list(_hiding_pairs())
    assert {(q, f) for _c, q, _b, _w, f in pairs} >= {("env_eia", "env_eia_mitigation")}
    threshold = RULESET.scoring.visibility_threshold
    for context, question, better, worse, follow_up in pairs:
        base = with_answer(with_answer(context, question, better), follow_up, "unknown")
        fillers = [
            q
            for q in RULESET.scored_questions
            if q in base["answers"]
            and q not in RECORDS | {question, follow_up} | FOLLOW_UPS.get(question, set())
            and QUESTIONNAIRE.question(q).accepts_unknown
        ]
        seen = evaluate(RULESET, base, REFDATA, SCORING_DATE).visibility
        asked = len(set(RULESET.scored_questions) & _shown(base))
        undecided = len(seen.unknown) + len(seen.unanswered) + len(seen.not_applicable)
        middle = round(asked - undecided - threshold * asked / 100)  # fillers to the threshold
        for count in range(max(0, middle - 3), min(len(fillers), middle + 3) + 1):
            doc = copy.deepcopy(base)
            doc["answers"].update(dict.fromkeys(fillers[:count], "unknown"))
            before = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
            after = rating(with_answer(doc, question, worse))
            assert after >= before.rating, (question, better, worse, follow_up, count)
