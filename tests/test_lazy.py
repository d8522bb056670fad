"""bot.core.lazy: a package's public names imported on first use."""

import importlib

import pytest

from bot.core.lazy import lazy_attributes


def test_names_resolve_to_their_modules_and_unknown_names_fail() -> None:
    get = lazy_attributes("pkg", {"dumps": "json", "OrderedDict": "collections"})
    assert get("dumps") is importlib.import_module("json").dumps
    assert get("OrderedDict") is importlib.import_module("collections").OrderedDict
    with pytest.raises(AttributeError, match="module 'pkg' has no attribute 'loads'"):
        get("loads")


def test_the_bot_package_keeps_its_contract_names() -> None:
    import bot

    assert {"Answer", "Chatbot", "Settings", "Source"} <= set(bot.__all__)
    assert bot.Settings is importlib.import_module("bot.core.settings").Settings
