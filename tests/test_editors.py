"""The editors' guide documents every field; CI and pre-commit files run the right commands."""

from __future__ import annotations

import typing

import pytest
import yaml
from conftest import ROOT
from pydantic import BaseModel

from generator.data.schema import Location, Organisation, TimeRange

GUIDE = ROOT / "docs" / "redactie.md"


def models(annotation: object, seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """Every pydantic model reachable from an annotation (lists, unions, Annotated)."""
    for argument in typing.get_args(annotation):
        models(argument, seen)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
        seen.add(annotation)
        for field in annotation.model_fields.values():
            models(field.annotation, seen)
    return seen


def schema_fields() -> set[tuple[str, str]]:
    """(model, field) for every field an editor writes; TimeRange is written as '09:00-12:00'."""
    found = models(Organisation, set()) | models(Location, set())
    return {(model.__name__, name) for model in found - {TimeRange} for name in model.model_fields}


def test_walk_finds_the_nested_models() -> None:
    names = {model for model, _ in schema_fields()}
    assert {"Organisation", "Service", "ServiceAtLocation", "Rule", "Exception_", "Location",
            "Accessibility", "Source", "Phone", "Address"} <= names


@pytest.mark.parametrize(("model", "field"), sorted(schema_fields()))
def test_guide_mentions_every_field(model: str, field: str) -> None:
    assert f"`{field}`" in GUIDE.read_text(encoding="utf-8"), f"{model}.{field} ontbreekt in docs/redactie.md"


@pytest.mark.parametrize("config", ["mkdocs.yml", "demo/mkdocs.yml"])
def test_guides_are_in_the_nav(config: str) -> None:
    text = (ROOT / config).read_text(encoding="utf-8")
    assert "redactie.md" in text and "andere-gemeenten.md" in text


def test_ci_workflow() -> None:
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["jobs"]["test"]["if"] == "github.event_name == 'pull_request'"
    assert any(step.get("run") == "bash .ci/run" for step in workflow["jobs"]["test"]["steps"])
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    # PyYAML reads the key "on" as True.
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]


def test_pre_commit_runs_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"].startswith("sociale-kaart check") and hook["language"] == "system" for hook in hooks)
