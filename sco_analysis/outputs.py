"""Output directories that never lose a user's file, and swaps that survive a crash.

Every directory sco-analysis writes (the Parquet build, a report, an export) is written
aside and swapped in place of the previous one by :func:`replace_dir`. The rules:

- **Only over what it made.** A directory is replaced only when it does not exist, is
  empty, or holds nothing but what sco-analysis wrote there (listed in its marker file
  ``.sco-analysis``). Anything else in the way is a refusal that names the files, and
  nothing changes. An existing file is never turned into a directory.
- **Never a dangerous place.** The output may not be, or contain, the records (nor lie
  inside them), the project the command runs in, the home directory or ``/``.
- **Crash-clean.** The new directory is complete before it is exchanged with the old one
  in one atomic step (``renameat2(RENAME_EXCHANGE)`` on Linux), so a reader never finds
  the directory missing and a kill at any moment leaves the old or the new one whole.
  Where the exchange is not available, two renames are used and the next run puts the
  old directory back if a crash fell between them. Leftovers of killed runs
  (``.<name>.tmp-*``, ``.<name>.old-*``) are removed by the next run.
- **One writer at a time.** Writers of the same directory are serialised by a lock on the
  directory that holds it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

MARKER = ".sco-analysis"
_TMP, _OLD = ".tmp-", ".old-"


class OutputError(Exception):
    """An output directory was refused; the message says why and what to do instead."""


def project_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``.git`` or ``pyproject.toml``."""
    for d in (start, *start.parents):
        if (d / ".git").exists() or (d / "pyproject.toml").is_file():
            return d
    return None


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def check_place(target: Path, *, protected: Iterable[Path] = ()) -> None:
    """Refuse an output that is, holds or lies in a place that must never be replaced.

    ``protected`` are directories the output may neither be, nor contain, nor lie inside
    (the records and reference tables), except for a hidden directory directly inside
    one of them (the Parquet build of a bare records directory, ``records/.parquet``).
    The working directory, its project root, the home directory and ``/`` may be neither
    the output nor inside it.

    Raises:
        OutputError: With the reason.
    """
    target = Path(os.path.abspath(target))
    cwd = Path.cwd().resolve()
    roots = {Path("/"): "the root directory", Path.home().resolve(): "your home directory",
             cwd: "the working directory"}
    root = project_root(cwd)
    if root is not None:
        roots.setdefault(root, "the project you are working in")
    for place, what in roots.items():
        if _inside(place, target.resolve()):
            where = "is" if place == target.resolve() else "contains"
            raise OutputError(f"{target}: refusing to write there, it {where} {what} "
                              f"({place}); choose a new or empty directory for the output")
    for place in protected:
        place = Path(os.path.abspath(place))
        hidden_child = target.parent == place and target.name.startswith(".")
        if _inside(place, target) or (_inside(target, place) and not hidden_child):
            raise OutputError(f"{target}: refusing to write there, it is, holds or lies in "
                              f"the data directory {place}; choose another directory")


def _listing(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*")
            if p.is_file() or p.is_symlink()}


def own_files(directory: Path) -> tuple[str, set[str]] | None:
    """What sco-analysis wrote into ``directory`` (kind, files), by its marker, or None.

    Directories written before markers existed are recognised by their own listing: a
    Parquet build by ``manifest.json``, a report by ``report.json``.
    """
    def read(name: str) -> Any:
        return json.loads((directory / name).read_text(encoding="utf-8"))

    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        marker = read(MARKER)
        return str(marker["kind"]), {*marker["files"], MARKER}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        tables = read("manifest.json")["tables"].values()
        return "parquet", {"manifest.json", *(t["file"] for t in tables)}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        return "report", {"report.json", *read("report.json")["files"]}
    return None


def check_replaceable(target: Path, kind: str) -> None:
    """Refuse a target that is a file, or a directory holding files not written by us.

    Raises:
        OutputError: Naming the target and the files in the way.
    """
    if not os.path.lexists(target):
        return
    if not target.is_dir() or target.is_symlink():
        raise OutputError(f"{target}: is a file, not a directory; refusing to replace it. "
                          "Choose a directory for the output")
    present = _listing(target)
    own = own_files(target)
    if present and own is not None and own[0] != kind:
        raise OutputError(f"{target}: holds a sco-analysis {own[0]}, not a {kind}; "
                          "refusing to replace it. Choose another directory")
    foreign = sorted(present - (own[1] if own else set()))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more"
                                          if len(foreign) > 5 else "")
        raise OutputError(f"{target}: holds files sco-analysis did not write ({shown}); "
                          "refusing to replace it. Move them away or choose another "
                          "directory")


# ---------------------------------------------------------------------------------------
# locking, recovery, the atomic exchange

_guard = threading.Lock()
_thread_locks: dict[Path, threading.RLock] = {}
_depth: dict[Path, int] = {}


@contextlib.contextmanager
def lock(target: Path, log: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the write lock of ``target``: one writer at a time.

    The lock is taken on the directory that holds ``target`` (so no lock file is left
    behind); it is re-entrant within a thread, and other threads and processes wait,
    ``log`` being told when they do.
    """
    parent = Path(os.path.abspath(target)).parent
    with _guard:
        thread_lock = _thread_locks.setdefault(parent, threading.RLock())
    with thread_lock:
        if _depth.get(parent):
            _depth[parent] += 1
            try:
                yield
            finally:
                _depth[parent] -= 1
            return
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            _flock(fd, Path(os.path.abspath(target)), log)
            _depth[parent] = 1
            try:
                yield
            finally:
                _depth[parent] = 0
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def _flock(fd: int, target: Path, log: Callable[[str], None] | None) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        (log or _stderr)(f"waiting for another sco-analysis run writing {target} ...")
        fcntl.flock(fd, fcntl.LOCK_EX)


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _leftovers(target: Path) -> list[Path]:
    prefixes = (f".{target.name}{_TMP}", f".{target.name}{_OLD}")
    try:
        return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefixes))
    except FileNotFoundError:
        return []


def recover(target: Path) -> None:
    """Undo what a killed writer left (call with the lock held).

    If ``target`` is missing because a run died between its two renames, the previous
    directory is put back; then every leftover of killed runs is removed.
    """
    target = Path(os.path.abspath(target))
    leftovers = _leftovers(target)
    olds = [p for p in leftovers if p.name.startswith(f".{target.name}{_OLD}")]
    if not os.path.lexists(target) and olds:
        os.rename(olds[-1], target)
        leftovers.remove(olds[-1])
    for p in leftovers:
        shutil.rmtree(p, ignore_errors=True)


@functools.cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    import ctypes

    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b),
                      rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(new: Path, target: Path) -> None:
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # it now holds the previous directory
        return
    old = target.parent / f".{target.name}{_OLD}{os.getpid()}"
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old)


def _write_marker(directory: Path, kind: str) -> None:
    files = sorted(_listing(directory) - {MARKER})
    text = json.dumps({"written_by": "sco-analysis", "kind": kind, "files": files},
                      indent=1) + "\n"
    (directory / MARKER).write_text(text, encoding="utf-8")


@contextlib.contextmanager
def replace_dir(target: Path, kind: str, *, protected: Iterable[Path] = (),
                log: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Write a directory aside, then put it in place of ``target`` in one step.

    Yields a fresh, empty directory beside ``target``. When the block ends normally the
    directory gets its marker (the list of files written, and ``kind``) and replaces
    ``target``; when the block raises, it is removed and ``target`` stays as it was.

    Raises:
        OutputError: ``target`` may not be written (see :func:`check_place` and
            :func:`check_replaceable`); checked before anything is written.
    """
    target = Path(os.path.abspath(target))
    protected = list(protected)
    check_place(target, protected=protected)
    check_replaceable(target, kind)
    with lock(target, log):
        recover(target)
        check_replaceable(target, kind)  # again: another writer may have been first
        tmp = target.parent / f".{target.name}{_TMP}{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            yield tmp
            _write_marker(tmp, kind)
            _swap(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
