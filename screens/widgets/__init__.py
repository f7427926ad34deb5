"""Reusable widgets: figure card, log-scale chart, progress header."""
