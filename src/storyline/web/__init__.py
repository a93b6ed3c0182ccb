"""web: ``storyline serve DIR`` — the report's views as pages and a REST API (FastAPI).

Binds to 127.0.0.1 by default. Reading needs nothing; ``POST /api/articles`` needs the bearer
token given at start (``--token`` or ``STORYLINE_TOKEN``): without one configured, writing is
off. Request bodies over ``max_body`` bytes are refused with 413.
"""

from storyline.web.app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
