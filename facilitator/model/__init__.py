"""The model: database, workshop files and the services that change a run. Pure Python, no Qt."""
