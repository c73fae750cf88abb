"""告知书 letters (rules.md §2.5): issue a numbered, frozen letter for a case event; record its delivery.

``issue_letter`` collects the facts from the case (its events, the statutory clock, the decision, the
agency's settings), lets the pure ``letter_texts`` write the body from the agency's own template
(``services.letter_templates``) or the built-in text, renders DOCX and PDF with the shared
``core.documents`` primitives, numbers it and stores everything; the row can never be edited afterwards.

Numbering: one gap-free sequence per agency and year for all kinds (``serials`` kind ``foi_letter``),
written ``<简称>依申告〔2026〕第00012号`` — the year is the year of the letter's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from xxgk.core import audit, documents, serials
from xxgk.foi import letter_texts
from xxgk.foi.fees import FeeMethod
from xxgk.foi.models import Case, CaseEvent, Decision, Letter, LetterDelivery
from xxgk.foi.outcomes import outcome
from xxgk.foi.services.events import append, case_clock, require_handler, today
from xxgk.foi.services.letter_templates import template_body
from xxgk.foi.vocabulary import (
    APPLICANT_LETTERS,
    LETTER_EVENTS,
    CaseEventType,
    DeliveryMethod,
    InformationForm,
    LetterDeliveryMethod,
    LetterKind,
)

SERIAL_KIND = "foi_letter"


@audit.register_actions
class LetterAction(models.TextChoices):
    ISSUED = "foi.letter_issued", "生成告知书"


def letter_number(agency, year: int, serial: int) -> str:
    return f"{agency.short_name}依申告〔{year}〕第{serial:05d}号"


# — which letters a case calls for —


@dataclass(frozen=True)
class DueLetter:
    kind: LetterKind
    event: CaseEvent

    @property
    def label(self) -> str:
        party = self.event.payload.get("party")
        suffix = f"（致{party}）" if self.kind is LetterKind.CONSULTATION and party else ""
        return f"{self.kind.label}{suffix}（{self.event.date:%Y-%m-%d} {self.event.get_type_display()}）"


def _receipt_event(events: list[CaseEvent]) -> CaseEvent | None:
    """The event that fixed 收到申请之日: registration with a receipt date, else the confirmation."""
    for event in events:
        if event.type == CaseEventType.RECEIVED and event.payload.get("received_on"):
            return event
        if event.type == CaseEventType.CONFIRMED:
            return event
    return None


def letters_called_for(case: Case) -> list[DueLetter]:
    """The letters the case's events call for that have not been issued yet (one per kind and event)."""
    events = list(case.events.order_by("date", "id"))
    issued = set(case.letters.values_list("kind", "event_id"))
    due = []
    for kind, types in LETTER_EVENTS.items():
        kind = LetterKind(kind)
        if kind is LetterKind.RECEIPT:
            candidates = [e] if (e := _receipt_event(events)) else []
        else:
            candidates = [e for e in events if e.type in types]
        due += [DueLetter(kind, e) for e in candidates if (kind.value, e.pk) not in issued]
    return sorted(due, key=lambda d: (d.event.date, d.event.pk))


def letters_for_public(case: Case) -> models.QuerySet[Letter]:
    """The letters the applicant may download (all addressed to the applicant; not the 征求意见书)."""
    return case.letters.filter(kind__in=[k.value for k in APPLICANT_LETTERS]).order_by("issued_on", "id")


# — the facts a letter states —


def _fmt(day: date | None) -> str:
    return letter_texts.chinese_date(day) if day else ""


def _latest(case: Case, kind: CaseEventType, before: CaseEvent | None = None) -> CaseEvent | None:
    qs = case.events.filter(type=kind)
    if before is not None:
        qs = qs.filter(models.Q(date__lt=before.date) | models.Q(date=before.date, id__lt=before.pk))
    return qs.order_by("-date", "-id").first()


def _facts(case: Case, kind: LetterKind, event: CaseEvent) -> dict:
    clock = case_clock(case)
    if clock is None:
        raise ValidationError("申请尚未确认收到，期限尚未起算，不能生成告知书。")
    facts = {
        "applicant": case.applicant.name,
        "case_number": case.number,
        "information_name": case.information_name,
        "document_number": case.document_number,
        "received_on": _fmt(case.received_on),
        "reply_due": _fmt(clock.reply_due),
    }
    if kind is LetterKind.CONSULTATION:
        del facts["applicant"]  # the 征求意见书 goes to the third party: it never names the applicant
    payload = event.payload
    if kind is LetterKind.CORRECTION:
        facts |= {"items": payload["items"], "reply_by": _fmt(date.fromisoformat(payload["reply_by"]))}
    elif kind is LetterKind.EXTENSION:
        request = _latest(case, CaseEventType.EXTENSION_REQUESTED, before=event)
        facts |= {"days": payload["days"], "reason": request.note if request else ""}
    elif kind in (LetterKind.CONSULTATION, LetterKind.CONSULTATION_NOTICE):
        facts |= {
            "party": payload["party"],
            "party_kind": payload.get("party_kind", "third_party"),
            "sent_on": _fmt(event.date),
            "consultation_reply_due": _fmt(clock.consultation_reply_due),
        }
    elif kind is LetterKind.FEE:
        notice = case.fee_notice
        per_item = notice.method == FeeMethod.PER_ITEM
        quantity = f"本月第{notice.month_items_before + 1}件" if per_item else f"共{notice.quantity}页"
        facts |= {
            "fee_method": FeeMethod(notice.method).label,
            "fee_quantity": quantity,
            "fee_amount": f"{notice.amount:.2f}",
            "fee_pauses": case.agency.fee_wait_pauses_clock,
        }
    elif kind is LetterKind.REPLY:
        facts |= _reply_facts(case, event)
    return facts


def _reply_facts(case: Case, event: CaseEvent) -> dict:
    decision = Decision.objects.get(pk=event.payload["decision"], case=case)
    agency = case.agency
    if outcome(decision.outcome).adverse and not (agency.review_body and agency.court):
        raise ValidationError(
            f"答复“{letter_texts.outcome_label(decision.outcome)}”须告知救济途径：请先在机关设置中填写{agency.name}的"
            "“行政复议机关”和“管辖人民法院”。"
        )
    correction = _latest(case, CaseEventType.CORRECTION_REQUESTED, before=event)
    return {
        "outcome": decision.outcome,
        "reasons": decision.reasons,
        "withheld": decision.withheld,
        "withheld_ground": decision.withheld_ground,
        "form_wanted": InformationForm(case.form_wanted).label,
        "delivery_method": DeliveryMethod(case.delivery_method).label,
        "correction_on": _fmt(correction.date if correction else None),
        "review_body": agency.review_body,
        "court": agency.court,
    }


def _contact(agency) -> str:
    parts = [
        f"{label}：{value}"
        for label, value in (
            ("联系机构", agency.office_name),
            ("地址", agency.office_address),
            ("邮编", agency.office_postcode),
            ("电话", agency.office_phone),
        )
        if value
    ]
    return "；".join(parts)


# — rendering (shared document primitives) —


def _docx(content: dict) -> bytes:
    document = documents.new_document()
    documents.add_title(document, content["letterhead"])
    documents.add_title(document, content["title"])
    documents.add_paragraph(document, content["number"], indent=False, align="right")
    documents.add_paragraph(document, f"{content['addressee']}：", indent=False, align="left")
    for text in content["paragraphs"]:
        documents.add_paragraph(document, text)
    document.add_paragraph()
    documents.add_paragraph(document, content["signature"], indent=False, align="right")
    documents.add_paragraph(document, content["date"], indent=False, align="right")
    if content["contact"]:
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.LEFT
        documents.set_font(note.add_run(f"（{content['contact']}）"), documents.BODY_FONT, Pt(12))
    return documents.docx_bytes(document)


LETTER_CSS = """
h1 { font-size: 20pt; margin: 0; }
h1 + h1 { margin-bottom: .6em; }
p.number { text-align: right; text-indent: 0; }
p.addressee { text-indent: 0; margin-top: .8em; }
p.signature { margin-top: 2em; margin-bottom: 0; }
p.contact { text-indent: 0; font-size: 10pt; margin-top: 2em; }
"""


def _pdf(content: dict) -> bytes:
    e = escape
    body = (
        f"<h1>{e(content['letterhead'])}</h1><h1>{e(content['title'])}</h1>"
        f'<p class="number">{e(content["number"])}</p><p class="addressee">{e(content["addressee"])}：</p>'
        + "".join(f"<p>{e(p)}</p>" for p in content["paragraphs"])
        + f'<p class="signature">{e(content["signature"])}</p><p class="signature" style="margin-top:0">'
        f"{e(content['date'])}</p>"
        + (f'<p class="contact">（{e(content["contact"])}）</p>' if content["contact"] else "")
    )
    html = documents.standalone_html(f"{content['title']} {content['number']}", body, documents.PRINT_CSS + LETTER_CSS)
    return documents.html_to_pdf(html)


# — use cases —


def _event_for(case: Case, kind: LetterKind, event: CaseEvent | None) -> CaseEvent:
    types = LETTER_EVENTS[kind]
    if event is not None:
        if event.case_id != case.pk or event.type not in types:
            raise ValidationError(f"该事件不需要{kind.label}。")
        return event
    if kind is LetterKind.RECEIPT:
        found = _receipt_event(list(case.events.order_by("date", "id")))
    else:
        found = case.events.filter(type__in=types).order_by("-date", "-id").first()
    if found is None:
        raise ValidationError(f"本申请尚无需要{kind.label}的办理事件。")
    return found


def issue_letter(actor, case: Case, kind: str, *, event: CaseEvent | None = None, on: date | None = None) -> Letter:
    """Issue (number, render, store, freeze) a letter of ``kind`` for ``event`` (default: the latest
    event calling for it), dated ``on`` (default today). Issuing again makes a new letter and number."""
    require_handler(actor, case)
    try:
        kind = LetterKind(kind)
    except ValueError:
        raise ValidationError({"kind": "请选择告知书种类。"}) from None
    event = _event_for(case, kind, event)
    on = on or today()
    if on > today():
        raise ValidationError({"on": f"落款日期 {on} 晚于今天。"})
    if on < event.date:
        raise ValidationError({"on": f"落款日期 {on} 早于所属事件的日期 {event.date}。"})
    facts = _facts(case, kind, event)
    slot = letter_texts.slot_for(kind, facts)
    custom = template_body(case.agency, slot)  # the agency's own text, or None for the built-in one
    paragraphs = letter_texts.paragraphs(kind, facts, custom)
    addressee = facts["party"] if kind is LetterKind.CONSULTATION else case.applicant.name
    agency = case.agency
    with transaction.atomic():
        serial = serials.allocate(agency, SERIAL_KIND, on.year)
        number = letter_number(agency, on.year, serial)
        content = {
            "letterhead": agency.name,
            "title": kind.label,
            "number": number,
            "addressee": addressee,
            "paragraphs": paragraphs,
            "signature": agency.name,
            "date": letter_texts.chinese_date(on),
            "contact": _contact(agency),
            "facts": {k: v for k, v in facts.items() if isinstance(v, str | int | bool)},
            # the text it was rendered from, kept with the letter: a later template change never reaches it
            "template": {"slot": slot.key, "custom": custom is not None, "body": custom or slot.default},
        }
        letter = Letter(
            case=case,
            kind=kind,
            year=on.year,
            serial=serial,
            number=number,
            issued_on=on,
            event=event,
            addressee=addressee,
            content=content,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        stem = f"{case.pk}-{serial:05d}-{kind.value}"
        letter.docx.save(f"{stem}.docx", ContentFile(_docx(content)), save=False)
        letter.pdf.save(f"{stem}.pdf", ContentFile(_pdf(content)), save=False)
        letter.save()
        audit.record(
            LetterAction.ISSUED,
            actor=actor,
            agency=agency,
            target=case,
            changes={"letter": [None, number], "kind": [None, kind.label]},
        )
    return letter


def record_letter_delivery(
    actor,
    letter: Letter,
    *,
    method: str,
    sent_on: date,
    signed_on: date | None = None,
    tracking_number: str = "",
    note: str = "",
) -> LetterDelivery:
    """送达: the method, the day it was handed over or posted (交邮日), the day it was signed for
    (签收日) and the tracking number; appended to the case as a ``letter_delivered`` event (dated the
    签收日 when known, else the 交邮日)."""
    case = letter.case
    require_handler(actor, case)
    if method not in LetterDeliveryMethod.values:
        raise ValidationError({"method": "请选择送达方式。"})
    if sent_on < letter.issued_on:
        raise ValidationError({"sent_on": f"送达日期不能早于告知书落款日期 {letter.issued_on}。"})
    if signed_on and signed_on < sent_on:
        raise ValidationError({"signed_on": "签收日期不能早于交邮或发送日期。"})
    tracking_number = tracking_number.strip()
    if method == LetterDeliveryMethod.POST and not tracking_number:
        raise ValidationError({"tracking_number": "邮寄送达请填写邮件单号。"})
    payload = {
        "letter": letter.pk,
        "number": letter.number,
        "method": method,
        "sent_on": sent_on.isoformat(),
        "signed_on": signed_on.isoformat() if signed_on else None,
        "tracking_number": tracking_number,
    }
    text = f"{letter.get_kind_display()} {letter.number}，{LetterDeliveryMethod(method).label}" + (
        f"（{tracking_number}）" if tracking_number else ""
    )
    with transaction.atomic():
        event = append(
            actor, case, CaseEventType.LETTER_DELIVERED, signed_on or sent_on, note=note or text, payload=payload
        )
        delivery = LetterDelivery.objects.create(
            letter=letter,
            method=method,
            sent_on=sent_on,
            signed_on=signed_on,
            tracking_number=tracking_number,
            note=note.strip(),
            event=event,
        )
    return delivery
