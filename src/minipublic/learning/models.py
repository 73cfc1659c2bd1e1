"""The learning app's models, one module per part (Django finds them through this import)."""

from minipublic.learning.case_models import *  # noqa: F403
from minipublic.learning.library_models import *  # noqa: F403
from minipublic.learning.research_models import *  # noqa: F403
