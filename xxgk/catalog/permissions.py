"""Who may do what in the catalogue, on top of core's agency scoping."""

from __future__ import annotations

from django.db.models import QuerySet

from xxgk.core import permissions as core
from xxgk.core.models import Agency, Role


def can_draft(user, agency: Agency) -> bool:
    return core.has_role(user, agency, Role.DRAFTER, Role.AGENCY_ADMIN) or bool(user and user.is_superuser)


# Everyone in the review chain may correct a draft before passing it on (every edit is audited).
EDITING_ROLES = (Role.DRAFTER, Role.AGENCY_ADMIN, Role.SECTION_REVIEWER, Role.SECRECY_REVIEWER, Role.LEADER)


def can_edit(user, agency: Agency) -> bool:
    return core.has_role(user, agency, *EDITING_ROLES) or bool(user and user.is_superuser)


def can_sign_off(user, agency: Agency) -> bool:
    return core.has_role(user, agency, Role.LEADER) or bool(user and user.is_superuser)


def entries_visible_to(user, qs: QuerySet) -> QuerySet:
    """Staff see their agencies' drafts; everyone else only what is public."""
    return core.scope_to_agencies(user, qs)


def agencies_for_drafting(user) -> QuerySet[Agency]:
    if user is not None and user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(
        memberships__user=user, memberships__role__in=[Role.DRAFTER, Role.AGENCY_ADMIN, Role.LEADER]
    ).distinct()
