"""Who may see and do what with 依申请公开 cases, on top of core's agency scoping.

- Staff of another agency never see a case (queries are scoped; a direct URL gives 404).
- Staff of the case's agency see it; identity and contact data in clear only with the 依申请办理 or
  本机关公开管理员 role (others see them masked, rules.md §1.5 formats).
- Handling (registering, every step of the clock, deciding) needs 依申请办理 or 本机关公开管理员.
- An extension needs the recorded approval of the 政府信息公开工作机构负责人 (条例第三十三条第二款):
  the 领导签发 role (``Role.LEADER``) of the agency — the one role that signs on the agency's behalf.
- The city office (市级公开办) reads the cases of the agencies it supervises, masked, and acts on none.
"""

from __future__ import annotations

from django.db.models import QuerySet

from xxgk.core import permissions as core
from xxgk.core.models import Agency, Role

HANDLING_ROLES = (Role.FOI_HANDLER, Role.AGENCY_ADMIN)


def _operator(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def cases_visible_to(user, qs: QuerySet) -> QuerySet:
    return core.scope_to_agencies(user, qs)


def can_view_case(user, case) -> bool:
    return core.can_view_agency_internal(user, case.agency)


def can_handle(user, agency: Agency) -> bool:
    return _operator(user) or core.has_role(user, agency, *HANDLING_ROLES)


def can_handle_case(user, case) -> bool:
    return can_handle(user, case.agency)


def can_see_identity(user, case) -> bool:
    """Clear identity and contact data: the handlers of the case's agency (and operators)."""
    return can_handle_case(user, case)


def can_approve_extension(user, case) -> bool:
    return _operator(user) or core.has_role(user, case.agency, Role.LEADER)


def agencies_for_registration(user) -> QuerySet[Agency]:
    if _operator(user):
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user, memberships__role__in=HANDLING_ROLES).distinct()


def can_manage_letter_templates(user, agency: Agency) -> bool:
    """An agency's own 告知书 texts: its 本机关公开管理员 (and operators) — the letters speak for the agency."""
    return core.can_manage_agency(user, agency)


def agencies_for_letter_templates(user) -> QuerySet[Agency]:
    return core.agencies_managed_by(user)
