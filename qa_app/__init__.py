"""qa-app: grounded extraction and cited question answering over diplomatic news."""

__version__ = "0.1.0"
