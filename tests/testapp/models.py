"""Models that exist only in tests: a scope object (a firm) and records scoped to it."""

from django.db import models

from soilgw.core.models import RegistryModel


class Firm(models.Model):
    name = models.CharField(max_length=50)


class FirmRecord(RegistryModel):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE)
    text = models.CharField(max_length=50)
    external_can_edit = True

    class Meta:
        ordering = ["pk"]

    def editing_department_ids(self):
        return set()
