from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRANSLAUDIT_SHARED", ROOT.parent / "shared"))

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (seeds, benchmarks, scorers); skips when absent."""
    if not (SHARED / "seeds" / "expected.json").is_file():
        pytest.skip("../shared is not present")
    return SHARED
