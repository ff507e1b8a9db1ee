"""Modal forms and confirmations: each a typed ModalScreen that dismisses with its value."""
