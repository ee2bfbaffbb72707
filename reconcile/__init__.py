"""reconcile: cross-outlet claim reconciliation for fact-checkers."""

__version__ = "0.1.0"

__all__ = ["__version__"]
