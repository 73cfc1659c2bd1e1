"""Running requests at the same moment, for the tests of what must happen once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def together(work: list[Callable[[], None]]) -> list[BaseException]:
    """Run each callable in its own thread (with its own database connection), all
    released at once; return the errors they raised."""
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:  # reported by the caller's assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
