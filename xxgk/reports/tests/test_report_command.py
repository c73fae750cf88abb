"""``manage.py report compile --json`` and ``manage.py report export``."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.reports.services import save_statistics

pytestmark = pytest.mark.django_db


def compile_json(code: str, year: int) -> tuple[dict, int]:
    out = io.StringIO()
    try:
        call_command("report", "compile", "--agency", code, "--year", str(year), "--json", stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return json.loads(out.getvalue()), status


def test_cells_are_addressed_by_their_statutory_labels(catalogue, agency_a):
    data, status = compile_json("agency-a", 2025)
    assert status == 0 and data["blocking"] is False
    assert data["format"] == {
        "key": "2021",
        "name": "中华人民共和国政府信息公开工作年度报告格式",
        "document": "国办公开办函〔2021〕30号",
    }
    assert [t["table"] for t in data["tables"]] == [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    rows = {row["row"]: {c["column"]: c["value"] for c in row["cells"]} for t in data["tables"] for row in t["rows"]}
    assert rows["第二十条第（一）项 / 行政规范性文件"] == {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 3}
    assert rows["三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"]["法人或其他组织 / 商业企业"] == 0
    assert rows[""]["行政诉讼 / 复议后起诉 / 尚未审结"] == 0  # table 四's single row has no label
    assert [(c["level"], c["code"]) for c in data["checks"]] == [("warning", "rules_by_non_issuer")]
    assert data["checks"][0]["cell"] == {
        "table": "二、主动公开政府信息情况",
        "row": "第二十条第（一）项 / 规章",
        "column": "本年制发件数",
        "key": "二|rules|issued",
    }


def test_a_blocking_error_exits_1_and_points_at_the_cell(operator, agency_a):
    save_statistics(operator, agency_a, 2025, {("三", "new", "research"): 2, ("三", "granted", "research"): 1})
    data, status = compile_json("agency-a", 2025)
    assert status == 1 and data["blocking"] is True
    [error] = [c for c in data["checks"] if c["level"] == "error"]
    assert error["code"] == "balance"
    assert error["cell"]["row"] == "三、本年度办理结果 / （七）总计"
    assert error["cell"]["column"] == "法人或其他组织 / 科研机构"
    assert "勾稽关系不成立" in error["message"]


def test_unknown_agency_and_pre_2019_years_are_refused(agency_a):
    with pytest.raises(CommandError, match="没有机构代码"):
        call_command("report", "compile", "--agency", "nobody", "--year", "2025")
    with pytest.raises(CommandError, match="国办发〔2014〕32号"):
        call_command("report", "compile", "--agency", "agency-a", "--year", "2015")


def test_export_writes_the_four_files(catalogue, agency_a, tmp_path):
    out = io.StringIO()
    call_command("report", "export", "--agency", "agency-a", "--year", "2025", "--to", str(tmp_path), stdout=out)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["agency-a-2025.docx", "agency-a-2025.html", "agency-a-2025.pdf", "agency-a-2025.xlsx"]
    assert (tmp_path / "agency-a-2025.pdf").read_bytes().startswith(b"%PDF")
    assert "测试市科学技术局2025年政府信息公开工作年度报告" in (tmp_path / "agency-a-2025.html").read_text()
