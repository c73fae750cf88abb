"""Who may prepare and publish annual reports, on top of core's agency scoping."""

from __future__ import annotations

from xxgk.core import permissions as core
from xxgk.core.models import Agency, Role

# The disclosure office prepares the report; the case handlers know table 三's figures.
PREPARING_ROLES = (Role.AGENCY_ADMIN, Role.DRAFTER, Role.FOI_HANDLER, Role.LEADER)


def can_prepare_report(user, agency: Agency) -> bool:
    """Enter the year's statistics, compile, edit the narrative, acknowledge warnings."""
    return core.has_role(user, agency, *PREPARING_ROLES) or bool(user and user.is_superuser)


def can_publish_report(user, agency: Agency) -> bool:
    """Publication is a 领导签发, as for every other piece of 政府信息."""
    return core.has_role(user, agency, Role.LEADER) or bool(user and user.is_superuser)


def can_view_report(user, agency: Agency) -> bool:
    """Drafts and their checks: the agency's staff and the city office above it."""
    return core.can_view_agency_internal(user, agency)


def can_list_counted_cases(user, agency: Agency) -> bool:
    """A cell's drill-down lists case numbers and requests: the agency's own staff only (the city
    office reads the tables, not the agency's case files through them)."""
    return core.has_role(user, agency, *core.STAFF_ROLES) or bool(user and user.is_superuser)
