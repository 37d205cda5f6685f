"""Checks on uploaded letters: a real PDF, of a sane size, stored under a new name."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File

MAX_UPLOAD_MB = 20


def validate_pdf(upload: File) -> None:
    """The file is a PDF (by its signature, not its name) and under the size limit."""
    if getattr(upload, "_committed", False):
        return  # stored already, checked when it was uploaded
    if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(
            f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is {MAX_UPLOAD_MB} MB."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError("This is not a PDF file (it does not start with %PDF-).")


def letter_upload_path(instance: object, filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk."""
    suffix = PurePath(filename).suffix.lower() or ".pdf"
    return f"letters/{uuid.uuid4().hex}{suffix if suffix == '.pdf' else '.pdf'}"
