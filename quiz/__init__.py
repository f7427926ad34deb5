"""The figures quiz: a terminal game that teaches people to read numbers in the news.

`quiz` (this package, less `quiz.screens`) is the engine and never imports Textual;
`quiz.screens` is the Textual UI; `quiz.questions` holds the shipped banks.
"""
