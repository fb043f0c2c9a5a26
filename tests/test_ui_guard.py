"""The UI's Host and Origin checks as functions (the browser tests drive them for real)."""

from __future__ import annotations

import pytest

from qa_app.ui.security import host_policy, refusal

pytestmark = pytest.mark.unit

LOOP = host_policy("127.0.0.1")


def h(**headers: str) -> dict[str, str]:
    return {k.replace("_", "-"): v for k, v in headers.items()}


@pytest.mark.parametrize("host", ["127.0.0.1:7860", "localhost:7860", "[::1]:7860", "LOCALHOST", "127.0.0.1"])
def test_loopback_names_are_served(host):
    assert refusal("GET", h(host=host), LOOP) is None


@pytest.mark.parametrize("host", ["evil.example:7860", "rebind.test", "10.0.0.5:7860", ""])
def test_any_other_host_is_refused(host):
    assert "is not an address this UI serves" in refusal("GET", h(host=host), LOOP)


def test_configured_names_and_wildcard_binds():
    proxy = host_policy("127.0.0.1", ["qa.example.org"])
    assert refusal("GET", h(host="qa.example.org"), proxy) is None
    assert refusal("GET", h(host="other.example.org"), proxy) is not None
    anywhere = host_policy("0.0.0.0")  # login required there; any address of the machine is valid
    assert refusal("GET", h(host="192.168.1.20:7860"), anywhere) is None
    named = host_policy("0.0.0.0", ["qa.example.org"])
    assert refusal("GET", h(host="192.168.1.20:7860"), named) is not None
    assert refusal("GET", h(host="qa.example.org"), named) is None
    assert refusal("GET", h(host="10.1.2.3:7860"), host_policy("10.1.2.3")) is None


def test_state_changing_requests_must_come_from_the_same_origin():
    same = h(host="127.0.0.1:7860", origin="http://127.0.0.1:7860")
    assert refusal("POST", same, LOOP) is None
    assert refusal("POST", h(host="127.0.0.1:7860"), LOOP) is None  # no Origin: not a browser page
    assert refusal("POST", h(host="127.0.0.1:7860", origin="http://evil.example"), LOOP) == (
        "cross-origin request from http://evil.example")
    assert refusal("POST", h(host="127.0.0.1:7860", origin="http://127.0.0.1:9999"), LOOP) == (
        "cross-origin request from http://127.0.0.1:9999")
    assert "opaque origin" in refusal("PUT", h(host="127.0.0.1:7860", origin="null"), LOOP)
    assert refusal("GET", h(host="127.0.0.1:7860", origin="http://evil.example"), LOOP) is None  # reads: CORS applies
    assert refusal("GET", h(host="127.0.0.1:7860", origin="http://evil.example"), LOOP, websocket=True) is not None


def test_cross_site_fetches_are_refused_but_links_from_other_sites_open():
    assert refusal("GET", h(host="127.0.0.1:7860", sec_fetch_site="cross-site", sec_fetch_mode="cors"), LOOP) == (
        "cross-site request")
    assert refusal("GET", h(host="127.0.0.1:7860", sec_fetch_site="cross-site", sec_fetch_mode="navigate"), LOOP) is None
