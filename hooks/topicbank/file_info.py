"""What the DOCX, PPTX and PDF files say about themselves: title, subject, keywords, language, who made them, when.

    info = file_info(bank, entry, title, publisher)   # from the entry; publisher: the organisation or site name
    data = render(…, info)                            # cached: dated with PLACEHOLDER_STAMP, never the clock
    data = stamp_office(data, stamp)                  # after the cache: the commit's time (SOURCE_DATE_EPOCH)

The renders are cached by content, so the build's date cannot be part of them: they carry a fixed placeholder
date, and each build writes its own date in when it copies a cached file into the site (kits/pdf.py does the
same for PDFs). A build that does not know the commit's time (no SOURCE_DATE_EPOCH) writes no date at all.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from xml.sax.saxutils import escape

from .model import Bank, Entry
from .reproducible import fixed_zip

LANGUAGE = "vi-VN"
APPLICATION = "topicbank"
PLACEHOLDER_STAMP = dt.datetime(1999, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
PLACEHOLDER_ISO = "1999-12-31T23:59:59Z"
CORE_XML = "docProps/core.xml"
APP_XML = "docProps/app.xml"
_DATE_ELEMENT = re.compile(rb"<dcterms:(created|modified)\b[^>]*>" + PLACEHOLDER_ISO.encode() + rb"</dcterms:\1>")


@dataclass(frozen=True)
class FileInfo:
    title: str
    subject: str
    keywords: tuple[str, ...]
    creator: str  # the organisation (plugin option) or the site's name: creator and last-modified-by
    language: str = LANGUAGE

    def fingerprint(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


OFFICE_TEXT_LIMIT = 255  # characters: python-docx and python-pptx refuse longer core properties


def office_text(text: str, limit: int = OFFICE_TEXT_LIMIT) -> str:
    """A core property short enough for Office (a long summary is cut at a word and ends with "…")."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def entry_keywords(bank: Bank, entry: Entry) -> tuple[str, ...]:
    """The entry's series and tags, as their Vietnamese labels."""
    words = [bank.vocabulary.label("series", entry.series)] if entry.series else []
    words += [bank.vocabulary.label("tags", tag) for tag in entry.tags]
    return tuple(dict.fromkeys(words))


def file_info(bank: Bank, entry: Entry, title: str, creator: str) -> FileInfo:
    return FileInfo(title=title, subject=entry.summary, keywords=entry_keywords(bank, entry), creator=creator)


def iso(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def application(library: str) -> str:
    """The truthful application field: this package, and the library that wrote the file."""
    try:
        return f"{APPLICATION} ({library} {version(library)})"
    except PackageNotFoundError:
        return f"{APPLICATION} ({library})"


def app_xml(library: str) -> bytes:
    """docProps/app.xml with only what is true of a generated file (python-docx's and python-pptx's templates say
    "Microsoft Macintosh Word/PowerPoint", one page, no words)."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>{escape(application(library))}</Application><DocSecurity>0</DocSecurity>"
            "</Properties>").encode("utf-8")


def stamp_office(data: bytes, stamp: dt.datetime | None) -> bytes:
    """A cached DOCX or PPTX with the build's date in docProps/core.xml, or with no date when it is unknown."""
    def date(core: bytes) -> bytes:
        if stamp is None:
            return _DATE_ELEMENT.sub(b"", core)
        return core.replace(PLACEHOLDER_ISO.encode(), iso(stamp).encode())

    return fixed_zip(data, {CORE_XML: date})


_WORD_LANG = re.compile(rb'(<w:(?:lang|themeFontLang)\b[^>]*?\bw:val=")en-US(")')
_DRAWING_LANG = re.compile(rb'(\slang=")en-US(")')


def language_rewrites(data: bytes, language: str = LANGUAGE) -> dict[str, object]:
    """fixed_zip rewrites that turn the templates' en-US into Vietnamese: Word's w:lang (styles.xml and
    stylesWithEffects.xml: the defaults) and w:themeFontLang (settings.xml), DrawingML's lang="…" (PowerPoint's
    masters, layouts, default text)."""
    import io
    import zipfile

    value = language.encode()
    rewrites: dict[str, object] = {}
    for name in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            rewrites[name] = lambda text: _WORD_LANG.sub(rb"\g<1>" + value + rb"\g<2>", text)
        elif name.startswith("ppt/") and name.endswith(".xml"):
            rewrites[name] = lambda text: _DRAWING_LANG.sub(rb"\g<1>" + value + rb"\g<2>", text)
    return rewrites


def drop_thumbnail(relationships: object) -> None:
    """Remove the package's thumbnail relationship (python-docx's and python-pptx's templates carry a blank
    picture of an empty page); the part is then not written."""
    for key, relationship in list(relationships.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            relationships.pop(key)
