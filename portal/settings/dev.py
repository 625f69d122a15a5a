"""Development settings: DEBUG on, console e-mail, a fixed local secret key."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "dev-only-insecure-key-for-the-local-kim-portal-never-use-in-production"
)

# The demo users sign in with their password alone (docs/operations.md, "Zwei-Faktor").
KIM_TWO_FACTOR_REQUIRED = env_bool("KIM_TWO_FACTOR_REQUIRED", False)
