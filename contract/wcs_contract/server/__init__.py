"""The reference REST hook server (`wcs-contract serve`): WCS's EchoApp, checked by the contract.

from wcs_contract.server import running_server

with running_server({"deny": [{"method": "publishStream", "match": {"name": "x*"}}]}) as url:
    httpx.post(f"{url}/EchoApp/publishStream", json=body)
"""

from __future__ import annotations

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
