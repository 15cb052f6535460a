"""Pure rules of the olympiad: plain data in, plain data out. No Flask, no SQLAlchemy."""
