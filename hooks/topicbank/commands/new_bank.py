"""topicbank new-bank THƯ-MỤC --organisation "Đảng bộ tỉnh …": a committee's own site on top of the national bank.

Writes mkdocs.yml (the plugin with banks [national, topics]), topics/ with a _vocabulary.yml and one example
entry (draft), docs/index.md, a pinned requirements.txt that installs topicbank, scripts/dev.py with the same
two commands as this repository (serve, test), the pull-request and Pages workflows, README and CONTRIBUTING.
It never writes into a folder that already has files.
"""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from ..console import VietnameseParser
from ..resources import PACKAGE_DIR

STARTER = PACKAGE_DIR / "starter"
EXAMPLE_ID = "hoc-tap-nghi-quyet-dai-hoi-dang-bo"
FILES = {  # target in the new site -> starter file (.tmpl files get {organisation} and the like filled in)
    "mkdocs.yml": "mkdocs.yml.tmpl",
    "requirements.txt": "requirements.txt.tmpl",
    "README.md": "README.md.tmpl",
    "CONTRIBUTING.md": "CONTRIBUTING.md.tmpl",
    ".gitignore": "gitignore.tmpl",
    "docs/index.md": "index.md.tmpl",
    "topics/_vocabulary.yml": "vocabulary.yml.tmpl",
    f"topics/{EXAMPLE_ID}.md": "example-theme.md.tmpl",
    "scripts/dev.py": "scripts/dev.py",
    ".github/workflows/pull-request.yml": "github/pull-request.yml",
    ".github/workflows/deploy.yml": "github/deploy.yml",
    ".github/pull_request_template.md": "github/pull_request_template.md",
}


def pinned_requirements(requirement: str) -> str:
    """The topicbank line, then every package it needs pinned at the version this command runs with."""
    seen: dict[str, str] = {}
    pending = ["topicbank"]
    while pending:
        name = pending.pop()
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for line in distribution.requires or []:
            if ";" in line and "extra ==" in line.split(";", 1)[1]:
                continue  # optional extras are not installed
            dependency = re.split(r"[\s;<>=!~\[(]", line, maxsplit=1)[0]
            key = dependency.lower().replace("_", "-")
            if key not in seen and key != "topicbank":
                try:
                    seen[key] = f"{metadata.distribution(dependency).metadata['Name']}=={metadata.version(dependency)}"
                except metadata.PackageNotFoundError:
                    continue
                pending.append(dependency)
    pins = "\n".join(sorted(seen.values(), key=str.lower))
    return f"{requirement}\n# Các gói topicbank cần, ghim đúng phiên bản đã thử cùng nhau:\n{pins}"


def write_bank(folder: Path, organisation: str, requirement: str) -> list[Path]:
    values = {"organisation": organisation.strip(), "example_id": EXAMPLE_ID,
              "topicbank_requirement": pinned_requirements(requirement)}
    written = []
    for target, source in FILES.items():
        text = (STARTER / source).read_text(encoding="utf-8")
        if source.endswith(".tmpl"):
            text = text.format(**values) if not source.startswith("mkdocs") else _fill_yaml(text, values)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _fill_yaml(text: str, values: dict[str, str]) -> str:
    """mkdocs.yml has braces of its own (none today, but flow maps are YAML): replace only our names."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value.replace('"', "'"))
    return text


def main(argv: list[str]) -> int:
    parser = VietnameseParser(prog="topicbank new-bank",
                              description="Tạo trang ngân hàng chuyên đề của một đảng bộ, dựng trên ngân hàng chung.")
    parser.add_argument("folder", type=Path, help="thư mục sẽ chứa trang mới (chưa có hoặc còn trống)")
    parser.add_argument("--organisation", required=True, help='tên đảng bộ, ví dụ "Đảng bộ tỉnh Hà Tĩnh"')
    parser.add_argument("--topicbank", default=f"topicbank=={metadata.version('topicbank')}",
                        help="dòng cài gói topicbank trong requirements.txt, ví dụ "
                             "'topicbank @ git+https://github.com/TÊN/KHO@v0.2.0' (mặc định: phiên bản đang dùng)")
    args = parser.parse_args(argv)
    if not args.organisation.strip():
        print("Cần tên đảng bộ: --organisation \"Đảng bộ tỉnh …\".")
        return 2
    if args.folder.exists() and any(args.folder.iterdir()):
        print(f"{args.folder}: thư mục đã có tệp; chọn một thư mục mới để không ghi đè gì.")
        return 1
    written = write_bank(args.folder, args.organisation, args.topicbank)
    print(f"Đã tạo {len(written)} tệp trong {args.folder}. Tiếp theo:\n"
          f"  cd {args.folder}\n  python3 scripts/dev.py serve   # xem trang tại http://127.0.0.1:8000\n"
          f"  python3 scripts/dev.py test    # kiểm tra và dựng thử")
    return 0
