"""Settings for the test suite: the ordinary settings with RAZEM_ENV=test, files kept in a temporary folder."""

import os
import tempfile

os.environ["RAZEM_ENV"] = "test"
# Each test process has its own folders: pytest-xdist's workers inherit the controller's environment, and workers
# sharing one folder would see (and, restoring the demo's files, remove) each other's files.
_files = tempfile.mkdtemp(prefix=f"razem-tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
os.environ["MEDIA_ROOT"] = os.path.join(_files, "media")
os.environ["PRIVATE_ROOT"] = os.path.join(_files, "private")
# The tests never ask the real KRS registry: a lookup a page makes is refused at once (the KRS tests stub the client).
os.environ.setdefault("RAZEM_KRS_API_URL", "http://127.0.0.1:9/api/krs")

from razem.settings import *  # noqa: E402,F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test never needs its commits to survive a crash of the server: each commit (the demo's load, a browser
    # test's data, the flush after it) returns without waiting for the write-ahead log to reach the disk.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
