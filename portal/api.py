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


# German texts for pydantic's error types; anything else keeps pydantic's message.
VALIDATION_MESSAGES = {
    "missing": "Pflichtfeld fehlt.",
    "extra_forbidden": "Unbekanntes Feld: Bitte nur die dokumentierten Felder senden.",
    "string_type": "Erwartet wird ein Text.",
    "int_type": "Erwartet wird eine ganze Zahl.",
    "int_parsing": "Erwartet wird eine ganze Zahl.",
    "bool_type": "Erwartet wird true oder false.",
    "bool_parsing": "Erwartet wird true oder false.",
    "list_type": "Erwartet wird eine Liste.",
    "dict_type": "Erwartet wird ein Objekt.",
    "model_attributes_type": "Erwartet wird ein JSON-Objekt.",
    "string_too_long": "Der Text ist zu lang.",
    "string_too_short": "Der Text ist zu kurz.",
    "enum": "Dieser Wert ist nicht zulässig.",
    "literal_error": "Dieser Wert ist nicht zulässig.",
    "date_from_datetime_parsing": "Erwartet wird ein Datum (JJJJ-MM-TT).",
    "date_parsing": "Erwartet wird ein Datum (JJJJ-MM-TT).",
}


def german_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors with a German ``message`` and the field path as ``field``."""
    result = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        result.append(
            {
                "field": ".".join(location),
                "type": error.get("type", ""),
                "message": VALIDATION_MESSAGES.get(error.get("type", ""), error.get("msg", "")),
            }
        )
    return result


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Die Anfrage enthält ungültige Angaben.", "errors": german_errors(exc.errors)},
        status=422,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
        detail = "Der Inhalt der Anfrage ist kein gültiges JSON."
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


api.add_router("/", accounts_router)
api.add_router("/", forms_router)
api.add_router("/", search_router)
