"""Starting a section's quiz the same way everywhere: offer to resume, record, show results.

The presenter and study mode both call `start_section_quiz`; it pushes the screens and calls
`done` with the result once the learner has read it (None when the quiz was not taken).
"""

from __future__ import annotations

from typing import Callable

from textual.app import App

from tui.domain.learner import Learner
from tui.domain.loader import Presentation
from tui.domain.quizrun import QuizResult, QuizRun

Done = Callable[[QuizResult | None], None]


def section_seed(seed: int, section: int) -> int:
    """Each section's own shuffle, all fixed by the one seed shown to the learner."""
    return seed * 100 + section


def prepare_section_quiz(app: App, presentation: Presentation, learner: Learner, section: int,
                         seed: int) -> None:
    """Get a section's quiz ready while its quiz page is on screen, so Enter only shows it."""
    from tui.ui.screens import quiz, reader, results  # noqa: F401  (imported ahead of Enter)


def start_section_quiz(app: App, presentation: Presentation, learner: Learner, section: int,
                       seed: int, done: Done) -> None:
    """Run a section's quiz: resume a half-taken one if the learner wants, then show results."""
    from tui.ui.screens.resume import ResumeScreen

    bank = presentation.banks[section]
    deck = presentation.deck
    title = bank.title or deck.sections[section].title
    pass_mark = deck.info.pass_mark
    left = learner.leftover(section, bank)
    resumed = learner.resume(left, bank, title, pass_mark) if left is not None else None

    def launch(run: QuizRun, attempt_id: int | None) -> None:
        from tui.ui.screens.quiz import QuizScreen
        from tui.ui.screens.reader import SectionReader
        from tui.ui.screens.results import ResultsScreen

        recorder = learner.recorder(section, deck.sections[section].title, run, attempt_id)

        def finished(result: QuizResult | None) -> None:
            if result is None:
                done(None)
                return
            if run.finished:
                message = recorder.finished()
                if message:
                    app.notify(message, severity="warning", markup=False)
            app.push_screen(ResultsScreen(result, seed), lambda _: done(result))

        reader = lambda _index: SectionReader(deck, section)  # noqa: E731
        app.push_screen(QuizScreen(run, recorder=recorder, reader=reader), finished)

    if resumed is None or left is None:
        launch(QuizRun(bank, title, pass_mark, seed=section_seed(seed, section)), None)
        return

    def chosen(resume: bool | None) -> None:
        if resume is None:
            done(None)
        elif resume:
            launch(resumed, left.attempt_id)
        else:
            message = learner.abandon(left)
            if message:
                app.notify(message, severity="warning", markup=False)
            launch(QuizRun(bank, title, pass_mark, seed=section_seed(seed, section)), None)

    app.push_screen(ResumeScreen(title, len(left.answers), len(left.asked)), chosen)
