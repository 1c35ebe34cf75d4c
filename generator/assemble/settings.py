"""The plugin's settings in mkdocs.yml (plugins: - sociale-kaart: ...)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SocialeKaartConfig(Config):
    """Where the map and the page templates are, and which generated pages are in the nav."""

    # Not named "data": Config is a UserDict and that name breaks it.
    map = c.Type(str, default="map")
    templates = c.Type(str, default="site_templates")
    in_nav = c.ListOfItems(c.Type(str), default=[])
