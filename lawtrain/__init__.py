"""lawtrain: the register of administrative law-enforcement officers of a county or city."""

__version__ = "0.1.0"
