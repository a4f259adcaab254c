"""Technology choice on hand-computable cases."""

from __future__ import annotations

import numpy as np

from sectorpath.engine.choice import Limit, choose, rank_scores


def test_lowest_cost_picks_the_cheapest_allowed_option() -> None:
    tco = np.array([[10.0, 8.0, 9.0], [10.0, 8.0, 9.0]])
    allowed = np.array([[True, True, True], [True, False, True]])
    scores = rank_scores(tco, np.zeros_like(tco), allowed, 1.0, 0.0)
    assert choose(scores, np.array([0, 0]), []).tolist() == [1, 2]


def test_fastest_abatement_picks_lowest_emissions_and_cost_breaks_ties() -> None:
    tco = np.array([[10.0, 30.0, 20.0]])
    emissions = np.array([[2.0, 0.1, 0.1]])
    scores = rank_scores(tco, emissions, np.ones((1, 3), bool), 0.02, 1.0)
    assert choose(scores, np.array([0]), []).tolist() == [2]


def test_cost_bands_rank_within_ten_percent_as_equal() -> None:
    # reference = 100 (cheapest non-excluded); 105 is in band 0, 120 band 1, 140 band 2
    tco = np.array([[100.0, 105.0, 120.0, 140.0, 50.0]])
    reference = np.array([True, True, True, True, False])  # the 50 never sets the reference
    scores = rank_scores(tco, np.zeros_like(tco), np.ones((1, 5), bool), 1.0, 0.0,
                         bands=(1.1, 1.3), reference=reference)
    assert scores[0].tolist() == [0.0, 0.0, 1.0, 2.0, 0.0]


def test_seeded_lottery_among_equal_options_is_reproducible() -> None:
    tco = np.full((200, 2), 100.0)
    allowed = np.ones((200, 2), bool)

    def draw(seed: int) -> np.ndarray:
        jitter = np.random.default_rng(seed).random(tco.shape)
        scores = rank_scores(tco, tco, allowed, 1.0, 0.0, bands=(1.1,), jitter=jitter)
        return choose(scores, np.zeros(200, int), [])

    first, again = draw(7), draw(7)
    assert (first == again).all()
    assert 60 < (first == 1).sum() < 140  # both options drawn, roughly half each


def test_limit_keeps_the_largest_gains_and_moves_the_rest_to_next_best() -> None:
    # three assets all prefer tech 1 (uses 10 units each), cap leaves room for two
    tco = np.array([[10.0, 1.0, 5.0], [10.0, 2.0, 3.0], [10.0, 1.0, 9.0]])
    scores = rank_scores(tco, np.zeros_like(tco), np.ones((3, 3), bool), 1.0, 0.0)
    use = np.tile([0.0, 10.0, 0.0], (3, 1))
    limit = Limit("h2", use=use, group=np.zeros(3, int), headroom=np.array([20.0]))
    choice = choose(scores, np.array([0, 0, 0]), [limit])
    assert choice.tolist() == [1, 2, 1]  # asset 1 gains least from tech 1 -> its next best
    assert use[np.arange(3), choice].sum() <= 20.0


def test_limit_is_per_region_group() -> None:
    tco = np.array([[2.0, 1.0], [2.0, 1.0]])
    scores = rank_scores(tco, np.zeros_like(tco), np.ones((2, 2), bool), 1.0, 0.0)
    use = np.array([[0.0, 5.0], [0.0, 5.0]])
    limit = Limit("scrap", use=use, group=np.array([0, 1]), headroom=np.array([5.0, 0.0]))
    assert choose(scores, np.array([0, 0]), [limit]).tolist() == [1, 0]


def test_asset_with_no_allowed_option_keeps_its_technology() -> None:
    scores = rank_scores(np.ones((1, 2)), np.ones((1, 2)), np.zeros((1, 2), bool), 1.0, 0.0)
    assert choose(scores, np.array([1]), []).tolist() == [1]


def test_budget_path_adds_up_and_never_goes_negative() -> None:
    from sectorpath.engine.simulate import budget_path

    gentle = budget_path(100.0, 2000.0, 31)  # a straight line ending at 2*2000/31 - 100
    assert abs(gentle.sum() - 2000.0) < 1e-9
    assert abs(gentle[-1] - (2 * 2000 / 31 - 100)) < 1e-9
    steep = budget_path(100.0, 500.0, 31)  # reaches zero after 2*500/100 = 10 years
    assert (steep >= 0).all() and steep[10:].max() == 0.0
    assert abs(steep.sum() - 500.0) < 1e-9 and steep[0] == 100.0


def test_take_until_per_group() -> None:
    from sectorpath.engine.grouped import cumsum_within, take_until

    groups = np.array([0, 0, 0, 1, 1])
    values = np.array([2.0, 2.0, 2.0, 5.0, 5.0])
    assert cumsum_within(groups, values).tolist() == [2, 4, 6, 5, 10]
    # group 0 needs 3 (two items: 2 then 2 overshoots), group 1 needs 0 (none)
    assert take_until(groups, values, np.array([3.0, 0.0])).tolist() == [True, True, False,
                                                                         False, False]
