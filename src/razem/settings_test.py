"""Settings for the test suite: the ordinary settings with RAZEM_ENV=test."""

import os

os.environ["RAZEM_ENV"] = "test"

from razem.settings import *  # noqa: E402,F403
