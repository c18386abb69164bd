# The HTTP cache of docker-compose.yml: the app is the `web` service's gunicorn.
vcl 4.1;

backend app {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

backend app_health {
    .host = "web";
    .port = "8000";
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
    }
}

include "labourhub.vcl";
