"""translaudit: audit a machine translation against its original."""
