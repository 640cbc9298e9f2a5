"""Undoing a lab-results batch (soilgw.core.jobs ``import.undo``): re-evaluate the points it touched."""

from __future__ import annotations

from . import evaluate
from .models import Result


def reevaluate_after_undo(sender, batch, **kwargs):
    """Receiver of ``jobs.import_undo``: returns the re-evaluation to run once the batch's rows are gone."""
    point_ids = sorted(set(Result.objects.filter(batch=batch).values_list("point_id", flat=True)))
    if not point_ids:
        return None
    return lambda: evaluate.evaluate_points(point_ids)
