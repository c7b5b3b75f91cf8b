"""Copy the pinned browser libraries into the package: python3 scripts/vendor_js.py [--check].

The site's year plan, meeting and minutes pages fill Word templates in the browser (docxtemplater,
PizZip) and write the cell's calendar (ical.js). Readers' browsers never load anything from npm or a
CDN: the browser builds are copied into hooks/topicbank/assets/vendor/<package>/ with their licence
files, and the plugin ships them like every other asset.

package.json and package-lock.json (repository root) pin the versions. This script installs exactly
those (`npm ci`) in a temporary folder, so the repository gets no node_modules/, then copies the
files listed in FILES. Licence files are renamed *.txt: every file under assets/ is copied into the site,
and MkDocs would take a LICENSE.md for a page. --check compares instead of copying and fails when a vendored file differs
(or a pinned version changed without running the script).

To update a library: change its version in package.json, run `npm install --package-lock-only`,
then this script, and test (tests/test_meeting.py).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "hooks" / "topicbank" / "assets" / "vendor"

# package -> [(file in the npm package, name in assets/vendor/<package>/)]
FILES = {
    "docxtemplater": [("build/docxtemplater.min.js", "docxtemplater.min.js"), ("LICENSE.md", "LICENSE.txt")],
    # PizZip's browser build bundles pako (its header says which version); pako's licence goes beside it.
    "pizzip": [("dist/pizzip.min.js", "pizzip.min.js"), ("LICENSE.markdown", "LICENSE.txt"),
               ("dist/pizzip.min.js.LICENSE.txt", "pizzip.min.js.LICENSE.txt")],
    "pako": [("LICENSE", "LICENSE.txt")],
    "ical.js": [("dist/ical.es5.min.cjs", "ical.min.js"), ("LICENSE", "LICENSE.txt")],
    # The editing form (soan-thao/bieu-mau/, render/editor.py): Sveltia CMS, its Vietnamese strings (editor.js
    # serves them instead of unpkg.com) and the three fonts its stylesheet loads (see PATCHES).
    "@sveltia/cms": [("dist/sveltia-cms.js", "sveltia-cms.js"), ("locales/vi.json", "vi.json"),
                     ("LICENSE.txt", "LICENSE.txt")],
    "@fontsource-variable/source-sans-3": [("files/source-sans-3-latin-wght-normal.woff2",
                                            "source-sans-3-latin-wght-normal.woff2"), ("LICENSE", "LICENSE.txt")],
    "@fontsource/noto-mono": [("files/noto-mono-latin-400-normal.woff2", "noto-mono-latin-400-normal.woff2"),
                              ("LICENSE", "LICENSE.txt")],
    "@fontsource-variable/material-symbols-outlined": [
        ("files/material-symbols-outlined-latin-wght-normal.woff2", "material-symbols-outlined-latin-wght-normal.woff2"),
        ("LICENSE", "LICENSE.txt")],
}
VERSIONS_FILE = "VERSIONS.json"
# Text replaced in a copied file, each exactly once (else the script stops: the library changed). Sveltia CMS's
# stylesheet names its fonts on cdn.jsdelivr.net; the form's page loads them from the site instead (relative to
# soan-thao/bieu-mau/, the only page that loads the CMS), the same files as the fontsource packages above.
_FONT_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
_FONTS_HERE = "../../assets/vendor/"
PATCHES = {
    ("@sveltia/cms", "sveltia-cms.js"): [
        (f"{_FONT_CDN}source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
         f"{_FONTS_HERE}@fontsource-variable/source-sans-3/source-sans-3-latin-wght-normal.woff2"),
        (f"{_FONT_CDN}noto-mono@5.3.0/latin-400-normal.woff2",
         f"{_FONTS_HERE}@fontsource/noto-mono/noto-mono-latin-400-normal.woff2"),
        (f"{_FONT_CDN}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
         f"{_FONTS_HERE}@fontsource-variable/material-symbols-outlined/material-symbols-outlined-latin-wght-normal.woff2"),
    ],
}


def vendored_bytes(package: str, name: str, source: Path) -> bytes:
    """The file as it goes into the package: the npm file, with its PATCHES applied."""
    data = source.read_bytes()
    patches = PATCHES.get((package, name))
    if not patches:
        return data
    text = data.decode("utf-8")
    for old, new in patches:
        if text.count(old) != 1:
            raise SystemExit(f"{package}/{name}: không thấy đúng một lần «{old}»; thư viện đã đổi, sửa PATCHES.")
        text = text.replace(old, new)
    return text.encode("utf-8")


def installed(folder: Path) -> Path:
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, folder / name)
    subprocess.run(["npm", "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=folder, check=True)
    return folder / "node_modules"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Chép các thư viện trình duyệt đã ghim vào hooks/topicbank/assets/vendor/.")
    parser.add_argument("--check", action="store_true", help="chỉ so sánh, không chép")
    args = parser.parse_args(argv)
    differences = []
    with tempfile.TemporaryDirectory() as temporary:
        modules = installed(Path(temporary))
        versions = {name: json.loads((modules / name / "package.json").read_text(encoding="utf-8"))["version"]
                    for name in FILES}
        for package, files in FILES.items():
            target = VENDOR / package
            target.mkdir(parents=True, exist_ok=True)
            for source, name in files:
                if args.check:
                    if not (target / name).is_file() or (target / name).read_bytes() != vendored_bytes(
                            package, name, modules / package / source):
                        differences.append(f"{package}/{name}")
                else:
                    (target / name).write_bytes(vendored_bytes(package, name, modules / package / source))
        text = json.dumps(versions, indent=2, sort_keys=True) + "\n"
        if args.check:
            if not (VENDOR / VERSIONS_FILE).is_file() or (VENDOR / VERSIONS_FILE).read_text(encoding="utf-8") != text:
                differences.append(VERSIONS_FILE)
        else:
            (VENDOR / VERSIONS_FILE).write_text(text, encoding="utf-8")
    if differences:
        print("Khác với phiên bản đã ghim: " + ", ".join(differences), file=sys.stderr)
        return 1
    print(f"Thư viện trình duyệt: {', '.join(f'{name} {version}' for name, version in sorted(versions.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
