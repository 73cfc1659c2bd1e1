"""Run the WSGI application under gunicorn, configured from the command line."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from minipublic.config.wsgi import application

        return application


def run_gunicorn(*, host: str, port: int, workers: int, reload: bool) -> None:
    """Serve until interrupted; threads per worker let slow clients not block others."""
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "reload": reload,
            "accesslog": "-",
            # No client address: participants may report anonymously, and an address
            # beside the time of a report could say who made it.
            "access_log_format": '%(t)s "%(r)s" %(s)s %(b)s',
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
        }
    ).run()
