"""A build reads and checks the entry files in two processes (reading.py): what it finds must be what one
process finds, in the same order."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from pathlib import Path

from topicbank import load_banks
from topicbank.reading import SPLIT_FROM
from topicbank.reading import _read_chunks as _READ_CHUNKS  # the original, which the test below wraps
from topicbank.settings import BankSource

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib.generator import write_bank  # noqa: E402


def test_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    files = write_bank(bank, SPLIT_FROM + 50, ROOT)
    broken = sorted(files)[-1]  # the last chunk: whichever process is free first reads it
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nstatus: draft", "\nstatus: draft\ntieu_de: x", 1),
                      encoding="utf-8")
    sources = [BankSource("topics", bank)]
    today = dt.date(2026, 12, 1)
    one, two = (load_banks(sources, tmp_path, today=today, workers=workers) for workers in (1, 2))
    assert [item.format() for item in two.problems] == [item.format() for item in one.problems]
    assert any(item.code == "unknown-field" and item.path.endswith(broken.name) for item in two.problems)
    assert [(raw.id, raw.bank, raw.data, raw.lines, raw.body) for raw in two.raw_entries] == [
        (raw.id, raw.bank, raw.data, raw.lines, raw.body) for raw in one.raw_entries]
    # the units the bank's citation check reads were found while reading, some in the forked process, and
    # are those of the very entries it checks (citations.entry_units keeps them by path and entry)
    from topicbank import citations

    for raw in two.raw_entries:
        kept_entry, kept_units = citations._last_units[raw.path]
        assert kept_entry is raw and kept_units == list(citations._units(raw))
    assert any(units for _, units in citations._last_units.values())  # the bank cites documents by number


# How many files the forked process read: shared with it (a fork inherits the value's memory).
_FORKED_READ = multiprocessing.get_context("fork").Value("i", 0)


def _counting_read_chunks() -> list:  # module level: the pool sends the function to the fork by its name
    found = _READ_CHUNKS()
    _FORKED_READ.value = len(found)
    return found


def test_a_build_converts_every_body_while_reading_chunks_in_each_process(tmp_path: Path, monkeypatch) -> None:
    """The pages and every output read the conversion made while the files were read (body.convert_body): the
    forked process sends back the bodies of the chunks it read, converted as this process converts them."""
    from topicbank import body, reading

    monkeypatch.setattr(reading, "_read_chunks", _counting_read_chunks)
    bank = tmp_path / "topics"
    write_bank(bank, SPLIT_FROM + 50, ROOT)
    body.use_markdown(body.MarkdownSettings(("toc", "tables", "attr_list"), {"toc": {"permalink": "#"}}))
    try:
        loaded = load_banks([BankSource("topics", bank)], tmp_path, today=dt.date(2026, 12, 1), workers=2,
                            convert_bodies=True)
        received = dict(body._converted)
        assert len(loaded.raw_entries) == SPLIT_FROM + 50
        # both read: the forked process some whole chunks, this one the rest
        read = _FORKED_READ.value
        assert 0 < read < SPLIT_FROM + 50 and read % reading.CHUNK in (0, (SPLIT_FROM + 50) % reading.CHUNK)
        for raw in loaded.raw_entries:
            assert raw.body.strip() in received, raw.path
        body._converted.clear()  # converted again here, in this process: the same HTML and table of contents
        for raw in loaded.raw_entries:
            assert body.convert_body(raw.body) == received[raw.body.strip()], raw.path
        assert any('class="headerlink"' in conversion.html for conversion in received.values())
    finally:
        body.use_markdown(body.MarkdownSettings())


def test_two_processes_take_every_chunk_once_in_turns() -> None:
    from topicbank.turns import SharedTurns, turns

    context = multiprocessing.get_context("fork")
    shared, total = SharedTurns(context, 16), 10 * 16 + 3
    queue = context.SimpleQueue()
    process = context.Process(target=lambda: queue.put(list(turns(shared.take, total))))
    process.start()
    ours = list(turns(shared.take, total))
    theirs = queue.get()
    process.join()
    taken = sorted((part.start, part.stop) for part in ours + theirs)
    assert taken == [(start, min(start + 16, total)) for start in range(0, total, 16)]  # each slice once, by one
