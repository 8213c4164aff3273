"""Analytics over deduplicated events (one row per real event, however many mentions report it): country-pair
series, partners, the pair network and the country list, as pandas or polars DataFrames."""

from legation.analytics.base import Frame, Period
from legation.analytics.dyads import countries, dyad_series, network, partners
from legation.analytics.source import open_source

__all__ = ["Frame", "Period", "countries", "dyad_series", "network", "open_source", "partners"]
