"""Test-wide setup: the helpers beside the tests are importable (schema_walk, servers,
wheelhouse), the Hypothesis profile of the quick loop is registered, and the wheel that
test_packaging and test_precommit_hook install is built once per session."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

if TYPE_CHECKING:
    from wheelhouse import Built

# `make test-fast` runs pytest with --hypothesis-profile=fast: property tests that take their
# example count from the profile (min(N, settings().max_examples)) draw at most 10. The
# full suite loads no profile. Live runs set their own counts and are not affected.
settings.register_profile("fast", max_examples=10)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sdist and the wheel built from a copy of the checkout (wheelhouse.build)."""
    from wheelhouse import build

    return build(tmp_path_factory.mktemp("wheel"))
