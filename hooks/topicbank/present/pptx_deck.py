"""A Deck to PPTX bytes with python-pptx: 16:9, Arial, Party red with a little gold, speaker notes.

Only the default template's "Title Only" layout, plain text boxes and rectangles are used,
so PowerPoint and LibreOffice Impress open the file without repair. Bullets are the
standard DrawingML buChar; numbered items carry their number in the text with a hanging indent
(so a list continued on the next slide keeps its numbers).
"""
from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

from .markdown_blocks import Item, Run
from .slides_content import (BODY_BOX, BULLET_INDENT_IN, COVER_LINE_PT, COVER_LINES_BOX, COVER_TITLE_BOX, FOOTER_BOX,
                             FOOTER_PT, PARAGRAPH_GAP_PT, QUOTE_BOX, QUOTE_SOURCE_BOX, QUOTE_SOURCE_PT,
                             SLIDE_HEIGHT_IN, SLIDE_WIDTH_IN, TITLE_BOX, Deck, Slide)
from .text_fit import Box
from ..file_info import (APP_XML, PLACEHOLDER_STAMP, FileInfo, app_xml, drop_thumbnail, language_rewrites,
                         office_text)
from ..reproducible import fixed_zip

FONT = "Arial"  # on every Windows machine; LibreOffice maps it to the metric-compatible Liberation Sans
LANGUAGE = "vi-VN"
RED = RGBColor(0xA3, 0x15, 0x15)
GOLD = RGBColor(0xF2, 0xC9, 0x4C)
TEXT = RGBColor(0x1F, 0x1F, 0x1F)
MUTED = RGBColor(0x59, 0x59, 0x59)  # 7:1 on white
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template
DEFAULT_TEMPLATE_WIDTH_IN = 10.0


def render_pptx(deck: Deck, info: FileInfo | None = None) -> bytes:
    info = info or FileInfo(deck.title, "Trình chiếu chuyên đề sinh hoạt chi bộ", (), "topicbank")
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    _widen_template(presentation)
    layout = presentation.slide_layouts[TITLE_ONLY_LAYOUT]
    total = len(deck.slides)
    for number, content in enumerate(deck.slides, start=1):
        slide = presentation.slides.add_slide(layout)
        if content.kind == "cover":
            _cover(slide, content)
        else:
            _content_frame(slide, content, number, total)
            if content.kind == "quote":
                _quote(slide, content)
            else:
                _items(_text_box(slide, BODY_BOX, "Nội dung"), content.items, content.body_pt)
        if content.notes:
            notes = slide.notes_slide.notes_text_frame
            notes.text = content.notes
            for paragraph in notes.paragraphs:
                for run in paragraph.runs:
                    run._r.get_or_add_rPr().set("lang", info.language)
    _properties(presentation, info)
    buffer = io.BytesIO()
    presentation.save(buffer)
    data = buffer.getvalue()
    # same content, same bytes; the template's masters say en-US and its app.xml "Microsoft Macintosh PowerPoint"
    return fixed_zip(data, {**language_rewrites(data, info.language), APP_XML: lambda _old: app_xml("python-pptx")})


def _properties(presentation: object, info: FileInfo) -> None:
    """Title, subject, keywords from the entry; the site (or organisation) as creator; dated with the placeholder
    the build replaces (file_info.stamp_office); no blank thumbnail."""
    properties = presentation.core_properties
    properties.title, properties.subject = office_text(info.title), office_text(info.subject)
    properties.keywords = office_text(", ".join(info.keywords))
    properties.author = properties.last_modified_by = info.creator
    properties.language, properties.comments, properties.category, properties.revision = info.language, "", "", 1
    properties.created = properties.modified = PLACEHOLDER_STAMP
    drop_thumbnail(presentation.part.package._rels)


# -- slide kinds ------------------------------------------------------------------------------

def _cover(slide: PptxSlide, content: Slide) -> None:
    background = slide.background.fill
    background.solid()
    background.fore_color.rgb = RED
    _title(slide, content.title, COVER_TITLE_BOX, content.title_pt, WHITE, MSO_ANCHOR.BOTTOM)
    rule_top = COVER_TITLE_BOX.top + COVER_TITLE_BOX.height + 0.1
    _rectangle(slide, Box(COVER_TITLE_BOX.left + 0.1, rule_top, 2.0, 0.07), GOLD, "Đường kẻ")
    frame = _text_box(slide, COVER_LINES_BOX, "Chi bộ, loạt, tháng")
    for index, line in enumerate(content.lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _bullet(paragraph, None)
        if index:
            paragraph.space_before = Pt(PARAGRAPH_GAP_PT)
        _run(paragraph, Run(line, bold=index == 0), COVER_LINE_PT, WHITE)


def _content_frame(slide: PptxSlide, content: Slide, number: int, total: int) -> None:
    _rectangle(slide, Box(0, 0, SLIDE_WIDTH_IN, 0.14), RED, "Dải màu")
    _title(slide, content.title, TITLE_BOX, content.title_pt, RED, MSO_ANCHOR.MIDDLE)
    _rectangle(slide, Box(TITLE_BOX.left + 0.1, TITLE_BOX.top + TITLE_BOX.height + 0.02, 1.3, 0.06), GOLD, "Đường kẻ")
    footer = _text_box(slide, FOOTER_BOX, "Số trang")
    paragraph = footer.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    _run(paragraph, Run(f"{number} / {total}"), FOOTER_PT, MUTED)


def _quote(slide: PptxSlide, content: Slide) -> None:
    _rectangle(slide, Box(QUOTE_BOX.left - 0.3, QUOTE_BOX.top + 0.1, 0.08, QUOTE_BOX.height - 0.2), GOLD, "Đường kẻ")
    frame = _text_box(slide, QUOTE_BOX, "Câu trích", anchor=MSO_ANCHOR.MIDDLE)
    _items(frame, content.items, content.body_pt, TEXT)
    source = _text_box(slide, QUOTE_SOURCE_BOX, "Nguồn câu trích", anchor=MSO_ANCHOR.TOP)
    paragraph = source.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    _run(paragraph, Run(content.source), QUOTE_SOURCE_PT, MUTED)


# -- building blocks --------------------------------------------------------------------------

def _title(slide: PptxSlide, text: str, box: Box, size: int, color: RGBColor, anchor: MSO_ANCHOR) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _emu_box(box)
    frame = title.text_frame
    _plain_frame(frame, anchor)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _bullet(paragraph, None)
    _run(paragraph, Run(text, bold=True), size, color)


def _text_box(slide: PptxSlide, box: Box, name: str, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> TextFrame:
    shape = slide.shapes.add_textbox(*_emu_box(box))
    shape.name = name
    _plain_frame(shape.text_frame, anchor)
    return shape.text_frame


def _plain_frame(frame: TextFrame, anchor: MSO_ANCHOR) -> None:
    """Wrap inside the box, never shrink or grow it: the splitter already made the text fit."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.1)
    frame.margin_top = frame.margin_bottom = Inches(0.05)


def _rectangle(slide: PptxSlide, box: Box, color: RGBColor, name: str) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu_box(box))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = color
    shape.line.fill.background()
    shape.shadow.inherit = False


def _items(frame: TextFrame, items: tuple[Item, ...], size: int, color: RGBColor = TEXT) -> None:
    for index, item in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = 1.0
        if index:
            paragraph.space_before = Pt(PARAGRAPH_GAP_PT)
        indent = Inches(BULLET_INDENT_IN * (1 + item.level)) if item.indented else Emu(0)
        paragraph._pPr.set("marL", str(int(indent)))
        hanging = item.bullet or item.number is not None
        paragraph._pPr.set("indent", str(-int(Inches(BULLET_INDENT_IN)) if hanging and item.indented else 0))
        _bullet(paragraph, "•" if item.bullet and item.number is None else None)
        if item.label:
            _run(paragraph, Run(item.label, bold=True), size, RED)
        for run in item.runs:
            _run(paragraph, run, size, color)


def _bullet(paragraph: _Paragraph, char: str | None) -> None:
    """Standard DrawingML bullet (or explicitly none), after spacing elements as the schema orders them."""
    properties = paragraph._pPr if paragraph._pPr is not None else paragraph._p.get_or_add_pPr()
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    later = ("a:tabLst", "a:defRPr", "a:extLst")
    if char is None:
        properties.insert_element_before(etree.Element(qn("a:buNone")), *later)
        return
    colour = etree.Element(qn("a:buClr"))
    etree.SubElement(colour, qn("a:srgbClr"), val=str(RED))
    for element in (colour, etree.Element(qn("a:buFont"), typeface=FONT), etree.Element(qn("a:buChar"), char=char)):
        properties.insert_element_before(element, *later)


def _run(paragraph: _Paragraph, content: Run, size: int, color: RGBColor) -> None:
    run = paragraph.add_run()
    run.text = content.text
    font = run.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), content.bold, content.italic
    font.color.rgb = color
    run._r.get_or_add_rPr().set("lang", LANGUAGE)


def _emu_box(box: Box) -> tuple[int, int, int, int]:
    return Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


def _widen_template(presentation: Presentation) -> None:
    """The default template is 4:3; stretch its master and layouts so new slides added by hand fit 16:9."""
    ratio = SLIDE_WIDTH_IN / DEFAULT_TEMPLATE_WIDTH_IN
    shapes = list(presentation.slide_master.shapes)
    for layout in presentation.slide_layouts:
        shapes += list(layout.placeholders)
    for shape in shapes:
        if shape._element.xpath("./p:spPr/a:xfrm"):
            shape.left, shape.width = int(shape.left * ratio), int(shape.width * ratio)
