"""One module per page: ``layout(store, ...)`` builds it, ``register(app, store)`` wires it."""
