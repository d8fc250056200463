"""Every write of the reports app: drafts and rows (``drafts``), filing (``filing``), the office's demand and review
(``review``), the settlement and the returns (``settlement``)."""
