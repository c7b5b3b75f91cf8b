"""This folder is the national bank, and installed it is the package data `topicbank.national` (see pyproject.toml).

Only the Markdown entries and _vocabulary.yml matter; this file just lets Python find the folder."""
