"""Stage 5, build: MkDocs and Material draw the pages, Pagefind indexes them.

The MkDocs plugin (event wiring), generated pages, shared theme blocks, the
helper process of large builds, the streaming Pagefind client, atomic publishing
(build beside site/, swap in whole) and the Dutch messages of build failures.
May import: data, when, site, publish. The only package that imports MkDocs.
"""
