"""The JSON API under /api/v1/ (django-ninja, shipped with Wagtail 8).

One NinjaAPI instance; each app contributes a router from its own ``api`` module. Every
endpoint requires ``Authorization: Token <token>`` or a logged-in session; a missing or wrong
token is a German 401 for every method. Every error is answered in German with a ``detail``
message (portal/api_errors.py). The OpenAPI schema is served at /api/v1/openapi.json.
"""

from typing import Any

from ninja import NinjaAPI

from accounts.api import router as accounts_router
from accounts.api_auth import api_auth
from forms.api import add_reference_values
from forms.api import router as forms_router
from portal.api_errors import add_exception_handlers, document_error_responses
from search.api_views import router as search_router


class PortalAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema documents the German error answers every operation can
    give (401, 403, 429; 400/422 for input, 404 for path parameters), so that clients and the
    API fuzzing (tests/security/test_api_fuzz.py) know every answer's shape.

    The schema served at /api/v1/openapi.json also carries this installation's reference values
    (Kommune slugs, Themen) as enums and an example made of them (forms.api). ninja's view
    always passes ``path_params``; a direct call (tests, scripts, no database at hand) gets the
    static schema unless it asks for ``reference_values=True``."""

    def get_openapi_schema(
        self,
        *,
        path_prefix: str | None = None,
        path_params: dict[str, Any] | None = None,
        reference_values: bool | None = None,
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_error_responses(schema)
        if reference_values is None:
            reference_values = path_params is not None
        return add_reference_values(schema) if reference_values else schema


api = PortalAPI(
    title="KIM-Portal API",
    version="1",
    description=(
        "Schnittstelle des KIM-Portals für Partnersysteme. Authentifizierung mit "
        "`Authorization: Token <token>`; Tokens erstellt die KIM-Koordination in der Verwaltung "
        "oder mit `manage.py create_api_token BENUTZERNAME`. Fehler beantwortet die "
        "Schnittstelle mit einem JSON-Objekt mit deutscher Meldung in `detail`; ungültige "
        "Angaben (422) listet `errors` je Feld (`field`, `type`, `message`)."
    ),
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url=None,
)
add_exception_handlers(api)

api.add_router("/", accounts_router)
api.add_router("/", forms_router)
api.add_router("/", search_router)
