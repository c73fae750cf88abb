"""Who may see and do what — the one place for core's permission rules.

Staff act through memberships (user, agency, role). Staff of one agency never see another agency's
unpublished data; the city office (市级公开办 role on a parent agency) reads and supervises every
agency below it but does not act for them. Superusers (platform operators) see everything.
Answers are computed per call and never cached beyond a request.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from xxgk.core.models import Agency, Membership, Role

# Roles that make someone staff of the agency (they see its internal, unpublished work).
STAFF_ROLES = frozenset(Role) - {Role.CITY_OFFICE}


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def roles_of(user, agency: Agency) -> set[Role]:
    if not _active(user):
        return set()
    return {Role(r) for r in Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True)}


def has_role(user, agency: Agency, *roles: Role) -> bool:
    if not _active(user):
        return False
    return Membership.objects.filter(user=user, agency=agency, role__in=roles).exists()


def descendant_ids(agency_ids: Iterable[int]) -> set[int]:
    """The given agencies and every agency below them (one query per level; trees are shallow)."""
    found = set(agency_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def member_agency_ids(user, roles: Iterable[Role] = STAFF_ROLES) -> set[int]:
    if not _active(user):
        return set()
    return set(Membership.objects.filter(user=user, role__in=list(roles)).values_list("agency_id", flat=True))


def supervised_agency_ids(user) -> set[int]:
    """Agencies a city-office user supervises: the ones they sit in and all below."""
    return descendant_ids(member_agency_ids(user, [Role.CITY_OFFICE]))


def agencies_visible_to(user, qs: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    """Agencies whose internal (unpublished) records the user may read."""
    qs = Agency.objects.all() if qs is None else qs
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(id__in=member_agency_ids(user) | supervised_agency_ids(user))


def agencies_managed_by(user, qs: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    """Agencies whose settings, staff and audit trail the user administers."""
    qs = Agency.objects.all() if qs is None else qs
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(id__in=member_agency_ids(user, [Role.AGENCY_ADMIN]))


def scope_to_agencies(user, qs: QuerySet, field: str = "agency") -> QuerySet:
    """Restrict any agency-owned queryset to what the user may read."""
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(**{f"{field}_id__in": member_agency_ids(user) | supervised_agency_ids(user)})


def is_staff_member(user) -> bool:
    """May use the back office at all."""
    return _active(user) and (user.is_superuser or Membership.objects.filter(user=user).exists())


def can_view_agency_internal(user, agency: Agency) -> bool:
    return agencies_visible_to(user).filter(pk=agency.pk).exists()


def can_manage_agency(user, agency: Agency) -> bool:
    return _active(user) and (user.is_superuser or has_role(user, agency, Role.AGENCY_ADMIN))


def can_create_agency(user) -> bool:
    return _active(user) and user.is_superuser


def can_grant_role(user, agency: Agency, role: Role) -> bool:
    """Agency admins staff their own agency; only operators grant the city-office role."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return role != Role.CITY_OFFICE and has_role(user, agency, Role.AGENCY_ADMIN)


def can_view_audit(user, agency: Agency) -> bool:
    return can_manage_agency(user, agency) or agency.pk in supervised_agency_ids(user)


def can_manage_calendar(user) -> bool:
    """The calendar is shared by every agency: operators and the city office keep it."""
    return _active(user) and (user.is_superuser or bool(member_agency_ids(user, [Role.CITY_OFFICE])))


def audit_agency_ids(user) -> set[int] | None:
    """Agencies whose audit trail the user may read; None means all (operators)."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return None
    return member_agency_ids(user, [Role.AGENCY_ADMIN]) | supervised_agency_ids(user)


def audit_events_visible_to(user, qs: QuerySet) -> QuerySet:
    ids = audit_agency_ids(user)
    return qs if ids is None else qs.filter(agency_id__in=ids)
