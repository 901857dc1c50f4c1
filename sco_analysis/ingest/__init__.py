"""Ingest: a press release (English or Russian) becomes a reviewable draft record."""
