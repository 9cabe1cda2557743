"""The checker's own warnings: what loads fine but is probably not what the author meant.

Loading already reports errors and the warnings the parser sees (a `---` read as a heading, a
misspelled notes keyword, unknown front matter keys). This adds the deck-wide ones.
"""

from __future__ import annotations

import json

from tui.domain.deckload import display_path
from tui.domain.errors import Problem
from tui.domain.loader import Presentation


def deck_warnings(presentation: Presentation) -> list[Problem]:
    """Sections without takeaways or quiz, banks no section uses, slides without a title."""
    deck = presentation.deck
    problems: list[Problem] = []
    for section in deck.sections:
        if not section.takeaways:
            problems.append(Problem(section.path, 1, 1, "this section has no takeaways "
                                    "(add a 'takeaways:' list to its front matter)", "warning"))
        if section.quiz_path is None and not section.quiz_disabled and len(deck.sections) > 1:
            problems.append(Problem(section.path, 1, 1, "this section has no quiz (add a bank in "
                                    "quizzes/ with the same name, or 'quiz: false' to say none is meant)",
                                    "warning"))
        for slide in section.slides:
            if not slide.title:
                problems.append(Problem(section.path, slide.line, 1,
                                        "this slide has no title (start it with a '# ' heading)", "warning"))
    used = {section.quiz_path.resolve() for section in deck.sections if section.quiz_path is not None}
    quizzes = deck.root / "quizzes"
    if quizzes.is_dir() and len(deck.sections) >= 1 and (deck.root / "slides").is_dir():
        for bank in sorted(quizzes.glob("*.y*ml")):
            if bank.suffix in (".yaml", ".yml") and bank.resolve() not in used:
                problems.append(Problem(display_path(bank), 1, 1,
                                        "no section uses this bank (name it like a slides/ file, or "
                                        "point a section's 'quiz:' at it)", "warning"))
    return problems


def problems_json(problems: list[Problem]) -> str:
    """One JSON object per line, for editors and CI."""
    return "\n".join(json.dumps({"path": p.path, "line": p.line, "col": p.col, "severity": p.severity,
                                 "message": p.message}, ensure_ascii=False) for p in problems)
