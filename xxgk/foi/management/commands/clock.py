"""``manage.py clock FILE``: one JSON scenario in, one JSON answer out (FILE may be ``-`` for stdin).

Lets anyone check a statutory deadline without the web layer; the case pages use the same function.
Exit status 2 with a Chinese message when the scenario is invalid.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from xxgk.core.calendar import load_calendar
from xxgk.foi.clock import ScenarioError, answer_json, scenario_from_json

INVALID_EXIT = 2


class Command(BaseCommand):
    help = "按条例计算依申请公开的答复期限：读入一个 JSON 场景，输出一个 JSON 结果。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="场景文件路径，或 - 表示标准输入")

    def handle(self, *args, **options) -> None:
        try:
            raw = sys.stdin.read() if options["file"] == "-" else self._read(options["file"])
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ScenarioError(f"场景不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
            if not isinstance(data, dict):
                raise ScenarioError("场景应为一个 JSON 对象。")
            result = scenario_from_json(data).compute(load_calendar())
        except ScenarioError as error:
            self.stderr.write(f"场景无效：{error}")
            raise SystemExit(INVALID_EXIT) from None
        self.stdout.write(json.dumps(answer_json(result), ensure_ascii=False, indent=2))

    @staticmethod
    def _read(path: str) -> str:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except OSError as exc:
            raise ScenarioError(f"无法读取场景文件 {path}：{exc.strerror}") from None
