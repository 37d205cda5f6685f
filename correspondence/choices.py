"""Choices shared by letters and the review rounds that send them."""

from django.db import models


class LetterKind(models.TextChoices):
    CERTIFICATION_REQUEST = "certification_request", "Certification request"
    PRELIMINARY_ASSESSMENT = "preliminary_assessment", "Preliminary assessment"
    DOCUMENT_DEMAND = "document_demand", "Document demand"
    SUBPOENA_THREAT = "subpoena_threat", "Subpoena threat"
    SUBPOENA = "subpoena", "Subpoena"
    COMPLIANCE_DEMAND = "compliance_demand", "Demand to comply"
    RESPONSE = "response", "Response"
    COMPLIANCE_FINDING = "compliance_finding", "Compliance finding"


class Direction(models.TextChoices):
    TO_JURISDICTION = "to_jurisdiction", "DOJ to the jurisdiction"
    FROM_JURISDICTION = "from_jurisdiction", "Jurisdiction to DOJ"


class Finding(models.TextChoices):
    COMPLIANT = "compliant", "Compliant"
    NON_COMPLIANT = "non_compliant", "Not compliant"
