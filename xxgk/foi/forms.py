"""Back-office forms of 依申请公开. Each action form's fields are its service's keyword arguments."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from xxgk.core.models import Agency
from xxgk.foi import permissions
from xxgk.foi.fees import FeeMethod
from xxgk.foi.models import OUTCOME_CHOICES
from xxgk.foi.services import open_consultations
from xxgk.foi.vocabulary import (
    ApplicantType,
    Channel,
    ConsultedParty,
    DeliveryMethod,
    IdentityDocument,
    InformationForm,
    LetterDeliveryMethod,
    LetterKind,
    RemedyKind,
    RemedyResult,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: str = "日期", **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, **kwargs)


class OnForm(forms.Form):
    """Every step has the date it happened (defaults to today)."""

    on = date_field("日期")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class RegistrationForm(forms.Form):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())
    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices)
    arrived_on = date_field("到达日期", help_text="当面提交为提交当日；邮寄为签收日；其他渠道为收到的日期。")
    received_on = date_field(
        "收到申请之日", required=False, help_text="仅“其他”渠道填写；平常信函、网络、传真待确认后起算。"
    )
    kind = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    name = forms.CharField(label="姓名或名称", max_length=200)
    id_kind = forms.ChoiceField(label="证件类型", choices=IdentityDocument.choices)
    id_number = forms.CharField(label="证件号码", max_length=60)
    contact_person = forms.CharField(label="联系人", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=50, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=10, required=False)
    information_name = forms.CharField(label="所需信息名称", max_length=300)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    description = forms.CharField(label="所需信息的内容描述", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    form_wanted = forms.ChoiceField(label="提供形式", choices=InformationForm.choices)
    delivery_method = forms.ChoiceField(label="获取方式", choices=DeliveryMethod.choices)
    note = forms.CharField(label="登记说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    APPLICANT_FIELDS = (
        "kind",
        "name",
        "id_kind",
        "id_number",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
    )
    REQUEST_FIELDS = ("information_name", "document_number", "description")

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = permissions.agencies_for_registration(user)
        self.fields["arrived_on"].initial = timezone.localdate()


class AttemptForm(forms.Form):
    attempted_at = forms.DateTimeField(
        label="联系时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    method = forms.CharField(label="联系方式", max_length=50, help_text="例如：电话、短信、电子邮件。")
    note = forms.CharField(label="情况说明", required=False)


class NoteForm(OnForm):
    note = forms.CharField(label="说明", required=False)


class RefusalForm(OnForm):
    note = forms.CharField(label="理由")


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label="承办人", queryset=None)

    def __init__(self, *args, case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(memberships__agency=case.agency, memberships__role__in=permissions.HANDLING_ROLES)
            .distinct()
        )


class SplitForm(OnForm):
    items = forms.CharField(
        label="拆分出的信息",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一项：信息名称，可用“|”分隔文号，如：2024年验收名单|朝科发〔2024〕8号",
    )


class CorrectionForm(OnForm):
    items = forms.CharField(label="需要补正的内容", widget=forms.Textarea(attrs={"rows": 3}))
    reply_by = date_field("补正期限")


class ExtensionForm(OnForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20)
    reason = forms.CharField(label="延期理由")


class ConsultationForm(OnForm):
    party = forms.CharField(label="被征求意见方", max_length=200)
    party_kind = forms.ChoiceField(label="类别", choices=ConsultedParty.choices)
    note = forms.CharField(label="说明", required=False)


class PartyForm(OnForm):
    party = forms.ChoiceField(label="被征求意见方", choices=[])

    def __init__(self, *args, case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p, p) for p in open_consultations(case)]


class AnswerForm(PartyForm):
    opinion = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}))
    agrees = forms.BooleanField(label="同意公开", required=False)


class LaterDateForm(OnForm):
    due = date_field("确定的答复日期")
    reason = forms.CharField(label="情况说明")


class FeeNoticeForm(OnForm):
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod])
    pages = forms.IntegerField(label="页数（按量计收）", min_value=0, required=False, initial=0)

    def clean_pages(self) -> int:
        return self.cleaned_data.get("pages") or 0


class PaymentForm(OnForm):
    receipt_number = forms.CharField(label="财政票据号", max_length=60)


class DecideForm(OnForm):
    outcome_code = forms.ChoiceField(label="办理结果", choices=OUTCOME_CHOICES)
    reasons = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    withheld = forms.CharField(label="不予公开的内容（部分公开）", required=False)
    withheld_ground = forms.ChoiceField(
        label="不予公开的理由（部分公开）",
        required=False,
        choices=[("", "—")] + [c for c in OUTCOME_CHOICES if c[0].startswith(("deny_", "unable_"))],
    )


class ReasonForm(OnForm):
    reason = forms.CharField(label="原因")


class TransferForm(ReasonForm):
    to_agency = forms.ModelChoiceField(label="移交至", queryset=Agency.objects.all())


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=RemedyKind.choices)
    filed_on = date_field("申请或起诉日期")
    body = forms.CharField(label="复议机关或人民法院", required=False)
    note = forms.CharField(label="说明", required=False)


class ConcludeRemedyForm(forms.Form):
    remedy = forms.ModelChoiceField(label="复议或诉讼", queryset=None)
    result = forms.ChoiceField(label="结果", choices=RemedyResult.choices)
    concluded_on = date_field("审结日期", required=False)

    def __init__(self, *args, case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remedy"].queryset = case.remedies.all()


class IssueLetterForm(forms.Form):
    """生成告知书: the kind and the case event it belongs to (the buttons of the case page fill both)."""

    kind = forms.ChoiceField(label="告知书种类", choices=LetterKind.choices)
    event = forms.IntegerField(label="所属事件", widget=forms.HiddenInput)


class LetterDeliveryForm(forms.Form):
    method = forms.ChoiceField(label="送达方式", choices=LetterDeliveryMethod.choices)
    sent_on = date_field("交邮或发送日期", help_text="直接送达为送达当日。")
    signed_on = date_field("签收日期", required=False, help_text="邮寄送达以签收日为送达日。")
    tracking_number = forms.CharField(label="邮件单号", max_length=60, required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)


class LetterTemplateForm(forms.Form):
    body = forms.CharField(
        label="正文模板",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="每行一段；占位符写在【】中，如【申请编号】。生成告知书时替换为该申请的内容。",
        error_messages={"required": "正文不能为空。"},
    )
