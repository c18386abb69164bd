"""The register compares accounts however they are typed or pasted."""

import pytest

from governance.register.account_keys import lookup_keys, normalise_account


@pytest.mark.parametrize(
    "typed",
    [
        "@BristolEastLabour",
        "bristoleastlabour",
        " BristolEastLabour ",
    ],
)
def test_a_handle_is_compared_without_at_sign_case_or_spaces(typed):
    assert normalise_account(typed) == "bristoleastlabour"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://x.com/BristolEastLabour",
        "http://www.twitter.com/bristoleastlabour/",
        "mobile.twitter.com/BristolEastLabour",
        "x.com//bristoleastlabour",
    ],
)
def test_an_address_is_compared_whatever_its_scheme_host_alias_or_slashes(pasted):
    assert normalise_account(pasted) == "x.com/bristoleastlabour"


def test_profile_paths_reduce_to_the_handle():
    assert normalise_account("https://bsky.app/profile/cardiff.bsky.social") == (
        "bsky.app/cardiff.bsky.social"
    )
    assert normalise_account("https://www.tiktok.com/@CardiffLabour") == "tiktok.com/cardifflabour"


def test_a_social_profile_link_also_finds_an_entry_kept_by_handle():
    assert lookup_keys("https://instagram.com/cardifflabour/") == {
        "instagram.com/cardifflabour",
        "cardifflabour",
    }


def test_a_group_or_channel_address_names_no_handle():
    assert lookup_keys("https://facebook.com/groups/123") == {"facebook.com/groups/123"}
    assert lookup_keys("https://youtube.com/channel/UC123") == {"youtube.com/channel/uc123"}


@pytest.mark.parametrize("broken", ["http://[x", "https://[::1/labour"])
def test_a_malformed_address_is_refused_for_the_form_to_explain(broken):
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        normalise_account(broken)


def test_nothing_typed_is_nothing():
    assert normalise_account("") == ""
    assert normalise_account(None) == ""
    assert lookup_keys("  ") == set()
