"""Build beside the published site, then swap: a failed build never leaves a half-written or empty site.

    staged = StagedSite(Path("site"))
    staged.prepare()            # empty .site-site-moi/ next to site/
    ... write everything into staged.staging ...
    staged.publish()            # site/ -> .site-site-cu/, .site-site-moi/ -> site/, drop the old one
    # or, on any failure: staged.discard(), and site/ is exactly as it was

The two renames are on the same filesystem (siblings), so each is atomic; the old
site is only deleted once the new one is in place, and put back if the second rename fails.
"""
from __future__ import annotations

import shutil
from pathlib import Path


class StagedSite:
    def __init__(self, final: Path) -> None:
        self.final = final.resolve()
        self.staging = self.final.parent / f".site-{self.final.name}-moi"
        self.previous = self.final.parent / f".site-{self.final.name}-cu"

    def prepare(self) -> Path:
        """An empty staging folder (whatever an interrupted build left there is removed)."""
        for leftover in (self.staging, self.previous):
            shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return self.staging

    def publish(self) -> None:
        """Put the staged build where the site belongs, keeping the old site until the new one is in place."""
        had_site = self.final.exists()
        if had_site:
            self.final.rename(self.previous)
        try:
            self.staging.rename(self.final)
        except OSError:
            if had_site:
                self.previous.rename(self.final)
            raise
        shutil.rmtree(self.previous, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
