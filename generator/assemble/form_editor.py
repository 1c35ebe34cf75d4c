"""The form editor at /admin/: Decap CMS, served from the site itself.

The minified Decap bundle comes from the npm package pinned in package.json and
package-lock.json (node_modules/ in a checkout, a copy in the wheel: see
generator/resources.py), so the site makes no request to a CDN and git holds no
built bundle. It is copied once per build, not per page.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from ..data.cmsconfig import cms_config, cms_config_text
from ..data.schema import Site
from ..resources import browser_code
from ..site.csp import admin_policy

WIDGETS = Path(__file__).with_name("form_editor.js")  # our one custom widget

PAGE = """<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Gegevens aanpassen – {name}</title>
  <link rel="icon" href="data:,">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>Het formulier om de gegevens aan te passen werkt alleen met JavaScript.</noscript>
  <script src="form-fields.js"></script>
  <script src="decap-cms.js"></script>
  <script src="sociale-kaart-widgets.js"></script>
</body>
</html>
"""


def write_form_editor(site: Site, site_dir: Path, site_url: str) -> Path:
    """Write site_dir/admin/: the page, its generated config.yml and the Decap bundle."""
    admin = site_dir / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    page = PAGE.format(name=html.escape(site.name), csp=html.escape(admin_policy(site)))
    (admin / "index.html").write_text(page, encoding="utf-8")
    (admin / "config.yml").write_text(cms_config_text(site, site_url), encoding="utf-8")
    fields = json.dumps({"collections": cms_config(site, site_url)["collections"]}, ensure_ascii=False)
    # Decap starts by hand (CMS_MANUAL_INIT), once sociale-kaart-widgets.js has registered its widgets
    # and the token backend: left to start by itself, it may read the config before "github_token" exists.
    (admin / "form-fields.js").write_text(f"window.SK_FORM_FIELDS = {fields};\nwindow.CMS_MANUAL_INIT = true;\n",
                                          encoding="utf-8")
    for part in browser_code("decap-cms"):
        shutil.copyfile(part, admin / part.name)
    shutil.copyfile(WIDGETS, admin / "sociale-kaart-widgets.js")
    return admin
