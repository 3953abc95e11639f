"""Per-kind modules of the ui layer, keyed by each kind's KIND."""
