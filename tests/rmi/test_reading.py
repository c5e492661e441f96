"""Reading EMRT and AMRT workbooks by cell address: detection, normalisation, Checker rules."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

import rmi
from rmi import layouts
from services.rmi import country_code
from tests.rmi.workbooks import workbook

DECLARED = {"q1": "Yes", "q2": "Yes", "q3": "No", "q4": "No", "q5": "100%", "q6": "Yes"}


def read(data: bytes) -> rmi.Reading:
    return rmi.read(data, country_code)


def problems(reading: rmi.Reading) -> dict[str, tuple[str, str]]:
    return {p.cell: (p.severity, p.code) for p in reading.problems}


@pytest.mark.parametrize(
    ("kind", "version"),
    [("EMRT", "2.0"), ("EMRT", "2.1"), ("EMRT", "2.11"), ("AMRT", "1.3")],
)
def test_each_supported_version_is_detected(kind, version):
    reading = read(workbook(kind, version, minerals={}))
    assert (reading.declaration.kind, reading.declaration.version) == (kind, version)
    assert reading.declaration.company["company_name"] == "Example Refining Co., Ltd."


def test_an_unknown_version_is_refused_naming_found_and_supported_versions():
    data = workbook("EMRT", "2.2", minerals={})
    with pytest.raises(rmi.TemplateError) as refused:
        read(data)
    message = refused.value.problem.message
    assert "EMRT 2.2" in message
    assert "EMRT 2.0, EMRT 2.1, EMRT 2.11, AMRT 1.3" in message


def test_a_workbook_without_a_mine_list_is_a_cmrt_or_emrt_1_and_refused():
    book = Workbook()
    book.active.title = "Declaration"
    book.create_sheet("Smelter List")
    book["Declaration"]["J3"] = "Revision 6.5\nApril 25, 2025"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(rmi.TemplateError) as refused:
        read(out.getvalue())
    assert refused.value.problem.code == "unsupported_template"


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(rmi.TemplateError) as refused:
        read(b"PK\x03\x04 not really a zip")
    assert refused.value.problem.code == "not_a_workbook"


def test_selector_order_puts_the_alphabetically_first_selected_mineral_in_row_30():
    data = workbook(
        selected=["Nickel", "Graphite"],
        cells={"D30": "Yes", "D31": "No", "D54": "Unknown"},
    )
    declaration = read(data).declaration
    assert [m["name"] for m in declaration.minerals] == ["Graphite", "Nickel"]
    assert declaration.mineral("Graphite")["answers"] == {"q1": "Yes", "q3": "Unknown"}
    assert declaration.mineral("Nickel")["answers"] == {"q1": "No"}


def test_label_language_does_not_change_what_is_read():
    answers = {"Cobalt": DECLARED, "Nickel": {"q1": "No"}}
    smelters = [
        {"metal": "Cobalt", "lookup_name": "Smelter not listed", "name": "X Co", "country": "CHINA"}
    ]
    english = read(workbook(language="English", minerals=answers, smelters=smelters))
    japanese = read(workbook(language="日本語", minerals=answers, smelters=smelters))
    assert japanese.declaration == english.declaration
    assert japanese.problems == english.problems


def test_amrt_q2_stored_as_the_number_one_is_100_percent():
    data = workbook("AMRT", selected=["Manganese"], minerals={"Manganese": {"q1": "Yes", "q2": 1}})
    reading = read(data)
    assert reading.declaration.mineral("Manganese")["answers"] == {"q1": "Yes", "q2": "100%"}
    assert reading.problems == []


def test_not_declaring_needs_no_further_answers():
    data = workbook(minerals={"Cobalt": {"q1": "Not declaring"}})
    reading = read(data)
    assert reading.declaration.mineral("Cobalt")["answers"] == {"q1": "Not declaring"}
    assert reading.problems == []


COMPANY = {
    "A": "Yes",
    "B": "Yes",
    "B_comment": "https://example.com/policy",
    "D": "Yes",
    "E": "No",
    "F": "Yes",
    "G": "Yes",
}


def test_a_declared_mineral_without_q7_is_reported_at_its_cell():
    data = workbook(minerals={"Cobalt": {**DECLARED, "c": "Yes"}}, company_questions=COMPANY)
    assert problems(read(data)) == {"Declaration!D102": ("warning", "required")}


def test_company_questions_are_required_once_a_mineral_is_declared():
    reading = read(workbook(minerals={"Cobalt": {**DECLARED, "q7": "Yes", "c": "Yes"}}))
    assert problems(reading) == {
        f"Declaration!D{row}": ("warning", "required") for row in (115, 117, 131, 133, 135, 137)
    }


def test_policy_on_the_website_needs_its_url_in_the_comment():
    questions = {**COMPANY, "B_comment": None}
    data = workbook(minerals={"Cobalt": {"q1": "No"}}, company_questions=questions)
    assert problems(read(data)) == {"Declaration!G117": ("warning", "comment_required")}


def test_a_not_listed_smelter_without_a_country_is_an_error_at_its_cell():
    smelters = [
        {
            "metal": "Graphite",
            "lookup_name": "Smelter not listed",
            "name": "Jixi Plant",
            "country": "CHINA",
        },
        {"metal": "Graphite", "lookup_name": "Smelter not listed", "name": "No Country Plant"},
    ]
    reading = read(workbook(minerals={"Graphite": {"q1": "No"}}, smelters=smelters))
    assert problems(reading) == {"Smelter List!E6": ("error", "required")}
    assert reading.declaration.smelters[0] == {
        "metal": "Graphite",
        "lookup_name": "Smelter not listed",
        "name": "Jixi Plant",
        "country": "CN",
    }


def test_case_spacing_dates_and_country_names_are_normalised():
    smelters = [
        {
            "metal": " nickel",
            "lookup_name": "SMELTER  not listed",
            "name": "Morowali Plant",
            "country": "Korea, Republic of",
            "recycled_100": " unknown ",
        },
    ]
    mines = [
        {
            "metal": "NICKEL",
            "site_name": "Pit 1",
            "country": "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
        }
    ]
    data = workbook(
        company={"effective_date": "15-Jan-2026"},
        minerals={"Nickel": {"q1": " yes", "q2": "NO"}},
        smelters=smelters,
        mines=mines,
    )
    reading = read(data)
    declaration = reading.declaration
    assert declaration.company["effective_date"] == "2026-01-15"
    assert declaration.mineral("Nickel")["answers"] == {"q1": "Yes", "q2": "No"}
    assert declaration.smelters == [
        {
            "metal": "Nickel",
            "lookup_name": "Smelter not listed",
            "name": "Morowali Plant",
            "country": "KR",
            "recycled_100": "Unknown",
        }
    ]
    assert declaration.mines[0]["country"] == "CD"
    assert reading.problems == []


def test_an_excel_serial_date_is_read_as_iso():
    reading = read(workbook(company={"effective_date": 46000}, minerals={}))
    assert reading.declaration.company["effective_date"] == "2025-12-09"


def test_a_date_after_the_templates_range_is_a_warning():
    reading = read(workbook(company={"effective_date": date(2026, 6, 30)}, minerals={}))
    assert problems(reading) == {"Declaration!D26": ("warning", "date_out_of_range")}
    assert reading.declaration.company["effective_date"] == "2026-06-30"


def test_an_invalid_option_names_its_cell_and_the_options():
    reading = read(workbook(minerals={"Cobalt": {"q1": "Perhaps"}}))
    (problem,) = [p for p in reading.problems if p.code == "invalid_option"]
    assert problem.cell == "Declaration!D30"
    assert "Not declaring" in problem.message
    assert "q1" not in reading.declaration.mineral("Cobalt")["answers"]


def test_an_unknown_country_is_an_error_at_its_cell():
    mines = [{"metal": "Cobalt", "site_name": "Pit", "country": "Atlantis"}]
    reading = read(workbook(minerals={"Cobalt": {"q1": "No"}}, mines=mines))
    assert problems(reading) == {"Mine List!F5": ("error", "unknown_country")}


def test_missing_required_company_fields_are_listed_like_the_checker():
    data = workbook(company={"contact_name": None, "authorizer": "same"}, minerals={})
    assert problems(read(data)) == {
        "Declaration!D19": ("warning", "required"),
        "Declaration!D22": ("warning", "authorizer_same"),
    }


def test_a_listed_smelter_without_saved_results_takes_its_country_from_the_look_up():
    smelters = [
        {"metal": "Cobalt", "lookup_name": "Example Cobalt Works Two", "cid_input": "CID900002"}
    ]
    reading = read(workbook(minerals={"Cobalt": {"q1": "No"}}, smelters=smelters))
    assert reading.declaration.smelters == [
        {
            "metal": "Cobalt",
            "lookup_name": "Example Cobalt Works Two",
            "cid": "CID900002",
            "country": "FI",
        }
    ]


def test_every_layout_keeps_its_blocks_apart():
    for layout in layouts.LAYOUTS.values():
        rows = [q.first_row + i for q in layout.questions for i in range(layout.block_rows)]
        assert len(rows) == len(set(rows)), layout.label
        assert len(layout.selectors) >= layout.usable_minerals
