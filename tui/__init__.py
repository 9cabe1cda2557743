"""podium: terminal presentations with a quiz after every section."""

__version__ = "0.1.0"
