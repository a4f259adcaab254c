"""A local web dashboard over the engine: ``sectorpath serve`` (see docs/dashboard.md).

``create_app`` (in ``sectorpath.dashboard.app``) needs FastAPI, Jinja2 and, to serve,
uvicorn; the rest of sectorpath does not import this package.
"""
