"""Choice classes of the enforcement app: lead sources, case kinds and the steps a case goes through."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    COMPLAINT = "complaint", _("Complaint or report")
    MONITORING = "monitoring_exceedance", _("Monitoring exceedance")
    SATELLITE = "satellite_change", _("Satellite change detection")
    TRANSFER = "transfer", _("Transfer from another department")


class LeadStatus(models.TextChoices):
    RECEIVED = "received", _("Received, to be verified")
    FOUNDED = "founded", _("Verified: founded")
    UNFOUNDED = "unfounded", _("Verified: unfounded")
    CASE_OPENED = "case_opened", _("Case opened")


class Violation(models.TextChoices):
    """Kinds of soil-environment violations named in soil task 14 and 16."""

    ILLEGAL_DUMPING = "illegal_dumping", _("Illegal dumping or burial of pollutants")
    SOIL_DISPOSAL = "improper_soil_disposal", _("Improper disposal of contaminated soil")
    KEY_UNIT_DUTY = "key_unit_duty", _("Key supervised unit failing its soil duties")
    REGISTER_BREACH = "register_breach", _("Development in breach of the remediation register")
    MONITORING_DATA = "monitoring_data", _("Falsified or missing monitoring data")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("Under investigation")
    DECIDED = "decided", _("Penalty decided")
    RECTIFIED = "rectified", _("Rectification verified")
    REFERRED = "referred", _("Referred to public security")
    CLOSED = "closed", _("Closed")


#: Which step may follow which (state checks of ``Case``): a referral may follow any open step, because
#: detention or criminal liability can come to light at any point of the administrative case.
CASE_STEPS = {
    "decide": {CaseStatus.INVESTIGATING},
    "rectify": {CaseStatus.DECIDED},
    "refer": {CaseStatus.INVESTIGATING, CaseStatus.DECIDED, CaseStatus.RECTIFIED},
    "close": {CaseStatus.INVESTIGATING, CaseStatus.DECIDED, CaseStatus.RECTIFIED, CaseStatus.REFERRED},
}


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    FINE = "fine", _("Fine")
    CONFISCATION = "confiscation", _("Confiscation of illegal gains")
    SUSPENSION = "suspension", _("Order to suspend production")
    ORDER_ONLY = "order_to_rectify", _("Order to rectify, no penalty")


class ReferralGround(models.TextChoices):
    DETENTION = "administrative_detention", _("Administrative detention may apply")
    CRIMINAL = "criminal", _("Suspected crime")


class PractitionerKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Soil contamination investigation")
    ASSESSMENT = "risk_assessment", _("Risk assessment")
    REMEDIATION = "remediation", _("Risk control and remediation")
    EVALUATION = "effect_evaluation", _("Effectiveness evaluation")
    MONITORING = "monitoring", _("Environmental monitoring")


class CreditKind(models.TextChoices):
    VIOLATION = "violation", _("Violation")
    RATING = "rating", _("Credit rating")
    COMMENDATION = "commendation", _("Commendation")


class CreditRating(models.TextChoices):
    """Rating grades as the bureau records them (A best)."""

    A = "A", _("A (good)")
    B = "B", _("B (fair)")
    C = "C", _("C (poor)")
    D = "D", _("D (untrustworthy)")


class ReportKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Soil contamination investigation report")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment report")
    CONTROL_PLAN = "control_plan", _("Risk control or remediation plan")
    EFFECT_EVALUATION = "effect_evaluation", _("Effectiveness evaluation report")


class CheckMethod(models.TextChoices):
    """Soil task 8: 第三方评估或跨区域交叉检查."""

    EXPERT = "expert_review", _("Expert review")
    THIRD_PARTY = "third_party", _("Third-party evaluation")
    CROSS_REGION = "cross_region", _("Cross-region cross-check")


class CheckOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    REVISE = "revise", _("Passed after revision")
    FAILED = "failed", _("Failed")


class ExpertField(models.TextChoices):
    SOIL = "soil", _("Soil pollution")
    GROUNDWATER = "groundwater", _("Groundwater and hydrogeology")
    REMEDIATION = "remediation", _("Remediation engineering")
    RISK = "risk_assessment", _("Risk assessment")
    AGRICULTURE = "agriculture", _("Agriculture and farmland")
    ANALYSIS = "analysis", _("Laboratory analysis")
    LAW = "law", _("Environmental law")


class ConflictKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Employed by")
    SHAREHOLDING = "shareholding", _("Shareholding")
    PROJECT = "project", _("Took part in the project")
    RELATIVE = "relative", _("Close relative works there")


class SummonsKind(models.TextChoices):
    """The rungs of the safeguards' escalation, mildest first: 预警 → 督办 → 约谈 (``accountability.LADDER``)."""

    WARNING = "warning", _("Warning (预警)")
    INTERVIEW = "summons_interview", _("Summons interview (约谈)")
    ORDER = "supervision_order", _("Supervision order (督办)")


class SummonsReason(models.TextChoices):
    """Safeguards of both plans: 约束性指标未完成, 重点任务进展严重滞后, 土壤环境问题突出, 履职不到位."""

    TASK_OVERDUE = "task_overdue", _("Key task overdue or seriously delayed")
    MILESTONE_OVERDUE = "milestone_overdue", _("Implementation milestone overdue")
    TARGET_MISSED = "target_missed", _("Binding target not met")
    PROMINENT_PROBLEM = "prominent_problem", _("Prominent soil environment problem")
    DUTY_NOT_PERFORMED = "duty_not_performed", _("Duties not performed")
