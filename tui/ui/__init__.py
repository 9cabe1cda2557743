"""The Textual user interface on top of the domain."""
