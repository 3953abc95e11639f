"""Per-kind modules of the web layer, keyed by each kind's KIND."""
