"""Forms of the meetings module: public and NGO forms in ``public``, office forms in ``staff``."""
