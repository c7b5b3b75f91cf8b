"""The contribution path: reference page from the schema, "Thêm … mới" links, guides, editor and CI configuration."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from topicbank import load_bank
from topicbank.checks import EntryChecker
from topicbank.load import parse_entry
from topicbank.render.index_pages import KIND_PAGES
from topicbank.render.reference import ReferenceRenderer, field_anchor
from topicbank.schema import Schema, load_vocabulary
from topicbank.templates import DEFAULT_FOLDERS, load_templates

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Schema.load()
VOCABULARY = load_vocabulary(ROOT / "topics")
CONFIG_TEXT = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
EDIT_URL = "https://github.com/vi-du/ngan-hang/edit/main/"  # a test site's edit_url (this repository sets none)


def page_text(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_reference_page_covers_every_field_value_and_subfield() -> None:
    page = ReferenceRenderer(SCHEMA, VOCABULARY, load_templates(SCHEMA.kinds)).render()
    for name, spec in SCHEMA.properties.items():
        assert f'id="{field_anchor(name)}"' in page, name
        assert html.escape(spec["x-label"]) in page and html.escape(spec["description"]) in page, name
        for value, label in spec.get("x-enum-labels", {}).items():
            assert f"<td><code>{value}</code></td><td>{html.escape(label)}</td>" in page, value
        for sub, sub_spec in spec.get("items", {}).get("properties", {}).items():
            assert f"<td><code>{sub}</code></td><td>{html.escape(sub_spec['x-label'])}</td>" in page, sub
    for vocabulary in ("series", "audience", "tags"):
        for value, label in VOCABULARY.labels(vocabulary).items():
            assert f"<td><code>{value}</code></td><td>{html.escape(label)}</td>" in page, value
    for kind in SCHEMA.kinds:
        assert f'id="mau-{kind}"' in page


def test_reference_examples_are_valid_yaml_for_their_field() -> None:
    page = ReferenceRenderer(SCHEMA, VOCABULARY).render()
    examples = re.findall(r'<p>Ví dụ:</p>\n<pre><code class="language-yaml">(.*?)</code></pre>', page, re.S)
    assert len(examples) == len([spec for spec in SCHEMA.properties.values() if spec.get("examples")])
    for example in examples:
        parsed = yaml.safe_load(html.unescape(example))
        (name, value), = parsed.items()
        assert value == SCHEMA.properties[name]["examples"][0] or str(value) == SCHEMA.properties[name]["examples"][0]


def test_reference_page_follows_a_schema_change() -> None:
    document = json.loads(json.dumps(SCHEMA.document))
    document["properties"]["status"]["x-enum-labels"]["draft"] = "Nhãn mới <thử>"
    page = ReferenceRenderer(Schema(document), VOCABULARY).render()
    assert "<td><code>draft</code></td><td>Nhãn mới &lt;thử&gt;</td>" in page


def test_new_file_link_template_validates_except_for_fixme() -> None:
    for kind, template in load_templates(SCHEMA.kinds).items():
        raw, problems = parse_entry(template.text.encode("utf-8"), Path(f"ten-moi-{kind}.md"), f"ten-moi-{kind}.md")
        assert raw is not None
        problems += EntryChecker(SCHEMA, VOCABULARY).check(raw)
        assert {item.code for item in problems} == {"fixme"}, [item.format() for item in problems]


# -- the built site -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_with_edit_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site on the national bank with edit_url set: its index pages carry the "Thêm … mới" links."""
    from test_plugin import TEN_LINE_SITE, mkdocs_build, write_site

    folder = tmp_path_factory.mktemp("edit-url")
    write_site(folder, TEN_LINE_SITE + f"      edit_url: {EDIT_URL}\n      formats: [html]\n      offline_zip: false\n")
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def test_this_site_has_no_edit_or_new_entry_links_without_edit_url(built_site: Path) -> None:
    for src, *_ in KIND_PAGES.values():
        assert 'class="tb-new-entry"' not in page_text(built_site, src.removesuffix("index.md"))
    assert "/edit/" not in page_text(built_site, "muc/tu-soi-tu-sua")


@pytest.mark.parametrize("kind", list(KIND_PAGES))
def test_kind_pages_link_to_githubs_new_file_form_with_the_template(site_with_edit_url: Path, kind: str) -> None:
    src = KIND_PAGES[kind][0]
    text = page_text(site_with_edit_url, src.removesuffix("index.md"))
    match = re.search(r'<p class="tb-new-entry"><a class="md-button" href="([^"]+)"[^>]*>([^<]+)</a>', text)
    assert match, f"no new-entry link on {src}"
    url = html.unescape(match.group(1))
    parts = urlsplit(url)
    new_base = EDIT_URL.replace("/edit/", "/new/")
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{new_base}topics/{DEFAULT_FOLDERS[kind]}"
    assert (ROOT / "topics" / DEFAULT_FOLDERS[kind]).is_dir()  # a folder that exists
    query = parse_qs(parts.query)
    assert query["value"] == [(ROOT / "topics" / "_mau" / f"{kind}.md").read_text(encoding="utf-8")]
    assert query["filename"][0].endswith(".md") and len(url) < 8000  # GitHub refuses much longer URLs
    assert match.group(2).startswith("Thêm ")
    assert 'href="../dong-gop/">Hướng dẫn đóng góp</a>' in text


def test_contributing_section_is_in_the_nav_and_its_links_resolve(built_site: Path) -> None:
    home = page_text(built_site, "")
    for url in ("dong-gop/", "dong-gop/tra-cuu-truong/", "dong-gop/vscode/"):
        assert (built_site / url / "index.html").exists()
        assert f'href="{url}"' in home, url
    for url in ("dong-gop/", "dong-gop/vscode/", "dong-gop/tra-cuu-truong/"):
        for href in re.findall(r'href="([^"#]+schema[^"]*)"', page_text(built_site, url)):
            target = (built_site / url / href).resolve()
            assert target.is_file(), f"{url}: {href}"
            assert json.loads(target.read_text(encoding="utf-8"))["properties"]["audience"]["items"]["enum"]


def test_contributing_guide_names_only_things_that_exist() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"(?<![\w/])((?:scripts|topics|hooks|\.github)/[\w./-]*[\w/]|\.pre-commit-config\.yaml)", text))
    assert {"scripts/new_topic.py", "scripts/validate.py", "topics/_mau/theme.md"} <= paths
    for path in paths:
        assert (ROOT / path.rstrip("/")).exists(), path
    for code in re.findall(r"^\| `([a-z-]+)` \|", text, re.M):
        assert code in __import__("topicbank.problems", fromlist=["CHECKS"]).CHECKS, code
    kinds_section = text[text.index("## 5."):text.index("## 6.")]
    names = set(re.findall(r"`([a-z_]+)`", kinds_section))
    assert {"sources", "steps", "superseded_by", "theme", "document"} <= names
    subfields = {sub for spec in SCHEMA.properties.values() for sub in spec.get("items", {}).get("properties", {})}
    for name in names:  # every field the "what each kind needs" table names is in the contract
        enums = {value for spec in SCHEMA.properties.values() for value in spec.get("enum", [])}
        assert name in SCHEMA.properties or name in subfields or name in enums, name
    for kind in SCHEMA.kinds:
        for field in SCHEMA.required_for(kind):
            assert f"`{field}`" in kinds_section, (kind, field)


def test_vscode_problem_matcher_reads_the_validators_output(tmp_path: Path) -> None:
    tasks = json.loads("\n".join(line for line in (ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8").splitlines()
                                 if not line.strip().startswith("//")))
    matchers = tasks["tasks"][0]["problemMatcher"]
    warning = next(item for item in matchers if item["severity"] == "warning")["pattern"]["regexp"]
    error = next(item for item in matchers if item["severity"] == "error")["pattern"]["regexp"]
    bank = ROOT / "tests" / "examples" / "invalid"
    lines = [problem.format() for case in ("yaml-tab.md", "fixme-left.md", "combined-meeting-too-short.md")
             for problem in load_bank(_bank_with(tmp_path, bank / case), repo_root=tmp_path).problems]
    for line in lines:
        is_warning = " cảnh báo: " in line
        assert bool(re.match(warning, line)) is is_warning and bool(re.match(error, line)) is not is_warning, line
        path, number = re.match(error if not is_warning else warning, line).group(1, 2)
        assert (tmp_path / path).is_file() and int(number) >= 1


def _bank_with(tmp_path: Path, case: Path) -> Path:
    import shutil
    bank = tmp_path / "topics"
    if not bank.exists():
        shutil.copytree(ROOT / "tests" / "examples" / "valid", bank)
    shutil.copy2(case, bank / case.name)
    return bank


def test_pre_commit_runs_the_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local" and hook["entry"] == "python scripts/validate.py"
    assert re.match(hook["files"], "topics/chi-thi-05/x.md") and not hook["pass_filenames"]
    assert hook["language"] == "system"  # validate.py sets up and uses the project's own .venv
