"""Imports every case module, so that each registers its cases."""

from tests.tools.rerun import (
    c_damage,  # noqa: F401
    c_damage2,  # noqa: F401
    c_db,  # noqa: F401
    c_disk,  # noqa: F401
    c_files,  # noqa: F401
    c_http,  # noqa: F401
    c_http2,  # noqa: F401
    c_json,  # noqa: F401
    c_kill,  # noqa: F401
    c_obs,  # noqa: F401
    c_readonly,  # noqa: F401
    c_text,  # noqa: F401
    c_zip,  # noqa: F401
)
