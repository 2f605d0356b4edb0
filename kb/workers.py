"""Work on one untrusted file in a child process that is killed when its time budget runs out.

Parsing is CPU work on hostile input: a pathological file can hold the interpreter (and, in C regex code,
the GIL) for minutes. So the work runs in a child process of ours (`python -m kb.workers`, a clean
interpreter: never a fork of a threaded server, never a re-run of the caller's main script, as
`multiprocessing` would do under Streamlit). The parent waits on a pipe with a deadline and kills the
child when the budget (`limits.file_budget_s`, VBKB_FILE_BUDGET_S) is spent; a child that dies (killed,
out of memory) costs that file one retry in a fresh child, then a one-line failure.

Memory is bounded the same way: while it works on a file a child's address space is capped
(`limits.max_worker_mb`, VBKB_MAX_WORKER_MB, as its RLIMIT_AS soft limit). A file that needs more raises
MemoryError inside the child, which lifts the cap, answers "over memory" and exits; the parent reports
that file on one line (`OverMemory`) and starts a fresh child in its place, and the other files go on.

Children are kept between calls (a process pays the imports once) and are told, with each task, the
caller's VBKB_* settings and working directory, so a child behaves like the caller at that moment.
The clock starts when the child has loaded the task (imports are not the file's fault).
"""

from __future__ import annotations

import atexit
import errno
import os
import pickle
import resource
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from kb.errors import KbError
from parsers.readers import limits

_LOAD_S = 300.0  # loading a task (imports, spaCy) in a fresh child: generous, not the file's budget
_MAX_IDLE = 4
_RETRIES = 1  # a child that dies gets its file once more, in a fresh child


class OverBudget(KbError):
    """The file's work ran past its time budget and was stopped."""


class WorkerLost(KbError):
    """The child working on the file died (killed from outside, out of memory)."""


class OverMemory(KbError):
    """The file's work needed more memory than a worker may have (VBKB_MAX_WORKER_MB)."""


class Cancelled(KbError):
    """The caller stopped waiting (an app session went away); the child was killed."""


def over_budget_message(label: str, seconds: float) -> str:
    return f"{label}: quá thời gian xử lý ({seconds:g} s)" if label else f"quá thời gian xử lý ({seconds:g} s)"


def over_memory_message(label: str, megabytes: int) -> str:
    what = (f"vượt giới hạn bộ nhớ của tiến trình xử lý ({megabytes} MB, đặt "
            f"{limits.env_name('max_worker_mb')} để nâng)")
    return f"{label}: {what}" if label else what


def lost_message(label: str) -> str:
    what = "tiến trình xử lý bị dừng đột ngột (đã thử lại một lần)"
    return f"{label}: {what}" if label else what


@dataclass(frozen=True)
class Failed:
    """One item's failure in `map_budgeted`, as its one-line reason."""

    reason: str


class Worker:
    """One child process and the two pipes to it."""

    def __init__(self) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kb.workers", str(to_child_r), str(from_child_w)],
            pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            env=_child_env(),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.out = Connection(to_child_w, readable=False)
        self.inbox = Connection(from_child_r, writable=False)

    def send(self, fn: Callable[[Any], Any], arg: Any) -> None:
        env = {k: v for k, v in os.environ.items() if k.startswith("VBKB_")}
        self.out.send_bytes(pickle.dumps(("task", fn, arg, env, os.getcwd())))

    def warm(self, fn: Callable[[Any], Any]) -> None:
        """Have the child load `fn` (its modules) now, before any task: no answer comes back."""
        self.out.send_bytes(pickle.dumps(("warm", fn)))

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        for conn in (self.out, self.inbox):
            try:
                conn.close()
            except OSError:
                pass


def _child_env() -> dict[str, str]:
    # The child finds the caller's modules (the project, a test's helpers) where the caller does.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


_idle: list[Worker] = []
_lock = threading.Lock()


def _acquire() -> Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.proc.poll() is None:
                return worker
            worker.kill()
    return Worker()


def _release(worker: Worker) -> None:
    with _lock:
        if worker.proc.poll() is None and len(_idle) < _MAX_IDLE:
            _idle.append(worker)
            return
    worker.kill()


def _replace(worker: Worker, fn: Callable[[Any], Any]) -> None:
    """Kill a worker and start a warm one in its place: the next file does not wait for the imports."""
    worker.kill()
    spare = Worker()
    spare.warm(fn)
    _release(spare)


@atexit.register
def _shutdown() -> None:
    with _lock:
        while _idle:
            _idle.pop().kill()


def budget_s() -> float:
    return float(limits.current().file_budget_s)


def call(fn: Callable[[Any], Any], arg: Any, label: str, budget: float | None = None,
         cancelled: Callable[[], bool] | None = None) -> Any:
    """fn(arg) in a child, its result or its exception; OverBudget past `budget` seconds (the setting
    by default), OverMemory past the memory cap, WorkerLost when the child died twice, Cancelled as soon as
    `cancelled()` is true."""
    seconds = budget_s() if budget is None else budget
    for attempt in range(_RETRIES + 1):
        worker = _acquire()
        done = False
        try:
            worker.send(fn, arg)
            status, value = _wait(worker, seconds, label, cancelled)
            done = status != "mem"  # a child over its memory cap exits: replaced, as one that died
        except EOFError:
            if attempt == _RETRIES:
                raise WorkerLost(lost_message(label)) from None
            continue
        finally:
            _release(worker) if done else _replace(worker, fn)
        if status == "err":
            raise value
        if status == "mem":
            raise OverMemory(over_memory_message(label, value))
        return value
    raise WorkerLost(lost_message(label))  # not reached: the loop returns or raises


def _wait(worker: Worker, seconds: float, label: str, cancelled: Callable[[], bool] | None) -> tuple[str, Any]:
    """The child's answer; EOFError when it died."""
    deadline = time.monotonic() + _LOAD_S
    loaded = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise OverBudget(over_budget_message(label, seconds))
        if worker.inbox.poll(min(left, 0.1)):
            message = pickle.loads(worker.inbox.recv_bytes())
            if message == ("loaded",) and not loaded:
                loaded = True
                deadline = time.monotonic() + seconds
                continue
            return message
        if cancelled is not None and cancelled():
            raise Cancelled(f"{label}: đã dừng xử lý")


def map_budgeted(fn: Callable[[Any], Any], items: Iterable[Any], workers: int,
                 labels: Callable[[Any], str] = lambda _: "", budget: float | None = None) -> Iterator[Any]:
    """fn(item) for each item in up to `workers` children, results in order; an item whose work ran over
    budget, over the memory cap or whose child died twice gives `Failed(reason)` and the others go on. `fn`
    should catch its own exceptions (one raised comes back as Failed too) but MemoryError."""
    seconds = budget_s() if budget is None else budget
    queue = deque(enumerate(items))
    tries: dict[int, int] = {}
    results: dict[int, Any] = {}
    running: dict[Worker, list[Any]] = {}  # worker -> [index, item, deadline, loaded]
    next_out = 0
    try:
        while queue or running:
            while queue and len(running) < max(1, workers):
                index, item = queue.popleft()
                worker = _acquire()
                worker.send(fn, item)
                running[worker] = [index, item, time.monotonic() + _LOAD_S, False]
            timeout = max(0.0, min(state[2] for state in running.values()) - time.monotonic())
            ready = set(wait([w.inbox for w in running], timeout))
            now = time.monotonic()
            for worker, state in list(running.items()):
                index, item = state[0], state[1]
                if worker.inbox in ready:
                    try:
                        message = pickle.loads(worker.inbox.recv_bytes())
                    except (EOFError, OSError):
                        del running[worker]
                        _replace(worker, fn)
                        tries[index] = tries.get(index, 0) + 1
                        if tries[index] > _RETRIES:
                            results[index] = Failed(lost_message(labels(item)))
                        else:
                            queue.appendleft((index, item))
                        continue
                    if message == ("loaded",) and not state[3]:
                        state[2], state[3] = now + seconds, True
                        continue
                    del running[worker]
                    status, value = message
                    if status == "mem":
                        _replace(worker, fn)
                        results[index] = Failed(over_memory_message(labels(item), value))
                        continue
                    _release(worker)
                    results[index] = value if status == "ok" else Failed(_one_line(value))
                elif now >= state[2]:
                    del running[worker]
                    _replace(worker, fn)
                    results[index] = Failed(over_budget_message(labels(item), seconds))
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
    finally:
        for worker in running:
            worker.kill()


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


# --- the child ---------------------------------------------------------------------------------------
def _apply(env: dict[str, str], cwd: str) -> None:
    for key in [k for k in os.environ if k.startswith("VBKB_") and k not in env]:
        del os.environ[key]
    os.environ.update(env)
    try:
        os.chdir(cwd)
    except OSError:
        pass


def out_of_memory(exc: BaseException) -> bool:
    """MemoryError, or an mmap (a thread's stack ...) refused for want of address space."""
    return isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM)


def _cap_memory() -> tuple[int, tuple[int, int]]:
    """Cap this process's address space at the setting (the soft limit, never above one already set; the
    hard limit is left alone, so the cap can be lifted again): the cap in MB and the limits it replaced."""
    megabytes = limits.current().max_worker_mb
    before = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * limits.MB
    if before[0] != resource.RLIM_INFINITY:
        cap = min(cap, before[0])
    resource.setrlimit(resource.RLIMIT_AS, (cap, before[1]))
    return megabytes, before


def _serve(inbox: Connection, out: Connection) -> None:
    """Run tasks until the parent closes the pipe (or dies), or a task runs out of memory: then this
    process answers "mem" and ends (a heap that hit its cap may hold half-filled caches)."""
    while True:
        try:
            data = inbox.recv_bytes()
        except (EOFError, OSError):
            return
        message = pickle.loads(data)
        if message[0] == "warm":
            continue
        _kind, fn, arg, env, cwd = message
        _apply(env, cwd)
        megabytes, before = _cap_memory()
        out.send_bytes(pickle.dumps(("loaded",)))
        payload = _answer(fn, arg)
        resource.setrlimit(resource.RLIMIT_AS, before)
        if payload is None:
            out.send_bytes(pickle.dumps(("mem", megabytes)))
            return
        out.send_bytes(payload)


def _answer(fn: Callable[[Any], Any], arg: Any) -> bytes | None:
    """fn(arg) as the pickled answer for the parent; None when it ran out of memory (the memory it held is
    freed by then: the frames that held it are gone with the exception)."""
    try:
        answer: tuple[str, Any] = ("ok", fn(arg))
    except Exception as exc:  # noqa: BLE001 - the parent re-raises it or reports it
        if out_of_memory(exc):
            return None
        answer = ("err", exc)
    try:
        payload = pickle.dumps(answer)
        pickle.loads(payload) if answer[0] == "err" else None  # an exception the parent can rebuild
    except MemoryError:
        return None
    except Exception as exc:  # noqa: BLE001 - an exception or result that does not pickle
        what = answer[1] if answer[0] == "err" else exc
        payload = pickle.dumps(("err", RuntimeError(_one_line(what))))
    return payload


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
