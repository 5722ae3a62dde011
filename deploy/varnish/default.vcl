vcl 4.1;

# The newsroom's edge policy: Varnish in front of the readers' side.
#
# The origin decides how long a page may be kept (Cache-Control) and what it
# holds (Surrogate-Key); this file only refuses to cache what must never be
# shared between readers, and lets the origin drop pages by surrogate key
# (PURGE with xkey-purge) the moment they change. Everything that differs
# between deployments (where the origin is, who may purge) lives in
# `origin.vcl`, found on varnishd's vcl_path, so this file is the same on a
# laptop, in docker compose and in the e2e tests. See README.md beside it.

import std;
import xkey;

# The origin's /health answers 200 only while it can reach Postgres and Redis.
# A sick origin is what lets stale-if-error serve old pages instead of 503s.
probe origin_health {
    .url = "/health";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# Defines `backend origin` (using the probe above) and `acl purgers`.
include "origin.vcl";

sub vcl_recv {
    set req.backend_hint = origin;
    if (req.restarts == 0) {
        # our bookkeeping headers are never a client's to set
        unset req.http.x-newsroom-cache;
        unset req.http.x-newsroom-purged;
        unset req.http.x-newsroom-fresh-only;
        unset req.http.x-newsroom-stale-ok;
    } else if (req.http.x-newsroom-fresh-only) {
        # restarted from vcl_hit: no grace this time, fetch the page now
        set req.grace = 0s;
    } else if (req.http.x-newsroom-stale-ok) {
        # that fetch failed: the object's own grace (stale-if-error) again
        # (req.grace outlives a restart; the lower of the two applies)
        set req.grace = 365d;
    }

    if (req.method == "PURGE") {
        call newsroom_purge;
    }

    # The view beacon counts every view: a cached answer would swallow it.
    # Like every other non-GET, it always reaches the origin.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Staff-side paths (the desk, the staff API, operations) are per-user or
    # private: never cached and never even looked up, so a staff response can
    # not meet a reader's request in the cache.
    # A secret preview (/pratinjau/<token>) is one reader's and must stop
    # working the moment it is revoked: never kept, never looked up.
    if (req.url ~ "^/(desk|auth|users|drafts|review-queue|schedule|webhooks|metrics|docs|health|pratinjau)(/|\?|$)"
        || req.url ~ "^/articles/[^/?]+/") {
        return (pass);
    }

    # A staff member (bearer token or the desk's session cookie) sees their
    # own answers; the cache serves anonymous readers only.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)newsroom_session=") {
        return (pass);
    }

    # The readers' side sets no cookies it reads back: analytics and consent
    # cookies would otherwise make every reader's request a different one.
    unset req.http.Cookie;

    # Campaign and click-tracking parameters never change a page: drop them so
    # `?utm_source=x` is served from the same object as the bare URL. Other
    # parameters the pages do not use are the origin's job (it knows them).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(utm_[^=&]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|mc_cid|mc_eid|_ga)(=[^&]*)?(?=&|$)", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        # the same parameters in another order are the same page
        set req.url = std.querysort(req.url);
    }

    return (hash);
}

# PURGE with `xkey-purge: key1 key2` (or `Surrogate-Key: ...`) drops every
# object tagged with any of those keys; `xkey-softpurge` only expires them
# (kept for grace). Answered here, with the count, so the purger (the outbox
# relay) can tell a confirmed purge from a failure and retry.
sub newsroom_purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-softpurge) {
        set req.http.x-newsroom-purged = xkey.softpurge(req.http.xkey-softpurge);
    } else if (req.http.xkey-purge) {
        set req.http.x-newsroom-purged = xkey.purge(req.http.xkey-purge);
    } else if (req.http.Surrogate-Key) {
        set req.http.x-newsroom-purged = xkey.purge(req.http.Surrogate-Key);
    } else {
        return (synth(400, "PURGE needs an xkey-purge, xkey-softpurge or Surrogate-Key header"));
    }
    return (synth(200, "Purged"));
}

# The origin failed to refresh a page we still hold (stale-if-error): go back
# and serve the stale copy instead of the error.
sub newsroom_stale_if_error {
    if (resp.status >= 500 && req.http.x-newsroom-fresh-only) {
        unset req.http.x-newsroom-fresh-only;
        set req.http.x-newsroom-stale-ok = "1";
        return (restart);
    }
}

sub vcl_synth {
    call newsroom_stale_if_error;
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "application/json";
        if (resp.status == 200) {
            set resp.http.xkey-purged = req.http.x-newsroom-purged;
            set resp.body = {"{"purged":"} + req.http.x-newsroom-purged + "}";
        } else {
            set resp.body = {"{"statusCode":"} + resp.status + {","error":""} + resp.reason + {"""} + "}";
        }
        return (deliver);
    }
}

sub vcl_hit {
    # Past its s-maxage the object is only in grace. A healthy origin serves
    # stale pages for the origin's stale-while-revalidate only (kept in
    # x-newsroom-swr); the longer stale-if-error window is for a sick origin.
    # If that fetch fails, newsroom_stale_if_error comes back here with
    # x-newsroom-stale-ok and the stale page is served after all.
    if (obj.ttl < 0s && std.healthy(req.backend_hint) && !req.http.x-newsroom-stale-ok
        && obj.ttl + std.duration(obj.http.x-newsroom-swr + "s", 0s) < 0s) {
        if (req.restarts == 0) {
            set req.http.x-newsroom-fresh-only = "1";
            return (restart);
        }
    }
    set req.http.x-newsroom-cache = "HIT";
    if (obj.ttl < 0s) {
        set req.http.x-newsroom-cache = "STALE";
    }
}

sub vcl_miss {
    set req.http.x-newsroom-cache = "MISS";
}

sub vcl_pass {
    set req.http.x-newsroom-cache = "PASS";
}

sub vcl_backend_fetch {
    # our own request headers are no business of the origin's (it ignores
    # x-newsroom-fresh-only, which vcl_backend_response and _error read)
    unset bereq.http.x-newsroom-cache;
    unset bereq.http.x-newsroom-stale-ok;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }

    # An origin error. Refreshing a stale page in the background: keep the
    # page we have. Otherwise pass the error on without remembering it (a
    # hit-for-miss object would hide the stale page stale-if-error serves).
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || bereq.http.x-newsroom-fresh-only) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # Varnish already takes the TTL from s-maxage (else max-age) and grace
    # from stale-while-revalidate; what may never be shared is refused here,
    # whatever the TTL says: private or no-store answers, cookies being set.
    if (beresp.http.Cache-Control ~ "(?i)(^|,)\s*(private|no-store|no-cache)\b"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*"
        || beresp.ttl <= 0s) {
        # hit-for-miss: the next requests for this URL go straight to the
        # origin (no waiting list), and a later cacheable answer is cached
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # stale-while-revalidate -> the grace a healthy origin allows (see vcl_hit)
    set beresp.http.x-newsroom-swr = "0";
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=\d+") {
        set beresp.http.x-newsroom-swr = regsub(beresp.http.Cache-Control, "(?i)^.*stale-while-revalidate=(\d+).*$", "\1");
    }
    set beresp.grace = std.duration(beresp.http.x-newsroom-swr + "s", 0s);
    # stale-if-error -> a longer grace, used only while the origin is sick
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1") + "s", 0s);
    }
    # Keep the object a while longer for conditional requests to the origin
    # (a 304 refreshes it without a new body).
    set beresp.keep = 60s;

    # xkey indexes an object by its `xkey` header: the origin speaks the
    # common `Surrogate-Key` (space-separated), so copy it over.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_backend_error {
    # Refreshing a page we still hold: keep it (see newsroom_stale_if_error).
    if (bereq.http.x-newsroom-fresh-only) {
        return (abandon);
    }
    # An origin that does not answer: a 503 that says so, never cached.
    set beresp.http.Content-Type = "application/json";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = {"{"statusCode":503,"error":"Service Unavailable","message":"the origin did not answer"} + {"""} + "}";
    return (deliver);
}

sub vcl_deliver {
    call newsroom_stale_if_error;
    # Surrogate keys and our bookkeeping are for the edge, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.x-newsroom-swr;
    set resp.http.X-Cache = req.http.x-newsroom-cache;
    if (!resp.http.X-Cache) {
        set resp.http.X-Cache = "PASS";
    }
}
