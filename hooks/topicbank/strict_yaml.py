"""YAML that cannot run code and never changes a value behind the author's back.

PyYAML follows YAML 1.1, where `no` is False, `1:30` is 90 and `012` is 10.
Here only `true`/`false`, plain decimal integers and `null`/`~` are typed;
everything else stays the string the author wrote. Values are built from the
node tree ourselves, so every field keeps its line and duplicate keys are caught.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Resolver(yaml.resolver.BaseResolver):
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """BaseResolver.resolve without the path and wildcard resolvers this resolver never has (it is called
        for every node, about 80 an entry)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_INT_TEXT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_Resolver.add_implicit_resolver(_INT, _INT_TEXT, list("-+0123456789"))
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


ALIAS_DETAIL = "dùng neo (&) và bí danh (*), không được phép trong phần đầu; hãy viết giá trị ra đầy đủ"
# Word, Zalo and phones turn a typed " into curly quotes, which YAML does not read as quotes.
CURLY_DOUBLE = "\u201c\u201d\u201e\u201f"  # “ ” „ ‟
CURLY_SINGLE = "\u2018\u2019\u201a\u201b"  # ‘ ’ ‚ ‛
_CURLY_OPENERS = CURLY_DOUBLE + CURLY_SINGLE
CURLY_KEPT = "dấu ngoặc cong sẽ thành một phần của văn bản"
CURLY_BROKE = "dấu hai chấm (:) hoặc # bên trong làm YAML hiểu sai dòng này"
# The start of a block line up to its value: indentation, list dashes, then a plain key and its colon.
_VALUE_START = re.compile(r"^\s*(?:-\s+)*(?:[^\s:\"'#\-\u201c-\u201f\u2018-\u201b][^:]*?:(?:\s+|$))?")


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


try:  # libyaml composes the same nodes about 5x faster; errors are still described by the pure-Python loader
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)
except ImportError:  # PyYAML built without libyaml
    _FastLoader = None  # type: ignore[assignment,misc]


@dataclass
class YamlIssue:
    kind: str  # "syntax", "tab", "tag", "duplicate-key", "not-a-mapping", "curly-quotes", "inner-quote"
    line: int  # 1-based, within the YAML text
    detail: str = ""


@dataclass
class ParsedYaml:
    data: dict[str, Any] | None
    lines: dict[Path, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)


def parse_mapping(text: str) -> ParsedYaml:
    """Parse YAML text that must be one mapping; lines are 1-based within `text`."""
    try:
        node = yaml.compose(text, Loader=_FastLoader) if _FastLoader else None  # type: ignore[arg-type]
    except yaml.YAMLError:
        node = None  # an error: compose again below for the pure-Python loader's message and line
    try:
        if node is None:
            node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        source_line = text.split("\n")[line - 1] if line - 1 < len(text.split("\n")) else ""
        if "\t" in source_line or "'\\t'" in str(error.problem):
            return ParsedYaml(None, issues=[YamlIssue("tab", line)])
        quote_issue = _quote_cause(source_line, line)
        if quote_issue:
            return ParsedYaml(None, issues=[quote_issue])
        return ParsedYaml(None, issues=[YamlIssue("syntax", line, _describe(error))])
    except yaml.YAMLError as error:  # errors without a position
        return ParsedYaml(None, issues=[YamlIssue("syntax", 1, str(error))])
    if node is None:
        return ParsedYaml({}, issues=[])
    if not isinstance(node, yaml.MappingNode):
        return ParsedYaml(None, issues=[YamlIssue("not-a-mapping", node.start_mark.line + 1)])
    builder = _Builder()
    data = builder.build(node, ())
    return ParsedYaml(data, builder.lines, builder.issues)


class _Builder:
    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}
        self.issues: list[YamlIssue] = []
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path) -> Any:
        line = node.start_mark.line + 1
        # An alias (*x) hands back a node already built: refuse it, or `&x [*x]` recurses forever
        # and nested aliases blow up ("billion laughs"). Front matter never needs them.
        if id(node) in self._seen:
            self.issues.append(YamlIssue("syntax", line, ALIAS_DETAIL))
            return None
        self._seen.add(id(node))
        self.lines.setdefault(path, line)
        if isinstance(node, yaml.ScalarNode):  # most nodes: asked first
            return self._scalar(node, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        self._check_tag(node, _SEQ, line)
        return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        self._check_tag(node, _MAP, node.start_mark.line + 1)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = self._scalar(key_node, key_line) if isinstance(key_node, yaml.ScalarNode) else None
            key = str(key) if key is not None else "?"
            if key in result:
                self.issues.append(YamlIssue("duplicate-key", key_line, key))
                continue
            self.lines[path + (key,)] = key_line  # the key's line, not the value's
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, line: int) -> Any:
        tag = node.tag
        if tag == _STR:
            if not node.style and node.value[:1] in _CURLY_OPENERS:  # plain text opening with “ or ‘
                return self._check_curly(node.value, line)
            return node.value
        if tag == _INT:
            try:
                return int(node.value)
            except ValueError:  # an explicit !!int on a non-number, or more digits than Python converts
                if not _INT_TEXT.match(node.value):
                    self.issues.append(YamlIssue("tag", line, "!!int"))
                return node.value  # a string: the checks report the wrong type at this line
        if tag == _BOOL:
            return node.value.lower() == "true"
        if tag == _NULL:
            return None
        self.issues.append(YamlIssue("tag", line, _short_tag(tag)))
        return node.value

    def _check_curly(self, value: str, line: int) -> str:
        """Curly quotes around a whole value are reported, not kept silently as part of the text.

        The value is returned without them, so the other checks see what the author meant.
        “a” and “b” is text that happens to start and end with quotes: it stays. A value that
        opens with a curly quote and never closes it was cut short (by a colon or a #)."""
        family = CURLY_DOUBLE if value[0] in CURLY_DOUBLE else CURLY_SINGLE
        inner = value[1:-1] if len(value) > 1 and value[-1] in family else None
        if inner is not None and any(char in family for char in inner):
            return value
        if inner is None and any(char in family for char in value[1:]):
            return value
        if not any(issue.kind == "curly-quotes" and issue.line == line for issue in self.issues):  # one per line
            self.issues.append(YamlIssue("curly-quotes", line, CURLY_KEPT if inner is not None else CURLY_BROKE))
        return inner.strip() if inner is not None else value

    def _check_tag(self, node: yaml.Node, expected: str, line: int) -> None:
        if node.tag != expected:
            self.issues.append(YamlIssue("tag", line, _short_tag(node.tag)))


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _quote_cause(source_line: str, line: int) -> YamlIssue | None:
    """The quoting mistake behind a syntax error on this line, when the line shows one.

    A value opening with a curly quote (“Chủ đề: mới”), or a quoted value that goes on
    after its closing quote because the same quote was used inside ("Anh nói "đúng" đấy")."""
    value = source_line[_VALUE_START.match(source_line).end():].strip()
    if value[:1] in CURLY_DOUBLE + CURLY_SINGLE:
        return YamlIssue("curly-quotes", line, CURLY_BROKE)
    if value[:1] not in ("\"", "'"):
        return None
    quote, index = value[0], 1
    while index < len(value):
        char = value[index]
        if quote == "\"" and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1:index + 2] == "'":  # '' is a quote inside '…'
                index += 2
                continue
            break
        index += 1
    rest = value[index + 1:].strip()
    if index < len(value) and rest and not rest.startswith(("#", ":", ",", "]", "}")):
        return YamlIssue("inner-quote", line, quote)
    return None


def _describe(error: yaml.MarkedYAMLError) -> str:
    text = error.problem or error.context or "lỗi không rõ"
    translations = {
        "mapping values are not allowed here": "có dấu hai chấm (:) ở chỗ không được; hãy đặt cả giá trị trong ngoặc kép thẳng \"…\"",
        "could not find expected ':'": "thiếu dấu hai chấm (:) sau tên trường",
        "found undefined alias": "dùng bí danh (*) chưa định nghĩa",
        "expected <block end>, but found": "thụt lề không đều",
        "did not find expected key": "thụt lề không đều hoặc thiếu dấu gạch đầu dòng",
        "found unexpected end of stream": "chuỗi mở ngoặc kép chưa đóng",
        "did not find expected '-' indicator": "thụt lề của danh sách không đều",
        "expected ',' or ']'": "danh sách trong [ ] có ký tự đặc biệt (? : # ,); hãy viết mỗi phần tử một dòng bắt đầu bằng - , hoặc đặt trong ngoặc kép",
        "expected ',' or '}'": "nhóm trong { } có ký tự đặc biệt; hãy đặt giá trị trong ngoặc kép",
        "found character that cannot start any token": "có ký tự không được phép ở đầu giá trị (ví dụ @ hoặc `); hãy đặt chuỗi trong ngoặc kép",
    }
    for english, vietnamese in translations.items():
        if text.startswith(english):
            return vietnamese
    return text
