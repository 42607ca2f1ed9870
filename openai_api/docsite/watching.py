"""What `mkdocs serve` watches, and how it learns of a save.

MkDocs polls the watched folders every half second, so a save waits up to that long before a rebuild starts.
The kernel's file events arrive at once; but they also report every file opened or closed unwritten, which
the build itself does by the hundred, and MkDocs rebuilds on any event it is given — so only the events that
change a file are let through. The catalog, the guides list and the examples are watched too: pages are
generated from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer

_CHANGES: list[type[watchdog.events.FileSystemEvent]] = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileClosedEvent,  # closed after writing
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,  # an editor's save by renaming a temporary file
]


class _ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]  # the platform's native observer
    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **options: Any) -> Any:
        options["event_filter"] = options.get("event_filter") or _CHANGES
        return super().schedule(event_handler, path, recursive=recursive, **options)


def watch_sources(server: LiveReloadServer, sources: list[Path]) -> None:
    """Move what the server watches to native file events, and add `sources`. Called before it starts."""
    watched = list(getattr(server, "_watched_paths", {}))
    if not server.observer.is_alive():
        setattr(server, "observer", _ChangeObserver())  # noqa: B010  # typed as MkDocs' polling observer
        server._watched_paths.clear()  # type: ignore[attr-defined]
        server._watch_refs.clear()  # type: ignore[attr-defined]
        for path in watched:
            server.watch(path)
    for source in sources:
        if source.exists():
            server.watch(str(source))
