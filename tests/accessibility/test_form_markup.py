"""Forms as a screen reader meets them: names, required in words, errors tied to controls."""

from __future__ import annotations

import re

from tests.conftest import login


def _attrs(html: str, element_id: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert match, element_id
    return match.group(0)


def test_table_cells_are_labelled_by_column_and_row(supplier, draft):
    html = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    labels = re.findall(r'name="q-org_sites-(\d+)-(\w+)"[^>]*aria-label="([^"]+)"', html)
    labels += [
        (row, column, label)
        for label, row, column in re.findall(
            r'aria-label="([^"]+)"[^>]*name="q-org_sites-(\d+)-(\w+)"', html
        )
    ]
    assert {(row, column) for row, column, _ in labels} >= {("0", "name"), ("1", "country")}
    by_cell = {(row, column): label for row, column, label in labels}
    assert by_cell[("0", "name")] == "Site name, row 1"
    assert by_cell[("1", "country")] == "Country, row 2"
    assert by_cell[("0", "stage")] == "Main activity, row 1"


def test_table_cells_in_japanese(supplier, draft):
    supplier.post("/language", data={"lang": "ja", "next": "/"})
    html = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    assert 'aria-label="事業所名、1 行目"' in html


def test_required_questions_say_so_in_words(supplier, draft):
    html = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    legend = re.search(r'id="q-org_sites".*?<legend>(.*?)</legend>', html, re.S).group(1)
    assert "(required)" in legend
    optional = re.search(r'id="q-org_website".*?<legend>(.*?)</legend>', html, re.S)
    if optional:  # an optional question, where this version has one
        assert "(required)" not in optional.group(1)


def test_refused_answer_is_described_by_its_error(supplier, draft):
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={"version": "0", "questions": "org_headcount", "q-org_headcount": "twelve"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    control = _attrs(html, "f-org_headcount")
    described = re.search(r'aria-describedby="([^"]+)"', control).group(1).split()
    assert "err-org_headcount" in described
    assert 'aria-invalid="true"' in control
    error = re.search(r'<p class="error" id="err-org_headcount"[^>]*>([^<]+)</p>', html)
    assert error and error.group(1).strip()
    # an answer without error is described by its (empty, hidden) slot and not marked invalid
    other = _attrs(html, "f-org_legal_name")
    assert "aria-invalid" not in other


def test_sign_in_errors_are_tied_to_their_fields(client, demo):
    html = client.post("/login", data={"email": "not-an-address", "password": ""}).get_data(
        as_text=True
    )
    email = _attrs(html, "email")
    assert 'aria-describedby="email-error"' in email and 'aria-invalid="true"' in email
    assert re.search(r'<div class="errors" id="email-error"><p class="error">[^<]+</p>', html)
    assert re.search(r'<label for="email">E-mail<span class="req"> \(required\)</span>', html)
    assert "aria-describedby" not in _attrs(client.get("/login").get_data(as_text=True), "email")


def test_skip_link_leads_to_the_main_content(client, demo):
    login(client, "buyer@demo.assay.example")
    html = client.get("/buyer/").get_data(as_text=True)
    body = html.split("<body>", 1)[1].lstrip()
    assert body.startswith('<a class="skip-link" href="#content">')
    assert '<main id="content" tabindex="-1">' in html


def test_japanese_names_on_english_pages_are_marked(client, demo):
    login(client, "admin@demo.assay.example")
    client.post("/language", data={"lang": "en", "next": "/"})
    english = client.get("/members/").get_data(as_text=True)
    assert '<td><span lang="ja">佐藤 美咲</span></td>' in english
    client.post("/language", data={"lang": "ja", "next": "/"})
    japanese = client.get("/members/").get_data(as_text=True)
    assert "<td>佐藤 美咲</td>" in japanese


def test_countries_are_checkboxes_the_chosen_first_and_posted_as_a_list(supplier, draft, app):
    html = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    assert (
        'name="q-org_countries"' in html
        and "multiple" not in html.split("q-org_countries")[0][-200:]
    )
    boxes = re.findall(r'<input type="checkbox" name="q-org_countries" value="(\w\w)"', html)
    assert len(boxes) > 240 and "JP" in boxes
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={"version": "0", "questions": "org_countries", "q-org_countries": ["JP", "CD"]},
    )
    assert response.status_code == 302
    html = supplier.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    checked = re.findall(
        r'<input type="checkbox" name="q-org_countries" value="(\w\w)" checked', html
    )
    assert sorted(checked) == ["CD", "JP"]
    first = re.findall(r'name="q-org_countries" value="(\w\w)"', html)[:2]
    assert sorted(first) == ["CD", "JP"]  # the chosen ones lead the list
    assert "data-country-search" in html  # the search box the script shows
