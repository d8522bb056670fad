import numpy as np

from bot.index.embeddings import CountingEmbeddings, VectorCache, shared_model
from tests.fakes import FAKE_MODEL


def test_bundled_model_gives_unit_vectors(real_model: object) -> None:
    embeddings = CountingEmbeddings("")
    vectors = embeddings.embed_matrix(["data engineer", "data pipeline builder", "baking bread"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Related phrases are closer than unrelated ones: the model is real, not a stub.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_model_is_loaded_once_per_process(real_model: object) -> None:
    assert shared_model("") is real_model
    assert CountingEmbeddings("").model is real_model


def test_counting_and_cache() -> None:
    embeddings = CountingEmbeddings(FAKE_MODEL)
    cache = VectorCache(embeddings)
    first = cache.vectors(["a b", "c d", "a b"])
    assert embeddings.texts_embedded == 2
    again = cache.vectors(["c d"])
    assert embeddings.texts_embedded == 2
    assert np.allclose(first[1], again[0])
    assert cache.vectors([]).size == 0


def test_a_registered_model_serves_every_backend() -> None:
    from bot.index.embeddings import register_model, shared_model
    from tests.fakes import HashEmbeddings

    model = HashEmbeddings()
    register_model("registered-for-all", model)
    assert shared_model("registered-for-all") is model
    assert shared_model("registered-for-all", "onnx") is model
