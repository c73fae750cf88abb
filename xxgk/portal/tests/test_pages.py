"""The public shell: agencies, the 政府信息公开 column and its four sub-columns, display modes."""

import pytest

from xxgk.core import services
from xxgk.core.statutory import ARTICLE_20_ITEMS, DISCLOSURE_SUBCOLUMNS

pytestmark = pytest.mark.django_db


def test_home_lists_agencies_under_their_city(client, city, agency_a, agency_b):
    page = client.get("/").content.decode()
    assert 'lang="zh-CN"' in page and 'href="#main"' in page and '<main id="main"' in page
    assert page.index("测试市人民政府办公室") < page.index("测试市科学技术局")
    assert "/agencies/agency-b/" in page


def test_agency_column_has_the_four_subcolumns(client, agency_a):
    page = client.get("/agencies/agency-a/").content.decode()
    for column in DISCLOSURE_SUBCOLUMNS:
        assert column.label in page
        assert f"/agencies/agency-a/{column.slug}/" in page


def test_guide_shows_the_office_contacts(client, operator, agency_a):
    agency_a.office_name, agency_a.office_phone = "测试市科学技术局办公室", "0421-2812345"
    services.save_agency(operator, agency_a)
    page = client.get("/agencies/agency-a/guide/").content.decode()
    assert "测试市科学技术局办公室" in page and "0421-2812345" in page
    assert 'aria-current="page">政府信息公开指南' in page


def test_statutory_content_is_organised_by_article_20(client, agency_a):
    page = client.get("/agencies/agency-a/statutory/").content.decode()
    for item in ARTICLE_20_ITEMS:
        assert f"{item.ordinal}{item.text}" in page


def test_unknown_agency_or_column_is_404(client, agency_a):
    assert client.get("/agencies/nowhere/").status_code == 404
    assert client.get("/agencies/agency-a/nothing/").status_code == 404


def test_inactive_agency_is_not_public(client, operator, agency_a):
    agency_a.is_active = False
    services.save_agency(operator, agency_a)
    assert client.get("/agencies/agency-a/").status_code == 404
    assert "测试市科学技术局" not in client.get("/").content.decode()


def test_display_mode_switch_works_without_javascript(client, agency_a):
    response = client.post("/display/", {"mode": "elder", "next": "/agencies/agency-a/"})
    assert response.status_code == 302 and response["Location"] == "/agencies/agency-a/"
    page = client.get("/agencies/agency-a/").content.decode()
    assert 'class="mode-elder"' in page and 'value="elder" aria-pressed="true"' in page
    client.post("/display/", {"mode": "standard"})
    assert 'class="mode-standard"' in client.get("/").content.decode()


def test_display_switch_refuses_offsite_redirects(client):
    response = client.post("/display/", {"mode": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"
