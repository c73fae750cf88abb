"""The full-text index of public catalogue entries: one row per public entry, nothing else.

Rows are written only by ``xxgk.search.indexing`` inside the publish / withdraw transaction, so the index
and the catalogue commit together. ``raw`` is what the exact post-filter and the snippets read; ``tokens``
is ``segment.index_text`` of the same text, what the database's full-text machinery reads (an FTS5 table
``search_fts`` on SQLite, a GIN expression index on PostgreSQL; see the migrations and ``backends``).
"""

from __future__ import annotations

from django.db import models

from xxgk.catalog.models import Entry
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import Agency


class SearchDocument(models.Model):
    entry = models.OneToOneField(
        Entry, verbose_name="政府信息", on_delete=models.CASCADE, related_name="search_document"
    )
    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("名称", max_length=300)
    raw = models.TextField("原文", help_text="名称 + 分隔符 + 正文纯文本")
    tokens = models.TextField("分词")
    published_on = models.DateField("发布日期", null=True, blank=True)
    kind = models.CharField("信息类别", max_length=30, choices=EntryKind.choices)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes = [models.Index(fields=["agency", "-published_on"], name="searchdoc_agency_newest")]

    def __str__(self) -> str:
        return self.title
