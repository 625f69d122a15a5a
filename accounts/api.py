"""API endpoints of accounts: who am I (a simple check that a token works)."""

from django.http import HttpRequest
from ninja import Router, Schema

from accounts.roles import roles_of

router = Router(tags=["Konto"])


class MeOut(Schema):
    username: str
    name: str
    roles: list[str]


@router.get("/me/", response=MeOut, summary="Angemeldeter Benutzer und seine Rollen")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "roles": [role.name for role in roles_of(user)],
    }
