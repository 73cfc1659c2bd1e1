"""The JSON API, mounted at /api/v1/; its OpenAPI document is /api/v1/openapi.json."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from minipublic import __version__
from minipublic.api.endpoints import router
from minipublic.api.integrity import router as integrity_router
from minipublic.api.report import router as report_router
from minipublic.lifecycle import LifecycleError
from minipublic.processes.access import TermsPending

api = NinjaAPI(
    title="minipublic API",
    version=f"1 ({__version__})",
    description=(
        "Read processes and act on them with the same rules as the web pages. "
        "Authenticate with `Authorization: Bearer <token>` (create tokens on your "
        "account's token page) or with a browser session plus CSRF token. "
        "Errors carry a stable `code`, a readable `message` and `params`."
    ),
    urls_namespace="api",
)
api.add_router("/", router)
api.add_router("/", integrity_router)
api.add_router("/", report_router)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **params: object
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "params": params}, status=status
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "No such process, or it is not visible to you.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    action = str(exc) or "unknown"
    if isinstance(exc, TermsPending):
        return _error(
            request,
            403,
            "terms_pending",
            "Accept the current terms of engagement of your role on the process's terms "
            "page first.",
            action=action,
            terms_url=request.build_absolute_uri(f"/p/{exc.process.slug}/terms/"),
        )
    return _error(
        request,
        403,
        "forbidden",
        "Your roles do not allow this in the current phase.",
        action=action,
    )


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc.message) if getattr(exc, "message", None) else "Authentication required."
    return _error(request, 401, "unauthorized", message)


@api.exception_handler(LifecycleError)
def _refused(request: HttpRequest, exc: LifecycleError) -> HttpResponse:
    params = {key: str(value) for key, value in exc.params.items()}
    return _error(request, 409, exc.code, str(exc), **params)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [".".join(str(part) for part in error.get("loc", ())) for error in exc.errors]
    return _error(
        request,
        422,
        "invalid",
        "The request is not valid: see errors.",
        errors=exc.errors,
        fields=fields,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))
