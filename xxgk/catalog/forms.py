from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from xxgk.catalog import permissions
from xxgk.catalog.models import Entry


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


class OpinionForm(forms.Form):
    """The opinion of a review step (Wagtail passes the cleaned data to the task's ``on_action``)."""

    comment = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RejectionForm(OpinionForm):
    comment = forms.CharField(
        label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "退回时必须填写理由。"}
    )
