"""The front-matter reference page ("Tra cứu trường"), generated from schema.json and the vocabulary.

Everything on the page is read from the contract at build time, so the page
cannot say something the validator does not enforce.
"""
from __future__ import annotations

from typing import Any

import yaml

from ..schema import Schema, Vocabulary
from ..templates import Template
from .text import GeneratedPage, esc

REFERENCE_SRC = "dong-gop/tra-cuu-truong.md"
FRONT_MATTER = ('---\ntitle: "Tra cứu trường"\ndescription: "Mọi trường trong phần đầu YAML của một mục: ý nghĩa, kiểu, '
                'giá trị được phép và ví dụ."\n---\n')
SCHEMA_SITE_PATH = "schema/topic.schema.json"  # written by the hook after the build

_TYPES = {"string": "chuỗi văn bản", "integer": "số nguyên", "array": "danh sách", "object": "nhóm trường con",
          "boolean": "true hoặc false"}
_FORMATS = {"date": "ngày dạng YYYY-MM-DD", "partial-date": "ngày YYYY-MM-DD, hoặc YYYY-MM / YYYY khi nguồn chưa cho biết ngày"}


def field_anchor(name: str) -> str:
    return f"truong-{name.replace('_', '-')}"


def type_text(spec: dict[str, Any]) -> str:
    kind = spec.get("type", "")
    if kind == "array":
        items = spec.get("items", {})
        return f"danh sách {_TYPES.get(items.get('type', ''), 'giá trị')}" if items.get("type") != "object" \
            else "danh sách nhóm trường con"
    text = _TYPES.get(kind, kind)
    return f"{text} ({_FORMATS[spec['format']]})" if spec.get("format") in _FORMATS else text


def constraint_texts(spec: dict[str, Any]) -> list[str]:
    """The limits the validator enforces on one value, in plain Vietnamese."""
    texts = []
    if spec.get("minLength"):
        texts.append("không được để trống")
    if "maxLength" in spec:
        texts.append(f"tối đa {spec['maxLength']} ký tự")
    if "minimum" in spec or "maximum" in spec:
        texts.append(f"từ {spec.get('minimum', '…')} đến {spec.get('maximum', '…')}")
    if spec.get("minItems"):
        texts.append(f"ít nhất {spec['minItems']} mục")
    if "maxItems" in spec:
        texts.append(f"nhiều nhất {spec['maxItems']} mục")
    if spec.get("uniqueItems"):
        texts.append("không lặp giá trị")
    if spec.get("x-single-line"):
        texts.append("viết trên một dòng")
    if spec.get("x-no-html"):
        texts.append("không chứa thẻ HTML (ký tự &lt; và &gt; bị từ chối khi tạo thẻ)")
    if spec.get("x-not-future"):
        texts.append("không được là ngày trong tương lai")
    if spec.get("x-pattern-hint"):
        texts.append(esc(spec["x-pattern-hint"]))
    if spec.get("x-ref-kind"):
        target = spec["x-ref-kind"]
        texts.append("mã (tên tệp không có .md) của một mục trong ngân hàng" if target == "any"
                     else f"mã của một mục loại <code>{esc(target)}</code>")
    return texts


def example_yaml(name: str, value: Any) -> str:
    return yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


class ReferenceRenderer:
    def __init__(self, schema: Schema, vocabulary: Vocabulary, templates: dict[str, Template] | None = None,
                 new_file_urls: dict[str, str] | None = None) -> None:
        self.schema = schema
        self.vocabulary = vocabulary
        self.templates = templates or {}
        self.new_file_urls = new_file_urls or {}

    def render(self) -> str:
        """The page as one text: front matter and HTML."""
        return f"{FRONT_MATTER}\n{self.html()}\n"

    def page(self) -> GeneratedPage:
        """MkDocs reads only the front matter; the HTML never goes through Markdown."""
        html = self.html()
        return GeneratedPage(REFERENCE_SRC, FRONT_MATTER, lambda _body: html)

    def html(self) -> str:
        parts = [
            "<h1>Tra cứu trường</h1>",
            '<p class="tb-intro">Mỗi tệp trong <code>topics/</code> bắt đầu bằng phần đầu YAML (giữa hai dòng '
            "<code>---</code>). Trang này liệt kê mọi trường, tạo tự động từ hợp đồng "
            "<code>hooks/topicbank/schema.json</code> và danh mục <code>topics/_vocabulary.yml</code>, nên luôn khớp "
            "với bộ kiểm tra <code>python scripts/validate.py</code>.</p>",
            f'<p>Lược đồ JSON (JSON Schema) để trình soạn thảo gợi ý và kiểm tra: '
            f'<a href="../../{SCHEMA_SITE_PATH}"><code>{SCHEMA_SITE_PATH}</code></a>.</p>',
            self._matrix(),
            self._conditions(),
        ]
        parts += [self._field(name) for name in self.schema.properties]
        parts.append(self._templates())
        return "\n".join(part for part in parts if part)

    # -- pieces -------------------------------------------------------------------------------

    def _kind_label(self, kind: str) -> str:
        return self.schema.enum_label("kind", kind)

    def _matrix(self) -> str:
        kinds = self.schema.kinds
        head = "".join(f'<th scope="col">{esc(self._kind_label(kind))} (<code>{esc(kind)}</code>)</th>' for kind in kinds)
        rows = []
        for name in self.schema.properties:
            cells = []
            for kind in kinds:
                if name in self.schema.required_for(kind):
                    cells.append("<td>bắt buộc</td>")
                elif name in self.schema.fields_for(kind):
                    cells.append("<td>tùy chọn</td>")
                else:
                    cells.append('<td><span aria-label="không dùng">—</span></td>')
            rows.append(f'<tr><th scope="row"><a href="#{field_anchor(name)}"><code>{esc(name)}</code></a> '
                        f'{esc(self.schema.label(name))}</th>{"".join(cells)}</tr>')
        return ('<h2 id="theo-loai-muc">Trường theo loại mục</h2>\n'
                '<div class="tb-table-wrap tb-reference-matrix"><table>'
                f'<thead><tr><th scope="col">Trường</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')

    def _condition_text(self, condition: dict[str, Any]) -> str:
        return " và ".join(f"<code>{esc(name)}: {esc(spec['const'])}</code>"
                           for name, spec in condition["properties"].items())

    def _conditions(self) -> str:
        items = []
        for rule in self.schema.conditional_rules:
            required = rule["then"].get("required", [])
            if list(rule["if"]["properties"]) == ["kind"] or not required:
                continue
            fields = ", ".join(f'<a href="#{field_anchor(name)}"><code>{esc(name)}</code></a>' for name in required)
            items.append(f"<li>Khi {self._condition_text(rule['if'])}: phải có {fields}.</li>")
        if not items:
            return ""
        return f'<h2 id="bat-buoc-co-dieu-kien">Bắt buộc theo điều kiện</h2>\n<ul>{"".join(items)}</ul>'

    def _field(self, name: str) -> str:
        spec = self.schema.properties[name]
        rows = [("Kiểu", esc(type_text(spec)))]
        required = [kind for kind in self.schema.kinds if name in self.schema.required_for(kind)]
        optional = [kind for kind in self.schema.kinds_using(name) if kind not in required]
        rows.append(("Bắt buộc với", self._kinds(required) or "không loại nào"))
        if optional:
            rows.append(("Tùy chọn với", self._kinds(optional)))
        conditions = [self._condition_text(rule["if"]) for rule in self.schema.conditional_rules
                      if list(rule["if"]["properties"]) != ["kind"] and name in rule["then"].get("required", [])]
        if conditions:
            rows.append(("Bắt buộc khi", " hoặc ".join(conditions)))
        limits = constraint_texts(spec) + constraint_texts(spec.get("items", {}))
        limits += [f"{esc(self._kind_label(kind))}: " + ", ".join(constraint_texts(override))
                   for kind, override in self._overrides(name)]
        if limits:
            rows.append(("Giới hạn", "; ".join(limits)))
        if "default" in spec:
            rows.append(("Bỏ trống nghĩa là", f"<code>{esc(yaml.safe_dump(spec['default'], default_flow_style=True).strip())}</code>"))
        table = "".join(f"<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>" for label, value in rows)
        parts = [f'<h2 id="{field_anchor(name)}"><code>{esc(name)}</code> — {esc(self.schema.label(name))}</h2>',
                 f"<p>{esc(spec.get('description', ''))}</p>",
                 f'<div class="tb-reference-field"><table><tbody>{table}</tbody></table></div>',
                 self._allowed(spec), self._subfields(spec)]
        if spec.get("examples"):
            parts.append(f'<p>Ví dụ:</p>\n<pre><code class="language-yaml">{esc(example_yaml(name, spec["examples"][0]))}</code></pre>')
        return "\n".join(part for part in parts if part)

    def _kinds(self, kinds: list[str]) -> str:
        return ", ".join(f"{esc(self._kind_label(kind))} (<code>{esc(kind)}</code>)" for kind in kinds)

    def _overrides(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        return [(kind, rule["properties"][name]) for kind, rule in self.schema.rules_by_kind.items()
                if name in rule.get("properties", {})]

    def _allowed(self, spec: dict[str, Any]) -> str:
        """Allowed values with their labels: an enum in the schema, or a vocabulary list."""
        target = spec.get("items", spec)
        if "enum" in target:
            values = {value: target.get("x-enum-labels", {}).get(value, "") for value in target["enum"]}
            caption = "Giá trị được phép"
        elif target.get("x-vocabulary"):
            name = target["x-vocabulary"]
            values = self.vocabulary.labels(name)
            caption = f"Giá trị được phép (danh mục <code>{esc(name)}</code> trong <code>topics/_vocabulary.yml</code>)"
        else:
            return ""
        rows = "".join(f"<tr><td><code>{esc(value)}</code></td><td>{esc(label)}</td></tr>" for value, label in values.items())
        return (f'<div class="tb-table-wrap tb-reference-values"><table><caption>{caption}</caption>'
                f'<thead><tr><th scope="col">Giá trị</th><th scope="col">Nghĩa</th></tr></thead><tbody>{rows}</tbody></table></div>')

    def _subfields(self, spec: dict[str, Any]) -> str:
        item = spec.get("items", {})
        if item.get("type") != "object":
            return ""
        required = set(item.get("required", []))
        rows = []
        for name, sub in item["properties"].items():
            limits = "; ".join(constraint_texts(sub))
            rows.append(f"<tr><td><code>{esc(name)}</code></td><td>{esc(sub.get('x-label', name))}</td>"
                        f"<td>{esc(type_text(sub))}</td><td>{'bắt buộc' if name in required else 'tùy chọn'}</td>"
                        f"<td>{limits}</td></tr>")
        head = "".join(f'<th scope="col">{label}</th>' for label in ("Trường con", "Nghĩa", "Kiểu", "", "Giới hạn"))
        head = head.replace('<th scope="col"></th>', '<th scope="col">Bắt buộc</th>')
        return (f'<div class="tb-table-wrap tb-reference-subfields"><table><caption>Trường con của mỗi mục trong danh sách</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

    def _templates(self) -> str:
        if not self.templates:
            return ""
        parts = ['<h2 id="mau">Tệp mẫu cho từng loại mục</h2>',
                 "<p>Các mẫu nằm trong <code>topics/_mau/</code>. Thay mọi chỗ <code>FIXME</code>; bộ kiểm tra cảnh báo "
                 "<code>[fixme]</code> ở từng dòng còn sót.</p>"]
        for kind, template in self.templates.items():
            link = self.new_file_urls.get(kind)
            action = (f' — <a href="{esc(link)}" rel="noopener noreferrer">tạo tệp mới từ mẫu này trên GitHub</a>'
                      if link else "")
            parts.append(f'<h3 id="mau-{esc(kind)}">{esc(self._kind_label(kind))} (<code>topics/_mau/{esc(kind)}.md</code>){action}</h3>')
            parts.append(f'<pre><code class="language-yaml">{esc(template.text)}</code></pre>')
        return "\n".join(parts)
