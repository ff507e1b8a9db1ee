"""One module per screen, plus the modal forms and confirmations."""
