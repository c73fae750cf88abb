from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xxgk.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from xxgk.reports import services  # noqa: F401  (registers audit actions)
