"""Named by settings.WAGTAIL_FINISH_WORKFLOW_ACTION, which Wagtail imports while its own models load:
this module must import nothing at the top, and hands over to ``review.finish_workflow`` at call time."""


def finish_workflow(workflow_state, user=None) -> None:
    from xxgk.catalog.review import finish_workflow as finish

    finish(workflow_state, user)
