"""Fixtures shared by all tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from minipublic.lifecycle import Visibility
from tests.cast import Cast, make_cast
from tests.servers import load_demo, serving
from tests.support import scratch_database


@pytest.fixture
def cast(db: None) -> Cast:
    """The riverside process (private, design phase) and one person per role."""
    return make_cast()


@pytest.fixture
def public_cast(db: None) -> Cast:
    """The riverside process, published."""
    return make_cast(Visibility.PUBLIC)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo assembly served exactly as ``make run`` serves it; yields the base URL.

    It runs on its own database (a new one on the PostgreSQL server in the PostgreSQL run)
    and is shared by the whole session: tests that change it use the transport jury, which
    no other test reads.
    """
    var_dir = tmp_path_factory.mktemp("demo-server")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


@pytest.fixture(scope="session")
def demo_db(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The demo, loaded once into the test database for every test that reads it.

    Those tests run last and together (``pytest_collection_modifyitems``), each in a
    transaction rolled back at its end, so none sees another's changes; the database
    is emptied afterwards. Request it with ``db``.
    """
    from minipublic.demo import load_demo

    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        load_demo()
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--noinput")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests of the loaded demo (``demo_db``) together, after every other test
    that uses the test database (pytest-django has put those first; a transactional
    test would empty the database under them) and before the rest, the browser tests
    among them (Playwright's event loop forbids the synchronous database calls that
    load the demo)."""

    def uses(item: pytest.Item, name: str) -> bool:
        return name in getattr(item, "fixturenames", ())

    demo = [item for item in items if uses(item, "demo_db")]
    others = [item for item in items if not uses(item, "demo_db")]
    database = ("db", "transactional_db", "django_db_setup")

    def needs_database(item: pytest.Item) -> bool:
        marked = item.get_closest_marker("django_db") is not None
        return marked or any(uses(item, name) for name in database)

    last = max((i for i, item in enumerate(others) if needs_database(item)), default=-1)
    items[:] = others[: last + 1] + demo + others[last + 1 :]
