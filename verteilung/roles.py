"""The Verteilungsschlüssel's permissions held by the portal's roles (collected by
``accounts.roles.role_permissions``, applied by ``sync_role_permissions``)."""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": (
        "verteilung.add_verteilungsschluessel",
        "verteilung.change_verteilungsschluessel",
        "verteilung.delete_verteilungsschluessel",
        "verteilung.view_verteilungsschluessel",
        "verteilung.add_indikator",
        "verteilung.change_indikator",
        "verteilung.delete_indikator",
        "verteilung.view_indikator",
        "verteilung.add_kennzahl",
        "verteilung.change_kennzahl",
        "verteilung.delete_kennzahl",
        "verteilung.view_kennzahl",
        "verteilung.add_zustaendigkeit",
        "verteilung.change_zustaendigkeit",
        "verteilung.delete_zustaendigkeit",
        "verteilung.view_zustaendigkeit",
    ),
    "integrationsbeauftragte": ("verteilung.view_verteilungsschluessel",),
}
