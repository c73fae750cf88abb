"""Wagtail back-office plumbing shared by every app: permission policies that ask our permission
modules, and snippet views whose writes go through a service function (so the audit trail and
the rules apply to the back office exactly as to every other caller).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from xxgk.core import permissions


class RulePermissionPolicy(BasePermissionPolicy):
    """A Wagtail permission policy defined by two rule functions of an app's permission module.

    ``model_rule(user, action) -> bool`` answers "may do this to some instance";
    ``instance_rule(user, action, instance) -> bool`` answers for one instance;
    ``scope(user, queryset) -> queryset`` lists the instances the user may see at all.
    """

    def __init__(
        self, model, model_rule: Callable, instance_rule: Callable, scope: Callable, bulk_rule: Callable | None = None
    ) -> None:
        super().__init__(model)
        self.model_rule, self.instance_rule, self.scope = model_rule, instance_rule, scope
        # bulk_rule(user, actions, queryset) -> queryset answers in one query what instance_rule answers per
        # object; large tables must give one (the fallback asks instance_rule for every visible row).
        self.bulk_rule = bulk_rule

    def user_has_permission(self, user, action: str) -> bool:
        return permissions.is_staff_member(user) and self.model_rule(user, action)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return permissions.is_staff_member(user) and self.instance_rule(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        visible = self.scope(user, self.model._default_manager.all())
        if self.bulk_rule is not None:
            return self.bulk_rule(user, actions, visible) if permissions.is_staff_member(user) else visible.none()
        return visible.filter(pk__in=[o.pk for o in visible if any(self.instance_rule(user, a, o) for a in actions)])

    def users_with_any_permission(self, actions):
        # Used by Wagtail for notifications only; operators are a safe answer.
        return get_user_model().objects.filter(is_superuser=True, is_active=True)


class ServiceFormMixin:
    """Turn a ValidationError raised by a service into form errors, keeping what the user typed."""

    produced_error_message = None  # read by Wagtail's form_invalid; set by its own post() only on some paths

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            # Wagtail shows the form's non-field errors only inside this message (e.g. a refused 审核通过).
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the field exists, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceDeleteMixin:
    """A delete the service refuses (ValidationError: e.g. a column still in use) is shown as a message on
    the page the user came from, instead of a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.request.path)


class ScopedObjectMixin:
    """Load the object only from the user's scope (404 otherwise) and require the instance permission.

    Wagtail's edit and delete views check model-level permission only; without this, staff of one
    agency could open another agency's edit form even though saving it would be refused.
    """

    required_action = "change"
    viewset: ServiceViewSet

    def get_queryset(self):
        return self.viewset.scope(self.request.user, self.model._default_manager.all())

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, self.required_action, obj):
            raise PermissionDenied
        return obj


# Wagtail's other per-object views: each loads its object by pk with model-level permission only, so a
# user of one agency could read another agency's drafts through history, revision previews and diffs.
SCOPED_OBJECT_VIEWS = (
    "copy_view_class",
    "usage_view_class",
    "history_view_class",
    "inspect_view_class",
    "revisions_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "preview_on_edit_view_class",
    "lock_view_class",
    "unlock_view_class",
    "workflow_action_view_class",
    "collect_workflow_action_data_view_class",
    "confirm_workflow_cancellation_view_class",
    "workflow_preview_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
)


class ScopedReadMixin:
    """An object view that finds its object only inside the user's scope (404) and needs "view" on it."""

    viewset: ServiceViewSet

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        user = self.request.user
        if not self.viewset.scope(user, type(obj)._default_manager.filter(pk=obj.pk)).exists():
            raise Http404
        if not self.viewset.permission_policy.user_has_permission_for_instance(user, "view", obj):
            raise PermissionDenied
        return obj


class ServiceViewSet(SnippetViewSet):
    """A snippet viewset whose create/edit/delete call ``save_service``/``delete_service``.

    Both take ``(actor, instance)`` and do their own permission check, validation, transaction
    and audit record. The form is saved with ``commit=False`` so that inline children of a
    ClusterableModel are applied in memory and saved by the service together with their parent.
    """

    save_service: Callable
    delete_service: Callable
    scope: Callable = staticmethod(lambda user, qs: qs)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in SCOPED_OBJECT_VIEWS:
            view = getattr(self, name)
            setattr(self, name, type(view.__name__, (ScopedReadMixin, view), {"viewset": self}))

    def get_queryset(self, request):
        return self.scope(request.user, self.model._default_manager.all())

    # Views are built per viewset so that they call this viewset's services and scope.
    @property
    def add_view_class(self):
        return type("CreateView", (ServiceFormMixin, CreateView), {"viewset": self, "save_instance": _save_instance})

    @property
    def edit_view_class(self):
        bases = (ScopedObjectMixin, ServiceFormMixin, EditView)
        return type("EditView", bases, {"viewset": self, "save_instance": _save_instance})

    @property
    def delete_view_class(self):
        attrs = {"viewset": self, "required_action": "delete", "delete_action": _delete_action}
        return type("DeleteView", (ScopedObjectMixin, ServiceDeleteMixin, DeleteView), attrs)


def _save_instance(view):
    return view.viewset.save_service(view.request.user, view.form.save(commit=False))


def _delete_action(view) -> None:
    view.viewset.delete_service(view.request.user, view.object)
