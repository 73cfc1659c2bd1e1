"""Framework-free computations for the deliberation room.

``allocation``: who sits at which table in each session, balanced on chosen features and
mixing people across sessions; ``equity``: speaking time per member, table and session
(shares, the Gini coefficient, silent members); ``timing``: the time planned and used
per agenda item and kind. No Django here: the ``deliberation`` app feeds these plain
data and stores what they return.
"""
