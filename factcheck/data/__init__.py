"""Vendored data files (gazetteer); read through ``importlib.resources`` so installs keep working."""
