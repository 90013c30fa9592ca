"""Run :func:`data.import_files` in a separate worker process with memory and time limits.

The workbook reader is native code: on some damaged or hostile files it aborts the whole
process (an allocation of hundreds of gigabytes, a panic), and ``except`` cannot catch
that. Reading therefore happens in a worker process; whatever happens there, the caller
(the Streamlit server with every other session, or the CLI) gets an
:class:`~data.schema.ImportResult` or one :class:`~data.schema.InputError` line naming the
file.

Design (choices)
----------------
* **One fresh process per import**, forked from a ``forkserver`` that has already
  imported the importer (so a start costs a fork, ~50 ms, not 2 s of imports). A fresh
  process gives every import a clean memory budget and returns all its memory to the
  system when it ends; nothing has to detect or replace a broken pool. Forking the
  server itself (``fork``) is avoided: it runs many threads.
* **A one-shot, single-threaded caller (the CLI) forks the worker straight from itself**
  (``start="fork"``): there starting a server would cost a fresh interpreter's imports
  (~1–2 s) before any reading, and the caller has nothing else running. The caller can
  load what it needs next while the worker reads (``meanwhile``).
* **Limits set in the worker** with :mod:`resource`: address space
  (``RLIMIT_AS``: what the worker had after start-up plus :data:`MEMORY_LIMIT_MB`) and CPU
  time (``RLIMIT_CPU``: :data:`CPU_LIMIT_S`). A wall-clock limit (:data:`WALL_LIMIT_S`)
  in the parent kills a worker that stops making progress.
* **Every core used**: at most ``os.cpu_count()`` workers at a time (a semaphore); an
  import that has to wait says so through its progress callback.
* **A file that kills the worker is left out and the others are read again**: the worker
  says which file it is reading, so the one it died on becomes a report warning (and
  ``files_failed`` entry), as for any unreadable file among good ones; alone, it is the
  :class:`InputError`.
* **The result comes back through a file in memory**, not the pipe: the worker pickles
  it with protocol 5, its column buffers out of band (PEP 574), into a file the caller
  created (in ``/dev/shm`` where there is one) and the caller maps that file and unpickles
  the columns straight from the mapping. A million rows are ~200 MB; through the pipe
  they were pickled, copied in 64 KB pieces, re-assembled and copied again (~1 s). If the
  file cannot be written (a full or missing ``/dev/shm``) the pipe is used as before.
* **Progress** comes from the worker through the result pipe: :class:`Progress` (file,
  sheet, rows read so far, a short message).

Examples
--------
>>> r = import_files([("log.csv", b"Company,Applied,Status\\nAcme,2026-01-05,rejected\\n")])
>>> len(r.applications), r.report.rows_read
(1, 1)
"""

from __future__ import annotations

import mmap
import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import pickle
import resource
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from data.schema import ImportResult, InputError

__all__ = [
    "Progress",
    "WorkerStopped",
    "ImporterBug",
    "import_files",
    "warm_up",
    "MEMORY_LIMIT_MB",
    "CPU_LIMIT_S",
    "WALL_LIMIT_S",
]


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


#: Memory a worker may use beyond what it holds after start-up (MB).
MEMORY_LIMIT_MB = _env_int("FOLLOWTHROUGH_WORKER_MEMORY_MB", 2048)
#: CPU seconds one import may take.
CPU_LIMIT_S = _env_int("FOLLOWTHROUGH_WORKER_CPU_S", 120)
#: Seconds an import may run (after it got a worker) before it is stopped.
WALL_LIMIT_S = _env_int("FOLLOWTHROUGH_WORKER_WALL_S", 300)
#: Workers running at the same time (one per core).
MAX_WORKERS = max(1, os.cpu_count() or 1)

#: Where results are handed back: memory-backed files when the system has them.
HANDBACK_DIR = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None

_slots = threading.BoundedSemaphore(MAX_WORKERS)
_waiting = 0
_waiting_lock = threading.Lock()
_ctx_lock = threading.Lock()
_ctx: Any = None
_warming = False


@dataclass(frozen=True)
class Progress:
    """One progress report from the worker.

    Attributes
    ----------
    message : str
        What is happening, in words (``"Reading log.xlsx…"``).
    file : str or None
        The file being read.
    sheet : str or None
        The sheet last read (workbooks).
    rows : int
        Data rows read so far, over all files.
    elapsed : float
        Seconds since this import started (the caller is called again with the latest
        report about twice a second, so a long silent step still shows time passing).
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    rows: int = 0
    elapsed: float = 0.0


ProgressCallback = Callable[[Progress], None]

#: How the progress report of an import still waiting for a free worker begins.
WAITING_FOR_READER = "Waiting for a free reader"


class WorkerStopped(InputError):
    """The worker ended without an answer: a native abort (often a failed allocation under
    the memory limit), a crash, or the CPU/wall-clock limit. Still one line for a person;
    a subclass so that fuzzers and logs can count these apart from ordinary refusals."""


class ImporterBug(InputError):
    """An unexpected Python exception inside the importer (a bug to fix), reported in one
    line with its type and place, never a traceback."""


#: Modules the fork server imports once, so that no worker imports them again: the importer,
#: and :mod:`data.preload`, which reads two small files so that what the importer, pandas and
#: pandera import lazily (~0.3 s of CPU in every worker otherwise) is loaded too.
#: ``tests/data/test_sandbox.py`` checks that reading a file then imports nothing further.
PRELOAD = ("__main__", "data.importer", "data.sandbox", "data.preload")


def _context(start: str = "forkserver") -> Any:
    """The forkserver context, its server preloaded with :data:`PRELOAD` (once); or, for
    ``start="fork"`` in a process running no other thread, the plain ``fork`` context."""
    global _ctx
    if start == "fork" and threading.active_count() == 1:
        return mp.get_context("fork")
    with _ctx_lock:
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOAD))
            _ctx = ctx
        return _ctx


def warm_up() -> None:
    """Start the fork server now, in a background thread, and return at once (once per
    process; later calls do nothing).

    Starting it imports the importer in a fresh interpreter (~1 s of CPU). The app calls
    this when a session opens, so the first upload does not wait for it; a one-shot CLI
    has no use for it.
    """
    global _warming
    with _ctx_lock:
        if _warming:
            return
        _warming = True
    threading.Thread(target=_start_fork_server, name="reader-fork-server", daemon=True).start()


def _start_fork_server() -> None:
    """Start the fork server by running one empty worker through it."""
    worker = _context().Process(target=os.getpid)
    worker.start()
    worker.join()


# =========================================================================== parent side
def import_files(
    files: Sequence[tuple[str, bytes]],
    *,
    participants_from: str = "auto",
    mapping: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    start: Literal["forkserver", "fork"] = "forkserver",
    meanwhile: Callable[[], object] | None = None,
) -> ImportResult:
    """:func:`data.import_files` in a worker process with memory and time limits.

    Same parameters (``values`` is passed on only when given), result and errors as
    :func:`data.import_files`, plus ``progress``,
    called (in the caller's thread) with each :class:`Progress` the worker reports. Never
    raises anything but :class:`InputError` for the files' content, whatever the bytes.

    ``start="fork"`` forks the worker from this process instead of the preloaded server:
    for a one-shot program that runs no other thread (the CLI); with other threads running
    the server is used all the same. ``meanwhile`` is called once in the caller's thread
    as soon as the first worker has started, so the caller can import what it needs next
    while the worker reads.
    """
    files = [(str(n), bytes(b)) for n, b in files]
    left_out: list[tuple[str, str]] = []
    todo = list(files)
    while True:
        options: dict[str, Any] = {"participants_from": participants_from}
        options["mapping"] = dict(mapping) if mapping else None
        if values:
            options["values"] = dict(values)
        outcome = _run_once(todo, options, progress, start, meanwhile)
        meanwhile = None
        if isinstance(outcome, ImportResult):
            return _with_left_out(outcome, left_out)
        failed_index, error = outcome
        if failed_index is None or len(todo) == 1:
            if left_out:  # every other file failed earlier: say so in one line
                error = type(error)("; ".join([w for _, w in left_out] + [str(error)]))
            raise error
        left_out.append((todo[failed_index][0], str(error)))
        del todo[failed_index]


def _with_left_out(result: ImportResult, left_out: list[tuple[str, str]]) -> ImportResult:
    if not left_out:
        return result
    report = result.report
    report.files[:0] = [n for n, _ in left_out]
    report.warnings[:0] = [w for _, w in left_out]
    report.files_failed[:0] = list(left_out)
    return replace(result, report=report)


def _run_once(
    files: list[tuple[str, bytes]],
    options: dict[str, Any],
    progress: ProgressCallback | None,
    start: str = "forkserver",
    meanwhile: Callable[[], object] | None = None,
) -> ImportResult | tuple[int | None, InputError]:
    """One worker run: the result, or ``(index of the file it died on, the error)``."""
    global _waiting
    names = ", ".join(repr(n) for n, _ in files)
    with _waiting_lock:
        _waiting += 1
        ahead = _waiting - 1
    try:
        if progress and ahead >= MAX_WORKERS:
            progress(Progress(f"{WAITING_FOR_READER} ({ahead} other upload(s) first)…"))
        _slots.acquire()
    finally:
        with _waiting_lock:
            _waiting -= 1
    handback = _handback_file()
    try:
        ctx = _context(start)
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(
            target=_worker,
            args=(send, files, options, MEMORY_LIMIT_MB, CPU_LIMIT_S, handback),
            daemon=True,
        )
        proc.start()
        started = time.monotonic()  # progress and the wall-clock limit count from here
        send.close()
        try:
            if meanwhile is not None:
                meanwhile()
            return _collect(proc, recv, files, names, progress, handback, started)
        finally:
            recv.close()
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            if handback is not None:
                os.unlink(handback)  # a mapping made from it stays valid
    finally:
        _slots.release()


def _collect(
    proc: Any,
    recv: Any,
    files: list[tuple[str, bytes]],
    names: str,
    progress: ProgressCallback | None,
    handback: str | None = None,
    started: float | None = None,
) -> ImportResult | tuple[int | None, InputError]:
    start = time.monotonic() if started is None else started
    current: int | None = None
    last: Progress | None = None
    while True:
        now = time.monotonic()
        if now - start > WALL_LIMIT_S:
            proc.kill()
            return current, WorkerStopped(_too_slow(files, current, names, WALL_LIMIT_S, ""))
        if not mpc.wait([recv], timeout=0.5):
            if progress is not None and last is not None:
                progress(replace(last, elapsed=now - start))
            continue
        try:
            kind, payload = recv.recv()
        except (EOFError, OSError):
            proc.join(10)
            return current, WorkerStopped(_died(files, current, names, proc.exitcode))
        except Exception as exc:  # noqa: BLE001 - a result that cannot be unpickled
            return current, ImporterBug(f"{names} could not be read ({type(exc).__name__}).")
        if kind == "progress":
            current, last = payload
            if progress is not None and last is not None:
                progress(replace(last, elapsed=time.monotonic() - start))
        else:
            return _outcome(kind, payload, current, names, handback)


def _outcome(
    kind: str, payload: Any, current: int | None, names: str, handback: str | None
) -> ImportResult | tuple[int | None, InputError]:
    """The worker's last message as the result, or ``(file index, error)``."""
    if kind == "result":
        return payload
    if kind == "result_file" and handback is not None:
        try:
            return _read_result(handback, payload)
        except Exception as exc:  # noqa: BLE001 - a result that cannot be read back
            return None, ImporterBug(f"{names} could not be read ({type(exc).__name__}).")
    if kind == "input_error":
        return None, InputError(str(payload))
    if kind == "stopped":  # out of memory, caught in Python
        return current, WorkerStopped(str(payload))
    # "bug": an unexpected exception inside the importer
    return None, ImporterBug(
        f"{names} could not be read ({payload}). Check that it is a CSV or Excel "
        "file with one application per row."
    )


def _handback_file() -> str | None:
    """A new empty file for one worker's result (``None``: none can be made)."""
    try:
        fd, path = tempfile.mkstemp(prefix="followthrough-result-", dir=HANDBACK_DIR)
    except OSError:
        return None
    os.close(fd)
    return path


def _write_result(path: str, result: ImportResult) -> list[int]:
    """Write ``result`` to ``path``: its pickle (protocol 5) and then each buffer the
    pickle left out of band, as raw bytes; returns the sizes of those parts in order."""
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(result, protocol=5, buffer_callback=buffers.append)
    sizes = [len(head)]
    with open(path, "wb") as fh:
        fh.write(head)
        for buffer in buffers:
            raw = buffer.raw()
            fh.write(raw)
            sizes.append(raw.nbytes)
    return sizes


def _read_result(path: str, sizes: list[int]) -> ImportResult:
    """The result :func:`_write_result` wrote: the file mapped copy-on-write (the columns
    stay writable; pages are copied only where written) and unpickled from the mapping."""
    with open(path, "rb") as fh:
        view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY))
    parts, at = [], 0
    for size in sizes:
        parts.append(view[at : at + size])
        at += size
    result = pickle.loads(parts[0], buffers=parts[1:])
    if not isinstance(result, ImportResult):
        raise TypeError(f"expected an ImportResult, got {type(result).__name__}")
    return result


def _send_result(send: Any, result: ImportResult, handback: str | None) -> None:
    """The result through the hand-back file, or through the pipe when it cannot be
    written there (``/dev/shm`` full, or a buffer that cannot be written as it is)."""
    if handback is not None:
        try:
            send.send(("result_file", _write_result(handback, result)))
            return
        except (OSError, BufferError, pickle.PicklingError):
            pass
    send.send(("result", result))


def _file_name(files: list[tuple[str, bytes]], index: int | None, names: str) -> str:
    return repr(files[index][0]) if index is not None else names


def _died(files: list[tuple[str, bytes]], index: int | None, names: str, code: int | None) -> str:
    """The message for a worker that ended without an answer (``code``: its exit status)."""
    name = _file_name(files, index, names)
    if code == -signal.SIGXCPU:
        return _too_slow(files, index, names, CPU_LIMIT_S, " of computing time")
    return (
        f"{name} could not be read: the reader stopped on it — the file is "
        f"damaged, or reading it needs more than the {_size(MEMORY_LIMIT_MB)} of "
        "memory one upload may use (a sheet whose used range is far bigger than its table?). "
        "Open it in your spreadsheet program, delete empty rows and columns below and right "
        "of the table, save it as XLSX or CSV and upload that."
    )


def _too_slow(
    files: list[tuple[str, bytes]], index: int | None, names: str, limit: int, what: str
) -> str:
    return (
        f"{_file_name(files, index, names)} could not be read within the {limit} s{what} one "
        "upload may take; split the log into smaller files (e.g. one per year) or save it "
        "as CSV, and upload again."
    )


# =========================================================================== worker side
def _set_limits(memory_mb: int, cpu_s: int) -> None:
    """Address space: what the process holds now plus ``memory_mb``; CPU: ``cpu_s``."""
    vm = 0
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    vm = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        vm = 0
    limit = vm + memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or cpu_s + 5 <= hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))


def _worker(
    send: Any,
    files: list[tuple[str, bytes]],
    options: dict[str, Any],
    memory_mb: int,
    cpu_s: int,
    handback: str | None = None,
) -> None:
    """Entry point of the worker process: read, send the result (or the error) back (the
    result through the file ``handback`` when given)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if not os.environ.get("FOLLOWTHROUGH_WORKER_STDERR"):
        # A native abort prints a backtrace; the parent turns it into one line instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    try:
        import pyarrow as pa

        # Arrow's own allocator reserves address space in big arenas; the system
        # allocator keeps RLIMIT_AS a measure of what is really used.
        pa.set_memory_pool(pa.system_memory_pool())
    except Exception:  # noqa: BLE001 - best effort
        pass
    _set_limits(memory_mb, cpu_s)
    import data.importer as importer

    rows = 0
    reading = ", ".join(repr(n) for n, _ in files)
    index_of = {id(data): i for i, (_, data) in enumerate(files)}
    original = importer.read_tables

    def read_tables(name: str, data: bytes) -> tuple[list[Any], list[tuple[str, str]]]:
        nonlocal rows, reading
        i = index_of.get(id(data))
        reading = repr(name)
        send.send(("progress", (i, Progress(f"Reading {name}…", file=name, rows=rows))))
        tables, skipped = original(name, data)
        for t in tables:
            rows += len(t.rows)
            where = f", sheet {t.sheet}" if t.sheet else ""
            send.send(
                (
                    "progress",
                    (i, Progress(f"Read {name}{where}: {rows:,} rows so far", name, t.sheet, rows)),
                )
            )
        return tables, skipped

    importer.read_tables = read_tables  # type: ignore[assignment]
    try:
        result = importer.import_files(files, **options)
        send.send(("progress", (None, Progress(f"Read {rows:,} rows; sending…", rows=rows))))
        _send_result(send, result, handback)
    except InputError as exc:
        send.send(("input_error", str(exc)))
    except MemoryError:
        send.send(("stopped", _memory_message(reading, memory_mb)))
    except BaseException as exc:  # noqa: BLE001 - reported in one line, never a traceback
        last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" at {os.path.basename(last[0].filename)}:{last[0].lineno}" if last else ""
        try:
            send.send(("bug", f"{type(exc).__name__}{where}"))
        except Exception:  # noqa: BLE001
            pass
    finally:
        send.close()


def _memory_message(names: str, memory_mb: int) -> str:
    return (
        f"{names} needs more than the {_size(memory_mb)} of memory one upload may use; "
        "split the log into smaller files (e.g. one per year) or delete empty rows and "
        "columns below and right of the table, and upload again."
    )


def _size(mb: int) -> str:
    """``2048`` → ``'2 GB'``, ``100`` → ``'100 MB'``.

    Examples
    --------
    >>> _size(2048), _size(1536), _size(100)
    ('2 GB', '1.5 GB', '100 MB')
    """
    if mb < 1024:
        return f"{mb} MB"
    return f"{mb / 1024:.1f}".removesuffix(".0") + " GB"
