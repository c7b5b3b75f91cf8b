"""Banks in layers: each layering mistake is caught at its line with its code; the provincial fixture builds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from topicbank import BankSource, load_banks

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"


def two_banks(tmp_path: Path) -> tuple[Path, Path]:
    """A small "national" bank (the valid examples) and an empty local one, under one site folder."""
    national = tmp_path / "chung"
    shutil.copytree(VALID, national)
    local = tmp_path / "topics"
    local.mkdir()
    return national, local


def copy_entry(source: Path, target: Path, *, override: bool = False, title: str | None = None) -> None:
    text = source.read_text(encoding="utf-8")
    if override:
        text = text.replace("status: draft\n", "status: draft\noverride: true\n", 1)
    if title:
        text = text.replace(text.split("\n")[2], f"title: {title}", 1)
    target.write_text(text, encoding="utf-8")


LAYER_CASES = ROOT / "tests" / "examples" / "layers"
LAYER_EXPECTATIONS: dict[str, list[str]] = yaml.safe_load((LAYER_CASES / "expectations.yml").read_text("utf-8"))


@pytest.mark.parametrize("case", sorted(LAYER_EXPECTATIONS))
def test_each_layering_mistake_is_reported_at_its_line(tmp_path: Path, case: str) -> None:
    national = tmp_path / "chung"
    shutil.copytree(VALID, national)
    shutil.copy2(ROOT / "topics" / "_vocabulary.yml", national / "_vocabulary.yml")
    shutil.copytree(LAYER_CASES / case, tmp_path, dirs_exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    hide = ()
    if config.exists():
        hide = tuple(yaml.safe_load(config.read_text("utf-8"))["plugins"][0]["topicbank"].get("hide", ()))
    result = load_banks([BankSource("chung", national, "Ngân hàng chung"), BankSource("topics", tmp_path / "topics")],
                        tmp_path, hide=hide, config_file=config)
    assert {f"{item.path}:{item.line}:{item.code}" for item in result.problems if item.is_error} \
        == set(LAYER_EXPECTATIONS[case])


def test_override_replaces_the_earlier_entry_everywhere(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    copy_entry(national / "vi-du-huong-dan.md", local / "vi-du-huong-dan.md", override=True, title="Bản của tỉnh")
    result = load_banks([BankSource("chung", national, "Ngân hàng chung"), BankSource("topics", local, "Tỉnh")],
                        tmp_path)
    assert result.ok, [item.format() for item in result.errors]
    entry = result.bank.by_id["vi-du-huong-dan"]
    assert entry.title == "Bản của tỉnh" and entry.bank == "topics" and entry.overrides == "chung"
    assert [e.id for e in result.bank.entries].count("vi-du-huong-dan") == 1
    assert result.bank.bank_label(entry) == "Tỉnh" and result.bank.is_layered


def test_hiding_an_uncited_entry_leaves_it_out(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    result = load_banks([BankSource("chung", national), BankSource("topics", local)], tmp_path,
                        hide=("vi-du-van-ban-cu",))
    assert result.ok, [item.format() for item in result.errors]
    assert "vi-du-van-ban-cu" not in result.bank.by_id


def test_a_later_bank_adds_vocabulary_values(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    shutil.copy2(ROOT / "topics" / "_vocabulary.yml", national / "_vocabulary.yml")
    (local / "_vocabulary.yml").write_text('series:\n  loat-moi: "Loạt mới của tỉnh"\n', encoding="utf-8")
    result = load_banks([BankSource("chung", national), BankSource("topics", local)], tmp_path)
    assert result.ok and result.bank.vocabulary.label("series", "loat-moi") == "Loạt mới của tỉnh"
    assert result.bank.vocabulary.label("series", "chi-thi-05") != "chi-thi-05"  # the national values stay


# -- the provincial fixture site (tests/fixtures/tinh), built from the working tree's package ---------------

FIXTURE = ROOT / "tests" / "fixtures" / "tinh"
ORGANISATION = "Đảng bộ tỉnh Ví Dụ"


@pytest.fixture(scope="module")
def provincial_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("tinh")
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("TOPICBANK_")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")],
                            cwd=folder, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return folder / "site"


def _page(site: Path, entry_id: str) -> str:
    return (site / "muc" / entry_id / "index.html").read_text(encoding="utf-8")


def _topics(site: Path) -> dict[str, dict]:
    import json

    data = json.loads((site / "topics.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in (data["topics"] if isinstance(data, dict) else data)}


def test_provincial_site_holds_both_banks_with_their_provenance(provincial_site: Path) -> None:
    local = _page(provincial_site, "truyen-thong-dang-bo-tinh-vi-du")
    assert ORGANISATION in local  # the bank's label names where the entry comes from
    national = _page(provincial_site, "chi-thi-50-ct-tw-2025")
    assert "Ngân hàng chung" in national
    override = _page(provincial_site, "tu-soi-tu-sua")
    assert "Tự soi, tự sửa (bản của Đảng bộ tỉnh Ví Dụ)" in override and "điều chỉnh từ ngân hàng chung" in override.lower()
    assert not (provincial_site / "muc" / "ngay-bao-chi-cach-mang-viet-nam-21-6").exists()  # hidden
    records = _topics(provincial_site)
    assert records["truyen-thong-dang-bo-tinh-vi-du"]["bank"] == "topics"
    assert records["chi-thi-50-ct-tw-2025"]["bank"] == "national"
    assert records["tu-soi-tu-sua"]["bank"] == "topics" and "ngay-bao-chi-cach-mang-viet-nam-21-6" not in records
    assert (provincial_site / "schema" / "topics.schema.json").is_file()  # the documented shape of topics.json


def test_provincial_indexes_search_and_calendar_follow_the_layers(provincial_site: Path) -> None:
    series = (provincial_site / "loat" / "truyen-thong-tinh-vi-du" / "index.html").read_text(encoding="utf-8")
    assert "Truyền thống Đảng bộ tỉnh Ví Dụ" in series and "truyen-thong-dang-bo-tinh-vi-du" in series
    search = (provincial_site / "search" / "tb-index.js").read_text(encoding="utf-8")
    assert "Mô hình dân vận khéo của tỉnh Ví Dụ" in search and "bản của Đảng bộ tỉnh Ví Dụ" in search
    assert "Ngày Báo chí cách mạng" not in search
    from icalendar import Calendar

    calendar = Calendar.from_ical((provincial_site / "lich-sinh-hoat.ics").read_bytes())
    descriptions = " ".join(str(event.get("description")) for event in calendar.walk("VEVENT"))
    assert "Mô hình dân vận khéo của tỉnh Ví Dụ" in descriptions and "Ngày Báo chí cách mạng" not in descriptions
    agenda = _page(provincial_site, "sinh-hoat-chuyen-de-truyen-thong-tinh")
    assert 'href="../ky-niem-ngay-thanh-lap-dang-3-2/"' in agenda  # a local agenda uses a national theme


def test_provincial_kits_and_home_page_carry_the_organisation(provincial_site: Path) -> None:
    kit = (provincial_site / "bo-tai-lieu" / "truyen-thong-dang-bo-tinh-vi-du" / "index.html").read_text("utf-8")
    assert ORGANISATION.upper() in kit or ORGANISATION in kit
    home = (provincial_site / "index.html").read_text(encoding="utf-8")
    assert ORGANISATION in home


def test_provincial_finder_filters_by_bank(provincial_site: Path, browser) -> None:
    from conftest import serve_directory

    server, url = serve_directory(provincial_site)
    try:
        page = browser.new_page()
        page.goto(f"{url}/tim-chuyen-de/?bank=topics")
        page.wait_for_selector("#tb-finder-results li")
        titles = page.locator("#tb-finder-results li").all_inner_texts()
        assert titles and all("Ví Dụ" in title or "tỉnh" in title.lower() for title in titles), titles
        page.close()
    finally:
        server.shutdown()


@pytest.mark.slow
def test_new_bank_writes_a_site_whose_own_test_command_passes(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "ngan-hang-xa"
    made = subprocess.run([sys.executable, "-m", "topicbank.cli", "new-bank", str(folder), "--organisation",
                           "Đảng bộ xã Ví Dụ", "--topicbank", f"topicbank @ {ROOT.as_uri()}"],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    for name in ("mkdocs.yml", "requirements.txt", "README.md", "CONTRIBUTING.md", "scripts/dev.py",
                 "topics/_vocabulary.yml", ".github/workflows/pull-request.yml", ".github/workflows/deploy.yml"):
        assert (folder / name).is_file(), name
    assert "python3 scripts/dev.py serve" in (folder / "README.md").read_text("utf-8")
    again = subprocess.run([sys.executable, "-m", "topicbank.cli", "new-bank", str(folder), "--organisation", "X"],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "không ghi đè" in again.stdout  # never writes into a folder with files
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TOPICBANK_", "VIRTUAL_ENV"))}
    test = subprocess.run([sys.executable, "scripts/dev.py", "test"], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=1500)
    assert test.returncode == 0, test.stdout[-3000:] + test.stderr[-3000:]
    assert (folder / "site" / "muc" / "hoc-tap-nghi-quyet-dai-hoi-dang-bo" / "index.html").is_file()
