"""Stage 5, assemble (the site build): MkDocs and Material draw the pages, Pagefind indexes them.

The MkDocs plugin (event wiring), generated pages, shared theme blocks, the
helper process of large builds, the streaming Pagefind client, atomic publishing
(build beside site/, swap in whole) and the Dutch messages of build failures.
Named "assemble", not "build": tools and .gitignore templates treat a folder named
build/ as generated output.
May import: data, when, site, publish. The only package that imports MkDocs.
"""
