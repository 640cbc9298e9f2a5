"""Test settings: the platform's settings plus a small app with a scoped model used by the permission tests."""

import os
import tempfile

os.environ.setdefault("SOILGW_VAR_DIR", tempfile.mkdtemp(prefix="soilgw-test-"))

from soilgw.settings import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
SOILGW_AS_OF = "2023-10-15"
# Tests read messages in the source language; tests/core/test_i18n.py checks the Chinese default and catalogue.
PLATFORM_LANGUAGE_CODE = LANGUAGE_CODE  # noqa: F405
LANGUAGE_CODE = "en"
# Jobs run at once, inside the test; tests/core/test_jobs.py drives the database backend's worker itself.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Login lockout (django-axes) is off for the suite, so repeated test logins never lock; the lockout test
# switches it on with override_settings.
AXES_ENABLED = False
