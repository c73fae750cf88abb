"""Read-side queries of the public site."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.core.models import Agency


@dataclass
class AgencyGroup:
    root: Agency
    members: list[Agency]


def agency_tree() -> list[AgencyGroup]:
    """Active agencies grouped under their top-level agency (a city and its departments), in one query."""
    agencies = list(Agency.objects.filter(is_active=True).select_related("parent"))
    by_id = {a.id: a for a in agencies}

    def root_of(agency: Agency) -> Agency:
        while agency.parent_id and agency.parent_id in by_id:
            agency = by_id[agency.parent_id]
        return agency

    groups: dict[int, AgencyGroup] = {}
    for agency in agencies:
        root = root_of(agency)
        group = groups.setdefault(root.id, AgencyGroup(root, []))
        if agency is not root:
            group.members.append(agency)
    return sorted(groups.values(), key=lambda g: (g.root.sort_order, g.root.id))
