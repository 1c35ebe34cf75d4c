"""Atomic publishing: a build writes into a fresh folder beside site/ and swaps it in whole.

The published site/ is never written into. A build goes to `.site-new-<token>`
next to it (same file system, so a rename moves it); only once pages, open data,
calendars and the search index are complete is that folder swapped with site/
(Linux: one renameat2(RENAME_EXCHANGE), elsewhere two renames), and the previous
site, now under the fresh folder's name, is removed. Nothing is copied.

Whatever stops a build before the swap (an error, a full disk, Ctrl-C, SIGKILL)
leaves site/ as it was. A failed build removes its folder; what a killed one
leaves behind the next build removes. Each build holds a lock (flock) on its
folder, so a build running next to this one keeps its own.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import fcntl
import logging
import os
import secrets
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from ..data.errors import shown
from .failures import quiet_english_write_errors

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

NEW, OLD = "-new-", "-old-"  # .site-new-<token>: a build; .site-old-<token>: a previous site
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class FreshSite:
    """The folder one build writes into, and the swap that publishes it."""

    def __init__(self, site: Path) -> None:
        self.site = Path(os.path.realpath(site))  # a symlink is refused before (unsafe_site_dir)
        self.site.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.site)
        self.path = self.site.parent / f".{self.site.name}{NEW}{secrets.token_hex(6)}"
        self.path.mkdir()
        self._lock: int | None = _lock(self.path)
        atexit.register(self.discard)  # Ctrl-C and other ends without on_build_error

    def publish(self) -> None:
        """Put the complete fresh folder in place of site/, then remove the previous site."""
        if not self.site.exists():
            os.rename(self.path, self.site)
        elif _exchange(self.path, self.site):
            pass  # self.path now holds the previous site
        else:
            old = self.site.parent / f".{self.site.name}{OLD}{secrets.token_hex(6)}"
            os.rename(self.site, old)
            os.rename(self.path, self.site)  # killed in between: remove_leftovers puts `old` back
            os.rename(old, self.path)
        self.discard()

    def discard(self) -> None:
        """Remove the fresh folder (after a failure: the build; after publish: the previous site)."""
        atexit.unregister(self.discard)
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def remove_leftovers(site: Path) -> None:
    """Remove the folders of builds that ended without cleaning up (killed), and
    put the previous site back if a build was killed halfway through a two-rename swap."""
    if not site.parent.is_dir():
        return
    for entry in sorted(site.parent.iterdir()):
        if entry.name.startswith(f".{site.name}{OLD}") and not site.exists():
            os.rename(entry, site)
        elif entry.name.startswith((f".{site.name}{NEW}", f".{site.name}{OLD}")) and _unlocked(entry):
            shutil.rmtree(entry, ignore_errors=True)


def _lock(path: Path) -> int | None:
    """Hold an exclusive lock on ``path`` for as long as this build runs."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _unlocked(path: Path) -> bool:
    """Whether no running build holds ``path`` (a lock ends with its process, however it ended)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


# --------------------------------------------------------------------------- the MkDocs side

class AsideBuild:
    """One MkDocs build written beside site/: ``config.site_dir`` points at the fresh
    folder until the build is published or discarded."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.published = config.site_dir
        self.fresh = FreshSite(Path(config.site_dir))
        config.site_dir = str(self.fresh.path)

    def publish(self) -> None:
        """Swap the finished build in, unless strict mode is about to refuse it for warnings."""
        if self.config.strict and (count := warning_count()):
            log.info("De site is niet gebouwd: %d waarschuwing(en) hierboven, en strict staat aan. "
                     "De vorige versie van de site is ongewijzigd gebleven.", count)
            return  # MkDocs aborts next (in English); on_build_error discards the build
        self.fresh.publish()
        self.config.site_dir = self.published  # e.g. `gh-deploy` pushes config.site_dir next
        log.info("De nieuwe site staat klaar in %s", self.published)

    def discard(self) -> None:
        """The build failed: remove its folder; site/ stays as it was."""
        self.fresh.discard()
        self.config.site_dir = self.published


class InPlace:
    """A `--dirty` build: it rewrites only changed pages, so it needs the previous ones and
    updates site/ in place (a development option); nothing to publish or discard."""

    def publish(self) -> None:
        pass

    def discard(self) -> None:
        pass


REFUSED = ("De map voor de site ({site}) {why}. Een bouw vervangt die map in zijn geheel en verwijdert "
           "de vorige inhoud. Kies met site_dir in mkdocs.yml (of -d) een eigen, gewone map, bv. site.\n"
           "Er is niets gebouwd of verwijderd.")


def unsafe_site_dir(site: Path, config_file: Path, map_dir: Path) -> str | None:
    """Why publishing into ``site`` would destroy what it must not, in Dutch; None when it is safe.

    The swap replaces the site folder whole and deletes what stood there: a ``site`` that is
    a symlink to the project (``ln -s . site``), the project itself, or a folder holding
    mkdocs.yml or map/ would take the project with it; a mount point cannot be swapped.
    """
    if site.is_symlink():
        return "is een symbolische koppeling (symlink); de bouw zou verwijderen waar ze naar wijst"
    real, config, data = (Path(os.path.realpath(p)) for p in (site, config_file, map_dir))
    if real == config.parent:
        return "is de map van het project zelf"
    if real in config.parents:
        return f"bevat het configuratiebestand {config.name}"
    if real == data or real in data.parents:
        return "bevat de map met de gegevens (map/)"
    if data in real.parents:
        return "ligt in de map met de gegevens (map/)"
    if real.exists() and os.path.ismount(real):
        return "is een koppelpunt (mount point) en kan niet in één keer vervangen worden"
    return None


def refuse_unsafe_site_dir(config: MkDocsConfig, map_dir: Path) -> None:
    """Stop the build with a Dutch message, before anything is written or removed."""
    if why := unsafe_site_dir(Path(config.site_dir), Path(config.config_file_path), map_dir):
        raise Abort(REFUSED.format(site=shown(str(config.site_dir)), why=why))


def build_aside(config: MkDocsConfig, dirty: bool, map_dir: Path) -> AsideBuild | InPlace:
    """Build beside site/, or in place for `--dirty`; never into a folder that holds the project."""
    refuse_unsafe_site_dir(config, map_dir)
    quiet_english_write_errors()  # writing starts: the Dutch message of a failure suffices
    if dirty:
        log.info("--dirty: de site wordt ter plaatse bijgewerkt, niet apart gebouwd en in één keer vervangen")
        return InPlace()
    return AsideBuild(config)


def warning_count() -> int:
    """The warnings MkDocs has counted in this build so far (strict mode counts them)."""
    counter = next((h for h in reversed(logging.getLogger("mkdocs").handlers) if isinstance(h, CountHandler)), None)
    return sum(n for _, n in counter.get_counts()) if counter else 0
