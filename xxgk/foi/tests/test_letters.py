"""告知书: every kind renders (DOCX read back, PDF fonts and text), numbering, freezing, delivery,
permissions, and an 答复告知书 for every outcome of the table."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from xxgk.core.models import Agency, AuditEvent
from xxgk.foi import services
from xxgk.foi.models import Letter
from xxgk.foi.outcomes import OUTCOMES, OutcomeCode
from xxgk.foi.vocabulary import CaseEventType, LetterKind

D = date.fromisoformat
pytestmark = pytest.mark.django_db
REVIEW_BODY, COURT = "测试市人民政府", "测试市双塔区人民法院"


@pytest.fixture(autouse=True)
def remedy_bodies(agency_a):
    Agency.objects.filter(pk=agency_a.pk).update(review_body=REVIEW_BODY, court=COURT, office_phone="0421-1234567")
    agency_a.refresh_from_db()


def docx_text(letter: Letter) -> str:
    with letter.docx.open("rb") as f:
        return "\n".join(p.text for p in Document(f).paragraphs)


def pdf_text(letter: Letter) -> str:
    return subprocess.run(["pdftotext", letter.pdf.path, "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts_embedded(letter: Letter) -> bool:
    out = subprocess.run(["pdffonts", letter.pdf.path], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    # columns: name type encoding emb sub uni object ID — emb is the 4th from the end
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)


def _decided(register, handler, code: OutcomeCode):
    """A case answered with ``code``, reaching the state that outcome needs through the services."""
    case = register("in_person", "2025-09-26")
    kw = {}
    if code is OutcomeCode.OTHER_NO_CORRECTION:
        services.request_correction(handler, case, on=D("2025-09-29"), items="请写明年度", reply_by=D("2025-10-10"))
        on = D("2025-10-13")
    elif code is OutcomeCode.OTHER_FEE_UNPAID:
        services.send_fee_notice(handler, case, on=D("2025-09-29"), method="per_page", pages=160)
        services.deliver_fee_notice(handler, case, on=D("2025-09-30"))
        on = D("2025-11-20")
    else:
        on = D("2025-10-10")
    if code is OutcomeCode.PARTIAL:
        kw = {"withheld": "企业联系人手机号码", "withheld_ground": OutcomeCode.DENY_THIRD_PARTY.value}
    services.decide(handler, case, on=on, outcome_code=code.value, reasons="详见附件。", **kw)
    return case


@pytest.mark.parametrize("row", OUTCOMES, ids=lambda o: o.code.value)
def test_every_outcome_gets_a_reply_letter_with_its_basis_and_remedy(register, handler, row):
    case = _decided(register, handler, row.code)
    letter = services.issue_letter(handler, case, LetterKind.REPLY)
    text = docx_text(letter)
    assert letter.number in text and case.number in text
    if row.legal_basis_text:
        assert row.legal_basis_text in text
    if row.adverse:
        assert REVIEW_BODY in text and COURT in text and "60日内" in text and "6个月内" in text
    else:
        assert "行政复议" not in text
    if row.code is OutcomeCode.PARTIAL:
        assert "企业联系人手机号码" in text and "保护第三方合法权益" in text


def test_every_kind_renders_docx_and_pdf(register, handler, leader):
    case = register("in_person", "2025-09-26")
    items, reply_by = "请写明所需信息的年度。", D("2025-10-20")
    services.request_correction(handler, case, on=D("2025-09-29"), items=items, reply_by=reply_by)
    services.receive_correction(handler, case, on=D("2025-10-09"))
    services.send_consultation(handler, case, on=D("2025-10-10"), party="某科技有限公司", party_kind="third_party")
    services.answer_consultation(handler, case, on=D("2025-10-15"), party="某科技有限公司", opinion="同意", agrees=True)
    services.request_extension(handler, case, on=D("2025-10-20"), days=10, reason="涉及多个年度档案")
    services.approve_extension(leader, case, on=D("2025-10-20"))
    services.decide(handler, case, on=D("2025-10-24"), outcome_code="granted")
    due = services.letters_called_for(case)
    assert {d.kind for d in due} == set(LetterKind) - {LetterKind.FEE}
    letters = [services.issue_letter(handler, case, d.kind, event=d.event) for d in due]
    assert services.letters_called_for(case) == []
    for letter in letters:
        text = docx_text(letter)
        assert letter.number in text and letter.get_kind_display() in text, letter.kind
        assert pdf_fonts_embedded(letter), letter.kind
        assert letter.number in pdf_text(letter).replace(" ", "")
    by_kind = {letter.kind: letter for letter in letters}
    assert "请写明所需信息的年度。" in docx_text(by_kind[LetterKind.CORRECTION])
    assert "2025年10月20日" in docx_text(by_kind[LetterKind.CORRECTION])
    assert "延长10个工作日" in docx_text(by_kind[LetterKind.EXTENSION])
    consultation = by_kind[LetterKind.CONSULTATION]
    assert consultation.addressee == "某科技有限公司" and "张三" not in docx_text(consultation)
    assert "张三" not in str(consultation.content)  # not even in the facts kept with the letter
    assert "第三十二条" in docx_text(by_kind[LetterKind.CONSULTATION_NOTICE])
    public = set(services.letters_for_public(case).values_list("kind", flat=True))
    assert public == set(LetterKind) - {LetterKind.FEE, LetterKind.CONSULTATION}


def test_fee_letter_states_amount_and_method(register, handler):
    case = register("in_person", "2025-09-26")
    services.send_fee_notice(handler, case, on=D("2025-09-29"), method="per_page", pages=160)
    letter = services.issue_letter(handler, case, LetterKind.FEE)
    text = docx_text(letter)
    # 31–100: 70 × 10 + 101–160: 60 × 20 = 1900
    assert "1900.00元" in text and "按量计收" in text and "共160页" in text


def test_numbers_run_per_agency_and_year_and_reissue_is_a_new_letter(register, handler, agency_b, make_staff):
    from xxgk.core.models import Role

    case = register("in_person", "2025-09-26")
    first = services.issue_letter(handler, case, LetterKind.RECEIPT, on=D("2025-09-26"))
    second = services.issue_letter(handler, case, LetterKind.RECEIPT, on=D("2025-09-29"))
    next_year = services.issue_letter(handler, case, LetterKind.RECEIPT, on=D("2026-01-05"))
    assert (first.number, second.number) == ("科技局依申告〔2025〕第00001号", "科技局依申告〔2025〕第00002号")
    assert next_year.number == "科技局依申告〔2026〕第00001号"
    issued = AuditEvent.objects.filter(action="foi.letter_issued", actor=handler)
    assert [e.changes["letter"][1] for e in issued.order_by("id")] == [first.number, second.number, next_year.number]
    other = make_staff(agency_b, Role.FOI_HANDLER)
    case_b = register("in_person", "2025-09-26", actor=other, agency=agency_b)
    assert services.issue_letter(other, case_b, LetterKind.RECEIPT, on=D("2025-09-26")).number.endswith("第00001号")


def test_an_issued_letter_is_frozen(register, handler):
    case = register("in_person", "2025-09-26")
    letter = services.issue_letter(handler, case, LetterKind.RECEIPT)
    letter.addressee = "别人"
    with pytest.raises(PermissionError):
        letter.save()
    with pytest.raises(PermissionError):
        Letter.objects.filter(pk=letter.pk).update(addressee="别人")
    with pytest.raises(PermissionError):
        letter.delete()
    assert Letter.objects.get(pk=letter.pk).addressee == "张三"


def test_adverse_reply_needs_the_review_body_and_court(register, handler, agency_a):
    case = _decided(register, handler, OutcomeCode.DENY_PROCESS)
    Agency.objects.filter(pk=agency_a.pk).update(court="")
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="管辖人民法院"):
        services.issue_letter(handler, case, LetterKind.REPLY)
    assert not Letter.objects.exists()


def test_no_letter_before_its_event_or_before_receipt(register, handler):
    case = register("online", "2025-09-26")
    with pytest.raises(ValidationError, match="登记回执"):
        services.issue_letter(handler, case, LetterKind.RECEIPT)
    with pytest.raises(ValidationError, match="补正告知书"):
        services.issue_letter(handler, case, LetterKind.CORRECTION)


def test_delivery_is_recorded_as_a_case_event(register, handler):
    case = _decided(register, handler, OutcomeCode.GRANTED)
    letter = services.issue_letter(handler, case, LetterKind.REPLY, on=D("2025-10-10"))
    with pytest.raises(ValidationError, match="邮件单号"):
        services.record_letter_delivery(handler, letter, method="post", sent_on=D("2025-10-11"))
    delivery = services.record_letter_delivery(
        handler, letter, method="post", sent_on=D("2025-10-11"), signed_on=D("2025-10-14"), tracking_number="EMS123"
    )
    event = case.events.get(type=CaseEventType.LETTER_DELIVERED)
    assert delivery.event == event and event.date == D("2025-10-14")
    assert event.payload["number"] == letter.number and event.payload["tracking_number"] == "EMS123"


def test_other_agency_staff_cannot_issue_download_or_deliver(register, handler, other_handler, client):
    case = register("in_person", "2025-09-26")
    with pytest.raises(PermissionDenied):
        services.issue_letter(other_handler, case, LetterKind.RECEIPT)
    letter = services.issue_letter(handler, case, LetterKind.RECEIPT)
    with pytest.raises(PermissionDenied):
        services.record_letter_delivery(other_handler, letter, method="in_person", sent_on=letter.issued_on)
    client.force_login(other_handler)
    assert client.get(reverse("foi_letter_file", args=[case.pk, letter.pk, "pdf"])).status_code == 404
    client.force_login(handler)
    response = client.get(reverse("foi_letter_file", args=[case.pk, letter.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_case_page_offers_and_issues_letters(register, handler, client):
    case = register("in_person", "2025-09-26")
    client.force_login(handler)
    page = client.get(reverse("foi_case", args=[case.pk])).content.decode()
    assert "生成告知书" in page and "登记回执" in page
    event = case.events.get(type=CaseEventType.RECEIVED)
    response = client.post(reverse("foi_letter_issue", args=[case.pk]), {"kind": "receipt", "event": event.pk})
    assert response.status_code == 302
    letter = case.letters.get()
    page = client.get(reverse("foi_case", args=[case.pk])).content.decode()
    assert letter.number in page and "登记送达" in page
    response = client.post(
        reverse("foi_letter_deliver", args=[case.pk, letter.pk]),
        {f"deliver-{letter.pk}-method": "post", f"deliver-{letter.pk}-sent_on": letter.issued_on.isoformat()},
    )
    assert response.status_code == 400 and "邮寄送达请填写邮件单号" in response.content.decode()
