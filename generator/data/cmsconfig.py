"""The form editor's configuration (Decap CMS), generated from the record models.

The form asks for exactly what `check` accepts: the fields, their order, which
are required, controlled values as selects, themes and places as relations to
the files that define them. Only Dutch labels and hints are added here
(``cmslabels.py``). Field order follows the models, and Decap writes a file's
top-level keys in that order, so a form edit does not move fields around.

Collection names are fixed: edit links (``admin/#/collections/organisations/
entries/<id>``) point at them.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .cmslabels import CHOICES, FIELD_LABELS, LONG_TEXT, OPTION_LABELS, RELATIONS
from .load import load_file
from .mentoring import Mentoring
from .schema import Closures, Location, Organisation, Site, ThemeList, TimeRange, UnknownAllowed

SETTINGS_FILES: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("site", "Instellingen van de kaart", Site),
    ("themes", "Thema's", ThemeList),
    ("closures", "Sluitingsdagen", Closures),
    ("mentoring", "Voor besturen", Mentoring),
)

DATE_WIDGET = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY",
               "time_format": False, "picker_utc": True}


def cms_config(site: Site, site_url: str = "") -> dict[str, Any]:
    """The whole configuration for the map of ``site`` (its repository, branch, folder)."""
    map_path = site.map_path.strip("/")
    config: dict[str, Any] = {
        "backend": backend(site),
        # Only on localhost: then the form talks to `npx decap-server` in a clone.
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"{map_path}/media",
        "collections": collections(map_path),
    }
    if site_url:
        config["site_url"] = site_url
    return config


def backend(site: Site) -> dict[str, Any]:
    """GitHub, signed in with a personal access token (no server of the municipality's own).

    ``github_token`` is Decap's GitHub backend with a token sign-in page
    (generator/assemble/form_editor.js). A site that runs an OAuth helper names
    it in site.yaml (``cms_auth_url``) and gets Decap's own "Inloggen met GitHub".
    """
    repo = (site.repository or "").removeprefix("https://github.com/").strip("/")
    settings: dict[str, Any] = {"name": "github_token", "repo": repo, "branch": site.edit_branch,
                                "squash_merges": True}
    if site.cms_auth_url:
        settings.update(name="github", base_url=site.cms_auth_url.rstrip("/"))
    return settings


def collections(map_path: str) -> list[dict[str, Any]]:
    """organisations and locations (a file each), and the settings files."""
    return [
        folder_collection("organisations", "Organisaties", "Organisatie", f"{map_path}/organisations", Organisation),
        folder_collection("locations", "Locaties", "Locatie", f"{map_path}/locations", Location),
        {"name": "settings", "label": "Instellingen", "editor": {"preview": False},
         "files": [file_entry(name, label, f"{map_path}/{name}.yaml", model)
                   for name, label, model in SETTINGS_FILES]},
    ]


def folder_collection(name: str, label: str, singular: str, folder: str, model: type[BaseModel]) -> dict[str, Any]:
    """A folder of records, one file each, named after its id."""
    return {
        "name": name, "label": label, "label_singular": singular, "folder": folder,
        "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "identifier_field": "id", "slug": "{{fields.id}}", "summary": "{{name}}",
        "sortable_fields": ["name", "assured_date"], "editor": {"preview": False},
        "fields": model_fields(model),
    }


def file_entry(name: str, label: str, path: str, model: type[BaseModel]) -> dict[str, Any]:
    return {"name": name, "label": label, "file": path, "format": "yaml", "fields": model_fields(model)}


def model_fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """One form field per model field, in the model's order."""
    return [form_field(model, name, info) for name, info in model.model_fields.items()]


def form_field(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any]:
    """A Decap field: widget from the type, label and hint from cmslabels."""
    label, hint = _label(model, name)
    field = {"name": name, "label": label, **widget_for(model, name, info.annotation)}
    if info.json_schema_extra is UnknownAllowed.json_schema_extra:
        field["widget"] = "unknown_or_list"  # 'unknown' or a list: generator/assemble/form_editor.js
    elif _accepts_text_for_list(info):
        field["widget"] = "text_or_list"  # one text or a list of texts (paragraphs)
    if hint:
        field["hint"] = hint
    if not info.is_required():
        field["required"] = False
        if field["widget"] == "object":  # Decap checks an empty optional group's fields too
            _optional_inside(field)
        if isinstance(info.default, (str, bool)) and not isinstance(info.default, BaseModel):
            field["default"] = info.default
    return field


def _label(model: type[BaseModel], name: str) -> tuple[str, str]:
    """The Dutch label and hint of a field; a new model field needs one in cmslabels.py."""
    found = FIELD_LABELS.get((model.__name__, name)) or FIELD_LABELS.get(name)
    if found is None:
        raise KeyError(f"{model.__name__}.{name} has no Dutch label in generator/data/cmslabels.py")
    return found


def widget_for(model: type[BaseModel], name: str, annotation: Any) -> dict[str, Any]:
    """The widget settings for a type (optional and 'unknown' wrappers removed)."""
    kind = _without_none(annotation)
    target = RELATIONS.get((model.__name__, name), RELATIONS.get(name))
    if target and target[0]:
        return _relation(target, kind)
    if typing.get_origin(kind) is list:
        return _list_widget(model, name, typing.get_args(kind)[0])
    return _single_widget(model, name, kind)


def _single_widget(model: type[BaseModel], name: str, kind: Any) -> dict[str, Any]:
    if typing.get_origin(kind) is Literal:
        return _select(typing.get_args(kind))
    if isinstance(kind, type) and issubclass(kind, TimeRange):
        return {"widget": "string", "pattern": [r"^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$",
                                                "schrijf begin en einde als uu:mm-uu:mm, bv. 09:00-12:00"]}
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": model_fields(kind)}
    if kind is bool:
        return {"widget": "boolean"}
    if kind is int:
        return {"widget": "number", "value_type": "int"}
    if kind is dt.date:
        return dict(DATE_WIDGET)
    return {"widget": "text" if name in LONG_TEXT else "string"}


def _list_widget(model: type[BaseModel], name: str, item: Any) -> dict[str, Any]:
    """A list of records (nested fields), of choices (a multiple select) or of values."""
    item = _without_none(item)
    widget: dict[str, Any]
    if isinstance(item, type) and issubclass(item, BaseModel) and not issubclass(item, TimeRange):
        widget = {"widget": "list", "collapsed": False, "fields": model_fields(item)}
        if (summary := _summary(item)) is not None:
            widget["summary"] = summary
    elif typing.get_origin(item) is Literal:
        widget = {**_select(typing.get_args(item)), "multiple": True}
    else:
        one = _choice(name) if name in CHOICES else _single_widget(model, name, item)
        widget = {"widget": "list", "collapsed": False,
                  "field": {"name": name, "label": _label(model, name)[0], **one}}
    return widget


def _optional_inside(group: dict[str, Any]) -> None:
    """Let an optional group stay empty in the form; check still wants its fields when it is there."""
    for field in group["fields"]:
        field["required"] = False
        field.pop("default", None)
        if field["widget"] == "object":
            _optional_inside(field)


def _accepts_text_for_list(info: FieldInfo) -> bool:
    """A list field whose JSON Schema also allows one text (mentoring's paragraphs)."""
    extra = [m.json_schema for m in info.metadata if hasattr(m, "json_schema") and m.json_schema]
    return any({"type": "string"} in schema.get("anyOf", []) for schema in extra)


def _summary(model: type[BaseModel]) -> str | None:
    for field in ("name", "number", "url", "date", "location", "repeat"):
        if field in model.model_fields:
            return "{{fields." + field + "}}"
    return None


def _choice(name: str) -> dict[str, Any]:
    """A select of the codes the checker knows (languages), named in Dutch."""
    return {"widget": "select",
            "options": [{"label": f"{label} ({code})", "value": code} for code, label in CHOICES[name].items()]}


def _select(values: tuple[Any, ...]) -> dict[str, Any]:
    return {"widget": "select",
            "options": [{"label": OPTION_LABELS.get(value, str(value)), "value": value} for value in values]}


def _relation(target: tuple[str, str | None, str, str], kind: Any) -> dict[str, Any]:
    """A relation to the records that define the allowed ids (themes.yaml, the folders)."""
    collection, file, value_field, shown = target
    relation: dict[str, Any] = {"widget": "relation", "collection": collection, "value_field": value_field,
                                "search_fields": [shown], "display_fields": [shown]}
    if file:
        relation["file"] = file
    if typing.get_origin(kind) is list:
        relation["multiple"] = True
    return relation


def _without_none(annotation: Any) -> Any:
    """``X | None`` -> ``X``, and ``Annotated[X, ...]`` -> ``X``; other types unchanged."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, type(int | str)) and type(None) in args:
        rest = [arg for arg in args if arg is not type(None)]
        return _without_none(rest[0]) if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return annotation


def cms_config_text(site: Site, site_url: str = "") -> str:
    """The configuration as YAML (admin/config.yml), stable from run to run."""
    header = "# Generated by `sociale-kaart schema` from generator/data/schema.py; do not edit.\n"
    return header + yaml.safe_dump(cms_config(site, site_url), allow_unicode=True, sort_keys=False, width=100)


def write_cms_config(map_dir: Path, folder: Path) -> Path:
    """Write folder/cms-config.yml for the map in ``map_dir`` (the build writes its own copy)."""
    site = Site.model_validate(load_file(map_dir / "site.yaml")[0].data)
    path = folder / "cms-config.yml"
    path.write_text(cms_config_text(site), encoding="utf-8")
    return path
