"""The public read API (JSON, OpenAPI 3.1) at /api/. An outside face like portal: it reads the domain
apps and nothing imports it. Only what the public site shows is served: never drafts, unpublished
revisions, withheld or 依申请公开 entries, and of a withdrawn entry only its withdrawal notice.
"""
