"""Stage 5, build: MkDocs and Material draw the pages, Pagefind indexes them.

The MkDocs plugin (event wiring), generated pages, shared theme blocks, the
helper process of large builds and the streaming Pagefind client.
May import: data, when, site, publish. The only package that imports MkDocs.
"""
