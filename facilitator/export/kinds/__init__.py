"""Per-kind modules of the export layer, keyed by each kind's KIND."""
