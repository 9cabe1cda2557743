"""The deck's opening: the first page painted before the whole deck is loaded, and what follows."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build_app, shown, write_deck
from tests.support.cli import ROOT, terminal_env
from tests.support.pty_driver import PtySession
from tests.support.waiting import settle_until, wait_until
from tui.domain.deckload import load_deck
from tui.domain.errors import PodiumError, Problem
from tui.domain.loader import Presentation, load_presentation
from tui.domain.opening import open_deck
from tui.domain.paths import bundled_deck
from tui.domain.walk import Walk
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.widgets.status_bar import StatusBar

SECTION = "---\ntitle: First part\ntakeaways:\n  - one\n---\n# Hello there\n\nSome text\n\n---\n# Second slide\n"


def test_a_deck_with_a_title_opens_on_its_title_page_alone() -> None:
    opening = open_deck(bundled_deck())
    assert opening is not None
    whole = load_presentation(bundled_deck()).deck
    assert opening.info == whole.info
    assert opening.sections == ()
    assert [page.kind for page in Walk(opening).pages] == ["title"]


def test_without_a_title_it_opens_on_the_first_sections_slides_only(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "my-talk", {"slides/01-first.md": SECTION, "slides/02-second.md": SECTION,
                                             "quizzes/01-first.yaml": "questions: [}"})
    opening = open_deck(deck)
    assert opening is not None and not opening.info.title_slide
    assert opening.info.title == "My talk"
    assert len(opening.sections) == 1
    section = opening.sections[0]
    assert [slide.title for slide in section.slides] == ["Hello there", "Second slide"]
    assert section.takeaways == () and section.quiz_path is None  # they come with the whole deck
    assert Walk(opening).pages[0].kind == "slide"


def test_no_cheap_opening_for_a_broken_deck_yaml_or_what_is_no_deck(tmp_path: Path) -> None:
    broken = write_deck(tmp_path / "broken", {"deck.yaml": "title: [unclosed\n", "slides/01.md": SECTION})
    assert open_deck(broken) is None
    assert open_deck(tmp_path / "nothing-here") is None
    assert open_deck(write_deck(tmp_path / "no-slides", {"deck.yaml": "title: x\n"})) is None


# -- a single Markdown file opens from its start ------------------------------------------------

def _slides(count: int) -> str:
    return "\n\n---\n\n".join(f"# Slide {n}\n\n- a point about slide {n}" for n in range(1, count + 1))


def test_a_single_file_with_a_title_opens_on_its_title_page_alone(tmp_path: Path) -> None:
    talk = write_deck(tmp_path, {"talk.md": "---\ntitle: One file\nauthor: Me\n---\n\n" + _slides(3000)}) / "talk.md"
    opening = open_deck(talk)
    assert opening is not None and opening.sections == ()
    whole = load_presentation(talk).deck
    assert opening.info == whole.info and opening.info.where == whole.info.where
    assert [page.kind for page in Walk(opening).pages] == ["title"]


def test_a_single_file_without_a_title_opens_on_its_first_slide_read_from_its_start(tmp_path: Path) -> None:
    talk = write_deck(tmp_path, {"talk.md": _slides(3000)}) / "talk.md"
    opening = open_deck(talk)
    assert opening is not None
    whole = load_presentation(talk).deck
    assert opening.info == whole.info
    assert [slide.title for slide in opening.sections[0].slides] == ["Slide 1"]  # not the other 2,999
    assert opening.sections[0].slides[0] == whole.sections[0].slides[0]
    assert Walk(opening).pages[0] == Walk(whole).pages[0]


def test_no_opening_for_a_file_split_by_end_slide_or_a_broken_start(tmp_path: Path) -> None:
    end_slide = "# A\n\n---\n\ntext\n\n<!-- end_slide -->\n\n# B\n"  # `---` is a rule here
    assert open_deck(write_deck(tmp_path / "a", {"talk.md": end_slide}) / "talk.md") is None
    unclosed = "---\ntitle: x\n\n# A\n"
    assert open_deck(write_deck(tmp_path / "b", {"talk.md": unclosed}) / "talk.md") is None
    broken = "# A\n\n<!-- never closed\n\n---\n\n# B\n"
    assert open_deck(write_deck(tmp_path / "c", {"talk.md": broken}) / "talk.md") is None


FRONT = ["", "---\ntitle: Named\n---\n", "---\ntitle: Named\ntakeaways:\n  - one\n---\n",
         "---\nauthor: Me\ntheme: nord\n---\n", "---\ntitle: [bad\n---\n", "---\nmarp: true\n---\n",
         "---\nsub_title: S\ntitle: 'Q'\n---\n"]
CHUNKS = ["# First\n\ntext", "no title here", "<!-- notes: only notes -->", "", "```\n---\n```\n# In code",
          "layout: center\nclass: x", "# T\n\n<!-- pause -->\n\nmore", "Setext\n======", "text\n---",
          "<!-- comment\nover lines -->\n# After", "<!-- never closed", "# Z\n. . .\nstep", "~~~\nopen fence",
          "<!-- end_slide -->", "\n\n# Spaced\n\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(FRONT), st.lists(st.sampled_from(CHUNKS), min_size=1, max_size=8),
       st.sampled_from(["\n\n---\n\n", "\n---\n", "\n\n----\n"]))
def test_a_single_file_opening_is_the_start_of_the_whole_deck(tmp_path: Path, front, chunks, separator) -> None:
    """Whatever the file, the opening (when there is one) shows what the whole load shows first:
    the same deck information and the same first slides."""
    talk = tmp_path / "talk.md"
    talk.write_text(front + separator.join(chunks) + "\n", encoding="utf-8")
    opening = open_deck(talk)
    try:
        whole = load_presentation(talk).deck
    except PodiumError:
        return  # the opening may still paint: the whole load then reports the problem and exits
    if opening is None:
        return
    assert opening.info == whole.info and opening.info.where == whole.info.where
    assert Walk(opening).pages[0] == Walk(whole).pages[0]
    if opening.sections:
        shown_first = opening.sections[0]
        assert shown_first.title == whole.sections[0].title
        assert shown_first.slides == whole.sections[0].slides[:len(shown_first.slides)]


def test_a_long_single_file_with_an_error_at_its_end_paints_then_says_where_and_exits_2(tmp_path: Path) -> None:
    talk = write_deck(tmp_path, {"talk.md": "---\ntitle: Opens, then fails\n---\n\n" + _slides(2000)
                                 + "\n\n---\n\n# Last\n\n<!-- never closed\n"}) / "talk.md"
    line = talk.read_text(encoding="utf-8").count("\n")
    assert open_deck(talk) is not None  # painted from the opening; the problem is found after
    session = PtySession([sys.executable, "-m", "tui", str(talk)],
                         terminal_env(tmp_path, PODIUM_DATA_DIR=str(tmp_path / "data")), size=(120, 40))
    try:
        session.expect(b"never closed")
        wait_until(lambda: not session.alive(), timeout=20, message="podium did not exit")
    finally:
        session.close()
    seen = session.text()
    assert session.process.returncode == 2
    assert b"Opens, then fails" in seen  # the title page was on screen first
    assert f"talk.md:{line}:1: error: HTML comment '<!--' is never closed with '-->'".encode() in seen


async def test_the_whole_deck_replaces_the_opening_after_the_first_paint(guide) -> None:
    told: list[Presentation] = []
    opening = Presentation(open_deck(bundled_deck()))
    app = build_app(opening, complete=lambda: load_presentation(bundled_deck()), loaded=told.append)
    assert app.loading
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        await settle_until(pilot, lambda: bool(told), 10)
        await pilot.pause()
        assert len(told) == 1 and not app.loading
        assert app.presentation is told[0]
        assert len(screen.walk) == len(Walk(guide.deck)) == 47
        assert "1/47" in shown(screen.query_one(StatusBar), 120)
        await pilot.press("right")
        assert screen.position.page == 1
        assert "2/47" in shown(screen.query_one(StatusBar), 120)


async def test_a_deck_that_fails_to_load_after_the_opening_exits_with_its_problems() -> None:
    problem = Problem("slides/02.md", 3, 7, "quiz bank 'nope.yaml' does not exist")

    def complete() -> Presentation:
        raise PodiumError([problem])

    app = build_app(Presentation(open_deck(bundled_deck())), complete=complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: not app.is_running, 10)
    assert app.return_code == 2
    assert app.load_problems == [problem]


async def test_the_status_line_says_the_count_is_not_known_while_loading() -> None:
    app = build_app(Presentation(open_deck(bundled_deck())), complete=lambda: load_presentation(bundled_deck()))
    app.finish_loading = lambda: None  # type: ignore[method-assign]  # hold the opening
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: " 1/… " in shown(app.screen.query_one(StatusBar), 120))


def test_podium_on_a_broken_deck_says_where_and_exits_2(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", {"deck.yaml": "title: Opens, then fails\n",
                                          "slides/01-one.md": "---\nquiz: nope.yaml\n---\n# A\n"})
    session = PtySession([sys.executable, "-m", "tui", str(deck)],
                         terminal_env(tmp_path, PODIUM_DATA_DIR=str(tmp_path / "data")), size=(120, 40))
    try:
        session.expect(b"does not exist")
        wait_until(lambda: not session.alive(), timeout=20, message="podium did not exit")
    finally:
        session.close()
    seen = session.text()
    assert session.process.returncode == 2
    assert b"01-one.md:2:7: error: quiz bank 'nope.yaml' does not exist" in seen


# -- deck.yaml read as the full load reads it, and without PyYAML when it is plain ------------

SCALARS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["2026", "true", "no", "~", "null", "1e3", "0x1F", ".inf", "- item", "[a, b]", "{a: 1}",
                     "a: b", "a #b", "#x", "'quoted'", '"quoted"', "'it''s'", '"a \\" b"', "'bad ' quote'",
                     "&anchor", "*alias", "!tag x", "|", ">", "%x", "@x", "`x`", "70%", "0.7", "150%"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["title", "subtitle", "author", "date", "theme", "pass_mark", "other"]),
                          SCALARS, st.sampled_from(["", '"', "'"])), max_size=6),
       st.booleans())
def test_the_opening_reads_deck_yaml_as_the_whole_load_does(tmp_path: Path, entries, comment) -> None:
    lines = ["# a deck"] if comment else []
    for key, value, quote in entries:
        lines.append(f"{key}: {quote}{value}{quote}")
    deck = write_deck(tmp_path / "d", {"deck.yaml": "\n".join(lines) + "\n", "slides/01-a.md": "# A slide\n"})
    opening = open_deck(deck)
    try:
        whole = load_deck(deck)
    except PodiumError:
        assert opening is None, lines  # a deck.yaml with a mistake has no opening: the full load reports it
        return
    assert opening is not None, lines
    if opening.info.title:
        assert opening.info == whole.info and opening.info.where == whole.info.where, lines


PROBE_YAML = """
import sys
from pathlib import Path
from tui.domain.opening import open_deck
opening = open_deck(Path(sys.argv[1]))
print(opening.info.title if opening else None)
print("yaml" in sys.modules)
"""


def opened_without_pyyaml(deck: Path) -> tuple[str, bool]:
    """The opening's title in a fresh interpreter, and whether PyYAML was imported for it."""
    import subprocess

    completed = subprocess.run([sys.executable, "-c", PROBE_YAML, str(deck)], capture_output=True, text=True,
                               cwd=ROOT, timeout=60, check=True)
    title, imported = completed.stdout.split("\n")[:2]
    return title, imported == "True"


def test_a_plain_deck_yaml_or_front_matter_opens_without_importing_pyyaml(tmp_path: Path) -> None:
    assert opened_without_pyyaml(bundled_deck()) == ("China's Open-Weight AI Labs in 2026", False)
    single = tmp_path / "talk.md"
    single.write_text("---\ntitle: 'A talk: in one file'\nsub_title: presenterm's spelling\n---\n# One\n",
                      encoding="utf-8")
    assert opened_without_pyyaml(single) == ("A talk: in one file", False)
    # What only YAML can read is read by YAML, and still opens on its title page.
    deck = write_deck(tmp_path / "d", {"deck.yaml": 'title: "with \\"escapes\\""\n', "slides/01-a.md": "# A\n"})
    assert opened_without_pyyaml(deck) == ('with "escapes"', True)


class HeapLog:
    """The garbage collector's controls as the app calls them, recorded instead of run (the test
    process runs many apps: freezing its heap would keep every earlier test's garbage). `enabled`
    is the state `gc.isenabled` reports: off, as the CLI leaves it for the start-up, or on."""

    def __init__(self, monkeypatch, *, enabled: bool = True) -> None:  # type: ignore[no-untyped-def]
        import gc

        self.calls: list[str] = []
        self.enabled = enabled
        monkeypatch.setattr(gc, "collect", lambda *args: self.calls.append("collect") or 0)
        monkeypatch.setattr(gc, "freeze", lambda: self.calls.append("freeze"))
        monkeypatch.setattr(gc, "unfreeze", lambda: self.calls.append("unfreeze"))
        monkeypatch.setattr(gc, "enable", lambda: self._switch(True))
        monkeypatch.setattr(gc, "disable", lambda: self._switch(False))
        monkeypatch.setattr(gc, "isenabled", lambda: self.enabled)

    def _switch(self, on: bool) -> None:
        # The loading thread pauses the collector around each YAML file and restores it: that is
        # the state it finds, not a call of the app's, so only the main thread's are recorded.
        if threading.current_thread() is threading.main_thread():
            self.calls.append("enable" if on else "disable")
        self.enabled = on


async def test_the_heap_is_frozen_once_after_the_whole_deck_is_loaded(monkeypatch) -> None:
    """With `freeze_heap` on (the CLI's), the garbage of the start-up is collected and what is
    left frozen, once, after the whole deck is loaded; not before it, nor again after a move."""
    heap = HeapLog(monkeypatch)
    loaded: list[Presentation] = []
    app = build_app(Presentation(open_deck(bundled_deck())),
                    complete=lambda: load_presentation(bundled_deck()), loaded=loaded.append)
    app.freeze_heap = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: bool(loaded or heap.calls), 10)
        assert loaded, f"the heap was touched while the deck was still loading: {heap.calls}"
        await settle_until(pilot, lambda: heap.calls == ["unfreeze", "collect", "freeze"])
        await pilot.press("right")
        await pilot.pause(0.2)  # time to freeze again, which it must not
        assert heap.calls == ["unfreeze", "collect", "freeze"]


async def test_the_collector_off_for_the_start_up_is_back_on_after_the_first_frame(monkeypatch) -> None:
    """The CLI starts the app with the collector off: it stays off until the first page is
    painted, then the start-up's objects are set aside and it is on again, before the rest of
    the deck loads; once loaded they are collected with the rest and the heap frozen."""
    heap = HeapLog(monkeypatch, enabled=False)
    painted = PresenterScreen.on_slide_view_first_paint

    def first_paint(screen: PresenterScreen) -> None:
        heap.calls.append(f"first paint, collector {'on' if heap.enabled else 'off'}")
        painted(screen)

    monkeypatch.setattr(PresenterScreen, "on_slide_view_first_paint", first_paint)
    loaded: list[Presentation] = []

    def complete() -> Presentation:
        heap.calls.append(f"loading, collector {'on' if heap.enabled else 'off'}")
        return load_presentation(bundled_deck())

    app = build_app(Presentation(open_deck(bundled_deck())), complete=complete, loaded=loaded.append)
    app.freeze_heap = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: bool(loaded), 10)
        await settle_until(pilot, lambda: heap.calls[-1:] == ["freeze"] and len(heap.calls) >= 7)
        assert heap.calls == ["first paint, collector off", "freeze", "enable", "loading, collector on",
                              "unfreeze", "collect", "freeze"]


async def test_the_collector_is_back_on_even_when_no_presenter_is_painted(monkeypatch) -> None:
    """Study mode shows a quiz, not the presenter: the app turns the collector on by itself."""
    from tui.ui import app as app_module

    monkeypatch.setattr(app_module, "RESUME_COLLECTOR_BY", 0.05)
    guide = load_presentation(bundled_deck())
    heap = HeapLog(monkeypatch, enabled=False)
    app = build_app(guide, study=[0])
    app.freeze_heap = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: heap.calls == ["freeze", "enable"])


async def test_a_deck_loaded_whole_from_the_start_freezes_after_its_first_paint(guide, monkeypatch) -> None:
    heap = HeapLog(monkeypatch)
    app = build_app(guide)
    app.freeze_heap = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: heap.calls == ["unfreeze", "collect", "freeze"])


async def test_an_app_not_run_by_the_cli_never_touches_the_collector(guide, monkeypatch) -> None:
    """Not after its first paint, nor when the app's own fallback timer fires."""
    from tui.ui import app as app_module

    monkeypatch.setattr(app_module, "RESUME_COLLECTOR_BY", 0.05)  # fires within the wait below
    heap = HeapLog(monkeypatch, enabled=False)
    async with build_app(guide).run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert heap.calls == [] and not heap.enabled


def test_the_cli_runs_the_presenter_with_the_collector_off_and_turns_it_on_after(monkeypatch) -> None:
    """The presenter is run with the collector off (the app turns it on after its first frame)
    and the heap to freeze; the CLI leaves the collector on when it returns, however it returns."""
    import gc

    from tui.cli import common, main
    from tui.ui.app import PodiumApp

    ran: list[tuple[PodiumApp, bool]] = []
    monkeypatch.setattr(PodiumApp, "run", lambda app, *args, **kwargs: ran.append((app, gc.isenabled())))
    monkeypatch.setattr(common, "without_terminal", lambda: False)  # pytest's streams are no terminal
    for extra in ([], ["--slide", "3"]):  # --slide loads the whole deck before the app runs
        monkeypatch.setattr(sys, "argv", ["podium", str(bundled_deck()), "--no-history", *extra])
        assert main() == 0
        app, collecting = ran.pop()
        assert app.freeze_heap and not collecting
        assert gc.isenabled()
    assert main([str(bundled_deck()), "--theme", "no-such-theme"]) == 2
    assert gc.isenabled() and ran == []
