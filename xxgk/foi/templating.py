"""Letter templates: plain text with named placeholders in 【】 (pure module, no Django).

A template is the body of a 告知书: one paragraph per line (blank lines are ignored), with
placeholders such as 【申请编号】 that ``render`` replaces by the values a service collected from the
case. 【】 were chosen because a Chinese input method types them directly and official letters do not
use them otherwise (〔〕 are taken by 文号 such as 朝科发〔2025〕3号).

``check`` finds every problem at once — broken brackets, unknown placeholders, placeholders this
letter may not use, required placeholders missing — as Chinese messages naming the line.
A paragraph whose placeholders all render empty and that has no other text is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

OPEN, CLOSE = "【", "】"
_TOKEN = re.compile(r"【([^【】\n]*)】")


class TemplateError(ValueError):
    """The template cannot be used; ``messages`` lists every problem found (Chinese, one per item)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


def lines(body: str) -> list[str]:
    """The template's paragraphs: its non-blank lines, stripped."""
    return [line.strip() for line in body.replace("\r\n", "\n").split("\n") if line.strip()]


def placeholders(body: str) -> list[str]:
    """The placeholder names used, in order of first use."""
    seen: dict[str, None] = {}
    for line in lines(body):
        for name in _TOKEN.findall(line):
            seen.setdefault(name.strip(), None)
    return list(seen)


def _bracket_problems(number: int, line: str) -> list[str]:
    depth, problems = 0, []
    for char in line:
        if char == OPEN:
            if depth:
                problems.append(f"第{number}行：“{OPEN}”未闭合就又出现了“{OPEN}”")
            depth = 1
        elif char == CLOSE:
            if not depth:
                problems.append(f"第{number}行：“{CLOSE}”前面缺少对应的“{OPEN}”")
            depth = 0
    if depth:
        problems.append(f"第{number}行：“{OPEN}”缺少对应的“{CLOSE}”")
    return problems


def check(body: str, *, known: Iterable[str], allowed: Iterable[str], required: Iterable[str] = ()) -> None:
    """Raise ``TemplateError`` unless ``body`` is usable: brackets balanced, every placeholder known and
    allowed for this letter, every required one present. ``known`` names all placeholders of the
    platform (so a typo reads "未知", a misplaced one reads "不能使用")."""
    known, allowed = set(known), set(allowed)
    problems: list[str] = []
    if not lines(body):
        raise TemplateError(["正文不能为空"])
    for number, line in enumerate(body.replace("\r\n", "\n").split("\n"), start=1):  # numbered as typed
        problems += _bracket_problems(number, line)
        for name in _TOKEN.findall(line):
            name = name.strip()
            if not name:
                problems.append(f"第{number}行：占位符“{OPEN}{CLOSE}”中没有名称")
            elif name not in known:
                problems.append(f"第{number}行：未知的占位符{OPEN}{name}{CLOSE}")
            elif name not in allowed:
                problems.append(f"第{number}行：本告知书不能使用占位符{OPEN}{name}{CLOSE}")
    used = set(placeholders(body))
    for name in required:
        if name not in used:
            problems.append(f"必须保留占位符{OPEN}{name}{CLOSE}（法定内容，不能删除）")
    if problems:
        raise TemplateError(problems)


def render(body: str, values: Mapping[str, str]) -> list[str]:
    """The paragraphs of ``body`` with every placeholder replaced by its value (str() of it).

    Call ``check`` first; an unknown placeholder here is a programming error (KeyError)."""
    paragraphs = []
    for line in lines(body):
        text = _TOKEN.sub(lambda m: str(values[m.group(1).strip()]), line).strip()
        if text:
            paragraphs.append(text)
    return paragraphs
