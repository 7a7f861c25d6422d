"""What git knows about the content files, asked a bounded number of times.

Staleness never depends on git (see ``stamps``); git only adds what it can where history is
there: when each file last changed, which source files were renamed, and the text a source had
when a translation was made (for the section-by-section diff). Every question is asked for all
files at once, so a check costs at most :data:`MAX_CALLS` git processes whatever the number of
pages; without git, outside a repository or on a shallow clone the answers are simply smaller.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

MAX_CALLS = 5  # rev-parse, log (last changes), cat-file, log (versions), cat-file


@dataclass(frozen=True)
class Change:
    commit: str
    timestamp: int  # committer date, seconds since 1970


@dataclass
class History:
    """Git's view of the project (empty when git or the history is not available)."""

    root: Path
    available: bool = False
    shallow: bool = False
    head: str | None = None
    reason: str = ""  # why there is no history, for the report
    prefix: str = ""  # the project's folder inside the repository ("" at its top)
    last_change: dict[str, Change] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # old path -> new path
    calls: int = 0

    @classmethod
    def open(cls, root: Path) -> History:
        history = cls(root)
        if shutil.which("git") is None:
            history.reason = "git is not installed"
            return history
        result = history._git("rev-parse", "--show-prefix", "--is-shallow-repository", "HEAD")
        if result is None or result.returncode != 0:
            history.reason = "the project is not in a git repository with commits"
            return history
        prefix, shallow, head = [*result.stdout.split("\n"), "", "", ""][:3]
        history.available = True
        history.prefix = prefix.strip()
        history.shallow = shallow.strip() == "true"
        history.head = head.strip() or None
        return history

    def read_changes(self, folders: Iterable[str], wanted: Iterable[str]) -> None:
        """Fill ``last_change`` (and ``renamed``) for the files under ``folders``.

        One ``git log`` from the newest commit back, stopped as soon as every path of ``wanted``
        has been seen: on a long history only the recent part is read.
        """
        waiting = set(wanted)
        if not self.available or not waiting:
            return
        command = [
            "git",
            "-c",
            "core.quotepath=off",
            "log",
            "-M",
            "--name-status",
            "--relative",
            "--format=%x01%H %ct",
            "--",
            *folders,
        ]
        self.calls += 1
        process = subprocess.Popen(
            command,
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert process.stdout is not None
        change: Change | None = None
        try:
            for line in process.stdout:
                line = line.rstrip("\n")
                if line.startswith("\x01"):
                    commit, _, timestamp = line[1:].partition(" ")
                    change = Change(commit, int(timestamp or 0))
                    continue
                if not line or change is None:
                    continue
                status, *paths = line.split("\t")
                if status.startswith("R") and len(paths) == 2:
                    self.renamed.setdefault(paths[0], paths[1])
                    waiting.discard(paths[0])
                for path in paths[-1:]:
                    self.last_change.setdefault(path, change)
                    waiting.discard(path)
                if not waiting:
                    break
        finally:
            process.kill()
            process.wait()

    def texts(self, requests: Iterable[str]) -> dict[str, str | None]:
        """The text of each ``"commit:path"`` or blob id (None where git does not have it)."""
        wanted = list(dict.fromkeys(requests))
        found: dict[str, str | None] = dict.fromkeys(wanted)
        if not self.available or not wanted:
            return found
        names = [self._object_name(request) for request in wanted]
        result = self._git("cat-file", "--batch", input_bytes="\n".join(names).encode() + b"\n")
        if result is None or result.returncode != 0:
            return found
        data: bytes = result.stdout
        position = 0
        for request in wanted:
            end = data.index(b"\n", position)
            header = data[position:end].split()
            position = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[request] = data[position : position + size].decode("utf-8", "replace")
                position += size + 1
        return found

    def versions(self, paths: Iterable[str]) -> dict[str, list[str]]:
        """Every blob id each path has had, newest first (one ``git log --raw`` for all)."""
        wanted = sorted(set(paths))
        found: dict[str, list[str]] = {path: [] for path in wanted}
        if not self.available or not wanted:
            return found
        result = self._git(
            "-c", "core.quotepath=off", "log", "--format=", "--raw", "--no-abbrev", "--relative",
            "--", *wanted,
        )  # fmt: skip
        if result is None or result.returncode != 0:
            return found
        for line in result.stdout.splitlines():
            meta, _, path = line.partition("\t")
            fields = meta.split()
            blob = fields[3] if len(fields) >= 4 else ""
            if path in found and blob.strip("0") and blob not in found[path]:
                found[path].append(blob)
        return found

    def find_version(
        self, paths: dict[str, str], matches: Callable[[str, str], bool]
    ) -> dict[str, tuple[str, str]]:
        """For each path -> wanted key, the first (newest) version whose text ``matches``:
        path -> (blob id, text). Two git calls whatever the number of paths."""
        versions = self.versions(paths)
        texts = self.texts(blob for blobs in versions.values() for blob in blobs)
        found = {}
        for path, key in paths.items():
            for blob in versions.get(path, []):
                text = texts.get(blob)
                if text is not None and matches(key, text):
                    found[path] = (blob, text)
                    break
        return found

    # ---- helpers -------------------------------------------------------------------------------

    def _object_name(self, request: str) -> str:
        commit, separator, path = request.partition(":")
        return f"{commit}:{self.prefix}{path}" if separator else request

    @overload
    def _git(self, *arguments: str) -> subprocess.CompletedProcess[str] | None: ...
    @overload
    def _git(
        self, *arguments: str, input_bytes: bytes
    ) -> subprocess.CompletedProcess[bytes] | None: ...
    def _git(
        self, *arguments: str, input_bytes: bytes | None = None
    ) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes] | None:
        self.calls += 1
        text = input_bytes is None
        try:
            return subprocess.run(
                ["git", *arguments],
                cwd=self.root,
                input=input_bytes,
                capture_output=True,
                text=text,
                encoding="utf-8" if text else None,
                errors="replace" if text else None,
                check=False,
            )
        except OSError:
            return None
