from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_vocabularies(sender, **kwargs) -> None:
    """The 第二十条 items and starting 主题分类, after every migrate and every test flush."""
    from xxgk.catalog.models import StatutoryItem, Topic
    from xxgk.catalog.vocabularies import ensure

    ensure(StatutoryItem, Topic)


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from xxgk.catalog import services  # noqa: F401  (registers audit actions)

        post_migrate.connect(ensure_vocabularies, sender=self, dispatch_uid="xxgk_catalog_vocabularies")
