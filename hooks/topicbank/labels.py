"""Every heading that names a part of an entry, from one place, for the page, the kit, the DOCX and the slides.

A heading for a front-matter field is the field's `x-label` in schema.json (Schema.label), so the page,
the printed kit, the Word file, the slides and the field reference ("Tra cứu trường") say the same words
an author reads in the schema. Headings that name no field (the self-check, "cited by", …) are below.

The labels are plain strings read once at import: kits and slides are written in a second process from
picklable data, so they cannot ask a Bank for its schema, and schema.json is the package's own file anyway.
"""
from __future__ import annotations

from functools import lru_cache

from .schema import Schema


@lru_cache(maxsize=1)
def _schema() -> Schema:
    return Schema.load()


def field_label(name: str) -> str:
    """The schema's x-label of a front-matter field (the field's name when it has none)."""
    return _schema().label(name)


# -- headings of field sections: the schema's words ---------------------------------------------------
OBJECTIVES = field_label("objectives")  # Mục đích, yêu cầu
QUESTIONS = field_label("questions")  # Câu hỏi thảo luận
ACTIONS = field_label("actions")  # Việc làm, cam kết
QUOTES = field_label("quotes")  # Trích dẫn
REFERENCES = field_label("references")  # Văn bản trích dẫn
SOURCES = field_label("sources")  # Nguồn
RELATED = field_label("related")  # Mục liên quan
AGENDA_THEMES = field_label("topics")  # Chuyên đề dùng trong buổi
QUIZ = field_label("quiz")  # Câu hỏi trắc nghiệm

# -- headings that name no field ----------------------------------------------------------------------
# An agenda's steps under their total time, "Chương trình (90 phút)": the whole programme, not the schema's
# "Các bước" (which tells an author what to list).
PROGRAMME = "Chương trình"
# The quiz on the page is an interactive self-check (its anchor #tu-kiem-tra is linked from elsewhere).
SELF_CHECK = "Tự kiểm tra"
CITED_BY = "Các mục trích dẫn văn bản này"  # on a document's page: who cites it
AGENDAS_USING = "Chương trình mẫu dùng chuyên đề này"  # on a theme's page: the agendas that use it
BODY = "Nội dung"  # the entry's own text where it has no heading of its own (slides)
# Metadata: the value carries its unit ("90 phút"), so not the schema's "Thời lượng (phút)".
DURATION = "Thời lượng"
DRAFT = "Bản nháp"
BANK = "Ngân hàng"  # on a committee's site: which bank an entry comes from
OVERRIDES = "điều chỉnh từ"  # ... an earlier bank's entry of the same id, e.g. "điều chỉnh từ ngân hàng chung"
REVIEWED = "Đã đối chiếu nguồn"

__all__ = ["ACTIONS", "AGENDAS_USING", "AGENDA_THEMES", "BODY", "CITED_BY", "DRAFT", "DURATION", "OBJECTIVES",
           "PROGRAMME", "QUESTIONS", "QUIZ", "QUOTES", "REFERENCES", "RELATED", "REVIEWED", "SELF_CHECK", "SOURCES",
           "field_label"]
