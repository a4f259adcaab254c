"""Policy instruments as data: one table per policy in ``data/policies.toml``, validated."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from sectorpath.errors import InputError
from sectorpath.scenarios.model import Path_


class _Instrument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    source: str = Field(description="the legal text or decision it follows")
    region: str = Field("World", description="a region of the sector, or World (all)")
    coverage: float = Field(1.0, gt=0, le=1, description="share of the region's energy "
                            "(emissions, sales) the policy applies to")


class Goal(BaseModel):
    """What a policy is meant to deliver by a year: its region's well-to-wake GHG at least
    ``reduction`` below ``baseline``; the compliance table reports it met or the shortfall."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    source: str
    year: int = Field(ge=2020, le=2050)
    reduction: float = Field(gt=0, le=1, description="fraction below the baseline")
    baseline: float = Field(gt=0, description="Mt CO2e/yr well-to-wake of the policy's "
                            "region in the reference year")


class FuelStandard(_Instrument):
    """Well-to-wake GHG intensity at most reference x (1 - target) each year."""

    kind: Literal["fuel_standard"]
    reference: float = Field(gt=0, description="g CO2e/MJ")
    target: Path_ = Field(description="reduction vs the reference (fraction): the limit "
                          "(IMO: base target) from the first year given")
    price: Path_ = Field(description="USD per t CO2e above the limit (IMO tier 2), or per t "
                         "VLSFO-equivalent energy (basis 'vlsfo')")
    direct_target: Path_ | None = Field(None, description="IMO direct-compliance target, "
                                        "reduction (fraction)")
    direct_price: Path_ | None = Field(None, description="USD per t CO2e between the "
                                       "direct-compliance target and the limit (IMO tier 1)")
    surplus_price: Path_ | None = Field(None, description="USD per t CO2e of surplus units "
                                        "below the direct-compliance target (or the limit)")
    basis: Literal["co2e", "vlsfo"] = Field("co2e", description="'vlsfo': FuelEU's penalty "
                                            "per t of VLSFO-equivalent energy (41,000 MJ)")
    goal: Goal | None = Field(None, description="the emissions it is meant to deliver")


class BlendMandate(_Instrument):
    """A group of fuels at least ``share`` of their carrier's energy."""

    kind: Literal["blend_mandate"]
    fuels: list[str] = Field(min_length=1)
    share: Path_
    penalty_factor: float = Field(0.0, ge=0, description="x the price gap to fossil, per "
                                  "unit missing (ReFuelEU: 2)")


class SalesMandate(_Instrument):
    """A group of powertrains at least ``share`` of new sales."""

    kind: Literal["sales_mandate"]
    powertrains: list[str] = Field(min_length=1)
    share: Path_
    segments: list[str] = Field(default_factory=list, description="empty: all")


class VehicleStandard(_Instrument):
    """New-vehicle tailpipe CO2 per activity unit at most (1 - reduction) x the first year's."""

    kind: Literal["vehicle_standard"]
    reduction: Path_
    segments: list[str] = Field(default_factory=list, description="empty: all")
    penalty: float = Field(0.0, ge=0, description="USD per g CO2/unit of excess per new "
                           "vehicle (EU: EUR 4,250 per g CO2/tkm)")


class Offsetting(_Instrument):
    """Emissions above ``baseline_share`` x the first year's offset at ``price`` (CORSIA)."""

    kind: Literal["offsetting"]
    baseline_share: float = Field(gt=0, le=2)
    price: Path_ = Field(description="USD per t CO2 offset, from the first year given")
    until: int = Field(2050, description="last year of the scheme")


Policy = Annotated[FuelStandard | BlendMandate | SalesMandate | VehicleStandard | Offsetting,
                   Field(discriminator="kind")]
POLICY_KINDS = ("fuel_standard", "blend_mandate", "sales_mandate", "vehicle_standard",
                "offsetting")
_ADAPTER: TypeAdapter[dict[str, Policy]] = TypeAdapter(dict[str, Policy])


def load_policies(path: Path) -> dict[str, Policy]:
    """The policies a sector's ``policies.toml`` defines (none if the file is absent)."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "(file)", f"malformed TOML: {exc}") from None
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InputError(path, field, f"{error['msg']} (got {error.get('input')!r})",
                         allowed=list(POLICY_KINDS) if error["type"] == "union_tag_invalid"
                         else None) from None
