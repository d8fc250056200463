"""Settings for the test suite: the ordinary settings with RAZEM_ENV=test, files kept in a temporary folder."""

import os
import tempfile

os.environ["RAZEM_ENV"] = "test"
_files = tempfile.mkdtemp(prefix="razem-tests-")
os.environ.setdefault("MEDIA_ROOT", os.path.join(_files, "media"))
os.environ.setdefault("PRIVATE_ROOT", os.path.join(_files, "private"))

from razem.settings import *  # noqa: E402,F403
