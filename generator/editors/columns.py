"""The columns of the import spreadsheet, declared once.

The template spreadsheet (`init`), the reader (`import`) and the test that the
editor guide documents every column all read this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its header in the sheet, whether a row needs it, what goes in, an example."""

    header: str
    required: bool
    help: str
    example: str


COLUMNS = [
    Column("organisatie", True, "De naam van de organisatie. Rijen met dezelfde naam horen bij één organisatie.",
           "Huurdersbond Verzinnegem"),
    Column("soort", False, "stad (een team van de stad of het OCMW) of partner (een andere organisatie). "
           "Leeg: partner.", "partner"),
    Column("beschrijving organisatie", True, "Wat de organisatie doet, in eenvoudige woorden. "
           "Eén keer invullen is genoeg.", "De Huurdersbond helpt huurders met vragen over hun huur."),
    Column("website", False, "Het webadres, met https://.", "https://www.voorbeeld.be"),
    Column("e-mail", False, "Het e-mailadres van de organisatie.", "info@voorbeeld.be"),
    Column("telefoon", False, "Telefoonnummer met zone. Meer nummers: scheid ze met ;.", "099 12 34 56"),
    Column("dienst", True, "De naam van de dienst. Eén rij per dienst.", "Advies over uw huurcontract"),
    Column("beschrijving dienst", True, "Wat u hier kunt vragen, in eenvoudige woorden.",
           "Wij lezen uw huurcontract na en leggen uit wat erin staat."),
    Column("thema's", True, "Een of meer thema's uit map/themes.yaml (de id of de naam), gescheiden door komma's.",
           "wonen"),
    Column("doelgroep", False, "Voor wie de dienst is.", "Huurders"),
    Column("toegang", False, "zonder afspraak, op afspraak, telefonisch of via doorverwijzing. "
           "Leeg: nog niet bekend.", "op afspraak"),
    Column("kostprijs", False, "Wat het kost, in woorden.", "Gratis"),
    Column("meebrengen", False, "Wat de burger meebrengt. Meer dingen: scheid ze met ;.",
           "identiteitskaart; huurcontract"),
    Column("talen", False, "Talen met hun code van twee letters, gescheiden door komma's. Leeg: nog niet bekend.",
           "nl, fr"),
    Column("gebouw", False, "De naam van het gebouw waar de dienst doorgaat. Leeg: geen vaste plaats.",
           "Sociaal Huis"),
    Column("adres", False, "Straat en huisnummer van het gebouw (nodig als u een gebouw invult).", "Marktplein 1"),
    Column("postcode", False, "De postcode van het gebouw.", "9999"),
    Column("gemeente", False, "De gemeente van het gebouw.", "Verzinnegem"),
    Column("dagen", False, "Wanneer, zoals de site het zegt: elke dinsdag; de 1ste en 3de dinsdag van de maand; "
           "om de twee weken op donderdag (vanaf 3 september 2026); met een periode erachter: (van 1 september "
           "2026 tot en met 30 juni 2027). Kort mag ook: di, do (elke week). Meer regels: scheid ze met ; "
           "of een nieuwe regel in de cel. Leeg: de uren zijn nog niet bekend.",
           "de 1ste en 3de dinsdag van de maand"),
    Column("uren", False, "Van wanneer tot wanneer, als uu:mm-uu:mm. Meer tijdvakken: scheid ze met komma's. "
           "Bij meer regels in 'dagen': de uren van elke regel, gescheiden met ;.",
           "09:00-12:00, 13:00-16:00"),
    Column("bron", False, "Het webadres waar deze gegevens staan (mag leeg).", "https://www.voorbeeld.be/huur"),
    Column("gecontroleerd op", True, "De dag waarop iemand deze gegevens nagekeken heeft (dag-maand-jaar).",
           "15-10-2026"),
    Column("zaal", False, "Het lokaal of de zaal in het gebouw (alleen met een gebouw).", "Zaal 2"),
    Column("opmerking", False, "Iets dat de burger moet weten over deze plaats (alleen met een gebouw).",
           "Bel aan bij de zijdeur"),
    Column("uitzonderingen", False, "Dagen waarop het anders is: niet op 24 december 2026; andere uren op "
           "23 december 2026: 09:00-12:00. Zonder jaar: de eerstvolgende. Scheid ze met ;.",
           "niet op 24 december 2026"),
]

HEADERS = {column.header: column for column in COLUMNS}
