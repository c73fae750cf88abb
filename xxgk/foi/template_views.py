"""Back office: an agency's own 告知书 texts — the list (默认/已自定义), edit with preview, 恢复默认.

Only the agency's 本机关公开管理员 (and operators) reach these pages; anyone else gets 404, so the
pages do not tell other agencies' staff which templates exist. The rules are in
``services.letter_templates``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xxgk.core.backoffice import add_service_errors
from xxgk.core.models import Agency
from xxgk.foi import letter_texts, permissions, services, templating
from xxgk.foi.forms import LetterTemplateForm
from xxgk.foi.services.letter_templates import get_slot, preview
from xxgk.foi.vocabulary import LetterKind


def _managed_agency(request: HttpRequest, agency_pk: int) -> Agency:
    return get_object_or_404(permissions.agencies_for_letter_templates(request.user), pk=agency_pk)


def template_index(request: HttpRequest) -> HttpResponse:
    agencies = list(permissions.agencies_for_letter_templates(request.user).order_by("name"))
    if not agencies:
        raise Http404
    if len(agencies) == 1:
        return redirect("foi_letter_templates", agency_pk=agencies[0].pk)
    context = {"agencies": agencies, "page_title": "告知书模板", "header_icon": "doc-full"}
    return render(request, "foi/letter_template_index.html", context)


def template_list(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _managed_agency(request, agency_pk)
    context = {
        "agency": agency,
        "rows": services.slot_rows(agency),
        "page_title": f"告知书模板 · {agency.short_name}",
        "header_icon": "doc-full",
    }
    return render(request, "foi/letter_template_list.html", context)


def template_edit(request: HttpRequest, agency_pk: int, key: str) -> HttpResponse:
    agency = _managed_agency(request, agency_pk)
    try:
        slot = get_slot(key)
    except ValidationError:
        raise Http404 from None
    row = next(r for r in services.slot_rows(agency) if r.slot.key == key)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        services.reset_template(request.user, agency, key)
        messages.success(request, f"“{slot.label}”已恢复默认文本。")
        return redirect("foi_letter_templates", agency_pk=agency.pk)
    form = LetterTemplateForm(request.POST or None, initial={"body": row.body})
    paragraphs: list[str] = []
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if action == "save":
            try:
                services.save_template(request.user, agency, key, body)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"已保存“{slot.label}”模板，此后生成的告知书使用新文本。")
                return redirect("foi_letter_templates", agency_pk=agency.pk)
        else:
            try:
                paragraphs = preview(agency, slot, body)
            except templating.TemplateError as error:
                form.add_error("body", error.messages)
    elif request.method != "POST":
        try:
            paragraphs = preview(agency, slot, row.body)
        except templating.TemplateError as error:  # saved under older rules: say what to fix
            messages.error(request, f"当前模板不能使用：{error}")
    context = {
        "agency": agency,
        "slot": slot,
        "row": row,
        "form": form,
        "preview": paragraphs,
        "addressee": _sample_addressee(slot),
        "placeholders": [(n, letter_texts.PLACEHOLDERS[n], n in slot.required) for n in slot.allowed],
        "page_title": f"{slot.label} · {agency.short_name}",
        "header_icon": "doc-full",
    }
    return render(request, "foi/letter_template_edit.html", context, status=400 if form.errors else 200)


def _sample_addressee(slot) -> str:
    facts = letter_texts.sample_facts(slot)
    return facts["party"] if slot.kind == LetterKind.CONSULTATION else facts["applicant"]
