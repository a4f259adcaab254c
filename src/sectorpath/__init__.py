"""sectorpath: net-zero transition pathways for the hard-to-abate sectors.

>>> import sectorpath
>>> results = sectorpath.run("steel", "baseline")   # doctest: +SKIP
>>> results.summary()                              # doctest: +SKIP
"""

__version__ = "0.1.0"

from sectorpath.api import run

__all__ = ["__version__", "run"]
