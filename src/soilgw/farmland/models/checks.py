"""Warnings, construction checks, cause investigations, fertilizer inspections and grain tests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, RegistryModel, Township

from ..choices import Disposal, WarningKind
from .units import FarmlandUnit


def _dept_ids(*codes: str) -> set[int]:
    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))


class FarmlandWarning(models.Model):
    """A warning the platform raised, with the inputs that raised it (not edited by users)."""

    kind = models.CharField(_("kind"), max_length=40, choices=WarningKind.choices)
    unit = models.ForeignKey(FarmlandUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="warnings")
    township = models.ForeignKey(Township, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    dataset = models.SlugField(max_length=40, blank=True)
    message = models.TextField(_("message"))
    inputs = models.JSONField(_("inputs"), default=dict)
    raised_on = models.DateField(_("raised on"))

    class Meta:
        ordering = ["-raised_on", "kind"]
        verbose_name = _("farmland warning")
        verbose_name_plural = _("farmland warnings")

    def __str__(self) -> str:
        return self.message


class ConstructionProposal(RegistryModel):
    """A construction project proposed on or near farmland, checked against permanent basic farmland.

    On save the platform measures the permanent basic farmland within ``distance_m`` of the project (EPSG:4546
    or the unit's local equal-area frame) and raises a warning when it reaches ``concentration_mu``.
    """

    name = models.CharField(_("name"), max_length=200)
    lon = models.FloatField(_("longitude [°]"))
    lat = models.FloatField(_("latitude [°]"))
    distance_m = models.FloatField(_("search distance [m]"), default=500, validators=[MinValueValidator(0)])
    concentration_mu = models.FloatField(_("concentration threshold [mu]"), default=100,
                                         validators=[MinValueValidator(0)])
    proposed_on = models.DateField(_("proposed on"))
    basic_farmland_mu = models.FloatField(_("permanent basic farmland within distance [mu]"), default=0,
                                          editable=False)
    inside_basic_farmland = models.BooleanField(_("inside permanent basic farmland"), default=False, editable=False)
    warned = models.BooleanField(_("warning raised"), default=False, editable=False)

    class Meta:
        ordering = ["-proposed_on", "name"]
        verbose_name = _("construction proposal")
        verbose_name_plural = _("construction proposals")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from ..services.warnings import check_construction

        check_construction(self)
        super().save(*args, **kwargs)
        if self.warned:
            FarmlandWarning.objects.update_or_create(
                kind=WarningKind.CONSTRUCTION, inputs__proposal=self.pk, defaults={
                    "message": _t("Construction “%(name)s” is proposed %(where)s permanent basic farmland "
                                  "(%(mu).1f mu within %(d).0f m)") % {
                        "name": self.name, "where": _t("inside") if self.inside_basic_farmland else _t("near"),
                        "mu": self.basic_farmland_mu, "d": self.distance_m},
                    "inputs": {"proposal": self.pk, "lon": self.lon, "lat": self.lat, "distance_m": self.distance_m,
                               "concentration_mu": self.concentration_mu, "basic_farmland_mu": self.basic_farmland_mu,
                               "inside": self.inside_basic_farmland},
                    "raised_on": self.proposed_on})


class CauseInvestigation(RegistryModel):
    """A cause investigation of a cluster of exceeding units: candidate sources, metal correlations, conclusion.

    ``sources`` and ``correlation`` are computed by ``services.causes.investigate`` (distances in metres; the
    Spearman correlation of the metals over the cluster's soil points) and stored with their inputs.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    units = models.ManyToManyField(FarmlandUnit, related_name="investigations", verbose_name=_("units"))
    distance_m = models.FloatField(_("search distance for sources [m]"), default=2000,
                                   validators=[MinValueValidator(0)])
    started_on = models.DateField(_("started on"))
    sources = models.JSONField(_("candidate sources with distances"), default=list, blank=True, editable=False)
    correlation = models.JSONField(_("correlation pattern of the metals"), default=dict, blank=True, editable=False)
    conclusion = models.TextField(_("conclusion"), blank=True)

    class Meta:
        ordering = ["-started_on", "name"]
        verbose_name = _("cause investigation")
        verbose_name_plural = _("cause investigations")

    def __str__(self) -> str:
        return self.name


class InputInspection(RegistryModel):
    """A fertilizer sample of the market supervision bureau judged against GB 38400-2019 Table 1.

    Contents are the reported texts (non-detects like ``<0.05`` allowed) [mg/kg]; the verdict is computed on save
    by :func:`soilgw.assessment.farmland_inputs.check_gb38400` and stored with its values.
    """

    sample_code = models.CharField(_("sample code"), max_length=60, unique=True)
    product = models.CharField(_("product"), max_length=200)
    producer = models.CharField(_("producer"), max_length=200, blank=True)
    sampled_on = models.DateField(_("sampled on"))
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township"))
    as_mgkg = models.CharField(_("As [mg/kg]"), max_length=20, blank=True)
    cd_mgkg = models.CharField(_("Cd [mg/kg]"), max_length=20, blank=True)
    pb_mgkg = models.CharField(_("Pb [mg/kg]"), max_length=20, blank=True)
    cr_mgkg = models.CharField(_("Cr [mg/kg]"), max_length=20, blank=True)
    hg_mgkg = models.CharField(_("Hg [mg/kg]"), max_length=20, blank=True)
    tl_mgkg = models.CharField(_("Tl [mg/kg]"), max_length=20, blank=True)
    compliant = models.BooleanField(_("compliant"), null=True, editable=False)
    exceeding = models.CharField(_("exceeding"), max_length=100, blank=True, editable=False)
    values_verified = models.BooleanField(_("limits verified"), default=False, editable=False)
    verdict = models.JSONField(_("verdict (per metal)"), default=list, editable=False)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    METALS = {"as_mgkg": "As", "cd_mgkg": "Cd", "pb_mgkg": "Pb", "cr_mgkg": "Cr", "hg_mgkg": "Hg", "tl_mgkg": "Tl"}

    class Meta:
        ordering = ["-sampled_on", "sample_code"]
        verbose_name = _("agricultural-input inspection")
        verbose_name_plural = _("agricultural-input inspections")

    def __str__(self) -> str:
        return self.sample_code

    def clean(self) -> None:
        if not any(getattr(self, f) for f in self.METALS):
            raise ValidationError(_t("Give at least one metal content."))
        try:
            self._judge()
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def _judge(self) -> None:
        import pandas as pd

        from soilgw.assessment.farmland_inputs import check_gb38400

        rows = [{"sample_id": self.sample_code, "analyte": a, "value": getattr(self, f), "unit": "mg/kg"}
                for f, a in self.METALS.items() if getattr(self, f)]
        res = check_gb38400(pd.DataFrame(rows))
        s = res.samples.iloc[0]
        self.compliant = None if pd.isna(s["compliant"]) else bool(s["compliant"])
        self.exceeding = s["exceeding_analytes"]
        self.values_verified = bool(s["values_verified"])
        cols = ["analyte_code", "value_reported", "value_std", "limit", "ratio", "status", "value_verified"]
        self.verdict = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                        for r in res.results[cols].astype(object).to_dict("records")]

    def save(self, *args, **kwargs):
        self._judge()
        super().save(*args, **kwargs)


class GrainTest(RegistryModel):
    """A grain purchase/storage batch tested for heavy metals against GB 2762-2022.

    An exceeding batch stays open until its disposal (non-food use or destruction) is recorded, so it never
    enters the ration-grain market.
    """

    batch_code = models.CharField(_("batch code"), max_length=60, unique=True)
    crop = models.CharField(_("food category (GB 2762)"), max_length=30, default="rice",
                            help_text=_("rice (judged as brown rice), wheat, maize …"))
    depot = models.CharField(_("depot"), max_length=200, blank=True)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("township of origin"))
    tonnes = models.FloatField(_("quantity [t]"), null=True, blank=True, validators=[MinValueValidator(0)])
    tested_on = models.DateField(_("tested on"))
    cd_mgkg = models.CharField(_("Cd [mg/kg]"), max_length=20, blank=True)
    pb_mgkg = models.CharField(_("Pb [mg/kg]"), max_length=20, blank=True)
    as_mgkg = models.CharField(_("As [mg/kg]"), max_length=20, blank=True)
    hg_mgkg = models.CharField(_("Hg [mg/kg]"), max_length=20, blank=True)
    cr_mgkg = models.CharField(_("Cr [mg/kg]"), max_length=20, blank=True)
    exceeds = models.BooleanField(_("exceeds GB 2762"), null=True, editable=False)
    exceeding = models.CharField(_("exceeding"), max_length=100, blank=True, editable=False)
    disposal = models.CharField(_("disposal"), max_length=20, choices=Disposal.choices, default=Disposal.PENDING)
    disposed_on = models.DateField(_("disposed on"), null=True, blank=True)
    disposal_note = models.CharField(_("disposal record"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data (示例)"), default=False)

    METALS = {"cd_mgkg": "Cd", "pb_mgkg": "Pb", "as_mgkg": "As", "hg_mgkg": "Hg", "cr_mgkg": "Cr"}

    class Meta:
        ordering = ["-tested_on", "batch_code"]
        verbose_name = _("grain test")
        verbose_name_plural = _("grain tests")

    def __str__(self) -> str:
        return self.batch_code

    def _judge(self) -> None:
        import pandas as pd

        from soilgw.assessment.crops import assess_gb2762

        rows = [{"sample_id": self.batch_code, "analyte": a, "value": getattr(self, f), "unit": "mg/kg",
                 "crop": self.crop} for f, a in self.METALS.items() if getattr(self, f)]
        s = assess_gb2762(pd.DataFrame(rows)).samples.iloc[0]
        self.exceeds = bool(s["exceeds"])
        self.exceeding = str(s.get("exceeding_analytes", "") or "")

    def clean(self) -> None:
        if not any(getattr(self, f) for f in self.METALS):
            raise ValidationError(_t("Give at least one metal content."))
        try:
            self._judge()
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if self.exceeds and self.disposal == Disposal.NOT_REQUIRED:
            raise ValidationError({"disposal": _t("An exceeding batch must be disposed of (non-food use or "
                                                  "destruction); it may not enter the ration-grain market.")})
        if self.disposal in (Disposal.NON_FOOD, Disposal.DESTROYED) and not self.disposed_on:
            raise ValidationError({"disposed_on": _t("Give the disposal date.")})

    def save(self, *args, **kwargs):
        self._judge()
        if not self.exceeds and self.disposal == Disposal.PENDING:
            self.disposal = Disposal.NOT_REQUIRED
        super().save(*args, **kwargs)

    @property
    def open(self) -> bool:
        return bool(self.exceeds) and self.disposal == Disposal.PENDING
