"""The local-network server for phones and the facilitator's phone remote (FastAPI + uvicorn)."""
