"""The JSON API under /api/v1/ (django-ninja, shipped with Wagtail 8).

One NinjaAPI instance; each app contributes a router from its own ``api`` module. Every
endpoint requires ``Authorization: Token <token>`` or a logged-in session. Errors are answered
in German with a ``detail`` message. The OpenAPI schema is served at /api/v1/openapi.json.
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import router as accounts_router
from accounts.api_auth import api_auth
from forms.api import router as forms_router
from search.api_views import router as search_router

api = NinjaAPI(
    title="KIM-Portal API",
    version="1",
    description=(
        "Schnittstelle des KIM-Portals für Partnersysteme. Authentifizierung mit "
        "`Authorization: Token <token>`; Tokens erstellt die KIM-Koordination in der Verwaltung "
        "oder mit `manage.py create_api_token BENUTZERNAME`."
    ),
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url=None,
)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": "Nicht angemeldet: Bitte senden Sie ein gültiges API-Token im Header "
            "„Authorization: Token <token>“ oder melden Sie sich an."
        },
        status=401,
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Die Anfrage enthält ungültige Angaben.", "errors": exc.errors},
        status=422,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/", accounts_router)
api.add_router("/", forms_router)
api.add_router("/", search_router)
