"""`python -m wcs_contract.cli` is `wcs-contract`."""

from wcs_contract.cli import entry

entry()
