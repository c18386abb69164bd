"""Reports from the public about accounts that claim to speak for a unit."""
