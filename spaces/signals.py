"""Signals of the spaces app; receivers live in spaces.signal_receivers."""

from django.dispatch import Signal

#: Sent after a Protokoll's status changed (kwargs: protokoll, from_status, to_status).
protokoll_status_changed = Signal()
