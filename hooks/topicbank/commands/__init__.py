"""The `topicbank` subcommands; each module has `main(argv: list[str]) -> int`."""
