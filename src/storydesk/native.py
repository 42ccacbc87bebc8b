"""Guards around native libraries that write to the process's own stdout.

HiGHS (SciPy's `milp`) now and then prints a debug line ("HighsMipSolverData::
transformNewIntegerFeasibleSolution tmpSolver.run();") straight to file descriptor 1, even
when told to be silent (jump-dev/HiGHS.jl#312); on `storydesk brief --format json` that line
would come before the JSON. `quiet_stdout` points descriptor 1 at the null device meanwhile.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()


@contextmanager
def quiet_stdout() -> Iterator[None]:
    """Send what native code writes to descriptor 1 to the null device while inside."""
    with _LOCK:
        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no descriptor 1 (a service without stdout): nothing to guard
            yield
            return
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)
