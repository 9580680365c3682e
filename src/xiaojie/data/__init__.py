"""The bundled plans: source texts, curated plan files and the plan-file schema."""
