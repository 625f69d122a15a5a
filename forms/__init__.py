"""Forms: the Meldebogen, the anonymous report of an integration barrier, and its triage.

Owns the multi-step report form with drafts, the anonymity guard that keeps personal data of
clients out of reports (anonymity.py), reference numbers, receipts, retention and deletion, the
partner API for reports, and the KIM-Koordination's triage of submitted reports.
Depends on knowledge/ (Kommune, Organisation) and accounts/ (profile, roles).
"""
