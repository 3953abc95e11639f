"""Handouts, discussion summaries and raw data (reportlab; never imports Qt)."""
