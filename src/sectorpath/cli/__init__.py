"""The command line: ``sectorpath run SECTOR --scenario NAME --out DIR`` and friends.

Each part of the package adds its own commands (``register(app)``) and shares one console
(``cli.console``). Modules are imported when a command runs, not when ``--help`` is shown.
"""

from __future__ import annotations

import typer

from sectorpath.alignment import cli as alignment_cli
from sectorpath.cli import run
from sectorpath.dashboard import cli as dashboard_cli
from sectorpath.ensemble import cli as ensemble_cli

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Net-zero transition pathways for the hard-to-abate sectors.")
for part in (run, dashboard_cli, ensemble_cli, alignment_cli):
    part.register(app)

__all__ = ["app"]
