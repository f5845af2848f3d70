"""One module per domain type; ``api.schema`` assembles them."""
