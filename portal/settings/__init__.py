"""Settings, split by purpose: base (shared), dev, production, test."""
