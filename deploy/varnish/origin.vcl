# Where the origin is and who may purge, for `npm start` on this machine:
# the site (the one origin) on 127.0.0.1:3000, purges from this machine only.
# docker/origin.vcl is the docker compose variant; the e2e tests write their own.

backend origin {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = origin_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}
