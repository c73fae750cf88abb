"""Helpers for the Playwright tests."""

# A click on a link returns once the navigation has started, not when it has ended: reading the
# document at that moment can meet the page in between, with no element yet. So every width check
# waits until the page it is about to read has loaded.
_LOADED_WIDTH = (
    "document.readyState === 'complete' && document.documentElement ? document.documentElement.scrollWidth : null"
)


def page_width(page) -> int:
    """The loaded document's scroll width in CSS pixels."""
    page.wait_for_load_state("load")
    return page.wait_for_function(_LOADED_WIDTH).json_value()
