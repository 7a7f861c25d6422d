"""The date a build speaks from: the content's own date, never the build machine's clock.

"Upcoming events", "past events" and "a post dated too far ahead" depend on a today. Taken from
the clock, two builds of one commit would differ the day after; so it is the commit's date:
``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention; the publish workflow and
tests set it), else the date of the project's last git commit. Outside git without the
variable, there is no date to speak from: a clear problem says how to give one.
"""

from __future__ import annotations

import functools
import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from travinh_site.errors import Problem, SiteError

VARIABLE = "SOURCE_DATE_EPOCH"


def as_of(project: Path) -> date:
    """The build's today (UTC) for ``project``: ``SOURCE_DATE_EPOCH``, or its last commit."""
    epoch = os.environ.get(VARIABLE, "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise SiteError(
                Problem(
                    "",
                    f"{VARIABLE}='{epoch}' is not a number of seconds since 1970.",
                    f"unset it, or set it to such a number (for example "
                    f"{VARIABLE}=$(git log -1 --format=%ct)).",
                    problem_vi=f"{VARIABLE}='{epoch}' không phải là số giây tính từ năm 1970.",
                    fix_vi=f"hãy bỏ biến này, hoặc đặt nó bằng một số như vậy (ví dụ "
                    f"{VARIABLE}=$(git log -1 --format=%ct)).",
                )
            ) from None
    return _last_commit(project.resolve())


@functools.cache
def _last_commit(project: Path) -> date:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git on this machine
        result = None
    if result is None or result.returncode != 0 or not result.stdout.strip():
        raise SiteError(
            Problem(
                "",
                "the build needs the content's date (for upcoming events and news), but the "
                f"project is not a git repository with commits and {VARIABLE} is not set.",
                f"build from a git clone, or set {VARIABLE} to the content's date in seconds "
                "since 1970 (for example SOURCE_DATE_EPOCH=$(date -d 2026-01-01 +%s)).",
                problem_vi="việc tạo trang cần ngày của nội dung (cho sự kiện sắp tới và tin "
                f"tức), nhưng dự án không phải kho git có commit và {VARIABLE} chưa được đặt.",
                fix_vi=f"hãy tạo trang từ một bản sao git, hoặc đặt {VARIABLE} bằng ngày của "
                "nội dung tính bằng giây từ năm 1970 (ví dụ "
                "SOURCE_DATE_EPOCH=$(date -d 2026-01-01 +%s)).",
            )
        )
    return datetime.fromtimestamp(int(result.stdout.strip()), UTC).date()
