"""Back-office views of 依申请公开 (thin: scope, form, service, redirect)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from xxgk.core import permissions as core_permissions
from xxgk.core.backoffice import add_service_errors
from xxgk.core.calendar import load_calendar
from xxgk.foi import actions, display, permissions, services
from xxgk.foi.forms import IssueLetterForm, LetterDeliveryForm, RegistrationForm
from xxgk.foi.models import Case, Letter
from xxgk.foi.vocabulary import CaseState
from xxgk.foi.worklists import WORK_LISTS, WORK_LISTS_BY_KEY, work_list


def _require_staff(request: HttpRequest) -> None:
    if not core_permissions.is_staff_member(request.user):
        raise PermissionDenied


def case_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    cases = permissions.cases_visible_to(request.user, Case.objects.all())
    agencies = core_permissions.agencies_visible_to(request.user)
    if code := request.GET.get("agency"):
        cases = cases.filter(agency__code=code)
    if request.GET.get("mine"):
        cases = cases.filter(handler=request.user)
    current = request.GET.get("list", "")
    if current in WORK_LISTS_BY_KEY:
        cases = work_list(cases, current, timezone.localdate(), load_calendar())
    today = timezone.localdate()
    page = Paginator(cases.select_related("agency", "applicant", "handler"), 50).get_page(request.GET.get("p"))
    overdue = set(Case.objects.filter(pk__in=[c.pk for c in page]).overdue(today).values_list("pk", flat=True))
    context = {
        "page": page,
        "rows": [(c, c.pk in overdue) for c in page],
        "work_lists": WORK_LISTS,
        "current": current,
        "agencies": agencies,
        "query": request.GET,
        "can_register": permissions.agencies_for_registration(request.user).exists(),
        "can_edit_templates": permissions.agencies_for_letter_templates(request.user).exists(),
        "page_title": "依申请公开",
        "header_icon": "mail",
    }
    return render(request, "foi/case_list.html", context)


def register(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.register_application(
                request.user,
                data["agency"],
                channel=data["channel"],
                arrived_on=data["arrived_on"],
                received_on=data["received_on"],
                applicant=services.ApplicantData(**{k: data[k] for k in form.APPLICANT_FIELDS}),
                request=services.RequestedInfo(**{k: data[k] for k in form.REQUEST_FIELDS}),
                form_wanted=data["form_wanted"],
                delivery_method=data["delivery_method"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记申请 {case.number}。")
            return redirect("foi_case", pk=case.pk)
    return render(request, "foi/register.html", {"form": form, "page_title": "登记申请", "header_icon": "mail"})


def _visible_case(request: HttpRequest, pk: int) -> Case:
    _require_staff(request)
    qs = permissions.cases_visible_to(request.user, Case.objects.select_related("agency", "applicant", "handler"))
    return get_object_or_404(qs, pk=pk)


def case_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    case = _visible_case(request, pk)
    offered = actions.available(request.user, case)
    forms = [(a, bound[1] if bound and bound[0] == a.slug else actions.make_form(a, case)) for a in offered]
    clock = services.case_clock(case)
    context = {
        "case": case,
        "applicant": display.applicant_for(request.user, case),
        "clock": clock,
        "correction_reply_by": services.correction_reply_by(case)
        if case.state == CaseState.WAITING_CORRECTION
        else None,
        "today": timezone.localdate(),
        "month_item": _month_item(request.user, case),
        "scenario_json": json.dumps(services.case_scenario_json(case), ensure_ascii=False, indent=1),
        "events": case.events.select_related("actor"),
        "decisions": case.decisions.all(),
        "fee_notice": getattr(case, "fee_notice", None),
        "remedies": case.remedies.all(),
        "attempts": case.confirmation_attempts.all(),
        "splits": case.splits.all(),
        "forms": forms,
        "letters": _letters(request.user, case, bound),
        "page_title": f"申请 {case.number}",
        "header_icon": "mail",
    }
    return render(request, "foi/case_detail.html", context, status=400 if bound else 200)


def _letters(user, case: Case, bound) -> dict:
    """The letters block: issued letters (each with a delivery form for handlers) and the letters due."""
    can_handle = permissions.can_handle_case(user, case)
    issued = []
    for letter in case.letters.prefetch_related("deliveries"):
        form = None
        if can_handle:
            slug = f"deliver-{letter.pk}"
            form = bound[1] if bound and bound[0] == slug else LetterDeliveryForm(prefix=slug)
        issued.append((letter, form))
    issue_error = bound[1] if bound and bound[0] == "issue" else None
    return {"issued": issued, "due": services.letters_called_for(case) if can_handle else [], "error": issue_error}


def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    if request.method != "POST":
        raise Http404
    if not permissions.can_handle_case(request.user, case):
        raise PermissionDenied
    form = IssueLetterForm(request.POST)
    if form.is_valid():
        event = case.events.filter(pk=form.cleaned_data["event"]).first()
        if event is None:
            raise Http404
        try:
            letter = services.issue_letter(request.user, case, form.cleaned_data["kind"], event=event)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已生成{letter.get_kind_display()} {letter.number}。")
            return redirect(f"{reverse('foi_case', args=[case.pk])}#letters")
    return case_detail(request, pk, bound=("issue", form))


def _case_letter(request: HttpRequest, pk: int, letter_pk: int) -> tuple[Case, Letter]:
    case = _visible_case(request, pk)
    return case, get_object_or_404(Letter, pk=letter_pk, case=case)


def letter_file(request: HttpRequest, pk: int, letter_pk: int, fmt: str) -> FileResponse:
    """The stored DOCX or PDF of a letter, for staff who see the case (never a static URL)."""
    _, letter = _case_letter(request, pk, letter_pk)
    return letter_download(letter, fmt)


def letter_download(letter: Letter, fmt: str) -> FileResponse:
    """Serve a letter's frozen file; the caller has checked who may see it (back office or applicant)."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    stored = getattr(letter, fmt)
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{letter.number}.{fmt}")


def letter_deliver(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    case, letter = _case_letter(request, pk, letter_pk)
    if request.method != "POST":
        raise Http404
    if not permissions.can_handle_case(request.user, case):
        raise PermissionDenied
    slug = f"deliver-{letter.pk}"
    form = LetterDeliveryForm(request.POST, prefix=slug)
    if form.is_valid():
        try:
            services.record_letter_delivery(request.user, letter, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记{letter.number}的送达。")
            return redirect(f"{reverse('foi_case', args=[case.pk])}#letters")
    case.refresh_from_db()
    return case_detail(request, pk, bound=(slug, form))


def _month_item(user, case: Case) -> int | None:
    """Which 件 of the month this is for the same applicant (按件计收) — shown only to those who see identity."""
    if case.received_on is None or not permissions.can_see_identity(user, case):
        return None
    return services.applicant_items_before(case) + 1


def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _visible_case(request, pk)
    spec = actions.ACTIONS_BY_SLUG.get(action)
    if spec is None or request.method != "POST":
        raise Http404
    if not spec.may(request.user, case):
        raise PermissionDenied
    form = actions.make_form(spec, case, request.POST)
    if form.is_valid():
        try:
            spec.run(request.user, case, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已{spec.label}。")
            if permissions.can_view_case(request.user, Case.objects.get(pk=case.pk)):
                return redirect("foi_case", pk=case.pk)
            return redirect("foi_case_list")  # transferred away
    case.refresh_from_db()
    return case_detail(request, pk, bound=(spec.slug, form))
