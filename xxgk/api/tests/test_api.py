"""The public read API: only public data, cursors, Chinese JSON errors, and the OpenAPI document."""

from datetime import date, timedelta

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

from xxgk.api.openapi import SPEC
from xxgk.catalog import services
from xxgk.catalog.models import Entry, StatutoryItem
from xxgk.catalog.tests.test_listing import make_entry
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(agency_a, make_staff):
    """A document with its 政策解读, a repealed predecessor, a draft, a withdrawn entry and an edit in review."""
    drafter, leader = make_staff(agency_a, Role.DRAFTER), make_staff(agency_a, Role.LEADER)
    document = Entry(agency=agency_a, title="科技成果转化若干措施", body="<p>第一条 正文</p>", kind=EntryKind.NORMATIVE)
    document.statutory_items = list(StatutoryItem.objects.filter(number=1))
    services.save_draft(drafter, document)
    reading = Entry(agency=agency_a, title="《若干措施》解读", kind=EntryKind.INTERPRETATION, interprets=document)
    services.save_draft(drafter, reading)
    services.publish(leader, reading)  # publishes the document with it
    old = services.save_draft(drafter, Entry(agency=agency_a, title="旧措施"))
    services.publish(leader, old)
    old.refresh_from_db()
    old.validity, old.replaced_by = Validity.REPEALED, Entry.objects.get(pk=document.pk)
    services.save_draft(drafter, old)
    services.publish(leader, old)
    gone = services.save_draft(drafter, Entry(agency=agency_a, title="撤回的通知", body="<p>撤回前正文</p>"))
    services.publish(leader, gone)
    services.withdraw(leader, gone, "内容有误")
    draft = services.save_draft(drafter, Entry(agency=agency_a, title="草稿标题", body="<p>草稿正文</p>"))
    edited = Entry.objects.get(pk=document.pk)
    edited.body = "<p>未经审核的修改</p>"
    services.save_draft(drafter, edited)
    entries = {e.title: e for e in Entry.objects.all()}
    return {
        "document": entries["科技成果转化若干措施"],
        "reading": entries["《若干措施》解读"],
        "old": entries["旧措施"],
        "gone": entries["撤回的通知"],
        "draft": draft,
    }


def schema_for(name: str) -> Draft202012Validator:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": SPEC["components"]}
    schema["$ref"] = f"#/components/schemas/{name}"
    return Draft202012Validator(schema, format_checker=FormatChecker())


def response_schema(path: str, status: str) -> dict:
    return SPEC["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]


def test_the_openapi_document_is_valid_and_served(client):
    validate(SPEC)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.json() == SPEC


def test_every_documented_response_matches_the_schema(client, catalogue):
    index = catalogue["document"].index_number
    calls = {
        ("/entries/", "200"): "/api/entries/?agency=agency-a&limit=2",
        ("/entries/", "400"): "/api/entries/?year=20x5",
        ("/entries/{index_number}/", "200"): f"/api/entries/{index}/",
        ("/entries/{index_number}/", "404"): "/api/entries/agency-a/2099-99999/",
        ("/entries/{index_number}/", "410"): f"/api/entries/{catalogue['gone'].index_number}/",
        ("/agencies/", "200"): "/api/agencies/",
        ("/openapi.json", "200"): "/api/openapi.json",
    }
    documented = {(p, s) for p, ops in SPEC["paths"].items() for s in ops["get"]["responses"]}
    assert documented == set(calls), "every documented response needs a real call here"
    for (path, status), url in calls.items():
        response = client.get(url)
        assert response.status_code == int(status), url
        assert response["Content-Type"] == "application/json"
        schema = response_schema(path, status)
        if "$ref" in schema:
            schema_for(schema["$ref"].rsplit("/", 1)[-1]).validate(response.json())
    # Pages after the first validate too (cursor links are absolute URLs).
    second = client.get(client.get("/api/entries/?limit=1").json()["next"])
    schema_for("EntryPage").validate(second.json())


def test_the_list_holds_only_public_entries(client, catalogue):
    titles = [e["title"] for e in client.get("/api/entries/").json()["results"]]
    assert sorted(titles) == sorted(["科技成果转化若干措施", "《若干措施》解读", "旧措施"])
    assert client.get(f"/api/entries/{catalogue['draft'].pk}/").status_code == 404


def test_an_entry_has_metadata_body_links_and_validity(client, catalogue):
    document, reading, old = catalogue["document"], catalogue["reading"], catalogue["old"]
    data = client.get(f"/api/entries/{document.index_number}/").json()
    assert data["body_html"] == "<p>第一条 正文</p>"  # not the edit still in review
    assert data["statutory_items"] == [1] and data["kind_label"] == "规范性文件"
    assert data["agency"] == {"code": "agency-a", "name": "测试市科学技术局"}
    assert [r["index_number"] for r in data["interpretations"]] == [reading.index_number]
    back = client.get(f"/api/entries/{reading.index_number}/").json()
    assert back["interprets"]["index_number"] == document.index_number
    repealed = client.get(f"/api/entries/{old.index_number}/").json()
    assert repealed["validity"] == "repealed" and repealed["validity_label"] == "已废止"
    assert repealed["replaced_by"]["index_number"] == document.index_number


def test_a_withdrawn_entry_answers_only_its_notice(client, catalogue):
    response = client.get(f"/api/entries/{catalogue['gone'].index_number}/")
    body = response.content.decode()
    assert response.status_code == 410 and "撤回前正文" not in body
    data = response.json()
    assert data["error"]["code"] == "withdrawn" and "撤回" in data["error"]["message"]
    assert data["withdrawn"]["reason"] == "内容有误"


def test_cursor_pages_cover_every_entry_once(client, agency_a):
    made = [make_entry(agency_a, date(2025, 1, 1) + timedelta(days=n % 3)) for n in range(7)]
    seen, url = [], "/api/entries/?limit=3&year=2025"
    while url:
        data = client.get(url).json()
        seen += [e["index_number"] for e in data["results"]]
        url = data["next"]
    expected = [e.index_number for e in sorted(made, key=lambda e: (e.published_on, e.id), reverse=True)]
    assert seen == expected


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("year=abc", "bad_filter", "year"),
        ("kind=memo", "bad_filter", "kind"),
        ("validity=gone", "bad_filter", "validity"),
        ("cursor=%25%25", "bad_cursor", "cursor"),
        ("limit=1000", "bad_filter", "limit"),
        ("agency=nowhere", "bad_filter", "agency"),
    ],
)
def test_bad_parameters_give_chinese_json_errors(client, query, code, field):
    response = client.get(f"/api/entries/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    schema_for("Error").validate(response.json())
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
    assert "\\u" not in response.content.decode()  # readable UTF-8, not escapes


def test_unknown_routes_and_writes_are_json_errors(client):
    missing = client.get("/api/nothing/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    posted = client.post("/api/entries/", {})
    assert posted.status_code == 405 and posted.json()["error"]["code"] == "method_not_allowed"


def test_agencies_list_active_agencies_with_office_contacts(client, city, agency_a):
    data = client.get("/api/agencies/").json()["results"]
    by_code = {a["code"]: a for a in data}
    assert by_code["agency-a"]["parent"] == "city" and by_code["city"]["parent"] is None
    assert set(by_code["agency-a"]["office"]) == {"name", "address", "postcode", "hours", "phone", "fax", "email"}
