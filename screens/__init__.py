"""The Textual UI, installed as `quiz.screens`. It lays out what the engine computes."""
