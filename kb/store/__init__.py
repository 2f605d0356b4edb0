"""The knowledge base in SQLite: schema, incremental writes and read queries (`db`), full-text search
with and without diacritics (`search.search`), and the rows the app's pages show (`views`).

The store writes what `kb.pipeline` hands it and imports no enrichment module.
"""

from kb.store.db import (
    DOCUMENT_SUFFIXES,
    BuildReport,
    document_files,
    get_document,
    get_node,
    get_nodes,
    list_documents,
    node_address,
    open_db,
)

__all__ = [
    "DOCUMENT_SUFFIXES", "BuildReport", "document_files", "get_document", "get_node", "get_nodes",
    "list_documents", "node_address", "open_db",
]
