"""Per-agency letter templates: the override applies to its agency only, issued letters stay frozen,
every change is audited, only the agency's administrator edits, and bad input is kept with a
Chinese error."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from xxgk.core.models import AuditEvent, Role
from xxgk.foi import services
from xxgk.foi.letter_texts import SLOTS_BY_KEY
from xxgk.foi.models import Letter, LetterTemplate
from xxgk.foi.tests.test_letters import docx_text, pdf_text
from xxgk.foi.vocabulary import LetterKind

D = date.fromisoformat
pytestmark = pytest.mark.django_db
RECEIPT = SLOTS_BY_KEY["receipt"]
CUSTOM = (
    "【申请人】：您的申请【申请编号】已于【收到日期】登记，本局将于【答复期限】前答复。\n如有疑问请致电科技局公开办。"
)


@pytest.fixture
def admin(agency_a, make_staff):
    return make_staff(agency_a, Role.AGENCY_ADMIN)


@pytest.fixture
def admin_b(agency_b, make_staff):
    return make_staff(agency_b, Role.AGENCY_ADMIN)


def test_an_agency_template_is_used_for_that_agency_only_and_issued_letters_stay_frozen(
    register, handler, admin, agency_b, other_handler
):
    services.save_template(admin, admin_agency(admin), "receipt", CUSTOM)
    case = register("in_person", "2025-09-26")
    letter = services.issue_letter(handler, case, LetterKind.RECEIPT, on=D("2025-09-26"))
    text = docx_text(letter)
    assert "张三：您的申请" in text and "本局将于2025年10月30日前答复" in text and "如有疑问请致电科技局公开办" in text
    assert "特此回执" not in text
    assert letter.content["template"] == {"slot": "receipt", "custom": True, "body": CUSTOM}
    case_b = register("in_person", "2025-09-26", actor=other_handler, agency=agency_b)
    other = services.issue_letter(other_handler, case_b, LetterKind.RECEIPT, on=D("2025-09-26"))
    assert "特此回执" in docx_text(other) and "如有疑问" not in docx_text(other)
    assert other.content["template"]["custom"] is False

    before = (docx_text(letter), pdf_text(letter), letter.content)
    services.save_template(admin, case.agency, "receipt", CUSTOM.replace("如有疑问", "咨询电话见下方，如有疑问"))
    services.reset_template(admin, case.agency, "receipt")
    letter = Letter.objects.get(pk=letter.pk)
    assert (docx_text(letter), pdf_text(letter), letter.content) == before
    again = services.issue_letter(handler, case, LetterKind.RECEIPT, on=D("2025-09-29"))
    assert "特此回执" in docx_text(again)


def admin_agency(user):
    return user.memberships.get().agency


def test_changes_are_audited_with_the_text_before_and_after(admin, agency_a):
    services.save_template(admin, agency_a, "receipt", CUSTOM)
    services.save_template(admin, agency_a, "receipt", CUSTOM + "\n特此回执。")
    services.reset_template(admin, agency_a, "receipt")
    events = list(AuditEvent.objects.filter(agency=agency_a, action__startswith="foi.letter_template").order_by("id"))
    assert [e.action for e in events] == ["foi.letter_template_saved"] * 2 + ["foi.letter_template_reset"]
    assert events[0].changes["body"] == [None, CUSTOM] and events[0].actor == admin
    assert events[0].object_repr == "科技局 登记回执"
    assert events[1].changes["body"] == [CUSTOM, CUSTOM + "\n特此回执。"]
    assert events[2].changes["body"] == [CUSTOM + "\n特此回执。", None]
    assert not LetterTemplate.objects.exists()


def test_saving_the_built_in_text_restores_the_default(admin, agency_a):
    services.save_template(admin, agency_a, "receipt", CUSTOM)
    assert services.save_template(admin, agency_a, "receipt", RECEIPT.default.replace("\n", "\n\n")) is None
    assert not LetterTemplate.objects.exists()


def test_only_the_agencys_administrator_saves_and_bad_templates_are_refused(admin, admin_b, handler, agency_a):
    for user in (handler, admin_b):
        with pytest.raises(PermissionDenied):
            services.save_template(user, agency_a, "receipt", CUSTOM)
    with pytest.raises(ValidationError) as caught:
        services.save_template(admin, agency_a, "reply_deny", "不予公开。【申请编号】【申请号")
    messages = caught.value.message_dict["body"]
    assert "第1行：“【”缺少对应的“】”" in messages
    assert "必须保留占位符【救济途径】（法定内容，不能删除）" in messages
    assert "必须保留占位符【法律依据】（法定内容，不能删除）" in messages
    assert not LetterTemplate.objects.exists() and not AuditEvent.objects.filter(action__contains="template").exists()


def test_a_stored_template_that_no_longer_passes_stops_the_letter_with_a_clear_message(register, handler, agency_a):
    LetterTemplate.objects.create(agency=agency_a, slot="receipt", body="【旧占位符】")  # saved under older rules
    case = register("in_person", "2025-09-26")
    with pytest.raises(ValidationError, match=r"模板不能使用.*未知的占位符【旧占位符】"):
        services.issue_letter(handler, case, LetterKind.RECEIPT)
    assert not Letter.objects.exists()


# — the back-office pages —


def test_admin_lists_edits_previews_saves_and_resets(client, admin, agency_a):
    client.force_login(admin)
    assert client.get(reverse("foi_letter_template_index")).url == reverse("foi_letter_templates", args=[agency_a.pk])
    assert "告知书模板" in client.get(reverse("foi_case_list")).content.decode()
    listing = client.get(reverse("foi_letter_templates", args=[agency_a.pk])).content.decode()
    assert "已自定义" not in listing and listing.count("默认") >= len(SLOTS_BY_KEY)
    url = reverse("foi_letter_template", args=[agency_a.pk, "receipt"])
    page = client.get(url).content.decode()
    assert "预览" in page and "特此回执" in page and "【答复期限】" in page
    page = client.post(url, {"body": CUSTOM, "action": "preview"}).content.decode()
    assert "张三：您的申请示例-2025-0001已于2025年9月26日登记" in page
    assert not LetterTemplate.objects.exists()
    assert client.post(url, {"body": CUSTOM, "action": "save"}).status_code == 302
    assert LetterTemplate.objects.get(agency=agency_a, slot="receipt").body == CUSTOM
    assert "已自定义" in client.get(reverse("foi_letter_templates", args=[agency_a.pk])).content.decode()
    assert client.post(url, {"action": "reset"}).status_code == 302
    assert not LetterTemplate.objects.exists()


def test_a_bad_template_keeps_what_was_typed_and_says_why_in_chinese(client, admin, agency_a):
    client.force_login(admin)
    typed = "经审查，【办理结果】不予公开。\n【答复说明】【申请编号"
    for action in ("save", "preview"):
        response = client.post(
            reverse("foi_letter_template", args=[agency_a.pk, "reply_deny"]), {"body": typed, "action": action}
        )
        page = response.content.decode()
        assert response.status_code == 400, action
        assert typed in page and "第2行：“【”缺少对应的“】”" in page and "必须保留占位符【救济途径】" in page
    assert not LetterTemplate.objects.exists()


def test_other_agency_admin_and_non_admin_staff_get_404(client, admin_b, handler, agency_a):
    for user in (admin_b, handler):
        client.force_login(user)
        assert client.get(reverse("foi_letter_templates", args=[agency_a.pk])).status_code == 404
        url = reverse("foi_letter_template", args=[agency_a.pk, "receipt"])
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": CUSTOM, "action": "save"}).status_code == 404
        assert client.post(url, {"action": "reset"}).status_code == 404
    assert client.get(reverse("foi_letter_template_index")).status_code == 404  # handler manages no agency
    assert "告知书模板" not in client.get(reverse("foi_case_list")).content.decode()
    assert not LetterTemplate.objects.exists()


def test_the_consultation_preview_is_addressed_to_the_party(client, admin, agency_a):
    client.force_login(admin)
    page = client.get(reverse("foi_letter_template", args=[agency_a.pk, "consultation_third_party"])).content.decode()
    assert "某科技有限公司：" in page and "张三" not in page and "【申请人】" not in page
