"""The editing form (soan-thao/): Sveltia CMS's configuration, generated from schema.json and the vocabularies.

Nothing in the form is written by hand: one collection per kind, each field with the widget its schema
calls for (drop-downs with the vocabulary's Vietnamese labels, a month picker, lists, relation pickers that
search the bank by title, dates), the schema's required fields, limits and descriptions as help texts.
What the form writes must pass the validator as it is:

- fields in the order of the entry templates (topics/_mau/<kind>.md), the schema's other fields of the
  kind slotted in where the schema lists them;
- every string double-quoted (`output.yaml.quote: double`), so a title that starts with a curly quote or
  a colon is text, never YAML the strict loader reads differently; empty optional fields left out;
- `kind` fixed, `status` shown but fixed at `draft` for a new entry (only a reviewer sets `reviewed`);
- file names from the title the way topicbank.templates.slugify makes them (ASCII, "đ" as "d"), checked
  against the schema's id pattern; themes have one collection per series, each writing into the folder
  that `topicbank new --series` picks (commands.new_topic.theme_folder), the other kinds into DEFAULT_FOLDERS;
- text is turned into NFC as it is typed or pasted (assets/js/editor.js), the browser-side half.

The repository comes only from the plugin's `edit_url` (https://github.com/OWNER/REPO/edit/BRANCH/…):
without it there is no GitHub backend to sign in to, and the form works only on a local clone
(Chromium's File System Access API on http://127.0.0.1, `mkdocs serve`). Sveltia's config validation
still wants an "owner/repo" then; UNCONFIGURED_REPO cannot name a GitHub repository (an owner is never
"-"), and the page's Content-Security-Policy lets it reach no host but the site.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..model import Bank
from ..schema import Schema
from ..templates import DEFAULT_FOLDERS, ID_MAX_LENGTH, Template

EDITOR_SRC = "soan-thao/index.md"  # the guide page, in the nav under "Đóng góp"
APP_DIR = "soan-thao/bieu-mau"  # the editor itself: index.html and config.yml, written into the site
UNCONFIGURED_REPO = "-/chua-cau-hinh"  # no GitHub owner is "-": Sveltia needs owner/repo even for local work
GITHUB_API = "https://api.github.com"
BODY_FIELD = "body"
MEDIA_FOLDER = "_tep"  # required by Sveltia; the form offers no image button, so nothing is written there

# Field widgets Sveltia offers; a schema field maps to one of these (see field()).
RICH_TEXT_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list",
                     "quote"]
MONTH_LABEL = "Tháng {}"
KIND_PLURALS = {"theme": "Chuyên đề", "guidance": "Hướng dẫn", "agenda": "Chương trình mẫu", "document": "Văn bản"}
ANY_KIND = "muc"  # a hidden collection of every entry, for `related`, which may point at any kind
# Fields the form leaves to the reviewer or to a committee's maintainer: kept when an entry is edited,
# never offered for a new one.
KEPT_HIDDEN = ("reviewed_on", "override")
EXTRA_HINTS = {
    "status": "Mục soạn ở đây luôn là bản nháp. Người duyệt đổi thành «Đã đối chiếu nguồn» khi đã đối chiếu từng "
              "sự kiện với nguồn.",
    "series": "Chuyên đề được lưu trong thư mục của loạt này.",
    "related": "Gõ vài chữ của tiêu đề để tìm trong ngân hàng.",
    "references": "Gõ vài chữ của tiêu đề hoặc số hiệu để tìm văn bản. Văn bản chưa có trong ngân hàng thì thêm "
                  "nó trước (loại «Văn bản»).",
    "topics": "Gõ vài chữ của tiêu đề để tìm chuyên đề.",
    "superseded_by": "Gõ vài chữ của tiêu đề hoặc số hiệu để tìm văn bản thay thế.",
    BODY_FIELD: "Viết bằng lời của mình; mỗi con số, ngày tháng, câu trích phải có trong nguồn đã ghi. Tiêu đề "
                "phần dùng «Tiêu đề 2» hoặc «Tiêu đề 3» (tiêu đề trang lấy từ ô Tiêu đề ở trên).",
}
_KEY_LINE = re.compile(r"^#?\s*([a-z_]+):", re.M)


@dataclass(frozen=True)
class Repository:
    """Where the form commits: from edit_url, e.g. https://github.com/OWNER/REPO/edit/main/ (prefix: the
    site's folder inside the repository, when edit_url goes on after the branch)."""

    repo: str
    branch: str
    prefix: str = ""

    @classmethod
    def from_edit_url(cls, edit_url: str | None) -> "Repository | None":
        if not edit_url:
            return None
        parts = urlsplit(edit_url)
        segments = [segment for segment in parts.path.split("/") if segment]
        if parts.netloc.lower() not in ("github.com", "www.github.com") or len(segments) < 4 or segments[2] != "edit":
            return None  # only GitHub's edit form tells owner, repository and branch apart
        return cls(f"{segments[0]}/{segments[1]}", segments[3], "/".join(segments[4:]))


def template_order(template: Template | None) -> list[str]:
    """The top-level keys of a template's front matter in order, commented-out ones (# series: …) included."""
    if template is None:
        return []
    text = template.text.split("\n---", 1)[0]
    order = []
    for name in _KEY_LINE.findall(text):
        if name not in order:
            order.append(name)
    return order


def field_order(schema: Schema, kind: str, template: Template | None) -> list[str]:
    """The kind's fields: the template's in its order, then each other field right after the field the schema
    lists before it (`tags` after `audience`, `quotes` after `actions`); one that would land after the
    template's last field (its `sources`) goes before the next field instead (a theme's `year` before `months`)."""
    allowed = schema.fields_for(kind)
    order = [name for name in template_order(template) if name in allowed]
    last = order[-1] if order else None
    for index, name in enumerate(allowed):
        if name in order:
            continue
        before = [other for other in allowed[:index] if other in order]
        after = [other for other in allowed[index + 1:] if other in order]
        if before and (before[-1] != last or not after):
            order.insert(order.index(before[-1]) + 1, name)
        else:
            order.insert(order.index(after[0]) if after else len(order), name)
    return order


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the same default list twice is written out twice
        return True


# libyaml's emitter writes the configuration about 5x faster (0.27 s -> 0.05 s) and, for text like it, the same
# bytes as PyYAML's own emitter. The two differ on text the configuration could in principle hold (characters
# outside the BMP, line separators, control characters, strings longer than a line): a document with any such
# string is written by PyYAML's emitter, as before. Checked on the real banks and 30,000+ random documents.
_LIBYAML_SAME_TEXT = re.compile(
    r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\U00010000-\U0010ffff]{0,500}")
_CDumper: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CDumper(yaml.CSafeDumper):  # type: ignore[no-redef]
        def ignore_aliases(self, data: Any) -> bool:
            return True


def _libyaml_writes_the_same(value: Any) -> bool:
    if isinstance(value, str):
        return _LIBYAML_SAME_TEXT.fullmatch(value) is not None
    if isinstance(value, dict):
        return all(_libyaml_writes_the_same(key) and _libyaml_writes_the_same(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_libyaml_writes_the_same(item) for item in value)
    return value is None or isinstance(value, (bool, int))


class CmsConfig:
    """The Sveltia CMS configuration for one bank folder of the site."""

    def __init__(self, bank: Bank, templates: dict[str, Template], bank_folder: str,
                 repository: Repository | None, theme_folders: dict[str, str] | None = None) -> None:
        self.schema = bank.schema
        self.vocabulary = bank.vocabulary
        self.templates = templates
        self.repository = repository
        self.theme_folders = theme_folders or {}  # series -> its folder in the bank (default: named like it)
        prefix = repository.prefix.strip("/") if repository else ""
        self.folder = "/".join(part for part in (prefix, bank_folder.strip("/")) if part)

    # -- the whole configuration --------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        repository = self.repository
        backend: dict[str, Any] = {
            "name": "github",
            "repo": repository.repo if repository else UNCONFIGURED_REPO,
            "auth_methods": ["token"],  # OAuth needs an authentication server the site runs: none here
            "commit_messages": {
                "create": "Thêm {{collection}} «{{slug}}» (biểu mẫu soạn thảo)",
                "update": "Sửa {{collection}} «{{slug}}» (biểu mẫu soạn thảo)",
                "delete": "Xóa {{collection}} «{{slug}}» (biểu mẫu soạn thảo)",
                "uploadMedia": "Thêm tệp «{{path}}»",
                "deleteMedia": "Xóa tệp «{{path}}»",
            },
        }
        if repository:
            backend["branch"] = repository.branch
        collections = self.collections()
        return {
            "app_title": "Biểu mẫu soạn mục",
            "backend": backend,
            "publish_mode": "simple",
            "media_folder": f"{self.folder}/{MEDIA_FOLDER}",
            "show_preview_links": False,
            "editor": {"preview": False},
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "trim": True,
                     "lowercase": True, "maxlength": ID_MAX_LENGTH},
            "output": {"omit_empty_optional_fields": True,
                       "yaml": {"quote": "double", "indent_size": 2, "indent_sequences": True}},
            "collections": collections,
        }

    def yaml(self) -> str:
        head = ("# Sinh tự động khi dựng trang, từ hooks/topicbank/schema.json và các danh mục (_vocabulary.yml).\n"
                "# Không sửa tay: sửa quy ước trường hoặc danh mục rồi dựng lại.\n")
        document = self.document()
        dumper = _CDumper if _CDumper is not None and _libyaml_writes_the_same(document) else _Dumper
        return head + yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)

    # -- collections ----------------------------------------------------------------------------------

    def collections(self) -> list[dict[str, Any]]:
        """A theme collection per series (themes live in their series' folder), one per other kind, and the
        hidden list of every entry that the relation pickers search."""
        themes = [self.collection("theme", series) for series in self.vocabulary.labels("series")]
        others = [self.collection(kind) for kind in self.schema.kinds if kind != "theme"]
        return themes + others + [self.any_kind_collection()]

    def collection(self, kind: str, series: str | None = None) -> dict[str, Any]:
        label = self.schema.enum_label("kind", kind)
        order = field_order(self.schema, kind, self.templates.get(kind))
        fields = [self.field(kind, name, series) for name in order]
        fields.append(self.body_field(kind))
        if series is not None:
            name, folder = f"{kind}_{series.replace('-', '_')}", self.theme_folders.get(series, series)
            title = f"{KIND_PLURALS.get(kind, label)}: {self.vocabulary.label('series', series)}"
            description = f"Chuyên đề của loạt «{self.vocabulary.label('series', series)}», lưu trong thư mục {folder}/."
        else:
            name, folder = kind, DEFAULT_FOLDERS[kind]
            title, description = KIND_PLURALS.get(kind, label), self.kind_descriptions().get(kind, label)
        return {
            "name": name,
            "label": title,
            "label_singular": label.lower(),
            "description": description,
            "folder": f"{self.folder}/{folder}",
            "filter": {"field": "kind", "value": kind},  # a folder may hold an entry of another kind
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "delete": False,
            "identifier_field": "title",
            "summary": "{{title}}",
            "slug": {"template": "{{title}}", "editable": ["create"],
                     "hint": "Mã của mục là tên tệp: chữ thường không dấu, số và dấu gạch ngang, tự tạo từ tiêu đề.",
                     "pattern": [self.schema.document["x-id-pattern"],
                                 "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ neu-guong-noi-cu-tru)."]},
            "sortable_fields": ["title"],
            "fields": fields,
        }

    def kind_descriptions(self) -> dict[str, str]:
        """"theme: chuyên đề sinh hoạt; guidance: …" (the schema's description of `kind`) as kind -> text."""
        described = {}
        for part in self.schema.properties["kind"].get("description", "").rstrip(".").split("; "):
            value, _, text = part.partition(": ")
            if value in self.schema.kinds and text:
                described[value] = text[:1].upper() + text[1:] + "."
        return described

    def any_kind_collection(self) -> dict[str, Any]:
        """Every entry of the bank folder, hidden from the list: what the relation pickers search (each picker
        keeps the kinds it may point at). The entry templates (_mau/, titles starting FIXME) are left out."""
        return {
            "name": ANY_KIND, "label": "Mọi mục", "folder": self.folder, "path": "{{fields.kind}}/{{slug}}",
            "nested": {"depth": 3, "subfolders": False}, "hide": True, "create": False, "delete": False,
            "filter": {"field": "title", "pattern": "^(?!FIXME)"},
            "identifier_field": "title", "summary": "{{title}}",
            "fields": [{"name": "kind", "widget": "hidden"}, {"name": "title", "label": self.schema.label("title")},
                       {"name": "number", "label": self.schema.label("number"), "required": False}],
        }

    # -- fields -------------------------------------------------------------------------------------

    def body_field(self, kind: str) -> dict[str, Any]:
        return {"name": BODY_FIELD, "label": "Nội dung", "widget": "markdown", "required": True,
                "hint": EXTRA_HINTS[BODY_FIELD], "buttons": RICH_TEXT_BUTTONS, "editor_components": [],
                "modes": ["rich_text", "raw"]}

    def field(self, kind: str, name: str, series: str | None = None) -> dict[str, Any]:
        spec = self.schema.property_for(kind, name)
        required = name in self.schema.required_for(kind)
        base: dict[str, Any] = {"name": name, "label": spec.get("x-label", name), "required": required}
        hint = " ".join(part for part in (spec.get("description", ""), EXTRA_HINTS.get(name, "")) if part)
        if hint:
            base["hint"] = hint
        if name == "kind":
            return {"name": name, "widget": "hidden", "default": kind}
        if name in KEPT_HIDDEN:
            return {"name": name, "widget": "hidden"}
        if name == "series" and series is not None:  # the theme's collection is its series
            return {"name": name, "widget": "hidden", "default": series}
        if name == "status":
            return base | {"widget": "select", "options": self._enum_options(name, spec), "default": "draft",
                           "readonly": True}
        return base | self.widget(spec, name)

    def widget(self, spec: dict[str, Any], name: str) -> dict[str, Any]:
        kind_of = spec.get("type")
        if kind_of == "array":
            return self.list_widget(spec, name)
        if "x-ref-kind" in spec:
            return self.relation(spec["x-ref-kind"], multiple=False)
        if "x-vocabulary" in spec:
            return {"widget": "select", "options": self._vocabulary_options(spec["x-vocabulary"])}
        if "enum" in spec:
            return {"widget": "select", "options": self._enum_options(name, spec)}
        if kind_of == "integer":
            widget: dict[str, Any] = {"widget": "number", "value_type": "int", "step": 1}
            for key in ("minimum", "maximum"):
                if key in spec:
                    widget[key[:3]] = spec[key]
            return widget
        if kind_of == "boolean":
            return {"widget": "boolean"}
        if spec.get("format") == "date":
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        return self.text_widget(spec)

    def text_widget(self, spec: dict[str, Any]) -> dict[str, Any]:
        widget: dict[str, Any] = {"widget": "string" if spec.get("x-single-line") or "pattern" in spec else "text"}
        if "maxLength" in spec:
            widget["maxlength"] = spec["maxLength"]
        if "pattern" in spec:
            widget["pattern"] = [spec["pattern"], spec.get("x-pattern-hint", "Giá trị chưa đúng dạng.")]
        if widget["widget"] == "string" or widget["widget"] == "text":
            widget["use_emoji_autocomplete"] = False
        return widget

    def list_widget(self, spec: dict[str, Any], name: str) -> dict[str, Any]:
        items = spec.get("items", {})
        limits = {key: spec[source] for source, key in (("minItems", "min"), ("maxItems", "max")) if source in spec}
        if "x-vocabulary" in items:
            return {"widget": "select", "multiple": True, "options": self._vocabulary_options(items["x-vocabulary"]),
                    **limits, **({"default": spec["default"]} if "default" in spec else {})}
        if "x-ref-kind" in items:
            return self.relation(items["x-ref-kind"], multiple=True) | limits
        if items.get("type") == "integer" and items.get("minimum") == 1 and items.get("maximum") == 12:
            return {"widget": "select", "multiple": True, "dropdown_threshold": 12, **limits,
                    "options": [{"label": MONTH_LABEL.format(month), "value": month} for month in range(1, 13)]}
        if items.get("type") == "object":
            subfields = []
            for sub, sub_spec in items.get("properties", {}).items():
                sub_field = {"name": sub, "label": sub_spec.get("x-label", sub), "required": sub in items.get("required", [])}
                if sub_spec.get("description"):
                    sub_field["hint"] = sub_spec["description"]
                subfields.append(sub_field | self.widget(sub_spec, sub))
            first = next(iter(items.get("properties", {})), "")
            return {"widget": "list", "fields": subfields, "summary": f"{{{{fields.{first}}}}}", "collapsed": "auto",
                    **limits}
        inner = self.text_widget(items) | {"name": "item", "label": self.schema.label(name)}
        return {"widget": "list", "field": inner, **limits}

    def relation(self, ref_kind: str, multiple: bool) -> dict[str, Any]:
        search = ["title", "number"] if ref_kind == "document" else ["title"]
        display = ["{{title}} ({{number}})"] if ref_kind == "document" else ["title"]
        widget = {"widget": "relation", "collection": ANY_KIND, "value_field": "{{slug}}",
                  "search_fields": search, "display_fields": display, "multiple": multiple, "dropdown_threshold": 0}
        if ref_kind != "any":
            widget["filters"] = [{"field": "kind", "values": [ref_kind]}]
        return widget

    def _enum_options(self, name: str, spec: dict[str, Any]) -> list[dict[str, str]]:
        labels = spec.get("x-enum-labels", {})
        return [{"label": labels.get(value, value), "value": value} for value in spec["enum"]]

    def _vocabulary_options(self, vocabulary: str) -> list[dict[str, str]]:
        return [{"label": label, "value": value} for value, label in self.vocabulary.labels(vocabulary).items()]


def content_security_policy(configured: bool) -> str:
    """The editor page's policy: scripts, styles and data only from the site; GitHub's API only when a
    repository is configured (the CMS calls it once the contributor has signed in with a token)."""
    connect = "'self' data: blob:" + (f" {GITHUB_API}" if configured else "")
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            f"font-src 'self' data:; connect-src {connect}; worker-src 'self' blob:; frame-src 'none'; "
            "object-src 'none'; base-uri 'self'; form-action 'none'")


def config_json(config: CmsConfig) -> str:
    return json.dumps(config.document(), ensure_ascii=False, indent=1)


__all__ = ["APP_DIR", "CmsConfig", "EDITOR_SRC", "Repository", "content_security_policy", "field_order"]
