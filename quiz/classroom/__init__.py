"""Classroom sessions: protocol, host and client over newline-delimited JSON on TCP."""
