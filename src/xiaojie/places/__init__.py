"""Places and counterpart units: the levels a plan is cascaded through.

* :class:`Place`, :class:`Places`, :func:`load_places` — the region, its cities and counties
  with their GB/T 2260 division codes (Ningxia's are bundled, and the whole country's down to
  the county level: :func:`national_places`, ``load_places(region="甘肃")``; load a file for
  townships and villages).
* :class:`CounterpartTable`, :func:`load_counterparts` — the counterpart table (对口表): which
  unit does a parent unit's job one level down; an editable TOML file.
"""

from xiaojie.places._counterparts import (
    COUNTERPARTS_SCHEMA,
    Counterpart,
    CounterpartTable,
    Fallback,
    Mapped,
    load_counterparts,
)
from xiaojie.places._places import (
    PLACES_SCHEMA,
    Level,
    Place,
    Places,
    load_places,
    national_places,
    plan_province,
)


__all__ = [
    "COUNTERPARTS_SCHEMA",
    "PLACES_SCHEMA",
    "Counterpart",
    "CounterpartTable",
    "Fallback",
    "Level",
    "Mapped",
    "Place",
    "Places",
    "load_counterparts",
    "load_places",
    "national_places",
    "plan_province",
]
