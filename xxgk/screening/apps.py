from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "xxgk.screening"
    label = "screening"
    verbose_name = "发布前筛查"

    def ready(self) -> None:
        from xxgk.screening import services  # noqa: F401  (registers audit actions)
