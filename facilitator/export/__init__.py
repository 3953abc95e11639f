"""Handouts, discussion summaries and raw data (reportlab; never imports Qt).

Every writer builds its file beside the target under a temporary name and renames it at the
end, so a failed export never leaves half a file. Errors a person can fix are ModelErrors
(no such run, bad paper size) or OSErrors (folder missing, disk full, no permission).
"""

from .handout import write_handout
from .raw import write_csv, write_json
from .summary import write_summary

__all__ = ["write_handout", "write_summary", "write_csv", "write_json"]
