"""The knowledge app's permissions held by the portal's roles: the KIM-Koordination
keeps the reference data, Handlungsfelder and Kooperationsvereinbarungen and reads the FAQ feedback;
the Redaktion drafts Kooperationsvereinbarungen and submits them for review, without the right
to publish (knowledge.models.review: Vier-Augen-Freigabe).

Collected by ``accounts.roles.role_permissions`` and applied by ``sync_role_permissions``.
"""

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "koordination": (
        "knowledge.add_kommune",
        "knowledge.change_kommune",
        "knowledge.delete_kommune",
        "knowledge.view_kommune",
        "knowledge.add_organisation",
        "knowledge.change_organisation",
        "knowledge.delete_organisation",
        "knowledge.view_organisation",
        "knowledge.add_handlungsfeld",
        "knowledge.change_handlungsfeld",
        "knowledge.delete_handlungsfeld",
        "knowledge.view_handlungsfeld",
        "knowledge.add_zielgruppe",
        "knowledge.change_zielgruppe",
        "knowledge.delete_zielgruppe",
        "knowledge.view_zielgruppe",
        "knowledge.add_sprache",
        "knowledge.change_sprache",
        "knowledge.delete_sprache",
        "knowledge.view_sprache",
        "knowledge.add_kooperationsvereinbarung",
        "knowledge.change_kooperationsvereinbarung",
        "knowledge.delete_kooperationsvereinbarung",
        "knowledge.view_kooperationsvereinbarung",
        "knowledge.publish_kooperationsvereinbarung",
        "knowledge.lock_kooperationsvereinbarung",
        "knowledge.unlock_kooperationsvereinbarung",
        "knowledge.view_faqfeedback",
    ),
    "redaktion": (
        "knowledge.add_kooperationsvereinbarung",
        "knowledge.change_kooperationsvereinbarung",
        "knowledge.view_kooperationsvereinbarung",
        "knowledge.view_kommune",
        "knowledge.view_organisation",
        "knowledge.view_handlungsfeld",
    ),
}
