"""Rule set 1.1: each case of issue 14 fails on rule set 1.0 and passes on 1.1.

Every test scores the closest 1.0 answer set with rule set 1.0 (showing the problem) and the
1.1 answer set with rule set 1.1 (showing the fix). Rule set 1.0 and its documents stay as
published.
"""

from __future__ import annotations

import re

import pytest

import demo
import questionnaires as qn
from rules import (
    DocumentError,
    Level,
    check_ruleset,
    evaluate,
    list_rulesets,
    load_library,
    load_ruleset,
    ruleset_for,
)
from tests.rules.documents import (
    evidence_file,
    exemplary_document,
    exemplary_document_1_1,
    visible_only,
    with_answers,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
V10 = load_ruleset("critical-minerals-risk", "1.0")
V11 = load_ruleset("critical-minerals-risk", "1.1")


LIBRARY = load_library()


def run(ruleset, refdata, doc):
    """Score ``doc`` with the editions ``ruleset`` names (the ``refdata`` fixture is the
    defaults, which rule set 1.0 uses)."""
    return evaluate(ruleset, doc, LIBRARY, demo.SCORING_DATE)


def fired(result) -> dict[str, object]:
    return {f.rule_id: f for f in result.findings}


def counted(result) -> set[str]:
    """The rules that fired and count towards the rating (undecided findings left out)."""
    return {f.rule_id for f in result.findings if not f.undecided}


def unknown_everywhere(doc, questionnaire, keep=()):
    """Answer "unknown" wherever the questionnaire allows it (except ``keep``); no evidence."""
    doc = with_answers(doc)
    for question in questionnaire.questions:
        if question.accepts_unknown and question.id not in keep:
            doc["answers"][question.id] = "unknown"
    doc["evidence"] = {}
    return visible_only(doc, questionnaire)


# ------------------------------------------------------------------ loading and checking


def test_the_newest_rule_set_is_1_1_and_1_0_still_scores_1_0_documents(refdata):
    assert [v for i, v in list_rulesets() if i == "critical-minerals-risk"] == ["1.0", "1.1"]
    assert load_ruleset("critical-minerals-risk") is V11
    assert (V11.questionnaire_id, V11.questionnaire_version) == ("critical-minerals-dd", "1.1")
    assert ruleset_for("critical-minerals-dd", "1.0") is V10
    assert ruleset_for("critical-minerals-dd", "1.1") is V11
    assert run(V10, refdata, exemplary_document()).rating is Level.LOW
    assert run(V11, refdata, exemplary_document_1_1()).rating is Level.LOW
    with pytest.raises(DocumentError):
        run(V11, refdata, exemplary_document())  # a 1.0 document is scored by 1.0 only


def test_check_ruleset_passes_and_every_rule_speaks_japanese():
    questionnaire = qn.load_all()[("critical-minerals-dd", "1.1")]
    assert check_ruleset(V11, questionnaire, qn.load_catalogue()) == []
    for rule in (*V11.rules, *V11.evidence_rules):
        for text in (rule.title, rule.action):
            assert JAPANESE.search(text.ja), rule.id
            assert not JAPANESE.search(text.en), rule.id
    for category in V11.categories:
        assert JAPANESE.search(category.name.ja)


def test_the_exemplary_document_has_no_finding_and_full_visibility(refdata):
    result = run(V11, refdata, exemplary_document_1_1())
    assert result.findings == ()
    assert result.visibility.score == 100 and not result.visibility.insufficient
    assert result.to_dict()["visibility"]["insufficient"] is False


# ------------------------------------------------------------------ loophole: "not applicable"


def test_a_recycler_answering_not_applicable_everywhere_is_not_rated_low(refdata):
    # 1.0: "not applicable" to every policy and control question shown, no evidence: low.
    old = demo.document("suppliers/circular-metals")
    offering = [
        q.id
        for q in V10.questionnaire.questions
        if q.type == "yes_no" and qn.NOT_APPLICABLE in q.option_values
    ]
    old = with_answers(old, **{q: qn.NOT_APPLICABLE for q in offering})
    for question in [q for q in old["answers"] if q.endswith("_smelters_identified")]:
        old["answers"][question] = "unknown"
    old = with_answers(
        old, dd_third_party_audit="unknown", env_iso14001="no", dd_annual_report="no"
    )
    old["evidence"] = {}
    old = visible_only(old, V10.questionnaire)
    assert sum(v == qn.NOT_APPLICABLE for v in old["answers"].values()) >= 30
    before = run(V10, refdata, old)
    assert before.incomplete == () and before.rating is Level.LOW

    # 1.1 offers "not applicable" only where it can apply, with a reason ...
    with pytest.raises(DocumentError) as refused:
        run(V11, refdata, with_answers(exemplary_document_1_1(), fl_policy=qn.NOT_APPLICABLE))
    assert refused.value.field == "answers.fl_policy"
    # ... and the same supplier, "unknown" where 1.1 does not offer it, is not rated low.
    after = run(V11, refdata, demo.document("calibration/recycler-not-applicable-everywhere"))
    assert after.incomplete == ()
    assert after.visibility.insufficient and after.rating is Level.MEDIUM
    assert {"trace_mines_identified", "cw_social_protection", "vr_remediation"} <= set(
        after.visibility.not_applicable
    )


def test_not_applicable_counts_against_visibility_never_as_a_clean_answer(refdata):
    clean = run(V11, refdata, exemplary_document_1_1())
    doc = with_answers(
        exemplary_document_1_1(),
        vr_remediation=qn.NOT_APPLICABLE,
        vr_remediation_na_reason="No violation was found in the last three years.",
    )
    del doc["evidence"]["vr_remediation"]
    result = run(V11, refdata, doc)
    assert result.visibility.not_applicable == ("vr_remediation",)
    assert result.visibility.score < clean.visibility.score
    assert result.rating is Level.LOW  # one justified "not applicable" is no reason to rate up


def test_a_miner_cannot_claim_mine_traceability_does_not_apply(refdata):
    doc = with_answers(
        exemplary_document_1_1(),
        trace_mines_identified=qn.NOT_APPLICABLE,
        trace_mines_identified_na_reason="Not relevant to us.",
    )
    result = run(V11, refdata, visible_only(doc, V11.questionnaire))
    assert "tr_not_applicable_unsupported" in counted(result)


# ------------------------------------------------------------------ disclosure is not punished


@pytest.mark.parametrize(
    ("found", "remediation"),
    [
        ("lr_child_labour_found", "lr_child_labour_remediation"),
        ("fl_cases_found", "fl_victim_remediation"),
    ],
)
def test_found_and_remediated_with_evidence_never_rates_worse_than_unknown(
    refdata, found, remediation
):
    def answered(ruleset, base, value, **more):
        doc = with_answers(base, **{found: value}, **more)
        if value == "yes":
            doc["evidence"][remediation] = [evidence_file("remediation.pdf", "2027-03-31")]
        return run(ruleset, refdata, visible_only(doc, ruleset.questionnaire))

    # 1.0: disclosing a remediated case is rated worse than not knowing.
    old = exemplary_document()
    disclosed = answered(V10, old, "yes", **{remediation: "yes"})
    unknown = answered(V10, old, "unknown")
    assert disclosed.rating > unknown.rating

    # 1.1: never worse than "unknown", and "unknown" never better than the good answer.
    new = exemplary_document_1_1()
    disclosed = answered(V11, new, "yes", **{remediation: "yes"})
    unknown = answered(V11, new, "unknown")
    good = answered(V11, new, "no")
    assert disclosed.rating <= unknown.rating
    assert disclosed.score <= unknown.score
    assert good.rating <= unknown.rating and good.score <= unknown.score
    assert not disclosed.red_flags


def test_remediation_with_evidence_lowers_a_child_labour_finding(refdata):
    base = exemplary_document_1_1()
    ratings = {}
    for answer in ("no", "partly", "yes"):
        doc = with_answers(base, lr_child_labour_found="yes", lr_child_labour_remediation=answer)
        doc["evidence"]["lr_child_labour_remediation"] = [
            evidence_file("records.pdf", "2027-03-31")
        ]
        ratings[answer] = run(V11, refdata, visible_only(doc, V11.questionnaire)).rating
    assert ratings == {"no": Level.CRITICAL, "partly": Level.HIGH, "yes": Level.LOW}


def _mine_with_a_minor(**answers):
    doc = with_answers(
        exemplary_document_1_1(),
        org_lifecycle_stages=["extraction"],
        org_young_workers="yes",
        lr_under18_hazardous="no",
        lr_youngest_worker_age=16,
        **answers,
    )
    if answers.get("lr_child_labour_remediation") in ("yes", "partly"):
        doc["evidence"]["lr_child_labour_remediation"] = [
            evidence_file("records.pdf", "2027-03-31")
        ]
    return visible_only(doc, V11.questionnaire)


def test_hazardous_work_under_18_at_a_mine_is_critical_until_remediated(refdata):
    # 1.0 gave a person under 18 at a mine no finding at all.
    old = with_answers(
        exemplary_document(), org_lifecycle_stages=["extraction"], lr_youngest_worker_age=16
    )
    assert run(V10, refdata, visible_only(old, V10.questionnaire)).red_flags == []

    not_found = run(V11, refdata, _mine_with_a_minor())
    assert not_found.rating is Level.CRITICAL
    assert fired(not_found)["cl_minor_at_mine"].severity is Level.CRITICAL
    ratings = {
        answer: run(
            V11,
            refdata,
            _mine_with_a_minor(lr_child_labour_found="yes", lr_child_labour_remediation=answer),
        )
        for answer in ("no", "partly", "yes")
    }
    assert {a: r.rating for a, r in ratings.items()} == {
        "no": Level.CRITICAL,
        "partly": Level.CRITICAL,
        "yes": Level.LOW,  # a medium finding, the rest of the answers exemplary
    }
    remediated = ratings["yes"]
    assert "cl_minor_at_mine" not in counted(remediated) and remediated.red_flags == []
    assert fired(remediated)["cl_child_labour_remediated"].severity is Level.MEDIUM
    # Without the records it asks for, the remediation claim is a finding of its own.
    no_records = _mine_with_a_minor(lr_child_labour_found="yes", lr_child_labour_remediation="yes")
    no_records["evidence"].pop("lr_child_labour_remediation")
    assert "evidence_missing" in counted(run(V11, refdata, no_records))
    # Not knowing whether child labour was found keeps the presumption.
    unknown = run(V11, refdata, _mine_with_a_minor(lr_child_labour_found="unknown"))
    assert "cl_minor_at_mine" in unknown.red_flags


def test_a_child_under_15_found_and_remediated_is_not_a_red_flag(refdata):
    def child(**answers):
        doc = with_answers(
            exemplary_document_1_1(),
            org_lifecycle_stages=["processing"],
            lr_youngest_worker_age=14,
            **answers,
        )
        doc["evidence"]["lr_child_labour_remediation"] = [
            evidence_file("records.pdf", "2027-03-31")
        ]
        return run(V11, refdata, visible_only(doc, V11.questionnaire))

    assert child().red_flags == ["cl_child_worked_below_15"]
    partly = child(lr_child_labour_found="yes", lr_child_labour_remediation="partly")
    assert "cl_child_worked_below_15" in partly.red_flags and partly.rating is Level.CRITICAL
    remediated = child(lr_child_labour_found="yes", lr_child_labour_remediation="yes")
    assert remediated.red_flags == [] and remediated.rating < Level.HIGH


# ------------------------------------------------------------------ leniency


def test_a_manganese_mine_with_a_fatality_and_no_grievance_mechanism_is_high(refdata):
    old = with_answers(
        exemplary_document(),
        org_lifecycle_stages=["extraction"],
        org_minerals=["manganese"],
        lr_osh_fatalities=1,
        vr_grievance_mechanism="no",
    )
    old["evidence"].pop("vr_grievance_mechanism")
    before = run(V10, refdata, visible_only(old, V10.questionnaire))
    assert before.rating is Level.MEDIUM

    after = run(V11, refdata, demo.document("calibration/manganese-mine-fatality-no-grievance"))
    assert {"hs_work_fatality", "vr_no_worker_grievance_mechanism"} <= counted(after)
    assert after.rating is Level.HIGH


def test_high_findings_across_categories_lift_the_rating(refdata):
    old = with_answers(
        exemplary_document(),
        lr_age_verification="no",
        lr_pregnancy_testing="yes",
        env_permits="no",
        dd_policy="no",
        vr_grievance_mechanism="no",
    )
    before = run(V10, refdata, visible_only(old, V10.questionnaire))
    assert sum(f.severity is Level.HIGH for f in before.findings) >= 5
    assert before.rating is Level.MEDIUM

    new = with_answers(
        exemplary_document_1_1(),
        lr_age_verification="no",
        lr_pregnancy_testing="yes",
        env_permits="no",
        dd_policy="no",
        vr_grievance_workers="no",
    )
    after = run(V11, refdata, visible_only(new, V11.questionnaire))
    assert len({f.category for f in after.findings if f.severity is Level.HIGH}) >= 5
    assert after.red_flags == []
    assert after.rating is Level.HIGH


def test_three_fatalities_score_worse_than_one(refdata):
    def fatalities(ruleset, base, count):
        doc = with_answers(base, lr_osh_fatalities=count)
        if ruleset is V11:
            doc = with_answers(doc, lr_osh_fatality_root_cause="yes", lr_osh_fatality_actions="yes")
            doc["evidence"]["lr_osh_fatality_root_cause"] = [evidence_file("rca.pdf", "2027-03-31")]
        return run(ruleset, refdata, visible_only(doc, ruleset.questionnaire))

    one, three = fatalities(V10, exemplary_document(), 1), fatalities(V10, exemplary_document(), 3)
    assert (three.rating, three.score) == (one.rating, one.score)

    one = fatalities(V11, exemplary_document_1_1(), 1)
    three = fatalities(V11, exemplary_document_1_1(), 3)
    assert three.score > one.score and three.rating > one.rating
    assert "hs_multiple_fatalities" in counted(three) and "hs_multiple_fatalities" not in counted(
        one
    )


def test_a_mine_hiring_from_16_gets_a_finding(refdata):
    old = with_answers(exemplary_document(), org_lifecycle_stages=["extraction"], lr_minimum_age=16)
    before = run(V10, refdata, visible_only(old, V10.questionnaire))
    assert not {f.rule_id for f in before.findings if f.category == "child_labour"}

    new = with_answers(
        exemplary_document_1_1(), org_lifecycle_stages=["extraction"], lr_minimum_age=16
    )
    after = run(V11, refdata, visible_only(new, V11.questionnaire))
    assert "cl_mine_hiring_age_below_18" in counted(after)
    assert after.rating >= Level.MEDIUM
    practice = run(
        V11, refdata, visible_only(with_answers(new, lr_youngest_worker_age=16), V11.questionnaire)
    )
    assert "cl_minor_at_mine" in practice.red_flags and practice.rating is Level.CRITICAL
    refinery = with_answers(
        exemplary_document_1_1(), org_lifecycle_stages=["processing"], lr_minimum_age=16
    )
    result = run(V11, refdata, visible_only(refinery, V11.questionnaire))
    assert "cl_mine_hiring_age_below_18" not in counted(result)  # not hazardous work as such


def test_lost_time_injuries_are_rated(refdata):
    assert not any("ltifr" in str(r.when.to_dict()) for r in V10.rules)
    result = run(V11, refdata, with_answers(exemplary_document_1_1(), lr_osh_ltifr=12.0))
    assert {"hs_high_injury_rate", "hs_very_high_injury_rate"} <= counted(result)


def test_the_injury_rate_thresholds_rest_on_the_benchmark_they_cite(refdata):
    # ICMM members' total recordable injury rate, lost-time injuries included, was 5.07 per
    # million hours in 2012 and 3.94 in 2017: above 5, lost-time injuries alone exceed it.
    benchmark = qn.load_catalogue()["ICMM-SAFETY-TRIFR"]
    assert "5.07" in benchmark.title.en and "3.94" in benchmark.title.en
    assert "5.07" in benchmark.title.ja and "3.94" in benchmark.title.ja
    for rule_id in ("hs_high_injury_rate", "hs_very_high_injury_rate"):
        assert "ICMM-SAFETY-TRIFR" in _rule(V11, rule_id).references, rule_id
    fired_at = {
        rate: {
            f
            for f in counted(
                run(V11, refdata, with_answers(exemplary_document_1_1(), lr_osh_ltifr=rate))
            )
            if f.startswith("hs_")
        }
        for rate in (3.94, 5.0, 5.07, 10.0, 10.2)
    }
    assert fired_at == {
        3.94: set(),
        5.0: set(),
        5.07: {"hs_high_injury_rate"},
        10.0: {"hs_high_injury_rate"},
        10.2: {"hs_high_injury_rate", "hs_very_high_injury_rate"},
    }


# ------------------------------------------------------------------ harshness


def test_a_trader_answering_unknown_to_everything_is_insufficient_information(refdata):
    old = with_answers(
        exemplary_document(),
        org_country="SG",
        org_countries=["SG"],
        org_lifecycle_stages=["processing"],  # 1.0 offers no trading stage
        org_minerals=["nickel"],
        org_sites=[
            {"name": "Singapore office", "country": "SG", "stage": "processing", "workers": 25}
        ],
        trace_materials=[
            {"mineral": "nickel", "stage": "processing", "country": "ID"},
            {"mineral": "nickel", "stage": "processing", "country": "PH"},
        ],
    )
    before = run(V10, refdata, unknown_everywhere(old, V10.questionnaire))
    assert before.red_flags == [] and before.incomplete == ()
    assert before.rating >= Level.HIGH
    forced = {c.id: c for c in before.categories}["forced_labour"]
    assert forced.rating is Level.CRITICAL

    after = run(V11, refdata, demo.document("calibration/trader-unknown-everything"))
    assert after.red_flags == [] and after.incomplete == ()
    assert after.visibility.insufficient and after.visibility.score < 60
    assert after.rating is Level.MEDIUM
    assert all(c.rating <= Level.MEDIUM for c in after.categories)
    assert any(f.undecided for f in after.findings)  # still listed: "cannot be ruled out"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"fl_vulnerable_terms": "yes"}, {"fl_vulnerable_terms": "yes"}),
        ({"fl_freedom_of_movement": "partly"}, {"fl_freedom_of_movement": "partly"}),
    ],
)
def test_a_single_medium_forced_labour_indicator_is_not_a_critical_red_flag(refdata, old, new):
    before = run(V10, refdata, with_answers(exemplary_document(), **old))
    assert before.rating is Level.CRITICAL and before.red_flags

    after = run(V11, refdata, with_answers(exemplary_document_1_1(), **new))
    assert after.red_flags == []
    assert after.rating is Level.MEDIUM
    (finding,) = after.findings
    assert (finding.category, finding.severity) == ("forced_labour", Level.HIGH)


@pytest.mark.parametrize(
    ("answers", "red_flag"),
    [
        (
            {"fl_deception": "yes", "fl_wage_withholding": "yes"},
            "fl_involuntary_work_under_penalty",
        ),
        (
            {"fl_vulnerable_terms": "yes", "fl_isolation": "yes"},
            "fl_involuntary_work_under_penalty",
        ),
        (
            {"fl_identity_documents": "yes", "fl_identity_documents_access": "no"},
            "fl_identity_documents_retained",
        ),
        ({"fl_violence": "yes"}, "fl_violence"),
        ({"fl_threats": "yes"}, "fl_threats"),
        ({"org_young_workers": "yes", "lr_under18_hazardous": "yes"}, "cl_hazardous_work_under_18"),
    ],
)
def test_ilo_logic_involuntariness_with_penalty_and_severe_indicators_are_critical(
    refdata, answers, red_flag
):
    result = run(V11, refdata, with_answers(exemplary_document_1_1(), **answers))
    assert red_flag in result.red_flags
    assert result.rating is Level.CRITICAL


# ------------------------------------------------------------------ data


def test_lithium_is_not_linked_to_sheet_mica(refdata):
    source = {"mineral": "lithium", "stage": "extraction", "country": "IN"}
    old = with_answers(exemplary_document(), trace_materials=[source])
    assert "cl_ilab_listed_source" in fired(run(V10, refdata, old))

    new = with_answers(
        exemplary_document_1_1(), trace_materials=[{**source, "smelter_identified": "yes"}]
    )
    assert "cl_ilab_listed_source" not in fired(run(V11, refdata, new))
    assert "mica" not in {link.good.casefold() for link in V11.inherent.goods["lithium"]}


@pytest.mark.parametrize(
    ("mineral", "country", "rule", "kind"),
    [
        ("nickel", "ID", "fl_ilab_listed_source", "forced_labor"),
        ("manganese", "ZM", "cl_ilab_listed_source", "child_labor"),
    ],
)
def test_rule_set_1_1_scores_with_the_2024_changes(mineral, country, rule, kind):
    library = load_library()
    source = {"mineral": mineral, "stage": "extraction", "country": country}
    old = with_answers(exemplary_document(), trace_materials=[source])
    new = with_answers(
        exemplary_document_1_1(), trace_materials=[{**source, "smelter_identified": "yes"}]
    )

    assert rule not in fired(evaluate(V10, old, library, demo.SCORING_DATE))
    result = evaluate(V11, new, library, demo.SCORING_DATE)
    assert rule in fired(result)
    assert result.data_editions["ilab"] == "2024-minerals-extract"
    finding = next(f for f in result.findings if f.rule_id == rule)
    assert any(kind in listing["kinds"] for listing in finding.to_dict()["listings"])


# ------------------------------------------------------------------ citations


def _rule(ruleset, rule_id):
    return next(r for r in (*ruleset.rules, *ruleset.evidence_rules) if r.id == rule_id)


def test_impact_assessment_cites_host_country_law_ifc_and_irma_not_art_4_4():
    assert _rule(V10, "env_no_impact_assessment").references == ("USJP-4.4",)
    references = _rule(V11, "env_no_impact_assessment").references
    assert {"HOST-EIA", "IFC-PS1-ASSESS", "IRMA-2.1"} <= set(references)
    assert not [r.id for r in V11.rules if "USJP-4.4" in r.references]
    standards = {r.id for r in V11.rules if "USJP-4.6" in r.references}
    assert {"env_tailings_unmanaged", "env_no_certified_management_system"} <= standards


def test_grievance_audit_and_memorandum_citations_say_what_the_texts_say():
    assert "USJP-2-LAB-C-RETALIATION" in _rule(V10, "vr_no_grievance_mechanism").references
    assert (
        "USJP-2-LAB-C-RETALIATION" not in _rule(V11, "vr_no_worker_grievance_mechanism").references
    )
    assert {r.id for r in V11.rules if "USJP-2-LAB-C-RETALIATION" in r.references} == {
        "vr_no_non_retaliation_policy",
        "vr_retaliation",
    }
    assert "USJP-5.9-D" in _rule(V10, "dd_no_third_party_audit").references
    assert _rule(V11, "dd_no_third_party_audit").references == ("OECD-S4",)
    # UK-Japan para. 2.2: cooperation between governments on data and traceability, in a
    # memorandum that creates no obligations (para. 4.1): context for identification only.
    old = {r.id for r in (*V10.rules, *V10.evidence_rules) if "UKJP-2.2" in r.references}
    new = {r.id for r in (*V11.rules, *V11.evidence_rules) if "UKJP-2.2" in r.references}
    assert {"evidence_missing", "tr_no_supplier_survey", "tr_no_chain_of_custody"} <= old
    assert new == {
        "tr_smelters_unidentified",
        "tr_smelters_not_identified",
        "tr_mines_not_identified",
    }


def test_us_import_law_is_cited_for_what_it_does():
    # UFLPA s.3 presumes forced labour for goods made in Xinjiang or by entities on its Entity
    # List (s.2(d)), and lets US Customs grant an exception on clear and convincing evidence.
    state = _rule(V11, "fl_state_imposed_labour").action
    assert "Entity List" in state.en and "taking part in them are presumed" not in state.en
    assert "エンティティリスト" in state.ja
    for rule_id in ("fl_xinjiang_inputs", "fl_uflpa_entity_relationship"):
        action = _rule(V11, rule_id).action
        assert "unless US Customs grants an exception" in action.en, rule_id
        assert "例外を認めない限り" in action.ja, rule_id
        assert "barred" not in action.en, rule_id
    locator = qn.load_catalogue()["US-UFLPA"].locator
    assert (locator.en, locator.ja) == (
        "UFLPA ss.2(d) and 3; Tariff Act s.307",
        "UFLPA第2条(d)・第3条、関税法第307条",
    )


def test_closure_plans_cite_the_standard_that_asks_for_them_not_a_habitat_definition():
    assert "USJP-2-ENV-C" in _rule(V10, "env_no_closure_plan").references
    for rule_id in ("env_no_closure_plan", "env_closure_plan_incomplete"):
        assert _rule(V11, rule_id).references == ("IRMA-2.6",)


def test_provisions_addressed_to_the_governments_are_titled_as_such():
    catalogue = qn.load_catalogue()
    for code in ("USJP-5.9-C", "USJP-5.9-D", "USJP-5.9-E"):
        title = catalogue[code].title
        assert title.en.startswith("The Parties "), code
        assert "両締約国" in title.ja, code
    assert "Participants (governments)" in catalogue["UKJP-2.2"].title.en
    assert "政府" in catalogue["UKJP-2.2"].title.ja
    assert "central-government" in catalogue["USJP-4.4"].title.en


def test_selling_to_a_listed_entity_is_not_a_critical_red_flag(refdata):
    old = run(V10, refdata, with_answers(exemplary_document(), trace_uflpa_entities="yes"))
    assert old.rating is Level.CRITICAL and "fl_import_ban_entities" in old.red_flags

    for question in ("trace_uflpa_entity_list", "trace_wro_producers"):
        new = run(V11, refdata, with_answers(exemplary_document_1_1(), **{question: "yes"}))
        assert new.red_flags == [] and new.rating is Level.MEDIUM
    xinjiang = run(V11, refdata, with_answers(exemplary_document_1_1(), trace_xinjiang="yes"))
    assert xinjiang.red_flags == ["fl_xinjiang_inputs"]


def test_findings_naming_the_agreement_say_it_states_an_intention():
    def texts(ruleset):
        for rule in ruleset.rules:
            for text in (rule.title, rule.action):
                if "Agreement" in text.en or "agreement" in text.en:
                    yield rule.id, text

    old = dict(texts(V10))
    assert "lr_discrimination_grounds_missing" in old
    assert "intention" not in old["lr_discrimination_grounds_missing"].en
    new = list(texts(V11))
    assert new
    for rule_id, text in new:
        assert "US–Japan Critical Minerals Agreement" in text.en, rule_id
        assert "intention" in text.en and "意図" in text.ja, rule_id
        assert "日米重要鉱物協定" in text.ja, rule_id
        assert not re.search(r"\b(encourages|requires|obliges)\b", text.en), rule_id
    for rule in V11.rules:
        for text in (rule.title, rule.action):
            assert "日米協定" not in text.ja, rule.id
            assert "Memorandum" not in text.en, rule.id  # it creates no obligations (para. 4.1)


# ------------------------------------------------------------------ noise


def test_circularity_findings_do_not_fire_on_a_primary_miner(refdata):
    old = with_answers(
        exemplary_document(), org_lifecycle_stages=["extraction"], circ_recycled_content=0
    )
    before = run(V10, refdata, visible_only(old, V10.questionnaire))
    assert "circ_no_recycled_content" in fired(before)

    after = run(V11, refdata, demo.document("calibration/lithium-spodumene-miner-australia"))
    assert after.findings == ()
    miner = with_answers(
        exemplary_document_1_1(),
        org_lifecycle_stages=["extraction"],
        circ_recycled_content=0,
        circ_take_back="no",
        circ_waste_targets="no",
    )
    result = run(V11, refdata, visible_only(miner, V11.questionnaire))
    assert not {f.rule_id for f in result.findings if f.category == "circularity"}


def test_an_unknown_recruitment_fee_answer_gets_a_sensible_finding(refdata):
    before = run(V10, refdata, with_answers(exemplary_document(), fl_recruitment_fees="unknown"))
    (old,) = [f for f in before.findings if f.rule_id == "fl_recruitment_fees"]
    assert old.title.en.startswith("Cannot be ruled out") and "reimbursed in full" in old.title.en

    after = run(V11, refdata, with_answers(exemplary_document_1_1(), fl_recruitment_fees="unknown"))
    (finding,) = after.findings
    assert finding.rule_id == "fl_recruitment_fees_unknown" and not finding.undecided
    assert "reimbursed in full" not in finding.title.en
    assert "not known" in finding.title.en and "把握されていない" in finding.title.ja


def test_an_unknown_answer_is_listed_once(refdata):
    for question, rule_id in [
        ("fl_freedom_of_movement", "fl_confinement"),
        ("dd_policy", "dd_no_sourcing_policy"),
        ("env_emissions_monitoring", "env_releases_unmonitored"),
        ("env_closure_plan", "env_no_closure_plan"),
    ]:
        doc = visible_only(
            with_answers(exemplary_document_1_1(), **{question: "unknown"}), V11.questionnaire
        )
        result = run(V11, refdata, doc)
        undecided = [f.rule_id for f in result.findings if f.undecided]
        assert undecided == [rule_id], question
        assert result.rating is Level.LOW
