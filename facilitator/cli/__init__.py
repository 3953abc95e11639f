"""The command line: ``facilitator`` and its subcommands, one module per group of commands."""
