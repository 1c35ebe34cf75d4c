"""Dutch labels and hints for the form editor, per field of the record models.

A field without a label here makes ``cmsconfig.form_field`` fail with a
KeyError, so a new model field cannot reach the form unlabelled (the
generated-config test in tests/test_form_editor.py runs it). ``(Model, field)``
keys win over plain field names where one name means different things.
"""

from __future__ import annotations

from .languages import LANGUAGES

FIELD_LABELS: dict[str | tuple[str, str], tuple[str, str]] = {
    "id": ("Id", "Kleine letters, cijfers en koppeltekens, bv. huis-van-het-kind. Voor een organisatie: "
                 "ook de naam van het bestand. Verander het niet meer na het aanmaken."),
    "name": ("Naam", ""),
    "alternate_name": ("Andere naam of afkorting", ""),
    "kind": ("Soort", ""),
    "parent_organisation": ("Hoort bij (organisatie)", ""),
    "description": ("Beschrijving", "In eenvoudige taal: wat doet deze organisatie voor de bewoner?"),
    "description_by_editors": ("Beschrijving door de redactie",
                               "Aan als geen bron zegt wat de organisatie doet (een bron noemt alleen haar naam). "
                               "De site zegt dan dat de beschrijving van de redactie is."),
    "themes": ("Thema's", "Kies een of meer levensthema's."),
    "website": ("Website", "Begin met https://"),
    "email": ("E-mailadres", ""),
    "phones": ("Telefoonnummers", ""),
    "number": ("Nummer", "Het volledige nummer met zone, bv. 015 12 34 56 of 0800 20 800."),
    ("Phone", "description"): ("Waarvoor", "Bv. 'Algemeen nummer' of 'Enkel in de voormiddag'."),
    "status": ("Stand", ""),
    "alert": ("Melding", "Een tijdelijke melding bovenaan, bv. 'Gesloten tot 1 maart'."),
    "data_note": ("Wat weten we niet?", "Uitleg voor de lezer over wat nog niet bevestigd is."),
    "sources": ("Bronnen", "Waar komt deze informatie vandaan? Elke bron met wat ze bevestigt."),
    "url": ("Webadres", "Begin met https://"),
    "file": ("Bestand", "De naam van een ingelezen lijst, als de bron geen webadres heeft."),
    "confirmed_by": ("Bevestigd door", "Wie het bevestigde en hoe, bv. 'Huurdersbond Mechelen, telefonisch'. "
                                       "De naam van de organisatie of een functie volstaat; nooit gegevens "
                                       "van een burger."),
    "supports": ("Wat bevestigt deze bron?", ""),
    "date": ("Datum", ""),
    ("Source", "date"): ("Datum", "Bij een webpagina: de publicatiedatum (jaar-maand-dag, of alleen het jaar als "
                                  "de pagina niet meer zegt; unknown als ze geen datum toont). Bij een bevestiging: "
                                  "de dag waarop ze gegeven werd."),
    "read": ("Gelezen op", "Alleen voor een pagina zonder datum: de dag waarop u ze las. Laat dan Datum leeg."),
    "assured_date": ("Laatst gecontroleerd op", "De dag waarop iemand deze gegevens nagekeken heeft."),
    "services": ("Diensten", "Wat deze organisatie aanbiedt."),
    "audience": ("Voor wie", ""),
    "access": ("Hoe kom je binnen?", "Met of zonder afspraak. Kies 'nog niet bekend' als u het niet weet."),
    "application_process": ("Hoe vraag je het aan?", ""),
    "required_documents": ("Mee te brengen", "Eén document per regel, bv. 'identiteitskaart'."),
    "cost": ("Kostprijs", "Bv. 'Gratis'."),
    "languages": ("Talen", "De talen waarin u geholpen wordt. Geen talen: nog niet bekend."),
    "hours": ("Vaste uren", "Elke regel is een vast moment: elke week, een week op twee of "
                            "bepaalde weken van de maand. Geen regels: de uren zijn nog niet bekend."),
    "exceptions": ("Uitzonderingen", "Een dag waarop het gesloten is of andere uren heeft."),
    "locations": ("Waar", "De gebouwen waar deze dienst zitdagen of spreekuren houdt."),
    "location": ("Gebouw", ""),
    "room": ("Lokaal", ""),
    "floor": ("Verdieping", ""),
    "note": ("Opmerking", ""),
    "repeat": ("Hoe vaak", ""),
    "days": ("Dagen", ""),
    "weeks": ("Weken van de maand", "Alleen bij 'bepaalde weken van de maand': 1 tot 5, of -1 voor de laatste."),
    "start": ("Eerste keer", "Alleen bij 'een week op twee': een dag waarop het doorgaat."),
    "times": ("Uren", "Begin en einde, bv. 09:00-12:00. Een regel per tijdvak."),
    "valid_from": ("Geldig vanaf", ""),
    "valid_to": ("Geldig tot en met", ""),
    "label": ("Omschrijving", "Bv. 'Zitdag pensioenen'."),
    "closed": ("Gesloten", ""),
    "address": ("Adres", ""),
    "street": ("Straat en nummer", ""),
    "postal_code": ("Postcode", ""),
    "city": ("Gemeente", ""),
    "country": ("Land", ""),
    "transportation": ("Hoe geraak je er?", "Bus, trein, fiets, parking."),
    "accessibility": ("Toegankelijkheid", "Kies 'nog niet bekend' tot iemand het nagekeken heeft."),
    "wheelchair": ("Rolstoel", ""),
    "entrance": ("Ingang", ""),
    "lift": ("Lift", ""),
    "toilet": ("Aangepast toilet", ""),
    "parking": ("Parking", ""),
    "hearing_loop": ("Ringleiding", ""),
    ("Accessibility", "description"): ("Uitleg", ""),
    "belgian_public_holidays": ("Gesloten op Belgische feestdagen", ""),
    "flemish_public_service_days": ("Gesloten op de feestdagen van de Vlaamse overheid", ""),
    ("ClosureDay", "name"): ("Waarom gesloten", ""),
    "source": ("Bron", "Begin met https://"),
    "confirmed": ("Bevestigd", "Heeft het Sociaal Huis deze sluitingsdagen bevestigd?"),
    "municipality": ("Gemeente", ""),
    "house_location": ("Gebouw van het huis", ""),
    "house_organisation": ("Organisatie van het huis", ""),
    "fictional": ("Verzonnen voorbeeld", ""),
    "repository": ("GitHub-repository", ""),
    "edit_branch": ("Tak om te bewerken", ""),
    "map_path": ("Map met de gegevens", ""),
    "editorial_email": ("E-mailadres van de redactie",
                        "Openbaar adres waar burgers een fout melden. Leeg: de site verwijst naar het onthaal."),
    "cms_auth_url": ("Aanmeldhulp voor het formulier", "Het adres van de OAuth-hulp; zie 'Gegevens aanpassen'."),
    "timezone": ("Tijdzone", ""),
    "source_max_age_years": ("Hoe oud mag een bron zijn (jaren)?",
                             "Is de nieuwste bron van een organisatie ouder, dan zegt de site 'volgens een bron "
                             "uit …; nog niet opnieuw bevestigd'. Standaard 3."),
    "title": ("Titel", ""),
    "text": ("Tekst", "Een alinea per regel."),
    "items": ("Punten", ""),
    "attribution": ("Wie zegt dit?", ""),
    "intro": ("Inleiding", "Een alinea per regel."),
    "model": ("Het model", ""),
    "building_blocks": ("Bouwstenen", ""),
    "summary": ("Samenvatting", "Eén zin."),
    "why": ("Waarom", ""),
    "organisations": ("Organisaties", ""),
    "intended_result": ("Beoogd resultaat", ""),
    "challenges": ("Uitdagingen", ""),
    "success_factors": ("Succesfactoren", ""),
    "tips": ("Tips", ""),
    "wisselaar": ("De Wisselaar", ""),
    "keywords": ("Zoekwoorden", "Woorden waarmee inwoners zoeken, ook andere woorden of spellingen. "
                 "Alleen wat echt bij dit thema hoort."),
}

# Fields whose text may run over several lines.
LONG_TEXT = {"description", "data_note", "alert", "application_process", "note", "transportation",
             "supports", "audience", "text", "why", "summary", "intro", "items"}

# Fields that hold ids of other records: (collection, file, value field, field shown).
RELATIONS: dict[str | tuple[str, str], tuple[str, str | None, str, str]] = {
    "themes": ("settings", "themes", "themes.*.id", "themes.*.name"),
    "location": ("locations", None, "id", "name"),
    "house_location": ("locations", None, "id", "name"),
    "parent_organisation": ("organisations", None, "id", "name"),
    "house_organisation": ("organisations", None, "id", "name"),
    "organisations": ("organisations", None, "id", "name"),
    ("ThemeList", "themes"): ("", None, "", ""),  # the theme list itself: not a relation
}

# Dutch names of controlled values, shown in the selects; the file keeps the value.
OPTION_LABELS: dict[object, str] = {
    "city_team": "Team van de stad", "partner": "Partner",
    "active": "Actief", "temporarily_closed": "Tijdelijk gesloten", "ended": "Gestopt",
    "walk_in": "Zonder afspraak", "appointment": "Op afspraak", "phone_only": "Alleen telefonisch",
    "referral": "Na doorverwijzing", "unknown": "Nog niet bekend",
    "weekly": "Elke week", "monthly": "Bepaalde weken van de maand", "every_other_week": "Een week op twee",
    "mo": "maandag", "tu": "dinsdag", "we": "woensdag", "th": "donderdag", "fr": "vrijdag",
    "sa": "zaterdag", "su": "zondag",
    "yes": "Ja", "limited": "Beperkt", "no": "Nee",
    "BE": "België", "NL": "Nederland",
    "Europe/Brussels": "Europe/Brussels",
}

# Lists of codes the checker knows, shown as selects: field name -> {code: Dutch name}.
CHOICES: dict[str, dict[str, str]] = {"languages": LANGUAGES}
