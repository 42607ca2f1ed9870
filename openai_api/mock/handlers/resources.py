"""Containers, skills, vector stores and realtime client secrets: the fields a reader checks first, as the real API.

Why: a new container is ``running`` (it is a live sandbox until it idles out), a skill's name,
description and versions come from the ``SKILL.md`` front matter inside the uploaded files, and an
ephemeral realtime key starts with ``ek_`` and expires when ``expires_after`` says.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import yaml
from openai.types import Skill
from openai.types.skills import SkillVersion

from openai_api.mock.bodies import Upload
from openai_api.mock.crud import fresh_id, stored_or_demo
from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.sdk.synthesis import EPOCH

_SKILLS = "/skills"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.DOTALL)


@handles("POST", "/containers")
def create_container(call: Call) -> Any:
    expires = call.body.get("expires_after") or {"anchor": "last_active_at", "minutes": 20}
    container = {
        "id": fresh_id(call, "/containers", "cntr_"),
        "object": "container",
        "name": str(call.body.get("name") or ""),
        "status": "running",
        "created_at": EPOCH,
        "last_active_at": EPOCH,
        "expires_after": expires,
        "memory_limit": call.body.get("memory_limit") or "1g",
    }
    call.store.put("/containers", container["id"], container)
    return call.coerce(call.route.cast_to, container)


def _skill_files(uploads: dict[str, Upload]) -> dict[str, bytes]:
    """Path -> bytes of every uploaded skill file, unpacking a zip upload."""
    out: dict[str, bytes] = {}
    for upload in uploads.values():
        if zipfile.is_zipfile(io.BytesIO(upload.data)):
            with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
                out.update({name: archive.read(name) for name in archive.namelist() if not name.endswith("/")})
        else:
            out[upload.filename] = upload.data
    return out


def skill_manifest(uploads: dict[str, Upload]) -> dict[str, str]:
    """``name`` and ``description`` from the front matter of the (shallowest) SKILL.md.

    Without a SKILL.md (the SDK contract tests send arbitrary bytes) the name falls back to the
    uploaded file's stem, so every SDK call still parses; a SKILL.md without them is a 400.
    """
    files = _skill_files(uploads)
    manifests = sorted((p for p in files if p.rsplit("/", 1)[-1] == "SKILL.md"), key=lambda p: p.count("/"))
    if not manifests:
        first = next(iter(uploads.values()), None)
        stem = (first.filename if first else "skill").rsplit("/", 1)[-1].split(".")[0] or "skill"
        return {"name": stem, "description": ""}
    text = files[manifests[0]].decode("utf-8", "replace")
    found = _FRONT_MATTER.match(text)
    meta = yaml.safe_load(found.group(1)) if found else None
    meta = meta if isinstance(meta, dict) else {}
    if not meta.get("name") or not meta.get("description"):
        raise MockError(400, "SKILL.md front matter must define `name` and `description`.", param="files")
    return {"name": str(meta["name"]), "description": str(meta["description"])}


def _store_version(call: Call, skill_id: str, version: int, manifest: dict[str, str]) -> dict[str, Any]:
    record = {
        "id": f"skillver_{skill_id.removeprefix('skill_')[:16]}{version:04d}",
        "object": "skill.version",
        "skill_id": skill_id,
        "version": str(version),
        "created_at": EPOCH,
        **manifest,
    }
    call.store.put(f"{_SKILLS}/{skill_id}/versions", str(version), record)
    bundle = next(iter(call.files.values()), None)
    if bundle is not None:
        call.store.blobs[skill_id] = bundle.data  # skills.content.retrieve returns the upload
    return call.coerce(SkillVersion, record)


@handles("POST", "/skills")
def create_skill(call: Call) -> Any:
    manifest = skill_manifest(call.files)
    skill = {
        "id": fresh_id(call, _SKILLS, "skill_"),
        "object": "skill",
        "created_at": EPOCH,
        "default_version": "1",
        "latest_version": "1",
        **manifest,
    }
    call.store.put(_SKILLS, skill["id"], skill)
    _store_version(call, skill["id"], 1, manifest)
    return call.coerce(Skill, skill)


@handles("POST", "/skills/{skill_id}/versions")
def create_version(call: Call) -> Any:
    skill = stored_or_demo(call, _SKILLS, call.path_params["skill_id"], Skill)
    manifest = skill_manifest(call.files)
    version = int(str(skill.get("latest_version") or "0")) + 1 if str(skill.get("latest_version", "")).isdigit() else 1
    call.store.update(_SKILLS, skill["id"], {"latest_version": str(version)})
    if call.body.get("default") in (True, "true"):
        call.store.update(_SKILLS, skill["id"], {"default_version": str(version)})
    return _store_version(call, skill["id"], version, manifest)


def _client_secret(call: Call) -> Any:
    expires = _mapping(call.body.get("expires_after"))
    seconds = int(expires.get("seconds") or 600)
    session = _mapping(call.body.get("session"))
    secret = {
        "value": "ek_" + call.synth.new_id("")[:24] + call.synth.new_id("")[:8],
        "expires_at": EPOCH + seconds,
        "session": {**session, "id": call.synth.new_id("sess_"), "object": "realtime.session"},
    }
    return call.coerce(call.route.cast_to, secret)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@handles("POST", "/realtime/client_secrets")
def create_client_secret(call: Call) -> Any:
    return _client_secret(call)


@handles("POST", "/realtime/translations/client_secrets")
def create_translation_client_secret(call: Call) -> Any:
    return _client_secret(call)


@handles("POST", "/vector_stores")
def create_vector_store(call: Call) -> Any:
    """A new store counts the files it was created with (none: ``file_counts.total == 0``), all indexed at once."""
    file_ids = [f for f in call.body.get("file_ids") or [] if isinstance(f, str)]
    echoed = {k: v for k, v in call.body.items() if k in {"name", "metadata", "expires_after"}}
    store = {
        **echoed,
        "id": fresh_id(call, "/vector_stores", "vs_"),
        "object": "vector_store",
        "created_at": EPOCH,
        "last_active_at": EPOCH,
        "status": "completed",
        "usage_bytes": sum(len(call.store.blobs.get(f, b"")) for f in file_ids),
        "file_counts": {
            "in_progress": 0,
            "completed": len(file_ids),
            "failed": 0,
            "cancelled": 0,
            "total": len(file_ids),
        },
    }
    call.store.put("/vector_stores", store["id"], store)
    for file_id in file_ids:
        call.store.put(f"/vector_stores/{store['id']}/files", file_id, {"id": file_id, "vector_store_id": store["id"]})
    return call.coerce(call.route.cast_to, store)
