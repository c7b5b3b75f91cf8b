"""Kit HTML to PDF bytes with WeasyPrint: real text, fonts embedded as subsets, so files stay small for phones.

What the PDF says about itself: WeasyPrint 70 writes the Info dictionary (title from <title>) and the
catalog's /Lang (from <html lang>), but XMP metadata only for PDF/A, PDF/UA or PDF/X variants, which these
files do not claim to be. So a finisher (WeasyPrint's documented hook, run just before the file is written)
adds an XMP packet with the title, language, creator, subject and keywords, and fills the Info dictionary
to match. Both are written uncompressed and dated with file_info.PLACEHOLDER_STAMP: the PDF is cached by
content, and `stamp_pdf` writes the build's date over the placeholder (same length, so no offset moves).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from ..file_info import PLACEHOLDER_ISO, PLACEHOLDER_STAMP, FileInfo, application, iso

_PDF_DATE = "D:%Y%m%d%H%M%SZ"
PLACEHOLDER_PDF_DATE = PLACEHOLDER_STAMP.strftime(_PDF_DATE)


def render_pdf(html: str, page_path: Path, info: FileInfo | None = None, dated: bool = False) -> bytes:
    """page_path: where the page would sit under docs/, so its relative stylesheet and font links resolve there.
    dated: write the placeholder dates (the build knows the commit's time and will stamp them).

    Tagged PDF (headings, tables, reading order) so screen readers on phones can read the handout;
    it costs about a third more bytes (60 → 80 KB for a 14-page kit) and 15 % more time.
    """
    from weasyprint import HTML  # imported here: a serve build that makes no PDF never pays for it

    finisher = None if info is None else lambda document, pdf: _describe(document, pdf, info, dated)
    return HTML(string=html, base_url=page_path.as_uri()).write_pdf(
        pdf_tags=True, pdf_identifier=b"topicbank-kit", finisher=finisher)


def stamp_pdf(data: bytes, stamp: dt.datetime | None) -> bytes:
    """A cached PDF with the build's date written over the placeholder dates (a PDF rendered undated has none)."""
    if stamp is None:
        return data
    return (data.replace(PLACEHOLDER_PDF_DATE.encode(), stamp.astimezone(dt.timezone.utc).strftime(_PDF_DATE).encode())
            .replace(PLACEHOLDER_ISO.encode(), iso(stamp).encode()))


def _describe(document: object, pdf: object, info: FileInfo, dated: bool) -> None:
    import pydyf
    from weasyprint import __version__ as weasyprint_version

    class Uncompressed(pydyf.Dictionary):  # kept out of the compressed object stream, so its dates can be stamped
        @property
        def compressible(self) -> bool:
            return False

    title = document.metadata.title or info.title
    language = document.metadata.lang or info.language
    tool = application("weasyprint")
    producer = f"WeasyPrint {weasyprint_version}"
    fields = {"Title": title, "Author": info.creator, "Subject": info.subject, "Keywords": ", ".join(info.keywords),
              "Creator": tool, "Producer": producer}
    if dated:
        fields |= {"CreationDate": PLACEHOLDER_PDF_DATE, "ModDate": PLACEHOLDER_PDF_DATE}
    pdf.info = Uncompressed({key: pydyf.String(value) for key, value in fields.items() if value})
    packet = _xmp(title, language, info, tool, producer, dated)
    metadata = pydyf.Stream([packet], {"Type": "/Metadata", "Subtype": "/XML"}, compress=False)
    pdf.add_object(metadata)
    pdf.catalog["Metadata"] = metadata.reference


def _xmp(title: str, language: str, info: FileInfo, tool: str, producer: str, dated: bool) -> bytes:
    """The XMP packet (ISO 16684-1) of Dublin Core, XMP basic and Adobe PDF properties."""
    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    dates = (f"<xmp:CreateDate>{PLACEHOLDER_ISO}</xmp:CreateDate><xmp:ModifyDate>{PLACEHOLDER_ISO}</xmp:ModifyDate>"
             f"<xmp:MetadataDate>{PLACEHOLDER_ISO}</xmp:MetadataDate>") if dated else ""
    keywords = f"<pdf:Keywords>{escape(', '.join(info.keywords))}</pdf:Keywords>" if info.keywords else ""
    subject = f"<dc:description>{alt(info.subject)}</dc:description>" if info.subject else ""
    rdf = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<dc:format>application/pdf</dc:format><dc:title>{alt(title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.creator)}</rdf:li></rdf:Seq></dc:creator>{subject}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>"
        f"<xmp:CreatorTool>{escape(tool)}</xmp:CreatorTool>{dates}"
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>{keywords}"
        "</rdf:Description></rdf:RDF>"
    )
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{rdf}</x:xmpmeta><?xpacket end="r"?>').encode("utf-8")
