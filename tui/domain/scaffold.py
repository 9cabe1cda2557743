"""`podium new`: a small working deck to start from, and new numbered sections for a deck."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tui.domain.errors import PodiumError, Problem

SCHEMA_LINE = "# yaml-language-server: $schema={schema}\n"

DECK_YAML = """\
title: {title}
subtitle: A podium deck
author: You
pass_mark: 70%
"""

WELCOME = """\
---
title: Welcome
takeaways:
  - A deck is a folder of Markdown files, one per section
  - Each section ends with its takeaways, then its quiz
---

# Welcome to {title}

- Slides are Markdown, split on a `---` line
- Press **→** for the next slide, **?** for every key

<!-- notes:
Speaker notes live in comments like this one. Press s to see them while rehearsing,
or run `podium notes` in a second terminal.
-->

---

# Reveal step by step

First this.

<!-- pause -->

- then this, on the next key press

<!-- notes: A pause comment splits a slide into steps. -->

---

# Code and tables

```python
def greet(name: str) -> str:
    return f"Hello, {{name}}!"
```

| Key | Does |
| --- | --- |
| → | next |
| ← | back |

<!-- notes: Code is highlighted; tables are drawn as tables. -->
"""

NEXT_STEPS = """\
---
title: Next steps
takeaways:
  - podium check finds every mistake, with its line
  - podium --watch redraws the slides as you edit them
quiz: false
---

# Next steps

1. Edit `slides/01-welcome.md` and its quiz in `quizzes/01-welcome.yaml`
2. Add a section: `podium new section "My topic"`
3. Check the deck: `podium check`

<!-- notes: The authoring guide lists every key and every check. -->
"""

BANK = """\
{schema_line}title: Welcome quiz
shuffle: true
questions:
  - id: one-file-per-section
    type: single
    prompt: What is one Markdown file of a deck?
    choices: [A section, A slide, A quiz]
    answer: A section
    explanation: A deck is a folder of Markdown files, one per section.
  - id: what-ends-a-section
    type: multiple
    prompt: What comes at the end of each section?
    choices: [Its takeaways, Its quiz, A blank page, The title slide]
    answer: [Its takeaways, Its quiz]
    explanation: Each section ends with its takeaways, then its quiz.
  - id: notes-hidden
    type: true_false
    prompt: Speaker notes are shown on the slide.
    answer: false
    explanation: Notes live in comments; they show in the notes panel and the speaker view only.
  - id: separator
    type: short
    prompt: Which line splits two slides? (three characters)
    answer: ["---"]
    explanation: A line of three dashes, with blank lines around it.
  - id: slides-in-welcome
    type: numeric
    prompt: How many slides does the Welcome section have?
    answer: 3
    hint: Count the headings.
    explanation: Welcome, Reveal step by step, Code and tables.
  - id: loop
    type: order
    prompt: Put an author's loop in order.
    choices: [Edit a slide, Run podium check, Present it]
    explanation: Write, check, then present.
"""

SECTION = """\
---
title: {title}
takeaways:
  - The first thing to remember about {title}
  - The second thing
---

# {title}

- A first point
- A second point

<!-- notes: What to say on this slide. -->
"""

SECTION_BANK = """\
{schema_line}title: {title}
questions:
  - id: first-point
    type: true_false
    prompt: This section makes a first point.
    answer: true
    explanation: Replace this question with one about {title}.
"""


def slug(name: str) -> str:
    """A file-name stem from a section name: lowercase words joined by dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words) or "section"


def _refuse_existing(paths: list[Path]) -> None:
    existing = [path for path in paths if path.exists()]
    if existing:
        raise PodiumError([Problem(str(path), 1, 1, "already exists; podium new never overwrites a file")
                           for path in existing])


def new_deck(directory: Path, schema: str | None = None) -> list[Path]:
    """Write a small working deck into `directory` (made if needed); return the files written."""
    title = directory.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "New Deck"
    schema_line = SCHEMA_LINE.format(schema=schema) if schema else ""
    files = {
        directory / "deck.yaml": DECK_YAML.format(title=title),
        directory / "slides" / "01-welcome.md": WELCOME.format(title=title),
        directory / "slides" / "02-next-steps.md": NEXT_STEPS,
        directory / "quizzes" / "01-welcome.yaml": BANK.format(schema_line=schema_line),
    }
    _refuse_existing(list(files))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def new_section(directory: Path, name: str, schema: str | None = None) -> list[Path]:
    """Add the next numbered section file and its bank to the deck in `directory`."""
    slides = directory / "slides"
    if not slides.is_dir():
        raise PodiumError([Problem(str(directory), 1, 1, "not a deck: it has no slides/ folder "
                                   "(make one with: podium new DIR)")])
    if not name.strip():
        raise PodiumError([Problem(str(directory), 1, 1, "a section needs a name")])
    numbers = [int(match.group(1)) for path in slides.iterdir()
               if (match := re.match(r"^(\d+)", path.name))]
    number = max(numbers, default=0) + 1
    width = max(2, len(str(number)))
    stem = f"{number:0{width}d}-{slug(name)}"
    schema_line = SCHEMA_LINE.format(schema=schema) if schema else ""
    title = name.strip()
    quoted = title.replace('"', '\\"')
    files = {
        slides / f"{stem}.md": SECTION.format(title=title).replace(f"title: {title}\n", f'title: "{quoted}"\n', 1),
        directory / "quizzes" / f"{stem}.yaml": SECTION_BANK.format(schema_line=schema_line, title=quoted),
    }
    _refuse_existing(list(files))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
