"""The GitHub Actions workflows and the pull-request template: they parse and run the project's own commands."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from topicbank.strict_yaml import parse_mapping

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    parsed = parse_mapping((WORKFLOWS / name).read_text(encoding="utf-8"))  # YAML 1.2-like: `on` stays a string
    assert parsed.issues == [] and parsed.data is not None, parsed.issues
    return parsed.data


def steps(document: dict, job: str) -> list[dict]:
    return document["jobs"][job]["steps"]


def runs(document: dict, job: str) -> list[str]:
    return [step["run"] for step in steps(document, job) if "run" in step]


def uses(document: dict, job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(document, job) if "uses" in step]


def test_pull_request_workflow_answers_quickly_then_tests() -> None:
    document = workflow("pull-request.yml")
    assert list(document["on"]) == ["pull_request"]
    for job in ("quick", "full"):
        python = next(step for step in steps(document, job) if step.get("uses", "").startswith("actions/setup-python"))
        assert python["with"]["python-version"] == "3.11"
    quick = runs(document, "quick")
    assert "python scripts/validate.py" in quick  # GITHUB_ACTIONS=true on runners: annotations at the line
    build = next(step for step in steps(document, "quick") if "dev.py build" in step.get("run", ""))
    assert build["run"] == "python scripts/dev.py build --site-dir site" and build["env"]["TOPICBANK_FORMATS"] == "html"
    assert not any("apt-get" in command for command in quick)  # no Chromium or LibreOffice before the first answer
    assert "actions/upload-artifact" in uses(document, "quick")
    assert document["jobs"]["full"]["needs"] == "quick"
    full = runs(document, "full")
    apt = next(command for command in full if "apt-get install" in command)
    assert re.search(r"\bchromium\b", apt) and "poppler-utils" in apt
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"^python3? (scripts/dev\.py test.*)$", ci_run, re.M).group(1)
    assert any(command.splitlines()[-1].strip() == f"python {test_command}" for command in full)
    assert "--strict" in dev_commands()["build"]


def test_deploy_workflow_publishes_to_pages_only_from_main() -> None:
    document = workflow("deploy.yml")
    assert document["on"]["push"]["branches"] == ["main"]
    assert document["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "python scripts/dev.py build --site-dir site" in runs(document, "build")
    assert "python scripts/validate.py" in runs(document, "build")
    upload = next(step for step in steps(document, "build") if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site/"
    assert uses(document, "deploy") == ["actions/deploy-pages"] and document["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_workflow_commands_name_existing_scripts(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    scripts = set(re.findall(r"scripts/[\w]+\.py", text))
    assert scripts and all((ROOT / script).is_file() for script in scripts)
    for command in re.findall(r"scripts/dev\.py (\w+)", text):
        assert command in dev_commands(), command


def test_pull_request_template_is_the_reviewers_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 8
    for needle in ("FIXME", "nguồn", "reviewed_on", "superseded_by", "draft"):
        assert any(needle in box for box in boxes), needle


def dev_commands() -> dict[str, str]:
    """scripts/dev.py's commands and their argument lists, as written in its `commands` table."""
    source = (ROOT / "scripts" / "dev.py").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s+"(\w+)": \[(.*?)\],?(?:  #.*)?$', source, re.M))
