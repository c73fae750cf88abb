from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_vocabularies(sender, **kwargs) -> None:
    """The 第二十条 items and starting 主题分类, after every migrate and every test flush."""
    from xxgk.catalog.models import StatutoryItem, Topic
    from xxgk.catalog.vocabularies import ensure

    ensure(StatutoryItem, Topic)


def ensure_review_workflow(sender, **kwargs) -> None:
    """The default review workflow, assigned to 政府信息 (reference data: after every migrate and test flush)."""
    from xxgk.catalog.review import ensure_default_workflow

    ensure_default_workflow()


def _reindex(sender, instance, **kwargs) -> None:
    from xxgk.search.indexing import index_entry

    index_entry(instance)  # indexes a public entry, removes anything else


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from wagtail.signals import published, unpublished

        from xxgk.catalog import columns, review, services  # noqa: F401  (registers audit actions)
        from xxgk.catalog.models import Entry

        # Scheduled publication and expiry (Wagtail's publish_scheduled command) bypass our services:
        # the search index follows Wagtail's own signals, so every route keeps it in step.
        published.connect(_reindex, sender=Entry, dispatch_uid="xxgk_catalog_index_on_publish")
        unpublished.connect(_reindex, sender=Entry, dispatch_uid="xxgk_catalog_unindex_on_unpublish")
        post_migrate.connect(ensure_vocabularies, sender=self, dispatch_uid="xxgk_catalog_vocabularies")
        post_migrate.connect(ensure_review_workflow, sender=self, dispatch_uid="xxgk_catalog_review_workflow")
