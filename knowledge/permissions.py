"""The knowledge app's capabilities (portal/capabilities.py): one permission each."""

from portal.capabilities import Capability

#: Read the feedback readers left on the FAQ (KIM-Koordination's role bundles it).
SEE_FAQ_FEEDBACK = Capability(
    "faq_rueckmeldungen_lesen", "Rückmeldungen zu den FAQ lesen", "knowledge.view_faqfeedback"
)
