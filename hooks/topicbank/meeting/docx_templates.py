"""Word templates the browser fills (docxtemplater): the year plan, a composed meeting kit, the minutes.

The build writes each template with python-docx, in the layout of the kits' Word files (kits/docx.py:
A4, HD 36's header, Times New Roman 14 pt); wherever a value belongs to the cell (its name, the date,
the programme it composed, what its secretary wrote), the template holds a docxtemplater tag instead.
The pages' scripts (assets/js/plan.js, meeting.js, minutes.js) fill them with docxtemplater and PizZip,
which place every value as text: XML-escaped, a line break as a Word line break, never markup.

Tags are written ⟦name⟧; loops ⟦#rows⟧ … ⟦/rows⟧ (a table row, or whole paragraphs: docxtemplater's
paragraphLoop). The brackets are U+27E6/U+27E7, which Vietnamese text does not use; any the bank's own
text holds are replaced by plain brackets before writing, so the bank's words can never open a tag.

A composed meeting kit is one template per theme: its handout, questions, commitment sheet and quiz are
the kit's own (KitDocx renders them); the header, programme, attendance list and minutes are tags.
"""
from __future__ import annotations

import dataclasses
import io
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..kits import forms
from ..kits.content import Kit, Programme
from ..kits.docx import KitDocx
from ..reproducible import fixed_zip

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: docxtemplater's delimiters in every template here
DELIMITERS = {"start": OPEN, "end": CLOSE}


def tag(name: str) -> str:
    return f"{OPEN}{name}{CLOSE}"


def loop(name: str) -> tuple[str, str]:
    return tag(f"#{name}"), tag(f"/{name}")


def without_delimiters(value: Any) -> Any:
    """The same value with ⟦ ⟧ replaced by [ ] in every string, through dataclasses and tuples."""
    if isinstance(value, str):
        return value.replace(OPEN, "[").replace(CLOSE, "]")
    if isinstance(value, tuple):
        return tuple(without_delimiters(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{field.name: without_delimiters(getattr(value, field.name))
                                             for field in dataclasses.fields(value) if field.init})
    return value


def _saved(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue())


# -- the tags each template reads (the scripts build exactly these names) -----------------------------

HEADER_TAGS = ("dang_bo_hoa", "chi_bo_hoa", "dia_danh", "ngay_d", "ngay_m", "ngay_y")


class _Tagged(KitDocx):
    """KitDocx with HD 36's header filled from tags (the superior body and the cell in capitals)."""

    def _header_texts(self) -> tuple[str, str, str]:
        return (tag("dang_bo_hoa"), tag("chi_bo_hoa"),
                f"{tag('dia_danh')}, ngày {tag('ngay_d')} tháng {tag('ngay_m')} năm {tag('ngay_y')}")

    def _loop_paragraph(self, marker: str) -> None:
        """A paragraph holding only a loop's opening or closing tag: paragraphLoop removes it."""
        self.doc.add_paragraph(marker)

    def _fields_table(self, rows: list[tuple[str, str]]) -> None:
        self._table(None, [[label, value] for label, value in rows], [75, 85])


# -- a composed meeting: the theme's sheets, the cell's programme ---------------------------------------

MEETING_TAGS = HEADER_TAGS + (
    "loai_hop", "thoi_gian", "dia_diem", "chi_bo", "ngay_vn", "tong_phut", "nguon_chuong_trinh", "nguoi_chuan_bi",
    "noi_dung_sinh_hoat", "so_dang_vien", "buoc", "dong", "muc")


class MeetingTemplate(_Tagged):
    """One meeting kit: programme (tags), the theme's handout, questions, commitment and quiz (as in its kit),
    attendance list (a row per member), minutes whose proceedings follow the programme, evaluation sheet."""

    def render(self) -> bytes:
        self.programme()
        if self.kit.handout is not None:
            self.handout()
            self.questions()
            self.commitment()
        if self.kit.quiz:
            self.quiz()
        self.attendance()
        self.minutes()
        self.evaluation()
        self._tag_cell_blanks()
        return _saved(self.doc)

    def programme(self) -> None:
        kit = self.kit
        self._part(forms.PART_PROGRAMME, level=1, header=True)
        self._para(tag("loai_hop"), bold=True, center=True)
        if kit.handout is not None:
            self._para(f"Chuyên đề: {kit.title}", bold=True, italic=True, center=True)
            self._draft_note()
        self._para(f"Thời gian: {tag('thoi_gian')}. Địa điểm: {tag('dia_diem')}.")
        start, end = loop("nguoi_chuan_bi_co")
        self._para(f"{start}Đồng chí chuẩn bị chuyên đề: {tag('nguoi_chuan_bi')}.{end}")
        first, last = loop("buoc")
        rows = [[f"{first}{tag('tt')}", tag("noi_dung"), tag("bat_dau"), tag("so_phut"), f"{tag('phu_trach')}{last}"],
                ["", "Tổng thời lượng", "", tag("tong_phut"), ""]]
        table = self._table(("TT", "Nội dung", "Bắt đầu", "Số phút", "Người phụ trách"), rows, [13, 67, 20, 18, 42],
                            bold_rows={1})
        open_note, close_note = loop("ghi_chu_co")
        note = table.rows[1].cells[1].add_paragraph().add_run(f"{open_note}{tag('ghi_chu')}{close_note}")
        note.italic, note.font.size = True, Pt(12)
        self._para(tag("nguon_chuong_trinh"), italic=True, size=12)

    def attendance(self) -> None:
        self._part(forms.PART_ATTENDANCE)
        self._para(f"Chi bộ {tag('chi_bo')} — ngày {tag('ngay_vn')}", bold=True, center=True)
        first, last = loop("dong")
        columns = len(forms.ATTENDANCE_COLUMNS)
        row = [f"{first}{tag('stt')}"] + [""] * (columns - 2) + [last]
        table = self._table(forms.ATTENDANCE_COLUMNS, [row], [14, 56, 18, 18, 18, 36])
        table.rows[1].height = Mm(8)
        self._para("Đánh dấu × vào cột phù hợp; ghi lý do vắng vào cột «Vắng có lý do».", italic=True, size=12)

    def minutes(self) -> None:
        """The kit's blank minutes, its proceedings one heading per programme item (in the programme's order)."""
        self._part(forms.PART_MINUTES, header=True)
        self._para(tag("loai_hop"), bold=True, center=True)
        self._para(forms.MINUTES_NOTE, italic=True, size=12)
        opening, attendance, proceedings = forms.MINUTES_PARTS
        filled = {"Thời gian bắt đầu": tag("thoi_gian"), "Địa điểm": tag("dia_diem"),
                  "Nội dung sinh hoạt": tag("noi_dung_sinh_hoat"), "Tổng số đảng viên của chi bộ": tag("so_dang_vien")}
        for part in (opening, attendance):
            self.doc.add_heading(part.title, level=3)
            self._fields_table([(label, filled.get(label, "")) for label in part.fields])
        self.doc.add_heading(proceedings.title, level=3)
        first, last = loop("muc")
        self._loop_paragraph(first)
        self._para(f"{tag('tt')}. {tag('noi_dung')}", bold=True)
        self._lines(2)
        self._loop_paragraph(last)
        for title, count in forms.MINUTES_PROCEEDINGS[1:]:  # opinions and the chair's conclusion
            self._para(title.split(". ", 1)[-1], bold=True)
            self._lines(count)
        self._minutes_closing()

    def _tag_cell_blanks(self) -> None:
        """The commitment sheet's and the evaluation sheet's "Chi bộ ……" lines, which KitDocx leaves blank."""
        for paragraph in self.doc.paragraphs:
            text = paragraph.text
            if text == f"Chi bộ: {forms.BLANK}":
                self._retext(paragraph, f"Chi bộ: {tag('chi_bo')}")
            elif text == f"Chi bộ {forms.BLANK} — buổi sinh hoạt ngày ……/……/20……":
                self._retext(paragraph, f"Chi bộ {tag('chi_bo')} — buổi sinh hoạt ngày {tag('ngay_vn')}")

    @staticmethod
    def _retext(paragraph: Any, text: str) -> None:
        runs = paragraph.runs
        runs[0].text = text
        for run in runs[1:]:
            run.text = ""


def regular_kit() -> Kit:
    """The kit of a regular meeting with no theme: programme, attendance, minutes, evaluation."""
    return Kit(id="thuong-ky", kind="meeting", title="Sinh hoạt chi bộ thường kỳ", is_draft=False,
               programme=Programme("Sinh hoạt chi bộ thường kỳ", (), ""))


def meeting_template(kit: Kit) -> bytes:
    return MeetingTemplate(without_delimiters(kit)).render()


# -- the year plan ------------------------------------------------------------------------------------

PLAN_TITLE = "KẾ HOẠCH SINH HOẠT CHUYÊN ĐỀ NĂM"
PLAN_COLUMNS = ("Tháng", "Ngày sinh hoạt", "Chuyên đề", "Hình thức", "Đồng chí chuẩn bị")


class PlanTemplate(_Tagged):
    def render(self) -> bytes:
        self._part(f"{PLAN_TITLE} {tag('nam')}", level=1, header=True)
        self._para(f"Chi bộ {tag('chi_bo')} — {tag('loai_hinh')}", bold=True, center=True)
        self._para(f"Ngày sinh hoạt hằng tháng: {tag('ngay_hop')}.")
        first, last = loop("dong")
        row = [f"{first}{tag('thang')}", tag("ngay"), tag("chuyen_de"), tag("hinh_thuc"), f"{tag('nguoi')}{last}"]
        table = self._table(PLAN_COLUMNS, [row], [18, 30, 62, 22, 28])
        open_note, close_note = loop("ghi_chu_co")
        note = table.rows[1].cells[2].add_paragraph().add_run(f"{open_note}{tag('ghi_chu')}{close_note}")
        note.italic, note.font.size = True, Pt(12)
        self._para(tag("chu_thich"), italic=True, size=12)
        paragraph = self._para("BÍ THƯ CHI BỘ", bold=True)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._para("(Ký, ghi rõ họ tên)", italic=True, size=12).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return _saved(self.doc)


def plan_template() -> bytes:
    kit = Kit(id="ke-hoach-nam", kind="plan", title="Kế hoạch sinh hoạt chuyên đề năm", is_draft=False,
              programme=Programme("", (), ""))
    return PlanTemplate(kit).render()


# -- the minutes, as the secretary wrote them -------------------------------------------------------

class MinutesTemplate(_Tagged):
    """HD 16-HD/VPTW's parts as far as the facts sheet confirms them (opening; attendance; proceedings with
    speakers, conclusions and the vote), then the closing local templates describe (forms.MINUTES_CLOSING)."""

    def render(self) -> bytes:
        self._part(forms.PART_MINUTES, level=1, header=True)
        self._para(tag("loai_hop"), bold=True, center=True)
        start, end = loop("chuyen_de_co")
        self._para(f"{start}Chuyên đề: {tag('chuyen_de')}{end}", bold=True, italic=True, center=True)
        opening, attendance, proceedings = forms.MINUTES_PARTS
        self.doc.add_heading(opening.title, level=3)
        self._fields_table(list(zip(opening.fields, map(tag, ("bat_dau", "dia_diem", "noi_dung", "chu_tri", "thu_ky",
                                                             "tai_lieu")))))
        self.doc.add_heading(attendance.title, level=3)
        self._fields_table(list(zip(attendance.fields, map(tag, ("tong_so", "co_mat", "vang_co_ly_do",
                                                                "vang_khong_ly_do", "dai_bieu")))))
        self.doc.add_heading(proceedings.title, level=3)
        first, last = loop("muc")
        self._loop_paragraph(first)
        self._para(f"{tag('tt')}. {tag('tieu_de')}", bold=True)
        self._para(tag("noi_dung"))
        self._loop_paragraph(last)
        self._para("Ý kiến thảo luận", bold=True)
        first, last = loop("y_kien")
        self._loop_paragraph(first)
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"Đồng chí {tag('nguoi')}: ").bold = True
        paragraph.add_run(tag("noi_dung"))
        self._loop_paragraph(last)
        self._para("Kết luận của chủ trì", bold=True)
        self._para(tag("ket_luan"))
        self.doc.add_heading(forms.MINUTES_VOTE_TITLE, level=3)
        self._para(f"Nội dung biểu quyết: {tag('noi_dung_bieu_quyet')}")
        self._table(("Ý kiến", "Số đảng viên", "Tỷ lệ (%)"),
                    [[label, tag(f"bq_{key}"), tag(f"tl_{key}")]
                     for label, key in zip(forms.MINUTES_VOTE_ROWS, ("tan_thanh", "khong_tan_thanh", "khac"))],
                    [70, 45, 45])
        self.doc.add_heading(forms.MINUTES_CLOSING_TITLE, level=3)
        self._para(f"Buổi sinh hoạt kết thúc lúc {tag('ket_thuc')} cùng ngày.")
        self._para(forms.MINUTES_CLOSING[1])
        self._signatures((tag("thu_ky"), tag("chu_tri")))
        return _saved(self.doc)


def minutes_template() -> bytes:
    kit = Kit(id="bien-ban", kind="minutes", title="Biên bản sinh hoạt chi bộ", is_draft=False,
              programme=Programme("", (), ""))
    return MinutesTemplate(kit).render()
