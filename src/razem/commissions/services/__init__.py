"""Every write of the competition commission: appointing (``members``), the declarations of impartiality
(``declarations``), the scores (``scores``), the proposed amounts and the opinion (``opinion``)."""
