"""The one error the certificate functions raise: a refusal the clerk can read."""

from __future__ import annotations


class CertificateError(Exception):
    """A change that cannot be made. `reasons` lists every missing condition, in Chinese; str() joins
    them into one line."""

    def __init__(self, reasons: str | list[str]):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("；".join(self.reasons))
