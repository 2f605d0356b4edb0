"""vbkb's knowledge base: enrich parsed documents (citations, actors, duties), store, query, compare.

One room per capability:

- `pipeline`: read → parse → enrich → store, the steps every way in goes through;
- `citations/`: find, resolve, catalog, graph, checks;
- `duties/`: actors, deadlines, extraction, queries, matrix;
- `diff/`: alignment, word operations, facts, views, exports (md, html, docx), versions;
- `store/`: the SQLite KB (schema, build, read queries), search, page views;
- `intake`: an upload added to a KB's folder and indexed;
- shared values: `model` (the frozen data model), `numbers` (document number identity), `docid`,
  `errors`; `cli` is the command line, a thin layer over these.
"""
