"""The public's online application and status lookup (rules.md §2.1–2.2): ``foi.public`` and ``foi.captcha``."""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection

from xxgk.core.models import AuditEvent
from xxgk.foi import captcha, public
from xxgk.foi.models import Case, CaseEvent
from xxgk.foi.tests.conftest import VALID_ID
from xxgk.foi.vocabulary import CaseEventType, CaseState

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "natural_person",
    "name": "李四",
    "id_kind": "resident_id",
    "id_number": VALID_ID,
    "phone": "13812345678",
    "email": "lisi@example.com",
    "address": "朝阳市双塔区幸福里3号",
    "postcode": "",
    "information_name": "2024年科技项目验收名单",
    "document_number": "",
    "description": "",
    "form_wanted": "email",
    "delivery_method": "email",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def answer(question: str) -> str:
    """Solve the text alternative the way a screen-reader user would."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    a, b = question.split("等于")[0].split("加")
    return str(digits[a] + digits[b])


def test_submission_creates_a_waiting_online_case_with_encrypted_identity_and_hashed_code(agency_a):
    case, code = public.submit_online(agency_a, FORM, ip="203.0.113.5")
    assert case.channel == "online" and case.state == CaseState.WAITING_CONFIRMATION
    assert case.received_on is None and case.reply_due is None and case.handler is None
    assert len(code.replace("-", "")) >= 10 and set(code.replace("-", "")) <= set(public.QUERY_ALPHABET)
    assert case.query_code_hash == public.query_code_hash(code) and code not in case.query_code_hash
    event = CaseEvent.objects.get(case=case)
    assert event.type == CaseEventType.RECEIVED and event.actor is None and event.payload["awaiting_confirmation"]
    audit = AuditEvent.objects.get(action="foi.received", object_id=str(case.pk))
    assert audit.actor is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM foi_applicant WHERE id = %s", [case.applicant_id])
        stored_id, stored_phone = cursor.fetchone()
        cursor.execute("SELECT query_code_hash FROM foi_case WHERE id = %s", [case.pk])
        (stored_hash,) = cursor.fetchone()
    assert VALID_ID not in stored_id and "13812345678" not in stored_phone
    assert code.replace("-", "") not in stored_hash and code not in stored_hash
    assert Case.objects.get(pk=case.pk).applicant.id_number == VALID_ID


def test_description_alone_is_enough_and_names_the_case(agency_a):
    long = "关于本市2024年度科技计划项目的立项和验收情况，" * 4
    case, _ = public.submit_online(agency_a, FORM | {"information_name": "", "description": long}, ip="x")
    assert case.description == long and case.information_name.startswith("关于本市2024年度")
    assert case.information_name.endswith("……")
    with pytest.raises(ValidationError) as error:
        public.submit_online(agency_a, FORM | {"information_name": "", "description": " "}, ip="x")
    assert "名称或内容描述" in str(error.value)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"id_number": VALID_ID[:17] + "1"}, "id_number", "校验位"),
        ({"kind": "commercial", "id_kind": "uscc", "id_number": "91110108600012345X"}, "id_number", "校验码"),
        ({"form_wanted": "carrier-pigeon"}, "form_wanted", "提供形式"),
    ],
)
def test_bad_identity_or_choice_is_refused_and_nothing_is_saved(agency_a, changes, field, message):
    with pytest.raises(ValidationError) as error:
        public.submit_online(agency_a, FORM | changes, ip="x")
    assert message in " ".join(error.value.message_dict[field])
    assert not Case.objects.exists()


def test_passport_is_accepted_without_checksum(agency_a):
    case, _ = public.submit_online(agency_a, FORM | {"id_kind": "passport", "id_number": "E12345678"}, ip="x")
    assert case.applicant.id_number == "E12345678"


def test_agency_without_online_channel_refuses_and_names_the_others(agency_a):
    agency_a.accepts_online = False
    agency_a.office_address = "朝阳市双塔区政府路1号"
    agency_a.office_phone = "0421-1234567"
    with pytest.raises(ValidationError) as error:
        public.submit_online(agency_a, FORM, ip="x")
    text = " ".join(error.value.messages)
    assert "未在政府信息公开指南中公布网络申请渠道" in text
    assert "当面提交" in text and "政府路1号" in text and "0421-1234567" in text
    assert not Case.objects.exists()


def test_submissions_are_rate_limited_per_ip(agency_a):
    for _ in range(public.SUBMISSIONS_PER_HOUR):
        public.submit_online(agency_a, FORM, ip="198.51.100.1")
    with pytest.raises(public.RateLimited) as error:
        public.submit_online(agency_a, FORM, ip="198.51.100.1")
    assert "一小时内最多提交" in error.value.messages[0]
    public.submit_online(agency_a, FORM, ip="198.51.100.2")  # another address is not affected
    assert Case.objects.count() == public.SUBMISSIONS_PER_HOUR + 1


def test_lookup_needs_the_right_code_and_is_rate_limited(agency_a):
    case, code = public.submit_online(agency_a, FORM, ip="x")
    other, other_code = public.submit_online(agency_a, FORM | {"name": "王五"}, ip="x")
    assert public.lookup(case.number, code, ip="a") == case
    assert public.lookup(case.number, code.lower().replace("-", " "), ip="a") == case  # typed loosely
    assert public.lookup(case.number, other_code, ip="a") is None  # another applicant's code
    assert public.lookup(other.number, code, ip="a") is None
    assert public.lookup("agency-a-2099-99999", code, ip="a") is None
    for _ in range(public.LOOKUPS_PER_HOUR - 5):
        public.lookup(case.number, code, ip="a")
    with pytest.raises(public.RateLimited):
        public.lookup(case.number, code, ip="a")


def test_status_masks_the_identity_number(agency_a):
    case, _ = public.submit_online(agency_a, FORM, ip="x")
    status = public.public_status(case)
    assert status.state == "待确认收到" and "确认" in status.explanation
    assert VALID_ID not in status.id_number_masked and status.id_number_masked.endswith("02X")
    assert status.reply_due is None


def test_captcha_right_answer_once(agency_a):
    challenge = captcha.new_challenge()
    assert captcha.image_png(challenge.token).startswith(b"\x89PNG")
    assert captcha.check(challenge.token, answer(challenge.question)) is None
    assert "已使用" in captcha.check(challenge.token, answer(challenge.question))  # single use
    assert captcha.image_png(challenge.token) is None


def test_captcha_wrong_tampered_and_expired(agency_a, monkeypatch):
    challenge = captcha.new_challenge()
    wrong = str(int(answer(challenge.question)) + 1)
    assert "不正确" in captcha.check(challenge.token, wrong)
    assert captcha.check(challenge.token, answer(challenge.question)) is not None  # used up by the wrong try
    assert "过期" in captcha.check(challenge.token + "x", "1")
    old = captcha.new_challenge()
    real_unsign = signing.TimestampSigner.unsign
    monkeypatch.setattr(
        signing.TimestampSigner, "unsign", lambda self, value, max_age=None: real_unsign(self, value, max_age=-1)
    )
    assert "过期" in captcha.check(old.token, answer(old.question))
