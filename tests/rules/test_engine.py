"""Evaluation: evidence findings, completeness, scoring, ordering, malformed documents."""

from __future__ import annotations

from datetime import date

import pytest

from rules import DocumentError, Level, evaluate, parse_ruleset, reviewed_rating
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, document, ruleset_data

FILE = {"name": "eia.pdf", "sha256": "ab" * 32}


def run(ruleset, refdata, answers=None, evidence=None, when=SCORING_DATE):
    return evaluate(ruleset, document(answers, evidence), refdata, when)


def ids(result) -> set[str]:
    return {f.rule_id for f in result.findings}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (None, {"evidence_missing"}),
        ([], {"evidence_missing"}),
        ([{**FILE, "valid_until": None}], set()),
        ([{**FILE, "valid_until": "2025-06-30"}], set()),  # valid through the scoring date
        ([{**FILE, "valid_until": "2025-06-29"}], {"evidence_expired"}),
        ([{**FILE, "valid_until": "2020-01-01"}, {**FILE, "valid_until": "2026-01-01"}], set()),
    ],
)
def test_claims_needing_evidence(synthetic, refdata, files, expected):
    evidence = {"eia_done": files} if files is not None else None
    result = run(synthetic, refdata, {"eia_done": "yes"}, evidence)
    assert ids(result) & {"evidence_missing", "evidence_expired"} == expected
    for finding in result.findings:
        if finding.rule_id in expected:
            assert [t.to_dict() for t in finding.triggered_by] == [
                {"question": "eia_done", "value": "yes"}
            ]


def test_no_evidence_needed_for_an_answer_outside_required_when(synthetic, refdata):
    assert "evidence_missing" not in ids(run(synthetic, refdata, {"eia_done": "partly"}))


def test_incomplete_lists_required_unanswered_questions_and_sets_a_floor(synthetic, refdata):
    result = run(synthetic, refdata, {"fl_fees": "no"})
    assert result.incomplete == ("org_countries",)
    assert result.rating.label == "medium"
    complete = run(
        synthetic,
        refdata,
        {
            "fl_fees": "no",
            "org_countries": ["JP"],
            "policy": "published",
            "audit_date": "2024-03-01",
        },
    )
    assert complete.incomplete == ()
    assert complete.rating.label == "low"
    assert complete.findings == ()


def test_red_flag_floor_overrides_the_average(synthetic, refdata):
    result = run(
        synthetic, refdata, {"fl_fees": "yes", "org_countries": ["JP"], "policy": "published"}
    )
    assert result.score < 50  # the averages alone would say medium
    assert result.rating.label == "critical"
    assert result.red_flags == ["fl_fees"]
    forced = next(c for c in result.categories if c.id == "forced_labour")
    assert forced.rating.label == "critical"


def test_high_red_flag_floor(synthetic, refdata):
    result = run(
        synthetic,
        refdata,
        {"eia_done": "no", "org_countries": ["JP"], "fl_fees": "no", "policy": "published"},
    )
    assert result.red_flags == ["no_eia"]
    assert result.rating.label == "high"


def test_unknown_sits_between_a_good_and_an_adverse_answer(synthetic, refdata):
    base = {"org_countries": ["JP"], "policy": "published"}
    scores = {
        answer: run(synthetic, refdata, {**base, "fl_fees": answer})
        for answer in ("no", "unknown", "yes")
    }
    assert scores["no"].score < scores["unknown"].score < scores["yes"].score
    assert scores["no"].rating < scores["unknown"].rating < scores["yes"].rating


def test_findings_order_red_flags_then_severity_then_rule_order(synthetic, refdata):
    result = run(
        synthetic,
        refdata,
        {
            "fl_fees": "yes",
            "fl_documents": "yes",
            "cl_min_age": 12,
            "policy": "none",
            "org_countries": ["CD"],
        },
    )
    assert [f.rule_id for f in result.findings] == [
        "fl_fees",
        "cl_young",
        "fl_documents",
        "no_policy",
        "weak_rule_of_law",
    ]
    assert result.to_dict()["red_flags"] == ["fl_fees", "cl_young"]


def test_result_dictionary_shape(synthetic, refdata):
    result = run(synthetic, refdata, {"fl_fees": "partly", "org_countries": ["CD"]})
    data = result.to_dict()
    assert list(data) == [
        "ruleset",
        "data_editions",
        "data_labels",
        "scoring_date",
        "rating",
        "score",
        "categories",
        "findings",
        "red_flags",
        "incomplete",
    ]
    assert data["ruleset"] == {"id": "synthetic", "version": "1.0"}
    assert data["scoring_date"] == "2025-06-30"
    assert [c["id"] for c in data["categories"]] == [
        "forced_labour",
        "child_labour",
        "environment",
        "due_diligence",
    ]
    assert list(data["categories"][0]) == ["id", "name", "score", "rating"]
    assert list(data["findings"][0]) == [
        "rule_id",
        "severity",
        "category",
        "title",
        "action",
        "references",
        "triggered_by",
        "red_flag",
    ]
    assert data["findings"][0]["references"] == ["ILO-FPRW-FL"]


def test_evaluation_is_deterministic(synthetic, refdata):
    answers = {
        "fl_fees": "unknown",
        "org_countries": ["CD", "CN"],
        "eia_done": "yes",
        "trace_materials": [{"mineral": "cobalt", "stage": "processing", "country": "CN"}],
    }
    first = run(synthetic, refdata, answers).to_dict()
    reordered = dict(reversed(list(answers.items())))
    assert run(synthetic, refdata, reordered).to_dict() == first


def test_answers_are_scored_in_canonical_form(synthetic, refdata):
    result = evaluate(
        synthetic,
        document({"cl_min_age": "14", "org_countries": "cd"}),
        refdata,
        SCORING_DATE,
    )
    fired = {f.rule_id: f for f in result.findings}
    assert fired["cl_young"].triggered_by[0].value == 14
    assert fired["weak_rule_of_law"].triggered_by[0].value == ["CD"]


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ([], "document"),
        ({"questionnaire": "other", "version": "1.0", "answers": {}}, "questionnaire"),
        ({"questionnaire": "synthetic-q", "version": "2.0", "answers": {}}, "version"),
        (document() | {"answers": []}, "answers"),
        (document({"nope": "yes"}), "answers.nope"),
        (document({"fl_fees": "perhaps"}), "answers.fl_fees"),
        (document({"fl_fees": True}), "answers.fl_fees"),
        (document({"cl_min_age": "fourteen"}), "answers.cl_min_age"),
        (document({"cl_min_age": float("nan")}), "answers.cl_min_age"),
        (document({"audit_date": "2024-13-01"}), "answers.audit_date"),
        (document({"org_countries": "Congo"}), "answers.org_countries"),
        (document({"trace_materials": [{"mineral": "gold"}]}), "answers.trace_materials"),
        (document({"trace_materials": [{"recycled_share": 140}]}), "answers.trace_materials"),
        (document(evidence=[]), "evidence"),
        (document(evidence={"eia_done": {}}), "evidence.eia_done"),
        (document(evidence={"eia_done": [{"name": "x"}]}), "evidence.eia_done"),
        (
            document(evidence={"eia_done": [{**FILE, "valid_until": "soon"}]}),
            "evidence.eia_done",
        ),
    ],
)
def test_malformed_documents_name_the_field(synthetic, refdata, doc, field):
    with pytest.raises(DocumentError) as caught:
        evaluate(synthetic, doc, refdata, SCORING_DATE)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_null_answers_count_as_unanswered(synthetic, refdata):
    result = run(synthetic, refdata, {"org_countries": None, "fl_fees": "no"})
    assert result.incomplete == ("org_countries",)


def test_scoring_date_is_recorded(synthetic, refdata):
    assert run(synthetic, refdata, when=date(2024, 2, 29)).to_dict()["scoring_date"] == "2024-02-29"


def test_reviewed_rating_without_dismissals_is_the_computed_rating(synthetic, refdata):
    result = run(synthetic, refdata, {"fl_fees": "yes", "eia_done": "no", "org_countries": ["JP"]})
    assert reviewed_rating(synthetic, result.to_dict(), ()) is result.rating is Level.CRITICAL


def test_dismissed_findings_no_longer_hold_the_rating_up(synthetic, refdata):
    answers = {"fl_fees": "yes", "eia_done": "no", "org_countries": ["JP"], "policy": "none"}
    data = run(synthetic, refdata, answers).to_dict()
    assert reviewed_rating(synthetic, data, {"fl_fees"}) is Level.HIGH  # no_eia's red flag
    assert 25 <= data["score"] < 50  # the score, and so its band, stay as computed
    assert reviewed_rating(synthetic, data, {"fl_fees", "no_eia"}) is Level.MEDIUM


def test_reviewed_rating_keeps_the_floors_of_standing_findings(synthetic, refdata):
    answers = {"fl_fees": "yes", "fl_documents": "yes", "cl_min_age": 12}
    data = run(synthetic, refdata, answers).to_dict()
    assert 50 <= data["score"] < 80
    assert reviewed_rating(synthetic, data, {"fl_fees", "fl_documents"}) is Level.CRITICAL
    everything = {f["rule_id"] for f in data["findings"]}
    assert reviewed_rating(synthetic, data, everything) is Level.HIGH  # the band of the score


def test_a_dismissed_finding_no_longer_counts_towards_its_category(refdata):
    data = ruleset_data()
    data["scoring"]["category_floor"] = {"medium": "high"}
    ruleset = parse_ruleset(data, QUESTIONNAIRE, CATALOGUE)
    answers = {"org_countries": ["JP"], "fl_fees": "no", "policy": "draft"}
    result = run(ruleset, refdata, answers).to_dict()
    assert result["score"] < 25 and result["rating"] == "high"  # due diligence rated medium
    assert reviewed_rating(ruleset, result, {"no_policy"}) is Level.LOW
