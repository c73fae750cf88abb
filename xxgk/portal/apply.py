"""The public online application form and the status lookup (rules.md §2.1–2.2). Thin views: the
rules are in ``xxgk.foi.public`` (submission, query codes, rate limits) and ``xxgk.foi.captcha``.

The form works without JavaScript; errors are listed at the top (linking to the fields) and next to
each field, and everything typed is kept (except the CAPTCHA answer: each attempt gets a new question).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from xxgk.core.models import Agency
from xxgk.foi import captcha, public, services
from xxgk.foi.models import Letter
from xxgk.foi.views import letter_download
from xxgk.foi.vocabulary import ApplicantType, DeliveryMethod, IdentityDocument, InformationForm

CONSENT_TEXT = (
    "本人确认所填信息真实。本平台仅为办理本申请使用上述个人信息，不予公开；"
    "证件号码和联系方式加密保存。网络申请以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。"
)


def _text(label: str, *, required: bool = True, max_length: int = 200, autocomplete: str = "", **attrs) -> forms.Field:
    widget_attrs = {"autocomplete": autocomplete or "off", **attrs}
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.TextInput(attrs=widget_attrs)
    )


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices, widget=forms.RadioSelect)
    name = _text("姓名或名称", autocomplete="name")
    id_kind = forms.ChoiceField(
        label="证件类型",
        choices=IdentityDocument.choices,
        help_text="自然人填写身份证件；法人或其他组织填写统一社会信用代码。",
    )
    id_number = _text("证件号码", max_length=60, spellcheck="false")
    phone = _text("联系电话", required=False, max_length=50, autocomplete="tel", type="tel")
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "请填写有效的电子邮箱地址。"},
    )
    address = _text("通信地址", required=False, max_length=300, autocomplete="street-address")
    postcode = _text("邮政编码", required=False, max_length=10, autocomplete="postal-code", inputmode="numeric")
    information_name = _text("所需信息的名称", required=False, max_length=300)
    document_number = _text("文号", required=False, max_length=100)
    description = forms.CharField(
        label="所需信息的内容描述",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="名称和内容描述至少填写一项；描述越具体，越便于查找。",
    )
    form_wanted = forms.ChoiceField(
        label="所需信息的提供形式", choices=InformationForm.choices, widget=forms.RadioSelect
    )
    delivery_method = forms.ChoiceField(
        label="获取信息的方式", choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label="我已阅读并同意以上说明", error_messages={"required": "请阅读说明并勾选同意。"})
    captcha_answer = forms.CharField(
        label="验证题",
        max_length=3,
        error_messages={"required": "请回答验证题。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    SECTIONS = (
        ("申请人信息", ("kind", "name", "id_kind", "id_number")),
        ("联系方式（电话、电子邮箱、通信地址至少填写一项）", ("phone", "email", "address", "postcode")),
        ("所需政府信息", ("information_name", "document_number", "description")),
        ("提供形式和获取方式", ("form_wanted", "delivery_method")),
    )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # “请选择证件类型。” says more than Django's “必需字段”
            verb = "请选择" if isinstance(field, forms.ChoiceField) else "请填写"
            field.error_messages.setdefault("required", "")
            if field.error_messages["required"] == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = f"{verb}{field.label}。"

    def full_clean(self) -> None:
        """The form's own checks plus the service's (check digits, a contact, name or description)."""
        super().full_clean()
        if self.is_bound:
            for field, messages in public.input_errors(self.data).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)

    def apply_service_errors(self, error: ValidationError) -> None:
        """Put the service's Chinese messages next to the fields they concern."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the summary at the top; radio groups link to their first option."""
        items = [("", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            bound = self[name]
            anchor = bound.auto_id + ("_0" if isinstance(bound.field.widget, forms.RadioSelect) else "")
            items += [(anchor, message) for message in errors]
        return items

    def mark_errors(self) -> None:
        """Point each erroneous input at its message (the template gives it the id ``<id>_error``)."""
        for name in self.errors:
            if name != "__all__":
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"


def _ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or ""


def _render_form(request, agency, form, status: int = 200) -> HttpResponse:
    if form.is_bound:
        form.mark_errors()
        form.data = form.data.copy()
        form.data["captcha_answer"] = ""  # a new question each attempt
    context = {
        "agency": agency,
        "form": form,
        "challenge": captcha.new_challenge(),
        "consent_text": CONSENT_TEXT,
        "errors": form.error_summary() if form.is_bound else [],
    }
    return render(request, "portal/apply_form.html", context, status=status)


@never_cache
def apply(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code, is_active=True)
    if not agency.accepts_online:
        context = {"agency": agency, "channels": public.other_channels(agency)}
        return render(request, "portal/apply_closed.html", context, status=403 if request.method == "POST" else 200)
    if request.method != "POST":
        return _render_form(request, agency, ApplicationForm())
    form = ApplicationForm(request.POST)
    problem = captcha.check(request.POST.get("captcha_token", ""), request.POST.get("captcha_answer", ""))
    valid = form.is_valid()
    if problem and "captcha_answer" not in form.errors:
        form.add_error("captcha_answer", problem)
    if not valid or problem:
        return _render_form(request, agency, form, status=400)
    try:
        case, query_code = public.submit_online(agency, form.cleaned_data, ip=_ip(request))
    except public.RateLimited as error:
        form.add_error(None, error.messages)
        return _render_form(request, agency, form, status=429)
    except ValidationError as error:
        form.apply_service_errors(error)
        return _render_form(request, agency, form, status=400)
    # Rendered, not redirected: the query code exists only in this response (never_cache: not stored).
    return render(request, "portal/apply_done.html", {"agency": agency, "case": case, "query_code": query_code})


class LookupForm(forms.Form):
    number = forms.CharField(
        label="申请编号", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
    )
    query_code = forms.CharField(
        label="查询码",
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="提交申请时页面显示的查询码，例如 ABCD-EFGH-JKMN。",
    )


NOT_FOUND = "申请编号或查询码不正确。请核对后重新输入；如遗失查询码，请联系受理机关。"


@never_cache
def status(request: HttpRequest) -> HttpResponse:
    """POST only for the lookup itself: the query code never appears in a URL, a log or a Referer."""
    form = LookupForm(request.POST if request.method == "POST" else None)
    context: dict = {"form": form}
    code = 200
    if form.is_valid():
        try:
            case = public.lookup(form.cleaned_data["number"], form.cleaned_data["query_code"], ip=_ip(request))
        except public.RateLimited as error:
            form.add_error(None, error.messages)
            case, code = None, 429
        else:
            if case is None:
                form.add_error(None, NOT_FOUND)
                code = 404
        if case is not None:
            context["status"] = public.public_status(case)
            context["case"] = case
            context["letters"] = services.letters_for_public(case)
            _unlock(request, case)
    return render(request, "portal/apply_status.html", context, status=code)


UNLOCKED_CASES = "foi_unlocked_cases"  # session key: cases whose query code this browser gave


def _unlock(request: HttpRequest, case) -> None:
    """The right code was given: this browser session may download the case's letters (never a URL token)."""
    unlocked = [pk for pk in request.session.get(UNLOCKED_CASES, []) if pk != case.pk][-9:]
    request.session[UNLOCKED_CASES] = [*unlocked, case.pk]


@never_cache
def letter_file(request: HttpRequest, letter_pk: int, fmt: str) -> HttpResponse:
    """A letter addressed to the applicant, for the session that looked the case up with its query code."""
    letter = get_object_or_404(Letter.objects.select_related("case"), pk=letter_pk)
    if letter.case_id not in request.session.get(UNLOCKED_CASES, []):
        raise Http404("请先用申请编号和查询码查询申请进度。")
    if letter not in services.letters_for_public(letter.case):
        raise Http404("没有这份告知书")
    return letter_download(letter, fmt)


@never_cache
def captcha_image(request: HttpRequest, token: str) -> HttpResponse:
    png = captcha.image_png(token)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")
