import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from soilgw.core.models import Department, Membership


class Command(BaseCommand):
    help = ("Create the first administrator 'admin' if there is no superuser yet; its random password is "
            "printed once and kept in var/admin_password.txt (readable by the owner only).")

    def handle(self, *args, **options):
        User = get_user_model()
        path = settings.VAR_DIR / "admin_password.txt"
        if User.objects.filter(is_superuser=True).exists():
            hint = f" (initial password in {path})" if path.exists() else ""
            self.stdout.write(f"administrator exists{hint}")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser("admin", "", password)
        dept = Department.objects.filter(code="eeb").first()
        if dept is not None:
            Membership.objects.get_or_create(user=user, department=dept, defaults={"role": "administrator"})
        path.write_text(password + "\n")
        path.chmod(0o600)
        self.stdout.write(f"created administrator 'admin' with password {password} (also in {path})")
