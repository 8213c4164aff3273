"""The web front end: a FastAPI app (JSON API, dashboard, offline OpenAPI page) over one event store."""

from legation.web.app import create_app
from legation.web.limits import ApiLimits

__all__ = ["ApiLimits", "create_app"]
