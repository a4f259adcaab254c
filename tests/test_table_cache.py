"""The cache of validated tables returns exactly what validation returns, and never lets a
changed or bad file through."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sectorpath import table_cache
from sectorpath.errors import InputError
from sectorpath.sectors import get_sector, sector_names
from sectorpath.tables import SCHEMAS, read_table


@pytest.fixture()
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(table_cache.ENVIRONMENT, str(folder))
    return folder


def _packaged_tables() -> list[Path]:
    paths = []
    for sector in sector_names():
        data = get_sector(sector).data_dir
        paths += [path for path in sorted(data.glob("*.csv")) if path.stem in SCHEMAS]
    return paths


def test_every_packaged_table_reads_back_from_the_cache_exactly(
        cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _packaged_tables()
    assert len(paths) > 50
    monkeypatch.setenv(table_cache.ENVIRONMENT, table_cache.OFF)
    validated = {path: read_table(path, path.stem) for path in paths}
    monkeypatch.setenv(table_cache.ENVIRONMENT, str(cache_folder))
    for path in paths:
        read_table(path, path.stem)  # fills the cache
    assert len(list(cache_folder.glob("*.parquet"))) == len({
        table_cache.key(path.read_bytes(), path.stem) for path in paths})
    for path, frame in validated.items():
        pd.testing.assert_frame_equal(read_table(path, path.stem), frame, check_exact=True)


def _prices(tmp_path: Path) -> Path:
    source = get_sector("steel").data_dir / "prices.csv"
    path = tmp_path / "prices.csv"
    path.write_bytes(source.read_bytes())
    return path


def test_a_file_made_bad_after_it_was_cached_is_refused(cache_folder: Path,
                                                         tmp_path: Path) -> None:
    path = _prices(tmp_path)
    read_table(path, "prices")
    frame = pd.read_csv(path)
    frame.loc[0, "value"] = -5.0
    frame.to_csv(path, index=False)
    with pytest.raises(InputError) as caught:
        read_table(path, "prices")
    assert caught.value.field == "value"


def test_a_bad_table_is_never_stored(cache_folder: Path, tmp_path: Path) -> None:
    path = _prices(tmp_path)
    frame = pd.read_csv(path)
    frame.loc[0, "value"] = float("nan")
    frame.to_csv(path, index=False)
    for _ in range(2):
        with pytest.raises(InputError):
            read_table(path, "prices")
    assert not list(cache_folder.glob("*.parquet"))


def test_an_unreadable_cache_file_is_replaced(cache_folder: Path, tmp_path: Path) -> None:
    path = _prices(tmp_path)
    expected = read_table(path, "prices")
    (stored,) = cache_folder.glob("*.parquet")
    stored.write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(read_table(path, "prices"), expected, check_exact=True)
    pd.testing.assert_frame_equal(pd.read_parquet(stored), expected, check_exact=True)


def test_the_cache_switched_off_writes_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(table_cache.ENVIRONMENT, table_cache.OFF)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    read_table(_prices(tmp_path), "prices")
    assert table_cache.folder() is None
    assert not (tmp_path / "xdg").exists()


def test_a_cache_folder_that_cannot_be_made_leaves_the_run_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(table_cache.ENVIRONMENT, str(blocker / "cache"))
    path = _prices(tmp_path)
    first = read_table(path, "prices")
    pd.testing.assert_frame_equal(read_table(path, "prices"), first, check_exact=True)


def test_the_oldest_tables_go_past_the_limit(cache_folder: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_cache, "MOST_FILES", 2)
    path = _prices(tmp_path)
    for price in (1.0, 2.0, 3.0):
        frame = pd.read_csv(path)
        frame.loc[0, "value"] = price
        frame.to_csv(path, index=False)
        read_table(path, "prices")
    assert len(list(cache_folder.glob("*.parquet"))) == 2
