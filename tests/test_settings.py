from pathlib import Path

import pytest

from storydesk.errors import SettingsError, StorydeskError
from storydesk.registry import get, names, register
from storydesk.settings import Settings, describe, load_settings


def test_toml_overlays_only_the_keys_it_sets(tmp_path: Path) -> None:
    path = tmp_path / "storydesk.toml"
    path.write_text("summary_words = 80\n")
    settings = load_settings(path)
    assert settings.summary_words == 80
    assert settings.clusterer == Settings().clusterer


def test_overrides_win_and_none_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYDESK_DB", "from-env.db")
    assert load_settings().db == "from-env.db"
    assert load_settings(db="given.db").db == "given.db"
    assert load_settings(db=None).db == "from-env.db"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "Unknown setting"),
        ("summary_words = 'many'\n", "should be a int"),
        ("= broken", "not valid TOML"),
    ],
)
def test_bad_settings_file_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(SettingsError, match=message):
        load_settings(path)


def test_every_setting_has_help() -> None:
    assert all(help_text for _, _, help_text in describe())


def test_registry_refuses_a_second_registration_and_names_known_backends() -> None:
    @register("test-kind", "one.v1")
    def one() -> str:
        return "one"

    assert get("test-kind", "one.v1")() == "one"
    assert names("test-kind") == ["one.v1"]
    with pytest.raises(ValueError, match="already registered"):
        register("test-kind", "one.v1")(one)
    with pytest.raises(StorydeskError, match="known: one.v1"):
        get("test-kind", "two.v1")
