"""Beside the stages, editors: the `sociale-kaart` command line for editors and maintainers.

check, new, init, stale, diff and schema.
May import: data, when, site, publish; never assemble (no MkDocs). Nothing imports it.
"""
