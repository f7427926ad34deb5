"""The game's rules: questions, generation, distractors, scoring, the session, explanations.

Owns what a quiz is and how an answer is judged: generating a reproducible quiz from a
validated bank (`generate`, `distractors`), reading and scoring answers (`scoring`), the
session state machine (`session`) and what the reveal explains (`explain`).

Imports `quiz.bank` and the base modules; never results, presentation, play, classroom or
CLI. Says nothing in words a screen shows: `quiz.present` does that.
"""
