"""Heavy libraries imported on first use, so that commands that never draw a chart, solve a
round or compare texts start fast (`poolfund check` imports every view through the URLs).

    alt = lazy_module("altair")  # imported at the first `alt.Chart`

Only for top-level packages: finding a submodule imports its parents at once.
"""

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
