"""Write N synthetic, contract-valid entries: themes, agendas, guidance and documents that cite each other.

The mix follows the real bank (mostly themes; documents cited by themes; agendas
built from themes). The same seed always writes the same bank, byte for byte.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from . import corpus

THEME_BODY_WORDS = 420  # with the front matter shown on the page, about 700 words per theme
SERIES_WITH_YEAR = "chi-thi-05"


@dataclass(frozen=True)
class Vocabulary:
    series: list[str]
    audience: list[str]
    tags: list[str]


@dataclass(frozen=True)
class Mix:
    documents: int
    agendas: int
    guidance: int
    themes: int

    @classmethod
    def for_total(cls, total: int) -> Mix:
        if total < 4:
            raise ValueError("cần ít nhất 4 mục (một mục mỗi loại)")
        documents, agendas, guidance = max(1, total * 15 // 100), max(1, total // 10), max(1, total // 20)
        return cls(documents, agendas, guidance, total - documents - agendas - guidance)


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str] | list[int]) -> str:
    return "[" + ", ".join(str(item) for item in items) + "]"


class BankWriter:
    def __init__(self, folder: Path, total: int, vocabulary: Vocabulary, seed: int = 8) -> None:
        self.folder = folder
        self.mix = Mix.for_total(total)
        self.vocabulary = vocabulary
        self.rng = random.Random(seed)
        self.documents = [f"van-ban-thu-{n:05d}" for n in range(self.mix.documents)]
        self.themes = [f"chuyen-de-thu-{n:05d}" for n in range(self.mix.themes)]
        self.guidance = [f"huong-dan-thu-{n:05d}" for n in range(self.mix.guidance)]
        self.agendas = [f"chuong-trinh-thu-{n:05d}" for n in range(self.mix.agendas)]
        self.superseded: set[str] = set()  # documents written as replaced (filled as documents are written)

    def write(self) -> list[Path]:
        written = []
        for folder, ids, render in (("van-ban", self.documents, self._document), ("chuyen-de", self.themes, self._theme),
                                    ("huong-dan", self.guidance, self._guidance),
                                    ("chuong-trinh-mau", self.agendas, self._agenda)):
            (self.folder / folder).mkdir(parents=True, exist_ok=True)
            for number, entry_id in enumerate(ids):
                path = self.folder / folder / f"{entry_id}.md"
                path.write_text(render(number, entry_id), encoding="utf-8")
                written.append(path)
        return written

    # -- common pieces --------------------------------------------------------------------------

    def _status(self) -> list[str]:
        if self.rng.random() < 0.5:
            return ["status: draft"]
        return ["status: reviewed", f"reviewed_on: 2025-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"]

    def _sources(self, count: int = 2) -> list[str]:
        lines = ["sources:"]
        for number in range(count):
            lines += [f"  - title: {q(f'Tài liệu tham khảo mẫu thử {number + 1}')}",
                      f"    url: https://example.org/tai-lieu/{self.rng.randint(1, 99999)}",
                      "    publisher: Trang thử nghiệm"]
        return lines

    def _head(self, kind: str, title: str, summary: str) -> list[str]:
        return ["---", f"kind: {kind}", f"title: {q(title)}", f"summary: {q(summary)}", *self._status()]

    def _some(self, pool: list[str], most: int, exclude: str = "") -> list[str]:
        choices = [item for item in self.rng.sample(pool, min(len(pool), most + 1)) if item != exclude]
        return choices[:most]

    # -- kinds ------------------------------------------------------------------------------------

    def _theme(self, number: int, entry_id: str) -> str:
        rng = self.rng
        series = rng.choice(self.vocabulary.series)
        lines = self._head("theme", corpus.title(rng, number),
                           corpus.paragraph(rng, 1)[:300])
        lines += [f"series: {series}"]
        if series == SERIES_WITH_YEAR or rng.random() < 0.5:
            lines.append(f"year: {rng.randint(2016, 2025)}")
        lines += [f"months: {flow(sorted(rng.sample(range(1, 13), rng.randint(1, 3))))}",
                  f"duration_minutes: {rng.choice([45, 60, 90])}",
                  f"audience: {flow(rng.sample(self.vocabulary.audience, 2))}",
                  f"tags: {flow(rng.sample(self.vocabulary.tags, 3))}"]
        related = self._some(self.themes + self.guidance, 2, exclude=entry_id)
        if related:
            lines.append(f"related: {flow(related)}")
        lines.append(f"references: {flow(self._some(self.documents, 2))}")
        lines += self._sources()
        lines += ["objectives:", *(f"  - {q(corpus.paragraph(rng, 1))}" for _ in range(2)),
                  "questions:", *(f"  - {q(corpus.paragraph(rng, 1)[:-1] + '?')}" for _ in range(3)),
                  "actions:", *(f"  - {q(item)}" for item in rng.sample(corpus.LIST_ITEMS, 2)),
                  "quotes:", f"  - text: {q(corpus.paragraph(rng, 1))}", f"    source: {q('Tài liệu mẫu thử, tr. 1')}",
                  "quiz:"]
        for question in range(2):
            choices = rng.sample(corpus.LIST_ITEMS, 3)
            source = "Tài liệu tham khảo mẫu thử 1" if question == 0 else self.documents[0]
            lines += [f"  - question: {q(f'Câu hỏi tự kiểm tra số {question + 1}: việc nào đúng?')}",
                      f"    choices: [{', '.join(q(choice) for choice in choices)}]",
                      f"    answer: {q(choices[0])}", f"    source: {q(source)}"]
        return "\n".join(lines + ["---", "", corpus.body(rng, THEME_BODY_WORDS)])

    def _document(self, number: int, entry_id: str) -> str:
        rng = self.rng
        lines = self._head("document", f"Văn bản mẫu thử số {number + 1}",
                           "Văn bản giả lập cho phép đo hiệu năng; không phải văn bản thật.")
        superseded = number > 0 and rng.random() < 0.2
        lines += [f"number: {q(f'{number + 1}-VB/THU')}",
                  f"issued: {rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                  f"issuer: {q('Cơ quan mẫu thử')}",
                  f"doc_type: {rng.choice(['nghi-quyet', 'chi-thi', 'ket-luan', 'quy-dinh', 'huong-dan'])}",
                  f"validity: {'superseded' if superseded else rng.choice(['in-force', 'unknown'])}"]
        if superseded:
            lines.append(f"superseded_by: {self.documents[rng.randrange(number)]}")
            self.superseded.add(entry_id)
        lines += self._sources(1)
        return "\n".join(lines + ["---", "", corpus.body(rng, 150)])

    def _guidance(self, number: int, entry_id: str) -> str:
        rng = self.rng
        lines = self._head("guidance", f"Hướng dẫn nghiệp vụ mẫu thử {number + 1}",
                           corpus.paragraph(rng, 1)[:300])
        lines += [f"tags: {flow(rng.sample(self.vocabulary.tags, 2))}",
                  f"references: {flow(self._some(self._in_force(), 1))}"]  # guidance rests on rules in force
        lines += self._sources()
        return "\n".join(lines + ["---", "", corpus.body(rng, 350)])

    def _in_force(self) -> list[str]:
        """The documents not marked superseded (the validator warns when guidance cites a replaced rule)."""
        return [entry_id for entry_id in self.documents if entry_id not in self.superseded] or self.documents

    def _agenda(self, number: int, entry_id: str) -> str:
        rng = self.rng
        lines = self._head("agenda", f"Chương trình sinh hoạt mẫu thử {number + 1}",
                           "Chương trình buổi sinh hoạt thường kỳ giả lập cho phép đo hiệu năng.")
        steps = [("Khai mạc, điểm danh", 10), ("Thông tin thời sự", 15), ("Sinh hoạt chuyên đề", 45),
                 ("Thảo luận, kết luận", 20)]
        lines += ["meeting_type: thuong-ky", f"duration_minutes: {sum(minutes for _, minutes in steps)}",
                  f"topics: {flow(self._some(self.themes, 2))}", "steps:"]
        for title, minutes in steps:
            lines += [f"  - title: {q(title)}", f"    minutes: {minutes}", f"    lead: {q('Bí thư chi bộ')}"]
        return "\n".join(lines + ["---", "", corpus.body(rng, 120)])


def vocabulary_of_repository(root: Path) -> Vocabulary:
    """The codes the real bank's vocabulary allows, so the synthetic bank validates against it."""
    from topicbank.schema import load_vocabulary  # hooks/ is on sys.path (scripts/bench.py puts it there)

    loaded = load_vocabulary(root / "topics")
    return Vocabulary(sorted(loaded.labels("series")), sorted(loaded.labels("audience")), sorted(loaded.labels("tags")))


def write_bank(folder: Path, total: int, root: Path, seed: int = 8) -> list[Path]:
    return BankWriter(folder, total, vocabulary_of_repository(root), seed).write()
