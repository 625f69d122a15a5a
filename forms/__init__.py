"""The Meldebogen app (app label ``meldeboegen``, URLs under /meldeboegen/).

The package is called ``forms`` because "Formulare" is where users find the Meldebogen in the
portal's layout; it holds no general-purpose forms. It holds one domain concept: the
Meldebogen, the anonymous report of an integration barrier, and its Sichtung (code: triage).

Owns the multi-step report form with drafts, the anonymity guard that keeps personal data of
clients out of reports (anonymity.py), reference numbers, receipts, retention and deletion, the
partner API for reports, and the KIM-Koordination's Sichtung (triage) of submitted reports.
Depends on knowledge/ (Kommune, Organisation) and accounts/ (profile, roles).
"""
