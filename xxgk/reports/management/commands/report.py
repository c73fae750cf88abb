"""``manage.py report compile --agency CODE --year Y [--json]`` and
``manage.py report export --agency CODE --year Y --to DIR``.

``compile`` reads only: it prints the year's tables as compiled from the records now, each cell under
its exact statutory row and column labels, with the check results; exit status 1 when a blocking
check fails. ``export`` writes the HTML, DOCX, PDF and XLSX files (a published report's frozen
snapshot, otherwise the records as they are now).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.core.models import Agency
from xxgk.reports import export
from xxgk.reports.compiler import compiled_json
from xxgk.reports.formats import NoGeneratedFormat
from xxgk.reports.services import compile_for, report_document

BLOCKING_EXIT = 1


class Command(BaseCommand):
    help = "编制或导出政府信息公开工作年度报告。"
    requires_system_checks = []  # stdout is JSON for scripts; system-check warnings would only add noise

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("compile", "按记录编制表格并校验"), ("export", "导出 HTML、DOCX、PDF、XLSX")):
            action = sub.add_parser(name, help=text)
            action.add_argument("--agency", required=True, help="机构代码")
            action.add_argument("--year", required=True, type=int, help="报告年度")
            if name == "compile":
                action.add_argument("--json", action="store_true", help="以 JSON 输出")
            else:
                action.add_argument("--to", required=True, help="输出目录")

    def handle(self, *args, **options) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"没有机构代码为“{options['agency']}”的机关。")
        try:
            if options["action"] == "compile":
                self._compile(agency, options["year"], options["json"])
            else:
                self._export(agency, options["year"], Path(options["to"]))
        except NoGeneratedFormat as error:
            raise CommandError(str(error)) from None

    def _compile(self, agency: Agency, year: int, as_json: bool) -> None:
        compiled = compile_for(agency, year)
        if as_json:
            out = {"agency": {"code": agency.code, "name": agency.name}, "year": year, **compiled_json(compiled)}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            fmt = compiled.fmt
            self.stdout.write(f"{agency.name} {year}年度 · {fmt.name}（{fmt.document}）")
            for cell, value in compiled.cells.items():
                if value:
                    self.stdout.write(f"  {fmt.describe(cell)}：{export.display(value)}")
            for result in compiled.checks:
                self.stdout.write(f"[{'错误' if result in compiled.blocking else '提示'}] {result.message}")
        if compiled.blocking:
            raise SystemExit(BLOCKING_EXIT)

    def _export(self, agency: Agency, year: int, directory: Path) -> None:
        document = report_document(agency, year)
        directory.mkdir(parents=True, exist_ok=True)
        stem = f"{agency.code}-{year}"
        files = {
            f"{stem}.html": export.html_page(document).encode(),
            f"{stem}.docx": export.docx_bytes(document),
            f"{stem}.pdf": export.pdf_bytes(document),
            f"{stem}.xlsx": export.xlsx_bytes(document),
        }
        for name, content in files.items():
            (directory / name).write_bytes(content)
            self.stdout.write(str(directory / name))
