"""An agency's own catalogue columns (栏目): kept by the agency's 本机关公开管理员, every change audited.

The 第二十条 items are statutory and fixed; columns are the agency's own grouping on top (e.g. 科技项目公示),
listed on the public site at ``/agencies/<code>/columns/<id>/``. An entry may only sit in columns of its own
agency (checked in ``services._validate``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from xxgk.catalog.models import Column
from xxgk.core import audit
from xxgk.core import permissions as core


@audit.register_actions
class ColumnAction(models.TextChoices):
    SAVED = "catalog.column_saved", "保存栏目"
    DELETED = "catalog.column_deleted", "删除栏目"


def can_manage_columns(user, agency) -> bool:
    return core.can_manage_agency(user, agency)


def save_column(actor, column: Column) -> Column:
    """Create or rename/reorder a column of an agency the actor administers."""
    if not can_manage_columns(actor, column.agency):
        raise PermissionDenied("只有本机关公开管理员可以维护本机关的栏目。")
    column.name = column.name.strip()
    if Column.objects.filter(agency=column.agency, name=column.name).exclude(pk=column.pk).exists():
        raise ValidationError({"name": f"本机关已有名为「{column.name}」的栏目，请换一个名称。"})
    column.full_clean()
    with transaction.atomic():
        before = None if column.pk is None else Column.objects.select_for_update().get(pk=column.pk)
        if before is not None and before.agency_id != column.agency_id:
            raise ValidationError({"agency": "栏目不能移到其他机关，请在该机关新建栏目。"})
        column.save()
        audit.record(
            ColumnAction.SAVED,
            actor=actor,
            agency=column.agency,
            target=column,
            changes={
                "name": [before and before.name, column.name],
                "sort_order": [before and before.sort_order, column.sort_order],
            },
        )
    return column


def delete_column(actor, column: Column) -> None:
    """Delete a column that no entry sits in (its entries would silently leave a public list otherwise)."""
    if not can_manage_columns(actor, column.agency):
        raise PermissionDenied("只有本机关公开管理员可以维护本机关的栏目。")
    with transaction.atomic():
        count = column.entries.count()
        if count:
            raise ValidationError(f"栏目「{column.name}」中还有 {count} 条政府信息，请先将其移出该栏目再删除。")
        audit.record(ColumnAction.DELETED, actor=actor, agency=column.agency, target=column,
                     changes={"name": [column.name, None]})  # fmt: skip
        column.delete()
