from poolfund.geo.borders import land_neighbours, share_a_land_border


def test_costa_rica_borders_panama_and_nicaragua_only():
    assert land_neighbours("CRI") == {"PAN", "NIC"}


def test_land_borders_are_symmetric_and_islands_have_none():
    assert share_a_land_border("GTM", "MEX") and share_a_land_border("MEX", "GTM")
    assert land_neighbours("JAM") == frozenset()
    assert not share_a_land_border("CRI", "MEX")
