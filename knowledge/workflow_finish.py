"""``WAGTAIL_FINISH_WORKFLOW_ACTION``, kept apart from the models.

Wagtail imports this setting while ``wagtail.models`` itself is being imported, so this module
must not import any model at import time; the work is done in ``knowledge.models.review``.
"""


def publish_workflow_state(workflow_state, user=None) -> None:
    from knowledge.models.review import publish_workflow_state as publish

    publish(workflow_state, user=user)
