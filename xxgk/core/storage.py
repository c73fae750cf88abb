"""File storage for files that must never be reachable by a static URL (drafts' attachments).

The location is read from ``settings.ATTACHMENTS_ROOT`` on every use (not cached at import), so that tests
and operators can move it; files are served only through views that check who may see them.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return settings.ATTACHMENTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # no public URL: ``.url`` raises rather than pointing at a file nobody checked


def private_storage() -> PrivateStorage:
    return PrivateStorage()
