"""The statutory labels in code must be the ones in rules.md, character for character."""

from pathlib import Path

import pytest

from xxgk.core.statutory import ARTICLE_20_ITEMS, DISCLOSURE_SUBCOLUMNS

RULES = Path(__file__).resolve().parents[3].parent / "shared" / "docs" / "rules.md"


@pytest.fixture(scope="module")
def rules_text() -> str:
    if not RULES.exists():
        pytest.skip("shared/docs/rules.md is not beside this checkout")
    return RULES.read_text(encoding="utf-8")


def test_article_20_items_are_verbatim(rules_text):
    assert len(ARTICLE_20_ITEMS) == 15
    for item in ARTICLE_20_ITEMS:
        assert f"{item.ordinal}{item.text}" in rules_text


def test_subcolumns_are_verbatim(rules_text):
    listed = rules_text.split("sub-columns **", 1)[1].split("**", 1)[0]
    assert [c.label for c in DISCLOSURE_SUBCOLUMNS] == [part.strip() for part in listed.split("/")]
