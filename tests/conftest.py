"""Test-wide setup: the helpers beside the tests are importable (schema_walk, servers), and the
Hypothesis profile of the quick loop is registered."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

# `make test-fast` runs pytest with --hypothesis-profile=fast: property tests that take their
# example count from the profile (min(N, settings().max_examples)) draw at most 10. The
# full suite loads no profile. Live runs set their own counts and are not affected.
settings.register_profile("fast", max_examples=10)
