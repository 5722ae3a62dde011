# Where the origin is and who may purge, inside docker compose: the site
# service (the one origin: it passes the staff's requests to the gateway), and purges from the compose network (the apps). Varnish's port is
# published on the host's 127.0.0.1 only, so nothing outside the machine can
# reach it, let alone purge.

backend origin {
    .host = "site";
    .port = "3000";
    .probe = origin_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}
