from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_reference_data(sender, **kwargs) -> None:
    """Load official calendar years after every migrate — and after every test flush, which
    re-emits post_migrate the way Django restores content types and permissions."""
    from xxgk.core.calendar import sync_official_years

    sync_official_years()


class CoreConfig(AppConfig):
    name = "xxgk.core"
    label = "core"
    verbose_name = "机关与平台"

    def ready(self) -> None:
        from xxgk.core import audit, checks, signals  # noqa: F401  (registers actions, checks, receivers)

        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="xxgk_core_reference_data")
