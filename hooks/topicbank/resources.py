"""Where the package's own files are: assets, theme partials, templates and the national bank.

Everything a site needs ships inside the package, so a site that installs topicbank lists no
asset of ours in its mkdocs.yml. The national bank is this repository's topics/ folder,
installed as the package `topicbank.national` (see pyproject.toml).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ASSETS_DIR = PACKAGE_DIR / "assets"  # copied to the site's assets/ folder by the plugin
THEME_DIR = PACKAGE_DIR / "theme"  # theme partials (the search box), after the site's own custom_dir
NATIONAL = "national"  # the name of the bundled bank in the `banks` option


def national_bank_dir() -> Path:
    """The bank shipped with the package: entries, _vocabulary.yml and the entry templates (_mau)."""
    return Path(str(resources.files("topicbank.national")))


def asset_files() -> list[str]:
    """Every asset as a path relative to ASSETS_DIR's parent (so it lands at assets/… in the site)."""
    return sorted(path.relative_to(PACKAGE_DIR).as_posix() for path in ASSETS_DIR.rglob("*") if path.is_file())


# What every page loads, in order. Kit, deck and quiz scripts are linked only from their own pages. The styles
# are one stylesheet, topicbank.css, which the plugin writes from SITE_CSS_PARTS (a site's own copy of a part
# replaces ours): each stylesheet is a request a phone waits for before it shows anything.
SITE_CSS_PARTS = ("assets/css/fonts.css", "assets/css/site.css", "assets/css/finding.css", "assets/css/quiz.css")
SITE_CSS = ("assets/css/topicbank.css",)
# this-month.js is not among them: the home page gets it inlined after its "Tháng này" box (render/this_month.py).
SITE_JS = ("assets/js/folding.js", "assets/js/search.js", "assets/js/finder.js", "assets/js/nav-labels.js")
