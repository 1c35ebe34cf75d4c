"""The record types of map/, declared once.

Field names follow Open Referral HSDS 3.0 where HSDS has one (``alternate_name``,
``assured_date``, ``status``, ``alert``, ``required_documents``, ``accessibility``);
``ServiceAtLocation`` is HSDS's ``service_at_location``: organisation X holds an
office day in building Y. Values an editor types are checked here and every
error is phrased in Dutch (see ``messages.py``).

"Unknown" is a state, not a gap: hours, access, languages and accessibility
levels take the explicit value ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .languages import LANGUAGES
from .limits import invisible_message
from .load import RawFloat, RawInt

UNKNOWN = "unknown"


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message is shown to the editor as is."""
    return PydanticCustomError("nl", message)


# --- small value types -------------------------------------------------------


def _text_from_yaml(value: Any) -> Any:
    """Accept numbers and dates YAML made of unquoted text, when nothing was lost."""
    if isinstance(value, (RawInt, RawFloat)):
        if str(value) != value.raw:
            raise fail(
                f"YAML leest {value.raw} als het getal {value}; "
                f"zet de waarde tussen aanhalingstekens: '{value.raw}'"
            )
        return value.raw
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PLACEHOLDER = "VUL IN:"  # what `init --empty` writes where it was not told a fact


def _not_blank(value: str) -> str:
    if not value.strip():
        raise fail("mag niet leeg zijn")
    if value.lstrip().startswith(PLACEHOLDER):
        raise fail(f"nog niet ingevuld ('{value.strip()}'); vervang het door de echte gegevens")
    return value.strip()


Text = Annotated[str, BeforeValidator(_text_from_yaml), AfterValidator(_not_blank)]


def _visible(value: str) -> str:
    """Names, ids and addresses: no bidi controls or invisible characters (limits.py)."""
    if message := invisible_message(value):
        raise fail(message)
    return value


Visible = AfterValidator(_visible)
# A name a citizen reads and picks an organisation, service or building by.
Name = Annotated[Text, Visible]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise fail(
            f"'{value}' is geen geldige id; gebruik kleine letters, cijfers en "
            "koppeltekens, bv. 'huis-van-het-kind'"
        )
    return value


Slug = Annotated[Text, Visible, AfterValidator(_slug)]


# The patterns below are also the form editor's (generator/data/cmsconfig.py), so
# they are written in the common part of Python's and JavaScript's regex syntax.
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$")


def _url(value: str) -> str:
    if not URL.match(value):
        raise fail(f"'{value}' is geen geldig webadres; begin met https:// (bv. https://www.mechelen.be)")
    return value


Url = Annotated[Text, Visible, AfterValidator(_url)]


# An address and nothing else: letters, digits and . _ + ' - before the @, a domain name
# after it. '?', '&' and '%' would add headers to every mailto: link ("?bcc=..."), a comma
# or a space a second recipient. One pattern, also for the form editor's field.
EMAIL_PATTERN = (r"^[A-Za-z0-9_+'-]+(\.[A-Za-z0-9_+'-]+)*"
                 r"@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
NOT_IN_EMAIL = {"?": "een vraagteken", "&": "een &-teken", "%": "een %-teken", ",": "een komma",
                ";": "een puntkomma", " ": "een spatie", "<": "een <-teken", ">": "een >-teken",
                ":": "een dubbelpunt", "/": "een schuine streep"}


EMAIL = re.compile(EMAIL_PATTERN)


def _email(value: str) -> str:
    if not EMAIL.match(value):
        bad = next((NOT_IN_EMAIL.get(c, "een spatie") for c in value if c in NOT_IN_EMAIL or c.isspace()), None)
        why = f" ({bad} hoort niet in een e-mailadres)" if bad else ""
        raise fail(f"'{value}' is geen geldig e-mailadres{why}; schrijf alleen het adres, bv. info@mechelen.be")
    return value


Email = Annotated[Text, Visible, AfterValidator(_email)]


PHONE_SEPARATOR = r"[\s./()-]"
PHONE_DIGITS = re.compile(r"^(\+\d{8,15}|0\d{8,9}|1\d{2,3})$")  # once the separators are left out


def _phone(value: str) -> str:
    digits = re.sub(PHONE_SEPARATOR, "", value)
    if not PHONE_DIGITS.match(digits):
        raise fail(
            f"'{value}' is geen geldig telefoonnummer; schrijf het volledige nummer "
            "met zone, bv. '015 12 34 56' of '0800 20 800'"
        )
    return value


PhoneNumber = Annotated[Text, Visible, AfterValidator(_phone)]

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
DUTCH_WEEKDAYS = dict(zip(("ma", "di", "wo", "do", "vr", "za", "zo"), WEEKDAYS, strict=True))


def _weekday(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower()
        key = DUTCH_WEEKDAYS.get(key, key)
        if key not in WEEKDAYS:
            raise fail(f"'{value}' is geen dag; gebruik ma, di, wo, do, vr, za, zo (of mo, tu, we, th, fr, sa, su)")
        return key
    return value


Weekday = Annotated[
    Literal["mo", "tu", "we", "th", "fr", "sa", "su"],
    BeforeValidator(_weekday),
    WithJsonSchema({"enum": [*WEEKDAYS, *DUTCH_WEEKDAYS]}),
]

TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class TimeRange(BaseModel):
    """Opening time and closing time on one day, written '09:00-12:00'."""

    model_config = ConfigDict(frozen=True)
    opens: dt.time
    closes: dt.time

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raw = getattr(value, "raw", str(value))
            raise fail(f"YAML leest {raw} als een getal; "
                       "schrijf een tijdvak tussen aanhalingstekens, bv. '09:00-12:00'")
        if not isinstance(value, str):
            raise fail("hier hoort een tijdvak, bv. '09:00-12:00'")
        match = TIME_RANGE.match(value.strip())
        if not match:
            raise fail(f"'{value}' is geen tijdvak; schrijf begin en einde als uu:mm-uu:mm, bv. '09:00-12:00'")
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        for hours, minutes in ((h1, m1), (h2, m2)):
            if hours > 23 or minutes > 59:
                raise fail(f"'{value}': {hours:02d}:{minutes:02d} is geen bestaand uur (00:00 tot 23:59)")
        if (h1, m1) >= (h2, m2):
            raise fail(f"'{value}': het einde moet na het begin liggen")
        return {"opens": dt.time(h1, m1), "closes": dt.time(h2, m2)}

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


TimeRangeText = Annotated[
    TimeRange,
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$"}),
]

Level = Literal["yes", "limited", "no", "unknown"]


def _level(value: Any) -> Any:
    """Unquoted yes/no are booleans in YAML; take them as the editor meant them."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


# The JSON Schema also allows true/false: a YAML 1.1 reader (PyYAML's safe_load,
# some editors' YAML tooling) reads unquoted yes/no as booleans, and the checker
# accepts true/false as "yes"/"no"; the schema must not flag what the checker accepts.
AccessLevel = Annotated[
    Level,
    BeforeValidator(_level),
    WithJsonSchema({"enum": ["yes", "limited", "no", "unknown", True, False]}),
]


def _language(value: str) -> str:
    code = value.lower()
    if code not in LANGUAGES:
        raise fail(f"'{value}' is geen bekende taalcode; gebruik de code van twee letters, bv. nl, fr, en, ar")
    return code


LanguageCode = Annotated[Text, AfterValidator(_language)]


def _unknown_as_none(value: Any) -> Any:
    """'unknown' is stored as None; an empty value must be written as unknown."""
    if value is None:
        raise fail(f"leeg; schrijf '{UNKNOWN}' als dit (nog) niet bekend is")
    if isinstance(value, str) and value.strip() == UNKNOWN:
        return None
    return value


def _unknown_in_json_schema(schema: dict[str, Any]) -> None:
    """In the JSON Schema, the editor writes 'unknown' where Python holds None."""
    schema["anyOf"] = [
        {"const": UNKNOWN} if option == {"type": "null"} else option for option in schema["anyOf"]
    ]
    schema.pop("default", None)


UnknownAllowed = Field(json_schema_extra=_unknown_in_json_schema)


# --- records -------------------------------------------------------------------


class Record(BaseModel):
    """Base for every record: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_from > valid_to:
        raise fail(f"valid_from ({valid_from}) ligt na valid_to ({valid_to})")


def _check_overlap(times: list[TimeRange] | None) -> list[TimeRange] | None:
    """A field validator for ``times``, so that the problem points at that line."""
    ordered = sorted(times or [], key=lambda t: t.opens)
    for first, second in itertools.pairwise(ordered):
        if second.opens < first.closes:
            raise fail(f"de tijdvakken {first} en {second} overlappen")
    return times


class Rule(Record):
    """One recurring opening: weekly, on the nth weekday(s) of a month, or every other week."""

    repeat: Literal["weekly", "monthly", "every_other_week"]
    days: list[Weekday] = Field(min_length=1)
    weeks: list[Annotated[int, Field(ge=-1, le=5)]] | None = None
    start: dt.date | None = None
    times: list[TimeRangeText] = Field(min_length=1)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    label: Text | None = None

    _times = field_validator("times")(_check_overlap)

    @field_validator("weeks")
    @classmethod
    def _weeks(cls, weeks: list[int] | None) -> list[int] | None:
        if weeks is not None and (not weeks or 0 in weeks):
            raise fail("weeks telt de weken van de maand: 1 tot 5, of -1 voor de laatste")
        return weeks

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.repeat == "monthly" and not self.weeks:
            raise fail("bij repeat: monthly hoort weeks, bv. weeks: [2, 4] voor de 2de en 4de week")
        if self.repeat != "monthly" and self.weeks:
            raise fail("weeks hoort alleen bij repeat: monthly")
        if self.repeat == "every_other_week":
            if not self.start:
                raise fail("bij repeat: every_other_week hoort start: een datum waarop het doorgaat")
            if WEEKDAYS[self.start.weekday()] not in self.days:
                raise fail(f"start ({self.start}) valt niet op een van de dagen {', '.join(self.days)}")
        elif self.start:
            raise fail("start hoort alleen bij repeat: every_other_week")
        _check_period(self.valid_from, self.valid_to)
        return self


class Exception_(Record):
    """A one-off change on one date: closed, or other hours."""

    date: dt.date
    closed: bool = False
    times: list[TimeRangeText] | None = None
    note: Text | None = None

    _times = field_validator("times")(_check_overlap)

    @model_validator(mode="after")
    def _closed_or_times(self) -> Exception_:
        if self.closed == bool(self.times):
            raise fail("geef óf closed: true óf times (andere uren), niet allebei en niet geen van beide")
        return self


Hours = Annotated[
    list[Rule] | None,
    BeforeValidator(_unknown_as_none),
    UnknownAllowed,
]

Languages = Annotated[
    list[LanguageCode] | None,
    BeforeValidator(_unknown_as_none),
    UnknownAllowed,
]


class ServiceAtLocation(Record):
    """Where and when a service is offered: a building, a room, hours."""

    location: Slug
    room: Name | None = None
    floor: Name | None = None
    hours: Hours
    exceptions: list[Exception_] = []
    note: Text | None = None


def _source_date(value: Any) -> Any:
    """A publication date: a day, only the year when the source shows no more, or 'unknown'."""
    if isinstance(value, str) and value.strip() == UNKNOWN:
        return UNKNOWN
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1900 <= value <= 2100:
            raise fail(f"{value} is geen jaartal; schrijf een datum (2024-05-27) of een jaar (2017)")
        return int(value)
    return value


SourceDate = Annotated[
    dt.date | int | Literal["unknown"],
    BeforeValidator(_source_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"},
                              {"type": "integer", "minimum": 1900, "maximum": 2100},
                              {"const": UNKNOWN}]}),
]

SOURCE_KINDS = ("url", "file", "confirmed_by")


class Source(Record):
    """Where a fact comes from, and how old it is.

    Three kinds: a public web page (``url``), a file (``file``, e.g. an imported
    list), or a confirmation by a person or organisation (``confirmed_by``:
    who, and how, e.g. "Huurdersbond Mechelen, telefonisch"). A source carries
    the date it speaks for: ``date`` (published; a year when the source shows
    no more; ``unknown`` when it shows none and nobody noted when it was read)
    or ``read`` (the day a page without a date was read). A confirmation has
    the day it was given as ``date``. The site shows how old a fact's newest
    source is, so a 2017 page is never presented as today's truth.
    """

    url: Url | None = None
    file: Text | None = None
    confirmed_by: Text | None = None
    supports: Text
    date: SourceDate | None = None
    read: dt.date | None = None

    @model_validator(mode="after")
    def _one_kind_and_dated(self) -> Source:
        kinds = [kind for kind in SOURCE_KINDS if getattr(self, kind)]
        if not kinds:
            raise fail("geef een webadres (url), een bestand (file) of wie het bevestigde "
                       "(confirmed_by, bv. 'Huurdersbond Mechelen, telefonisch') als bron")
        if len(kinds) > 1:
            raise fail(f"een bron is één van url, file of confirmed_by, niet {' en '.join(kinds)}; "
                       "maak er aparte bronnen van")
        _check_source_date(self)
        return self

    @property
    def kind(self) -> str:
        """'url', 'file' or 'confirmed_by'."""
        return next(kind for kind in SOURCE_KINDS if getattr(self, kind))

    @property
    def reference(self) -> str:
        """The web address, the file name or who confirmed it: what a list of sources names."""
        return getattr(self, self.kind)

    @property
    def day(self) -> dt.date | None:
        """The newest day this source can speak for: a year counts as its last day; unknown is None."""
        if self.read:
            return self.read
        if isinstance(self.date, dt.date):
            return self.date
        if isinstance(self.date, int):
            return dt.date(self.date, 12, 31)
        return None


def _check_source_date(source: Source) -> None:
    """Every source says how old it is; a confirmation says the day it was given."""
    if source.date is not None and source.read is not None:
        raise fail("geef date (de datum van de bron) of read (de dag waarop u ze las), niet allebei")
    if source.confirmed_by and not isinstance(source.date, dt.date):
        raise fail("bij confirmed_by hoort date: de dag van de bevestiging, bv. date: 2026-12-02")
    if source.date is None and source.read is None:
        raise fail("de bron heeft geen datum; geef date (de publicatiedatum, of alleen het jaar) of "
                   "read (de dag waarop u de pagina las, als ze geen datum toont); "
                   "schrijf date: unknown als geen van beide bekend is")


class Phone(Record):
    number: PhoneNumber
    description: Text | None = None


class Service(Record):
    """What an organisation helps with, for whom, and how to get it."""

    id: Slug
    name: Name
    description: Text
    audience: Text | None = None
    access: Literal["walk_in", "appointment", "phone_only", "referral", "unknown"]
    application_process: Text | None = None
    required_documents: list[Text] = []
    cost: Text | None = None
    languages: Languages = None
    themes: list[Slug] = []
    phones: list[Phone] = []
    hours: Hours = None
    exceptions: list[Exception_] = []
    locations: list[ServiceAtLocation] = []


class Organisation(Record):
    """One organisation or team, with its services and sources: map/organisations/<id>.yaml."""

    id: Slug
    name: Name
    alternate_name: Name | None = None
    kind: Literal["city_team", "partner"]
    parent_organisation: Slug | None = None
    description: Text
    # True when no source describes what the organisation does (a source only names it): the
    # description is the map's own summary, and the site says so ("Beschrijving door de redactie").
    description_by_editors: bool = False
    themes: list[Slug] = Field(min_length=1)
    website: Url | None = None
    email: Email | None = None
    phones: list[Phone] = []
    status: Literal["active", "temporarily_closed", "ended"] = "active"
    alert: Text | None = None
    data_note: Text | None = None
    sources: list[Source] = Field(min_length=1)
    assured_date: dt.date
    services: list[Service] = Field(min_length=1)


def _country(value: str) -> str:
    if not re.match(r"^[A-Z]{2}$", value):
        raise fail(f"'{value}' is geen landcode; schrijf de code van twee hoofdletters, bv. BE, NL of FR")
    return value


class Address(Record):
    # The country as its ISO 3166 code: another publisher's export may lie across a border.
    street: Name
    postal_code: Name
    city: Name
    country: Annotated[Text, AfterValidator(_country)] = "BE"


class Accessibility(Record):
    """Physical accessibility of a building, each part yes / limited / no / unknown."""

    wheelchair: AccessLevel = "unknown"
    entrance: AccessLevel = "unknown"
    lift: AccessLevel = "unknown"
    toilet: AccessLevel = "unknown"
    parking: AccessLevel = "unknown"
    hearing_loop: AccessLevel = "unknown"
    description: Text | None = None


class Location(Record):
    """A building: map/locations/<id>.yaml."""

    id: Slug
    name: Name
    address: Address
    description: Text | None = None
    transportation: Text | None = None
    accessibility: Accessibility
    sources: list[Source] = Field(min_length=1)
    assured_date: dt.date


class Theme(Record):
    """A life theme (geld, wonen, ...): one entry of map/themes.yaml."""

    id: Slug
    name: Name
    description: Text
    # Words citizens search with for this theme ("energie" for bills, a misspelling): the search
    # index carries them on every service of the theme, the page does not show them.
    keywords: list[Text] = []


class ThemeList(Record):
    themes: list[Theme] = Field(min_length=1)


class ClosureDay(Record):
    date: dt.date
    name: Name
    source: Url | None = None


class Closures(Record):
    """Days the house is closed: map/closures.yaml."""

    belgian_public_holidays: bool
    flemish_public_service_days: bool
    days: list[ClosureDay] = []
    confirmed: bool
    note: Text | None = None


class Site(Record):
    """The social map's own settings: map/site.yaml."""

    name: Name
    municipality: Name
    house_location: Slug
    house_organisation: Slug
    fictional: bool = False
    repository: Url | None = None
    # Where citizens mail a correction ("Klopt er iets niet?"); without it the site says
    # to tell the desk. A public address only: it is printed on every page.
    editorial_email: Email | None = None
    edit_branch: Text = "main"
    map_path: Text = "map"  # where this map folder sits in the repository, for edit links
    # The sign-in helper (OAuth proxy) of the form editor /admin/ for GitHub; see docs/redactie.md.
    cms_auth_url: Url | None = None
    timezone: Literal["Europe/Brussels"] = "Europe/Brussels"
    # A fact whose newest source is older than this is shown as "volgens een bron uit 2017; nog niet
    # opnieuw bevestigd" (generator/when/source_age.py).
    source_max_age_years: int = Field(3, ge=1, le=20)
