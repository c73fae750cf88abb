"""Use cases of the reports app, one module per concern; import them from here.

Dependency direction: reports → catalog, core (and foi through ``reports.sources``).
"""

from xxgk.reports.services.actions import ReportAction
from xxgk.reports.services.city import AgencyReportStatus, Rollup, city_rollup
from xxgk.reports.services.compiling import (
    acknowledge_warning,
    cell_records,
    compile_for,
    compile_report,
    counted_tables,
    draft_narrative,
    pending_warnings,
    previous_year_cells,
    report_cells,
    report_document,
    save_narrative,
    warning_key,
)
from xxgk.reports.services.imported import (
    import_published_report,
    imported_tables,
    published_compiled_reports,
    published_reports,
)
from xxgk.reports.services.publication import publish_report
from xxgk.reports.services.statistics import enterable_cells, entered_cells, save_statistics

__all__ = [
    "AgencyReportStatus",
    "ReportAction",
    "Rollup",
    "acknowledge_warning",
    "cell_records",
    "city_rollup",
    "compile_for",
    "compile_report",
    "counted_tables",
    "draft_narrative",
    "enterable_cells",
    "entered_cells",
    "import_published_report",
    "imported_tables",
    "pending_warnings",
    "previous_year_cells",
    "publish_report",
    "published_compiled_reports",
    "published_reports",
    "report_cells",
    "report_document",
    "save_narrative",
    "save_statistics",
    "warning_key",
]
