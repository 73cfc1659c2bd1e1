"""Run the WSGI application under gunicorn, configured from the command line."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from minipublic.config.quiet_logs import mentions_report_form


class AccessLogWithoutReports(Logger):  # type: ignore[misc]
    """gunicorn's logger, writing no access line for the incident report form."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        """Log the request unless it was for the report form."""
        # The query too: signing in on the way to the form carries ?next=<its path>.
        where = f"{environ.get('PATH_INFO', '')}?{unquote(str(environ.get('QUERY_STRING', '')))}"
        if mentions_report_form(where):
            return
        super().access(resp, req, environ, request_time)


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
            # Nor any line for the incident report form (config/quiet_logs.py).
            "logger_class": "minipublic.cli.server.AccessLogWithoutReports",
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
        }
    ).run()
