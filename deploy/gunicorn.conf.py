"""gunicorn settings of the KIM-Portal: ``gunicorn --config deploy/gunicorn.conf.py``.

Machine-specific values come from the environment (the systemd unit reads them from
/etc/kim-portal/kim-portal.env; see docs/operations.md).
"""

import os

# Never fall back to the development settings (DEBUG on) on a server.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

wsgi_app = "portal.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# PDF exports (Handlungskonzept, Sachstandsbericht) may take a while on a small machine.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A fresh worker now and then keeps the memory of a long-running server flat.
max_requests = 1000
max_requests_jitter = 100
# The reverse proxy on the same machine sets X-Forwarded-Proto (https).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs to stderr, which systemd's journal keeps (journalctl -u kim-portal).
errorlog = "-"
accesslog = (
    "-"
    if os.environ.get("GUNICORN_ACCESS_LOG", "on").lower() in {"1", "on", "true", "yes"}
    else None
)
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
control_socket_disable = True  # systemd manages the server; nothing written to $HOME
