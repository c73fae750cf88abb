"""An agency's own 告知书 texts (rules.md §2.5 "from a per-agency template").

Each slot of ``letter_texts.SLOTS`` uses the agency's ``LetterTemplate`` when it has one, else the
built-in text. Saving checks the template (``templating.check``: brackets, known and allowed
placeholders, the statutory ones present) and is audited with the text before and after; restoring
the default deletes the row, also audited. Letters already issued are not touched: they store their
paragraphs and files when issued (``services.letters.issue_letter``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from xxgk.core import audit
from xxgk.core.models import Agency
from xxgk.foi import letter_texts, permissions, templating
from xxgk.foi.letter_texts import SLOTS, SLOTS_BY_KEY, Slot
from xxgk.foi.models import LetterTemplate
from xxgk.foi.services.events import require


@audit.register_actions
class TemplateAction(models.TextChoices):
    SAVED = "foi.letter_template_saved", "修改告知书模板"
    RESET = "foi.letter_template_reset", "告知书模板恢复默认"


@dataclass(frozen=True)
class SlotRow:
    slot: Slot
    custom: LetterTemplate | None

    @property
    def body(self) -> str:
        return self.custom.body if self.custom else self.slot.default


def get_slot(key: str) -> Slot:
    try:
        return SLOTS_BY_KEY[key]
    except KeyError:
        raise ValidationError("没有这种告知书模板。") from None


def slot_rows(agency: Agency) -> list[SlotRow]:
    """Every slot with the agency's own template, if any (for the template page)."""
    custom = {t.slot: t for t in LetterTemplate.objects.filter(agency=agency).select_related("updated_by")}
    return [SlotRow(slot, custom.get(slot.key)) for slot in SLOTS]


def template_body(agency: Agency, slot: Slot) -> str | None:
    """The agency's own text for ``slot``, checked again (the rules may have changed since it was saved);
    None when the agency uses the built-in text."""
    body = LetterTemplate.objects.filter(agency=agency, slot=slot.key).values_list("body", flat=True).first()
    if body is None:
        return None
    try:
        slot.check(body)
    except templating.TemplateError as error:
        raise ValidationError(
            f"本机关的“{slot.label}”模板不能使用（{error}），请本机关公开管理员修改或恢复默认。"
        ) from None
    return body


def _normalise(body: str) -> str:
    return "\n".join(templating.lines(body))


def save_template(actor, agency: Agency, key: str, body: str) -> LetterTemplate | None:
    """Save the agency's text for slot ``key``. A text equal to the built-in one restores the default
    (returns None). Raises ValidationError({"body": [...]}) listing every problem."""
    require(permissions.can_manage_letter_templates(actor, agency), "只有本机关公开管理员可以修改告知书模板。")
    slot = get_slot(key)
    try:
        slot.check(body)
    except templating.TemplateError as error:
        raise ValidationError({"body": error.messages}) from None
    body = _normalise(body)
    if body == _normalise(slot.default):
        reset_template(actor, agency, key)
        return None
    with transaction.atomic():
        template = LetterTemplate.objects.select_for_update().filter(agency=agency, slot=key).first()
        before = template.body if template else None
        if before == body:
            return template
        if template is None:
            template = LetterTemplate(agency=agency, slot=key)
        template.body = body
        template.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        template.save()
        audit.record(
            TemplateAction.SAVED,
            actor=actor,
            agency=agency,
            target=template,
            changes={"slot": [None, slot.label], "body": [before, body]},
        )
    return template


def reset_template(actor, agency: Agency, key: str) -> None:
    """Back to the built-in text (deletes the agency's own; audited with the text removed)."""
    require(permissions.can_manage_letter_templates(actor, agency), "只有本机关公开管理员可以修改告知书模板。")
    slot = get_slot(key)
    with transaction.atomic():
        template = LetterTemplate.objects.select_for_update().filter(agency=agency, slot=key).first()
        if template is None:
            return
        audit.record(
            TemplateAction.RESET,
            actor=actor,
            agency=agency,
            target=template,
            changes={"slot": [None, slot.label], "body": [template.body, None]},
        )
        template.delete()


def preview(agency: Agency, slot: Slot, body: str) -> list[str]:
    """The paragraphs ``body`` gives for a made-up case, with the agency's review body and court.
    Raises ``templating.TemplateError`` when the body is not usable."""
    slot.check(body)
    facts = letter_texts.sample_facts(slot)
    facts |= {k: v for k, v in (("review_body", agency.review_body), ("court", agency.court)) if v}
    return templating.render(body, letter_texts.values(facts))
