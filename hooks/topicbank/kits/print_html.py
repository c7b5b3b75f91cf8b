"""A kit as one standalone HTML document: the print page readers fill in, and the source WeasyPrint turns into PDF.

The page lives at bo-tai-lieu/<id>/index.html, outside MkDocs (no theme, no search),
and links its stylesheet and script by the same relative path in the built site and
in the package, so WeasyPrint reads them from the package's assets with no copy. Blanks carry
data-fill keys the form script fills; in the PDF they stay dotted for handwriting.

The page itself is fragments/kit.html (a site may override it); a Kit is already plain data,
so this module only chooses the sheets and passes the kit, the fixed wording and the headings.
"""
from __future__ import annotations

from pathlib import Path

from .. import labels
from ..render.jinja import Markup, render
from . import forms
from .body import body_html
from .content import Kit

ASSETS = "../../assets/kits"  # from bo-tai-lieu/<id>/index.html (and the package's assets for WeasyPrint)
KIT_TEMPLATE = "kit.html"


class PrintPage:
    def __init__(self, kit: Kit, downloads: dict[str, str] | None = None, template_dirs: tuple[Path, ...] = ()) -> None:
        self.kit = kit
        self.downloads = downloads or {}  # label -> relative URL, shown on screen only
        self.template_dirs = template_dirs

    def document(self, with_form: bool) -> str:
        """The whole kit: programme, handout and its sheets (themes), quiz, attendance, minutes, evaluation."""
        parts = ["programme"]
        if self.kit.handout is not None:
            parts += ["handout", "questions", "commitment"]
        if self.kit.quiz:
            parts += ["quiz", "quiz_key"]
        parts += ["attendance", "minutes", "evaluation"]
        return self._page(f"Bộ tài liệu in: {self.kit.title}", parts, with_form)

    def handout_document(self) -> str:
        """The handout alone, to post on the Sổ tay đảng viên điện tử app before the meeting (HD 42)."""
        return self._page(f"Tài liệu sinh hoạt: {self.kit.title}", ["handout"], with_form=False, handout_first=True)

    def _page(self, title: str, parts: list[str], with_form: bool, handout_first: bool = False) -> str:
        handout = self.kit.handout
        body = Markup(body_html(handout.body_markdown)) if handout is not None else Markup("")
        return render(KIT_TEMPLATE, self.template_dirs, kit=self.kit, forms=forms, labels=labels, title=title,
                      parts=parts, with_form=with_form, handout_first=handout_first, body=body,
                      downloads=list(self.downloads.items()), assets=ASSETS, markup=Markup)
