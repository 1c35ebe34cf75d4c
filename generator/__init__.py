"""sociale-kaart: turn a curated YAML social map into a static website."""
