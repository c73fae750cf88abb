from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms import WagtailAdminModelForm

from xxgk.catalog import attachments, permissions
from xxgk.catalog.models import Entry


class EntryForm(WagtailAdminModelForm):
    """Offer only what the user may use: their agencies, and entries of those agencies to link to."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        agencies = permissions.agencies_for_drafting(for_user)
        self.fields["agency"].queryset = agencies
        linkable = Entry.objects.filter(agency__in=agencies).exclude(pk=self.instance.pk)
        for name in ("replaced_by", "interprets"):
            self.fields[name].queryset = linkable


class AttachmentForm(WagtailAdminModelForm):
    """One attachment row of the entry editor: a fresh upload is checked at once, so the error shows next
    to the file (in Chinese) and the rest of the form keeps what was typed. ``save_draft`` prepares it."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            data = upload.read()
            upload.seek(0)
            attachments.check_upload(upload.name, data)
        return upload

    def clean_title(self):
        return self.cleaned_data.get("title", "").strip()
