"""Ingest: any case bundle into a workspace, cleanly, with nothing lost."""
