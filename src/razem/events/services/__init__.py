"""Every write of the meetings module: meetings (``meetings``), registrations and check-in (``registrations``),
and NGO events submitted for the calendar (``ngo_events``)."""
