"""A fake hotline infographic (PNG) drawn with Pillow, used as an image annex in the demo corpus."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

# Invented figures: reports received by the fictional Safe Harbour Hotline per quarter.
QUARTERLY_REPORTS = (("Q1 2023", 1840), ("Q2 2023", 2115), ("Q3 2023", 2390), ("Q4 2023", 2980))
REPORT_SHARES = (("Confirmed CSAM", 0.46, "#c0392b"), ("AI-generated", 0.12, "#8e44ad"),
                 ("Sextortion", 0.17, "#d68910"), ("Not actionable", 0.25, "#7f8c8d"))


def render_infographic(*, width: int = 1200, height: int = 800) -> bytes:
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient, navy to teal
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=(int(18 + 10 * t), int(40 + 90 * t), int(84 + 50 * t)))

    title = ImageFont.load_default(size=40)
    label = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    draw.text((50, 36), "Safe Harbour Hotline - reports received in 2023", font=title, fill="white")
    draw.text((50, 90), "Fictional data for the InputDesk demo corpus", font=small, fill="#d0e4f0")

    # Bar chart on the left.
    panel = (50, 150, 640, 720)
    draw.rounded_rectangle(panel, radius=18, fill="#f4f7fa")
    top = max(value for _, value in QUARTERLY_REPORTS)
    bar_w, gap, base = 100, 36, panel[3] - 70
    for i, (quarter, value) in enumerate(QUARTERLY_REPORTS):
        x0 = panel[0] + 50 + i * (bar_w + gap)
        y0 = base - int((value / top) * 380)
        draw.rectangle((x0, y0, x0 + bar_w, base), fill="#2e86c1")
        draw.text((x0 + 8, y0 - 30), f"{value:,}", font=label, fill="#1b2631")
        draw.text((x0 + 6, base + 14), quarter, font=small, fill="#1b2631")
    draw.line((panel[0] + 30, base, panel[2] - 30, base), fill="#1b2631", width=2)
    draw.text((panel[0] + 30, panel[1] + 20), "Reports per quarter", font=label, fill="#1b2631")

    # Donut chart on the right.
    box = (720, 180, 1080, 540)
    start = -90.0
    for _, share, colour in REPORT_SHARES:
        end = start + share * 360
        draw.pieslice(box, start, end, fill=colour)
        start = end
    draw.ellipse((810, 270, 990, 450), fill="#1f5f7a")
    draw.text((850, 340), "9,325", font=title, fill="white")
    for i, (name, share, colour) in enumerate(REPORT_SHARES):
        y = 580 + i * 34
        draw.rectangle((720, y, 744, y + 24), fill=colour)
        draw.text((756, y), f"{name}: {share:.0%}", font=label, fill="white")

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
