"""Which reviewed entries had their `sources` changed after the review, read from git history.

What counts (the maintainers' report says so too):
- the review is the newest commit that set the entry's current `reviewed_on` value (the first commit of the
  file when the value never changed);
- a later commit "changed the sources" when the `sources:` block of the file differs from the version before
  it (the whole front matter when no block is found), and the commit is dated after `reviewed_on`
  (author date, which a rebase keeps);
- sources edited in the working tree but not yet committed count too.

Git is optional: without git, outside a repository, or for a file git does not track, nothing is guessed —
the result says it could not be checked, and why.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_TIMEOUT = 60  # seconds per git call: a report must finish even on a stuck repository


@dataclass(frozen=True)
class SourceChange:
    day: dt.date | None  # None for changes not yet committed
    commit: str  # short hash, "" when not committed
    subject: str


@dataclass(frozen=True)
class History:
    changes: dict[str, tuple[SourceChange, ...]]  # file (as given) -> changes after its review; only files with some
    unavailable: str = ""  # why git could not be asked, in Vietnamese; "" when it was
    untracked: tuple[str, ...] = ()  # files git has no history for (never committed)


class GitUnavailable(Exception):
    pass


def sources_block(text: str) -> str:
    """The `sources:` block of a file's front matter, as written; the whole front matter when there is none."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return text
    end = next((index for index in range(1, len(lines)) if lines[index].rstrip() == "---"), len(lines))
    front = lines[1:end]
    start = next((index for index, line in enumerate(front) if re.match(r"^sources\s*:", line)), None)
    if start is None:
        return "\n".join(front)
    stop = next((index for index in range(start + 1, len(front)) if re.match(r"^[^\s#-]", front[index])), len(front))
    return "\n".join(line.rstrip() for line in front[start:stop] if line.strip())


def reviewed_on_value(text: str) -> str | None:
    match = re.search(r"^reviewed_on\s*:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.M)
    return match.group(1) if match else None


def sources_changed_since_review(files: dict[str, tuple[Path, dt.date]]) -> History:
    """files: name to show -> (file on disk, its reviewed_on). Never raises on a git problem."""
    if not files:
        return History({})
    if shutil.which("git") is None:
        return History({}, "không tìm thấy chương trình git trên máy này")
    changes: dict[str, tuple[SourceChange, ...]] = {}
    untracked = []
    try:
        for name, (path, reviewed_on) in sorted(files.items()):
            found = _changes(path.resolve(), reviewed_on)
            if found is None:
                untracked.append(name)
            elif found:
                changes[name] = found
    except GitUnavailable as error:
        return History({}, str(error))
    except (ValueError, IndexError):  # git printed something we did not expect: say so rather than guess
        return History({}, "không đọc được lịch sử git")
    return History(changes, untracked=tuple(untracked))


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True, timeout=_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        raise GitUnavailable(f"không chạy được git ({error.__class__.__name__})") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace")
        if "not a git repository" in message:
            raise GitUnavailable("thư mục ngân hàng không nằm trong một kho git")
        raise GitUnavailable(f"git báo lỗi: {message.strip()[:200]}")
    return done.stdout


def _changes(path: Path, reviewed_on: dt.date) -> tuple[SourceChange, ...] | None:
    """The changes to the file's sources after its review; None when git does not track the file."""
    folder = path.parent
    log = _git(folder, "log", "--follow", "--no-merges", "--format=%x00%H%x09%h%x09%ad%x09%s", "--date=short",
               "--name-only", "--", path.name).decode("utf-8", "replace")
    commits = []  # oldest first: (hash, short, day, subject, path at that commit)
    for record in log.split("\x00")[1:]:
        header, _, names = record.partition("\n")
        full, short, day, subject = (header.split("\t", 3) + ["", "", "", ""])[:4]
        name = next((line for line in names.split("\n") if line.strip()), "")
        if name:
            commits.append((full, short, _day(day), subject, name))
    commits.reverse()
    if not commits:
        return None
    texts = _contents(folder, [f"{full}:{name}" for full, _, _, _, name in commits])
    review = 0
    for index in range(1, len(commits)):
        if reviewed_on_value(texts[index]) != reviewed_on_value(texts[index - 1]):
            review = index  # the newest commit that set (or changed) reviewed_on
    found = []
    for index in range(review + 1, len(commits)):
        _, short, day, subject, _ = commits[index]
        if sources_block(texts[index]) != sources_block(texts[index - 1]) and (day is None or day > reviewed_on):
            found.append(SourceChange(day, short, subject))
    try:
        current = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        current = texts[-1]
    if reviewed_on_value(current) != reviewed_on_value(texts[-1]):
        return ()  # reviewed again in the working tree: that review is newer than every commit
    if sources_block(current) != sources_block(texts[-1]):
        found.append(SourceChange(None, "", "chưa commit"))
    return tuple(found)


def _contents(folder: Path, objects: list[str]) -> list[str]:
    """Each "commit:path" file's text, with one git process for all of them."""
    output = _git(folder, "cat-file", "--batch", stdin=("\n".join(objects) + "\n").encode("utf-8"))
    texts, position = [], 0
    for _ in objects:
        newline = output.index(b"\n", position)
        header = output[position:newline].decode("utf-8", "replace").split()
        position = newline + 1
        if len(header) < 3 or header[1] == "missing":
            texts.append("")  # a deleted or renamed-away version: no sources to compare
            continue
        size = int(header[2])
        texts.append(output[position:position + size].decode("utf-8", "replace"))
        position += size + 1
    return texts


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
