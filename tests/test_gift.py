"""GIFT import and export: every question type, every loss reported, and the round trip.

Every bank an import produces is checked through the real loader (`parse_bank` on the YAML
`dump_bank` writes), so a converted file always opens in podium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.bankwrite import QUESTION_ORDER, dump_bank, validate_question
from tui.domain.errors import Problem, ProblemLog
from tui.domain.gift import BLANK, escape, export_gift, html_to_text, import_gift, slugify
from tui.domain.quizbank import QuizBank, load_bank, parse_bank

GIFT = Path(__file__).parent / "fixtures" / "gift"
BASICS = Path(__file__).parent / "fixtures" / "every-type" / "quizzes" / "01-basics.yaml"


def read(name: str) -> tuple[dict, list[Problem]]:
    return import_gift((GIFT / name).read_text(encoding="utf-8"), name)


def loads(data: dict) -> QuizBank:
    """The bank as podium loads it from the YAML the importer's data is written as."""
    log = ProblemLog()
    bank = parse_bank(dump_bank(data), "x.yaml", log)
    assert not log.errors, log.errors
    assert bank is not None
    return bank


def found(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(problem.line, problem.severity) for problem in problems]


def assert_problems(problems: list[Problem], expected: list[tuple[int, str, str]]) -> None:
    """Exactly these problems, in order: (line, severity, a fragment of the message)."""
    assert found(problems) == [(line, severity) for line, severity, _ in expected], \
        [problem.describe() for problem in problems]
    for problem, (_, _, fragment) in zip(problems, expected):
        assert fragment in problem.message, problem.describe()


# -- a clean file: every type converts, nothing is lost -----------------------------------------

EVERY_TYPE = [
    {"id": "capital-of-france", "type": "single", "prompt": "What is the capital of France?",
     "choices": ["Paris", "Lyon", "Marseille"], "answer": "Paris",
     "explanation": "Paris has been the capital for over a thousand years. It is also the largest city in France."},
    {"id": "rhine-countries", "type": "multiple", "prompt": "Which countries does the Rhine flow through?",
     "choices": ["Germany", "Switzerland", "Spain", "Portugal"], "answer": ["Germany", "Switzerland"]},
    {"id": "three-oceans", "type": "multiple", "prompt": "Which of these are oceans?",
     "choices": ["Atlantic", "Pacific", "Indian", "Caspian"], "answer": ["Atlantic", "Pacific", "Indian"]},
    {"id": "q4", "type": "true_false", "prompt": "The Danube flows into the Black Sea.", "answer": True},
    {"id": "nile", "type": "true_false", "prompt": "The Nile flows north.", "answer": True,
     "explanation": "Right: it ends in the Mediterranean."},
    {"id": "everest", "type": "true_false", "prompt": "Mount Everest is in the Alps.", "answer": False,
     "explanation": "It is in the Himalayas."},
    {"id": "longest-river", "type": "short", "prompt": "Name the longest river in South America.",
     "answer": ["Amazon", "the Amazon"], "explanation": "Yes, the Amazon."},
    {"id": "seven-times-eight", "type": "numeric", "prompt": "What is 7 × 8?", "answer": 56},
    {"id": "pi", "type": "numeric", "prompt": "Give pi to two decimal places.", "answer": 3.14, "tolerance": 0.005},
    {"id": "small-number", "type": "numeric", "prompt": "Name any whole number from 1 to 5.", "answer": [1, 5]},
    {"id": "continents", "type": "numeric", "prompt": "How many continents are there?", "answer": 7,
     "explanation": "Seven, counting both Americas."},
    {"id": "missing-word", "type": "single", "prompt": f"The capital of Japan is {BLANK} and its largest city too.",
     "choices": ["Tokyo", "Kyoto", "Osaka"], "answer": "Tokyo"},
    {"id": "symbols", "type": "single", "prompt": 'Which symbol means "approximately", as in π ~ 3.14?\nPick one.',
     "choices": ["~", "=", "#", "{ }", "\\"], "answer": "~", "explanation": "Yes: a tilde."},
    {"id": "capital-of-spain", "type": "single", "prompt": "What is the capital of Spain & its largest city?",
     "choices": ["Madrid", "Barcelona"], "answer": "Madrid"},
    {"id": "largest-country", "type": "single", "prompt": "What is the **largest** country by area?",
     "choices": ["Russia", "Canada", "China"], "answer": "Russia"},
    {"id": "two-lines", "type": "single", "prompt": "Look at a map of Australia.\nWhich city is its capital?",
     "choices": ["Canberra", "Sydney", "Melbourne"], "answer": "Canberra"},
    {"id": "capital", "type": "single", "prompt": "What is the capital of Peru?", "choices": ["Lima", "Cusco"],
     "answer": "Lima"},
    {"id": "capital-2", "type": "single", "prompt": "What is the capital of Chile?",
     "choices": ["Santiago", "Valparaíso"], "answer": "Santiago"},
    {"id": "ice", "type": "short", "prompt": 'Name a country whose name starts with "Ice".', "pattern": "Ice.*"},
]


def test_every_type_converts_exactly_and_without_problems() -> None:
    data, problems = read("every-type.gift")
    assert problems == []
    assert data["title"] == "Geography and arithmetic"
    assert data["questions"] == EVERY_TYPE
    bank = loads(data)
    assert bank.title == "Geography and arithmetic"
    assert [question.id for question in bank.questions] == [question["id"] for question in EVERY_TYPE]
    small = bank.questions[9]
    assert (small.low, small.high) == (1, 5)
    pi = bank.questions[8]
    assert pi.low == pytest.approx(3.135) and pi.high == pytest.approx(3.145)
    assert bank.questions[-1].pattern == "Ice.*"


def test_questions_keep_podium_key_order() -> None:
    data, _ = read("every-type.gift")
    for question in data["questions"]:
        keys = list(question)
        assert keys == [key for key in QUESTION_ORDER if key in question]


# -- lossy conversions: kept, with a warning at the question's line ------------------------------

LOSSY = [
    (4, "warning", "weights evened out: each of the 2 right choices now earns 50% (the file gives 70%, 30%)"),
    (10, "warning", "wrong choices now cost -50% each"),
    (16, "warning", "weights dropped: 'Sydney' (50%), 'Perth' (-25%) now count as plain wrong choices"),
    (22, "warning", "feedback on 'Toronto' (line 24) is lost"),
    (28, "warning", "feedback on the answer False (line 28) is lost"),
    (30, "warning", "partial-credit answer 'Mediterranean' (50%, line 32) dropped"),
    (35, "warning", "answer 'Rio de Janeiro' (0%, line 37) dropped"),
    (35, "warning", "feedback on 'Rio de Janeiro' (line 37) is lost"),
    (40, "warning", "only the 100% answer 6 is kept"),
    (45, "warning", "feedback on any other number (line 45) is lost"),
    (47, "warning", "category 'Another category' ignored"),
    (49, "warning", "1 image left out"),
]


def test_lossy_conversions_are_each_reported_with_their_line() -> None:
    data, problems = read("lossy.gift")
    assert_problems(problems, LOSSY)
    assert all(problem.path == "lossy.gift" and problem.col == 1 for problem in problems)
    loads(data)


def test_lossy_conversions_keep_what_podium_can_hold() -> None:
    data, _ = read("lossy.gift")
    by_id = {question["id"]: question for question in data["questions"]}
    assert data["title"] == "Lossy geography"
    assert by_id["uneven"]["answer"] == ["Norway", "Finland"]
    assert by_id["free-wrongs"]["answer"] == ["Iceland", "Malta"]
    assert by_id["partial-single"] == {
        "id": "partial-single", "type": "single", "prompt": "What is the capital of Australia?",
        "choices": ["Canberra", "Sydney", "Perth"], "answer": "Canberra"}
    assert by_id["wrong-feedback"]["explanation"] == "Right."
    assert by_id["true-with-feedback"]["explanation"] == "Correct."
    assert by_id["short-partial"]["answer"] == ["Adriatic"]
    assert by_id["short-wrong"]["answer"] == ["Brasília"]
    assert by_id["several-numbers"]["answer"] == 6
    assert by_id["other-numbers"] == {"id": "other-numbers", "type": "numeric", "prompt": "What is 12 × 12?",
                                      "answer": 144, "explanation": "Well done."}
    assert by_id["image"]["prompt"] == "Which country has this flag?"


# -- unsupported and malformed questions: left out, with an error at the question's line ---------

UNSUPPORTED = [
    (5, "error", "pair 'Spain' (line 7) is not written 'item -> match'"),
    (10, "error", "an essay question ({})"),
    (12, "error", "a description (text with no answer block"),
    (14, "error", "answer block '{' is never closed by '}'"),
    (16, "error", "'::title' is never closed"),
    (18, "error", "2 answers are worth 100% ('Madrid', 'Seville')"),
    (20, "error", "no right answer"),
    (22, "error", "'seven' (line 22) is not a number"),
    (24, "error", "range 5..1 (line 24) is backwards"),
    (26, "error", "answer '4' is given twice (line 26)"),
    (28, "error", "an empty answer (line 28)"),
    (30, "error", "more than one answer block"),
    (32, "error", "question text is empty"),
    (34, "error", "no answer is worth 100%"),
    (36, "error", "no numerical answer is worth 100%"),
    (38, "error", "weight 150% (line 38) is outside -100% to 100%"),
    (40, "error", "text 'Sahara' before the first '=' or '~'"),
]


def test_unsupported_questions_are_left_out_and_each_reported() -> None:
    data, problems = read("unsupported.gift")
    assert_problems(problems, UNSUPPORTED)
    assert all(problem.message.startswith("question left out: ") for problem in problems)
    assert data == {"questions": [{"id": "good", "type": "numeric", "prompt": "What is 2 + 3?", "answer": 5}]}
    loads(data)


def test_nothing_converted_is_an_error_and_an_empty_bank() -> None:
    data, problems = import_gift("// only a comment\n\nJust some text.\n", "f.gift")
    assert data == {"questions": []}
    assert_problems(problems, [(1, "error", "no question could be imported"),
                               (3, "error", "a description")])


# -- details of the reading -------------------------------------------------------------------


def test_problem_column_is_where_the_question_starts() -> None:
    _, problems = import_gift("::ok:: Two? {#2}\n\n    ::bad:: Three? {#three}\n", "f.gift")
    assert [(p.line, p.col) for p in problems] == [(3, 5)]


def test_windows_line_endings_and_comments_inside_a_question() -> None:
    text = "::a:: Capital\r\n// a comment\r\nof Peru? {\r\n=Lima\r\n~Cusco}\r\n"
    data, problems = import_gift(text, "f.gift")
    assert problems == []
    assert data["questions"][0]["prompt"] == "Capital\nof Peru?"


def test_ids_from_titles_and_places() -> None:
    text = "::Été à Paris!:: Q? {T}\n\nQ? {F}\n\n::été à paris:: Q? {T}\n\n::!!!:: Q? {T}\n\n::q2:: Q? {T}"
    data, _ = import_gift(text, "f.gift")
    assert [q["id"] for q in data["questions"]] == ["ete-a-paris", "q2", "ete-a-paris-2", "q4", "q2-2"]
    assert slugify("A" * 60) == "a" * 48


@pytest.mark.parametrize("line, title", [
    ("$CATEGORY: $course$/top/Europe/Capitals", "Europe/Capitals"),
    ("$CATEGORY: Rivers", "Rivers"),
    ("$CATEGORY: Cities//Towns", "Cities/Towns"),
    ("$CATEGORY: $system$/top", None),
])
def test_category_becomes_the_title(line: str, title: str | None) -> None:
    data, problems = import_gift(f"{line}\n\n::a:: Q? {{T}}", "f.gift")
    assert problems == []
    assert data.get("title") == title


def test_category_line_directly_followed_by_a_question() -> None:
    data, problems = import_gift("$CATEGORY: Rivers\n::a:: Longest? {=Nile ~Thames}", "f.gift")
    assert problems == []
    assert data["title"] == "Rivers" and data["questions"][0]["id"] == "a"
    _, problems = import_gift("$CATEGORY: Rivers\n  ::b:: Shortest? {}", "f.gift")
    assert [(p.line, p.col) for p in problems if "essay" in p.message] == [(2, 3)]


def test_escapes_and_line_break() -> None:
    data, problems = import_gift(r"::a\:b:: Is 1\:2 \= 2\:4 \{ratio\}\nyes? {=\#1 \\ ok ~\~2}", "f.gift")
    assert problems == []
    question = data["questions"][0]
    assert question["id"] == "a-b"
    assert question["prompt"] == "Is 1:2 = 2:4 {ratio}\nyes?"
    assert question["choices"] == ["#1 \\ ok", "~2"]


def test_html_is_reduced_to_safe_plain_text() -> None:
    text, images = html_to_text("<p>A&lt;B &amp; C</p><script>alert(1)</script><br>x&#27;[31m y<img src=a>")
    assert text == "A<B & C\nx[31m y"
    assert images == 1
    assert "\x1b" not in text


def test_html_answers_and_feedback_lose_their_tags() -> None:
    data, problems = import_gift("::a::[html]<b>Pick</b> one {=<i>Rome</i>#<p>Yes</p> ~Bern}", "f.gift")
    assert problems == []
    assert data["questions"][0]["choices"] == ["Rome", "Bern"]
    assert data["questions"][0]["explanation"] == "Yes"


def test_missing_word_with_other_types() -> None:
    text = "The Sun {T} a star.\n\nA week has {#7} days.\n\nThe Thames flows through {=London} city."
    data, problems = import_gift(text, "f.gift")
    assert problems == []
    assert [(q["type"], q["prompt"]) for q in data["questions"]] == [
        ("true_false", f"The Sun {BLANK} a star."),
        ("numeric", f"A week has {BLANK} days."),
        ("short", f"The Thames flows through {BLANK} city."),
    ]


def test_short_answer_without_equals_and_tf_words_are_case_sensitive() -> None:
    # As in Moodle: `{Paris}` is a short answer, and only T, TRUE, F, FALSE are true/false.
    data, _ = import_gift("Capital of France? {Paris}\n\nSay yes. {true}", "f.gift")
    assert [(q["type"], q["answer"]) for q in data["questions"]] == [("short", ["Paris"]), ("short", ["true"])]


def test_numbers_forms() -> None:
    text = "A {#-2.5}\n\nB {#-5..-1}\n\nC {#1e3:10}\n\nD {#=%100%4:0.5#right ~#wrong}"
    data, problems = import_gift(text, "f.gift")
    answers = [(q["answer"], q.get("tolerance")) for q in data["questions"]]
    assert answers == [(-2.5, None), ([-5, -1], None), (1000, 10), (4, 0.5)]
    assert_problems(problems, [(7, "warning", "feedback on any other number (line 7) is lost")])


# -- export ----------------------------------------------------------------------------------


def roundtrip(text: str) -> tuple[QuizBank, str, QuizBank, list[Problem]]:
    data, problems = import_gift(text, "in.gift")
    assert not [p for p in problems if p.severity == "error"]
    bank = loads(data)
    exported = export_gift(bank)
    again, problems_again = import_gift(exported, "out.gift")
    return bank, exported, loads(again), problems_again


def test_roundtrip_keeps_every_question() -> None:
    bank, _, again, problems = roundtrip((GIFT / "every-type.gift").read_text(encoding="utf-8"))
    assert problems == []
    assert again.title == bank.title
    assert len(again.questions) == len(bank.questions)
    for before, after in zip(bank.questions, again.questions):
        assert (after.id, after.type, after.prompt, after.choices, after.correct, after.truth,
                after.pattern, after.explanation) == \
               (before.id, before.type, before.prompt, before.choices, before.correct, before.truth,
                before.pattern, before.explanation)
        assert (after.low, after.high) == (pytest.approx(before.low), pytest.approx(before.high))


def weights(text: str) -> dict[str, str]:
    """Each weighted answer's text and its weight as written."""
    return {answer: weight for weight, answer in re.findall(r"~%(-?[\d.]+)%([^\s~=#}]+)", text)}


@pytest.mark.parametrize("block", [
    "~%100%Nile ~%-100%Thames",
    "~%50%Rhine ~%50%Danube ~%-50%Seine",
    "~%33.33333%Oslo ~%33.33333%Bergen ~%33.33333%Tromsø ~%-33.33333%Turku",
    "~%25%Mercury ~%25%Venus ~%25%Earth ~%25%Mars ~%-25%Moon ~%-25%Titan",
    "~%20%A1 ~%20%A2 ~%20%A3 ~%20%A4 ~%20%A5 ~%-20%B1",
    "~%16.66667%C1 ~%16.66667%C2 ~%16.66667%C3 ~%16.66667%C4 ~%16.66667%C5 ~%16.66667%C6 ~%-16.66667%D",
])
def test_roundtrip_keeps_weights_of_the_even_shape(block: str) -> None:
    text = f"::rivers:: Which ones? {{{block}}}"
    bank, exported, again, problems = roundtrip(text)
    assert problems == []
    assert weights(exported) == weights(text)
    assert again.questions[0].correct == bank.questions[0].correct
    assert again.questions[0].choices == bank.questions[0].choices


def test_export_writes_gift_a_reader_expects() -> None:
    data, _ = read("every-type.gift")
    exported = export_gift(loads(data))
    assert "$CATEGORY: Geography and arithmetic\n" in exported
    assert "::capital-of-france:: What is the capital of France? {\n\t=Paris\n\t~Lyon\n\t~Marseille\n" in exported
    assert "::nile:: The Nile flows north. {TRUE####Right\\: it ends in the Mediterranean.}" in exported
    assert "::pi:: Give pi to two decimal places. {#3.14:0.005}" in exported
    assert "::small-number:: Name any whole number from 1 to 5. {#3:2}" in exported
    assert "::missing-word:: The capital of Japan is {\n" in exported
    assert "} and its largest city too." in exported
    assert "\t=\\~\n\t~\\=\n\t~\\#\n\t~\\{ \\}\n\t~\\\\\n" in exported
    assert "::capital-of-spain:: [plain]What is the capital" in exported
    assert "::ice:: Name a country whose name starts with \"Ice\". {\n\t=Ice*\n}" in exported


def test_export_reports_what_gift_cannot_hold() -> None:
    log = ProblemLog()
    bank = load_bank(BASICS)
    exported = export_gift(bank, log)
    assert "// boil: its hint is not kept: GIFT has no hints" in exported
    assert "// question 'order' not exported: order questions have no GIFT equivalent" in exported
    assert [(p.line, p.severity) for p in log.problems] == [(5, "warning"), (33, "warning")]
    again, problems = import_gift(exported, "basics.gift")
    assert problems == []
    assert [q["id"] for q in again["questions"]] == ["boil", "sun", "inner", "third", "count"]


def test_export_notes_scoring_points_patterns_and_arrows() -> None:
    yaml_text = """
questions:
  - {id: all, type: multiple, prompt: P, choices: [a, b, c], answer: [a, b], scoring: all_or_nothing, points: 2}
  - {id: pat, type: short, prompt: P, answer: [x], pattern: "[0-9]+"}
  - {id: only, type: short, prompt: P, pattern: "[0-9]+"}
  - {id: wild, type: short, prompt: P, pattern: "Ice.*|Green.*land"}
  - {id: arrow, type: short, prompt: P, answer: ["a->b", "c"]}
  - {id: odd, type: single, prompt: "[html] P", choices: ["%50%x", "[html]y"], answer: "%50%x", explanation: "[plain]z"}
"""
    log = ProblemLog()
    bank = parse_bank(yaml_text, "b.yaml", log)
    assert bank is not None and not log.problems
    exported = export_gift(bank, log)
    messages = [p.message for p in log.problems]
    assert messages == [
        "question 'all': all_or_nothing scoring is not kept: GIFT weights give partial credit",
        "question 'all': points: 2 is not kept: GIFT gives every question the default mark",
        "question 'pat': pattern '[0-9]+' is not kept: GIFT short answers know only the * wildcard",
        "question 'only' not exported: none of its accepted answers can be written in GIFT",
        "question 'arrow': answer 'a->b' is not kept: '->' in a GIFT short answer makes it a matching question",
    ]
    again, problems = import_gift(exported, "b.gift")
    assert problems == []
    by_id = {q["id"]: q for q in again["questions"]}
    assert by_id["wild"]["pattern"] == "Ice.*|Green.*land"
    assert by_id["arrow"]["answer"] == ["c"]
    assert by_id["odd"] == {"id": "odd", "type": "single", "prompt": "[html] P", "choices": ["%50%x", "[html]y"],
                            "answer": "%50%x", "explanation": "[plain]z"}


def test_escape() -> None:
    assert escape("a\\b~c=d#e{f}g:h\ni") == "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h\\ni"


# -- dump_bank -------------------------------------------------------------------------------


def test_dump_bank_writes_the_schema_line_only_when_asked() -> None:
    data = {"questions": [{"prompt": "P?", "type": "true_false", "answer": True, "id": "a"}], "title": "T"}
    text = dump_bank(data, schema="../tui/schemas/quizbank.schema.json")
    assert text.splitlines()[:4] == ["# yaml-language-server: $schema=../tui/schemas/quizbank.schema.json",
                                     "title: T", "questions:", "  - id: a"]
    assert not dump_bank(data).startswith("#")
    assert "  - id: a\n    type: true_false\n    prompt: P?\n    answer: true\n" in text


def test_dump_bank_keeps_awkward_text_exact() -> None:
    awkward = ["yes", "no", "1.50", "2026-03-14", "#x", "- y", "a: b", "  ", "true", "null", "@z", "line\nbreak",
               "trailing \nspace", "*star", "'q'", '"dq"', "tab\there", "é ✓ 中"]
    data = {"questions": [{"id": "a", "type": "single", "prompt": "line one\nline two",
                           "choices": [text.strip() or "blank" for text in awkward], "answer": "yes"}]}
    bank = loads(data)
    assert bank.questions[0].choices == tuple(text.strip() or "blank" for text in awkward)
    assert bank.questions[0].prompt == "line one\nline two"


def test_validate_question_names_the_first_problem() -> None:
    assert validate_question({"id": "a", "type": "single", "prompt": "P", "choices": ["x"], "answer": "x"}) \
        == "too few choices: 1 given, at least 2 needed"
    assert validate_question({"id": "a", "type": "true_false", "prompt": "P", "answer": True}) is None


# -- never raises, and whatever it returns loads -----------------------------------------------

FRAGMENTS = ["::", "{", "}", "=", "~", "#", "####", "%50%", "%-50%", "%70%", "%100%", "->", "\\", "\\:",
             "\\n", ":", "..", "T", "TRUE", "F", "[html]", "[markdown]", "<p>", "<img>", "&amp;", "&#27;",
             "$CATEGORY:", "/", "//", "\n", "\n\n", " ", "a", "Paris", "3.14", "-2", "1e400", "*", BLANK,
             "nan", "0", "'", '"', "- ", "|", "\t", "\u2028", "é", "\ufdd0", "yes", "null"]
GIFTISH = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GIFTISH)
def test_import_gift_never_raises_and_what_it_returns_loads(text: str) -> None:
    data, problems = import_gift(text, "f.gift")
    assert isinstance(data, dict) and isinstance(problems, list)
    assert all(isinstance(problem, Problem) and problem.line >= 1 for problem in problems)
    if data["questions"]:
        assert len(loads(data).questions) == len(data["questions"])
    else:
        assert any(problem.severity == "error" for problem in problems)


def test_wildcard_answers_become_patterns_re2_reads() -> None:
    """Moodle's `*` becomes `.*` between escaped text; every escape Python's re.escape writes
    (spaces, `#`, `&`, `-`, `+`, `.`, brackets...) is one RE2 reads, so such a bank loads and grades."""
    from tui.domain.scoring import grade

    data, problems = import_gift("::w:: Name one {=C++ * \\# & -lover =Mr. * (the 2nd)}\n", "w.gift")
    assert problems == []
    log = ProblemLog()
    bank = parse_bank(dump_bank(data), "w.yaml", log)
    assert log.problems == [] and bank is not None
    (question,) = bank.questions
    assert grade(question, "c++ fan # & -lover").verdict == "right"
    assert grade(question, "MR. Smith (THE 2ND)").verdict == "right"
    assert grade(question, "Mrs Smith (the 2nd)").verdict == "wrong"
