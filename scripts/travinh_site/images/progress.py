"""Progress of the encoding: a bar on a terminal (tqdm), plain lines elsewhere (CI logs,
``make site``'s filtered output), so a log never fills with carriage returns."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Never, TextIO

from tqdm import tqdm

Say = Callable[[str], None]


class Progress:
    """Counts finished sources; ``step(name)`` after each one."""

    def __init__(self, total: int, say: Say, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.say = say
        stream = stream if stream is not None else sys.stderr
        self.bar: tqdm[Never] | None = None  # a bar counted by hand, over no iterable
        if total and _is_terminal(stream):
            self.bar = tqdm(total=total, file=stream, unit="image", desc="Images", leave=False)

    def step(self, name: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(name, refresh=False)
            self.bar.update()
        else:
            self.say(f"Images: {self.done}/{self.total} {name}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
