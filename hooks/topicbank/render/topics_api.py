"""topics.json as a documented API for other tools, and its JSON Schema (schema/topics.schema.json).

    {"meta": {"format": "topicbank-topics", "version": "2.0", "built": "2026-…Z" | null,
              "base_url": "https://…/" | null, "schema": "schema/topics.schema.json", "count": 100},
     "topics": [{"id": …, "kind": …, "title": …, "summary": …, "url": "muc/…/", "series": … | null,
                 "year": … | null, "months": […], "audience": […], "status": …, "bank": …,
                 "kit": {…} | null, "slides": {…} | null, "quiz": 5 | null}, …]}

Two rules make it easy to read: every key is always there (an absent value is null, never a missing key;
lists are lists, possibly empty), and every URL is a path relative to meta.base_url (or, when the site's
address is unknown, to the folder of topics.json), never starting with "/", a page written as its folder
("muc/x/") when the site uses directory URLs. The schema is made from the bank's own schema and vocabulary,
so its enums are this site's values; its $id is the published address, or left out when that is unknown.
docs/du-lieu.md documents both for people; tests validate the built file against the built schema.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import Bank

TOPICS_PATH = "topics.json"
TOPICS_SCHEMA_PATH = "schema/topics.schema.json"
FORMAT = "topicbank-topics"
VERSION = "2.0"  # major.minor: a new major changes or removes a key; a new minor only adds keys or values
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
KIT_FORMATS = ("html", "pdf", "docx", "handout")
SLIDES_FORMATS = ("html", "pptx")


def iso_stamp(stamp: dt.datetime | None) -> str | None:
    if stamp is None:
        return None
    return stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def topics_meta(count: int, base_url: str | None, built: dt.datetime | None) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "built": iso_stamp(built), "base_url": base_url,
            "schema": TOPICS_SCHEMA_PATH, "count": count}


def one_url_form(url: str, use_directory_urls: bool) -> str:
    """'trinh-chieu/x/index.html' -> 'trinh-chieu/x/' on a site with directory URLs: pages are folders."""
    if use_directory_urls and (url == "index.html" or url.endswith("/index.html")):
        return url[: -len("index.html")]
    return url


def _text(description: str, **rest: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **rest}


def _nullable_enum(values: list[str], description: str) -> dict[str, Any]:
    return {"enum": [*values, None], "description": description}


def _links(formats: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"description": description, "oneOf": [
        {"type": "null"},
        {"type": "object", "minProperties": 1, "additionalProperties": False,
         "properties": {name: {"$ref": "#/$defs/path"} for name in formats}},
    ]}


def topics_schema(bank: Bank, site_url: str | None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of this site's topics.json."""
    schema, vocabulary = bank.schema, bank.vocabulary
    kinds = list(schema.properties["kind"]["enum"])
    statuses = list(schema.properties["status"]["enum"])
    topic = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "id": _text("Mã của mục: tên tệp, không đổi khi mục được sửa.", minLength=1,
                        **({"pattern": schema.document["x-id-pattern"]} if "x-id-pattern" in schema.document else {})),
            "kind": {"enum": kinds, "description": "Loại mục: " + ", ".join(
                f"{kind} ({schema.enum_label('kind', kind)})" for kind in kinds) + "."},
            "title": _text("Tên mục."),
            "summary": _text("Tóm tắt một hai câu."),
            "url": {"$ref": "#/$defs/path", "description": "Trang của mục."},
            "series": _nullable_enum(list(vocabulary.labels("series")), "Loạt chuyên đề; null nếu không thuộc loạt nào."),
            "year": {"type": ["integer", "null"], "description": "Năm của chuyên đề (ví dụ loạt Chỉ thị 05); null nếu không gắn với năm."},
            "months": {"type": "array", "uniqueItems": True, "description": "Tháng gợi ý (1–12); rỗng nếu không có.",
                       "items": {"type": "integer", "minimum": 1, "maximum": 12}},
            "audience": {"type": "array", "uniqueItems": True, "description": "Loại hình chi bộ; tat-ca là mọi chi bộ.",
                         "items": {"enum": list(vocabulary.labels("audience"))}},
            "status": {"enum": statuses, "description": "draft: bản nháp, chưa đối chiếu đủ với nguồn; "
                                                        "reviewed: đã đối chiếu."},
            "bank": {"enum": list(dict.fromkeys([*bank.bank_labels, *(entry.bank for entry in bank.entries)])),
                     "description": "Ngân hàng của mục (trang của một đảng bộ ghép nhiều ngân hàng)."},
            "kit": _links(KIT_FORMATS, "Bộ tài liệu in (chuyên đề, chương trình mẫu): trang in (html), PDF, Word "
                                       "(docx), tài liệu phát tay PDF (handout); null nếu mục không có."),
            "slides": _links(SLIDES_FORMATS, "Trình chiếu của chuyên đề: trong trình duyệt (html), PowerPoint "
                                             "(pptx); null nếu mục không có."),
            "quiz": {"type": ["integer", "null"], "minimum": 1,
                     "description": "Số câu hỏi tự kiểm tra ở cuối trang; null nếu không có."},
        },
    }
    from . import carried_as_is  # here, not at the top: render/__init__ imports this module

    for name in carried_as_is(schema):  # a property added to schema.json: documented from its own definition
        definition = {key: value for key, value in schema.properties[name].items() if not key.startswith("x-")}
        topic["properties"][name] = {"anyOf": [definition, {"type": "null"}],
                                     "description": schema.properties[name].get("description", name)}
    topic["required"] = list(topic["properties"])
    document: dict[str, Any] = {"$schema": JSON_SCHEMA}
    if site_url:
        document["$id"] = f"{site_url.rstrip('/')}/{TOPICS_SCHEMA_PATH}"
    meta = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT, "description": "Tên định dạng."},
            "version": _text("Phiên bản định dạng, dạng chính.phụ: đổi số chính là đổi hay bỏ một khóa; đổi số "
                             "phụ chỉ thêm khóa hay giá trị.", pattern=r"^[0-9]+\.[0-9]+$"),
            "built": {"type": ["string", "null"], "format": "date-time",
                      "description": "Thời điểm của commit được dựng (SOURCE_DATE_EPOCH), giờ UTC; null nếu bản "
                                     "dựng không biết."},
            "base_url": {"type": ["string", "null"], "format": "uri", "pattern": "^https?://.*/$",
                         "description": "Địa chỉ của trang web, kết thúc bằng /; mọi đường dẫn trong tệp tính từ "
                                        "đây. null khi bản dựng không có site_url: đường dẫn tính từ thư mục của "
                                        "topics.json."},
            "schema": {"$ref": "#/$defs/path", "description": "Lược đồ này."},
            "count": {"type": "integer", "minimum": 0, "description": "Số mục trong topics."},
        },
    }
    meta["required"] = list(meta["properties"])
    document.update({
        "title": "topics.json: danh sách mục của ngân hàng chuyên đề",
        "description": "Mọi khóa luôn có mặt; giá trị không có là null. Mọi địa chỉ là đường dẫn tương đối "
                       "với meta.base_url.",
        "type": "object",
        "additionalProperties": False,
        "required": ["meta", "topics"],
        "properties": {"meta": meta, "topics": {"type": "array", "items": {"$ref": "#/$defs/topic"}}},
        "$defs": {
            "path": {"type": "string", "description": "Đường dẫn tương đối với meta.base_url: không bắt đầu bằng "
                                                      "/ hay một giao thức, không có ? hay #.",
                     "pattern": r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\s?#]+$"},
            "topic": topic,
        },
    })
    return document
