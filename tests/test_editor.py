"""The editing form (soan-thao/): Sveltia CMS configured from the schema, driven in real Chromium.

The form works on a "local clone" here: Chromium's File System Access API, with the folder picker
answered by a folder of the browser's own private file system (OPFS) that holds the test site's files
and a .git folder. That is the CMS's real local backend, writing real files; the test then copies them
into the site, runs the validator on them and rebuilds the site.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import serve_directory
from test_plugin import LOCAL_THEME, mkdocs_build

from topicbank.render.cms_config import CmsConfig, Repository, content_security_policy, field_order
from topicbank.render.editor import EditorPages
from topicbank.render.text import Urls
from topicbank.schema import Schema, load_vocabulary
from topicbank.templates import load_templates, slugify

ROOT = Path(__file__).resolve().parent.parent
EDIT_URL = "https://github.com/vi-du/ngan-hang/edit/main/"  # a test site's edit_url (this repository sets none)
SITE = f"""\
site_name: Ngân hàng chuyên đề của Đảng bộ ví dụ
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
  - topicbank:
      banks: [national, topics]
      edit_url: {EDIT_URL}
      formats: [html]
      offline_zip: false
"""
# The folder picker, answered with a folder of the origin's private file system holding `files`.
LOCAL_CLONE = """
window.__tbClone = async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('clone', {recursive: true}); } catch (error) {}
  const clone = await root.getDirectoryHandle('clone', {create: true});
  await clone.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = clone;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
};
window.__tbFiles = async () => {
  const files = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('clone'), '');
  return files;
};
window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('clone');
"""
LOCAL_BUTTON = "Làm việc với kho mã nguồn cục bộ"


def site_files(folder: Path) -> dict[str, str]:
    """What a clone of the site's repository holds: mkdocs.yml, docs/ and the bank (no build output, no cache)."""
    paths = [folder / "mkdocs.yml"] + [path for part in ("docs", "topics") for path in (folder / part).rglob("*")]
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in paths if path.is_file()}


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committee's site (national bank + its own topics/ with one theme) with edit_url, built."""
    folder = tmp_path_factory.mktemp("editor")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (folder / "topics" / "xay-dung-dang").mkdir(parents=True)
    (folder / "topics" / "xay-dung-dang" / "chuyen-de-rieng.md").write_text(LOCAL_THEME, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


@pytest.fixture(scope="module")
def editor_url(editor_site: Path):
    server, url = serve_directory(editor_site / "site")
    yield url
    server.shutdown()


# -- the configuration, from the schema ----------------------------------------------------------------


def national_config(edit_url: str | None = EDIT_URL) -> dict:
    from topicbank import load_bank
    bank = load_bank(ROOT / "topics", repo_root=ROOT).bank
    return EditorPages(bank, Urls(), load_templates(bank.schema.kinds), ("topics",), edit_url).config.document()


def test_config_has_a_collection_per_kind_with_the_schemas_fields_labels_and_limits() -> None:
    schema, vocabulary = Schema.load(), load_vocabulary(ROOT / "topics")
    config = national_config()
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "vi-du/ngan-hang", "branch": "main",
                                 "auth_methods": ["token"]}
    collections = {item["name"]: item for item in config["collections"]}
    themes = [item for item in collections.values() if item.get("filter", {}).get("value") == "theme"]
    assert len(themes) == len(vocabulary.labels("series"))  # one theme collection per series, in its folder
    assert {item["folder"] for item in themes} == {f"topics/{series}" for series in vocabulary.labels("series")}
    templates = load_templates(schema.kinds)
    for collection in themes + [collections[kind] for kind in ("guidance", "agenda", "document")]:
        kind = collection["filter"]["value"]
        fields = {field["name"]: field for field in collection["fields"]}
        assert [field["name"] for field in collection["fields"]] == field_order(schema, kind, templates[kind]) + ["body"]
        assert fields["kind"] == {"name": "kind", "widget": "hidden", "default": kind}
        assert fields["status"]["default"] == "draft" and fields["status"]["readonly"] is True
        for name in schema.required_for(kind):
            assert fields[name].get("required", True) is True or fields[name]["widget"] == "hidden", name
        for name, field in fields.items():
            if name in schema.properties and field["widget"] != "hidden":
                assert field["label"] == schema.label(name)
                assert schema.properties[name]["description"] in field["hint"], name
        assert fields["audience"]["options"] == [{"label": label, "value": value}
                                                 for value, label in vocabulary.labels("audience").items()]
        assert fields["tags"]["multiple"] is True
        assert {"widget": "relation", "collection": "muc", "multiple": True} | fields["references"] == fields["references"]
        assert fields["references"]["filters"] == [{"field": "kind", "values": ["document"]}]
        assert "title" in fields["related"]["search_fields"] and "filters" not in fields["related"]
    theme = {field["name"]: field for field in themes[0]["fields"]}
    assert [option["value"] for option in theme["months"]["options"]] == list(range(1, 13))
    assert theme["months"]["options"][4]["label"] == "Tháng 5" and theme["months"]["min"] == 1
    assert theme["questions"]["min"] == 2 and theme["questions"]["widget"] == "list"
    assert theme["duration_minutes"] | {"min": 30, "max": 240, "value_type": "int"} == theme["duration_minutes"]
    assert theme["series"]["widget"] == "hidden"  # the collection is the series
    agenda = {field["name"]: field for field in collections["agenda"]["fields"]}
    assert agenda["steps"]["min"] == 3 and [sub["name"] for sub in agenda["steps"]["fields"]] == ["title", "minutes",
                                                                                                   "lead", "notes"]
    assert agenda["topics"]["filters"] == [{"field": "kind", "values": ["theme"]}]
    document = {field["name"]: field for field in collections["document"]["fields"]}
    assert document["issued"]["pattern"][0] == schema.properties["issued"]["pattern"]
    assert document["validity"]["options"][1] == {"label": "Đã được thay thế", "value": "superseded"}
    assert config["output"]["yaml"]["quote"] == "double" and config["output"]["omit_empty_optional_fields"] is True


def test_config_follows_a_vocabulary_change(tmp_path: Path) -> None:
    from topicbank import load_bank
    bank = load_bank(ROOT / "topics", repo_root=ROOT).bank
    bank.vocabulary.labels("tags")["thu-moi"] = "Nhãn mới"
    document = CmsConfig(bank, load_templates(bank.schema.kinds), "topics", None).document()
    tags = next(field for field in document["collections"][0]["fields"] if field["name"] == "tags")
    assert {"label": "Nhãn mới", "value": "thu-moi"} in tags["options"]


@pytest.mark.parametrize("label", ["Nhãn mới", "Nhãn 😀 mới", "Dòng\u2028mới", "x" * 1200])
def test_config_is_pyyamls_own_text_whichever_emitter_writes_it(label: str) -> None:
    """libyaml writes the configuration when it writes the same bytes; text it would write otherwise (an emoji, a
    line separator, a long line) goes through PyYAML's own emitter."""
    from topicbank import load_bank
    from topicbank.render import cms_config
    bank = load_bank(ROOT / "topics", repo_root=ROOT).bank
    bank.vocabulary.labels("tags")["thu-moi"] = label
    config = CmsConfig(bank, load_templates(bank.schema.kinds), "topics", None)
    expected = yaml.dump(config.document(), Dumper=cms_config._Dumper, allow_unicode=True, sort_keys=False, width=1000)
    assert config.yaml().endswith(expected)
    assert cms_config._libyaml_writes_the_same(config.document()) == (label == "Nhãn mới")


def test_without_edit_url_the_form_reaches_no_host_and_names_no_repository() -> None:
    config = national_config(None)
    assert config["backend"]["repo"] == "-/chua-cau-hinh" and "branch" not in config["backend"]
    assert "github.com" not in content_security_policy(False)
    assert "connect-src 'self' data: blob: https://api.github.com;" in content_security_policy(True)
    assert Repository.from_edit_url("https://gitlab.com/a/b/-/edit/main/") is None
    assert Repository.from_edit_url("https://github.com/a/b/edit/dev/site/") == Repository("a/b", "dev", "site")


def test_this_site_has_the_editor_page_in_the_nav_without_a_repository(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="soan-thao/"' in home
    guide = (built_site / "soan-thao" / "index.html").read_text(encoding="utf-8")
    content = guide.split('class="md-content"')[1]
    # no repository is named: the only GitHub address is the placeholder showing how to write edit_url
    assert "Trang web chưa gắn với kho mã" in guide and 'href="https://github.com' not in content
    assert content.replace("https://github.com/TÊN/KHO/edit/main/", "").count("github.com/") == 0
    app = (built_site / "soan-thao" / "bieu-mau" / "index.html").read_text(encoding="utf-8")
    assert 'data-configured="false"' in app and "api.github.com" not in app
    assert (built_site / "assets" / "vendor" / "@sveltia" / "cms" / "sveltia-cms.js").is_file()


# -- in Chromium ---------------------------------------------------------------------------------------


def open_form(page, editor_url: str, files: dict[str, str] | None = None) -> None:
    page.set_viewport_size({"width": 1280, "height": 4000})  # the form shows its fields as they scroll into view
    page.add_init_script(LOCAL_CLONE)
    page.goto(editor_url + "soan-thao/bieu-mau/")
    if files is not None:
        page.evaluate("files => window.__tbClone(files)", files)
        page.get_by_role("button", name=LOCAL_BUTTON).click()
        page.get_by_role("treeitem", name="Văn bản").wait_for()


@pytest.mark.browser
def test_editor_loads_from_the_site_with_no_outside_request_before_sign_in(page, editor_url: str) -> None:
    blocked: list[str] = []
    page.on("requestfailed", lambda request: blocked.append(request.url))
    page.goto(editor_url + "soan-thao/")
    assert page.get_by_role("link", name="Mở biểu mẫu").count() == 1
    assert "vi-du/ngan-hang" in page.locator("article").inner_text()
    page.get_by_role("link", name="Mở biểu mẫu").click()
    page.get_by_role("button", name=LOCAL_BUTTON).wait_for()
    page.get_by_role("button", name="Đăng nhập bằng mã truy cập").wait_for()
    assert page.get_by_role("button", name=re.compile("Đăng nhập bằng GitHub")).count() == 0  # OAuth: no server
    page.wait_for_timeout(1500)
    assert page.outside_requests == [] and [url for url in blocked if not url.startswith("http://127.0.0.1")] == []


@pytest.mark.browser
def test_every_kind_is_shown_with_vietnamese_labels(page, editor_url: str, editor_site: Path) -> None:
    open_form(page, editor_url, site_files(editor_site))
    vocabulary = load_vocabulary(ROOT / "topics")
    for label in ["Hướng dẫn", "Chương trình mẫu", "Văn bản"] + [f"Chuyên đề: {label}"
                                                               for label in vocabulary.labels("series").values()]:
        assert page.get_by_role("treeitem", name=label, exact=True).count() == 1, label
    page.evaluate("location.hash = '#/collections/theme_xay_dung_dang/new'")
    for label in ("Tiêu đề", "Tóm tắt", "Tình trạng", "Loại hình chi bộ", "Tháng gợi ý", "Câu hỏi thảo luận", "Nguồn"):
        page.get_by_role("group", name=f"Trường “⁨{label}⁩”", exact=True).wait_for()
    assert page.get_by_role("radio", name="Bản nháp, chưa đối chiếu nguồn").is_checked()
    assert page.get_by_role("button", name="Lưu").count() == 1
    assert page.outside_requests == []


class Form:
    """Fills Sveltia's fields by their Vietnamese labels, as a contributor does."""

    def __init__(self, page) -> None:
        self.page = page

    def field(self, label: str, within=None):
        return (within or self.page).get_by_role("group", name=f"Trường “⁨{label}⁩”", exact=True)

    def text(self, label: str, value: str, within=None) -> None:
        self.field(label, within).get_by_role("textbox").first.fill(value)

    def number(self, label: str, value: int, within=None) -> None:
        self.field(label, within).get_by_role("spinbutton").fill(str(value))

    def choose(self, label: str, *options: str) -> None:
        group = self.field(label)
        for option in options:
            choice = group.get_by_role("radio", name=option, exact=True).or_(
                group.get_by_role("checkbox", name=option, exact=True))
            if choice.count():
                choice.first.check()
                continue
            group.get_by_role("combobox").click()
            self.page.get_by_role("option", name=option, exact=True).click()

    def pick(self, label: str, search: str, option: str) -> None:
        """A relation picker: type a few letters of the title, pick the entry."""
        combobox = self.field(label).get_by_role("combobox")
        combobox.click()
        combobox.type(search)
        self.page.get_by_role("option").filter(has_text=option).first.click()

    def items(self, label: str, values: list[str]) -> None:
        for value in values:
            self.page.get_by_role("button", name=f"Thêm ⁨{label}⁩", exact=True).click()
            self.field(label).get_by_role("textbox").last.fill(value)

    def add(self, label: str):
        self.page.get_by_role("button", name=f"Thêm ⁨{label}⁩", exact=True).click()
        return self.field(label).get_by_role("group", name=re.compile("")).last

    def source(self, title: str, url: str) -> None:
        self.page.get_by_role("button", name="Thêm ⁨Nguồn⁩", exact=True).click()
        self.field("Tên nguồn", self.field("Nguồn")).last.get_by_role("textbox").fill(title)
        self.field("Địa chỉ", self.field("Nguồn")).last.get_by_role("textbox").fill(url)

    def body(self, text: str) -> None:
        self.field("Nội dung").get_by_role("textbox").click()
        self.page.keyboard.type(text)

    def save(self) -> None:
        self.page.get_by_role("button", name="Lưu", exact=True).click()
        self.page.wait_for_function("() => !location.hash.endsWith('/new')", timeout=15000)
        self.page.wait_for_timeout(1000)  # the CMS settles on the saved entry before the next one is opened

    def new(self, collection: str) -> None:
        self.page.evaluate(f"location.hash = '#/collections/{collection}/new'")
        self.field("Tiêu đề").wait_for()


DOCUMENT_TITLE = "Hướng dẫn thử số 1-HD/TH ngày 2/3/2025 về đổi mới sinh hoạt"
THEME_TITLE = "Đảng viên “nêu gương”: giữ mối liên hệ nơi cư trú"


@pytest.mark.browser
def test_form_creates_an_entry_of_each_kind_that_validates_and_builds(page, editor_url: str, editor_site: Path,
                                                                    tmp_path: Path) -> None:
    open_form(page, editor_url, site_files(editor_site))
    form = Form(page)

    form.new("document")
    form.text("Tiêu đề", DOCUMENT_TITLE)
    # typed decomposed (NFD), as some keyboards and copied text give it: the file must be NFC
    form.text("Tóm tắt", unicodedata.normalize("NFD", "Văn bản thử: hướng dẫn đổi mới sinh hoạt chi bộ."))
    form.text("Số, ký hiệu", "1-HD/TH")
    form.text("Ngày ban hành", "2025-03")
    form.text("Cơ quan ban hành", "Ban thử nghiệm")
    form.choose("Loại văn bản", "Hướng dẫn")
    form.choose("Hiệu lực", "Còn hiệu lực")
    form.source("Trang thử", "https://example.org/huong-dan-thu")
    form.body("Các điểm chính của văn bản thử.")
    form.save()

    form.new("theme_xay_dung_dang")
    form.text("Tiêu đề", THEME_TITLE)
    form.text("Tóm tắt", "Chuyên đề thử: đảng viên làm gương ở nơi mình ở.")
    form.choose("Từ khóa", "Nêu gương", "Nơi cư trú")
    form.pick("Văn bản trích dẫn", "thử số 1", DOCUMENT_TITLE)
    form.pick("Mục liên quan", "riêng", "Chuyên đề riêng của đảng bộ ví dụ")
    form.choose("Tháng gợi ý", "Tháng 5", "Tháng 9")
    form.number("Thời lượng (phút)", 60)
    form.items("Mục đích, yêu cầu", ["Hiểu việc giữ mối liên hệ với nơi cư trú."])
    form.items("Câu hỏi thảo luận", ["Chi bộ ta đã làm gì?", "Mỗi đồng chí sẽ làm gì: ở tổ dân phố?"])
    form.items("Việc làm, cam kết", ["Mỗi đảng viên nhận một việc ở nơi cư trú."])
    form.source("Nguồn thử", "https://example.org/nguon-thu")
    form.body("Nội dung chuyên đề thử.")
    form.save()

    form.new("guidance")
    form.text("Tiêu đề", "Cách ghi sổ theo dõi đảng viên nơi cư trú (thử)")
    form.text("Tóm tắt", "Hướng dẫn thử.")
    form.choose("Loạt chuyên đề", "Nghiệp vụ sinh hoạt chi bộ")
    form.source("Nguồn thử", "https://example.org/nguon-thu")
    form.body("Bước một: ghi tên.")
    form.save()

    form.new("agenda")
    form.text("Tiêu đề", "Chương trình thử 90 phút")
    form.text("Tóm tắt", "Chương trình sinh hoạt thường kỳ thử.")
    form.choose("Loại buổi sinh hoạt", "Sinh hoạt thường kỳ")
    form.number("Thời lượng (phút)", 90)
    form.pick("Chuyên đề dùng trong buổi", "nơi cư trú", "nêu gương")
    for title, minutes in (("Khai mạc", 5), ("Nội dung chính", 75), ("Bế mạc", 10)):
        page.get_by_role("button", name="Thêm ⁨Các bước⁩", exact=True).click()
        steps = form.field("Các bước")
        form.field("Tên bước", steps).last.get_by_role("textbox").fill(title)
        form.field("Số phút", steps).last.get_by_role("spinbutton").fill(str(minutes))
        form.field("Người phụ trách", steps).last.get_by_role("textbox").fill("Bí thư chi bộ")
    form.body("Ghi chú cho người chủ trì.")
    form.save()
    assert page.outside_requests == []

    written = {path: text for path, text in page.evaluate("() => window.__tbFiles()").items()
               if path.startswith("topics/") and path not in site_files(editor_site)}
    theme_id = slugify(THEME_TITLE)
    assert set(written) == {f"topics/van-ban/{slugify(DOCUMENT_TITLE)}.md", f"topics/xay-dung-dang/{theme_id}.md",
                            "topics/huong-dan/cach-ghi-so-theo-doi-dang-vien-noi-cu-tru-thu.md",
                            "topics/chuong-trinh-mau/chuong-trinh-thu-90-phut.md"}, sorted(written)
    site = tmp_path / "site-copy"
    shutil.copytree(editor_site, site, ignore=shutil.ignore_patterns("site", ".cache"))
    schema = Schema.load()
    for path, text in written.items():
        assert text == unicodedata.normalize("NFC", text), path
        front = yaml.safe_load(text.split("---\n")[1])
        kind = front["kind"]
        assert front["status"] == "draft"
        order = field_order(schema, kind, load_templates(schema.kinds)[kind])
        assert list(front) == [name for name in order if name in front], path  # the templates' order
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    theme = yaml.safe_load(written[f"topics/xay-dung-dang/{theme_id}.md"].split("---\n")[1])
    assert theme["months"] == [5, 9] and theme["duration_minutes"] == 60 and theme["series"] == "xay-dung-dang"
    assert theme["references"] == [slugify(DOCUMENT_TITLE)] and theme["related"] == ["chuyen-de-rieng"]

    check = subprocess.run([sys.executable, "-m", "topicbank.cli", "validate", "--config", "mkdocs.yml"], cwd=site,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and " lỗi" not in check.stdout.replace("0 lỗi", ""), check.stdout + check.stderr
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    page_html = (site / "site" / "muc" / theme_id / "index.html").read_text(encoding="utf-8")
    assert "Đảng viên “nêu gương”: giữ mối liên hệ nơi cư trú" in page_html
    assert (site / "site" / "bo-tai-lieu" / theme_id / "index.html").is_file()
