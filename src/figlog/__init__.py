"""figlog."""
