"""The public application form, its CAPTCHA and the status page (portal/apply.py, rules.md §2.1–2.2)."""

from __future__ import annotations

import html
import re

import pytest
from django.core.cache import cache

from xxgk.core.models import AuditEvent, Role
from xxgk.foi import public, services
from xxgk.foi.models import Case
from xxgk.foi.tests.conftest import VALID_ID
from xxgk.foi.tests.test_public import FORM, answer
from xxgk.foi.vocabulary import CaseState

pytestmark = pytest.mark.django_db
URL = "/agencies/agency-a/apply/"
STATUS = "/apply/status/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def challenge(page: str) -> dict[str, str]:
    token = re.search(r'name="captcha_token" value="([^"]+)"', page).group(1)
    question = re.search(r"验证题：(.+?等于几)", page).group(1)
    return {"captcha_token": token, "captcha_answer": answer(question)}


def post_form(client, data: dict, **kwargs):
    page = client.get(URL).content.decode()
    return client.post(URL, {**FORM, "consent": "on", **challenge(page), **data}, **kwargs)


def query_code(response) -> str:
    return re.search(r'class="query-code">([^<]+)<', response.content.decode()).group(1)


def test_form_is_accessible_and_linked_from_guide_and_column(client, agency_a):
    page = client.get(URL).content.decode()
    for label in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert f"{label}</label>" in page
    assert "<legend>申请人信息</legend>" in page and 'autocomplete="tel"' in page and 'autocomplete="email"' in page
    assert 'for="id_name"' in page and 'src="/apply/captcha/' in page and "加" in page
    assert 'href="/agencies/agency-a/apply/"' in client.get("/agencies/agency-a/guide/").content.decode()
    assert 'href="/agencies/agency-a/apply/"' in client.get("/agencies/agency-a/").content.decode()


def test_valid_submission_shows_number_and_code_once(client, agency_a):
    response = post_form(client, {})
    assert response.status_code == 200
    case = Case.objects.get()
    page = response.content.decode()
    assert case.number in page and case.state == CaseState.WAITING_CONFIRMATION
    assert case.query_code_hash == public.query_code_hash(query_code(response))
    audit = AuditEvent.objects.get(action="foi.received", object_id=str(case.pk))
    assert audit.actor is None and audit.ip_address == "127.0.0.1"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_bad_check_digit_keeps_everything_typed(client, agency_a):
    response = post_form(client, {"id_number": VALID_ID[:17] + "1", "description": "请提供<验收>名单"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400 and not Case.objects.exists()
    assert "身份证号码校验位不正确" in page and 'href="#id_id_number"' in page
    assert f'value="{VALID_ID[:17]}1"' in page and 'value="李四"' in page and "请提供<验收>名单" in page
    assert 'aria-describedby="id_id_number_error"' in page and 'id="id_id_number_error"' in page
    assert 'name="captcha_answer" value=""' in page or 'name="captcha_answer" autocomplete' in page


def test_organisation_with_bad_credit_code_is_refused(client, agency_a):
    data = {"kind": "research", "name": "某研究院", "id_kind": "uscc", "id_number": "91110108600012345X"}
    page = html.unescape(post_form(client, data).content.decode())
    assert "统一社会信用代码校验码不正确" in page and 'value="某研究院"' in page
    assert not Case.objects.exists()


def test_all_problems_are_explained_in_chinese_in_one_round(client, agency_a):
    data = {"phone": "", "email": "", "address": "", "information_name": "", "consent": "", "kind": ""}
    response = post_form(client, data)
    page = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    for message in ("请阅读说明并勾选同意", "请至少填写一种联系方式", "名称或内容描述", "请选择申请人类型"):
        assert message in page
    assert 'href="#id_kind_0"' in page and 'href="#id_phone"' in page


def test_captcha_wrong_reused_or_missing_is_refused(client, agency_a):
    page = client.get(URL).content.decode()
    solved = challenge(page)
    wrong = {**solved, "captcha_answer": str(int(solved["captcha_answer"]) + 1)}
    response = client.post(URL, {**FORM, "consent": "on", **wrong})
    assert response.status_code == 400 and "验证题答案不正确" in response.content.decode()
    response = client.post(URL, {**FORM, "consent": "on", **solved})  # the same token again
    assert response.status_code == 400 and "已使用或已过期" in response.content.decode()
    response = client.post(URL, {**FORM, "consent": "on", "captcha_token": "forged", "captcha_answer": "3"})
    assert response.status_code == 400 and "已过期" in response.content.decode()
    assert not Case.objects.exists()


def test_captcha_image_is_a_png_and_unknown_tokens_404(client, agency_a):
    token = challenge(client.get(URL).content.decode())["captcha_token"]
    response = client.get(f"/apply/captcha/{token}.png")
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG")
    assert client.get("/apply/captcha/nothing.png").status_code == 404


def test_rate_limit_message(client, agency_a):
    for _ in range(public.SUBMISSIONS_PER_HOUR):
        assert post_form(client, {}).status_code == 200
    response = post_form(client, {})
    assert response.status_code == 429 and "一小时内最多提交5件申请" in response.content.decode()
    assert Case.objects.count() == public.SUBMISSIONS_PER_HOUR


def test_agency_not_accepting_online_shows_other_channels(client, agency_a):
    agency_a.accepts_online = False
    agency_a.office_address = "朝阳市双塔区政府路1号"
    agency_a.save()
    page = client.get(URL).content.decode()
    assert "暂不受理网上申请" in page and "政府路1号" in page and "当面提交" in page and "<form method" not in page
    assert client.post(URL, {**FORM, "consent": "on"}).status_code == 403
    assert 'href="/agencies/agency-a/apply/"' not in client.get("/agencies/agency-a/").content.decode()
    assert not Case.objects.exists()


def test_status_lookup_shows_own_case_masked(client, agency_a, make_staff):
    response = post_form(client, {})
    number, code = Case.objects.get().number, query_code(response)
    page = client.post(STATUS, {"number": number, "query_code": code}).content.decode()
    assert "待确认收到" in page and "尚未确认" in page and "李四" in page
    assert VALID_ID not in page and "13812345678" not in page and "lisi@example.com" not in page
    handler = make_staff(agency_a, Role.FOI_HANDLER)
    case = Case.objects.get()
    services.confirm_receipt(handler, case, on=case.arrived_on)
    page = client.post(STATUS, {"number": number, "query_code": code}).content.decode()
    assert "办理中" in page and "（已确认）" in page and "答复期限" in page
    assert Case.objects.get().reply_due.strftime("%Y年%-m月%-d日") in page


def test_wrong_code_and_unknown_number_give_the_same_answer(client, agency_a):
    post_form(client, {})
    mine = Case.objects.get()
    response = post_form(client, {"name": "王五", "phone": "13900000000"})
    other_code = query_code(response)
    wrong = client.post(STATUS, {"number": mine.number, "query_code": other_code})
    unknown = client.post(STATUS, {"number": "agency-a-2099-00009", "query_code": other_code})
    assert wrong.status_code == unknown.status_code == 404
    assert "申请编号或查询码不正确" in wrong.content.decode()
    strip = lambda r: r.content.decode().replace("agency-a-2099-00009", "").replace(mine.number, "")  # noqa: E731
    assert re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", strip(wrong)) == re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", strip(unknown)
    )
    assert "李四" not in wrong.content.decode()


def test_status_lookups_are_rate_limited(client, agency_a):
    for _ in range(public.LOOKUPS_PER_HOUR):
        client.post(STATUS, {"number": "x", "query_code": "y"})
    response = client.post(STATUS, {"number": "x", "query_code": "y"})
    assert response.status_code == 429 and "一小时内最多查询20次" in response.content.decode()
