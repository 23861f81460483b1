"""`python -m wcs_contract.compat PAGE...`: write the table of kinds into each page, between
its `<!-- kinds:start -->` and `<!-- kinds:end -->` markers (docs/compatibility.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from wcs_contract.compat.rules import with_table

for name in sys.argv[1:]:
    page = Path(name)
    page.write_text(with_table(page.read_text()))
