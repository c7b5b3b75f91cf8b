"""Tạo mục mới từ mẫu: python3 scripts/new_topic.py [--kind theme --title "Tên" [--series loạt] [--folder thư-mục]].

A thin wrapper over `topicbank new` (hooks/topicbank/commands/new_topic.py). Run with any Python 3.11+: it sets up
and uses the project's own .venv first, as scripts/dev.py does, so it works on a fresh machine too.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev import run_in_project_environment  # noqa: E402

run_in_project_environment()
from topicbank.commands.new_topic import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
