import pytest
from django.core.management import call_command


@pytest.mark.db
def test_migrations_are_complete_and_apply(db):
    """Models and migrations agree (the test database itself was built by applying them)."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
