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

import copy
import datetime as dt
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .cmslabels import CHOICES, FIELD_LABELS, LONG_TEXT, OPTION_LABELS, RELATIONS
from .load import load_file
from .mentoring import Mentoring
from .schema import SOURCE_KINDS, Closures, Location, Organisation, Site, Source, ThemeList, TimeRange, UnknownAllowed

SETTINGS_FILES: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("site", "Instellingen van de kaart", Site),
    ("themes", "Thema's", ThemeList),
    ("closures", "Sluitingsdagen", Closures),
    ("mentoring", "Voor besturen", Mentoring),
)

# Dates: our own widget (generator/assemble/form_editor.js), a browser date field that
# keeps what was typed. Decap's datetime widget re-parsed every keystroke, so a year
# typed digit by digit became 19xx (1906-03-15). The bounds keep a date in this century;
# a check date (assured_date) cannot lie in the future, as `check` says.
FIRST_DAY, LAST_DAY = "2000-01-01", "2099-12-31"
DATE_WIDGET = {"widget": "sk_date", "min": FIRST_DAY, "max": LAST_DAY}
NOT_IN_FUTURE = ("assured_date", "read")  # check: a check date or a day read cannot lie ahead
# A source's date may be a day, only a year, or unknown (check's rule): a text field with its pattern.
SOURCE_DATE_WIDGET = {"widget": "string", "pattern": [r"^(\d{4}(-\d{2}-\d{2})?|unknown)$",
                                                      "schrijf jaar-maand-dag (2026-12-02), alleen het jaar (2017) "
                                                      "of unknown"]}


def _phone_pattern() -> str:
    """check's phone rule on the number as typed: separators may stand between the digits."""
    separators = f"{schema.PHONE_SEPARATOR}*"
    digits = schema.PHONE_DIGITS.pattern.removeprefix("^").removesuffix("$")
    spaced = digits.replace(r"\+", separators + r"\+").replace(r"\d", f"(?:{separators}\\d)")
    return f"^{separators}{spaced}{separators}$"


# The form's patterns are check's own rules (generator/data/schema.py), keyed by the
# validator that applies them; the message follows "<label>: ".
HOUR = r"(?:[01]?\d|2[0-3]):[0-5]\d"
PATTERNS: dict[Any, tuple[str, str]] = {
    schema._slug: (schema.SLUG.pattern, "gebruik kleine letters, cijfers en koppeltekens, bv. huis-van-het-kind"),
    schema._url: (schema.URL.pattern, "schrijf een volledig webadres dat begint met https://, "
                                      "bv. https://www.mechelen.be"),
    schema._email: (schema.EMAIL.pattern, "schrijf een e-mailadres, bv. info@mechelen.be"),
    schema._phone: (_phone_pattern(), "schrijf het volledige nummer met zone, bv. 015 12 34 56 of 0800 20 800"),
}
TIME_RANGE = (f"^{HOUR}\\s*-\\s*{HOUR}$",
              "schrijf begin en einde als uu:mm-uu:mm, tussen 00:00 en 23:59, bv. 09:00-12:00")

# A record that needs one of several fields (a source: a web address, a file or a confirmation).
ONE_OF = {"Source": ("url", "file", "confirmed_by")}
ONE_OF_MESSAGE = {"Source": "Geef een webadres, een bestand of wie het bevestigde: een bron zonder is geen bron."}


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
    _add_rules(field, info.annotation, info.metadata)
    if name in NOT_IN_FUTURE and field["widget"] == "sk_date":
        field["max"] = "today"
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
        return {"widget": "sk_time_range", "pattern": list(TIME_RANGE)}  # and: the end after the start
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": model_fields(kind)}
    if kind is bool:
        return {"widget": "boolean"}
    if kind is int:
        return {"widget": "number", "value_type": "int"}
    if kind is dt.date:
        return dict(DATE_WIDGET)
    if typing.get_origin(kind) is typing.Union and dt.date in typing.get_args(kind):
        return copy.deepcopy(SOURCE_DATE_WIDGET)  # a source's date: a day, a year or 'unknown'
    return {"widget": "text" if name in LONG_TEXT else "string"}


def _list_widget(model: type[BaseModel], name: str, item: Any) -> dict[str, Any]:
    """A list of records (nested fields), of choices (a multiple select) or of values."""
    item_annotation, item = item, _without_none(item)
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
        _add_rules(widget["field"], item_annotation, ())
    return widget


def _add_rules(field: dict[str, Any], annotation: Any, metadata: Any) -> None:
    """check's rules that a form field can hold: a pattern, a least number of items, one-of."""
    for rule in [*metadata, *_annotated_metadata(annotation)]:
        if getattr(rule, "func", None) in PATTERNS and field["widget"] in ("string", "text"):
            field["pattern"] = list(PATTERNS[rule.func])
        if getattr(rule, "min_length", None) and field["widget"] in ("list", "select", "unknown_or_list"):
            field["min"] = rule.min_length
    model = _record_in(annotation)
    if model and model.__name__ in ONE_OF and field["widget"] in ("list", "object"):
        needed = [name for name in ONE_OF[model.__name__] if name in model.model_fields]
        field["sk_one_of"] = {"fields": needed, "message": ONE_OF_MESSAGE[model.__name__]}
        if field["widget"] == "list":
            field["widget"] = "sk_records"  # generator/assemble/form_editor.js applies it


def _annotated_metadata(annotation: Any) -> list[Any]:
    """The validators of ``Annotated`` layers, through ``X | None`` (not into lists)."""
    found: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        found += list(annotation.__metadata__) + _annotated_metadata(typing.get_args(annotation)[0])
    elif typing.get_origin(annotation) in (typing.Union, type(int | str)):
        for arg in typing.get_args(annotation):
            found += _annotated_metadata(arg)
    return found


def _record_in(annotation: Any) -> type[BaseModel] | None:
    """The record type of a field (``Source``, ``list[Source]``), else None."""
    kind = _without_none(annotation)
    if typing.get_origin(kind) is list:
        kind = _without_none(typing.get_args(kind)[0])
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


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
    if model is Source:  # one of three kinds is filled in: show whichever it is
        return "".join("{{fields." + kind + "}}" for kind in SOURCE_KINDS)
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
