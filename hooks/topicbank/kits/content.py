"""What one kit holds, read from the Bank once: plain, picklable data that every renderer shares.

A `Kit` carries everything the PDF, DOCX and print page show, so its JSON form is
also the cache key's content part: when anything a kit reads changes (the entry,
a cited document's validity, the agenda it uses), the kit's fingerprint changes.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from ..canonical import json_fields
from ..model import Bank, Entry
from ..schema import ShownField
from ..render.text import vn_date

KIT_KINDS = ("theme", "agenda")


@dataclass(frozen=True)
class ProgrammeStep:
    title: str
    minutes: int
    lead: str
    start: int  # minutes after the opening: the print page turns it into a clock time
    notes: str = ""


@dataclass(frozen=True)
class Programme:
    title: str  # e.g. "Sinh hoạt chuyên đề"
    steps: tuple[ProgrammeStep, ...]
    origin: str  # where the steps come from, said on paper so the cell can judge it

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class CitedDocument:
    title: str
    number: str
    issued: str
    issuer: str
    validity: str  # Vietnamese label
    superseded_by: str = ""


@dataclass(frozen=True)
class QuizItem:
    question: str
    choices: tuple[str, ...]
    answer_index: int
    explain: str = ""


@dataclass(frozen=True)
class Handout:
    summary: str
    objectives: tuple[str, ...]
    body_markdown: str
    quotes: tuple[tuple[str, str], ...]  # (text, source)
    documents: tuple[CitedDocument, ...]
    sources: tuple[str, ...]
    shown: tuple[ShownField, ...] = ()  # the schema's fields marked x-shown-in: [kit] (schema.py)


@dataclass(frozen=True)
class Kit:
    id: str
    kind: str
    title: str
    is_draft: bool
    programme: Programme
    handout: Handout | None = None
    questions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    themes: tuple[str, ...] = ()  # agenda: titles of the themes it uses
    meeting_label: str = ""
    combined: bool = False  # regular + thematic in one session: 120 minutes, not 90
    attendance_rows: int = 20
    organisation: str | None = None  # the plugin's `organisation`: pre-fills the header's "ĐẢNG BỘ …" line
    entry: Entry | None = None  # the entry itself, so a template can show any of its fields (a new one too)

    @property
    def superior(self) -> str | None:
        """"Đảng bộ tỉnh Hà Tĩnh" -> "TỈNH HÀ TĨNH", what follows "ĐẢNG BỘ" on the header (HD 36: capitals)."""
        if not self.organisation:
            return None
        name = re.sub(r"^\s*đảng\s+bộ\s+", "", self.organisation, flags=re.IGNORECASE).strip()
        return name.upper() or None

    def fingerprint_data(self) -> str:
        """Canonical JSON of everything the kit shows (part of the cache key): the same text as
        json.dumps(dataclasses.asdict(self), …), without asdict's deep copy of the entry (2.5 times faster).
        Kept by the kit's value: the meeting output asks again for the same kits, and so does each rebuild
        under `mkdocs serve` (hashing and comparing a kit costs a sixth of writing it out)."""
        try:
            return _fingerprint(self)
        except TypeError:  # a field that cannot be hashed (never in our model): nothing to keep it by
            return _fingerprint.__wrapped__(self)


@functools.lru_cache(maxsize=2048)
def _fingerprint(kit: Kit) -> str:
    return json.dumps(kit, ensure_ascii=False, sort_keys=True, default=json_fields)


def kit_entries(bank: Bank) -> list[Entry]:
    return [entry for entry in bank.entries if entry.kind in KIT_KINDS]


def build_kit(bank: Bank, entry: Entry) -> Kit:
    if entry.kind == "theme":
        return _theme_kit(bank, entry)
    if entry.kind == "agenda":
        return _agenda_kit(bank, entry)
    raise ValueError(f"{entry.id}: no kit for kind {entry.kind}")


# -- themes -------------------------------------------------------------------------------------

def _theme_kit(bank: Bank, theme: Entry) -> Kit:
    agendas = bank.agendas_for_theme.get(theme.id, ())
    programme = _agenda_programme(bank, agendas[0]) if agendas else default_thematic_programme(theme)
    handout = Handout(
        summary=theme.summary, objectives=theme.objectives, body_markdown=theme.body,
        quotes=tuple((quote.text, quote.source) for quote in theme.quotes),
        documents=tuple(_cited(bank, document_id) for document_id in theme.references if bank.get(document_id)),
        sources=tuple(_source_line(source.title, source.publisher, source.date) for source in theme.sources),
        shown=bank.schema.shown_fields(theme, "kit"),
    )
    quiz = tuple(QuizItem(item.question, item.choices, item.choices.index(item.answer), item.explain or "")
                 for item in theme.quiz)
    meeting_type = agendas[0].meeting_type if agendas else "chuyen-de"
    return Kit(id=theme.id, kind="theme", title=theme.title, is_draft=theme.is_draft, programme=programme,
               handout=handout, questions=theme.questions, actions=theme.actions, quiz=quiz,
               meeting_label=bank.schema.enum_label("meeting_type", meeting_type or "chuyen-de"),
               combined=meeting_type == "ket-hop", entry=theme)


def default_thematic_programme(theme: Entry) -> Programme:
    """HD 12's three steps for a thematic meeting (facts sheet §3–4), at least 90 minutes (HD 12, HD 42).

    The meeting lasts the theme's duration, and never less than 90 minutes; what the
    opening and closing steps leave is shared between presenting and discussing.
    """
    fixed = [  # (title, minutes, lead, notes)
        ("Khai mạc", 10, "Bí thư chi bộ",
         "Nêu lý do, giới thiệu đại biểu; cử thư ký; báo cáo số đảng viên có mặt, vắng mặt; "
         "thông qua chương trình."),
        ("Nêu mục đích, yêu cầu của buổi sinh hoạt chuyên đề", 5, "Bí thư chi bộ", ""),
    ]
    total = max(90, theme.duration_minutes or 90)
    closing = [
        ("Kết luận; giao hoàn thiện chuyên đề để đảng viên học tập", 10, "Bí thư chi bộ",
         "Đồng chí được phân công tiếp thu ý kiến, hoàn thiện chuyên đề."),
        ("Đảng viên đăng ký việc làm", 5, "Đảng viên", "Theo phiếu đăng ký việc làm."),
        ("Bế mạc", 10, "Bí thư chi bộ",
         "Biểu quyết kết luận; đánh giá buổi sinh hoạt; thư ký đọc lại biên bản để chi bộ thông qua."),
    ]
    remaining = total - sum(item[1] for item in fixed + closing)
    present = round(remaining * 0.45)
    discuss = remaining - present
    middle = [("Trình bày chuyên đề", present, "Đồng chí được phân công", ""),
              ("Thảo luận, liên hệ với bản thân và chi bộ", discuss, "Đảng viên",
               "Theo câu hỏi gợi ý; góp ý hoàn thiện dự thảo chuyên đề.")]
    return Programme("Sinh hoạt chuyên đề", _timed(fixed + middle + closing),
                     "Gợi ý theo ba bước của Hướng dẫn 12-HD/BTCTW (khai mạc, nội dung, bế mạc), ít nhất 90 phút "
                     "(Hướng dẫn 12-HD/BTCTW, 42-HD/BTCTW); chi bộ điều chỉnh cho phù hợp.")


# -- agendas ------------------------------------------------------------------------------------

def _agenda_kit(bank: Bank, agenda: Entry) -> Kit:
    themes = tuple(bank.by_id[theme_id].title for theme_id in agenda.topics if theme_id in bank.by_id)
    return Kit(id=agenda.id, kind="agenda", title=agenda.title, is_draft=agenda.is_draft,
               programme=_agenda_programme(bank, agenda), themes=themes,
               meeting_label=bank.schema.enum_label("meeting_type", agenda.meeting_type or "thuong-ky"),
               combined=agenda.meeting_type == "ket-hop", entry=agenda)


def _agenda_programme(bank: Bank, agenda: Entry) -> Programme:
    steps = [(step.title, step.minutes, step.lead, step.notes or "") for step in agenda.steps]
    label = bank.schema.enum_label("meeting_type", agenda.meeting_type or "thuong-ky")
    return Programme(label, _timed(steps), f"Theo chương trình mẫu «{agenda.title}» trong ngân hàng.")


# -- helpers ------------------------------------------------------------------------------------

def _timed(steps: list[tuple[str, int, str, str]]) -> tuple[ProgrammeStep, ...]:
    timed, start = [], 0
    for title, minutes, lead, notes in steps:
        timed.append(ProgrammeStep(title=title, minutes=minutes, lead=lead, start=start, notes=notes))
        start += minutes
    return tuple(timed)


def _cited(bank: Bank, document_id: str) -> CitedDocument:
    document = bank.by_id[document_id]
    replacement = bank.get(document.superseded_by) if document.superseded_by else None
    return CitedDocument(
        title=document.title, number=document.number or "", issued=vn_date(document.issued),
        issuer=document.issuer or "", validity=bank.schema.enum_label("validity", document.validity or "unknown"),
        superseded_by=replacement.title if replacement else (document.superseded_by or ""))


def _source_line(title: str, publisher: str | None, date: str | None) -> str:
    extra = ", ".join(part for part in (publisher, vn_date(date)) if part)
    return f"{title} ({extra})" if extra else title
