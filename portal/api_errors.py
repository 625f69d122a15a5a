"""German errors for the JSON API under /api/v1/, in one place.

Three kinds of errors reach an API client, and each gets a German ``{"detail": ...}`` here:

- errors ninja raises itself or our endpoints raise (missing or wrong token, invalid input,
  unknown object, throttling): the exception handlers that ``add_exception_handlers`` registers
  on the NinjaAPI; pydantic's validation errors are translated by their ``type``;
- answers ninja gives without an exception (405 for a wrong method, as plain text);
- errors Django answers before or after ninja (404 for an unknown URL, 500, a refused host):
  ``ApiErrorMiddleware`` turns every non-JSON error response under /api/ into German JSON.
"""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

API_PREFIX = "/api/"

# The detail of an error response by HTTP status, where nothing more specific is known.
STATUS_MESSAGES = {
    400: "Die Anfrage ist fehlerhaft und wurde nicht bearbeitet.",
    401: (
        "Nicht angemeldet: Bitte senden Sie ein gültiges API-Token im Header "
        "„Authorization: Token <token>“ oder melden Sie sich an."
    ),
    403: "Für diese Anfrage fehlt Ihnen die Berechtigung.",
    404: "Nicht gefunden: Diese Adresse gibt es in der Schnittstelle nicht.",
    405: "Diese Methode ist für diese Adresse nicht erlaubt.",
    406: "Die Schnittstelle antwortet nur mit JSON.",
    413: "Die Anfrage ist zu groß.",
    415: "Bitte senden Sie den Inhalt als JSON (Content-Type: application/json).",
    422: "Die Anfrage enthält ungültige Angaben.",
    429: "Zu viele Anfragen: Bitte warten Sie kurz und versuchen Sie es dann erneut.",
    500: (
        "Interner Fehler: Die Anfrage konnte nicht bearbeitet werden. Der Fehler ist "
        "protokolliert; bitte versuchen Sie es später noch einmal."
    ),
    503: "Die Schnittstelle ist vorübergehend nicht erreichbar. Bitte versuchen Sie es später.",
}
GENERIC_MESSAGE = "Die Anfrage konnte nicht bearbeitet werden."

WRONG_CREDENTIALS = (
    "Das API-Token ist ungültig oder widerrufen, oder sein Benutzerkonto ist deaktiviert. Bitte "
    "senden Sie ein gültiges API-Token im Header „Authorization: Token <token>“."
)
CSRF_FAILED = (
    "Sicherheitsprüfung (CSRF) fehlgeschlagen: Anfragen mit der Browser-Sitzung brauchen den "
    "Header „X-CSRFToken“. Partnersysteme senden stattdessen „Authorization: Token <token>“."
)
INVALID_JSON = "Der Inhalt der Anfrage ist kein gültiges JSON."

# ninja's own English messages (HttpError subclasses and plain raises) -> German.
_NINJA_MESSAGES = {
    "CSRF check Failed": CSRF_FAILED,
    "Unauthorized": STATUS_MESSAGES[401],
    "Forbidden": STATUS_MESSAGES[403],
}

# pydantic's error types -> German; {placeholders} come from the error's ``ctx``.
VALIDATION_MESSAGES = {
    "missing": "Pflichtfeld fehlt.",
    "extra_forbidden": "Unbekanntes Feld: Bitte nur die dokumentierten Felder senden.",
    "string_type": "Erwartet wird ein Text.",
    "string_sub_type": "Erwartet wird ein Text.",
    "string_unicode": "Erwartet wird ein Text in gültigem Unicode.",
    "string_too_short": "Der Text ist zu kurz (mindestens {min_length} Zeichen).",
    "string_too_long": "Der Text ist zu lang (höchstens {max_length} Zeichen).",
    "string_pattern_mismatch": "Der Text hat nicht das erwartete Format.",
    "bytes_type": "Erwartet wird ein Text.",
    "bytes_too_short": "Der Text ist zu kurz (mindestens {min_length} Bytes).",
    "bytes_too_long": "Der Text ist zu lang (höchstens {max_length} Bytes).",
    "int_type": "Erwartet wird eine ganze Zahl.",
    "int_parsing": "Erwartet wird eine ganze Zahl.",
    "int_from_float": "Erwartet wird eine ganze Zahl ohne Nachkommastellen.",
    "int_parsing_size": "Die Zahl ist zu groß.",
    "float_type": "Erwartet wird eine Zahl.",
    "float_parsing": "Erwartet wird eine Zahl.",
    "finite_number": "Erwartet wird eine endliche Zahl.",
    "decimal_type": "Erwartet wird eine Dezimalzahl.",
    "decimal_parsing": "Erwartet wird eine Dezimalzahl.",
    "decimal_max_digits": "Höchstens {max_digits} Ziffern sind erlaubt.",
    "decimal_max_places": "Höchstens {decimal_places} Nachkommastellen sind erlaubt.",
    "decimal_whole_digits": "Höchstens {whole_digits} Stellen vor dem Komma sind erlaubt.",
    "bool_type": "Erwartet wird true oder false.",
    "bool_parsing": "Erwartet wird true oder false.",
    "greater_than": "Der Wert muss größer als {gt} sein.",
    "greater_than_equal": "Der Wert muss mindestens {ge} sein.",
    "less_than": "Der Wert muss kleiner als {lt} sein.",
    "less_than_equal": "Der Wert darf höchstens {le} sein.",
    "multiple_of": "Der Wert muss ein Vielfaches von {multiple_of} sein.",
    "too_short": "Zu wenige Einträge (mindestens {min_length}).",
    "too_long": "Zu viele Einträge (höchstens {max_length}).",
    "list_type": "Erwartet wird eine Liste.",
    "tuple_type": "Erwartet wird eine Liste.",
    "set_type": "Erwartet wird eine Liste.",
    "frozen_set_type": "Erwartet wird eine Liste.",
    "iterable_type": "Erwartet wird eine Liste.",
    "dict_type": "Erwartet wird ein Objekt.",
    "mapping_type": "Erwartet wird ein Objekt.",
    "model_type": "Erwartet wird ein JSON-Objekt.",
    "model_attributes_type": "Erwartet wird ein JSON-Objekt.",
    "dataclass_type": "Erwartet wird ein JSON-Objekt.",
    "enum": "Dieser Wert ist nicht zulässig. Erlaubt: {expected}.",
    "literal_error": "Dieser Wert ist nicht zulässig. Erlaubt: {expected}.",
    "date_type": "Erwartet wird ein Datum (JJJJ-MM-TT).",
    "date_parsing": "Erwartet wird ein Datum (JJJJ-MM-TT).",
    "date_from_datetime_parsing": "Erwartet wird ein Datum (JJJJ-MM-TT).",
    "date_from_datetime_inexact": "Erwartet wird ein Datum ohne Uhrzeit (JJJJ-MM-TT).",
    "date_past": "Das Datum muss in der Vergangenheit liegen.",
    "date_future": "Das Datum muss in der Zukunft liegen.",
    "datetime_type": "Erwartet wird ein Zeitpunkt (JJJJ-MM-TTThh:mm:ss).",
    "datetime_parsing": "Erwartet wird ein Zeitpunkt (JJJJ-MM-TTThh:mm:ss).",
    "datetime_from_date_parsing": "Erwartet wird ein Zeitpunkt (JJJJ-MM-TTThh:mm:ss).",
    "datetime_object_invalid": "Erwartet wird ein gültiger Zeitpunkt.",
    "datetime_past": "Der Zeitpunkt muss in der Vergangenheit liegen.",
    "datetime_future": "Der Zeitpunkt muss in der Zukunft liegen.",
    "timezone_naive": "Der Zeitpunkt darf keine Zeitzone enthalten.",
    "timezone_aware": "Der Zeitpunkt braucht eine Zeitzone.",
    "time_type": "Erwartet wird eine Uhrzeit (hh:mm:ss).",
    "time_parsing": "Erwartet wird eine Uhrzeit (hh:mm:ss).",
    "timedelta_type": "Erwartet wird eine Dauer.",
    "timedelta_parsing": "Erwartet wird eine Dauer.",
    "uuid_type": "Erwartet wird eine UUID.",
    "uuid_parsing": "Erwartet wird eine UUID.",
    "uuid_version": "Erwartet wird eine UUID der Version {expected_version}.",
    "url_type": "Erwartet wird eine URL.",
    "url_parsing": "Erwartet wird eine gültige URL.",
    "url_syntax_violation": "Erwartet wird eine gültige URL.",
    "url_too_long": "Die URL ist zu lang (höchstens {max_length} Zeichen).",
    "url_scheme": "Diese Art von URL ist nicht erlaubt (erlaubt: {expected_schemes}).",
    "json_invalid": INVALID_JSON,
    "json_type": "Erwartet wird JSON-Text.",
    "none_required": "Hier ist kein Wert erlaubt (null).",
    "union_tag_invalid": "Diese Art von Objekt ist nicht zulässig.",
    "union_tag_not_found": "Die Angabe der Art des Objekts fehlt.",
    "frozen_field": "Dieser Wert lässt sich nicht ändern.",
    "frozen_instance": "Dieser Wert lässt sich nicht ändern.",
}
GENERIC_VALIDATION_MESSAGE = "Dieser Wert ist ungültig."


def _ctx_value(value: object) -> str:
    # pydantic lists choices as "'a', 'b' or 'c'".
    return str(value).replace(" or ", " oder ")


def german_message(error: dict) -> str:
    """The German message for one pydantic error (never pydantic's English ``msg``)."""
    template = VALIDATION_MESSAGES.get(error.get("type", ""), GENERIC_VALIDATION_MESSAGE)
    ctx = {key: _ctx_value(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):  # an error raised by hand, without its ctx
        return GENERIC_VALIDATION_MESSAGE


def german_errors(errors: list[dict]) -> list[dict]:
    """ninja's validation errors as ``field`` (dotted path, without the source such as
    ``body``/``query`` and the payload's parameter name), pydantic ``type`` and German
    ``message``."""
    result = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in {"body", "query", "path", "header", "cookie", "form"}:
            location = location[1:]
        if location and location[0] == "payload":
            location = location[1:]
        result.append(
            {
                "field": ".".join(location),
                "type": error.get("type", ""),
                "message": german_message(error),
            }
        )
    return result


def unauthorized(request: HttpRequest) -> JsonResponse:
    """401 with a German reason and the scheme to use (RFC 9110: WWW-Authenticate)."""
    detail = WRONG_CREDENTIALS if request.headers.get("Authorization") else STATUS_MESSAGES[401]
    response = JsonResponse({"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Token realm="KIM-Portal API"'
    return response


def add_exception_handlers(api: NinjaAPI) -> None:
    """Register the German handlers for everything ninja raises on ``api``."""

    def respond(request: HttpRequest, detail: str, status: int, **extra) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return unauthorized(request)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, STATUS_MESSAGES[422], 422, errors=german_errors(exc.errors))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        detail = STATUS_MESSAGES[429]
        if exc.wait:
            detail = (
                "Zu viele Anfragen: Bitte versuchen Sie es in "
                f"{max(1, round(exc.wait))} Sekunden erneut."
            )
        return respond(request, detail, 429)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = str(exc)
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = INVALID_JSON
        detail = _NINJA_MESSAGES.get(detail, detail)
        return respond(request, detail, exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, "Nicht gefunden.", 404)


ERROR_SCHEMA = {
    "title": "Fehler",
    "type": "object",
    "description": "Fehlerantwort: deutsche Meldung in `detail`; bei 422 je Feld in `errors`.",
    "properties": {
        "detail": {"type": "string", "title": "Meldung"},
        "errors": {
            "type": "array",
            "title": "Fehler je Feld",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "type": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "type", "message"],
            },
        },
    },
    "required": ["detail"],
}
ERROR_DESCRIPTIONS = {
    400: "Fehlerhafte Anfrage (z. B. kein gültiges JSON)",
    401: "Nicht angemeldet oder ungültiges API-Token",
    403: "Keine Berechtigung (oder CSRF-Prüfung der Browser-Sitzung fehlgeschlagen)",
    404: "Nicht gefunden",
    422: "Ungültige Angaben",
    429: "Zu viele Anfragen oder Anmeldesperre",
}


def document_error_responses(schema: dict) -> None:
    """Add the error answers each operation can give, with the ``Fehler`` schema, to an OpenAPI
    schema (where the operation does not document them itself)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Fehler"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Fehler"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            statuses = [401, 403, 429]
            if parameters or "requestBody" in operation:
                statuses.append(422)
            if "requestBody" in operation:
                statuses.append(400)
            if any(parameter.get("in") == "path" for parameter in parameters):
                statuses.append(404)
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses.setdefault(
                    status,
                    {
                        "description": ERROR_DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": reference}},
                    },
                )


class ApiErrorMiddleware:
    """Under /api/, an error response that is not JSON becomes German JSON with the same status
    and headers (405 Allow, 429 Retry-After): ninja's 405 for a wrong method, Django's 404 for an
    unknown URL, its 500 page, a 400 for a refused host. The API never answers in HTML."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return self._as_json(request, response)
        return response

    @staticmethod
    def _as_json(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        status = response.status_code
        if status == 401:
            return unauthorized(request)
        detail = STATUS_MESSAGES.get(status, GENERIC_MESSAGE)
        if status == 405 and response.get("Allow"):
            detail = f"{detail} Erlaubt: {response['Allow']}."
        result = JsonResponse({"detail": detail}, status=status)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if response.has_header(header):
                result[header] = response[header]
        return result
