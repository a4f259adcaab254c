"""``sectorpath serve``: start the local web dashboard."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the main command line."""
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="address to bind; the default serves this machine "
                                      "only")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = DEFAULT_PORT,
    sweeps: Annotated[Path | None, typer.Option(help="folder of ensemble sweeps, drawn as fan "
                                                "charts")] = None,
) -> None:
    """Start the dashboard at http://HOST:PORT (stop with Ctrl+C)."""
    try:
        import uvicorn

        from sectorpath.dashboard.app import LOCAL_HOSTS, create_app
    except ImportError as error:
        typer.echo(f"error: the dashboard needs FastAPI, Jinja2 and uvicorn ({error}); "
                   "pip install fastapi jinja2 uvicorn xlsxwriter", err=True)
        raise typer.Exit(code=2) from None
    hosts = LOCAL_HOSTS if _is_loopback(host) else ["*"]
    if hosts == ["*"]:
        typer.echo(f"warning: serving on {host}: other machines can reach the dashboard",
                   err=True)
    typer.echo(f"sectorpath dashboard on {url(host, port)} (Ctrl+C stops it)")
    uvicorn.run(create_app(sweeps_dir=sweeps, allowed_hosts=hosts, warm_all=True), host=host,
                port=port, log_level="warning")


def url(host: str, port: int) -> str:
    """The dashboard's address; an IPv6 host goes in brackets (http://[::1]:8050/)."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
