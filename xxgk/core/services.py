"""Core use cases. Each one checks permission, validates, writes inside ``transaction.atomic`` and
records its audit event — views, the back office, commands and the demo all call these.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xxgk.core import audit, permissions
from xxgk.core.audit import CoreAction
from xxgk.core.models import Agency, CalendarYear, Membership, Role

User = get_user_model()

STAFF_GROUP = "政务公开工作人员"
# Fields that place an agency in the city's tree; an agency's own admin must not move it.
STRUCTURAL_FIELDS = ("parent_id", "code", "kind")


def save_agency(actor, agency: Agency) -> Agency:
    """Create or update an agency from an instance carrying the new values."""
    creating = agency.pk is None
    if creating and not permissions.can_create_agency(actor):
        raise PermissionDenied("只有平台管理员可以新建机关。")
    agency.full_clean()
    with transaction.atomic():
        before = {} if creating else audit.snapshot(Agency.objects.select_for_update().get(pk=agency.pk))
        if not creating:
            stored = Agency(**{k: v for k, v in before.items() if k != "id"}, id=agency.pk)
            if not permissions.can_manage_agency(actor, stored):
                raise PermissionDenied("您不是该机关的公开管理员。")
            moved = [f for f in STRUCTURAL_FIELDS if before[f] != getattr(agency, f)]
            if moved and not actor.is_superuser:
                raise PermissionDenied("只有平台管理员可以修改上级机关、机构代码和机关类型。")
        agency.save()
        audit.record(
            CoreAction.AGENCY_CREATED if creating else CoreAction.AGENCY_CHANGED,
            actor=actor,
            agency=agency,
            target=agency,
            changes=audit.diff(before, audit.snapshot(agency)),
        )
    return agency


def delete_agency(actor, agency: Agency) -> None:
    if not permissions.can_create_agency(actor):
        raise PermissionDenied("只有平台管理员可以删除机关。")
    with transaction.atomic():
        audit.record(
            CoreAction.AGENCY_DELETED,
            actor=actor,
            agency=None,
            target=agency,
            changes=audit.diff(audit.snapshot(agency), {}),
        )
        agency.delete()


def staff_group() -> Group:
    """The group that lets staff into the Wagtail back office (Wagtail's own access check)."""
    from wagtail.admin.models import Admin

    # Wagtail's migration creates this permission; ensure it anyway, as a flushed database lacks it.
    access, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Admin),
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(access)
    return group


def _sync_staff_group(user) -> None:
    if Membership.objects.filter(user=user).exists():
        user.groups.add(staff_group())
    else:
        user.groups.remove(staff_group())


def grant_role(actor, user, agency: Agency, role: Role) -> Membership:
    if not permissions.can_grant_role(actor, agency, role):
        raise PermissionDenied("您无权在该机关授予此岗位。")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        if created:
            _sync_staff_group(user)
            audit.record(
                CoreAction.ROLE_GRANTED,
                actor=actor,
                agency=agency,
                target=membership,
                changes={"role": [None, role.label], "user": [None, user.get_username()]},
            )
    return membership


def revoke_role(actor, membership: Membership) -> None:
    if not permissions.can_grant_role(actor, membership.agency, Role(membership.role)):
        raise PermissionDenied("您无权撤销该岗位。")
    with transaction.atomic():
        audit.record(
            CoreAction.ROLE_REVOKED,
            actor=actor,
            agency=membership.agency,
            target=membership,
            changes={"role": [membership.get_role_display(), None], "user": [membership.user.get_username(), None]},
        )
        user = membership.user
        membership.delete()
        _sync_staff_group(user)


def save_membership(actor, membership: Membership) -> Membership:
    """Back-office form path: a membership edited in place is a revoke of the old role + a grant."""
    if membership.pk is None:
        return grant_role(actor, membership.user, membership.agency, Role(membership.role))
    with transaction.atomic():
        old = Membership.objects.select_for_update().get(pk=membership.pk)
        if (old.user_id, old.agency_id, old.role) == (membership.user_id, membership.agency_id, membership.role):
            return old
        revoke_role(actor, old)
        return grant_role(actor, membership.user, membership.agency, Role(membership.role))


def create_staff_user(actor, *, username: str, password: str, full_name: str = "", email: str = "") -> User:
    if not (actor.is_superuser or permissions.agencies_managed_by(actor).exists()):
        raise PermissionDenied("您无权新建工作人员账号。")
    user = User(username=username, email=email, first_name=full_name)
    user.set_password(password)
    user.full_clean()
    with transaction.atomic():
        user.save()
        audit.record(
            CoreAction.USER_CREATED,
            actor=actor,
            target=user,
            changes={"username": [None, username], "full_name": [None, full_name]},
        )
    return user


def _calendar_rows(calendar_year: CalendarYear) -> list[str]:
    return [f"{d.date:%Y-%m-%d} {d.kind} {d.name}" for d in sorted(calendar_year.days.all(), key=lambda d: d.date)]


def save_calendar_year(actor, calendar_year: CalendarYear) -> CalendarYear:
    """Save a year's notice with its days (a ClusterableModel: days are saved with it)."""
    if not permissions.can_manage_calendar(actor):
        raise PermissionDenied("只有平台管理员或市级公开办可以维护节假日安排。")
    seen: set = set()
    for day in calendar_year.days.all():
        day.calendar_year = calendar_year
        day.full_clean(exclude=["calendar_year"])
        if day.date in seen:
            raise ValidationError(f"日期 {day.date:%Y-%m-%d} 重复录入。")
        seen.add(day.date)
    with transaction.atomic():
        before = [] if calendar_year.pk is None else _calendar_rows(CalendarYear.objects.get(pk=calendar_year.pk))
        calendar_year.save()
        after = _calendar_rows(calendar_year)
        audit.record(
            CoreAction.CALENDAR_YEAR_SAVED,
            actor=actor,
            target=calendar_year,
            changes={"days": [before, after]} if before != after else {},
        )
    return calendar_year


def delete_calendar_year(actor, calendar_year: CalendarYear) -> None:
    if not permissions.can_manage_calendar(actor):
        raise PermissionDenied("只有平台管理员或市级公开办可以维护节假日安排。")
    with transaction.atomic():
        audit.record(
            CoreAction.CALENDAR_YEAR_DELETED,
            actor=actor,
            target=calendar_year,
            changes={"days": [_calendar_rows(calendar_year), []]},
        )
        calendar_year.delete()


def create_staff_member(
    actor, agency: Agency, *, username: str, password: str, roles: list[Role], full_name: str = "", email: str = ""
) -> User:
    """An account and its roles in one agency, together or not at all (the back-office 新建工作人员 form)."""
    if not roles:
        raise ValidationError({"roles": "请至少选择一个岗位。"})
    with transaction.atomic():
        user = create_staff_user(actor, username=username, password=password, full_name=full_name, email=email)
        for role in roles:
            grant_role(actor, user, agency, Role(role))
    return user
