"""The hand-written OpenAPI 3.1 description of the public read API, served at /api/openapi.json.

Tests validate the document itself and every route's real responses against it, so a change to a
view that is not made here too fails the suite.
"""

from __future__ import annotations

from xxgk.catalog.listing import MAX_PAGE_SIZE, PAGE_SIZE
from xxgk.catalog.vocabulary import EntryKind, Validity
from xxgk.core.models import AgencyKind


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, description: str = "") -> dict:
    schema = {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}
    return {**schema, "description": description} if description else schema


STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
URL = {"type": "string", "format": "uri"}


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}


FILTERS = [
    _query("agency", "发布机构的机构代码。", STRING),
    _query("year", "发布年份。", {"type": "integer", "minimum": 1949, "maximum": 9998}),
    _query("topic", "主题分类编号（见门户筛选表单）。", {"type": "integer", "minimum": 1}),
    _query("validity", "有效性。", {"type": "string", "enum": Validity.values}),
    _query("kind", "信息类别。", {"type": "string", "enum": EntryKind.values}),
    _query("item", "条例第二十条事项（一）至（十五）的序号。", {"type": "integer", "minimum": 1, "maximum": 15}),
    _query("column", "机关自设栏目编号。", {"type": "integer", "minimum": 1}),
    _query("cursor", "上一次响应中的 next_cursor 或 prev_cursor，原样传回。", STRING),
    _query("limit", f"每页条数，默认 {PAGE_SIZE}。", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}),
]

ENTRY_LINK = {
    "index_number": {**STRING, "description": "索引号"},
    "title": {**STRING, "description": "名称"},
    "url": {**URL, "description": "门户上的页面"},
    "api_url": {**URL, "description": "本接口中的详情"},
}
ENTRY_SUMMARY = {
    **ENTRY_LINK,
    "summary": {**STRING, "description": "内容概述"},
    "agency": _object({"code": STRING, "name": STRING}, "发布机构"),
    "kind": {"type": "string", "enum": EntryKind.values},
    "kind_label": STRING,
    "topic": {**NULLABLE_STRING, "description": "主题分类"},
    "document_number": {**STRING, "description": "发文字号"},
    "written_on": {"type": ["string", "null"], "format": "date", "description": "成文日期"},
    "published_on": {**DATE, "description": "发布日期"},
    "validity": {"type": "string", "enum": Validity.values},
    "validity_label": {"type": "string", "description": "有效性：有效、已修改、已废止、已失效"},
    "statutory_items": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 15}},
    "columns": {"type": "array", "items": _object({"id": {"type": "integer"}, "name": STRING})},
}
NULLABLE_LINK = {"oneOf": [_ref("EntryLink"), {"type": "null"}]}

ERROR_BODY = _object(
    {
        "code": {
            "type": "string",
            "enum": ["bad_filter", "bad_cursor", "not_found", "withdrawn", "method_not_allowed"],
        },
        "message": {**STRING, "description": "中文说明，可直接展示给用户"},
        "field": {**STRING, "description": "出错的参数名，无则为空字符串"},
    }
)

SCHEMAS = {
    "Error": _object({"error": ERROR_BODY}),
    "Withdrawn": _object(
        {
            "error": ERROR_BODY,
            "withdrawn": _object(
                {"index_number": STRING, "title": STRING, "withdrawn_on": DATE, "reason": STRING}, "撤稿说明"
            ),
        }
    ),
    "EntryLink": _object(ENTRY_LINK),
    "EntrySummary": _object(ENTRY_SUMMARY),
    "EntryDetail": _object(
        {
            **ENTRY_SUMMARY,
            "disclosure_label": {"type": "string", "const": "主动公开", "description": "公开方式"},
            "body_html": {**STRING, "description": "正文 HTML"},
            "replaced_by": {**NULLABLE_LINK, "description": "替代本文件的现行文件"},
            "interprets": {**NULLABLE_LINK, "description": "本文所解读的文件（政策解读）"},
            "interpretations": {"type": "array", "items": _ref("EntryLink"), "description": "本文件的政策解读"},
        }
    ),
    "EntryPage": _object(
        {
            "results": {"type": "array", "items": _ref("EntrySummary")},
            "next_cursor": {**NULLABLE_STRING, "description": "更早的一页；null 表示已到末页"},
            "prev_cursor": {**NULLABLE_STRING, "description": "更新的一页；null 表示已是第一页"},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
        }
    ),
    "Agency": _object(
        {
            "code": {**STRING, "description": "机构代码"},
            "name": STRING,
            "short_name": STRING,
            "kind": {"type": "string", "enum": AgencyKind.values},
            "kind_label": STRING,
            "parent": {**NULLABLE_STRING, "description": "上级机关的机构代码"},
            "url": URL,
            "office": _object(
                {k: STRING for k in ("name", "address", "postcode", "hours", "phone", "fax", "email")},
                "政府信息公开工作机构（条例第十二条）",
            ),
        }
    ),
    "AgencyList": _object({"results": {"type": "array", "items": _ref("Agency")}}),
}

BAD_REQUEST = _json("Error", "筛选条件、翻页参数或 limit 无效")
NOT_FOUND = _json("Error", "没有这条公开的政府信息")

SPEC: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "政务公开平台开放接口",
        "version": "1.0.0",
        "description": (
            "只读接口，提供各机关主动公开的政府信息。不含草稿、未发布的修改、依申请公开或不予公开的信息；"
            "已撤稿的信息只返回撤稿说明。列表按发布日期从新到旧排列，用 next_cursor / prev_cursor 翻页。"
        ),
        "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api"}],
    "paths": {
        "/entries/": {
            "get": {
                "operationId": "listEntries",
                "summary": "主动公开的政府信息列表",
                "parameters": FILTERS,
                "responses": {"200": _json("EntryPage", "一页政府信息"), "400": BAD_REQUEST},
            }
        },
        "/entries/{index_number}/": {
            "get": {
                "operationId": "getEntry",
                "summary": "按索引号取一条政府信息",
                "parameters": [
                    {
                        "name": "index_number",
                        "in": "path",
                        "required": True,
                        "description": "索引号，例如 kjj/2026-00001（其中的“/”可原样保留）",
                        "schema": STRING,
                    }
                ],
                "responses": {
                    "200": _json("EntryDetail", "政府信息的元数据、正文和相关链接"),
                    "404": NOT_FOUND,
                    "410": _json("Withdrawn", "该信息已撤稿，只返回撤稿说明"),
                },
            }
        },
        "/agencies/": {
            "get": {
                "operationId": "listAgencies",
                "summary": "机关列表及其政府信息公开工作机构联系方式",
                "responses": {"200": _json("AgencyList", "启用的机关")},
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApi",
                "summary": "本接口说明（OpenAPI 3.1）",
                "responses": {
                    "200": {
                        "description": "OpenAPI 文档",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    },
    "components": {"schemas": SCHEMAS},
}
