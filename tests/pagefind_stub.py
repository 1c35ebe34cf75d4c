"""A stand-in for `pagefind --service` that misbehaves as PAGEFIND_STUB says (tests/test_failures.py).

- ``silent``: answers every request, but hands over no index files;
- ``hang-on-write``: answers everything but GetFiles (the index files), then never answers again.

It speaks Pagefind's service protocol: base64-encoded JSON messages, each followed by a comma.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time

MODE = os.environ["PAGEFIND_STUB"]


def reply(message_id: int, payload: dict) -> None:
    message = {"message_id": message_id, "payload": payload}
    sys.stdout.buffer.write(base64.b64encode(json.dumps(message).encode()) + b",")
    sys.stdout.buffer.flush()


def answer(message: dict) -> None:
    payload = message["payload"]
    kind = payload["type"]
    if kind == "NewIndex":
        reply(message["message_id"], {"type": "NewIndex", "index_id": 1})
    elif kind == "GetFiles":
        if MODE == "hang-on-write":
            time.sleep(3600)
        reply(message["message_id"], {"type": "GetFiles", "files": []})
    else:
        reply(message["message_id"], {"type": "IndexedFile", "page_word_count": 1, "page_url": "/"})


def main() -> None:
    buffer = b""
    while chunk := sys.stdin.buffer.read1(1 << 16):
        *messages, buffer = (buffer + chunk).split(b",")
        for raw in messages:
            answer(json.loads(base64.b64decode(raw)))


if __name__ == "__main__":
    main()
