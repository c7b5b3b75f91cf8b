"""One entry to one Markdown page. Every front-matter value is HTML-escaped here;
only the body is Markdown, and the validator has already refused unsafe markup in it."""
from __future__ import annotations

from collections.abc import Callable

from ..model import Bank, Entry
from .text import EntryLinks, Urls, esc, meta_string, minutes_text, vn_date, vn_date_long

LINK_GROUP_LABELS = {
    "kit": ("Bộ tài liệu in cho buổi sinh hoạt", {"html": "Trang in (điền trước khi in)", "pdf": "PDF",
                                                  "docx": "Word (DOCX)", "handout": "Tài liệu phát tay (PDF)"}),
    "slides": ("Trình chiếu", {"html": "Trình chiếu trên trình duyệt", "pptx": "PowerPoint (PPTX)"}),
}

VALIDITY_CLASSES = {"in-force": "tb-valid", "superseded": "tb-superseded", "expired": "tb-expired", "unknown": "tb-unknown"}


class EntryPageRenderer:
    def __init__(self, bank: Bank, urls: Urls, edit_url_for: Callable[[Entry], str | None],
                 links: dict[str, EntryLinks] | None = None) -> None:
        self.bank = bank
        self.urls = urls
        self.edit_url_for = edit_url_for
        self.links = links or {}

    # -- public -------------------------------------------------------------------------------

    def src_uri(self, entry: Entry) -> str:
        return self.urls.entry_src(entry.id)

    def render(self, entry: Entry) -> str:
        self._src = self.src_uri(entry)
        parts = [
            "---",
            f"title: {meta_string(entry.title)}",
            f"description: {meta_string(entry.summary)}",
            f"topic_id: {entry.id}",
            "---",
            "",
            f'<h1 class="tb-title">{esc(entry.title)}</h1>',
            "",
            self._status(entry),
            "",
            f'<p class="tb-summary">{esc(entry.summary)}</p>',
            "",
            self._metadata(entry),
            "",
            self._links(entry),
        ]
        if entry.objectives:
            parts += [self._list("Mục đích, yêu cầu", entry.objectives, "tb-objectives")]
        if entry.kind == "agenda":
            parts += [self._steps(entry)]
        if entry.body.strip():
            parts += ["", entry.body.strip(), ""]
        if entry.questions:
            parts += [self._list("Câu hỏi gợi ý thảo luận", entry.questions, "tb-questions", ordered=True)]
        if entry.actions:
            parts += [self._list("Việc làm, cam kết của đảng viên", entry.actions, "tb-actions")]
        parts += [self._quotes(entry), self._quiz(entry), self._references(entry), self._cited_by(entry),
                  self._themes_of_agenda(entry), self._agendas_using(entry), self._related(entry), self._sources(entry),
                  self._edit_link(entry)]
        return "\n".join(part for part in parts if part is not None) + "\n"

    # -- pieces -------------------------------------------------------------------------------

    def _href(self, entry_id: str) -> str:
        return self.urls.href(self._src, self.urls.page_url(self.urls.entry_src(entry_id)))

    def _entry_link(self, entry_id: str) -> str:
        target = self.bank.get(entry_id)
        title = target.title if target else entry_id
        return f'<a href="{esc(self._href(entry_id))}">{esc(title)}</a>'

    def _status(self, entry: Entry) -> str:
        if entry.is_draft:
            return ('<div class="admonition warning tb-status tb-draft"><p class="admonition-title">Bản nháp</p>'
                    "<p>Nội dung này chưa được đối chiếu đầy đủ với nguồn. Hãy kiểm tra lại với văn bản gốc "
                    "trước khi dùng trong buổi sinh hoạt.</p></div>")
        return (f'<div class="admonition success tb-status tb-reviewed"><p class="admonition-title">Đã đối chiếu nguồn</p>'
                f"<p>Mọi thông tin trong mục đã được đối chiếu với nguồn trích dẫn {esc(vn_date_long(entry.reviewed_on))}.</p></div>")

    def _metadata(self, entry: Entry) -> str:
        schema, vocabulary = self.bank.schema, self.bank.vocabulary
        rows: list[tuple[str, str]] = [("Loại mục", esc(schema.enum_label("kind", entry.kind)))]
        if entry.series:
            rows.append(("Loạt", esc(vocabulary.label("series", entry.series))))
        if entry.year:
            rows.append(("Năm", esc(entry.year)))
        if entry.months:
            rows.append(("Tháng gợi ý", esc(", ".join(f"tháng {month}" for month in entry.months))))
        if entry.meeting_type:
            rows.append(("Loại buổi sinh hoạt", esc(schema.enum_label("meeting_type", entry.meeting_type))))
        if entry.duration_minutes:
            rows.append(("Thời lượng", esc(minutes_text(entry.duration_minutes))))
        if entry.kind == "document":
            rows += [("Số, ký hiệu", esc(entry.number)), ("Ngày ban hành", esc(vn_date(entry.issued))),
                     ("Cơ quan ban hành", esc(entry.issuer)),
                     ("Loại văn bản", esc(schema.enum_label("doc_type", entry.doc_type or ""))),
                     ("Hiệu lực", self._validity(entry))]
        rows.append(("Loại hình chi bộ", esc(", ".join(vocabulary.label("audience", a) for a in entry.audience))))
        if entry.tags:
            rows.append(("Từ khóa", esc(", ".join(vocabulary.label("tags", tag) for tag in entry.tags))))
        status = "Bản nháp" if entry.is_draft else f"Đã đối chiếu nguồn ({vn_date(entry.reviewed_on)})"
        rows.append(("Tình trạng", esc(status)))
        cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
        return f'<dl class="tb-meta">{cells}</dl>'

    def _validity(self, document: Entry) -> str:
        label = esc(self.bank.schema.enum_label("validity", document.validity or "unknown"))
        badge = f'<span class="tb-badge {VALIDITY_CLASSES.get(document.validity or "unknown", "")}">{label}</span>'
        if document.superseded_by:
            badge += f" — thay thế bởi {self._entry_link(document.superseded_by)}"
        return badge

    def _links(self, entry: Entry) -> str | None:
        groups = self.links.get(entry.id)
        if not groups or not groups.groups:
            return None
        blocks = []
        for group, formats in groups.groups.items():
            title, labels = LINK_GROUP_LABELS.get(group, (group, {}))
            items = "".join(
                f'<li><a href="{esc(self.urls.href(self._src, url))}">{esc(labels.get(name, name))}</a></li>'
                for name, url in formats.items())
            blocks.append(f'<div class="tb-links tb-links-{esc(group)}"><p class="tb-links-title">{esc(title)}</p><ul>{items}</ul></div>')
        return "".join(blocks)

    def _list(self, heading: str, items: tuple[str, ...], css: str, ordered: bool = False) -> str:
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{esc(item)}</li>" for item in items)
        return f'\n<h2 class="{css}-title">{esc(heading)}</h2>\n<{tag} class="{css}">{body}</{tag}>\n'

    def _steps(self, entry: Entry) -> str:
        rows, start = [], 0
        for number, step in enumerate(entry.steps, start=1):
            notes = esc(step.notes or "")
            rows.append(f"<tr><td>{number}</td><td>{esc(step.title)}</td><td>{start}–{start + step.minutes}</td>"
                        f"<td>{step.minutes}</td><td>{esc(step.lead)}</td><td>{notes}</td></tr>")
            start += step.minutes
        head = ("<tr><th scope=\"col\">TT</th><th scope=\"col\">Nội dung</th><th scope=\"col\">Phút thứ</th>"
                "<th scope=\"col\">Số phút</th><th scope=\"col\">Người phụ trách</th><th scope=\"col\">Ghi chú</th></tr>")
        return (f'\n<h2 class="tb-steps-title">Chương trình ({esc(minutes_text(entry.duration_minutes))})</h2>\n'
                f'<div class="tb-table-wrap"><table class="tb-steps"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>\n')

    def _quotes(self, entry: Entry) -> str | None:
        if not entry.quotes:
            return None
        quotes = "".join(f'<blockquote class="tb-quote"><p>{esc(quote.text)}</p><footer>— {esc(quote.source)}</footer></blockquote>'
                         for quote in entry.quotes)
        return f"\n<h2>Trích dẫn</h2>\n<div class=\"tb-quotes\">{quotes}</div>\n"

    def _quiz(self, entry: Entry) -> str | None:
        from ..present.quiz_html import quiz_section  # here, not at the top: quiz_html imports render.text

        return quiz_section(entry, self.bank, self._href, lambda path: self.urls.href(self._src, path))

    def _references(self, entry: Entry) -> str | None:
        if not entry.references:
            return None
        items = []
        for document_id in entry.references:
            document = self.bank.get(document_id)
            validity = self._validity(document) if document else ""
            items.append(f"<li>{self._entry_link(document_id)} <span class=\"tb-validity\">({validity})</span></li>")
        return f'\n<h2>Văn bản trích dẫn</h2>\n<ul class="tb-references">{"".join(items)}</ul>\n'

    def _entry_list(self, heading: str, entries: list[Entry] | tuple[Entry, ...], css: str) -> str | None:
        if not entries:
            return None
        items = "".join(f"<li>{self._entry_link(item.id)}</li>" for item in entries)
        return f'\n<h2>{esc(heading)}</h2>\n<ul class="{css}">{items}</ul>\n'

    def _cited_by(self, entry: Entry) -> str | None:
        return self._entry_list("Các mục trích dẫn văn bản này", self.bank.cited_by.get(entry.id, ()), "tb-cited-by")

    def _themes_of_agenda(self, entry: Entry) -> str | None:
        themes = [self.bank.by_id[theme_id] for theme_id in entry.topics if theme_id in self.bank.by_id]
        return self._entry_list("Chuyên đề dùng trong chương trình", themes, "tb-agenda-topics")

    def _agendas_using(self, entry: Entry) -> str | None:
        return self._entry_list("Chương trình mẫu dùng chuyên đề này", self.bank.agendas_for_theme.get(entry.id, ()),
                                "tb-agendas")

    def _related(self, entry: Entry) -> str | None:
        related = [self.bank.by_id[other] for other in entry.related if other in self.bank.by_id]
        return self._entry_list("Mục liên quan", related, "tb-related")

    def _sources(self, entry: Entry) -> str | None:
        if not entry.sources:
            return None
        items = []
        for source in entry.sources:
            title = esc(source.title)
            text = f'<a href="{esc(source.url)}" rel="noopener noreferrer">{title}</a>' if source.url else title
            extra = ", ".join(esc(part) for part in (source.publisher, vn_date(source.date)) if part)
            items.append(f"<li>{text}{' — ' + extra if extra else ''}</li>")
        return f'\n<h2>Nguồn</h2>\n<ol class="tb-sources">{"".join(items)}</ol>\n'

    def _edit_link(self, entry: Entry) -> str | None:
        url = self.edit_url_for(entry)
        if not url:
            return None
        return (f'\n<p class="tb-edit"><a href="{esc(url)}" rel="noopener noreferrer">'
                f"Sửa mục này trên GitHub</a> (tệp <code>{esc(entry.path)}</code>)</p>\n")
