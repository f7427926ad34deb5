"""Classroom screens: the teacher's projector view (host) and the student's view (join)."""
