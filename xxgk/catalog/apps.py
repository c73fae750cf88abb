from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from xxgk.catalog import services  # noqa: F401  (registers audit actions)
