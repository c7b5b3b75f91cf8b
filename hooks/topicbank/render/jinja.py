"""The one loader of the HTML fragments (hooks/topicbank/fragments/): a site's override folders first, ours last.

    render("entry.html", template_dirs, entry=…, body=Markup(html))

A site overrides a fragment by putting a file of the same name in <theme.custom_dir>/topicbank/
(the plugin passes that folder in BuildSettings.template_dirs), the way Material's own partials are overridden.

Autoescaping is on for every fragment. Values are escaped as html.escape escapes them, the function the
renderers used before templates, so pages stay byte-identical: markupsafe's own escape writes &#34; where
html.escape writes &quot; (and &#39; for &#x27;). Jinja writes each {{ value }} as
escape(environment.finalize(value)): two calls, and a Markup made by Python code, for each of the 150 or so
values of an entry page. Our code generator writes environment.escaped(value) instead: one call that returns the
escaped text (`_escaped`: the fragments of 1,000 entry pages took 0.88 s before, 0.45 s after). Constants, and
blocks whose autoescaping can change ({% autoescape %}), are left to Jinja, with `_finalize`.
Two Jinja features escape with markupsafe instead and are not used on front-matter values in our fragments:
the `~` operator and the `join` filter (join in Python, or loop).
A Markup value (the converted Markdown body, a macro's output) is never escaped twice.

A fragment whose first line is `{#- joined lines -#}` (the kit's print page) is written one element a line
for reading, but its lines are joined before compiling (indentation dropped, no newline kept), because the
page it makes is one line of HTML, byte for byte what it was, and inline text must not gain spaces.
Write a newline it needs as {{ "\\n" }}.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.nodes import Expr
from markupsafe import Markup

try:  # markupsafe's escaping, without the Markup around it (MarkupSafe 3)
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another MarkupSafe: the same text, more slowly
    def _escape_inner(text: str) -> str:
        return html.escape(text, quote=False)

FRAGMENTS_DIR = Path(__file__).resolve().parent.parent / "fragments"
JOINED_LINES = "{#- joined lines -#}"


class JoinedLines(Extension):
    """Joins the source lines of a fragment that starts with JOINED_LINES (see the module's docstring)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not source.startswith(JOINED_LINES):
            return source
        return "".join(line.lstrip() for line in source.splitlines())


def _finalize(value: Any) -> Any:
    if hasattr(value, "__html__"):  # Markup, a macro's output
        return value
    text = value if type(value) is str else str(value)
    if '"' in text or "'" in text:
        return Markup(html.escape(text, quote=True))
    # Without quotes, markupsafe's escape (which autoescaping applies next, in C) writes what html.escape writes:
    # &amp; &lt; &gt;. Most values are such; making each a Markup here cost a third of an entry page's fragments.
    return text


def _escaped(value: Any) -> str:
    """escape(_finalize(value)) in one call: the text a {{ value }} writes."""
    if type(value) is not str:
        if hasattr(value, "__html__"):  # Markup, a macro's output (StrictUndefined raises here, as it should)
            return value.__html__()
        value = str(value)
    if '"' in value or "'" in value:
        return html.escape(value, quote=True)
    return _escape_inner(value)  # & < > as html.escape writes them


class _EscapingCodeGenerator(CodeGenerator):
    """Writes environment.escaped(value) for each {{ value }} that Jinja would write as
    escape(environment.finalize(value)) (see the module's docstring). Jinja's Environment.code_generator_class
    is the way to choose it; these two methods are the ones Jinja 3.1 writes the calls with."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escaped(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class FragmentEnvironment(Environment):
    code_generator_class = _EscapingCodeGenerator
    escaped = staticmethod(_escaped)


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...] = ()) -> Environment:
    """One environment per set of override folders (a build has one), so each template is compiled once."""
    loader = FileSystemLoader([str(folder) for folder in template_dirs] + [str(FRAGMENTS_DIR)])
    # trim_blocks/lstrip_blocks: a {% tag %} on its own line leaves no line behind; StrictUndefined: a misspelt
    # name in an override fails the build instead of printing nothing.
    return FragmentEnvironment(loader=loader, autoescape=True, finalize=_finalize, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                               extensions=[JoinedLines])


def render(name: str, template_dirs: tuple[Path, ...] = (), /, **context: Any) -> str:
    return environment(tuple(template_dirs)).get_template(name).render(**context)


def template_files(template_dirs: Iterable[Path] = (), names: Iterable[str] | None = None) -> list[Path]:
    """The files a cache must hash: our fragments and each override (only `names` when given), in a stable order."""
    wanted = set(names) if names is not None else None
    files = []
    for folder in [FRAGMENTS_DIR, *template_dirs]:
        if folder.is_dir():
            files += sorted(path for path in folder.rglob("*.html")
                            if wanted is None or path.relative_to(folder).as_posix() in wanted)
    return files


__all__ = ["FRAGMENTS_DIR", "Markup", "environment", "render", "template_files"]
