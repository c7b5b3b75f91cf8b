"""A kit as one standalone HTML document: the print page readers fill in, and the source WeasyPrint turns into PDF.

The page lives at bo-tai-lieu/<id>/index.html, outside MkDocs (no theme, no search),
and links its stylesheet and script by the same relative path in the built site and
in docs/, so WeasyPrint reads them from docs/ with no copy. Blanks carry data-fill
keys the form script fills; in the PDF they stay dotted for handwriting.
"""
from __future__ import annotations

from ..render.text import esc
from . import forms
from .body import body_html
from .content import Kit

ASSETS = "../../assets/kits"  # from bo-tai-lieu/<id>/index.html (and docs/bo-tai-lieu/<id>/ for WeasyPrint)


def blank(key: str, placeholder: str = forms.BLANK) -> str:
    return f'<span class="kit-blank" data-fill="{key}" data-blank="{esc(placeholder)}">{esc(placeholder)}</span>'


def lines(count: int) -> str:
    return '<div class="kit-lines" aria-hidden="true">' + '<div class="kit-line"></div>' * count + "</div>"


class PrintPage:
    def __init__(self, kit: Kit, downloads: dict[str, str] | None = None) -> None:
        self.kit = kit
        self.downloads = downloads or {}  # format -> relative URL, shown on screen only

    # -- whole documents ------------------------------------------------------------------------

    def document(self, with_form: bool) -> str:
        parts = [self.programme()]
        if self.kit.handout is not None:
            parts += [self.handout(), self.questions(), self.commitment()]
        if self.kit.quiz:
            parts += [self.quiz(), self.quiz_key()]
        parts += [self.attendance(), self.minutes(), self.evaluation()]
        return self._page(f"Bộ tài liệu in: {self.kit.title}", parts, with_form)

    def handout_document(self) -> str:
        """The handout alone, to post on the Sổ tay đảng viên điện tử app before the meeting (HD 42)."""
        return self._page(f"Tài liệu sinh hoạt: {self.kit.title}", [self.handout(first=True)], with_form=False)

    def _page(self, title: str, parts: list[str], with_form: bool) -> str:
        form = self._form() if with_form else ""
        script = f'<script src="{ASSETS}/kit-form.js"></script>' if with_form else ""
        return ("<!doctype html>\n"
                f'<html lang="vi"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>{esc(title)}</title>'
                f'<link rel="stylesheet" href="{ASSETS}/kit.css"></head>\n'
                f'<body class="kit-body" data-pagefind-ignore="all">{form}'
                f'<main class="kit" id="noi-dung">{"".join(parts)}</main>{script}</body></html>\n')

    # -- the fill-in form (screen only) ---------------------------------------------------------

    def _form(self) -> str:
        def field(key: str, label: str, kind: str = "text", extra: str = "") -> str:
            return (f'<p class="kit-field"><label for="kit-{key}">{label}</label>'
                    f'<input id="kit-{key}" name="{key}" type="{kind}" {extra}></p>')

        links = "".join(f'<li><a href="{esc(url)}">{esc(label)}</a></li>' for label, url in self.downloads.items())
        downloads = f'<ul class="kit-downloads">{links}</ul>' if links else ""
        return ('<header class="kit-screen">'
                f'<p class="kit-screen-title">Bộ tài liệu in — {esc(self.kit.title)}</p>'
                '<form class="kit-form" id="kit-form"><fieldset><legend>Điền trước khi in</legend>'
                '<p class="kit-help" id="kit-help">Thông tin được điền vào chỗ trống của bộ tài liệu và được ghi nhớ '
                'trên trình duyệt này (không gửi đi đâu). Để trống thì giữ dòng chấm để viết tay.</p>'
                + field("dang-bo", "Đảng bộ", extra='autocomplete="organization" aria-describedby="kit-help"')
                + field("chi-bo", "Chi bộ")
                + field("dia-danh", "Địa danh ghi ở dòng ngày tháng (ví dụ: Hạ Long)")
                + field("ngay", "Ngày sinh hoạt", "date")
                + field("gio", "Giờ bắt đầu", "time")
                + field("dia-diem", "Địa điểm sinh hoạt")
                + field("so-dong", "Số dòng trong danh sách đảng viên", "number",
                        f'min="1" max="200" step="1" inputmode="numeric" placeholder="{self.kit.attendance_rows}"')
                + '<p class="kit-actions"><button type="button" id="kit-print">In bộ tài liệu</button> '
                '<button type="reset" id="kit-clear">Xóa thông tin đã điền</button></p>'
                f'</fieldset></form>{downloads}</header>')

    # -- parts ----------------------------------------------------------------------------------

    def header_block(self) -> str:
        return ('<div class="kit-header">'
                f'<div class="kit-header-left"><p class="kit-superior">{forms.SUPERIOR_LABEL} {blank("dang-bo")}</p>'
                f'<p class="kit-cell">{forms.CELL_LABEL} {blank("chi-bo")}</p><p class="kit-star">*</p></div>'
                f'<div class="kit-header-right"><p class="kit-party"><span>{forms.PARTY_NAME}</span></p>'
                f'<p class="kit-date">{blank("dia-danh", "……")}, ngày {blank("ngay-d", "…")} '
                f'tháng {blank("ngay-m", "…")} năm {blank("ngay-y", "20…")}</p></div></div>')

    def _part(self, css: str, title: str, inner: str, first: bool = False, header: bool = False, level: int = 2) -> str:
        classes = f"kit-part kit-{css}" + (" kit-first" if first else "")
        head = self.header_block() if header else ""
        return f'<section class="{classes}">{head}<h{level} class="kit-part-title">{esc(title)}</h{level}>{inner}</section>'

    def _draft_note(self) -> str:
        return f'<p class="kit-draft">{esc(forms.DRAFT_NOTE)}</p>' if self.kit.is_draft else ""

    def programme(self) -> str:
        kit = self.kit
        rows = "".join(
            f'<tr><td class="kit-num">{number}</td><td>{esc(step.title)}'
            f'{f"<br><span class=kit-note>{esc(step.notes)}</span>" if step.notes else ""}</td>'
            f'<td class="kit-num"><span data-start="{step.start}">phút {step.start}</span></td>'
            f'<td class="kit-num">{step.minutes}</td><td>{esc(step.lead)}</td></tr>'
            for number, step in enumerate(kit.programme.steps, start=1))
        subject = f"Chuyên đề: {kit.title}" if kit.kind == "theme" else kit.title
        themes = ""
        if kit.themes:
            themes = "<p>Chuyên đề dùng trong buổi: " + "; ".join(f"«{esc(title)}»" for title in kit.themes) + ".</p>"
        inner = (f'<p class="kit-subtitle">{esc(kit.meeting_label)}</p>'
                 f'<p class="kit-entry-title">{esc(subject)}</p>{self._draft_note()}'
                 f'<p>Thời gian: {blank("thoi-gian")}. Địa điểm: {blank("dia-diem")}.</p>'
                 '<table class="kit-table kit-steps"><thead><tr><th scope="col">TT</th><th scope="col">Nội dung</th>'
                 '<th scope="col">Bắt đầu</th><th scope="col">Số phút</th><th scope="col">Người phụ trách</th></tr>'
                 f'</thead><tbody>{rows}<tr class="kit-total"><td></td><th scope="row">Tổng thời lượng</th><td></td>'
                 f'<td class="kit-num">{kit.programme.minutes}</td><td></td></tr></tbody></table>'
                 f'{themes}<p class="kit-note kit-origin">{esc(kit.programme.origin)}</p>')
        return self._part("programme", forms.PART_PROGRAMME, inner, first=True, header=True, level=1)

    def handout(self, first: bool = False) -> str:
        handout = self.kit.handout
        assert handout is not None
        objectives = "".join(f"<li>{esc(item)}</li>" for item in handout.objectives)
        quotes = "".join(f'<blockquote class="kit-quote"><p>{esc(text)}</p><p class="kit-quote-source">— {esc(source)}</p>'
                         "</blockquote>" for text, source in handout.quotes)
        documents = "".join(
            f"<li>{esc(doc.title)}{f' ({esc(doc.number)})' if doc.number and doc.number not in doc.title else ''}"
            f"{f', {esc(doc.issuer)}' if doc.issuer else ''}{f', {esc(doc.issued)}' if doc.issued else ''}"
            f" — <em>{esc(doc.validity)}</em>{f' (thay thế bởi: {esc(doc.superseded_by)})' if doc.superseded_by else ''}</li>"
            for doc in handout.documents)
        sources = "".join(f"<li>{esc(source)}</li>" for source in handout.sources)
        inner = (f'<p class="kit-entry-title">{esc(self.kit.title)}</p>{self._draft_note()}'
                 f'<p class="kit-summary">{esc(handout.summary)}</p>'
                 f'<h3>Mục đích, yêu cầu</h3><ul>{objectives}</ul>'
                 f'<div class="kit-text">{body_html(handout.body_markdown)}</div>'
                 + (f"<h3>Trích dẫn</h3>{quotes}" if quotes else "")
                 + (f'<h3>Văn bản trích dẫn</h3><ul class="kit-documents">{documents}</ul>' if documents else "")
                 + (f'<h3>Nguồn</h3><ol class="kit-sources">{sources}</ol>' if sources else ""))
        return self._part("handout", forms.PART_HANDOUT, inner, first=first, level=1 if first else 2)

    def questions(self) -> str:
        items = "".join(f'<li><p>{esc(question)}</p>{lines(forms.QUESTION_LINES)}</li>' for question in self.kit.questions)
        return self._part("questions", forms.PART_QUESTIONS,
                          f'<p class="kit-entry-title">{esc(self.kit.title)}</p><ol class="kit-question-list">{items}</ol>')

    def commitment(self) -> str:
        rows = "".join(f'<tr><td class="kit-num"><span class="kit-box" aria-hidden="true"></span>'
                       f'<span class="kit-sr">Ô đánh dấu</span></td><td>{esc(action)}</td><td></td></tr>'
                       for action in self.kit.actions)
        inner = (f'<p class="kit-entry-title">Chuyên đề: {esc(self.kit.title)}</p>'
                 f'<p>Họ và tên đảng viên: {forms.BLANK}{forms.BLANK}</p><p>Chi bộ: {blank("chi-bo")}</p>'
                 f'<p class="kit-note">{esc(forms.COMMITMENT_NOTE)}</p>'
                 '<table class="kit-table kit-commit"><thead><tr><th scope="col">Đăng ký</th><th scope="col">Việc làm</th>'
                 f'<th scope="col">Cách làm, thời hạn</th></tr></thead><tbody>{rows}</tbody></table>'
                 f'<p>Việc làm khác:</p>{lines(forms.COMMITMENT_OTHER_LINES)}'
                 '<div class="kit-sign kit-sign-one"><p><strong>NGƯỜI ĐĂNG KÝ</strong><br>'
                 '<em>(Ký, ghi rõ họ tên)</em></p></div>')
        return self._part("commitment", forms.PART_COMMITMENT, inner)

    def quiz(self) -> str:
        items = "".join(
            f'<li><p>{esc(item.question)}</p><ol class="kit-choices" type="A">'
            + "".join(f"<li>{esc(choice)}</li>" for choice in item.choices) + "</ol></li>"
            for item in self.kit.quiz)
        return self._part("quiz", forms.PART_QUIZ, f'<p class="kit-entry-title">{esc(self.kit.title)}</p>'
                          f'<p>Họ và tên: {forms.BLANK}{forms.BLANK}</p>'
                          f'<p class="kit-note">Khoanh tròn chữ cái trước phương án đúng.</p><ol class="kit-quiz">{items}</ol>')

    def quiz_key(self) -> str:
        items = "".join(
            f"<li>{chr(65 + item.answer_index)}. {esc(item.choices[item.answer_index])}"
            f"{f'<br><span class=kit-note>{esc(item.explain)}</span>' if item.explain else ''}</li>"
            for item in self.kit.quiz)
        return self._part("quiz-key", forms.PART_QUIZ_KEY, f'<ol class="kit-quiz-key">{items}</ol>')

    def attendance(self) -> str:
        head = "".join(f'<th scope="col">{esc(column)}</th>' for column in forms.ATTENDANCE_COLUMNS)
        row = "<td></td>" * (len(forms.ATTENDANCE_COLUMNS) - 1)
        rows = "".join(f'<tr><td class="kit-num">{number}</td>{row}</tr>'
                       for number in range(1, self.kit.attendance_rows + 1))
        inner = (f'<p class="kit-subtitle">Chi bộ {blank("chi-bo")} — ngày {blank("ngay-vn", "……/……/20……")}</p>'
                 '<table class="kit-table kit-attendance"><thead><tr>' + head + "</tr></thead>"
                 f'<tbody data-rows="{self.kit.attendance_rows}">{rows}</tbody></table>'
                 '<p class="kit-note">Đánh dấu × vào cột phù hợp; ghi lý do vắng vào cột «Vắng có lý do».</p>')
        return self._part("attendance", forms.PART_ATTENDANCE, inner)

    def minutes(self) -> str:
        fills = {"Thời gian bắt đầu": "thoi-gian", "Địa điểm": "dia-diem"}
        body = [f'<p class="kit-subtitle">{esc(self.kit.meeting_label)}</p><p class="kit-note">{esc(forms.MINUTES_NOTE)}</p>']
        for part in forms.MINUTES_PARTS:
            body.append(f"<h3>{esc(part.title)}</h3>")
            if part.fields:
                rows = "".join(f'<tr><th scope="row">{esc(label)}</th><td>{blank(fills[label]) if label in fills else ""}</td></tr>'
                               for label in part.fields)
                body.append(f'<table class="kit-table kit-fields">{rows}</table>')
        for title, count in forms.MINUTES_PROCEEDINGS:
            body.append(f'<p class="kit-label">{esc(title)}</p>{lines(count)}')
        vote_rows = "".join(f'<tr><th scope="row">{esc(label)}</th><td></td><td></td></tr>' for label in forms.MINUTES_VOTE_ROWS)
        body.append(f"<h3>{esc(forms.MINUTES_VOTE_TITLE)}</h3>"
                    '<table class="kit-table kit-vote"><thead><tr><th scope="col">Ý kiến</th><th scope="col">Số đảng viên</th>'
                    f'<th scope="col">Tỷ lệ (%)</th></tr></thead><tbody>{vote_rows}</tbody></table>')
        signs = "".join(f"<p><strong>{title}</strong><br><em>{note}</em></p>" for title, note in forms.MINUTES_SIGNATURES)
        body.append(f'<div class="kit-keep"><h3>{esc(forms.MINUTES_CLOSING_TITLE)}</h3>'
                    + "".join(f"<p>{esc(line)}</p>" for line in forms.MINUTES_CLOSING)
                    + f'<div class="kit-sign">{signs}</div></div>')
        return self._part("minutes", forms.PART_MINUTES, "".join(body), header=True)

    def evaluation(self) -> str:
        rows = []
        for number, group in enumerate(forms.EVALUATION_GROUPS, start=1):
            rows.append(f'<tr class="kit-group"><th scope="row">{number}</th><th scope="row">{esc(group.title)}</th>'
                        f'<td class="kit-num">{group.points}</td><td></td></tr>')
            rows += [f'<tr><td></td><td>{esc(item.text)}</td><td class="kit-num">{item.points}</td><td></td></tr>'
                     for item in group.criteria]
        rows.append(f'<tr class="kit-group"><td></td><th scope="row">Tổng cộng</th>'
                    f'<td class="kit-num">{forms.evaluation_total()}</td><td></td></tr>')
        bands = "; ".join(f"<strong>{esc(name)}</strong>: {esc(text)}" for name, text in forms.EVALUATION_BANDS)
        inner = (f'<p class="kit-subtitle">Chi bộ {blank("chi-bo")} — buổi sinh hoạt ngày {blank("ngay-vn", "……/……/20……")}</p>'
                 '<table class="kit-table kit-eval"><thead><tr><th scope="col">TT</th><th scope="col">Tiêu chí</th>'
                 f'<th scope="col">Điểm tối đa</th><th scope="col">Chi bộ chấm</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
                 f'<p class="kit-bands">Xếp loại (khoanh tròn): {bands}.</p>'
                 f'<p class="kit-note">{esc(forms.EVALUATION_NOTE)}</p>')
        return self._part("evaluation", forms.PART_EVALUATION, inner)
