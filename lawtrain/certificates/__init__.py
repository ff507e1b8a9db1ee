"""The certificate lifecycle: issue after the exam, numbering, renew, suspend, reinstate, cancel, revoke.

Core functions take the store and plain values (dates passed in); the CLI and the TUI call them.
"""

from .errors import CertificateError
from .lifecycle import cancel, issue, reinstate, renew, revoke, suspend
from .numbering import next_number
from .records import Certificate, Event, Officer, certificate, history

__all__ = [
    "Certificate",
    "CertificateError",
    "Event",
    "Officer",
    "cancel",
    "certificate",
    "history",
    "issue",
    "next_number",
    "reinstate",
    "renew",
    "revoke",
    "suspend",
]
