"""The certificate of a completed course as a one-page PDF (A4, landscape)."""

import io

from django.utils import timezone
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

RED = HexColor("#c8102e")
INK = HexColor("#1d1d1b")
MUTED = HexColor("#4a4a48")


def certificate_pdf(completion, verification_url: str) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"Certificate: {completion.course.title}")
    pdf.setAuthor("Labour Membersnet")

    pdf.setFillColor(RED)
    pdf.rect(0, height - 70, width, 70, stroke=0, fill=1)
    pdf.setFillColor(HexColor("#ffffff"))
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawString(40, height - 45, "Labour Membersnet")

    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 16)
    pdf.drawCentredString(width / 2, height - 150, "This certifies that")
    pdf.setFillColor(INK)
    pdf.setFont("Helvetica-Bold", 34)
    pdf.drawCentredString(width / 2, height - 200, completion.name_on_certificate)
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 16)
    pdf.drawCentredString(width / 2, height - 245, "has completed the course")
    pdf.setFillColor(RED)
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 290, completion.course.title)
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 14)
    completed = timezone.localtime(completion.completed_at).strftime("%-d %B %Y")
    if completion.renewed_at:
        renewed = timezone.localtime(completion.renewed_at).strftime("%-d %B %Y")
        completed = f"{completed}, renewed on {renewed}"
    pdf.drawCentredString(width / 2, height - 330, f"on {completed}")
    if completion.valid_until:
        pdf.setFont("Helvetica-Bold", 14)
        status = (
            f"Expired on {completion.expires_on:%-d %B %Y}"
            if completion.is_expired()
            else f"Valid until {completion.valid_until:%-d %B %Y}"
        )
        pdf.drawCentredString(width / 2, height - 355, status)

    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(
        width / 2, 80, f"Certificate code {completion.certificate_code}. Check it at:"
    )
    pdf.drawCentredString(width / 2, 62, verification_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
