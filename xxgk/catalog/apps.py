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


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from xxgk.catalog import review, services  # noqa: F401  (registers audit actions)

        post_migrate.connect(ensure_vocabularies, sender=self, dispatch_uid="xxgk_catalog_vocabularies")
        post_migrate.connect(ensure_review_workflow, sender=self, dispatch_uid="xxgk_catalog_review_workflow")
