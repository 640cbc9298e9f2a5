import pytest


@pytest.fixture(autouse=True)
def _testapp_urls(settings):
    settings.ROOT_URLCONF = "tests.testapp.urls"
