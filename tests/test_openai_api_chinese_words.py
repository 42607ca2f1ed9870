"""jieba's dictionary kept as a pickle for the search index of the Chinese pages: the same words and
frequencies as jieba's own loading, read back from the pickle, rebuilt when the pickle is torn, and left to jieba
for a dictionary of one's own."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import jieba
import pytest

from openai_api.docsite.chinese_words import use_kept_dictionary

SENTENCE = "我们在北京用模拟服务运行每一个示例"


@pytest.fixture(scope="module")
def jiebas_own(tmp_path_factory: pytest.TempPathFactory) -> jieba.Tokenizer:
    """A tokenizer initialised by jieba itself, with its marshal cache in a folder of the test's."""
    tokenizer: Any = jieba.Tokenizer()  # (jieba's `tmp_dir` reads as None-only to a type checker)
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba-own"))
    tokenizer.initialize()
    return tokenizer


def test_the_kept_dictionary_is_jiebas_own_and_cuts_alike(tmp_path: Path, jiebas_own: jieba.Tokenizer) -> None:
    tokenizer = jieba.Tokenizer()
    assert use_kept_dictionary(tmp_path, tokenizer)
    assert not tokenizer.initialized  # nothing loaded until a text is cut
    words = list(tokenizer.cut(SENTENCE))
    assert tokenizer.initialized
    assert tokenizer.total == jiebas_own.total
    assert tokenizer.FREQ == jiebas_own.FREQ
    assert words == list(jiebas_own.cut(SENTENCE))
    assert "北京" in words
    [kept] = tmp_path.glob("dictionary-*.pickle")
    assert pickle.loads(kept.read_bytes()) == (jiebas_own.FREQ, jiebas_own.total)


def test_a_later_load_reads_the_pickle_and_a_torn_one_is_built_again(
    tmp_path: Path, jiebas_own: jieba.Tokenizer
) -> None:
    first = jieba.Tokenizer()
    use_kept_dictionary(tmp_path, first)
    first.initialize()
    [kept] = tmp_path.glob("dictionary-*.pickle")
    kept.write_bytes(pickle.dumps(({"北京": 7, "北": 0}, 7)))  # stands for what the pickle holds
    second = jieba.Tokenizer()
    use_kept_dictionary(tmp_path, second)
    second.initialize()
    assert (second.FREQ, second.total) == ({"北京": 7, "北": 0}, 7)

    kept.write_bytes(b"torn")
    third = jieba.Tokenizer()
    use_kept_dictionary(tmp_path, third)
    third.initialize()
    assert third.FREQ == jiebas_own.FREQ
    assert pickle.loads(kept.read_bytes()) == (jiebas_own.FREQ, jiebas_own.total)


def test_a_dictionary_of_ones_own_is_loaded_by_jieba(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("模拟服务 5 n\n示例 3 n\n", encoding="utf-8")
    tokenizer: Any = jieba.Tokenizer(str(words))
    tokenizer.tmp_dir = str(tmp_path)
    use_kept_dictionary(tmp_path / "kept", tokenizer)
    tokenizer.initialize()
    assert tokenizer.total == 8
    assert tokenizer.FREQ["模拟服务"] == 5 and tokenizer.FREQ["模拟"] == 0
    assert not (tmp_path / "kept").exists()
