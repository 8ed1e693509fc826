"""The version of copro-kg, written in this one place.

pyproject.toml reads it from here (hatch ``[tool.hatch.version]``), so importing copro_kg
needs no importlib.metadata look-up, and modules that stamp outputs (the cache, the site)
import it from here rather than from the package face.
"""

__all__ = ["__version__"]

__version__ = "0.2.0"
