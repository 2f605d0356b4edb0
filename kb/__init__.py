"""vbkb's knowledge base: enrich parsed documents (citations, actors, duties), store, query, compare."""
