"""QR codes of registration codes, scanned at check-in."""

import io

import segno


def code_svg(code: str) -> str:
    """An inline SVG (for pages); dark modules on white, with a quiet zone, scannable from a phone screen."""
    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buffer, kind="svg", scale=8, border=4, xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")


def code_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
