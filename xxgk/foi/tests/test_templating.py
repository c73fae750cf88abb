"""Letter templates, pure: 【】 placeholders parsed, checked (Chinese messages naming the line) and
rendered; every built-in text passes its own slot's check; statutory placeholders are required."""

from __future__ import annotations

import pytest

from xxgk.foi import letter_texts, templating
from xxgk.foi.letter_texts import SLOTS, SLOTS_BY_KEY
from xxgk.foi.outcomes import OUTCOMES
from xxgk.foi.templating import TemplateError

KNOWN = {"申请编号", "收到日期", "申请人", "救济途径"}
ALLOWED = {"申请编号", "收到日期", "救济途径"}


def problems(body: str, required=()) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        templating.check(body, known=KNOWN, allowed=ALLOWED, required=required)
    return caught.value.messages


def test_render_replaces_placeholders_one_paragraph_per_line_and_drops_empty_ones():
    body = "  您的申请（编号【申请编号】）于【收到日期】收到。\n\n【 救济途径 】\n特此告知。\r\n"
    values = {"申请编号": "【科技局】-1", "收到日期": "2025年9月26日", "救济途径": ""}
    assert templating.render(body, values) == ["您的申请（编号【科技局】-1）于2025年9月26日收到。", "特此告知。"]
    assert templating.placeholders(body) == ["申请编号", "收到日期", "救济途径"]


def test_a_good_template_passes():
    templating.check("编号【申请编号】，【救济途径】", known=KNOWN, allowed=ALLOWED, required=["救济途径"])


def test_unknown_not_allowed_and_empty_placeholders_are_named_with_their_line():
    assert problems("第一段\n编号【申请号】") == ["第2行：未知的占位符【申请号】"]
    assert problems("【申请人】您好") == ["第1行：本告知书不能使用占位符【申请人】"]
    assert problems("【】") == ["第1行：占位符“【】”中没有名称"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("编号【申请编号", "第1行：“【”缺少对应的“】”"),
        ("编号申请编号】", "第1行：“】”前面缺少对应的“【”"),
        ("编号【申请【编号】", "第1行：“【”未闭合就又出现了“【”"),
        ("第一段\n\n【收到日期\n】", "第3行：“【”缺少对应的“】”"),  # blank lines count as the user sees them
    ],
)
def test_broken_brackets_are_refused(body, message):
    assert message in problems(body)


def test_missing_required_placeholder_and_empty_body_are_refused_and_all_problems_listed():
    assert problems("编号【申请编号】", required=["救济途径"]) == ["必须保留占位符【救济途径】（法定内容，不能删除）"]
    assert problems(" \n\n") == ["正文不能为空"]
    found = problems("【申请号】\n【收到日期", required=["救济途径"])
    assert len(found) == 3 and "；".join(found) == str(TemplateError(found))


@pytest.mark.parametrize("slot", SLOTS, ids=lambda s: s.key)
def test_every_built_in_text_passes_its_slot_and_uses_only_documented_placeholders(slot):
    slot.check(slot.default)
    assert set(slot.allowed) <= set(letter_texts.PLACEHOLDERS)
    assert set(slot.required) <= set(templating.placeholders(slot.default))
    assert letter_texts.paragraphs(slot.kind, letter_texts.sample_facts(slot))


@pytest.mark.parametrize("row", OUTCOMES, ids=lambda o: o.code.value)
def test_reply_slots_keep_the_legal_basis_and_the_remedy_of_adverse_outcomes(row):
    slot = letter_texts.slot_for("reply", {"outcome": row.code.value})
    assert slot.key == row.letter_template
    if row.adverse:
        assert "救济途径" in slot.required
        without = slot.default.replace("【救济途径】", "")
        with pytest.raises(TemplateError, match="必须保留占位符【救济途径】"):
            slot.check(without)
    if row.legal_basis_text:
        assert "法律依据" in slot.required


def test_the_consultation_letter_to_a_third_party_may_not_name_the_applicant():
    assert letter_texts.slot_for("consultation", {"party_kind": "agency"}).key == "consultation_agency"
    slot = SLOTS_BY_KEY["consultation_third_party"]
    with pytest.raises(TemplateError, match="不能使用占位符【申请人】"):
        slot.check(slot.default + "\n申请人：【申请人】")


def test_values_fill_the_remedy_only_for_adverse_outcomes_with_the_agency_bodies():
    facts = {"outcome": "deny_process", "review_body": "某市人民政府", "court": "某区人民法院"}
    remedy = letter_texts.values(facts)["救济途径"]
    assert "60日内向某市人民政府申请行政复议" in remedy and "6个月内向某区人民法院" in remedy
    assert letter_texts.values(facts | {"outcome": "granted"})["救济途径"] == ""
    assert letter_texts.values(facts)["法律依据"].startswith("根据《中华人民共和国政府信息公开条例》第十六条")
