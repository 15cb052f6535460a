"""The association's annual work plan."""
