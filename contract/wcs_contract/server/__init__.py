"""The reference REST hook server (`wcs-contract serve`): WCS's EchoApp, checked by the contract.

from wcs_contract.server import running_server

with running_server({"deny": [{"method": "publishStream", "match": {"name": "x*"}}]}) as url:
    httpx.post(f"{url}/EchoApp/publishStream", json=body)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wcs_contract.server.app import create_app
    from wcs_contract.server.config import ConfigError, ServerConfig, load_config
    from wcs_contract.server.runner import HookServer, running_server

__all__ = [
    "ConfigError",
    "HookServer",
    "ServerConfig",
    "create_app",
    "load_config",
    "running_server",
]

# Imported on first use: `wcs_contract.server.config` (the config's schema, which `serve --help`
# prints) must load without starlette and uvicorn, which only the `serve` extra brings.
_HOMES = {
    "create_app": "app",
    "ConfigError": "config",
    "ServerConfig": "config",
    "load_config": "config",
    "HookServer": "runner",
    "running_server": "runner",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
