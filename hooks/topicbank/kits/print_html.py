"""A kit as one standalone HTML document: the print page readers fill in, and the source WeasyPrint turns into PDF.

The page lives at bo-tai-lieu/<id>/index.html, outside MkDocs (no theme, no search),
and links its stylesheet and script by the same relative path in the built site and
in the package, so WeasyPrint reads them from the package's assets with no copy. Blanks carry
data-fill keys the form script fills; in the PDF they stay dotted for handwriting.

The page itself is fragments/kit.html (a site may override it); a Kit is already plain data,
so this module only chooses the sheets and passes the kit, the fixed wording and the headings.

The attendance list, the minutes and the evaluation sheet are the same in every kit of one meeting type (they read
only the attendance rows, the meeting type's label and the organisation): the print page carries them once per
variant, in bo-tai-lieu/to-chung-<hash>.js, which a <script src> inserts where it stands (a script loads from file://
too, where fetch() fails), before the fill-in script runs; without JavaScript the page links a printable page of
the same sheets, bo-tai-lieu/to-chung-<hash>.html. The PDF (WeasyPrint runs no script) has them inline. The fill-in
form, the same on every page too and of no use without JavaScript, comes the same way from
to-chung-<hash>-bieu-mau.js, at the top of the page. The files' name is their content's hash, so a kit page cached
by its content names the files this build writes.

The meeting output (meeting/output.py) shows a theme's own sheets as this page lays them out. A page rendered
in this process keeps them (`rendered_sheets`), so the meeting data written next in the same process takes
them instead of rendering kit.html a second time (4.7 s at 1,000 entries).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Template

from .. import labels
from ..render.jinja import Markup, environment
from . import forms
from .body import body_html
from .content import Kit

ASSETS = "../../assets/kits"  # from bo-tai-lieu/<id>/index.html (and the package's assets for WeasyPrint)
KIT_TEMPLATE = "kit.html"
PAPER_TEMPLATE = "_paper.html"  # kit.html's header and blanks (shared with the meeting pages)
THEME_SHEETS = ("handout", "questions", "commitment", "quiz", "quiz-key")  # a theme's own sheets, in the page's order
SHARED_PARTS = ("attendance", "minutes", "evaluation")  # the same in every kit of a meeting type: one shared file
SHARED_PREFIX = "to-chung-"  # bo-tai-lieu/to-chung-<hash>.js and .html: a dot is in no entry's id, so no clash
SHARED_ASSETS = "../assets/kits"  # from bo-tai-lieu/to-chung-<hash>.html
SHARED_FORM_SUFFIX = "-bieu-mau.js"  # bo-tai-lieu/to-chung-<hash>-bieu-mau.js: the fill-in form
_SECTION_START, _SECTION_END = '<section class="kit-part kit-', "</section>"
_SECTION_NAME = re.compile(r'<section class="kit-part kit-(?P<name>[a-z-]+)[^"]*">')

# What once(macro, arguments…) gave in kit.html (see the fragment), per compiled template (an edited one is another
# Template) and cleared with forget_rendered at each build of the kits: the sheets the same in every kit are
# rendered once per build, not once per kit (a third of the page's time at 1,000 entries).
_ONCE: weakref.WeakKeyDictionary[Template, dict[tuple[Any, ...], Markup]] = weakref.WeakKeyDictionary()

# The shared sheets of each variant (attendance rows, meeting label, organisation), per compiled template, cleared
# with forget_rendered.
_SHARED: weakref.WeakKeyDictionary[Template, dict[tuple[Any, ...], "SharedSheets"]] = weakref.WeakKeyDictionary()

# kit id -> (the kit without its organisation, the folders, its theme sheets) of pages rendered since the kits'
# output began its build (forget_rendered); meeting/output.py takes them with rendered_sheets.
_RENDERED: dict[str, tuple[Kit, tuple[Path, ...], str]] = {}


def sheets_of(document: str, names: tuple[str, ...] = THEME_SHEETS) -> str:
    """The sections of a print page named in `names`, as the page has them: each from its opening tag to the
    first </section> after it (found with str.find: a lazy regex over the handout cost 0.2 s at 1,000 entries)."""
    sheets, position = [], 0
    while (start := document.find(_SECTION_START, position)) >= 0:
        opening = _SECTION_NAME.match(document, start)
        end = document.find(_SECTION_END, opening.end()) if opening else -1
        if opening is None or end < 0:
            position = start + 1
            continue
        position = end + len(_SECTION_END)
        if opening.group("name") in names:
            sheets.append(document[start:position])
    return "".join(sheets)


@dataclasses.dataclass(frozen=True)
class SharedSheets:
    """The sheets kits share, as the files a build writes beside the kits' folders (bo-tai-lieu/<name>.js, .html)."""
    name: str  # to-chung-<hash of the page and the form>
    sheets: str  # the sections, as the PDF has them inline
    page: str  # a printable page of them alone: the kit page's link when JavaScript is off
    form: str = ""  # the fill-in form (kit.html's form_fields), the same on every page of the variant; "": inline

    @property
    def script(self) -> str:
        """Inserts the sheets before the script element that loads it, then drops the page's no-script link."""
        return _inserting_script(self.sheets, 'var l=document.getElementById("kit-shared-link");if(l)l.remove();')

    @property
    def sheets_file(self) -> str:
        return f"{self.name}.js"

    @property
    def page_file(self) -> str:
        return f"{self.name}.html"

    @property
    def form_file(self) -> str:
        return f"{self.name}{SHARED_FORM_SUFFIX}"

    def files(self) -> dict[str, bytes]:
        """File name in bo-tai-lieu/ -> bytes."""
        files = {self.sheets_file: self.script.encode("utf-8"), self.page_file: self.page.encode("utf-8")}
        if self.form:  # inserted where its script stands, at the top of the page: nothing painted below it moves
            files[self.form_file] = _inserting_script(self.form).encode("utf-8")
        return files


def _inserting_script(html: str, then: str = "") -> str:
    """A script that puts `html` (the build's own markup) where the <script> element that loads it stands."""
    text = json.dumps(html, ensure_ascii=False)
    return f'(function(s){{s.insertAdjacentHTML("beforebegin",{text});{then}}})(document.currentScript);\n'


def forget_rendered() -> None:
    _RENDERED.clear()
    _ONCE.clear()
    _SHARED.clear()


def _once(template: Template) -> Callable[..., Markup]:
    kept = _ONCE.setdefault(template, {})

    def once(macro: Any, *arguments: Any, **options: Any) -> Markup:
        key = (macro.name, arguments, tuple(sorted(options.items())))
        try:
            return kept[key]
        except KeyError:
            kept[key] = output = macro(*arguments, **options)
            return output
        except TypeError:  # an argument that cannot be a key: nothing to keep
            return macro(*arguments, **options)

    return once


def rendered_sheets(kit: Kit, template_dirs: tuple[Path, ...] = ()) -> str | None:
    """The theme sheets of a page rendered in this process for this kit, whatever its organisation, form and
    downloads, which our kit.html shows on the programme, the minutes and the screen only, never on these sheets;
    None when there is none, or when the site overrides kit.html or _paper.html (an override might show them)."""
    kept = _RENDERED.pop(kit.id, None)
    if kept is None or kept[1] != tuple(template_dirs) or _overridden(template_dirs):
        return None
    rendered_kit, _, sheets = kept
    return sheets if rendered_kit == dataclasses.replace(kit, organisation=None) else None


def _overridden(template_dirs: tuple[Path, ...]) -> bool:
    return any((Path(folder) / name).is_file() for folder in template_dirs for name in (KIT_TEMPLATE, PAPER_TEMPLATE))


class PrintPage:
    def __init__(self, kit: Kit, downloads: dict[str, str] | None = None, template_dirs: tuple[Path, ...] = (),
                 keep_sheets: bool = False) -> None:
        self.kit = kit
        self.downloads = downloads or {}  # label -> relative URL, shown on screen only
        self.template_dirs = template_dirs
        self.keep_sheets = keep_sheets  # the kits' output: keep a theme's sheets for the meeting output

    def document(self, with_form: bool) -> str:
        """The whole kit: programme, handout and its sheets (themes), quiz, attendance, minutes, evaluation."""
        parts = ["programme"]
        if self.kit.handout is not None:
            parts += ["handout", "questions", "commitment"]
        if self.kit.quiz:
            parts += ["quiz", "quiz_key"]
        # The page readers fill in takes the shared sheets from their file; the PDF's source has them inline.
        shared = self.shared() if with_form else None
        parts += ["shared"] if shared else list(SHARED_PARTS)
        document = self._page(f"Bộ tài liệu in: {self.kit.title}", parts, with_form, shared=shared)
        if self.keep_sheets and self.kit.kind == "theme":
            _RENDERED[self.kit.id] = (dataclasses.replace(self.kit, organisation=None), tuple(self.template_dirs),
                                      sheets_of(document))
        return document

    def handout_document(self) -> str:
        """The handout alone, to post on the Sổ tay đảng viên điện tử app before the meeting (HD 42)."""
        return self._page(f"Tài liệu sinh hoạt: {self.kit.title}", ["handout"], with_form=False, handout_first=True)

    def shared(self) -> SharedSheets | None:
        """This kit's attendance list, minutes, evaluation sheet and fill-in form, rendered once per variant and
        template; None for a site's kit.html written before them (no shared_sheets macro): its page keeps all inline."""
        template = self._template()
        kept = _SHARED.setdefault(template, {})
        variant = (self.kit.attendance_rows, self.kit.meeting_label, self.kit.superior)
        if variant not in kept:
            module = template.make_module(self._values(template, forms.SHARED_TITLE, list(SHARED_PARTS),
                                                       with_form=False, assets=SHARED_ASSETS, content=False))
            if not hasattr(module, "shared_sheets"):
                kept[variant] = None
            else:
                page = str(module)
                form = str(module.form_fields()) if hasattr(module, "form_fields") else ""
                digest = hashlib.sha256(page.encode("utf-8") + b"\0" + form.encode("utf-8")).hexdigest()[:12]
                kept[variant] = SharedSheets(SHARED_PREFIX + digest, sheets_of(page, SHARED_PARTS), page, form)
        return kept[variant]

    def _template(self) -> Template:
        return environment(tuple(self.template_dirs)).get_template(KIT_TEMPLATE)

    def _page(self, title: str, parts: list[str], with_form: bool, handout_first: bool = False,
              shared: SharedSheets | None = None) -> str:
        template = self._template()
        return template.render(self._values(template, title, parts, with_form, handout_first, shared))

    def _values(self, template: Template, title: str, parts: list[str], with_form: bool, handout_first: bool = False,
                shared: SharedSheets | None = None, assets: str = ASSETS, content: bool = True) -> dict[str, Any]:
        """What kit.html reads. content=False: a page that shows none of the kit's own text (the shared sheets')."""
        handout = self.kit.handout
        body = Markup(body_html(handout.body_markdown)) if handout is not None and content else Markup("")
        return dict(kit=self.kit, forms=forms, labels=labels, title=title, parts=parts, with_form=with_form,
                    handout_first=handout_first, body=body, downloads=list(self.downloads.items()), assets=assets,
                    markup=Markup, once=_once(template), shared=shared)
