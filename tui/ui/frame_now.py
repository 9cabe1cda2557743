"""Writing what a key changed on the current screen from the key's own handler.

Left to Textual, a widget's repaint reaches the terminal after a round of messages: the widget's
idle event posts an `Update` to its screen, the screen's idle event resumes its update timer, and
the timer's task draws the frame. `draw_changes` draws the frame at once, as that timer would,
and lets Textual's writer thread start on it (docs/performance.md, item 23). Like
`quiz_flow.draw_pushed`, it uses Textual's private API (8.2), and leaves anything it cannot draw as
it stands (a layout, a scroll, a restyle pending, another screen on top) to Textual.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

from tui.ui.after_frame import hand_to_writer


def draw_changes(screen: Screen[object], *widgets: Widget) -> bool:
    """Draw the repaints `widgets` asked for, and any the screen already holds, in one frame now.

    Returns whether it did; when it did not, Textual draws them as usual."""
    app = screen.app
    try:
        if (app.screen is not screen or app._batch_count or app.is_inline or screen._layout_required
                or screen._scroll_required or screen._repaint_required or screen._recompose_required):
            return False
        dirty = set(screen._dirty_widgets)
        for widget in widgets:
            if (widget._layout_required or widget._scroll_required or widget._recompose_required
                    or widget._refresh_styles_required):
                return False
            if widget._repaint_required and widget.display:
                dirty.add(widget)
        if not dirty:
            return False
        compositor = screen._compositor
        compositor.update_widgets(dirty)
        update = compositor.render_update(screen_stack=app._background_screens)
        for widget in widgets:
            if widget in dirty:
                widget._repaint_required = False  # drawn: its idle event posts no `Update`
        screen._dirty_widgets.clear()
        if update is None:
            return True
        app._display(screen, update)
        hand_to_writer()
        app._update_mouse_over(screen)
    except (AttributeError, TypeError):
        return False  # a Textual without this API: the repaint goes the usual way
    return True
