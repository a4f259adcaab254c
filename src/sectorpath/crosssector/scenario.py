"""Cross-sector scenario files: which scenario each sector runs and the shared resource caps.

```toml
name = "net-zero"
[sectors]                 # sector -> its built-in scenario name (or a path to a .toml)
steel = "carbon-cost"
[shared]
rule = "priority"         # a capped resource goes first to the sectors listed first
priority = ["steel", "ammonia"]
[shared.limits.hydrogen]  # world cap, PJ/yr: a published case of shared_resources.csv ...
case = "etc_2022"
[shared.limits.co2_storage]
path = { 2030 = 500, 2050 = 5000 }   # ... or a path of your own (Mt CO2/yr)
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sectorpath.errors import InputError
from sectorpath.scenarios.model import Path_, explain_validation_error
from sectorpath.sectors.base import SHARED_RESOURCE_UNITS

RESOURCE_UNITS = SHARED_RESOURCE_UNITS
BUILTIN_DIR = Path(__file__).parent / "scenarios"
"""Folder of the built-in cross-sector scenarios."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SharedLimit(_Strict):
    """A world cap: a published case of ``shared_resources.csv`` or an explicit path."""

    case: str | None = None
    path: Path_ | None = None

    @model_validator(mode="after")
    def _one_source(self) -> SharedLimit:
        if (self.case is None) == (self.path is None):
            raise ValueError("give exactly one of 'case' or 'path'")
        return self


class Shared(_Strict):
    rule: Literal["priority", "proportional"] = "priority"
    priority: list[str] = Field(default_factory=list)
    limits: dict[Literal["hydrogen", "electricity", "biomass", "co2_storage"], SharedLimit] = (
        Field(default_factory=dict))


class AllScenario(_Strict):
    name: str
    description: str = ""
    sectors: dict[str, str]
    shared: Shared = Field(default_factory=Shared)


def all_scenario_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))


def load_all_scenario(name_or_path: str | Path) -> AllScenario:
    """A built-in cross-sector scenario by name, or a user's file by path, validated."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = BUILTIN_DIR / f"{name_or_path}.toml"
        if not path.exists():
            raise InputError("command line", "scenario",
                             f"no built-in cross-sector scenario named {str(name_or_path)!r}",
                             allowed=[*all_scenario_names(), "a path to a .toml file"])
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(path, "scenario", "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "(file)", f"malformed TOML: {exc}") from None
    try:
        return AllScenario.model_validate(raw)
    except ValidationError as exc:
        raise explain_validation_error(path, exc, AllScenario) from None
