"""Remember a student's rejoin token on disk, so running `quiz join` again rejoins.

The host gives each student a token in its welcome; `Student` rejoins with it after a
network drop. If the student closes the terminal instead, the token would be lost with
the process and the name stay taken, so the join command keeps it in a small file per
session and name: `classroom-<host>-<port>-<code>-<name digest>.json` in the results
folder. It is used again only for the same host, port, code and name; a host that no
longer knows it (a new session) just lets the student join by name. Failing to read or
write it never stops anyone joining.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path


def token_path(folder: Path, host: str, port: int, code: str, name: str) -> Path:
    safe_host = re.sub(r"[^A-Za-z0-9.-]", "_", host)[:64]
    safe_code = re.sub(r"[^A-Za-z0-9]", "", code)[:32]
    # Names can hold any character; a digest keeps the file name safe, and two students
    # on one computer do not overwrite each other's token.
    who = hashlib.sha256(name.strip().casefold().encode("utf-8")).hexdigest()[:16]
    return folder / f"classroom-{safe_host}-{port}-{safe_code}-{who}.json"


def remembered(path: Path, name: str) -> str | None:
    """The token stored for `name` at `path`, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or str(data.get("name", "")).casefold() != name.casefold():
        return None
    token = data.get("token")
    return token if isinstance(token, str) and 0 < len(token) <= 64 else None


def remember(path: Path, name: str, token: str) -> None:
    """Write the token readable by this user only (it lets anyone rejoin as the student)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)  # an older file may have been world-readable
            out.write(json.dumps({"name": name, "token": token}))
    except OSError:
        pass
