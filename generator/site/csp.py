"""The Content-Security-Policy of every page, as a <meta http-equiv> (static hosts such as
GitHub Pages cannot set headers).

The site runs only its own files: no inline script, no inline event handler, no script,
style, font, image or request from another host. Whatever text from the map, a URL or
the browser's storage ends up in a page, it cannot run as script, and nothing a citizen
looks up can be sent elsewhere. Pagefind compiles its WebAssembly search core, which
needs 'wasm-unsafe-eval' (WebAssembly only, not JavaScript's eval). `frame-ancestors`
cannot be set by a meta element (browsers ignore it there).

The form editor /admin/ is another program (a CMS bundle) with its own needs; its policy
is admin_policy(), the one place to adjust when the CMS changes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..data.schema import Site


def policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


SITE_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # data: for the icons in Material's stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
SITE_POLICY = policy(SITE_DIRECTIVES)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def admin_policy(site: Site) -> str:
    """The form editor's policy (Decap CMS 3): its bundle compiles code at run time
    ('unsafe-eval': without it the page stays blank) and injects its styles (<style>
    elements: without 'unsafe-inline' Chromium blocks them); it talks to GitHub's API,
    shows GitHub avatars, and in local development to decap-server on this machine.
    The sign-in helper (cms_auth_url) opens in its own window, which this page does not govern."""
    connect = ["'self'", "https://api.github.com", "http://localhost:*", "http://127.0.0.1:*"]
    if site.cms_auth_url:
        connect.append(origin(site.cms_auth_url))
    return policy({
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
        "font-src": ["'self'", "data:"],
        "connect-src": connect,
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    })
