"""The one way a file becomes knowledge, step by step:

    read → parse → enrich (effective date, citations, duties, actors) → store

`STEPS` names them in order. `process` runs the first three on one file and returns an `EnrichedFile`;
`build` hands `process` to the store, which only writes. The build (`kb build`), the commands that work
on files without a KB (`kb duties FILE`, `kb refs FILE`) and the app's upload all go through here, so a
new enrichment step is added in one place.

Reading, parsing and enriching one file is work on untrusted input: `parse` and `process` run it in a
child process with a wall-clock budget (`kb.workers`, VBKB_FILE_BUDGET_S), as the build's workers do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.docid import doc_id as make_doc_id
from kb.model import Actor, Duty, EnrichedDocument, EnrichedFile, Reference
from kb.workers import call
from parsers import parse_file
from parsers.model import Document, ParseResult

if TYPE_CHECKING:
    from kb.amend.model import Operation
    from kb.store.db import BuildReport

STEPS = ("read", "parse", "enrich: effective date", "enrich: citations", "enrich: duties", "enrich: actors", "store")


# The enrichment steps, each imported where it runs: the process that only writes the KB (`kb build`'s
# main process) then never loads spaCy, and a worker never loads the store's SQLite layer. A worker
# imports them when it receives a `Processor` (`Processor.__setstate__`), before its file's clock starts.
def _find_references() -> Callable[[ParseResult, Document], list[Reference]]:
    from kb.citations.find import find_references as find

    return find


def _extract_duties() -> Callable[[ParseResult, Document, str | None], list[Duty]]:
    from kb.duties.extract import extract_duties as extract

    return extract


def _document_actors() -> Callable[[ParseResult, Document], list[Actor]]:
    from kb.duties.named import document_actors as actors

    return actors


def _effective_date() -> Callable[..., Any]:
    from kb.validity.effective import effective_date as effective

    return effective


def read_operations(doc: Document) -> list[Operation]:
    from kb.amend.read import read_operations as read  # imported where it runs, as the other steps
    return read(doc)


def find_references(result: ParseResult, doc: Document) -> list[Reference]:
    return _find_references()(result, doc)


def extract_duties(result: ParseResult, doc: Document, did: str | None) -> list[Duty]:
    return _extract_duties()(result, doc, did)


def document_actors(result: ParseResult, doc: Document) -> list[Actor]:
    return _document_actors()(result, doc)


def effective_date(doc: Document, text: str) -> Any:
    return _effective_date()(doc, text)


_LOADERS = ((find_references, _find_references), (extract_duties, _extract_duties), (document_actors, _document_actors))


def store_build(*args: Any, **kwargs: Any) -> BuildReport:
    """`kb.store.db.build`."""
    from kb.store.db import build as write

    return write(*args, **kwargs)


@dataclass(frozen=True)
class Hooks:
    """The enrichment steps, each a function of (parse result, document[, doc id]); None skips one."""

    references: Callable[[ParseResult, Document], list[Reference]] | None = find_references
    duties: Callable[[ParseResult, Document, str | None], list[Duty]] | None = extract_duties
    actors: Callable[[ParseResult, Document], list[Actor]] | None = document_actors
    operations: Callable[[Document], list[Operation]] | None = read_operations


def enrich_document(result: ParseResult, doc: Document, hooks: Hooks) -> EnrichedDocument:
    did = make_doc_id(doc, result.source)
    return EnrichedDocument(
        references=tuple(hooks.references(result, doc)) if hooks.references else (),
        duties=tuple(hooks.duties(result, doc, did)) if hooks.duties else (),
        actors=tuple(hooks.actors(result, doc)) if hooks.actors else (),
        operations=tuple(hooks.operations(doc)) if hooks.operations else (),
    )


def dated(result: ParseResult) -> ParseResult:
    """Each document with the effective date `kb.validity` reads where the header's fields found none ("có
    hiệu lực sau 10 ngày kể từ ngày ký", "... từ ngày thông qua"): the date its stored status starts from."""
    documents = []
    for doc in result.documents:
        found = None if doc.effective_date else effective_date(doc, result.text)
        documents.append(replace(doc, effective_date=found.date) if found and found.date else doc)
    return replace(result, documents=tuple(documents))


def enrich(result: ParseResult, hooks: Hooks | None = None) -> EnrichedFile:
    hooks = hooks or Hooks()
    result = dated(result)
    return EnrichedFile(result, tuple(enrich_document(result, doc, hooks) for doc in result.documents))


@dataclass(frozen=True)
class Processor:
    """read + parse + enrich for one file; a value (picklable) so that build workers can run it."""

    parse: Callable[[Path], ParseResult] = parse_file
    hooks: Hooks = Hooks()

    def __call__(self, path: Path) -> EnrichedFile:
        return enrich(self.parse(path), self.hooks)

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled (in a worker): the steps' modules are imported now, not in the first file's time."""
        for name, value in state.items():
            object.__setattr__(self, name, value)
        _effective_date()
        steps = (self.hooks.references, self.hooks.duties, self.hooks.actors)
        for step, loader in _LOADERS:
            if any(s is step for s in steps):
                loader()


def process(path: str | Path, hooks: Hooks | None = None, budget: float | None = None) -> EnrichedFile:
    """One file read, parsed and enriched in a child within the budget (ParseError for a file that
    cannot be read, OverBudget for one that takes too long)."""
    return call(Processor(parse_file, hooks or Hooks()), Path(path), Path(path).name, budget)


def parse(path: str | Path, read: Callable[[Path], ParseResult] | None = None, budget: float | None = None,
          cancelled: Callable[[], bool] | None = None) -> ParseResult:
    """One file read and parsed in a child within the budget; `cancelled` stops it early (the app)."""
    return call(read or parse_file, Path(path), Path(path).name, budget, cancelled)


def build(
    paths: list[Path], db_path: Path, progress: bool = False, force: bool = False,
    parse: Callable[[Path], ParseResult] | None = None, hooks: Hooks | None = None, jobs: int | None = None,
) -> BuildReport:
    """Every step for every changed file under `paths`, into the KB at `db_path` (see `kb.store.build`).
    A caller's own `parse` or `hooks` (tests) run in one worker; if they cannot be sent to a child (a
    closure), in this process and without the time budget."""
    custom = parse is not None or hooks is not None
    processor = Processor(parse or parse_file, hooks or Hooks())
    return store_build(paths, db_path, processor, progress=progress, force=force, jobs=1 if custom else jobs)
