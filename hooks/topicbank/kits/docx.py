"""A kit as a Word document (python-docx): A4, the print margins, Word headings, real tables, Times New Roman 14 pt.

Times New Roman is on every Windows machine; LibreOffice substitutes the metric-compatible
Liberation Serif. Blanks stay dotted for handwriting; offices edit the file before printing.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .. import labels
from . import forms
from .content import Kit
from ..body import Block, Run, cell_text, parse_body
from ..file_info import (APP_XML, LANGUAGE, PLACEHOLDER_STAMP, FileInfo, app_xml, drop_thumbnail, language_rewrites,
                         office_text)
from ..reproducible import fixed_zip

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 35 - 15


class KitDocx:
    def __init__(self, kit: Kit, info: FileInfo | None = None) -> None:
        self.kit = kit
        self.info = info or FileInfo(f"Bộ tài liệu sinh hoạt chi bộ: {kit.title}", "", (), "topicbank")
        self.doc = Document()
        self._setup()
        self._first_part = True

    def render(self) -> bytes:
        kit = self.kit
        self.programme()
        if kit.handout is not None:
            self.handout()
            self.questions()
            self.commitment()
        if kit.quiz:
            self.quiz()
        self.attendance()
        self.minutes()
        self.evaluation()
        self._properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        data = buffer.getvalue()
        # same content, same bytes; the template's styles say en-US and its app.xml "Microsoft Macintosh Word"
        return fixed_zip(data, {**language_rewrites(data), APP_XML: lambda _old: app_xml("python-docx")})

    def _properties(self) -> None:
        """Title, subject and keywords from the entry, the site (or organisation) as creator, Vietnamese on every
        run; dated with the placeholder the build replaces (file_info.stamp_office); no blank thumbnail."""
        info, core = self.info, self.doc.core_properties
        core.title, core.subject = office_text(info.title), office_text(info.subject)
        core.keywords = office_text(", ".join(info.keywords))
        core.author = core.last_modified_by = info.creator
        core.language, core.comments, core.category, core.revision = info.language, "", "", 1
        core.created = core.modified = PLACEHOLDER_STAMP
        drop_thumbnail(self.doc.part.package.rels)
        parts = [self.doc.element.body] + [section.header._element for section in self.doc.sections]
        for root in parts:
            for run in root.iter(qn("w:r")):
                _set_language(run.get_or_add_rPr(), info.language)
        for style in self.doc.styles.element.iter(qn("w:rPr")):  # the defaults and every style that names one
            lang = style.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), info.language)
    # -- document set-up ----------------------------------------------------------------------

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin, section.right_margin = Mm(35), Mm(15)
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True  # page numbers from page 2, as in the PDF
        self._page_number(section.header.paragraphs[0])
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "List Bullet", "List Number"):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.append(fonts)
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), FONT)
            for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                fonts.attrib.pop(qn(theme_attribute), None)
        self.doc.styles["Normal"].font.size = Pt(14)
        self.doc.styles["Normal"].paragraph_format.space_after = Pt(3)
        for name, size in (("Heading 1", 15), ("Heading 2", 15), ("Heading 3", 14)):
            style = self.doc.styles[name]
            style.font.size, style.font.bold, style.font.italic = Pt(size), True, False
            style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(6)
        for name in ("Heading 1", "Heading 2"):
            self.doc.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _page_number(self, paragraph: object) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            elif text == "PAGE":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = " PAGE "
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._r.append(element)
        run.font.size = Pt(12)

    # -- helpers ------------------------------------------------------------------------------

    def _part(self, title: str, level: int = 2, header: bool = False) -> None:
        if not self._first_part:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._first_part = False
        if header:
            self._header_block()
        self.doc.add_heading(title, level=level)

    def _para(self, text: str = "", bold: bool = False, italic: bool = False, size: int | None = None,
              center: bool = False, style: str | None = None) -> object:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def _lines(self, count: int) -> None:
        """Dotted writing lines as Word draws them: a tab to the right margin with a dot leader."""
        for _ in range(count):
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT,
                                                              WD_TAB_LEADER.DOTS)
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.add_run("\t")

    def _table(self, header: tuple[str, ...] | None, rows: list[list[str]], widths: list[float] | None = None,
               bold_rows: set[int] | None = None) -> object:
        table = self.doc.add_table(rows=0, cols=len(rows[0]) if rows else len(header or ()))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if header:
            cells = table.add_row().cells
            for cell, text in zip(cells, header):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._repeat_header(table.rows[0])
        for index, values in enumerate(rows):
            cells = table.add_row().cells
            for cell, text in zip(cells, values):
                run = cell.paragraphs[0].add_run(text)
                run.bold = bool(bold_rows and index in bold_rows)
        if widths:
            self._widths(table, widths)
        return table

    @staticmethod
    def _widths(table: object, widths: list[float]) -> None:
        """Word reads the cell widths, LibreOffice the table grid: set both."""
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)

    @staticmethod
    def _repeat_header(row: object) -> None:
        properties = row._tr.get_or_add_trPr()
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        properties.append(element)

    def _header_texts(self) -> tuple[str, str, str]:
        """What fills HD 36's header: the superior body, the cell, the place-and-date line (blanks to write in)."""
        return (self.kit.superior or forms.BLANK, forms.BLANK, "……, ngày … tháng … năm 20…")

    def _header_block(self) -> None:
        superior, cell, place_and_date = self._header_texts()
        table = self.doc.add_table(rows=1, cols=2)
        self._widths(table, [70, 90])
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(f"{forms.SUPERIOR_LABEL} {superior}")
        left.add_paragraph().add_run(f"{forms.CELL_LABEL} {cell}").bold = True
        left.add_paragraph("*")
        party = right.paragraphs[0].add_run(forms.PARTY_NAME)
        party.bold, party.underline, party.font.size = True, True, Pt(15)
        right.add_paragraph().add_run(place_and_date).italic = True
        for cell in (left, right):
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_after = Pt(0)

    def _draft_note(self) -> None:
        if self.kit.is_draft:
            self._para(forms.DRAFT_NOTE, italic=True, size=12)

    # -- parts --------------------------------------------------------------------------------

    def programme(self) -> None:
        kit = self.kit
        self._part(forms.PART_PROGRAMME, level=1, header=True)
        self._para(kit.meeting_label, bold=True, center=True)
        self._para(f"Chuyên đề: {kit.title}" if kit.kind == "theme" else kit.title, bold=True, italic=True, center=True)
        self._draft_note()
        self._para(f"Thời gian: {forms.BLANK}. Địa điểm: {forms.BLANK}.")
        rows = [[str(number), step.title, f"phút {step.start}", str(step.minutes), step.lead]
                for number, step in enumerate(kit.programme.steps, start=1)]
        rows.append(["", "Tổng thời lượng", "", str(kit.programme.minutes), ""])
        table = self._table(("TT", "Nội dung", "Bắt đầu", "Số phút", "Người phụ trách"), rows, [13, 67, 20, 18, 42],
                            bold_rows={len(rows) - 1})
        for row, step in zip(table.rows[1:], kit.programme.steps):
            if step.notes:
                note = row.cells[1].add_paragraph().add_run(step.notes)
                note.italic, note.font.size = True, Pt(12)
        if kit.themes:
            self._para(f"{labels.AGENDA_THEMES}: " + "; ".join(f"«{title}»" for title in kit.themes) + ".")
        self._para(kit.programme.origin, italic=True, size=12)

    def handout(self) -> None:
        handout = self.kit.handout
        assert handout is not None
        self._part(forms.PART_HANDOUT)
        self._para(self.kit.title, bold=True, italic=True, center=True)
        self._draft_note()
        self._para(handout.summary, italic=True)
        self.doc.add_heading(labels.OBJECTIVES, level=3)
        for objective in handout.objectives:
            self._para(objective, style="List Bullet")
        for block in parse_body(handout.body_markdown).blocks:
            self._block(block)
        for field in handout.shown:  # the schema's fields marked x-shown-in: [kit]
            self.doc.add_heading(field.label, level=3)
            for item in field.items:
                self._para(item, style="List Bullet")
            if field.text:
                self._para(field.text)
        if handout.quotes:
            self.doc.add_heading(labels.QUOTES, level=3)
            for text, source in handout.quotes:
                self._para(text, italic=True).paragraph_format.left_indent = Mm(10)
                self._para(f"— {source}", size=12).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if handout.documents:
            self.doc.add_heading(labels.REFERENCES, level=3)
            for doc in handout.documents:
                details = ", ".join(part for part in (doc.number if doc.number not in doc.title else "", doc.issuer,
                                                      doc.issued) if part)
                replaced = f" (thay thế bởi: {doc.superseded_by})" if doc.superseded_by else ""
                self._para(f"{doc.title}{', ' + details if details else ''} — {doc.validity}{replaced}",
                           style="List Bullet")
        if handout.sources:
            self.doc.add_heading(labels.SOURCES, level=3)
            for number, source in enumerate(handout.sources, start=1):
                self._numbered(number, source)

    def _numbered(self, number: int, text: str, level: int = 1) -> object:
        paragraph = self._para(f"{number}. {text}")
        paragraph.paragraph_format.left_indent = Mm(8 * level)
        paragraph.paragraph_format.first_line_indent = Mm(-6)
        return paragraph

    def _block(self, block: Block) -> None:
        if block.kind == "heading":
            self.doc.add_heading(block.text.replace("\n", " "), level=min(9, max(3, block.level + 1)))
            return
        if block.kind == "table":
            width = max(len(row) for row in block.rows)
            rows = [[cell_text(cell) for cell in row] + [""] * (width - len(row)) for row in block.rows]
            self._table(tuple(rows[0]), rows[1:])
            return
        if block.kind == "item" and block.number is not None:
            # written out, not Word's List Number: that one would run on from one list to the next
            paragraph = self._numbered(block.number, "", block.level)
        elif block.kind == "item" and block.marker:
            depth = min(block.level, 3)  # Word's template has bullet styles for three levels
            paragraph = self.doc.add_paragraph(style="List Bullet" + (f" {depth}" if depth > 1 else ""))
        else:
            paragraph = self.doc.add_paragraph()
            if block.kind == "item":  # a list item's later paragraph: in line with its text, no bullet
                paragraph.paragraph_format.left_indent = Mm(8 * block.level)
        quote = block.quote and block.kind == "paragraph"
        if quote:
            paragraph.paragraph_format.left_indent = Mm(10)
        for run in _with_addresses(block.runs):
            added = paragraph.add_run(run.text)  # a "\n" (a hard break on the page) becomes a Word line break
            added.bold, added.italic = run.bold, run.italic or quote

    def questions(self) -> None:
        self._part(forms.PART_QUESTIONS)
        self._para(self.kit.title, bold=True, italic=True, center=True)
        for number, question in enumerate(self.kit.questions, start=1):
            self._para(f"{number}. {question}", bold=True)
            self._lines(forms.QUESTION_LINES)

    def commitment(self) -> None:
        self._part(forms.PART_COMMITMENT)
        self._para(f"Chuyên đề: {self.kit.title}", bold=True, italic=True, center=True)
        self._para(f"Họ và tên đảng viên: {forms.BLANK}{forms.BLANK}")
        self._para(f"Chi bộ: {forms.BLANK}")
        self._para(forms.COMMITMENT_NOTE, italic=True, size=12)
        self._table(("Đăng ký", "Việc làm", "Cách làm, thời hạn"), [["□", action, ""] for action in self.kit.actions],
                    [20, 80, 60])
        self._para("Việc làm khác:")
        self._lines(forms.COMMITMENT_OTHER_LINES)
        self._signature("NGƯỜI ĐĂNG KÝ")

    def _signature(self, title: str) -> None:
        paragraph = self._para(title, bold=True)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._para("(Ký, ghi rõ họ tên)", italic=True, size=12).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def quiz(self) -> None:
        self._part(forms.PART_QUIZ)
        self._para(self.kit.title, bold=True, italic=True, center=True)
        self._para(f"Họ và tên: {forms.BLANK}{forms.BLANK}")
        self._para("Khoanh tròn chữ cái trước phương án đúng.", italic=True, size=12)
        for number, item in enumerate(self.kit.quiz, start=1):
            self._para(f"{number}. {item.question}", bold=True)
            for index, choice in enumerate(item.choices):
                self._para(f"{chr(65 + index)}. {choice}").paragraph_format.left_indent = Mm(8)
        self._part(forms.PART_QUIZ_KEY)
        for number, item in enumerate(self.kit.quiz, start=1):
            explain = f" — {item.explain}" if item.explain else ""
            self._para(f"{number}. {chr(65 + item.answer_index)}. {item.choices[item.answer_index]}{explain}")

    def attendance(self) -> None:
        self._part(forms.PART_ATTENDANCE)
        self._para(f"Chi bộ {forms.BLANK} — ngày ……/……/20……", bold=True, center=True)
        rows = [[str(number)] + [""] * (len(forms.ATTENDANCE_COLUMNS) - 1)
                for number in range(1, self.kit.attendance_rows + 1)]
        table = self._table(forms.ATTENDANCE_COLUMNS, rows, [14, 56, 18, 18, 18, 36])
        for row in table.rows[1:]:
            row.height = Mm(8)
        self._para("Đánh dấu × vào cột phù hợp; ghi lý do vắng vào cột «Vắng có lý do».", italic=True, size=12)

    def minutes(self) -> None:
        self._part(forms.PART_MINUTES, header=True)
        self._para(self.kit.meeting_label, bold=True, center=True)
        self._para(forms.MINUTES_NOTE, italic=True, size=12)
        for part in forms.MINUTES_PARTS:
            self.doc.add_heading(part.title, level=3)
            if part.fields:
                self._table(None, [[label, ""] for label in part.fields], [75, 85])
        for title, count in forms.MINUTES_PROCEEDINGS:
            self._para(title, bold=True)
            self._lines(count)
        self._minutes_closing()

    def _minutes_closing(self) -> None:
        """The vote, the closing lines and the signatures: the same on the kit's minutes and the cell's template."""
        self.doc.add_heading(forms.MINUTES_VOTE_TITLE, level=3)
        self._table(("Ý kiến", "Số đảng viên", "Tỷ lệ (%)"), [[label, "", ""] for label in forms.MINUTES_VOTE_ROWS],
                    [70, 45, 45])
        self.doc.add_heading(forms.MINUTES_CLOSING_TITLE, level=3)
        for line in forms.MINUTES_CLOSING:
            self._para(line)
        self._signatures()

    def _signatures(self, names: tuple[str, ...] = ()) -> None:
        """The secretary's and the chair's signatures; `names` (a template's tags) go under the room to sign."""
        table = self.doc.add_table(rows=3 if names else 2, cols=len(forms.MINUTES_SIGNATURES))
        self._widths(table, [80, 80])
        for column, (title, note) in enumerate(forms.MINUTES_SIGNATURES):
            table.rows[0].cells[column].paragraphs[0].add_run(title).bold = True
            table.rows[1].cells[column].paragraphs[0].add_run(note).italic = True
            if names:
                cell = table.rows[2].cells[column]
                cell.paragraphs[0].paragraph_format.space_before = Pt(42)  # room to sign above the name
                cell.paragraphs[0].add_run(names[column]).bold = True
            for row in table.rows:
                row.cells[column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def evaluation(self) -> None:
        self._part(forms.PART_EVALUATION)
        self._para(f"Chi bộ {forms.BLANK} — buổi sinh hoạt ngày ……/……/20……", bold=True, center=True)
        rows: list[list[str]] = []
        bold: set[int] = set()
        for number, group in enumerate(forms.EVALUATION_GROUPS, start=1):
            bold.add(len(rows))
            rows.append([str(number), group.title, str(group.points), ""])
            rows += [["", item.text, str(item.points), ""] for item in group.criteria]
        bold.add(len(rows))
        rows.append(["", "Tổng cộng", str(forms.evaluation_total()), ""])
        self._table(("TT", "Tiêu chí", "Điểm tối đa", "Chi bộ chấm"), rows, [13, 107, 20, 20], bold_rows=bold)
        bands = "; ".join(f"{name}: {text}" for name, text in forms.EVALUATION_BANDS)
        self._para(f"Xếp loại (khoanh tròn): {bands}.")
        self._para(forms.EVALUATION_NOTE, italic=True, size=11)


def render_docx(kit: Kit, info: FileInfo | None = None) -> bytes:
    return KitDocx(kit, info).render()


def _set_language(rpr: object, language: str = LANGUAGE) -> None:
    """<w:lang w:val="vi-VN"/> in a run's properties, in the place the schema orders it."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), language)


def _with_addresses(runs: tuple[Run, ...]) -> list[Run]:
    """The runs, each web link followed by its address in brackets: paper cannot be clicked."""
    result: list[Run] = []
    for index, run in enumerate(runs):
        result.append(run)
        following = runs[index + 1].link if index + 1 < len(runs) else None
        if run.link and run.link != following and run.link.startswith(("http://", "https://")):
            result.append(Run(f" ({run.link})", run.bold, run.italic))
    return result
