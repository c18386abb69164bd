# LabourHub's HTTP cache: Varnish in front of the app, purged by host when a site changes.
#
# This file holds the rules; a small file per deployment defines the backends and
# includes it (deploy/varnish/default.vcl for docker compose; `make serve`, the tests
# and the benchmark write their own, see labourhub/varnish.py). Two backends point at
# the same app:
#   app         answers every request;
#   app_health  is only probed (GET /healthz), to decide how stale a page may be served.
# Fetches never wait on the probe, so form posts still reach the app while it reports
# itself unwell (the broker down, say), and the app's own 503 page is shown when its
# database is down and nothing is cached.
#
# What is kept is what the app says is public (labourhub/http_cache.py): anonymous pages
# with `public, s-maxage=...`, static files. Everything else passes.

import std;

# Who may send bans: the app's own machines. Keep Varnish off the public network (the
# TLS terminator in front refuses BAN and PURGE from outside).
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    set req.backend_hint = app;
    set req.http.Host = std.tolower(req.http.Host);

    # BAN / with X-Ban-Host (a host name) and X-Ban-Url (a regular expression for the
    # path and query): drop every stored page of that host whose URL matches.
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Ban-Host !~ "^[a-z0-9.-]+$" || req.http.X-Ban-Url !~ "^\^\(?/[^\s\x22\\]*$") {
            return (synth(400, "Bad ban"));
        }
        ban("obj.http.x-host == " + req.http.X-Ban-Host + " && obj.http.x-url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.method == "PURGE") {
        return (synth(405, "Not allowed"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Never cached, whoever asks: must list exactly HTTP_CACHE_NEVER_CACHED_PATHS in
    # labourhub/settings/base.py (tests/platform/test_http_cache.py checks).
    if (req.url ~ "^/(admin/|accounts/|membersnet/|official/|healthz|sign-ups/|documents/|_util/|_tls/|csp-report/)") {
        return (pass);
    }

    # Trackers added to shared links don't make another page; parameters the pages
    # don't read would let anyone fill the cache with copies of one page.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)=[^&]*&?", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
    if (req.url ~ "\?" && req.url !~ "\?(page=[0-9]{1,6}|q=[^&]{0,100}|tag=[^&]{0,100})(&(page=[0-9]{1,6}|q=[^&]{0,100}|tag=[^&]{0,100}))*$") {
        return (pass);
    }

    # A signed-in visitor, or one with a message waiting, gets pages made for them.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # Someone who chose Welsh with a site's language switch is sent from its home page
    # to /cy/ by the app (constituencies.languages); every other address names its language.
    if (req.url == "/" && req.http.Cookie ~ "(^|;\s*)django_language=cy") {
        return (pass);
    }
    # Anyone else sees what every anonymous visitor sees: their other cookies (the CSRF
    # token, analytics) must not split the cache.
    unset req.http.Cookie;

    # Healthy: a page past its time is fetched again (within 10 s, served stale while it
    # is). Unwell: cached pages keep being served for up to a day.
    if (std.healthy(app_health)) {
        set req.grace = 10s;
    } else {
        set req.grace = 24h;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    # Canonical and share links carry the scheme.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # For bans: the host without its port, and the URL, kept on the object so the ban
    # lurker can test them without a request.
    set beresp.http.x-host = regsub(std.tolower(bereq.http.Host), ":[0-9]+$", "");
    set beresp.http.x-url = bereq.url;

    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # Keep serving the copy we have.
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Cache-Control !~ "(^|[,\s])public([,\s]|$)"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.status != 200) {
        # Don't store; don't make others wait on this URL either, for a while.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    set beresp.grace = 24h;
    if (beresp.http.Content-Type ~ "^(text/|application/(xml|rss\+xml|atom\+xml|json|javascript)|image/svg)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # The app could not be reached at all, and nothing was cached.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "60";
    set beresp.http.Cache-Control = "private, no-store";
    synthetic({"<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back shortly</title>
<style>body{margin:0;font-family:system-ui,sans-serif;color:#1d1d1b;line-height:1.5}header{background:#c8102e;color:#fff;padding:1rem 1.5rem;font-weight:700}main{max-width:40rem;padding:1.5rem}</style>
</head>
<body><header>LabourHub</header>
<main><h1>We'll be back shortly</h1>
<p>This site can't be reached just now. Please try again in a minute.</p></main>
</body>
</html>
"});
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # s-maxage is for this cache only, which is purged; any cache beyond it is not.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",?\s*s-maxage=[0-9]+", "");
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
