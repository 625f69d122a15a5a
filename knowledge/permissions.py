"""The knowledge app's capabilities (portal/capabilities.py): one permission each."""

from portal.capabilities import Capability

#: Read the feedback readers left on the FAQ (KIM-Koordination's role bundles it).
SEE_FAQ_FEEDBACK = Capability(
    "faq_rueckmeldungen_lesen", "Rückmeldungen zu den FAQ lesen", "knowledge.view_faqfeedback"
)

#: Answer for the Kooperationsvereinbarungen: review and approve changes, see to their
#: evaluations (the KIM-Koordination; the Redaktion drafts agreements but does not hold it).
#: Its holders hear of overdue evaluations (knowledge.notifications).
OWN_AGREEMENTS = Capability(
    "kooperationsvereinbarungen_verantworten",
    "Kooperationsvereinbarungen verantworten (Freigabe, Evaluation)",
    "knowledge.publish_kooperationsvereinbarung",
)
