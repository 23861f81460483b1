"""wcs-contract: the contract of Flashphoner WCS REST hooks, and the tools that check it.

The public API is imported lazily so that `wcs-contract validate` (a pre-commit hook) starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Contract", "Issue", "Report", "validate"]

if TYPE_CHECKING:
    from wcs_contract.issues import Issue, Report
    from wcs_contract.validator import Contract, validate


def __getattr__(name: str) -> Any:
    if name in ("Contract", "validate"):
        from wcs_contract import validator

        return getattr(validator, name)
    if name in ("Issue", "Report"):
        from wcs_contract import issues

        return getattr(issues, name)
    raise AttributeError(name)
