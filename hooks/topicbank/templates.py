"""Templates for new entries (topics/_mau/<kind>.md) and the ASCII id made from a Vietnamese title.

Used by scripts/new_topic.py and by the "Thêm … mới" links on index pages, so a
contributor starts from the same file whichever path they take.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from .resources import national_bank_dir
from .search.folding import fold

TEMPLATE_DIR = national_bank_dir() / "_mau"  # the same templates for every bank built on the national one
ID_MAX_LENGTH = 80  # schema.json x-id-max-length
# Where a new entry of each kind goes by default. Themes live in series folders: new_topic asks for the series,
# and the "Thêm chuyên đề mới" link opens one that exists (the contributor may change it in GitHub's form).
DEFAULT_FOLDERS = {"theme": "xay-dung-dang", "guidance": "huong-dan", "agenda": "chuong-trinh-mau", "document": "van-ban"}
PLACEHOLDER_IDS = {"theme": "ten-chuyen-de-moi", "guidance": "ten-huong-dan-moi",
                   "agenda": "ten-chuong-trinh-moi", "document": "ten-van-ban-moi"}
_TITLE_LINE = re.compile(r"^title:.*$", re.M)


class TemplateError(Exception):
    pass


def slugify(title: str) -> str:
    """'Nêu gương nơi cư trú' -> 'neu-guong-noi-cu-tru': lower-case ASCII, digits and single hyphens."""
    # NFKC first, as NFKD did before: full-width digits and ligatures become plain ASCII letters and digits.
    text = re.sub(r"[^a-z0-9]+", "-", fold(unicodedata.normalize("NFKC", title))).strip("-")
    if len(text) > ID_MAX_LENGTH:
        text = text[:ID_MAX_LENGTH].rsplit("-", 1)[0] if "-" in text[:ID_MAX_LENGTH] else text[:ID_MAX_LENGTH]
    return text


@dataclass(frozen=True)
class Template:
    kind: str
    text: str

    def filled(self, title: str) -> str:
        """The template with the title written in (a JSON string is valid YAML); every other FIXME stays."""
        return _TITLE_LINE.sub(lambda _: f"title: {json.dumps(title.strip(), ensure_ascii=False)}", self.text, count=1)


def load_template(kind: str, template_dir: Path = TEMPLATE_DIR) -> Template:
    path = template_dir / f"{kind}.md"
    try:
        return Template(kind, path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TemplateError(f"Không đọc được tệp mẫu {path}: {error.strerror}.") from None


def load_templates(kinds: list[str], template_dir: Path = TEMPLATE_DIR) -> dict[str, Template]:
    """Every kind's template that exists; a missing one only removes its link."""
    return {kind: load_template(kind, template_dir) for kind in kinds if (template_dir / f"{kind}.md").exists()}


def new_file_url(new_base: str, bank_folder: str, kind: str, template: Template) -> str:
    """GitHub's "create new file" form in the kind's folder, with the template already typed in.

    new_base is the form's address up to the branch, e.g. https://github.com/owner/repo/new/main/."""
    query = urlencode({"filename": f"{PLACEHOLDER_IDS[kind]}.md", "value": template.text}, quote_via=quote)
    return f"{new_base.rstrip('/')}/{bank_folder}/{DEFAULT_FOLDERS[kind]}?{query}"
