"""Who may do what in the catalogue, on top of core's agency scoping."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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


def can_submit_for_review(user, agency: Agency) -> bool:
    return can_draft(user, agency)


# The review steps (科室审核 → 保密审查 → 领导签发). Each is done by someone holding that role in the entry's
# own agency; platform operators (superusers) are not agency staff and sign nothing.
REVIEW_ROLES = (Role.SECTION_REVIEWER, Role.SECRECY_REVIEWER, Role.LEADER)


def can_review_step(user, agency: Agency, role: Role | str) -> bool:
    return core.has_role(user, agency, Role(role))


def agencies_reviewable_by(user, role: Role | str) -> QuerySet[Agency]:
    return Agency.objects.filter(memberships__user=user, memberships__role=Role(role))


def entries_visible_to(user, qs: QuerySet) -> QuerySet:
    """Staff see their agencies' drafts; everyone else only what is public."""
    return core.scope_to_agencies(user, qs)


def entries_user_may(user, actions, qs: QuerySet) -> QuerySet:
    """The entries of ``qs`` on which the user may do any of ``actions`` — the per-entry rules of the back office,
    answered per agency in one query instead of per entry."""
    if user is not None and user.is_superuser:
        return qs
    roles = {
        "view": None,  # any staff role: the scope of ``qs`` already says which agencies
        "publish": [],  # publication goes through the review workflow, never a button
        "delete": [Role.DRAFTER, Role.AGENCY_ADMIN],
    }
    allowed = Q(pk__in=[])
    for action in actions:
        wanted = roles.get(action, EDITING_ROLES)
        if wanted is None:
            allowed |= Q(pk__in=qs.values("pk"))
            continue
        agencies = Agency.objects.filter(memberships__user=user, memberships__role__in=wanted)
        allowed |= Q(agency__in=agencies) & (Q(live=False) if action == "delete" else Q())
    return qs.filter(allowed)


def agencies_for_editing(user) -> QuerySet[Agency]:
    """Where the user may correct an existing entry (reviewers too, before passing it on)."""
    if user is not None and user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user, memberships__role__in=EDITING_ROLES).distinct()


def agencies_for_drafting(user) -> QuerySet[Agency]:
    if user is not None and user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(
        memberships__user=user, memberships__role__in=[Role.DRAFTER, Role.AGENCY_ADMIN, Role.LEADER]
    ).distinct()
