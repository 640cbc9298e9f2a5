"""Models that exist only in tests: a scope object (a firm) and records scoped to it."""

from django.db import models

from soilgw.core.models import RegistryModel


class Firm(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


class FirmRecord(RegistryModel):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE)
    text = models.CharField(max_length=50)

    class Meta:
        ordering = ["pk"]
