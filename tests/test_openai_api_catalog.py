"""The catalog against the project's feature table, against the installed SDK, and against malformed input."""

from __future__ import annotations

import ast
import inspect
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from openai import AsyncOpenAI, OpenAI
from openai._resource import SyncAPIResource

from openai_api.core.catalog import CATALOG_FILE, VARIANTS, CatalogError, Feature, load_catalog

CATALOG = load_catalog()
CLIENT = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1")
CLIENT_OPERATIONS = {"client_with_options", "client_with_raw_response", "client_with_streaming_response"}

# The project's feature table, as designed: id, surface, category, stability, side effect.
SEED = """
responses responses.create generation stable none
chat chat.completions.create generation stable none
completions completions.create generation compat_risk none
embeddings embeddings.create retrieval stable none
moderations moderations.create safety stable none
files files.list data stable low
uploads uploads.create data preview high
batches batches.list orchestration stable low
models models.list management stable none
fine_tuning fine_tuning.jobs.list training preview low
vector_stores vector_stores.list retrieval stable low
conversations conversations.create conversation preview high
realtime realtime.client_secrets.create realtime preview low
webhooks webhooks.verify_signature integration stable none
evals evals.list evaluation preview low
containers containers.list runtime compat_risk low
skills skills.list orchestration compat_risk low
videos videos.list multimodal preview low
images images.generate multimodal stable high
audio audio.transcriptions.create multimodal stable high
beta beta.assistants.list preview preview low
client_with_options - client_ops stable none
client_with_raw_response - client_ops stable none
client_with_streaming_response - client_ops stable none
"""
SEED_ROWS = [line.split() for line in SEED.strip().splitlines()]


def resolve(surface: str) -> object:
    target: object = CLIENT
    for part in surface.split("."):
        target = getattr(target, part)
    return target


def top_level_resources() -> set[str]:
    return {
        name for name in dir(CLIENT) if not name.startswith("_") and isinstance(getattr(CLIENT, name), SyncAPIResource)
    }


def test_one_feature_per_top_level_resource_and_client_operation() -> None:
    ids = {feature.id for feature in CATALOG.features}
    assert ids == top_level_resources() | CLIENT_OPERATIONS


@pytest.mark.parametrize(("feature_id", "surface", "category", "stability", "side_effect"), SEED_ROWS)
def test_seed_values_are_kept(feature_id: str, surface: str, category: str, stability: str, side_effect: str) -> None:
    feature = CATALOG.feature(feature_id)
    if surface != "-":
        assert feature.surface == surface
    assert (feature.category, feature.stability, feature.side_effect) == (category, stability, side_effect)


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_surface_matches_the_installed_sdk(feature: Feature) -> None:
    method = resolve(feature.surface)
    assert callable(method), f"{feature.surface} is not callable"
    parameters = inspect.signature(method).parameters.values()
    required = [
        p.name
        for p in parameters
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    assert feature.param_count == len(parameters)
    assert feature.required_params == required
    names = {p.name for p in parameters}
    for param in feature.core_params:
        if not feature.id.startswith("client_with_"):
            assert param.name in names, f"core param {param.name!r} is not a parameter of {feature.surface}"


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_surface_belongs_to_its_resource(feature: Feature) -> None:
    if feature.id not in CLIENT_OPERATIONS:
        assert feature.surface.split(".")[0] == feature.id


CJK = re.compile(r"[\u4e00-\u9fff]")
CODE = re.compile(r"```.*?```|`[^`]*`|\"[^\"]*\"", re.S)


def prose(text: str) -> str:
    """The text without its code and quotations, which may quote Chinese input in either language."""
    return CODE.sub("", text)


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_card_is_written_in_both_languages(feature: Feature) -> None:
    texts = [feature.title, feature.purpose, feature.when_to_use]
    for exercise in (feature.exercises.understand, feature.exercises.hands_on):
        texts += [exercise.question, exercise.answer]
    for text in texts:
        assert CJK.search(text.zh), f"{feature.id}: Chinese text without Chinese: {text.zh[:60]!r}"
        assert not CJK.search(prose(text.en)), f"{feature.id}: English text with Chinese: {text.en[:60]!r}"
    for param in feature.core_params:
        assert CJK.search(param.zh) and not CJK.search(prose(param.en)), f"{feature.id}: core param {param.name}"


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_exercises_never_compare_a_resource_with_itself(feature: Feature) -> None:
    for text in (feature.exercises.understand.question.zh, feature.exercises.understand.question.en):
        names = re.findall(r"`([^`]+)`", text)
        pairs = itertools.pairwise(names)
        assert not any(a == b for a, b in pairs), f"{feature.id}: compares {names} with itself"
    assert feature.exercises.understand.question.en != feature.exercises.hands_on.question.en


ASYNC_CLIENT = AsyncOpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1")


def _client_calls(tree: ast.AST) -> Iterator[tuple[ast.Call, list[str]]]:
    """Calls like `client.a.b.c(...)`, with the attribute path after `client`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            path: list[str] = []
            current: ast.expr = node.func
            while isinstance(current, ast.Attribute):
                path.insert(0, current.attr)
                current = current.value
            if isinstance(current, ast.Name) and current.id == "client":
                yield node, path


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_examples_are_what_a_reader_types(feature: Feature) -> None:
    sync = CATALOG.example_code(feature, "sync")
    asynchronous = CATALOG.example_code(feature, "async")
    assert "OpenAI()" in sync and "AsyncOpenAI" not in sync
    assert "async with AsyncOpenAI() as client" in asynchronous
    assert asynchronous.rstrip().endswith("asyncio.run(main())")
    for code in (sync, asynchronous):
        assert "api_key=" not in code and "base_url=" not in code and "os.environ" not in code
        assert "print(" in code


def _awaitable(method: object) -> bool:
    """Coroutine methods, and list methods whose AsyncPaginator is awaited (first page) or iterated."""
    unwrapped = inspect.unwrap(method)  # type: ignore[arg-type]
    returns = str(inspect.signature(unwrapped).return_annotation)
    return inspect.iscoroutinefunction(unwrapped) or "AsyncPaginator" in returns


@pytest.mark.parametrize("feature", CATALOG.features, ids=lambda f: f.id)
def test_async_examples_await_every_coroutine(feature: Feature) -> None:
    """Async snippets that forget `await` only look right; here every awaitable call on the client is awaited, iterated
    with `async for`, entered with `async with`, or handed to an awaited `asyncio.gather`."""
    tree = ast.parse(CATALOG.example_code(feature, "async"))
    consumed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Await):
            consumed.add(id(node.value))
            if isinstance(node.value, ast.Call) and getattr(node.value.func, "attr", "") == "gather":
                consumed |= {id(sub) for sub in ast.walk(node.value)}
        elif isinstance(node, ast.AsyncFor):
            consumed.add(id(node.iter))
        elif isinstance(node, ast.AsyncWith):
            consumed |= {id(item.context_expr) for item in node.items}
    assigned = {
        target.id: id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) in consumed}
    consumed |= {assigned[name] for name in names if name in assigned}
    calls = list(_client_calls(tree))
    assert calls, f"{feature.id}: the async example makes no client call"
    for call, path in calls:
        method: object = ASYNC_CLIENT
        for part in path:
            method = getattr(method, part)
        name = f"client.{'.'.join(path)}(...)"
        if _awaitable(method):
            assert id(call) in consumed, f"{feature.id}: {name} is awaitable and is not awaited"
        else:
            assert id(call) not in consumed, f"{feature.id}: {name} is a plain method and must not be awaited"


# --- malformed catalogs ------------------------------------------------------------------------------------


def _write(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "features.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    for feature in raw["features"]:
        for variant in VARIANTS:
            source = CATALOG.root / feature["examples"][variant]
            if source.is_file():
                target = tmp_path / feature["examples"][variant]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _feature(raw: dict, feature_id: str) -> dict:  # type: ignore[type-arg]
    return next(f for f in raw["features"] if f["id"] == feature_id)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda raw: _feature(raw, "chat").pop("purpose"), r"feature 'chat': field 'purpose': Field required"),
        (
            lambda raw: _feature(raw, "files").update(category="storage"),
            r"feature 'files': field 'category': unknown category 'storage'",
        ),
        (lambda raw: _feature(raw, "images").update(side_effect="huge"), r"feature 'images': field 'side_effect'"),
        (lambda raw: _feature(raw, "models").update(stability="beta"), r"feature 'models': field 'stability'"),
        (
            lambda raw: raw["features"].append(dict(_feature(raw, "audio"))),
            r"duplicate feature id 'audio'",
        ),
        (
            lambda raw: _feature(raw, "evals")["title"].pop("en"),
            r"feature 'evals': field 'title.en': Field required",
        ),
        (
            lambda raw: _feature(raw, "batches")["examples"].update(sync="examples/nope.py"),
            r"feature 'batches': field 'examples.sync': no file 'examples/nope.py'",
        ),
    ],
    ids=[
        "missing-field",
        "unknown-category",
        "bad-side-effect",
        "bad-stability",
        "duplicate-id",
        "missing-language",
        "missing-example",
    ],
)
def test_malformed_catalog_names_feature_and_field(tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, mutate)
    with pytest.raises(CatalogError, match=expected):
        load_catalog(path)


def test_bad_yaml_names_the_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "features.yaml"
    path.write_text("categories: {generation: {zh: 生成, en: Generation}\nfeatures: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"(?s)features\.yaml: invalid YAML.*line \d+"):
        load_catalog(path)
