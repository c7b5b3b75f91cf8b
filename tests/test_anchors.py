"""Heading anchors keep đ as d (MkDocs's toc extension would drop it)."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify

from topicbank.anchors import slugify

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("heading, anchor", [
    ("Đóng góp cho ngân hàng", "dong-gop-cho-ngan-hang"),
    ("ĐẢNG VIÊN đồng hành", "dang-vien-dong-hanh"),
    ("Điều 1. Phạm vi điều chỉnh", "dieu-1-pham-vi-dieu-chinh"),
    ("Chỉ thị 05-CT/TW (2016)", "chi-thi-05-cttw-2016"),
    ("Nêu gương: «nơi cư trú» — 2026", "neu-guong-noi-cu-tru-2026"),
    ("Nêu gương".replace("ê", "e\u0302"), "neu-guong"),  # typed decomposed
])
def test_vietnamese_headings_get_readable_anchors(heading: str, anchor: str) -> None:
    assert slugify(heading, "-") == anchor


def test_headings_without_d_keep_the_anchors_markdown_gave_them() -> None:
    headings = {line.lstrip("#").strip() for path in (ROOT / "docs").rglob("*.md")
                for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")}
    headings |= {"Hiệu lực", "Câu hỏi thảo luận", "A_b  c--d", "Chỉ thị 50-CT/TW"}
    for heading in headings:
        if "đ" not in heading.lower():
            assert slugify(heading, "-") == toc_slugify(heading, "-"), heading
            assert slugify(heading, "_") == toc_slugify(heading, "_"), heading


def test_the_toc_extension_uses_it() -> None:
    html = markdown.markdown("## Đóng góp cho ngân hàng", extensions=[TocExtension(slugify=slugify)])
    assert 'id="dong-gop-cho-ngan-hang"' in html
