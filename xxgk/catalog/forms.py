from wagtail.admin.forms import WagtailAdminModelForm

from xxgk.catalog import permissions
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
