from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms import WagtailAdminModelForm

from xxgk.catalog import attachments, permissions
from xxgk.catalog.models import Column, Entry


class EntryForm(WagtailAdminModelForm):
    """Offer only what the user may use: their agencies, and entries of those agencies to link to."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        if self.instance.pk:
            agencies = permissions.agencies_for_editing(for_user)
        else:
            agencies = permissions.agencies_for_drafting(for_user)
        self.fields["agency"].queryset = agencies
        linkable = Entry.objects.filter(agency__in=agencies).exclude(pk=self.instance.pk)
        for name in ("replaced_by", "interprets"):
            self.fields[name].queryset = linkable
        self.fields["columns"].queryset = Column.objects.filter(agency__in=agencies).select_related("agency")


class OpinionForm(forms.Form):
    """The opinion of a review step (Wagtail passes the cleaned data to the task's ``on_action``)."""

    comment = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RejectionForm(OpinionForm):
    comment = forms.CharField(
        label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "退回时必须填写理由。"}
    )


class AttachmentForm(WagtailAdminModelForm):
    """One attachment row of the entry editor. A fresh upload is checked at once, so the error shows next to
    the file (in Chinese) and the rest of the form keeps what was typed; ``save_draft`` then prepares it.

    ``uid`` travels in a hidden field: an attachment added in a live entry's draft has no row (no pk) yet,
    and the formset would otherwise rebuild it as a blank new object, losing its file and text. The service
    takes the file back from the previous draft by ``uid`` (``attachments.carry_over``), never from elsewhere.
    """

    uid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False  # required only for a new row, checked in clean()
        self.fields["file"].widget = forms.FileInput()  # no "currently: <link>": these files have no public URL
        if self.instance.file:
            self.fields["file"].help_text = "已上传；如需替换，请选择新文件。"
        self.initial.setdefault("uid", self.instance.uid)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            data = upload.read()
            upload.seek(0)
            attachments.check_upload(upload.name, data)
        return upload

    def clean_title(self):
        return self.cleaned_data.get("title", "").strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("uid") and not self.instance.file:
            self.add_error("file", "请选择要上传的文件。")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None and self.cleaned_data.get("uid"):
            self.instance.uid = self.cleaned_data["uid"]
        return super().save(commit=commit)
