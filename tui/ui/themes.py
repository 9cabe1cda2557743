"""podium's own themes, made for projectors: strong contrast, few colours, nothing faint."""

from __future__ import annotations

from textual.theme import Theme

PODIUM_DARK = Theme(
    name="podium-dark",
    primary="#4FB3FF",
    secondary="#9AD1FF",
    accent="#FFC24B",
    foreground="#F5F5F5",
    background="#000000",
    surface="#111418",
    panel="#1B2430",
    success="#4BD37B",
    warning="#FFC24B",
    error="#FF6B6B",
    dark=True,
)

PODIUM_LIGHT = Theme(
    name="podium-light",
    primary="#0047AB",
    secondary="#1F5F99",
    accent="#B8430B",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F1F3F5",
    panel="#DCE3EA",
    success="#1B7F3B",
    warning="#9A5B00",
    error="#B00020",
    dark=False,
)

PODIUM_THEMES = (PODIUM_DARK, PODIUM_LIGHT)
