from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRANSLAUDIT_SHARED", ROOT.parent / "shared"))

# CI draws the same examples every run (derandomize): a red CI is then reproducible and never
# luck; the dev profile keeps drawing new ones, which is how the session-10 bugs were found.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=25, deadline=None)
# A bug hunt: TRANSLAUDIT_HYPOTHESIS=deep draws 2,000 examples a test (props13 ran 5,000).
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get("TRANSLAUDIT_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (seeds, benchmarks, scorers); skips when absent."""
    if not (SHARED / "seeds" / "expected.json").is_file():
        pytest.skip("../shared is not present")
    return SHARED
