"""Every write of small grants, by topic:

- ``drafts``: ``small_grant_start``, ``small_grant_save``, ``small_grant_keep_input``, ``small_grant_discard_input``
  (the oferent's editor);
- ``filing``: ``small_grant_file``, ``small_grant_withdraw`` (the oferent's filing, with the limits of art. 19a);
- ``office``: ``year_plan_record``, ``small_grant_publish``, ``small_grant_decide`` (the office);
- ``comments``: ``comment_add`` (anyone, in the comment period), ``comment_hide`` (the office).
"""
