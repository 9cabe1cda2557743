"""The one door to Textual's private API: every private name of Textual that podium uses is used here.

podium takes a few shortcuts through Textual's internals (Textual 8.x) to put frames on the
terminal sooner and to keep toasts tidy (docs/performance.md, docs/architecture.md). Each one is a
function below with a plain-Textual fallback, so the rest of podium never names a private
attribute of an app, a screen, a widget or the compositor.

The door is open when `probe` finds every name it needs, with the shape it expects, and the
environment variable `PODIUM_PLAIN_TEXTUAL` is not `1`. It probes once, on first use, with
`hasattr` checks on the app and screen at hand (no rendering). Closed, every function takes its
fallback: Textual draws on its own refresh, a toast is a plain `notify`, a quiz is built when it
is shown.

The fast paths do their work first and clear Textual's bookkeeping (repaint flags, dirty sets)
only once the frame has been handed to the driver; if the write fails, nothing is cleared and the
whole screen is marked for a repaint, so Textual still draws the frame on its next refresh.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from rich.console import Console, RenderableType
from textual import work
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from tui.ui.after_frame import hand_to_writer

if TYPE_CHECKING:
    from textual.notifications import Notification

PLAIN = "PODIUM_PLAIN_TEXTUAL"
"""Set to 1, the door stays closed: podium uses only Textual's public API."""

APP_METHODS = ("_register", "_display", "_update_mouse_over", "_refresh_notifications",
               "_refresh_truecolor_filter")
APP_STATE = ("_batch_count", "_background_screens", "_notifications")
SCREEN_METHODS = ("_refresh_layout",)
SCREEN_PROPERTIES = ("_update_timer",)
"""Looked up on the class: the property makes the screen's timer when read."""
SCREEN_STATE = ("_compositor", "_dirty_widgets", "_size")
WIDGET_FLAGS = ("_layout_required", "_scroll_required", "_repaint_required", "_recompose_required",
                "_refresh_styles_required")
COMPOSITOR_METHODS = ("update_widgets", "render_update")

_open: bool | None = None
"""Whether the door is open: None until the first probe."""
_why_closed = ""
_screen_probed = False
"""Whether the last probe saw a screen (a probe made before the app had one looks again)."""


def probe(app: App | None = None, screen: Screen[Any] | None = None) -> bool:
    """Check, once, that Textual has every private name the door uses; whether the door is open.
    Class-level names are checked always; instance state on `app` and `screen` when given
    (the first app that asks)."""
    global _open, _why_closed, _screen_probed
    missing = _missing(app, screen)
    _screen_probed = screen is not None
    _why_closed = missing
    _open = not missing
    return _open


def reprobe() -> None:
    """Forget the last probe (tests that take a name away or set `PODIUM_PLAIN_TEXTUAL`)."""
    global _open, _why_closed, _screen_probed
    _open = None
    _why_closed = ""
    _screen_probed = False


def is_open(app: App | None = None) -> bool:
    """Whether the fast paths may be taken: probing on the first call."""
    if _open is None or (_open and not _screen_probed and app is not None and app.is_running):
        screen = None
        if app is not None:
            try:
                screen = app.screen
            except Exception:  # noqa: BLE001 - no screen yet: the class names are checked
                screen = None
        return probe(app, screen)
    return _open


def why_closed() -> str:
    """What closed the door at the last probe ("" when open)."""
    return _why_closed


def _missing(app: App | None, screen: Screen[Any] | None) -> str:
    if os.environ.get(PLAIN) == "1":
        return f"{PLAIN}=1"
    for name in APP_METHODS:
        if not callable(getattr(App, name, None)):
            return f"App.{name}"
    for name in SCREEN_METHODS:
        if not callable(getattr(Screen, name, None)):
            return f"Screen.{name}"
    for name in SCREEN_PROPERTIES:
        if not isinstance(getattr(Screen, name, None), property):
            return f"Screen.{name}"
    if not callable(getattr(LayoutUpdate, "render_segments", None)):
        return "LayoutUpdate.render_segments"
    if not hasattr(CommandPalette, "_gather_commands") or not hasattr(CommandPalette, "_action_command_list"):
        return "CommandPalette._gather_commands"
    if app is not None:
        for name in APP_STATE:
            if not hasattr(app, name):
                return f"App.{name}"
        notifications = app._notifications
        if not all(hasattr(notifications, name) for name in ("add", "__delitem__", "__contains__")):
            return "App._notifications"
    if screen is not None:
        for name in SCREEN_STATE + WIDGET_FLAGS:
            if not hasattr(screen, name):
                return f"Screen.{name}"
        if not isinstance(screen._dirty_widgets, set):
            return "Screen._dirty_widgets"
        compositor = screen._compositor
        for name in COMPOSITOR_METHODS:
            if not callable(getattr(compositor, name, None)):
                return f"Compositor.{name}"
    return ""


# -- The theme taken before the first parse -------------------------------------------------------

def start_with_theme(app: App, name: str) -> None:
    """Give `app`, not yet running, the theme `name` before its stylesheet is first parsed.
    Assigning `app.theme` runs its watcher, which parses every style again once the app runs;
    this does what that watcher does, without the second parse. Fallback (door closed, or an
    error): `app.theme = name`, Textual's own way."""
    if is_open(app):
        try:
            app.set_reactive(App.theme, name)
            # Textual made the stylesheet's variables from its default theme in App.__init__.
            app.stylesheet.set_variables(app.get_css_variables())
            dark = app.current_theme.dark
            app.set_class(dark, "-dark-mode", update=False)
            app.set_class(not dark, "-light-mode", update=False)
            app.set_class(True, f"-theme-{name}", update=False)
            app._refresh_truecolor_filter(app.ansi_theme)  # Textual's own step in App._watch_theme
            return
        except Exception:  # noqa: BLE001 - taken the plain way below
            pass
    app.theme = name


# -- A key's repaints drawn from the key's own handler ------------------------------------------

def draw_changes(screen: Screen[Any], *widgets: Widget) -> bool:
    """Draw the repaints `widgets` asked for, and any the screen already holds, in one frame now,
    as the screen's update timer would. Returns whether it did.

    Fallback (door closed, a layout, scroll or restyle pending, another screen on top, or any
    error): returns False and changes nothing, so Textual draws them on its own refresh. The
    widgets' repaint flags and the screen's dirty set are cleared only after the frame has been
    handed to the driver."""
    app = screen.app
    if not is_open(app):
        return False
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
        if update is not None:
            app._display(screen, update)
    except Exception:  # noqa: BLE001 - no flag cleared: Textual draws the repaint
        _repaint_whole(screen)
        return False
    # Written: the widgets' idle events post no `Update`, the timer draws nothing twice.
    for widget in widgets:
        if widget in dirty:
            widget._repaint_required = False
    screen._dirty_widgets.difference_update(dirty)
    if update is not None:
        hand_to_writer()
        _mouse_over(app, screen)
    return True


def _repaint_whole(screen: Screen[Any]) -> None:
    """After a fast path failed part way: the compositor may have taken the widgets' repaint
    regions already, so the whole screen is marked for a repaint (public API), which Textual
    draws on its next refresh."""
    try:
        screen.refresh()
    except Exception:  # noqa: BLE001 - a screen gone meanwhile has nothing to draw
        pass


def _mouse_over(app: App, screen: Screen[Any]) -> None:
    try:
        app._update_mouse_over(screen)
    except Exception:  # noqa: BLE001 - Textual updates it on the next mouse move
        pass


# -- A quiz screen started off screen, and its frame written as it is pushed --------------------

_frames_ahead: WeakKeyDictionary[Screen[Any], FrameAhead] = WeakKeyDictionary()
"""The frame drawn ahead of each screen started off screen, once it has settled."""

SETTLE_INTERVAL = 0.01
SETTLE_ROUNDS = 10


class FrameAhead(LayoutUpdate):
    """The whole frame of a screen started off screen, rendered to the text the terminal is sent
    while the screen waited to be shown."""

    def __init__(self, update: LayoutUpdate, console: Console, size: Size) -> None:
        super().__init__(update.strips, update.region)
        self.size = size
        self.text = update.render_segments(console)

    def render_segments(self, console: Console) -> str:
        return self.text


def frame_ahead(screen: Screen[Any]) -> FrameAhead | None:
    """The frame drawn ahead for `screen`, if it has settled off screen."""
    return _frames_ahead.get(screen)


def forget_frame_ahead(screen: Screen[Any]) -> None:
    """Drop the frame drawn ahead for `screen` (it no longer shows what the screen will)."""
    _frames_ahead.pop(screen, None)


def start_hidden(app: App, screen: Screen[Any]) -> bool:
    """Start `screen` off screen: compose and mount it, lay it out and draw it once, so that
    pushing it later only has to show it. Returns whether it did.

    `App.push_screen` starts a screen that is not running yet with `App._register` and pushes one
    that is running as it is, so registering it here does the mounting ahead. A screen that is
    not current is never laid out or drawn by Textual, so `settle` does what the screen's update
    timer does for the current screen, minus the write to the terminal.

    Fallback (door closed, or `_register` fails): returns False; the screen is built when pushed."""
    if not is_open(app):
        return False
    try:
        app._register(app, screen)
    except Exception:  # noqa: BLE001 - built when pushed, as usual
        return False

    def settle(rounds: int) -> None:
        # Until nothing is left to do: the first layout gives every widget its size, and widgets
        # whose size changed ask for another layout when they next run.
        if screen.is_current or not screen.is_attached:
            return
        try:
            busy = bool(screen._layout_required) or screen._size != app.size
            if busy:
                screen._refresh_layout(app.size)
                screen._layout_required = False
            dirty = set(screen._dirty_widgets)
            if screen._repaint_required:
                dirty.add(screen)
            if dirty:
                busy = True
                screen._compositor.update_widgets(dirty)
                screen._compositor.render_update(full=True)  # fills the widgets' line caches
                screen._dirty_widgets.difference_update(dirty)
                screen._repaint_required = False
            elif not busy and _frames_ahead.get(screen) is None:
                # Settled: the frame it will show, rendered to text now rather than at Enter.
                update = screen._compositor.render_update(full=True)
                if isinstance(update, LayoutUpdate):
                    _frames_ahead[screen] = FrameAhead(update, app.console, app.size)
            screen._update_timer.resume()
        except Exception:  # noqa: BLE001 - laid out when shown, as usual
            return
        if busy and rounds > 1:
            screen.set_timer(SETTLE_INTERVAL, lambda: settle(rounds - 1))

    screen.set_timer(SETTLE_INTERVAL, lambda: settle(SETTLE_ROUNDS))
    return True


def draw_pushed(app: App, screen: Screen[Any]) -> bool:
    """Write the whole frame of `screen`, started by `start_hidden` and just pushed, at once, as
    its update timer would draw it, before the messages of the push are handled. Returns whether
    it did.

    Fallback (door closed; the screen not ready to be drawn as it stands: a resize, a layout
    pending, a screen below showing through; or any error): returns False with Textual's state
    as it was, and Textual draws the screen as usual. The screens' repaint flags are cleared only
    after the frame has been handed to the driver."""
    ahead = _frames_ahead.pop(screen, None)
    if not is_open(app):
        return False
    try:
        if (app.screen is not screen or app._batch_count or screen._layout_required
                or screen._size != app.size or screen.styles.background.a < 1):
            return False
        update: RenderableType | None
        if (ahead is not None and ahead.size == app.size and not screen._dirty_widgets
                and not screen._repaint_required):
            update = ahead  # nothing changed since it was drawn
        else:
            dirty = set(screen._dirty_widgets)
            if screen._repaint_required:
                dirty.add(screen)
            screen._compositor.update_widgets(dirty)
            update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        app._display(screen, update)
    except Exception:  # noqa: BLE001 - no flag cleared: Textual draws the screen
        _repaint_whole(screen)
        return False
    hand_to_writer()
    for below in app._background_screens:
        # Textual repaints the screen a pushed one covers and passes the repaint up to the screen
        # on top, in case it shows through: a second frame of the same text right after this
        # one. An opaque screen shows none of it, and the screen below repaints itself whole
        # when it is shown again.
        below._repaint_required = False
        below._dirty_widgets.clear()
    screen._dirty_widgets.clear()
    screen._repaint_required = False
    _mouse_over(app, screen)
    return True


# -- Toasts ---------------------------------------------------------------------------------------

def replace_toast(app: App, previous: Notification | None, toast: Notification) -> None:
    """Show `toast` in place of `previous` (if still shown), at once: no other toast can slip in
    between. Fallback (door closed, or an error): `app.notify` with the same toast, so toasts stack
    as Textual stacks them."""
    if is_open(app):
        try:
            if previous is not None and previous in app._notifications:
                del app._notifications[previous]
            app._notifications.add(toast)
            app._refresh_notifications()
            return
        except Exception:  # noqa: BLE001 - shown the plain way below
            pass
    app.notify(toast.message, title=toast.title, severity=toast.severity, timeout=toast.timeout,
               markup=False)


# -- The error a run ended with ---------------------------------------------------------------------

def run_error(app: App) -> BaseException | None:
    """The first unhandled error of the app's run, even one raised while an exit was already under
    way (whose return code stays 0); Textual keeps it in no public attribute. Read whether or not
    the door is open: a crash must be reported. Fallback (no such attribute): None, and the exit
    status comes from the return code alone."""
    error = getattr(app, "_exception", None)
    return error if isinstance(error, BaseException) else None


# -- The command palette ------------------------------------------------------------------------------

GATHER_GROUP: str = getattr(CommandPalette, "_GATHER_COMMANDS_GROUP",
                            "--textual-command-palette-gather-commands")
"""The worker group of the palette's command gathering."""
_textual_gather: Any = getattr(getattr(CommandPalette, "_gather_commands", None), "__wrapped__", None)
"""Textual's command-gathering coroutine, without the `work` decorator that runs it as a worker
(or None); found by name, so its type is unknown."""


class GuardedPalette(CommandPalette):
    """Textual's command palette with its private steps guarded, for keys that arrive together
    with the key that opened it (`tui.ui.palette.Palette` says which):

    - closed before it was mounted, it skips Textual's set-up on mount, which looks for the
      screen below it and starts gathering commands into a list that is gone by then;
    - a gathering started while it was there does nothing once the palette or its list is gone;
    - the keys it passes on to its list go through `command_list_action`, which a subclass may
      override with public API only.

    Door closed, each step is Textual's own."""

    def _on_mount(self, event: Any) -> None:
        if is_open(self.app) and self not in self.app.screen_stack:
            event.prevent_default()  # no CommandPalette._on_mount

    if _textual_gather is not None:
        @work(exclusive=True, group=GATHER_GROUP)
        async def _gather_commands(self, search_value: str) -> None:
            if is_open(self.app) and (not self.is_attached or not self.query(CommandList)):
                return
            try:
                await _textual_gather(self, search_value)
            except NoMatches:
                # The palette was closed while it gathered (a key that dismisses it arrived
                # together with the ones that typed the search): its list is gone, and so is
                # anything to show. A list still there means another fault: let it be seen.
                if not is_open(self.app) or (self.is_attached and self.query(CommandList)):
                    raise

    def _action_command_list(self, action: str) -> None:
        self.command_list_action(action)

    def command_list_action(self, action: str) -> None:
        """Pass a key's action (`cursor_up`, `page_down`...) on to the palette's list."""
        super()._action_command_list(action)
