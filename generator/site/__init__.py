"""Stage 3, site: what the site shows, independent of MkDocs.

The page plan, Dutch wording, search facets, JSON-LD, the browser's "today"
data and the Jinja2 environment for site_templates/.
May import: data, when.
"""
