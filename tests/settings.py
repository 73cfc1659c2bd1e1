"""Settings for the test run: the real settings, with test values in the environment.

Tests run with DEBUG off, like production. DATABASE_URL is honoured, so
``scripts/with-postgres pytest`` runs the same suite on PostgreSQL.
"""

import os
import tempfile

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789")
# A fixed Fernet key for the encrypted fields (never used outside the tests).
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "dGVzdHMtb25seS1maWVsZC1rZXktMDEyMzQ1Njc4OWE=")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="minipublic-tests-"))

from minipublic.config.settings import *  # noqa: F403

# Tests render templates without running collectstatic first.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Hashing passwords slowly protects real accounts; tests create many throwaway ones.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# WhiteNoise warns when the collected-static directory is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
