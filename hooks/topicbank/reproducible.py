"""Byte-identical outputs: Office files (DOCX, PPTX) are zips, and zip entries carry the time they were written.

python-docx and python-pptx stamp every entry with the current time, so the same
content saved twice differs. `fixed_zip` rewrites the archive with one fixed time
(the zip format's earliest date, independent of SOURCE_DATE_EPOCH so cached and
fresh renders match), the same entry order, names, permissions and compression.
It can also rewrite named entries on the way (file_info.py puts the build's date into
docProps/core.xml this way, after the cache).
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The archive with fixed entry times; `rewrite` maps entry names to a function of their content."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_EPOCH)
            info.compress_type = item.compress_type
            info.external_attr = item.external_attr
            info.create_system = 3  # Unix, whatever machine built it
            content = source.read(item.filename)
            if rewrite and item.filename in rewrite:
                content = rewrite[item.filename](content)
            target.writestr(info, content)
    return buffer.getvalue()
