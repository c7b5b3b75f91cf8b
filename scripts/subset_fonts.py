"""Make the site's and the kits' fonts: WOFF2, subset to Latin + Vietnamese, one file per style.

    python3 scripts/subset_fonts.py          # write hooks/topicbank/assets/fonts/*.woff2 and assets/css/fonts.css
    python3 scripts/subset_fonts.py --check  # fail if a committed file differs from what the sources give

Sources (fonts/source/, never shipped; SIL OFL 1.1, licences beside them and in assets/fonts/):
- Be Vietnam Pro 400, 400 italic, 700: the latin and vietnamese slices of Fontsource's copy of Google
  Fonts (the files the site shipped before, nine slices with latin-ext); each style's two slices are
  merged into one font, so a Vietnamese page loads one file per style instead of three;
- Noto Serif 400, 700, 400 italic, 700 italic: static TTFs (version 2.004) covering Latin, Vietnamese
  and more, with TrueType hinting.

Each font keeps only the characters Vietnamese text needs (UNICODES: Basic Latin and Latin-1, the
Vietnamese letters and combining marks, general punctuation, đồng sign, arrows, ≤ ≥), every
OpenType feature and the name table, drops hinting (phones and current browsers do not use it; the
files shrink by a third), and is written as WOFF2 with its timestamp kept, so the output is the same
on every run. WeasyPrint (the PDF) reads WOFF2 too (it needs brotli, pinned in requirements/site.txt),
so the print page in the browser and the PDF load the same four Noto Serif files, and the site pages
that print (the meeting pages) share them.

fonts.css also gets, for each family, a fallback face on a local metric-compatible font (Arial or
Liberation Sans; Times New Roman or Liberation Serif) with size-adjust and ascent/descent overrides
computed from the fonts' own metrics, so text does not move when the web font arrives (font-display:
swap). Needs fontTools and brotli (both in .venv).
"""
from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fonts" / "source"
OUT = ROOT / "hooks" / "topicbank" / "assets" / "fonts"
FONTS_CSS = ROOT / "hooks" / "topicbank" / "assets" / "css" / "fonts.css"

UNICODES = ("U+0000-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0131,U+0152-0153,U+0168-0169,U+01A0-01A1,"
            "U+01AF-01B0,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,"
            "U+1EA0-1EF9,U+2000-206F,U+20AB,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+2264-2265,U+FEFF,U+FFFD")


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    style: str  # normal | italic
    sources: tuple[str, ...]  # files in fonts/source/, merged in order

    @property
    def output(self) -> str:
        return f"{self.family.lower().replace(' ', '-')}-{self.weight}-{self.style}.woff2"


FACES = [
    Face("Be Vietnam Pro", 400, "normal", ("be-vietnam-pro-latin-400-normal.woff2", "be-vietnam-pro-vietnamese-400-normal.woff2")),
    Face("Be Vietnam Pro", 400, "italic", ("be-vietnam-pro-latin-400-italic.woff2", "be-vietnam-pro-vietnamese-400-italic.woff2")),
    Face("Be Vietnam Pro", 700, "normal", ("be-vietnam-pro-latin-700-normal.woff2", "be-vietnam-pro-vietnamese-700-normal.woff2")),
    Face("Noto Serif", 400, "normal", ("NotoSerif-Regular.ttf",)),
    Face("Noto Serif", 700, "normal", ("NotoSerif-Bold.ttf",)),
    Face("Noto Serif", 400, "italic", ("NotoSerif-Italic.ttf",)),
    Face("Noto Serif", 700, "italic", ("NotoSerif-BoldItalic.ttf",)),
]
LICENCES = ("OFL-BeVietnamPro.txt", "OFL-NotoSerif.txt")

# Metric-compatible local fonts for the fallback faces: (local names, unitsPerEm, average width of
# lowercase text weighted by English letter frequency as Capsize measures it, in font units).
FALLBACKS = {
    "Be Vietnam Pro": (("Arial", "Liberation Sans", "Helvetica", "Arimo"), 2048, 904),
    "Noto Serif": (("Times New Roman", "Liberation Serif", "Tinos"), 2048, 819),
}
# Letter frequencies Capsize uses for its xWidthAvg (per mille, space included).
FREQUENCIES = {" ": 154, "a": 66, "b": 12, "c": 22, "d": 34, "e": 102, "f": 18, "g": 16, "h": 50, "i": 56, "j": 1,
               "k": 6, "l": 33, "m": 20, "n": 57, "o": 61, "p": 15, "q": 1, "r": 50, "s": 53, "t": 75, "u": 23,
               "v": 8, "w": 20, "x": 1, "y": 16, "z": 1}


def load(path: Path):
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcTimestamp=False)
    font.flavor = None
    return font


def merged(face: Face):
    """One font from the face's sources (slices of the same font: glyph names and metrics agree)."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    fonts = [load(SOURCE / name) for name in face.sources]
    if len(fonts) == 1:
        return fonts[0]
    files = []
    for font in fonts:
        buffer = io.BytesIO()
        font.save(buffer, reorderTables=False)
        buffer.seek(0)
        files.append(buffer)
    result = Merger().merge(files)
    buffer = io.BytesIO()
    result["head"].created = fonts[0]["head"].created  # the first slice's dates, not today's
    result["head"].modified = fonts[0]["head"].modified
    result.recalcTimestamp = False
    result.save(buffer)
    buffer.seek(0)
    return TTFont(buffer, recalcTimestamp=False)


def subset_woff2(face: Face) -> bytes:
    from fontTools import subset

    font = merged(face)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer, reorderTables=False)
    return buffer.getvalue()


def average_width(font) -> float:
    """Capsize's xWidthAvg in units of the em: lowercase letters and space, weighted by frequency."""
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    total = sum(FREQUENCIES.values())
    width = sum(metrics[cmap[ord(char)]][0] * share for char, share in FREQUENCIES.items() if ord(char) in cmap)
    return width / total / font["head"].unitsPerEm


def fallback_face(family: str, regular) -> str:
    locals_, fallback_upm, fallback_width = FALLBACKS[family]
    size_adjust = average_width(regular) / (fallback_width / fallback_upm)
    upm, hhea = regular["head"].unitsPerEm, regular["hhea"]
    ascent, descent, gap = hhea.ascent / upm / size_adjust, abs(hhea.descent) / upm / size_adjust, hhea.lineGap / upm / size_adjust
    sources = ", ".join(f'local("{name}")' for name in locals_)
    return (f'@font-face {{\n  font-family: "{family} Fallback";\n  src: {sources};\n  size-adjust: {size_adjust:.2%};\n'
            f"  ascent-override: {ascent:.2%};\n  descent-override: {descent:.2%};\n  line-gap-override: {gap:.2%};\n}}\n")


def fonts_css() -> str:
    lines = ["/* Written by scripts/subset_fonts.py (do not edit): self-hosted fonts, SIL OFL 1.1, licences beside",
             "   the files. One WOFF2 per style, Latin + Vietnamese; the kits' print page and PDF (kit.css) use the",
             "   same Noto Serif files. The fallback faces are local fonts resized to the web fonts' metrics, so",
             "   text keeps its place when the web font arrives. No request leaves the site. */"]
    for face in FACES:
        lines.append(f'@font-face {{\n  font-family: "{face.family}";\n  font-style: {face.style};\n'
                     f"  font-weight: {face.weight};\n  font-display: swap;\n"
                     f'  src: url("../fonts/{face.output}") format("woff2");\n}}')
    text = "\n".join(lines) + "\n"
    for family in FALLBACKS:
        regular = next(face for face in FACES if face.family == family and face.weight == 400 and face.style == "normal")
        text += fallback_face(family, merged(regular))
    return text


def outputs() -> dict[Path, bytes]:
    files = {OUT / face.output: subset_woff2(face) for face in FACES}
    files |= {OUT / name: (SOURCE / name).read_bytes() for name in LICENCES}
    files[FONTS_CSS] = fonts_css().encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="chỉ so sánh, không ghi")
    args = parser.parse_args(argv)
    try:
        import brotli  # noqa: F401  (WOFF2)
        import fontTools  # noqa: F401
    except ImportError:
        raise SystemExit("Cần fontTools và brotli: chạy bằng .venv/bin/python (python3 scripts/dev.py build tạo .venv).")
    files = outputs()
    if args.check:
        differ = [str(path.relative_to(ROOT)) for path, data in files.items()
                  if not path.is_file() or path.read_bytes() != data]
        if differ:
            print("Khác với nguồn (chạy lại scripts/subset_fonts.py):\n  " + "\n  ".join(differ))
            return 1
        print(f"{len(files)} tệp khớp với nguồn.")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}: {len(data) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
