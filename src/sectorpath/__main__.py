"""``python -m sectorpath`` is the command line."""

from sectorpath.cli import app

app()
