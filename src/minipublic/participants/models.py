"""The participants app's models, one module per part (Django finds them through this import)."""

from minipublic.participants.attendance_models import *  # noqa: F403
from minipublic.participants.message_models import *  # noqa: F403
from minipublic.participants.privacy_models import *  # noqa: F403
from minipublic.participants.support_models import *  # noqa: F403
