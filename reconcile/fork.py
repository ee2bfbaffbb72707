"""Part of a stage's pure-Python work in a forked child process, beside this one (the findings).

The caller decides that a fork is safe (`pipeline._fork_workers`: Linux, a second CPU, no other Python
thread). The child inherits the stage's data as it is at the fork, copy-on-write, and writes what it
makes to a temporary file, one pickled item at a time; the caller reads the items back after its own
share. A child that fails (killed, out of memory, an exception) leaves `results()` None and prints
nothing: the caller then does the child's share itself, and an error there is reported as usual.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from typing import Any

Put = Callable[[Any], None]


class ForkedWork:
    """`work(put)` run in a forked child; each object it puts is pickled to a temporary file."""

    def __init__(self, work: Callable[[Put], None]):
        """Start the child. OSError where no temporary file can be made or no process started: the caller
        then does the work itself."""
        import multiprocessing
        import tempfile

        fd, self.path = tempfile.mkstemp(prefix="reconcile-", suffix=".pickle")
        os.close(fd)
        # The fork start method pickles nothing: the child runs `work` on the data as it is now.
        self.proc = multiprocessing.get_context("fork").Process(target=_run, args=(work, self.path), daemon=True)
        try:
            self.proc.start()
        except BaseException:
            os.unlink(self.path)
            raise

    def results(self) -> Iterator[Any] | None:
        """Wait for the child; the objects it put, in order, read one at a time (None if it failed)."""
        self.proc.join()
        if self.proc.exitcode != 0:
            self.close()
            return None

        def read() -> Iterator[Any]:
            try:
                with open(self.path, "rb") as fh:
                    while True:
                        try:
                            yield pickle.load(fh)
                        except EOFError:
                            return
            finally:
                self.close()

        return read()

    def close(self) -> None:
        """Stop the child if it still runs and remove its file (safe to call again)."""
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def _run(work: Callable[[Put], None], path: str) -> None:
    import gc

    gc.disable()  # a collection would write to, and so copy, every object shared with the parent
    try:
        with open(path, "wb") as fh:
            work(lambda obj: pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - no traceback from the child: the parent does its share instead
        os._exit(1)
