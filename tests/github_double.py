"""A test double of the part of GitHub's REST API that the form editor uses, on 127.0.0.1.

The published form signs in with a token and talks to api.github.com from the
browser (generator/assemble/form_editor.js). A browser test cannot reach GitHub,
so this double answers the same requests from a real git repository (plumbing
commands: ls-tree, hash-object, write-tree, commit-tree, update-ref) and keeps
pull requests in memory. The CMS is the real one; only the git host is fake.
It records every request with its Authorization header, so a test can see what
the browser sent.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import re
import subprocess
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GIT_ENV = {"GIT_AUTHOR_NAME": "Redacteur", "GIT_AUTHOR_EMAIL": "redactie@example.org",
           "GIT_COMMITTER_NAME": "Redacteur", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


class NotFound(Exception):
    """GitHub's 404 ('Not Found')."""


@dataclass
class GitHubDouble:
    """One repository ``owner/name`` on branch ``main``, reachable with one token."""

    repo_dir: Path
    repo: str
    token: str
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, Authorization
    pulls: list[dict[str, Any]] = field(default_factory=list)

    def git(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
        result = subprocess.run(["git", *args], cwd=self.repo_dir, input=stdin, capture_output=True,
                                env={**os.environ, **GIT_ENV, **(env or {})})
        if result.returncode:
            raise NotFound(result.stderr.decode())
        return result.stdout

    def answer(self, method: str, path: str, query: dict[str, str], body: Any) -> Any:
        """The JSON GitHub would answer, or NotFound."""
        prefix = f"/repos/{self.repo}"
        if path == "/user":
            return {"login": "redacteur", "name": "Redacteur", "avatar_url": "", "email": None}
        if path == prefix:
            return {"full_name": self.repo, "default_branch": "main", "permissions": {"push": True, "admin": False},
                    "owner": {"login": self.repo.split("/")[0]}, "name": self.repo.split("/")[1]}
        if not path.startswith(prefix + "/"):
            raise NotFound(path)
        rest = path[len(prefix) + 1:]
        for pattern, handler in self.routes():
            match = re.fullmatch(pattern, f"{method} {rest}")
            if match:
                return handler(*match.groups(), query=query, body=body)
        raise NotFound(rest)

    def routes(self):
        return [
            (r"GET git/trees/([^:]+):(.*)", self.tree),
            (r"GET git/blobs/(\w+)", self.blob),
            (r"GET commits", self.commits),
            (r"GET branches/(.+)", self.branch),
            (r"GET git/refs/heads/(.+)", self.ref),
            (r"GET pulls", self.list_pulls),
            (r"GET pulls/(\d+)/commits", lambda number, **_: []),
            (r"GET compare/([^.]+)\.\.\.(.+)", self.compare),
            (r"POST git/blobs", self.new_blob),
            (r"POST git/trees", self.new_tree),
            (r"POST git/commits", self.new_commit),
            (r"POST git/refs", self.new_ref),
            (r"PATCH git/refs/heads/(.+)", self.move_ref),
            (r"POST pulls", self.new_pull),
            (r"PUT issues/(\d+)/labels", self.set_labels),
        ]

    def sha_of(self, ref: str) -> str:
        ref = urllib.parse.unquote(ref)
        if re.fullmatch(r"[0-9a-f]{40}", ref):
            return ref
        return self.git("rev-parse", f"refs/heads/{ref}").decode().strip()

    def tree(self, ref: str, folder: str, query: dict, body: Any) -> dict:
        args = ["ls-tree", "-l", *(["-r"] if query.get("recursive") else []), f"{self.sha_of(ref)}:{folder}"]
        entries = []
        for line in self.git(*args).decode().splitlines():
            info, name = line.split("\t", 1)
            mode, kind, sha, size = info.split()
            entries.append({"path": name, "mode": mode, "type": kind, "sha": sha,
                            "size": int(size) if size != "-" else 0})
        return {"sha": "", "tree": entries, "truncated": False}

    def blob(self, sha: str, **_: Any) -> dict:
        content = self.git("cat-file", "blob", sha)
        return {"sha": sha, "encoding": "base64", "content": base64.b64encode(content).decode(),
                "size": len(content)}

    def commits(self, query: dict, **_: Any) -> list:
        line = self.git("log", "-1", "--format=%an%x00%aI", self.sha_of(query.get("sha", "main")), "--",
                        query.get("path", ".")).decode().strip()
        name, date = line.split("\0") if line else ("", "")
        return [{"sha": "", "commit": {"author": {"name": name, "date": date}}}]

    def branch(self, name: str, **_: Any) -> dict:
        return {"name": urllib.parse.unquote(name), "commit": {"sha": self.sha_of(name)}}

    def ref(self, name: str, **_: Any) -> dict:
        return {"ref": f"refs/heads/{urllib.parse.unquote(name)}", "object": {"sha": self.sha_of(name)}}

    def list_pulls(self, query: dict, **_: Any) -> list:
        head = query.get("head", "").split(":")[-1]
        return [pull for pull in self.pulls if pull["state"] == "open" and (not head or pull["head"]["ref"] == head)]

    def compare(self, base: str, head: str, **_: Any) -> dict:
        lines = self.git("diff", "--name-status", "--no-renames", self.sha_of(base), self.sha_of(head))
        files = []
        for line in lines.decode().splitlines():
            status, name = line.split("\t", 1)
            sha = self.git("rev-parse", f"{self.sha_of(head)}:{name}").decode().strip() if status != "D" else None
            files.append({"filename": name, "sha": sha, "patch": "@@",
                          "status": {"A": "added", "D": "removed"}.get(status, "modified")})
        return {"files": files, "commits": [], "base_commit": {"sha": self.sha_of(base)}}

    def new_blob(self, body: dict, **_: Any) -> dict:
        content = base64.b64decode(body["content"]) if body.get("encoding") == "base64" else body["content"].encode()
        return {"sha": self.git("hash-object", "-w", "--stdin", stdin=content).decode().strip()}

    def new_tree(self, body: dict, **_: Any) -> dict:
        with tempfile.TemporaryDirectory() as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            if body.get("base_tree"):
                self.git("read-tree", body["base_tree"], env=env)
            for entry in body["tree"]:
                if entry["sha"] is None:
                    self.git("update-index", "--force-remove", entry["path"], env=env)
                else:
                    self.git("update-index", "--add", "--cacheinfo", f"{entry['mode']},{entry['sha']},{entry['path']}",
                             env=env)
            return {"sha": self.git("write-tree", env=env).decode().strip(), "tree": []}

    def new_commit(self, body: dict, **_: Any) -> dict:
        parents = [arg for parent in body.get("parents", []) for arg in ("-p", parent)]
        sha = self.git("commit-tree", body["tree"], *parents, "-m", body["message"]).decode().strip()
        return {"sha": sha, "parents": [{"sha": parent} for parent in body.get("parents", [])]}

    def new_ref(self, body: dict, **_: Any) -> dict:
        self.git("update-ref", body["ref"], body["sha"])
        return {"ref": body["ref"], "object": {"sha": body["sha"]}}

    def move_ref(self, name: str, body: dict, **_: Any) -> dict:
        ref = f"refs/heads/{urllib.parse.unquote(name)}"
        self.git("update-ref", ref, body["sha"])
        for pull in self.pulls:
            if f"refs/heads/{pull['head']['ref']}" == ref:
                pull["head"]["sha"] = body["sha"]
        return {"ref": ref, "object": {"sha": body["sha"]}}

    def new_pull(self, body: dict, **_: Any) -> dict:
        branch = body["head"].split(":")[-1]
        pull = {"number": len(self.pulls) + 1, "state": "open", "title": body["title"], "body": body.get("body"),
                "head": {"ref": branch, "sha": self.sha_of(branch), "repo": {"fork": False}},
                "base": {"ref": body["base"]}, "labels": [], "user": {"login": "redacteur"},
                "updated_at": "2026-12-01T12:00:00Z", "html_url": ""}
        self.pulls.append(pull)
        return pull

    def set_labels(self, number: str, body: dict, **_: Any) -> list:
        pull = self.pulls[int(number) - 1]
        pull["labels"] = [{"name": name} for name in body["labels"]]
        return pull["labels"]


class _Handler(http.server.BaseHTTPRequestHandler):
    double: GitHubDouble

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match, Cache-Control")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.cors()
        self.end_headers()

    def handle_call(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null")
        auth = self.headers.get("Authorization", "")
        self.double.requests.append((self.command, url.path, auth))
        status, answer = 200, None
        if auth != f"token {self.double.token}":
            status, answer = 401, {"message": "Bad credentials"}
        else:
            try:
                query = dict(urllib.parse.parse_qsl(url.query))
                answer = self.double.answer(self.command, urllib.parse.unquote(url.path), query, body)
            except NotFound:
                status, answer = 404, {"message": "Not Found"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.cors()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_call


def start(double: GitHubDouble) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the double on a free port of 127.0.0.1; returns the server and its API root."""
    handler = type("Handler", (_Handler,), {"double": double})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
