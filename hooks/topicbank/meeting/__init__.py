"""The cell's own meeting work (Kế hoạch năm, Chuẩn bị buổi sinh hoạt, Ghi biên bản): the Word templates the
browser fills and the output that writes what those pages load. The pages themselves: render/meeting_pages.py.

A package of its own, beside kits/: the kits' cache hashes every module in kits/, so code here can change
without rendering every kit again; this output's own cache hashes the kits' code and this package.
"""
from __future__ import annotations

from .output import MeetingOutput

__all__ = ["MeetingOutput"]
