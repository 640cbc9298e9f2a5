"""Monitoring points and wells, sampling events, samples, results, water levels and what is derived from them.

Points are registry records (history, revision). Samples, results and levels are bulk rows written by an
import and audited through its ``core.ImportBatch``. Every point carries the ``dataset`` it came from and the
``origin`` of that dataset (the shipped real data are not Jiang County's).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department, ImportBatch, RegistryModel

from .choices import (
    Aquifer,
    DatePrecision,
    FollowUpStatus,
    IrrigationCrop,
    LevelAggregation,
    MappingKind,
    Medium,
    PointKind,
    Programme,
    QcType,
    WaterStandard,
)
from .datasets import dataset_name

#: The county's own data (anything a user imports without naming another dataset).
COUNTY_DATASET = "county"


class MonitoringPoint(RegistryModel):
    """A monitoring point or well. ``x, y, crs`` as given; ``lon/lat`` (WGS84) only when the CRS is known."""

    dataset = models.SlugField(_("dataset"), max_length=40, default=COUNTY_DATASET)
    origin = models.CharField(_("origin of the data"), max_length=300, blank=True)
    code = models.CharField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PointKind.choices)
    programme = models.CharField(_("programme"), max_length=30, choices=Programme.choices, blank=True)
    target_class = models.CharField(_("target class"), max_length=3, blank=True,
                                    help_text=_("GB/T 14848 class the point must meet (I–V); blank: none"))
    water_standard = models.CharField(_("judged by"), max_length=20, choices=WaterStandard.choices, blank=True,
                                      help_text=_("the point's water use; blank: by kind (groundwater GB/T 14848, "
                                                  "surface water GB 3838, irrigation GB 5084)"))
    irrigation_crop = models.CharField(_("irrigated crop (GB 5084)"), max_length=20, choices=IrrigationCrop.choices,
                                       blank=True)
    aquifer = models.CharField(_("aquifer"), max_length=20, choices=Aquifer.choices, blank=True)
    aquifer_order = models.PositiveSmallIntegerField(_("aquifer layer (1 = shallowest)"), null=True, blank=True)
    nest = models.CharField(_("well nest"), max_length=60, blank=True,
                            help_text=_("points of one nest are stacked wells in different aquifers"))
    screen_top = models.FloatField(_("screen top [m below ground]"), null=True, blank=True)
    screen_bottom = models.FloatField(_("screen bottom [m below ground]"), null=True, blank=True)
    ground_elevation = models.FloatField(_("ground elevation [m a.s.l.]"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    x = models.FloatField(_("x as given"), null=True, blank=True)
    y = models.FloatField(_("y as given"), null=True, blank=True)
    crs = models.CharField(_("CRS of x, y"), max_length=40, blank=True,
                           help_text=_("EPSG:xxxx, 'local' (site grid) or 'unknown'"))
    lon = models.FloatField(_("longitude (WGS84)"), null=True, blank=True, db_index=True)
    lat = models.FloatField(_("latitude (WGS84)"), null=True, blank=True, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="monitoring_points", verbose_name=_("responsible department"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["dataset", "code"]
        constraints = [models.UniqueConstraint(fields=["dataset", "code"], name="monitoring_point_dataset_code")]
        verbose_name = _("monitoring point")
        verbose_name_plural = _("monitoring points")

    def __str__(self) -> str:
        return f"{self.code} ({dataset_name(self.dataset)})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.screen_top is not None and self.screen_bottom is not None and self.screen_bottom < self.screen_top:
            raise ValidationError({"screen_bottom": _("Screen bottom must be below screen top.")})
        if (self.x is None) != (self.y is None):
            raise ValidationError({"y": _("Give both x and y, or neither.")})

    def get_absolute_url(self) -> str:
        return reverse("monitoring:point", args=[self.pk])

    @property
    def on_map(self) -> bool:
        return self.lon is not None and self.lat is not None


class SamplingEvent(models.Model):
    """A sampling round (campaign): e.g. the 2023 wet-season round of the county network."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    programme = models.CharField(_("programme"), max_length=30, choices=Programme.choices, blank=True)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-date_from", "name"]
        verbose_name = _("sampling event")
        verbose_name_plural = _("sampling events")

    def __str__(self) -> str:
        return self.name


class Sample(models.Model):
    """One sample (one visit of a point): date, depth, medium, lab, method, and its evaluation.

    ``class_label`` … ``class_standard`` are the result of the standards core (the standard chosen by the
    point's water use) stored with the standard version; ``class_bounded``: the class is "≤ class X because of
    a detection limit"; ``qa_flags`` the sample-level QA flags (see :mod:`soilgw.monitoring.qa`).
    """

    point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, related_name="samples")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="monitoring_samples")
    event = models.ForeignKey(SamplingEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="samples")
    code = models.CharField(_("sample code"), max_length=80)
    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(_("date precision"), max_length=10, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    campaign = models.CharField(_("campaign"), max_length=80, blank=True)
    depth_top = models.FloatField(_("depth top [m]"), null=True, blank=True)
    depth_bottom = models.FloatField(_("depth bottom [m]"), null=True, blank=True)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    lab = models.CharField(_("laboratory"), max_length=120, blank=True)
    method = models.CharField(_("method"), max_length=200, blank=True)
    qc_type = models.CharField(_("QC type"), max_length=20, choices=QcType.choices, default=QcType.NORMAL)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="duplicates",
                               verbose_name=_("original of this field duplicate"))
    class_label = models.CharField(_("GB/T 14848 class"), max_length=16, blank=True, db_index=True)
    class_bounded = models.BooleanField(_("class is an upper bound set by a detection limit"), default=False,
                                        db_default=False)
    meets_target = models.BooleanField(_("meets target"), null=True)
    target_class = models.CharField(_("target class used"), max_length=3, blank=True)
    deciding_analytes = models.CharField(_("deciding analytes"), max_length=300, blank=True)
    class_standard = models.CharField(_("standard"), max_length=60, blank=True)
    qa_flags = models.JSONField(_("QA flags"), default=list, blank=True)

    class Meta:
        ordering = ["point", "date", "code"]
        constraints = [models.UniqueConstraint(fields=["point", "code", "date"], name="monitoring_sample_key")]
        indexes = [models.Index(fields=["point", "date"])]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self) -> str:
        return f"{self.point.code} {self.date:%Y-%m-%d} {self.code}"


class Result(models.Model):
    """One reported result. ``analyte`` is the catalogue code when ``catalogued``, else the source's name.

    ``value`` is in ``unit`` (the canonical unit after the source's unit mapping); for non-detects
    (``qualifier`` "<") it is the detection limit. Text observations are kept in ``text_value``.
    """

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="results")
    point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, related_name="results")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="monitoring_results")
    date = models.DateField(_("date"))
    analyte = models.CharField(_("analyte"), max_length=120)
    catalogued = models.BooleanField(_("in the analyte catalogue"), default=True)
    source_name = models.CharField(_("name as reported"), max_length=120, blank=True)
    reported = models.CharField(_("reported text"), max_length=80, blank=True)
    value = models.FloatField(_("value"), null=True)
    qualifier = models.CharField(_("qualifier"), max_length=2, blank=True)
    detection_limit = models.FloatField(_("detection limit"), null=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    text_value = models.CharField(_("text observation"), max_length=120, blank=True)
    class_label = models.CharField(_("class"), max_length=16, blank=True)
    class_bounded = models.BooleanField(_("class is an upper bound set by a detection limit"), default=False,
                                        db_default=False)
    qa_flags = models.CharField(_("QA flags"), max_length=120, blank=True)
    duplicate = models.BooleanField(_("reported twice in the sample"), default=False)

    class Meta:
        indexes = [models.Index(fields=["point", "analyte", "date"]), models.Index(fields=["analyte", "date"])]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.analyte} {self.reported} {self.unit}"


class WaterLevel(models.Model):
    """A groundwater level: elevation [m a.s.l.] and/or depth to water [m below ground]."""

    point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, related_name="levels")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="monitoring_levels")
    date = models.DateField(_("date"))
    period_days = models.PositiveSmallIntegerField(_("period [days]"), default=1)
    aggregation = models.CharField(_("aggregation"), max_length=20, choices=LevelAggregation.choices,
                                   default=LevelAggregation.MEASUREMENT)
    n_values = models.PositiveIntegerField(_("values aggregated"), default=1)
    elevation = models.FloatField(_("water level [m a.s.l.]"), null=True)
    depth = models.FloatField(_("depth to water [m]"), null=True)

    class Meta:
        ordering = ["point", "date"]
        indexes = [models.Index(fields=["point", "date"])]
        verbose_name = _("water level")
        verbose_name_plural = _("water levels")


class SourceMapping(models.Model):
    """Per-source mapping of an analyte name or unit spelling (data, editable; shipped ones loaded from CSV).

    Analyte rows map ``source_text`` to a catalogue code (``target``) or, with ``target`` blank, keep the name
    as an uncatalogued parameter. Unit rows map a spelling to a canonical unit times ``factor``
    (e.g. °dH → mg/L CaCO3 × 17.848), or keep it as written for uncatalogued parameters.
    """

    source = models.SlugField(_("source"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=MappingKind.choices)
    source_text = models.CharField(_("as written"), max_length=120)
    target = models.CharField(_("maps to"), max_length=120, blank=True)
    factor = models.FloatField(_("factor"), default=1.0)
    note = models.CharField(_("note / reference"), max_length=300, blank=True)

    class Meta:
        ordering = ["source", "kind", "source_text"]
        constraints = [models.UniqueConstraint(fields=["source", "kind", "source_text"],
                                               name="monitoring_mapping_key")]
        verbose_name = _("source mapping")
        verbose_name_plural = _("source mappings")

    def __str__(self) -> str:
        return f"{self.source}: {self.source_text} → {self.target or '(kept)'}"


class PointAnalyteStat(models.Model):
    """Trend, non-detect statistics and anomaly flags of one point × analyte, from the statistics core."""

    point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, related_name="stats")
    analyte = models.CharField(_("analyte"), max_length=120)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    n = models.PositiveIntegerField(_("samples"))
    n_nondetect = models.PositiveIntegerField(_("non-detects"))
    first_date = models.DateField(null=True)
    last_date = models.DateField(null=True)
    latest_value = models.FloatField(null=True)
    latest_qualifier = models.CharField(max_length=2, blank=True)
    max_value = models.FloatField(null=True)
    mean = models.FloatField(_("mean"), null=True)
    mean_method = models.CharField(max_length=30, blank=True)
    mk_s = models.FloatField(null=True)
    mk_p = models.FloatField(null=True)
    sen_slope = models.FloatField(_("Sen slope [unit/yr]"), null=True)
    trend = models.CharField(_("trend verdict"), max_length=30, blank=True)
    limit = models.FloatField(_("limit (target class)"), null=True)
    exceeds_latest = models.BooleanField(null=True)
    n_exceedances = models.PositiveIntegerField(default=0)
    anomalies = models.JSONField(_("anomaly flags"), default=dict, blank=True)
    parameters = models.JSONField(_("methods and parameters"), default=dict, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["point", "analyte"], name="monitoring_stat_key")]
        verbose_name = _("point × analyte statistics")
        verbose_name_plural = _("point × analyte statistics")


#: The rule a follow-up cites, stored on each follow-up as written here; pages show :data:`FOLLOW_UP_RULE_TEXT`.
FOLLOW_UP_RULE = ("地下水污染防治2023年行动计划 任务3：对于已污染的浅层地下水，要延伸监测下层相邻含水层水质 "
                  "(polluted shallow groundwater: extend monitoring to the adjacent aquifer below)")
FOLLOW_UP_RULE_TEXT = _("Groundwater pollution action plan 2023, task 3: where shallow groundwater is polluted, "
                        "extend monitoring to the adjacent aquifer below")


class FollowUp(models.Model):
    """'Monitor the next aquifer down': raised when a shallow point exceeds its target."""

    point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, related_name="follow_ups")
    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="follow_ups")
    deeper_point = models.ForeignKey(MonitoringPoint, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="follow_ups_below")
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    rule = models.CharField(_("rule"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sample", "deeper_point"], name="monitoring_followup_key")]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    @property
    def rule_text(self) -> str:
        """The cited rule in the page's language (the shipped rule), else as stored."""
        return str(FOLLOW_UP_RULE_TEXT) if self.rule == FOLLOW_UP_RULE else self.rule
